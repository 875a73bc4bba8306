/* test_units.c - unit tests of the parsers and formatters, each expected value written by hand. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "csvread.h"
#include "frontmatter.h"
#include "html.h"
#include "locale.h"
#include "opendata.h"
#include "records.h"
#include "rules.h"

static int failures, checks;

#define CHECK(cond)                                                              \
	do {                                                                     \
		checks++;                                                        \
		if (!(cond)) {                                                   \
			failures++;                                              \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                \
	} while (0)

#define CHECK_STR(got, want)                                                     \
	do {                                                                     \
		const char *g_ = (got), *w_ = (want);                            \
		checks++;                                                        \
		if (strcmp(g_, w_) != 0) {                                       \
			failures++;                                              \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_); \
		}                                                                \
	} while (0)

static void test_csv_plain(void)
{
	const char text[] = "a,b,c\n1,\"x, y\",3\n\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("f.csv", text, strlen(text), &t, &d) == 0);
	CHECK(t.separator == ',');
	CHECK(t.nrows == 2);
	CHECK(t.rows[1].len == 3);
	CHECK_STR(t.rows[1].cells[1].text, "x, y");
	CHECK(t.rows[1].line == 2);
	CHECK(t.rows[1].cells[2].column == 10);
	CHECK(d.len == 0);
	csv_table_release(&t);
	diag_list_release(&d);
}

static void test_csv_excel_indonesia(void)
{
	/* as Excel saves "CSV UTF-8" with an Indonesian locale */
	const char text[] = "\xEF\xBB\xBFnama;nilai\r\n\"Baris\r\ndua\";12,5\r\nc;;\r\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("f.csv", text, strlen(text), &t, &d) == 0);
	CHECK(t.had_bom);
	CHECK(t.separator == ';');
	CHECK(t.nrows == 3);
	CHECK_STR(t.rows[0].cells[0].text, "nama");
	CHECK_STR(t.rows[1].cells[0].text, "Baris\r\ndua");
	CHECK_STR(t.rows[1].cells[1].text, "12,5");
	CHECK(t.rows[2].line == 4);
	CHECK(t.rows[2].len == 3); /* a trailing separator gives an empty cell */
	csv_table_release(&t);
	diag_list_release(&d);
}

static void test_csv_errors(void)
{
	const char latin1[] = "a,b\nCaf\xE9,1\n";
	const char quote[] = "a,b\n\"open,1\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("l.csv", latin1, strlen(latin1), &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 4);
	CHECK(strstr(d.items[0].message, "byte 7") != NULL);
	csv_table_release(&t);
	CHECK(csvr_parse("q.csv", quote, strlen(quote), &t, &d) == -1);
	CHECK(d.len == 2 && strcmp(d.items[1].file, "q.csv") == 0);
	csv_table_release(&t);
	diag_list_release(&d);
}

