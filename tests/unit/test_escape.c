/* test_escape.c - unit tests of generator/escape.c: each output format's escape, with hostile values. */
#include <string.h>

#include "check.h"
#include "escape.h"
#include "html.h"

static void test_escaping(void)
{
	buf b = BUF_INIT;
	const char hostile[] = "# A|B *c* [x](javascript:y) <b>&\nz";
	esc_markdown(&b, hostile, strlen(hostile));
	CHECK_STR(check_take(&b), "\\# A\\|B \\*c\\* \\[x\\](javascript:y) \\<b\\>\\& z");
	esc_html(&b, "<a href=\"x\">'&'</a>", 19);
	CHECK_STR(check_take(&b), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	html_from_markdown(&b, "[a](x/index.md) [b](https://e.org/index.md) <script>x</script>\n", 62);
	CHECK(strstr(buf_cstr(&b), "href=\"x/index.html\"") != NULL);
	CHECK(strstr(buf_cstr(&b), "href=\"https://e.org/index.md\"") != NULL);
	CHECK(strstr(buf_cstr(&b), "<script>") == NULL);
	buf_reset(&b);
	html_from_markdown(&b, "[c](javascript:alert(1))\n", 25);
	CHECK(strstr(buf_cstr(&b), "javascript:") == NULL);
	buf_reset(&b);
	/* an escaped value stays one table cell */
	buf_puts(&b, "| a | ");
	esc_markdown(&b, "x|y", 3);
	buf_puts(&b, " |\n|---|---|\n| 1 | 2 |\n");
	{
		buf h = BUF_INIT;
		html_from_markdown(&h, b.data, b.len);
		CHECK(strstr(buf_cstr(&h), "<th>x|y</th>") != NULL);
		buf_release(&h);
	}
	buf_release(&b);
}

/* Whether escape turns the bytes of the literal in (NULs included) into
 * exactly those of the literal want. */
#define CHECK_ESC(escape, in, want) check_esc(__LINE__, escape, in, sizeof in - 1, want, sizeof want - 1)

static void check_esc(int line, void (*escape)(buf *, const char *, size_t), const char *in,
                      size_t n, const char *want, size_t wn)
{
	buf b = BUF_INIT;
	escape(&b, in, n);
	check_mem(__FILE__, line, buf_cstr(&b), b.len, want, wn);
	buf_release(&b);
}

/* Each output format's escape with hostile values, expected bytes by hand. */
static void test_escape_formats(void)
{
	/* Markdown: "-" escaped only first, CR dropped, LF a space */
	CHECK_ESC(esc_markdown, "- a\r\nb=c", "\\- a b=c");
	CHECK_ESC(esc_markdown, "$5 ~x~ `y` _z_ \\", "\\$5 \\~x\\~ \\`y\\` \\_z\\_ \\\\");
	CHECK_ESC(esc_markdown, "!", "\\!");
	CHECK_ESC(esc_markdown, "\x01\xff!#", "\x01\xff!#"); /* other bytes as they are */
	CHECK_ESC(esc_markdown, "", "");
	/* HTML and XML: both quotation marks, no entity spared */
	CHECK_ESC(esc_html, "<script>alert('x&y')</script>",
	          "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;");
	CHECK_ESC(esc_html, "a\"b\nc\xff&amp;", "a&quot;b\nc\xff&amp;amp;");
	CHECK_ESC(esc_html, "x\0<", "x\0&lt;");
	/* CSV: quoted only when needed, quotation marks doubled */
	CHECK_ESC(esc_csv, "nelayan-tanjung-laut", "nelayan-tanjung-laut");
	CHECK_ESC(esc_csv, "Pos \"Nelayan\", Tanjung", "\"Pos \"\"Nelayan\"\", Tanjung\"");
	CHECK_ESC(esc_csv, "Tanjung, Laut", "\"Tanjung, Laut\"");
	CHECK_ESC(esc_csv, "a\nb", "\"a\nb\"");
	CHECK_ESC(esc_csv, "a\rb", "\"a\rb\"");
	CHECK_ESC(esc_csv, "\"", "\"\"\"\"");
	CHECK_ESC(esc_csv, "=1+2;\x01\xff", "=1+2;\x01\xff");
	CHECK_ESC(esc_csv, "a\0,b", "\"a\0,b\"");
	CHECK_ESC(esc_csv, "", "");
	/* JSON: short escapes, other controls as \u00XX, "/" and "<" as they are */
	CHECK_ESC(esc_json, "say \"hi\"\\", "say \\\"hi\\\"\\\\");
	CHECK_ESC(esc_json, "a\nb\rc\td", "a\\nb\\rc\\td");
	CHECK_ESC(esc_json, "\x01\x08\x0c\x1f\x7f", "\\u0001\\u0008\\u000c\\u001f\\u007f");
	CHECK_ESC(esc_json, "a\0b", "a\\u0000b");
	CHECK_ESC(esc_json, "</script>", "</script>");
	/* JSON: well-formed UTF-8 kept (2, 3 and 4 bytes), anything else U+FFFD per byte */
	CHECK_ESC(esc_json, "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	CHECK_ESC(esc_json, "\xff\x80", "\\ufffd\\ufffd");
	CHECK_ESC(esc_json, "\xc3(", "\\ufffd(");
	CHECK_ESC(esc_json, "\xc0\xaf", "\\ufffd\\ufffd"); /* overlong "/" */
	CHECK_ESC(esc_json, "\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd"); /* surrogate */
	CHECK_ESC(esc_json, "\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd"); /* above U+10FFFF */
	CHECK_ESC(esc_json, "x\xe2\x82", "x\\ufffd\\ufffd"); /* truncated at the end */
	check_esc(__LINE__, esc_json, "\xc3\xa9", 1, "\\ufffd", 6); /* cut by n */
	/* GitHub: a message cannot end the command; a property not its value */
	CHECK_ESC(esc_github_message, "50% done\r\nnext: a,b", "50%25 done%0D%0Anext: a,b");
	CHECK_ESC(esc_github_message, "x\n::error::fake", "x%0A::error::fake");
	CHECK_ESC(esc_github_property, "records/a:b,c%d\ne\rf", "records/a%3Ab%2Cc%25d%0Ae%0Df");
	CHECK_ESC(esc_github_property, "\"\xff\x01", "\"\xff\x01");
}

int main(void)
{
	test_escaping();
	test_escape_formats();
	html_shutdown();
	return check_done("test_escape");
}
