/* html.c - cmark-gfm rendering with link rewriting, and Markdown / HTML escaping. */
#include "html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm/registry.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int extensions_ready;

static void ensure_extensions(void)
{
	if (!extensions_ready) {
		cmark_gfm_core_extensions_ensure_registered();
		extensions_ready = 1;
	}
}

static void attach(cmark_parser *p, const char *name)
{
	cmark_syntax_extension *ext = cmark_find_syntax_extension(name);
	if (ext)
		cmark_parser_attach_syntax_extension(p, ext);
}

static int is_relative(const char *url)
{
	const char *p;
	if (url[0] == '/' || url[0] == '#')
		return 0;
	for (p = url; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return 0; /* has a scheme */
	return 1;
}

/* The URLs cmark-gfm's safe mode blanks: a link to one would render as
 * <a href=""> (a link to the page itself), so it becomes its text. */
static int is_unsafe(const char *url)
{
	static const char *const images[] = {"data:image/png", "data:image/gif", "data:image/jpeg",
	                                     "data:image/webp"};
	size_t i;
	for (i = 0; i < sizeof images / sizeof images[0]; i++)
		if (strncasecmp(url, images[i], strlen(images[i])) == 0)
			return 0;
	return strncasecmp(url, "javascript:", 11) == 0 || strncasecmp(url, "vbscript:", 9) == 0 ||
	       strncasecmp(url, "file:", 5) == 0 || strncasecmp(url, "data:", 5) == 0;
}

/* Replace a link or image by its content (an image's content is its alt text). */
static void unwrap(cmark_node *n)
{
	cmark_node *child;
	while ((child = cmark_node_first_child(n)) != NULL)
		cmark_node_insert_before(n, child);
	cmark_node_free(n);
}

/* "a/index.md" -> "a/index.html", keeping any "#fragment"; links and images
 * with an unsafe URL become plain text. */
static void rewrite_links(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *url;
		const char *hash;
		size_t base;
		cmark_node_type type = cmark_node_get_type(n);
		if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)
			continue;
		url = cmark_node_get_url(n);
		if (ev == CMARK_EVENT_EXIT) {
			/* the iterator has moved past n: it may be freed now */
			if (url && is_unsafe(url))
				unwrap(n);
			continue;
		}
		if (type != CMARK_NODE_LINK)
			continue;
		if (!url || !is_relative(url))
			continue;
		hash = strchr(url, '#');
		base = hash ? (size_t)(hash - url) : strlen(url);
		if (base >= 3 && memcmp(url + base - 3, ".md", 3) == 0) {
			buf b = BUF_INIT;
			buf_put(&b, url, base - 3);
			buf_puts(&b, ".html");
			if (hash)
				buf_puts(&b, hash);
			cmark_node_set_url(n, buf_cstr(&b));
			buf_release(&b);
		}
	}
	cmark_iter_free(it);
}

/* Cell alignment as style="text-align: right": the align attribute is
 * obsolete in HTML. */
#define HTML_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)

static cmark_parser *new_parser(void)
{
	cmark_parser *p;
	ensure_extensions();
	p = cmark_parser_new(HTML_OPTIONS);
	attach(p, "table");
	attach(p, "strikethrough");
	attach(p, "autolink");
	return p;
}

/* Render a document node to out and free it. */
static void render_node(buf *out, cmark_node *node, cmark_parser *p)
{
	char *html = cmark_render_html(node, HTML_OPTIONS, cmark_parser_get_syntax_extensions(p));
	buf_puts(out, html);
	free(html);
	cmark_node_free(node);
}

void html_from_page_markdown(buf *nav, buf *out, const char *md, size_t len)
{
	cmark_parser *p;
	cmark_node *doc, *first, *next;
	p = new_parser();
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	rewrite_links(doc);
	first = cmark_node_first_child(doc);
	next = first ? cmark_node_next(first) : NULL;
	if (nav && first && next && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_get_type(next) == CMARK_NODE_HEADING && cmark_node_get_heading_level(next) == 1) {
		/* a paragraph renders only inside a document */
		cmark_node *head = cmark_node_new(CMARK_NODE_DOCUMENT);
		cmark_node_unlink(first);
		cmark_node_append_child(head, first);
		render_node(nav, head, p);
	}
	render_node(out, doc, p);
	cmark_parser_free(p);
}

int markdown_demote_headings(buf *out, const char *md, size_t len, int shift)
{
	cmark_parser *p = new_parser();
	cmark_node *doc, *n;
	cmark_iter *it;
	cmark_event_type ev;
	int found = 0;
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
			found = 1;
		}
	}
	cmark_iter_free(it);
	if (found) {
		char *text = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
		buf_puts(out, text);
		free(text);
	}
	cmark_node_free(doc);
	cmark_parser_free(p);
	return found;
}

void html_from_markdown(buf *out, const char *md, size_t len)
{
	html_from_page_markdown(NULL, out, md, len);
}

void html_shutdown(void)
{
	if (extensions_ready)
		cmark_release_plugins();
	extensions_ready = 0;
}

void md_escape(buf *out, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		char c = s[i];
		switch (c) {
		case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
		case '|': case '~': case '&': case '$':
			buf_putc(out, '\\');
			buf_putc(out, c);
			break;
		case '#': case '+': case '-': case '=': case '!':
			/* only meaningful at the start of a value (headings, lists) */
			if (i == 0)
				buf_putc(out, '\\');
			buf_putc(out, c);
			break;
		case '\r':
			break;
		case '\n':
			buf_putc(out, ' ');
			break;
		default:
			buf_putc(out, c);
		}
	}
}

void html_escape(buf *out, const char *s, size_t n)
{
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: break;
		}
		if (rep) {
			buf_put(out, s + start, i - start);
			buf_puts(out, rep);
			start = i + 1;
		}
	}
	buf_put(out, s + start, n - start);
}
