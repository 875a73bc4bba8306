#!/bin/sh
# Diagnostics for CI: "rekap check --format gitlab" writes a GitLab Code
# Quality report (JSON) on stdout and the usual lines on stderr, and
# "--format github" writes GitHub Actions annotations. The fixture
# tests/diag_formats/records has one error (a quoted cell with a quote, a
# backslash and a tab in a number column) and one warning (a misspelt key).
#   expected.json         the exact report
#   expected-github.txt   the exact annotations (the "::" lines of stderr)
# REGENERATE=1 rewrites both; read them before committing.
# Usage: diag_formats.sh REKAP SOURCE_DIR PYTHON3
set -u
rekap=$1 src=$2 python=$3
case $rekap in /*) ;; */*) rekap=$(pwd)/$rekap ;; esac
dir="$src/tests/diag_formats"
REKAP_TODAY=2025-06-30
export REKAP_TODAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$dir" || exit 1
rc=0
fail() {
	echo "diag_formats: $*" >&2
	rc=1
}

"$rekap" check --records records --rules "$src/lua" --format gitlab >"$tmp/out.json" 2>"$tmp/err"
status=$?
"$rekap" check --records records --rules "$src/lua" --format github 2>&1 >/dev/null |
	grep '^::' >"$tmp/github.txt"
if [ "${REGENERATE:-0}" = 1 ]; then
	cp "$tmp/out.json" expected.json
	cp "$tmp/github.txt" expected-github.txt
	exit 0
fi
[ "$status" -eq 1 ] || fail "check --format gitlab exited with $status, expected 1"
diff -u expected.json "$tmp/out.json" >&2 || fail "the GitLab report differs from expected.json"
diff -u expected-github.txt "$tmp/github.txt" >&2 || fail "the annotations differ from expected-github.txt"
# the job log still gets the readable lines (and nothing of them leaks into the report)
grep -q '^records/kalimantan-timur/.*/nelayan-a/laporan.csv:3:20: error: kolom "hari_buka"' "$tmp/err" ||
	fail "stderr lacks the text diagnostic"

# The report is JSON as GitLab reads it: fields, severities, lines, and the
# fingerprint is FNV-1a 64 of "path NUL line:column NUL message".
"$python" - "$tmp/out.json" <<'EOF' || fail "the report is not the JSON GitLab expects"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    issues = json.load(f)

def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) % 2**64
    return "%016x" % h

post = "records/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a/"
want = [  # path, line, column, severity, message
    (post + "laporan.csv", 3, 20, "major",
     'kolom "hari_buka": "ti"ga\\\tx" bukan angka; isi angka atau kosongkan jika tidak dilaporkan'),
    (post + "pos.md", 11, 1, "minor",
     'kunci "sumber_dna" tidak dikenal; mungkin maksudnya "sumber_dana"?'),
]
assert isinstance(issues, list) and len(issues) == len(want), issues
for got, (path, line, col, sev, msg) in zip(issues, want):
    assert set(got) == {"description", "check_name", "fingerprint", "severity", "location"}, got
    assert got["description"] == msg, got["description"]
    assert got["severity"] == sev, got
    assert got["check_name"] == ("rekap/error" if sev == "major" else "rekap/warning"), got
    assert got["location"] == {"path": path, "lines": {"begin": line}}, got
    key = path.encode() + b"\0" + ("%d:%d" % (line, col)).encode() + b"\0" + msg.encode()
    assert got["fingerprint"] == fnv1a(key), (got["fingerprint"], fnv1a(key))
EOF

# No problem at all: an empty array, exit 0. Both problems fixed in a copy.
cp -r records "$tmp/clean"
post="$tmp/clean/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a"
sed 's/^2024-02,2024-03-12,.*ga.*x",/2024-02,2024-03-12,3,/' "$post/laporan.csv" >"$tmp/l.csv" &&
	mv "$tmp/l.csv" "$post/laporan.csv"
sed 's/^sumber_dna:/sumber_dana:/' "$post/pos.md" >"$tmp/p.md" && mv "$tmp/p.md" "$post/pos.md"
"$rekap" check --records "$tmp/clean" --rules "$src/lua" --format gitlab >"$tmp/clean.json" 2>/dev/null
status=$?
[ "$status" -eq 0 ] || fail "the fixed copy: exit status $status, expected 0"
[ "$(cat "$tmp/clean.json")" = "[]" ] || fail "the fixed copy: report is not []: $(cat "$tmp/clean.json")"

# A folder whose name is not UTF-8 and holds "," and ":": the report still
# parses (U+FFFD in place of the byte), a problem without a line is put on
# line 1, "./" is not part of the path; the annotation escapes "," and ":".
cp -r records "$tmp/odd"
mkdir "$tmp/odd/kalimantan-timur/kota-bontang/bontang-selatan-1/$(printf 'a\377,b:c')"
(cd "$tmp" && "$rekap" check --records ./odd --rules "$src/lua" --format gitlab) \
	>"$tmp/odd.json" 2>/dev/null
"$python" - "$tmp/odd.json" <<'EOF' || fail "the report of an odd folder name is wrong"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    issues = json.load(f)
odd = [i for i in issues if "\ufffd" in i["location"]["path"]]
assert len(odd) == 1, issues
assert odd[0]["location"] == {
    "path": "odd/kalimantan-timur/kota-bontang/bontang-selatan-1/a\ufffd,b:c",
    "lines": {"begin": 1}}, odd[0]
assert odd[0]["description"].startswith('nama folder "a\ufffd,b:c" tidak sah'), odd[0]
assert all(i["location"]["path"].startswith("odd/") for i in issues), issues
EOF
(cd "$tmp" && "$rekap" check --records odd --rules "$src/lua" --format github) \
	2>"$tmp/odd-github.txt" >/dev/null
LC_ALL=C grep -q "^::error file=odd/kalimantan-timur/kota-bontang/bontang-selatan-1/a.%2Cb%3Ac::nama folder" \
	"$tmp/odd-github.txt" || fail "the annotation does not escape \",\" and \":\" in file="

# an unknown format is a usage error
"$rekap" check --records records --rules "$src/lua" --format gitlab-ci >/dev/null 2>&1
status=$?
[ "$status" -eq 2 ] || fail "--format gitlab-ci exited with $status, expected 2"
exit $rc
