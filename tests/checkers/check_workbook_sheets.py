#!/usr/bin/env python3
"""check_workbook_sheets.py - every sheet of every workbook of a site, read
with openpyxl (which shares no code with libxlsxwriter), against the records
and the open data.

Usage: python3 tests/checkers/check_workbook_sheets.py SITE_DIR RECORDS_DIR

For each .xlsx under SITE_DIR (custom property rekap_path names its records
folder, rekap_period the published quarter, rekap_monthly_first the first
quarter of its monthly data):

- file name: rekap-<level>-<name>-<period>.xlsx in the folder of its node,
  and the node's index.md (when the site has pages) links to it;
- sheets: Ringkasan, [Perbandingan,] Pos UKK, Data bulanan, [LBKP-1 per
  month,] Kualitas data, Data SIP, Definisi (English names when the workbook
  is English); the comparison only above the puskesmas, the LBKP-1 forms only
  in puskesmas workbooks;
- Data SIP: the posts of each level equal the levels listed in Pos UKK;
  posts and cadres are totalled with =SUBTOTAL(9,...);
- document properties: title = the title cell of the summary, author and
  company = organisasi of rekap.yaml, creation date = SOURCE_DATE_EPOCH or
  the first day after the published quarter;
- every sheet: header in row 4, panes frozen below it, autofilter over the
  header and the data rows, A4 landscape, printed at 80% or more (fitted to
  one page wide only when its printed columns fit at 80%; otherwise at 80%
  with the frozen columns repeated on every page), the header row printed
  on every page, a page header naming the place and quarter and a footer
  with "&P" of "&N" and the generation date, columns as wide as their text
  (capped at 48);
- the national Pos UKK sheet lists the provinces, their number of posts and
  the province workbook (which exists) that lists them;
- Data bulanan: one row per laporan.csv row of every post below (from
  rekap_monthly_first to the published quarter), each cell equal to the CSV
  cell named above its column in row 3 (read with the csv module: ';' or ','
  as the header has it, a BOM, decimal commas), blank where the CSV is empty,
  totals by sex the sum of the parts; periods and dates are datetimes,
  quarters the text YYYY-Qn;
- Perbandingan and Pos UKK: numerator, denominator and value of every key
  indicator equal the open data (SITE_DIR/data/indicators.csv and
  data/<provinsi>/indicators.csv) for the row's records folder;
  the posts of Pos UKK are exactly those below the node; level counts of
  Perbandingan equal the levels listed in Pos UKK; the national Perbandingan
  lists each province (its nama:) followed by its districts, each row naming
  its province;
- total rows: every sum is =SUBTOTAL(9,<the data rows of its column>) and
  its cached value equals the sum computed here (in the national
  Perbandingan, a sum of the visible district rows, or of the visible
  province rows when no district is shown, caching the districts' sum, which
  equals the provinces'); a ratio is
  =IF(den>0,num/den*k,"") of the total row's own cells, its cached value
  equals the quotient computed here and the open data of the node;
- percentages have a number format with "%"; a Ringkasan chart plots rows
  of its table over its quarter columns, and starts a printed page (a manual
  page break at its first row) that no other break cuts.

With --self-test, plants defects one at a time in copies of a puskesmas and
a district workbook of SITE_DIR (a changed, blanked or zeroed monthly cell, a
wrong cached total, a short total range, an averaged ratio, a lost percent
format, a moved chart range, charts without page breaks, no filter, no
frozen panes, portrait, a narrow column, a changed indicator) and fails unless the check reports each one
(VERBOSE=1 prints what it reported).

Exits 1 listing every problem, 0 when all hold, 77 (a CTest skip) without
openpyxl.
"""

import csv
import datetime
import glob
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    sys.stderr.write("check_workbook_sheets: python3-openpyxl is not installed for %s\n"
                     % sys.executable)
    sys.exit(77)

MAX_REPORTED = 60
HALF_UNIT = 5e-5  # the open data rounds to 4 decimals
WIDTH_MAX = 48
HEADER_ROW, FIRST_ROW = 4, 5
PRINT_WIDTH_PT = 741.0  # A4 landscape between 0.7 in margins

WORDS = {
    "id": {
        "sheets": ["Ringkasan", "Perbandingan", "Pos UKK", "Data bulanan", "Kualitas data",
                   "Data SIP", "Definisi"],
        "total": "Jumlah", "target": "Target", "numerator": "Pembilang",
        "denominator": "Penyebut", "folder": "Folder rekaman", "file": "Berkas rekaman",
        "period": "Periode", "quarter": "Triwulan", "kind": "Jenis laporan",
        "monthly": "bulanan", "quarterly": "triwulanan", "post": "Pos UKK",
        "level": "Tingkat", "formed": "Dibentuk", "last_report": "Laporan terakhir",
        "received": "Tanggal lapor", "blank_quarters": "Triwulan kosong",
        "post_count": "Jumlah Pos UKK", "posts_workbook": "Buku kerja yang memuat daftar pos",
        "province": "Provinsi",
        "level_posts": lambda h: h[12:] if h.startswith("Pos tingkat ") else None,
    },
    "en": {
        "sheets": ["Summary", "Comparison", "Posts", "Monthly data", "Data quality",
                   "SIP data", "Definitions"],
        "total": "Total", "target": "Target", "numerator": "Numerator",
        "denominator": "Denominator", "folder": "Records folder", "file": "Record file",
        "period": "Period", "quarter": "Quarter", "kind": "Report",
        "monthly": "monthly", "quarterly": "quarterly", "post": "Post",
        "level": "Level", "formed": "Formed", "last_report": "Last report",
        "received": "Date received", "blank_quarters": "Empty quarters",
        "post_count": "Posts", "posts_workbook": "Workbook that lists the posts",
        "province": "Province",
        "level_posts": lambda h: h[15:] if h.startswith("Posts at level ") else None,
    },
}

CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
SUBTOTAL_RE = re.compile(r"=SUBTOTAL\(9,([A-Z]+)(\d+):([A-Z]+)(\d+)\)")
# The total of a table of two levels (the national Perbandingan: provinces,
# each followed by its districts): the visible rows whose kind column is not
# the upper level's, or when none is visible, those that are.
LEVELS_RE = re.compile(
    r'=IF\(SUMPRODUCT\(SUBTOTAL\(3,OFFSET\(([A-Z]+)(\d+),ROW\(\1\2:\1(\d+)\)-ROW\(\1\2\),0\)\),'
    r'--\(\1\2:\1\3<>"([^"]*)"\)\)>0,'
    r'SUMPRODUCT\(SUBTOTAL\(9,OFFSET\(([A-Z]+)\2,ROW\(\5\2:\5\3\)-ROW\(\5\2\),0\)\),--\(\1\2:\1\3<>"\4"\)\),'
    r'SUMPRODUCT\(SUBTOTAL\(9,OFFSET\(\5\2,ROW\(\5\2:\5\3\)-ROW\(\5\2\),0\)\),--\(\1\2:\1\3="\4"\)\)\)')
