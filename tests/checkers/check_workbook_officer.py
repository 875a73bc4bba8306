#!/usr/bin/env python3
"""check_workbook_officer.py - what an officer needs from the workbooks, on
the golden site (2024-Q2) and the bundled site (2024-Q4), against values
worked out by hand from the records. Read with openpyxl.

Usage: check_workbook_officer.py GOLDEN_SITE_DIR SITE_DIR

- Ringkasan of Bontang Selatan 1: sick workers served in TW II 2024 is
  (2+0+3+2 + 0 + ...)/... = 12/11 = 109.1%, impossible: its conditional
  formats make it yellow (to check), never green; a legend names the three
  colours in those very fills; the change from TW I (8/12 = 66.7%) is a
  formula caching 12/11 - 8/12; the charts draw each key percentage's target
  as a dashed line, give every value series its own marker, and chart the
  counts (kunjungan, KAK, PAK) on their own.
- Pos UKK of Bontang Selatan 1: Nelayan A (nelayan-a/laporan.csv,
  April-June 2024) had 20+4 + 0 + 25+5 = 54 visits, 1 KAK, 0 PAK, 3 of 3
  reports on time (100%); it is Pratama, so "Perlu pembinaan" is "ya", with
  the criteria it misses and the advice of the first ("Tambah 1 kader
  aktif: 30 pekerja ..."); the post name column is frozen, at every level.
- Definisi: the target of 2024 is a number (80% = 0.8 in a percent format).
- National Perbandingan: each province followed by its districts, each row
  naming its province and kind; hand-worked district values (Berau 6/7 sick
  workers served, 0/44 cadres; Bontang 10/12 reports, 0/1 districts with
  occupational health); the total of "Puskesmas dengan Pos UKK aktif" is a
  formula of the totals of its numerator and denominator (3 of 4
  puskesmas), and the reports' total, evaluated with rows hidden, follows a
  filter (the nation, one province, the provinces alone, one district).
- National Kualitas data: one row per district with its missing and late
  reports, failed rules and record notes counted by hand, and the province
  workbook that lists them.
- Ringkasan of Kedondong (bundled site): its only post was dissolved on
  2024-03-31, so TW II-IV 2024 are blank and explained "semua pos sudah
  bubar".
"""
import re
import sys
import zipfile

import openpyxl

GREEN, RED, YELLOW = "C6EFCE", "FFC7CE", "FFEB9C"
errors = []


def check(cond, message):
    if not cond:
        errors.append(message)


def fill_of(dxf_or_cell):
    fill = dxf_or_cell.fill
    if fill is None:
        return None
    for colour in (fill.fgColor, fill.bgColor):
        if colour is not None and isinstance(colour.rgb, str) and colour.rgb[-6:] != "000000":
            return colour.rgb[-6:]
    return None


def rule_holds(formula, cell, value):
    """Evaluates AND(ISNUMBER(X),X op v[,X op v]) for the cell holding value."""
    m = re.fullmatch(r"AND\(ISNUMBER\((\w+)\),(.*)\)", formula)
    if not m or not isinstance(value, (int, float)):
        return False
    for part in m.group(2).split(","):
        p = re.fullmatch(r"[A-Z]+\d+(>=|<=|>|<)([-0-9.eE]+)", part)
        if not p:
            return False
        op, bound = p.group(1), float(p.group(2))
        ok = {">=": value >= bound, "<=": value <= bound, ">": value > bound,
              "<": value < bound}[op]
        if not ok:
            return False
    return True


def colour_of(ws, coordinate):
    """The fill the first holding stop-if-true conditional format gives."""
    value = ws[coordinate].value
    for rng in ws.conditional_formatting:
        if coordinate not in rng.sqref:
            continue
        for rule in sorted(rng.rules, key=lambda r: r.priority):
            first = str(rng.sqref).split(":")[0]
            formula = rule.formula[0].replace(first, coordinate)
            if rule_holds(formula, coordinate, value):
                return fill_of(rule.dxf)
    return None


golden, site = sys.argv[1], sys.argv[2]
PK = (golden + "/kalimantan-timur/kota-bontang/bontang-selatan-1/"
      "rekap-puskesmas-bontang-selatan-1-2024-Q2.xlsx")
