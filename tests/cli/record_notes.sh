#!/bin/sh
# A laporan.csv column missing from the header makes its values not
# reported: the warning is listed, with the file and the header's line, in
# the data-quality panel of the post and of the pages above it up to the
# district, in the site's language; the national page counts it in the row
# of its province (1 missing report, 0 late, 1 violation and, with the
# kader.csv note of Sawit Tumbit, 2 record warnings).
# Usage: record_notes.sh REKAP SOURCE_DIR WORK_DIR
set -u
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cp -a "$src/tests/golden/records" "$work/records"
cd "$work"
fail() { echo "record_notes: $*" >&2; exit 1; }
post=kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a
# drop the column ukur_tb_bb (the 17th, before the optional pekerja_dilayani) from every row
awk 'BEGIN { FS = OFS = "," } { for (i = 17; i < NF; i++) $i = $(i + 1); NF--; print }' \
	"records/$post/laporan.csv" >laporan.tmp && mv laporan.tmp "records/$post/laporan.csv"
head -n 1 "records/$post/laporan.csv" | grep -q ',penyuluhan,pekerja_dilayani_l,pekerja_dilayani_p$' ||
	fail "fixture: ukur_tb_bb not dropped"
build() { REKAP_TODAY=2025-06-30 "$rekap" build --rules "$src/lua" --templates "$src/templates" \
	--formats md --out site 2>err.txt || fail "build failed: $(cat err.txt)"; }
build
grep -q "^records/$post/laporan.csv:1:1: warning: kolom \"ukur_tb_bb\" tidak ada" err.txt ||
	fail "the warning: $(cat err.txt)"
col='ukur\_tb\_bb' # as Markdown escapes it
row="| – | kolom \"$col\" tidak ada: nilainya dihitung sebagai tidak dilaporkan | \`records/$post/laporan.csv:1\` |"
for page in "$post" kalimantan-timur/kota-bontang/bontang-selatan-1 kalimantan-timur/kota-bontang; do
	grep -qF "$row" "site/$page/index.md" || fail "site/$page/index.md lacks the warning"
done
# 2 missing: Nelayan B (April), Pengasapan Ikan (May)
grep -qxF "| [Kalimantan Timur](kalimantan-timur/index.md#kualitas-data) | 2 | 0 | 1 | 2 |" site/index.md ||
	fail "the national page does not count the warning in its province's row"
grep -qF "$col" site/kalimantan-timur/kabupaten-berau/index.md && fail "Berau lists a warning of Bontang"
sed -i 's/^bahasa: id$/bahasa: en/' records/rekap.yaml
build
grep -qF "| – | column \"$col\" is missing: its values count as not reported | \`records/$post/laporan.csv:1\` |" site/kalimantan-timur/kota-bontang/index.md ||
	fail "the English page lacks the warning"
echo "record_notes: the missing column is listed on 3 pages and counted on 1, in both languages"
