#!/usr/bin/env python3
"""The records cache (rekaman-*.bin in REKAP_CACHE_DIR) changes nothing but
the time a run takes.

Copies tests/golden/records with the rules and templates into WORK_DIR and
checks, with REKAP_CACHE_STATS=2 counting the posts (and profiles) taken from
the cache and those read from their files:

  a. `rekap check` twice with a fresh cache folder, on the golden records,
     on the broken ones of tests/diagnostics and on seven posts with one
     message shared (shortened in the text): the second run takes every
     post from the cache and prints the same bytes;
  b. after one cell of a laporan.csv edited, a same-size edit whose
     modification time is put back, a file added to a post's folder, a
     kader.csv renamed (and named back) and a post deleted, `rekap build` with the warm cache
     reads exactly the changed post, and writes the site and diagnostics of
     `rekap build --full` into an empty folder without a cache, byte for byte;
  c. a cache cut short, with a bit flipped, copied from another records
     folder or replaced by other bytes is ignored with a note; one that
     cannot be saved is a note; the output stays right;
  d. another --lang, or changed rules: the cache is not used, silently;
  e. the profiles (provinsi.md, kabupaten.md, kota.md, puskesmas.md) come
     from the cache too (REKAP_CACHE_STATS=2 counts them): an edited one
     is read again, with what its change reaches (the posts quoting a
     puskesmas's name, the puskesmas checked against a district's code);
  f. an edit saves only the changes beside the cache (-ubahan.bin), which
     the next run applies; changes cut short, damaged, of other bytes or
     of another cache are ignored with a note; past an eighth of the
     cache, it is written whole again and the changes removed.

Usage: postcache.py REKAP SOURCE_DIR WORK_DIR
"""
import filecmp
import os
import re
import shutil
import subprocess
import sys
import time

POST = "kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a"
OTHER = "kalimantan-timur/kabupaten-berau/sambaliung/sawit-tumbit"
DISEASES = "kalimantan-timur/kota-bontang/bontang-barat/bengkel-las"  # holds a penyakit.csv
STATS = re.compile(r"^rekap: cache: (\d+) posts from the cache, (\d+) read\n", re.M)
# with REKAP_CACHE_STATS=2: provinsi.md, kabupaten.md, kota.md and puskesmas.md
PROFILES = re.compile(r"^rekap: cache: (\d+) profiles from the cache, (\d+) read\n", re.M)
# the results cache's line (tests/cli/resultcache.py reads it)
RESULTS = re.compile(r"^rekap: cache: \d+ posts computed from the cache, .*\n", re.M)
NOTE = "rekap: catatan: cache rekaman "
OVERLAY = "-ubahan.bin"  # the changes saved beside the cache


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


class Project:
    def __init__(self, rekap, src, work):
        self.rekap, self.src, self.work = rekap, src, work
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        shutil.copytree(os.path.join(src, "tests/golden/records"), self.path("records"))
        shutil.copytree(os.path.join(src, "lua"), self.path("lua"))
        shutil.copytree(os.path.join(src, "templates"), self.path("templates"))
        shutil.copytree(os.path.join(src, "data"), self.path("data"))
        self.cache = self.path("cache")
        self.fresh = 0
        self.oks = 0
        self.stats_level = "1"  # "2": the profiles' counts too

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def env(self, cache, stats=True):
        env = dict(os.environ, REKAP_CACHE_DIR=cache, REKAP_TODAY="2025-06-30")
        env.pop("REKAP_CACHE_STATS", None)
        if stats:
            env["REKAP_CACHE_STATS"] = self.stats_level
        return env

    def fresh_cache(self):
        self.fresh += 1
        return self.path("fresh-cache-%d" % self.fresh)

    def run(self, cmd, *extra, cache=None, stats=True, records=None, ok=(0, 1)):
        args = [self.rekap, cmd, "--records", records or self.path("records"),
                "--rules", self.path("lua")]
        if cmd == "build":
            args += ["--templates", self.path("templates")]
        p = subprocess.run(args + list(extra), env=self.env(cache or self.cache, stats),
                           capture_output=True, text=True, timeout=300)
        check(p.returncode in ok, "rekap %s %s failed (%d):\n%s"
              % (cmd, " ".join(extra), p.returncode, p.stderr))
        return p

    def ok(self, what):
        self.oks += 1
        print("ok %d - %s" % (self.oks, what))


