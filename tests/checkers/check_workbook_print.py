#!/usr/bin/env python3
"""check_workbook_print.py - the workbooks of a site as LibreOffice Calc opens,
recalculates and prints them (headless, with a private profile so that
parallel runs do not collide).

Usage: python3 tests/check_workbook_print.py SITE_DIR WORK_DIR

- Print: the largest workbook of each kind (nasional, provinsi,
  kabupaten/kota, puskesmas) is converted to PDF in one soffice run,
  together with a calibration workbook of 7 pt and 11 pt text printed at
  100%. In every PDF (pdfinfo, pdftotext): each page n of N carries the
  place and the quarter of its workbook above and "Halaman n dari N"
  ("Page n of N") and the generation date below; N is the page count, at
  least one page per sheet and at most MAX_PAGES; no word is smaller than
  the 7 pt calibration word (word heights from `pdftotext -bbox`).
- Recalculation: every workbook of the site is converted to .xlsx in one
  soffice run whose profile recalculates every formula on load
  (OOXMLRecalcMode = always); every formula cell's recalculated value equals
  the value the workbook stores, and every other cell is unchanged.
- Opening: soffice converts every workbook, keeps its sheets, and says
  nothing on stderr but its start-up notes (a repair would be reported).

Prints the page count and smallest type size of each PDF. Exits 1 listing
every problem, 0 when all hold, 77 (a CTest skip) when LibreOffice,
poppler-utils or openpyxl are missing, unless CI is set (then 1).
"""

import datetime
import glob
import math
import os
import re
import shutil
import subprocess
import sys

MAX_PAGES = 60
REQUIRED = ("soffice", "pdftotext", "pdfinfo")
# soffice's start-up notes on a machine without Java or a display
NOISE = re.compile(r"javaldx|java may not function|^\s*$")
CALIBRATION = "kalibrasi-huruf"


def skip(message):
    sys.stderr.write("check_workbook_print: %s\n" % message)
    sys.exit(1 if os.environ.get("CI") else 77)


try:
    import openpyxl
    from openpyxl.styles import Font
except ImportError:
    skip("python3-openpyxl is not installed for %s" % sys.executable)
for tool in REQUIRED:
    if not shutil.which(tool):
        skip("%s is not installed (Debian: libreoffice-calc poppler-utils)" % tool)


def kind_of(name):
    for kind in ("nasional", "provinsi", "puskesmas"):
        if name.startswith("rekap-%s" % kind):
            return kind
    return "kabupaten/kota"


