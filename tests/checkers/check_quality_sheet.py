#!/usr/bin/env python3
"""The golden puskesmas workbook carries the data-quality findings of 2024-Q2:
Nelayan B did not report April 2024 and broke sakit_dilayani <= sakit in May
(laporan.csv line 4). Read with openpyxl, which shares no code with the writer.
Sawit Tumbit has no kader.csv, which makes its cadre ratio 0: the warning is
listed in the Berau workbook's sheet, and in the data-quality panel of the
post's page and of every page above it.

Usage: check_quality_sheet.py GOLDEN_SITE_DIR
"""
import datetime
import sys

import openpyxl

path = (sys.argv[1] + "/kalimantan-timur/kota-bontang/bontang-selatan-1/"
        "rekap-puskesmas-bontang-selatan-1-2024-Q2.xlsx")
book = openpyxl.load_workbook(path)
expected_sheets = ["Ringkasan", "Pos UKK", "Data bulanan", "LBKP-1 2024-04", "LBKP-1 2024-05",
                   "LBKP-1 2024-06", "Kualitas data", "Data SIP", "Definisi"]
if book.sheetnames != expected_sheets:
    sys.exit("sheets %r, expected %r" % (book.sheetnames, expected_sheets))
rows = [r for r in book["Kualitas data"].iter_rows(min_row=5, values_only=True) if any(r)]
# the missing month named, its count a number; a failed validation rule is a
# value to check, not a proven violation; the month a date, the quarter "2024-Q2"
want = [
    ("Puskesmas Bontang Selatan 1", "Pos UKK Nelayan B", "P6474010201-02", None, "2024-Q2",
     "Laporan belum masuk", 1, "April 2024",
     "records/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-b/laporan.csv"),
    ("Puskesmas Bontang Selatan 1", "Pos UKK Nelayan B", "P6474010201-02",
     datetime.datetime(2024, 5, 1), "2024-Q2",
     "Nilai perlu diperiksa (aturan validasi)", None,
     "pekerja sakit yang dilayani lebih banyak daripada pekerja sakit "
     "(aturan: sakit_dilayani ≤ sakit; nilai: sakit_dilayani = 3, sakit = 2)",
     "records/kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-b/laporan.csv:4"),
]
count = book["Kualitas data"]["G5"]
if count.data_type != "n":
    sys.exit("Kualitas data G5: the count is stored as %r, not a number" % count.data_type)
if rows != want:
    sys.exit("Kualitas data rows:\n%r\nexpected:\n%r" % (rows, want))
definitions = [r[0] for r in book["Definisi"].iter_rows(min_row=5, values_only=True) if r[0]]
if definitions[:3] != ["pekerja_sakit_dilayani", "kelengkapan_laporan", "ketepatan_laporan"]:
    sys.exit("Definisi ids: %r" % definitions)

sawit = "records/kalimantan-timur/kabupaten-berau/sambaliung/sawit-tumbit/kader.csv"
note = "kader.csv tidak ada: pos dihitung tanpa kader (rasio kader, penilaian)"
berau = openpyxl.load_workbook(sys.argv[1] + "/kalimantan-timur/kabupaten-berau/"
                               "rekap-kabupaten-berau-2024-Q2.xlsx")
got = [r for r in berau["Kualitas data"].iter_rows(min_row=5, values_only=True) if any(r)]
want = [("Puskesmas Sambaliung", "Pos UKK Sawit Tumbit", "P6403050101-01", None, None,
         "Peringatan rekaman yang mengubah angka", None, note, sawit)]
if got != want:
    sys.exit("Berau Kualitas data rows:\n%r\nexpected:\n%r" % (got, want))
pages = {
    "kalimantan-timur/kabupaten-berau/sambaliung/sawit-tumbit": "index.md",
    "kalimantan-timur/kabupaten-berau": "sambaliung/sawit-tumbit/index.md",
}
for folder, href in pages.items():
    with open("%s/%s/index.md" % (sys.argv[1], folder), encoding="utf-8") as f:
        page = f.read()
    row = "| [Pos UKK Sawit Tumbit](%s) | – | %s | `%s` |" % (href, note, sawit)
    panel = page[page.index("## Kualitas data"):]
    if "### Peringatan rekaman yang mengubah angka" not in panel or row not in panel:
        sys.exit("%s/index.md: the kader.csv warning is not in the data-quality panel" % folder)
# the national page counts it in its province's row: 2 missing reports (Nelayan
# B, April; Pengasapan Ikan, May), none late, 1 violation (Nelayan B, May),
# this 1 record warning
with open("%s/index.md" % sys.argv[1], encoding="utf-8") as f:
    page = f.read()
row = "| [Kalimantan Timur](kalimantan-timur/index.md#kualitas-data) | 2 | 0 | 1 | 1 |"
if row not in page[page.index("## Kualitas data"):]:
    sys.exit("index.md: the province's row does not count the kader.csv warning")
with open(sys.argv[1] + "/kalimantan-timur/kota-bontang/index.md", encoding="utf-8") as f:
    if "Peringatan rekaman" in f.read():
        sys.exit("kota-bontang/index.md: a warning of Berau in Bontang's panel")
print("quality sheet: %d findings, %d definitions as expected; record warnings on %d pages"
      % (len(rows), len(definitions), len(pages)))
