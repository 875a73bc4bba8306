/* test_frontmatter.c - unit tests of generator/frontmatter.c: YAML front matter, its values, positions and errors. */
#include <string.h>

#include "check.h"
#include "frontmatter.h"
#include "value.h"

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

/* A front matter left open, with the list in English. */
static void test_front_matter_english(void)
{
	const char open[] = "---\nnama: Pos\n";
	arena *a = arena_new();
	front_matter fm;
	diag_list d;
	diag_list_init(&d);
	d.lang = LANG_EN;
	CHECK(fm_parse(a, "p.md", open, strlen(open), &fm, &d) == -1);
	CHECK(d.len == 1 && strstr(d.items[0].message, "not closed") != NULL);
	diag_list_release(&d);
	arena_free(a);
}

int main(void)
{
	test_front_matter();
	test_front_matter_errors();
	test_front_matter_agrees();
	test_front_matter_error_lines();
	test_front_matter_english();
	return check_done("test_frontmatter");
}
