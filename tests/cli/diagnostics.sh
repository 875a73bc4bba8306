#!/bin/sh
# Broken records give every diagnostic in one run, exit status 1, and the
# exact messages in tests/diagnostics/expected.txt, and with --lang en in
# tests/diagnostics/expected-en.txt (REGENERATE=1 to rewrite both).
# Usage: diagnostics.sh REKAP SOURCE_DIR
set -u
rekap=$1 src=$2
cd "$src/tests/diagnostics" || exit 1
out=$(mktemp) out_en=$(mktemp)
"$rekap" check --records records --rules "$src/lua" --templates "$src/templates" 2>"$out"
status=$?
"$rekap" check --lang en --records records --rules "$src/lua" --templates "$src/templates" 2>"$out_en"
status_en=$?
if [ "${REGENERATE:-0}" = 1 ]; then
	cp "$out" expected.txt
	cp "$out_en" expected-en.txt
	rm -f "$out" "$out_en"
	exit 0
fi
rc=0
if [ "$status" -ne 1 ]; then
	echo "rekap check exited with $status, expected 1" >&2
	rc=1
fi
if ! diff -u expected.txt "$out"; then
	rc=1
fi
# the same problems in English
if [ "$status_en" -ne 1 ]; then
	echo "rekap check --lang en exited with $status_en, expected 1" >&2
	rc=1
fi
if ! diff -u expected-en.txt "$out_en"; then
	rc=1
fi
# the same problems as GitHub annotations
"$rekap" check --records records --rules "$src/lua" --templates "$src/templates" --format github 2>"$out"
if ! grep -q '^::error file=records/jawa-barat/kota-salah/kota.md,line=3,col=7::kode "64.74"' "$out"; then
	echo "GitHub annotation missing" >&2
	rc=1
fi
# the templates: a folder asked for that is not there is an error; the
# default one, absent, is passed over with a note (a check of records and
# rules away from the project folder)
base="$src/tests/diagnostics/cases/157-templat-nama-salah-ketik"
(cd "$base" && REKAP_TODAY=2025-06-30 "$rekap" check --records records --rules "$src/lua" \
	--templates tidak-ada) 2>"$out"
status=$?
if [ "$status" -ne 1 ] || ! grep -q '^tidak-ada: error: folder templat tidak dapat dibuka; gunakan --templates DIR$' "$out"; then
	echo "check --templates of a missing folder: exit $status, expected 1 and an error:" >&2
	cat "$out" >&2
	rc=1
fi
(cd "$base/records" && REKAP_TODAY=2025-06-30 "$rekap" check --records . --rules "$src/lua") 2>"$out"
status=$?
if [ "$status" -ne 0 ] || [ "$(cat "$out")" != "rekap: catatan: folder templat templates tidak ada; templat tidak diperiksa (gunakan --templates DIR)" ]; then
	echo "check without a templates folder: exit $status, expected 0 and one note:" >&2
	cat "$out" >&2
	rc=1
fi
# a build reports a broken partial that two page templates include once,
# before it writes anything
# with_templates CASE DIR: a copy of the case in DIR/case, its templates/
# laid over the project's (as diagnostic_cases.sh runs it)
with_templates() {
	cp -R "$src/tests/diagnostics/cases/$1" "$2/case"
	rm -rf "$2/case/templates"
	cp -R "$src/templates" "$2/case/templates"
	cp -R "$src/tests/diagnostics/cases/$1/templates/." "$2/case/templates/"
}
site=$(mktemp -d)
with_templates 155-templat-partial-tidak-ditutup "$site"
(cd "$site/case" && REKAP_TODAY=2025-06-30 "$rekap" build --records records --rules "$src/lua" \
	--out "$site/out") 2>"$out"
status=$?
if [ "$status" -ne 1 ] || [ "$(grep -c 'indikator.md:26:1: error' "$out")" -ne 1 ] || [ -e "$site/out" ]; then
	echo "build with a broken partial: exit $status, expected 1, one error and no site:" >&2
	cat "$out" >&2
	rc=1
