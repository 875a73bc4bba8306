-- expect: 99-case.lua:4: error: indikator "sakit_semua": label "Sakit dilayani" sudah dipakai indikator "dilayani" (02-indikator.lua:9); beri label lain: baris halaman dan tautan ke definisinya dibedakan lewat label
-- A block copied with its label left: two rows alike on every page, both
-- linked to the first one's definition.
indikator { id = "sakit_semua", label = "Sakit dilayani", pembilang = "sakit" }
