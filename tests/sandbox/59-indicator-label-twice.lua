-- expect: 99-case.lua:4: error: indikator "sakit_semua": label "Sakit (dilayani)" sama dengan label "Sakit dilayani" indikator "dilayani" (02-indikator.lua:9) bila huruf besar-kecil dan tanda baca diabaikan; beri label lain: baris halaman dan tautan ke definisinya dibedakan lewat label
-- A block copied with its label left, or changed only in punctuation: two
-- rows alike on every page, both linked to the first one's definition.
indikator { id = "sakit_semua", label = "Sakit (dilayani)", pembilang = "sakit" }