def stats_of(err):
    """(from the cache, read) as the stats line says, and stderr without it
    (and without the profiles' and the results cache's lines)."""
    found = STATS.findall(err)
    check(len(found) == 1, "not one stats line in:\n" + err)
    return (int(found[0][0]), int(found[0][1])), \
        PROFILES.sub("", RESULTS.sub("", STATS.sub("", err, count=1)))


def profile_stats(err):
    """(from the cache, read) of the profiles."""
    found = PROFILES.findall(err)
    check(len(found) == 1, "not one profiles stats line in:\n" + err)
    return int(found[0][0]), int(found[0][1])


def diagnostics(err):
    """The diagnostic lines of a build's stderr (not its summary or notes)."""
    return [line for line in err.splitlines() if not line.startswith("rekap:")]


def tree_diff(a, b):
    cmp = filecmp.dircmp(a, b)
    diffs = []

    def walk(c, rel):
        diffs.extend(os.path.join(rel, x) for x in c.left_only + c.right_only + c.diff_files)
        for name, sub in c.subdirs.items():
            walk(sub, os.path.join(rel, name))
    walk(cmp, "")
    # dircmp compares shallowly: compare every common file byte for byte too
    for d, _, files in os.walk(a):
        for name in files:
            pa = os.path.join(d, name)
            pb = os.path.join(b, os.path.relpath(pa, a))
            if os.path.exists(pb) and not filecmp.cmp(pa, pb, shallow=False):
                diffs.append(os.path.relpath(pa, a))
    return sorted(set(diffs))


def posts_of(records):
    return sum(1 for d, _, files in os.walk(records) if "pos.md" in files)


def profiles_of(records):
    names = ("provinsi.md", "kabupaten.md", "kota.md", "puskesmas.md")
    return sum(1 for d, _, files in os.walk(records) if any(n in files for n in names))


def check_twice(prj, records, what):
    """a: the second check takes every post from the cache, same bytes."""
    settle()  # the records may have just been copied
    cache = prj.fresh_cache()
    first = prj.run("check", cache=cache, records=records)
    (hits, n), first_err = stats_of(first.stderr)
    check(hits == 0 and n > 0, "%s: a fresh cache gave %d posts" % (what, hits))
    phits, m = profile_stats(first.stderr)
    check(phits == 0 and m > 0, "%s: a fresh cache gave %d profiles" % (what, phits))
    second = prj.run("check", cache=cache, records=records)
    (hits, read), err = stats_of(second.stderr)
    check((hits, read) == (n, 0), "%s: second check took %d posts from the cache and read %d, "
          "want %d and 0" % (what, hits, read, n))
    check(profile_stats(second.stderr) == (m, 0),
          "%s: second check took %d profiles from the cache and read %d, want %d and 0"
          % ((what,) + profile_stats(second.stderr) + (m,)))
    check(second.stdout == first.stdout and err == first_err
          and second.returncode == first.returncode,
          "%s: the second check printed other bytes:\n--- first\n%s--- second\n%s"
          % (what, first_err, err))
    for lang in ("id", "en"):
        third = prj.run("check", "--lang", lang, "--jobs", "3", cache=cache, records=records,
                        stats=False)
        cold = prj.run("check", "--lang", lang, cache=prj.fresh_cache(), records=records,
                       stats=False)
        check(third.stderr == cold.stderr, "%s --lang %s: warm and cold differ" % (what, lang))
    prj.ok(what + ": a second check takes every post from the cache, same output")


