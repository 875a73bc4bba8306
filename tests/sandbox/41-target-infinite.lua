-- expect: 99-case.lua:3: error: "target" harus berupa angka terhingga, bukan inf
-- math.huge as a target would make every value fall short of it.
indikator {
  id = "t", label = "T",
  pembilang = "sakit",
  target = math.huge,
}
