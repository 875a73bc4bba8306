#!/bin/sh
# Incremental builds: after one post changes, only that post and its
# ancestors are written again, and the site equals a full build.
# Usage: incremental.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cp -a "$src/tests/golden/records" "$work/records"
cp -a "$src/templates" "$work/templates"
REKAP_CACHE_DIR=$work/cache
export REKAP_CACHE_DIR
build() {
	out=$1
	shift
	"$rekap" build --records "$work/records" --rules "$src/lua" --templates "$work/templates" \
		--out "$work/$out" "$@" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
	tail -n 1 "$work/stderr"
}
fail() { echo "$*" >&2; exit 1; }
expect_unchanged() { # N SUMMARY
	case "$2" in
	*"; $1 dari $nodes wilayah dan pos tidak berubah") ;;
	*) fail "expected $1 of $nodes unchanged: $2" ;;
	esac
}

first=$(build site)
case "$first" in *"tidak berubah"*) fail "first build reused files: $first" ;; esac
nodes=$(find "$work/site" -name index.md | wc -l)
# The first build, into an empty folder, made the spare the next one starts
# from: the site's files, each a hard link to the site's own.
[ -d "$work/site.cadangan" ] || fail "the first build made no spare (site.cadangan)"
inodes() { (cd "$1" && find . -type f -printf '%p %i\n' | sort); }
inodes "$work/site" >"$work/inodes-site"
inodes "$work/site.cadangan" >"$work/inodes-spare"
cmp -s "$work/inodes-site" "$work/inodes-spare" ||
	fail "site.cadangan is not the site's files linked: $(diff "$work/inodes-site" "$work/inodes-spare" | head -n 5)"
folder=$(cd "$work/site.cadangan" && find . -mindepth 3 -name index.md | sort | head -n 1)
folder=$(dirname "$folder")
spare_folder=$(stat -c %i "$work/site.cadangan/$folder")
expect_unchanged "$nodes" "$(build site)"
[ "$(stat -c %i "$work/site/$folder")" = "$spare_folder" ] ||
	fail "the second build did not start from the spare the first one made"
# A file added by hand, later, to a folder of such a spare, the folder's
# modification time put back: its change time tells, and the file is not
# published.
build linked >/dev/null
when=$(stat -c %y "$work/linked.cadangan/$folder")
sleep 0.1
echo "<p>tambahan</p>" >"$work/linked.cadangan/$folder/tambahan.html"
touch -m -d "$when" "$work/linked.cadangan/$folder"
build linked >/dev/null
[ ! -e "$work/linked/$folder/tambahan.html" ] || fail "a file added by hand to a new spare was published"
diff -r "$work/site" "$work/linked" || fail "a file added to a new spare, its folder's time put back, was kept"

cp -a "$work/site" "$work/old-site"

