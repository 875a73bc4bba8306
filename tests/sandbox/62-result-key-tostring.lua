-- expect: 99-case.lua:4: error: indikator "kunci_tabel" untuk records/alfa/kabupaten-satu/pkm-a/pos-1/pos.md pada 2023-Q1: rumus menghasilkan kunci "[table]" yang tidak dikenal; yang ada: pembilang, penyebut, keterangan
-- A key that is no text is named by its type: its __tostring, run outside
-- a protected call, aborted rekap.
indikator {
  id = "kunci_tabel", label = "Kunci tabel",
  rumus = function(wilayah, periode)
    local kunci = setmetatable({}, { __tostring = function() error("boom") end })
    return { pembilang = 5, [kunci] = 1 }
  end,
}
