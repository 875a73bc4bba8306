-- expect: 99-case.lua:3: error: indikator "kenaikan" untuk records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2023-Q1: rumus menghasilkan kunci "penyebt" yang tidak dikenal; maksudnya "penyebut"?
-- penyebt for penyebut made the ratio a count (5.000% where 5% was meant).
indikator {
  id = "kenaikan", label = "Kenaikan", faktor = 100, satuan = "%",
  rumus = function(wilayah, periode)
    return { pembilang = 5, penyebt = 100 }
  end,
}
