-- Validation rules, in the manner of DHIS2: left side, operator, right side.
-- Aturan validasi: sisi kiri, operator, sisi kanan.
--
-- kiri / kanan: an element (its total, or <id>_l / <id>_p), a quantity, a
--   list of them to add up, or a number.
-- operator: "<", "<=", "==", "~=" (not equal), ">=", ">".
-- kepentingan (importance): "tinggi", "sedang" or "rendah".
-- pesan: the message in Bahasa Indonesia; pesan_en: in English (optional).
-- jika_kosong (when a value was not reported):
--   "lewati_jika_ada_yang_kosong"  skip when any value is missing (default)
--   "lewati_jika_semua_kosong"     skip only when all are missing; others count as 0
--   "jangan_lewati"                missing values count as 0
-- A rule that names only elements is checked on every row of laporan.csv;
-- any other rule, or one with periode = "triwulan", once per quarter (on the
-- quarter's totals; for a stock such as pekerja, its last reported value). Violations are warnings: check reports
-- them with the file and line, and the pages list them under data quality.

validasi {
  id = "dilayani_tidak_melebihi_sakit",
  kiri = "sakit_dilayani", operator = "<=", kanan = "sakit",
  kepentingan = "tinggi",
  pesan = "pekerja sakit yang dilayani lebih banyak daripada pekerja sakit",
  pesan_en = "more sick workers served than sick workers",
}

validasi {
  id = "kunjungan_mencakup_dilayani",
  kiri = "kunjungan", operator = ">=", kanan = "sakit_dilayani",
  kepentingan = "sedang",
  pesan = "kunjungan lebih sedikit daripada pekerja sakit yang dilayani",
  pesan_en = "fewer visits than sick workers served",
}

validasi {
  id = "kader_aktif_tidak_melebihi_kader",
  kiri = "kader_aktif", operator = "<=", kanan = "kader",
  kepentingan = "tinggi",
  pesan = "kader aktif lebih banyak daripada kader terdaftar",
  pesan_en = "more active cadres than registered cadres",
}

validasi {
  id = "pekerja_minimal",
  kiri = "pekerja", operator = ">=", kanan = 10,
  periode = "triwulan",
  kepentingan = "rendah",
  pesan = "pos dibentuk untuk 10–50 pekerja, tetapi pekerja terdaftar kurang dari 10",
  pesan_en = "a post is formed for 10–50 workers, but fewer than 10 are registered",
}

validasi {
  id = "pekerja_maksimal",
  kiri = "pekerja", operator = "<=", kanan = 50,
  periode = "triwulan",
  kepentingan = "rendah",
  pesan = "pos dibentuk untuk 10–50 pekerja, tetapi pekerja terdaftar lebih dari 50",
  pesan_en = "a post is formed for 10–50 workers, but more than 50 are registered",
}
