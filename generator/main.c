/* main.c - the rekap command line: build and check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"

static const char usage_text[] =
	"Penggunaan: rekap PERINTAH [PILIHAN]\n"
	"\n"
	"Perintah:\n"
	"  build   periksa rekaman lalu tulis situs (Markdown, HTML, Excel, data terbuka)\n"
	"  check   periksa rekaman dan aturan tanpa menulis apa pun\n"
	"\n"
	"Pilihan:\n"
	"  --records DIR     folder rekaman (bawaan: records)\n"
	"  --rules DIR       folder aturan Lua (bawaan: lua)\n"
	"  --templates DIR   folder templat (bawaan: templates)\n"
	"  --out DIR         folder situs (bawaan: site; hanya build)\n"
	"  --period TTTT-QN  triwulan yang diterbitkan, mis. 2024-Q4 (bawaan: terbaru)\n"
	"  --format FORMAT   bentuk diagnostik: text (bawaan) atau github\n"
	"  --strict          peringatan juga membuat perintah gagal\n"
	"  -h, --help        tampilkan bantuan ini\n"
	"  --version         tampilkan versi\n"
	"\n"
	"Status keluar: 0 tanpa galat, 1 ada galat pada masukan, 2 salah penggunaan.\n";

typedef struct cli {
	const char *command;
	build_options opt;
	diag_format format;
	int strict;
} cli;

static int usage_error(const char *fmt, const char *arg)
{
	fputs("rekap: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nCoba \"rekap --help\".\n", stderr);
	return 2;
}

/* Returns -1 when parsing succeeded, otherwise the exit status. */
static int parse_args(int argc, char **argv, cli *c)
{
	int i;
	memset(c, 0, sizeof *c);
	c->opt.records_dir = "records";
	c->opt.rules_dir = "lua";
	c->opt.templates_dir = "templates";
	c->opt.out_dir = "site";
	c->opt.period = -1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **target = NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strcmp(a, "--version") == 0) {
			printf("rekap %s\n", REKAP_VERSION);
			return 0;
		}
		if (strcmp(a, "--strict") == 0) {
			c->strict = 1;
			continue;
		}
		if (strcmp(a, "--records") == 0)
			target = &c->opt.records_dir;
		else if (strcmp(a, "--rules") == 0)
			target = &c->opt.rules_dir;
		else if (strcmp(a, "--templates") == 0)
			target = &c->opt.templates_dir;
		else if (strcmp(a, "--out") == 0)
			target = &c->opt.out_dir;
		if (target || strcmp(a, "--period") == 0 || strcmp(a, "--format") == 0) {
			if (i + 1 >= argc)
				return usage_error("pilihan %s memerlukan nilai", a);
			i++;
			if (target) {
				*target = argv[i];
			} else if (strcmp(a, "--period") == 0) {
				c->opt.period = parse_quarter(argv[i]);
				if (c->opt.period < 0)
					return usage_error("periode \"%s\" harus berbentuk 2024-Q4", argv[i]);
			} else if (strcmp(argv[i], "github") == 0) {
				c->format = DIAG_FORMAT_GITHUB;
			} else if (strcmp(argv[i], "text") != 0) {
				return usage_error("format \"%s\" tidak dikenal (text atau github)", argv[i]);
			}
			continue;
		}
		if (a[0] == '-')
			return usage_error("pilihan \"%s\" tidak dikenal", a);
		if (c->command)
			return usage_error("argumen \"%s\" berlebih", a);
		c->command = a;
	}
	if (!c->command)
		return usage_error("%s", "perintah belum diberikan (build atau check)");
	if (strcmp(c->command, "build") != 0 && strcmp(c->command, "check") != 0)
		return usage_error("perintah \"%s\" tidak dikenal (build atau check)", c->command);
	return -1;
}

int main(int argc, char **argv)
{
	cli c;
	diag_list diags;
	build_stats stats;
	int rc = parse_args(argc, argv, &c);
	if (rc >= 0)
		return rc;
	diag_list_init(&diags);
	if (strcmp(c.command, "check") == 0)
		rc = rekap_check(&c.opt, &diags);
	else
		rc = rekap_build(&c.opt, &diags, &stats);
	diag_list_print(&diags, stderr, c.format, "id");
	if (rc == 0 && c.strict && diags.warnings)
		rc = 1;
	if (strcmp(c.command, "build") == 0 && rc == 0)
		fprintf(stderr, "rekap: %zu halaman, %zu buku kerja, %zu berkas, %zu peringatan\n",
		        stats.pages, stats.workbooks, stats.files, diags.warnings);
	else if (rc != 0)
		fprintf(stderr, "rekap: %zu galat, %zu peringatan; situs tidak diubah\n", diags.errors,
		        diags.warnings);
	diag_list_release(&diags);
	return rc;
}
