#!/usr/bin/env python3
"""Check a built rekap site as a validator, a screen reader and a browser see it.

Usage: check_site.py [--kinds] [--no-browser] SITE_DIR
       check_site.py --self-test CLEAN_SITE_DIR
       check_site.py --validators OUT_DIR [NAME=]SITE_DIR...

--validators runs the real validators, installed from tests/package-lock.json
(npm ci) with Debian's chromium and a Java runtime:

  vnu        the Nu HTML Checker, in one run over every .html, .svg and .css
             file of the sites: no error and no warning
  axe        axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice) in
             headless Chromium driven by playwright-core, on one page of each
             kind of each site at 360 and 1280 px wide: no violation
  reflow     at both widths no page is wider than the window
             (document.documentElement.scrollWidth <= innerWidth), every
             table is in a labelled focusable region, and the smallest text
             of each chart, as scaled to the width it is shown at, is at
             least 11 px at 360 px
  screenshots of every page rendered, at both widths, in OUT_DIR/screenshots
It exits with 77 (skipped) when one of the tools is missing, unless the
environment variable CI is set: then it fails.

The other modes stand in for those validators with Debian packages only, as
a fast first line:

  html       every .html page parses with html5lib in strict mode (the WHATWG
             parsing algorithm, any parse error fails) plus the document
             conformance rules a parser does not enforce (lang, charset,
             title, unique ids, obsolete elements and attributes, table
             content model, img alt, nested interactive content, lists);
             `tidy -q -e` when tidy is installed
  a11y       static versions of the axe-core rules that apply to these pages
             (html-has-lang, html-lang-valid, document-title, image-alt,
             svg-img-alt, link-name, heading-order, page-has-heading-one,
             empty-heading, landmark-one-main, region, landmark-unique,
             breadcrumb-nav, empty-table-header, th-has-data-cells,
             scope-attr-valid, table-row-headers, list, listitem,
             aria-valid-attr, aria-idrefs, meta-viewport, color-contrast from
             the stylesheet and the charts, status-words: met / missed never
             by colour alone)
  links      every href / src of every .html page and every link and image
             of every .md page resolves inside the site, fragments resolve
             to an id, nothing is loaded from the network or by an absolute
             path, every page is reachable from the root, sitemap.xml is
             well formed and lists every index.html
  robust     pages under 100 KB, no script, a print stylesheet (A4 @page
             with margins) that keeps the breadcrumb trail (the place) and
             hides the lines made only of links (.tautan), breadcrumbs, links to the Markdown twin, the
             workbook and the open data, no Markdown escape shown as text
  public     no doubled <title>; 404.html links from the path of url_dasar
             when there is one; definisi.html has an id per indicator and
             every area and post page links indicator names to them; no
             records/ path or rules file:line in the HTML of those pages
  glance     a summary line under the heading (district, puskesmas, post),
             no share above 100% shown as met, every Rincian value below
             target marked, an "aktif" profile next to "Pos UKK aktif 0%"
             explained, and no national or province page listing posts in
             its data quality (summed by child area instead)
  kinds      (--kinds) one page of every kind is present: root, provinsi,
             kabupaten, kota, puskesmas, pos, pos with cadre names hidden,
             definitions, 404 - recognised from the page content
  browser    headless Chromium renders one page of each kind from file://
             with every host unresolvable, the dumped DOM holds the page's
             h1 and the net log shows no request of the page to the
             network; one post page prints to PDF. Skipped (exit 0) when
             chromium is not installed, or with --no-browser.

--self-test copies a site that passes, plants one defect for each rule (a
parse error, an obsolete attribute, a missing alt, a broken link, a low
contrast colour, a page missing from the sitemap, ...) and fails unless every
defect is reported on the page it was planted in.

Not covered by these substitutes (what vnu and axe-core would add): the full
content model of every element and attribute value syntax (vnu), and rules
that need layout or computed styles in a live browser (axe: contrast of text
over images or of computed inherited colours, target size, reflow and
scrollable regions); the stylesheet is read with a small parser that knows
custom properties, hex, rgb() and a few named colours.

Exit status 0 when no check fails, 1 otherwise.
"""
import csv
import ctypes
import ctypes.util
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

try:
    import html5lib
    from html5lib.html5parser import ParseError
except ImportError:  # pragma: no cover - deps.sh installs python3-html5lib
    sys.exit("check_site: python3-html5lib is missing (sh scripts/deps.sh installs it)")

MAX_PAGE_BYTES = 100 * 1024

# UI words the checks recognise, in both site languages (generator/locale.c).
KIND_WORDS = {
    "Nasional": "root", "National": "root",
    "Provinsi": "provinsi", "Province": "provinsi",
    "Kabupaten": "kabupaten", "Regency": "kabupaten",
    "Kota": "kota", "City": "kota",
    "Puskesmas": "puskesmas",
    "Pos UKK": "pos", "Post": "pos",
}
BREADCRUMB_DEPTH = {"root": 0, "provinsi": 1, "kabupaten": 2, "kota": 2, "puskesmas": 3,
                    "pos": 4, "definisi": 1}
ALL_KINDS = ["root", "provinsi", "kabupaten", "kota", "puskesmas", "pos",
             "pos-nama-tersembunyi", "definisi", "404"]
CADRES_HEADING = {"Kader", "Cadres"}
STATUS_WORDS = {"tercapai", "belum tercapai", "tanpa target", "ada", "tidak ada",
                "met", "not met", "no target", "present", "missing"}
DOUBT_WORDS = {"diragukan", "doubtful"}
STATUS_SYMBOLS = "\u2705\u274c\u2714\u2716\u2713\u2717\U0001F7E2\U0001F534\u26a0"
MARKDOWN_ESCAPE = re.compile(r"\\[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]")

OBSOLETE_ELEMENTS = {
    "acronym", "applet", "basefont", "bgsound", "big", "blink", "center", "dir", "font",
    "frame", "frameset", "isindex", "keygen", "listing", "marquee", "menuitem", "multicol",
    "nextid", "nobr", "noembed", "noframes", "param", "plaintext", "rb", "rtc", "spacer",
    "strike", "tt", "xmp"}
# attributes obsolete on every element, then per element (HTML Living Standard, 16.3)
OBSOLETE_ANY = {"align", "bgcolor", "valign", "char", "charoff", "nowrap", "hspace", "vspace",
                "background", "datasrc", "datafld", "dataformatas"}
OBSOLETE_ATTRS = {
    "a": {"charset", "coords", "shape", "methods", "name", "rev", "urn"},
    "link": {"charset", "methods", "rev", "target", "urn"},
    "body": {"alink", "link", "text", "vlink", "marginheight", "marginwidth", "leftmargin",
             "topmargin", "rightmargin", "bottommargin"},
    "br": {"clear"}, "head": {"profile"}, "html": {"version", "manifest"},
    "img": {"border", "longdesc", "lowsrc", "name"}, "meta": {"scheme"},
    "script": {"language", "event", "for"}, "li": {"type"}, "ul": {"compact", "type"},
    "ol": {"compact"}, "dl": {"compact"}, "hr": {"noshade", "size", "width", "color"},
    "pre": {"width"},
    "table": {"border", "cellpadding", "cellspacing", "frame", "rules", "summary", "width",
              "height", "datapagesize"},
    "td": {"abbr", "axis", "height", "width", "scope"}, "th": {"axis", "height", "width"},
    "tr": {"height"}, "col": {"width"}, "colgroup": {"width"},
}
INTERACTIVE = {"a", "button", "select", "textarea", "label", "iframe", "embed", "details"}
TABLE_PARTS = {"caption": 0, "colgroup": 1, "thead": 2, "tbody": 3, "tr": 3, "tfoot": 4}
ARIA_ATTRS = {
    "aria-activedescendant", "aria-atomic", "aria-autocomplete", "aria-busy", "aria-checked",
    "aria-colcount", "aria-colindex", "aria-colspan", "aria-controls", "aria-current",
    "aria-describedby", "aria-description", "aria-details", "aria-disabled", "aria-errormessage",
    "aria-expanded", "aria-flowto", "aria-haspopup", "aria-hidden", "aria-invalid",
    "aria-keyshortcuts", "aria-label", "aria-labelledby", "aria-level", "aria-live",
    "aria-modal", "aria-multiline", "aria-multiselectable", "aria-orientation", "aria-owns",
    "aria-placeholder", "aria-posinset", "aria-pressed", "aria-readonly", "aria-relevant",
    "aria-required", "aria-roledescription", "aria-rowcount", "aria-rowindex", "aria-rowspan",
    "aria-selected", "aria-setsize", "aria-sort", "aria-valuemax", "aria-valuemin",
    "aria-valuenow", "aria-valuetext"}
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$")
# attributes that load or point at a URL, by element
URL_ATTRS = {"a": ["href"], "area": ["href"], "link": ["href"], "img": ["src"],
             "script": ["src"], "iframe": ["src"], "embed": ["src"], "source": ["src"],
             "audio": ["src"], "video": ["src", "poster"], "track": ["src"], "object": ["data"],
             "form": ["action"], "input": ["src"], "use": ["href"], "image": ["href"]}

