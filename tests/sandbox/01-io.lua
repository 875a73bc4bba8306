-- expect: 99-case.lua:3: error: "io" tidak tersedia: aturan berjalan di kotak pasir
-- Reading a file.
local f = io.open("/etc/passwd")
