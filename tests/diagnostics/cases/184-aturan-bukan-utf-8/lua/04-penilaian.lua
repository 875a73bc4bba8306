-- Penilaian setiap pos: tingkat (Pratama, Madya, Purnama, Mandiri) dan skor.
-- Assessment of each post: its level (Pratama, Madya, Purnama, Mandiri) and a score.
--
-- Sumber (sources):
-- * Lantai Pratama = persyaratan pembentukan Pos UKK ("persyaratan 1–6 mutlak", dipenuhi
--   sebelum pos dibentuk): kelompok pekerja, kader yang bersedia, tempat dengan papan nama,
--   kotak P3K dan P3P, contoh APD, timbangan dan pengukur tinggi badan, buku pencatatan.
--   Sumber: buklet Pos UKK yang mengutip Dit. Kesehatan Kerja (Dit Kesjaor) 2011; jumlah
--   10 pekerja dari materi pelatihan Pos UKK (10–50 pekerja sejenis). Pos yang belum
--   memenuhinya "belum memenuhi syarat Pratama".
-- * Madya, Purnama, Mandiri: Kemenkes, Petunjuk Teknis Pembinaan dan Penilaian Pos UKK
--   (draf Maret 2021), BAB III "Penilaian Pos UKK" memuat kriterianya, tetapi isinya tidak
--   dapat dibaca di salinan mana pun yang ditemukan. Kriteria di atas Pratama di bawah ini
--   adalah USULAN LOKAL (sumber = lokal) yang boleh diganti provinsi.
-- * The Pratama floor is the forming requirements ("persyaratan 1–6 mutlak", met before a
--   post is formed), from a Pos UKK booklet citing Dit Kesjaor 2011; 10 workers from the
--   Pos UKK training material (10–50 workers of one trade). A post lacking them is "belum
--   memenuhi syarat Pratama" (not yet meeting the Pratama requirements).
-- * Madya, Purnama, Mandiri: the Ministry's Petunjuk Teknis Pembinaan dan Penilaian Pos UKK
--   (draft, March 2021), chapter III, holds the criteria but could not be read in any copy
--   found. The criteria above Pratama below are a LOCAL PROPOSAL (sumber = lokal).
--
-- Mengganti kriteria: ubah satu tabel, `kriteria` di bawah (satu baris per kriteria:
-- tingkat, bobot, sumber, label, uji). Pos mencapai suatu tingkat bila memenuhi semua
-- kriteria tingkat itu dan tingkat di bawahnya; skor adalah jumlah bobot kriteria yang
-- terpenuhi (total bobot 100).
-- Replacing the criteria: edit one table, `kriteria` below (one row per criterion: level,
-- weight, source, label, test). A post reaches a level when it meets every criterion of
-- that level and of the levels below; the score is the sum of the weights (bobot) of the
-- criteria it meets (the weights add up to 100).
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

-- Sarana persyaratan mutlak pembentukan (lantai Pratama), dan sarana tambahan Purnama.
-- The facilities the forming requirements ask for (the Pratama floor), and Purnama's extra ones.
local sarana_mutlak = { "papan_nama", "kotak_p3k", "kotak_p3p", "contoh_apd", "timbangan",
                        "pengukur_tinggi", "buku_pencatatan" }
local sarana_tambahan = { "tempat_cuci_tangan", "tempat_sampah" }

-- Pekerja sekelompok yang sejenis pekerjaannya, paling sedikit (materi pelatihan: 10–50).
-- The smallest group of workers of one trade (training material: 10–50).
local pekerja_minimal = 10

-- Sumber kriteria, untuk kolom `sumber` tabel di bawah. The sources of the table below.
local syarat_pembentukan = "Persyaratan pembentukan Pos UKK (mutlak), buklet Pos UKK mengutip Dit Kesjaor 2011"
local lokal = "lokal"

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

