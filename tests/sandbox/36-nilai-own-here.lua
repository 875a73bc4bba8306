-- expect: 99-case.lua:6: error: indikator "sendiri" untuk records/rekap.yaml pada 2023-Q1: nilai: indikator "sendiri" juga dihitung dengan rumus dan belum dihitung
-- Reading the rumus indicator being computed at the area itself: only its
-- value at the areas below is known.
indikator {
  id = "sendiri", label = "Sendiri", berlaku = { "nasional" },
  rumus = function(wilayah, periode) return (wilayah:nilai("sendiri", periode)) end,
}
