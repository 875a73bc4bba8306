-- expect: 99-case.lua:9: error: indikator { ... }: angka desimal di Lua memakai titik: tulis 7.5, bukan 7,5
-- "target = 7,5" is target = 7 and a field 5 without a name; the error is
-- at the line of the comma, not at the line of "indikator {". The "= 1,5"
-- in the string and in the comment below must not be taken for it.
indikator {
  id = "t",
  label = "T = 1,5", -- faktor = 1,5
  pembilang = "sakit",
  target = 7,5,
}
