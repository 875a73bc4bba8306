-- Satu elemen baru (penyuluhan) yang belum ada di laporan.csv ketujuh pos:
-- peringatannya ditampilkan tiga kali, sisanya dihitung dalam satu catatan.
-- One new element (penyuluhan) missing from the laporan.csv of all seven
-- posts: its warning is shown three times, the others counted in one note.
elemen { id = "hari_buka", label = "Hari buka", lokal = true }
elemen { id = "kunjungan", label = "Kunjungan pekerja", lokal = true }
elemen { id = "penyuluhan", label = "Penyuluhan", lokal = true }
tingkat { id = "pratama", label = "Pratama" }