RATIO_RE = re.compile(r'=IF\(([A-Z]+)(\d+)>0,([A-Z]+)(\d+)/([A-Z]+)(\d+)(?:\*([0-9.eE+-]+))?,""\)')


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def quarter_id(y, q):
    return "%d-Q%d" % (y, q)


def parse_period(text):
    """'2024-03' -> (2024, 3, False); '2024-Q1' / '2024-TW1' -> (2024, 1, True)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        return int(m.group(1)), int(m.group(2)), False
    m = re.fullmatch(r"(\d{4})-(?:Q|TW)([1-4])", text, re.IGNORECASE)
    if m:
        return int(m.group(1)), 3 * (int(m.group(2)) - 1) + 1, True
    raise ValueError("period %r" % text)


def parse_date(text):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return datetime.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        return datetime.datetime(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    raise ValueError("date %r" % text)


def parse_number(text):
    """A laporan.csv cell: a decimal comma is a decimal point (Excel, Indonesian locale)."""
    return float(text.strip().replace(",", "."))


def read_laporan(path):
    """{line: {column: text}} of a laporan.csv, as the records guide describes it."""
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8-sig")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(text.splitlines(True), delimiter=delimiter)
    header = None
    rows = {}
    for row in reader:
        if header is None:
            header = [h.strip() for h in row]
            continue
        if not any(cell.strip() for cell in row):
            continue
        rows[reader.line_num] = {header[i]: row[i].strip() for i in range(min(len(header), len(row)))}
    return header or [], rows


def read_open_data(site):
    values = {}
    for path in [os.path.join(site, "data", "indicators.csv")] + \
            sorted(glob.glob(os.path.join(site, "data", "*", "indicators.csv"))):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                values[(row["path"], row["period"], row["indicator"])] = row
    return values


def organisation(records):
    path = os.path.join(records, "rekap.yaml")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\s*organisasi:\s*"?(.*?)"?\s*$', line)
            if m and m.group(1):
                return m.group(1)
    return None


def zip_xml(path, member):
    with zipfile.ZipFile(path) as z:
        if member not in z.namelist():
            return None
        return ET.fromstring(z.read(member))


def custom_properties(path):
    root = zip_xml(path, "docProps/custom.xml")
    props = {}
    if root is not None:
        for prop in root.iter(CUSTOM_NS + "property"):
            props[prop.get("name")] = "".join(child.text or "" for child in prop)
    return props


def node_kind(records, rel):
    """'root', 'provinsi', 'kabupaten', 'kota' or 'puskesmas' from the records folder."""
    if rel == "":
        return "root"
    folder = os.path.join(records, rel)
    for kind in ("provinsi", "kabupaten", "kota", "puskesmas", "pos"):
        if os.path.exists(os.path.join(folder, kind + ".md")):
            return kind
    return None


def posts_below(records, rel):
    """Records folders (relative) of every post below rel, in the records' order."""
    out = []
    base = os.path.join(records, rel) if rel else records
    for top, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if "pos.md" in files:
            out.append(os.path.relpath(top, records))
    return sorted(out)


def children_of(records, rel):
    base = os.path.join(records, rel) if rel else records
    out = []
    for name in sorted(os.listdir(base)):
        if name.startswith(".") or not os.path.isdir(os.path.join(base, name)):
            continue
        child = os.path.join(rel, name) if rel else name
        if node_kind(records, child):
            out.append(child)
    return out


class Workbook:
    """One workbook opened twice: formulas, and the values cached with them."""

    def __init__(self, path):
        self.path = path
        self.formulas = openpyxl.load_workbook(path)
        self.values = openpyxl.load_workbook(path, data_only=True)


def header_map(ws):
    return {cell.value: cell.column for cell in ws[HEADER_ROW] if isinstance(cell.value, str)}


def last_data_row(ws):
    """The autofilter's last row (the header row when the table is empty)."""
    ref = ws.auto_filter.ref or ""
    m = re.fullmatch(r"A4:([A-Z]+)(\d+)", ref)
    return int(m.group(2)) if m else None


