-- Satu elemen ya/tidak (rapat_kader): isinya 1 atau 0, bukan kata.
-- One yes/no element (rapat_kader): its cells hold 1 or 0, not words.
elemen { id = "hari_buka", label = "Hari buka", lokal = true }
elemen { id = "rapat_kader", label = "Pertemuan kader", tipe = "ya_tidak", agregasi = "tertinggi",
         lokal = true }
sarana { id = "papan_nama", label = "Papan nama" }
sarana { id = "kotak_p3k", label = "Kotak P3K" }
sumber_dana { id = "puskesmas", label = "Puskesmas" }
tingkat { id = "pratama", label = "Pratama" }
