#!/bin/sh
# A library that shapes the output is part of the program. Under a library
# preloaded to make zlib deflate the workbooks at level 1 (other bytes, as
# another version of zlib or libxlsxwriter would give), a build that
# follows one without it writes the bytes of a full build under it, and
# one without it again writes the bytes it first wrote: the build record
# and the caches of the other program are not trusted.
# Usage: library_change.sh REKAP SOURCE_DIR WORK_DIR SHIM
set -eu
rekap=$1 src=$2 work=$3 shim=$4
rm -rf "$work" && mkdir -p "$work"
export REKAP_CACHE_DIR="$work/cache"
# the sanitizer's runtime would otherwise refuse a library loaded before it
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
cd "$src"
fail() { echo "library_change: $*" >&2; exit 1; }
# build OUT [OPTION...]
build() {
	out=$1
	shift
	"$rekap" build --records tests/golden/records --rules lua --templates templates \
		--out "$work/$out" "$@" 2>"$work/$out.log" || { cat "$work/$out.log" >&2; fail "build of $out failed"; }
}
build site --full
cp -a "$work/site" "$work/plain"
LD_PRELOAD=$shim build level1 --full
# the shim must change the workbooks, else this test shows nothing
if diff -rq "$work/plain" "$work/level1" >/dev/null; then
	fail "the preloaded library changed no byte"
fi
n=$(diff -rq "$work/plain" "$work/level1" | grep -c '\.xlsx differ$' || true)
LD_PRELOAD=$shim build site --jobs 2
diff -r "$work/level1" "$work/site" >/dev/null ||
	fail "under the preloaded library, the build kept files of the program before it: $(diff -rq "$work/level1" "$work/site" | head -3)"
build site --jobs 2
diff -r "$work/plain" "$work/site" >/dev/null ||
	fail "without it again, the site is not the first build's: $(diff -rq "$work/plain" "$work/site" | head -3)"
echo "library_change: $n workbooks changed under the preloaded library; every build gave the bytes of a full build"
