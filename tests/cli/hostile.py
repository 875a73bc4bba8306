#!/usr/bin/env python3
"""Hostile input: every case of tests/hostile/cases.tsv, run as a real build.

For each case a small records tree is made in WORK_DIR/<id> (a copy of
tests/golden, or of tests/indicators for the rules cases), the hostile change
of the case is applied (the functions below, by case id; a "sandbox/NN-x.lua"
case adds that file of tests/sandbox to the rules), a good site from the
unchanged tree is put where the build writes, and

    rekap build --records records --rules lua --templates templates --out out/site

runs with a time limit and (not under AddressSanitizer, which reserves
terabytes of address space) a memory limit. Each case must end as the table
says: the exit status (never a signal), the diagnostic (the exact start of the
message, after "path:line:column: error: " when the table gives a location),
and for a failed build the site left byte for byte as it was, with no staging
folder behind. Cases expected to work (status 0) check their pages instead.
A summary table of every case is printed.

Usage: hostile.py REKAP SOURCE_DIR WORK_DIR [--asan] [CASE_ID...]
"""
import os
import pickle
import re
import resource
import shutil
import signal
import stat
import sys
import time

TIME_LIMIT = 20  # seconds per case
MEMORY_LIMIT = 2 << 30  # bytes of address space per case
ASAN_SLOWDOWN = 4  # an instrumented build runs slower
TODAY = "2025-06-30"

PKM = "records/kalimantan-timur/kota-bontang/bontang-selatan-1"
POST = PKM + "/nelayan-a"
FIXTURES = {
    "golden": ("tests/golden/records", "lua"),
    "indicators": ("tests/indicators/records", "tests/indicators/lua"),
}


class Case:
    def __init__(self, fields):
        self.id, status, self.where, self.message, self.what = fields
        self.status = int(status)
        self.where = None if self.where == "-" else self.where
        self.message = None if self.message == "-" else self.message


