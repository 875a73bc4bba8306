#!/bin/sh
# A failed build leaves the published site exactly as it was.
# Usage: safe_publish.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
"$rekap" build --records "$src/tests/golden/records" --rules "$src/lua" \
	--templates "$src/templates" --out "$work/site" 2>/dev/null
cp -a "$work/site" "$work/before"
if "$rekap" build --records "$src/tests/diagnostics/records" --rules "$src/lua" \
	--templates "$src/templates" --out "$work/site" 2>/dev/null; then
	echo "a build of broken records succeeded" >&2
	exit 1
fi
diff -r "$work/before" "$work/site"
# beside it only the spare the first build made (site.cadangan)
if ls -d "$work"/site.* 2>/dev/null | grep -v '/site\.cadangan$'; then
	echo "staging folder left behind" >&2
	exit 1
fi
echo "published site untouched by the failed build"

# --strict: a warning fails the build before anything is published (the
# golden records give one warning).
if "$rekap" build --strict --records "$src/tests/golden/records" --rules "$src/lua" \
	--templates "$src/templates" --out "$work/strict" 2>"$work/stderr"; then
	echo "a build with a warning succeeded under --strict" >&2
	exit 1
fi
[ ! -e "$work/strict" ] || { echo "--strict published a site with warnings" >&2; exit 1; }
grep -q "situs tidak diubah" "$work/stderr"
echo "--strict publishes nothing"

# The site cannot be written (its folder would be below a file): its own
# exit status, 4, not the 1 of errors in the input.
: >"$work/a-file"
status=0
"$rekap" build --records "$src/tests/golden/records" --rules "$src/lua" \
	--templates "$src/templates" --out "$work/a-file/site" 2>"$work/stderr" || status=$?
[ "$status" -eq 4 ] || { echo "unwritable output: exit status $status, expected 4" >&2; exit 1; }
grep -q "error: berkas kunci tidak dapat dibuka" "$work/stderr"
echo "an unwritable output folder exits with 4"

# The cache cannot be saved: the site is published, with a warning that says
# the next build will rewrite everything.
REKAP_CACHE_DIR="$work/a-file/cache" "$rekap" build --records "$src/tests/golden/records" \
	--rules "$src/lua" --templates "$src/templates" --out "$work/nocache" 2>"$work/stderr"
[ -f "$work/nocache/index.html" ] || { echo "no site published without a cache" >&2; exit 1; }
grep -q "warning: catatan build (cache) tidak dapat disimpan" "$work/stderr" || {
	echo "no warning that the cache could not be saved" >&2
	cat "$work/stderr" >&2
	exit 1
}
echo "a cache that cannot be saved is reported"

# A template or rules file that git left with an unresolved merge conflict
# fails the build at the conflict's first line, and nothing is published:
# the markers would otherwise be printed on every page (templates) or end
# the rules at Lua's first syntax error.
for kind in templates lua; do
	rm -rf "$work/own" && mkdir -p "$work/own"
	cp -a "$src/templates" "$src/lua" "$work/own/"
	case $kind in
	templates) file=$work/own/templates/bagian/remah.md ;;
	lua) file=$work/own/lua/03-indikator.lua ;;
	esac
	first=$(($(wc -l <"$file") + 1))
	printf '<<<<<<< HEAD\n\n=======\n\n>>>>>>> cabang\n' >>"$file"
	if "$rekap" build --records "$src/tests/golden/records" --rules "$work/own/lua" \
		--templates "$work/own/templates" --out "$work/site" 2>"$work/stderr"; then
		echo "a build with a merge conflict in $kind succeeded" >&2
		exit 1
	fi
	grep -q "^$file:$first:1: error: konflik penggabungan git belum diselesaikan (baris $first–$((first + 4)))" \
		"$work/stderr" || {
		echo "no error at the merge conflict of $file:$first" >&2
		cat "$work/stderr" >&2
		exit 1
	}
	diff -r "$work/before" "$work/site"
done
echo "merge conflicts in templates and rules are reported, nothing published"

# A misspelt partial in a customised template fails the build at its tag
# (it would drop its section from every page); a misspelt name or word is
# a warning naming the nearest one (it would print nothing).
rm -rf "$work/own" && mkdir -p "$work/own" && cp -a "$src/templates" "$work/own/"
t=$work/own/templates
sed -i 's/{{> bagian\/kualitas}}/{{> bagian\/kualitsa}}/' "$t/halaman.md"
line=$(grep -n '{{> bagian/kualitsa}}' "$t/halaman.md" | cut -d: -f1)
if "$rekap" build --records "$src/tests/golden/records" --rules "$src/lua" \
	--templates "$t" --out "$work/site" 2>"$work/stderr"; then
	echo "a build with a missing partial succeeded" >&2
	exit 1
