#!/usr/bin/python3
"""Check that two workbooks hold the same cells (openpyxl).

    /usr/bin/python3 tests/bench/xlsx_same_cells.py REKAP.xlsx BARE.xlsx

xlsx_bench --check runs it on the workbook rekap wrote and the one its bare
libxlsxwriter writer wrote from the recorded cells: the same sheets in the
same order, and in every sheet the same cells with the same value (a formula
as its text, and its cached result), the same type and the same number
format. Formatting other than the number format (fonts, fills, widths),
charts, filters and conditional formats are left out on purpose: the bare
side does not write them. Exit status 0 when equal, 1 with the first
differences listed otherwise.
"""
import sys

import openpyxl


def cells(path, data_only):
    """{sheet: {(row, col): (value, type, number format)}} and the sheet order."""
    book = openpyxl.load_workbook(path, data_only=data_only)
    out = {}
    for ws in book.worksheets:
        sheet = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                sheet[(c.row, c.column)] = (c.value, c.data_type, c.number_format)
        out[ws.title] = sheet
    return book.sheetnames, out


def compare(a, b, data_only):
    names_a, ca = cells(a, data_only)
    names_b, cb = cells(b, data_only)
    problems = []
    if names_a != names_b:
        problems.append(f"sheets differ: {names_a} against {names_b}")
    total = 0
    for name in names_a:
        sa, sb = ca.get(name, {}), cb.get(name, {})
        total += len(sa)
        for key in sorted(set(sa) | set(sb)):
            if sa.get(key) != sb.get(key):
                problems.append(f"{name}!R{key[0]}C{key[1]}: {sa.get(key)!r} against {sb.get(key)!r}")
    return total, problems


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    a, b = sys.argv[1], sys.argv[2]
    problems = []
    totals = []
    for data_only in (False, True):
        total, p = compare(a, b, data_only)
        totals.append(total)
        problems += [("cached " if data_only else "") + x for x in p]
    if totals[0] == 0:
        problems.append(f"{a} holds no cell")
    if problems:
        print(f"xlsx_same_cells: {a} and {b} differ:", file=sys.stderr)
        for p in problems[:20]:
            print("  " + p, file=sys.stderr)
        if len(problems) > 20:
            print(f"  ... and {len(problems) - 20} more", file=sys.stderr)
        return 1
    print(f"xlsx_same_cells: {a}: {totals[0]} cells, the same in {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
