#!/bin/sh
# Golden site test: build tests/golden/records and compare every file with
# tests/golden/site. REGENERATE=1 rewrites the expected files instead.
# Usage: golden.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
# the published quarter follows the reporting deadlines from "today": fixed,
# so the expected site does not depend on the day the tests run
REKAP_TODAY=2025-06-30
export REKAP_TODAY
rm -rf "$work" && mkdir -p "$work"
cd "$src/tests/golden"
"$rekap" build --records records --rules "$src/lua" --templates "$src/templates" --out "$work/site"
if [ "${REGENERATE:-0}" = 1 ]; then
	rm -rf site && cp -a "$work/site" site
	# the rows of the open data as one file, for open_data_split
	python3 "$src/tests/cli/open_data.py" union site >indicators-single.csv
	echo "golden site regenerated"
	exit 0
fi
# workbooks are checked cell by cell elsewhere; their bytes are compared here too
if ! diff -r site "$work/site"; then
	echo "generated site differs from tests/golden/site (REGENERATE=1 ctest -R golden_site to accept)" >&2
	exit 1
fi
echo "golden site: $(find site -type f | wc -l) files identical"
