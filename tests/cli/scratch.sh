#!/bin/sh
# Workbooks' parts are staged in TMPDIR when it is set, else in /dev/shm
# when it has room (256 MiB free), else in /tmp; the site is the same bytes
# whichever folder staged them, and a TMPDIR that does not exist is passed
# over.
# Usage: scratch.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work/scratch"
cd "$src"
export REKAP_CACHE_DIR="$work/cache"
unset TMPDIR
"$rekap" build --full --out "$work/default" 2>/dev/null
TMPDIR="$work/missing" "$rekap" build --full --out "$work/missing-out" 2>"$work/missing.log" || {
	cat "$work/missing.log" >&2
	echo "FAIL: a missing TMPDIR failed the build" >&2
	exit 1
}
diff -r "$work/default" "$work/missing-out"
if ! command -v strace >/dev/null 2>&1; then
	echo "strace not installed: where parts are staged is not traced"
	exit 0
fi
# LeakSanitizer cannot run under ptrace: traced runs of a sanitizer build
# do without it (the untraced runs above keep it)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
# staged: FOLDER TRACE - how many files the build created in FOLDER
staged() { grep -c "\"$1/[^/]*\", O_RDWR|O_CREAT|O_EXCL" "$2" || true; }
TMPDIR="$work/scratch" strace -f -qq -e trace=open,openat -o "$work/trace-tmpdir" \
	"$rekap" build --full --jobs 2 --out "$work/tmpdir-out" 2>/dev/null
diff -r "$work/default" "$work/tmpdir-out"
n=$(staged "$work/scratch" "$work/trace-tmpdir")
[ "$n" -gt 0 ] || { echo "FAIL: TMPDIR is set, but no part was staged there" >&2; exit 1; }
[ "$(staged /dev/shm "$work/trace-tmpdir")" -eq 0 ] ||
	{ echo "FAIL: TMPDIR is set, but parts were staged in /dev/shm" >&2; exit 1; }
echo "TMPDIR set: $n parts staged there"
strace -f -qq -e trace=open,openat -o "$work/trace-unset" \
	"$rekap" build --full --jobs 2 --out "$work/unset-out" 2>/dev/null
diff -r "$work/default" "$work/unset-out"
free=$(df -k --output=avail /dev/shm 2>/dev/null | tail -1 | tr -d ' ' || echo 0)
shm=$(staged /dev/shm "$work/trace-unset")
if [ -w /dev/shm ] && [ "${free:-0}" -ge 262144 ]; then
	[ "$shm" -gt 0 ] || { echo "FAIL: /dev/shm has room, but no part was staged there" >&2; exit 1; }
	echo "TMPDIR unset: $shm parts staged in /dev/shm (${free} KiB free)"
else
	[ "$shm" -eq 0 ] || { echo "FAIL: /dev/shm lacks room, but parts were staged there" >&2; exit 1; }
	echo "TMPDIR unset, /dev/shm without room: parts staged in /tmp"
fi
echo "workbooks the same bytes whichever folder staged their parts"
