#!/usr/bin/env python3
"""The golden puskesmas workbook carries the data-quality findings of 2024-Q2:
Nelayan B did not report April 2024 and broke sakit_dilayani <= sakit in May
(laporan.csv line 4). Read with openpyxl, which shares no code with the writer.

Usage: check_quality_sheet.py GOLDEN_SITE_DIR
"""
import sys

import openpyxl

path = (sys.argv[1] + "/kalimantan-timur/kota-bontang/bontang-selatan-1/"
        "rekap-puskesmas-bontang-selatan-1-2024-Q2.xlsx")
book = openpyxl.load_workbook(path)
expected_sheets = ["Ringkasan", "Pos UKK", "Data bulanan", "Kualitas data", "Definisi"]
if book.sheetnames != expected_sheets:
    sys.exit("sheets %r, expected %r" % (book.sheetnames, expected_sheets))
rows = [r for r in book["Kualitas data"].iter_rows(min_row=5, values_only=True) if any(r)]
want = [
    ("Pos UKK Nelayan B", "Triwulan II 2024", "Laporan belum masuk", "1",
     "records/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-b/laporan.csv"),
    ("Pos UKK Nelayan B", "Mei 2024", "Pelanggaran aturan validasi",
     "pekerja sakit yang dilayani lebih banyak daripada pekerja sakit "
     "(aturan: sakit_dilayani ≤ sakit; nilai: sakit_dilayani = 3, sakit = 2)",
     "records/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-b/laporan.csv:4"),
]
if rows != want:
    sys.exit("Kualitas data rows:\n%r\nexpected:\n%r" % (rows, want))
definitions = [r[0] for r in book["Definisi"].iter_rows(min_row=5, values_only=True) if r[0]]
if definitions[:3] != ["pekerja_sakit_dilayani", "kelengkapan_laporan", "ketepatan_laporan"]:
    sys.exit("Definisi ids: %r" % definitions)
print("quality sheet: %d findings, %d definitions as expected" % (len(rows), len(definitions)))
