#!/usr/bin/env python3
"""Compare hand-computed indicator values with a built site's open data
(data/indicators.csv and data/<provinsi>/indicators.csv).

A row whose indicator is "tingkat" is a post's assessment instead: value is the
level and numerator the score its page (SITE_DIR/<path>/index.md) shows. A row
"tidak_dihitung" is what the page lists below its method table as left out of
a ratio: numerator posts, denominator the sum of the side they reported, value
"reported/missing" (0 posts: the page lists nothing for that pair).

Usage: check_values.py HAND_VALUES_CSV SITE_DIR
"""
import csv
import glob
import os
import re
import sys

LEVEL_RE = re.compile(r"^\*\*[^:*]+: (.+?)\*\* · [^ ]+ (\d+(?:,\d+)?)/100$", re.M)


def check_level(site, e):
    """The level and score on the post's page; a list of mismatches."""
    page = os.path.join(site, e["path"], "index.md")
    try:
        with open(page, encoding="utf-8") as f:
            m = LEVEL_RE.search(f.read())
    except OSError:
        m = None
    if not m:
        return ["%s: no level on %s" % (e["path"], page)]
    got = (m.group(1), m.group(2))
    if got != (e["value"], e["numerator"]):
        return ["%s tingkat: expected %r, got %r" % (e["path"], (e["value"], e["numerator"]), got)]
    return []


LEFT_OUT_RE = re.compile(
    r"^- \[[^\]]+\]\([^)]*\): (.+)\.$", re.M)
LEFT_OUT_PART_RE = re.compile(
    r"^(?:(\d+) pos yang|pos ini) melaporkan (\S+) tanpa (\S+) \(\S+ = ([\d.,]+)\)$")


def check_left_out(site, e):
    """The posts left out of a ratio, listed below the page's method table
    ("Cara menghitung"); a list of mismatches."""
    page = os.path.join(site, e["path"], "index.md")
    with open(page, encoding="utf-8") as f:
        text = f.read().replace("\\_", "_")
    start = text.find("\n## Cara menghitung\n")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end >= 0 else len(text)] if start >= 0 else ""
    side, other = e["value"].split("/")
    found = []
    for item in LEFT_OUT_RE.findall(section):
        for part in item.split("; "):
            m = LEFT_OUT_PART_RE.match(part)
            if m and (m.group(2), m.group(3)) == (side, other):
                found.append((m.group(1) or "1", m.group(4).replace(".", "")))
    want = [] if e["numerator"] == "0" else [(e["numerator"], e["denominator"])]
    if found != want:
        return ["%s left out (%s without %s): expected %r, got %r"
                % (e["path"] or "(root)", side, other, want, found)]
    return []


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines))


def open_data_files(site):
    """The national open-data file and the file of every province."""
    return [os.path.join(site, "data", "indicators.csv")] + \
        sorted(glob.glob(os.path.join(site, "data", "*", "indicators.csv")))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    expected = read_rows(sys.argv[1])
    built = {(r["path"], r["period"], r["indicator"]): r
             for path in open_data_files(sys.argv[2]) for r in read_rows(path)}
    failures = 0
    for e in expected:
        if e["indicator"].startswith("lbkp1:"):
            continue  # cells of form LBKP-1: tests/checkers/check_lbkp.py
        key = (e["path"], e["period"], e["indicator"])
        if e["indicator"] in ("tingkat", "tidak_dihitung"):
            check = check_level if e["indicator"] == "tingkat" else check_left_out
            for problem in check(sys.argv[2], e):
                print(problem)
                failures += 1
            continue
        got = built.get(key)
        if e["value"] == "absent":
            # the indicator does not apply here (berlaku): no row at all
            if got is not None:
                print("unexpected row: %s" % (key,))
                failures += 1
            continue
        if got is None:
            print("missing row: %s" % (key,))
            failures += 1
            continue
        for field in ("numerator", "denominator", "value"):
            if got[field] != e[field]:
                print("%s %s: expected %r, got %r" % (key, field, e[field], got[field]))
                failures += 1
    expected = [e for e in expected if not e["indicator"].startswith("lbkp1:")]
    print("%d hand-computed values checked, %d mismatches" % (len(expected), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
