-- expect: 99-case.lua:3: error: penilaian records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2024-Q1: kriteria "papan": terpenuhi harus true atau false, bukan teks "tidak"
-- terpenuhi = "tidak" is true to Lua: the criterion was shown met.
penilaian(function(pos)
  return { tingkat = "pratama", skor = 0,
           kriteria = { { id = "papan", label = "Papan nama", terpenuhi = "tidak" } } }
end)
