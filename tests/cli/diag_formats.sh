#!/bin/sh
# Diagnostics for CI: "rekap check --format gitlab" writes a GitLab Code
# Quality report (JSON) on stdout and the usual lines on stderr, and
# "--format github" writes GitHub Actions annotations. The fixture
# tests/diag_formats/records has one error (a quoted cell with a quote, a
# backslash and a tab in a number column, so the message needs escaping) and
# one warning (an unknown key, three edits from a known one).
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

# The report is JSON as GitLab reads it, and says what the text lines say:
# the same problems in the same order, severity "major" for an error and
# "minor" for a warning, and a fingerprint that is FNV-1a 64 of
# "path NUL line:column NUL message".
"$python" - "$tmp/out.json" "$tmp/err" <<'EOF' || fail "the report is not the JSON GitLab expects"
import json, re, sys
with open(sys.argv[1], encoding="utf-8") as f:
    issues = json.load(f)
text = []
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        m = re.match(r"^(.+):(\d+):(\d+): (error|warning): (.*)$", line.rstrip("\n"))
        if m:
            text.append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5)))

def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) % 2**64
    return "%016x" % h

post = "records/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a/"
assert [(t[0], t[1], t[3]) for t in text] == [
    (post + "laporan.csv", 3, "error"), (post + "pos.md", 11, "warning")], text
assert text[0][4].startswith('kolom "hari_buka": "ti"ga'), text[0]
assert isinstance(issues, list) and len(issues) == len(text), issues
for got, (path, line, col, kind, msg) in zip(issues, text):
    assert set(got) == {"description", "check_name", "fingerprint", "severity", "location"}, got
    assert got["description"] == msg, (got["description"], msg)
    assert got["severity"] == ("major" if kind == "error" else "minor"), got
    assert got["check_name"] == "rekap/" + kind, got
    assert got["location"] == {"path": path, "lines": {"begin": line}}, got
    key = path.encode() + b"\0" + ("%d:%d" % (line, col)).encode() + b"\0" + msg.encode()
    assert got["fingerprint"] == fnv1a(key), (got["fingerprint"], fnv1a(key))
EOF

# No problem at all: an empty array, exit 0. Both problems fixed in a copy.
cp -r records "$tmp/clean"
post="$tmp/clean/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a"
sed 's/^2024-02,2024-03-12,.*ga.*x",/2024-02,2024-03-12,3,/' "$post/laporan.csv" >"$tmp/l.csv" &&
	mv "$tmp/l.csv" "$post/laporan.csv"
sed 's/^sumber_biaya:/sumber_dana:/' "$post/pos.md" >"$tmp/p.md" && mv "$tmp/p.md" "$post/pos.md"
"$rekap" check --records "$tmp/clean" --rules "$src/lua" --format gitlab >"$tmp/clean.json" 2>/dev/null
status=$?
[ "$status" -eq 0 ] || fail "the fixed copy: exit status $status, expected 0"
[ "$(cat "$tmp/clean.json")" = "[]" ] || fail "the fixed copy: report is not []: $(cat "$tmp/clean.json")"

# The message of a validation rule is the rules' own text, any bytes: a tab,
# a quote, a backslash, a control character and a byte that is not UTF-8 are
# all escaped (the last as U+FFFD), and the report still parses.
cp -r "$src/lua" "$tmp/lua"
sed 's|^  pesan = "pekerja sakit yang dilayani lebih banyak daripada pekerja sakit",|  pesan = "tab\\there \\"q\\" back\\\\slash ctl\\1 bad\\255 end",|' \
	"$src/lua/05-validasi.lua" >"$tmp/lua/05-validasi.lua"
grep -q 'pesan = "tab' "$tmp/lua/05-validasi.lua" ||
	fail "the message of dilayani_tidak_melebihi_sakit in lua/05-validasi.lua has changed; update this test"
cp -r "$tmp/clean" "$tmp/rule"
post="$tmp/rule/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a"
# January: 10 sick workers served (9 + 1) of 5 sick
sed 's/^2024-01,2024-02-05,4,20,5,30,6,4,1,3,1,/2024-01,2024-02-05,4,20,5,30,6,4,1,9,1,/' "$post/laporan.csv" \
	>"$tmp/l.csv" && mv "$tmp/l.csv" "$post/laporan.csv"
"$rekap" check --records "$tmp/rule" --rules "$tmp/lua" --format gitlab >"$tmp/rule.json" 2>/dev/null
status=$?
[ "$status" -eq 0 ] || fail "a rule violation alone: exit status $status, expected 0"
"$python" - "$tmp/rule.json" <<'EOF' || fail "the message of a rule is not escaped as JSON"
import json, sys
raw = open(sys.argv[1], "rb").read()
assert b'tab\\there \\"q\\" back\\\\slash ctl\\u0001 bad\\ufffd end' in raw, raw
issues = json.loads(raw.decode("utf-8"))
assert len(issues) == 1, issues
assert issues[0]["description"].startswith(
    '2024-01: tab\there "q" back\\slash ctl\x01 bad\ufffd end (aturan: sakit_dilayani ≤ sakit; nilai: sakit_dilayani = 10, sakit = 5;'), issues
assert issues[0]["severity"] == "minor" and issues[0]["location"]["lines"] == {"begin": 2}, issues
EOF

# A folder whose name is not UTF-8 and holds "," and ":": the report still
# parses, a problem without a line is put on line 1, "./" is not part of the
# path; the annotation escapes "," and ":" in its file= property.
cp -r records "$tmp/odd"
mkdir "$tmp/odd/kalimantan-timur/kota-bontang/bontang-selatan-1/$(printf 'a\377,b:c')"
(cd "$tmp" && "$rekap" check --records ./odd --rules "$src/lua" --format gitlab) \
	>"$tmp/odd.json" 2>/dev/null
"$python" - "$tmp/odd.json" <<'EOF' || fail "the report of an odd folder name is wrong"
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    issues = json.load(f)
odd = [i for i in issues if i["location"]["path"].endswith(",b:c")]
assert len(odd) == 1, issues
path = odd[0]["location"]["path"]
# the byte 0xFF is shown in some printable way, never as itself
assert path.startswith("odd/kalimantan-timur/kota-bontang/bontang-selatan-1/a"), path
assert len(path) > len("odd/kalimantan-timur/kota-bontang/bontang-selatan-1/a,b:c"), path
assert odd[0]["location"]["lines"] == {"begin": 1}, odd[0]
assert odd[0]["description"].startswith('nama folder "a'), odd[0]
assert all(i["location"]["path"].startswith("odd/") for i in issues), issues
EOF
(cd "$tmp" && "$rekap" check --records odd --rules "$src/lua" --format github) \
	2>"$tmp/odd-github.txt" >/dev/null
LC_ALL=C grep -q "^::error file=odd/kalimantan-timur/kota-bontang/bontang-selatan-1/a.*%2Cb%3Ac::nama folder" \
	"$tmp/odd-github.txt" || fail "the annotation does not escape \",\" and \":\" in file="

# an unknown format is a usage error
"$rekap" check --records records --rules "$src/lua" --format gitlab-ci >/dev/null 2>&1
status=$?
[ "$status" -eq 2 ] || fail "--format gitlab-ci exited with $status, expected 2"
exit $rc
