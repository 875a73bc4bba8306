#!/usr/bin/env python3
"""Every path that writes site/ gives the bytes of `rekap build --full` into
an empty folder.

Copies tests/golden/records with the rules and templates into WORK_DIR, then
writes WORK_DIR/site in every way a user can, and after each one compares the
whole folder, file for file and byte for byte, with a full build of the same
inputs into an empty folder (with a cache of its own, so that nothing is
reused):

  1. a first build, and a second one that keeps everything;
  2. incremental builds after edits of records, rules and templates;
  3. --jobs 1 and --jobs 3;
  4. --formats md, then --formats html,xlsx, then the full set;
  5. files of the site removed, edited or added by hand, each followed by
     two builds (the second one starts from the spare, site.cadangan);
  6. rekap serve while 20 scripted edits of records, rules and templates
     are saved, each followed by a wait for the rebuild; before two of them
     a kept file of the site is edited by hand (in place, and replaced by
     another file), which serve finds after publishing and writes again;
  7. builds killed at several moments and run again;
  8. rules and templates saved while a build runs, then a build;
  9. a build waiting for another one's lock, and three builds at once;
 10. the build record in the cache folder (REKAP_CACHE_DIR) changed in the
     middle, cut short, replaced by another folder's or by other bytes
     (each must be ignored with a note), the rules and the program changed.

Usage: differential.py REKAP SOURCE_DIR WORK_DIR [PART...]
(PART: direct, hand, serve, killed, racing, lock, cache; all of them by default)
"""
import filecmp
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

POST = "kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a"
# a post no edit of edits() writes again but those of the rules and templates
KEPT = "jambi/kota-jambi/paal-merah-1/batik-mandiri"
PUSKESMAS = "kalimantan-timur/kota-bontang/bontang-selatan-1"
WAIT = 30.0


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


class Project:
    def __init__(self, rekap, src, work):
        self.rekap, self.work = rekap, work
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        shutil.copytree(os.path.join(src, "tests/golden/records"), self.path("records"))
        shutil.copytree(os.path.join(src, "lua"), self.path("lua"))
        shutil.copytree(os.path.join(src, "templates"), self.path("templates"))
        self.env = dict(os.environ, REKAP_CACHE_DIR=self.path("cache"))
        self.step = 0

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def args(self, out):
        return ["--records", self.path("records"), "--rules", self.path("lua"),
                "--templates", self.path("templates"), "--out", self.path(out)]

    def build(self, *extra, out="site", env=None):
        p = subprocess.run([self.rekap, "build"] + self.args(out) + list(extra),
                           env=env or self.env, capture_output=True, text=True, timeout=120)
        check(p.returncode == 0, "rekap build %s failed (%d):\n%s"
              % (" ".join(extra), p.returncode, p.stderr))
        return p.stderr

    def compare(self, what):
        """The site must equal a full build into an empty folder."""
        self.step += 1
        ref = self.path("ref")
        shutil.rmtree(ref, ignore_errors=True)
        shutil.rmtree(ref + ".cadangan", ignore_errors=True)
        env = dict(self.env, REKAP_CACHE_DIR=self.path("ref-cache-%d" % self.step))
        self.build("--full", out="ref", env=env)
        diffs = tree_diff(ref, self.path("site"))
        check(not diffs, "%s: the site differs from a full build into an empty folder:\n  %s"
              % (what, "\n  ".join(diffs[:20])))
        print("ok %d - %s" % (self.step, what))

    # ---- edits, each a new state of the inputs

    def append(self, rel, text):
        with open(self.path(rel), "a", encoding="utf-8") as f:
            f.write(text)

    def replace(self, rel, pattern, repl):
        path = self.path(rel)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        new, n = re.subn(pattern, repl, text, count=1, flags=re.M)
        check(n == 1, "edit: %r not found in %s" % (pattern, rel))
        # saved as an editor does: a new file renamed over the old one
        tmp = os.path.join(os.path.dirname(path), ".rekap-uji.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(new)
        os.replace(tmp, path)

    def bump_cell(self, rel, column):
        """Add one to a number in the first data row of a CSV file."""
        path = self.path(rel)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
        head = lines[0].lstrip("\ufeff").split(sep)
        i = head.index(column)
        cells = lines[1].split(sep)
        cells[i] = str(int(cells[i]) + 1)
        lines[1] = sep.join(cells)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))


def files_of(root):
    out = set()
    for d, dirs, files in os.walk(root):
        for name in files + [x for x in dirs if os.path.islink(os.path.join(d, x))]:
            out.add(os.path.relpath(os.path.join(d, name), root))
    return out