# tidy messages that are not problems in these pages, each with the reason.
TIDY_IGNORED = [
    # none yet: every tidy error and warning on the generated pages is a failure
]


class Report:
    """Violations collected per page, printed at the end."""

    def __init__(self):
        self.items = []
        self.notes = []

    def fail(self, rule, page, message):
        self.items.append((rule, page, message))

    def note(self, message):
        self.notes.append(message)


def text_of(el):
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def accessible_name(el):
    """Text of a link or heading as a screen reader names it."""
    if el.get("aria-label", "").strip():
        return el.get("aria-label").strip()
    parts = []

    def walk(e):
        if e.tag == "img":
            parts.append(e.get("alt", ""))
        elif isinstance(e.tag, str) and e.get("aria-hidden") != "true":
            parts.append(e.text or "")
            for c in e:
                walk(c)
        if e is not el:
            parts.append(e.tail or "")

    walk(el)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


class Page:
    """One parsed HTML page."""

    def __init__(self, site, rel):
        self.site, self.rel = site, rel
        self.path = os.path.join(site, rel)
        with open(self.path, "rb") as f:
            self.data = f.read()
        self.errors = []
        self.base = ""
        builder = html5lib.getTreeBuilder("etree")
        try:
            parser = html5lib.HTMLParser(tree=builder, strict=True, namespaceHTMLElements=False)
            self.root = parser.parse(self.data)
        except ParseError:
            parser = html5lib.HTMLParser(tree=builder, namespaceHTMLElements=False)
            self.root = parser.parse(self.data)
            self.errors = parser.errors
        self.parent = {c: p for p in self.root.iter() for c in p}
        self.ids = {}
        for el in self.root.iter():
            if isinstance(el.tag, str) and el.get("id") is not None:
                self.ids.setdefault(el.get("id"), []).append(el)

    def all(self, tag):
        return [e for e in self.root.iter(tag)]

    def ancestors(self, el):
        p = self.parent.get(el)
        while p is not None:
            yield p
            p = self.parent.get(p)

    def breadcrumb(self):
        """The breadcrumb <nav>, or None."""
        for nav in self.all("nav"):
            if nav.get("aria-label", "").strip():
                return nav
        return None

    def h1(self):
        h = self.all("h1")
        return text_of(h[0]) if h else ""

    def kind_line(self):
        """The "Provinsi · Kode 32 · ..." line under the h1, as a kind."""
        main = self.all("main")
        if not main:
            return None
        kids = list(main[0])
        for i, el in enumerate(kids):
            if el.tag == "h1":
                if i + 1 < len(kids) and kids[i + 1].tag == "p":
                    word = text_of(kids[i + 1]).split(" · ")[0]
                    return KIND_WORDS.get(word)
                return None
        return None

    def kind(self):
        """Kind of page from its content: node kind line, breadcrumbs, headings."""
        k = self.kind_line()
        nav = self.breadcrumb()
        if k:
            return k
        if nav is None and self.all("h1") and not self.all("table"):
            return "404"
        if nav is not None and len(nav.findall(".//a")) == 1 and len(self.all("h2")) > 0 \
                and all(t.find(".//td") is not None for t in self.all("table")):
            return "definisi"
        return None

    def shows_cadre_names(self):
        for h in self.all("h3"):
            if text_of(h) in CADRES_HEADING:
                return True
        return False


# --- HTML conformance ------------------------------------------------------

def check_conformance(pg, rep):
    for pos, code, datavars in pg.errors:
        line, col = pos if isinstance(pos, tuple) else (pos, 0)
        rep.fail("html-parse", pg.rel, "%d:%d %s %s" % (line or 0, col or 0, code, datavars or ""))
    if not pg.data.lstrip().lower().startswith(b"<!doctype html>"):
        rep.fail("html-doctype", pg.rel, "does not start with <!DOCTYPE html>")
    html = pg.root if pg.root.tag == "html" else pg.root.find("html")
    lang = html.get("lang") if html is not None else None
    if lang is None:
        rep.fail("html-has-lang", pg.rel, "<html> has no lang")
    elif not LANG_TAG.match(lang):
        rep.fail("html-lang-valid", pg.rel, "lang=%r is not a BCP 47 language tag" % lang)
    if pg.data.lower().count(b"<html") != 1:
        rep.fail("html-one-root", pg.rel, "not exactly one <html> start tag")
    head = html.find("head")
    first = head[0] if head is not None and len(head) else None
    if first is None or first.tag != "meta" or (first.get("charset") or "").lower() != "utf-8":
        rep.fail("meta-charset", pg.rel, "<meta charset=utf-8> is not the first element of <head>")
    elif pg.data.lower().find(b"<meta charset") > 1024:
        rep.fail("meta-charset", pg.rel, "<meta charset> is not within the first 1024 bytes")
    titles = head.findall("title") if head is not None else []
    if len(titles) != 1 or not text_of(titles[0]):
        rep.fail("document-title", pg.rel, "needs exactly one non-empty <title>")
    for ident, els in pg.ids.items():
        if len(els) > 1:
            rep.fail("duplicate-id", pg.rel, "id=%r used %d times" % (ident, len(els)))
        if not ident or re.search(r"\s", ident):
            rep.fail("id-valid", pg.rel, "id=%r is empty or has white space" % ident)
    for el in pg.root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in OBSOLETE_ELEMENTS:
            rep.fail("obsolete-element", pg.rel, "<%s>" % el.tag)
        for attr in el.keys():
            if attr in OBSOLETE_ANY or attr in OBSOLETE_ATTRS.get(el.tag, ()):
                rep.fail("obsolete-attribute", pg.rel, "%s=%r on <%s>" % (attr, el.get(attr), el.tag))
            if attr.startswith("on"):
                rep.fail("no-script", pg.rel, "event handler %s on <%s>" % (attr, el.tag))
        if el.tag == "img" and el.get("alt") is None:
            rep.fail("image-alt", pg.rel, "<img src=%r> has no alt" % el.get("src"))
        if el.tag in ("a", "button"):
            for anc in pg.ancestors(el):
                if anc.tag in INTERACTIVE and (anc.tag != "a" or anc.get("href") is not None):
                    rep.fail("nested-interactive", pg.rel, "<%s> inside <%s>" % (el.tag, anc.tag))
        if el.tag == "table":
            check_table_model(pg, el, rep)
        if el.tag in ("ul", "ol"):
            for c in el:
                if c.tag not in ("li", "script", "template"):
                    rep.fail("list", pg.rel, "<%s> directly inside <%s>" % (c.tag, el.tag))
        if el.tag == "li" and pg.parent.get(el) is not None \
                and pg.parent[el].tag not in ("ul", "ol", "menu"):
            rep.fail("listitem", pg.rel, "<li> inside <%s>" % pg.parent[el].tag)


def check_table_model(pg, table, rep):
    last = -1
    for c in table:
        order = TABLE_PARTS.get(c.tag)
        if order is None:
            rep.fail("table-content", pg.rel, "<%s> directly inside <table>" % c.tag)
            continue
        if order < last:
            rep.fail("table-content", pg.rel, "<%s> out of order in <table>" % c.tag)
        last = order
        if c.tag in ("thead", "tbody", "tfoot"):
            for r in c:
                if r.tag != "tr":
                    rep.fail("table-content", pg.rel, "<%s> inside <%s>" % (r.tag, c.tag))
    for tr in table.iter("tr"):
        for cell in tr:
            if cell.tag not in ("td", "th"):
                rep.fail("table-content", pg.rel, "<%s> inside <tr>" % cell.tag)


def run_tidy(pages, rep):
    tidy = shutil.which("tidy")
    if not tidy:
        rep.note("tidy: not installed, skipped")
        return
    count = 0
    for pg in pages:
        proc = subprocess.run([tidy, "-q", "-e", "-utf8", pg.path], capture_output=True, text=True)
        for line in proc.stderr.splitlines():
            if not re.search(r"\b(Error|Warning|Access):", line):
                continue
            if any(re.search(p, line) for p, _ in TIDY_IGNORED):
                continue
            rep.fail("tidy", pg.rel, line.strip())
        count += 1
    rep.note("tidy: %d pages checked" % count)


# --- accessibility ----------------------------------------------------------

