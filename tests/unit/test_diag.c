/* test_diag.c - unit tests of generator/diag.c: diagnostics moved between
 * lists, and repeated warnings shortened in the text format. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"

/* Diagnostics moved from one list to the end of another. */
static void test_diag_move(void)
{
	diag_list x, y;
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

/* The list printed in format, with every set or not. */
static char *printed(diag_list *dl, diag_format format, lang l, int every)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	diag_list_print(dl, mem, format, l, every);
	fclose(mem);
	return text;
}

/* Files c.csv, d.csv, ... (n of them) each get message msg, shared or not. */
static void add_same(diag_list *dl, diag_severity sev, int n, const char *msg, int shared)
{
	char file[16];
	int i;
	for (i = 0; i < n; i++) {
		snprintf(file, sizeof file, "%c.csv", 'c' + i);
		diag_add(dl, sev, file, 1, 1, "%s", msg)->shared = (unsigned char)shared;
	}
}

/* Seven places of one shared warning: the first three in file order, then a
 * note counting four; a shared warning at five places and a warning at seven
 * that is not shared (each its own problem) are printed whole. */
static void test_repeats_shortened(void)
{
	diag_list dl;
	char *text;
	diag_list_init(&dl);
	add_same(&dl, DIAG_WARNING, 6, "kolom \"x\" tidak ada", 1);
	add_same(&dl, DIAG_WARNING, 5, "lima", 1);
	add_same(&dl, DIAG_ERROR, 7, "galat", 0);
	diag_warning(&dl, "a.csv", 2, 0, "kolom \"x\" tidak ada")->shared = 1; /* sorts first */
	text = printed(&dl, DIAG_FORMAT_TEXT, LANG_ID, 0);
	CHECK_STR(text, "a.csv:2: warning: kolom \"x\" tidak ada\n"
	                "c.csv:1:1: warning: kolom \"x\" tidak ada\n"
	                "c.csv:1:1: warning: lima\n"
	                "c.csv:1:1: error: galat\n"
	                "d.csv:1:1: warning: kolom \"x\" tidak ada\n"
	                "d.csv:1:1: warning: lima\n"
	                "d.csv:1:1: error: galat\n"
	                "e.csv:1:1: warning: lima\n"
	                "e.csv:1:1: error: galat\n"
	                "f.csv:1:1: warning: lima\n"
	                "f.csv:1:1: error: galat\n"
	                "g.csv:1:1: warning: lima\n"
	                "g.csv:1:1: error: galat\n"
	                "h.csv:1:1: error: galat\n"
	                "i.csv:1:1: error: galat\n"
	                "rekap: catatan: peringatan ini muncul juga di 4 tempat lain yang tidak "
	                "ditampilkan (semuanya: --all-messages): kolom \"x\" tidak ada\n");
	free(text);
	CHECK(dl.warnings == 12 && dl.errors == 7); /* the counts stay whole */
	/* the same message once not shared, and an error shared */
	dl.items[0].shared = 0; /* a.csv:2 */
	text = printed(&dl, DIAG_FORMAT_TEXT, LANG_ID, 0);
	CHECK(strstr(text, "a.csv:2: warning: kolom") != NULL);
	CHECK(strstr(text, "e.csv:1:1: warning: kolom") != NULL); /* c, d, e of six shared */
	CHECK(strstr(text, "f.csv:1:1: warning: kolom") == NULL);
	CHECK(strstr(text, "muncul juga di 3 tempat lain") != NULL);
	free(text);
	for (size_t i = 0; i < dl.len; i++)
		if (dl.items[i].severity == DIAG_ERROR)
			dl.items[i].shared = 1;
	text = printed(&dl, DIAG_FORMAT_TEXT, LANG_ID, 0);
	CHECK(strstr(text, "e.csv:1:1: error: galat") != NULL);
	CHECK(strstr(text, "f.csv:1:1: error: galat") == NULL);
	CHECK(strstr(text, "rekap: catatan: galat ini muncul juga di 4 tempat lain yang tidak "
	                   "ditampilkan (semuanya: --all-messages): galat\n") != NULL);
	free(text);
	dl.items[0].shared = 1;
	text = printed(&dl, DIAG_FORMAT_TEXT, LANG_EN, 1);
	CHECK(strstr(text, "h.csv:1:1: warning: kolom") != NULL);
	CHECK(strstr(text, "rekap: note") == NULL);
	free(text);
	text = printed(&dl, DIAG_FORMAT_TEXT, LANG_EN, 0);
	CHECK(strstr(text, "h.csv:1:1: warning: kolom") == NULL);
	CHECK(strstr(text, "rekap: note: this warning also appears at 4 more places not shown "
	                   "(all of them: --all-messages): kolom \"x\" tidak ada\n") != NULL);
	free(text);
	/* the machine formats hold every diagnostic */
	text = printed(&dl, DIAG_FORMAT_GITHUB, LANG_ID, 0);
	CHECK(strstr(text, "::warning file=h.csv,line=1,col=1::kolom") != NULL);
	CHECK(strstr(text, "catatan") == NULL);
	free(text);
	diag_list_release(&dl);
}

/* Two repeated warnings: one note each, in the order of their first places. */
static void test_two_repeats(void)
{
	diag_list dl;
	char *text, *second, *first;
	diag_list_init(&dl);
	add_same(&dl, DIAG_WARNING, 7, "zeta", 1);
	diag_warning(&dl, "b.csv", 1, 1, "omega")->shared = 1;
	add_same(&dl, DIAG_WARNING, 6, "omega", 1);
	text = printed(&dl, DIAG_FORMAT_TEXT, LANG_ID, 0);
	first = strstr(text,
	               "di 4 tempat lain yang tidak ditampilkan (semuanya: --all-messages): omega");
	second = strstr(text,
	                "di 4 tempat lain yang tidak ditampilkan (semuanya: --all-messages): zeta");
	CHECK(first != NULL && second != NULL && first < second);
	CHECK(strstr(text, "e.csv:1:1: warning: zeta") != NULL);
	CHECK(strstr(text, "f.csv:1:1: warning: zeta") == NULL);
	CHECK(strstr(text, "d.csv:1:1: warning: omega") != NULL);
	CHECK(strstr(text, "e.csv:1:1: warning: omega") == NULL);
	free(text);
	diag_list_release(&dl);
}

/* Diagnostics at one place keep the order they were added in, among
 * others sorted by file and line. */
static void test_equal_places_keep_order(void)
{
	diag_list dl;
	char *text, *p;
	int i, ok = 1;
	diag_list_init(&dl);
	for (i = 0; i < 500; i++) {
		diag_warning(&dl, "b.csv", 3, 1, "m%03d", i);
		diag_warning(&dl, i % 2 ? "a.csv" : "c.csv", (unsigned)(500 - i), 1, "x");
	}
	text = printed(&dl, DIAG_FORMAT_TEXT, LANG_ID, 1);
	p = strstr(text, "b.csv:3:1: warning: m000\n");
	for (i = 0; p && i < 500; i++) {
		char want[48];
		snprintf(want, sizeof want, "b.csv:3:1: warning: m%03d\n", i);
		ok &= strncmp(p, want, strlen(want)) == 0;
		p += strlen(want);
	}
	CHECK(p != NULL && ok);
	free(text);
	diag_list_release(&dl);
}

int main(void)
{
	test_equal_places_keep_order();
	test_diag_move();
	test_repeats_shortened();
	test_two_repeats();
	return check_done("test_diag");
}
