/* test_units.c - unit tests of the parsers and formatters, each expected value written by hand. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "build.h"
#include "compute.h"
#include "csvread.h"
#include "escape.h"
#include "frontmatter.h"
#include "html.h"
#include "locale.h"
#include "mustache.h"
#include "opendata.h"
#include "period.h"
#include "records.h"
#include "rules.h"
#include "settings.h"
#include "wilayah.h"

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

/* Cell positions, counted by hand: lines fed to libcsv whole (no quote),
 * lines fed in chunks (a quote), a multi-byte character, CRLF, a line of
 * blanks, and an empty last cell at the end of the file. */
static void test_csv_positions(void)
{
	const char text[] = "a,bb,c\r\n"          /* line 1 */
	                    "\xC3\xA9t\xC3\xA9,2,3\r\n" /* line 2: "été", 3 characters */
	                    "  \n"                  /* line 3: blanks only, no row */
	                    "x,\"q,\"\"r\",z\n"      /* line 4: x,"q,""r",z */
	                    "1,2,";                 /* line 5: no line end */
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("p.csv", text, strlen(text), &t, &d) == 0);
	CHECK(t.nrows == 4);
	CHECK(t.rows[0].line == 1 && t.rows[0].cells[1].column == 3 && t.rows[0].cells[2].column == 6);
	CHECK(t.rows[1].line == 2 && t.rows[1].cells[1].column == 5 && t.rows[1].cells[2].column == 7);
	CHECK(t.rows[2].line == 4 && t.rows[2].len == 3);
	CHECK_STR(t.rows[2].cells[1].text, "q,\"r");
	CHECK(t.rows[2].cells[1].column == 3 && t.rows[2].cells[2].column == 11);
	CHECK(t.rows[3].line == 5 && t.rows[3].len == 3);
	CHECK(t.rows[3].cells[1].line == 5 && t.rows[3].cells[1].column == 3);
	/* an empty last cell has no byte of its own: it keeps the position of
	 * the cell before it */
	CHECK(t.rows[3].cells[2].column == 3);
	CHECK(d.len == 0);
	csv_table_release(&t);
	diag_list_release(&d);
}

/* A quote that opens the first cell of a row and is never closed is
 * reported where it opens, not at the last line the cell swallowed. */
static void test_csv_unclosed_first_cell(void)
{
	const char first[] = "a,b\n\"x\ny\nz\n";
	const char second[] = "a,b\n1,\"x\ny\nz\n";
	csv_table t;
	diag_list d;
	diag_list_init(&d);
	CHECK(csvr_parse("f.csv", first, strlen(first), &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 1);
	csv_table_release(&t);
	CHECK(csvr_parse("s.csv", second, strlen(second), &t, &d) == -1);
	CHECK(d.len == 2 && d.items[1].line == 2 && d.items[1].column == 3);
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
	d.lang = LANG_EN; /* after init or release, which zero the list */
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

/* rekap.yaml read into the typed settings: the values written, the
 * defaults for what is left out or wrong, and where periode: is. */
static void test_settings(void)
{
	static const char good[] = "judul: Situs Kota\nbahasa: en\nurl_dasar: https://a.example/r/\n"
	                           "tampilkan_nama_kader: ya\nperiode: 2024-Q3\n";
	static const char bad[] = "organisasi: Dinkes\nbahasa: fr\ntampilkan_nama_kader: mungkin\n"
	                          "periode:   2024-Q5\n";
	static const char empty[] = "judul: \"\"\nperiode: \"\"\nbahasa:\n";
	char dir[] = "/tmp/rekap-units-XXXXXX";
	char *path;
	arena *a = arena_new();
	diag_list d;
	value *map;
	settings s;
	diag_list_init(&d);
	settings_init(&s);
	CHECK_STR(s.judul, "Rekap Pos UKK");
	CHECK(s.periode == -1 && s.periode_line == 0 && s.bahasa == LANG_ID);
	CHECK(fm_parse_yaml(a, "g.yaml", good, strlen(good), 1, &map, &d) == 0);
	CHECK(settings_read(&s, map, "g.yaml", &d) == 0 && d.len == 0);
	CHECK_STR(s.judul, "Situs Kota");
	CHECK_STR(s.organisasi, "");
	CHECK_STR(s.url_dasar, "https://a.example/r/");
	CHECK(s.bahasa == LANG_EN && s.tampilkan_nama_kader == 1);
	CHECK(s.periode == 2024 * 4 + 2 && s.periode_line == 5 && s.periode_column == 10);
	/* a wrong value is an error and leaves the default */
	settings_init(&s);
	CHECK(fm_parse_yaml(a, "b.yaml", bad, strlen(bad), 1, &map, &d) == 0);
	CHECK(settings_read(&s, map, "b.yaml", &d) == -1 && d.errors == 3);
	CHECK_STR(s.organisasi, "Dinkes");
	CHECK(s.bahasa == LANG_ID && s.tampilkan_nama_kader == 0 && s.periode == -1);
	CHECK(s.periode_line == 4 && s.periode_column == 12);
	CHECK(d.items[2].line == 4 && d.items[2].column == 12);
	/* "" is a title of its own, but no quarter; an empty value is not set */
	settings_init(&s);
	CHECK(fm_parse_yaml(a, "e.yaml", empty, strlen(empty), 1, &map, &d) == 0);
	CHECK(settings_read(&s, map, "e.yaml", &d) == 0 && d.errors == 3);
	CHECK_STR(s.judul, "");
	CHECK(s.periode == SETTINGS_PERIODE_EMPTY && s.periode_line == 2 && s.bahasa == LANG_ID);
	/* from a file, as rekap serve reads it */
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	path = path_join(dir, "rekap.yaml");
	CHECK(settings_load(&s, a, path, &d) == -1);
	CHECK_STR(s.judul, "Rekap Pos UKK");
	write_text(path, "bahasa: en\njudul: Rekap\n");
	CHECK(settings_load(&s, a, path, &d) == 0 && s.bahasa == LANG_EN);
	CHECK_STR(s.judul, "Rekap");
	write_text(path, "bahasa: [en\n");
	CHECK(settings_load(&s, a, path, &d) == -1 && s.bahasa == LANG_ID);
	remove(path);
	rmdir(dir);
	free(path);
	diag_list_release(&d);
	arena_free(a);
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
	d.lang = LANG_EN;
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "may contain only lowercase") != NULL);
	diag_list_release(&d);
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "hanya boleh berisi huruf kecil") != NULL);
	diag_list_release(&d);
	write_text(bad, "elemen { id = \"sakit\", label = \"Sakit\", lokal = true }\n"
	                "elemen { id = \"dilayani\", label = \"Dilayani\", lokal = true }\n"
	                "tingkat { id = \"pratama\", label = \"Pratama\" }\n");
	write_text(good, "validasi { id = \"v\", kiri = \"dilayani\", operator = \"<=\",\n"
	                 "  kanan = \"sakit\", pesan = \"lebih banyak\", pesan_en = \"more\" }\n"
	                 "validasi { id = \"w\", kiri = \"sakit\", operator = \">=\", kanan = 0,\n"
	                 "  pesan = \"negatif\" }\n");
	d.lang = LANG_EN;
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

