#!/usr/bin/env python3
"""Compare hand-computed indicator values with a built site's data/indicators.csv.

Usage: check_values.py HAND_VALUES_CSV SITE_DIR
"""
import csv
import sys


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    expected = read_rows(sys.argv[1])
    built = {(r["path"], r["period"], r["indicator"]): r
             for r in read_rows(sys.argv[2] + "/data/indicators.csv")}
    failures = 0
    for e in expected:
        if e["indicator"].startswith("lbkp1:"):
            continue  # cells of form LBKP-1: tests/checkers/check_lbkp.py
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
    expected = [e for e in expected if not e["indicator"].startswith("lbkp1:")]
    print("%d hand-computed values checked, %d mismatches" % (len(expected), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
