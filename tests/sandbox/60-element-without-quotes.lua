-- expect: 99-case.lua:3: error: nama "dilayani" tidak dikenal; "dilayani" adalah elemen atau besaran, bukan variabel Lua: tulis "dilayani" dalam tanda kutip di pembilang, penyebut, kiri, kanan dan jumlah(), q.dilayani di dalam rumus besaran
-- An element named without its quotation marks is a global Lua does not know.
indikator { id = "dilayani_semua", label = "Dilayani semua", pembilang = dilayani }
