-- expect: 99-case.lua:3: error: "loadfile" tidak tersedia
-- Loading another Lua file.
local f = loadfile("/tmp/x.lua")
