#!/bin/sh
# System calls of the walks: `rekap check` learns what each folder entry is
# from the folder listing (no stat of a folder below records/ but the
# records cache's one of each post folder and of each of its CSV files,
# which keep their identity), and an incremental build
# takes one lstat of each file of an unchanged node, in the site or in its
# spare, and a build into an empty folder one of each file it publishes.
# Usage: stat_counts.sh REKAP SOURCE_DIR WORK_DIR (skipped without strace)
set -eu
rekap=$1 src=$2 work=$3
command -v strace >/dev/null 2>&1 || { echo "strace not installed: skipped"; exit 77; }
strace -f -o /dev/null true 2>/dev/null || { echo "strace cannot trace here: skipped"; exit 77; }
rm -rf "$work" && mkdir -p "$work"
cp -a "$src/tests/golden/records" "$work/records"
# Files changed in the clock tick a run starts in are not cached (they could
# change again unseen), and a post read again stats its absent files: let
# the tick of the copy pass before the first check.
sleep 0.05
REKAP_CACHE_DIR=$work/cache
# LeakSanitizer cannot run under ptrace: the Asan build traced leaves it out
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export REKAP_CACHE_DIR ASAN_OPTIONS
fail() { echo "$*" >&2; exit 1; }
traced() { # LOG COMMAND...: the stat calls of the command, one a line
	log=$1
	shift
	strace -f -qq -y -e trace=stat,lstat,newfstatat,statx -o "$log.raw" "$@" >"$work/out" 2>&1 ||
		{ cat "$work/out" >&2; exit 1; }
	# a path relative to an open folder (the walk's) written whole
	sed 's|^\([0-9]* *[a-z]*at\)(\([0-9]*\)<\([^>]*\)>, "\([^"][^"]*\)"|\1("\3/\4"|' \
		"$log.raw" >"$log"
}

traced "$work/check.log" "$rekap" check --records "$work/records" --rules "$src/lua"
# The only folders stat'ed are the posts', once each: the records cache
# keeps each post folder's identity (generator/postcache.c).
find "$work/records" -name pos.md | sed 's|/pos.md$||' | sort >"$work/posts"
grep -o "\"$work/records/[^\"]*\", {st_mode=S_IFDIR" "$work/check.log" |
	sed 's|^"||; s|", {st_mode=S_IFDIR$||' | sort >"$work/dirs"
cmp -s "$work/posts" "$work/dirs" || fail "check should stat each post folder once and no other folder below records/:
$(diff "$work/posts" "$work/dirs" | head -n 5)"
# ... and each of its laporan.csv, kader.csv and penyakit.csv once (absent
# or not), before reading them: the walk itself takes none
sed 's|$|/laporan.csv|' "$work/posts" >"$work/want"
sed 's|$|/kader.csv|' "$work/posts" >>"$work/want"
sed 's|$|/penyakit.csv|' "$work/posts" >>"$work/want"
sort -o "$work/want" "$work/want"
grep -o "\"$work/records/[^\"]*/\(laporan\|kader\|penyakit\)\.csv\"" "$work/check.log" |
	tr -d '"' | sort >"$work/csv"
cmp -s "$work/want" "$work/csv" || fail "check should stat each post's CSV files once:
$(diff "$work/want" "$work/csv" | head -n 5)"

# A warm check, every post from the cache: one lstat of each post folder,
# of each record file it holds and of no file it lacks (the unchanged
# folder holds the same names); pos.md's is the walk's own.
traced "$work/warm.log" "$rekap" check --records "$work/records" --rules "$src/lua"
grep -o "\"$work/records/[^\"]*\", {st_mode=S_IFDIR" "$work/warm.log" |
	sed 's|^"||; s|", {st_mode=S_IFDIR$||' | sort >"$work/dirs"
