-- expect: 99-case.lua:3: error: nama "indikatr" tidak dikenal; maksudnya "indikator"?
-- A misspelt definition function: the nearest name is suggested.
indikatr { id = "x", label = "X", pembilang = "sakit" }
