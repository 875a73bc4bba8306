-- Indikator. Salin satu blok lalu ubah namanya untuk menambah indikator.
-- Indicators. Copy a block and change the names to add one.
-- Rujukan lengkap: docs/aturan-lua.md. The full reference: docs/en/lua-rules.md.
--
-- Empat jenis:
--   pembilang + penyebut   rasio: pembilang dan penyebut masing-masing dijumlah atas pos dan
--                          ke jenjang di atasnya, tidak dirata-rata; pos ikut bila keduanya ada
--   pembilang saja         hitungan
--   persen_pos = "x"       persentase pos (yang ada dalam triwulan) yang x-nya benar
--   rumus = function(wilayah, periode) ... end   selain itu, dengan akses baca ke wilayah,
--                          anak-anaknya dan posnya, dan triwulan lain
-- pembilang dan penyebut menyebut elemen (totalnya, atau <id>_l / <id>_p), besaran di bawah,
-- atau daftarnya untuk dijumlah. target: satu angka atau per tahun { [2023] = 70, [2024] = 80 }.
-- arah = "turun" bila makin rendah makin baik; utama = true menampilkannya di tabel ringkas;
-- berlaku = { "kabupaten", "provinsi", "nasional" } membatasi jenjang tampilnya.
-- Four kinds: a ratio (pembilang + penyebut, each summed over posts and up the hierarchy,
-- never averaged; a post counts only when both were reported), a count (pembilang only),
-- persen_pos = "x" (the share of existing posts for which x is true) and rumus (anything else,
-- with read-only access to the area, its children and posts, and other quarters). pembilang and
-- penyebut name elements, a besaran below, or a list to add up. target: one number or one per
-- year. arah = "turun": lower is better; utama = true: overview tables; berlaku: the levels shown.
-- Besaran yang disediakan untuk setiap pos dan triwulan (quantities provided for each post):
--   pos_ada, bulan_ada, laporan_diharapkan, laporan_diterima,
--   laporan_tepat_waktu, bulan_aktif, kader, kader_aktif, kader_terlatih

-- Pos aktif: buka setiap bulan selama ada dalam triwulan. Active: open in every month it existed.
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
  label_en = "Sick workers served",
  arti_en = "Share of sick workers who received care at the post.",
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
  label_en = "Report completeness",
  arti_en = "Monthly reports received compared with those expected (3 a quarter for every post that exists and is not dissolved).",
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
  label_en = "Report timeliness",
  arti_en = "Monthly reports that arrived by the 10th of the following month, compared with those expected.",
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
  label_en = "Active posts",
  arti_en = "Share of existing posts that opened (hari_buka ≥ 1) in every month of the quarter.",
  persen_pos = "pos_aktif",
  target = 80,
}

-- Uji nasional: kabupaten/kota menyelenggarakan kesehatan kerja bila >= 60% puskesmasnya
-- punya pos aktif dalam triwulan; cantumkan semua puskesmas di records/, juga yang tanpa pos.
-- The national test: a district carries out occupational health when >= 60% of its puskesmas
-- had an active post in the quarter; list every puskesmas in records/, also those without one.
indikator {
  id = "puskesmas_ukk",
  utama = true,
  label = "Puskesmas dengan Pos UKK aktif",
  arti = "Persentase puskesmas yang sedikitnya satu Pos UKK-nya aktif dalam triwulan. Kabupaten/kota memenuhi standar nasional bila sedikitnya 60% puskesmasnya menyelenggarakan kesehatan kerja.",
  label_en = "Puskesmas with an active post",
  arti_en = "Share of puskesmas with at least one active post in the quarter. A district meets the national standard when at least 60% of its puskesmas carry out occupational health.",
  satuan = "%",
  faktor = 100,
  target = 60,
  berlaku = { "kabupaten", "provinsi", "nasional" },
  rumus = function(wilayah, periode)
    local ada, semua = 0, 0
    for _, puskesmas in ipairs(wilayah:daftar("puskesmas")) do
      semua = semua + 1
      for _, pos in ipairs(puskesmas.pos) do
        if pos:jumlah("pos_aktif", periode) == 1 then
          ada = ada + 1
          break
        end
      end
    end
    if semua == 0 then return nil end
    return { pembilang = ada, penyebut = semua }
  end,
}

indikator {
  id = "rasio_kader",
  utama = true,
  label = "Rasio kader terhadap pekerja",
  arti = "Kader aktif dibanding pekerja terdaftar (nilai terakhir yang dilaporkan dalam triwulan). Minimal 10%.",
  label_en = "Cadres per worker",
  arti_en = "Active cadres compared with registered workers (the last value reported in the quarter). At least 10%.",
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
  label_en = "Worker visits",
  arti_en = "Number of worker visits to the post.",
  pembilang = "kunjungan",
  satuan = "kunjungan",
}

indikator {
  id = "kak",
  label = "Kecelakaan akibat kerja (KAK)",
  arti = "Jumlah kasus kecelakaan akibat kerja yang dilaporkan.",
  label_en = "Work accidents (KAK)",
  arti_en = "Number of work accident cases reported.",
  pembilang = "kak",
  satuan = "kasus",
  arah = "turun",
}

indikator {
  id = "pak",
  label = "Dugaan penyakit akibat kerja (PAK)",
  arti = "Jumlah kasus dugaan penyakit akibat kerja yang dilaporkan.",
  label_en = "Suspected occupational diseases (PAK)",
  arti_en = "Number of suspected occupational disease cases reported.",
  pembilang = "pak",
  satuan = "kasus",
  arah = "turun",
}

indikator {
  id = "pekerja_dilayani",
  label = "Pekerja yang mendapat pelayanan kesehatan kerja",
  arti = "Persentase pekerja terdaftar yang mendapat pelayanan kesehatan kerja (termasuk pemeriksaan kesehatan dan skrining faktor risiko): orang, bukan kunjungan. Pembilang: pekerja_dilayani (bulan tertinggi dalam triwulan); penyebut: pekerja terdaftar (nilai terakhir). Hanya pos yang melaporkan keduanya yang dihitung. RPJMN menyebut semua pekerja (formal dan informal) sebagai penyebut; di sini penyebutnya pekerja terdaftar di pos (usulan lokal). Target tidak ditemukan di sumber.",
  label_en = "Workers who received occupational health services",
  arti_en = "Share of registered workers who received occupational health services (check-ups and risk screening included): people, not visits. Numerator: pekerja_dilayani (the highest month of the quarter); denominator: registered workers (the last value). Only posts reporting both count. The RPJMN divides by all workers (formal and informal); here the denominator is the workers registered at the posts (a local proposal). No target was found in the source.",
  pembilang = "pekerja_dilayani",
  penyebut = "pekerja",
  faktor = 100,
  satuan = "%",
  sumber = "RPJMN 2025–2029, indikator 04.11.01.05 \"Persentase pekerja yang mendapatkan pelayanan kesehatan kerja\"",
}
