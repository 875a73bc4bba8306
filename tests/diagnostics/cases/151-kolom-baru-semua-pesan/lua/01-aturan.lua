-- Kasus 150 dengan --all-messages: ketujuh peringatannya ditampilkan.
-- Case 150 with --all-messages: all seven of its warnings are shown.
elemen { id = "hari_buka", label = "Hari buka", lokal = true }
elemen { id = "kunjungan", label = "Kunjungan pekerja", lokal = true }
elemen { id = "penyuluhan", label = "Penyuluhan", lokal = true }
tingkat { id = "pratama", label = "Pratama" }