class Checker:
    def __init__(self, site, records):
        self.site = site
        self.records = records
        self.open_data = read_open_data(site)
        self.organisation = organisation(records)
        self.csv_cache = {}
        self.errors = []
        self.counts = {"workbooks": 0, "monthly": 0, "indicator": 0, "totals": 0, "sheets": 0}

    def error(self, where, message):
        self.errors.append("%s: %s" % (where, message))

    def laporan(self, rel_file):
        if rel_file not in self.csv_cache:
            self.csv_cache[rel_file] = read_laporan(os.path.join(self.records, rel_file))
        return self.csv_cache[rel_file]

    # -- the workbook as a whole ------------------------------------------

    def check_name(self, where, path, rel, period):
        kind = node_kind(self.records, rel)
        slug = os.path.basename(rel)
        if kind == "root":
            stem = "rekap-nasional"
        elif slug.startswith(kind + "-"):
            stem = "rekap-" + slug
        else:
            stem = "rekap-%s-%s" % (kind, slug)
        want = "%s-%s.xlsx" % (stem, period)
        if os.path.basename(path) != want:
            self.error(where, "file name %s, expected %s" % (os.path.basename(path), want))
        folder = os.path.relpath(os.path.dirname(path), self.site)
        page = os.path.join(os.path.dirname(path), "index.md")
        if os.path.exists(page):
            with open(page, encoding="utf-8") as f:
                if "](%s)" % os.path.basename(path) not in f.read():
                    self.error(where, "%s does not link to the workbook" % os.path.relpath(page, self.site))
        elif os.path.exists(os.path.join(self.site, "index.md")):
            self.error(where, "no page next to the workbook in %s" % folder)
        return kind

    def check_properties(self, where, book, period):
        props = book.formulas.properties
        title = book.values.worksheets[0]["A1"].value
        if not props.title or props.title != title:
            self.error(where, "document title %r, summary title %r" % (props.title, title))
        want = self.organisation or "rekap"
        if props.creator != want:
            self.error(where, "author %r, expected %r" % (props.creator, want))
        app = zip_xml(book.path, "docProps/app.xml")
        company = app.find(APP_NS + "Company") if app is not None else None
        if self.organisation and (company is None or company.text != self.organisation):
            self.error(where, "company %r, expected %r"
                       % (None if company is None else company.text, self.organisation))
        y, q = int(period[:4]), int(period[-1])
        after = datetime.datetime(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        allowed = {after}
        if epoch:
            allowed.add(datetime.datetime.utcfromtimestamp(int(epoch)))
        if props.created not in allowed:
            self.error(where, "created %s, expected %s" % (props.created, after))

    def check_layout(self, where, ws, words):
        """Frozen header, autofilter, printing and widths of one sheet."""
        self.counts["sheets"] += 1
        if not re.fullmatch(r"[A-Z]+5", ws.freeze_panes or ""):
            self.error(where, "panes frozen at %r, expected below row 4" % ws.freeze_panes)
        headers = [c for c in ws[HEADER_ROW] if c.value not in (None, "")]
        if not headers:
            self.error(where, "no header row")
            return None
        last_col = get_column_letter(max(c.column for c in headers))
        last = last_data_row(ws)
        ref = ws.auto_filter.ref or ""
        if last is None or not ref.startswith("A4:%s" % last_col) or \
                ref != "A4:%s%d" % (last_col, last):
            self.error(where, "autofilter %r does not span A4:%s<last row>" % (ref, last_col))
            return None
        for r, values in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_row=last, values_only=True),
                                   start=FIRST_ROW):
            if all(v in (None, "") for v in values):
                self.error(where, "row %d inside the filter is empty" % r)
                break
        after = [c.value for c in ws[last + 1]] if last + 1 <= ws.max_row else []
        if any(v not in (None, "") for v in after) and words["total"] not in after and \
                words["blank_quarters"] not in after:
            self.error(where, "row %d after the filter is neither empty nor a total" % (last + 1))
        self.check_printing(where, ws)
        self.check_widths(where, ws, last)
        return last

    def check_printing(self, where, ws):
        """A4 landscape at 80% or more: fitted to one page wide only when the
        printed columns fit at 80%, else at 80% repeating the frozen columns;
        every page headed by place and quarter, footed by page n of N and date."""
        ps = ws.page_setup
        if ps.orientation != "landscape" or str(ps.paperSize) != "9":
            self.error(where, "orientation %r, paper %r" % (ps.orientation, ps.paperSize))
        last_col = ws.max_column
        if ws.print_area:
            m = re.search(r"\$?([A-Z]+)\$?\d+$", ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area)
            last_col = openpyxl.utils.column_index_from_string(m.group(1)) if m else last_col
        points = 0.0
        for col in range(1, last_col + 1):
            dim = ws.column_dimensions.get(get_column_letter(col))
            width = dim.width if dim is not None and dim.customWidth else 9.14
            points += width * 7 * 0.75  # a stored width holds the 5 pixels of padding
        fitted = bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
        if fitted:
            # fitToWidth is 1 when absent (ECMA-376 default); 0 height = as many pages as needed
            if (ps.fitToWidth if ps.fitToWidth is not None else 1) != 1 or ps.fitToHeight not in (0, "0"):
                self.error(where, "fit to %r wide, %r tall" % (ps.fitToWidth, ps.fitToHeight))
            if points * 0.8 > PRINT_WIDTH_PT + 1:
                self.error(where, "fitted to one page wide, but %.0f pt of columns would print "
                           "below 80%%" % points)
        else:
            if not ps.scale or int(ps.scale) < 80:
                self.error(where, "printed at scale %r, below 80%%" % ps.scale)
            frozen = re.match(r"([A-Z]+)", ws.freeze_panes or "A")
            key = openpyxl.utils.column_index_from_string(frozen.group(1)) - 1
            key_points = sum(ws.column_dimensions[get_column_letter(c)].width * 7 * 0.75
                             for c in range(1, key + 1))
            if key and key_points * 0.8 < PRINT_WIDTH_PT / 2 and (ws.print_title_cols or "").replace("$", "") != "A:%s" % get_column_letter(key):
                self.error(where, "printed over several pages without repeating columns A:%s "
                           "(%r)" % (get_column_letter(key), ws.print_title_cols))
        if (ws.print_title_rows or "").replace("$", "") != "4:4":
            self.error(where, "print titles %r, expected row 4" % ws.print_title_rows)
        head, foot = ws.oddHeader, ws.oddFooter
        title = ws.parent.worksheets[0]["A1"].value or ""
        place = (head.left.text or "") if head.left else ""
        quarter = (head.right.text or "") if head.right else ""
        if not place or place.replace("&&", "&") not in title or not quarter:
            self.error(where, "page header %r / %r does not name the place and quarter of %r"
                       % (place, quarter, title))
        pages = foot.right.text if foot.right else ""
        date = foot.left.text if foot.left else ""
        if not (pages and "&P" in pages and "&N" in pages) or not re.search(r"\d{4}$", date or ""):
            self.error(where, "page footer %r / %r lacks page n of N or the date" % (date, pages))

    def check_widths(self, where, ws, last):
        """Columns as wide as their text, from the header to the total and
        target rows; a wrapped cell needs only its longest word, and its row
        the height of its lines."""
        ncols = ws.max_column
        needs = [0] * (ncols + 1)
        for col, header in enumerate(next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW,
                                                        values_only=True)), start=1):
            if isinstance(header, str):
                needs[col] = max(len(w) for w in header.split(" "))
        for cells in ws.iter_rows(min_row=FIRST_ROW, max_row=last + 2):
            for col, cell in enumerate(cells, start=1):
                v = cell.value
                if isinstance(v, str) and cell.alignment is not None and cell.alignment.wrap_text:
                    needs[col] = max(needs[col], max(len(w) for w in v.split(" ")))
                    self.check_wrapped_height(where, ws, cell)
                elif isinstance(v, str) and not v.startswith("="):
                    needs[col] = max(needs[col], len(v))
                elif is_number(v):
                    needs[col] = max(needs[col], len("%d" % abs(v)))
        for col in range(1, ncols + 1):
            letter = get_column_letter(col)
            dim = ws.column_dimensions.get(letter)
            width = dim.width if dim is not None and dim.customWidth else None
            if width is None:
                self.error(where, "column %s has no width" % letter)
                continue
            need = min(needs[col], WIDTH_MAX)
            if width + 1e-9 < need or width > WIDTH_MAX + 1:
                self.error(where, "column %s is %.2f wide for contents of %d characters"
                           % (letter, width, need))

    def check_wrapped_height(self, where, ws, cell):
        """A wrapped cell's row is at least 15 pt a line, the lines counted as
        if every character were as wide as a digit (a lower bound)."""
        dim = ws.column_dimensions.get(cell.column_letter)
        width = dim.width if dim is not None and dim.customWidth else 8.43
        lines = math.ceil(len(cell.value) / max(width, 1))
        height = ws.row_dimensions[cell.row].height if cell.row in ws.row_dimensions else None
        if lines > 1 and (height is None or height < 15 * lines - 1e-6):
            self.error(where, "%s wraps %d characters in a column %.1f wide: row %d is %r pt high"
                       % (cell.coordinate, len(cell.value), width, cell.row, height))
        self.counts["wrapped"] = self.counts.get("wrapped", 0) + 1

    # -- totals -------------------------------------------------------------

    def check_subtotal(self, where, fws, vws, row, col, first, last):
        """The cell is =SUBTOTAL(9,<col>first:<col>last), or in a table of two
        levels the LEVELS_RE form over those rows; returns its cached sum."""
        cell = fws.cell(row=row, column=col)
        if isinstance(cell.value, str) and cell.value.startswith("=IF(SUMPRODUCT("):
            return self.check_level_total(where, fws, vws, row, col, first, last)
        m = SUBTOTAL_RE.fullmatch(cell.value or "") if isinstance(cell.value, str) else None
        letter = get_column_letter(col)
        if not m or m.group(1) != letter or m.group(3) != letter or \
                int(m.group(2)) != first or int(m.group(4)) != last:
            self.error(where, "%s%d is %r, expected =SUBTOTAL(9,%s%d:%s%d)"
                       % (letter, row, cell.value, letter, first, letter, last))
            return None
        parts = [vws.cell(row=r, column=col).value for r in range(first, last + 1)]
        want = sum(v for v in parts if is_number(v))
        got = vws.cell(row=row, column=col).value
        self.counts["totals"] += 1
        if not is_number(got) or not close(got, want):
            self.error(where, "%s%d caches %r, the rows add up to %r" % (letter, row, got, want))
        return got

    def node_name(self, rel):
        """nama: of a province's provinsi.md, unquoted."""
        with open(os.path.join(self.records, rel, "provinsi.md"), encoding="utf-8-sig") as f:
            for line in f:
                if line.startswith("nama:"):
                    return line[5:].strip().strip('"')
        return None

    def check_level_total(self, where, fws, vws, row, col, first, last):
        """The total of the lower level's rows first..last of col (those whose
        kind is not the upper level's), which must equal the upper level's."""
        cell = fws.cell(row=row, column=col)
        letter = get_column_letter(col)
        m = LEVELS_RE.fullmatch(cell.value)
        if not m or m.group(5) != letter or (int(m.group(2)), int(m.group(3))) != (first, last):
            self.error(where, "%s%d is %r, not a total of the visible districts of %s%d:%s%d"
                       % (letter, row, cell.value, letter, first, letter, last))
            return None
        kind_col = openpyxl.utils.column_index_from_string(m.group(1))
        lower = upper = 0
        for r in range(first, last + 1):
            v = vws.cell(row=r, column=col).value
            if is_number(v):
                if vws.cell(row=r, column=kind_col).value == m.group(4):
                    upper += v
                else:
                    lower += v
        got = vws.cell(row=row, column=col).value
        self.counts["totals"] += 1
        if not is_number(got) or not close(got, lower) or not close(lower, upper):
            self.error(where, "%s%d caches %r; the lower rows add up to %r, the upper ones to %r"
                       % (letter, row, got, lower, upper))
        return got

    def check_ratio(self, where, fws, vws, row, num_col, den_col, value_col):
        """=IF(den>0,num/den*k,"") of the total row; returns its cached value."""
        cell = fws.cell(row=row, column=value_col)
        letter = get_column_letter(value_col)
        m = RATIO_RE.fullmatch(cell.value or "") if isinstance(cell.value, str) else None
        n, d = get_column_letter(num_col), get_column_letter(den_col)
        if not m or (m.group(1), m.group(3), m.group(5)) != (d, n, d) or \
                {int(m.group(2)), int(m.group(4)), int(m.group(6))} != {row}:
            self.error(where, "%s%d is %r, expected =IF(%s%d>0,%s%d/%s%d...)"
                       % (letter, row, cell.value, d, row, n, row, d, row))
            return None
        k = float(m.group(7)) if m.group(7) else 1.0
        num, den = vws.cell(row=row, column=num_col).value, vws.cell(row=row, column=den_col).value
        got = vws.cell(row=row, column=value_col).value
        self.counts["totals"] += 1
        if is_number(den) and den > 0:
            want = num / den * k
            if not is_number(got) or not close(got, want):
                self.error(where, "%s%d caches %r, %r / %r * %r = %r" % (letter, row, got, num, den, k, want))
        elif got not in (None, ""):
            self.error(where, "%s%d caches %r although the denominator is %r" % (letter, row, got, den))
        return got

    # -- open data ----------------------------------------------------------

    def compare(self, where, key, field, cell, percent=None):
        want = self.open_data.get(key)
        if want is None:
            self.error(where, "no open data for %r" % (key,))
            return
        want = want[field]
        got = cell.value
        self.counts["indicator"] += 1
        if want == "":
            if got not in (None, ""):
                self.error(where, "%s %s of %s: workbook %r, open data empty" % (key[2], field, key[0] or '""', got))
            return
        if not is_number(got):
            self.error(where, "%s %s of %s: workbook %r, open data %s" % (key[2], field, key[0] or '""', got, want))
            return
        has_percent = "%" in (cell.number_format or "")
        if percent is not None and has_percent != percent:
            self.error(where, "%s: number format %r %s a percent sign"
                       % (cell.coordinate, cell.number_format, "lacks" if percent else "has"))
        value = got * 100 if has_percent else got
        if abs(value - float(want)) > HALF_UNIT + 1e-9 * abs(value):
            self.error(where, "%s %s of %s: workbook %r, open data %s" % (key[2], field, key[0] or '""', got, want))

    def indicator_columns(self, book, ws, words):
        """{indicator id: (num col, den col, value col, percent)} from the headers, using
        the Definisi sheet's labels and units."""
        defs = book.values.worksheets[-1]
        labels = {}
        for row in defs.iter_rows(min_row=FIRST_ROW, values_only=True):
            if row[0]:
                labels[row[1]] = (row[0], row[6])
        headers = header_map(ws)
        out = {}
        for label, (ind, unit) in labels.items():
            value_header = "%s (%s)" % (label, unit) if unit else label
            if value_header not in headers:
                continue
            num = headers.get("%s — %s" % (label, words["numerator"]))
            den = headers.get("%s — %s" % (label, words["denominator"]))
            out[ind] = (num, den, headers[value_header], unit == "%")
        return out

    def check_indicator_table(self, where, book, fws, vws, words, period, node, name_col, last):
        """Rows of Perbandingan or Pos UKK against the open data, and the total row."""
        headers = header_map(vws)
        folder_col = headers.get(words["folder"])
        if not folder_col:
            self.error(where, "no column %r" % words["folder"])
            return []
        inds = self.indicator_columns(book, vws, words)
        if not inds:
            self.error(where, "no key indicator columns")
        paths = []
        for r in range(FIRST_ROW, last + 1):
            path = vws.cell(row=r, column=folder_col).value
            paths.append(path)
            for ind, (num, den, value, percent) in inds.items():
                key = (path, period, ind)
                if num:
                    self.compare(where, key, "numerator", vws.cell(row=r, column=num))
                    self.compare(where, key, "denominator", vws.cell(row=r, column=den))
                self.compare(where, key, "value", vws.cell(row=r, column=value), percent)
        total = last + 1
        if last < FIRST_ROW:
            return paths
        if vws.cell(row=total, column=name_col).value != words["total"]:
            self.error(where, "row %d is not the total row" % total)
            return paths
        if vws.cell(row=total, column=folder_col).value not in (node, None if node == "" else node):
            self.error(where, "total row folder %r, expected %r" % (vws.cell(row=total, column=folder_col).value, node))
        for ind, (num, den, value, percent) in inds.items():
            key = (node, period, ind)
            if num:
                for col, field in ((num, "numerator"), (den, "denominator")):
                    if vws.cell(row=total, column=col).value is not None:
                        self.check_subtotal(where, fws, vws, total, col, FIRST_ROW, last)
                    self.compare(where, key, field, vws.cell(row=total, column=col))
                if vws.cell(row=total, column=den).value is not None:
                    self.check_ratio(where, fws, vws, total, num, den, value)
            elif isinstance(fws.cell(row=total, column=value).value, str):
                self.check_subtotal(where, fws, vws, total, value, FIRST_ROW, last)
            self.compare(where, key, "value", vws.cell(row=total, column=value), percent)
            target = vws.cell(row=total + 1, column=value)
            if target.value is not None and percent and "%" not in target.number_format:
                self.error(where, "%s: target without a percent format" % target.coordinate)
        label = vws.cell(row=total + 1, column=name_col).value
        if not (isinstance(label, str) and label.startswith(words["target"])):
            self.error(where, "row %d is %r, expected the targets" % (total + 1, label))
        return paths

    # -- sheets -------------------------------------------------------------

    def check_posts_pointer(self, where, book, words, node, last):
        """The national sheet: each province, its posts and its workbook."""
        fws, vws = book.formulas[words["sheets"][2]], book.values[words["sheets"][2]]
        headers = header_map(vws)
        count_col, book_col = headers.get(words["post_count"]), headers.get(words["posts_workbook"])
        if not count_col or not book_col:
            self.error(where, "no columns %r, %r" % (words["post_count"], words["posts_workbook"]))
            return
        children = children_of(self.records, node)
        if last - FIRST_ROW + 1 != len(children):
            self.error(where, "%d rows, %d provinces" % (last - FIRST_ROW + 1, len(children)))
        for r, child in zip(range(FIRST_ROW, last + 1), children):
            n = vws.cell(row=r, column=count_col).value
            if n != len(posts_below(self.records, child)):
                self.error(where, "row %d: %r posts, %s has %d" % (r, n, child, len(posts_below(self.records, child))))
            target = vws.cell(row=r, column=book_col).value or ""
            if not target.startswith(child + "/") or not os.path.exists(os.path.join(self.site, target)):
                self.error(where, "row %d: workbook %r of %s does not exist" % (r, target, child))
        got = self.check_subtotal(where, fws, vws, last + 1, count_col, FIRST_ROW, last)
        if got is not None and got != len(posts_below(self.records, node)):
            self.error(where, "total %r posts, records have %d" % (got, len(posts_below(self.records, node))))

    def check_posts(self, where, book, words, period, node):
        fws, vws = book.formulas[words["sheets"][2]], book.values[words["sheets"][2]]
        last = self.check_layout(where, vws, words)
        if last is None:
            return {}
        if node == "":
            self.check_posts_pointer(where, book, words, node, last)
            return None
        headers = header_map(vws)
        paths = self.check_indicator_table(where, book, fws, vws, words, period, node,
                                           headers[words["post"]], last)
        want = posts_below(self.records, node)
        if sorted(paths) != want:
            self.error(where, "posts %r, records have %r" % (paths, want))
        for name in ("formed", "last_report"):
            col = headers.get(words[name])
            for r in range(FIRST_ROW, last + 1):
                v = vws.cell(row=r, column=col).value
                if v is not None and not isinstance(v, datetime.datetime):
                    self.error(where, "%s%d: %r is not a date" % (get_column_letter(col), r, v))
        levels = {}
        for r in range(FIRST_ROW, last + 1):
            level = vws.cell(row=r, column=headers[words["level"]]).value
            if level:
                levels.setdefault(level, []).append(vws.cell(row=r, column=headers[words["folder"]]).value)
        return levels

    def check_compare(self, where, book, words, period, node, levels):
        fws, vws = book.formulas[words["sheets"][1]], book.values[words["sheets"][1]]
        last = self.check_layout(where, vws, words)
        if last is None:
            return
        headers = header_map(vws)
        name_col = 2 if node == "" else 1  # the national one names the province first
        paths = self.check_indicator_table(where, book, fws, vws, words, period, node,
                                           name_col, last)
        want = children_of(self.records, node)
        if node == "":  # each province followed by its districts
            want = [p for c in want for p in [c] + children_of(self.records, c)]
            prov_col = headers.get(words["province"])
            for r, path in zip(range(FIRST_ROW, last + 1), paths):
                prov = vws.cell(row=r, column=prov_col).value if prov_col else None
                if prov != self.node_name(path.split("/")[0]):
                    self.error(where, "row %d (%s): province %r" % (r, path, prov))
        if paths != want:
            self.error(where, "rows %r, children are %r" % (paths, want))
        level_cols = {}
        for text, col in header_map(vws).items():
            level = words["level_posts"](text)
            if level:
                level_cols[level] = col
        if levels is None:  # the national workbook lists no post: its districts' counts
            levels = {}
            for r, path in zip(range(FIRST_ROW, last + 1), paths):
                if "/" not in path:
                    continue
                for level, col in level_cols.items():
                    n = vws.cell(row=r, column=col).value or 0
                    levels.setdefault(level, []).extend([path + "/"] * int(n))
        if set(level_cols) < set(levels):
            self.error(where, "level columns %r miss some of %r" % (sorted(level_cols), sorted(levels)))
        for level, col in level_cols.items():
            posts = levels.get(level, [])
            for r, path in zip(range(FIRST_ROW, last + 1), paths):
                want_n = sum(1 for p in posts if p.startswith(path + "/"))
                if vws.cell(row=r, column=col).value != want_n:
                    self.error(where, "%s%d: %r %s posts, Pos UKK lists %d"
                               % (get_column_letter(col), r, vws.cell(row=r, column=col).value, level, want_n))
            got = self.check_subtotal(where, fws, vws, last + 1, col, FIRST_ROW, last)
            if got is not None and got != len(posts):
                self.error(where, "total of %s posts %r, Pos UKK lists %d" % (level, got, len(posts)))

    def check_monthly(self, where, book, words, period, node, first_quarter):
        fws, vws = book.formulas[words["sheets"][3]], book.values[words["sheets"][3]]
        last = self.check_layout(where, vws, words)
        if last is None:
            return
        headers = header_map(vws)
        ids = {c.column: c.value for c in vws[3] if c.column > 1 and isinstance(c.value, str)}
        file_col, kind_col = headers.get(words["file"]), headers.get(words["kind"])
        quarter_col = headers.get(words["quarter"])
        if not file_col or not kind_col or not quarter_col or "periode" not in ids.values():
            self.error(where, "monthly data lacks the file, report, quarter or periode column")
            return
        seen = set()
        for r in range(FIRST_ROW, last + 1):
            ref = vws.cell(row=r, column=file_col).value or ""
            m = re.fullmatch(r"records/(.+/laporan\.csv):(\d+)", ref)
            if not m:
                self.error(where, "row %d: record file %r" % (r, ref))
                continue
            rel, line = m.group(1), int(m.group(2))
            header, rows = self.laporan(rel)
            csv_row = rows.get(line)
            if csv_row is None:
                self.error(where, "row %d: %s has no data row %d" % (r, rel, line))
                continue
            seen.add((rel, line))
            self.counts["monthly"] += 1
            y, month, quarterly = parse_period(csv_row["periode"])
            kind = vws.cell(row=r, column=kind_col).value
            if kind != words["quarterly" if quarterly else "monthly"]:
                self.error(where, "row %d: report %r for periode %s" % (r, kind, csv_row["periode"]))
            q = (month - 1) // 3 + 1
            if vws.cell(row=r, column=quarter_col).value != quarter_id(y, q):
                self.error(where, "row %d: quarter %r for %s" % (r, vws.cell(row=r, column=quarter_col).value, csv_row["periode"]))
            for col, name in ids.items():
                cell = vws.cell(row=r, column=col)
                got = cell.value
                if name == "periode":
                    if got != datetime.datetime(y, month, 1) or "mmm" not in cell.number_format:
                        self.error(where, "%s: %r (%s) for periode %s" % (cell.coordinate, got, cell.number_format, csv_row["periode"]))
                    continue
                if name == "tanggal_lapor":
                    text = csv_row.get(name, "")
                    want = parse_date(text) if text else None
                    if got != want:
                        self.error(where, "%s: %r, %s says %r" % (cell.coordinate, got, rel, text))
                    continue
                if name in header:
                    texts = [csv_row.get(name, "")]
                elif name + "_l" in header or name + "_p" in header:
                    texts = [csv_row.get(name + "_l", ""), csv_row.get(name + "_p", "")]
                else:
                    texts = []
                numbers = [parse_number(t) for t in texts if t != ""]
                if not numbers:
                    if got is not None:
                        self.error(where, "%s: %r where %s:%d has no %s" % (cell.coordinate, got, rel, line, name))
                elif not is_number(got) or not close(got, sum(numbers)):
                    self.error(where, "%s: %r, %s:%d has %s = %r" % (cell.coordinate, got, rel, line, name, texts))
        # exactly the rows of the posts below, from the first quarter shown to the published one
        want = set()
        for post in posts_below(self.records, node):
            rel = os.path.join(post, "laporan.csv")
            if not os.path.exists(os.path.join(self.records, rel)):
                continue
            for line, row in self.laporan(rel)[1].items():
                y, month, _ = parse_period(row["periode"])
                qid = quarter_id(y, (month - 1) // 3 + 1)
                if first_quarter <= qid <= period:
                    want.add((rel, line))
        if seen != want:
            self.error(where, "rows of %d report lines, records have %d (missing %r, extra %r)"
                       % (len(seen), len(want), sorted(want - seen)[:3], sorted(seen - want)[:3]))
        if last < FIRST_ROW:
            return
        total = last + 1
        if words["total"] not in [c.value for c in vws[total]]:
            self.error(where, "no total row after row %d" % last)
            return
        sums = 0
        for col in ids:
            if isinstance(fws.cell(row=total, column=col).value, str):
                self.check_subtotal(where, fws, vws, total, col, FIRST_ROW, last)
                sums += 1
        if not sums:
            self.error(where, "the total row sums nothing")

    def check_summary(self, where, book, words):
        ws = book.values[words["sheets"][0]]
        last = self.check_layout(where, ws, words)
        if last is None:
            return
        # the last column, the change from the quarter before: a percentage's
        # in percentage points, as the pages write it ("+4.5 poin")
        change = max((c.column for c in ws[HEADER_ROW] if c.value not in (None, "")), default=0)
        for r in range(FIRST_ROW, last + 1):
            percent = ws.cell(row=r, column=3).value == "%"
            for c in range(4, ws.max_column + 1):
                cell = ws.cell(row=r, column=c)
                if not is_number(cell.value):
                    continue
                if c == change:
                    bad = ("%" in cell.number_format) or (" poin" in cell.number_format
                                                           or " points" in cell.number_format) != percent
                else:
                    bad = ("%" in cell.number_format) != percent
                if bad:
                    self.error(where, "%s: format %r for unit %r" % (cell.coordinate, cell.number_format, ws.cell(row=r, column=3).value))
        self.check_chart(where, book, ws, last, words)

    def check_chart(self, where, book, ws, last, words):
        with zipfile.ZipFile(book.path) as z:
            charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
            refs = []
            for name in charts:
                xml = z.read(name).decode("utf-8")
                refs += re.findall(r"<c:f>([^<]*)</c:f>", xml)
            if charts:
                self.check_chart_pages(where, z, ws)
        if not charts:
            self.error(where, "no chart")
            return
        quarters = [c.column for c in ws[HEADER_ROW] if isinstance(c.value, str) and re.fullmatch(r"(TW [IV]+|Q[1-4]) \d{4}", c.value)]
        span = "$%s$%%d:$%s$%%d" % (get_column_letter(min(quarters)), get_column_letter(max(quarters)))
        series = 0
        for ref in refs:
            sheet, _, cells = ref.rpartition("!")
            if sheet.strip("'") != ws.title:
                self.error(where, "chart refers to %r" % ref)
                continue
            m = re.fullmatch(r"\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?", cells)
            row = int(m.group(2)) if m else 0
            if cells == span % (HEADER_ROW, HEADER_ROW):
                continue
            if m and m.group(3) and cells == span % (row, row) and FIRST_ROW <= row <= last:
                series += 1
            elif m and m.group(3) and cells == span % (row, row) and \
                    str(ws.cell(row=row, column=1).value or "").startswith(words["target"] + ":"):
                continue  # a target line
            elif m and not m.group(3) and m.group(1) == "A" and \
                    str(ws.cell(row=row, column=1).value or "").startswith(words["target"] + ":"):
                continue
            elif not (m and not m.group(3) and m.group(1) == "A" and FIRST_ROW <= row <= last):
                self.error(where, "chart range %r is not a row of the table" % ref)
        if not series:
            self.error(where, "the chart has no series")

    def check_chart_pages(self, where, z, ws):
        """Each chart of the summary starts a printed page (a manual page
        break at its first row) and no page break cuts it, so that none is
        printed in two halves with the repeated header row over the second."""
        # libxlsxwriter numbers the sheets' parts in sheet order (see sheet_member)
        member = "xl/worksheets/sheet%d.xml" % (ws.parent.sheetnames.index(ws.title) + 1)
        xml = z.read(member).decode("utf-8")
        rels = z.read(member.replace("worksheets/", "worksheets/_rels/") + ".rels").decode("utf-8")
        drawing = re.search(r'Target="\.\./drawings/(drawing\d+\.xml)"', rels)
        anchors = []
        if drawing:
            dxml = z.read("xl/drawings/" + drawing.group(1)).decode("utf-8")
            anchors = [(int(a), int(b)) for a, b in re.findall(
                r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>"
                r".*?<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>"
                r".*?<c:chart ", dxml, re.S)]
        if not anchors:
            self.error(where, "no chart anchored on the sheet")
            return
        breaks = set(int(b) for b in re.findall(r'<brk id="(\d+)"[^>]*man="1"', xml))
        for first, last in anchors:
            # <brk id="n"> ends a page after row n (1-based): row n (0-based) starts the next
            if first not in breaks:
                self.error(where, "the chart on rows %d-%d does not start a page" % (first + 1, last + 1))
            cut = sorted(b for b in breaks if first < b < last)
            if cut:
                self.error(where, "the chart on rows %d-%d is cut by a page break after row %d"
                           % (first + 1, last + 1, cut[0]))

    def check_workbook(self, path):
        where = os.path.relpath(path, self.site)
        props = custom_properties(path)
        node, period = props.get("rekap_path"), props.get("rekap_period")
        first_quarter = props.get("rekap_monthly_first")
        if node is None or not period or not first_quarter:
            self.error(where, "custom properties rekap_path, rekap_period, rekap_monthly_first missing")
            return
        book = Workbook(path)
        lang = "en" if book.values.sheetnames[0] == WORDS["en"]["sheets"][0] else "id"
        words = WORDS[lang]
        kind = self.check_name(where, path, node, period)
        want = list(words["sheets"])
        if kind == "puskesmas":
            del want[1]
            # form LBKP-1, one sheet a month of the published quarter (check_lbkp.py)
            year, quarter = int(period[:4]), int(period[-1])
            want[3:3] = ["LBKP-1 %d-%02d" % (year, 3 * quarter - 2 + i) for i in range(3)]
        if book.values.sheetnames != want:
            self.error(where, "sheets %r, expected %r" % (book.values.sheetnames, want))
            return
        self.check_properties(where, book, period)
        self.check_summary(where + " [%s]" % want[0], book, words)
        levels = self.check_posts(where + " [%s]" % words["sheets"][2], book, words, period, node)
        if kind != "puskesmas":
            self.check_compare(where + " [%s]" % words["sheets"][1], book, words, period, node, levels)
        self.check_monthly(where + " [%s]" % words["sheets"][3], book, words, period, node, first_quarter)
        for name in words["sheets"][4:]:
            self.check_layout(where + " [%s]" % name, book.values[name], words)
        self.check_sip(where + " [%s]" % words["sheets"][5], book, words, levels)
        self.counts["workbooks"] += 1

    def check_sip(self, where, book, words, levels):
        """Posts per level as the SIP form asks: the counts of Pos UKK."""
        fws, vws = book.formulas[words["sheets"][5]], book.values[words["sheets"][5]]
        r = FIRST_ROW
        while vws.cell(row=r, column=1).value not in (None, words["total"]):
            level = vws.cell(row=r, column=1).value
            got = vws.cell(row=r, column=2).value
            # the national workbook lists no posts (the province workbooks
            # do): its counts are checked through the subtotal only
            if levels is not None and got != len(levels.get(level, [])):
                self.error(where, "B%d: %r posts at level %s, Pos UKK lists %d"
                           % (r, got, level, len(levels.get(level, []))))
            r += 1
        if vws.cell(row=r, column=1).value != words["total"]:
            self.error(where, "no %r row" % words["total"])
            return
        self.check_subtotal(where, fws, vws, r, 3, FIRST_ROW, r - 1)
        got = self.check_subtotal(where, fws, vws, r, 2, FIRST_ROW, r - 1)
        if levels is None:
            return
        total = sum(len(v) for v in levels.values())
        if got is not None and got != total:
            self.error(where, "total %r posts, Pos UKK lists %d" % (got, total))

    def run(self):
        for top, dirs, files in os.walk(self.site):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".xlsx") and not name.startswith("~$"):
                    self.check_workbook(os.path.join(top, name))
        if not self.counts["workbooks"] and not self.errors:
            self.error(self.site, "no workbook found")