def build_and_compare(prj, what, read_want, profiles_want=0):
    """b: a build with the warm cache equals a full build without one."""
    p = prj.run("build", "--out", prj.path("site"))
    (hits, read), err = stats_of(p.stderr)
    n = posts_of(prj.path("records"))
    check(read == read_want and hits == n - read_want,
          "%s: %d posts from the cache and %d read, want %d and %d"
          % (what, hits, read, n - read_want, read_want))
    phits, pread = profile_stats(p.stderr)
    m = profiles_of(prj.path("records"))
    check(pread == profiles_want and phits == m - profiles_want,
          "%s: %d profiles from the cache and %d read, want %d and %d"
          % (what, phits, pread, m - profiles_want, profiles_want))
    ref = prj.path("ref")
    shutil.rmtree(ref, ignore_errors=True)
    q = prj.run("build", "--full", "--out", ref, cache=prj.fresh_cache(), stats=False)
    check(diagnostics(err) == diagnostics(q.stderr) and p.returncode == q.returncode,
          "%s: diagnostics differ:\n--- cached\n%s\n--- full\n%s" % (what, err, q.stderr))
    if q.returncode == 0:
        diffs = tree_diff(ref, prj.path("site"))
        check(not diffs, "%s: the site differs from a full build:\n  %s"
              % (what, "\n  ".join(diffs[:20])))
    prj.ok("%s: %d post(s) read, the rest from the cache, same site and diagnostics"
           % (what, read_want))
    return err


def settle():
    """Files changed in the clock tick a run starts in are not cached (they
    could change again unseen): let the tick pass."""
    time.sleep(0.05)


def bump_cell(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
    cells = lines[1].split(sep)
    i = lines[0].split(sep).index("kunjungan_l")
    cells[i] = str(int(cells[i]) + 1)
    lines[1] = sep.join(cells)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def same_size_edit(path):
    """One digit of the first data row changed in place, the modification
    time put back: only the change time and the bytes tell."""
    st = os.stat(path)
    with open(path, "r+b") as f:
        data = f.read()
        head = data.index(b"\n") + 1
        m = re.compile(rb",(\d)").search(data, head)
        digit = m.group(1)
        f.seek(m.start(1))
        f.write(b"7" if digit != b"7" else b"3")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    check(os.stat(path).st_mtime_ns == st.st_mtime_ns and os.stat(path).st_size == st.st_size,
          "the same-size edit changed the size or time")


def check_edits(prj):
    rec = prj.path("records")
    prj.run("build", "--out", prj.path("site"))
    settle()
    build_and_compare(prj, "a build with a warm cache", 0)
    edits = [
        ("a cell of laporan.csv", lambda: bump_cell(os.path.join(rec, POST, "laporan.csv"))),
        ("a same-size edit of laporan.csv, its time put back",
         lambda: same_size_edit(os.path.join(rec, POST, "laporan.csv"))),
        ("a file added to a post's folder",
         lambda: open(os.path.join(rec, OTHER, "catatan.txt"), "w").write("x\n")),
        ("kader.csv renamed", lambda: os.rename(os.path.join(rec, POST, "kader.csv"),
                                                os.path.join(rec, POST, "Kader.csv"))),
        ("kader.csv named back", lambda: os.rename(os.path.join(rec, POST, "Kader.csv"),
                                                   os.path.join(rec, POST, "kader.csv"))),
        # a file the entry knows as absent is not looked for: the folder tells
        ("penyakit.csv added", lambda: shutil.copy(os.path.join(rec, DISEASES, "penyakit.csv"),
                                                   os.path.join(rec, POST, "penyakit.csv"))),
        ("penyakit.csv removed", lambda: os.remove(os.path.join(rec, POST, "penyakit.csv"))),
    ]
    for what, edit in edits:
        edit()
        settle()
        build_and_compare(prj, what, 1)
    shutil.rmtree(os.path.join(rec, OTHER))
    settle()
    build_and_compare(prj, "a post deleted", 0)


def edit_text(path, old, new, count=1):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    check(old in text, "%s does not hold %r" % (path, old))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, count))


