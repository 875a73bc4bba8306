#!/bin/sh
# Broken records give every diagnostic in one run, exit status 1, and the
# exact messages in tests/diagnostics/expected.txt (REGENERATE=1 to rewrite).
# Usage: diagnostics.sh REKAP SOURCE_DIR
set -u
rekap=$1 src=$2
cd "$src/tests/diagnostics" || exit 1
out=$(mktemp)
"$rekap" check --records records --rules "$src/lua" 2>"$out"
status=$?
if [ "${REGENERATE:-0}" = 1 ]; then
	cp "$out" expected.txt
	rm -f "$out"
	exit 0
fi
rc=0
if [ "$status" -ne 1 ]; then
	echo "rekap check exited with $status, expected 1" >&2
	rc=1
fi
if ! diff -u expected.txt "$out"; then
	rc=1
fi
# the same problems as GitHub annotations
"$rekap" check --records records --rules "$src/lua" --format github 2>"$out"
if ! grep -q '^::error file=records/jawa-barat/kota-salah/kota.md,line=3,col=7::kode "64.74"' "$out"; then
	echo "GitHub annotation missing" >&2
	rc=1
fi
# usage errors exit 2
"$rekap" build --period 2024-Q9 2>/dev/null
if [ $? -ne 2 ]; then
	echo "a bad --period should exit 2" >&2
	rc=1
fi
rm -f "$out"
exit $rc
