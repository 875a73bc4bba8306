#!/usr/bin/env python3
"""The results cache (hasil-*.bin in REKAP_CACHE_DIR) changes nothing but
the time a run takes.

Copies tests/golden/records with the rules and templates into WORK_DIR; the
rules get one more indicator, whose rumus reads the district above a
puskesmas (wilayah.induk). With REKAP_CACHE_STATS=1 counting the posts and
rumus values taken from the cache and those computed, it checks:

  a. a second `rekap check` takes every post and rumus value from the
     cache and prints the same bytes;
  b. after one cell of a laporan.csv edited, `rekap build` with warm
     caches computes exactly that post again (and the rumus values of its
     ancestors, and every value of the rumus reading induk), sums the
     indicators of its four ancestors again (those of whole numbers from
     their children's sums, the one of fractions over their posts) and
     takes every other node's sums from the cache, and writes the site and
     diagnostics of `rekap build --full` into an empty folder without a
     cache, byte for byte; likewise after a year field of kota.md that a
     rumus reads (sk_kesehatan_kerja) is edited;
  c. the rumus reading induk is marked not local: after a post of one
     puskesmas changes, the value of the other puskesmas of the district
     is right (it would be stale if taken from the cache);
  d. changed rules, and another --lang: the cache is not used, silently,
     and the output is that of a run without a cache;
  e. a cache cut short, with a bit flipped or of other bytes is ignored
     with a note and the output stays right; one that cannot be saved is a
     note;
  f. a run in which a rule fails leaves the cache as it was;
  g. a cache cut short whose hash was made to fit is ignored (the reader
     checks every count and length against the bytes left), and one with
     changed bytes and a fitting hash never makes rekap fail (under the
     sanitizers, never reads out of bounds);
  h. the image of the results (hasil-*.img: the arrays of every node's
     values and every post's quantities, mapped and used where they lie,
     and left out of hasil-*.bin): the line of the cache's counts says how
     many blocks came from it (all when nothing changed, all but the
     post's and its ancestors' after one cell edited, b); an image older
     than the cache gives the same site, what changed since computed
     again;
  i. an image cut short, with a bit flipped or of other bytes is ignored
     with a note and the output stays right; one changed under fitting
     hashes never makes rekap fail.

Usage: resultcache.py REKAP SOURCE_DIR WORK_DIR
"""
import os
import random
import re
import shutil
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from postcache import (Failure, Project, bump_cell, check, diagnostics,  # noqa: E402
                       posts_of, settle, spoil_and_check, tree_diff)

POST = "kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a"
DISTRICT = "kalimantan-timur/kota-bontang/kota.md"
RESULTS = re.compile(r"^rekap: cache: (\d+) posts computed from the cache, (\d+) computed; "
                     r"(\d+) rumus values from the cache, (\d+) computed; "
                     r"(\d+) rumus indicators not local; (\d+) nodes' sums from the cache, "
                     r"(\d+) added from their children, (\d+) over their posts; (\d+) blocks "
                     r"of nodes and posts from the image, (\d+) not\n", re.M)
RECORDS = re.compile(r"^rekap: cache: \d+ posts from the cache, \d+ read\n", re.M)
NOTE = "rekap: catatan: cache hasil "
IMAGE_NOTE = "rekap: catatan: citra cache hasil "
# The image's header: magic, then format, folder, key, the five sizes,
# offsets, lengths and hashes of its four parts, its length, and the hash
# of the header before it.
IMAGE_HEADER = struct.Struct("<16s22Q")

# A rumus of puskesmas that reads its district: the visits of every post
# of the district, through wilayah.induk.
INDUK_RULE = """
indikator {
  id = "kunjungan_kabupaten",
  label = "Kunjungan di kabupaten/kota induk",
  arti = "Jumlah kunjungan semua pos di kabupaten/kota puskesmas ini.",
  label_en = "Visits in the parent district",
  arti_en = "Visits of every post in the district of this puskesmas.",
  berlaku = { "puskesmas" },
  lokal = true,
  rumus = function(wilayah, periode)
    return wilayah.induk:jumlah("kunjungan", periode)
  end,
}

-- Visits by a third: fractions, whose sums up the tree are added over the
-- posts in their order, never from the children's.
besaran {
  id = "kunjungan_pertiga",
  label = "Kunjungan per tiga",
  rumus = function(q)
    return q.kunjungan and q.kunjungan / 3
  end,
}

indikator {
  id = "kunjungan_pertiga",
  label = "Kunjungan dibagi tiga",
  arti = "Jumlah kunjungan dibagi tiga.",
  pembilang = "kunjungan_pertiga",
  lokal = true,
}

-- A quantity whose rule fails on an absurd number of visits: a run in
-- which a rule fails must leave the results cache as it was.
besaran {
  id = "uji_gagal",
  label = "Uji",
  rumus = function(q)
    if q.kunjungan and q.kunjungan > 99999 then error("kunjungan tidak masuk akal") end
    return 0
  end,
}
"""


