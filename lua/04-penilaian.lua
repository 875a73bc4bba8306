-- Penilaian setiap pos: tingkat (Pratama, Madya, Purnama, Mandiri) dan skor.
-- Assessment of each post: its level (Pratama, Madya, Purnama, Mandiri) and a score.
--
-- Tidak ada sumber publik yang memuat ambang resmi, jadi kriteria ini adalah
-- usulan terdokumentasi yang boleh diganti provinsi dengan mengubah berkas ini.
-- Setiap kriteria milik tingkat terendah yang memerlukannya. Pos mencapai
-- suatu tingkat bila memenuhi semua kriteria tingkat itu dan tingkat di
-- bawahnya; skor adalah jumlah bobot kriteria yang terpenuhi (total bobot 100).
-- No public source gives the official thresholds, so these criteria are a
-- documented proposal that a province replaces by editing this file.
-- Each criterion belongs to the lowest level that requires it. A post
-- reaches a level when it meets every criterion of that level and of the
-- levels below; the score is the sum of the weights (bobot) of the criteria
-- it meets (the weights add up to 100).
--
-- Fungsi penilaian menerima, untuk empat triwulan terakhir sampai triwulan
-- terbit (the function receives, for the last four quarters up to the
-- published one):
--   pos.pekerja, pos.kader, pos.kader_aktif, pos.kader_terlatih,
--   pos.bulan_ada, pos.bulan_aktif, pos.bulan_lapor, pos.bulan_penyuluhan,
--   pos.penyuluhan, pos.sarana (himpunan id), pos.sumber_dana (himpunan id),
--   pos.status, pos.jenis_pekerjaan, pos.nama
-- Nilai yang tidak pernah dilaporkan adalah nil. A value never reported is nil.
--
-- Teks dua bahasa: global `bahasa` berisi "id" atau "en" (dari `bahasa:` di
-- records/rekap.yaml). Setiap kriteria punya `label` (Indonesia) dan
-- `label_en` (Inggris); saran ditulis teks("Indonesia", "Inggris", nilai...),
-- kedua kalimat memakai nilai yang sama dengan urutan yang sama. Bila teks
-- Inggris tidak ada, teks Indonesia yang dipakai.
-- Texts are bilingual: the global `bahasa` is "id" or "en" (from `bahasa:` in
-- records/rekap.yaml). Each criterion has `label` (Indonesian) and `label_en`
-- (English); advice is written as teks("Indonesian", "English", values...),
-- both sentences taking the same values in the same order. If an English
-- text is missing, the Indonesian one is used.

-- a dibagi b, atau 0 bila salah satunya kosong. a divided by b, or 0 when either is missing.
local function bagian(a, b)
  if a == nil or b == nil or b == 0 then return 0 end
  return a / b
end

-- Kalimat dalam bahasa situs, dengan nilai-nilainya diisikan (%d, %s).
-- `bahasa` dibaca di sini, saat pos dinilai, bukan saat berkas ini dimuat.
-- The sentence in the site's language, with the values filled in (%d, %s).
-- `bahasa` is read here, when a post is assessed, not when this file loads.
local function teks(id, en, ...)
  return string.format(bahasa == "en" and en or id, ...)
end

-- Hanya untuk bahasa Inggris: "1 worker", "25 workers". English only.
local function jumlah_en(n, satu, banyak)
  return string.format("%d %s", n, n == 1 and satu or banyak)
end

-- Sarana untuk kriteria sarana_dasar dan sarana_lengkap.
-- The facilities of the criteria sarana_dasar and sarana_lengkap.
local sarana_dasar = { "papan_nama", "kotak_p3k", "buku_pencatatan" }
local sarana_wajib = { "papan_nama", "kotak_p3k", "kotak_p3p", "contoh_apd", "timbangan",
                       "pengukur_tinggi", "tempat_cuci_tangan", "tempat_sampah",
                       "buku_pencatatan" }

-- Label sarana diambil dari daftar_sarana di 02-kosakata.lua, kata-kata yang
-- tampil di tabel sarana halaman pos.
-- The facilities' labels come from daftar_sarana in 02-kosakata.lua, the
-- words the post's page shows in its table of facilities.
local sarana_dikenal = {}
for _, s in ipairs(daftar_sarana) do
  sarana_dikenal[s.id] = s
end

