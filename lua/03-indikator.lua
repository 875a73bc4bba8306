-- Indicators. Copy a block and change the names to add one.
-- Indikator. Salin satu blok lalu ubah namanya untuk menambah indikator.
--
-- pembilang (numerator) and penyebut (denominator) name elements (their
-- total, or <id>_l / <id>_p for one sex), a besaran below, or a list of
-- them to add up. Without a penyebut the indicator is a count.
-- A ratio is summed up the hierarchy (numerators and denominators
-- separately), never averaged. target may be one number or one per year:
-- target = { [2023] = 70, [2024] = 80 }. arah = "turun" when lower is better.
-- utama = true shows the indicator in the overview tables of every page.
--
-- Quantities the engine provides for every post and quarter:
--   pos_ada, bulan_ada, laporan_diharapkan, laporan_diterima,
--   laporan_tepat_waktu, bulan_aktif, kader, kader_aktif, kader_terlatih

-- A post is active in a quarter when it opened in every month it existed.
besaran {
  id = "pos_aktif",
  label = "Pos aktif",
  rumus = function(q)
    return q.pos_ada == 1 and q.bulan_aktif == q.bulan_ada
  end,
}

indikator {
  id = "pekerja_sakit_dilayani",
  utama = true,
  label = "Pekerja sakit yang dilayani",
  arti = "Persentase pekerja sakit yang mendapat pelayanan di Pos UKK.",
  pembilang = "sakit_dilayani",
  penyebut = "sakit",
  faktor = 100,
  satuan = "%",
  target = 80,
}

indikator {
  id = "kelengkapan_laporan",
  utama = true,
  label = "Kelengkapan laporan",
  arti = "Laporan bulanan yang diterima dibanding yang seharusnya (3 per triwulan untuk setiap pos yang ada dan belum bubar).",
  pembilang = "laporan_diterima",
  penyebut = "laporan_diharapkan",
  faktor = 100,
  satuan = "%",
  target = 90,
}

indikator {
  id = "ketepatan_laporan",
  label = "Ketepatan waktu laporan",
  arti = "Laporan bulanan yang tiba paling lambat tanggal 10 bulan berikutnya, dibanding yang seharusnya.",
  pembilang = "laporan_tepat_waktu",
  penyebut = "laporan_diharapkan",
  faktor = 100,
  satuan = "%",
  target = 80,
}

indikator {
  id = "pos_aktif",
  utama = true,
  label = "Pos UKK aktif",
  arti = "Persentase pos yang buka (hari_buka ≥ 1) setiap bulan dalam triwulan, dari pos yang ada.",
  pembilang = "pos_aktif",
  penyebut = "pos_ada",
  faktor = 100,
  satuan = "%",
  target = 80,
}

indikator {
  id = "rasio_kader",
  utama = true,
  label = "Rasio kader terhadap pekerja",
  arti = "Kader aktif dibanding pekerja terdaftar (nilai terakhir yang dilaporkan dalam triwulan). Minimal 10%.",
  pembilang = "kader_aktif",
  penyebut = "pekerja",
  faktor = 100,
  satuan = "%",
  target = 10,
}

indikator {
  id = "kunjungan",
  label = "Kunjungan pekerja",
  arti = "Jumlah kunjungan pekerja ke Pos UKK.",
  pembilang = "kunjungan",
  satuan = "kunjungan",
}

indikator {
  id = "kak",
  label = "Kecelakaan akibat kerja (KAK)",
  arti = "Jumlah kasus kecelakaan akibat kerja yang dilaporkan.",
  pembilang = "kak",
  satuan = "kasus",
  arah = "turun",
}

indikator {
  id = "pak",
  label = "Dugaan penyakit akibat kerja (PAK)",
  arti = "Jumlah kasus dugaan penyakit akibat kerja yang dilaporkan.",
  pembilang = "pak",
  satuan = "kasus",
  arah = "turun",
}
