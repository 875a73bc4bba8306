-- Data elements: the columns of laporan.csv.
-- Elemen data: kolom-kolom laporan.csv.
--
-- Each block declares one element. per_jenis_kelamin = true makes two
-- columns, <id>_l (laki-laki) and <id>_p (perempuan), as on form LBKP-1.
-- agregasi says how three months add up to a quarter:
--   "sum"     counts, added up            "last"    stocks, the last reported value
--   "max"     the highest monthly value   "average" the mean of reported months
-- min and max bound every cell; check reports values outside them.

elemen {
  id = "hari_buka",
  label = "Hari buka",
  arti = "Jumlah hari pos membuka pelayanan dalam sebulan.",
  agregasi = "sum",
  min = 0, max = 31,
}

elemen {
  id = "pekerja",
  label = "Pekerja terdaftar",
  arti = "Jumlah pekerja yang terdaftar sebagai anggota pos (stok, bukan jumlah bulanan).",
  per_jenis_kelamin = true,
  agregasi = "last",
  min = 0, max = 100000,
}

elemen {
  id = "kunjungan",
  label = "Kunjungan pekerja",
  arti = "Jumlah kunjungan pekerja yang dilayani di pos.",
  per_jenis_kelamin = true,
  agregasi = "sum",
  min = 0, max = 100000,
}

elemen {
  id = "sakit",
  label = "Pekerja sakit",
  arti = "Jumlah pekerja sakit yang datang atau ditemukan kader.",
  per_jenis_kelamin = true,
  agregasi = "sum",
  min = 0, max = 100000,
}

elemen {
  id = "sakit_dilayani",
  label = "Pekerja sakit yang dilayani",
  arti = "Jumlah pekerja sakit yang mendapat pelayanan (P3K, P3P atau rujukan).",
  per_jenis_kelamin = true,
  agregasi = "sum",
  min = 0, max = 100000,
}

elemen {
  id = "penyakit_umum",
  label = "Kasus penyakit umum",
  arti = "Jumlah kasus penyakit umum di antara pekerja.",
  agregasi = "sum",
  min = 0, max = 100000,
}

elemen {
  id = "pak",
  label = "Dugaan penyakit akibat kerja (PAK)",
  arti = "Jumlah kasus dugaan penyakit akibat kerja.",
  agregasi = "sum",
  min = 0, max = 100000,
}

elemen {
  id = "kak",
  label = "Kecelakaan akibat kerja (KAK)",
  arti = "Jumlah kasus kecelakaan kerja.",
  agregasi = "sum",
  min = 0, max = 100000,
}

elemen {
  id = "rujukan",
  label = "Rujukan",
  arti = "Jumlah pekerja yang dirujuk ke puskesmas atau rumah sakit.",
  agregasi = "sum",
  min = 0, max = 100000,
}

elemen {
  id = "penyuluhan",
  label = "Penyuluhan",
  arti = "Jumlah sesi penyuluhan kesehatan kerja.",
  agregasi = "sum",
  min = 0, max = 1000,
}

elemen {
  id = "ukur_tb_bb",
  label = "Pengukuran TB/BB",
  arti = "Jumlah pengukuran tinggi dan berat badan pekerja.",
  agregasi = "sum",
  min = 0, max = 100000,
}
