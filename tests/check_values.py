#!/usr/bin/env python3
"""Compare hand-computed indicator values with a built site's open data
(data/indicators.csv and data/<provinsi>/indicators.csv).

Usage: check_values.py HAND_VALUES_CSV SITE_DIR
"""
import csv
import glob
import os
import sys


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
        key = (e["path"], e["period"], e["indicator"])
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
    print("%d hand-computed values checked, %d mismatches" % (len(expected), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
