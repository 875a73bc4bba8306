#!/bin/sh
# records/ is walked by one thread per core, a province at a time: the
# diagnostics and sites are those of a walk in one thread. The tree has
# several provinces with broken records (the diagnostics tree copied under
# three names, so that every code is used twice), a folder that is not a
# province, and the bundled records' provinces.
# Usage: walk_threads.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
tree="$work/records"
cp -R "$src/records" "$tree"
for p in jawa-barat-kedua jawa-tengah zz-akhir; do
	cp -R "$src/tests/diagnostics/records/jawa-barat" "$tree/$p"
done
mkdir "$tree/bukan-provinsi" && echo "catatan" > "$tree/bukan-provinsi/catatan.txt"
# run THREADS NAME: check, then build, with the cache folder NAME
run() {
	REKAP_THREADS=$1 REKAP_CACHE_DIR="$work/cache-$2" "$rekap" check --records "$tree" \
		--rules "$src/lua" >"$work/$2.out" 2>&1 || true
	REKAP_THREADS=$1 REKAP_CACHE_DIR="$work/cache-$2" "$rekap" build --records "$tree" \
		--rules "$src/lua" --templates "$src/templates" --out "$work/site-$2" \
		>/dev/null 2>"$work/$2.build" || true
}
run 1 one
run 2 two
run 3 three
run 2 two # again, from its cache
n=$(grep -c "" "$work/one.out")
[ "$n" -gt 50 ] || { echo "FAIL: only $n lines of diagnostics" >&2; exit 1; }
grep -q "sudah dipakai oleh" "$work/one.out" ||
	{ echo "FAIL: no code used twice was reported" >&2; exit 1; }
for t in two three; do
	diff -u "$work/one.out" "$work/$t.out" || { echo "FAIL: check with $t threads" >&2; exit 1; }
	diff -u "$work/one.build" "$work/$t.build" || { echo "FAIL: build with $t threads" >&2; exit 1; }
done
echo "$n lines of diagnostics, the same walked by one, two and three threads"
