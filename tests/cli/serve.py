#!/usr/bin/env python3
"""rekap serve driven as a person would use it, on loopback.

Copies tests/golden/records with the rules and templates into WORK_DIR,
starts `rekap serve --port 0` there and reads the address it prints. Then:
checks that the first build, into an empty folder, made site.cadangan (the
spare the first edit starts from) of links to the site's files, its warnings
printed once; fetches a post page (the site's own file with only the reload script added);
renames the post in pos.md and waits until the served page shows the new
name and /__rekap/versi has moved; saves editor temporary files and sees no
rebuild; creates a new post with `rekap new` and edits it (a folder created
while serving is watched too); breaks laporan.csv (text with markup in a number
column) and sees the diagnostic exactly as `rekap check` prints it, escaped,
with file:line:column, in place of every page; fixes it and sees the normal
page again. Checks content types, 404 and folder redirects, refuses paths
that escape the site (../, percent-encoded, symbolic links to outside) and
methods other than GET/HEAD, and paths with a NUL (percent-encoded or
raw) with 400 or 404; answers within 2 seconds while 70 idle connections
are open; and finally stops the server with SIGINT: exit status 0 within 5
seconds and no staging folder left. Every wait is bounded.

Usage: serve.py REKAP SOURCE_DIR WORK_DIR
"""
import html
import json
import http.client
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

POST = "kalimantan-timur/kota-bontang/bontang-selatan-1/nelayan-a"
PUSKESMAS = "kalimantan-timur/kota-bontang/bontang-selatan-1"
WAIT = 20.0  # seconds a rebuild may take to show
SCRIPT_MARK = "/__rekap/versi"
IDLE = 70  # idle connections open while a page is asked for
IDLE_ANSWER = 2.0  # seconds the page may take to answer then


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def fetch(port, path, method="GET", timeout=10):
    """(status, headers, body as str) of a raw request path, never normalised."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path)
        r = conn.getresponse()
        body = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body.decode("utf-8", "replace")
    finally:
        conn.close()


def raw_status(port, request):
    """The status of a request sent byte for byte (which http.client would
    refuse), or None when the server closes the connection without one."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    m = re.match(rb"HTTP/1\.[01] (\d{3}) ", data)
    return int(m.group(1)) if m else None


def version(port):
    status, _, body = fetch(port, "/__rekap/versi")
    check(status == 200, "/__rekap/versi answered %d" % status)
    return int(body.strip())


