#!/usr/bin/env python3
"""check_workbook_periods.py - every period cell of every workbook is typed
one way, so that a column filters and sorts as a column of one kind.

Usage: check_workbook_periods.py SITE_DIR [SITE_DIR...]

The scheme (docs/en/quarterly-routine.md, section 12, and docs/rutin-triwulan.md):

- a month is a date, the first day of the month, shown "mmm yyyy"
  ("[$-421]mmm yyyy" in Indonesian workbooks): the Periode / Period column
  of Data bulanan and the Bulan / Month column of Kualitas data;
- a quarter is the text "YYYY-Qn" (a string cell, as --period, the file
  names and the rekap_period property write it): the Triwulan / Quarter
  column of both sheets, and of a month the quarter it lies in.

Column headers (the quarters of Ringkasan, "TW I 2024") are labels, not
values, and are not checked here.

In Data bulanan every report row (one with a post code) has both its month
and its quarter. In Kualitas data a finding of a whole quarter (missing or
late reports) has a quarter and no month, a finding of a month both, and a
record warning of no month neither. The golden Bontang Selatan 1 workbook
(2024-Q2) is checked by value: Nelayan B's missing April report is
(no month, "2024-Q2"), its May validation warning (2024-05-01, "2024-Q2");
Berau's kader.csv warning is (no month, no quarter).
"""
import datetime
import glob
import os
import re
import sys

import openpyxl

HEADER_ROW, FIRST_ROW = 4, 5
QUARTER = re.compile(r"\d{4}-Q[1-4]")
MONTH_FORMATS = {"mmm yyyy", "[$-421]mmm yyyy"}
# sheet -> (month header, quarter header), Indonesian and English
SHEETS = {
    "Data bulanan": ("Periode", "Triwulan"),
    "Monthly data": ("Period", "Quarter"),
    "Kualitas data": ("Bulan", "Triwulan"),
    "Data quality": ("Month", "Quarter"),
}
MONTHLY = {"Data bulanan", "Monthly data"}
errors = []
counted = {"month": 0, "quarter": 0, "sheets": 0}


def error(message):
    errors.append(message)


