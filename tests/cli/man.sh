#!/bin/sh
# The manual pages man/rekap.1 (English) and man/id/rekap.1 (Bahasa
# Indonesia): plain ASCII (groff reads its input as Latin-1 unless told
# otherwise), every option that "rekap --help" and "rekap COMMAND --help"
# list is documented in both, and groff formats both without a single
# warning (-ww).
# Exits 77 (skipped) after the first two checks when groff is not installed.
# Usage: man.sh REKAP SOURCE_DIR
set -u
rekap=$1 src=$2
pages="$src/man/rekap.1 $src/man/id/rekap.1"
rc=0
for page in $pages; do
	if [ ! -f "$page" ]; then
		echo "man: $page is missing" >&2
		rc=1
		continue
	fi
	if LC_ALL=C grep -n '[^ -~	]' "$page" >&2; then
		echo "man: $page has characters outside ASCII (above); write them as groff escapes" >&2
		rc=1
	fi
done
[ $rc -eq 0 ] || exit 1

# every long option of the help, general and per command, in either
# language, is in both pages (written "\-\-name" in roff)
options=$(
	for lang in id en; do
		"$rekap" --lang $lang --help
		for command in build check serve new; do
			"$rekap" $command --lang $lang --help
		done
	done 2>&1 | grep -o -- '--[a-z][a-z-]*' | sort -u
)
[ -n "$options" ] || {
	echo "man: rekap --help lists no option" >&2
	exit 1
}
for opt in $options; do
	roff=$(printf '%s' "$opt" | sed 's/-/\\-/g')
	for page in $pages; do
		if ! grep -qF -- "$roff" "$page"; then
			echo "man: $opt (from rekap --help) is not documented in $page" >&2
			rc=1
		fi
	done
done
[ $rc -eq 0 ] || exit 1

if ! command -v groff >/dev/null 2>&1; then
	echo "man: groff is not installed (Debian: groff-base); formatting not checked" >&2
	exit 77
fi
for page in $pages; do
	warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
	if [ -n "$warnings" ]; then
		echo "man: groff warns about $page:" >&2
		echo "$warnings" >&2
		rc=1
	fi
	# and the page is not empty: it renders its NAME and every section
	lines=$(groff -man -Tutf8 "$page" 2>/dev/null | wc -l)
	if [ "$lines" -lt 200 ]; then
		echo "man: $page renders to only $lines lines" >&2
		rc=1
	fi
done
exit $rc