# -- self-test: each defect planted in a workbook must be reported -------------

def sheet_member(book_path, name):
    """The zip member of a sheet: libxlsxwriter numbers them in sheet order."""
    names = openpyxl.load_workbook(book_path, read_only=True).sheetnames
    return "xl/worksheets/sheet%d.xml" % (names.index(name) + 1)


def first_number_cell(xml, column, row_min=5):
    """(whole match, value) of the first plain number cell of a column."""
    for m in re.finditer(r'<c r="%s(\d+)"( s="\d+")?><v>([^<]*)</v></c>' % column, xml):
        if int(m.group(1)) >= row_min:
            return m
    return None


def mutations(words, compare):
    """(description, sheet, function of the sheet's XML) for every planted defect."""
    monthly, posts = words["sheets"][3], words["sheets"][2]

    def bump_cell(xml):  # a monthly value differs from laporan.csv
        m = first_number_cell(xml, "L")
        return xml.replace(m.group(0), m.group(0).replace("<v>%s</v>" % m.group(3), "<v>%s</v>" % (float(m.group(3)) + 1)), 1)

    def drop_cell(xml):  # a reported value left blank
        return xml.replace(first_number_cell(xml, "L").group(0), "", 1)

    def zero_blank(xml):  # "not reported" written as 0 in the first blank element cell
        ids = [m.group(1) for m in re.finditer(r'<c r="([A-Z]+)3"', xml)][2:]
        last = int(re.search(r'<autoFilter ref="A4:[A-Z]+(\d+)"', xml).group(1))
        for row in re.finditer(r'<row r="(\d+)"[^>]*>(.*?)</row>', xml):
            if not 5 <= int(row.group(1)) <= last:
                continue
            present = set(re.findall(r'<c r="([A-Z]+)\d+"', row.group(2)))
            for col in ids:
                if col not in present:
                    cell = '<c r="%s%s"><v>0</v></c>' % (col, row.group(1))
                    return xml[:row.start(2)] + cell + xml[row.start(2):]
        return xml

    def bad_cache(xml):  # a total whose cached value is not the sum
        return re.sub(r"(<f>SUBTOTAL\(9,[^<]*\)</f><v>)([^<]*)(</v>)",
                      lambda m: m.group(1) + str(float(m.group(2)) + 1) + m.group(3), xml, count=1)

    def bad_range(xml):  # a total that leaves out the first row
        return re.sub(r"SUBTOTAL\(9,([A-Z]+)5:", r"SUBTOTAL(9,\g<1>6:", xml, count=1)

    def bad_ratio(xml):  # a ratio total that averages instead of dividing sums
        return re.sub(r'<f>IF\(([A-Z]+\d+)&gt;0,([A-Z]+\d+)/\1,""\)</f>',
                      r"<f>AVERAGE(\2)</f>", xml, count=1)

    def no_filter(xml):
        return re.sub(r"<autoFilter[^>]*/>", "", xml)

    def portrait(xml):
        return xml.replace('orientation="landscape"', 'orientation="portrait"')

    def no_freeze(xml):
        return re.sub(r"<pane [^>]*/>", "", xml)

    def narrow(xml):
        return re.sub(r'(<col min="2" max="2" width=")[^"]*"', r'\g<1>3"', xml)

    def bump_indicator(xml):  # a key indicator value differs from the open data
        m = first_number_cell(xml, "J")
        return xml.replace(m.group(0), m.group(0).replace("<v>%s</v>" % m.group(3), "<v>%s</v>" % (float(m.group(3)) + 7)), 1)

    def no_percent(xml):  # percentages shown as plain fractions
        return xml.replace('formatCode="0.0%"', 'formatCode="0.000"')

    def no_chart(xml):  # the chart points at the wrong cells
        return re.sub(r"<c:f>([^<!]*)!\$E\$", r"<c:f>\1!$C$", xml, count=1)

    def chart_cut(xml):  # the charts printed wherever the pages happen to end
        return re.sub(r"<rowBreaks.*?</rowBreaks>", "", xml, flags=re.S)

    out = [
        ("percent format lost", "xl/styles.xml", no_percent),
        ("chart range moved", "xl/charts/chart1.xml", no_chart),
        ("charts without page breaks", "xl/worksheets/sheet1.xml", chart_cut),
        ("monthly value changed", monthly, bump_cell),
        ("monthly value left blank", monthly, drop_cell),
        ("blank written as 0", monthly, zero_blank),
        ("monthly total cache wrong", monthly, bad_cache),
        ("monthly total range short", monthly, bad_range),
        ("no autofilter", monthly, no_filter),
        ("portrait", monthly, portrait),
        ("no frozen panes", monthly, no_freeze),
        ("column too narrow", monthly, narrow),
        ("post indicator changed", posts, bump_indicator),
        ("post ratio total averaged", posts, bad_ratio),
        ("post total cache wrong", posts, bad_cache),
    ]
    if compare:
        out += [
            ("child indicator changed", words["sheets"][1], bump_indicator),
            ("child total range short", words["sheets"][1], bad_range),
        ]
    return out


