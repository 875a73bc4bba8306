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
          every 10 ms) and the post's page is served with new bytes.

Then, when Chromium, node and tests/node_modules/playwright-core are there,
three times: the post's page open in Chromium (tests/checkers/
serve_reload.mjs), the post's name in its pos.md changed, and the time
until the page the browser shows has the new name (the page's reload
script asks the server, which answers when the rebuild ends):

  shown   save -> the browser shows the edit.

Prints one line per edit, then tab-separated "key<TAB>value" lines for
run.sh: serve_median, serve_max (served, seconds), and serve_shown_median,
serve_shown_max (shown, seconds) when measured. The files are restored on
exit.

With SERVE_LATENCY_LOG set to a file name, serve's diagnostics (and the
stage timings, with REKAP_TIMINGS=1) are written there.
"""
import http.client
import json
import os
import re
import select
import shutil
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


BROWSER_EDITS = 3
HERE = os.path.dirname(os.path.abspath(__file__))


def browser_tools():
    """(node, chromium, serve_reload.mjs), or None when one is missing."""
    tests = os.path.dirname(HERE)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    node = shutil.which("node")
    if chromium and node and os.path.isdir(os.path.join(tests, "node_modules", "playwright-core")):
        return node, chromium, os.path.join(tests, "checkers", "serve_reload.mjs")
    return None


def shown_in_browser(tools, port, post, pos_md):
    """Seconds from each save of a new name in pos_md to Chromium showing it."""
    node, chromium, script = tools
    with open(pos_md, encoding="utf-8") as f:
        original = f.read()
    m = re.search(r"^nama: (.*)$", original, re.M)
    if not m:
        sys.exit("serve_latency: no nama: in " + pos_md)
    shown = []
    try:
        for i in range(BROWSER_EDITS):
            time.sleep(1.0)
            with open(pos_md, encoding="utf-8") as f:
                old = re.search(r"^nama: .*$", f.read(), re.M).group(0)
            name = "Pos Uji Pratinjau %d" % (i + 1)
            out = subprocess.run([node, script, chromium, "http://127.0.0.1:%d/%s/" % (port, post),
                                  pos_md, old, "nama: " + name, name, str(REBUILD)],
                                 capture_output=True, text=True, timeout=REBUILD + 120)
            if out.returncode != 0:
                sys.exit("serve_latency: serve_reload.mjs failed: " + out.stderr[-2000:])
            got = json.loads(out.stdout)
            if got["seconds"] is None:
                sys.exit("serve_latency: the browser did not show edit %d" % (i + 1))
            shown.append(got["seconds"])
            print("serve_latency: name %d: shown in Chromium after %.3f s" % (i + 1, got["seconds"]),
                  flush=True)
    finally:
        with open(pos_md, "w", encoding="utf-8") as f:
            f.write(original)
    return shown


def main():
    if len(sys.argv) not in (7, 8):
        sys.exit(__doc__)
    rekap, records, rules, templates, out, laporan = sys.argv[1:7]
    edits = int(sys.argv[7]) if len(sys.argv) == 8 else 6
    post = os.path.relpath(os.path.dirname(laporan), records)
    page = "/" + post + "/index.html"
    with open(laporan, encoding="utf-8") as f:
        original = f.read()
    log = os.environ.get("SERVE_LATENCY_LOG")
    err = open(log, "wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [rekap, "serve", "--records", records, "--rules", rules, "--templates", templates,
         "--out", out, "--port", "0"],
        stdout=subprocess.PIPE, stderr=err)
    if log:
        err.close()
    served = []
    shown = []
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
        tools = browser_tools()
        if tools:
            shown = shown_in_browser(tools, port, post, os.path.join(os.path.dirname(laporan), "pos.md"))
        else:
            print("serve_latency: no Chromium, node or playwright-core: not measured in a browser")
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
    if shown:
        print("serve_shown_median\t%.3f" % statistics.median(shown))
        print("serve_shown_max\t%.3f" % max(shown))


if __name__ == "__main__":
    main()