def check_accessibility(pg, rep):
    body = pg.root.find(".//body")
    mains = pg.all("main")
    if len(mains) != 1:
        rep.fail("landmark-one-main", pg.rel, "%d <main> elements" % len(mains))
    for c in body if body is not None else []:
        if c.tag not in ("main", "nav", "header", "footer", "aside"):
            rep.fail("region", pg.rel, "<%s> outside every landmark" % c.tag)
    navs = pg.all("nav")
    labels = [n.get("aria-label", "") for n in navs]
    if len(navs) > 1 and len(set(labels)) != len(labels):
        rep.fail("landmark-unique", pg.rel, "several <nav> with the same label")
    for n in navs:
        if not n.get("aria-label", "").strip() and not n.get("aria-labelledby"):
            rep.fail("breadcrumb-nav", pg.rel, "<nav> without aria-label")
    meta = [m for m in pg.all("meta") if m.get("name") == "viewport"]
    for m in meta:
        content = m.get("content", "").replace(" ", "").lower()
        if "user-scalable=no" in content or re.search(r"maximum-scale=([01](\.\d+)?)(,|$)", content):
            rep.fail("meta-viewport", pg.rel, "zooming disabled: %s" % m.get("content"))
    # headings
    h1s = pg.all("h1")
    if len(h1s) != 1:
        rep.fail("page-has-heading-one", pg.rel, "%d <h1> elements" % len(h1s))
    prev = 0
    for el in pg.root.iter():
        if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag):
            level = int(el.tag[1])
            if not accessible_name(el):
                rep.fail("empty-heading", pg.rel, "empty <%s>" % el.tag)
            if level > prev + 1:
                rep.fail("heading-order", pg.rel, "<%s> %r follows <h%d>" % (el.tag, text_of(el), prev))
            prev = level
    # links and images
    for a in pg.all("a"):
        if a.get("href") is not None and not accessible_name(a):
            rep.fail("link-name", pg.rel, "link to %r has no text" % a.get("href"))
    for img in pg.all("img"):
        alt = img.get("alt")
        if alt is not None and not alt.strip() and img.get("role") not in ("presentation", "none"):
            rep.fail("image-alt", pg.rel, "<img src=%r> has an empty alt but is not decorative"
                     % img.get("src"))
        if (img.get("src") or "").endswith(".svg") and not (alt or "").strip():
            rep.fail("svg-img-alt", pg.rel, "chart %r has no text alternative" % img.get("src"))
    # tables
    for table in pg.all("table"):
        ths = list(table.iter("th"))
        if not ths:
            rep.fail("table-headers", pg.rel, "data table without <th>")
        for th in ths:
            if not accessible_name(th):
                rep.fail("empty-table-header", pg.rel, "empty <th> in table %r"
                         % table_caption(table))
            scope = th.get("scope")
            if scope is not None and scope not in ("row", "col", "rowgroup", "colgroup"):
                rep.fail("scope-attr-valid", pg.rel, "scope=%r" % scope)
        body_rows = [tr for part in table.findall("tbody") for tr in part.findall("tr")]
        body_rows += table.findall("tr")
        if not body_rows:
            rep.fail("th-has-data-cells", pg.rel, "table %r has headers but no data row"
                     % table_caption(table))
        for tr in body_rows:
            for th in tr.findall("th"):
                if th.get("scope") not in ("row", "rowgroup"):
                    rep.fail("table-row-headers", pg.rel, "row header %r without scope=row"
                             % text_of(th))
    # aria
    for el in pg.root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in el.keys():
            if attr.startswith("aria-") and attr not in ARIA_ATTRS:
                rep.fail("aria-valid-attr", pg.rel, "%s on <%s>" % (attr, el.tag))
            if attr in ("aria-labelledby", "aria-describedby", "aria-controls"):
                for ref in el.get(attr).split():
                    if ref not in pg.ids:
                        rep.fail("aria-idrefs", pg.rel, "%s=%r: no such id" % (attr, ref))
    # met / missed said in words, not by a coloured symbol alone: a table
    # cell says one of the state words, a list item its criterion
    for el in pg.root.iter():
        if el.tag not in ("td", "li", "p"):
            continue
        t = text_of(el)
        if t and t[0] in STATUS_SYMBOLS:
            words = t[1:].strip("\ufe0f ")
            if el.tag == "td" and words.split(":")[0] in DOUBT_WORDS and ":" in words:
                pass  # a doubtful value, with its reason after the colon
            elif el.tag == "td" and words not in STATUS_WORDS:
                rep.fail("status-words", pg.rel, "%r: no met / missed / present / missing word" % t)
            elif not re.search(r"[^\W\d_]{2,}", words):
                rep.fail("status-words", pg.rel, "%r: a symbol without words" % t)
    # Markdown escapes must not reach the reader ("pekerja\_sakit")
    body = pg.root.find(".//body")
    for el in body.iter() if body is not None else []:
        for chunk in ((el.text if isinstance(el.tag, str) else None), el.tail):
            if chunk and MARKDOWN_ESCAPE.search(chunk):
                rep.fail("markdown-escape-shown", pg.rel, "text shows %r" % chunk.strip()[:80])


def table_caption(table):
    first = table.find(".//tr")
    return text_of(first)[:60] if first is not None else ""


# colour contrast (WCAG 2.x relative luminance)

NAMED = {"white": "#ffffff", "black": "#000000", "red": "#ff0000", "green": "#008000",
         "blue": "#0000ff", "gray": "#808080", "grey": "#808080"}