/* A quotation mark left open is shown on the line that opens it, not on
 * the next line, where libyaml notices; libyaml's text comes last. */
static void test_front_matter_error_lines(void)
{
	const char quote[] = "---\nnama: \"Pos A\nkode: \"P1\"\n---\n";
	const char flow[] = "---\nsarana: [a, b\nkode: x\n---\n";
	const char tab[] = "---\nsarana:\n\t- a\n---\n";
	arena *a = arena_new();
	front_matter fm;
	diag_list d;
	diag_list_init(&d);
	CHECK(fm_parse(a, "p.md", quote, strlen(quote), &fm, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 7);
	CHECK(d.len == 1 && strstr(d.items[0].message, "tanda kutip (\") yang dibuka di sini") &&
	      strstr(d.items[0].message, "(libyaml: did not find expected key"));
	CHECK(fm_parse(a, "p.md", flow, strlen(flow), &fm, &d) == -1);
	CHECK(d.len == 2 && d.items[1].line == 2 && d.items[1].column == 9 &&
	      strstr(d.items[1].message, "kurung siku ["));
	CHECK(fm_parse(a, "p.md", tab, strlen(tab), &fm, &d) == -1);
	CHECK(d.len == 3 && d.items[2].line == 3 && d.items[2].column == 1 &&
	      strstr(d.items[2].message, "tab dipakai untuk indentasi"));
	diag_list_release(&d);
	arena_free(a);
}

/* A violated rule reads as the rule and the values apart, never as
 * "rujukan = 15 ≤ kunjungan = 11"; a constant side is in the rule only. */
static void test_violation_text(void)
{
	size_t terms[1] = {0};
	validation v[2];
	rules r;
	violation found;
	buf b = BUF_INIT;
	memset(v, 0, sizeof v);
	memset(&r, 0, sizeof r);
	memset(&found, 0, sizeof found);
	v[0].message = "rujukan melebihi kunjungan";
	v[0].message_en = "more referrals than visits";
	v[0].op = OP_LE;
	v[0].left.terms = v[0].right.terms = terms;
	v[0].left.nterms = v[0].right.nterms = 1;
	v[0].left.text = "rujukan";
	v[0].right.text = "kunjungan";
	v[1].message = "pekerja terlalu banyak";
	v[1].op = OP_LE;
	v[1].left = v[0].left;
	v[1].left.text = "pekerja";
	v[1].right.constant = 50;
	v[1].right.text = "50";
	r.validations = v;
	r.nvalidations = 2;
	found.left = 15;
	found.right = 11;
	compute_format_violation(&b, &r, &found, LANG_ID);
	CHECK_STR(buf_cstr(&b), "rujukan melebihi kunjungan (aturan: rujukan ≤ kunjungan; nilai: "
	                        "rujukan = 15, kunjungan = 11)");
	buf_reset(&b);
	compute_format_violation(&b, &r, &found, LANG_EN);
	CHECK_STR(buf_cstr(&b), "more referrals than visits (rule: rujukan ≤ kunjungan; values: "
	                        "rujukan = 15, kunjungan = 11)");
	buf_reset(&b);
	found.rule = 1;
	found.left = 60;
	found.right = 50;
	compute_format_violation(&b, &r, &found, LANG_ID);
	CHECK_STR(buf_cstr(&b), "pekerja terlalu banyak (aturan: pekerja ≤ 50; nilai: pekerja = 60)");
	buf_release(&b);
}

/* fm_parse returns -1 exactly when it records an error; complete says
 * whether the keys after the problem were read as well. */
static void test_front_matter_agrees(void)
{
	static const struct {
		const char *text;
		int rc, complete;
	} cases[] = {
		{"---\nnama: Pos\nkode: \"1\"\n---\nIsi\n", 0, 1},
		{"Tanpa front matter\n", 0, 1},
		{"---\nnama: Pos\ndesa: A\ndesa: B\nkode: \"1\"\n---\n", -1, 1}, /* key twice */
		{"---\nnama: Pos\nkode: [1, 2\n---\n", -1, 0},
		{"---\na: &x [1]\nb: *x\n---\n", -1, 0},
		{"---\nnama: Pos\n", -1, 0},
		{"---\n- satu\n- dua\n---\n", -1, 0},
	};
	arena *a = arena_new();
	front_matter fm;
	diag_list d;
	size_t i;
	diag_list_init(&d);
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t before = d.errors;
		int rc = fm_parse(a, "p.md", cases[i].text, strlen(cases[i].text), &fm, &d);
		CHECK(rc == cases[i].rc);
		CHECK((rc != 0) == (d.errors > before));
		CHECK(fm.complete == cases[i].complete);
		CHECK(fm.meta && fm.meta->kind == VAL_MAP && fm.body);
	}
	/* the key written twice: reported at its second line, the later value
	 * kept, and the key after it still read */
	fm_parse(a, "p.md", cases[2].text, strlen(cases[2].text), &fm, &d);
	CHECK(d.items[d.len - 1].line == 4 && d.items[d.len - 1].column == 1);
	CHECK(strstr(d.items[d.len - 1].message, "kunci \"desa\" ditulis dua kali") != NULL);
	CHECK_STR(val_get_str(fm.meta, "desa"), "B");
	CHECK_STR(val_get_str(fm.meta, "kode"), "1");
	diag_list_release(&d);
	{
		/* rekap.yaml: the same agreement */
		const char twice[] = "judul: A\njudul: B\n";
		value *out;
		CHECK(fm_parse_yaml(a, "rekap.yaml", twice, strlen(twice), 1, &out, &d) == -1);
		CHECK(d.errors == 1);
		diag_list_release(&d);
	}
	{
		/* a flood of keys written twice stops after MAX_DUPLICATES (20) */
		buf many = BUF_INIT;
		buf_puts(&many, "---\n");
		for (i = 0; i < 1000; i++)
			buf_puts(&many, "x: 1\n");
		buf_puts(&many, "---\n");
		CHECK(fm_parse(a, "p.md", many.data, many.len, &fm, &d) == -1);
		CHECK(fm.complete == 0);
		CHECK(d.errors == 21);
		CHECK(strstr(d.items[20].message, "lebih dari 20 kunci ditulis dua kali") != NULL);
		buf_release(&many);
		diag_list_release(&d);
	}
	{
		/* more values than a record needs: refused where the limit is crossed */
		buf many = BUF_INIT;
		buf_puts(&many, "---\n");
		for (i = 0; i < 6000; i++)
			buf_printf(&many, "k%zu: 1\n", i);
		buf_puts(&many, "---\n");
		CHECK(fm_parse(a, "p.md", many.data, many.len, &fm, &d) == -1);
		/* the root map, then a key and a value per line: the 10001st value
		 * is the value of the 5000th key, on line 5001 at column 8 */
		CHECK(d.errors == 1 && d.items[0].line == 5001 && d.items[0].column == 8);
		CHECK(strstr(d.items[0].message, "lebih dari 10000 nilai") != NULL);
		buf_release(&many);
		diag_list_release(&d);
	}
	arena_free(a);
}

