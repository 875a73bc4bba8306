#!/bin/sh
# The golden builds under valgrind memcheck: the golden fixture, the bundled
# records, and "rekap check" of both, each into a fresh folder. Any memory
# error or any leak (definite, indirect or possible) fails the test. Only the
# suppressions in tests/cli/valgrind.supp (third-party library internals, each
# explained there) are applied.
# The builds run with --jobs 1, so that every stage, page writing included,
# runs in the one process that frees everything before it exits. One more
# build uses two worker processes: a forked worker ends with _exit(), leaving
# the memory it shares with the parent to the parent, so its leak report is
# not asked for (--child-silent-after-fork; a memory error in it still fails
# the run), and the parent's leaks are read from its log.
# Usage: valgrind.sh REKAP SOURCE_DIR WORK_DIR
set -u
rekap=$1 src=$2 work=$3
case $rekap in /*) ;; *) rekap=$(pwd)/$rekap ;; esac
rm -rf "$work" && mkdir -p "$work"
# a cache of its own, so every run builds everything (nothing reused)
REKAP_CACHE_DIR="$work/cache"
export REKAP_CACHE_DIR
failures=0 count=0

# run NAME DIR ARGS...: rekap ARGS in DIR under memcheck
run() {
	name=$1 dir=$2
	shift 2
	count=$((count + 1))
	(cd "$dir" && valgrind --tool=memcheck --quiet \
		--leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible $VALGRIND_EXTRA --error-exitcode=99 \
		--suppressions="$src/tests/cli/valgrind.supp" --log-file="$work/$name.%p.log" \
		"$rekap" "$@" >"$work/$name.out" 2>&1)
	rc=$?
	# leaks printed but not counted as errors (the run with workers)
	if [ "$rc" -eq 0 ] && grep -q "lost in loss record" "$work/$name".*.log; then
		rc=99
	fi
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $name: exit $rc"
		cat "$work/$name".*.log "$work/$name.out"
		failures=$((failures + 1))
	else
		echo "ok   $name"
	fi
}

VALGRIND_EXTRA=""
run golden-build "$src/tests/golden" build --jobs 1 --records records --rules "$src/lua" \
	--templates "$src/templates" --out "$work/golden-site"
run golden-check "$src/tests/golden" check --records records --rules "$src/lua"
run bundled-build "$src" build --jobs 1 --records records --rules lua --templates templates \
	--out "$work/bundled-site"
run bundled-check "$src" check --records records --rules lua
VALGRIND_EXTRA="--child-silent-after-fork=yes --errors-for-leak-kinds=none"
run golden-build-workers "$src/tests/golden" build --jobs 2 --records records \
	--rules "$src/lua" --templates "$src/templates" --out "$work/golden-site-workers"
echo "valgrind: $count runs, $failures failed"
[ "$failures" -eq 0 ]
