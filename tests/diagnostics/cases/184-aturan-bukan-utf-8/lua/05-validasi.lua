-- Aturan validasi, seperti DHIS2: sisi kiri, operator, sisi kanan.
-- Validation rules, in the manner of DHIS2: left side, operator, right side.
-- kiri / kanan: elemen (totalnya, atau <id>_l / <id>_p), besaran, daftarnya untuk dijumlah, atau
--   angka; an element (its total, or one sex), a quantity, a list to add up, or a number.
-- operator: "<", "<=", "==", "~=" (tidak sama; not equal), ">=", ">".
-- kepentingan (importance): "tinggi", "sedang" atau "rendah".
-- pesan: pesan bahasa Indonesia; pesan_en: bahasa Inggris, boleh tidak ada (English, optional).
-- jika_kosong (bila ada nilai yang tidak dilaporkan; when a value was not reported):
--   "lewati_jika_ada_yang_kosong"  lewati bila ada yang kosong (bawaan); skip when any is missing
--   "lewati_jika_semua_kosong"     lewati bila semua kosong, selain itu 0; skip when all are, else 0
--   "jangan_lewati"                yang kosong dihitung 0; missing values count as 0
-- Aturan yang hanya menyebut elemen diperiksa di setiap baris laporan.csv; aturan lain, atau dengan
-- periode = "triwulan", sekali per triwulan (stok: nilai terakhir). Pelanggaran adalah peringatan.
-- A rule naming only elements is checked on every row of laporan.csv; any other, or one with
-- periode = "triwulan", once per quarter (for a stock such as pekerja, on its last value).
-- Violations are warnings: check reports them and the pages list them under data quality.

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

-- Kolom lama dan rinciannya untuk formulir LBKP-1 menghitung hal yang sama: bila keduanya
-- diisi, jumlahnya harus sama, karena halaman memakai kolom lama dan formulir LBKP-1 rinciannya.
-- The older columns and their LBKP-1 split count the same thing: when both are filled in, they
-- must agree, as pages use the older column and form LBKP-1 the split.
validasi {
  id = "kak_sama_dengan_rinciannya",
  kiri = "kak_kasus", operator = "==", kanan = "kak",
  kepentingan = "tinggi",
  pesan = "kak_kasus_l + kak_kasus_p tidak sama dengan kak; halaman memakai kak, formulir LBKP-1 rinciannya",
  pesan_en = "kak_kasus_l + kak_kasus_p differs from kak; pages use kak, form LBKP-1 the split",
}

validasi {
  id = "penyakit_umum_sama_dengan_rinciannya",
  kiri = "penyakit_umum_kasus", operator = "==", kanan = "penyakit_umum",
  kepentingan = "tinggi",
  pesan = "penyakit_umum_kasus_l + penyakit_umum_kasus_p tidak sama dengan penyakit_umum; halaman memakai penyakit_umum, formulir LBKP-1 rinciannya",
  pesan_en = "penyakit_umum_kasus_l + penyakit_umum_kasus_p differs from penyakit_umum; pages use penyakit_umum, form LBKP-1 the split",
}

validasi {
  id = "pak_sama_dengan_dugaan",
  kiri = "pak_dugaan", operator = "==", kanan = "pak",
  kepentingan = "tinggi",
  pesan = "pak_dugaan tidak sama dengan pak (keduanya kasus dugaan PAK); halaman memakai pak, formulir LBKP-1 pak_dugaan",
  pesan_en = "pak_dugaan differs from pak (both are suspected PAK cases); pages use pak, form LBKP-1 pak_dugaan",
}
