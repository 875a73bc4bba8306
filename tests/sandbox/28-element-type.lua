-- expect: 99-case.lua:3: error: tipe "pecahan" tidak dikenal; pilih bulat, desimal atau ya_tidak
-- An unknown element type.
elemen { id = "berat", label = "Berat", tipe = "pecahan" }
