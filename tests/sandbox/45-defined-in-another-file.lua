-- expect: 99-case.lua:4: error: indikator "sakit" sudah didefinisikan (pertama di 02-indikator.lua:11; setiap berkas .lua di folder aturan dibaca: bila berkas itu salinan, pindahkan ke luar folder)
-- A copy of a rules file left in the folder ("02-indikator - Copy.lua") defines every id
-- again: the message names the file and line of the first definition.
indikator { id = "sakit", label = "Sakit", pembilang = "sakit" }
