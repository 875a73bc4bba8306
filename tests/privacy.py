#!/usr/bin/env python3
"""Personal data stays private, and hostile text never becomes markup.

Copies tests/golden/records, plants unique values in every cadre's name and
phone number, and hostile text (HTML, javascript: links, Markdown table
breakers) in names and narratives; builds the site and searches every output
byte, inside workbooks too, for the planted values and for live markup. Then
opts in to cadre names (tampilkan_nama_kader: true) and checks that names
appear but phone numbers still do not.

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


def build(rekap, src, records, out):
    subprocess.run([rekap, "build", "--records", records, "--rules", src + "/lua",
                    "--templates", src + "/templates", "--out", out],
                   check=True, stdout=subprocess.DEVNULL)


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
    print("privacy: %d failures" % failures)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