def browser_reload(src, port, post_md):
    """The post's page open in Chromium shows an edit of pos.md by itself,
    and does not reload before it (skipped without Chromium or playwright)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    node = shutil.which("node")
    script = os.path.join(src, "tests", "checkers", "serve_reload.mjs")
    if not (chromium and node and
            os.path.isdir(os.path.join(src, "tests", "node_modules", "playwright-core"))):
        print("SKIP serve: browser reload (chromium, node or playwright-core missing)")
        return
    with open(post_md, encoding="utf-8") as f:
        m = re.search(r"^nama: (.*)$", f.read(), re.M)
    check(m, "no nama: in " + post_md)
    new = "Pos Dilihat Peramban 5190"
    out = subprocess.run([node, script, chromium, "http://127.0.0.1:%d/%s/" % (port, POST),
                          post_md, "nama: " + m.group(1), "nama: " + new, new, str(WAIT)],
                         capture_output=True, text=True, timeout=WAIT + 60)
    check(out.returncode == 0, "serve_reload.mjs failed: %s" % out.stderr[-2000:])
    got = json.loads(out.stdout)
    check(got["reloadsBeforeEdit"] == 0, "the page reloaded %d times before the edit" %
          got["reloadsBeforeEdit"])
    check(got["seconds"] is not None, "the page in Chromium did not show the edit within %g s" % WAIT)
    print("serve: Chromium showed the edit %.3f s after the save" % got["seconds"])


class HeldVersion(threading.Thread):
    """GET /__rekap/versi?sejak=v in the background, as the reload script
    does; .answer is the version it was answered with, or None."""

    def __init__(self, port, v):
        super().__init__(daemon=True)
        self.port, self.v, self.answer = port, v, None
        self.start()

    def run(self):
        try:
            status, _, body = fetch(self.port, "/__rekap/versi?sejak=%d" % self.v, timeout=WAIT)
            if status == 200:
                self.answer = int(body)
        except OSError:
            pass


def wait_for(what, cond, timeout=WAIT):
    """Poll cond() until it returns a true value; fail after timeout seconds."""
    end = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > end:
            raise Failure("waited %.0f s for %s" % (timeout, what))
        time.sleep(0.2)


def page_showing(port, path, text, statuses=(200,)):
    """For wait_for: the (status, body) of path once it answers one of statuses
    with text in its body (HTML entities decoded)."""
    def probe():
        status, _, body = fetch(port, path)
        return (status, body) if status in statuses and text in html.unescape(body) else None
    return probe


def read_address(proc, timeout=30.0):
    """The port from the line rekap serve prints once it listens."""
    end = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = end - time.monotonic()
        if left <= 0 or proc.poll() is not None:
            raise Failure("rekap serve printed no address (got %r)" % line)
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 1)
            if not chunk:
                raise Failure("rekap serve closed stdout (got %r)" % line)
            line += chunk
    text = line.decode()
    m = re.match(r"Pratinjau: http://127\.0\.0\.1:(\d+)/ \(Ctrl-C untuk berhenti\)\n$", text)
    check(m, "unexpected address line %r" % text)
    return int(m.group(1))


def with_script(page_file, served):
    """served must be the file's bytes with the reload script before </body>."""
    with open(page_file, encoding="utf-8") as f:
        original = f.read()
    check(SCRIPT_MARK not in original, "the reload script was written into the site: " + page_file)
    m = re.search(r"<script>/\* rekap serve \*/.*?</script>\n", served, re.S)
    check(m, "no reload script in the served page")
    check(served[:m.start()] + served[m.end():] == original,
          "served page differs from %s beyond the reload script" % page_file)
    check(served[m.end():].lstrip().lower().startswith("</body>"),
          "the reload script is not just before </body>")


def set_name(path, name):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text, n = re.subn(r"^nama: .*$", "nama: \"%s\"" % name, text, count=1, flags=re.M)
    check(n == 1, "no nama: line in " + path)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def inodes_under(top):
    """{relative path: inode} of the files under top."""
    return {os.path.relpath(os.path.join(d, n), top): os.lstat(os.path.join(d, n)).st_ino
            for d, _, names in os.walk(top) for n in names}


def spare_linked(rekap, work):
    """The first build, into an empty folder, makes the spare the first edit
    starts from, site.cadangan, from the site it published: the same files,
    each a hard link to the site's. Its diagnostics are printed once."""
    site = inodes_under(os.path.join(work, "site"))
    spare = inodes_under(os.path.join(work, "site.cadangan"))
    apart = sorted(set(site) ^ set(spare))
    check(site and not apart, "site.cadangan and the site differ in %d files: %s" %
          (len(apart), apart[:5]))
    # the same file, so the same bytes
    unlinked = [k for k in site if spare[k] != site[k]]
    check(not unlinked, "files not linked into site.cadangan: %s" % unlinked[:5])
    with open(os.path.join(work, "serve.log"), encoding="utf-8") as f:
        log = f.read()
    check(log.count("rekap: situs dibangun: ") == 1 and "dibangun ulang" not in log,
          "serve built more than once before the first edit:\n" + log)
    checked = subprocess.run([rekap, "check", "--records", "records", "--rules", "lua"],
                             cwd=work, capture_output=True, text=True)
    warnings = [l for l in checked.stderr.splitlines() if ": warning: " in l]
    check(warnings and log.count(": warning: ") == len(warnings),
          "serve printed %d warnings before the first edit, rekap check %d" %
          (log.count(": warning: "), len(warnings)))


