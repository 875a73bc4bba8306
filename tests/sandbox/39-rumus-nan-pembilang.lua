-- expect: 99-case.lua:5: error: indikator "bagi_nol" untuk records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2023-Q1: rumus menghasilkan nan (bukan angka) sebagai pembilang, yang tidak dapat diterbitkan
-- 0/0 is nan in Lua, the very value rekap keeps for "not reported": taken
-- as it is, the post would read "tidak dilaporkan" although it reported.
-- Refused, in a pembilang as in a plain value.
indikator {
  id = "bagi_nol", label = "Bagi nol",
  rumus = function(wilayah, periode)
    return { pembilang = 0 / 0, penyebut = 1 }
  end,
}
