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
	check_write_text(bad, "elemen { id = \"sakit\", label = \"Sakit\" }\n"
	                "elemen { id = \"dilayani\", label = \"Dilayani\" }\n"
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
	check_write_text(file, "elemen { id = \"sakit\", label = \"Sakit\" }\n"
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

int main(void)
{
	test_english_rules();
	test_private_fields();
	return check_done("test_rules");
}
