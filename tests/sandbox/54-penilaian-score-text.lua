-- expect: 99-case.lua:3: error: penilaian records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2024-Q1: skor harus berupa angka 0–100, bukan teks "40%"
-- A score written as text ("40%") was published as 0.
penilaian(function(pos)
  return { tingkat = "pratama", skor = 40 .. "%" }
end)