/* The limits of the CSV reader: each a diagnostic where it is crossed. */
static void test_csv_limits(void)
{
	buf text = BUF_INIT;
	csv_table t;
	diag_list d;
	size_t i;
	diag_list_init(&d);
	/* 1001 cells of one byte: the 1001st starts at column 2001 */
	buf_puts(&text, "a");
	for (i = 1; i < 1001; i++)
		buf_puts(&text, ",a");
	buf_putc(&text, '\n');
	CHECK(csvr_parse("k.csv", text.data, text.len, &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 1 && d.items[0].column == 2001);
	CHECK(d.len == 1 && strstr(d.items[0].message, "lebih dari 1000 kolom") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
	/* exactly 1000 cells are fine */
	buf_reset(&text);
	buf_puts(&text, "a");
	for (i = 1; i < 1000; i++)
		buf_puts(&text, ",a");
	buf_putc(&text, '\n');
	CHECK(csvr_parse("k.csv", text.data, text.len, &t, &d) == 0);
	CHECK(t.nrows == 1 && t.rows[0].len == 1000);
	csv_table_release(&t);
	/* a cell of 65537 bytes on line 2, column 3 */
	buf_reset(&text);
	buf_puts(&text, "a,b\n1,");
	for (i = 0; i < 65537; i++)
		buf_putc(&text, '9');
	buf_putc(&text, '\n');
	CHECK(csvr_parse("l.csv", text.data, text.len, &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 3);
	CHECK(d.len == 1 && strstr(d.items[0].message, "isian terlalu panjang") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
	/* 100001 rows: the last one is refused */
	buf_reset(&text);
	for (i = 0; i < 100001; i++)
		buf_puts(&text, "1\n");
	CHECK(csvr_parse("r.csv", text.data, text.len, &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 100001);
	CHECK(d.len == 1 && strstr(d.items[0].message, "lebih dari 100000 baris") != NULL);
	CHECK(t.nrows == 100000);
	csv_table_release(&t);
	diag_list_release(&d);
	/* a NUL byte is named as such, where it is */
	CHECK(csvr_parse("n.csv", "a,b\n1,\0\n", 7, &t, &d) == -1);
	CHECK(d.len == 1 && d.items[0].line == 2 && d.items[0].column == 3);
	CHECK(d.len == 1 && strstr(d.items[0].message, "byte NUL (0x00, byte 6)") != NULL);
	csv_table_release(&t);
	diag_list_release(&d);
	buf_release(&text);
}

/* A caller-set render budget stops a costly template; the default does not. */
static void test_mustache_budget(void)
{
	const char tmpl[] = "{{#l}}{{#l}}{{#l}}x{{/l}}{{/l}}{{/l}}";
	arena *a = arena_new();
	value *ctx = val_map(a), *l = val_list(a);
	mst_options opt;
	buf out = BUF_INIT;
	diag_list d;
	size_t i;
	for (i = 0; i < 100; i++)
		val_list_push(a, l, val_num(a, (double)i));
	val_map_set(a, ctx, "l", l);
	diag_list_init(&d);
	memset(&opt, 0, sizeof opt);
	opt.file = "t.mustache";
	CHECK(mst_render(tmpl, strlen(tmpl), ctx, &opt, &out, &d) == 0);
	CHECK(out.len == 1000000 && d.len == 0);
	buf_reset(&out);
	opt.max_steps = 1000;
	CHECK(mst_render(tmpl, strlen(tmpl), ctx, &opt, &out, &d) == -1);
	CHECK(d.len == 1 && strstr(d.items[0].message, "lebih dari 1000 langkah") != NULL);
	CHECK(out.len < 1000);
	buf_release(&out);
	diag_list_release(&d);
	arena_free(a);
}

/* "Did you mean": the first nearest candidate, within the edits allowed. */
static void test_str_nearest(void)
{
	static const char *const keys[] = {"nama", "kode", "sarana", "status", NULL};
	static const char *const two[] = {"kode", "kota", NULL};
	static const char *const none[] = {NULL};
	size_t d = 0;
	CHECK_STR(str_nearest("sarna", keys, STR_NEAR_RECORDS, &d), "sarana");
	CHECK(d == 1);
	CHECK_STR(str_nearest("ko", two, STR_NEAR_RULES, &d), "kode"); /* a tie: the first */
	CHECK(d == 2);
	CHECK(str_nearest("foto", keys, STR_NEAR_RULES, &d) == NULL); /* three edits from kode */
	CHECK(d == 3);
	CHECK_STR(str_nearest("foto", keys, STR_NEAR_RECORDS, NULL), "kode");
	CHECK(str_nearest("nama", none, STR_NEAR_RECORDS, &d) == NULL && d == (size_t)-1);
}

/* Values quoted in messages, lines too long, files too large. */
static void test_shown_and_limits(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX";
	buf b = BUF_INIT;
	unsigned line = 0;
	size_t len = 0;
	char *path, *data = NULL;
	buf_put_shown(&b, "a\x1b[31m\xff\tz", 9, 80);
	CHECK_STR(buf_cstr(&b), "a\\x1B[31m\\xFF\\x09z");
	buf_reset(&b);
	buf_put_shown(&b, "\xc3\xb1\xc3\xb1", 4, 3); /* "ññ", room for one */
	CHECK_STR(buf_cstr(&b), "\xc3\xb1…");
	buf_reset(&b);
	buf_put_shown(&b, "\xed\xa0\x80", 3, 80); /* a UTF-16 surrogate: not UTF-8 */
	CHECK_STR(buf_cstr(&b), "\\xED\\xA0\\x80");
	buf_release(&b);
	CHECK(text_long_line("ab\ncde\r\nf", 9, 3, &line, &len) == 0);
	CHECK(text_long_line("ab\ncdef\r\nf", 10, 3, &line, &len) == 1);
	CHECK(line == 2 && len == 4);
	CHECK(text_long_line("abcd", 4, 3, &line, &len) == 1 && line == 1 && len == 4);
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	path = path_join(dir, "f.txt");
	write_text(path, "0123456789");
	CHECK(file_read_max(path, 9, &data, &len) == -1 && errno == EFBIG && len == 10);
	CHECK(file_read_max(path, 10, &data, &len) == 0 && len == 10);
	free(data);
	remove(path);
	rmdir(dir);
	free(path);
}

/* Whole files read in one block: empty, exact, larger than the block the
 * size promised (a file growing while read), and NUL-terminated. */
static void test_file_read(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX";
	char *path, *data = NULL, big[10000];
	size_t len = 0;
	FILE *f;
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	path = path_join(dir, "f.txt");
	write_text(path, "");
	CHECK(file_read(path, &data, &len) == 0 && len == 0 && data[0] == '\0');
	free(data);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	write_text(path, big);
	CHECK(file_read(path, &data, &len) == 0 && len == sizeof big - 1 && data[len] == '\0' &&
	      data[0] == 'x' && data[len - 1] == 'x');
	free(data);
	/* a fifo has no size: read in growing blocks until its end */
	remove(path);
	CHECK(mkfifo(path, 0600) == 0);
	if (fork() == 0) {
		f = fopen(path, "w");
		if (f) {
			fputs(big, f);
			fclose(f);
		}
		_exit(0);
	}
	CHECK(file_read(path, &data, &len) == 0 && len == sizeof big - 1 && data[len] == '\0');
	free(data);
	wait(NULL);
	remove(path);
	CHECK(file_read(path, &data, &len) == -1 && errno == ENOENT);
	rmdir(dir);
	free(path);
}

/* One arena taking another's blocks; diagnostics moved between lists. */
static void test_arena_and_diags(void)
{
	arena *a = arena_new(), *b = arena_new();
	diag_list x, y;
	char *s1 = arena_strdup(a, "satu"), *s2 = arena_strdup(b, "dua");
	char *large = arena_alloc(b, 1 << 20);
	large[(1 << 20) - 1] = 'z';
	arena_adopt(a, b);
	CHECK_STR(s1, "satu");
	CHECK_STR(s2, "dua");
	CHECK_STR(arena_strdup(a, "tiga"), "tiga");
	arena_adopt(a, arena_new()); /* an empty one */
	arena_free(a); /* frees b's blocks too: valgrind and ASan see no leak */
	diag_list_init(&x);
	diag_list_init(&y);
	diag_warning(&x, "a.csv", 1, 1, "satu");
	diag_error(&y, "b.csv", 2, 3, "dua");
	diag_warning(&y, "b.csv", 4, 0, "tiga");
	diag_list_move(&x, &y);
	CHECK(x.len == 3 && x.errors == 1 && x.warnings == 2);
	CHECK(y.len == 0 && y.errors == 0 && y.warnings == 0 && y.items == NULL);
	CHECK_STR(x.items[1].message, "dua");
	CHECK(x.items[2].line == 4);
	diag_list_release(&x);
	diag_list_release(&y);
}

/* pribadi { } in the rules, and elements whose bounds would overflow. */
static void test_private_fields(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX";
	char *file;
	diag_list d;
	rules *r;
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	file = path_join(dir, "a.lua");
	write_text(file, "elemen { id = \"sakit\", label = \"Sakit\", lokal = true }\n"
	                 "tingkat { id = \"pratama\", label = \"Pratama\" }\n"
	                 "pribadi { \"telepon\", \"nik\" }\npribadi { \"desa\" }\n");
	diag_list_init(&d);
	r = rules_load(dir, &d);
	CHECK(r != NULL && d.len == 0);
	if (r) {
		CHECK(r->nprivate == 3);
		CHECK(rules_is_private(r, "nik") && rules_is_private(r, "desa"));
		CHECK(!rules_is_private(r, "nama") && !rules_is_private(r, "desa_kode"));
		rules_free(r);
	}
	CHECK(!rules_is_private(NULL, "nik"));
	write_text(file, "elemen { id = \"sakit\", label = \"Sakit\", max = 1e308 }\n");
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && d.items[0].line == 1);
	CHECK(strstr(d.items[0].message, "min dan max harus di antara -1e+15 dan 1e+15") != NULL);
	diag_list_release(&d);
	write_text(file, "elemen { id = \"sakit\", label = \"Sakit\", min = 5, max = 1 }\n");
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "min (5.0) lebih besar daripada max (1.0)") != NULL);
	diag_list_release(&d);
	remove(file);
	rmdir(dir);
	free(file);
}

/* rules_load of one file's text into dir: the rules, or NULL; d is filled. */
static rules *load_one(const char *file, const char *dir, const char *text, diag_list *d)
{
	lang l = d->lang;
	write_text(file, text);
	diag_list_release(d);
	diag_list_init(d);
	d->lang = l;
	return rules_load(dir, d);
}

/* sumber / lokal and target_sumber / target_lokal of definitions. */
static void test_definition_sources(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX";
	static const char level[] = "tingkat { id = \"pratama\", label = \"Pratama\" }\n";
	char *file, *text;
	diag_list d;
	rules *r;
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	file = path_join(dir, "a.lua");
	diag_list_init(&d);
	/* neither: one warning per definition and target, at its line */
	text = xasprintf("%s\nelemen { id = \"sakit\", label = \"Sakit\" }\n"
	                 "indikator { id = \"s\", label = \"S\", pembilang = \"sakit\",\n"
	                 "  target = 5, lokal = true }\n", level);
	r = load_one(file, dir, text, &d);
	free(text);
	CHECK(r != NULL && d.errors == 0 && d.warnings == 2);
	CHECK(d.len == 2 && d.items[0].line == 3 && d.items[1].line == 4);
	CHECK(d.len == 2 && strstr(d.items[0].message, "elemen \"sakit\" tidak menyebut asalnya") != NULL);
	CHECK(d.len == 2 && strstr(d.items[1].message, "target indikator \"s\"") != NULL &&
	      strstr(d.items[1].message, "target_lokal = true") != NULL);
	if (r) {
		CHECK(r->elements[0].source == NULL && !r->elements[0].local);
		CHECK(r->indicators[0].local && r->indicators[0].target_source == NULL);
		rules_free(r);
	}
	/* a source each: no warning, the texts kept */
	text = xasprintf("%selemen { id = \"sakit\", label = \"Sakit\", sumber = \"LBKP-1, 2015, 1b\" }\n"
	                 "indikator { id = \"s\", label = \"S\", pembilang = \"sakit\", target = 5,\n"
	                 "  sumber = \"A, 2020, B\", target_sumber = \"C, 2021, D\" }\n", level);
	r = load_one(file, dir, text, &d);
	free(text);
	CHECK(r != NULL && d.len == 0);
	if (r) {
		CHECK_STR(r->elements[0].source, "LBKP-1, 2015, 1b");
		CHECK_STR(r->indicators[0].target_source, "C, 2021, D");
		rules_free(r);
	}
	/* both, a wrong type, a target source without a target: errors */
	d.lang = LANG_EN;
	text = xasprintf("%selemen { id = \"sakit\", label = \"Sakit\", sumber = \"X\", lokal = true }\n",
	                 level);
	CHECK(load_one(file, dir, text, &d) == NULL);
	free(text);
	CHECK(d.errors == 1 && d.items[0].line == 2 &&
	      strstr(d.items[0].message, "element \"sakit\": write only one of sumber and lokal = true") != NULL);
	text = xasprintf("%selemen { id = \"sakit\", label = \"Sakit\", sumber = 2015 }\n", level);
	CHECK(load_one(file, dir, text, &d) == NULL);
	free(text);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "\"sumber\" must be text") != NULL);
	d.lang = LANG_ID;
	text = xasprintf("%selemen { id = \"sakit\", label = \"Sakit\", lokal = \"ya\" }\n", level);
	CHECK(load_one(file, dir, text, &d) == NULL);
	free(text);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "\"lokal\" harus true atau false") != NULL);
	text = xasprintf("%selemen { id = \"sakit\", label = \"Sakit\", lokal = true }\n"
	                 "indikator { id = \"s\", label = \"S\", pembilang = \"sakit\", lokal = true,\n"
	                 "  target_lokal = true }\n", level);
	CHECK(load_one(file, dir, text, &d) == NULL);
	free(text);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "target_sumber atau target_lokal tanpa target") != NULL);
	diag_list_release(&d);
	remove(file);
	rmdir(dir);
	free(file);
}

