#!/bin/sh
# `rekap new` makes folders that pass `rekap check`, picks unused codes,
# never overwrites, and refuses a post outside a puskesmas folder.
# Usage: scaffold.sh REKAP SOURCE_DIR WORK_DIR
set -u
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cp -a "$src/tests/golden/records" "$work/records"
cd "$work"
fail() { echo "scaffold: $*" >&2; exit 1; }
rules="--rules $src/lua"
pkm=records/kalimantan-timur/kota-bontang/bontang-selatan-1
$rekap new pos "$pkm/pengrajin-baru" $rules || fail "new pos failed"
grep -q '^kode: "P6474010201-03"$' "$pkm/pengrajin-baru/pos.md" || fail "post code should be the first unused one (-03)"
grep -q '^nama: "Pos UKK Pengrajin Baru"$' "$pkm/pengrajin-baru/pos.md" || fail "post name from the slug"
head -n 1 "$pkm/pengrajin-baru/laporan.csv" | grep -q '^periode,tanggal_lapor,hari_buka,pekerja_l,' || fail "laporan.csv header"
[ "$(cat "$pkm/pengrajin-baru/penyakit.csv")" = "periode,kode_icd10,nama,kasus_l,kasus_p" ] || fail "penyakit.csv header (form LBKP-1)"
$rekap new puskesmas records/kalimantan-timur/kota-bontang/bontang-utara $rules || fail "new puskesmas failed"
grep -q '^kode: "P6474000001"$' records/kalimantan-timur/kota-bontang/bontang-utara/puskesmas.md || fail "puskesmas code"
$rekap new pos records/kalimantan-timur/kota-bontang/bontang-utara/nelayan-utara $rules || fail "new pos in a new puskesmas"
$rekap new kota records/kalimantan-timur/kota-samarinda $rules || fail "new kota failed"
grep -q '^kode: "64.71"$' records/kalimantan-timur/kota-samarinda/kota.md || fail "kota code 64.71"
$rekap new kabupaten records/kalimantan-timur/kabupaten-paser $rules || fail "new kabupaten failed"
grep -q '^kode: "64.01"$' records/kalimantan-timur/kabupaten-paser/kabupaten.md || fail "kabupaten code 64.01"
# the SITKO criteria (b)-(d) the rules declare: explained, and left empty to fill in
for f in sk_kesehatan_kerja pembinaan_sektor_formal pembinaan_k3_fasyankes; do
	grep -q "^$f:\$" records/kalimantan-timur/kabupaten-paser/kabupaten.md || fail "kabupaten.md lacks $f:"
	grep -q "^# $f: " records/kalimantan-timur/kota-samarinda/kota.md || fail "kota.md does not explain $f"
done
$rekap new provinsi records/jawa-timur $rules || fail "new provinsi failed"
$rekap check --records records $rules 2>check.txt || { cat check.txt >&2; fail "check of scaffolded records failed"; }
# refusals: existing folder, a post under a district, a bad slug, an unknown kind
$rekap new pos "$pkm/pengrajin-baru" $rules 2>err.txt && fail "overwrote an existing folder"
grep -q "sudah ada" err.txt || fail "no message for an existing folder"
$rekap new pos records/kalimantan-timur/kota-bontang/pos-salah $rules 2>err.txt && fail "post outside a puskesmas"
grep -q "puskesmas.md" err.txt || fail "no message for a post outside a puskesmas"
$rekap new pos "$pkm/Pos Baru" $rules 2>/dev/null && fail "accepted a bad slug"
$rekap new desa "$pkm/x" $rules 2>/dev/null
[ $? -eq 2 ] || fail "unknown kind should be a usage error (2)"
echo "scaffold: 6 folders created and checked, 4 refusals"
