#!/bin/sh
# `rekap new` makes folders that pass `rekap check`, picks official or unused codes,
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
REKAP_TODAY=2025-03-09 $rekap new pos "$pkm/pengrajin-baru" $rules || fail "new pos failed"
grep -q '^dibentuk: 2025-03-09$' "$pkm/pengrajin-baru/pos.md" || fail "formation date: today"
grep -q '^kode: "P6474010201-03"$' "$pkm/pengrajin-baru/pos.md" || fail "post code should be the first unused one (-03)"
grep -q '^nama: "Pos UKK Pengrajin Baru"$' "$pkm/pengrajin-baru/pos.md" || fail "post name from the slug"
# nothing is claimed for the post until the officer says so: every facility
# and source of funding of the rules is offered commented out, none listed
grep -q '^sarana:$' "$pkm/pengrajin-baru/pos.md" || fail "sarana: key"
grep -q '^#  - papan_nama          # Papan nama$' "$pkm/pengrajin-baru/pos.md" || fail "papan_nama offered commented out"
grep -q '^#  - lemari_obat         # Lemari obat$' "$pkm/pengrajin-baru/pos.md" || fail "lemari_obat offered commented out"
grep -q '^#  - lainnya     # Lainnya$' "$pkm/pengrajin-baru/pos.md" || fail "sumber_dana lainnya offered commented out"
[ "$(grep -c '^#  - ' "$pkm/pengrajin-baru/pos.md")" -eq 17 ] || fail "11 facilities and 6 sources of funding offered"
! grep -q '^ *- ' "$pkm/pengrajin-baru/pos.md" || fail "a facility or fund listed without the officer"
head -n 1 "$pkm/pengrajin-baru/laporan.csv" | grep -q '^periode,tanggal_lapor,hari_buka,pekerja_l,' || fail "laporan.csv header"
[ "$(cat "$pkm/pengrajin-baru/penyakit.csv")" = "periode,kode_icd10,nama,kasus_l,kasus_p" ] || fail "penyakit.csv header (form LBKP-1)"
$rekap new puskesmas records/kalimantan-timur/kota-bontang/bontang-utara $rules || fail "new puskesmas failed"
grep -q '^kode: "P6474000001"$' records/kalimantan-timur/kota-bontang/bontang-utara/puskesmas.md || fail "puskesmas code"
$rekap new pos records/kalimantan-timur/kota-bontang/bontang-utara/nelayan-utara $rules || fail "new pos in a new puskesmas"
# a region the Kemendagri list names gets its official code and name
$rekap new kota records/kalimantan-timur/kota-samarinda $rules || fail "new kota failed"
grep -q '^kode: "64.72"$' records/kalimantan-timur/kota-samarinda/kota.md || fail "kota code: official 64.72"
grep -q '^nama: "Kota Samarinda"$' records/kalimantan-timur/kota-samarinda/kota.md || fail "kota name: official"
$rekap new kabupaten records/kalimantan-timur/kutai-kartanegara $rules || fail "new kabupaten failed"
grep -q '^kode: "64.02"$' records/kalimantan-timur/kutai-kartanegara/kabupaten.md || fail "kabupaten code: official 64.02"
grep -q '^nama: "Kabupaten Kutai Kartanegara"$' records/kalimantan-timur/kutai-kartanegara/kabupaten.md || fail "kabupaten name: official"
# one the list does not name: a warning and the first free code that is
# no region's (64.71 Balikpapan, 64.72 Samarinda and 64.74 Bontang are taken
# or official; 64.73 is nobody's)
$rekap new kota records/kalimantan-timur/kota-sangatta $rules 2>err.txt || fail "new unlisted kota failed"
grep -q '^kode: "64.73"$' records/kalimantan-timur/kota-sangatta/kota.md || fail "unlisted kota code 64.73"
grep -q '"Kota Sangatta" tidak ada di daftar wilayah Kemendagri' err.txt || fail "no warning for an unlisted kota"
$rekap new kabupaten records/kalimantan-timur/kabupaten-paser $rules || fail "new kabupaten failed"
grep -q '^kode: "64.01"$' records/kalimantan-timur/kabupaten-paser/kabupaten.md || fail "kabupaten code 64.01"
# an official code already used by a sibling folder (kota-bontang)
$rekap new kota records/kalimantan-timur/bontang $rules 2>err.txt && fail "reused Bontang's official code"
grep -q 'kode resmi 64.74 untuk Kota Bontang sudah dipakai' err.txt || fail "no message for a taken official code"
[ ! -e records/kalimantan-timur/bontang ] || fail "folder made despite the error"
# the SITKO criteria (b)-(d) the rules declare: explained, and left empty to fill in
for f in sk_kesehatan_kerja pembinaan_sektor_formal pembinaan_k3_fasyankes; do
	grep -q "^$f:\$" records/kalimantan-timur/kabupaten-paser/kabupaten.md || fail "kabupaten.md lacks $f:"
	grep -q "^# $f: " records/kalimantan-timur/kota-samarinda/kota.md || fail "kota.md does not explain $f"
