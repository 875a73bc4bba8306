-- expect: 99-case.lua:3: error: "require" tidak tersedia
-- Loading a C module (and with it the network).
local socket = require("socket")