def stats_of(err):
    """The first five counts of the results cache's line (posts, rumus
    values), and stderr without the lines of both caches."""
    found = RESULTS.findall(err)
    check(len(found) == 1, "not one results cache line in:\n" + err)
    return tuple(int(x) for x in found[0][:5]), RECORDS.sub("", RESULTS.sub("", err, count=1))


def sums_of(err):
    """The nodes whose sums came from the cache, were added from their
    children and over their posts, as the results cache's line says."""
    found = RESULTS.findall(err)
    check(len(found) == 1, "not one results cache line in:\n" + err)
    return tuple(int(x) for x in found[0][5:8])


def image_of(err):
    """The blocks of nodes and posts taken from the image as they lie, and
    those computed again, as the results cache's line says."""
    found = RESULTS.findall(err)
    check(len(found) == 1, "not one results cache line in:\n" + err)
    return tuple(int(x) for x in found[0][8:])


def blocks(prj):
    """The blocks of the image: one per node, one more per post."""
    return nodes_above_posts(prj) + 2 * posts_of(prj.path("records"))


def hasil_file(prj, cache=None):
    cache = cache or prj.cache
    names = [n for n in os.listdir(cache) if n.startswith("hasil-") and n.endswith(".bin")]
    check(len(names) == 1, "not one results cache in %s: %s" % (cache, names))
    return os.path.join(cache, names[0])


def check_twice(prj):
    """a: the second check takes everything from the cache, same bytes."""
    cache = prj.fresh_cache()
    first = prj.run("check", cache=cache)
    (hits, n, vhits, vn, not_local), first_err = stats_of(first.stderr)
    check(hits == 0 and n == posts_of(prj.path("records")) and vhits == 0 and vn > 0,
          "a fresh cache: %s" % first.stderr)
    check(not_local == 1, "the rumus reading induk is not marked: %d not local" % not_local)
    above = nodes_above_posts(prj)
    restored, children, posts = sums_of(first.stderr)
    check(restored == 0 and children + posts == above and posts > 0,
          "a fresh cache: %d/%d/%d nodes' sums from the cache/children/posts, want 0 and %d "
          "in all" % (restored, children, posts, above))
    check(image_of(first.stderr) == (0, blocks(prj)),
          "a fresh cache: %s blocks from the image" % (image_of(first.stderr),))
    second = prj.run("check", cache=cache)
    check(image_of(second.stderr) == (blocks(prj), 0),
          "the second check: %s blocks from the image/not, want all %d from it"
          % (image_of(second.stderr), blocks(prj)))
    check(sums_of(second.stderr) == (above, 0, 0),
          "the second check: %s nodes' sums from the cache/children/posts, want all %d from "
          "the cache" % (sums_of(second.stderr), above))
    (hits2, n2, vhits2, vn2, _), err = stats_of(second.stderr)
    # the rumus reading induk is computed again on every run
    induk = sum(1 for d, _, files in os.walk(prj.path("records")) if "puskesmas.md" in files)
    check((hits2, n2) == (n, 0) and (vhits2, vn2) == (vn - induk, induk),
          "the second check: %d/%d posts and %d/%d rumus values from the cache/computed, "
          "want %d/0 and %d/%d" % (hits2, n2, vhits2, vn2, n, vn - induk, induk))
    check(second.stdout == first.stdout and err == first_err,
          "the second check printed other bytes:\n--- first\n%s--- second\n%s"
          % (first_err, err))
    prj.ok("a second check takes every post and local rumus value from the cache, same output")


def nodes_above_posts(prj):
    """The nodes of the records that are not posts: the nation, and every
    folder with a provinsi.md, kabupaten.md, kota.md or puskesmas.md."""
    marks = ("provinsi.md", "kabupaten.md", "kota.md", "puskesmas.md")
    return 1 + sum(1 for _, _, files in os.walk(prj.path("records"))
                   if any(m in files for m in marks))