pk = openpyxl.load_workbook(PK)
ws = pk["Ringkasan"]
check(ws["B5"].value == "pekerja_sakit_dilayani" and abs(ws["F5"].value - 12 / 11) < 1e-12,
      "Ringkasan F5 %r, expected 12/11" % ws["F5"].value)
check(colour_of(ws, "F5") == YELLOW, "109.1%% is coloured %r, expected yellow" % colour_of(ws, "F5"))
check(colour_of(ws, "E5") == RED, "66.7%% (target 80%%) is coloured %r" % colour_of(ws, "E5"))
check(colour_of(ws, "E6") == GREEN, "100%% reports (target 90%%) is coloured %r" % colour_of(ws, "E6"))
legend = {}
for row in ws.iter_rows(min_row=13, max_row=30, max_col=1):
    cell = row[0]
    if isinstance(cell.value, str):
        legend[cell.value.split(" ")[0]] = fill_of(cell)
check(legend.get("hijau") == GREEN and legend.get("merah") == RED and legend.get("kuning") == YELLOW,
      "legend fills %r" % legend)
check(ws["G4"].value == "Perubahan dari triwulan sebelumnya", "change header %r" % ws["G4"].value)
# a percentage's change in percentage points, as the page writes it
check(ws["G5"].value == '=IF(AND(ISNUMBER(F5),ISNUMBER(E5)),(F5-E5)*100,"")', "change formula %r" % ws["G5"].value)
check(ws["G5"].number_format == '+0.0" poin";-0.0" poin";0" poin"', "change format %r" % ws["G5"].number_format)
cached = openpyxl.load_workbook(PK, data_only=True)
g5 = cached["Ringkasan"]["G5"].value
# Q2 12 served of 11 sick, Q1 16 of 21 (hand-values.csv: March's sick men,
# whose serving was not reported, left out)
check(isinstance(g5, float) and abs(g5 - (12 / 11 - 16 / 21) * 100) < 1e-9, "change cached %r" % g5)
# a count's change stays a plain difference
g10 = ws["G10"].value
check(g10 == '=IF(AND(ISNUMBER(F10),ISNUMBER(E10)),F10-E10,"")' and ws["B10"].value == "kunjungan",
      "count change %r of %r" % (g10, ws["B10"].value))