fi
rm -rf "$site"
# a build whose records fail reports its templates' errors in the same run
site=$(mktemp -d)
with_templates 160-galat-rekaman-dan-templat "$site"
(cd "$site/case" && REKAP_TODAY=2025-06-30 "$rekap" build --records records --rules "$src/lua" \
	--out "$site/out") 2>"$out"
status=$?
if [ "$status" -ne 1 ] || ! grep -q '^records/.*/laporan.csv:3:20: error: ' "$out" ||
	! grep -q '^templates/halaman.md:66:1: error: ' "$out"; then
	echo "build with broken records and templates: exit $status, expected 1 and both errors:" >&2
	cat "$out" >&2
	rc=1
fi
rm -rf "$site"
# records without any report publish no quarter: a post's page then says
# no count that needs one ("belum dibentuk" for its cadres before), and the
# page is made without reading past the quantities (the sanitizer build)
empty="$src/tests/diagnostics/cases/28-laporan-tidak-ada"
site=$(mktemp -d)
(cd "$empty" && REKAP_TODAY=2025-06-30 "$rekap" build --records records --rules "$src/lua" \
	--templates "$src/templates" --out "$site/out") 2>"$out"
page="$site/out/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a/index.md"
if ! grep -q '^| Kader terdaftar | – |$' "$page" || grep -q "belum dibentuk" "$page"; then
	echo "a post of records without reports: its cadres are not shown as uncounted:" >&2
	cat "$out" "$page" >&2
	rc=1
fi
# every page says why it has no figures, an area's page still links to the
# areas or posts below it, and no data quality section stands empty
for page in "$site/out/index.md" "$site/out/kalimantan-timur/kota-bontang/bontang-selatan-1/index.md" \
	"$site/out/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a/index.md"; do
	if ! grep -q '^\*\*Sekilas:\*\* belum ada laporan di rekaman, jadi belum ada triwulan' "$page" ||
		grep -q '^## Kualitas data' "$page"; then
		echo "records without reports: $page" >&2
		cat "$page" >&2
		rc=1
	fi
done
grep -q '^| \[Kalimantan Timur\](kalimantan-timur/index.md) |' "$site/out/index.md" ||
	{ echo "records without reports: the home page links to no province" >&2; rc=1; }
grep -q '^| \[Pos UKK Nelayan A\](nelayan-a/index.md) | – | – |' \
	"$site/out/kalimantan-timur/kota-bontang/bontang-selatan-1/index.md" ||
	{ echo "records without reports: the puskesmas page lists no post" >&2; rc=1; }
rm -rf "$site"
# a row holding only its period (June written ahead) is no report received:
# the quarter's completeness counts the two months reported, not three
ahead="$src/tests/diagnostics/cases/169-laporan-baris-hanya-periode"
site=$(mktemp -d)
(cd "$ahead" && "$rekap" build --records records --rules "$src/lua" --templates "$src/templates" \
	--out "$site/out" --period 2024-Q2) 2>"$out"
page="$site/out/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a/index.md"
if ! grep -q '| laporan\\_diterima = 2 | laporan\\_diharapkan = 3 |' "$page"; then
	echo "a row holding only its period counts as a report received:" >&2
	cat "$out" >&2
	grep 'laporan\\_diterima' "$page" >&2
	rc=1
fi
rm -rf "$site"
# usage errors exit 2
"$rekap" build --period 2024-Q9 2>/dev/null
if [ $? -ne 2 ]; then
	echo "a bad --period should exit 2" >&2
	rc=1
fi
"$rekap" check --lang fr 2>/dev/null
if [ $? -ne 2 ]; then
	echo "an unknown --lang should exit 2" >&2
	rc=1
fi
rm -f "$out" "$out_en"
exit $rc
