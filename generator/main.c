/* main.c - the rekap command line: build, check and new. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "records.h"
#include "rules.h"
#include "scaffold.h"

static const char usage_id[] =
	"Penggunaan: rekap PERINTAH [PILIHAN]\n"
	"\n"
	"Perintah:\n"
	"  build   periksa rekaman lalu tulis situs (Markdown, HTML, Excel, data terbuka)\n"
	"  check   periksa rekaman dan aturan tanpa menulis apa pun\n"
	"  new JENIS FOLDER\n"
	"          buat folder baru yang sah beserta berkasnya; JENIS: provinsi, kabupaten,\n"
	"          kota, puskesmas atau pos (mis. rekap new pos records/.../puskesmas/pos-baru)\n"
	"\n"
	"Pilihan:\n"
	"  --records DIR     folder rekaman (bawaan: records)\n"
	"  --rules DIR       folder aturan Lua (bawaan: lua)\n"
	"  --templates DIR   folder templat (bawaan: templates)\n"
	"  --out DIR         folder situs (bawaan: site; hanya build)\n"
	"  --period TTTT-QN  triwulan yang diterbitkan, mis. 2024-Q4 (bawaan: terbaru)\n"
	"  --format FORMAT   bentuk diagnostik: text (bawaan) atau github\n"
	"  --lang BAHASA     bahasa pesan: id (Bahasa Indonesia, bawaan) atau en (Inggris)\n"
	"  --strict          peringatan juga membuat perintah gagal\n"
	"  -h, --help        tampilkan bantuan ini (dalam bahasa Inggris: --lang en --help)\n"
	"  --version         tampilkan versi\n"
	"\n"
	"Status keluar: 0 tanpa galat, 1 ada galat pada masukan, 2 salah penggunaan.\n";

static const char usage_en[] =
	"Usage: rekap COMMAND [OPTIONS]\n"
	"\n"
	"Commands:\n"
	"  build   check the records, then write the site (Markdown, HTML, Excel, open data)\n"
	"  check   check the records and rules without writing anything\n"
	"  new KIND FOLDER\n"
	"          create a new, valid folder with its files; KIND: provinsi, kabupaten,\n"
	"          kota, puskesmas or pos (e.g. rekap new pos records/.../puskesmas/new-post)\n"
	"\n"
	"Options:\n"
	"  --records DIR     records folder (default: records)\n"
	"  --rules DIR       Lua rules folder (default: lua)\n"
	"  --templates DIR   templates folder (default: templates)\n"
	"  --out DIR         site folder (default: site; build only)\n"
	"  --period YYYY-QN  quarter to publish, e.g. 2024-Q4 (default: the latest)\n"
	"  --format FORMAT   diagnostics format: text (default) or github\n"
	"  --lang LANG       language of messages: id (Bahasa Indonesia, default) or en (English)\n"
	"  --strict          warnings make the command fail too\n"
	"  -h, --help        show this help\n"
	"  --version         show the version\n"
	"\n"
	"Exit status: 0 no errors, 1 errors in the input, 2 wrong usage.\n";

/* A message of the command line in the chosen language: two literals with the
 * same conversions, so that printf format checking covers both. */
#define CLI_TR(c, id, en) ((c)->english ? (en) : (id))

typedef struct cli {
	const char *command;
	const char *args[2]; /* KIND and FOLDER of "new" */
	size_t nargs;
	build_options opt;
	diag_format format;
	int strict;
	int english; /* --lang en */
} cli;

static int usage_error(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage_error(const cli *c, const char *fmt, ...)
{
	va_list ap;
	fputs("rekap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(CLI_TR(c, "\nCoba \"rekap --help\".\n", "\nTry \"rekap --help\".\n"), stderr);
	return 2;
}

/* The language is chosen before anything is printed, wherever --lang stands,
 * so that help and usage errors are in it too; its value is checked later. */