/* Names and the folder of the Kemendagri region list. */
static void test_wilayah_names(void)
{
	char *dir;
	CHECK(wilayah_name_matches("Kota Bontang", "Kota Bontang", NODE_KOTA));
	CHECK(wilayah_name_matches("  kota   BONTANG ", "Kota Bontang", NODE_KOTA));
	CHECK(wilayah_name_matches("Bontang", "Kota Bontang", NODE_KOTA));
	CHECK(!wilayah_name_matches("Kabupaten Bontang", "Kota Bontang", NODE_KOTA));
	CHECK(!wilayah_name_matches("Kota Bontan", "Kota Bontang", NODE_KOTA));
	CHECK(wilayah_name_matches("Berau", "Kabupaten Berau", NODE_KABUPATEN));
	CHECK(wilayah_name_matches("Kab. Berau", "Kabupaten Berau", NODE_KABUPATEN));
	CHECK(!wilayah_name_matches("Kota Berau", "Kabupaten Berau", NODE_KABUPATEN));
	CHECK(wilayah_name_matches("Provinsi Kalimantan Timur", "Kalimantan Timur", NODE_PROVINSI));
	CHECK(!wilayah_name_matches("Kaltim", "Kalimantan Timur", NODE_PROVINSI));
	dir = wilayah_dir_for("lua");
	CHECK_STR(dir, "data/wilayah");
	free(dir);
	dir = wilayah_dir_for("/srv/dinkes/lua/");
	CHECK_STR(dir, "/srv/dinkes/data/wilayah");
	free(dir);
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
	fmt_date(&b, LANG_ID, period_date_from_ymd(2025, 3, 31));
	CHECK_STR(fmt(&b), "31 Maret 2025");
	fmt_date(&b, LANG_EN, period_date_from_ymd(2024, 2, 29));
	CHECK_STR(fmt(&b), "29 February 2024");
	period_format_quarter(&b, 2024 * 4 + 3);
	CHECK_STR(fmt(&b), "2024-Q4");
	buf_release(&b);
}

