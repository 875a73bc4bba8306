-- expect: 99-case.lua:4: error: agregasi "total" tidak dikenal; pilih jumlah, terakhir, tertinggi atau rata_rata (nama Inggrisnya sum, last, max, average juga diterima)
-- An unknown agregasi: the message lists the Indonesian values first.
-- Agregasi yang tidak dikenal: pesannya menyebut nilai bahasa Indonesia dahulu.
elemen { id = "berat", label = "Berat", agregasi = "total" }
