#!/usr/bin/env python3
"""Random edits of a synthetic records tree, each round followed by an
incremental `rekap build`; after every round the site must hold the bytes
of `rekap build --full` into an empty folder with a cache of its own.

The tree is tests/bench/synth.py's hundredth scale (300 posts, 3 years of
monthly reports). Each round applies one to three edits chosen at random:
a cell of laporan.csv changed or emptied, a month removed, a cadre added or
removed, a post or puskesmas renamed, a post copied under a new code or
removed. Some rounds build one or two kinds of output first (--formats),
some with --jobs 1, before the build of every kind that is compared. When
the edits make the records wrong (a value out of its bounds), both builds
must fail with the same diagnostics and the site must stay the last full
build's; the round's edits are then undone. Some rounds start a build
and kill it (SIGKILL, SIGTERM or SIGINT) at a random moment of it before
the compared build: unless it ended first, the site must be unchanged, and
nothing it left behind may change what the next builds publish. The edits,
the order and the moments of the kills are a function of the seed alone,
so a failure can be replayed (where a kill lands in a build varies with
the machine's speed).

With --serve the site is written by one `rekap serve` instead, for the
whole run: after each round's edits it must rebuild (its version moves
and then stays for a second), and the site must hold the bytes of the
full build; a round the full build refuses must leave the site as it was,
and so must serve's build after the edits are undone. The edits of a
round are made in a copy and carried into the records at once, and undone
in place (serve watches the folder). Builds are neither stopped nor
run with --formats or --jobs then, since serve holds the site's lock.

Three builds in four, and serve, run with REKAP_THREADS set: the stamps,
the spare's folders and the kept files are checked in threads only from
4,096 nodes on (1,024 for the stamps), which the 300 posts stay under.
--scale tenth (or third, full) soaks a larger tree by hand.

Usage: soak.py REKAP SOURCE_DIR WORK_DIR [ROUNDS [SEED]] [--serve] [--scale S]
"""
import filecmp
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

from differential import read_port, stop_serve, tree_diff, wait_rebuilt
from kill_build import tree


def sync_plan(src, dst):
    """What makes the folder dst hold what src holds, touching only what
    differs, as a person putting files back would (dst itself stays): a
    list of ("remove", path), ("rmdir", path), ("mkdir", path) and
    ("copy", from, to), in order."""
    plan = []
    for dirpath, _, files in os.walk(dst, topdown=False):
        rel = os.path.relpath(dirpath, dst)
        for name in files:
            if not os.path.isfile(os.path.join(src, rel, name)):
                plan.append(("remove", os.path.join(dirpath, name)))
        if rel != "." and not os.path.isdir(os.path.join(src, rel)):
            plan.append(("rmdir", dirpath))
    for dirpath, _, files in os.walk(src):
        rel = os.path.relpath(dirpath, src)
        if not os.path.isdir(os.path.join(dst, rel)):
            plan.append(("mkdir", os.path.join(dst, rel)))
        for name in files:
            a, b = os.path.join(dirpath, name), os.path.join(dst, rel, name)
            if not os.path.isfile(b) or not filecmp.cmp(a, b, shallow=False):
                plan.append(("copy", a, b))
    return plan


def sync_apply(plan):
    """Carry out a sync_plan at once: its changes reach rekap serve within
    milliseconds, well inside the quiet time it waits for before building."""
    for step in plan:
        if step[0] == "remove":
            os.remove(step[1])
        elif step[0] == "rmdir":
            os.rmdir(step[1])
        elif step[0] == "mkdir":
            os.mkdir(step[1])
        else:
            shutil.copyfile(step[1], step[2])


def separator(header):
    """The separator of a CSV file: synth.py writes some as Excel does in
    Indonesia, with ";"."""
    return ";" if ";" in header and "," not in header else ","


