-- expect: 99-case.lua:3: error: string.dump tidak tersedia
-- Producing bytecode to load later.
local code = string.dump(function() return 1 end)
