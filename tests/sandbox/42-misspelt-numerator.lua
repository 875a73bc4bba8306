-- expect: 99-case.lua:3: error: indikator "layan": "dilayni" bukan elemen atau besaran yang dikenal; maksudnya "dilayani"?
-- A misspelt pembilang is refused when the rules load, with the name it is nearest to.
indikator {
  id = "layan", label = "Layan",
  pembilang = "dilayni", penyebut = "sakit", faktor = 100, satuan = "%",
}
