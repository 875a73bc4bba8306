-- Elemen kunjungan dihapus dari aturan, tetapi kolomnya masih ada di
-- laporan.csv ketujuh pos: galatnya ditampilkan tiga kali, sisanya dihitung.
-- The element kunjungan taken out of the rules, its column still in the
-- laporan.csv of all seven posts: the error is shown three times, the
-- others counted.
elemen { id = "hari_buka", label = "Hari buka", lokal = true }
tingkat { id = "pratama", label = "Pratama" }
