-- Dua indikator persen pada skala yang salah: tanpa faktor = 100, dan target
-- ditulis sebagai pecahan. Two percentages on the wrong scale: without
-- faktor = 100, and a target written as a fraction.
elemen { id = "hari_buka", label = "Hari buka", lokal = true }
elemen { id = "kunjungan", label = "Kunjungan pekerja", lokal = true }
indikator {
  id = "buka_tanpa_faktor",
  label = "Hari buka per kunjungan",
  pembilang = "hari_buka",
  penyebut = "kunjungan",
  satuan = "%",
  lokal = true,
}
indikator {
  id = "buka_target_pecahan",
  label = "Hari buka per kunjungan (target pecahan)",
  pembilang = "hari_buka",
  penyebut = "kunjungan",
  faktor = 100,
  satuan = "%",
  target = { [2023] = 50, [2024] = 0.9 },
  lokal = true,
  target_lokal = true,
}
indikator {
  id = "turun_boleh_kecil",
  label = "Hari buka per kunjungan (benar)",
  pembilang = "hari_buka",
  penyebut = "kunjungan",
  faktor = 100,
  satuan = "%",
  target = 0.5,
  arah = "turun",
  lokal = true,
  target_lokal = true,
}
tingkat { id = "pratama", label = "Pratama" }
