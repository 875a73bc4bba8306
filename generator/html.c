/* html.c - cmark-gfm rendering with link rewriting. */
#include "html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm/registry.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"

/* The syntax extensions every parser gets, looked up once per process.
 * cmark-gfm registers its core extensions only once per process
 * (cmark_gfm_core_extensions_ensure_registered keeps a flag of its own), so
 * the registry is released at exit and never between two builds: after
 * cmark_release_plugins, a second build in the same process (rekap serve)
 * would find no extension and render every table as a paragraph. */
static const char *const extension_names[] = {"table", "strikethrough", "autolink"};
#define NEXTENSIONS (sizeof extension_names / sizeof extension_names[0])
enum { EXT_TABLE, EXT_STRIKETHROUGH, EXT_AUTOLINK };
static cmark_syntax_extension *extensions[NEXTENSIONS];
static int extensions_ready;

static void release_extensions(void)
{
	cmark_release_plugins();
}

static void ensure_extensions(void)
{
	size_t i;
	if (extensions_ready)
		return;
	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < NEXTENSIONS; i++) {
		extensions[i] = cmark_find_syntax_extension(extension_names[i]);
		if (!extensions[i]) {
			/* pages without tables would be published: never */
			fprintf(stderr, "rekap: cmark-gfm extension '%s' not found\n",
			        extension_names[i]);
			abort();
		}
	}
	atexit(release_extensions);
	extensions_ready = 1;
}

/*
 * The memory of one document. Parsing and rendering a page makes thousands
 * of small allocations (nodes, inline text, string buffers) that all die
 * together, so cmark-gfm gets a bump allocator instead of malloc: blocks are
 * kept from one document to the next, free gives back only the latest
 * allocation, and doc_mem_reset makes everything allocated since the last
 * reset available again. Only one document is worked on at a time (rekap
 * renders pages in one thread per process), which is why the state can be
 * static: cmark_mem has no pointer for it. Memory given back is not reused
 * until the reset, so a document takes many times its size; large ones (the
 * national page) use malloc instead, see doc_mem_for.
 */
typedef struct mem_block {
	struct mem_block *next;
	size_t size, used; /* bytes of data */
	max_align_t data[];
} mem_block;

#define MEM_BLOCK_SIZE ((size_t)256 * 1024)
#define MEM_ALIGN sizeof(max_align_t)

/* Every allocation starts with its size, padded to keep data aligned. */
typedef union mem_head {
	size_t size;
	max_align_t align;
} mem_head;

static mem_block *mem_first, *mem_current;
static mem_head *mem_last; /* the latest allocation, which realloc may grow in place */

static void *doc_alloc(size_t n)
{
	size_t need = (sizeof(mem_head) + n + MEM_ALIGN - 1) / MEM_ALIGN * MEM_ALIGN;
	mem_block *b = mem_current;
	mem_head *h;
	if (n > SIZE_MAX / 4)
		abort(); /* need would overflow; cmark-gfm's own allocators abort too */
	while (b && b->size - b->used < need) {
		b = b->next;
		if (b)
			b->used = 0;
	}
	if (!b) {
		size_t size = need > MEM_BLOCK_SIZE ? need : MEM_BLOCK_SIZE;
		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		if (mem_current) {
			b->next = mem_current->next;
			mem_current->next = b;
		} else {
			b->next = NULL;
			mem_first = b;
		}
	}
	mem_current = b;
	h = (mem_head *)((char *)b->data + b->used);
	h->size = need - sizeof(mem_head);
	b->used += need;
	mem_last = h;
	return h + 1;
}

static void *doc_calloc(size_t count, size_t size)
{
	void *p;
	/* the division only when the product may be large: it takes longer
	 * than the rest of an allocation, and cmark-gfm makes millions */
	if ((count | size) > 0xFFFF && size && count > SIZE_MAX / 4 / size)
		abort();
	p = doc_alloc(count * size);
	memset(p, 0, count * size);
	return p;
}

static void *doc_realloc(void *p, size_t n)
{
	mem_head *h = p ? (mem_head *)p - 1 : NULL;
	void *q;
	if (!h)
		return doc_alloc(n);
	if (n <= h->size)
		return p;
	if (h == mem_last) {
		/* the latest allocation: grow it where it is when the block has room */
		size_t extra = (n - h->size + MEM_ALIGN - 1) / MEM_ALIGN * MEM_ALIGN;
		if (mem_current->size - mem_current->used >= extra) {
			mem_current->used += extra;
			h->size += extra;
			return p;
		}
	}
	q = doc_alloc(n);
	memcpy(q, p, h->size);
	return q;
}

