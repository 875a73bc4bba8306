#!/usr/bin/env python3
"""Compare the hand-computed cells of form LBKP-1 with a built site.

Usage: check_lbkp.py HAND_VALUES_CSV SITE_DIR

Rows of HAND_VALUES_CSV whose indicator starts with "lbkp1:" name one cell:
  lbkp1:pos                      the "Pos UKK dibina, melapor" line of a month
  lbkp1:<no>:l|p|jumlah          a row of the form (no = 1, 2, 3a, ... 5b)
  lbkp1:penyakit:<rank>:kode|nama|l|p|jumlah
                                 a line of the ten most common diseases; the
                                 value "absent" for kode: no disease of that
                                 rank; "tidak dilaporkan" for kode: the
                                 section says nothing was reported
A month (period YYYY-MM) is read from the puskesmas workbook's sheet
"LBKP-1 YYYY-MM" (openpyxl) AND from the LBKP-1 section of its index.md; a
quarter (YYYY-Qn) from the ten-diseases section of the area's index.md.
Both must hold the hand value.
"""
import csv
import glob
import os
import re
import sys

import openpyxl

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
SIDES = {"l": 0, "p": 1, "jumlah": 2}
DISEASE_FIELDS = {"nama": 0, "kode": 1, "l": 2, "p": 3, "jumlah": 4}
MISSING = "tidak dilaporkan"


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return [r for r in csv.DictReader(lines) if r["indicator"].startswith("lbkp1:")]


def table_after(lines, start):
    """The cells of the first Markdown table at or after line start, and the
    line after it."""
    i = start
    while i < len(lines) and not lines[i].startswith("|"):
        i += 1
    rows = []
    while i < len(lines) and lines[i].startswith("|"):
        cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
        if not set("".join(cells)) <= set("-:"):
            rows.append(cells)
        i += 1
    return rows[1:], i


def page_month(site, path, period):
    """(posts line, {no: [l, p, jumlah]}, diseases, text) of a month's section."""
    with open(os.path.join(site, path, "index.md"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    year, month = int(period[:4]), int(period[5:])
    heading = "### LBKP-1 · %s %d" % (MONTHS[month - 1], year)
    start = lines.index(heading)
    posts = lines[start + 2]
    form, after = table_after(lines, start)
    end = after
    while end < len(lines) and not lines[end].startswith("#"):
        end += 1
    diseases, _ = table_after(lines[:end], after)
    return posts, {r[0]: r[2:5] for r in form}, {r[0]: r[1:6] for r in diseases}, \
        "\n".join(lines[after:end])


def page_quarter(site, path):
    with open(os.path.join(site, path, "index.md"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next(i for i, l in enumerate(lines)
                 if l.startswith("## Sepuluh penyakit terbanyak pada pekerja · "))
    end = start + 1
    while end < len(lines) and not lines[end].startswith("## "):
        end += 1
    diseases, _ = table_after(lines[:end], start)
    return {r[0]: r[1:6] for r in diseases}, "\n".join(lines[start:end])


def text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v == int(v):
        v = int(v)
    return str(v)


def sheet_month(site, path, period):
    """(posts line, {no: [l, p, jumlah]}, {rank: [nama, kode, l, p, jumlah]})."""
    books = glob.glob(os.path.join(site, path, "rekap-puskesmas-*.xlsx"))
    if len(books) != 1:
        raise LookupError("one puskesmas workbook expected in %s, found %d" % (path, len(books)))
    ws = openpyxl.load_workbook(books[0])["LBKP-1 " + period]
    rows = [[text(c) for c in r] for r in ws.iter_rows(values_only=True)]
    posts = rows[5][0].split(": ", 1)[1]
    head = [i for i, r in enumerate(rows) if r[0] == "No"]
    form = {r[0]: r[3:6] for r in rows[head[0] + 1:head[0] + 11]}
    diseases = {r[0]: [r[1], r[2], r[3], r[4], r[5]] for r in rows[head[1] + 1:head[1] + 11]}
    return posts, form, diseases


def disease_cell(diseases, rank, field):
    row = diseases.get(rank)
    value = row[DISEASE_FIELDS[field]] if row else ""
    return value if value else "absent"


def cell(found, key):
    """The value a source holds for an lbkp1: key."""
    posts, form, diseases = found[:3]
    parts = key.split(":")[1:]
    if parts == ["pos"]:
        return posts
    if parts[0] == "penyakit":
        if parts[2] == "kode" and not diseases and MISSING in found[3]:
            return MISSING
        return disease_cell(diseases, parts[1], parts[2])
    return form.get(parts[0], ["?"] * 3)[SIDES[parts[1]]]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    site = sys.argv[2]
    expected = read_rows(sys.argv[1])
    failures = 0
    for e in expected:
        path, period, key, want = e["path"], e["period"], e["indicator"], e["value"]
        if "Q" in period:
            diseases, section = page_quarter(site, path)
            sources = {"page": (None, {}, diseases, section)}
        else:
            page = page_month(site, path, period)
            sources = {"page": page, "sheet": sheet_month(site, path, period) + ("",)}
        for name, found in sources.items():
            got = cell(found, key)
            if got != want:
                print("%s %s %s (%s): expected %r, got %r" % (path or "(root)", period, key,
                                                               name, want, got))
                failures += 1
    print("%d LBKP-1 cells checked, %d mismatches" % (len(expected), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
