/* test_html.c - unit tests of generator/html.c: narratives, documents of every size, table regions. */
#include <string.h>

#include "check.h"
#include "html.h"

/* A narrative keeps its text and loses its markup (raw HTML blocks and
 * inline, links and images to script URLs, also through a reference or an
 * entity), and its headings go below the page's (never past h6). */
static void test_narrative(void)
{
	const char md[] = "\n# Judul\n\n<script>alert(1)</script>\n\n"
	                  "Teks <b>tebal</b>, [klik](JavaScript:x) ![g](data:text/html,x) [r]\n"
	                  "[e](&#106;avascript:x) [a](a/index.md).\n\n"
	                  "[r]: vbscript:y\n\n##### Lima\n\n<!-- x -->\n";
	buf b = BUF_INIT;
	html_narrative(&b, md, strlen(md), 2);
	CHECK_STR(buf_cstr(&b), "### Judul\n\nTeks tebal, klik g r\ne [a](a/index.md).\n\n###### Lima\n");
	buf_reset(&b);
	html_narrative(&b, "<iframe src=x>\n\n<img src=x onerror=y>\n", 38, 2);
	CHECK_STR(buf_cstr(&b), "");
	buf_release(&b);
}

/* Markdown made of n copies of piece, and the HTML of n copies of html. */
static void repeat(buf *md, buf *want, const char *piece, const char *html, int n)
{
	buf_reset(md);
	buf_reset(want);
	while (n-- > 0) {
		buf_puts(md, piece);
		buf_puts(want, html);
	}
}

/* Documents share the renderer's memory one after the other (a middle-sized
 * one takes several of its blocks), and a long one is parsed with malloc
 * instead: every size renders the same, in any order. */
static void test_html_documents(void)
{
	const char piece[] = "Teks *miring* dan [tautan](a/index.md).\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n";
	static const int copies[] = {1500, 4000, 1, 1500};
	buf md = BUF_INIT, one = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	size_t i;
	html_from_markdown(&one, piece, strlen(piece));
	CHECK(strstr(buf_cstr(&one), "<a href=\"a/index.html\">") != NULL);
	for (i = 0; i < sizeof copies / sizeof copies[0]; i++) {
		repeat(&md, &want, piece, buf_cstr(&one), copies[i]);
		buf_reset(&got);
		html_from_markdown(&got, md.data, md.len);
		CHECK(got.len == want.len && strcmp(got.data, want.data) == 0);
	}
	CHECK(4000 * strlen(piece) > 256 * 1024 && 1500 * strlen(piece) < 128 * 1024);
	buf_release(&md);
	buf_release(&one);
	buf_release(&got);
	buf_release(&want);
}

/* Every table of the HTML is a focusable region named after the heading
 * above it (numbered when a heading has several tables, escaped, inline
 * markup dropped) or else its header row, so a phone scrolls the table and
 * not the page. */
static void test_table_regions(void)
{
	const char md[] = "| x | *y* |\n|---|---|\n| 1 | 2 |\n\n"
	                  "## Data \"A\" & `b`\n\n| a |\n|---|\n| 1 |\n\nteks\n\n| b |\n|---|\n| 2 |\n\n"
	                  "### Lain\n\n| c |\n|---|\n| 3 |\n";
	const char *open = "<div class=\"tabel\" role=\"region\" tabindex=\"0\" aria-label=\"";
	buf b = BUF_INIT, want = BUF_INIT;
	const char *p;
	html_from_markdown(&b, md, strlen(md));
	p = buf_cstr(&b);
	buf_printf(&want, "%sx, y\">\n<table>", open);
	CHECK(strncmp(p, want.data, want.len) == 0);
	buf_reset(&want);
	buf_printf(&want, "%sData &quot;A&quot; &amp; b\">\n<table>", open);
	CHECK(strstr(p, want.data) != NULL);
	buf_reset(&want);
	buf_printf(&want, "<p>teks</p>\n%sData &quot;A&quot; &amp; b (2)\">\n<table>", open);
	CHECK(strstr(p, want.data) != NULL);
	buf_reset(&want);
	buf_printf(&want, "%sLain\">\n<table>", open);
	CHECK(strstr(p, want.data) != NULL);
	CHECK(strstr(p, "</table>\n</div>\n<h2>") != NULL);
	buf_release(&b);
	buf_release(&want);
}

/* A document gets the strikethrough and autolink extensions only when it
 * holds something they act on ("~", "www.", "://", "@"): those still
 * render, in pages and narratives, and text without them is left as it is. */
static void test_extensions(void)
{
	static const struct {
		const char *md, *html;
	} cases[] = {
		{"a ~~b~~ c\n", "<p>a <del>b</del> c</p>\n"},
		{"lihat www.contoh.org.\n", "<p>lihat <a href=\"http://www.contoh.org\">www.contoh.org</a>.</p>\n"},
		{"di https://contoh.org/x ya\n",
		 "<p>di <a href=\"https://contoh.org/x\">https://contoh.org/x</a> ya</p>\n"},
		{"surel pos@contoh.org\n", "<p>surel <a href=\"mailto:pos@contoh.org\">pos@contoh.org</a></p>\n"},
		{"WWW.CONTOH.ORG, w.x: y ~ z\n", "<p>WWW.CONTOH.ORG, w.x: y ~ z</p>\n"},
		{"waktu: 10 | tiwi.\n", "<p>waktu: 10 | tiwi.</p>\n"},
	};
	buf b = BUF_INIT;
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		html_from_markdown(&b, cases[i].md, strlen(cases[i].md));
		CHECK_STR(buf_cstr(&b), cases[i].html);
	}
	buf_reset(&b);
	html_narrative(&b, "Lihat ~~lama~~ www.contoh.org\n", 30, 2);
	CHECK_STR(buf_cstr(&b), "Lihat ~~lama~~ [www.contoh.org](http://www.contoh.org)\n");
	buf_release(&b);
}

int main(void)
{
	test_narrative();
	test_extensions();
	test_html_documents();
	test_table_regions();
	html_shutdown();
	return check_done("test_html");
}
