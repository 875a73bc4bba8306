#!/bin/sh
# Every template opens with a {{! }} comment that says what it draws, in
# Bahasa Indonesia and then English, and names each partial it includes.
# Usage: template_headers.sh SOURCE_DIR
set -u
src=$1
failures=0 count=0
fail() { echo "template_headers: $*" >&2; failures=$((failures + 1)); }
for file in "$src"/templates/*.md "$src"/templates/*.html "$src"/templates/bagian/*; do
	name=${file#"$src/templates/"}
	count=$((count + 1))
	case $(head -n 1 "$file") in
	'{{! '*) ;;
	*) fail "$name does not open with a {{! }} comment"; continue ;;
	esac
	# the header: from the first line to the first line holding "}}"
	header=$(sed -n '1,/}}/p' "$file")
	for partial in $(grep -o '{{> *[a-z/-]*}}' "$file" | sed 's/{{> *//; s/}}//' | sort -u); do
		case $header in
		*"$partial"*) ;;
		*) fail "$name includes $partial but its header does not name it" ;;
		esac
	done
	if ! grep -q '{{>' "$file"; then
		case $header in
		*"Tanpa partial"*"o partial"* | *"Tanpa partial"*"other partial"*) ;;
		*) fail "$name uses no partial but its header does not say so in both languages" ;;
		esac
	fi
done
echo "template_headers: $count templates, $failures problems"
[ "$failures" -eq 0 ]