/* The same problems, with the list in English: English text, same positions. */
static void test_english_messages(void)
{
	const char latin1[] = "a,b\nCaf\xE9,1\n";
	const char open[] = "---\nnama: Pos\n";
	arena *a = arena_new();
	front_matter fm;
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("l.csv", latin1, strlen(latin1), &t, &d) == -1);
	CHECK(d.len == 1 && strstr(d.items[0].message, "bukan UTF-8") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
	d.english = 1; /* after init or release, which zero the list */
	CHECK(csvr_parse("l.csv", latin1, strlen(latin1), &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 4);
	CHECK(strstr(d.items[0].message, "not UTF-8 (byte 7") != NULL);
	CHECK(strstr(d.items[0].message, "LibreOffice") != NULL);
	csv_table_release(&t);
	CHECK(fm_parse(a, "p.md", open, strlen(open), &fm, &d) == -1);
	CHECK(d.len == 2 && strstr(d.items[1].message, "not closed") != NULL);
	diag_list_release(&d);
	arena_free(a);
}

/* Errors raised inside the Lua rules follow the language too, and validasi
 * reads the optional English message pesan_en. */
static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_english_rules(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX";
	char *bad, *good;
	diag_list d;
	rules *r;
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	bad = path_join(dir, "a.lua");
	good = path_join(dir, "b.lua");
	write_text(bad, "elemen { id = \"Hari\", label = \"Hari buka\" }\n");
	diag_list_init(&d);
	d.english = 1;
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "may contain only lowercase") != NULL);
	diag_list_release(&d);
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "hanya boleh berisi huruf kecil") != NULL);
	diag_list_release(&d);
	write_text(bad, "elemen { id = \"sakit\", label = \"Sakit\" }\n"
	                "elemen { id = \"dilayani\", label = \"Dilayani\" }\n"
	                "tingkat { id = \"pratama\", label = \"Pratama\" }\n");
	write_text(good, "validasi { id = \"v\", kiri = \"dilayani\", operator = \"<=\",\n"
	                 "  kanan = \"sakit\", pesan = \"lebih banyak\", pesan_en = \"more\" }\n"
	                 "validasi { id = \"w\", kiri = \"sakit\", operator = \">=\", kanan = 0,\n"
	                 "  pesan = \"negatif\" }\n");
	d.english = 1;
	r = rules_load(dir, &d);
	CHECK(r != NULL && d.len == 0);
	if (r) {
		CHECK(r->nvalidations == 2);
		CHECK_STR(r->validations[0].message, "lebih banyak");
		CHECK(r->validations[0].message_en && strcmp(r->validations[0].message_en, "more") == 0);
		CHECK(r->validations[1].message_en == NULL);
		rules_free(r);
	}
	diag_list_release(&d);
	remove(bad);
	remove(good);
	rmdir(dir);
	free(bad);
	free(good);
}

static void test_front_matter(void)
{
	const char text[] = "---\nnama: Pos UKK Garam\nkode: \"64\"\nsarana:\n  - papan_nama\n"
	                    "  - timbangan\nkosong:\n---\nIsi *halaman*.\n";
	arena *a = arena_new();
	front_matter fm;
	diag_list d;
	value *sarana;
	diag_list_init(&d);
	CHECK(fm_parse(a, "pos.md", text, strlen(text), &fm, &d) == 0);
	CHECK_STR(val_get_str(fm.meta, "nama"), "Pos UKK Garam");
	CHECK_STR(val_get_str(fm.meta, "kode"), "64");
	CHECK(val_get(fm.meta, "kode")->line == 3);
	CHECK(val_get(fm.meta, "kode")->column == 7);
	sarana = val_get(fm.meta, "sarana");
	CHECK(sarana && sarana->kind == VAL_LIST && sarana->u.list.len == 2);
	CHECK(sarana->u.list.items[1]->line == 6);
	CHECK(val_get(fm.meta, "kosong")->kind == VAL_NULL);
	CHECK_STR(fm.body, "Isi *halaman*.\n");
	CHECK(fm.body_line == 9);
	diag_list_release(&d);
	arena_free(a);
}