def check_profiles(prj):
    """e: an edited profile is read again, and what its change reaches:
    the rest comes from the cache."""
    rec = prj.path("records")
    kota = os.path.join(rec, "kalimantan-timur/kota-bontang/kota.md")
    pusk_dir = os.path.join(rec, os.path.dirname(POST))
    prj.run("build", "--out", prj.path("site"))
    settle()
    with open(kota, "a", encoding="utf-8") as f:
        f.write("\nCatatan baru tentang kota ini.\n")
    settle()
    build_and_compare(prj, "kota.md's text edited", 0, 1)
    same_size_edit_md(os.path.join(rec, "jambi/provinsi.md"))
    settle()
    build_and_compare(prj, "a same-size edit of provinsi.md, its time put back", 0, 1)
    # the posts quote their puskesmas's name: read again with it
    edit_text(os.path.join(pusk_dir, "puskesmas.md"), "nama: ", "nama: Baru ")
    settle()
    build_and_compare(prj, "puskesmas.md's nama changed", posts_of(pusk_dir), 1)
    # a code a district's puskesmas are checked against: they are read again
    edit_text(kota, 'kode: "64.74"', 'kode: "64.75"')
    settle()
    build_and_compare(prj, "kota.md's kode changed", 0, 3)
    edit_text(kota, 'kode: "64.75"', 'kode: "64.74"')
    settle()
    build_and_compare(prj, "kota.md's kode changed back", 0, 3)
    # a post's code is checked against its puskesmas's: the posts, read
    # again with it, get the warning, and lose it again
    pusk = os.path.join(pusk_dir, "puskesmas.md")
    edit_text(pusk, 'kode: "P6474010201"', 'kode: "P6474010202"')
    settle()
    err = build_and_compare(prj, "puskesmas.md's kode changed", posts_of(pusk_dir), 1)
    check("diawali kode puskesmas lain (P6474010201)" in err,
          "no warning for the posts of a puskesmas whose code changed:\n%s" % err)
    edit_text(pusk, 'kode: "P6474010202"', 'kode: "P6474010201"')
    settle()
    err = build_and_compare(prj, "puskesmas.md's kode changed back", posts_of(pusk_dir), 1)
    check("diawali kode puskesmas lain" not in err, "warning left:\n%s" % err)


def same_size_edit_md(path):
    """One letter of the body changed in place, the modification time put
    back: only the change time and the bytes tell."""
    st = os.stat(path)
    with open(path, "r+b") as f:
        data = f.read()
        body = data.index(b"---", 3) + 4
        m = re.compile(rb"[a-z]").search(data, body)
        f.seek(m.start())
        f.write(b"x" if m.group(0) != b"x" else b"y")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    check(os.stat(path).st_mtime_ns == st.st_mtime_ns and os.stat(path).st_size == st.st_size,
          "the same-size edit changed the size or time")


def overlay_of(prj, cache=None):
    return cache_file(prj, cache)[:-len(".bin")] + OVERLAY