-- Kriteria, masing-masing dengan tingkat, bobot, sumber (dokumen, atau "lokal" untuk usulan
-- lokal) dan uji(pos) yang mengembalikan true, atau false beserta saran. Inilah satu tabel
-- yang diganti bila kriteria resmi tersedia.
-- The criteria, each with its level, weight, source (a document, or "lokal" for a local
-- proposal) and a test uji(pos) that returns true, or false and advice. This is the one
-- table to replace when the official criteria become available.
local kriteria = {
  {
    id = "kelompok_pekerja", tingkat = "pratama", bobot = 5, sumber = syarat_pembentukan,
    label = "Kelompok pekerja: sedikitnya " .. pekerja_minimal .. " pekerja terdaftar",
    label_en = "A group of workers: at least " .. pekerja_minimal .. " registered workers",
    uji = function(pos)
      if (pos.pekerja or 0) >= pekerja_minimal then return true end
      return false, teks(
        "Syarat pembentukan: daftarkan sedikitnya %d pekerja dan laporkan (pekerja_l, pekerja_p); sekarang %d.",
        "Forming requirement: register at least %d workers and report them (pekerja_l, pekerja_p); there are %d now.",
        pekerja_minimal, math.floor(pos.pekerja or 0))
    end,
  },
  {
    id = "kader_bersedia", tingkat = "pratama", bobot = 5, sumber = syarat_pembentukan,
    label = "Ada kader yang bersedia (tercatat di kader.csv)",
    label_en = "Willing cadres (listed in kader.csv)",
    uji = function(pos)
      if (pos.kader or 0) >= 1 then return true end
      return false, teks(
        "Syarat pembentukan: catat kader yang bersedia di kader.csv.",
        "Forming requirement: list the willing cadres in kader.csv.")
    end,
  },
  {
    id = "sarana_mutlak", tingkat = "pratama", bobot = 10, sumber = syarat_pembentukan,
    label = "Sarana pembentukan: " .. daftar_nama(sarana_mutlak, "id"),
    label_en = "Forming facilities: " .. daftar_nama(sarana_mutlak, "en"),
    uji = function(pos)
      local kurang = sarana_kurang(pos, sarana_mutlak)
      if #kurang == 0 then return true end
      return false, teks("Syarat pembentukan: lengkapi %s.",
        "Forming requirement: provide %s.", table.concat(kurang, ", "))
    end,
  },
  {
    id = "kader_cukup", tingkat = "madya", bobot = 15, sumber = lokal,
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
    id = "buka_separuh", tingkat = "madya", bobot = 10, sumber = lokal,
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
    id = "buka_rutin", tingkat = "purnama", bobot = 15, sumber = lokal,
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
    id = "kader_terlatih", tingkat = "purnama", bobot = 10, sumber = lokal,
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
    id = "sarana_tambahan", tingkat = "purnama", bobot = 5, sumber = lokal,
    label = "Sarana tambahan: " .. daftar_nama(sarana_tambahan, "id"),
    label_en = "Further facilities: " .. daftar_nama(sarana_tambahan, "en"),
    uji = function(pos)
      local kurang = sarana_kurang(pos, sarana_tambahan)
      if #kurang == 0 then return true end
      return false, teks("Lengkapi sarana yang belum ada: %s.",
        "Provide the facilities that are still missing: %s.", table.concat(kurang, ", "))
    end,
  },
  {
    id = "penyuluhan_rutin", tingkat = "purnama", bobot = 10, sumber = lokal,
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
    id = "buka_setiap_bulan", tingkat = "mandiri", bobot = 5, sumber = lokal,
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
    id = "dana_mandiri", tingkat = "mandiri", bobot = 10, sumber = lokal,
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

-- Urutan tingkat, dari yang terendah; belum_pratama: syarat pembentukan belum lengkap.
-- The levels in order, from the lowest; belum_pratama: the forming requirements are not met.
local urutan = { "belum_pratama", "pratama", "madya", "purnama", "mandiri" }

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