def build_and_compare(prj, what, posts_want, values_min=0, sums_want=None, stale=None):
    """b: a build with warm caches equals a full build without them;
    sums_want: the nodes whose sums are computed again, not taken from the
    cache; stale: the blocks of the image not taken from it."""
    p = prj.run("build", "--out", prj.path("site"))
    (hits, n, vhits, vn, _), err = stats_of(p.stderr)
    check(n == posts_want and hits == posts_of(prj.path("records")) - posts_want,
          "%s: %d posts from the cache and %d computed, want %d computed" % (what, hits, n,
                                                                             posts_want))
    check(vn >= values_min and vhits > 0,
          "%s: %d rumus values from the cache and %d computed" % (what, vhits, vn))
    ref = prj.path("ref")
    shutil.rmtree(ref, ignore_errors=True)
    q = prj.run("build", "--full", "--out", ref, cache=prj.fresh_cache(), stats=False)
    check(diagnostics(err) == diagnostics(q.stderr) and p.returncode == q.returncode,
          "%s: diagnostics differ:\n--- cached\n%s\n--- full\n%s" % (what, err, q.stderr))
    diffs = tree_diff(ref, prj.path("site"))
    check(not diffs, "%s: the site differs from a full build:\n  %s"
          % (what, "\n  ".join(diffs[:20])))
    c = prj.run("check")
    cold = prj.run("check", cache=prj.fresh_cache(), stats=False)
    check(stats_of(c.stderr)[1] == cold.stderr and c.stdout == cold.stdout,
          "%s: a warm check differs from a cold one" % what)
    if sums_want is not None:
        restored, children, posts = sums_of(p.stderr)
        check((restored, children, posts) == (nodes_above_posts(prj) - sums_want, 0, sums_want),
              "%s: %d nodes' sums from the cache, %d added from children, %d over posts; "
              "want %d over posts (an indicator of fractions)"
              % (what, restored, children, posts, sums_want))
    if stale is not None:
        check(image_of(p.stderr) == (blocks(prj) - stale, stale),
              "%s: %s blocks from the image/not, want %d not" % (what, image_of(p.stderr), stale))
    return vn


def check_edits(prj):
    rec = prj.path("records")
    prj.run("build", "--out", prj.path("site"))
    settle()
    induk = build_and_compare(prj, "a build with warm caches", 0, sums_want=0, stale=0)
    # b, c: one cell: the post, its puskesmas, district, province and the
    # nation; the page of bontang-barat shows the district's new total
    bump_cell(os.path.join(rec, POST, "laporan.csv"))
    settle()
    # the image: the post's quantities, and the values of the post and its
    # four ancestors, are stale
    vn = build_and_compare(prj, "a cell of laporan.csv", 1, induk + 1, sums_want=4, stale=6)
    page = os.path.join(prj.path("site"), "kalimantan-timur/kota-bontang/bontang-barat/index.md")
    check("Kunjungan di kabupaten/kota induk" in open(page, encoding="utf-8").read(),
          "the rumus reading induk is not on the page of bontang-barat")
    prj.ok("a cell of laporan.csv: one post and %d rumus values computed, same site, "
           "check and diagnostics as without a cache" % vn)
    # a year field a rumus reads (SITKO's criterion b)
    path = os.path.join(rec, DISTRICT)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    check("sk_kesehatan_kerja: 2023" in text, "kota.md has no sk_kesehatan_kerja: 2023")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("sk_kesehatan_kerja: 2023", "sk_kesehatan_kerja: 2025"))
    settle()
    # the image, written by the first build, is stale also where the cell changed
    vn = build_and_compare(prj, "sk_kesehatan_kerja of kota.md", 0, induk + 1, sums_want=3,
                           stale=6)
    prj.ok("sk_kesehatan_kerja of kota.md: %d rumus values computed, same site and "
           "diagnostics as without a cache" % vn)


def check_invalidated(prj):
    """d: other rules or another --lang: not used, nothing said."""
    n = posts_of(prj.path("records"))
    prj.run("check")
    p = prj.run("check", "--lang", "en")
    (hits, computed, vhits, _, _), err = stats_of(p.stderr)
    cold = prj.run("check", "--lang", "en", cache=prj.fresh_cache(), stats=False)
    check((hits, computed, vhits) == (0, n, 0) and err == cold.stderr and NOTE not in err,
          "--lang en after Indonesian: %d posts from the cache, or other output:\n%s"
          % (hits, err))
    prj.ok("another --lang: the cache is not used, same output as without it")
    path = os.path.join(prj.path("lua"), "05-validasi.lua")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n-- ubah\n")
    p = prj.run("check", "--lang", "en")
    (hits, computed, vhits, _, _), err = stats_of(p.stderr)
    check((hits, computed, vhits) == (0, n, 0) and err == cold.stderr and NOTE not in err,
          "changed rules: %d posts from the cache, or other output:\n%s" % (hits, err))
    prj.ok("changed rules: the cache is not used, same output")


