-- expect: 99-case.lua:3: error: nama "indikatr" tidak dikenal; periksa ejaannya
-- A misspelt definition function.
indikatr { id = "x", label = "X", pembilang = "sakit" }
