-- expect: 99-case.lua:3: error: "dofile" tidak tersedia
-- Running another Lua file.
dofile("/etc/passwd")
