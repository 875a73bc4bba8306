-- expect: 99-case.lua:4: error: penilaian records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2024-Q1: tingkat "(kosong)" tidak didefinisikan dengan tingkat { ... }
-- A result whose __index raises an error is read without it: the error
-- had nowhere to go and aborted rekap.
penilaian(function(pos)
  return setmetatable({}, { __index = function() error("boom") end })
end)