with zipfile.ZipFile(PK) as z:
    charts = {n: z.read(n).decode() for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml", n)}
percent = next((x for x in charts.values() if "Tren indikator utama<" in x), "")
counts = next((x for x in charts.values() if "Tren hitungan utama" in x), "")
series = re.findall(r"<c:ser>.*?</c:ser>", percent, re.S)
targets = [s for s in series if 'prstDash val="dash"' in s]
values = [s for s in series if s not in targets]
check(len(values) == 4 and len(targets) == 4,
      "percent chart: %d value and %d target series, expected 4 and 4" % (len(values), len(targets)))
symbols = [re.search(r'<c:symbol val="(\w+)"', s).group(1) for s in values if "<c:symbol" in s]
check(len(set(symbols)) == len(values), "value series markers %r are not distinct" % symbols)
check(all('<c:symbol val="none"' in s for s in targets), "a target line has markers")
for ref in re.findall(r"<c:f>([^<]*)</c:f>", "".join(targets)):
    row = int(re.search(r"\$(\d+)", ref.split("!")[1]).group(1))
    if row == 4:
        continue  # the quarters, the categories of every series
    label = ws.cell(row=row, column=1).value or ""
    check(label.startswith("Target:"), "target series reads row %d (%r)" % (row, label))
count_rows = {int(r) for r in re.findall(r"Ringkasan'?!\$E\$(\d+)", counts)} - {4}
check({ws.cell(row=r, column=2).value for r in count_rows} == {"kunjungan", "kak", "pak"},
      "counts chart rows %r" % sorted(count_rows))

posts = cached["Pos UKK"]
head = {c.value: c.column for c in posts[4]}
row = next(r for r in range(5, posts.max_row + 1) if posts.cell(row=r, column=2).value == "Pos UKK Nelayan A")


def post(name):
    if name not in head:
        errors.append("Pos UKK has no column %r" % name)
        return None
    return posts.cell(row=row, column=head[name]).value


check(post("Kunjungan pekerja (kunjungan)") == 54, "visits %r, expected 54" % post("Kunjungan pekerja (kunjungan)"))
check(post("Kecelakaan akibat kerja (KAK) (kasus)") == 1, "KAK %r" % post("Kecelakaan akibat kerja (KAK) (kasus)"))
check(post("Dugaan penyakit akibat kerja (PAK) (kasus)") == 0, "PAK %r" % post("Dugaan penyakit akibat kerja (PAK) (kasus)"))
check(post("Ketepatan waktu laporan (%)") == 1, "timeliness %r" % post("Ketepatan waktu laporan (%)"))
# coaching: a post still at the lowest level (below the Pratama floor)
check(post("Tingkat") == "Pratama" and post("Perlu pembinaan") == "tidak",
      "level %r, coaching %r" % (post("Tingkat"), post("Perlu pembinaan")))
row_a = row
row = next(r for r in range(5, posts.max_row + 1) if posts.cell(row=r, column=2).value == "Pos UKK Nelayan B")
check(post("Tingkat") == "Belum memenuhi syarat Pratama" and post("Perlu pembinaan") == "ya",
      "Nelayan B level %r, coaching %r" % (post("Tingkat"), post("Perlu pembinaan")))
row = row_a
check((post("Kriteria belum terpenuhi") or "").startswith("Kader aktif minimal 10% dari pekerja terdaftar; "),
      "criteria not met %r" % post("Kriteria belum terpenuhi"))
check(post("Langkah berikutnya") == "Tambah 1 kader aktif: 30 pekerja memerlukan minimal 3 kader, sekarang 2.",
      "next step %r" % post("Langkah berikutnya"))
check(pk["Pos UKK"].freeze_panes == "C5", "puskesmas Pos UKK frozen at %r" % pk["Pos UKK"].freeze_panes)
prov = openpyxl.load_workbook(golden + "/kalimantan-timur/rekap-provinsi-kalimantan-timur-2024-Q2.xlsx")
check(prov["Pos UKK"].freeze_panes == "D5", "province Pos UKK frozen at %r, expected D5 (after the name)"
      % prov["Pos UKK"].freeze_panes)
check(pk["Pos UKK"].auto_filter.ref and pk["Pos UKK"].auto_filter.ref.startswith("A4:"), "Pos UKK not filtered")

defs = cached["Definisi"]
dhead = {c.value: c.column for c in defs[4]}
target = defs.cell(row=5, column=dhead.get("Target 2024", 1))
check(defs["A5"].value == "pekerja_sakit_dilayani" and target.value == 0.8 and "%" in target.number_format,
      "Definisi target %r (%s), expected 0.8 as a percentage" % (target.value, target.number_format))

NAT = golden + "/rekap-nasional-2024-Q2.xlsx"
nat = openpyxl.load_workbook(NAT)
cmp = nat["Perbandingan"]
natv = openpyxl.load_workbook(NAT, data_only=True)["Perbandingan"]
chead = {c.value: c.column for c in cmp[4]}
L = openpyxl.utils.get_column_letter
# each province followed by its districts, each row naming its province and kind
want_rows = [("Jambi", "Jambi", "Provinsi", "15"), ("Jambi", "Kota Jambi", "Kota", "15.71"),
             ("Kalimantan Timur", "Kalimantan Timur", "Provinsi", "64"),
             ("Kalimantan Timur", "Kabupaten Berau", "Kabupaten", "64.03"),
             ("Kalimantan Timur", "Kota Bontang", "Kota", "64.74")]
got_rows = [tuple(natv.cell(row=r, column=c).value for c in range(1, 5)) for r in range(5, 10)]
check([cmp.cell(row=4, column=c).value for c in range(1, 5)] == ["Provinsi", "Wilayah", "Jenis wilayah", "Kode"],
      "national Perbandingan headers %r" % [cmp.cell(row=4, column=c).value for c in range(1, 5)])
check(got_rows == want_rows, "national Perbandingan rows %r, expected %r" % (got_rows, want_rows))
check(natv.cell(row=10, column=2).value == "Jumlah", "row 10 is %r, not the total" % natv.cell(row=10, column=2).value)
check(cmp.freeze_panes == "C5", "national Perbandingan frozen at %r, expected C5 (province, area)"
      % cmp.freeze_panes)
check(cmp.print_title_cols == "$A:$B", "national Perbandingan repeats columns %r on each printed page"
      % cmp.print_title_cols)


def parts(row, label):
    """(numerator, denominator) of an indicator in a row of the national Perbandingan."""
    return (natv.cell(row=row, column=chead[label + " — Pembilang"]).value,
            natv.cell(row=row, column=chead[label + " — Penyebut"]).value)


# tests/golden/hand-values.csv, 2024-Q2: Berau's sick workers served (2+1)+(1+1)+(1+0)
# of (2+1)+(1+1)+(2+0) = 6/7 and its cadres 0 of June's 31+13 = 44 workers; Bontang's
# reports A 3/3 + B 2/3 (April missing) + E 3/3 + F 2/3 (May missing) = 10/12, and it
# does not carry out occupational health (no pembinaan_sektor_formal): 0 of 1
for row, label, want in ((8, "Pekerja sakit yang dilayani", (6, 7)),
                         (8, "Rasio kader terhadap pekerja", (0, 44)),
                         (9, "Kelengkapan laporan", (10, 12)),
                         (9, "Kabupaten/kota yang melaksanakan kesehatan kerja", (0, 1))):
    check(parts(row, label) == want, "row %d %s %r, expected %r" % (row, label, parts(row, label), want))
value = natv.cell(row=8, column=chead["Pekerja sakit yang dilayani (%)"]).value
check(isinstance(value, float) and abs(value - 6 / 7) < 1e-12, "Berau sick workers served %r, expected 6/7" % value)

col = chead["Puskesmas dengan Pos UKK aktif (%)"]
num, den = chead["Puskesmas dengan Pos UKK aktif — Pembilang"], chead["Puskesmas dengan Pos UKK aktif — Penyebut"]
check(cmp.cell(row=10, column=col).value == '=IF(%s10>0,%s10/%s10,"")' % (L(den), L(num), L(den)),
      "national puskesmas_ukk total %r is not a formula of its parts" % cmp.cell(row=10, column=col).value)
# Paal Merah 1 (Jambi), Sambaliung and Bontang Barat have an active post in
# 2024-Q2; Bontang Selatan 1 has none: 3 of 4
check((natv.cell(row=10, column=num).value, natv.cell(row=10, column=den).value) == (3, 4),
      "puskesmas with an active post %r of %r, expected 3 of 4"
      % (natv.cell(row=10, column=num).value, natv.cell(row=10, column=den).value))

TOTAL_RE = re.compile(
    r'=IF\(SUMPRODUCT\(SUBTOTAL\(3,OFFSET\(C5,ROW\(C5:C9\)-ROW\(C5\),0\)\),--\(C5:C9<>"Provinsi"\)\)>0,'
    r'SUMPRODUCT\(SUBTOTAL\(9,OFFSET\((?P<c>[A-Z]+)5,ROW\((?P=c)5:(?P=c)9\)-ROW\((?P=c)5\),0\)\),'
    r'--\(C5:C9<>"Provinsi"\)\),'
    r'SUMPRODUCT\(SUBTOTAL\(9,OFFSET\((?P=c)5,ROW\((?P=c)5:(?P=c)9\)-ROW\((?P=c)5\),0\)\),'
    r'--\(C5:C9="Provinsi"\)\)\)')


def total_when(formula, shown):
    """The total formula's value when only the rows in shown are visible:
    the visible districts, or the visible provinces when no district is."""
    m = TOTAL_RE.fullmatch(formula or "")
    if not m:
        return None
    c = openpyxl.utils.column_index_from_string(m.group("c"))
    rows = [r for r in range(5, 10) if r in shown]
    districts = [r for r in rows if natv.cell(row=r, column=3).value != "Provinsi"]
    return sum(natv.cell(row=r, column=c).value or 0
               for r in (districts or [r for r in rows if natv.cell(row=r, column=3).value == "Provinsi"]))


# the total of the reports follows a filter: unfiltered 22/24 (the nation); Kalimantan
# Timur alone, Berau 3/3 + Bontang 10/12 = 13/15 (the province); provinces alone,
# Jambi 9/9 + Kalimantan Timur 13/15 = 22/24; Bontang alone 10/12
kn, kd = chead["Kelengkapan laporan — Pembilang"], chead["Kelengkapan laporan — Penyebut"]
for shown, want in (({5, 6, 7, 8, 9}, (22, 24)), ({7, 8, 9}, (13, 15)), ({5, 7}, (22, 24)), ({9}, (10, 12))):
    got = (total_when(cmp.cell(row=10, column=kn).value, shown), total_when(cmp.cell(row=10, column=kd).value, shown))
    check(got == want, "reports total with rows %r shown: %r, expected %r" % (sorted(shown), got, want))
check((natv.cell(row=10, column=kn).value, natv.cell(row=10, column=kd).value) == (22, 24),
      "reports total caches %r/%r, expected 22/24"
      % (natv.cell(row=10, column=kn).value, natv.cell(row=10, column=kd).value))
# the province workbook keeps its districts only, a plain SUBTOTAL
pcmp = prov["Perbandingan"]
check([pcmp.cell(row=r, column=1).value for r in range(4, 8)] ==
      ["Kabupaten/kota", "Kabupaten Berau", "Kota Bontang", "Jumlah"],
      "province Perbandingan rows %r" % [pcmp.cell(row=r, column=1).value for r in range(4, 8)])

# National Kualitas data: one row per district counting its posts' problems
# in 2024-Q2, and the province workbook that lists them. Kota Bontang: Nelayan B
# sent no April report, Pengasapan Ikan no May report (2 missing); every
# report that came was in by the 10th of the next month (0 late); Nelayan B's
# May served 3 of 2 sick workers (1 failed rule); no record note. Berau: Sawit
# Tumbit has no kader.csv (1 note). Kota Jambi: M, J, K reported on time.
qual = openpyxl.load_workbook(NAT, data_only=True)["Kualitas data"]
qrows = [r for r in qual.iter_rows(min_row=4, values_only=True) if any(r)]
want_q = [
    ("Provinsi", "Kabupaten/kota", "Kode", "Laporan belum masuk", "Laporan terlambat",
     "Nilai perlu diperiksa (aturan validasi)", "Peringatan rekaman yang mengubah angka",
     "Buku kerja yang memuat masalah setiap pos", "Folder rekaman"),
    ("Jambi", "Kota Jambi", "15.71", 0, 0, 0, 0, "jambi/rekap-provinsi-jambi-2024-Q2.xlsx", "jambi/kota-jambi"),
    ("Kalimantan Timur", "Kabupaten Berau", "64.03", 0, 0, 0, 1,
     "kalimantan-timur/rekap-provinsi-kalimantan-timur-2024-Q2.xlsx", "kalimantan-timur/kabupaten-berau"),
    ("Kalimantan Timur", "Kota Bontang", "64.74", 2, 0, 1, 0,
     "kalimantan-timur/rekap-provinsi-kalimantan-timur-2024-Q2.xlsx", "kalimantan-timur/kota-bontang"),
    (None, "Jumlah", None, 2, 0, 1, 1, None, None),
]
check(qrows == want_q, "national Kualitas data rows:\n%r\nexpected:\n%r" % (qrows, want_q))
qf = nat["Kualitas data"]
check([qf.cell(row=8, column=c).value for c in range(4, 8)] ==
      ["=SUBTOTAL(9,%s5:%s7)" % (x, x) for x in "DEFG"],
      "national Kualitas data totals %r" % [qf.cell(row=8, column=c).value for c in range(4, 8)])
check("buku kerja provinsinya" in (qual["A2"].value or ""),
      "national Kualitas data does not say where each post's problems are: %r" % qual["A2"].value)

ked = openpyxl.load_workbook(site + "/lampung/kabupaten-pesawaran/kedondong/"
                             "rekap-puskesmas-kedondong-2024-Q4.xlsx")["Ringkasan"]
blank = next((r for r in range(5, 30) if ked.cell(row=r, column=1).value == "Triwulan kosong"), None)
qcols = {c.value: c.column for c in ked[4]}
if blank is None:
    errors.append("Kedondong: no row Triwulan kosong")
else:
    for q in ("TW II 2024", "TW III 2024", "TW IV 2024"):
        check(ked.cell(row=blank, column=qcols[q]).value == "semua pos sudah bubar",
              "Kedondong %s blank explained %r" % (q, ked.cell(row=blank, column=qcols[q]).value))
    check(ked.cell(row=blank, column=qcols["TW I 2024"]).value is None, "TW I 2024 had a report")

for e in errors:
    sys.stderr.write("check_workbook_officer: %s\n" % e)
if errors:
    sys.exit(1)
print("officer checks: colours, legend, change, charts, Pos UKK, targets, totals, blank quarters hold")