def check_damage(prj):
    """e: a cache that cannot be trusted is ignored with a note."""
    cold = prj.run("check", cache=prj.fresh_cache(), stats=False)
    n = posts_of(prj.path("records"))

    def damaged(what, spoil):
        prj.run("check")  # a whole cache again
        (hits, computed, vhits, _, _), _ = spoil_and_check(prj, what, hasil_file(prj), spoil,
                                                           NOTE, cold, stats_of)
        check((hits, computed, vhits) == (0, n, 0), "%s: %d posts taken from the cache"
              % (what, hits))
        prj.ok(what + ": ignored with a note, same output")

    damaged("a results cache cut short", lambda d: d[:len(d) // 2])
    damaged("a results cache cut by its last byte", lambda d: d[:-1])
    damaged("a results cache with one bit flipped",
            lambda d: d[:len(d) // 2] + bytes([d[len(d) // 2] ^ 4]) + d[len(d) // 2 + 1:])
    damaged("a results cache of other bytes", lambda d: os.urandom(len(d)))

    # a cache folder that cannot be written: a note, the same output
    blocker = prj.path("not-a-folder")
    open(blocker, "w").close()
    p = prj.run("check", cache=os.path.join(blocker, "cache"), stats=False)
    notes = [line for line in p.stderr.splitlines() if line.startswith(NOTE)]
    check(len(notes) == 1 and "tidak dapat disimpan" in notes[0],
          "a results cache that cannot be saved: no note:\n" + p.stderr)
    rest = [line for line in p.stderr.splitlines()
            if not line.startswith(("rekap: catatan: cache", IMAGE_NOTE))]
    check(rest == cold.stderr.splitlines() and p.returncode == cold.returncode,
          "a results cache that cannot be saved: other output")
    prj.ok("a results cache that cannot be saved: a note, same output")


def set_visits(path, value):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cells = lines[1].split(",")
    cells[lines[0].split(",").index("kunjungan_l")] = value
    lines[1] = ",".join(cells)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def check_errors(prj):
    """f: a run in which a rule fails writes no cache."""
    prj.run("check")
    path = hasil_file(prj)
    with open(path, "rb") as f:
        before = f.read()
    lap = os.path.join(prj.path("records"), POST, "laporan.csv")
    with open(lap, encoding="utf-8") as f:
        text = f.read()
    check(text.split("\n")[0].count(",") > 0, "laporan.csv is not comma-separated")
    set_visits(lap, "100000")
    settle()
    p = prj.run("check", ok=(1,))
    check("kunjungan tidak masuk akal" in p.stderr, "the rule did not fail:\n" + p.stderr)
    with open(path, "rb") as f:
        check(f.read() == before, "a run in which a rule failed changed the results cache")
    with open(lap, "w", encoding="utf-8") as f:
        f.write(text)
    settle()
    p = prj.run("check")
    (hits, computed, _, _, _), _ = stats_of(p.stderr)
    check((hits, computed) == (posts_of(prj.path("records")), 0),
          "after the error was fixed: %d posts from the cache, %d computed" % (hits, computed))
    prj.ok("a run with an error leaves the results cache as it was")


def checksum(data):
    """The hash of the file's last eight bytes (postcache.c's checksum):
    four FNV-style lanes over steps of 32 bytes, then FNV-1a over the
    lanes' bytes and the bytes short of a step."""
    mask, prime = (1 << 64) - 1, 0x100000001b3
    init = 0xcbf29ce484222325
    lanes = [init + i for i in range(4)]
    whole = len(data) // 32 * 32
    for i in range(0, whole, 32):
        for k in range(4):
            w = int.from_bytes(data[i + 8 * k:i + 8 * k + 8], "little")
            h = ((lanes[k] ^ w) * prime) & mask
            lanes[k] = h ^ (h >> 29)
    h = init
    for b in b"".join(x.to_bytes(8, "little") for x in lanes) + data[whole:]:
        h = ((h ^ b) * prime) & mask
    return h


def check_forged(prj):
    """g: broken bytes under a fitting hash."""
    cold = prj.run("check", cache=prj.fresh_cache(), stats=False)
    rnd = random.Random(21)
    prj.run("check")
    path = hasil_file(prj)
    with open(path, "rb") as f:
        body = f.read()[:-8]
    check(checksum(body) == int.from_bytes(open(path, "rb").read()[-8:], "little"),
          "the test's checksum is not the cache's")
    for i in range(60):
        pos = rnd.randrange(len("rekap-hasil\n"), len(body))
        if i % 2 == 0:
            forged = body[:pos]
        else:
            forged = body[:pos] + bytes([body[pos] ^ (1 << rnd.randrange(8))]) + body[pos + 1:]
        with open(path, "wb") as f:
            f.write(forged + checksum(forged).to_bytes(8, "little"))
        p = prj.run("check")
        _, err = stats_of(p.stderr)
        err = "".join(line + "\n" for line in err.splitlines() if not line.startswith(NOTE))
        check(p.returncode == cold.returncode and "Sanitizer" not in err,
              "a cache with byte %d changed under a fitting hash: rekap failed:\n%s" % (pos, err))
        if i % 2 == 0:
            check(err == cold.stderr and p.stdout == cold.stdout,
                  "a cache cut at byte %d under a fitting hash: other output:\n%s" % (pos, err))
    prj.ok("a cache cut short or changed under a fitting hash: never trusted past its bytes")


def image_file(prj):
    return hasil_file(prj)[:-len(".bin")] + ".img"


def check_stale_image(prj):
    """h: an image older than the cache, which left out what the image
    held when it was saved: the post that changed since is computed again,
    its ancestors' sums too, the other blocks are used as they lie."""
    rec = prj.path("records")
    os.remove(image_file(prj))
    prj.run("build", "--out", prj.path("site"))  # a new image
    with open(image_file(prj), "rb") as f:
        old = f.read()
    bump_cell(os.path.join(rec, POST, "laporan.csv"))
    settle()
    os.remove(image_file(prj))
    prj.run("build", "--out", prj.path("site"))  # a new image, and the cache without the post's quantities
    with open(image_file(prj), "wb") as f:
        f.write(old)
    build_and_compare(prj, "an image older than the cache", 1, sums_want=4, stale=6)
    prj.ok("an image older than the cache: the post changed since computed again, same site")


def image_parts(data):
    """The header's fields as a list, and the offsets and lengths of the
    parts."""
    fields = list(IMAGE_HEADER.unpack_from(data))
    return fields, fields[9:13], fields[13:17]


def check_image_damage(prj):
    """i: an image that cannot be trusted is ignored with a note; one
    changed under fitting hashes never makes rekap fail."""
    cold = prj.run("check", cache=prj.fresh_cache(), stats=False)

    def flip(d):
        _, off, length = image_parts(d)
        at = off[1] + length[1] // 2
        return d[:at] + bytes([d[at] ^ 16]) + d[at + 1:]

    def damaged(what, spoil):
        prj.run("check")  # a whole image again
        _, p = spoil_and_check(prj, what, image_file(prj), spoil, IMAGE_NOTE, cold, stats_of)
        check(image_of(p.stderr)[0] == 0, "%s: blocks taken from the image" % what)
        prj.ok(what + ": ignored with a note, same output")

    damaged("an image cut short", lambda d: d[:len(d) // 2])
    damaged("an image cut by its last byte", lambda d: d[:-1])
    damaged("an image with one bit of its values flipped", flip)
    damaged("an image of other bytes", lambda d: os.urandom(len(d)))

    prj.run("check")
    path = image_file(prj)
    with open(path, "rb") as f:
        data = flip(f.read())
    fields, off, length = image_parts(data)
    fields[18] = checksum(data[off[1]:off[1] + length[1]])
    head = IMAGE_HEADER.pack(*fields)
    fields[22] = checksum(head[:IMAGE_HEADER.size - 8])
    head = IMAGE_HEADER.pack(*fields)
    with open(path, "wb") as f:
        f.write(head + data[len(head):])
    p = prj.run("check")
    check(p.returncode == cold.returncode and "Sanitizer" not in p.stderr
          and image_of(p.stderr)[0] > 0,
          "an image changed under fitting hashes: rekap failed or did not use it:\n" + p.stderr)
    os.remove(path)  # its values are wrong: the next checks want right ones
    prj.ok("an image changed under fitting hashes: used, rekap does not fail")


def main():
    rekap, src, work = sys.argv[1:4]
    rekap = os.path.abspath(rekap)
    prj = Project(rekap, src, work)
    with open(prj.path("lua", "03-indikator.lua"), "a", encoding="utf-8") as f:
        f.write(INDUK_RULE)
    try:
        check_twice(prj)
        check_edits(prj)
        check_errors(prj)
        check_damage(prj)
        check_stale_image(prj)
        check_image_damage(prj)
        check_forged(prj)
        check_invalidated(prj)
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    print("resultcache: %d checks passed" % prj.oks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
