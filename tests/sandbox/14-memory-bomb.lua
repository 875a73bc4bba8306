-- expect: 99-case.lua: error: aturan dihentikan karena memakai lebih dari 256 MiB memori
-- A table that grows without bound.
local t = {}
while true do t[#t + 1] = string.rep("x", 100000) .. #t end
