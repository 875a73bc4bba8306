-- expect: 99-case.lua:5: error: penilaian records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2024-Q1: pos.sarana.kotak_p3x: "kotak_p3x" tidak ada di daftar sarana { }; maksudnya pos.sarana.kotak_p3k?
-- A facility id misspelt (no such sarana { }) read nil: every post lacked it.
sarana { id = "kotak_p3k", label = "Kotak P3K" }
penilaian(function(pos)
  local ok = pos.sarana.kotak_p3x == true
  return { tingkat = "pratama", skor = 0, kriteria = { { id = "k", label = "P3K", terpenuhi = ok } } }
end)
