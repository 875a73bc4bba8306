-- expect: 99-case.lua:3: error: string.dump tidak tersedia
-- Reaching string.dump through the string metatable.
local code = getmetatable("").__index.dump(function() end)
