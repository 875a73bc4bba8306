-- expect: 99-case.lua:4: error: indikator "per_pos" untuk records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2023-Q1: rumus menghasilkan inf (tak hingga), yang tidak dapat diterbitkan; biasanya karena membagi dengan nol: periksa pembaginya lebih dulu dan kembalikan nil bila tidak ada nilai
-- Dividing by a count that can be 0 (here the number of posts less one)
-- gives an infinity in Lua, which would be published as "inf%": refused.
indikator {
  id = "per_pos", label = "Per pos",
  rumus = function(wilayah, periode) return 1 / (#wilayah.pos - 1) end,
}