static void doc_free(void *p)
{
	/* Only the latest allocation is given back (temporary buffers often
	 * are); the rest waits for doc_mem_reset. */
	if (p && (mem_head *)p - 1 == mem_last) {
		mem_current->used = (size_t)((char *)mem_last - (char *)mem_current->data);
		mem_last = NULL;
	}
}

static cmark_mem doc_mem = {doc_calloc, doc_realloc, doc_free};

/* Markdown longer than this is parsed with malloc: the bump allocator would
 * hold on to about 30 times its size. */
#define DOC_MEM_MAX_INPUT ((size_t)128 * 1024)

static cmark_mem *doc_mem_for(size_t len)
{
	return len <= DOC_MEM_MAX_INPUT ? &doc_mem : cmark_get_default_mem_allocator();
}

/* Make every block available again; nothing allocated before stays valid. */
static void doc_mem_reset(void)
{
	mem_current = mem_first;
	if (mem_first)
		mem_first->used = 0;
	mem_last = NULL;
}

static void doc_mem_release(void)
{
	mem_block *b, *next;
	for (b = mem_first; b; b = next) {
		next = b->next;
		free(b);
	}
	mem_first = mem_current = NULL;
	mem_last = NULL;
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
	if (!url[0] || !strchr("jvfdJVFD", url[0]))
		return 0; /* none of the schemes below: most links are relative */
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

/* The text of a heading or a table row, its inline markup dropped and its
 * cells separated by ", ", appended to out. */
static void plain_text(buf *out, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(c);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
			buf_puts(out, cmark_node_get_literal(c));
		else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
			buf_putc(out, ' ');
		else if (c != n && out->len && strcmp(cmark_node_get_type_string(c), "table_cell") == 0)
			buf_puts(out, ", ");
	}
	cmark_iter_free(it);
}

/* Whether a table cell holds only a source location: a code span naming a
 * file of the records ("records/...") or a rules file and line
 * ("lua/03-indikator.lua:35"). */
static int is_source_cell(cmark_node *cell)
{
	cmark_node *c = cmark_node_first_child(cell);
	const char *text;
	if (!c || cmark_node_next(c) || cmark_node_get_type(c) != CMARK_NODE_CODE)
		return 0;
	text = cmark_node_get_literal(c);
	return text && (strncmp(text, "records/", 8) == 0 || strstr(text, ".lua:") != NULL);
}

/* The cell of a row in column col, or NULL. */
static cmark_node *row_cell(cmark_node *row, int col)
{
	cmark_node *c = cmark_node_first_child(row);
	for (; c && col > 0; col--)
		c = cmark_node_next(c);
	return c;
}

/*
 * Drop from the HTML the columns of a table that only say where each row
 * comes from in the records or the rules (the "Berkas rekaman" of the data
 * quality tables, the "Aturan" of "Cara menghitung"): they are for the
 * people who edit the records, who find them in the Markdown twin and in
 * the diagnostics; the public page does not show file paths.
 */
static void drop_source_columns(cmark_node *table)
{
	int ncols = cmark_gfm_extensions_get_table_columns(table), col;
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	cmark_node *header = cmark_node_first_child(table), *row;
	if (!header || !cmark_node_next(header))
		return;
	for (col = ncols - 1; col >= 0 && ncols > 1; col--) {
		int all = 1;
		for (row = cmark_node_next(header); row && all; row = cmark_node_next(row)) {
			cmark_node *cell = row_cell(row, col);
			all = cell && is_source_cell(cell);
		}
		if (!all)
			continue;
		for (row = header; row; row = cmark_node_next(row)) {
			cmark_node *cell = row_cell(row, col);
			if (cell)
				cmark_node_free(cell);
		}
		if (align)
			memmove(align + col, align + col + 1, (size_t)(ncols - col - 1));
		ncols--;
		cmark_gfm_extensions_set_table_columns(table, (uint16_t)ncols);
	}
}

