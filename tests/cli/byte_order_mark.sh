#!/bin/sh
# Rules and templates as Notepad may save them, each file starting with
# the mark of UTF-8 and ending its lines with CR LF, give the very site
# the files without them give: the mark is no part of a rules file or of a
# template, and neither it nor a CR reaches a page. A file of notes beside the templates
# is not read as one, whatever its encoding.
# Usage: byte_order_mark.sh REKAP SOURCE_DIR WORK_DIR
set -u
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { printf 'byte_order_mark: %s\n' "$*" >&2; exit 1; }
# build NAME: the site of the golden records with NAME's rules and
# templates, both folders named alike so that pages name rule files alike
build() {
	(cd "$work/$1" && REKAP_TODAY=2025-06-30 "$rekap" build --full \
		--records "$src/tests/golden/records" --rules lua --templates templates \
		--out site 2>err.txt) || fail "$1: build failed: $(cat "$work/$1/err.txt")"
}
for side in plain marked; do
	mkdir -p "$work/$side"
	cp -R "$src/lua" "$src/templates" "$src/data" "$work/$side/"
done
mark=$(printf '\357\273\277')
n=0
for f in $(find "$work/marked/lua" "$work/marked/templates" -type f ! -path '*/assets/*'); do
	{ printf '%s' "$mark"; cat "$f"; } >"$f.new" && mv "$f.new" "$f"
	n=$((n + 1))
done
for f in $(find "$work/marked/lua" "$work/marked/templates" -type f ! -path '*/assets/*'); do
	sed -i 's/$/\r/' "$f"
done
[ "$n" -gt 10 ] || fail "fixture: only $n files marked"
# notes beside the templates, in Windows-1252: no template, so not checked
printf 'Catatan untuk templat: d\351sa\n' >"$work/marked/templates/README.md"
head -c 3 "$work/marked/lua/03-indikator.lua" | od -An -tx1 | grep -q 'ef bb bf' ||
	fail "fixture: the rules file does not start with the mark"
build plain
build marked
diff -r "$work/plain/site" "$work/marked/site" >"$work/diff.txt" ||
	fail "the marked rules and templates give another site: $(head -20 "$work/diff.txt")"
grep -rl "$mark" "$work/marked/site" --include='*.md' --include='*.html' >"$work/marks.txt" &&
	fail "a page holds the mark: $(head -3 "$work/marks.txt")"
grep -rl "$(printf '\r')" "$work/marked/site" --include='*.md' --include='*.html' >"$work/crs.txt" &&
	fail "a page holds a CR: $(head -3 "$work/crs.txt")"
echo "byte_order_mark: $n files with the mark and CR LF give the same site"
