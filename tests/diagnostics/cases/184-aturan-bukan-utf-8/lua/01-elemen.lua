-- Elemen data: kolom-kolom laporan.csv. Satu blok elemen { } adalah satu elemen;
-- per_jenis_kelamin = true memberi dua kolom, <id>_l (laki-laki) dan <id>_p (perempuan),
-- seperti formulir LBKP-1. agregasi: "jumlah" (dijumlah), "terakhir" (stok: nilai terakhir),
-- "tertinggi" atau "rata_rata"; nama Inggrisnya (sum, last, max, average) juga diterima.
-- min dan max membatasi setiap sel; rekap check melaporkan nilai di luarnya.
-- Data elements: the columns of laporan.csv. One elemen { } block is one element;
-- per_jenis_kelamin = true makes two columns, <id>_l (men) and <id>_p (women), as on form
-- LBKP-1. agregasi adds three months up to a quarter: "jumlah" (sum), "terakhir" (the last
-- value, for stocks), "tertinggi" (max) or "rata_rata" (average). min and max bound every cell.
--
-- Setiap elemen menyebut asalnya: sumber = "dokumen, tahun, bagian", atau lokal = true bila
-- elemen itu usulan setempat tanpa sumber resmi. Tanpa keduanya rekap check memberi peringatan.
-- Every element says where it comes from: sumber = "document, year, section", or lokal = true
-- for a local proposal with no published source. With neither, rekap check warns.

elemen {
  id = "hari_buka",
  label = "Hari buka",
  arti = "Jumlah hari pos membuka pelayanan dalam sebulan.",
  label_en = "Days open",
  arti_en = "Days the post offered services in the month.",
  agregasi = "jumlah",
  min = 0, max = 31,
  lokal = true,
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
  lokal = true,
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
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, baris 1a kunjungan pekerja",
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
  lokal = true,
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
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, baris 1b pekerja sakit yang dilayani",
}

elemen {
  id = "penyakit_umum",
  label = "Kasus penyakit umum",
  arti = "Jumlah kasus penyakit umum di antara pekerja.",
  label_en = "General illness cases",
  arti_en = "Cases of general illness among workers.",
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, penyakit umum (kasus)",
}

elemen {
  id = "pak",
  label = "Dugaan penyakit akibat kerja (PAK)",
  arti = "Jumlah kasus dugaan penyakit akibat kerja.",
  label_en = "Suspected occupational diseases (PAK)",
  arti_en = "Cases of suspected occupational disease.",
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, penyakit akibat kerja/PAK (kasus)",
}

elemen {
  id = "kak",
  label = "Kecelakaan akibat kerja (KAK)",
  arti = "Jumlah kasus kecelakaan kerja.",
  label_en = "Work accidents (KAK)",
  arti_en = "Work accident cases.",
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, kecelakaan akibat kerja/KAK (kasus)",
}

elemen {
  id = "rujukan",
  label = "Rujukan",
  arti = "Jumlah pekerja yang dirujuk ke puskesmas atau rumah sakit.",
  label_en = "Referrals",
  arti_en = "Workers referred to the puskesmas or a hospital.",
  agregasi = "jumlah",
  min = 0, max = 100000,
  lokal = true,
}

elemen {
  id = "penyuluhan",
  label = "Penyuluhan",
  arti = "Jumlah sesi penyuluhan kesehatan kerja.",
  label_en = "Counselling sessions",
  arti_en = "Occupational health counselling sessions.",
  agregasi = "jumlah",
  min = 0, max = 1000,
  lokal = true,
}

elemen {
  id = "ukur_tb_bb",
  label = "Pengukuran TB/BB",
  arti = "Jumlah pengukuran tinggi dan berat badan pekerja.",
  label_en = "Height and weight checks",
  arti_en = "Height and weight measurements of workers.",
  agregasi = "jumlah",
  min = 0, max = 100000,
  lokal = true,
}

