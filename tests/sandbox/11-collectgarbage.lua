-- expect: 99-case.lua:3: error: "collectgarbage" tidak tersedia
-- Steering the garbage collector.
collectgarbage("stop")
