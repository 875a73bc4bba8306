#!/bin/sh
# One fixture per diagnostic: every folder in tests/diagnostics/cases/ holds a
# small records tree with exactly one problem, and
#   expected.txt     the exact stderr of "rekap check --records records"
#                    (with the rules of lua/ and the templates of templates/)
#                    (run in the case folder, with REKAP_TODAY=2025-06-30)
#   status           the exit status expected (1 errors, 0 warnings only)
#   expected-en.txt  optional: the same run with --lang en
#   args             optional: arguments used instead of "--records records"
#   lua/             optional: the case's own rules, used instead of lua/
#   templates/       optional: the files of templates/ the case changes or adds;
#                    the case runs in a copy of its folder whose templates/ is
#                    the project's with these files laid over it
# REGENERATE=1 rewrites expected.txt, status and the existing expected-en.txt
# files; read every rewritten file before committing it.
# Usage: diagnostic_cases.sh REKAP SOURCE_DIR
set -u
rekap=$1 src=$2
# each case runs in its own folder: make both paths absolute
case $rekap in /*) ;; */*) rekap=$(pwd)/$rekap ;; esac
case $src in /*) ;; *) src=$(cd "$src" && pwd) ;; esac
cases="$src/tests/diagnostics/cases"
REKAP_TODAY=2025-06-30
export REKAP_TODAY
out=$(mktemp)
scratch=$(mktemp -d)
total=0 failed=0

# case_folder DIR: the folder a case runs in: DIR itself, or for a case
# with templates/ a copy of DIR in $scratch with the project's templates
# under the case's own files.
case_folder() {
	if [ ! -d "$1/templates" ]; then
		echo "$1"
		return
	fi
	rm -rf "$scratch/case"
	cp -R "$1" "$scratch/case"
	rm -rf "$scratch/case/templates"
	cp -R "$src/templates" "$scratch/case/templates"
	cp -R "$1/templates/." "$scratch/case/templates/"
	echo "$scratch/case"
}

# run_case DIR EXPECTED_FILE [--lang en]: compares stderr and exit status.
run_case() {
	dir=$1 expected=$2
	shift 2
	args="--records records"
	rules="$src/lua" templates="$src/templates"
	if [ -d "$dir/lua" ]; then
		rules=lua
	fi
	if [ -d "$dir/templates" ]; then
		templates=templates
	fi
	if [ -f "$dir/args" ]; then
		args=$(cat "$dir/args")
	fi
	run_in=$(case_folder "$dir")
	# $args is split into words on purpose
	# shellcheck disable=SC2086
	(cd "$run_in" && "$rekap" check "$@" $args --rules "$rules" --templates "$templates") >/dev/null 2>"$out"
	status=$?
	if [ "${REGENERATE:-0}" = 1 ]; then
		cp "$out" "$dir/$expected"
		if [ "$expected" = expected.txt ]; then
			echo "$status" >"$dir/status"
		fi
		return 0
	fi
	ok=1
	want=$(cat "$dir/status" 2>/dev/null)
	if [ "$status" != "$want" ]; then
		echo "$(basename "$dir") ($expected): exit status $status, expected $want" >&2
		ok=0
	fi
	if ! diff -u "$dir/$expected" "$out" >&2; then
		echo "$(basename "$dir"): output differs from $expected" >&2
		ok=0
	fi
	[ $ok = 1 ]
}

for dir in "$cases"/*/; do
	dir=${dir%/}
	[ -f "$dir/expected.txt" ] || continue
	total=$((total + 1))
	if ! run_case "$dir" expected.txt; then
		failed=$((failed + 1))
	elif [ -f "$dir/expected-en.txt" ] && ! run_case "$dir" expected-en.txt --lang en; then
		failed=$((failed + 1))
	fi
done
rm -f "$out"
rm -rf "$scratch"
echo "$total cases, $failed failed"
if [ "$total" -lt 40 ]; then
	echo "expected at least 40 cases in $cases" >&2
	exit 1
fi
[ "$failed" -eq 0 ]
