-- expect: 99-case.lua:5:15: error: '}' expected (to close '{' at line 4) near '='; angka sebagai kunci tabel ditulis dalam kurung siku: [2024] = ...
-- A target per year over several lines: the key stands first on its line.
indikator { id = "buka_target", label = "Buka bertarget", pembilang = "hari_buka",
            target = {
              2024 = 80,
            } }
