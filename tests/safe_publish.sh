#!/bin/sh
# A failed build leaves the published site exactly as it was.
# Usage: safe_publish.sh REKAP SOURCE_DIR WORK_DIR
set -eu
rekap=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
"$rekap" build --records "$src/tests/golden/records" --rules "$src/lua" \
	--templates "$src/templates" --out "$work/site" 2>/dev/null
cp -a "$work/site" "$work/before"
if "$rekap" build --records "$src/tests/diagnostics/records" --rules "$src/lua" \
	--templates "$src/templates" --out "$work/site" 2>/dev/null; then
	echo "a build of broken records succeeded" >&2
	exit 1
fi
diff -r "$work/before" "$work/site"
if ls -d "$work"/site.* 2>/dev/null; then
	echo "staging folder left behind" >&2
	exit 1
fi
echo "published site untouched by the failed build"
