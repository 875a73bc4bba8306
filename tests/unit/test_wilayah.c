/* test_wilayah.c - unit tests of generator/wilayah.c: region names compared, found by name, the list's folder. */
#include <stdlib.h>

#include "check.h"
#include "node_kind.h"
#include "wilayah.h"

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

/* The official region a new folder's name stands for (rekap new). */
static void test_wilayah_find_name(void)
{
	wilayah_entry provinces[] = {{"64", "Kalimantan Timur", NULL}, {"71", "Sulawesi Utara", NULL}};
	wilayah_entry districts[] = {
		{"64.01", "Kabupaten Paser", NULL},      {"64.71", "Kota Balikpapan", NULL},
		{"64.72", "Kota Samarinda", NULL},       {"71.04", "Kabupaten Minahasa", NULL},
		{"71.71", "Kota Manado", NULL},          {"71.90", "Kabupaten Dua", NULL},
		{"71.91", "Kabupaten Dua", NULL},
	};
	wilayah w = {NULL, "data/wilayah", provinces, districts, NULL, 2, 7, 0};
	const wilayah_entry *e;
	e = wilayah_find_name(&w, NODE_KOTA, "64", "Kota Samarinda");
	CHECK(e && e == &districts[2]);
	e = wilayah_find_name(&w, NODE_KOTA, "64", "samarinda");
	CHECK(e && e == &districts[2]);
	/* a kota's name under the wrong province, or asked for as a kabupaten */
	CHECK(wilayah_find_name(&w, NODE_KOTA, "71", "Kota Samarinda") == NULL);
	CHECK(wilayah_find_name(&w, NODE_KABUPATEN, "64", "Samarinda") == NULL);
	e = wilayah_find_name(&w, NODE_KABUPATEN, "64", "Kabupaten Paser");
	CHECK(e && e == &districts[0]);
	/* codes 71-99 are kota, so 71.90 is not a kabupaten by its code */
	CHECK(wilayah_find_name(&w, NODE_KABUPATEN, "71", "Minahasa") == &districts[3]);
	/* two kota of one name: no guess */
	CHECK(wilayah_find_name(&w, NODE_KOTA, "71", "Dua") == NULL);
	e = wilayah_find_name(&w, NODE_PROVINSI, NULL, "Sulawesi Utara");
	CHECK(e && e == &provinces[1]);
	CHECK(wilayah_find_name(&w, NODE_PROVINSI, NULL, "Sulawesi") == NULL);
	CHECK(wilayah_has_code(&w, "64.71"));
	CHECK(wilayah_has_code(&w, "71"));
	CHECK(!wilayah_has_code(&w, "64.73"));
}

int main(void)
{
	test_wilayah_names();
	test_wilayah_find_name();
	return check_done("test_wilayah");
}
