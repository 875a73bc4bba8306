-- expect: 99-case.lua:7: error: indikator "gagal" untuk records/alfa/kota-dua/pkm-c/pos-4/pos.md pada 2024-Q1: pos ini gagal
-- An error raised for one post in one quarter names both.
indikator {
  id = "gagal", label = "Gagal",
  rumus = function(wilayah, periode)
    if wilayah.nama == "Pos 4" and tostring(periode) == "2024-Q1" then
      error("pos ini gagal")
    end
    return 1
  end,
}
