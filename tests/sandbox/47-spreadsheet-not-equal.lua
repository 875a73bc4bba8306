-- expect: 99-case.lua:5:20: error: unexpected symbol near '>'; Lua menulis "tidak sama dengan" sebagai ~=, bukan <>
-- "Not equal" as a spreadsheet formula writes it (<>): the message names Lua's ~=,
-- at the column of the operator.
besaran { id = "buka_x", label = "Buka", lokal = true, rumus = function(q)
  return q.pos_ada <> 0
end }
