-- expect: 99-case.lua: error: aturan dihentikan karena memakai lebih dari 256 MiB memori
-- One gigantic string (a gigabyte).
local s = string.rep("x", 1000000000)
