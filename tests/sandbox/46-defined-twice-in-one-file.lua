-- expect: 99-case.lua:5: error: "rapat" sudah didefinisikan (pertama di baris 4); pilih id lain
-- An element written twice in one file: the message names the line of the first.

elemen { id = "rapat", label = "Rapat", tipe = "ya_tidak", agregasi = "tertinggi" }
elemen { id = "rapat", label = "Rapat kader", tipe = "ya_tidak", agregasi = "tertinggi" }