static void test_dates(void)
{
	int days;
	CHECK(period_date_from_ymd(1970, 1, 1) == 0);
	CHECK(period_date_from_ymd(2024, 3, 1) - period_date_from_ymd(2024, 2, 28) == 2);
	CHECK(period_date_from_ymd(2023, 2, 29) == NO_DATE);
	CHECK(period_date_from_ymd(2024, 13, 1) == NO_DATE);
	CHECK(period_date_parse("2019-11-12", &days) == 0 &&
	      days == period_date_from_ymd(2019, 11, 12));
	CHECK(period_date_parse("12/11/2019", &days) == 0 &&
	      days == period_date_from_ymd(2019, 11, 12));
	CHECK(period_date_parse("2019-02-30", &days) == -1);
	CHECK(period_date_parse("2019-1-5", &days) == -1);
	CHECK(period_date_month(period_date_from_ymd(2024, 3, 31)) == MONTH_OF(2024, 3));
	CHECK(period_parse_quarter("2024-Q4") == 2024 * 4 + 3);
	CHECK(period_parse_quarter("2024-TW1") == 2024 * 4);
	CHECK(period_parse_quarter("2024-Q5") == -1);
	CHECK(period_parse_quarter("24-Q1") == -1);
}

/* Dates, months and quarters are read within one range of years: a
 * quarter past 2999 was accepted by --period and periode: although no
 * report or date could fall in it. */
