-- expect: 99-case.lua:4:24: error: '}' expected near '='; angka sebagai kunci tabel ditulis dalam kurung siku: [2024] = ...
-- A target per year written as in other languages: Lua wants [2024] = 80.
indikator { id = "buka_target", label = "Buka bertarget", pembilang = "hari_buka",
            target = { 2024 = 80 } }
