#!/usr/bin/env python3
"""The template guides document every name a template can use.

A name a page's context holds (the table context_names of
generator/render.c), a name the bundled templates use (each part of a
dotted name, has_<name> flags included) and a word they use as
{{t.<key>}} must each be written in backquotes in both guides,
docs/en/templates.md and docs/templat.md: a name of the context or of a
template in section 4 (the variables), as `name`, `post.name`,
`has_name` or inside a tag such as `{{#has_name}}`; a word in section 8
(the appendix of interface texts), as its row `key` or as `t.key`.
Fenced code blocks are examples and do not count. Prints what each guide
lacks and exits 1 when anything is missing.
Usage: template_docs.py SOURCE_DIR"""
import glob
import os
import re
import sys

GUIDES = ("docs/en/templates.md", "docs/templat.md")
TABLE = re.compile(r'static const char \*const context_names\[\] = \{(.*?)\};', re.S)
# a tag's name: {{name}}, {{#name}}, {{^name}}, {{/name}}, {{&name}}, {{{name}}}
TAG = re.compile(r'\{\{\s*[#^/&{]?\s*([A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*)')
DOTTED = re.compile(r'[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*')
SPAN = re.compile(r'(`+)(.+?)\1', re.S)


def context_names(src):
    with open(os.path.join(src, "generator", "render.c"), encoding="utf-8") as f:
        m = TABLE.search(f.read())
    return re.findall(r'"([^"]+)"', m.group(1)) if m else None


def template_names(src):
    """The names (each part of a dotted one) and the t.* words the
    bundled templates use."""
    names, words = set(), set()
    pattern = os.path.join(src, "templates", "**", "*")
    for path in sorted(glob.glob(pattern, recursive=True)):
        if not path.endswith((".md", ".html")):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r'\{\{!.*?\}\}', '', text, flags=re.S)  # comments
        for name in TAG.findall(text):
            parts = name.split(".")
            if parts[0] == "t":
                words.update(parts[1:2])
            else:
                names.update(parts)
    return names, words


def sections(path):
    """The text of each numbered section ("4", "8") of a guide, its
    fenced code blocks left out."""
    out, current, fenced = {}, None, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            if fenced:
                continue
            m = re.match(r'## (\d+)\.', line)
            if m:
                current = m.group(1)
            elif line.startswith("## "):
                current = None
            if current:
                out[current] = out.get(current, "") + line
    return out


def spans(text):
    return [m.group(2).strip() for m in SPAN.finditer(text)]


def documented_names(text):
    """Each part of every name written in backquotes: a span that is a
    (dotted) name, or the names of the tags inside a span."""
    found = set()
    for s in spans(text):
        names = TAG.findall(s)
        if DOTTED.fullmatch(s):
            names.append(s)
        for name in names:
            found.update(name.split("."))
    return found


def documented_words(text):
    """The keys of the appendix: a table row's first cell `key`, or `t.key`
    or {{t.key}} anywhere in it."""
    found = set()
    for line in text.splitlines():
        m = re.match(r'\|\s*`([A-Za-z_][A-Za-z_0-9]*)`\s*\|', line)
        if m:
            found.add(m.group(1))
    for s in spans(text):
        for name in TAG.findall(s) + ([s] if DOTTED.fullmatch(s) else []):
            parts = name.split(".")
            if parts[0] == "t" and len(parts) > 1:
                found.add(parts[1])
    return found


def main(src):
    table = context_names(src)
    if table is None:
        print("template_docs: no context_names table in generator/render.c")
        return 1
    used, words = template_names(src)
    names = set(table) | used
    failures = []
    for guide in GUIDES:
        path = os.path.join(src, guide)
        if not os.path.exists(path):
            failures.append("%s does not exist" % guide)
            continue
        secs = sections(path)
        if "4" not in secs or "8" not in secs:
            failures.append("%s has no section 4 or no section 8" % guide)
            continue
        have = documented_names(secs["4"])
        for name in sorted(names - have):
            why = "in context_names" if name in table else "used by a template"
            failures.append("%s, section 4: `%s` (%s) is not documented" % (guide, name, why))
        have = documented_words(secs["8"])
        for word in sorted(words - have):
            failures.append("%s, section 8: `t.%s` (used by a template) is not documented"
                            % (guide, word))
    for f in failures:
        print("FAIL " + f)
    print("template_docs: %d names (%d in context_names, %d used by templates), %d words, "
          "%d guides, %d failures"
          % (len(names), len(table), len(used), len(words), len(GUIDES), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
