-- expect: 99-case.lua:3: error: indikator "teks" untuk records/rekap.yaml pada 2023-Q1: rumus harus menghasilkan angka, nil, atau { pembilang = ..., penyebut = ... }
-- A rumus returning text.
indikator {
  id = "teks", label = "Teks",
  rumus = function(wilayah, periode) return "banyak" end,
}
