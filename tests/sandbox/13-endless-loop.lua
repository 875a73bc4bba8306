-- expect: 99-case.lua:3: error: aturan dihentikan setelah berjalan 1 detik CPU
-- A loop that never ends, while the rules are loaded.
while true do end
