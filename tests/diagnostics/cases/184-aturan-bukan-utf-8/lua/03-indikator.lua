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
--
-- Asal setiap definisi: sumber = "dokumen, tahun, bagian", atau lokal = true (usulan setempat,
-- tanpa sumber resmi); targetnya sama: target_sumber = "..." atau target_lokal = true.
-- Target 80/90/80/80/10 di bawah tidak bersumber: usulan lokal. Tanpa keduanya: peringatan.
-- Where each definition comes from: sumber = "document, year, section", or lokal = true (a local
-- proposal, no published source); its target likewise: target_sumber or target_lokal = true.
-- The targets 80/90/80/80/10 below have no source: local proposals. With neither: a warning.
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
  label = "Pekerja sakit yang dilayani (�)",
  arti = "Persentase pekerja sakit yang mendapat pelayanan di Pos UKK.",
  label_en = "Sick workers served",
  arti_en = "Share of sick workers who received care at the post.",
  pembilang = "sakit_dilayani",
  penyebut = "sakit",
  faktor = 100,
  satuan = "%",
  target = 80,
  lokal = true,
  target_lokal = true,
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
  lokal = true,
  target_lokal = true,
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
  lokal = true,
  target_lokal = true,
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
  lokal = true,
  target_lokal = true,
}

-- Puskesmas yang sedikitnya satu posnya aktif dalam triwulan, dan semua puskesmas di
-- bawah wilayah. Puskesmas with at least one active post in the quarter, and all of them.
local function puskesmas_aktif(wilayah, periode)
  local ada, semua = 0, 0
  for _, puskesmas in ipairs(wilayah:daftar("puskesmas")) do
    semua = semua + 1
    -- pos_aktif bernilai 1 atau 0 per pos; jumlahnya di puskesmas >= 1 berarti ada yang aktif.
    -- pos_aktif is 1 or 0 per post: its sum at the puskesmas is >= 1 when one was active.
    -- (Satu jumlah per puskesmas, tidak satu per pos. One sum per puskesmas, not per post.)
    if (puskesmas:jumlah("pos_aktif", periode) or 0) >= 1 then
      ada = ada + 1
    end
  end
  return ada, semua
end

-- Uji nasional: kabupaten/kota menyelenggarakan kesehatan kerja bila >= 60% puskesmasnya
-- punya pos aktif dalam triwulan; cantumkan semua puskesmas di records/, juga yang tanpa pos.
-- The national test: a district carries out occupational health when >= 60% of its puskesmas
-- had an active post in the quarter; list every puskesmas in records/, also those without one.
-- Ambang 60% berasal dari Teknis Operasional SITKO (2020), kriteria (a); "pos aktif" sebagai
-- tanda puskesmas melaksanakan kesehatan kerja adalah pendekatan lokal.
-- The 60% threshold is SITKO's criterion (a); an active post as the sign that a puskesmas
-- carries out occupational health is a local approximation.
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
  lokal = true,
  target_sumber = "Teknis Operasional SITKO, Direktorat Kesehatan Kerja dan Olahraga, 2020, kriteria (a): sedikitnya 60% puskesmas",
  rumus = function(wilayah, periode)
    local ada, semua = 0, 0
    if wilayah.jenis == "kabupaten" or wilayah.jenis == "kota" then
      ada, semua = puskesmas_aktif(wilayah, periode)
    else
      -- Di provinsi dan nasional: jumlah nilai kabupaten/kota, yang dihitung lebih dulu.
      -- Above a district: the districts' own counts, computed first.
      for _, kab in ipairs(wilayah:daftar("kabupaten")) do
        local _, a, s = kab:nilai("puskesmas_ukk", periode)
        ada, semua = ada + (a or 0), semua + (s or 0)
      end
    end
    if semua == 0 then return nil end
    return { pembilang = ada, penyebut = semua }
  end,
}

-- Indikator kabupaten/kota Renstra/RPJMN 2020–2024 seperti yang didefinisikan SITKO.
-- Sumber: Teknis Operasional SITKO, Direktorat Kesehatan Kerja dan Olahraga, 24 Februari
-- 2020: "Jumlah kabupaten/kota yang melaksanakan kesehatan kerja". Kabupaten/kota dihitung
-- bila keempat kriteria terpenuhi: (a) sedikitnya 60% puskesmasnya melaksanakan kesehatan
-- kerja; (b) ada SK atau SE yang mendukung; (c) sektor formal dibina; (d) K3 di fasilitas
-- pelayanan kesehatan dibina. Kriteria (a) dihitung dari rekaman (puskesmas dengan Pos UKK
-- aktif, seperti indikator di atas: itu usulan lokal, SITKO tidak merinci "melaksanakan");
-- (b)–(d) dicatat di kabupaten.md/kota.md sebagai tahun berlakunya, mis.
-- "sk_kesehatan_kerja: 2023". Targetnya tidak ditemukan di sumber, jadi tidak ada target.
-- The district indicator of the Renstra/RPJMN 2020–2024 as SITKO defines it (source above).
-- A district counts when all four criteria hold; (a) is computed from the records (puskesmas
-- with an active post, a local reading: SITKO does not spell out "carries out"), (b)–(d) are
-- year fields of kabupaten.md/kota.md. No target was found in the source, so none is set.

