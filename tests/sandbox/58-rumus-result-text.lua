-- expect: 99-case.lua:3: error: indikator "kenaikan" untuk records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2023-Q1: penyebut harus berupa angka atau nil, bukan teks "100"
-- A side given as text is named with what it holds.
indikator {
  id = "kenaikan", label = "Kenaikan", faktor = 100, satuan = "%",
  rumus = function(wilayah, periode)
    return { pembilang = 5, penyebut = tostring(100) }
  end,
}
