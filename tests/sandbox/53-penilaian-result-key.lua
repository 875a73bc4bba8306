-- expect: 99-case.lua:3: error: penilaian records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2024-Q1: tabel hasil: kunci "score" tidak dikenal; maksudnya "skor"?
-- "score" for "skor": every post was published with a score of 0.
penilaian(function(pos)
  return { tingkat = "pratama", score = 40 }
end)
