#!/usr/bin/env python3
"""No include cycle in generator/: neither among the headers nor among the
modules (X depends on Y when X.c or X.h includes Y.h). A cycle of modules
means neither can be read, tested or changed without the other.
Usage: include_cycles.py GENERATOR_DIR"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def find_cycle(graph):
    """One cycle of graph as a list of nodes (first repeated last), or None."""
    state = {}

    def visit(u, path):
        state[u] = 1
        path.append(u)
        for v in sorted(graph.get(u, ())):
            if state.get(v) == 1:
                return path[path.index(v):] + [v]
            if not state.get(v):
                found = visit(v, path)
                if found:
                    return found
        path.pop()
        state[u] = 2
        return None

    for u in sorted(graph):
        if not state.get(u):
            found = visit(u, [])
            if found:
                return found
    return None


def main():
    src = sys.argv[1]
    files = {}
    for name in os.listdir(src):
        if name.endswith((".c", ".h")):
            with open(os.path.join(src, name), encoding="utf-8") as f:
                files[name] = [i for i in INCLUDE.findall(f.read())]
    headers = {f: {i for i in inc if i in files} for f, inc in files.items() if f.endswith(".h")}
    modules = {}
    for f, inc in files.items():
        m = f[:-2]
        deps = modules.setdefault(m, set())
        for i in inc:
            if i in files and i.endswith(".h") and i[:-2] != m:
                deps.add(i[:-2])
    failed = 0
    for what, graph in (("headers", headers), ("modules", modules)):
        cycle = find_cycle(graph)
        edges = sum(len(v) for v in graph.values())
        if cycle:
            print(f"include_cycles: {what} include each other: {' -> '.join(cycle)}")
            failed = 1
        else:
            print(f"include_cycles: {len(graph)} {what}, {edges} edges, no cycle")
    return failed


if __name__ == "__main__":
    sys.exit(main())
