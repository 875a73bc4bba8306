-- expect: 99-case.lua:10: error: penilaian records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2024-Q1: wilayah dan periode hanya dapat dipakai di dalam rumus indikator
-- A view kept in a variable cannot be used once the indicators are computed.
local disimpan
indikator {
  id = "simpan", label = "Simpan",
  rumus = function(wilayah, periode) disimpan = wilayah return 1 end,
}
penilaian(function(pos)
  -- the records are not reachable from here
  local nama = disimpan.nama
  return { tingkat = "pratama", skor = 0 }
end)
