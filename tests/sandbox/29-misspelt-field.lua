-- expect: 99-case.lua:3: error: indikator: isian "traget" tidak dikenal; maksudnya "target"?
-- A misspelt field would otherwise be ignored.
indikator { id = "t", label = "T", pembilang = "sakit", traget = 80 }
