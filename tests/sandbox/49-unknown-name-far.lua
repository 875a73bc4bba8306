-- expect: 99-case.lua:4: error: nama "kabupatenku" tidak dikenal; periksa ejaannya
-- A name far from every global one: no suggestion, only the name. (The nearest names
-- of the sandbox, as indikator for indikatr, are suggested: case 24.)
local x = kabupatenku
