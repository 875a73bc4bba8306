-- expect: 99-case.lua:5: error: indikator "ubah" untuk records/rekap.yaml pada 2023-Q1: wilayah dan periode hanya dapat dibaca
-- The view of the records cannot be changed.
indikator {
  id = "ubah", label = "Ubah",
  rumus = function(wilayah, periode) wilayah.nama = "lain" end,
}