def parse_colour(value, variables):
    if value is None:
        return None
    value = value.strip().lower()
    m = re.match(r"var\((--[\w-]+)\)", value)
    if m:
        return parse_colour(variables.get(m.group(1)), variables)
    value = NAMED.get(value, value)
    m = re.fullmatch(r"#([0-9a-f]{3}|[0-9a-f]{6})", value)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))
    m = re.fullmatch(r"rgb\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*\)", value)
    if m:
        return tuple(int(x) for x in m.groups())
    return None


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def parse_css(text, media=""):
    """[(media, [selectors], {property: value})], @media blocks flattened."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    rules, i = [], 0
    while i < len(text):
        brace = text.find("{", i)
        if brace < 0:
            break
        prelude = text[i:brace].strip()
        depth, j = 1, brace + 1
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        block = text[brace + 1:j - 1]
        if prelude.startswith("@media"):
            rules += parse_css(block, prelude[6:].strip())
        elif not prelude.startswith("@"):
            decls = {}
            for d in block.split(";"):
                if ":" in d:
                    k, v = d.split(":", 1)
                    decls[k.strip().lower()] = v.strip()
            rules.append((media, [s.strip() for s in prelude.split(",")], decls))
        i = j
    return rules


def background_colour(decls, variables):
    if "background-color" in decls:
        return parse_colour(decls["background-color"], variables)
    for token in re.findall(r"var\([^)]*\)|#[0-9a-fA-F]+|rgb\([^)]*\)|[a-z]+",
                            decls.get("background", "")):
        c = parse_colour(token, variables)
        if c:
            return c
    return None


def check_css(site, rep):
    """Contrast of every colour pair the stylesheets set, and the print stylesheet."""
    sheets, texts = {}, {}
    for path in glob.glob(os.path.join(site, "assets", "*.css")):
        with open(path, encoding="utf-8") as f:
            texts[os.path.relpath(path, site)] = f.read()
            sheets[os.path.relpath(path, site)] = parse_css(texts[os.path.relpath(path, site)])
    for rel, rules in sheets.items():
        text = texts[rel]
        variables = {}
        for media, sels, decls in rules:
            if ":root" in sels:
                variables.update({k: v for k, v in decls.items() if k.startswith("--")})
        screen = [r for r in rules if "print" not in r[0]]
        base_fg, base_bg = (0, 0, 0), (255, 255, 255)
        for media, sels, decls in screen:
            if any(s in ("html", "body") for s in sels):
                base_fg = parse_colour(decls.get("color"), variables) or base_fg
                base_bg = background_colour(decls, variables) or base_bg
        pairs = 0
        for media, sels, decls in screen:
            fg = parse_colour(decls.get("color"), variables)
            bg = background_colour(decls, variables)
            if fg is None and bg is None:
                continue
            fg, bg = fg or base_fg, bg or base_bg
            ratio = contrast(fg, bg)
            pairs += 1
            if ratio < 4.5:
                rep.fail("color-contrast", rel, "%s: %s on %s is %.2f:1, needs 4.5:1"
                         % (", ".join(sels), "#%02x%02x%02x" % fg, "#%02x%02x%02x" % bg, ratio))
            else:
                rep.note("color-contrast %s: %-10s %.2f:1" % (rel, ", ".join(sels), ratio))
        if pairs == 0:
            rep.fail("color-contrast", rel, "no colour pair found to check")
        if not any(re.search(r"met|miss|tercapai|badge|status", " ".join(sels))
                   for _, sels, _ in screen):
            rep.note("color-contrast %s: no met/missed badge colours; the state is an emoji "
                     "(\u2705/\u274c) plus words, see status-words" % rel)
        def hidden_in_print(sel):
            return any("print" in m and sel in sels and
                       d.get("display", "").replace("!important", "").strip() == "none"
                       for m, sels, d in rules)
        # on paper: the place (the breadcrumb trail) stays, link-only lines go
        if hidden_in_print("nav"):
            rep.fail("print-stylesheet", rel, "@media print hides nav: the printed page "
                     "loses its province, district and puskesmas")
        if not hidden_in_print(".tautan"):
            rep.fail("print-stylesheet", rel, "no @media print rule hides .tautan, the "
                     "lines made only of links")
        page = re.search(r"@page\s*\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", text, flags=re.S))
        if not page or not re.search(r"size:\s*A4", page.group(1)) or "margin" not in page.group(1):
            rep.fail("print-stylesheet", rel, "no @page rule with size: A4 and margins")
    return sheets


def check_chart(site, rel, rep):
    """A trend chart: well-formed SVG, title and desc for screen readers,
    readable text, data lines distinguishable from the background, no script."""
    try:
        root = ET.parse(os.path.join(site, rel)).getroot()
    except ET.ParseError as e:
        rep.fail("svg-well-formed", rel, str(e))
        return
    ns = "{http://www.w3.org/2000/svg}"
    if root.tag != ns + "svg":
        rep.fail("svg-well-formed", rel, "root element is %s" % root.tag)
        return
    title, desc = root.find(ns + "title"), root.find(ns + "desc")
    if title is None or not (title.text or "").strip():
        rep.fail("svg-title", rel, "no <title>")
    if desc is None or not (desc.text or "").strip():
        rep.fail("svg-desc", rel, "no <desc>")
    if root.get("role") != "img":
        rep.fail("svg-img-alt", rel, "<svg> without role=img")
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for ref in (root.get("aria-labelledby") or "").split():
        if ref not in ids:
            rep.fail("aria-idrefs", rel, "aria-labelledby=%r: no such id" % ref)
    for el in root.iter():
        tag = el.tag.replace(ns, "")
        if tag in ("script", "foreignObject") or any(k.startswith("on") for k in el.keys()):
            rep.fail("no-script", rel, "<%s> in the chart" % tag)
        for k, v in el.items():
            if k.endswith("href") and re.match(r"[a-z]+:|/", v):
                rep.fail("no-external", rel, "%s=%r" % (k, v))
    bg = (255, 255, 255)
    first_rect = root.find(ns + "rect")
    if first_rect is not None and parse_colour(first_rect.get("fill"), {}):
        bg = parse_colour(first_rect.get("fill"), {})
    text_fill = parse_colour(root.get("fill"), {}) or (0, 0, 0)
    for t in root.iter(ns + "text"):
        fg = parse_colour(t.get("fill"), {}) or text_fill
        if contrast(fg, bg) < 4.5:
            rep.fail("color-contrast", rel, "text %r: %.2f:1" % (t.text, contrast(fg, bg)))
    chart_text_inside(root, ns, rel, rep)
    for g in root.iter(ns + "g"):
        lines = g.findall(ns + "polyline")
        for line in lines:
            c = parse_colour(line.get("stroke"), {})
            if c and contrast(c, bg) < 3:
                rep.fail("non-text-contrast", rel, "line %s: %.2f:1, needs 3:1"
                         % (line.get("stroke"), contrast(c, bg)))
        # series of different colours must differ in dash or width as well
        # (one series may be drawn as several lines around a gap)
        looks = {}
        for line in lines:
            looks.setdefault((line.get("stroke-dasharray"), line.get("stroke-width")),
                             set()).add(line.get("stroke"))
        if any(len(colours) > 1 for colours in looks.values()):
            rep.fail("color-alone", rel, "lines told apart by colour alone")


# Average advance of a character, in ems, of a sans-serif face (DejaVu Sans
# runs wider than most): what a chart's text may take, estimated.
CHAR_EM = {"bold": 0.62, "normal": 0.56}


def chart_text_inside(root, ns, rel, rep):
    """Every text of a chart, as wide as its characters make it, lies inside
    the drawing (a text fitted with textLength takes that length): one that
    runs past the edge is cut off in the browser."""
    try:
        width = float(root.get("viewBox").split()[2])
        size = float(root.get("font-size") or 16)
    except (AttributeError, IndexError, ValueError):
        return
    for t in root.iter(ns + "text"):
        text = "".join(t.itertext())
        em = CHAR_EM["bold" if t.get("font-weight") == "bold" else "normal"]
        w = float(t.get("textLength") or len(text) * em * float(t.get("font-size") or size))
        x = float(t.get("x") or 0)
        anchor = t.get("text-anchor") or "start"
        left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        if left < -0.5 or left + w > width + 0.5:
            rep.fail("chart-text-cut", rel, "text %r spans %.0f to %.0f in a drawing %.0f wide"
                     % (text, left, left + w, width))


# --- links ------------------------------------------------------------------

def load_cmark():
    name = ctypes.util.find_library("cmark-gfm")
    candidates = ([name] if name else []) + sorted(glob.glob("/usr/lib/*/libcmark-gfm.so*"))
    for c in candidates:
        try:
            lib = ctypes.CDLL(c)
            lib.cmark_markdown_to_html.restype = ctypes.c_void_p
            lib.cmark_markdown_to_html.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
            return lib
        except OSError:
            continue
    return None


LIBC = ctypes.CDLL(None)
LIBC.free.argtypes = [ctypes.c_void_p]


def markdown_links(md, cmark):
    """(kind, url) of the links and images of a Markdown page: rendered by
    cmark-gfm, as a repository browser does; a regular expression otherwise."""
    if cmark is not None:
        ptr = cmark.cmark_markdown_to_html(md, len(md), 0)
        html = ctypes.string_at(ptr).decode("utf-8")
        LIBC.free(ptr)
        root = html5lib.parse(html, namespaceHTMLElements=False)
        return [("a", a.get("href")) for a in root.iter("a")] + \
               [("img", i.get("src")) for i in root.iter("img")]
    text = md.decode("utf-8")
    return [("img" if m.group(1) else "a", m.group(2))
            for m in re.finditer(r"(!?)\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)", text)]


def site_base(site):
    """url_dasar as the sitemap shows it ("" when its locations are relative)."""
    try:
        root = ET.parse(os.path.join(site, "sitemap.xml")).getroot()
    except (OSError, ET.ParseError):
        return ""
    locs = [(e.text or "").strip() for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    roots = sorted((l for l in locs if urlsplit(l).scheme and l.endswith("index.html")), key=len)
    return roots[0][:-len("index.html")] if roots else ""


def local_url(pg, url):
    """404.html is served for any missing path, so it links from the path of
    url_dasar when one is set ("/rekap/index.html"): those links are the
    site's own, relative to its top."""
    path = urlsplit(pg.base).path if pg.base else ""
    if pg.rel == "404.html" and path and url and url.startswith(path):
        return url[len(path):]
    return url


def resolve(site, page_rel, url, kind, rep, ids_of, what):
    """Check one URL of a page; return the site-relative target or None."""
    if url is None:
        return None
    parts = urlsplit(url)
    if url.startswith("//"):
        rep.fail("no-external", page_rel, "network-path reference %r" % url)
        return None
    if parts.scheme:
        if parts.scheme in ("http", "https", "mailto") and kind == "a":
            return None  # an outbound link, followed only on click
        rep.fail("no-external" if parts.scheme in ("http", "https") else "link-scheme", page_rel,
                 "%s %r" % (what, url))
        return None
    if url.startswith("/"):
        rep.fail("relative-links", page_rel, "root-absolute %s %r breaks file:// and sub-paths"
                 % (what, url))
        return None
    path = unquote(parts.path)
    if path:
        target = os.path.normpath(os.path.join(os.path.dirname(page_rel), path))
    else:
        target = page_rel
    if target.startswith(".."):
        rep.fail("broken-link", page_rel, "%s %r leaves the site" % (what, url))
        return None
    full = os.path.join(site, target)
    if not os.path.isfile(full):
        rep.fail("broken-link", page_rel, "%s %r: %s does not exist" % (what, url, target))
        return None
    if parts.fragment:
        ids = ids_of(target)
        if ids is None:
            rep.fail("broken-fragment", page_rel, "%s %r: fragment on a non-HTML file" % (what, url))
        elif unquote(parts.fragment) not in ids:
            rep.fail("broken-fragment", page_rel, "%s %r: no id %r in %s"
                     % (what, url, parts.fragment, target))
    return target


def check_links(site, pages, md_files, rep):
    by_rel = {p.rel: p for p in pages}

    def ids_of(rel):
        # a Markdown page's headings have the ids of its HTML twin (GitHub's)
        if rel.endswith(".md") and rel[:-3] + ".html" in by_rel:
            rel = rel[:-3] + ".html"
        return set(by_rel[rel].ids) if rel in by_rel else None

    graph, checked = {}, 0
    for pg in pages:
        out = graph.setdefault(pg.rel, set())
        for el in pg.root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in URL_ATTRS.get(el.tag, []):
                url = local_url(pg, el.get(attr))
                if url is None:
                    continue
                checked += 1
                kind = "a" if el.tag in ("a", "area") else "load"
                target = resolve(site, pg.rel, url, kind, rep, ids_of, "<%s %s>" % (el.tag, attr))
                if target and kind == "a":
                    out.add(target)
            style = el.get("style") or ""
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", style):
                resolve(site, pg.rel, url, "load", rep, ids_of, "style url()")
        if pg.rel.endswith(".html") and pg.rel != "404.html":
            if "script" in [e.tag for e in pg.root.iter()]:
                rep.fail("no-script", pg.rel, "<script> element")
    # Markdown pages, as a repository browser shows them
    cmark = load_cmark()
    if cmark is None:
        rep.note("links: libcmark-gfm not found, Markdown links read with a regular expression")
    md_graph = {}
    for rel in md_files:
        with open(os.path.join(site, rel), "rb") as f:
            md = f.read()
        out = md_graph.setdefault(rel, set())
        for kind, url in markdown_links(md, cmark):
            checked += 1
            target = resolve(site, rel, url, "a" if kind == "a" else "load", rep, ids_of,
                             "Markdown %s" % ("link" if kind == "a" else "image"))
            if target and target.endswith(".html") and os.path.isfile(
                    os.path.join(site, target[:-5] + ".md")):
                rep.fail("markdown-twin-links", rel, "links %s, not its Markdown twin" % target)
            if target:
                out.add(target)
    # CSS url()s
    for css in glob.glob(os.path.join(site, "assets", "*.css")):
        rel = os.path.relpath(css, site)
        with open(css, encoding="utf-8") as f:
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", f.read()):
                resolve(site, rel, url, "load", rep, lambda r: None, "CSS url()")
    # every page reachable from the root, in HTML and in Markdown
    for start, g, pool in (("index.html", graph, [p.rel for p in pages]),
                           ("index.md", md_graph, md_files)):
        seen, todo = {start}, [start]
        while todo:
            for t in g.get(todo.pop(), ()):
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        for rel in pool:
            if rel not in seen and rel != "404.html":
                rep.fail("orphan-page", rel, "not reachable from %s" % start)
    rep.note("links: %d URLs in %d HTML and %d Markdown pages" % (checked, len(pages), len(md_files)))


