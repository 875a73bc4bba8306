-- expect: 99-case.lua:3: error: "load" tidak tersedia
-- Loading precompiled bytecode.
local f = load("\27LuaT\0\25\147\r\n\26\n\4\8\8")