def tree_diff(a, b):
    fa, fb = files_of(a), files_of(b)
    diffs = ["only in the full build: " + x for x in sorted(fa - fb)]
    diffs += ["only in the site: " + x for x in sorted(fb - fa)]
    for rel in sorted(fa & fb):
        if not filecmp.cmp(os.path.join(a, rel), os.path.join(b, rel), shallow=False):
            diffs.append("bytes differ: " + rel)
    return diffs


# A cycle of edits touching every kind of input a build reads.
def edits(prj):
    pos = "records/%s/pos.md" % POST
    lap = "records/%s/laporan.csv" % POST
    pusk = "records/%s/puskesmas.md" % PUSKESMAS
    return [
        ("a sentence appended to pos.md", lambda: prj.append(pos, "\nKalimat tambahan.\n")),
        ("a cell of laporan.csv", lambda: prj.bump_cell(lap, "kunjungan_l")),
        ("the post renamed", lambda: prj.replace(pos, r"^nama: .*$", 'nama: "Pos UKK Nelayan A2"')),
        ("a cadre added", lambda: prj.append("records/%s/kader.csv" % POST,
                                             "Kader Baru,P,SMA,2024,ya,\n")),
        ("the puskesmas narrative", lambda: prj.append(pusk, "\nCatatan baru.\n")),
        ("a target in the Lua rules", lambda: prj.replace("lua/03-indikator.lua",
                                                          r"target = 80\b", "target = 81")),
        ("a word in the page template", lambda: prj.replace("templates/halaman.md",
                                                            r"\A", "{{! ubah }}")),
        ("the stylesheet", lambda: prj.append("templates/assets/gaya.css", "\n/* ubah */\n")),
        ("the site title in rekap.yaml", lambda: prj.replace("records/rekap.yaml",
                                                             r"^judul: .*$", 'judul: "Rekap Uji"')),
        ("a cell of laporan.csv again", lambda: prj.bump_cell(lap, "pekerja_l")),
    ]


def check_direct_builds(prj):
    prj.build()
    prj.compare("a first build")
    prj.build()
    prj.compare("a second build that keeps everything")
    for what, edit in edits(prj)[:4]:
        edit()
        prj.build()
        prj.compare("an incremental build after " + what)
    prj.bump_cell("records/%s/laporan.csv" % POST, "sakit_l")
    prj.build("--jobs", "1")
    prj.compare("--jobs 1 after an edit")
    prj.bump_cell("records/%s/laporan.csv" % POST, "sakit_l")
    prj.build("--jobs", "3")
    prj.compare("--jobs 3 after an edit")
    prj.bump_cell("records/%s/laporan.csv" % POST, "kunjungan_p")
    prj.build("--formats", "md")
    prj.bump_cell("records/%s/laporan.csv" % POST, "kunjungan_p")
    prj.build("--formats", "html,xlsx")
    prj.build()
    prj.compare("--formats md, --formats html,xlsx, then every format")
    prj.bump_cell("records/%s/laporan.csv" % POST, "kunjungan_p")
    prj.build("--formats", "md,html,xlsx")
    prj.build("--formats", "csv")
    prj.compare("--formats md,html,xlsx, then --formats csv")


def check_hand_edits(prj):
    site = prj.path("site")
    hand = [
        ("site/assets/gaya.css removed", lambda: os.remove(os.path.join(site, "assets/gaya.css"))),
        ("site/sitemap.xml edited", lambda: open(os.path.join(site, "sitemap.xml"), "a").write("x")),
        ("site/definisi.html removed", lambda: os.remove(os.path.join(site, "definisi.html"))),
        ("site/404.html emptied", lambda: open(os.path.join(site, "404.html"), "w").close()),
        ("a file added to the site", lambda: open(os.path.join(site, "tambahan.html"), "w").write("x")),
        ("a file added to a post's folder",
         lambda: open(os.path.join(site, POST, "lain.md"), "w").write("x")),
        ("a folder added to the site", lambda: os.makedirs(os.path.join(site, "lain/dalam"))),
    ]
    for what, edit in hand:
        prj.build()  # the spare now holds the site before this one
        edit()
        prj.build()
        prj.compare(what + ", then a build")
        prj.build()
        prj.compare(what + ", then a second build (from the spare)")


def read_port(proc, timeout=30.0):
    end = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = end - time.monotonic()
        check(left > 0 and proc.poll() is None, "rekap serve printed no address (%r)" % line)
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 1)
            check(chunk, "rekap serve closed stdout (%r)" % line)
            line += chunk
    m = re.search(rb"http://127\.0\.0\.1:(\d+)/", line)
    check(m, "unexpected address line %r" % line)
    return int(m.group(1))