cmp -s "$work/posts" "$work/dirs" || fail "a warm check should stat each post folder once:
$(diff "$work/posts" "$work/dirs" | head -n 5)"
find "$work/records" \( -name pos.md -o -name laporan.csv -o -name kader.csv -o \
	-name penyakit.csv \) | sort >"$work/want"
grep -o "\"$work/records/[^\"]*/\(pos\.md\|laporan\.csv\|kader\.csv\|penyakit\.csv\)\"" \
	"$work/warm.log" | tr -d '"' | sort >"$work/files"
cmp -s "$work/want" "$work/files" || fail "a warm check should stat each record file of a post once, and no absent one:
$(diff "$work/want" "$work/files" | head -n 5)"

# The files of a node the edit leaves alone: one lstat each (the stamp
# that shows they were not touched since), whether the build starts from
# the site or from its spare. The spare's walk learns the kinds from the
# listings, and the stamp tells which files the site has to link.
build() {
	traced "$1" "$rekap" build --records "$work/records" --rules "$src/lua" \
		--templates "$src/templates" --out "$work/site"
}
report=$(find "$work/records" -name laporan.csv | sort | head -n 1)
other=$(find "$work/records" -name laporan.csv | sort | tail -n 1)
other=$(dirname "${other#"$work/records/"}")
[ "$(dirname "${report#"$work/records/"}")" != "$other" ] || fail "one post only"
# A build from the spare, its open calls: the folders it lists.
opened() {
	strace -f -qq -e trace=open,openat -o "$1" "$rekap" build --records "$work/records" \
		--rules "$src/lua" --templates "$src/templates" --out "$work/site" >"$work/out" 2>&1 ||
		{ cat "$work/out" >&2; exit 1; }
	grep -q "/site\.baru-[0-9]*\", O_RDONLY[A-Z_|]*O_DIRECTORY" "$1" ||
		fail "the build did not start from the spare (its top folder was not listed)"
	n=$(grep -c "/site[^/\"]*/$other\", O_RDONLY[A-Z_|]*O_DIRECTORY" "$1" || true)
	[ "$n" -eq 0 ] || fail "the build from the spare listed the unchanged folder $other $n times"
}
edit() {
	awk -F, 'NR == 2 { $4 = $4 + 1 } { print }' OFS=, "$report" >"$work/tmp" &&
		mv "$work/tmp" "$report"
}
build "$work/full.log"
# The spare a build into an empty folder made of the site it published: the
# manifest knows its folders at once, and the next build lists none of an
# unchanged node.
edit
opened "$work/first.log"
for step in site spare; do
	edit
	# without a spare, the build starts from the site
	[ "$step" = spare ] || rm -rf "$work/site.cadangan"
	build "$work/$step.log"
	for f in index.md index.html; do
		n=$(grep -c "/$other/$f\"" "$work/$step.log" || true)
		[ "$n" -eq 1 ] || fail "the build from the $step took $n stat calls of $other/$f, not 1:
$(grep "/$other/$f\"" "$work/$step.log")"
	done
done
[ -d "$work/site.cadangan" ] || fail "no spare folder (site.cadangan) was kept"

# A build into an empty folder, with the build record of the site that was
# there: nothing published to reuse or compare with, so each file's one
# stat is the stamp taken once it is published.
rm -rf "$work/site" "$work/site.cadangan"
build "$work/empty.log"
for f in index.md index.html; do
	n=$(grep -c "\"$work/site/$other/$f\"" "$work/empty.log" || true)
	[ "$n" -eq 1 ] || fail "the build into an empty folder took $n stat calls of $other/$f, not 1:
$(grep "\"$work/site/$other/$f\"" "$work/empty.log")"
done

# A folder of the spare that the manifest knows unchanged since it was
# published is not listed: a build from the spare opens no folder of an
# unchanged node. Builds a second apart, as the manifest leaves out a
# folder that changed in the last second.
for i in 1 2 3; do
	sleep 1.1
	build "$work/again.log"
done
opened "$work/open.log"
echo "stat counts: ok"
