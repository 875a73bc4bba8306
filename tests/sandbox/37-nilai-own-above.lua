-- expect: 99-case.lua:7: error: indikator "induknya" untuk records/alfa/provinsi.md pada 2023-Q1: nilai: indikator "induknya" juga dihitung dengan rumus dan belum dihitung
-- Reading the rumus indicator being computed at an area above: computed
-- after this one, so not known.
indikator {
  id = "induknya", label = "Induknya", berlaku = { "provinsi", "nasional" },
  rumus = function(wilayah, periode)
    if wilayah.induk then return (wilayah.induk:nilai("induknya", periode)) end
    return 1
  end,
}