done
$rekap new provinsi records/jawa-timur $rules || fail "new provinsi failed"
grep -q '^kode: "35"$' records/jawa-timur/provinsi.md || fail "provinsi code: official 35"
$rekap check --records records $rules 2>check.txt || { cat check.txt >&2; fail "check of scaffolded records failed"; }
# the sample narrative would be published as it is: warned at its line
line=$(grep -n '^Tulis keterangan di sini' "$pkm/pengrajin-baru/pos.md" | cut -d: -f1)
grep -q "^$pkm/pengrajin-baru/pos.md:$line:1: warning: keterangan masih memuat kalimat contoh dari rekap new" check.txt ||
	fail "no warning for the sample narrative at line $line"
grep -q "^records/jawa-timur/provinsi.md:[0-9]*:1: warning: keterangan masih memuat kalimat contoh" check.txt ||
	fail "no warning for a province's sample narrative"
# the new puskesmas's placeholder code (kecamatan 000) would be published
# as its code: warned at the code, until the official one is written
grep -q '^records/kalimantan-timur/kota-bontang/bontang-utara/puskesmas.md:[0-9]*:7: warning: kode puskesmas "P6474000001" tampaknya kode sementara' check.txt ||
	fail "no warning for the placeholder puskesmas code"
[ "$(grep -c 'tampaknya kode sementara' check.txt)" -eq 1 ] || fail "a placeholder warning for an official code"
# deleting a "#" lists the facility
sed -i 's/^#  - timbangan /  - timbangan /' "$pkm/pengrajin-baru/pos.md"
# the fields left to fill in ("") show a dash on the post's page, not nothing
REKAP_TODAY=2025-03-09 $rekap build --records records $rules --templates "$src/templates" --formats md \
	--period 2025-Q1 --out site 2>build.txt || { cat build.txt >&2; fail "build of scaffolded records failed"; }
grep -qx '| Jenis pekerjaan | – |' site/kalimantan-timur/kota-bontang/bontang-selatan-1/pengrajin-baru/index.md ||
	fail "an empty jenis_pekerjaan should show a dash: $(grep 'Jenis pekerjaan' site/kalimantan-timur/kota-bontang/bontang-selatan-1/pengrajin-baru/index.md)"
grep -qx '| Desa/kelurahan | – |' site/kalimantan-timur/kota-bontang/bontang-selatan-1/pengrajin-baru/index.md ||
	fail "an empty desa should show a dash"
grep -qx '| Timbangan | ✅ ada |' site/kalimantan-timur/kota-bontang/bontang-selatan-1/pengrajin-baru/index.md ||
	fail "an uncommented facility should be listed"
grep -qx '| Papan nama | ❌ tidak ada |' site/kalimantan-timur/kota-bontang/bontang-selatan-1/pengrajin-baru/index.md ||
	fail "a facility left commented out should not be listed"
# refusals: existing folder, a post under a district, a bad slug, a province
# without its records folder, an unknown kind
$rekap new pos "$pkm/pengrajin-baru" $rules 2>err.txt && fail "overwrote an existing folder"
grep -q "sudah ada" err.txt || fail "no message for an existing folder"
$rekap new pos records/kalimantan-timur/kota-bontang/pos-salah $rules 2>err.txt && fail "post outside a puskesmas"
grep -q "puskesmas.md" err.txt || fail "no message for a post outside a puskesmas"
$rekap new pos "$pkm/Pos Baru" $rules 2>err.txt && fail "accepted a bad slug"
grep -q 'nama folder "Pos Baru" tidak sah; .*, mis. "pos-baru"$' err.txt || fail "no slug offered for \"Pos Baru\": $(cat err.txt)"
$rekap new provinsi belum-ada/bali $rules 2>err.txt && fail "made a province without its records folder"
grep -qx 'belum-ada: error: folder induk tidak ada; provinsi dibuat di dalam folder rekaman yang sudah ada: buat dulu foldernya (mis. mkdir belum-ada), atau periksa jalurnya' err.txt ||
	fail "no way out for a missing records folder: $(cat err.txt)"
[ ! -e belum-ada ] || fail "rekap new made the missing records folder"
$rekap new desa "$pkm/x" $rules 2>/dev/null
[ $? -eq 2 ] || fail "unknown kind should be a usage error (2)"
echo "scaffold: 8 folders created and checked, 6 refusals"
