#!/bin/sh
# Rules that try to leave the sandbox, run away, or fail while a node and a
# quarter are evaluated. Each tests/sandbox/*.lua is added as 99-case.lua to
# the rules of tests/indicators; `rekap check` must exit 1 with the message
# on the case's "-- expect:" line. Then a failing rule must leave a built site
# exactly as it was.
# Usage: sandbox.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src/tests/indicators"
failures=0 count=0
for case in "$src"/tests/sandbox/*.lua; do
	name=$(basename "$case" .lua)
	expect=$(sed -n '1s/^-- expect: //p' "$case")
	rules="$work/$name"
	mkdir -p "$rules"
	cp lua/*.lua "$rules/"
	cp "$case" "$rules/99-case.lua"
	count=$((count + 1))
	set +e
	timeout 60 "$rekap" check --records records --rules "$rules" >"$work/$name.out" 2>&1
	rc=$?
	set -e
	if [ "$rc" -ne 1 ]; then
		echo "FAIL $name: exit $rc, expected 1"
		cat "$work/$name.out"
		failures=$((failures + 1))
	elif ! grep -qF -- "$expect" "$work/$name.out"; then
		echo "FAIL $name: expected: $expect"
		echo "got:"
		cat "$work/$name.out"
		failures=$((failures + 1))
	fi
done
[ ! -e /tmp/rekap-sandbox-escaped ] || { echo "FAIL: os.execute ran"; failures=$((failures + 1)); }

# A failed build leaves the previous site untouched.
"$rekap" build --records records --rules lua --templates "$src/templates" --out "$work/site" >/dev/null 2>&1
cp -a "$work/site" "$work/site-before"
set +e
timeout 60 "$rekap" build --records records --rules "$work/16-rumus-endless-loop" \
	--templates "$src/templates" --out "$work/site" >"$work/build.out" 2>&1
rc=$?
set -e
count=$((count + 1))
if [ "$rc" -ne 1 ] || ! diff -r "$work/site-before" "$work/site" >/dev/null; then
	echo "FAIL: a build with a runaway rule exited $rc or changed the site"
	cat "$work/build.out"
	failures=$((failures + 1))
fi
echo "sandbox: $count cases, $failures failed"
[ "$failures" -eq 0 ]
