-- expect: 99-case.lua:3: error: "coroutine" tidak tersedia
-- Coroutines (a way around the hook in some Lua versions).
local co = coroutine.create(function() end)
