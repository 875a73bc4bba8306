-- expect: 99-case.lua:3: error: penilaian records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2024-Q1: kriteria "papan": kunci "nama" tidak dikenal; yang ada: id, label, terpenuhi, saran
-- A criterion whose label is named "nama" vanished from every page.
penilaian(function(pos)
  return { tingkat = "pratama", skor = 0,
           kriteria = { { id = "papan", nama = "Papan nama", terpenuhi = true } } }
end)