/* Append to out the id GitHub gives a heading of this text, so that a
 * link to "page.md#id" works on the Markdown twin there as in the HTML:
 * ASCII letters in lower case, digits, "-", "_" and non-ASCII bytes kept,
 * spaces made "-", other punctuation dropped. */
void html_heading_id(buf *out, const char *text)
{
	const unsigned char *p;
	for (p = (const unsigned char *)text; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			buf_putc(out, (char)(*p - 'A' + 'a'));
		else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		         *p == '_' || *p >= 0x80)
			buf_putc(out, (char)*p);
		else if (*p == ' ')
			buf_putc(out, '-');
	}
}

/*
 * Put every table in a region that scrolls it sideways on a narrow screen:
 * <div class="tabel" role="region" tabindex="0" aria-label="HEADING">, the
 * label being the nearest heading above the table, so that a keyboard can
 * scroll it and a screen reader names it (the "scrollable-region-focusable"
 * rule of axe-core). A custom block renders its text as it is, in safe mode
 * too; the heading is escaped here. A second table under one heading gets
 * " (2)" and so on, to keep the regions' names distinct; a table with no
 * heading above it is named by its header row.
 */
static void wrap_tables(cmark_node *doc, cmark_mem *mem)
{
	cmark_node *n = cmark_node_first_child(doc), *next, *heading = NULL;
	int count = 0;
	for (; n; n = next) {
		buf label = BUF_INIT, open = BUF_INIT;
		cmark_node *box;
		next = cmark_node_next(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			heading = n;
			count = 0;
			continue;
		}
		if (strcmp(cmark_node_get_type_string(n), "table") != 0)
			continue;
		drop_source_columns(n);
		if (heading) {
			plain_text(&label, heading);
			if (++count > 1)
				buf_printf(&label, " (%d)", count);
		} else if (cmark_node_first_child(n)) {
			plain_text(&label, cmark_node_first_child(n)); /* the header row */
		}
		buf_puts(&open, "<div class=\"tabel\" role=\"region\" tabindex=\"0\" aria-label=\"");
		esc_html(&open, label.data ? label.data : "", label.len);
		buf_puts(&open, "\">");
		box = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
		cmark_node_set_on_enter(box, buf_cstr(&open));
		cmark_node_set_on_exit(box, "</div>");
		cmark_node_insert_before(n, box);
		cmark_node_append_child(box, n);
		buf_release(&label);
		buf_release(&open);
	}
}

/* Whether a node's children are all text: a heading rendered whole by
 * add_heading_ids. */
static int only_text(cmark_node *n)
{
	cmark_node *c;
	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) != CMARK_NODE_TEXT)
			return 0;
	return cmark_node_first_child(n) != NULL;
}

/*
 * Give each level-2 heading of the page (made of text only, as the
 * templates write them) an id, as GitHub does ("-1", "-2" after a repeated
 * one): definisi.html#pekerja-sakit-yang-dilayani, index.html#kualitas-data.
 * The renderer has no attribute for a heading, so the heading becomes a
 * custom block holding its escaped HTML.
 */
static void add_heading_ids(cmark_node *doc, cmark_mem *mem)
{
	cmark_node *n, *next;
	char **seen = NULL;
	size_t nseen = 0, capseen = 0, i;
	for (n = cmark_node_first_child(doc); n; n = next) {
		buf text = BUF_INIT, id = BUF_INIT, html = BUF_INIT;
		size_t dup = 0;
		cmark_node *box;
		next = cmark_node_next(n);
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING || cmark_node_get_heading_level(n) != 2 ||
		    !only_text(n))
			continue;
		plain_text(&text, n);
		html_heading_id(&id, buf_cstr(&text));
		for (i = 0; i < nseen; i++)
			if (strcmp(seen[i], buf_cstr(&id)) == 0)
				dup++;
		ARRAY_PUSH(seen, nseen, capseen, xstrdup(buf_cstr(&id)));
		if (dup)
			buf_printf(&id, "-%zu", dup);
		buf_puts(&html, "<h2 id=\"");
		esc_html(&html, id.data ? id.data : "", id.len);
		buf_puts(&html, "\">");
		esc_html(&html, text.data ? text.data : "", text.len);
		buf_puts(&html, "</h2>\n");
		box = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
		cmark_node_set_on_enter(box, buf_cstr(&html));
		cmark_node_set_on_exit(box, "");
		cmark_node_insert_before(n, box);
		cmark_node_free(n);
		buf_release(&text);
		buf_release(&id);
		buf_release(&html);
	}
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
}

