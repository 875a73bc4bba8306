#!/bin/sh
# Two builds of records/ are byte-identical, and equal to the committed site/.
# Usage: reproducible.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$src"
"$rekap" build --out "$work/one" 2>/dev/null
"$rekap" build --out "$work/two" 2>/dev/null
diff -r "$work/one" "$work/two"
if ! diff -r site "$work/one"; then
	echo "site/ is stale: rebuild it with ./build/rekap build and commit" >&2
	exit 1
fi
echo "two builds identical and equal to site/ ($(find site -type f | wc -l) files)"
