-- expect: 99-case.lua:5: error: indikator "salah" untuk records/rekap.yaml pada 2023-Q1: jumlah: "sakitt" bukan elemen atau besaran yang dikenal
-- A misspelt quantity in jumlah.
indikator {
  id = "salah", label = "Salah",
  rumus = function(wilayah, periode) return wilayah:jumlah("sakitt", periode) end,
}
