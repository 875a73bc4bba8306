-- expect: 99-case.lua:3: error: tingkat wilayah "desa" di "berlaku" tidak dikenal
-- A level that does not exist.
indikator { id = "d", label = "D", pembilang = "sakit", berlaku = { "desa" } }
