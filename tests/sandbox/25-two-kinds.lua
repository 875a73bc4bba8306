-- expect: 99-case.lua:3: error: indikator "dua": tulis salah satu saja: pembilang (dengan atau tanpa penyebut), persen_pos, atau rumus
-- An indicator that is both a ratio and a share of posts.
indikator { id = "dua", label = "Dua", pembilang = "sakit", persen_pos = "pos_aktif" }
