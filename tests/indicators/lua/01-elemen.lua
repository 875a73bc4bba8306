-- Elements of the indicator fixture: one of each type and aggregation, each
-- aggregation under its Indonesian name and "sum" also under its English one.
elemen { id = "hari_buka", label = "Hari buka", agregasi = "jumlah", min = 0, max = 31 }
elemen { id = "jam_buka", label = "Jam buka per hari", tipe = "desimal", agregasi = "rata_rata",
         min = 0, max = 24 }
elemen { id = "pekerja", label = "Pekerja", per_jenis_kelamin = true, agregasi = "terakhir" }
elemen { id = "sakit", label = "Pekerja sakit", per_jenis_kelamin = true, agregasi = "sum" }
elemen { id = "dilayani", label = "Pekerja sakit dilayani", agregasi = "sum" }
elemen { id = "penyuluhan_ada", label = "Ada penyuluhan", tipe = "ya_tidak", agregasi = "tertinggi" }

tingkat { id = "pratama", label = "Pratama" }
tingkat { id = "madya", label = "Madya" }
batas_lapor(10)
