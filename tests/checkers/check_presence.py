#!/usr/bin/env python3
"""Posts of the golden fixture that did not exist in a quarter say so:
Nelayan C was dissolved on 2023-11-30 ("sudah bubar" in 2024-Q1 and Q2),
Nelayan D was formed on 2024-08-01 ("belum dibentuk" in both). Their pages,
charts, their parent's list of posts and the puskesmas workbook show that
rather than "tidak dilaporkan", and they are never missing reports.

Usage: check_presence.py GOLDEN_SITE_DIR
"""
import sys

import openpyxl

site = sys.argv[1]
pkm = site + "/kalimantan-timur/kota-bontang/bontang-selatan-1"
failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


for slug, why in (("nelayan-c", "sudah bubar"), ("nelayan-d", "belum dibentuk")):
    page = read("%s/%s/index.md" % (pkm, slug))
    expect("| [Pekerja sakit yang dilayani](../../../../definisi.md#pekerja-sakit-yang-dilayani)"
           " | %s | %s | – |" % (why, why) in page,
           "%s: indicator row of the published quarter and the one before" % slug)
    expect("| TW I 2024 | %s | %s | %s | %s | " % (why, why, why, why) in page,
           "%s: history row of 2024-Q1" % slug)
    expect("| Kader terdaftar | %s |" % why in page, "%s: cadres in the profile" % slug)
    shown = page[:page.index("## Cara menghitung")]  # the numerators there stay as they are
    expect("tidak dilaporkan" not in shown, "%s: 'tidak dilaporkan' on the page" % slug)
    chart = read("%s/%s/tren.svg" % (pkm, slug))
    expect(chart.count(">%s</text>" % why) == 4, "%s: a band per chart panel" % slug)
    expect("TW I 2024 %s, TW II 2024 %s" % (why, why) in chart, "%s: the chart's description" % slug)
    expect("tidak dilaporkan" not in chart, "%s: 'tidak dilaporkan' in the chart" % slug)

parent = read(pkm + "/index.md")
expect("| [Pos UKK Nelayan C](nelayan-c/index.md) | – | – | sudah bubar | sudah bubar | "
       "sudah bubar | sudah bubar | " in parent, "puskesmas: the row of Nelayan C")
expect("| [Pos UKK Nelayan D](nelayan-d/index.md) | – | – | belum dibentuk | belum dibentuk | "
       "belum dibentuk | belum dibentuk | " in parent, "puskesmas: the row of Nelayan D")
quality = parent[parent.index("## Kualitas data"):]
expect("Nelayan C" not in quality and "Nelayan D" not in quality,
       "puskesmas: Nelayan C or D listed in the data-quality panel")

book = openpyxl.load_workbook(pkm + "/rekap-puskesmas-bontang-selatan-1-2024-Q2.xlsx")
sheet = book["Pos UKK"]
header = [c.value for c in next(sheet.iter_rows(min_row=4, max_row=4))]
status = {r[header.index("Pos UKK")]: r[header.index("Status")]
          for r in sheet.iter_rows(min_row=5, values_only=True) if r[header.index("Pos UKK")]}
expect(status.get("Pos UKK Nelayan C") == "sudah bubar", "workbook status of C: %r" % status)
expect(status.get("Pos UKK Nelayan D") == "belum dibentuk", "workbook status of D: %r" % status)
expect(status.get("Pos UKK Nelayan A") == "aktif", "workbook status of A: %r" % status)

for f in failures:
    print("presence: " + f)
print("presence: %d failures" % len(failures))
sys.exit(1 if failures else 0)
