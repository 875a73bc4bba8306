/* escape.c - the escaping of each output format, one table of what to do with each byte per format. */
#include "escape.h"

/* ---- Markdown ---- */

/* What esc_markdown does with each byte. Backslash-escaped anywhere: "\"
 * itself, "`" (code spans), "*" and "_" (emphasis), "[" and "]" (links),
 * "<" and ">" (autolinks, raw HTML, block quotes), "|" (a table cell ends
 * there), "~" (strikethrough), "&" (entity references) and "$" (math in
 * renderers that support it). The others only mean something at the start
 * of a value: "#" (heading), "+" and "-" (list item), "=" and "-" (setext
 * heading underline), "!". A line break would end a table row or start a
 * block: CR is dropped and LF becomes a space. */
enum { MD_PLAIN, MD_ESCAPE, MD_ESCAPE_FIRST, MD_DROP, MD_SPACE };
static const unsigned char md_class[256] = {
	['\\'] = MD_ESCAPE, ['`'] = MD_ESCAPE, ['*'] = MD_ESCAPE, ['_'] = MD_ESCAPE,
	['['] = MD_ESCAPE,  [']'] = MD_ESCAPE, ['<'] = MD_ESCAPE, ['>'] = MD_ESCAPE,
	['|'] = MD_ESCAPE,  ['~'] = MD_ESCAPE, ['&'] = MD_ESCAPE, ['$'] = MD_ESCAPE,
	/* only meaningful at the start of a value (headings, lists) */
	['#'] = MD_ESCAPE_FIRST, ['+'] = MD_ESCAPE_FIRST, ['-'] = MD_ESCAPE_FIRST,
	['='] = MD_ESCAPE_FIRST, ['!'] = MD_ESCAPE_FIRST,
	['\r'] = MD_DROP, ['\n'] = MD_SPACE,
};

void esc_markdown(buf *out, const char *s, size_t n)
{
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		unsigned char k = md_class[(unsigned char)s[i]];
		if (k == MD_PLAIN || (k == MD_ESCAPE_FIRST && i > 0))
			continue;
		buf_put(out, s + start, i - start);
		start = i + 1;
		if (k == MD_SPACE) {
			buf_putc(out, ' ');
		} else if (k != MD_DROP) {
			buf_putc(out, '\\');
			buf_putc(out, s[i]);
		}
	}
	buf_put(out, s + start, n - start);
}

/* ---- HTML and XML ---- */

/* The entity esc_html writes for each byte, NULL to copy it. "&" starts an
 * entity and "<" a tag, in HTML and XML alike; ">" ends a tag and "]]>" is
 * not allowed in XML text; '"' and "'" end an attribute value, and templates
 * use both quotation marks. "'" is "&#39;", not "&apos;", which HTML 4 does
 * not know and the Mustache spec does not expect. Every other byte, UTF-8
 * included, is the same in the output. */
static const char *const html_entity[256] = {
	['&'] = "&amp;",   ['<'] = "&lt;",   ['>'] = "&gt;",
	['"'] = "&quot;",  ['\''] = "&#39;",
};