fi
grep -q "^$t/halaman.md:$line:1: error: partial \"bagian/kualitsa\" tidak ada di folder templat" "$work/stderr" || {
	echo "no error at the missing partial" >&2
	cat "$work/stderr" >&2
	exit 1
}
diff -r "$work/before" "$work/site"
sed -i 's/{{> bagian\/kualitsa}}/{{> bagian\/kualitas}}/' "$t/halaman.md"
sed -i '0,/{{value}}/s//{{valeu}}/; 0,/{{t.status}}/s//{{t.statsu}}/' "$t/bagian/indikator.md"
"$rekap" build --records "$src/tests/golden/records" --rules "$src/lua" \
	--templates "$t" --out "$work/names" 2>"$work/stderr"
grep -q "^$t/bagian/indikator.md:[0-9]*:[0-9]*: warning: nama \"valeu\" tidak ada di halaman mana pun, jadi tercetak kosong; maksudnya \"value\"?" "$work/stderr" &&
	grep -q "^$t/bagian/indikator.md:[0-9]*:[0-9]*: warning: kata \"t.statsu\" tidak ada, jadi tercetak kosong; maksudnya \"t.status\"?" "$work/stderr" || {
	echo "no warning for a misspelt name or word" >&2
	cat "$work/stderr" >&2
	exit 1
}
echo "a missing partial is refused; misspelt names and words are warned about"

# An output folder that is no site of rekap's is never replaced: a folder
# of the user's documents, the records themselves, the project folder (a
# mistyped --out). Each is refused before anything is read or written, and
# left as it was; an empty folder and a site rekap wrote are written to.
mkdir -p "$work/docs" && echo "laporan tahunan" >"$work/docs/skripsi.docx"
mkdir -p "$work/proj" && cp -a "$src/tests/golden/records" "$work/proj/records"
cp -a "$work/proj" "$work/proj-before"
refused() {
	what=$1
	shift
	status=0
	(cd "$work/proj" && "$rekap" build --rules "$src/lua" --templates "$src/templates" "$@") \
		2>"$work/stderr" || status=$?
	[ "$status" -eq 1 ] || { echo "--out $what: exit status $status, expected 1" >&2; cat "$work/stderr" >&2; exit 1; }
	grep -q "error: folder keluaran ini" "$work/stderr" || {
		echo "--out $what: no error naming the output folder" >&2
		cat "$work/stderr" >&2
		exit 1
	}
}
refused "a folder of documents" --out "$work/docs"
[ "$(cat "$work/docs/skripsi.docx")" = "laporan tahunan" ] && [ "$(ls "$work/docs")" = "skripsi.docx" ] ||
	{ echo "a folder of documents was changed" >&2; exit 1; }
grep -q "(mis. skripsi.docx) dan bukan situs rekap" "$work/stderr" || { echo "the document is not named" >&2; exit 1; }
refused "records" --out records
grep -q "^records: error: folder keluaran ini memuat records, yang dibaca build ini" "$work/stderr" ||
	{ echo "--out records: the records are not named" >&2; cat "$work/stderr" >&2; exit 1; }
refused "." --out .
refused "records/jambi" --out records/jambi
# inside the records, the site would be read as records by the next build
refused "records/site" --out records/site
grep -q "^records/site: error: folder keluaran ini berada di dalam records, yang dibaca build ini" "$work/stderr" ||
	{ echo "--out records/site: the records are not named" >&2; cat "$work/stderr" >&2; exit 1; }
diff -r "$work/proj-before" "$work/proj" || { echo "a refused build changed the project" >&2; exit 1; }
[ ! -e "$work/docs.cadangan" ] && [ ! -e "$work/proj/records.cadangan" ] || { echo "a refused build left a spare" >&2; exit 1; }
mkdir -p "$work/empty"
"$rekap" build --records "$src/tests/golden/records" --rules "$src/lua" --templates "$src/templates" \
	--out "$work/empty" 2>/dev/null || { echo "a build into an empty folder failed" >&2; exit 1; }
echo "tambahan" >"$work/empty/tambahan.html"
"$rekap" build --records "$src/tests/golden/records" --rules "$src/lua" --templates "$src/templates" \
	--out "$work/empty" 2>/dev/null || { echo "a build into rekap's own site failed" >&2; exit 1; }
[ ! -e "$work/empty/tambahan.html" ] || { echo "a file added by hand to the site was published" >&2; exit 1; }
# rekap's own site, cloned as a pages repository to push it: its .git stays
git init -q "$work/empty" 2>/dev/null || mkdir -p "$work/empty/.git"
cp -a "$work/empty" "$work/empty-before"
status=0
"$rekap" build --records "$src/tests/golden/records" --rules "$src/lua" --templates "$src/templates" \
	--out "$work/empty" 2>"$work/stderr" || status=$?
[ "$status" -eq 1 ] && grep -q "folder keluaran ini memuat .git" "$work/stderr" ||
	{ echo "a site holding .git: exit status $status" >&2; cat "$work/stderr" >&2; exit 1; }
diff -r "$work/empty-before" "$work/empty" || { echo "a refused build changed a site holding .git" >&2; exit 1; }
echo "an output folder that is no site is refused and left as it was"