-- Isian tahun di kabupaten.md/kota.md: tahun mulai berlakunya kriteria; kosong = belum.
-- Year fields of kabupaten.md/kota.md: the year the criterion holds from; empty = not yet.
isian_kabupaten {
  id = "sk_kesehatan_kerja",
  label = "SK atau SE yang mendukung kesehatan kerja",
  label_en = "A decree or circular (SK/SE) supporting occupational health",
  sumber = "Teknis Operasional SITKO, Dit. Kesehatan Kerja dan Olahraga, 2020, kriteria (b)",
}
isian_kabupaten {
  id = "pembinaan_sektor_formal",
  label = "Pembinaan kesehatan kerja sektor formal",
  label_en = "Supervision of occupational health in the formal sector",
  sumber = "Teknis Operasional SITKO, Dit. Kesehatan Kerja dan Olahraga, 2020, kriteria (c)",
}
isian_kabupaten {
  id = "pembinaan_k3_fasyankes",
  label = "Pembinaan K3 di fasilitas pelayanan kesehatan",
  label_en = "Supervision of safety and health (K3) in health facilities",
  sumber = "Teknis Operasional SITKO, Dit. Kesehatan Kerja dan Olahraga, 2020, kriteria (d)",
}

-- Batas kriteria (a), persen puskesmas. The threshold of criterion (a), percent of puskesmas.
local sitko_ambang_puskesmas = 60

-- Kalimat dalam bahasa situs. The sentence in the site's language.
local function kalimat(id, en, ...)
  return string.format(bahasa == "en" and en or id, ...)
end

-- Kriteria SITKO, masing-masing uji(kabupaten, periode) yang mengembalikan terpenuhi dan
-- rinciannya dalam kata-kata. Ganti atau tambah kriteria di tabel ini.
-- The SITKO criteria, each uji(district, period) returning whether it holds and the detail
-- in words. Replace or add criteria in this table.
local sitko_kriteria = {
  {
    kode = "a",
    uji = function(kab, periode)
      local _, ada, semua = kab:nilai("puskesmas_ukk", periode) -- sudah dihitung / computed
      ada, semua = ada or 0, semua or 0 -- nil: kabupaten tanpa puskesmas / none listed
      local ok = semua > 0 and ada * 100 / semua >= sitko_ambang_puskesmas
      return ok, kalimat("%d dari %d puskesmas dengan Pos UKK aktif (perlu %d%%)",
        "%d of %d puskesmas with an active post (%d%% needed)",
        ada, semua, sitko_ambang_puskesmas)
    end,
  },
  { kode = "b", isian = "sk_kesehatan_kerja",
    kata = "SK/SE yang mendukung", kata_en = "supporting decree or circular" },
  { kode = "c", isian = "pembinaan_sektor_formal",
    kata = "pembinaan sektor formal", kata_en = "formal-sector supervision" },
  { kode = "d", isian = "pembinaan_k3_fasyankes",
    kata = "pembinaan K3 fasyankes", kata_en = "K3 supervision in health facilities" },
}

-- Persentase seperti di halaman: dua desimal paling banyak, koma desimal dalam bahasa
-- Indonesia. A percentage as pages show it: at most two decimals, a decimal comma in Indonesian.
local function persen(x)
  local s = string.format("%.2f", x):gsub("0+$", ""):gsub("%.$", "")
  return bahasa == "en" and s or (s:gsub("%.", ","))
end

-- Kriteria isian tahun: terpenuhi bila tahunnya sudah tiba. A year field holds from its year.
local function uji_isian(k, kab, periode)
  local tahun = kab[k.isian]
  local kata = bahasa == "en" and k.kata_en or k.kata
  if tahun == nil then
    return false, kalimat("%s belum dicatat (%s)", "%s not recorded (%s)", kata, k.isian)
  end
  if tahun > periode.tahun then
    return false, kalimat("%s baru berlaku %d", "%s only from %d", kata, tahun)
  end
  return true, kalimat("%s sejak %d", "%s since %d", kata, tahun)