void esc_html(buf *out, const char *s, size_t n)
{
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		const char *rep = html_entity[(unsigned char)s[i]];
		if (!rep)
			continue;
		buf_put(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_put(out, s + start, n - start);
}

/* ---- CSV ---- */

/* What each byte asks of esc_csv (RFC 4180). A comma would end the field
 * and CR or LF the record, so a field holding one is quoted; a quotation
 * mark would end a quoted field, so the field is quoted and the mark
 * doubled. A field without them is written as it is, so that the common
 * case (identifiers, numbers) reads as plain text. */
enum { CSV_PLAIN, CSV_QUOTE, CSV_DOUBLE };
static const unsigned char csv_class[256] = {
	[','] = CSV_QUOTE, ['\r'] = CSV_QUOTE, ['\n'] = CSV_QUOTE, ['"'] = CSV_DOUBLE,
};

void esc_csv(buf *out, const char *s, size_t n)
{
	size_t i, start = 0;
	for (i = 0; i < n && csv_class[(unsigned char)s[i]] == CSV_PLAIN; i++)
		;
	if (i == n) {
		buf_put(out, s, n);
		return;
	}
	buf_putc(out, '"');
	for (i = 0; i < n; i++) {
		if (csv_class[(unsigned char)s[i]] != CSV_DOUBLE)
			continue;
		buf_put(out, s + start, i + 1 - start);
		start = i; /* the quotation mark is written again */
	}
	buf_put(out, s + start, n - start);
	buf_putc(out, '"');
}

/* ---- JSON ---- */

/* What esc_json does with each byte (RFC 8259). 0: copied. A letter: written
 * after a backslash, for the quotation mark and the backslash, which would
 * end the string or start an escape, and for the control characters JSON has
 * a short form for. 'u': "\u00XX", for the other control characters, which
 * JSON does not allow in a string, and DEL, which it does but editors show
 * badly. M: the first byte of a multi-byte character, copied with the bytes
 * that follow when they are well-formed UTF-8, written as U+FFFD when not (a
 * folder name or a quoted cell may hold any byte). */
enum { JSON_PLAIN, JSON_UTF8 };
#define U 'u'
#define M JSON_UTF8
static const unsigned char json_class[256] = {
	U, U, U, U, U, U, U, U, U, 't', 'n', U, U, 'r', U, U, /* 0x00 */
	U, U, U, U, U, U, U, U, U, U,   U,   U, U, U,   U, U, /* 0x10 */
	0, 0, '"', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,     /* 0x20 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,       /* 0x30 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,       /* 0x40 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '\\', 0, 0, 0,    /* 0x50 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,       /* 0x60 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, U,       /* 0x70 */
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,       /* 0x80 */
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,       /* 0x90 */
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,       /* 0xA0 */
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,       /* 0xB0 */
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,       /* 0xC0 */
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,       /* 0xD0 */
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,       /* 0xE0 */
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,       /* 0xF0 */
};
#undef U
#undef M

/* Length of the well-formed UTF-8 sequence at s, n bytes long (n >= 1): 2
 * to 4, or 0 when the bytes there are not UTF-8 (a stray continuation byte,
 * an overlong form, a surrogate, a code point above U+10FFFF, a truncated
 * sequence). */
static size_t utf8_length(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo, hi;
	unsigned char c1 = n > 1 ? s[1] : 0, c2 = n > 2 ? s[2] : 0, c3 = n > 3 ? s[3] : 0;
	if (c >= 0xC2 && c <= 0xDF)
		return (c1 & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
		return c1 >= lo && c1 <= hi && (c2 & 0xC0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
		return c1 >= lo && c1 <= hi && (c2 & 0xC0) == 0x80 && (c3 & 0xC0) == 0x80 ? 4 : 0;
	}
	return 0;
}

void esc_json(buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0, len;
	while (i < n) {
		unsigned char k = json_class[p[i]];
		if (k == JSON_PLAIN) {
			i++;
			continue;
		}
		if (k == JSON_UTF8 && (len = utf8_length(p + i, n - i)) > 0) {
			i += len;
			continue;
		}
		buf_put(out, s + start, i - start);
		if (k == JSON_UTF8)
			buf_puts(out, "\\ufffd");
		else if (k == 'u')
			buf_printf(out, "\\u%04x", p[i]);
		else {
			buf_putc(out, '\\');
			buf_putc(out, (char)k);
		}
		start = ++i;
	}
	buf_put(out, s + start, n - start);
}

/* ---- GitHub workflow commands ---- */

/* Which bytes esc_github_message (GH_MESSAGE) and esc_github_property
 * (GH_PROPERTY) write as "%XX", as GitHub's runner decodes them: "%"
 * itself, and CR and LF, which would end the command; in a property value
 * also ":", which would end the properties, and ",", which would end the
 * value. */
enum { GH_MESSAGE = 1, GH_PROPERTY = 2 };
static const unsigned char github_class[256] = {
	['%'] = GH_MESSAGE | GH_PROPERTY, ['\r'] = GH_MESSAGE | GH_PROPERTY,
	['\n'] = GH_MESSAGE | GH_PROPERTY, [':'] = GH_PROPERTY, [','] = GH_PROPERTY,
};

static void esc_github(buf *out, const char *s, size_t n, unsigned char which)
{
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(github_class[c] & which))
			continue;
		buf_put(out, s + start, i - start);
		buf_printf(out, "%%%02X", c);
		start = i + 1;
	}
	buf_put(out, s + start, n - start);
}

void esc_github_message(buf *out, const char *s, size_t n)
{
	esc_github(out, s, n, GH_MESSAGE);
}

void esc_github_property(buf *out, const char *s, size_t n)
{
	esc_github(out, s, n, GH_PROPERTY);
}