def quarter_of(day):
    return "%d-Q%d" % (day.year, (day.month - 1) // 3 + 1)


def check_month(where, cell):
    counted["month"] += 1
    if not isinstance(cell.value, datetime.datetime):
        error("%s %s: month %r is a %s, not a date" % (where, cell.coordinate, cell.value,
                                                       type(cell.value).__name__))
        return None
    if cell.value.day != 1 or cell.value.time() != datetime.time(0):
        error("%s %s: month %s is not the first day of its month" % (where, cell.coordinate,
                                                                     cell.value))
    if cell.number_format not in MONTH_FORMATS:
        error("%s %s: month shown as %r, not one of %s" % (where, cell.coordinate,
                                                           cell.number_format,
                                                           sorted(MONTH_FORMATS)))
    return cell.value


def check_quarter(where, cell):
    counted["quarter"] += 1
    if cell.data_type != "s" or not isinstance(cell.value, str) or \
            not QUARTER.fullmatch(cell.value):
        error("%s %s: quarter %r (type %s) is not the text YYYY-Qn" % (
            where, cell.coordinate, cell.value, cell.data_type))
        return None
    return cell.value


def header_columns(ws):
    return {c.value: c.column for c in ws[HEADER_ROW] if isinstance(c.value, str)}


def check_sheet(where, ws, month_header, quarter_header, monthly):
    heads = header_columns(ws)
    month_col, quarter_col = heads.get(month_header), heads.get(quarter_header)
    code_col = heads.get("Kode") or heads.get("Code")
    if not month_col or not quarter_col or not code_col:
        error("%s: no %r, %r and code columns (headers %r)" % (
            where, month_header, quarter_header, sorted(heads)))
        return
    counted["sheets"] += 1
    rows = []
    for r in range(FIRST_ROW, ws.max_row + 1):
        month_cell, quarter_cell = ws.cell(r, month_col), ws.cell(r, quarter_col)
        month = check_month(where, month_cell) if month_cell.value is not None else None
        quarter = check_quarter(where, quarter_cell) if quarter_cell.value is not None else None
        code = ws.cell(r, code_col).value
        if monthly and code and (month_cell.value is None or quarter_cell.value is None):
            error("%s row %d: a report row without its month and quarter" % (where, r))
        if month and quarter and quarter_of(month) != quarter:
            error("%s row %d: month %s lies in %s, not %s" % (where, r, month.date(),
                                                            quarter_of(month), quarter))
        if month_cell.value is not None and quarter_cell.value is None:
            error("%s row %d: a month without its quarter" % (where, r))
        if code:
            rows.append((code, month, quarter))
    return rows


def check_book(path):
    book = openpyxl.load_workbook(path)
    found = {}
    national = os.path.basename(path).startswith("rekap-nasional-")
    for name, (month_header, quarter_header) in SHEETS.items():
        if name in book.sheetnames and national and name in ("Kualitas data", "Data quality"):
            # the national sheet counts each district's problems in the
            # published quarter: no period column, and none may appear
            heads = header_columns(book[name])
            if month_header in heads or quarter_header in heads or not (
                    "Laporan belum masuk" in heads or "Missing reports" in heads):
                error("%s [%s]: expected the per-district counts without period columns "
                      "(headers %r)" % (path, name, sorted(heads)))
            found[name] = []
        elif name in book.sheetnames:
            found[name] = check_sheet("%s [%s]" % (path, name), book[name], month_header,
                                      quarter_header, name in MONTHLY)
    if not any(n in found for n in ("Kualitas data", "Data quality")):
        error("%s: no data-quality sheet" % path)
    return found


def check_golden(site):
    """Hand-read findings of the golden site, when it is one of the sites."""
    bontang = os.path.join(site, "kalimantan-timur/kota-bontang/bontang-selatan-1/"
                                 "rekap-puskesmas-bontang-selatan-1-2024-Q2.xlsx")
    berau = os.path.join(site, "kalimantan-timur/kabupaten-berau/"
                               "rekap-kabupaten-berau-2024-Q2.xlsx")
    if not os.path.exists(bontang):
        return 0
    want = [("P6474010201-02", None, "2024-Q2"),
            ("P6474010201-02", datetime.datetime(2024, 5, 1), "2024-Q2")]
    got = check_book(bontang).get("Kualitas data")
    if got != want:
        error("%s Kualitas data (code, month, quarter): %r, expected %r" % (bontang, got, want))
    got = check_book(berau).get("Kualitas data")
    if got != [("P6403050101-01", None, None)]:
        error("%s Kualitas data: the kader.csv warning %r has a period" % (berau, got))
    monthly = check_book(bontang).get("Data bulanan")
    first = monthly[0] if monthly else None
    if first != ("P6474010201-01", datetime.datetime(2024, 1, 1), "2024-Q1"):
        error("%s Data bulanan: first row %r, expected Nelayan A in January 2024" % (bontang,
                                                                                    first))
    return 1


def main(sites):
    books = golden = 0
    for site in sites:
        paths = sorted(glob.glob(os.path.join(site, "**", "*.xlsx"), recursive=True))
        if not paths:
            error("%s: no workbook" % site)
        for path in paths:
            check_book(path)
            books += 1
        golden += check_golden(site)
    if not counted["month"] or not counted["quarter"]:
        error("no month or quarter cell checked")
    for e in errors[:40]:
        print(e, file=sys.stderr)
    if errors:
        print("%d period cells wrongly typed or placed" % len(errors), file=sys.stderr)
        return 1
    print("period cells: %d workbooks, %d sheets, %d months as dates, %d quarters as YYYY-Qn%s"
          % (books, counted["sheets"], counted["month"], counted["quarter"],
             ", golden findings as read by hand" if golden else ""))
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
