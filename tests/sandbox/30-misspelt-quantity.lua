-- expect: 99-case.lua:6: error: besaran "ketik" untuk records/alfa/kabupaten-satu/pkm-a/pos-1/laporan.csv pada 2023-Q1: q.sakti: "sakti" bukan elemen atau besaran yang dikenal; maksudnya q.sakit?
-- A misspelt quantity inside a besaran.
besaran {
  id = "ketik", label = "Ketik",
  rumus = function(q)
    return q.sakti
  end,
}
