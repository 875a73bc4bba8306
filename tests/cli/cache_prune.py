#!/usr/bin/env python3
"""The cache folder (REKAP_CACHE_DIR) does not grow without end: every
`rekap build`, `rekap check` and `rekap serve` removes, after its own
build, the files of rekap's own names that no run is likely to use again,
and nothing else.

In a cache folder beside a copy of the golden records, this plants files
with modification times in the past, then checks after each command which
of them are left:

  - records and results caches (rekaman-<hash>.bin, -ubahan.bin,
    hasil-<hash>.bin, .img) and what an interrupted save left beside one
    (a dot and a process id after the name) go after 7 days unwritten, and
    stay at 6;
  - build records (sidik-<hash>.txt) go after 180 days, and stay at 179;
  - names rekap does not give (a hash of 15 digits or in capitals, another
    suffix, a file of the user's), a folder and a symbolic link of a cache's
    name stay, however old; the link's target too;
  - the command's own build record, made 200 days old before a build,
    stays: the build writes it again before anything is removed;
  - the site is the same bytes as the first build's after each command.

Usage: cache_prune.py REKAP SOURCE_DIR WORK_DIR
"""
import filecmp
import os
import shutil
import subprocess
import sys
import time

from differential import Project as GoldenProject, read_port, stop_serve

DAY = 86400
HASH = "0123456789abcdef"

# name: days old when planted; the names the prune must remove
STALE = {
    "rekaman-%s.bin" % HASH: 8,
    "rekaman-%s-ubahan.bin" % HASH: 8,
    "hasil-%s.bin" % HASH: 8,
    "hasil-%s.img" % HASH: 8,
    "rekaman-%s.bin.4242" % HASH: 8,
    "hasil-%s.img.17" % HASH: 8,
    "sidik-%s.txt" % HASH: 181,
    "sidik-%s.txt.999" % HASH: 181,
}
# the names it must leave
KEPT = {
    "rekaman-fedcba9876543210.bin": 6,
    "hasil-fedcba9876543210.img": 6,
    "sidik-fedcba9876543210.txt": 179,
    "rekaman-0123456789abcde.bin": 400,       # 15 digits
    "sidik-0123456789ABCDEF.txt": 400,        # capitals
    "hasil-%s.bin.tmp" % HASH: 400,           # not a process id
    "hasil-%s.bin." % HASH: 400,
    "rekaman-%s.binx" % HASH: 400,
    "sidik-%s.txt.12a" % HASH: 400,
    "catatan-saya.txt": 400,                   # the user's own
    "rekaman.bin": 400,
}
FOLDER = "hasil-1111111111111111.bin"   # a folder of a cache's name
LINK = "sidik-2222222222222222.txt"     # a link of a cache's name
TARGET = "target-of-link.txt"


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def age(path, days):
    t = time.time() - days * DAY
    os.utime(path, (t, t), follow_symlinks=False)


class Project(GoldenProject):
    """The golden records, rules and templates in WORK_DIR, with the cache
    folder WORK_DIR/cache (see differential.py)."""

    def __init__(self, rekap, src, work):
        super().__init__(rekap, src, work)
        self.cache = self.path("cache")
        self.env.pop("REKAP_CACHE_STATS", None)

    def run(self, *args):
        p = subprocess.run([self.rekap] + list(args), cwd=self.work, env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check(p.returncode == 0, "rekap %s failed (%d): %s"
              % (" ".join(args), p.returncode, p.stderr.decode()[-2000:]))

    def plant(self):
        for name, days in list(STALE.items()) + list(KEPT.items()):
            with open(os.path.join(self.cache, name), "w") as f:
                f.write("x")
            age(os.path.join(self.cache, name), days)
        os.makedirs(os.path.join(self.cache, FOLDER), exist_ok=True)
        age(os.path.join(self.cache, FOLDER), 400)
        target = os.path.join(self.cache, TARGET)
        with open(target, "w") as f:
            f.write("x")
        age(target, 400)
        link = os.path.join(self.cache, LINK)
        if not os.path.islink(link):
            os.symlink(TARGET, link)
        age(link, 400)

    def own_records(self):
        return [n for n in os.listdir(self.cache)
                if n.startswith("sidik-") and n not in STALE and n not in KEPT and n != LINK]

    def check_pruned(self, what):
        left = set(os.listdir(self.cache))
        check(not left & set(STALE), "%s left %s" % (what, sorted(left & set(STALE))))
        check(set(KEPT) <= left, "%s removed %s" % (what, sorted(set(KEPT) - left)))
        check(os.path.isdir(os.path.join(self.cache, FOLDER)), "%s removed a folder" % what)
        check(os.path.islink(os.path.join(self.cache, LINK)), "%s removed a link" % what)
        check(os.path.isfile(os.path.join(self.cache, TARGET)), "%s removed a link's target" % what)

    def check_site(self, what):
        cmp = filecmp.dircmp(self.path("first"), self.path("site"))
        check(not cmp.diff_files and not cmp.left_only and not cmp.right_only,
              "%s: the site differs from the first build's" % what)


def main():
    rekap, src, work = sys.argv[1:4]
    prj = Project(rekap, src, work)
    try:
        prj.run("build", "--out", "first")
        shutil.copytree(prj.path("first"), prj.path("site"), symlinks=True)
        prj.run("build", "--out", "site")
        own = prj.own_records()
        check(len(own) == 2, "two build records expected, found %s" % own)

        prj.plant()
        prj.run("check")
        prj.check_pruned("rekap check")

        prj.plant()
        for name in own:
            age(os.path.join(prj.cache, name), 200)
        prj.run("build", "--out", "site")
        prj.check_pruned("rekap build")
        paths = [os.path.join(prj.cache, n) for n in own]
        fresh = [p for p in paths if os.path.exists(p) and os.stat(p).st_mtime > time.time() - DAY]
        gone = [p for p in paths if not os.path.exists(p)]
        check(len(fresh) == 1 and len(gone) == 1,
              "of the two build records made 200 days old, the built folder's should be "
              "written again and the other's removed: %d fresh, %d removed" % (len(fresh), len(gone)))
        prj.check_site("after rekap build")

        prj.plant()
        proc = subprocess.Popen([rekap, "serve", "--port", "0", "--out", "site"], cwd=prj.work,
                                env=prj.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            read_port(proc)
            prj.check_pruned("rekap serve")
        finally:
            stop_serve(proc, 30)
        check(proc.returncode == 0, "rekap serve ended with %s" % proc.returncode)
        prj.check_site("after rekap serve")
    except Exception as e:  # differential's helpers raise their own Failure
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    print("cache folder pruned by check, build and serve; %d names removed, %d left"
          % (len(STALE), len(KEPT) + 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