static int lang_requested_english(int argc, char **argv)
{
	int i, english = 0;
	for (i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "--lang") == 0)
			english = strcmp(argv[++i], "en") == 0;
	return english;
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
	c->english = lang_requested_english(argc, argv);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **target = NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(c->english ? usage_en : usage_id, stdout);
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
		if (target || strcmp(a, "--period") == 0 || strcmp(a, "--format") == 0 ||
		    strcmp(a, "--lang") == 0) {
			if (i + 1 >= argc)
				return usage_error(c,
				                   CLI_TR(c, "pilihan %s memerlukan nilai",
				                          "option %s needs a value"),
				                   a);
			i++;
			if (target) {
				*target = argv[i];
			} else if (strcmp(a, "--period") == 0) {
				c->opt.period = parse_quarter(argv[i]);
				if (c->opt.period < 0)
					return usage_error(c,
					                   CLI_TR(c, "periode \"%s\" harus berbentuk 2024-Q4",
					                          "period \"%s\" must look like 2024-Q4"),
					                   argv[i]);
			} else if (strcmp(a, "--lang") == 0) {
				if (strcmp(argv[i], "en") == 0)
					c->english = 1;
				else if (strcmp(argv[i], "id") == 0)
					c->english = 0;
				else
					return usage_error(c,
					                   CLI_TR(c, "bahasa \"%s\" tidak dikenal (id atau en)",
					                          "unknown language \"%s\" (id or en)"),
					                   argv[i]);
			} else if (strcmp(argv[i], "github") == 0) {
				c->format = DIAG_FORMAT_GITHUB;
			} else if (strcmp(argv[i], "text") != 0) {
				return usage_error(c,
				                   CLI_TR(c, "format \"%s\" tidak dikenal (text atau github)",
				                          "unknown format \"%s\" (text or github)"),
				                   argv[i]);
			}
			continue;
		}
		if (a[0] == '-')
			return usage_error(c, CLI_TR(c, "pilihan \"%s\" tidak dikenal", "unknown option \"%s\""),
			                   a);
		if (c->command && strcmp(c->command, "new") == 0 && c->nargs < 2) {
			c->args[c->nargs++] = a;
			continue;
		}
		if (c->command)
			return usage_error(c, CLI_TR(c, "argumen \"%s\" berlebih", "extra argument \"%s\""),
			                   a);
		c->command = a;
	}
	if (!c->command)
		return usage_error(c, "%s",
		                   CLI_TR(c, "perintah belum diberikan (build atau check)",
		                          "no command given (build or check)"));
	if (strcmp(c->command, "build") != 0 && strcmp(c->command, "check") != 0 &&
	    strcmp(c->command, "new") != 0)
		return usage_error(c,
		                   CLI_TR(c, "perintah \"%s\" tidak dikenal (build, check atau new)",
		                          "unknown command \"%s\" (build, check or new)"),
		                   c->command);
	if (strcmp(c->command, "new") == 0) {
		static const char *const kinds[] = {"provinsi", "kabupaten", "kota", "puskesmas", "pos"};
		size_t k;
		if (c->nargs != 2)
			return usage_error(c, "%s",
			                   CLI_TR(c, "penggunaan: rekap new JENIS FOLDER",
			                          "usage: rekap new KIND FOLDER"));
		for (k = 0; k < 5 && strcmp(c->args[0], kinds[k]) != 0; k++)
			;
		if (k == 5)
			return usage_error(c,
			                   CLI_TR(c,
			                          "jenis \"%s\" tidak dikenal (provinsi, kabupaten, kota, "
			                          "puskesmas atau pos)",
			                          "unknown kind \"%s\" (provinsi, kabupaten, kota, "
			                          "puskesmas or pos)"),
			                   c->args[0]);
	}
	return -1;
}

/* rekap new KIND FOLDER: the laporan.csv columns come from the rules. */
static int command_new(const cli *c, diag_list *diags)
{
	rules *r = rules_load(c->opt.rules_dir, diags);
	int rc;
	if (!r)
		return 1;
	rc = scaffold_new(c->args[0], c->args[1], r, date_today(), diags) == 0 ? 0 : 1;
	rules_free(r);
	if (rc == 0)
		fprintf(stderr, CLI_TR(c, "rekap: %s dibuat; isi berkasnya lalu jalankan rekap check\n",
		                       "rekap: %s created; fill in its files, then run rekap check\n"),
		        c->args[1]);
	return rc;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
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
	diags.english = c.english; /* after init, which zeroes the list */
	memset(&stats, 0, sizeof stats);
	if (strcmp(c.command, "new") == 0)
		rc = command_new(&c, &diags);
	else if (strcmp(c.command, "check") == 0)
		rc = rekap_check(&c.opt, &diags);
	else
		rc = rekap_build(&c.opt, &diags, &stats);
	diag_list_print(&diags, stderr, c.format, c.english ? "en" : "id");
	if (rc == 0 && c.strict && diags.warnings)
		rc = 1;
	if (strcmp(c.command, "new") == 0)
		; /* its own message above */
	else if (strcmp(c.command, "build") == 0 && rc == 0 && c.english)
		fprintf(stderr, "rekap: %zu %s, %zu %s, %zu %s, %zu %s\n", stats.pages,
		        plural(stats.pages, "page", "pages"), stats.workbooks,
		        plural(stats.workbooks, "workbook", "workbooks"), stats.files,
		        plural(stats.files, "file", "files"), diags.warnings,
		        plural(diags.warnings, "warning", "warnings"));
	else if (strcmp(c.command, "build") == 0 && rc == 0)
		fprintf(stderr, "rekap: %zu halaman, %zu buku kerja, %zu berkas, %zu peringatan\n",
		        stats.pages, stats.workbooks, stats.files, diags.warnings);
	else if (rc != 0 && c.english)
		fprintf(stderr, "rekap: %zu %s, %zu %s; the site was not changed\n", diags.errors,
		        plural(diags.errors, "error", "errors"), diags.warnings,
		        plural(diags.warnings, "warning", "warnings"));
	else if (rc != 0)
		fprintf(stderr, "rekap: %zu galat, %zu peringatan; situs tidak diubah\n", diags.errors,
		        diags.warnings);
	diag_list_release(&diags);
	return rc;
}