/* Whether a paragraph holds only links, separated by " · " or spaces. */
static int only_links(cmark_node *par)
{
	cmark_node *c;
	int links = 0;
	for (c = cmark_node_first_child(par); c; c = cmark_node_next(c)) {
		const char *text;
		if (cmark_node_get_type(c) == CMARK_NODE_LINK) {
			links++;
			continue;
		}
		text = cmark_node_get_type(c) == CMARK_NODE_TEXT ? cmark_node_get_literal(c) : NULL;
		if (!text || strspn(text, " \xc2\xb7") != strlen(text)) /* U+00B7 in UTF-8 */
			return 0;
	}
	return links > 0;
}

/* Put each paragraph made only of links (the workbook, open data and
 * definitions line) in <div class="tautan">, which the print stylesheet
 * hides: on paper a link leads nowhere. */
static void mark_link_lines(cmark_node *doc, cmark_mem *mem)
{
	cmark_node *n, *next, *box;
	for (n = cmark_node_first_child(doc); n; n = next) {
		next = cmark_node_next(n);
		if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH || !only_links(n))
			continue;
		box = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
		cmark_node_set_on_enter(box, "<div class=\"tautan\">");
		cmark_node_set_on_exit(box, "</div>");
		cmark_node_insert_before(n, box);
		cmark_node_append_child(box, n);
	}
}

/* Cell alignment as style="text-align: right": the align attribute is
 * obsolete in HTML. */
#define HTML_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)

/* Whether md[0..len) holds "www." (in any case) or "://", where an
 * autolink can start, or "@", which an e-mail autolink needs. */
static int may_autolink(const char *md, size_t len)
{
	const char *p, *end = md + len;
	if (memchr(md, '@', len))
		return 1;
	for (p = memchr(md, ':', len); p; p = memchr(p + 1, ':', (size_t)(end - p - 1)))
		if (end - p >= 3 && p[1] == '/' && p[2] == '/')
			return 1;
	for (p = memchr(md, '.', len); p; p = memchr(p + 1, '.', (size_t)(end - p - 1)))
		if (p - md >= 3 && (p[-1] | 0x20) == 'w' && (p[-2] | 0x20) == 'w' &&
		    (p[-3] | 0x20) == 'w')
			return 1;
	return 0;
}

/*
 * A parser with the GitHub extensions a document can use, allocating from
 * mem. Generated pages have tables but seldom anything the other two
 * extensions act on, and each of them costs every document a pass: the
 * inline parser stops at each of their characters (':' and 'w' for
 * autolink, '~' for strikethrough) and autolink walks the whole tree for
 * e-mail addresses afterwards. Without those characters an extension
 * changes nothing (the text nodes it splits are merged again by
 * cmark_parser_finish), so it is left out.
 */
static cmark_parser *new_parser(cmark_mem *mem, const char *md, size_t len)
{
	cmark_parser *p;
	ensure_extensions();
	p = cmark_parser_new_with_mem(HTML_OPTIONS, mem);
	cmark_parser_attach_syntax_extension(p, extensions[EXT_TABLE]);
	if (memchr(md, '~', len))
		cmark_parser_attach_syntax_extension(p, extensions[EXT_STRIKETHROUGH]);
	if (may_autolink(md, len))
		cmark_parser_attach_syntax_extension(p, extensions[EXT_AUTOLINK]);
	return p;
}

/* Free a document's tree, unless it lives in doc_mem, whose reset frees
 * it at once (freeing it node by node would only walk it). */
static void free_tree(cmark_node *node, const cmark_mem *mem)
{
	if (mem != &doc_mem)
		cmark_node_free(node);
}

/* Render a document node to out and free it. */
static void render_node(buf *out, cmark_node *node, cmark_parser *p, cmark_mem *mem)
{
	char *html = cmark_render_html_with_mem(node, HTML_OPTIONS,
	                                        cmark_parser_get_syntax_extensions(p), mem);
	buf_puts(out, html);
	mem->free(html);
	free_tree(node, mem);
}

