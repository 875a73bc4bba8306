#!/usr/bin/env python3
"""How long workbooks take to open in a LibreOffice Calc that is already
running: the start-up of LibreOffice itself (6–18 s on a small machine) is
left out, as an officer who opens a second workbook does not pay it again.

    calc_open.py [--repeat N] WORKBOOK...

Starts soffice headless with a UNO socket in a fresh profile, waits until it
answers, loads an empty spreadsheet once (so that Calc itself is loaded),
then for each workbook N times (default 3): loadComponentFromURL (hidden,
read-only, no macros), which returns once the document is loaded and its
formulas are ready, then close. Prints the wall time of each load, and per
workbook the best and the median. Needs python3-uno (Debian package).
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import uno  # noqa: E402  (from python3-uno)
from com.sun.star.beans import PropertyValue  # noqa: E402


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port, timeout=120.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    end = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(
                "uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port)
        except Exception:  # NoConnectException until soffice listens
            if time.monotonic() > end:
                sys.exit("calc_open: soffice did not answer within %.0f s" % timeout)
            time.sleep(0.2)


def main():
    args = sys.argv[1:]
    repeat = 3
    if len(args) >= 2 and args[0] == "--repeat":
        repeat = int(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    profile = tempfile.mkdtemp(prefix="calc-open-")
    port = free_port()
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore",
         "-env:UserInstallation=file://" + profile,
         "--accept=socket,host=127.0.0.1,port=%d;urp;" % port],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(port)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        opts = (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0))
        warm = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, opts)
        warm.close(True)
        for path in args:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            times = []
            for _ in range(repeat):
                t0 = time.monotonic()
                doc = desktop.loadComponentFromURL(url, "_blank", 0, opts)
                t1 = time.monotonic()
                if doc is None:
                    sys.exit("calc_open: LibreOffice could not open " + path)
                doc.close(True)
                times.append(t1 - t0)
                print("calc_open: %s: %.3f s" % (path, t1 - t0), flush=True)
            print("calc_open: %s (%d bytes): best %.3f s, median %.3f s"
                  % (path, os.path.getsize(path), min(times), statistics.median(times)))
        try:
            desktop.terminate()
        except Exception:  # the bridge goes away as soffice quits
            pass
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
