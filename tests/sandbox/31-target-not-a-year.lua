-- expect: 99-case.lua:3: error: target per tahun ditulis { [2024] = 80, [2025] = 85 }
-- A list where years are expected.
indikator { id = "t", label = "T", pembilang = "sakit", target = { 75, [2025] = 85 } }