def check_overlay(prj):
    """f: after an edit only the changes are saved beside the cache, and
    applied by the next run; changes that cannot be trusted are ignored
    with a note; past a share of the cache, it is written whole again."""
    rec = prj.path("records")
    posts = sorted(os.path.relpath(d, rec) for d, _, files in os.walk(rec) if "pos.md" in files)
    n = posts_of(rec)
    shutil.rmtree(prj.cache)
    prj.run("check")
    settle()
    base, over = cache_file(prj), overlay_of(prj)
    with open(base, "rb") as f:
        whole = f.read()
    mtime = os.stat(base).st_mtime_ns
    check(not os.path.exists(over), "changes saved beside a cache written whole")
    bump_cell(os.path.join(rec, POST, "laporan.csv"))
    settle()
    build_and_compare(prj, "an edit saved as changes", 1)
    with open(base, "rb") as f:
        check(f.read() == whole and os.stat(base).st_mtime_ns == mtime and os.path.exists(over),
              "an edit rewrote the cache instead of saving the changes beside it")
    over_mtime = os.stat(over).st_mtime_ns
    settle()
    build_and_compare(prj, "the changes applied", 0)
    check(os.stat(over).st_mtime_ns == over_mtime and os.stat(base).st_mtime_ns == mtime,
          "a run without edits wrote the cache")
    prj.ok("an edit saves only the changes; a run without edits writes nothing")

    with open(over, "rb") as f:
        good = f.read()
    cold = prj.run("check", cache=prj.fresh_cache(), stats=False)

    def spoiled(what, data):
        with open(over, "wb") as f:
            f.write(data)
        p = prj.run("check")
        (hits, read), err = stats_of(p.stderr)
        notes = [line for line in err.splitlines() if line.startswith(NOTE)]
        check(len(notes) == 1 and "diabaikan" in notes[0] and over in notes[0],
              "%s: no note that the changes were ignored:\n%s" % (what, err))
        # the cache itself holds: only the post changed since it was written is read
        check((hits, read) == (n - 1, 1), "%s: %d posts from the cache and %d read, want %d and 1"
              % (what, hits, read, n - 1))
        check(err.replace(notes[0] + "\n", "") == cold.stderr and p.stdout == cold.stdout,
              "%s: the output differs from a run without cache:\n%s" % (what, err))
        q = prj.run("check")
        check(stats_of(q.stderr)[0] == (n, 0) and NOTE not in q.stderr,
              "%s: the changes were not saved again" % what)
        prj.ok(what + ": ignored with a note, same output, saved again")

    spoiled("changes cut short", good[:len(good) // 2])
    spoiled("changes cut by their last byte", good[:-1])
    spoiled("changes with one bit flipped",
            good[:len(good) // 2] + bytes([good[len(good) // 2] ^ 4]) + good[len(good) // 2 + 1:])
    spoiled("changes of other bytes", os.urandom(len(good)))
    spoiled("empty changes", b"")
    # the changes of another records folder's cache
    other = prj.path("records-ubahan")
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(rec, other)
    settle()
    other_cache = prj.fresh_cache()
    prj.run("check", cache=other_cache, records=other)
    settle()
    bump_cell(os.path.join(other, POST, "laporan.csv"))
    settle()
    prj.run("check", cache=other_cache, records=other)
    with open(overlay_of(prj, other_cache), "rb") as f:
        spoiled("the changes of another records folder's cache", f.read())

    # past an eighth of the cache: written whole, the changes removed
    for post in [p for p in posts if p != POST][:2]:
        bump_cell(os.path.join(rec, post, "laporan.csv"))
    settle()
    build_and_compare(prj, "three posts edited", 2)
    with open(base, "rb") as f:
        check(f.read() != whole and not os.path.exists(over),
              "changes past an eighth of the cache were not merged into it")
    build_and_compare(prj, "the cache written whole again", 0)
    prj.ok("changes past an eighth of the cache: written whole, the changes removed")
    # changes kept from before it was written whole are another file's
    with open(over, "wb") as f:
        f.write(good)
    p = prj.run("check")
    (hits, read), err = stats_of(p.stderr)
    notes = [line for line in err.splitlines() if line.startswith(NOTE)]
    check(len(notes) == 1 and over in notes[0] and (hits, read) == (n, 0),
          "the changes of the cache before it was written whole: not ignored with a note:\n"
          + err)
    check(not os.path.exists(over) or prj.run("check").stderr.find(NOTE) < 0,
          "the stale changes were noted again")
    prj.ok("the changes of the cache before it was written whole: ignored with a note")


def cache_file(prj, cache=None):
    cache = cache or prj.cache
    names = [n for n in os.listdir(cache) if n.startswith("rekaman-") and n.endswith(".bin")
             and not n.endswith(OVERLAY)]
    check(len(names) == 1, "not one records cache in %s: %s" % (cache, names))
    return os.path.join(cache, names[0])


def spoil_and_check(prj, what, path, spoil, note, cold, counts_of):
    """Rewrite the file at path as spoil(its bytes), then check again: one
    line beginning with note, which names path and says it was ignored, and
    otherwise the output of cold (a run without cache). Returns the counts
    counts_of reads from the run's stderr, and the run."""
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(spoil(data))
    p = prj.run("check")
    counts, err = counts_of(p.stderr)
    notes = [line for line in err.splitlines() if line.startswith(note)]
    check(len(notes) == 1 and "diabaikan" in notes[0] and path in notes[0],
          "%s: no note that it was ignored:\n%s" % (what, err))
    check(err.replace(notes[0] + "\n", "") == cold.stderr and p.stdout == cold.stdout,
          "%s: the output differs from a run without cache:\n%s" % (what, err))
    return counts, p


def check_damage(prj):
    """c: a cache that cannot be trusted is ignored with a note."""
    cold = prj.run("check", cache=prj.fresh_cache(), stats=False)
    n = posts_of(prj.path("records"))

    def damaged(what, spoil):
        prj.run("check")  # a whole cache again
        (hits, read), _ = spoil_and_check(prj, what, cache_file(prj), spoil, NOTE, cold,
                                          stats_of)
        check((hits, read) == (0, n), "%s: %d posts taken from the cache" % (what, hits))
        prj.ok(what + ": ignored with a note, same output")

    damaged("a cache cut short", lambda d: d[:len(d) // 2])
    damaged("a cache cut by its last byte", lambda d: d[:-1])
    damaged("a cache with one bit flipped",
            lambda d: d[:len(d) // 2] + bytes([d[len(d) // 2] ^ 4]) + d[len(d) // 2 + 1:])
    # the hash takes the bytes 32 at a time, then those short of a step
    damaged("a cache with one bit flipped just before its hash",
            lambda d: d[:-9] + bytes([d[-9] ^ 1]) + d[-8:])
    damaged("a cache with one bit flipped in its hash",
            lambda d: d[:-1] + bytes([d[-1] ^ 128]))
    damaged("a cache of other bytes", lambda d: os.urandom(len(d)))
    damaged("an empty cache", lambda d: b"")

    # another records folder's cache copied over this one's
    other = prj.path("records-lain")
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(prj.path("records"), other)
    settle()
    other_cache = prj.fresh_cache()
    prj.run("check", cache=other_cache, records=other)
    damaged("the cache of another records folder",
            lambda d: open(cache_file(prj, other_cache), "rb").read())

    # a cache folder that cannot be written: a note, the same output
    blocker = prj.path("not-a-folder")
    open(blocker, "w").close()
    p = prj.run("check", cache=os.path.join(blocker, "cache"), stats=False)
    notes = [line for line in p.stderr.splitlines() if line.startswith(NOTE)]
    check(len(notes) == 1 and "tidak dapat disimpan" in notes[0],
          "a cache that cannot be saved: no note:\n" + p.stderr)
    check(p.stderr.replace(notes[0] + "\n", "") == cold.stderr and p.returncode == cold.returncode,
          "a cache that cannot be saved: other output")
    prj.ok("a cache that cannot be saved: a note, same output")


def check_invalidated(prj):
    """d: another language or other rules: not used, nothing said."""
    n = posts_of(prj.path("records"))
    prj.run("check")
    p = prj.run("check", "--lang", "en")
    (hits, read), err = stats_of(p.stderr)
    cold = prj.run("check", "--lang", "en", cache=prj.fresh_cache(), stats=False)
    check((hits, read) == (0, n) and err == cold.stderr and NOTE not in err,
          "--lang en after Indonesian: %d posts from the cache, or other output:\n%s"
          % (hits, err))
    prj.ok("another --lang: the cache is not used, same output as without it")
    path = os.path.join(prj.path("lua"), "03-indikator.lua")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n-- ubah\n")
    p = prj.run("check", "--lang", "en")
    (hits, read), err = stats_of(p.stderr)
    check((hits, read) == (0, n) and err == cold.stderr,
          "changed rules: %d posts from the cache, or other output:\n%s" % (hits, err))
    prj.ok("changed rules: the cache is not used, same output")


def check_shared(prj, src):
    """a: a message shared by seven posts (an unknown column in each
    laporan.csv) is shortened alike from the files and from the cache."""
    records = prj.path("shared-records")
    shutil.copytree(os.path.join(src, "tests/diagnostics/cases/150-kolom-baru-banyak-pos/records"),
                    records)
    check_twice(prj, records, "seven posts with one unknown column")
    cache = prj.fresh_cache()
    for run in range(2):
        err = prj.run("check", cache=cache, records=records, stats=False).stderr
        check(err.count("error: kolom \"kunjungan\" tidak dikenal") == 3
              and "galat ini muncul juga di 4 tempat lain" in err,
              "run %d: the shared error is not shortened to three and a note:\n%s" % (run, err))
    prj.ok("a shared message is shortened alike from the files and from the cache")


def main():
    rekap, src, work = sys.argv[1:4]
    rekap = os.path.abspath(rekap)
    prj = Project(rekap, src, work)
    prj.stats_level = "2"
    try:
        check_twice(prj, prj.path("records"), "the golden records")
        diag = prj.path("diagnostics-records")
        shutil.copytree(os.path.join(src, "tests/diagnostics/records"), diag)
        check_twice(prj, diag, "the broken records of tests/diagnostics")
        check_shared(prj, src)
        check_edits(prj)
        check_profiles(prj)
        check_overlay(prj)
        check_damage(prj)
        check_invalidated(prj)
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    print("postcache: %d checks passed" % prj.oks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
