#!/usr/bin/env python3
"""check_workbooks.py - every indicator in every workbook of a site equals the open data.

Usage: python3 tests/checkers/check_workbooks.py SITE_DIR

For each .xlsx under SITE_DIR, the summary sheet ("Ringkasan", or "Summary"
in English) is compared with the open data (SITE_DIR/data/indicators.csv and
data/<provinsi>/indicators.csv):

- the node is the workbook's custom document property "rekap_path" (the
  records folder, "" for the root); "rekap_period" is the published quarter;
- the table's header row is the one with a cell "id"; that column holds the
  indicator id of each row below it, and header cells such as "TW I 2023"
  or "Q1 2023" name the quarter of their column;
- a cell whose number format contains "%" stores value / 100;
- a blank cell means the open data value is empty (not reported).

The open data rounds values to 4 decimals, so a workbook number must lie
within half a unit of that last decimal (5e-5) of it. Exits 1 listing
every mismatch, 0 when all agree, 77 (a skip for CTest) without openpyxl.
"""

import csv
import glob
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

try:
    import openpyxl
except ImportError:
    sys.stderr.write("check_workbooks: python3-openpyxl is not installed for %s\n" % sys.executable)
    sys.exit(77)

SUMMARY_SHEETS = ("Ringkasan", "Summary")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
OPEN_DATA_HALF_UNIT = 5e-5
MAX_REPORTED = 50


def quarter_of_header(text):
    """'TW I 2023', 'Q1 2023' or '2023-Q1' -> '2023-Q1'; None otherwise."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    m = re.fullmatch(r"TW (I|II|III|IV) (\d{4})", text)
    if m:
        return "%s-Q%d" % (m.group(2), ROMAN[m.group(1)])
    m = re.fullmatch(r"Q([1-4]) (\d{4})", text)
    if m:
        return "%s-Q%s" % (m.group(2), m.group(1))
    m = re.fullmatch(r"(\d{4})-Q([1-4])", text)
    if m:
        return text
    return None


def custom_properties(path):
    """The workbook's custom document properties as a dict of strings."""
    props = {}
    with zipfile.ZipFile(path) as z:
        if "docProps/custom.xml" not in z.namelist():
            return props
        root = ET.fromstring(z.read("docProps/custom.xml"))
    for prop in root.iter(CUSTOM_NS + "property"):
        value = "".join(child.text or "" for child in prop)
        props[prop.get("name")] = value
    return props


def read_open_data(site):
    """Every row of the national file and of each province's file (the
    districts are in both: the same row twice)."""
    want = ["path", "level", "name", "period", "indicator", "numerator", "denominator", "value"]
    values, periods = {}, {}
    for path in [os.path.join(site, "data", "indicators.csv")] + \
            sorted(glob.glob(os.path.join(site, "data", "*", "indicators.csv"))):
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header != want:
                raise SystemExit("check_workbooks: %s: header is %r, expected %r"
                                 % (path, header, want))
            for line, row in enumerate(reader, start=2):
                if len(row) != len(want):
                    raise SystemExit("check_workbooks: %s:%d: %d fields, expected %d"
                                     % (path, line, len(row), len(want)))
                node, period, ind, value = row[0], row[3], row[4], row[7]
                values[(node, period, ind)] = value
                periods.setdefault(node, set()).add(period)
    return values, periods


def find_header(ws):
    """(row number, id column) of the table header, or None."""
    for row in ws.iter_rows(min_row=1, max_row=30):
        for cell in row:
            if cell.value == "id":
                return cell.row, cell.column
    return None


def same_number(got, want):
    return abs(got - want) <= OPEN_DATA_HALF_UNIT + 1e-12


class Checker:
    def __init__(self, site):
        self.site = site
        self.values, self.periods = read_open_data(site)
        self.errors = []
        self.workbooks = 0
        self.cells = 0

    def error(self, where, message):
        self.errors.append("%s: %s" % (where, message))

    def check_cell(self, where, key, cell):
        want = self.values.get(key)
        got = cell.value
        self.cells += 1
        if want is None:
            self.error(where, "no row for %s %s %s in the open data" % (key[0] or '""', key[1], key[2]))
            return
        if want == "":
            if got is not None:
                self.error(where, "%s %s: workbook has %r, open data says not reported" % (key[1], key[2], got))
            return
        if got is None:
            self.error(where, "%s %s: blank in the workbook, open data has %s" % (key[1], key[2], want))
            return
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            self.error(where, "%s %s: %r is not a number" % (key[1], key[2], got))
            return
        value = got * 100 if "%" in (cell.number_format or "") else got
        if not same_number(value, float(want)):
            self.error(where, "%s %s: workbook %r (format %s), open data %s"
                       % (key[1], key[2], got, cell.number_format, want))

    def check_workbook(self, path):
        rel = os.path.relpath(path, self.site)
        props = custom_properties(path)
        if "rekap_path" not in props:
            self.error(rel, "no custom document property rekap_path")
            return
        node, published = props["rekap_path"], props.get("rekap_period")
        wb = openpyxl.load_workbook(path)
        sheets = [wb[name] for name in SUMMARY_SHEETS if name in wb.sheetnames]
        if not sheets:
            self.error(rel, "no sheet named %s" % " or ".join(SUMMARY_SHEETS))
            return
        ws = sheets[0]
        where = "%s [%s]" % (rel, ws.title)
        header = find_header(ws)
        if not header:
            self.error(where, "no header cell 'id'")
            return
        hrow, idcol = header
        columns = {}
        for cell in ws[hrow]:
            period = quarter_of_header(cell.value)
            if period:
                columns[cell.column] = period
        expected = {p for p in self.periods.get(node, ()) if published is None or p <= published}
        if set(columns.values()) != expected:
            self.error(where, "quarters %s, open data has %s for %r"
                       % (sorted(columns.values()), sorted(expected), node))
        seen = set()
        for r in range(hrow + 1, ws.max_row + 1):
            ind = ws.cell(row=r, column=idcol).value
            if ind is None or ind == "":
                break
            seen.add(ind)
            for col, period in sorted(columns.items()):
                self.check_cell("%s!%s" % (where, ws.cell(row=r, column=col).coordinate),
                                (node, period, ind), ws.cell(row=r, column=col))
        want_inds = {k[2] for k in self.values if k[0] == node}
        if want_inds and seen != want_inds:
            self.error(where, "indicators %s, open data has %s" % (sorted(seen), sorted(want_inds)))
        self.workbooks += 1

    def run(self):
        for top, dirs, files in os.walk(self.site):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".xlsx") and not name.startswith("~$"):
                    self.check_workbook(os.path.join(top, name))
        if self.workbooks == 0 and not self.errors:
            self.error(self.site, "no workbook found")


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: python3 tests/checkers/check_workbooks.py SITE_DIR\n")
        return 2
    checker = Checker(sys.argv[1])
    checker.run()
    for message in checker.errors[:MAX_REPORTED]:
        sys.stderr.write("check_workbooks: %s\n" % message)
    if len(checker.errors) > MAX_REPORTED:
        sys.stderr.write("check_workbooks: ... and %d more\n" % (len(checker.errors) - MAX_REPORTED))
    if checker.errors:
        return 1
    print("check_workbooks: %d workbooks, %d cells agree with the open data"
          % (checker.workbooks, checker.cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
