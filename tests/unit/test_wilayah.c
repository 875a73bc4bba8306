/* test_wilayah.c - unit tests of generator/wilayah.c: region names compared, the list's folder. */
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

int main(void)
{
	test_wilayah_names();
	return check_done("test_wilayah");
}
