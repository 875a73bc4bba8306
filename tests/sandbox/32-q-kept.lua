-- expect: q.pos_ada dibaca di luar rumus besaran
-- A besaran's q is read from the post it is evaluated for: kept and read
-- later, from an indicator's rumus, it is refused rather than read stale.
local simpan
besaran {
  id = "simpan_q", label = "Simpan q",
  rumus = function(q) simpan = q; return 1 end,
}
indikator {
  id = "baca_lagi", label = "Baca lagi",
  rumus = function(wilayah, periode) return simpan and simpan.pos_ada end,
}
