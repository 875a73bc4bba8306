#!/bin/sh
# The published quarter: --period, then "periode:" in rekap.yaml, then the
# latest quarter whose reporting deadline (the 10th of the next month) has
# passed, said on stderr (with that quarter too when an older one was
# asked for); and a warning when fewer reports than the rules'
# ambang_kelengkapan (80%) arrived for it, or when an indicator's targets
# by year miss its year; a quarter asked for that has not begun is an error.
# Usage: period.sh REKAP SOURCE_DIR WORK_DIR
set -u
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cp -a "$src/tests/golden/records" "$work/records"
cd "$work"
fail() { echo "period: $*" >&2; exit 1; }
run() { "$rekap" build --rules "$src/lua" --templates "$src/templates" --formats md --out site "$@" 2>err.txt; }
# one early report for July (sent 1 August): 2024-Q3 has a report, but its
# deadline is 10 October
a=records/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a/laporan.csv
echo "2024-07,2024-08-01,4,23,7,20,5,2,1,2,1,1,0,0,0,1,20,," >>"$a"
export REKAP_TODAY=2024-08-02
run || fail "build failed: $(cat err.txt)"
grep -qx 'rekap: triwulan terbit: 2024-Q2 (triwulan terakhir yang batas laporannya sudah lewat)' err.txt ||
	fail "default should be 2024-Q2, the latest past its deadline: $(cat err.txt)"
grep -q 'Triwulan II 2024' site/index.md || fail "the site should show Triwulan II 2024"
# 2024-Q2: 22 of 24 expected reports (Nelayan B missed April, Pengasapan Ikan
# May), 92% >= 80%: no warning
grep -q 'kelengkapan' err.txt && fail "no completeness warning expected for 2024-Q2: $(cat err.txt)"
# the July quarter asked for: 1 report of 26 expected (July to September for
# five posts in Kalimantan Timur and three in Jambi, August and September for
# Nelayan D, formed 2024-08-01)
run --period 2024-Q3 --lang en || fail "build --period failed"
grep -qx 'rekap: published quarter: 2024-Q3 (chosen with --period)' err.txt || fail "--period: $(cat err.txt)"
grep -q '^records/rekap.yaml: warning: published quarter 2024-Q3: report completeness 4% (1 of 26 expected reports), below the threshold of 80% (ambang_kelengkapan, .*lua/02-kosakata.lua:[0-9]*)' err.txt ||
	fail "completeness warning: $(cat err.txt)"
run --period 2024-Q3 --strict && fail "--strict should fail on the completeness warning"
# periode: in rekap.yaml, under --period
echo 'periode: 2024-Q1' >>records/rekap.yaml
run || fail "build with periode failed"
# a periode: left behind an older quarter: the line names the newer one due
grep -qx 'rekap: triwulan terbit: 2024-Q1 (dipilih dengan periode: di rekap.yaml; triwulan terakhir yang batas laporannya sudah lewat: 2024-Q2)' err.txt ||
	fail "periode: $(cat err.txt)"
run --period 2024-Q2 || fail "build with --period and periode failed"
grep -qx 'rekap: triwulan terbit: 2024-Q2 (dipilih dengan --period)' err.txt || fail "--period over periode: $(cat err.txt)"
line=$(grep -n '^periode:' records/rekap.yaml | cut -d: -f1)
# the completeness warning points at periode: only when the quarter came
# from there
run --period 2024-Q3 || fail "build with --period 2024-Q3 over periode failed"
grep -q '^records/rekap.yaml: warning: triwulan terbit 2024-Q3: kelengkapan laporan 4% ' err.txt ||
	fail "completeness warning under --period: $(cat err.txt)"
sed -i 's/^periode: 2024-Q1$/periode: 2024-Q3/' records/rekap.yaml
run || fail "build with periode 2024-Q3 failed"
grep -q "^records/rekap.yaml:$line:10: warning: triwulan terbit 2024-Q3: kelengkapan laporan 4% " err.txt ||
	fail "completeness warning from periode: $(cat err.txt)"
# a quarter that has not begun (today is 2024-08-02) has no report: an
# error, from --period as from periode:
run --period 2024-Q4
[ $? -eq 1 ] || fail "--period 2024-Q4 (not begun) should fail with status 1: $(cat err.txt)"
grep -qx 'rekap: error: --period 2024-Q4: triwulan itu belum dimulai (hari ini 2024-08-02), jadi belum ada laporan yang dapat masuk untuknya; pilih triwulan yang sudah dimulai (paling akhir 2024-Q3)' err.txt ||
	fail "--period 2024-Q4: $(cat err.txt)"