def check_sitemap(site, pages, rep):
    path = os.path.join(site, "sitemap.xml")
    if not os.path.isfile(path):
        # no url_dasar, no sitemap: then 404.html links relative to the top
        nf = [p for p in pages if p.rel == "404.html"]
        if nf and any((a.get("href") or "").startswith("/") for a in nf[0].all("a")):
            rep.fail("sitemap", "sitemap.xml", "missing, though 404.html links from url_dasar")
        return
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        rep.fail("sitemap", "sitemap.xml", "not well-formed XML: %s" % e)
        return
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    if root.tag != ns + "urlset":
        rep.fail("sitemap", "sitemap.xml", "root element is %s, not sitemaps.org <urlset>" % root.tag)
    locs = [(u.findtext(ns + "loc") or "").strip() for u in root.findall(ns + "url")]
    base = ""
    absolute = [l for l in locs if urlsplit(l).scheme]
    if absolute:
        roots = sorted((l for l in absolute if l.endswith("index.html")), key=len)
        base = roots[0][:-len("index.html")] if roots else ""
    else:
        rep.fail("sitemap", "sitemap.xml", "<loc> are relative; a sitemap needs absolute URLs "
                 "(url_dasar), or none is written")
    listed = set()
    for loc in locs:
        if absolute and not loc.startswith(base):
            rep.fail("sitemap", "sitemap.xml", "%r is not under %r" % (loc, base))
            continue
        rel = unquote(loc[len(base):])
        if not os.path.isfile(os.path.join(site, rel)):
            rep.fail("sitemap", "sitemap.xml", "%r: no such page" % loc)
        if rel in listed:
            rep.fail("sitemap", "sitemap.xml", "%r listed twice" % loc)
        listed.add(rel)
    for pg in pages:
        if os.path.basename(pg.rel) == "index.html" and pg.rel not in listed:
            rep.fail("sitemap", "sitemap.xml", "%s is not listed" % pg.rel)


# --- robustness -------------------------------------------------------------

def check_robust(site, pages, md_files, sheets, rep):
    for ext, files in ((".html", [p.rel for p in pages]), (".md", md_files)):
        sizes = sorted((os.path.getsize(os.path.join(site, r)), r) for r in files)
        for size, rel in sizes:
            if size >= MAX_PAGE_BYTES:
                rep.fail("page-size", rel, "%d bytes, the limit is %d" % (size, MAX_PAGE_BYTES))
        if sizes:
            rep.note("largest %s page: %s, %.1f KB" % (ext, sizes[-1][1], sizes[-1][0] / 1024))
    for path in glob.glob(os.path.join(site, "**", "*"), recursive=True):
        if path.endswith((".js", ".mjs")):
            rep.fail("no-script", os.path.relpath(path, site), "JavaScript file in the site")
    for pg in pages:
        links = [local_url(pg, a.get("href")) for a in pg.all("a") if a.get("href")]
        here = os.path.dirname(pg.rel)
        targets = {os.path.normpath(os.path.join(here, h.split("#")[0])) for h in links
                   if not urlsplit(h).scheme}
        css = [local_url(pg, l.get("href")) for l in pg.all("link")
               if "stylesheet" in (l.get("rel") or "")]
        css_rels = {os.path.normpath(os.path.join(here, h)) for h in css}
        if not css_rels or not css_rels & set(sheets):
            rep.fail("print-stylesheet", pg.rel, "links no stylesheet of assets/")
        twin = pg.rel[:-5] + ".md"
        if os.path.isfile(os.path.join(site, twin)) and twin not in targets:
            rep.fail("markdown-twin", pg.rel, "no link to %s" % twin)
        kind = pg.kind()
        nav = pg.breadcrumb()
        if kind in ("provinsi", "kabupaten", "kota", "puskesmas", "pos", "definisi"):
            if nav is None:
                rep.fail("breadcrumbs", pg.rel, "no breadcrumb <nav aria-label>")
            else:
                crumbs = nav.findall(".//a")
                if len(crumbs) != BREADCRUMB_DEPTH[kind]:
                    rep.fail("breadcrumbs", pg.rel, "%s page with %d breadcrumb links, expected %d"
                             % (kind, len(crumbs), BREADCRUMB_DEPTH[kind]))
                elif crumbs and os.path.normpath(os.path.join(here, crumbs[0].get("href"))) \
                        != "index.html":
                    rep.fail("breadcrumbs", pg.rel, "the first breadcrumb is not the root page")
        if kind in ("root", "provinsi", "kabupaten", "kota", "puskesmas", "pos"):
            node_path = "" if here == "." else here
            want = ("data/%s/indicators.csv" % node_path.split("/")[0] if node_path
                    else "data/indicators.csv")
            if want not in targets:
                rep.fail("open-data-link", pg.rel, "no link to %s, the file of its rows" % want)
            elif node_path not in open_data_paths(site, want):
                rep.fail("open-data-link", pg.rel, "%s holds none of its rows" % want)
            else:
                # the link says which file and how many rows it holds
                texts = ["".join(a.itertext()) for a in pg.all("a") if a.get("href") and
                         os.path.normpath(os.path.join(here, a.get("href"))) == want]
                said = [re.search(re.escape(want) + r", ([0-9.,]+) (?:baris|rows)$", t.strip())
                        for t in texts]
                rows = open_data_rows(site, want)
                if not any(m and int(re.sub(r"[.,]", "", m.group(1))) == rows for m in said):
                    rep.fail("open-data-link", pg.rel, "link %r does not say %s, %d rows"
                             % (texts, want, rows))
            if kind != "pos" and not any(t.endswith(".xlsx") and os.path.dirname(t) == here
                                         and os.path.isfile(os.path.join(site, t))
                                         for t in targets):
                rep.fail("workbook-link", pg.rel, "no link to its workbook")
        if kind is None and pg.rel != "404.html":
            rep.fail("page-kind", pg.rel, "kind of page not recognised")


# --- public wording ----------------------------------------------------------

# where a record or a rule lives: for the people who edit them (the Markdown
# twin, diagnostics), not for the public HTML pages
SOURCE_PATH = re.compile(r"\brecords/|\.lua:\d+|rumus Lua|Lua rumus")
NODE_KINDS = ("root", "provinsi", "kabupaten", "kota", "puskesmas", "pos")


def check_public(site, pages, rep):
    for pg in pages:
        title = pg.all("title")
        parts = [t.strip() for t in text_of(title[0]).split(" · ")] if title else []
        if len(parts) > 1 and len(set(parts)) < len(parts):
            rep.fail("title-doubled", pg.rel, "<title> says %r" % text_of(title[0]))
        if pg.rel == "404.html" and pg.base:
            path = urlsplit(pg.base).path
            for el, attr in [(a, "href") for a in pg.all("a")] + [(l, "href") for l in pg.all("link")]:
                url = el.get(attr) or ""
                if not url.startswith(path):
                    rep.fail("not-found-links", pg.rel, "%r is not under %r, the path of "
                             "url_dasar: it breaks when served for a nested path" % (url, path))
        kind = pg.kind()
        if kind == "definisi":
            for h in pg.all("h2"):
                if not h.get("id"):
                    rep.fail("definition-ids", pg.rel, "indicator %r has no id to link to"
                             % text_of(h))
        if kind not in NODE_KINDS:
            continue
        main = pg.all("main")
        m = SOURCE_PATH.search(text_of(main[0])) if main else None
        if m:
            rep.fail("source-paths", pg.rel, "shows %r: source locations belong in the "
                     "Markdown twin and the diagnostics" % m.group(0))
        if not any(re.match(r"(\.\./)*definisi\.html#.", a.get("href") or "")
                   for a in pg.all("a")):
            rep.fail("definition-links", pg.rel, "no indicator links to its definition")


# --- the state at a glance ---------------------------------------------------

