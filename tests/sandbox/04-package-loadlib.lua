-- expect: 99-case.lua:3: error: "package" tidak tersedia
-- Loading a C function from a shared library.
local system = package.loadlib("libc.so.6", "system")