def run(rekap, src, work, proc):
    port = read_address(proc)
    post_url = "/%s/" % POST
    post_md = os.path.join(work, "records", POST, "pos.md")
    laporan = os.path.join(work, "records", POST, "laporan.csv")

    # 1. the first build is served, the site files untouched
    status, headers, body = fetch(port, post_url)
    check(status == 200, "post page answered %d" % status)
    check(headers.get("content-type") == "text/html; charset=utf-8", "post page content type")
    check("Pos UKK Nelayan A" in body, "post name missing from its page")
    with_script(os.path.join(work, "site", POST, "index.html"), body)
    v0 = version(port)
    spare_linked(rekap, work)

    # 2. an edit shows up
    set_name(post_md, "Pos Pratinjau Uji 4821")
    _, body = wait_for("the new post name", page_showing(port, post_url, "Pos Pratinjau Uji 4821"))
    check("Pos UKK Nelayan A" not in body, "the old post name is still on the page")
    with_script(os.path.join(work, "site", POST, "index.html"), body)
    # the page changes when the build swaps the site in; the version right after
    wait_for("/__rekap/versi to increase", lambda: version(port) > v0)
    v1 = version(port)

    # 3. editor temporary files do not trigger a rebuild
    for name in (".pos.md.swp", "pos.md~", ".#pos.md", "4913"):
        with open(os.path.join(work, "records", POST, name), "w") as f:
            f.write("sementara\n")
    time.sleep(1.0)  # five times the debounce delay
    check(version(port) == v1, "an editor's temporary file triggered a rebuild")
    for name in (".pos.md.swp", "pos.md~", ".#pos.md", "4913"):
        os.remove(os.path.join(work, "records", POST, name))
    time.sleep(0.5)  # removals of ignored names: still no rebuild
    check(version(port) == v1, "removing an editor's temporary file triggered a rebuild")

    # 3b. the reload script's request: with ?sejak= another version is answered
    # at once; the current one is held until the next build ends
    status, _, body = fetch(port, "/__rekap/versi?sejak=%d" % (v1 + 1000), timeout=2)
    check(status == 200 and int(body) == v1, "?sejak= with another version was not answered at once")
    held = HeldVersion(port, v1)
    time.sleep(0.5)
    check(held.answer is None, "?sejak= with the current version was answered before a build")
    check(version(port) == v1, "a held request moved the version")

    # 4. a folder created while serving is watched too
    new_post = PUSKESMAS + "/pos-baru"
    subprocess.run([rekap, "new", "pos", "records/" + new_post, "--rules", "lua"], cwd=work,
                   check=True, stderr=subprocess.DEVNULL, timeout=30)
    wait_for("the page of the new post", page_showing(port, "/%s/" % new_post, "Pos Baru"))
    held.join(WAIT)
    check(held.answer is not None and held.answer > v1,
          "the held request was not answered with the new version: %r" % (held.answer,))
    set_name(os.path.join(work, "records", new_post, "pos.md"), "Pos Baru Terpantau 7313")
    wait_for("the edit of the new post",
             page_showing(port, "/%s/" % new_post, "Pos Baru Terpantau 7313"))

    # 5. a broken record: the diagnostics as `rekap check` prints them, on every page
    with open(laporan, encoding="utf-8") as f:
        good = f.read()
    lines = good.split("\n")
    check(lines[2].startswith("2024-02,2024-03-12,3,"), "unexpected laporan.csv line 3")
    lines[2] = lines[2].replace("2024-02,2024-03-12,3,", "2024-02,2024-03-12,<b>tiga</b>,", 1)
    v2 = version(port)
    with open(laporan, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    expected = subprocess.run([rekap, "check", "--records", "records", "--rules", "lua"],
                              cwd=work, capture_output=True, text=True, timeout=60)
    check(expected.returncode == 1, "rekap check accepted the broken record")
    diag_lines = [l for l in expected.stderr.splitlines() if ": error: " in l or ": warning: " in l]
    # worked out by hand: line 3, the third column (hari_buka) starts at byte 20
    want = "records/%s/laporan.csv:3:20: error: " % POST
    check(any(l.startswith(want) for l in diag_lines), "rekap check did not report %s" % want)
    _, body = wait_for("the diagnostics page", page_showing(port, post_url, want, (200, 500)))
    check(version(port) > v2, "version did not increase after a failed rebuild")
    pre = re.search(r"<pre>(.*?)</pre>", body, re.S)
    check(pre, "no <pre> with the diagnostics")
    shown = html.unescape(pre.group(1))
    check(shown.splitlines() == diag_lines,
          "diagnostics differ from rekap check:\n%s---\n%s" % (shown, "\n".join(diag_lines)))
    check("<b>tiga</b>" not in body and "&lt;b&gt;tiga&lt;/b&gt;" in body,
          "diagnostic not HTML-escaped")
    check('lang="id"' in body and "Situs belum dapat dibangun" in body,
          "diagnostics page not in the site's language")
    check(SCRIPT_MARK in body, "no reload script on the diagnostics page")
    for other in ("/", "/%s/" % PUSKESMAS, "/definisi.html", "/tidak-ada/"):
        check(want in html.unescape(fetch(port, other)[2]), "no diagnostics on " + other)
    status, headers, _ = fetch(port, "/assets/gaya.css")  # assets stay available
    check(status == 200 and headers.get("content-type", "").startswith("text/css"),
          "stylesheet while broken")

    # 6. fixed again: the normal page comes back
    with open(laporan, "w", encoding="utf-8") as f:
        f.write(good)
    _, body = wait_for("the normal page after the fix",
                       page_showing(port, post_url, "Pos Pratinjau Uji 4821"))
    check("error:" not in body, "the fixed page still shows a diagnostic")
    with_script(os.path.join(work, "site", POST, "index.html"), body)

    # 7. content types, 404, folders, methods
    workbook = sorted(n for n in os.listdir(os.path.join(work, "site")) if n.endswith(".xlsx"))
    check(workbook, "no workbook at the top of the site")
    types = {
        "/%s/index.md" % POST: "text/markdown; charset=utf-8",
        "/%s/tren.svg" % POST: "image/svg+xml",
        "/data/indicators.csv": "text/csv; charset=utf-8",
        "/sitemap.xml": "application/xml; charset=utf-8",
        "/" + workbook[0]: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "/index.html": "text/html; charset=utf-8",
    }
    for path, ctype in types.items():
        status, headers, _ = fetch(port, path)
        check(status == 200 and headers.get("content-type") == ctype,
              "%s: %d %s (want %s)" % (path, status, headers.get("content-type"), ctype))
    with open(os.path.join(work, "site", "data", "indicators.csv"), encoding="utf-8") as f:
        check(fetch(port, "/data/indicators.csv")[2] == f.read(),
              "open data served with other bytes")
    status, _, body = fetch(port, "/tidak-ada/sama-sekali.html")
    check(status == 404, "missing page answered %d" % status)
    with_script(os.path.join(work, "site", "404.html"), body)
    status, headers, _ = fetch(port, "/kalimantan-timur")
    check(status == 301 and headers.get("location") == "/kalimantan-timur/",
          "folder without a slash")
    status, headers, _ = fetch(port, "/", "POST")
    check(status == 405 and "GET" in headers.get("allow", ""), "POST answered %d" % status)
    status, _, body = fetch(port, "/", "HEAD")
    check(status == 200 and body == "", "HEAD answered %d with a body" % status)
    status, _, body = fetch(port, "/data/")  # a folder without index.html: no listing
    check(status == 404 and "indicators.csv" not in body, "a folder was listed")

    # 8. nothing outside the site
    secret = os.path.join(work, "rahasia.txt")
    with open(secret, "w") as f:
        f.write("RAHASIA-5590\n")
    os.symlink(secret, os.path.join(work, "site", "bocor.txt"))
    os.symlink(work, os.path.join(work, "site", "luar"))
    check(os.path.exists(os.path.join(work, "site", "luar", "rahasia.txt")), "symlink setup")
    for path in ("/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/rahasia.txt",
                 "/kalimantan-timur/../../rahasia.txt",
                 "/kalimantan-timur/%2e%2e/%2e%2e/rahasia.txt",
                 "/..%2f..%2frahasia.txt", "/./index.html", "/bocor.txt", "/luar/rahasia.txt"):
        status, _, body = fetch(port, path)
        check(status in (403, 404), "%s answered %d" % (path, status))
        check("RAHASIA-5590" not in body and "root:" not in body, "%s leaked a file" % path)

    # 9. a NUL in the path (percent-encoded or raw) names no file: "index.html"
    # must not be served for it
    for path in ("/index.html%00.css", "/index.html%00", "/%00/index.html",
                 "/%s/index.md%%00.html" % POST):
        status, _, _ = fetch(port, path)
        check(status in (400, 404), "%s answered %d" % (path, status))
    for request in (b"GET /index.html\x00.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                    b"GET /index.html\x00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"):
        status = raw_status(port, request)
        check(status in (400, 404), "%r answered %s" % (request, status))
    check(fetch(port, "/index.html")[0] == 200, "/index.html after the NUL requests")

    # 10. idle connections (a browser keeps some open, other tabs more) do not
    # hold up a request
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(IDLE)]
    try:
        time.sleep(0.2)
        start = time.monotonic()
        try:
            status, _, body = fetch(port, "/index.html", timeout=IDLE_ANSWER)
        except socket.timeout:
            raise Failure("no answer within %g s with %d idle connections open" %
                          (IDLE_ANSWER, IDLE))
        took = time.monotonic() - start
        check(status == 200 and "Pos UKK" in body, "/index.html answered %d with idle connections" % status)
        print("serve: answered in %.3f s with %d idle connections open" % (took, IDLE))
    finally:
        for sock in idle:
            sock.close()

    # 11. in Chromium, the open page reloads by itself after an edit
    browser_reload(src, port, post_md)

    # 12. Ctrl-C stops it cleanly, also with a request held
    held = HeldVersion(port, version(port))
    time.sleep(0.2)
    start = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        rc = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        raise Failure("rekap serve did not stop within 5 s of SIGINT")
    check(rc == 0, "rekap serve exited with status %d after SIGINT" % rc)
    print("serve: stopped %.2f s after SIGINT" % (time.monotonic() - start))
    try:
        fetch(port, "/")
        raise Failure("the port still answers after the stop")
    except OSError:
        pass
    # site.cadangan is the spare the next build starts from
    left = [n for n in os.listdir(work) if n.startswith("site.") and n != "site.cadangan"]
    check(not left, "staging folders left behind: %s" % left)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: serve.py REKAP SOURCE_DIR WORK_DIR")
    rekap, src, work = os.path.abspath(sys.argv[1]), sys.argv[2], os.path.abspath(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    shutil.copytree(os.path.join(src, "tests", "golden", "records"), os.path.join(work, "records"))
    shutil.copytree(os.path.join(src, "lua"), os.path.join(work, "lua"))
    shutil.copytree(os.path.join(src, "templates"), os.path.join(work, "templates"))
    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "w")
    proc = subprocess.Popen([rekap, "serve", "--records", "records", "--rules", "lua",
                             "--templates", "templates", "--out", "site", "--port", "0"],
                            cwd=work, stdout=subprocess.PIPE, stderr=log)
    try:
        run(rekap, src, work, proc)
    except (Failure, OSError, subprocess.SubprocessError) as e:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
        with open(log_path, encoding="utf-8", errors="replace") as f:
            sys.stderr.write("--- rekap serve stderr ---\n" + f.read() + "---\n")
        sys.exit("serve: FAIL: %s" % e)
    log.close()
    print("serve: edit, break, fix, path escapes and stop all behaved")


if __name__ == "__main__":
    main()