-- Kolom formulir LBKP-1 (Laporan Bulanan Kesehatan Kerja Puskesmas, versi 2015, dan
-- versi kabupaten 2020 untuk dugaan/pasti PAK): boleh tidak ada di laporan.csv
-- (opsional = true); sel kosong berarti belum dilaporkan.
-- Columns of form LBKP-1 (the puskesmas' monthly occupational-health report, 2015
-- version; the 2020 district version for suspected/confirmed PAK): a laporan.csv may
-- leave them out (opsional = true); an empty cell means not reported.

elemen {
  id = "penyakit_umum_kasus",
  label = "Penyakit umum: kasus",
  arti = "Jumlah kasus penyakit umum di antara pekerja (LBKP-1: penyakit umum, kasus).",
  label_en = "General illness: cases",
  arti_en = "Cases of general illness among workers (LBKP-1: general illness, cases).",
  per_jenis_kelamin = true,
  opsional = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, penyakit umum (kasus)",
}

elemen {
  id = "penyakit_umum_pekerja",
  label = "Penyakit umum: pekerja",
  arti = "Jumlah pekerja yang menderita penyakit umum (LBKP-1: penyakit umum, pekerja); satu pekerja dengan dua kasus dihitung sekali.",
  label_en = "General illness: workers",
  arti_en = "Workers with a general illness (LBKP-1: general illness, workers); a worker with two cases counts once.",
  per_jenis_kelamin = true,
  opsional = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, penyakit umum (pekerja)",
}

elemen {
  id = "pak_kasus",
  label = "PAK: kasus",
  arti = "Jumlah kasus penyakit akibat kerja (LBKP-1: PAK, kasus).",
  label_en = "Occupational disease (PAK): cases",
  arti_en = "Cases of occupational disease (LBKP-1: PAK, cases).",
  per_jenis_kelamin = true,
  opsional = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, penyakit akibat kerja/PAK (kasus)",
}

elemen {
  id = "pak_pekerja",
  label = "PAK: pekerja",
  arti = "Jumlah pekerja yang menderita penyakit akibat kerja (LBKP-1: PAK, pekerja).",
  label_en = "Occupational disease (PAK): workers",
  arti_en = "Workers with an occupational disease (LBKP-1: PAK, workers).",
  per_jenis_kelamin = true,
  opsional = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, penyakit akibat kerja/PAK (pekerja)",
}

elemen {
  id = "pak_dugaan",
  label = "PAK: dugaan",
  arti = "Jumlah kasus dugaan penyakit akibat kerja (LBKP-1 versi kabupaten 2020).",
  label_en = "Occupational disease (PAK): suspected",
  arti_en = "Suspected cases of occupational disease (LBKP-1, 2020 district version).",
  opsional = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Kabupaten/Kota (Laporan Bulanan Kesehatan Kerja), versi 2020, dugaan PAK",
}

elemen {
  id = "pak_pasti",
  label = "PAK: pasti",
  arti = "Jumlah kasus penyakit akibat kerja yang sudah didiagnosis pasti (LBKP-1 versi kabupaten 2020).",
  label_en = "Occupational disease (PAK): confirmed",
  arti_en = "Confirmed cases of occupational disease (LBKP-1, 2020 district version).",
  opsional = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Kabupaten/Kota (Laporan Bulanan Kesehatan Kerja), versi 2020, PAK pasti",
}

elemen {
  id = "kak_kasus",
  label = "KAK: kasus",
  arti = "Jumlah kasus kecelakaan akibat kerja (LBKP-1: KAK, kasus).",
  label_en = "Work accidents (KAK): cases",
  arti_en = "Work accident cases (LBKP-1: KAK, cases).",
  per_jenis_kelamin = true,
  opsional = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, kecelakaan akibat kerja/KAK (kasus)",
}

elemen {
  id = "kak_pekerja",
  label = "KAK: pekerja",
  arti = "Jumlah pekerja yang mengalami kecelakaan akibat kerja (LBKP-1: KAK, pekerja).",
  label_en = "Work accidents (KAK): workers",
  arti_en = "Workers injured in work accidents (LBKP-1: KAK, workers).",
  per_jenis_kelamin = true,
  opsional = true,
  agregasi = "jumlah",
  min = 0, max = 100000,
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, kecelakaan akibat kerja/KAK (pekerja)",
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