def version(port):
    with urllib.request.urlopen("http://127.0.0.1:%d/__rekap/versi" % port, timeout=10) as r:
        return int(r.read().strip())


def wait_rebuilt(port, before):
    """Until the version moved past before and then stayed for a second."""
    end = time.monotonic() + WAIT
    last, since = version(port), time.monotonic()
    while True:
        time.sleep(0.1)
        v = version(port)
        if v != last:
            last, since = v, time.monotonic()
        if last > before and time.monotonic() - since >= 1.0:
            return last
        check(time.monotonic() < end, "no rebuild within %.0f s" % WAIT)


def stop_serve(proc, timeout):
    """SIGINT, as Ctrl-C would send; killed when it has not ended within
    timeout seconds."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def replace_file(path, text):
    with open(path + ".baru", "w") as f:
        f.write(text)
    os.replace(path + ".baru", path)


def check_serve(prj):
    log = open(prj.path("serve.log"), "w+b")
    proc = subprocess.Popen([prj.rekap, "serve", "--port", "0"] + prj.args("site"),
                            env=prj.env, stdout=subprocess.PIPE, stderr=log)
    site = prj.path("site")
    hand = {
        # the same file, also the spare's (a hard link): edited in place
        1: ("the kept post's index.md edited in place",
            lambda: open(os.path.join(site, KEPT, "index.md"), "a").write("x")),
        # another file in its place: the spare keeps the old one, and the
        # changed one comes back when the site becomes the spare
        11: ("the kept post's index.html replaced", lambda: replace_file(
            os.path.join(site, KEPT, "index.html"), "<p>diganti</p>")),
    }
    try:
        port = read_port(proc)
        v = wait_rebuilt(port, 0)
        prj.compare("rekap serve's first build")
        cycle = edits(prj)
        for i in range(20):
            what, edit = cycle[i % len(cycle)]
            if i in hand:
                what = hand[i][0] + ", then " + what
                hand[i][1]()
            edit()
            v = wait_rebuilt(port, v)
            prj.compare("rekap serve after edit %d (%s)" % (i + 1, what))
    finally:
        stop_serve(proc, 10)
    check(proc.returncode == 0, "rekap serve exited with %s" % proc.returncode)
    # each hand edit found once: the build after it writes the files again,
    # and the spare, whose copy may be the changed one, takes them from there
    log.seek(0)
    found = log.read().decode().count("diubah di luar rekap")
    log.close()
    check(found == len(hand), "serve found the hand edits %d times, not %d" % (found, len(hand)))
    # the site serve left is trusted by the next plain build
    prj.build()
    prj.compare("a plain build after rekap serve")


def check_killed(prj):
    for i, delay in enumerate([0.0, 0.02, 0.05, 0.08, 0.12]):
        prj.bump_cell("records/%s/laporan.csv" % POST, "rujukan")
        p = subprocess.Popen([prj.rekap, "build", "--jobs", "2"] + prj.args("site"),
                             env=prj.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.kill()
        p.wait()
        prj.build()
        prj.compare("a build killed after %.0f ms, then run again" % (delay * 1000))


def check_edited_during_build(prj):
    """A rule or template saved while a build runs: the build may use the
    old or the new bytes, but the next build must give the new site."""
    edits = [("lua/03-indikator.lua", r"target = (80|81)\b"),
             ("templates/halaman.md", r"\A(\{\{! [ab] \}\})?")]
    for i in range(16):
        rel, pattern = edits[i % 2]
        if rel.endswith(".lua"):
            repl = "target = %d" % (80 + (i // 2) % 2)
        else:
            repl = "{{! %s }}" % "ab"[(i // 2) % 2]
        p = subprocess.Popen([prj.rekap, "build"] + prj.args("site"), env=prj.env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.005 * (i // 2 + 1))
        prj.replace(rel, pattern, repl)
        p.wait()
        prj.build()
        prj.compare("%s saved %d ms into a build, then a build" % (rel, 5 * (i // 2 + 1)))


def check_lock(prj):
    """A second build waits, saying so, while another holds the site."""
    import fcntl
    prj.bump_cell("records/%s/laporan.csv" % POST, "penyuluhan")
    with open(prj.path(".site.kunci"), "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        p = subprocess.Popen([prj.rekap, "build"] + prj.args("site"), env=prj.env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        check(p.poll() is None, "a build did not wait for the lock on .site.kunci")
        fcntl.flock(held, fcntl.LOCK_UN)
    _, err = p.communicate(timeout=60)
    check(p.returncode == 0, "the waiting build failed: " + err)
    check("build lain sedang menulis" in err, "no word that the build waited: " + err)
    prj.compare("a build that waited for another")
    # two builds and a serve rebuild at once, twice over
    for _ in range(2):
        prj.bump_cell("records/%s/laporan.csv" % POST, "penyuluhan")
        procs = [subprocess.Popen([prj.rekap, "build"] + prj.args("site") + extra, env=prj.env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for extra in ([], ["--jobs", "1"], ["--formats", "md"])]
        check(all(p.wait() == 0 for p in procs), "a build run beside others failed")
        prj.build()
        prj.compare("three builds at once, then a build")


def manifest_of(prj, out="site"):
    """The build record of an output folder: the newest one written for it."""
    cache = prj.path("cache")
    names = [os.path.join(cache, n) for n in os.listdir(cache) if n.startswith("sidik-")
             and n.endswith(".txt")]
    check(names, "no build record in the cache folder")
    return max(names, key=os.path.getmtime)


def check_cache(prj):
    """A build record that cannot be trusted is ignored, with a note."""
    lap = "records/%s/laporan.csv" % POST
    note = "catatan build (cache)"

    def build_noting(what):
        err = prj.build()
        check(note in err and "diabaikan" in err, "%s: no note that the cache was ignored:\n%s"
              % (what, err))
        prj.compare(what)

    prj.build()
    prj.bump_cell(lap, "kunjungan_l")
    prj.build()  # from the spare: the post is written, the spare keeps its old files
    prj.compare("a cell edited, built from the spare")
    rec = manifest_of(prj)
    with open(rec, encoding="utf-8") as f:
        text = f.read()
    # the post's files said to be in the spare already: trusted, the spare's
    # old page of the post would be published
    text, n = re.subn(r" 1 (\d+) %s$" % re.escape(POST), r" 0 \1 %s" % POST, text, flags=re.M)
    check(n == 1, "the post's line of the build record not found")
    with open(rec, "w", encoding="utf-8") as f:
        f.write(text)
    build_noting("the build record changed in the middle")

    prj.build()
    prj.bump_cell(lap, "kunjungan_l")
    rec = manifest_of(prj)
    with open(rec, encoding="utf-8") as f:
        text = f.read()
    with open(rec, "w", encoding="utf-8") as f:
        f.write(text[:len(text) // 2])
    build_noting("the build record cut short")

    prj.build("--formats", "md", out="lain")
    other = manifest_of(prj)
    prj.build()
    rec = [os.path.join(prj.path("cache"), n) for n in os.listdir(prj.path("cache"))
           if n.startswith("sidik-") and os.path.join(prj.path("cache"), n) != other]
    check(len(rec) == 1, "the site's build record not found")
    shutil.copy(other, rec[0])
    prj.bump_cell(lap, "kunjungan_l")
    build_noting("the build record of another folder")

    with open(rec[0], "wb") as f:
        f.write(os.urandom(4096))
    build_noting("the build record replaced by other bytes")

    prj.replace("lua/03-indikator.lua", r"target = (\d+)\b", r"target = 1\1")
    prj.build()
    prj.compare("the rules changed")
    changed = prj.path("rekap-lain")
    shutil.copy(prj.rekap, changed)
    with open(changed, "ab") as f:
        f.write(b"\0lain")
    p = subprocess.run([changed, "build"] + prj.args("site"), env=prj.env, capture_output=True,
                       text=True, timeout=120)
    check(p.returncode == 0, "the changed program failed:\n" + p.stderr)
    check("tidak berubah" not in p.stderr.splitlines()[-1],
          "another program reused files: " + p.stderr.splitlines()[-1])
    prj.compare("the program changed")
    prj.build()
    prj.compare("the program changed back")


def main():
    rekap, src, work = sys.argv[1:4]
    parts = {"direct": check_direct_builds, "hand": check_hand_edits,
             "serve": check_serve, "killed": check_killed,
             "racing": check_edited_during_build, "lock": check_lock, "cache": check_cache}
    chosen = sys.argv[4:] or list(parts)
    rekap = os.path.abspath(rekap)
    prj = Project(rekap, src, work)
    try:
        for name in chosen:
            if name not in ("direct", "serve"):
                prj.build()  # the parts after the first start from a built site
            parts[name](prj)
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    print("differential: %d comparisons, all equal to a full build" % prj.step)
    return 0


if __name__ == "__main__":
    sys.exit(main())
