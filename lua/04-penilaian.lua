-- Assessment of each post: its level (Pratama, Madya, Purnama, Mandiri) and a score.
-- Penilaian setiap pos: tingkat dan skor.
--
-- No public source gives the official thresholds, so these criteria are a
-- documented proposal that a province replaces by editing this file.
-- Each criterion belongs to the lowest level that requires it. A post
-- reaches a level when it meets every criterion of that level and of the
-- levels below; the score is the sum of the weights (bobot) of the criteria
-- it meets (the weights add up to 100).
--
-- The function receives, for the last four quarters up to the published one:
--   pos.pekerja, pos.kader, pos.kader_aktif, pos.kader_terlatih,
--   pos.bulan_ada, pos.bulan_aktif, pos.bulan_lapor, pos.bulan_penyuluhan,
--   pos.penyuluhan, pos.sarana (set of ids), pos.sumber_dana (set of ids),
--   pos.status, pos.jenis_pekerjaan, pos.nama
-- A value that was never reported is nil.

local function bagian(a, b)
  if a == nil or b == nil or b == 0 then return 0 end
  return a / b
end

local sarana_dasar = { "papan_nama", "kotak_p3k", "buku_pencatatan" }
local sarana_wajib = { "papan_nama", "kotak_p3k", "kotak_p3p", "contoh_apd", "timbangan",
                       "pengukur_tinggi", "tempat_cuci_tangan", "tempat_sampah",
                       "buku_pencatatan" }

local label_sarana = {
  papan_nama = "papan nama", kotak_p3k = "kotak P3K", kotak_p3p = "kotak P3P",
  contoh_apd = "contoh APD", timbangan = "timbangan", pengukur_tinggi = "pengukur tinggi",
  tempat_cuci_tangan = "tempat cuci tangan", tempat_sampah = "tempat sampah",
  buku_pencatatan = "buku pencatatan",
}

local function sarana_kurang(pos, daftar)
  local kurang = {}
  for _, id in ipairs(daftar) do
    if not pos.sarana[id] then kurang[#kurang + 1] = label_sarana[id] or id end
  end
  return kurang
end

local kriteria = {
  {
    id = "kader_cukup", tingkat = "madya", bobot = 15,
    label = "Kader aktif minimal 10% dari pekerja terdaftar",
    uji = function(pos)
      if pos.pekerja == nil then
        return false, "Laporkan jumlah pekerja terdaftar (pekerja_l, pekerja_p) setiap bulan."
      end
      local perlu = math.ceil(pos.pekerja * 0.10)
      local ada = pos.kader_aktif or 0
      if ada >= perlu then return true end
      return false, string.format(
        "Tambah %d kader aktif: %d pekerja memerlukan minimal %d kader, sekarang %d.",
        perlu - ada, math.floor(pos.pekerja), perlu, ada)
    end,
  },
  {
    id = "buka_separuh", tingkat = "madya", bobot = 10,
    label = "Buka pada sedikitnya separuh bulan dalam empat triwulan terakhir",
    uji = function(pos)
      if bagian(pos.bulan_aktif, pos.bulan_ada) >= 0.5 then return true end
      return false, string.format(
        "Buka pos sedikitnya setiap dua bulan; dalam empat triwulan terakhir pos buka %d dari %d bulan.",
        pos.bulan_aktif or 0, pos.bulan_ada or 0)
    end,
  },
  {
    id = "sarana_dasar", tingkat = "madya", bobot = 10,
    label = "Sarana dasar: papan nama, kotak P3K, buku pencatatan",
    uji = function(pos)
      local kurang = sarana_kurang(pos, sarana_dasar)
      if #kurang == 0 then return true end
      return false, "Lengkapi sarana dasar: " .. table.concat(kurang, ", ") .. "."
    end,
  },
  {
    id = "buka_rutin", tingkat = "purnama", bobot = 15,
    label = "Buka pada sedikitnya 75% bulan dalam empat triwulan terakhir",
    uji = function(pos)
      if bagian(pos.bulan_aktif, pos.bulan_ada) >= 0.75 then return true end
      return false, string.format(
        "Buka pos hampir setiap bulan (sedikitnya 75%%); sekarang %d dari %d bulan.",
        pos.bulan_aktif or 0, pos.bulan_ada or 0)
    end,
  },
  {
    id = "kader_terlatih", tingkat = "purnama", bobot = 15,
    label = "Sedikitnya separuh kader aktif sudah dilatih",
    uji = function(pos)
      if (pos.kader_aktif or 0) > 0 and bagian(pos.kader_terlatih, pos.kader_aktif) >= 0.5 then
        return true
      end
      return false, string.format(
        "Latih kader: baru %d dari %d kader aktif yang pernah mengikuti pelatihan kesehatan kerja.",
        pos.kader_terlatih or 0, pos.kader_aktif or 0)
    end,
  },
  {
    id = "sarana_lengkap", tingkat = "purnama", bobot = 10,
    label = "Sarana wajib lengkap (termasuk P3P, APD, timbangan, cuci tangan, tempat sampah)",
    uji = function(pos)
      local kurang = sarana_kurang(pos, sarana_wajib)
      if #kurang == 0 then return true end
      return false, "Lengkapi sarana wajib yang belum ada: " .. table.concat(kurang, ", ") .. "."
    end,
  },
  {
    id = "penyuluhan_rutin", tingkat = "purnama", bobot = 10,
    label = "Penyuluhan pada sedikitnya separuh bulan",
    uji = function(pos)
      if bagian(pos.bulan_penyuluhan, pos.bulan_ada) >= 0.5 then return true end
      return false, string.format(
        "Adakan penyuluhan kesehatan kerja sedikitnya setiap dua bulan; sekarang %d dari %d bulan.",
        pos.bulan_penyuluhan or 0, pos.bulan_ada or 0)
    end,
  },
  {
    id = "buka_setiap_bulan", tingkat = "mandiri", bobot = 5,
    label = "Buka setiap bulan dalam empat triwulan terakhir",
    uji = function(pos)
      if (pos.bulan_ada or 0) > 0 and pos.bulan_aktif == pos.bulan_ada then return true end
      return false, string.format("Buka pos setiap bulan; sekarang %d dari %d bulan.",
        pos.bulan_aktif or 0, pos.bulan_ada or 0)
    end,
  },
  {
    id = "dana_mandiri", tingkat = "mandiri", bobot = 10,
    label = "Dana dari luar puskesmas (desa, swadaya, perusahaan, pemda)",
    uji = function(pos)
      for id in pairs(pos.sumber_dana) do
        if id ~= "puskesmas" then return true end
      end
      return false,
        "Cari sumber dana di luar puskesmas: dana desa, iuran swadaya, CSR perusahaan atau pemda."
    end,
  },
}

local urutan = { "pratama", "madya", "purnama", "mandiri" }

penilaian(function(pos)
  local skor, hasil = 0, {}
  local gagal_pada = {} -- levels with at least one missed criterion
  for _, k in ipairs(kriteria) do
    local ok, saran = k.uji(pos)
    if ok then
      skor = skor + k.bobot
    else
      gagal_pada[k.tingkat] = true
    end
    hasil[#hasil + 1] = { id = k.id, label = k.label, terpenuhi = ok, saran = saran }
  end
  local tingkat = urutan[1]
  for i = 2, #urutan do
    if gagal_pada[urutan[i]] then break end
    tingkat = urutan[i]
  end
  return { tingkat = tingkat, skor = skor, kriteria = hasil }
end)
