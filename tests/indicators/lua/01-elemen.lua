-- Elements of the indicator fixture: one of each type and aggregation.
elemen { id = "hari_buka", label = "Hari buka", agregasi = "sum", min = 0, max = 31 }
elemen { id = "jam_buka", label = "Jam buka per hari", tipe = "desimal", agregasi = "average",
         min = 0, max = 24 }
elemen { id = "pekerja", label = "Pekerja", per_jenis_kelamin = true, agregasi = "last" }
elemen { id = "sakit", label = "Pekerja sakit", per_jenis_kelamin = true, agregasi = "sum" }
elemen { id = "dilayani", label = "Pekerja sakit dilayani", agregasi = "sum" }
elemen { id = "penyuluhan_ada", label = "Ada penyuluhan", tipe = "ya_tidak", agregasi = "max" }

tingkat { id = "pratama", label = "Pratama" }
tingkat { id = "madya", label = "Madya" }
batas_lapor(10)
