-- expect: 99-case.lua:5:40: error: 'end' expected (to close 'function' at line 4) near '<\226>'; baris ini berisi ≥ (U+2265), tanda lebih dari atau sama dengan dari pengolah kata, halaman web atau ponsel: tulis >= sebagai gantinya
-- A comparison copied from a document ("pos_ada ≥ 1"): the sign is named with the two
-- characters Lua needs; one inside a string or a comment of the line is no matter.
besaran { id = "ada_x", label = "≥ 1 (teks)", rumus = function(q)
  local s = "≥ \" ’"; return q.pos_ada ≥ 1 -- bukan "≥"
end, lokal = true }