def profile(work):
    """A private LibreOffice profile that recalculates .xlsx formulas on load."""
    user = os.path.join(work, "profile", "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    return "file://" + os.path.abspath(os.path.join(work, "profile"))


def soffice(work, fmt, out, files, errors):
    os.makedirs(out, exist_ok=True)
    cmd = ["soffice", "-env:UserInstallation=" + profile(work), "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", out] + files
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    noise = [l for l in run.stderr.splitlines() if not NOISE.search(l)]
    if run.returncode != 0 or noise:
        errors.append("soffice --convert-to %s: exit %d, %s" % (fmt, run.returncode, "\n".join(noise)))
    for path in files:
        stem = os.path.splitext(os.path.basename(path))[0]
        if not os.path.exists(os.path.join(out, stem + "." + fmt)):
            errors.append("%s: LibreOffice did not convert it to %s" % (path, fmt))


def calibration(work):
    book = openpyxl.Workbook()
    ws = book.active
    for row, size in ((1, 7), (2, 11)):
        ws.cell(row=row, column=1, value="Ukuran%d" % size).font = Font(size=size)
    ws.page_setup.scale = 100
    path = os.path.join(work, CALIBRATION + ".xlsx")
    book.save(path)
    return path


WORD_RE = re.compile(r'<word xMin="[-\d.]+" yMin="([-\d.]+)" xMax="[-\d.]+" yMax="([-\d.]+)">([^<]*)</word>')


def word_heights(pdf):
    text = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    return [(float(m.group(2)) - float(m.group(1)), m.group(3)) for m in WORD_RE.finditer(text)]


def pages_of(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0


PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def page_margins(pdf, n):
    """The words in the top and in the bottom tenth of page n, in order."""
    text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-bbox", pdf, "-"],
                          capture_output=True, text=True).stdout
    m = PAGE_RE.search(text)
    height = float(m.group(2)) if m else 595.0
    top, bottom = [], []
    for w in WORD_RE.finditer(text):
        y0, y1 = float(w.group(1)), float(w.group(2))
        if y1 < height * 0.1:
            top.append(w.group(3))
        elif y0 > height * 0.9:
            bottom.append(w.group(3))
    return top, bottom


def check_pdf(path, pdf, seven, points_per_height, errors):
    book = openpyxl.load_workbook(path, read_only=True)
    title = book.worksheets[0]["A1"].value or ""
    sheets = len(book.sheetnames)
    en = book.sheetnames[0] == "Summary"
    book.close()
    place, _, quarter = title.partition(" — ")
    pages = pages_of(pdf)
    name = os.path.basename(path)
    if not sheets <= pages <= MAX_PAGES:
        errors.append("%s: %d printed pages for %d sheets" % (name, pages, sheets))
    footer = "Page %d of %d" if en else "Halaman %d dari %d"
    date = re.compile(r"(Generated|Dibuat) \d{1,2} \w+ \d{4}")
    for n in range(1, pages + 1):
        top, bottom = page_margins(pdf, n)
        # the page header: the words of the place and of the quarter, in the
        # top tenth of the page (a chart beside it may split its line)
        if not set(place.split()) <= set(top) or not set(quarter.split()) <= set(top):
            errors.append("%s page %d: no header with %r and %r (%r)" % (name, n, place, quarter, " ".join(top)))
        text = " ".join(bottom)
        if footer % (n, pages) not in text or not date.search(text):
            errors.append("%s page %d: no footer %r with the generation date (%r)"
                          % (name, n, footer % (n, pages), text))
    heights = [h for h, _ in word_heights(pdf)]
    smallest = min(heights) if heights else 0.0
    if smallest + 0.05 < seven:
        small = sorted({w for h, w in word_heights(pdf) if h + 0.05 < seven})[:8]
        errors.append("%s: type printed at %.1f pt, below 7 pt (%r)"
                      % (name, smallest * points_per_height, small))
    return pages, smallest * points_per_height


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        return abs((a - b).total_seconds()) < 1
    return a == b


def check_recalc(path, converted, errors):
    """Returns (formula cells, cells) compared."""
    name = os.path.relpath(path)
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    lo = openpyxl.load_workbook(converted, data_only=True)
    if lo.sheetnames != cached.sheetnames:
        errors.append("%s: LibreOffice opened sheets %r, the workbook has %r"
                      % (name, lo.sheetnames, cached.sheetnames))
        return 0, 0
    nformulas = ncells = 0
    for ws in formulas.worksheets:
        vws, lws = cached[ws.title], lo[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                want = vws[cell.coordinate].value
                got = lws[cell.coordinate].value
                ncells += 1
                is_formula = isinstance(cell.value, str) and cell.value.startswith("=")
                nformulas += is_formula
                if not same(want, got):
                    errors.append("%s [%s] %s: %s %r, LibreOffice %r"
                                  % (name, ws.title, cell.coordinate,
                                     "formula %s caches" % cell.value if is_formula else "holds",
                                     want, got))
    return nformulas, ncells


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    site, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    books = sorted(glob.glob(os.path.join(site, "**", "*.xlsx"), recursive=True))
    if not books:
        sys.exit("check_workbook_print: no workbook under %s" % site)
    largest = {}
    for path in books:
        kind = kind_of(os.path.basename(path))
        if kind not in largest or os.path.getsize(path) > os.path.getsize(largest[kind]):
            largest[kind] = path
    errors = []
    pdfs = os.path.join(work, "pdf")
    soffice(work, "pdf", pdfs, [largest[k] for k in sorted(largest)] + [calibration(work)], errors)
    cal = word_heights(os.path.join(pdfs, CALIBRATION + ".pdf"))
    sizes = {w: h for h, w in cal}
    if "Ukuran7" not in sizes or "Ukuran11" not in sizes:
        sys.exit("check_workbook_print: the calibration PDF has no 7 and 11 pt words")
    seven, points_per_height = sizes["Ukuran7"], 11.0 / sizes["Ukuran11"]
    for kind in sorted(largest):
        path = largest[kind]
        pdf = os.path.join(pdfs, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        if os.path.exists(pdf):
            pages, smallest = check_pdf(path, pdf, seven, points_per_height, errors)
            print("%-15s %-50s %3d pages, smallest type %.1f pt"
                  % (kind, os.path.relpath(path, site), pages, smallest))
    recalc = os.path.join(work, "recalc")
    # the same stem twice would collide in one output folder
    stems = {}
    for path in books:
        stems.setdefault(os.path.basename(path), path)
    soffice(work, "xlsx", recalc, list(stems.values()), errors)
    nformulas = ncells = 0
    for base, path in sorted(stems.items()):
        converted = os.path.join(recalc, base)
        if os.path.exists(converted):
            f, c = check_recalc(path, converted, errors)
            nformulas += f
            ncells += c
    for e in errors[:80]:
        sys.stderr.write("check_workbook_print: %s\n" % e)
    if len(errors) > 80:
        sys.stderr.write("check_workbook_print: ... and %d more\n" % (len(errors) - 80))
    if errors:
        return 1
    print("LibreOffice: %d workbooks opened; %d formulas recalculated to their stored values, "
          "%d cells in all unchanged" % (len(stems), nformulas, ncells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
