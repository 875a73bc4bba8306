/* test_settings.c - unit tests of generator/settings.c: rekap.yaml read into the typed settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "frontmatter.h"
#include "settings.h"

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
	check_write_text(path, "bahasa: en\njudul: Rekap\n");
	CHECK(settings_load(&s, a, path, &d) == 0 && s.bahasa == LANG_EN);
	CHECK_STR(s.judul, "Rekap");
	check_write_text(path, "bahasa: [en\n");
	CHECK(settings_load(&s, a, path, &d) == -1 && s.bahasa == LANG_ID);
	remove(path);
	rmdir(dir);
	free(path);
	diag_list_release(&d);
	arena_free(a);
}

int main(void)
{
	test_settings();
	return check_done("test_settings");
}
