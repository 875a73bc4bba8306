-- expect: 99-case.lua:5: error: indikator "lari" untuk records/rekap.yaml pada 2023-Q1: aturan dihentikan setelah berjalan 1 detik CPU
-- A rumus that never returns names the indicator, the node and the quarter.
indikator {
  id = "lari", label = "Lari",
  rumus = function(wilayah, periode) while true do end end,
}