-- Label satu sarana dalam satu bahasa ("id" atau "en"), huruf pertamanya kecil
-- agar pas di tengah kalimat: "Kotak P3K" menjadi "kotak P3K".
-- A facility's label in one language ("id" or "en"), its first letter in
-- lower case to stand inside a sentence: "Kotak P3K" becomes "kotak P3K".
local function nama_sarana(id, dalam)
  local s = sarana_dikenal[id]
  if not s then return id end
  local label = dalam == "en" and s.label_en or s.label
  return label:sub(1, 1):lower() .. label:sub(2)
end

-- Label daftar sarana, dipisah koma. The labels of a list of facilities, joined with commas.
local function daftar_nama(daftar, dalam)
  local nama = {}
  for _, id in ipairs(daftar) do
    nama[#nama + 1] = nama_sarana(id, dalam)
  end
  return table.concat(nama, ", ")
end

-- Label sarana dalam daftar yang belum dimiliki pos, dalam bahasa situs.
-- The labels of the listed facilities the post lacks, in the site's language.
local function sarana_kurang(pos, daftar)
  local kurang = {}
  for _, id in ipairs(daftar) do
    if not pos.sarana[id] then
      kurang[#kurang + 1] = nama_sarana(id, bahasa)
    end
  end
  return kurang
end

-- Kriteria, masing-masing dengan tingkat, bobot dan uji(pos) yang mengembalikan
-- true, atau false beserta saran. The criteria, each with its level, weight and
-- a test uji(pos) that returns true, or false and advice.
local kriteria = {
  {
    id = "kader_cukup", tingkat = "madya", bobot = 15,
    label = "Kader aktif minimal 10% dari pekerja terdaftar",
    label_en = "Active cadres number at least 10% of registered workers",
    uji = function(pos)
      if pos.pekerja == nil then
        return false, teks("Laporkan jumlah pekerja terdaftar (pekerja_l, pekerja_p) setiap bulan.",
          "Report the number of registered workers (pekerja_l, pekerja_p) every month.")
      end
      local perlu = math.ceil(pos.pekerja * 0.10)
      local ada = pos.kader_aktif or 0
      if ada >= perlu then return true end
      if bahasa == "en" then -- bahasa Inggris: "1 cadre" tetapi "3 cadres"; English plurals
        return false, string.format(
          "Add %s: with %s the post needs at least %s; it has %d now.",
          jumlah_en(perlu - ada, "active cadre", "active cadres"),
          jumlah_en(math.floor(pos.pekerja), "worker", "workers"),
          jumlah_en(perlu, "cadre", "cadres"), ada)
      end
      return false, string.format(
        "Tambah %d kader aktif: %d pekerja memerlukan minimal %d kader, sekarang %d.",
        perlu - ada, math.floor(pos.pekerja), perlu, ada)
    end,
  },
  {
    id = "buka_separuh", tingkat = "madya", bobot = 10,
    label = "Buka pada sedikitnya separuh bulan dalam empat triwulan terakhir",
    label_en = "Open in at least half of the months of the last four quarters",
    uji = function(pos)
      if bagian(pos.bulan_aktif, pos.bulan_ada) >= 0.5 then return true end
      return false, teks(
        "Buka pos sedikitnya setiap dua bulan; dalam empat triwulan terakhir pos buka %d dari %d bulan.",
        "Open the post at least every other month; in the last four quarters it was open in %d of %d months.",
        pos.bulan_aktif or 0, pos.bulan_ada or 0)
    end,
  },
  {
    id = "sarana_dasar", tingkat = "madya", bobot = 10,
    label = "Sarana dasar: " .. daftar_nama(sarana_dasar, "id"),
    label_en = "Basic facilities: " .. daftar_nama(sarana_dasar, "en"),
    uji = function(pos)
      local kurang = sarana_kurang(pos, sarana_dasar)
      if #kurang == 0 then return true end
      return false, teks("Lengkapi sarana dasar: %s.",
        "Provide the missing basic facilities: %s.", table.concat(kurang, ", "))
    end,
  },
  {
    id = "buka_rutin", tingkat = "purnama", bobot = 15,
    label = "Buka pada sedikitnya 75% bulan dalam empat triwulan terakhir",
    label_en = "Open in at least 75% of the months of the last four quarters",
    uji = function(pos)
      if bagian(pos.bulan_aktif, pos.bulan_ada) >= 0.75 then return true end
      return false, teks(
        "Buka pos hampir setiap bulan (sedikitnya 75%%); sekarang %d dari %d bulan.",
        "Open the post almost every month (at least 75%%); it is now open in %d of %d months.",
        pos.bulan_aktif or 0, pos.bulan_ada or 0)
    end,
  },
  {
    id = "kader_terlatih", tingkat = "purnama", bobot = 15,
    label = "Sedikitnya separuh kader aktif sudah dilatih",
    label_en = "At least half of the active cadres are trained",
    uji = function(pos)
      if (pos.kader_aktif or 0) > 0 and bagian(pos.kader_terlatih, pos.kader_aktif) >= 0.5 then
        return true
      end
      return false, teks(
        "Latih kader: baru %d dari %d kader aktif yang pernah mengikuti pelatihan kesehatan kerja.",
        "Train the cadres: so far %d of %d active cadres have had occupational health training.",
        pos.kader_terlatih or 0, pos.kader_aktif or 0)
    end,
  },
  {
    id = "sarana_lengkap", tingkat = "purnama", bobot = 10,
    label = "Sarana wajib lengkap (termasuk P3P, APD, timbangan, cuci tangan, tempat sampah)",
    label_en = "All required facilities (including P3P kit, PPE, scales, hand-washing, rubbish bin)",
    uji = function(pos)
      local kurang = sarana_kurang(pos, sarana_wajib)
      if #kurang == 0 then return true end
      return false, teks("Lengkapi sarana wajib yang belum ada: %s.",
        "Provide the required facilities that are still missing: %s.", table.concat(kurang, ", "))
    end,
  },
  {
    id = "penyuluhan_rutin", tingkat = "purnama", bobot = 10,
    label = "Penyuluhan pada sedikitnya separuh bulan",
    label_en = "Health counselling in at least half of the months",
    uji = function(pos)
      if bagian(pos.bulan_penyuluhan, pos.bulan_ada) >= 0.5 then return true end
      return false, teks(
        "Adakan penyuluhan kesehatan kerja sedikitnya setiap dua bulan; sekarang %d dari %d bulan.",
        "Hold occupational health counselling at least every other month; it is now held in %d of %d months.",
        pos.bulan_penyuluhan or 0, pos.bulan_ada or 0)
    end,
  },
  {
    id = "buka_setiap_bulan", tingkat = "mandiri", bobot = 5,
    label = "Buka setiap bulan dalam empat triwulan terakhir",
    label_en = "Open every month of the last four quarters",
    uji = function(pos)
      if (pos.bulan_ada or 0) > 0 and pos.bulan_aktif == pos.bulan_ada then return true end
      return false, teks("Buka pos setiap bulan; sekarang %d dari %d bulan.",
        "Open the post every month; it is now open in %d of %d months.",
        pos.bulan_aktif or 0, pos.bulan_ada or 0)
    end,
  },
  {
    id = "dana_mandiri", tingkat = "mandiri", bobot = 10,
    label = "Dana dari luar puskesmas (desa, swadaya, perusahaan, pemda)",
    label_en = "Funding from outside the puskesmas (village, workers, companies, local government)",
    uji = function(pos)
      for id in pairs(pos.sumber_dana) do
        if id ~= "puskesmas" then return true end
      end
      return false, teks(
        "Cari sumber dana di luar puskesmas: dana desa, iuran swadaya, CSR perusahaan atau pemda.",
        "Find funding outside the puskesmas: the village fund, workers' contributions, company CSR or local government.")
    end,
  },
}

-- Urutan tingkat, dari yang terendah. The levels in order, from the lowest.
local urutan = { "pratama", "madya", "purnama", "mandiri" }

penilaian(function(pos)
  local skor, hasil = 0, {}
  local gagal_pada = {} -- tingkat dengan kriteria yang gagal; levels with a missed criterion
  for _, k in ipairs(kriteria) do
    local ok, saran = k.uji(pos)
    if ok then
      skor = skor + k.bobot
    else
      gagal_pada[k.tingkat] = true
    end
    local label = bahasa == "en" and k.label_en or k.label
    hasil[#hasil + 1] = { id = k.id, label = label, terpenuhi = ok, saran = saran }
  end
  local tingkat = urutan[1]
  for i = 2, #urutan do
    if gagal_pada[urutan[i]] then break end
    tingkat = urutan[i]
  end
  return { tingkat = tingkat, skor = skor, kriteria = hasil }
end)
