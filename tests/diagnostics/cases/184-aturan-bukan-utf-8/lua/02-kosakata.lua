-- Kosakata untuk pos.md, batas waktu laporan, dan tingkat perkembangan pos.
-- Vocabularies used in pos.md, the reporting deadline, and the levels of a post.

-- Sarana yang boleh dicantumkan pos di pos.md; label_en adalah labelnya dalam
-- bahasa Inggris. Daftarnya berupa tabel global agar 04-penilaian.lua menyebut
-- sarana yang kurang dengan label yang sama. Tambahkan sarana sebagai baris baru.
-- Facilities (sarana) a post may list in pos.md; label_en is the English label.
-- The list is a global table so that 04-penilaian.lua names a missing
-- facility with these same labels. Add a facility as a new row.
daftar_sarana = {
  { id = "papan_nama",         label = "Papan nama", label_en = "Name board" },
  { id = "kotak_p3k",          label = "Kotak P3K", label_en = "First-aid kit" },
  { id = "kotak_p3p",          label = "Kotak P3P", label_en = "Kit for first aid in illness (P3P)" },
  { id = "contoh_apd",         label = "Contoh alat pelindung diri (APD)", label_en = "Sample personal protective equipment (PPE)" },
  { id = "timbangan",          label = "Timbangan", label_en = "Scales" },
  { id = "pengukur_tinggi",    label = "Pengukur tinggi badan", label_en = "Height measure" },
  { id = "tempat_cuci_tangan", label = "Tempat cuci tangan", label_en = "Hand-washing station" },
  { id = "tempat_sampah",      label = "Tempat sampah", label_en = "Rubbish bin" },
  { id = "buku_pencatatan",    label = "Buku pencatatan dan pelaporan", label_en = "Record and report books" },
  { id = "meja_kursi",         label = "Meja, kursi dan tempat tidur periksa", label_en = "Table, chairs and examination bed" },
  { id = "lemari_obat",        label = "Lemari obat", label_en = "Medicine cabinet" },
}
for _, s in ipairs(daftar_sarana) do
  sarana(s)
end

-- Sumber dana yang boleh dicantumkan pos di pos.md.
-- Sources of funding (sumber_dana) a post may list in pos.md.
sumber_dana { id = "puskesmas", label = "Puskesmas", label_en = "Puskesmas (health centre)" }
sumber_dana { id = "dana_desa", label = "Dana desa", label_en = "Village fund" }
sumber_dana { id = "swadaya",   label = "Swadaya pekerja", label_en = "Workers' own contributions" }
sumber_dana { id = "perusahaan", label = "Perusahaan (CSR)", label_en = "Company (CSR)" }
sumber_dana { id = "pemda",     label = "Pemerintah daerah", label_en = "Local government" }
sumber_dana { id = "lainnya",   label = "Lainnya", label_en = "Other" }

-- Laporan bulanan tepat waktu bila sampai di puskesmas paling lambat tanggal
-- ini pada bulan berikutnya.
-- A month's report is on time when it reaches the puskesmas by this day of
-- the following month.
batas_lapor(10)

-- Triwulan terbit diberi peringatan (rekap check dan rekap build) bila laporan
-- yang masuk kurang dari persentase ini dari laporan yang diharapkan: angka dan
-- tingkatnya akan menyesatkan. 0 mematikan peringatan ini.
-- The published quarter is warned about (rekap check and rekap build) when
-- fewer than this percentage of the expected reports arrived for it: its
-- numbers and levels would mislead. 0 turns the warning off.
ambang_kelengkapan(80)

-- Tingkat pos, dari yang terendah sampai yang tertinggi. Empat tingkat Pratama–Mandiri
-- dipakai formulir data tahunan puskesmas (SIP); belum_pratama untuk pos yang belum
-- memenuhi persyaratan pembentukan (lantai Pratama, lihat 04-penilaian.lua).
-- Levels, from the lowest to the highest. The four Pratama–Mandiri are those of the
-- annual puskesmas data form (SIP); belum_pratama is for a post that lacks the forming
-- requirements (the Pratama floor, see 04-penilaian.lua).
tingkat { id = "belum_pratama", label = "Belum memenuhi syarat Pratama",
          label_en = "Not yet meeting the Pratama requirements",
          sumber = "Persyaratan pembentukan Pos UKK (mutlak), Dit Kesjaor 2011" }
tingkat { id = "pratama", label = "Pratama",
          sumber = "Formulir data tahunan puskesmas (SIP): tingkat Pos UKK" }
tingkat { id = "madya",   label = "Madya" }
tingkat { id = "purnama", label = "Purnama" }
tingkat { id = "mandiri", label = "Mandiri" }

-- Data pribadi: isian front matter (pos.md, puskesmas.md, …) dan kolom
-- kader.csv yang boleh ada di rekaman tetapi tidak pernah tampil di halaman,
-- buku kerja, data terbuka atau grafik. Nama kader diatur oleh
-- tampilkan_nama_kader di records/rekap.yaml.
-- Personal data: fields of the front matter (pos.md, puskesmas.md, …) and
-- columns of kader.csv that records may hold but no page, workbook, open data
-- or chart ever shows. Cadre names are governed by tampilkan_nama_kader in
-- records/rekap.yaml instead.
pribadi { "telepon", "nik", "tanggal_lahir" }
