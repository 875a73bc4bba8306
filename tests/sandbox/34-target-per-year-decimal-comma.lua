-- expect: 99-case.lua:6: error: target { ... }: angka desimal di Lua memakai titik: tulis 72.5, bukan 72,5
-- The same in a target per year: { [2024] = 72,5 } holds 72 and a field 5.
indikator {
  id = "t",
  label = "T",
  target = { [2023] = 70, [2024] = 72,5 },
  pembilang = "sakit",
}
