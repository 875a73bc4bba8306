#!/usr/bin/env python3
"""Collect candidate seed inputs for the fuzz targets from the project's own files.

Usage: seeds.py SOURCE_DIR OUT_DIR

Writes OUT_DIR/<target>/<name> for fuzz_csv, fuzz_frontmatter, fuzz_mustache and
fuzz_records. The committed corpus/ is the subset of these that libFuzzer's
-merge=1 keeps (each file adds coverage); run.sh --minimise-seeds does that.
Input formats are described at the top of each fuzz_*.c.
"""
import json
import os
import re
import sys


def files_under(root, pred):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for f in sorted(filenames):
            p = os.path.join(dirpath, f)
            if pred(p):
                yield p


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def write(out, target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(p):
    with open(p, "rb") as f:
        return f.read()


def tree_input(records):
    """A records folder as fuzz_records reads it: path\\ncontent parts split by NUL."""
    parts = []
    for dirpath, dirnames, filenames in os.walk(records):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, records)
        if rel_dir != "." and not filenames and not dirnames:
            parts.append(rel_dir.encode() + b"/\n")
        for f in sorted(filenames):
            p = os.path.join(dirpath, f)
            parts.append(os.path.relpath(p, records).encode() + b"\n" + read(p))
    return b"\0".join(parts)


def main():
    src, out = sys.argv[1], sys.argv[2]
    cases = os.path.join(src, "tests", "diagnostics", "cases")
    roots = [os.path.join(src, "records"), os.path.join(src, "tests", "diagnostics", "records"), cases]

    for root in roots:
        for p in files_under(root, lambda p: p.endswith(".csv")):
            write(out, "fuzz_csv", slug(os.path.relpath(p, src)), read(p))
        for p in files_under(root, lambda p: p.endswith((".md", ".yaml"))):
            write(out, "fuzz_frontmatter", slug(os.path.relpath(p, src)), read(p))

    # whole records trees: each diagnostic case, the bundled records per province
    for case in sorted(os.listdir(cases)):
        rec = os.path.join(cases, case, "records")
        if os.path.isdir(rec):
            write(out, "fuzz_records", "case-" + case, tree_input(rec))
    records = os.path.join(src, "records")
    for prov in sorted(os.listdir(records)):
        p = os.path.join(records, prov)
        if os.path.isdir(p):
            parts = [b"rekap.yaml\n" + read(os.path.join(records, "rekap.yaml"))]
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames.sort()
                for f in sorted(filenames):
                    fp = os.path.join(dirpath, f)
                    parts.append(os.path.relpath(fp, records).encode() + b"\n" + read(fp))
            write(out, "fuzz_records", "records-" + prov, b"\0".join(parts))

    # templates: the bundled ones with their partials, and the Mustache spec
    tdir = os.path.join(src, "templates")
    partials = []
    for p in files_under(os.path.join(tdir, "bagian"), lambda p: p.endswith(".md")):
        name = "bagian/" + os.path.basename(p)[:-3]
        partials += [name.encode(), read(p)]
    for p in files_under(tdir, lambda p: p.endswith((".md", ".html"))):
        write(out, "fuzz_mustache", slug(os.path.relpath(p, src)),
              b"\0".join([read(p)] + partials[:8]))
    spec = os.path.join(src, "tests", "mustache-spec")
    for f in sorted(os.listdir(spec)):
        if not f.endswith(".json"):
            continue
        with open(os.path.join(spec, f), encoding="utf-8") as fh:
            doc = json.load(fh)
        for t in doc.get("tests", []):
            parts = [t["template"].encode()]
            for name, text in sorted(t.get("partials", {}).items())[:4]:
                parts += [name.encode(), text.encode()]
            write(out, "fuzz_mustache", "spec-" + slug(f[:-5] + "-" + t["name"]), b"\0".join(parts))


if __name__ == "__main__":
    main()
