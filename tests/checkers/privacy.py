#!/usr/bin/env python3
"""Personal data stays private, and hostile text never becomes markup.

Copies tests/golden/records, plants unique values in every cadre's name and
phone number, and hostile text (HTML, javascript: links, Markdown table
breakers) in names and narratives; builds the site and searches every output
byte, inside workbooks too, for the planted values and for live markup. Then
opts in to cadre names (tampilkan_nama_kader: true) and checks that names
appear but phone numbers still do not.

Fields the rules mark private (pribadi in lua/): unique values are planted in
the private front matter fields (nik, tanggal_lahir, telepon) of every .md
record and in a private kader.csv column (nik), and searched for the same
way. Then a copy of the rules also marks desa, desa_kode and pendidikan
private, fields that are published otherwise (the control build shows the
village on its page): their planted values must disappear too. Last, pribadi
refuses names that would leave data public or break the numbers.

Usage: privacy.py REKAP SOURCE_DIR WORK_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import zipfile

HOSTILE_NAME = 'Pos <script>alert("nama")</script> | [x](javascript:alert(1)) & "kutip"'
HOSTILE_BODY = ('Narasi dengan <img src=x onerror=alert(1)> dan <script>alert(2)</script>,\n'
                '[tautan jahat](javascript:alert(3)) serta <a href="javascript:alert(4)">a</a>.\n')


def plant(records):
    """Give every cadre a unique name and phone; return (names, phones)."""
    names, phones = [], []
    for root, _, files in os.walk(records):
        if "kader.csv" not in files:
            continue
        path = os.path.join(root, "kader.csv")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        sep = ";" if ";" in lines[0] else ","
        out = [lines[0]]
        for line in lines[1:]:
            cells = line.split(sep)
            n = len(names)
            cells[0] = "Rahasia%04dNama" % n
            cells[5] = "0899%08d" % (n + 1234)
            names.append(cells[0])
            phones.append(cells[5])
            out.append(sep.join(cells))
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
    return names, phones


def make_hostile(records):
    """Hostile text in one post's name and narrative."""
    for root, _, files in os.walk(records):
        if "pos.md" in files:
            path = os.path.join(root, "pos.md")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r"^nama: .*$", "nama: '%s'" % HOSTILE_NAME, text, count=1, flags=re.M)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + "\n" + HOSTILE_BODY)
            return


def plant_private(records):
    """Unique values in the fields lua/ marks private: nik, tanggal_lahir and
    telepon in every .md record's front matter, a nik column in kader.csv.
    Returns the values."""
    values = []
    for root, _, files in os.walk(records):
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith(".md"):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                n = len(values)
                fields = {"nik": "NIKRahasia%04d" % n, "tanggal_lahir": "LahirRahasia%04d" % n,
                          "telepon": "TeleponRahasia%04d" % n}
                text = re.sub(r"^telepon:.*\n", "", text, flags=re.M)
                extra = "".join("%s: %s\n" % kv for kv in fields.items())
                text = text.replace("---\n", "---\n" + extra, 1)
                values += fields.values()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            elif name == "kader.csv":
                with open(path, encoding="utf-8") as f:
                    lines = f.read().splitlines()
                sep = ";" if ";" in lines[0] else ","
                out = [lines[0] + sep + "nik"]
                for line in lines[1:]:
                    values.append("KaderNIKRahasia%04d" % len(values))
                    out.append(line + sep + values[-1])
                with open(path, "w", encoding="utf-8") as f:
                    f.write("\n".join(out) + "\n")
    return values


def plant_published(records):
    """Unique desa, desa_kode and pendidikan values (published unless the
    rules mark them private). Returns the values."""
    values = []
    for root, _, files in os.walk(records):
        if "pos.md" in files:
            path = os.path.join(root, "pos.md")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            n = len(values)
            desa, kode = "DesaRahasia%04d" % n, "99%08d" % n
            for key, value in (("desa", desa), ("desa_kode", '"%s"' % kode)):
                text, n = re.subn(r"^%s:.*$" % key, "%s: %s" % (key, value), text, count=1, flags=re.M)
                if n == 0:
                    text = text.replace("---\n", "---\n%s: %s\n" % (key, value), 1)
            values += [desa, kode]
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        if "kader.csv" in files:
            path = os.path.join(root, "kader.csv")
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
            sep = ";" if ";" in lines[0] else ","
            col = lines[0].split(sep).index("pendidikan")
            out = [lines[0]]
            for line in lines[1:]:
                cells = line.split(sep)
                cells[col] = "PendidikanRahasia%04d" % len(values)
                values.append(cells[col])
                out.append(sep.join(cells))
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(out) + "\n")
    return values


def outputs(site):
    """(path, bytes) of every output file; workbooks are opened and each part read."""
    for root, _, files in os.walk(site):
        for name in files:
            path = os.path.join(root, name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(path) as z:
                    for part in z.namelist():
                        yield "%s!%s" % (path, part), z.read(part)
            else:
                with open(path, "rb") as f:
                    yield path, f.read()


def build(rekap, src, records, out, rules=None):
    subprocess.run([rekap, "build", "--records", records, "--rules", rules or src + "/lua",
                    "--templates", src + "/templates", "--out", out],
                   check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, REKAP_CACHE_DIR=out + ".cache"))


def found(site, secrets):
    """(output part, secret) for every planted value found in the site."""
    hits = []
    for path, data in outputs(site):
        for secret in secrets:
            if secret.encode() in data:
                hits.append((path, secret))
    return hits