PERCENT = re.compile(r"^(\d[\d.]*(?:,\d+)?)%")
MET_OF = re.compile(r"^(\d+) (?:dari|of) (\d+)$")
ACTIVE_WORDS = {"aktif", "active"}
ACTIVE_POSTS = {"Pos UKK aktif", "Active posts"}  # the indicator pos_aktif of lua/


def percent(text):
    m = PERCENT.match(text)
    return float(m.group(1).replace(".", "").replace(",", ".")) if m else None


def row_cells(tr):
    return [c for c in tr if c.tag in ("td", "th")]


def check_glance(pages, rep):
    pos_pages = {p.rel for p in pages if p.kind() == "pos"}
    for pg in pages:
        kind = pg.kind()
        if kind not in NODE_KINDS:
            continue
        here = os.path.dirname(pg.rel)
        main = pg.all("main")[0]
        kids = list(main)
        h1 = [i for i, el in enumerate(kids) if el.tag == "h1"]
        after = kids[h1[0] + 2] if h1 and h1[0] + 2 < len(kids) else None
        if kind != "root" and (after is None or after.tag != "p" or not len(after)
                               or after[0].tag != "strong" or (after.text or "").strip()):
            rep.fail("summary-line", pg.rel, "no summary line (<p><strong>…</strong> …) "
                     "under the heading and its kind line")
        if kind in ("root", "provinsi"):
            for a in pg.all("a"):
                href = (a.get("href") or "").split("#")[0]
                if href and os.path.normpath(os.path.join(here, href)) in pos_pages:
                    rep.fail("quality-by-area", pg.rel, "links to the post %s: above the "
                             "districts, data quality is summed by child area" % href)
                    break
        status = None
        for table in pg.all("table"):
            first = next(table.iter("tr"), None)
            head = [text_of(c) for c in row_cells(first)] if first is not None else []
            by_name = head[:1] in (["Indikator"], ["Indicator"]) and head[-1:] == ["Status"]
            for tr in table.iter("tr"):
                cells = [text_of(c) for c in row_cells(tr)]
                if by_name and tr.find("td") is not None and len(cells) == len(head):
                    # the status mark also beside the name, in view on a phone
                    said = cells[-1][:1] if cells[-1][:1] in STATUS_MARKS else ""
                    m = STATUS_MARK.search(cells[0])
                    if (m.group(1) if m else "") != said:
                        rep.fail("status-by-name", pg.rel, "%r: the name's mark %r, the "
                                 "status %r" % (cells[0], m.group(1) if m else "", cells[-1]))
                if any(cell[:1] == "\u2705" for cell in cells) and \
                        any((percent(c) or 0) > 100 for c in cells):
                    rep.fail("doubtful-met", pg.rel, "%r: a share above 100%% shown as met"
                             % " | ".join(cells))
                if cells and cells[0] in ("Status",) and len(cells) == 2:
                    status = cells[1]
                if kind == "pos" and status in ACTIVE_WORDS and cells and \
                        STATUS_MARK.sub("", cells[0]) in ACTIVE_POSTS and \
                        len(cells) > 1 and percent(cells[1]) == 0:
                    rep.fail("profile-contradiction", pg.rel, "profile says %r, the indicator "
                             "%r: the difference is not explained" % (status, cells[0]))
                m = MET_OF.match(cells[1]) if len(cells) > 1 else None
                if m and tr.find("td") is not None:
                    missed = int(m.group(2)) - int(m.group(1))
                    values = cells[2:]
                    marked = sum(1 for c in values if c.rstrip("\ufe0f").endswith(("\u274c", "\u26a0")))
                    # the count covers every target of the area, the cells its
                    # key indicators: a value marked missed or doubtful is one of
                    # the targets the count says missed (targets_agree checks the
                    # count against the area's own page)
                    if marked > missed:
                        rep.fail("rincian-marks", pg.rel, "%r: %d targets missed, %d values "
                                 "marked" % (cells[0], missed, marked))


# --- browser ----------------------------------------------------------------

def network_requests(netlog):
    """URLs the page itself asked the network for, from a Chromium net log
    (the browser's own background requests have no file:// top frame)."""
    import json
    try:
        with open(netlog, encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError):
        return None
    start = log["constants"]["logEventTypes"].get("URL_REQUEST_START_JOB")
    urls = set()
    for e in log.get("events", []):
        p = e.get("params", {})
        if e.get("type") == start and "url" in p and "file://" in p.get("network_isolation_key", ""):
            urls.add(p["url"])
    return sorted(urls)