sed -i 's/^periode: 2024-Q3$/periode: 2031-Q2/' records/rekap.yaml
run && fail "periode 2031-Q2 (not begun) should fail"
grep -q "^records/rekap.yaml:$line:10: error: periode 2031-Q2: triwulan itu belum dimulai (hari ini 2024-08-02)" err.txt ||
	fail "periode 2031-Q2: $(cat err.txt)"
[ ! -e site/index.md ] || grep -q 'Triwulan III 2024' site/index.md || fail "a refused build changed the site"
sed -i 's/^periode: 2031-Q2$/periode: 2024-Q1/' records/rekap.yaml
sed -i 's/^periode: 2024-Q1$/periode: 2024-Q7/' records/rekap.yaml
run && fail "a bad periode should fail"
grep -q "^records/rekap.yaml:$line:10: error: periode \"2024-Q7\" harus triwulan berbentuk TTTT-QN, mis. 2024-Q4" err.txt || fail "bad periode: $(cat err.txt)"
# quarters are read within the years dates are (1900 to 2999)
sed -i 's/^periode: 2024-Q7$/periode: 3000-Q1/' records/rekap.yaml
run && fail "a periode past 2999 should fail"
grep -q "^records/rekap.yaml:$line:10: error: periode \"3000-Q1\" harus triwulan" err.txt || fail "periode 3000-Q1: $(cat err.txt)"
sed -i 's/^periode: 3000-Q1$/periode: 2024-Q1/' records/rekap.yaml
run --period 3000-Q1
[ $? -eq 2 ] || fail "--period 3000-Q1 should be a usage error: $(cat err.txt)"
grep -q 'periode "3000-Q1" harus berbentuk 2024-Q4' err.txt || fail "--period 3000-Q1: $(cat err.txt)"
# a quarter as offices write it is named in the form rekap reads
run --period "TW IV 2024"
[ $? -eq 2 ] || fail "--period \"TW IV 2024\" should be a usage error: $(cat err.txt)"
grep -qx 'rekap: periode "TW IV 2024" harus berbentuk 2024-Q4: untuk Triwulan IV 2024 tulis --period 2024-Q4' err.txt ||
	fail "--period TW IV 2024: $(cat err.txt)"
sed -i 's/^periode: 2024-Q1$/periode: Triwulan 3 2024/' records/rekap.yaml
run && fail "periode: Triwulan 3 2024 should fail"
grep -q "^records/rekap.yaml:$line:10: error: periode \"Triwulan 3 2024\" harus triwulan berbentuk TTTT-QN: untuk Triwulan III 2024 tulis 2024-Q3\$" err.txt ||
	fail "periode Triwulan 3 2024: $(cat err.txt)"
sed -i 's/^periode: Triwulan 3 2024$/periode: 2024-Q1/' records/rekap.yaml
# targets given by year: a published quarter in a year without one is
# warned about at the indicator, sorted years named; a year with one is not
mkdir rules && cp "$src"/lua/*.lua rules/
sed -i '0,/^  target = 80,$/s//  target = { [2024] = 80, [2023] = 75 },/' rules/03-indikator.lua
grep -q '^  target = { \[2024\] = 80, \[2023\] = 75 },$' rules/03-indikator.lua || fail "no target to edit"
runr() { "$rekap" build --rules rules --templates "$src/templates" --formats md --out site "$@" 2>err.txt; }
runr --period 2024-Q2 || fail "build with targets by year failed: $(cat err.txt)"
grep -q 'target per tahun' err.txt && fail "2024 has a target: $(cat err.txt)"
grep -q '| \[Pekerja sakit yang dilayani\](definisi.md#pekerja-sakit-yang-dilayani) .* | 80% | ' site/index.md ||
	fail "2024's target should show: $(grep 'Pekerja sakit yang dilayani' site/index.md)"
REKAP_TODAY=2025-04-20 runr --period 2025-Q1 || fail "build of 2025-Q1 failed: $(cat err.txt)"
grep -qx 'rules/03-indikator.lua:42: warning: indikator "pekerja_sakit_dilayani" punya target per tahun (2023, 2024) tetapi tidak untuk 2025, tahun triwulan terbit 2025-Q1; halaman dan buku kerja menulis "–" sebagai targetnya: tambahkan \[2025\] = ... di target' err.txt ||
	fail "no warning for a year without a target: $(cat err.txt)"
[ "$(grep -c 'target per tahun' err.txt)" -eq 1 ] || fail "one indicator has targets by year: $(cat err.txt)"
echo "period: default, --period, periode: and the completeness and target warnings as expected"
