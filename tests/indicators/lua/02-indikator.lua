-- Indicators of the fixture: every kind, each worked out by hand in
-- tests/indicators/hand-values.csv.
besaran {
  id = "pos_aktif",
  label = "Pos aktif",
  rumus = function(q) return q.pos_ada == 1 and q.bulan_aktif == q.bulan_ada end,
}

indikator { id = "dilayani", label = "Sakit dilayani", pembilang = "dilayani",
            penyebut = "sakit", faktor = 100, satuan = "%", target = { [2023] = 80, [2024] = 85 } }
indikator { id = "sakit", label = "Sakit", pembilang = "sakit" }
indikator { id = "sakit_p", label = "Sakit (perempuan)", pembilang = "sakit_p" }
indikator { id = "pekerja", label = "Pekerja", pembilang = { "pekerja_l", "pekerja_p" } }
indikator { id = "pos_aktif", label = "Pos aktif", persen_pos = "pos_aktif" }
indikator { id = "penyuluhan", label = "Pos dengan penyuluhan", persen_pos = "penyuluhan_ada" }
indikator { id = "kelengkapan", label = "Kelengkapan", pembilang = "laporan_diterima",
            penyebut = "laporan_diharapkan", faktor = 100, satuan = "%" }
indikator { id = "tepat_waktu", label = "Tepat waktu", pembilang = "laporan_tepat_waktu",
            penyebut = "laporan_diharapkan", faktor = 100, satuan = "%" }
indikator { id = "jam_buka", label = "Jam buka", pembilang = "jam_buka", berlaku = { "pos" } }

indikator {
  id = "perubahan_sakit", label = "Perubahan sakit dari triwulan lalu", faktor = 100, satuan = "%",
  rumus = function(wilayah, periode)
    local kini = wilayah:jumlah("sakit", periode)
    local lalu = wilayah:jumlah("sakit", periode:sebelumnya())
    if kini == nil or lalu == nil then return nil end
    return { pembilang = kini - lalu, penyebut = lalu }
  end,
}

indikator {
  id = "sakit_tahun_lalu", label = "Sakit, triwulan yang sama tahun lalu",
  rumus = function(wilayah, periode) return wilayah:jumlah("sakit", periode:tahun_lalu()) end,
}

indikator {
  id = "sakit_sejak_awal_tahun", label = "Sakit sejak awal tahun",
  rumus = function(wilayah, periode)
    return wilayah:jumlah("sakit", periode:sejak_awal_tahun())
  end,
}

indikator {
  id = "dilayani_lalu", label = "Sakit dilayani triwulan lalu", satuan = "%",
  rumus = function(wilayah, periode)
    return (wilayah:nilai("dilayani", periode:sebelumnya()))
  end,
}

indikator {
  id = "puskesmas_aktif", label = "Puskesmas dengan pos aktif", faktor = 100, satuan = "%",
  target = 60, berlaku = { "kabupaten", "provinsi", "nasional" },
  rumus = function(wilayah, periode)
    local ada, semua = 0, 0
    for _, pkm in ipairs(wilayah:daftar("puskesmas")) do
      semua = semua + 1
      for _, pos in ipairs(pkm.pos) do
        if pos:jumlah("pos_aktif", periode) == 1 then ada = ada + 1; break end
      end
    end
    if semua == 0 then return nil end
    return { pembilang = ada, penyebut = semua }
  end,
}

-- Year to date of elements that are not counts: "last" (a stock), "average".
indikator {
  id = "pekerja_tahunan", label = "Pekerja (tahun berjalan)",
  rumus = function(wilayah, periode)
    return wilayah:jumlah("pekerja", periode:sejak_awal_tahun())
  end,
}

indikator {
  id = "jam_buka_tahunan", label = "Jam buka (rata-rata tahun berjalan)", berlaku = { "pos" },
  rumus = function(wilayah, periode)
    return wilayah:jumlah("jam_buka", periode:sejak_awal_tahun())
  end,
}

-- The same count read from below, one level at a time: at a district its
-- own puskesmas, at a province the sum of its districts' values of this
-- very indicator, at the nation the sum of its provinces' (nilai of the
-- indicator being computed, at the areas below, which are computed first:
-- the nation's value needs the provinces', which need the districts').
indikator {
  id = "puskesmas_aktif_bawah", label = "Puskesmas dengan pos aktif (dari wilayah di bawahnya)",
  faktor = 100, satuan = "%", berlaku = { "kabupaten", "provinsi", "nasional" },
  rumus = function(wilayah, periode)
    local ada, semua = 0, 0
    if wilayah.jenis == "kabupaten" or wilayah.jenis == "kota" then
      local _, a, s = wilayah:nilai("puskesmas_aktif", periode)
      ada, semua = a or 0, s or 0
    else
      local bawah = wilayah.jenis == "nasional" and "provinsi" or "kabupaten"
      for _, w in ipairs(wilayah:daftar(bawah)) do
        local _, a, s = w:nilai("puskesmas_aktif_bawah", periode)
        ada, semua = ada + (a or 0), semua + (s or 0)
      end
    end
    if semua == 0 then return nil end
    return { pembilang = ada, penyebut = semua }
  end,
}
