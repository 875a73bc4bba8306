#!/usr/bin/env python3
"""Killing a build at any moment leaves the published site whole.

    kill_build.py REKAP SOURCE_DIR WORK_DIR

Builds a small synthetic tree (tests/bench/synth.py, scale hundredth),
changes one post, then starts builds with two workers and kills each with
SIGKILL, SIGTERM or SIGINT at 5% to 45% of the time a whole build takes.
Whenever the build really died of the signal, the published site must be
byte-identical to the one before. The next build must clear what the killed
ones left behind and publish the change, equal to a fresh build.
"""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time


def tree(path):
    """{relative path: sha256} of every file below path."""
    out = {}
    for dirpath, _, files in os.walk(path):
        for name in files:
            full = os.path.join(dirpath, name)
            with open(full, "rb") as f:
                out[os.path.relpath(full, path)] = hashlib.sha256(f.read()).hexdigest()
    return out


def main():
    rekap, src, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    records = os.path.join(work, "records")
    subprocess.run([sys.executable, os.path.join(src, "tests/bench/synth.py"), "--scale",
                    "hundredth", "--seed", "3", records], check=True, stdout=subprocess.DEVNULL)

    def command(out, jobs="2"):
        return [rekap, "build", "--records", records, "--rules", os.path.join(src, "lua"),
                "--templates", os.path.join(src, "templates"), "--out", out, "--jobs", jobs]

    site = os.path.join(work, "site")
    subprocess.run(command(site), check=True, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    subprocess.run(command(site), check=True, stderr=subprocess.DEVNULL)
    took = time.monotonic() - start
    before = tree(site)

    # A change, so that a half-published build would show.
    profiles = sorted(os.path.join(d, "pos.md") for d, _, f in os.walk(records) if "pos.md" in f)
    with open(profiles[0], encoding="utf-8") as f:
        text = f.read()
    with open(profiles[0], "w", encoding="utf-8") as f:
        f.write(text.replace('nama: "', 'nama: "Baru ', 1))

    killed = 0
    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):
        for pct in (5, 15, 30, 45):
            p = subprocess.Popen(command(site), stderr=subprocess.DEVNULL)
            time.sleep(took * pct / 100)
            if p.poll() is None:
                p.send_signal(sig)
            p.wait()
            time.sleep(0.05)  # the workers follow their parent
            if p.returncode != -sig:
                continue  # finished before the signal arrived
            killed += 1
            if tree(site) != before:
                sys.exit("site changed after %s at %d%% of a build (%.2f s)"
                         % (sig.name, pct, took))
    if killed < 6:
        sys.exit("only %d builds were killed mid-way; the machine is too fast for "
                 "this tree" % killed)

    subprocess.run(command(site), check=True, stderr=subprocess.DEVNULL)
    # site.cadangan is the spare the next build starts from, not a leftover
    left = [n for n in os.listdir(work) if n.startswith("site.") and n != "site.cadangan"]
    if left:
        sys.exit("folders of killed builds left behind: %s" % left)
    after = tree(site)
    if after == before:
        sys.exit("the build after the kills did not publish the change")
    fresh = os.path.join(work, "fresh")
    subprocess.run(command(fresh, "1"), check=True, stderr=subprocess.DEVNULL)
    if tree(fresh) != after:
        sys.exit("the site after the kills differs from a fresh build")
    print("%d builds killed mid-way (a build takes %.2f s); the published site stayed "
          "whole each time" % (killed, took))


if __name__ == "__main__":
    main()
