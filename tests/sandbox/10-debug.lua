-- expect: 99-case.lua:3: error: "debug" tidak tersedia
-- Removing the instruction hook that stops runaway rules.
debug.sethook()