def load_table(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 5:
                sys.exit("%s:%d: expected 5 tab-separated fields, got %d" % (path, number, len(fields)))
            cases.append(Case(fields))
    return cases


# ---- helpers for the hostile changes ----

def path(ctx, rel):
    return os.path.join(ctx.dir, rel)


def read(ctx, rel):
    with open(path(ctx, rel), "rb") as f:
        return f.read()


def write(ctx, rel, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path(ctx, rel), "wb") as f:
        f.write(data)


def append(ctx, rel, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path(ctx, rel), "ab") as f:
        f.write(data)


def replace_line(ctx, rel, number, data):
    """Replace line number (1-based) of a file with data (bytes)."""
    lines = read(ctx, rel).split(b"\n")
    lines[number - 1] = data
    write(ctx, rel, b"\n".join(lines))


def report_row(first, middle=b"", width=17):
    """A laporan.csv row: periode and tanggal_lapor, then cells (middle or 1)."""
    cells = [b"1"] * (width - 2)
    if middle:
        cells[3] = middle  # kunjungan_l
    return first + b"," + b",".join(cells) + b"\n"


# The post the cases change gets these files first, so that the lines and
# columns in cases.tsv do not move when tests/golden changes.
POS_MD = """---
nama: Pos UKK Nelayan A
kode: "%s"
jenis_pekerjaan: nelayan
desa: Tanjung Laut
desa_kode: "6474021001"
dibentuk: 2023-01-01
status: aktif
sarana:
  - papan_nama
  - kotak_p3k
sumber_dana:
  - puskesmas
---
Pos nelayan di dermaga.
"""
LAPORAN_CSV = """\
periode,tanggal_lapor,hari_buka,pekerja_l,pekerja_p,kunjungan_l,kunjungan_p,sakit_l,\
sakit_p,sakit_dilayani_l,sakit_dilayani_p,penyakit_umum,pak,kak,rujukan,penyuluhan,ukur_tb_bb
2024-01,2024-02-05,4,20,5,30,6,4,1,3,1,2,0,1,1,1,25
2024-02,2024-03-12,3,20,6,28,7,5,2,4,1,3,1,0,0,1,20
2024-03,2024-04-08,4,22,6,32,8,3,1,,1,1,0,0,1,0,26
2024-04,2024-05-10,2,22,6,20,4,2,0,2,0,1,0,0,0,1,18
2024-05,2024-06-03,0,22,6,0,0,0,0,0,0,0,0,0,0,0,0
2024-06,2024-07-09,3,23,7,25,5,3,2,3,2,2,0,1,1,1,22
"""
KADER_CSV = """nama,jenis_kelamin,pendidikan,tahun_pelatihan,aktif,telepon
Kader Satu,L,SMA,2023,ya,081200000001
Kader Dua,P,SMP,,ya,
Kader Tiga,L,SD,,tidak,
"""


def own_post(ctx):
    """Give POST the files above, keeping its code (unique in the tree)."""
    code = re.search(r'^kode: "([^"]*)"', read(ctx, POST + "/pos.md").decode(), re.M).group(1)
    write(ctx, POST + "/pos.md", POS_MD % code)
    write(ctx, POST + "/laporan.csv", LAPORAN_CSV)
    write(ctx, POST + "/kader.csv", KADER_CSV)


CASES = {}


def case(name, fixture="golden"):
    def register(fn):
        CASES[name] = (fn, fixture)
        return fn
    return register


# ---- size ----

@case("laporan-isian-10mb")
def _(ctx):
    append(ctx, POST + "/laporan.csv", b"2025-01,2025-02-05," + b"1" * (10 << 20) + b",1\n")


@case("laporan-baris-10mb-pemisah")
def _(ctx):
    append(ctx, POST + "/laporan.csv", b"2024-06," + b"1," * (5 << 20) + b"\n")


@case("laporan-sejuta-baris")
def _(ctx):
    row = b"2024-06" + b"," * 16 + b"\n"
    append(ctx, POST + "/laporan.csv", row * 1000000)


@case("laporan-100mib")
def _(ctx):
    # sparse: costs no disk, and rekap must not read it to find out
    with open(path(ctx, POST + "/laporan.csv"), "ab") as f:
        f.truncate(100 << 20)


@case("pos-narasi-baris-10mb")
def _(ctx):
    append(ctx, POST + "/pos.md", b"x" * (10 << 20) + b"\n")


@case("pos-frontmatter-baris-10mb")
def _(ctx):
    replace_line(ctx, POST + "/pos.md", 5, b"desa: " + b"x" * (10 << 20))


@case("kader-sejuta-kolom-judul")
def _(ctx):
    write(ctx, POST + "/kader.csv", b"nama" + b",x" * 1000000 + b"\n")


@case("banjir-galat")
def _(ctx):
    append(ctx, POST + "/laporan.csv", report_row(b"2024-13,2024-07-05") * 20000)


@case("triwulan-dan-bulan-berulang")
def _(ctx):
    # quarter rows and month rows of one quarter, many times over: once a
    # quadratic check
    rows = (report_row(b"2024-Q2,2024-07-05") + report_row(b"2024-05,2024-06-05")) * 40000
    append(ctx, POST + "/laporan.csv", rows)


# ---- numbers ----

@case("angka-1e400")
def _(ctx):
    append(ctx, POST + "/laporan.csv", report_row(b"2025-01,2025-02-05", b"1e400"))


@case("angka-23-digit")
def _(ctx):
    append(ctx, POST + "/laporan.csv", report_row(b"2025-01,2025-02-05", b"99999999999999999999999"))


@case("angka-melebihi-double")
def _(ctx):
    # 1e308 * 10 written out: more digits than a double can hold
    append(ctx, POST + "/laporan.csv", report_row(b"2025-01,2025-02-05", b"1" + b"0" * 309))


@case("angka-melebihi-batas")
def _(ctx):
    append(ctx, POST + "/laporan.csv", report_row(b"2025-01,2025-02-05", b"100001"))


@case("angka-minus-nol")
def _(ctx):
    append(ctx, POST + "/laporan.csv", report_row(b"2025-01,2025-02-05", b"-0"))

    def verify(ctx):
        data = read(ctx, "out/site/data/indicators.csv").decode() + \
            read(ctx, "out/site/data/kalimantan-timur/indicators.csv").decode()
        if POST[len("records/"):] + ",pos," not in data:
            return "no row of the post in the open data"
        if re.search(r"(^|,)-0(,|$)", data, re.M):
            return "open data shows -0"
        page = read(ctx, "out/site/" + POST[len("records/"):] + "/index.md").decode()
        if re.search(r"\|\s*-0\s*\|", page):
            return "the post page shows -0"
        return None
    ctx.verify = verify


BIG = 499999999999999  # below the 1e15 an element may hold; sums stay exact


@case("jumlah-besar-banyak-baris")
def _(ctx):
    # every report of every post at a huge count: the totals up the tree are
    # exact (no integer overflow, no rounding) and never printed as 5e+15
    rules = read(ctx, "lua/01-elemen.lua").decode()
    rules, n = re.subn(r'(id = "kunjungan",(?:[^}]*?))max = 100000', r"\1max = 1e15", rules, flags=re.S)
    assert n == 1, "kunjungan element not found in lua/01-elemen.lua"
    write(ctx, "lua/01-elemen.lua", rules)
    rows_q1 = 0
    for root, _, files in os.walk(path(ctx, "records")):
        if "laporan.csv" not in files:
            continue
        rel = os.path.relpath(os.path.join(root, "laporan.csv"), ctx.dir)
        text = read(ctx, rel).decode("utf-8-sig")
        sep = ";" if text.split("\n")[0].count(";") > text.split("\n")[0].count(",") else ","
        lines = text.rstrip("\n").split("\n")
        header = lines[0].split(sep)
        kl, kp = header.index("kunjungan_l"), header.index("kunjungan_p")
        out = [lines[0]]
        for line in lines[1:]:
            if not line.strip():
                out.append(line)
                continue
            cells = line.split(sep)
            cells[kl] = cells[kp] = str(BIG)
            if cells[0] in ("2024-01", "2024-02", "2024-03", "2024-Q1"):
                rows_q1 += 1
            out.append(sep.join(cells))
        write(ctx, rel, "\n".join(out) + "\n")
    expected = str(rows_q1 * 2 * BIG)

    def verify(ctx):
        data = read(ctx, "out/site/data/indicators.csv").decode()
        want = ",root,Rekap Uji,2024-Q1,kunjungan,%s,,%s\n" % (expected, expected)
        if want not in data:
            got = [l for l in data.split("\n") if l.startswith(",root,Rekap Uji,2024-Q1,kunjungan")]
            return "national 2024-Q1 kunjungan: want %s, got %s" % (want.strip(), got)
        return None
    ctx.verify = verify


@case("elemen-max-1e308")
def _(ctx):
    rules = read(ctx, "lua/01-elemen.lua").decode()
    write(ctx, "lua/01-elemen.lua", rules.replace("max = 100000", "max = 1e308", 1))


# ---- NUL bytes and bytes that are not UTF-8 ----

@case("laporan-nul")
def _(ctx):
    append(ctx, POST + "/laporan.csv", b"2024-06,2024\x00-07-05,1\n")


@case("kader-bukan-utf8")
def _(ctx):
    append(ctx, POST + "/kader.csv", b"Kader \xff\xfe,L,SMA,2023,ya,\n")


@case("frontmatter-nul")
def _(ctx):
    replace_line(ctx, POST + "/pos.md", 2, b"nama: Pos\x00UKK")


@case("frontmatter-bukan-utf8")
def _(ctx):
    replace_line(ctx, POST + "/pos.md", 5, b"desa: Tanjung \xc3\x28Laut")


@case("narasi-nul")
def _(ctx):
    append(ctx, POST + "/pos.md", b"Catatan \x00 tersembunyi\n")


@case("narasi-bukan-utf8")
def _(ctx):
    append(ctx, POST + "/pos.md", b"Catatan \xed\xa0\x80 surrogate\n")


@case("rekap-yaml-nul")
def _(ctx):
    append(ctx, "records/rekap.yaml", b"catatan: \"a\x00b\"\n")


@case("nama-folder-bukan-utf8")
def _(ctx):
    os.rename(path(ctx, POST).encode(), path(ctx, PKM).encode() + b"/nelayan-\xff\x1b[31m")


# ---- names with spaces, quotes and non-ASCII ----

@case("nama-folder-spasi")
def _(ctx):
    os.rename(path(ctx, POST), path(ctx, PKM + "/nelayan a"))


@case("nama-folder-kutip")
def _(ctx):
    os.rename(path(ctx, POST), path(ctx, PKM + "/nelayan-\"a\"-'b'"))


@case("nama-folder-non-ascii")
def _(ctx):
    os.rename(path(ctx, POST), path(ctx, PKM + "/nelayan-ñusa-漢字"))


WEIRD = "rékaman \"kutip\" 'satu' & spasi"


@case("jalur-aneh")
def _(ctx):
    # the records, rules, templates and output folders themselves may be
    # called anything
    for name in ("records", "lua", "templates"):
        os.rename(path(ctx, name), path(ctx, "%s %s" % (WEIRD, name)))
    ctx.records = "%s records" % WEIRD
    ctx.rules = "%s lua" % WEIRD
    ctx.templates = "%s templates" % WEIRD
    ctx.out = "out/situs %s" % WEIRD

    def verify(ctx):
        site = path(ctx, ctx.out)
        for rel in ("index.html", POST[len("records/"):] + "/index.html", "data/indicators.csv"):
            if not os.path.isfile(os.path.join(site, rel)):
                return "missing %s" % rel
        return None
    ctx.verify = verify


HOSTILE_NAME = "Pos \"Kutip\" 'Satu' <b>&amp; Ñusa – 漢字"


@case("nama-pos-aneh")
def _(ctx):
    text = read(ctx, POST + "/pos.md").decode()
    text = re.sub(r"^nama: .*$", "nama: '%s'" % HOSTILE_NAME.replace("'", "''"), text, count=1, flags=re.M)
    write(ctx, POST + "/pos.md", text)

    def verify(ctx):
        post = read(ctx, "out/site/" + POST[len("records/"):] + "/index.html").decode()
        escaped = "Pos &quot;Kutip&quot; &#39;Satu&#39; &lt;b&gt;&amp;amp; Ñusa – 漢字"
        if escaped not in post:
            return "the post page does not show the name escaped as %s" % escaped
        if "<b>&amp; Ñusa" in post:
            return "the post page shows the name as markup"
        parent = read(ctx, "out/site/" + PKM[len("records/"):] + "/index.html").decode()
        link = re.search(r'<a href="nelayan-a/index.html">([^<]*)</a>', parent)
        if not link:
            return "the puskesmas page has no link to nelayan-a/index.html"
        if "Ñusa – 漢字" not in link.group(1) or "&quot;Kutip&quot;" not in link.group(1):
            return "the link to the post reads %r" % link.group(1)
        return None
    ctx.verify = verify


@case("nama-berkas-lain-aneh")
def _(ctx):
    # files rekap does not read may be called anything, even bytes that are not UTF-8
    for name in ("catatan lama.txt", "foto \"pos\" 'lama'.jpg", "ñ 漢字.md", "pos.md~"):
        write(ctx, POST + "/" + name, b"x\n")
    with open(path(ctx, POST).encode() + b"/\xff\xfe bukan utf8.txt", "wb") as f:
        f.write(b"x\n")

    def verify(ctx):
        if not os.path.isfile(path(ctx, "out/site/" + POST[len("records/"):] + "/index.html")):
            return "the post page is missing"
        return None
    ctx.verify = verify


# Raw HTML and links to script URLs in a narrative: the HTML renderer drops
# them, and so must the Markdown twin, which a reader may render with any
# Markdown renderer.
HOSTILE_NARRATIVE = """
Narasi dengan markup.

<script>alert(1)</script>

<iframe src="https://contoh.invalid/"></iframe>

Gambar <img src=x onerror=alert(2)> dan <a href="javascript:alert(3)">tautan</a>.

[klik](javascript:alert(4)) [besar](JaVaScRiPt:alert(5)) [entitas](&#106;avascript:alert(6))
![gambar](javascript:alert(7)) [acuan][r] [vb](vbscript:msgbox(8)) [data](data:text/html,x)

[r]: javascript:alert(9)

<div onmouseover="alert(10)"
onerror=alert(11)>blok</div>

> kutipan <svg onload=alert(12)> <ScRiPt>alert(13)</ScRiPt>

- butir <!-- komentar <script>alert(14)</script> -->
"""
# what no page may hold, compared in lower case ("avascript:" also catches an
# entity for its "j"), what no Markdown page may hold besides (the layout of
# an HTML page has its own <a> and <img>), and the text around the markup
# that must be left
NARRATIVE_MARKUP = ("<script", "<iframe", "<svg", "<div", "onerror=", "onload=", "onmouseover=",
                    "avascript:", "vbscript:", "data:text/html")
NARRATIVE_MARKUP_MD = ("<img", "<a ", "<!--")
# the <div> an HTML page puts around each of its tables, and around a line
# made only of links (generator/html.c)
TABLE_REGION = re.compile(r'<div class="tabel" role="region" tabindex="0" aria-label="[^"<>]*">'
                          r'|<div class="tautan">')
NARRATIVE_TEXT = ("Narasi dengan markup.", "tautan", "klik", "besar", "entitas", "gambar",
                  "acuan", "kutipan", "butir")


@case("narasi-markup")
def _(ctx):
    for rel in (POST + "/pos.md", PKM + "/puskesmas.md"):
        append(ctx, rel, HOSTILE_NARRATIVE)

    def verify(ctx):
        site = path(ctx, ctx.out)
        for rel in (POST[len("records/"):], PKM[len("records/"):]):
            for name in ("index.md", "index.html"):
                with open(os.path.join(site, rel, name), encoding="utf-8") as f:
                    page = f.read()
                for text in NARRATIVE_TEXT:
                    if text not in page:
                        return "%s/%s lost the narrative text %r" % (rel, name, text)
        for root, _, names in os.walk(site):
            for name in names:
                if not name.endswith((".md", ".html")):
                    continue
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    page = TABLE_REGION.sub("", f.read()).lower()
                markup = NARRATIVE_MARKUP + (NARRATIVE_MARKUP_MD if name.endswith(".md") else ())
                for m in markup:
                    if m in page:
                        rel = os.path.relpath(os.path.join(root, name), site)
                        return "%s holds %r from a narrative" % (rel, m)
        return None
    ctx.verify = verify


# ---- symbolic links ----

@case("tautan-berputar-diri")
def _(ctx):
    os.symlink("putar", path(ctx, PKM + "/putar"))


@case("tautan-berputar-berdua")
def _(ctx):
    os.symlink("dua", path(ctx, PKM + "/satu"))
    os.symlink("satu", path(ctx, PKM + "/dua"))


@case("tautan-folder-ke-luar")
def _(ctx):
    # a complete post outside the records folder
    shutil.copytree(path(ctx, POST), path(ctx, "luar/pos-luar"))
    os.symlink(path(ctx, "luar/pos-luar"), path(ctx, PKM + "/pos-luar"))


@case("tautan-berkas-ke-luar")
def _(ctx):
    shutil.copy(path(ctx, POST + "/laporan.csv"), path(ctx, "luar-laporan.csv"))
    os.remove(path(ctx, POST + "/laporan.csv"))
    os.symlink("../../../../../luar-laporan.csv", path(ctx, POST + "/laporan.csv"))


@case("tautan-ke-etc-passwd")
def _(ctx):
    os.remove(path(ctx, POST + "/kader.csv"))
    os.symlink("/etc/passwd", path(ctx, POST + "/kader.csv"))


@case("tautan-ke-dev-zero")
def _(ctx):
    os.remove(path(ctx, POST + "/pos.md"))
    os.symlink("/dev/zero", path(ctx, POST + "/pos.md"))


@case("tautan-putus")
def _(ctx):
    os.remove(path(ctx, POST + "/laporan.csv"))
    os.symlink("laporan-lama.csv", path(ctx, POST + "/laporan.csv"))


@case("tautan-di-dalam")
def _(ctx):
    # a link that stays inside records/ is followed
    os.remove(path(ctx, POST + "/kader.csv"))
    os.symlink("../nelayan-b/kader.csv", path(ctx, POST + "/kader.csv"))

    def verify(ctx):
        if not os.path.isfile(path(ctx, "out/site/" + POST[len("records/"):] + "/index.html")):
            return "the post page is missing"
        return None
    ctx.verify = verify


@case("fifo-laporan")
def _(ctx):
    os.remove(path(ctx, POST + "/laporan.csv"))
    os.mkfifo(path(ctx, POST + "/laporan.csv"))


# ---- YAML ----

BILLION_LAUGHS = b"""---
nama: Pos UKK Nelayan A
kode: "P6474010201-01"
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
"""


@case("yaml-bom-alias-pos")
def _(ctx):
    write(ctx, POST + "/pos.md", BILLION_LAUGHS)


@case("yaml-bom-alias-rekap")
def _(ctx):
    write(ctx, "records/rekap.yaml", BILLION_LAUGHS.replace(b"---\n", b""))


@case("yaml-sangat-bersarang")
def _(ctx):
    replace_line(ctx, POST + "/pos.md", 5, b"desa: " + b"[" * 30000 + b"]" * 30000)


@case("yaml-sejuta-kunci")
def _(ctx):
    # distinct keys, each looked up among those before it
    keys = b"".join(b"k%d: 1\n" % i for i in range(1000000))
    text = read(ctx, POST + "/pos.md")
    write(ctx, POST + "/pos.md", text.replace(b"---\n", b"---\n" + keys, 1))


@case("yaml-kunci-ganda-banyak")
def _(ctx):
    text = read(ctx, POST + "/pos.md")
    write(ctx, POST + "/pos.md", text.replace(b"---\n", b"---\n" + b"x: 1\n" * 200000, 1))


# ---- templates ----

@case("templat-partial-diri")
def _(ctx):
    append(ctx, "templates/bagian/remah.md", "{{> bagian/remah}}\n")


@case("templat-partial-saling")
def _(ctx):
    append(ctx, "templates/bagian/cara.md", "{{> bagian/kualitas}}\n")
    append(ctx, "templates/bagian/kualitas.md", "{{> bagian/cara}}\n")


@case("templat-induk-diri")
def _(ctx):
    write(ctx, "templates/halaman.md", "{{< halaman}}{{$isi}}x{{/isi}}{{/halaman}}\n")


@case("templat-ledakan")
def _(ctx):
    # each level renders the next ten times: 10^9 renders unless stopped
    for i in range(9):
        write(ctx, "templates/bagian/l%d.md" % i, ("{{> bagian/l%d}}" % (i + 1)) * 10)
    write(ctx, "templates/bagian/l9.md", "x")
    append(ctx, "templates/bagian/remah.md", "{{> bagian/l0}}\n")


@case("templat-tak-ditutup")
def _(ctx):
    append(ctx, "templates/bagian/remah.md", "{{#crumbs}}\n")


# ---- rules ----

def sandbox_case(ctx, name):
    shutil.copy(os.path.join(ctx.src, "tests/sandbox", name), path(ctx, "lua/99-case.lua"))


# ---- running ----

class Ctx:
    def __init__(self, directory, src):
        self.dir = directory
        self.src = src
        self.records, self.rules, self.templates, self.out = "records", "lua", "templates", "out/site"
        self.verify = None


def prepare(src, directory, fixture):
    records, rules = FIXTURES[fixture]
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    shutil.copytree(os.path.join(src, records), os.path.join(directory, "records"), symlinks=True)
    shutil.copytree(os.path.join(src, rules), os.path.join(directory, "lua"))
    shutil.copytree(os.path.join(src, "templates"), os.path.join(directory, "templates"))


def spawn(args, cwd, out_path, err_path, limit, asan):
    """Run args in cwd with the limits; returns (exit status, -signal or
    "timeout"; seconds; peak resident KiB)."""
    # a cache of its own: a build must not trust what an earlier run of the
    # same case left in the user's cache folder
    env = dict(os.environ, REKAP_TODAY=TODAY, LC_ALL="C.UTF-8",
               REKAP_CACHE_DIR=os.path.join(cwd, "cache"))
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                os.chdir(cwd)
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                os.setsid()  # its own process group, killed whole on a timeout
                if not asan:
                    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
                os.execve(args[0], args, env)
            finally:
                os._exit(127)
        timed_out = False
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() - start > limit:
                timed_out = True
                os.killpg(pid, signal.SIGKILL)
                done, status, usage = os.wait4(pid, 0)
                break
            time.sleep(0.01)
        seconds = time.monotonic() - start
    if timed_out:
        code = "timeout"
    elif os.WIFSIGNALED(status):
        code = -os.WTERMSIG(status)
    else:
        code = os.WEXITSTATUS(status)
    return code, seconds, usage.ru_maxrss


class Spawner:
    """A helper process forked while the harness is still small: a child
    starts with (and its peak memory counts) the memory of the process it is
    forked from, and the harness grows as it writes large cases."""

    def __init__(self):
        r1, w1 = os.pipe()
        r2, w2 = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(w1)
            os.close(r2)
            with os.fdopen(r1, "rb") as requests, os.fdopen(w2, "wb") as results:
                while True:
                    try:
                        request = pickle.load(requests)
                    except EOFError:
                        os._exit(0)
                    pickle.dump(spawn(*request), results)
                    results.flush()
        os.close(r1)
        os.close(w2)
        self.requests = os.fdopen(w1, "wb")
        self.results = os.fdopen(r2, "rb")

    def run(self, *request):
        pickle.dump(request, self.requests)
        self.requests.flush()
        return pickle.load(self.results)

    def close(self):
        self.requests.close()
        os.waitpid(self.pid, 0)


def run(spawner, rekap, ctx, limit, asan):
    """Build the case; returns (status or -signal, seconds, peak KiB, stderr bytes)."""
    err_path = os.path.join(ctx.dir, "stderr.txt")
    args = [rekap, "build", "--records", ctx.records, "--rules", ctx.rules,
            "--templates", ctx.templates, "--out", ctx.out]
    code, seconds, peak = spawner.run(args, ctx.dir, os.path.join(ctx.dir, "stdout.txt"),
                                      err_path, limit, asan)
    with open(err_path, "rb") as f:
        stderr = f.read()
    return code, seconds, peak, stderr


def tree(top):
    """{relative path: bytes} of every file under top, links not followed."""
    files = {}
    for root, dirs, names in os.walk(top):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            p = os.path.join(root, name)
            rel = os.path.relpath(p, top)
            if os.path.islink(p) or not stat.S_ISREG(os.lstat(p).st_mode):
                files[rel] = b"<not a regular file>"
            else:
                with open(p, "rb") as f:
                    files[rel] = f.read()
    return files


def check(case, ctx, code, stderr, good):
    """The problems with one run, as a list of strings (empty: passed)."""
    problems = []
    text = stderr.decode("utf-8", "replace")
    if code == "timeout":
        return ["no result within the time limit (a hang)"]
    if isinstance(code, int) and code < 0:
        return ["killed by signal %d (a crash)" % -code]
    if code != case.status:
        problems.append("exit status %s, expected %d" % (code, case.status))
    if case.message:
        if case.where:
            want = "%s: error: %s" % (case.where, case.message)
            if not any(line.startswith(want) for line in text.split("\n")):
                problems.append("no diagnostic starting %r" % want)
        elif ("error: " + case.message) not in text:
            problems.append("no diagnostic %r" % case.message)
    if len(stderr) > 64 << 10:
        problems.append("%d bytes of diagnostics: not one clear message" % len(stderr))
    if case.status != 0:
        out_parent = os.path.dirname(path(ctx, ctx.out))
        # the build's lock file (.site.kunci) stays: it holds nothing
        lock = ".%s.kunci" % os.path.basename(ctx.out)
        left = sorted(x for x in os.listdir(out_parent) if x != lock)
        if left != [os.path.basename(ctx.out)]:
            problems.append("left behind next to the site: %s" % left)
        if tree(path(ctx, ctx.out)) != good:
            problems.append("the site was changed by a failed build (a partial site)")
    elif ctx.verify:
        problem = ctx.verify(ctx)
        if problem:
            problems.append(problem)
    return problems


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    asan = "--asan" in sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    rekap, src, work = os.path.abspath(args[0]), os.path.abspath(args[1]), os.path.abspath(args[2])
    only = set(args[3:])
    cases = load_table(os.path.join(src, "tests/hostile/cases.tsv"))
    unknown = [c.id for c in cases if c.id not in CASES and not c.id.startswith("sandbox/")]
    if unknown:
        sys.exit("cases.tsv names cases hostile.py does not define: %s" % ", ".join(unknown))
    untested = sorted(set(CASES) - {c.id for c in cases})
    if untested:
        sys.exit("hostile.py defines cases cases.tsv does not list: %s" % ", ".join(untested))
    limit = TIME_LIMIT * (ASAN_SLOWDOWN if asan else 1)
    spawner = Spawner()
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)

    # a good site of each fixture, which every failed build must leave alone
    good = {}
    for fixture in FIXTURES:
        d = os.path.join(work, "good-" + fixture)
        prepare(src, d, fixture)
        ctx = Ctx(d, src)
        code, _, _, stderr = run(spawner, rekap, ctx, limit, asan)
        if code != 0:
            sys.exit("the unchanged %s fixture does not build (%s):\n%s" % (fixture, code, stderr.decode()))
        good[fixture] = tree(path(ctx, ctx.out))

    rows, failures = [], 0
    for c in cases:
        if only and c.id not in only:
            continue
        if c.id.startswith("sandbox/"):
            fixture = "indicators"
        else:
            fixture = CASES[c.id][1]
        d = os.path.join(work, c.id.replace("/", "_"))
        prepare(src, d, fixture)
        ctx = Ctx(d, src)
        if c.id.startswith("sandbox/"):
            sandbox_case(ctx, c.id.split("/", 1)[1])
        else:
            if fixture == "golden":
                own_post(ctx)
            CASES[c.id][0](ctx)
        out = path(ctx, ctx.out)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copytree(os.path.join(work, "good-" + fixture, "out/site"), out)
        code, seconds, peak, stderr = run(spawner, rekap, ctx, limit, asan)
        problems = check(c, ctx, code, stderr, good[fixture])
        first = stderr.decode("utf-8", "replace").split("\n")[0]
        rows.append((c.id, str(code), "%.2f" % seconds, "%d" % (peak >> 10), "ok" if not problems else "FAIL"))
        if problems:
            failures += 1
            print("FAIL %s (%s)" % (c.id, c.what))
            for p in problems:
                print("  " + p)
            print("  first line of stderr: %s" % first[:300])
        else:
            # a passing case's tree is not needed any more (some are large)
            shutil.rmtree(d, ignore_errors=True)

    spawner.close()
    widths = [max(len(r[i]) for r in rows + [("case", "exit", "seconds", "MiB", "result")]) for i in range(5)]
    print()
    for r in [("case", "exit", "seconds", "MiB", "result")] + rows:
        print("  ".join(r[i].ljust(widths[i]) if i == 0 else r[i].rjust(widths[i]) for i in range(5)))
    print("hostile input: %d cases, %d failed (time limit %d s%s)" %
          (len(rows), failures, limit, "" if asan else ", memory limit %d MiB" % (MEMORY_LIMIT >> 20)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