static void test_front_matter_errors(void)
{
	const char bad[] = "---\nnama: Pos\nkode: [1, 2\n---\n";
	const char alias[] = "---\na: &x [1]\nb: *x\n---\n";
	const char open[] = "---\nnama: Pos\n";
	arena *a = arena_new();
	front_matter fm;
	diag_list d;
	diag_list_init(&d);
	CHECK(fm_parse(a, "p.md", bad, strlen(bad), &fm, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line >= 3);
	CHECK(fm_parse(a, "p.md", alias, strlen(alias), &fm, &d) == -1);
	CHECK(d.len == 2 && d.items[1].line == 2 && strstr(d.items[1].message, "alias"));
	CHECK(fm_parse(a, "p.md", open, strlen(open), &fm, &d) == -1);
	CHECK(d.len == 3 && strstr(d.items[2].message, "tidak ditutup"));
	diag_list_release(&d);
	arena_free(a);
}

static const char *fmt(buf *b)
{
	static char out[128];
	snprintf(out, sizeof out, "%s", buf_cstr(b));
	buf_reset(b);
	return out;
}

static void test_locale(void)
{
	buf b = BUF_INIT;
	fmt_number(&b, LANG_ID, 1234.5, 2);
	CHECK_STR(fmt(&b), "1.234,5");
	fmt_number(&b, LANG_EN, 1234567.891, 2);
	CHECK_STR(fmt(&b), "1,234,567.89");
	fmt_number(&b, LANG_ID, -0.001, 2);
	CHECK_STR(fmt(&b), "0");
	fmt_number(&b, LANG_ID, 100, 2);
	CHECK_STR(fmt(&b), "100");
	fmt_percent(&b, LANG_ID, 21.0 / 115.0 * 100);
	CHECK_STR(fmt(&b), "18,26%");
	fmt_percent(&b, LANG_ID, NAN);
	CHECK_STR(fmt(&b), "tidak dilaporkan");
	fmt_quarter(&b, LANG_ID, 2024 * 4 + 0, 0);
	CHECK_STR(fmt(&b), "Triwulan I 2024");
	fmt_quarter(&b, LANG_ID, 2016 * 4 + 3, 1);
	CHECK_STR(fmt(&b), "TW IV 2016");
	fmt_quarter(&b, LANG_EN, 2024 * 4 + 2, 0);
	CHECK_STR(fmt(&b), "Quarter 3 2024");
	fmt_date(&b, LANG_ID, date_from_ymd(2025, 3, 31));
	CHECK_STR(fmt(&b), "31 Maret 2025");
	fmt_date(&b, LANG_EN, date_from_ymd(2024, 2, 29));
	CHECK_STR(fmt(&b), "29 February 2024");
	fmt_quarter_id(&b, 2024 * 4 + 3);
	CHECK_STR(fmt(&b), "2024-Q4");
	buf_release(&b);
}

static void test_dates(void)
{
	int days;
	CHECK(date_from_ymd(1970, 1, 1) == 0);
	CHECK(date_from_ymd(2024, 3, 1) - date_from_ymd(2024, 2, 28) == 2);
	CHECK(date_from_ymd(2023, 2, 29) == NO_DATE);
	CHECK(date_from_ymd(2024, 13, 1) == NO_DATE);
	CHECK(date_parse("2019-11-12", &days) == 0 && days == date_from_ymd(2019, 11, 12));
	CHECK(date_parse("12/11/2019", &days) == 0 && days == date_from_ymd(2019, 11, 12));
	CHECK(date_parse("2019-02-30", &days) == -1);
	CHECK(date_parse("2019-1-5", &days) == -1);
	CHECK(date_month(date_from_ymd(2024, 3, 31)) == MONTH_OF(2024, 3));
	CHECK(parse_quarter("2024-Q4") == 2024 * 4 + 3);
	CHECK(parse_quarter("2024-TW1") == 2024 * 4);
	CHECK(parse_quarter("2024-Q5") == -1);
	CHECK(parse_quarter("24-Q1") == -1);
}

static void test_escaping(void)
{
	buf b = BUF_INIT;
	const char hostile[] = "# A|B *c* [x](javascript:y) <b>&\nz";
	md_escape(&b, hostile, strlen(hostile));
	CHECK_STR(fmt(&b), "\\# A\\|B \\*c\\* \\[x\\](javascript:y) \\<b\\>\\& z");
	html_escape(&b, "<a href=\"x\">'&'</a>", 19);
	CHECK_STR(fmt(&b), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
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
	md_escape(&b, "x|y", 3);
	buf_puts(&b, " |\n|---|---|\n| 1 | 2 |\n");
	{
		buf h = BUF_INIT;
		html_from_markdown(&h, b.data, b.len);
		CHECK(strstr(buf_cstr(&h), "<th>x|y</th>") != NULL);
		buf_release(&h);
	}
	buf_release(&b);
}

static void test_opendata_numbers(void)
{
	buf b = BUF_INIT;
	opendata_number(&b, 21.0 / 115.0 * 100, 4);
	CHECK_STR(fmt(&b), "18.2609");
	opendata_number(&b, 100, 4);
	CHECK_STR(fmt(&b), "100");
	opendata_number(&b, 62.5, 4);
	CHECK_STR(fmt(&b), "62.5");
	opendata_number(&b, NAN, 4);
	CHECK_STR(fmt(&b), "");
	buf_release(&b);
}

int main(void)
{
	test_csv_plain();
	test_csv_excel_indonesia();
	test_csv_errors();
	test_front_matter();
	test_front_matter_errors();
	test_english_messages();
	test_english_rules();
	test_locale();
	test_dates();
	test_escaping();
	test_opendata_numbers();
	html_shutdown();
	printf("%d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