class Soak:
    def __init__(self, rekap, src, work, seed):
        self.rekap, self.src, self.work = rekap, src, work
        self.rnd = random.Random(seed)
        self.recs = os.path.join(work, "records")
        self.took = 0.5  # seconds of the last compared build
        self.port = None  # rekap serve's, with --serve
        self.version = 0  # of serve's site

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def command(self, verb, out, extra=()):
        return [self.rekap, verb, "--records", self.recs,
                "--rules", os.path.join(self.src, "lua"),
                "--templates", os.path.join(self.src, "templates"),
                "--out", self.path(out)] + list(extra)

    def env(self, cache, threads=None):
        env = dict(os.environ, REKAP_CACHE_DIR=self.path(cache))
        if threads:
            env["REKAP_THREADS"] = str(threads)
        return env

    def build(self, out, cache, *extra, threads=None):
        p = subprocess.run(self.command("build", out, extra), env=self.env(cache, threads),
                           capture_output=True, text=True, timeout=600)
        return p.returncode, p.stderr

    def killed_build(self):
        """A build of the site stopped by a signal at a random moment of it.
        Returns what happened and, when the site changed (the build was
        stopped after publishing), the files it holds now: that must be the
        whole new site, what the next build publishes."""
        sig = self.rnd.choice([signal.SIGKILL, signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
        delay = self.rnd.uniform(0, self.took)
        before = tree(self.path("site"))
        p = subprocess.Popen(self.command("build", "site"), env=self.env("cache"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if p.poll() is None:
            p.send_signal(sig)
        rc = p.wait(timeout=600)
        time.sleep(0.05)  # the workers follow their parent
        if rc == 0:
            return "a build ended before %s at %.2f s" % (sig.name, delay), None
        after = tree(self.path("site"))
        if after == before:
            return "a build stopped by %s at %.2f s" % (sig.name, delay), None
        return ("a build stopped by %s at %.2f s, after publishing" % (sig.name, delay),
                after)

    def folders(self, profile):
        found = []
        for d, _, files in os.walk(self.recs):
            if profile in files:
                found.append(d)
        return sorted(found)

    # ---- the edits: each returns what it did ----

    def rewrite(self, path, change):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(change(text))

    def rewrite_rows(self, path, change):
        """change(rows) edits the non-empty lines of a CSV file in place and
        returns what it did."""
        with open(path, encoding="utf-8") as f:
            rows = [line for line in f.read().split("\n") if line]
        what = change(rows)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
        return "%s %s" % (what, path)

    def cell(self, post):
        def change(rows):
            sep = separator(rows[0])
            row = self.rnd.randrange(1, len(rows))
            cells = rows[row].split(sep)
            col = self.rnd.randrange(2, len(cells))
            cells[col] = "" if self.rnd.random() < 0.1 else str(self.rnd.randrange(60))
            rows[row] = sep.join(cells)
            return "cell %d:%d of" % (row + 1, col + 1)
        return self.rewrite_rows(os.path.join(post, "laporan.csv"), change)

    def month_removed(self, post):
        def change(rows):
            if len(rows) > 3:
                del rows[self.rnd.randrange(1, len(rows))]
            return "a month removed from"
        return self.rewrite_rows(os.path.join(post, "laporan.csv"), change)

    def cadre(self, post):
        def change(rows):
            if len(rows) > 2 and self.rnd.random() < 0.5:
                del rows[self.rnd.randrange(1, len(rows))]
                return "a cadre removed from"
            row = "Kader Baru %d,P,SMA,2023,ya,0812%07d" % (self.rnd.randrange(1000),
                                                           self.rnd.randrange(10 ** 7))
            rows.append(row.replace(",", separator(rows[0])))
            return "a cadre added to"
        return self.rewrite_rows(os.path.join(post, "kader.csv"), change)

    def renamed(self, folder, profile):
        n = self.rnd.randrange(100)
        self.rewrite(os.path.join(folder, profile), lambda t: re.sub(
            r'^nama: "([^"]*)"', lambda m: 'nama: "%s %d"' % (m.group(1), n), t, count=1,
            flags=re.M))
        return "%s renamed" % os.path.join(folder, profile)

    def post_copied(self, post):
        new = "%s-salinan-%d" % (post, self.rnd.randrange(1000))
        if os.path.exists(new):
            return "no copy (%s exists)" % new
        shutil.copytree(post, new)
        suffix = self.rnd.randrange(50, 99)
        self.rewrite(os.path.join(new, "pos.md"), lambda t: re.sub(
            r'^nama: "([^"]*)"', r'nama: "\1 Salinan"',
            re.sub(r'^kode: "([^"]*)-\d\d"', lambda m: 'kode: "%s-%02d"' % (m.group(1), suffix),
                   t, count=1, flags=re.M), count=1, flags=re.M))
        return "post copied to " + new

    def post_removed(self, post):
        shutil.rmtree(post)
        return "post removed: " + post

    def edit(self):
        posts = self.folders("pos.md")
        post = self.rnd.choice(posts)
        kind = self.rnd.choice(["cell"] * 6 + ["month", "cadre", "cadre", "post name",
                                                "puskesmas name", "copy", "remove"])
        if kind == "cell":
            return self.cell(post)
        if kind == "month":
            return self.month_removed(post)
        if kind == "cadre":
            return self.cadre(post)
        if kind == "post name":
            return self.renamed(post, "pos.md")
        if kind == "puskesmas name":
            return self.renamed(self.rnd.choice(self.folders("puskesmas.md")), "puskesmas.md")
        if kind == "copy":
            return self.post_copied(post)
        return self.post_removed(post) if len(posts) > 10 else self.cell(post)

    # ---- a round ----

    def keep_before(self):
        """The records before the round, put back (undo) when the edits
        broke them."""
        shutil.rmtree(self.path("before"), ignore_errors=True)
        shutil.copytree(self.recs, self.path("before"), symlinks=True)

    def undo(self):
        """Back to the records before the round, changing only what the
        edits changed (serve watches the folder)."""
        sync_apply(sync_plan(self.path("before"), self.recs))

    def check_site(self, what, against="the full build"):
        """The site holds the bytes of the full build, and nothing but the
        spare the next build starts from lies beside it."""
        diffs = tree_diff(self.path("full"), self.path("site"))
        if diffs:
            raise SystemExit("%s: the site differs from %s:\n  %s"
                             % (what, against, "\n  ".join(diffs[:20])))
        left = [n for n in os.listdir(self.work) if n.startswith("site.") and n != "site.cadangan"]
        if left:
            raise SystemExit("%s: left beside the site: %s" % (what, left))

    def round(self, r):
        self.keep_before()
        done = [self.edit() for _ in range(self.rnd.randrange(1, 4))]
        rc_kinds = None
        if self.rnd.random() < 0.25:
            kinds = self.rnd.sample(["md", "html", "xlsx", "csv"], self.rnd.randrange(1, 3))
            rc_kinds, err = self.build("site", "cache", "--formats", ",".join(kinds))
            done.append("built --formats " + ",".join(kinds))
        published = None
        if self.rnd.random() < 0.35:
            stopped, published = self.killed_build()
            done.append(stopped)
        extra = ["--jobs", "1"] if self.rnd.random() < 0.2 else []
        # the threads that load, compute, stamp and check the spare and the
        # kept files, of which a tree this small gets one without this
        threads = self.rnd.choice([None, 2, 3, 5])
        if threads:
            done.append("%d threads" % threads)
        start = time.monotonic()
        rc, err = self.build("site", "cache", *extra, threads=threads)
        self.took = time.monotonic() - start
        if rc_kinds is not None and rc_kinds != rc:
            raise SystemExit("round %d (%s): exit status %d with --formats, %d without"
                             % (r + 1, "; ".join(done), rc_kinds, rc))
        full = "full" if rc == 0 else "failed"
        shutil.rmtree(self.path(full), ignore_errors=True)
        shutil.rmtree(self.path("cache-full"), ignore_errors=True)
        rc_full, err_full = self.build(full, "cache-full", "--full")
        what = "round %d (%s)" % (r + 1, "; ".join(done))
        if rc != rc_full:
            raise SystemExit("%s: exit status %d, the full build's %d:\n%s\n%s"
                             % (what, rc, rc_full, err[-2000:], err_full[-2000:]))
        if rc != 0:
            # an edit made the records wrong (a value out of bounds): both
            # builds say the same, and the site stays the last full build's
            if err != err_full:
                raise SystemExit("%s: the diagnostics differ from the full build's:\n%s\n%s"
                                 % (what, err[-2000:], err_full[-2000:]))
            if os.path.exists(self.path("failed")):
                raise SystemExit("%s: the failed full build left a site" % what)
        self.check_site(what)
        if published is not None and published != tree(self.path("site")):
            raise SystemExit("%s: the stopped build had changed the site, but not into the "
                             "site the next build published" % what)
        if rc != 0:
            self.undo()
            print("soak: %s: refused with the full build's diagnostics, the site kept; the "
                  "edits undone" % what, flush=True)
            return
        print("soak: %s: same bytes" % what, flush=True)

    def serve_round(self, r):
        """A round with rekap serve writing the site."""
        # The edits are made in a draft, then carried into the records at
        # once: picking them walks the tree, which at larger scales takes
        # longer than serve's quiet time, and a build between two edits
        # would publish records that are neither before nor after them.
        self.keep_before()
        shutil.rmtree(self.path("draft"), ignore_errors=True)
        shutil.copytree(self.recs, self.path("draft"), symlinks=True)
        watched, self.recs = self.recs, self.path("draft")
        try:
            done = [self.edit() for _ in range(self.rnd.randrange(1, 4))]
        finally:
            self.recs = watched
        done = [d.replace(self.path("draft"), self.recs) for d in done]
        sync_apply(sync_plan(self.path("draft"), self.recs))
        what = "round %d (%s)" % (r + 1, "; ".join(done))
        self.version = wait_rebuilt(self.port, self.version)
        shutil.rmtree(self.path("next"), ignore_errors=True)
        shutil.rmtree(self.path("cache-full"), ignore_errors=True)
        rc_full, err_full = self.build("next", "cache-full", "--full")
        if rc_full == 0:
            shutil.rmtree(self.path("full"))
            os.rename(self.path("next"), self.path("full"))
        elif os.path.exists(self.path("next")):
            raise SystemExit("%s: the failed full build left a site" % what)
        self.check_site(what, "the full build" if rc_full == 0 else "the last full build")
        if rc_full != 0:
            self.undo()
            self.version = wait_rebuilt(self.port, self.version)
            self.check_site(what + ", then undone")
            print("soak: %s: refused by the full build, serve's site kept; the edits undone"
                  % what, flush=True)
            return
        print("soak: %s: same bytes" % what, flush=True)


def serve_rounds(s, rounds):
    """The rounds with one rekap serve writing the site; it must stop
    cleanly at the end."""
    log = open(s.path("serve.log"), "w+b")
    # threads as the national tree gets them (see Soak.round)
    proc = subprocess.Popen(s.command("serve", "site", ["--port", "0"]),
                            env=s.env("cache", threads=3), stdout=subprocess.PIPE, stderr=log)
    try:
        s.port = read_port(proc)
        s.version = wait_rebuilt(s.port, 0)
        for r in range(rounds):
            s.serve_round(r)
    finally:
        stop_serve(proc, 30)
        log.close()
    if proc.returncode != 0:
        raise SystemExit("rekap serve exited with %s (see %s)" % (proc.returncode,
                                                                  s.path("serve.log")))


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    args = sys.argv[1:]
    serve = "--serve" in args
    scale = "hundredth"
    if "--scale" in args:
        i = args.index("--scale")
        scale = args[i + 1]
        del args[i:i + 2]
    args = [a for a in args if a != "--serve"]
    rekap, src, work = args[:3]
    rounds = int(args[3]) if len(args) > 3 else 12
    seed = int(args[4]) if len(args) > 4 else 1
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    s = Soak(rekap, src, work, seed)
    subprocess.run([sys.executable, os.path.join(src, "tests/bench/synth.py"), "--scale",
                    scale, "--seed", str(seed), s.recs], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rc, err = s.build("site", "cache")
    if rc != 0:
        raise SystemExit("the first build failed (%d):\n%s" % (rc, err[-3000:]))
    rc, err = s.build("full", "cache-full", "--full")
    if rc != 0:
        raise SystemExit("the first full build failed (%d):\n%s" % (rc, err[-3000:]))
    if serve:
        serve_rounds(s, rounds)
    else:
        for r in range(rounds):
            s.round(r)
    print("soak: %d rounds of random edits (seed %d%s), each site the bytes of the full build"
          % (rounds, seed, ", rekap serve" if serve else ""))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
