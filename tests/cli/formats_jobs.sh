#!/bin/sh
# --jobs and --formats: any number of workers writes the same bytes; a
# subset of formats (md, html, xlsx, csv) rewrites only those files and
# keeps the others; files whose bytes did not change keep their
# modification time.
# Usage: formats_jobs.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cp -a "$src/tests/golden/records" "$work/records"
build() {
	out=$1
	shift
	"$rekap" build --records "$work/records" --rules "$src/lua" --templates "$src/templates" \
		--out "$work/$out" "$@" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
}
fail() { echo "$*" >&2; exit 1; }

build one --jobs 1
build three --jobs 3
diff -r "$work/one" "$work/three" || fail "--jobs 1 and --jobs 3 differ"
grep -q "halaman, .* buku kerja, .* berkas, .* peringatan, 0 galat, .* detik" "$work/stderr" ||
	fail "no summary line: $(cat "$work/stderr")"

# Only Markdown into an empty folder: no HTML, no workbooks, no open data.
build md --formats md
[ -f "$work/md/index.md" ] || fail "md build incomplete"
[ -z "$(find "$work/md" -name '*.html' -o -name '*.xlsx' -o -name '*.csv')" ] ||
	fail "--formats md wrote other formats"
# Only the open data: the same files as a build of every kind, nothing else.
build csv --formats csv
(cd "$work/csv" && find . -type f | sort) >"$work/csv.list"
(cd "$work/one" && find . -type f -path './data/*' | sort) >"$work/one.list"
cmp -s "$work/csv.list" "$work/one.list" || fail "--formats csv wrote other files:
$(diff "$work/one.list" "$work/csv.list" | head -n 5)"
diff -r "$work/csv/data" "$work/one/data" || fail "--formats csv wrote other open data"

# Unchanged files keep their time.
find "$work/one" -type f -exec touch -d 2001-01-01 {} +
build one
[ -z "$(find "$work/one" -type f -newermt 2001-01-02)" ] ||
	fail "unchanged files got a new time: $(find "$work/one" -type f -newermt 2001-01-02 | head -3)"

# Only HTML after a change: the HTML shows it, the Markdown and the
# workbooks are the published ones, untouched.
post=$(find "$work/records" -name pos.md | sort | head -n 1)
sed -i 's/^nama: *"\{0,1\}/&Diubah /' "$post"
rel=$(dirname "${post#"$work/records/"}")
build one --formats html
grep -q "Diubah" "$work/one/$rel/index.html" || fail "--formats html did not rewrite the HTML"
grep -q "Diubah" "$work/one/$rel/index.md" && fail "--formats html rewrote the Markdown"
cmp "$work/one/$rel/index.md" "$work/three/$rel/index.md" || fail "the Markdown was not kept"
[ "$(find "$work/one" -name '*.xlsx' | wc -l)" = "$(find "$work/three" -name '*.xlsx' | wc -l)" ] ||
	fail "workbooks were not kept"
[ -z "$(find "$work/one" -name '*.xlsx' -newermt 2001-01-02)" ] || fail "workbooks were rewritten"
[ -z "$(find "$work/one/data" -type f -newermt 2001-01-02)" ] || fail "open data was rewritten"
rows=data/${rel%%/*}/indicators.csv # the post's rows, with its name
cmp "$work/one/$rows" "$work/three/$rows" || fail "open data was not kept"
# ... and the open data alone then writes the new rows.
build one --formats csv
grep -q "Diubah" "$work/one/$rows" || fail "--formats csv did not rewrite the open data"
echo "jobs give identical sites; --formats rewrites only its formats; unchanged files keep their time"
