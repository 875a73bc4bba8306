#!/usr/bin/env python3
"""The open data split per province.

  split:       in SITE_DIR, data/indicators.csv holds the rows of the root,
               the provinces and the districts; data/<provinsi>/indicators.csv
               every row of that province and the nodes below it; the union of
               the files equals, row for row, SINGLE_CSV (what the one file of
               earlier versions held for the same records), each file in its
               order.
  incremental: REKAP builds a copy of RECORDS_DIR, one cell of one post's
               laporan.csv changes, and the next build writes again only the
               national file and that post's province file (the others stay
               the same files); the result equals a full build.

  union:       print the union of SITE_DIR's files as the single file held
               it (tree order): how golden.sh regenerates SINGLE_CSV.

Usage: open_data.py split SITE_DIR SINGLE_CSV
       open_data.py incremental REKAP SOURCE_DIR WORK_DIR
       open_data.py union SITE_DIR
"""
import csv
import filecmp
import glob
import os
import shutil
import subprocess
import sys

HEADER = ["path", "level", "name", "period", "indicator", "numerator", "denominator", "value"]
NATIONAL_LEVELS = {"root", "provinsi", "kabupaten", "kota"}


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != HEADER:
            raise SystemExit("%s: header %r, expected %r" % (path, header, HEADER))
        return [tuple(r) for r in reader]


def in_order(part, whole):
    """Whether part is a subsequence of whole."""
    it = iter(whole)
    return all(r in it for r in part)


def check_split(site, single_path):
    errors = []
    single = rows(single_path)
    national = rows(os.path.join(site, "data", "indicators.csv"))
    provinces = {os.path.basename(os.path.dirname(p)): rows(p)
                 for p in glob.glob(os.path.join(site, "data", "*", "indicators.csv"))}
    for level, path in sorted({(r[1], r[0]) for r in national if r[1] not in NATIONAL_LEVELS}):
        errors.append("national file holds rows of the %s %s" % (level, path))
    want_provinces = {r[0] for r in single if r[1] == "provinsi"}
    if set(provinces) != want_provinces:
        errors.append("province files %s, provinces %s" % (sorted(provinces), sorted(want_provinces)))
    want_national = [r for r in single if r[1] in NATIONAL_LEVELS]
    if national != want_national:
        errors.append("national file: %d rows, expected the %d of the root, provinces and districts"
                      % (len(national), len(want_national)))
    union = set(national)
    for slug, got in sorted(provinces.items()):
        want = [r for r in single if r[0] == slug or r[0].startswith(slug + "/")]
        if got != want:
            errors.append("data/%s/indicators.csv: %d rows, expected the %d of its subtree in order"
                          % (slug, len(got), len(want)))
        if len(set(got)) != len(got):
            errors.append("data/%s/indicators.csv repeats a row" % slug)
        union |= set(got)
    if union != set(single) or not in_order(national, single):
        errors.append("the union of the files differs from the single file: %d missing, %d extra"
                      % (len(set(single) - union), len(union - set(single))))
    for e in errors:
        print("open_data: " + e)
    print("open_data: %d national rows, %d province files, union of %d rows = the single file"
          % (len(national), len(provinces), len(union)))
    return not errors


def check_incremental(rekap, src, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    shutil.copytree(os.path.join(src, "records"), os.path.join(work, "records"))
    env = dict(os.environ, REKAP_CACHE_DIR=os.path.join(work, "cache"), REKAP_TODAY="2025-06-30")

    def build(out, *extra):
        p = subprocess.run([rekap, "build", "--records", os.path.join(work, "records"),
                            "--rules", os.path.join(src, "lua"),
                            "--templates", os.path.join(src, "templates"),
                            "--out", os.path.join(work, out)] + list(extra),
                           env=env, capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            raise SystemExit("rekap build failed:\n" + p.stderr)

    def stamps():
        data = os.path.join(work, "site", "data")
        out = {}
        for p in glob.glob(os.path.join(data, "**", "indicators.csv"), recursive=True):
            st = os.stat(p)
            out[os.path.relpath(p, data)] = (st.st_ino, st.st_mtime_ns)
        return out

    build("site")
    build("site")  # the second build leaves a spare: the next one starts from it
    before = stamps()
    report = sorted(glob.glob(os.path.join(work, "records", "*", "*", "*", "*", "laporan.csv")))[0]
    province = os.path.relpath(report, os.path.join(work, "records")).split(os.sep)[0]
    with open(report, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cells = lines[1].split(",")
    cells[3] = str(int(cells[3]) + 1)
    lines[1] = ",".join(cells)
    with open(report, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    build("site")
    after = stamps()
    errors = []
    if len(before) < 3:
        errors.append("only %d open-data files" % len(before))
    for rel in sorted(before):
        changed = before[rel] != after.get(rel)
        should = rel in ("indicators.csv", os.path.join(province, "indicators.csv"))
        if changed != should:
            errors.append("%s %s after one cell of %s changed"
                          % (rel, "written again" if changed else "kept", province))
    build("fresh", "--full")
    cmp = filecmp.dircmp(os.path.join(work, "fresh", "data"), os.path.join(work, "site", "data"))
    for p in glob.glob(os.path.join(work, "fresh", "data", "**", "indicators.csv"), recursive=True):
        rel = os.path.relpath(p, os.path.join(work, "fresh"))
        if not filecmp.cmp(p, os.path.join(work, "site", rel), shallow=False):
            errors.append("%s differs from a full build" % rel)
    if cmp.left_only or cmp.right_only:
        errors.append("data/ differs from a full build: %s %s" % (cmp.left_only, cmp.right_only))
    for e in errors:
        print("open_data: " + e)
    print("open_data: one edit in %s rewrote %d of %d open-data files"
          % (province, sum(before[r] != after.get(r) for r in before), len(before)))
    return not errors


def print_union(site):
    """Every row once, nodes in tree order (a parent before its children,
    siblings by slug), each node's rows in the order its file holds them."""
    seen, out = set(), []
    for path in [os.path.join(site, "data", "indicators.csv")] + \
            sorted(glob.glob(os.path.join(site, "data", "*", "indicators.csv"))):
        for r in rows(path):
            if r not in seen:
                seen.add(r)
                out.append(r)
    out.sort(key=lambda r: tuple(r[0].split("/")) if r[0] else ())
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(out)
    return True


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "union":
        ok = print_union(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "split":
        ok = check_split(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "incremental":
        ok = check_incremental(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
