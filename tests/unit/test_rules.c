/* test_rules.c - unit tests of generator/rules.c: rules in English, private fields, element bounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "rules.h"

/* Errors raised inside the Lua rules follow the language too, and validasi
 * reads the optional English message pesan_en. */
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
	check_write_text(bad, "elemen { id = \"Hari\", label = \"Hari buka\" }\n");
	diag_list_init(&d);
	d.lang = LANG_EN;
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "may contain only lowercase") != NULL);
	diag_list_release(&d);
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && strstr(d.items[0].message, "hanya boleh berisi huruf kecil") != NULL);
	diag_list_release(&d);
	check_write_text(bad, "elemen { id = \"sakit\", label = \"Sakit\", lokal = true }\n"
	                "elemen { id = \"dilayani\", label = \"Dilayani\", lokal = true }\n"
	                "tingkat { id = \"pratama\", label = \"Pratama\" }\n");
	check_write_text(good, "validasi { id = \"v\", kiri = \"dilayani\", operator = \"<=\",\n"
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
	check_write_text(file, "elemen { id = \"sakit\", label = \"Sakit\", lokal = true }\n"
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
	check_write_text(file, "elemen { id = \"sakit\", label = \"Sakit\", max = 1e308 }\n");
	CHECK(rules_load(dir, &d) == NULL);
	CHECK(d.errors == 1 && d.items[0].line == 1);
	CHECK(strstr(d.items[0].message, "min dan max harus di antara -1e+15 dan 1e+15") != NULL);
	diag_list_release(&d);
	check_write_text(file, "elemen { id = \"sakit\", label = \"Sakit\", min = 5, max = 1 }\n");
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
	check_write_text(file, text);
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

int main(void)
{
	test_english_rules();
	test_private_fields();
	test_definition_sources();
	return check_done("test_rules");
}