static void test_period_limits(void)
{
	buf b = BUF_INIT;
	int p, quarterly;
	CHECK(period_parse_quarter("2999-Q4") == 2999 * 4 + 3);
	CHECK(period_parse_quarter("3000-Q1") == -1);
	CHECK(period_parse_quarter("1899-TW4") == -1);
	CHECK(period_parse_quarter("2024-03") == -1); /* a month is not a quarter */
	CHECK(period_parse("2024-03", &p, &quarterly) == 0 && p == MONTH_OF(2024, 3) && !quarterly);
	CHECK(period_parse("2024-tw2", &p, &quarterly) == 0 && p == 2024 * 4 + 1 && quarterly);
	CHECK(period_parse("3000-01", &p, &quarterly) == -1);
	CHECK(period_date_from_ymd(3000, 1, 1) == NO_DATE);
	CHECK(period_month_end(MONTH_OF(2024, 2)) == period_date_from_ymd(2024, 2, 29));
	CHECK(period_month_end(MONTH_OF(2999, 12)) == period_date_from_ymd(2999, 12, 31));
	CHECK(period_month_end(MONTH_OF(3000, 1)) == NO_DATE);
	period_format_month(&b, MONTH_OF(2024, 3));
	CHECK_STR(buf_cstr(&b), "2024-03");
	buf_reset(&b);
	period_format_quarter(&b, 2024 * 4);
	CHECK_STR(buf_cstr(&b), "2024-Q1");
	buf_reset(&b);
	period_format_quarter(&b, -1);
	CHECK_STR(buf_cstr(&b), "");
	buf_release(&b);
}

