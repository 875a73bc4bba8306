#!/usr/bin/env python3
"""Every row of a page's table of regions or posts below says the targets
the child met as the child's own page does: "4 dari 5" in the row of
Puskesmas Paal Merah 1 on its district's page, "4 dari 5 target tercapai"
in the summary of the puskesmas page.

Usage: targets_agree.py SITE_DIR...
"""
import os
import re
import sys

ROW = re.compile(r"^\| \[[^\]]+\]\(([^)]+)\) \| (\d+ dari \d+) \|")
SUMMARY = re.compile(r"^\*\*Sekilas:\*\*.*?(\d+ dari \d+) target tercapai")


def summary_count(page):
    with open(page, encoding="utf-8") as f:
        for line in f:
            m = SUMMARY.match(line)
            if m:
                return m.group(1)
    return None


def check(site):
    rows = failures = 0
    for folder, _, files in os.walk(site):
        if "index.md" not in files:
            continue
        page = os.path.join(folder, "index.md")
        with open(page, encoding="utf-8") as f:
            for line in f:
                m = ROW.match(line)
                if not m:
                    continue
                rows += 1
                child = os.path.normpath(os.path.join(folder, m.group(1)))
                own = summary_count(child)
                if own != m.group(2):
                    failures += 1
                    print("%s: row of %s says %s, its page %s"
                          % (page, os.path.relpath(child, site), m.group(2), own))
    print("targets_agree: %s: %d rows, %d failures" % (site, rows, failures))
    if rows == 0:
        print("targets_agree: no row found; the table's layout changed?")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(max(check(site) for site in sys.argv[1:]))