void html_from_page_markdown(buf *nav, buf *out, const char *md, size_t len)
{
	cmark_mem *mem = doc_mem_for(len);
	cmark_parser *p = new_parser(mem, md, len);
	cmark_node *doc, *first, *next;
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	rewrite_links(doc);
	wrap_tables(doc, mem);
	first = cmark_node_first_child(doc);
	next = first ? cmark_node_next(first) : NULL;
	if (nav && first && next && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_get_type(next) == CMARK_NODE_HEADING && cmark_node_get_heading_level(next) == 1) {
		/* a paragraph renders only inside a document */
		cmark_node *head = cmark_node_new_with_mem(CMARK_NODE_DOCUMENT, mem);
		cmark_node_unlink(first);
		cmark_node_append_child(head, first);
		render_node(nav, head, p, mem);
	}
	add_heading_ids(doc, mem);
	mark_link_lines(doc, mem);
	render_node(out, doc, p, mem);
	cmark_parser_free(p);
	doc_mem_reset();
}

/* Drop raw HTML and turn links and images with an unsafe URL into their
 * text, as the HTML renderer does, so that the Markdown itself carries no
 * markup; headings are raised by shift levels (at most 6). */
static void clean_narrative(cmark_node *root, int shift)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *url;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_ENTER) {
				int level = cmark_node_get_heading_level(n) + shift;
				cmark_node_set_heading_level(n, level > 6 ? 6 : level);
			}
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			/* a leaf: the iterator has already moved past it */
			cmark_node_free(n);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			url = cmark_node_get_url(n);
			if (ev == CMARK_EVENT_EXIT && url && is_unsafe(url))
				unwrap(n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

void html_narrative(buf *out, const char *md, size_t len, int shift)
{
	cmark_mem *mem = doc_mem_for(len);
	cmark_parser *p = new_parser(mem, md, len);
	cmark_node *doc;
	char *text;
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	clean_narrative(doc, shift);
	text = cmark_render_commonmark_with_mem(doc, CMARK_OPT_DEFAULT, 0, mem);
	if (text[strspn(text, " \n")]) /* else nothing is left: no narrative section */
		buf_puts(out, text);
	mem->free(text);
	free_tree(doc, mem);
	cmark_parser_free(p);
	doc_mem_reset();
}

/* The column, in characters, of byte column bytes (1-based) of line
 * (1-based) of md[0..len). */
static unsigned char_column(const char *md, size_t len, unsigned line, unsigned bytes)
{
	size_t i = 0, n;
	for (; line > 1 && i < len; i++)
		if (md[i] == '\n')
			line--;
	for (n = 0; i + n < len && md[i + n] != '\n' && n + 1 < bytes; n++)
		;
	return (unsigned)utf8_chars(md + i, n) + 1;
}

/* The column, in characters, where node n starts in md[0..len). */
static unsigned node_column(const char *md, size_t len, cmark_node *n)
{
	return char_column(md, len, (unsigned)cmark_node_get_start_line(n),
	                   (unsigned)cmark_node_get_start_column(n));
}

/* Whether literal, raw HTML, is a comment: what a writer hides on purpose. */
static int html_comment(const char *literal)
{
	return strncmp(literal + strspn(literal, " \t\n"), "<!--", 4) == 0;
}

void html_narrative_scan(const char *md, size_t len, html_link_fn fn, html_raw_fn raw, void *ctx)
{
	/* malloc and no extension: readers call this from several threads, and
	 * the links of a table cell are links of a paragraph without one */
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		const char *url, *literal;
		int line = cmark_node_get_start_line(n);
		if (ev != CMARK_EVENT_ENTER || line <= 0)
			continue;
		if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
			url = cmark_node_get_url(n);
			if (url && *url && is_relative(url))
				fn(ctx, url, type == CMARK_NODE_IMAGE, (unsigned)line,
				   node_column(md, len, n));
		} else if (raw && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE)) {
			literal = cmark_node_get_literal(n);
			if (literal && !html_comment(literal))
				raw(ctx, literal, type == CMARK_NODE_HTML_BLOCK, (unsigned)line,
				    node_column(md, len, n));
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(p);
}

void html_from_markdown(buf *out, const char *md, size_t len)
{
	html_from_page_markdown(NULL, out, md, len);
}

void html_shutdown(void)
{
	doc_mem_release();
}
