#!/usr/bin/env python3
"""How long `rekap serve` takes to show an edit: from the moment a record file
is saved to the moment the browser shows the new page.

    serve_latency.py REKAP RECORDS RULES TEMPLATES OUT LAPORAN [EDITS]

Starts `rekap serve --port 0` on RECORDS (writing the site to OUT), waits for
its first build, then EDITS times (default 6) changes one value of LAPORAN
(a post's laporan.csv under RECORDS: the third column of its first data row,
changed and then put back on alternate edits, as the rebuild benchmark does)
and measures, for each edit:

  served  save -> the server's site version has moved (/__rekap/versi, asked
          every 10 ms) and the post's page is served with new bytes;
  shown   served + the interval at which the reload script of a served page
          asks for the version (read from the page): the latest a browser
          showing the page reloads it.

Prints one line per edit, then tab-separated "key<TAB>value" lines for
run.sh: serve_median, serve_max (served, seconds), serve_poll (the script's
interval, seconds) and serve_shown_max (the worst case a browser sees).
The file is restored on exit.
"""
import http.client
import os
import re
import select
import signal
import statistics
import subprocess
import sys
import time

FIRST_BUILD = 1800.0  # seconds the first build of a large tree may take
REBUILD = 600.0  # seconds one rebuild may take before the run is abandoned


def fetch(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def version(port):
    status, body = fetch(port, "/__rekap/versi")
    if status != 200:
        sys.exit("serve_latency: /__rekap/versi answered %d" % status)
    return int(body.strip())


def read_port(proc, timeout):
    end = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = end - time.monotonic()
        if left <= 0 or proc.poll() is not None:
            sys.exit("serve_latency: rekap serve printed no address (got %r)" % line)
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 1)
            if not chunk:
                sys.exit("serve_latency: rekap serve closed stdout")
            line += chunk
    m = re.search(rb"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        sys.exit("serve_latency: unexpected address line %r" % line)
    return int(m.group(1))


def edited(text):
    """text with the third column of its first data row changed."""
    lines = text.split("\n")
    cells = lines[1].split(",")
    v = cells[2]
    cells[2] = "1" if v == "" else str(int(v) % 4 + 1)
    lines[1] = ",".join(cells)
    return "\n".join(lines)


def wait_version_past(port, v0, timeout):
    end = time.monotonic() + timeout
    while True:
        v = version(port)
        if v > v0:
            return v
        if time.monotonic() > end:
            sys.exit("serve_latency: no rebuild within %.0f s" % timeout)
        time.sleep(0.01)


def main():
    if len(sys.argv) not in (7, 8):
        sys.exit(__doc__)
    rekap, records, rules, templates, out, laporan = sys.argv[1:7]
    edits = int(sys.argv[7]) if len(sys.argv) == 8 else 6
    post = os.path.relpath(os.path.dirname(laporan), records)
    page = "/" + post + "/index.html"
    with open(laporan, encoding="utf-8") as f:
        original = f.read()
    proc = subprocess.Popen(
        [rekap, "serve", "--records", records, "--rules", rules, "--templates", templates,
         "--out", out, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    served = []
    poll = None
    text = original
    try:
        port = read_port(proc, FIRST_BUILD)
        end = time.monotonic() + FIRST_BUILD
        while version(port) < 1:
            if time.monotonic() > end:
                sys.exit("serve_latency: the first build did not finish")
            time.sleep(0.1)
        status, before = fetch(port, page)
        if status != 200:
            sys.exit("serve_latency: %s answered %d" % (page, status))
        m = re.search(rb"setTimeout\(p,(\d+)\)", before)
        poll = int(m.group(1)) / 1000.0 if m else None
        for i in range(edits):
            time.sleep(1.0)  # let the watcher settle after the last build
            v0 = version(port)
            text = edited(text) if i % 2 == 0 else original
            with open(laporan, "w", encoding="utf-8") as f:
                f.write(text)
            t0 = time.monotonic()
            wait_version_past(port, v0, REBUILD)
            status, after = fetch(port, page)
            t1 = time.monotonic()
            if status != 200 or after == before:
                sys.exit("serve_latency: edit %d: the page did not change (status %d)"
                         % (i + 1, status))
            before = after
            served.append(t1 - t0)
            print("serve_latency: edit %d: served after %.3f s" % (i + 1, t1 - t0), flush=True)
    finally:
        if text != original:
            with open(laporan, "w", encoding="utf-8") as f:
                f.write(original)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
    print("serve_median\t%.3f" % statistics.median(served))
    print("serve_max\t%.3f" % max(served))
    if poll is not None:
        print("serve_poll\t%.3f" % poll)
        print("serve_shown_max\t%.3f" % (max(served) + poll))


if __name__ == "__main__":
    main()
