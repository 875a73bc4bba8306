-- expect: 99-case.lua:4: error: besaran "rerata_kosong" untuk records/alfa/kabupaten-satu/pkm-a/pos-1/laporan.csv pada 2023-Q1: rumus menghasilkan nan (bukan angka), yang tidak dapat diterbitkan
-- A besaran dividing by a difference that is 0 gives nan; it must not
-- pass for "not reported".
besaran {
  id = "rerata_kosong", label = "Rerata kosong",
  rumus = function(q)
    return (q.dilayani - q.dilayani) / (q.dilayani - q.dilayani)
  end,
}
