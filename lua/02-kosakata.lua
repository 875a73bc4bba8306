-- Vocabularies used in pos.md, the reporting deadline, and the levels of a post.
-- Kosakata untuk pos.md, batas waktu laporan, dan tingkat perkembangan pos.

-- Facilities (sarana) a post may list; wajib = required before a post is formed.
sarana { id = "papan_nama",         label = "Papan nama" }
sarana { id = "kotak_p3k",          label = "Kotak P3K" }
sarana { id = "kotak_p3p",          label = "Kotak P3P" }
sarana { id = "contoh_apd",         label = "Contoh alat pelindung diri (APD)" }
sarana { id = "timbangan",          label = "Timbangan" }
sarana { id = "pengukur_tinggi",    label = "Pengukur tinggi badan" }
sarana { id = "tempat_cuci_tangan", label = "Tempat cuci tangan" }
sarana { id = "tempat_sampah",      label = "Tempat sampah" }
sarana { id = "buku_pencatatan",    label = "Buku pencatatan dan pelaporan" }
sarana { id = "meja_kursi",         label = "Meja, kursi dan tempat tidur periksa" }
sarana { id = "lemari_obat",        label = "Lemari obat" }

-- Sources of funding (sumber_dana).
sumber_dana { id = "puskesmas", label = "Puskesmas" }
sumber_dana { id = "dana_desa", label = "Dana desa" }
sumber_dana { id = "swadaya",   label = "Swadaya pekerja" }
sumber_dana { id = "perusahaan", label = "Perusahaan (CSR)" }
sumber_dana { id = "pemda",     label = "Pemerintah daerah" }
sumber_dana { id = "lainnya",   label = "Lainnya" }

-- A month's report is on time when it reaches the puskesmas by this day of
-- the following month.
batas_lapor(10)

-- Levels, from the lowest to the highest.
tingkat { id = "pratama", label = "Pratama" }
tingkat { id = "madya",   label = "Madya" }
tingkat { id = "purnama", label = "Purnama" }
tingkat { id = "mandiri", label = "Mandiri" }