# pribadi declarations that must be refused, and the start of the message
REFUSED = [
    ('pribadi { "nama" }', 'pribadi: "nama" tidak dapat dijadikan pribadi'),
    ('pribadi { "kode" }', 'pribadi: "kode" tidak dapat dijadikan pribadi'),
    ('pribadi { "status" }', 'pribadi: "status" tidak dapat dijadikan pribadi: indikator dan penilaian'),
    ('pribadi { "jenis_kelamin" }', 'pribadi: "jenis_kelamin" tidak dapat dijadikan pribadi'),
    ('pribadi { "telpon" }', 'pribadi: "telpon" bukan isian yang dikenal; maksudnya "telepon"?'),
    ('pribadi { "desa kode" }', 'pribadi: "desa kode" bukan nama isian'),
    ('pribadi { isian = "nik" }', 'pribadi { ... } berisi daftar nama isian dalam tanda kutip'),
    ('pribadi { 12 }', 'pribadi: butir ke-1 harus nama isian dalam tanda kutip'),
    ('pribadi { "nik" }', 'pribadi: "nik" sudah dinyatakan pribadi'),
]


# markup a browser would act on: a script element, an event handler inside a
# tag, a javascript: URL in an attribute (as escaped text they are harmless)
LIVE_MARKUP = [re.compile(p, re.I) for p in (
    rb"<script", rb"<[^>]*\son[a-z]+\s*=", rb"(href|src|action|xlink:href)\s*=\s*[\"']?\s*javascript:")]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    rekap, src, work = sys.argv[1:]
    shutil.rmtree(work, ignore_errors=True)
    records = os.path.join(work, "records")
    shutil.copytree(os.path.join(src, "tests/golden/records"), records)
    names, phones = plant(records)
    make_hostile(records)
    site = os.path.join(work, "site")
    build(rekap, src, records, site)
    failures, files = 0, 0
    for path, data in outputs(site):
        files += 1
        for secret in names + phones:
            if secret.encode() in data:
                print("FAIL %s holds %s" % (path, secret))
                failures += 1
        if path.endswith((".html", ".svg")):
            for pattern in LIVE_MARKUP:
                if pattern.search(data):
                    print("FAIL %s has live markup %s" % (path, pattern.pattern.decode()))
                    failures += 1
    # the hostile name is shown, escaped, on its page
    pages = [p for p, d in outputs(site) if p.endswith(".html") and b"&lt;script&gt;alert(&quot;nama&quot;)" in d]
    if not pages:
        print("FAIL the hostile post name is not shown escaped on any page")
        failures += 1
    print("privacy: %d cadres planted, %d output files and workbook parts searched" % (len(names), files))

    # opting in shows names, never phone numbers
    with open(os.path.join(records, "rekap.yaml"), encoding="utf-8") as f:
        settings = f.read()
    with open(os.path.join(records, "rekap.yaml"), "w", encoding="utf-8") as f:
        f.write(settings.replace("tampilkan_nama_kader: false", "tampilkan_nama_kader: true"))
    site2 = os.path.join(work, "site-names")
    build(rekap, src, records, site2)
    everything = b"".join(d for _, d in outputs(site2))
    shown = [n for n in names if n.encode() in everything]
    if len(shown) != len(names):
        print("FAIL with tampilkan_nama_kader: true only %d of %d names are shown" % (len(shown), len(names)))
        failures += 1
    for phone in phones:
        if phone.encode() in everything:
            print("FAIL phone %s is published even with names shown" % phone)
            failures += 1

    # fields the rules mark private, on a fresh copy of the records
    records = os.path.join(work, "records-private")
    shutil.copytree(os.path.join(src, "tests/golden/records"), records)
    private = plant_private(records)
    site3 = os.path.join(work, "site-private")
    build(rekap, src, records, site3)
    for path, secret in found(site3, private):
        print("FAIL %s holds %s, a field lua/ marks private" % (path, secret))
        failures += 1
    print("privacy: %d values planted in private fields" % len(private))

    # fields published until the rules mark them private
    published = plant_published(records)
    site4 = os.path.join(work, "site-control")
    build(rekap, src, records, site4)
    shown = {secret for _, secret in found(site4, published)}
    for secret in published:
        if secret.startswith(("DesaRahasia", "99")) and secret not in shown:
            print("FAIL control: %s is not published without pribadi (the test proves nothing)" % secret)
            failures += 1
    rules = os.path.join(work, "lua-private")
    shutil.copytree(os.path.join(src, "lua"), rules)
    with open(os.path.join(rules, "99-pribadi.lua"), "w", encoding="utf-8") as f:
        f.write('pribadi { "desa", "desa_kode", "pendidikan" }\n')
    site5 = os.path.join(work, "site-more-private")
    build(rekap, src, records, site5, rules)
    for path, secret in found(site5, published + private):
        print("FAIL %s holds %s, marked private in 99-pribadi.lua" % (path, secret))
        failures += 1
    print("privacy: %d published values hidden once marked private" % len(published))

    # pribadi refuses what would leave data public or break the numbers
    for declaration, message in REFUSED:
        with open(os.path.join(rules, "99-pribadi.lua"), "w", encoding="utf-8") as f:
            f.write(declaration + "\n")
        run = subprocess.run([rekap, "check", "--records", records, "--rules", rules],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        want = "99-pribadi.lua:1: error: " + message
        if run.returncode != 1 or want not in run.stderr.decode():
            print("FAIL %s: exit %d, expected 1 and %r; got:\n%s" %
                  (declaration, run.returncode, want, run.stderr.decode()))
            failures += 1
    print("privacy: %d pribadi declarations refused" % len(REFUSED))
    print("privacy: %d failures" % failures)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
