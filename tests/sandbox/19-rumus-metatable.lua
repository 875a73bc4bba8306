-- expect: 99-case.lua:7: error: indikator "meta" untuk records/rekap.yaml pada 2023-Q1: wilayah dan periode hanya dapat dibaca
-- Nor through its metatable.
indikator {
  id = "meta", label = "Meta",
  rumus = function(wilayah, periode)
    local mt = getmetatable(wilayah) -- false: the metatable is protected
    if mt == false then wilayah.kode = "00" end
  end,
}