static void test_escaping(void)
{
	buf b = BUF_INIT;
	const char hostile[] = "# A|B *c* [x](javascript:y) <b>&\nz";
	esc_markdown(&b, hostile, strlen(hostile));
	CHECK_STR(fmt(&b), "\\# A\\|B \\*c\\* \\[x\\](javascript:y) \\<b\\>\\& z");
	esc_html(&b, "<a href=\"x\">'&'</a>", 19);
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
	checks++;
	if (b.len != wn || memcmp(buf_cstr(&b), want, wn) != 0) {
		failures++;
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, line, buf_cstr(&b), want);
	}
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
	markdown_narrative(&b, md, strlen(md), 2);
	CHECK_STR(buf_cstr(&b), "### Judul\n\nTeks tebal, klik g r\ne [a](a/index.md).\n\n###### Lima\n");
	buf_reset(&b);
	markdown_narrative(&b, "<iframe src=x>\n\n<img src=x onerror=y>\n", 38, 2);
	CHECK_STR(buf_cstr(&b), "");
	buf_release(&b);
}

/* fmt_fixed must write what printf writes, also where its shortcut gives up
 * (ties, large values, NaN). */
static void test_fixed(void)
{
	static const double values[] = {0,     -0.0,  0.05,    0.15,  0.25,   2.5,    -2.5,
	                                 0.125, 1.005, -0.04,   99.95, 1e-7,   1e20,   -1e300,
	                                 NAN,   INFINITY, 2147483647.5, 214748.36475, 123.456};
	char want[400], got[400];
	buf b = BUF_INIT;
	unsigned long long seed = 42;
	size_t i;
	int d, k, mismatches = 0;
	CHECK(fmt_fixed(got, sizeof got, 18.2609, 1) == 4 && strcmp(got, "18.3") == 0);
	CHECK(fmt_fixed(got, sizeof got, -0.04, 1) == 4 && strcmp(got, "-0.0") == 0);
	CHECK(fmt_fixed(got, 3, 123.25, 2) == 6 && strcmp(got, "12") == 0);
	buf_put_fixed(&b, 1e20, 1);
	CHECK_STR(fmt(&b), "100000000000000000000.0");
	buf_put_int(&b, 0);
	buf_putc(&b, ' ');
	buf_put_int(&b, -2024);
	buf_putc(&b, ' ');
	buf_put_int(&b, LLONG_MIN);
	CHECK_STR(fmt(&b), "0 -2024 -9223372036854775808");
	for (d = 0; d <= 9; d++) {
		for (i = 0; i < sizeof values / sizeof values[0]; i++) {
			snprintf(want, sizeof want, "%.*f", d, values[i]);
			fmt_fixed(got, sizeof got, values[i], d);
			mismatches += strcmp(want, got) != 0;
		}
		for (k = 0; k < 20000; k++) {
			/* values of every size up to 2^31 and halves, tenths and hundredths */
			double v;
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			v = (double)(seed >> 11) / 9007199254740992.0 * pow(10, (double)(k % 11) - 2);
			if (k % 3 == 0)
				v = (double)(long long)(v * 100) / (k % 2 ? 20 : 100);
			if (k % 5 == 0)
				v = -v;
			snprintf(want, sizeof want, "%.*f", d, v);
			fmt_fixed(got, sizeof got, v, d);
			mismatches += strcmp(want, got) != 0;
		}
	}
	CHECK(mismatches == 0);
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

/* The default published quarter: the latest with reports whose deadline (the
 * 10th of the month after it ends) is before today. */
static void test_period_default(void)
{
	const int q3 = 2024 * 4 + 2, q4 = 2024 * 4 + 3, q1 = 2025 * 4;
	const int early_january[] = {q1, q3, q4}; /* one January 2025 row */
	period_reason why;
	CHECK(period_quarter_deadline(q4, 10) == period_date_from_ymd(2025, 1, 10));
	CHECK(period_quarter_deadline(q3, 10) == period_date_from_ymd(2024, 10, 10));
	/* 5 January: 2024-Q4's reports may still arrive on time; not 2025-Q1 */
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 1, 5), &why) == q3);
	CHECK(why == PERIOD_DEADLINE);
	/* the deadline day itself is still on time */
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 1, 10), &why) == q3);
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 1, 11), &why) == q4);
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 4, 10), &why) == q4);
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2025, 4, 11), &why) == q1);
	CHECK(period_default(early_january, 3, 10, period_date_from_ymd(2031, 6, 1), &why) == q1);
	/* another deadline day in the rules */
	CHECK(period_default(early_january, 3, 3, period_date_from_ymd(2025, 1, 5), &why) == q4);
	/* a quarter without reports is skipped: the latest one that has them */
	{
		const int gap[] = {q3, q1};
		CHECK(period_default(gap, 2, 10, period_date_from_ymd(2025, 2, 1), &why) == q3);
		CHECK(why == PERIOD_DEADLINE);
	}
	/* none past its deadline yet: the first quarter with reports, said so */
	CHECK(period_default(early_january + 1, 2, 10, period_date_from_ymd(2024, 8, 1), &why) == q3);
	CHECK(why == PERIOD_NOT_DUE);
	CHECK(period_default(NULL, 0, 10, period_date_from_ymd(2025, 1, 5), &why) == -1);
	CHECK(why == PERIOD_NONE);
}

