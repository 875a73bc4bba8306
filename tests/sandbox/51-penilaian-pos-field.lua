-- expect: 99-case.lua:5: error: penilaian records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2024-Q1: pos tidak punya "pekrja"; maksudnya pos.pekerja?
-- A field of pos misspelt in the assessment read nil and failed the
-- criterion for every post without a word.
penilaian(function(pos)
  local ok = (pos.pekrja or 0) >= 10
  return { tingkat = "pratama", skor = 0, kriteria = { { id = "k", label = "Pekerja", terpenuhi = ok } } }
end)
