#!/usr/bin/env python3
"""Compare hand-computed indicator values with a built site's open data
(data/indicators.csv and data/<provinsi>/indicators.csv).

A row whose indicator is "tingkat" is a post's assessment instead: value is the
level and numerator the score its page (SITE_DIR/<path>/index.md) shows.

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
        if e["indicator"] == "tingkat":
            for problem in check_level(sys.argv[2], e):
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
