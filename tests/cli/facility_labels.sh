#!/bin/sh
# The assessment names a missing facility with the label that
# lua/02-kosakata.lua gives it, the one the post's table of facilities shows,
# in both languages; a label changed there changes the advice too.
# Usage: facility_labels.sh REKAP SOURCE_DIR WORK_DIR
set -u
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cp -a "$src/tests/golden/records" "$work/records"
cp -a "$src/lua" "$work/lua"
cd "$work"
fail() { echo "facility_labels: $*" >&2; exit 1; }
page=site/kalimantan-timur/kabupaten-berau/sambaliung/sawit-tumbit/index.md
build() { REKAP_TODAY=2025-06-30 "$rekap" build --rules lua --templates "$src/templates" \
	--formats md --out site 2>err.txt || fail "build failed: $(cat err.txt)"; }
# has_line TEXT: the page holds a line with TEXT
has_line() { grep -qF -- "$1" "$page" || fail "$page lacks: $1"; }
build
has_line "| Buku pencatatan dan pelaporan | ❌ tidak ada |"
has_line "Syarat pembentukan: lengkapi kotak P3P, contoh alat pelindung diri (APD), timbangan, pengukur tinggi badan, buku pencatatan dan pelaporan."
has_line "Sarana pembentukan: papan nama, kotak P3K, kotak P3P, contoh alat pelindung diri (APD), timbangan, pengukur tinggi badan, buku pencatatan dan pelaporan:"
sed -i 's/label = "Buku pencatatan dan pelaporan", label_en = "Record and report books"/label = "Buku register pos", label_en = "Post register"/' \
	lua/02-kosakata.lua
grep -q '"Buku register pos"' lua/02-kosakata.lua || fail "fixture: the label was not changed"
build
has_line "| Buku register pos | ❌ tidak ada |"
has_line "Syarat pembentukan: lengkapi kotak P3P, contoh alat pelindung diri (APD), timbangan, pengukur tinggi badan, buku register pos."
sed -i 's/^bahasa: id$/bahasa: en/' records/rekap.yaml
build
has_line "Forming requirement: provide kit for first aid in illness (P3P), sample personal protective equipment (PPE), scales, height measure, post register."
has_line "Forming facilities: name board, first-aid kit, kit for first aid in illness (P3P), sample personal protective equipment (PPE), scales, height measure, post register:"
echo "facility_labels: the advice names facilities as the vocabulary does, in both languages"
