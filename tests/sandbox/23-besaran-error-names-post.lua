-- expect: 99-case.lua:6: error: besaran "rusak" untuk records/alfa/kabupaten-satu/pkm-a/pos-1/laporan.csv pada 2023-Q2: attempt to perform arithmetic on a nil value (field 'dilayani')
-- A besaran failing on a quarter (nothing reported in 2023-Q2) names the post's file and the quarter.
besaran {
  id = "rusak", label = "Rusak",
  rumus = function(q)
    return q.dilayani + 1
  end,
}
