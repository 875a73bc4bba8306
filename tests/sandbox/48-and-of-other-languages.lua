-- expect: 99-case.lua:5:44: error: unexpected symbol near '&'; Lua menulis "dan" sebagai and, bukan &&
-- "And" as C, JavaScript or PHP write it: the message names Lua's and; a "&&" inside
-- a string before it on the line is no matter.
besaran { id = "buka_y", label = "Buka", lokal = true, rumus = function(q)
  local s = "&& ||"; return q.pos_ada == 1 && q.bulan_aktif == 3
end }
