-- Satu elemen tanpa sumber atau lokal, satu target tanpa target_sumber atau target_lokal.
-- One element without sumber or lokal, one target without target_sumber or target_lokal.
elemen { id = "hari_buka", label = "Hari buka", lokal = true }
elemen { id = "kunjungan", label = "Kunjungan pekerja" }
indikator {
  id = "kunjungan",
  label = "Kunjungan pekerja",
  pembilang = "kunjungan",
  target = 50,
  sumber = "Formulir LBKP-1 Puskesmas, 2015, baris 1a kunjungan pekerja",
}
tingkat { id = "pratama", label = "Pratama" }
