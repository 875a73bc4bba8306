-- expect: 99-case.lua:5: error: indikator "awal" untuk records/rekap.yaml pada 2023-Q1: nilai: indikator "akhir" juga dihitung dengan rumus dan belum dihitung
-- Reading a rumus indicator that is defined later.
indikator {
  id = "awal", label = "Awal",
  rumus = function(wilayah, periode) return (wilayah:nilai("akhir", periode)) end,
}
indikator { id = "akhir", label = "Akhir", rumus = function() return 1 end }