def check_browser(site, pages, rep, only=None, print_pdf=True):
    """Headless Chromium: one page of each kind (or of the kinds in only)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("SKIP browser checks: chromium is not installed (scripts/deps.sh leaves it out)")
        return False
    picked = {}
    for pg in pages:
        k = pg.kind()
        if k and k not in picked and (only is None or k in only):
            picked[k] = pg
    tmp = tempfile.mkdtemp(prefix="check-site-")
    env = dict(os.environ, HOME=tmp)
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=" + os.path.join(tmp, "profile"),
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            # no network: every host name fails to resolve, and requests are logged
            "--host-resolver-rules=MAP * ~NOTFOUND"]
    try:
        for kind, pg in sorted(picked.items()):
            url = "file://" + os.path.abspath(pg.path)
            netlog = os.path.join(tmp, "net-%s.json" % kind)
            try:
                proc = subprocess.run(base + ["--log-net-log=" + netlog, "--dump-dom", url],
                                      capture_output=True, env=env, timeout=120)
            except subprocess.TimeoutExpired:
                rep.fail("browser", pg.rel, "chromium --dump-dom timed out")
                continue
            if proc.returncode != 0:
                rep.fail("browser", pg.rel, "chromium --dump-dom exit status %d: %s"
                         % (proc.returncode, proc.stderr.decode(errors="replace")[-300:]))
                continue
            dom = html5lib.parse(proc.stdout, namespaceHTMLElements=False)
            h1 = [text_of(h) for h in dom.iter("h1")]
            if not pg.h1() or h1 != [pg.h1()]:
                rep.fail("browser", pg.rel, "rendered DOM has h1 %r, the page has %r" % (h1, pg.h1()))
            else:
                rep.note("browser: %-20s %s renders, h1 %r" % (kind, pg.rel, pg.h1()))
            requests = network_requests(netlog)
            if requests is None:
                rep.note("browser: %s: no net log to read" % pg.rel)
            for r in requests or []:
                rep.fail("browser-network", pg.rel, "the page requested %s" % r)
        post = picked.get("pos")
        if post is not None and print_pdf:
            pdf = os.path.join(tmp, "pos.pdf")
            try:
                proc = subprocess.run(base + ["--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                                              "file://" + os.path.abspath(post.path)],
                                      capture_output=True, env=env, timeout=120)
            except subprocess.TimeoutExpired:
                proc = None
            data = b""
            if os.path.isfile(pdf):
                with open(pdf, "rb") as f:
                    data = f.read()
            if proc is None or proc.returncode != 0 or not data.startswith(b"%PDF-") \
                    or len(data) < 2000:
                rep.fail("browser-print", post.rel, "--print-to-pdf made no PDF")
            else:
                pages_n = len(re.findall(rb"/Type\s*/Page\b", data))
                rep.note("browser: %s prints to a PDF of %d KB, %d pages"
                         % (post.rel, len(data) // 1024, pages_n))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return True


# --- validators: the Nu HTML Checker, axe-core in Chromium ----------------

CHECKERS_DIR = os.path.dirname(os.path.abspath(__file__))
# tests/package.json's packages, installed by "npm ci" in tests/
NODE_MODULES = os.path.join(os.path.dirname(CHECKERS_DIR), "node_modules")
VNU_JAR = os.path.join(NODE_MODULES, "vnu-jar", "build", "dist", "vnu.jar")
VALIDATOR_WIDTHS = [360, 1280]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VALIDATOR_KINDS = ["root", "provinsi", "kabupaten", "kota", "puskesmas", "pos", "definisi", "404"]
MIN_CHART_TEXT_PX = 11   # at the phone width
# the most lines a table cell may wrap to at any width: the status of the
# indicator table, squeezed at 360 px, took 11
MAX_CELL_LINES = 10
# the marks of an indicator's status: met, missed, doubtful
STATUS_MARKS = ("\u2705", "\u274c", "\u26a0")
STATUS_MARK = re.compile(r"\s*([\u2705\u274c\u26a0])\ufe0f?$")
SKIP = 77                # ctest's SKIP_RETURN_CODE for this test


def validator_tools():
    """{tool: path} of what the validators need, and the names of those missing."""
    tools = {"java": shutil.which("java"),
             "chromium": shutil.which("chromium") or shutil.which("chromium-browser"),
             "node": shutil.which("node"),
             "vnu.jar": VNU_JAR if os.path.isfile(VNU_JAR) else None,
             "axe-core": os.path.join(NODE_MODULES, "axe-core")
             if os.path.isdir(os.path.join(NODE_MODULES, "axe-core")) else None,
             "playwright-core": os.path.join(NODE_MODULES, "playwright-core")
             if os.path.isdir(os.path.join(NODE_MODULES, "playwright-core")) else None}
    return tools, [t for t, path in tools.items() if path is None]


def run_vnu(java, sites, rep):
    """One Nu HTML Checker run over every page, chart and stylesheet of the
    sites: no error and no warning (its "info" notes are not counted)."""
    files = []
    for site in sites.values():
        for dirpath, dirnames, filenames in os.walk(site):
            dirnames.sort()
            files += [os.path.join(dirpath, n) for n in sorted(filenames)
                      if n.endswith((".html", ".svg", ".css"))]
    proc = subprocess.run([java, "-jar", VNU_JAR, "--also-check-svg", "--also-check-css",
                           "--format", "json", "--stdout", "--exit-zero-always"] + files,
                          capture_output=True, text=True, timeout=600)
    import json
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError):
        rep.fail("vnu", ".", "no JSON report from vnu: %s" % (proc.stderr or proc.stdout)[-500:])
        return
    counts = {"error": 0, "warning": 0, "info": 0}
    for m in messages:
        kind = "warning" if m.get("subType") == "warning" else \
            "info" if m.get("type") == "info" else "error"
        counts[kind] += 1
        if kind == "info":
            continue
        url = m.get("url", "")
        path = unquote(urlsplit(url).path) if url.startswith("file:") else url
        where = next((name + ":" + os.path.relpath(path, site) for name, site in sites.items()
                      if path.startswith(os.path.abspath(site) + os.sep)), path)
        rep.fail("vnu-" + kind, where, "%s:%s %s" % (m.get("lastLine", 0), m.get("lastColumn", 0),
                                                  m.get("message", "")))
    rep.note("vnu: %d files, %d errors, %d warnings, %d info notes"
             % (len(files), counts["error"], counts["warning"], counts["info"]))


def run_axe(tools, sites, out, rep):
    """axe-core and the reflow rules in Chromium, one page of each kind of
    each site at a phone and a desktop width; screenshots into out."""
    import json
    pages = []
    for name, site in sites.items():
        html = [os.path.relpath(os.path.join(d, f), site)
                for d, _, fs in os.walk(site) for f in fs if f.endswith(".html")]
        kinds = page_kinds([Page(site, rel) for rel in sorted(html)])
        for k in VALIDATOR_KINDS:
            if k in kinds:
                pages.append({"name": "%s-%s" % (name, k),
                              "path": os.path.abspath(os.path.join(site, kinds[k][0]))})
    for k in VALIDATOR_KINDS:
        if k not in ("kabupaten", "kota") and not any(p["name"].endswith("-" + k) for p in pages):
            rep.fail("page-kinds", ".", "no page of kind %s to render" % k)
    shots = os.path.join(out, "screenshots")
    os.makedirs(shots, exist_ok=True)
    job = os.path.join(out, "browser-job.json")
    with open(job, "w", encoding="utf-8") as f:
        json.dump({"pages": pages, "widths": VALIDATOR_WIDTHS, "tags": AXE_TAGS,
                   "screenshots": os.path.abspath(shots)}, f)
    proc = subprocess.run([tools["node"], os.path.join(CHECKERS_DIR, "browser_check.mjs"),
                           tools["chromium"], job], capture_output=True, text=True, timeout=600)
    try:
        results = json.loads(proc.stdout)["results"]
    except (ValueError, KeyError):
        rep.fail("browser", ".", "browser_check.mjs exit status %d: %s"
                 % (proc.returncode, proc.stderr[-800:]))
        return
    violations = {w: 0 for w in VALIDATOR_WIDTHS}
    smallest = {}
    for r in results:
        where, width = "%s (%d px)" % (r["name"], r["width"]), r["width"]
        for v in r["violations"]:
            violations[width] += 1
            rep.fail("axe-" + v["id"], where, "%s: %s" % (v["help"], ", ".join(v["targets"][:3])))
        if r["scrollWidth"] > r["innerWidth"]:
            rep.fail("reflow", where, "page is %d px wide in a %d px window: it pans sideways"
                     % (r["scrollWidth"], r["innerWidth"]))
        if r.get("numberColumnRoom", 0) > 0:
            rep.fail("number-column-room", where, "a last column of numbers keeps %d px of "
                     "room for words: it widens its table on a phone" % r["numberColumnRoom"])
        if r.get("cellLines", 0) > MAX_CELL_LINES:
            rep.fail("squeezed-cell", where, "a table cell wraps to %d lines (at most %d): a "
                     "column squeezed to a few words a line" % (r["cellLines"], MAX_CELL_LINES))
        for c in r["charts"]:
            smallest[width] = min(smallest.get(width, 99), c["textPx"])
            if width == min(VALIDATOR_WIDTHS) and not c["textPx"] >= MIN_CHART_TEXT_PX:
                rep.fail("chart-text", where, "%s: text %.1f px (font-size %s in a %s wide "
                         "viewBox shown %.0f px wide), needs %d px"
                         % (os.path.basename(c["src"]), c["textPx"], c["fontMin"], c["viewBox"],
                            c["width"], MIN_CHART_TEXT_PX))
        for t in r["tables"]:
            if not (t["region"] and t["label"].strip() and t["focusable"]):
                rep.fail("table-region", where, "a table not in a labelled focusable region "
                         "(role=region, aria-label, tabindex=0) that scrolls it")
    for w in VALIDATOR_WIDTHS:
        wide = max((r["scrollWidth"] for r in results if r["width"] == w), default=0)
        rep.note("browser %d px: %d pages, %d axe violations, widest page %d px, smallest "
                 "chart text %.1f px" % (w, sum(1 for r in results if r["width"] == w),
                                         violations[w], wide, smallest.get(w, float("nan"))))
    rep.note("browser: screenshots in %s" % shots)


def validators(out, site_args):
    """--validators: vnu and axe on the sites; SKIP (77) when the tools are
    missing outside CI, a failure in CI."""
    sites = {}
    for a in site_args:
        name, _, path = a.rpartition("=")
        sites[name or os.path.basename(os.path.abspath(path))] = path.rstrip("/")
    tools, missing = validator_tools()
    if missing:
        how = ("apt-get install chromium default-jre-headless, then "
               "cd tests && npm ci --ignore-scripts; .ci/run does both")
        if os.environ.get("CI"):
            print("check_site: CI is set and %s missing (%s)" % (", ".join(missing), how))
            return 1
        print("SKIP validators: %s missing (%s)" % (", ".join(missing), how))
        return SKIP
    os.makedirs(out, exist_ok=True)
    rep = Report()
    import time
    start = time.monotonic()
    run_vnu(tools["java"], sites, rep)
    middle = time.monotonic()
    run_axe(tools, sites, out, rep)
    rep.note("validators: vnu %.0f s, browser %.0f s" % (middle - start, time.monotonic() - middle))
    print_report(rep)
    print("check_site validators: %d violations" % len(rep.items))
    return 1 if rep.items else 0


# --- main -------------------------------------------------------------------

_open_data_paths = {}
_open_data_rows = {}


def open_data_rows(site, rel):
    """The rows of an open-data file, its header not counted."""
    key = (site, rel)
    if key not in _open_data_rows:
        with open(os.path.join(site, rel), newline="", encoding="utf-8") as f:
            _open_data_rows[key] = sum(1 for _ in csv.DictReader(f))
    return _open_data_rows[key]


def open_data_paths(site, rel):
    """The node paths an open-data file holds rows of."""
    key = (site, rel)
    if key not in _open_data_paths:
        paths = set()
        try:
            with open(os.path.join(site, rel), newline="", encoding="utf-8") as f:
                paths = {row["path"] for row in csv.DictReader(f)}
        except OSError:
            pass
        _open_data_paths[key] = paths
    return _open_data_paths[key]


def run_checks(site, want_kinds, browser):
    """Every check on one site; returns (report, pages, md_files, charts)."""
    rep = Report()
    html_files, md_files = [], []
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames.sort()
        for name in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, name), site)
            if name.endswith(".html"):
                html_files.append(rel)
            elif name.endswith(".md"):
                md_files.append(rel)
    pages = [Page(site, rel) for rel in html_files]
    base = site_base(site)
    for pg in pages:
        pg.base = base
        check_conformance(pg, rep)
        check_accessibility(pg, rep)
    run_tidy(pages, rep)
    sheets = check_css(site, rep)
    charts = sorted(os.path.relpath(p, site)
                    for p in glob.glob(os.path.join(site, "**", "*.svg"), recursive=True))
    for rel in charts:
        check_chart(site, rel, rep)
    check_links(site, pages, md_files, rep)
    check_sitemap(site, pages, rep)
    check_robust(site, pages, md_files, sheets, rep)
    check_public(site, pages, rep)
    check_glance(pages, rep)
    kinds = page_kinds(pages)
    if want_kinds:
        for k in ALL_KINDS:
            if k not in kinds:
                rep.fail("page-kinds", ".", "no page of kind %s" % k)
    rep.note("kinds: " + ", ".join("%s %d" % (k, len(kinds.get(k, []))) for k in ALL_KINDS))
    if browser:
        check_browser(site, pages, rep)
    return rep, pages, md_files, charts


def page_kinds(pages):
    kinds = {}
    for pg in pages:
        k = pg.kind()
        if k:
            kinds.setdefault(k, []).append(pg.rel)
        if k == "pos" and not pg.shows_cadre_names():
            kinds.setdefault("pos-nama-tersembunyi", []).append(pg.rel)
    return kinds


def print_report(rep):
    for n in rep.notes:
        print("  " + n)
    by_page = {}
    for rule, page, message in rep.items:
        by_page.setdefault(page, []).append((rule, message))
    for page in sorted(by_page):
        print("FAIL %s" % page)
        # the same violation on many elements is printed once, with a count
        counts, first = {}, {}
        for rule, message in by_page[page]:
            key = (rule, re.sub(r"^line \d+ column \d+ - ", "", message))
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, message)
        for key, message in first.items():
            more = " (%d times)" % counts[key] if counts[key] > 1 else ""
            print("  [%s] %s%s" % (key[0], message, more))


def self_test(site):
    """Plant one defect per rule in a copy of a clean site and require that
    each is reported, on the page it was planted in: the checks can fail."""
    tmp = tempfile.mkdtemp(prefix="check-site-self-")
    work = os.path.join(tmp, "site")
    shutil.copytree(site, work)
    planted = []

    def edit(rel, rule, old, new, regex=False, count=1):
        path = os.path.join(work, rel)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        changed = re.sub(old, new, text, count=count, flags=re.S) if regex \
            else text.replace(old, new, count if count else -1)
        if changed == text:
            raise SystemExit("self-test: cannot plant %s in %s (%r not found)" % (rule, rel, old))
        with open(path, "w", encoding="utf-8") as f:
            f.write(changed)
        planted.append((rule, rel))

    try:
        base, pages, _, charts = run_checks(work, True, False)
        if base.items:
            print_report(base)
            raise SystemExit("self-test: %s must pass before defects are planted" % site)
        kinds = page_kinds(pages)
        root, dfn = "index.html", kinds["definisi"][0]
        prov = kinds["provinsi"][0]
        # the first kota page with a missed target, to plant against its marks
        kota = next((k for k in kinds["kota"]
                     if " \u274c</td>" in open(os.path.join(work, k), encoding="utf-8").read()),
                    kinds["kota"][0])
        pkm, pos = kinds["puskesmas"][0], kinds["pos"][0]
        pos_md = pos[:-5] + ".md"
        # conformance
        edit(root, "html-parse", "<main>", "<main>\n<p>x</div></p>")
        edit(root, "duplicate-id", "<main>", '<main>\n<p><span id="d">a</span><span id="d">b</span></p>')
        edit(prov, "html-lang-valid", '<html lang="', '<html lang="x-bahasa-indonesia')
        edit(prov, "meta-charset", r'(<meta charset="utf-8">\n)(.*?</title>\n)', r"\2\1", regex=True)
        edit(pos, "obsolete-attribute", 'style="text-align: right"', 'align="right"')
        edit(pkm, "nested-interactive", "<main>", '<main>\n<p><a href="index.html"><button>x</button></a></p>')
        if shutil.which("tidy"):
            edit(dfn, "tidy", "<main>", '<main>\n<p data-x="1" frob="1">x</p>')
        # accessibility
        edit(pkm, "image-alt", r'(<img src="[^"]*\.svg") alt="[^"]*"', r"\1", regex=True)
        edit(pkm, "link-name", "<main>", '<main>\n<p><a href="index.md"></a></p>')
        edit(pkm, "empty-table-header", r"<th>[^<]+</th>", "<th></th>", regex=True)
        edit(pos, "heading-order", r"<h2( [^>]*)?>(.*?)</h2>", r"<h4>\2</h4>", regex=True)
        edit(pos, "status-words", "(<td>\u2705)[^<]+", r"\1", regex=True)
        edit(dfn, "empty-heading", "</main>", "<h2></h2>\n</main>")
        edit(dfn, "markdown-escape-shown", "</main>", "<p>sakit\\_dilayani</p>\n</main>")
        edit(os.path.join("assets", "gaya.css"), "color-contrast",
             r"(footer \{[^}]*?color: )[^;]+;", r"\1#aaaaaa;", regex=True)
        edit(os.path.join("assets", "gaya.css"), "print-stylesheet", ".tautan, footer { display: none; }", "")
        chart = [c for c in charts if os.path.dirname(c)][0]
        edit(chart, "svg-title", r"<title[^>]*>.*?</title>\n", "", regex=True)
        edit(charts[0], "color-alone", 'stroke-width="1.5" stroke-dasharray="5 4"', 'stroke-width="2"')
        # links
        edit(root, "broken-link", "<main>", '<main>\n<p><a href="tidak-ada.html">x</a></p>')
        edit(root, "broken-fragment", "<main>", '<main>\n<p><a href="%s#tidak-ada">x</a></p>' % dfn)
        edit(root, "relative-links", "<main>", '<main>\n<p><a href="/index.html">x</a></p>')
        edit(root, "no-external", "</head>", '<link rel="stylesheet" href="https://cdn.example.org/a.css">\n</head>')
        edit(root, "no-script", "</main>", "<script>document.title = 1</script>\n</main>")
        edit(pos_md, "broken-link", "(../index.md)", "(../tidak-ada.md)")
        edit("sitemap.xml", "sitemap", r"<url><loc>[^<]*%s</loc></url>\n" % re.escape(pos), "",
             regex=True)
        # public wording
        edit(root, "title-doubled", r"<title>([^<]*)</title>", r"<title>\1 · \1</title>", regex=True)
        edit(pkm, "source-paths", "</main>", "<p><code>records/a/laporan.csv</code></p>\n</main>")
        edit(kota, "definition-links", "definisi.html#", "definisi.html?", count=0)
        edit(dfn, "definition-ids", r'<h2 id="[^"]*">', "<h2>", regex=True)
        edit("404.html", "not-found-links", r'href="/[^"]*/index\.html"', 'href="index.html"',
             regex=True)
        shutil.copy(os.path.join(work, dfn), os.path.join(work, "salinan.html"))
        planted.append(("orphan-page", "salinan.html"))
        # the state at a glance
        edit(pkm, "summary-line", r"<p><strong>[^<]*</strong>[^<]*</p>\n", "", regex=True)
        edit(root, "quality-by-area", "</main>", '<p><a href="%s">x</a></p>\n</main>' % pos)
        edit(pos, "doubtful-met", "</main>", "<table><tr><td>x</td><td>120%</td>"
             "<td>\u2705 tercapai</td></tr></table>\n</main>")
        told = [p for p in kinds["pos"] if "aktif \u2014 \u26a0" in open(os.path.join(work, p)).read()]
        edit(told[0], "profile-contradiction", r"<td>aktif \u2014 [^<]*</td>", "<td>aktif</td>",
             regex=True)
        edit(kota, "rincian-marks", r">(\d+) dari (\d+)</td>", r">\2 dari \2</td>", regex=True,
             count=0)
        # robustness and kinds
        edit(prov, "page-size", "</main>", "<!-- %s -->\n</main>" % ("x" * MAX_PAGE_BYTES))
        edit(pos, "breadcrumbs", r"<nav .*?</nav>\n", "", regex=True)
        edit(kota, "markdown-twin", r'<a href="index.md">[^<]*</a> · ', "", regex=True)
        edit(kota, "workbook-link", r'<a href="[^"]*\.xlsx">[^<]*</a>', "", regex=True)
        edit(prov, "open-data-link", r'<a href="[^"]*data/[^"]*indicators\.csv">[^<]*</a>', "", regex=True)
        for kab in kinds["kabupaten"]:
            edit(kab, "page-kinds", "<p>Kabupaten · ", "<p>Kota · ")
            planted[-1] = ("page-kinds", ".")
        rep, pages, _, _ = run_checks(work, True, False)
        # the browser sees the stylesheet planted in the root page load from the network
        if check_browser(work, pages, rep, only={"root"}, print_pdf=False):
            planted.append(("browser-network", root))
        found = {(rule, page) for rule, page, _ in rep.items}
        missing = [p for p in planted if p not in found]
        for rule, page in planted:
            print("%s %-22s %s" % ("caught" if (rule, page) in found else "MISSED", rule, page))
        print("check_site self-test: %d defects planted, %d caught"
              % (len(planted), len(planted) - len(missing)))
        return 1 if missing else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    if "--validators" in flags and len(args) >= 2:
        return validators(args[0], args[1:])
    unknown = flags - {"--kinds", "--no-browser", "--self-test"}
    if len(args) != 1 or unknown:
        sys.exit(__doc__)
    site = args[0].rstrip("/")
    if not os.path.isfile(os.path.join(site, "index.html")):
        sys.exit("check_site: %s/index.html does not exist" % site)
    if "--self-test" in flags:
        return self_test(site)
    if "--no-browser" in flags:
        print("SKIP browser checks: --no-browser")
    rep, pages, md_files, charts = run_checks(site, "--kinds" in flags, "--no-browser" not in flags)
    print_report(rep)
    print("check_site: %d HTML pages, %d Markdown pages, %d charts: %d violations"
          % (len(pages), len(md_files), len(charts), len(rep.items)))
    return 1 if rep.items else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