def self_test(site, records):
    """Plant defects in copies of the puskesmas and district workbooks of
    site; the checker must pass the copies as written and report every defect
    wherever it could be planted, and each defect must be planted somewhere."""
    import shutil
    import tempfile
    books = []
    for top, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            if re.match(r"rekap-(puskesmas|kota|kabupaten)-.*\.xlsx$", name):
                books.append(os.path.join(top, name))
    failures = 0
    tried = 0
    planted = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "site")
        shutil.copytree(os.path.join(site, "data"), os.path.join(copy, "data"))
        for path in books:
            rel = os.path.relpath(path, site)
            target = os.path.join(copy, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            page = os.path.join(os.path.dirname(path), "index.md")
            if os.path.exists(page):
                shutil.copy(page, os.path.dirname(target))
            shutil.copy(path, target)
            checker = Checker(copy, records)
            checker.check_workbook(target)
            if checker.errors:
                sys.stderr.write("self-test: %s as written fails: %s\n" % (rel, checker.errors[0]))
                return 1
            words = WORDS["en" if "Summary" in openpyxl.load_workbook(path, read_only=True).sheetnames else "id"]
            for what, sheet, mutate in mutations(words, "-puskesmas-" not in path):
                member = sheet if sheet.startswith("xl/") else sheet_member(path, sheet)
                with zipfile.ZipFile(path) as z:
                    parts = [(info, z.read(info.filename)) for info in z.infolist()]
                changed = None
                with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
                    for info, data in parts:
                        if info.filename == member:
                            changed = mutate(data.decode("utf-8"))
                            if changed == data.decode("utf-8"):
                                changed = None  # nothing to plant it in here
                            else:
                                data = changed.encode("utf-8")
                        z.writestr(info, data)
                planted.setdefault(what, 0)
                if changed is None:
                    continue
                planted[what] += 1
                checker = Checker(copy, records)
                checker.check_workbook(target)
                tried += 1
                if not checker.errors:
                    sys.stderr.write("self-test: %s: %r went unnoticed\n" % (rel, what))
                    failures += 1
                elif os.environ.get("VERBOSE"):
                    print("%s: %s -> %s" % (rel, what, checker.errors[0]))
            os.remove(target)
    for what, count in sorted(planted.items()):
        if not count:
            sys.stderr.write("self-test: %r could not be planted in any workbook\n" % what)
            failures += 1
    if failures or tried == 0:
        return 1
    print("check_workbook_sheets: self-test: %d planted defects of %d kinds in %d workbooks "
          "all reported" % (tried, len(planted), len(books)))
    return 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--self-test":
        return self_test(sys.argv[2], sys.argv[3])
    if len(sys.argv) != 3:
        sys.stderr.write("usage: python3 tests/checkers/check_workbook_sheets.py [--self-test] SITE_DIR RECORDS_DIR\n")
        return 2
    checker = Checker(sys.argv[1], sys.argv[2])
    checker.run()
    for message in checker.errors[:MAX_REPORTED]:
        sys.stderr.write("check_workbook_sheets: %s\n" % message)
    if len(checker.errors) > MAX_REPORTED:
        sys.stderr.write("check_workbook_sheets: ... and %d more\n" % (len(checker.errors) - MAX_REPORTED))
    if checker.errors:
        return 1
    c = checker.counts
    print("check_workbook_sheets: %d workbooks, %d sheets; %d monthly rows equal laporan.csv; "
          "%d indicator cells equal the open data; %d total formulas add up"
          % (c["workbooks"], c["sheets"], c["monthly"], c["indicator"], c["totals"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