/* A post formed on 2024-08-01 and dissolved on 2025-02-10: quarters wholly
 * before or after show why it has no values. */
static void test_post_presence(void)
{
	node post;
	memset(&post, 0, sizeof post);
	post.kind = NODE_POS;
	post.formed = period_date_from_ymd(2024, 8, 1);
	post.dissolved = period_date_from_ymd(2025, 2, 10);
	CHECK(post_presence_in_quarter(&post, 2024 * 4 + 1) == POST_NOT_FORMED); /* Apr-Jun 2024 */
	CHECK(post_presence_in_quarter(&post, 2024 * 4 + 2) == POST_PRESENT); /* from August */
	CHECK(post_presence_in_quarter(&post, 2025 * 4) == POST_PRESENT); /* to February */
	CHECK(post_presence_in_quarter(&post, 2025 * 4 + 1) == POST_DISSOLVED);
	CHECK(strcmp(post_presence_key(POST_NOT_FORMED), "not_formed") == 0);
	CHECK(strcmp(post_presence_key(POST_DISSOLVED), "dissolved_already") == 0);
	CHECK(post_presence_key(POST_PRESENT) == NULL);
	post.formed = post.dissolved = NO_DATE;
	CHECK(post_presence_in_quarter(&post, 1990 * 4) == POST_PRESENT);
}

int main(void)
{
	test_definition_sources();
	test_wilayah_names();
	test_period_default();
	test_post_presence();
	test_csv_plain();
	test_csv_excel_indonesia();
	test_csv_errors();
	test_csv_positions();
	test_csv_unclosed_first_cell();
	test_front_matter();
	test_front_matter_errors();
	test_front_matter_agrees();
	test_front_matter_error_lines();
	test_settings();
	test_violation_text();
	test_csv_limits();
	test_mustache_budget();
	test_str_nearest();
	test_shown_and_limits();
	test_file_read();
	test_arena_and_diags();
	test_private_fields();
	test_english_messages();
	test_english_rules();
	test_locale();
	test_dates();
	test_period_limits();
	test_escaping();
	test_escape_formats();
	test_opendata_numbers();
	test_fixed();
	test_html_documents();
	test_table_regions();
	test_narrative();
	html_shutdown();
	printf("%d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