# One value in one post's laporan.csv: the post and its ancestors change.
report=$(find "$work/records" -name laporan.csv | sort | head -n 1)
post=$(dirname "${report#"$work/records/"}")
depth=$(echo "$post" | tr '/' '\n' | wc -l)
awk -F, 'NR == 2 { $4 = $4 + 1 } { print }' OFS=, "$report" >"$work/tmp" && mv "$work/tmp" "$report"
[ -d "$work/site.cadangan" ] || fail "no spare folder (site.cadangan) was kept"
# a page of a node that is neither the post nor one of its ancestors
unchanged=$(cd "$work/site" && find . -name index.html | sed 's|^\./||; s|/\{0,1\}index.html$||' |
	while read -r d; do
		case "$post/" in "$d"/*) continue ;; esac
		[ -n "$d" ] && echo "$work/site/$d/index.html"
	done |
	sort | head -n 1)
[ -n "$unchanged" ] || fail "no page outside the changed branch"
inode_before=$(stat -c %i:%Y "$unchanged")
expect_unchanged $((nodes - depth - 1)) "$(build site)"
build fresh --full >/dev/null
diff -r "$work/fresh" "$work/site" || fail "incremental build differs from a full build"
# Built from the spare: a file of an unchanged node is the same file.
[ "$(stat -c %i:%Y "$unchanged")" = "$inode_before" ] || fail "an unchanged file was written again"

# A second change, built from the spare the last build set aside.
awk -F, 'NR == 2 { $4 = $4 + 1 } { print }' OFS=, "$report" >"$work/tmp" && mv "$work/tmp" "$report"
expect_unchanged $((nodes - depth - 1)) "$(build site)"
full=$(build fresh --full)
diff -r "$work/fresh" "$work/site" || fail "a build from the spare differs from a full build"
# Every node kept from the spare, two builds after the changed branch was
# written (its workbooks by tasks of their own): the files the summary
# counts are those of a full build.
build site >/dev/null
kept=$(build site)
expect_unchanged "$nodes" "$kept"
files_of() { echo "$1" | sed -n 's/.* \([0-9]*\) berkas,.*/\1/p'; }
[ -n "$(files_of "$full")" ] && [ "$(files_of "$kept")" = "$(files_of "$full")" ] ||
	fail "files counted after builds from the spare: $kept; a full build: $full"
[ "$(find "$work" -maxdepth 1 -name 'site.*' | sed 's|.*/||')" = site.cadangan ] ||
	fail "folders beside the site: $(ls "$work")"

# The previous site restored (as "git checkout site/" does): the restored
# files are not trusted, the next build writes what changed again.
rm -rf "$work/site" && cp -a "$work/old-site" "$work/site"
build site >/dev/null
diff -r "$work/fresh" "$work/site" || fail "a restored old site was taken as up to date"

# The same, restored inside the same folder (as "git checkout site/"
# does), right after a build that wrote the changed branch: the folder is
# the one the manifest knows, its files are not. (A folder deleted and
# copied back can also get the old folder's inode number.)
awk -F, 'NR == 2 { $4 = $4 + 1 } { print }' OFS=, "$report" >"$work/tmp" && mv "$work/tmp" "$report"
build site >/dev/null
build fresh --full >/dev/null
find "$work/site" -mindepth 1 -delete && cp -a "$work/old-site/." "$work/site/"
build site >/dev/null
diff -r "$work/fresh" "$work/site" || fail "an old site restored in place was taken as up to date"
# that restored site is now the spare: the next build must not take its
# files for those the manifest knows
build site >/dev/null
diff -r "$work/fresh" "$work/site" || fail "a restored site, set aside as the spare, was reused"

# A file removed by hand is written again.
rm "$work/site/$post/index.html"
build site >/dev/null
cmp "$work/fresh/$post/index.html" "$work/site/$post/index.html"

# The national workbook is written by a task of its own, beside the root's
# pages: either one removed or edited by hand is written again, and the
# other is kept or written as the build decided for the root as a whole.
book=$(cd "$work/site" && ls rekap-nasional-*.xlsx)
rm "$work/site/$book"
build site >/dev/null
diff -r "$work/fresh" "$work/site" || fail "a national workbook removed by hand was not written again"
echo "<!-- -->" >>"$work/site/index.html"
build site >/dev/null
diff -r "$work/fresh" "$work/site" || fail "a root page edited by hand was kept"
expect_unchanged "$nodes" "$(build site)"
diff -r "$work/fresh" "$work/site" || fail "a build with nothing changed differs from a full build"

# A file added by hand to a folder of the spare whose modification time is
# then put back (touch -d): a folder the manifest knows unchanged is not
# listed, but its change time still tells, and the file is not published.
# Builds a second apart, so that the manifest keeps the folders' times (it
# leaves out a folder that changed in the last second).
for i in 1 2 3 4; do
	sleep 1.1
	build site >/dev/null
done
spare_post=$work/site.cadangan/$post
when=$(stat -c %y "$spare_post")
echo "<p>tambahan</p>" >"$spare_post/tambahan.html"
touch -m -d "$when" "$spare_post"
[ "$(stat -c %y "$spare_post")" = "$when" ] || fail "touch -d did not put the time back"
# the spare's folders checked by two threads, as on a large tree
REKAP_THREADS=2
export REKAP_THREADS
build site >/dev/null
unset REKAP_THREADS
[ ! -e "$work/site/$post/tambahan.html" ] || fail "a file added by hand to the spare was published"
diff -r "$work/fresh" "$work/site" || fail "a file added to the spare, its folder's time put back, was kept"

# A puskesmas whose name extends a neighbour's with "-b" comes after the
# neighbour's posts in the tree but before them by name: the manifest is
# no longer in path order. A post added to it then moves every later node
# off its place in the manifest; each is still found, and kept.
pusk=$(dirname "$post")
"$rekap" new puskesmas "$work/records/$pusk-b" --rules "$src/lua" >/dev/null 2>&1
"$rekap" new pos "$work/records/$pusk-b/pos-a" --rules "$src/lua" >/dev/null 2>&1
build site >/dev/null
"$rekap" new pos "$work/records/$pusk-b/pos-b" --rules "$src/lua" >/dev/null 2>&1
total=$(find "$work/records" -name pos.md -o -name puskesmas.md -o -name kabupaten.md \
	-o -name kota.md -o -name provinsi.md | wc -l)
total=$((total + 1))
# the nodes of its province (whose pages state the size of the
# province's open data) and the root are written, every other is kept
prov=${post%%/*}
in_prov=$(find "$work/records/$prov" \( -name pos.md -o -name puskesmas.md -o -name kabupaten.md \
	-o -name kota.md -o -name provinsi.md \) | wc -l)
unmoved=$((total - in_prov - 1))
moved=$(build site)
case "$moved" in
*"; $unmoved dari $total wilayah dan pos tidak berubah") ;;
*) fail "after a post was added to an unsorted tree, expected $unmoved of $total unchanged: $moved" ;;
esac
build fresh --full >/dev/null
diff -r "$work/fresh" "$work/site" || fail "a build after nodes moved in the manifest differs from a full build"

# A template change reaches every page.
echo "<!-- -->" >>"$work/templates/layout.html"
case "$(build site)" in *"tidak berubah"*) fail "a template change reused pages" ;; esac
echo "after one change $((depth + 1)) of $nodes pages were written again; the site equals a full build"

# A post folder deleted takes its past figures off the site: the build
# after it says so once, at the folder's old place; a puskesmas deleted
# is named once, not its posts one by one.
gone=jambi/kota-jambi/paal-merah-1/batik-mandiri
mkdir -p "$work/apart"
build apart/site >/dev/null
mv "$work/records/$gone" "$work/gone"
# rekap check says it too, as the project's next build will: the records
# and the site sit side by side; another site is not compared with
"$rekap" check --records "$work/records" --rules "$src/lua" --out "$work/site" 2>"$work/stderr" ||
	fail "check after a post folder was deleted: $(cat "$work/stderr")"
grep -q "^$work/records/$gone: warning: pos ini ada di situs sebelumnya" "$work/stderr" ||
	fail "rekap check: no warning for a deleted post folder: $(cat "$work/stderr")"
"$rekap" check --records "$work/records" --rules "$src/lua" --out "$work/apart/site" 2>"$work/stderr" || true
! grep -q "ada di situs sebelumnya" "$work/stderr" || fail "rekap check compared the records with a site not beside them"
build site >/dev/null
grep -q "^$work/records/$gone: warning: pos ini ada di situs sebelumnya, tetapi foldernya kini tidak ada" "$work/stderr" ||
	fail "no warning for a deleted post folder: $(cat "$work/stderr")"
[ "$(grep -c 'ada di situs sebelumnya' "$work/stderr")" -eq 1 ] || fail "more than one warning for one deleted post"
build site >/dev/null
! grep -q "ada di situs sebelumnya" "$work/stderr" || fail "a deleted post warned about again"
mv "$work/gone" "$work/records/$gone"
build site >/dev/null
mv "$work/records/jambi/kota-jambi/paal-merah-1" "$work/gone"
build site >/dev/null
grep -q "^$work/records/jambi/kota-jambi/paal-merah-1: warning: puskesmas ini ada di situs sebelumnya" "$work/stderr" &&
	[ "$(grep -c 'ada di situs sebelumnya' "$work/stderr")" -eq 1 ] ||
	fail "a deleted puskesmas: expected one warning: $(cat "$work/stderr")"
mv "$work/gone" "$work/records/jambi/kota-jambi/paal-merah-1"
echo "a deleted post or puskesmas folder is warned about once"