end

-- Satu kabupaten/kota: lulus, dan kriteria yang terpenuhi dan yang belum dalam kata-kata.
-- One district: whether it passes, with the criteria met and missed in words.
local function sitko_kabupaten(kab, periode)
  local ya, belum = {}, {}
  for _, k in ipairs(sitko_kriteria) do
    local ok, rinci
    if k.uji then ok, rinci = k.uji(kab, periode) else ok, rinci = uji_isian(k, kab, periode) end
    local teks = "(" .. k.kode .. ") " .. rinci
    if ok then ya[#ya + 1] = teks else belum[#belum + 1] = teks end
  end
  return #belum == 0, table.concat(ya, "; "), table.concat(belum, "; ")
end

indikator {
  id = "kabupaten_kesehatan_kerja",
  utama = true,
  label = "Kabupaten/kota yang melaksanakan kesehatan kerja",
  arti = "Kabupaten/kota yang memenuhi keempat kriteria SITKO: (a) sedikitnya 60% puskesmasnya melaksanakan kesehatan kerja (di sini: punya Pos UKK aktif dalam triwulan); (b) ada SK/SE yang mendukung; (c) sektor formal dibina; (d) K3 di fasilitas pelayanan kesehatan dibina ((b)–(d) dari kabupaten.md/kota.md). Di kabupaten/kota: 100% bila lulus, 0% bila tidak; di provinsi dan nasional: jumlah (pembilang) dan persentase kabupaten/kota yang lulus.",
  label_en = "Districts carrying out occupational health",
  arti_en = "Districts meeting all four SITKO criteria: (a) at least 60% of their puskesmas carry out occupational health (here: have an active post in the quarter); (b) a supporting decree or circular; (c) formal-sector supervision; (d) K3 supervision in health facilities ((b)–(d) from kabupaten.md/kota.md). For a district: 100% when it passes, 0% when not; for a province and the nation: the number (numerator) and share of districts that pass.",
  satuan = "%",
  faktor = 100,
  berlaku = { "kabupaten", "provinsi", "nasional" },
  sumber = "Teknis Operasional SITKO, Direktorat Kesehatan Kerja dan Olahraga, 2020 (indikator Renstra/RPJMN 2020–2024)",
  rumus = function(wilayah, periode)
    local daftar = wilayah:daftar("kabupaten")
    if #daftar == 0 then return nil end
    if wilayah.jenis == "kabupaten" or wilayah.jenis == "kota" then
      local lulus, ya, belum = sitko_kabupaten(wilayah, periode)
      local teks
      if lulus then
        teks = kalimat("Memenuhi keempat kriteria: %s.", "Meets all four criteria: %s.", ya)
      else
        teks = kalimat("Belum memenuhi: %s.", "Does not yet meet: %s.", belum)
        if ya ~= "" then
          teks = teks .. kalimat(" Sudah: %s.", " Met: %s.", ya)
        end
      end
      return { pembilang = lulus and 1 or 0, penyebut = 1, keterangan = teks }
    end
    local jumlah, gagal = 0, {}
    for _, kab in ipairs(daftar) do
      local lulus, _, belum = sitko_kabupaten(kab, periode)
      if lulus then
        jumlah = jumlah + 1
      else
        gagal[#gagal + 1] = kab.nama .. ": " .. belum
      end
    end
    local baris = { kalimat("%d dari %d kabupaten/kota (%s%%) memenuhi keempat kriteria.",
      "%d of %d districts (%s%%) meet all four criteria.", jumlah, #daftar,
      persen(jumlah * 100 / #daftar)) }
    if #gagal > 0 then
      baris[1] = baris[1] .. kalimat(" Yang belum:", " Those that do not yet:")
      for _, g in ipairs(gagal) do baris[#baris + 1] = g end
    end
    return { pembilang = jumlah, penyebut = #daftar, keterangan = baris }
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
  lokal = true,
  target_lokal = true,
}

indikator {
  id = "kunjungan",
  label = "Kunjungan pekerja",
  arti = "Jumlah kunjungan pekerja ke Pos UKK.",
  label_en = "Worker visits",
  arti_en = "Number of worker visits to the post.",
  pembilang = "kunjungan",
  satuan = "kunjungan",
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, baris 1a kunjungan pekerja",
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
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, kecelakaan akibat kerja/KAK (kasus)",
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
  sumber = "Formulir LBKP-1 Puskesmas (Laporan Bulanan Kesehatan Kerja), versi 2015, penyakit akibat kerja/PAK (kasus)",
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
