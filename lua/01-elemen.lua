-- Elemen data: kolom-kolom laporan.csv. Satu blok elemen { } adalah satu elemen;
-- per_jenis_kelamin = true memberi dua kolom, <id>_l (laki-laki) dan <id>_p (perempuan),
-- seperti formulir LBKP-1. agregasi: "jumlah" (dijumlah), "terakhir" (stok: nilai terakhir),
-- "tertinggi" atau "rata_rata"; nama Inggrisnya (sum, last, max, average) juga diterima.
-- min dan max membatasi setiap sel; rekap check melaporkan nilai di luarnya.
-- Data elements: the columns of laporan.csv. One elemen { } block is one element;
-- per_jenis_kelamin = true makes two columns, <id>_l (men) and <id>_p (women), as on form
-- LBKP-1. agregasi adds three months up to a quarter: "jumlah" (sum), "terakhir" (the last
-- value, for stocks), "tertinggi" (max) or "rata_rata" (average). min and max bound every cell.

elemen {
  id = "hari_buka",
  label = "Hari buka",
  arti = "Jumlah hari pos membuka pelayanan dalam sebulan.",
  label_en = "Days open",
  arti_en = "Days the post offered services in the month.",
  agregasi = "jumlah",
  min = 0, max = 31,
}

elemen {
  id = "pekerja",
  label = "Pekerja terdaftar",
  arti = "Jumlah pekerja yang terdaftar sebagai anggota pos (stok, bukan jumlah bulanan).",
  label_en = "Registered workers",
  arti_en = "Workers registered as members of the post (a stock, not a monthly count).",
  per_jenis_kelamin = true,
  agregasi = "terakhir",
  min = 0, max = 100000,
}

elemen {
  id = "kunjungan",
  label = "Kunjungan pekerja",
  arti = "Jumlah kunjungan pekerja yang dilayani di pos.",
  label_en = "Worker visits",
  arti_en = "Visits by workers served at the post.",
  per_jenis_kelamin = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
}

elemen {
  id = "sakit",
  label = "Pekerja sakit",
  arti = "Jumlah pekerja sakit yang datang atau ditemukan kader.",
  label_en = "Sick workers",
  arti_en = "Sick workers who came or were found by cadres.",
  per_jenis_kelamin = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
}

elemen {
  id = "sakit_dilayani",
  label = "Pekerja sakit yang dilayani",
  arti = "Jumlah pekerja sakit yang mendapat pelayanan (P3K, P3P atau rujukan).",
  label_en = "Sick workers served",
  arti_en = "Sick workers who received care (first aid, first aid for illness, or referral).",
  per_jenis_kelamin = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
}

elemen {
  id = "penyakit_umum",
  label = "Kasus penyakit umum",
  arti = "Jumlah kasus penyakit umum di antara pekerja.",
  label_en = "General illness cases",
  arti_en = "Cases of general illness among workers.",
  agregasi = "jumlah",
  min = 0, max = 100000,
}

elemen {
  id = "pak",
  label = "Dugaan penyakit akibat kerja (PAK)",
  arti = "Jumlah kasus dugaan penyakit akibat kerja.",
  label_en = "Suspected occupational diseases (PAK)",
  arti_en = "Cases of suspected occupational disease.",
  agregasi = "jumlah",
  min = 0, max = 100000,
}

elemen {
  id = "kak",
  label = "Kecelakaan akibat kerja (KAK)",
  arti = "Jumlah kasus kecelakaan kerja.",
  label_en = "Work accidents (KAK)",
  arti_en = "Work accident cases.",
  agregasi = "jumlah",
  min = 0, max = 100000,
}

elemen {
  id = "rujukan",
  label = "Rujukan",
  arti = "Jumlah pekerja yang dirujuk ke puskesmas atau rumah sakit.",
  label_en = "Referrals",
  arti_en = "Workers referred to the puskesmas or a hospital.",
  agregasi = "jumlah",
  min = 0, max = 100000,
}

elemen {
  id = "penyuluhan",
  label = "Penyuluhan",
  arti = "Jumlah sesi penyuluhan kesehatan kerja.",
  label_en = "Counselling sessions",
  arti_en = "Occupational health counselling sessions.",
  agregasi = "jumlah",
  min = 0, max = 1000,
}

elemen {
  id = "ukur_tb_bb",
  label = "Pengukuran TB/BB",
  arti = "Jumlah pengukuran tinggi dan berat badan pekerja.",
  label_en = "Height and weight checks",
  arti_en = "Height and weight measurements of workers.",
  agregasi = "jumlah",
  min = 0, max = 100000,
}

-- Orang, bukan kunjungan: indikator RPJMN 2025–2029 04.11.01.05 menghitung pekerja yang
-- dilayani. Kolomnya boleh tidak ada (opsional): laporan.csv lama tetap sah, dan pos tanpa
-- kolom ini tidak ikut dihitung dalam indikator itu.
-- People, not visits: RPJMN 2025–2029 indicator 04.11.01.05 counts the workers served. The
-- columns may be left out (opsional): older laporan.csv files stay valid, and a post without
-- them does not count in that indicator.
elemen {
  id = "pekerja_dilayani",
  label = "Pekerja yang mendapat pelayanan kesehatan kerja",
  arti = "Jumlah orang (bukan kunjungan) yang mendapat pelayanan kesehatan kerja di pos dalam sebulan, termasuk pemeriksaan kesehatan dan skrining faktor risiko; pekerja yang datang beberapa kali dihitung sekali. Triwulan memakai nilai bulan tertinggi: orang yang sama dapat dilayani lagi di bulan berikutnya, sehingga menjumlah tiga bulan menghitungnya dua kali, sedangkan bulan tertinggi adalah jumlah orang yang pasti dilayani dalam triwulan (batas bawah).",
  label_en = "Workers who received occupational health services",
  arti_en = "People (not visits) who received occupational health services at the post in the month, check-ups and risk screening included; a worker who came several times counts once. A quarter takes the highest month: the same person may be served again the next month, so adding three months would count them twice, while the highest month is the number of people surely served in the quarter (a lower bound).",
  per_jenis_kelamin = true,
  agregasi = "tertinggi",
  opsional = true,
  min = 0, max = 100000,
  sumber = "RPJMN 2025–2029, indikator 04.11.01.05 (pembilang)",
}
