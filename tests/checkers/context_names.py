#!/usr/bin/env python3
"""The names templates may use are the names page contexts hold.

render.c warns about a template name that is not in its context_names
list (a slip that would print nothing). That list must be exactly the keys
generator/ puts into page contexts: every literal key of a val_map_set,
val_set_str, val_set_bool or val_set_num call outside value.c (the API)
and frontmatter.c (records, not pages). A key missing from the list would
draw a false warning; a name in it that nothing sets would hide a slip.
The default templates must use only names of the list (or has_<name>, or
t.<word>).
Usage: context_names.py SOURCE_DIR"""
import glob
import os
import re
import sys

SET = re.compile(r'\bval_(?:map_set|set_str|set_bool|set_num)\s*\(\s*[^,]+,\s*[^,]+,\s*"([a-z_0-9]+)"')
TABLE = re.compile(r'static const char \*const context_names\[\] = \{(.*?)\};', re.S)
TAG = re.compile(r'\{\{\s*[#^/&{]?\s*([A-Za-z_][A-Za-z_0-9.]*)')


def main(src):
    gen = os.path.join(src, "generator")
    keys = set()
    for path in glob.glob(os.path.join(gen, "*.c")):
        if os.path.basename(path) in ("value.c", "frontmatter.c"):
            continue
        with open(path, encoding="utf-8") as f:
            keys.update(SET.findall(f.read()))
    with open(os.path.join(gen, "render.c"), encoding="utf-8") as f:
        m = TABLE.search(f.read())
    if not m:
        print("context_names: no context_names table in render.c")
        return 1
    table = re.findall(r'"([^"]+)"', m.group(1))
    failures = []
    if table != sorted(table):
        failures.append("the table is not sorted (render.c looks names up by bisection)")
    for k in sorted(keys - set(table)):
        failures.append("key %r is set in generator/ but missing from context_names" % k)
    for k in sorted(set(table) - keys):
        failures.append("context_names lists %r, which nothing sets" % k)
    known = set(table)
    for path in sorted(glob.glob(os.path.join(src, "templates", "**", "*"), recursive=True)):
        if not path.endswith((".md", ".html")):
            continue
        with open(path, encoding="utf-8") as f:
            for name in TAG.findall(f.read()):
                first = name.split(".")[0]
                if first == "t" or first in known or (first.startswith("has_") and first[4:] in known):
                    continue
                failures.append("%s uses %r, which no page holds" % (os.path.relpath(path, src), first))
    for f in failures:
        print("FAIL " + f)
    print("context_names: %d keys set, %d listed, %d failures" % (len(keys), len(table), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
