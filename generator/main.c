/* main.c - the rekap command line: build, check, new and serve. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "locale.h"
#include "records.h"
#include "rules.h"
#include "scaffold.h"
#include "serve.h"
#include "util.h"

/* Built with AddressSanitizer: a build frees everything before the process
 * ends, for LeakSanitizer to check. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static const char usage_id[] =
	"Penggunaan: rekap PERINTAH [PILIHAN]\n"
	"\n"
	"Perintah:\n"
	"  build   periksa rekaman lalu tulis situs (Markdown, HTML, Excel, data terbuka)\n"
	"  check   periksa rekaman, aturan dan templat tanpa menulis apa pun\n"
	"  new JENIS FOLDER\n"
	"          buat folder baru yang sah beserta berkasnya; JENIS: provinsi, kabupaten,\n"
	"          kota, puskesmas atau pos (mis. rekap new pos records/.../puskesmas/pos-baru)\n"
	"  serve   bangun situs lalu tayangkan di http://127.0.0.1:8080/ sebagai pratinjau\n"
	"          yang dibangun dan dimuat ulang setiap kali berkas disimpan\n"
	"  help PERINTAH\n"
	"          bantuan satu perintah (sama dengan rekap PERINTAH --help)\n"
	"\n"
	"Pilihan:\n"
	"  --records DIR     folder rekaman (bawaan: records)\n"
	"  --rules DIR       folder aturan Lua (bawaan: lua)\n"
	"  --templates DIR   folder templat (bawaan: templates)\n"
	"  --out DIR         folder situs (bawaan: site; build dan serve)\n"
	"  --port N          port pratinjau (bawaan: 8080; 0: port bebas; hanya serve)\n"
	"  --period TTTT-QN  triwulan yang diterbitkan, mis. 2024-Q4 (bawaan: periode: di rekap.yaml,\n"
	"                    lalu triwulan terakhir yang lewat batas lapor)\n"
	"  --jobs N, -j N    jumlah proses kerja (bawaan: jumlah inti CPU; hanya build)\n"
	"  --formats DAFTAR  md,html,xlsx,csv atau sebagian (bawaan: semua; hanya build)\n"
	"  --full            tulis ulang semua berkas, juga yang tidak berubah (hanya build)\n"
	"  --format FORMAT   bentuk diagnostik: text (bawaan), github (anotasi GitHub Actions)\n"
	"                    atau gitlab (laporan Code Quality GitLab, JSON di stdout)\n"
	"  --lang BAHASA     bahasa pesan: id (Bahasa Indonesia, bawaan) atau en (Inggris)\n"
	"  --strict          peringatan juga membuat perintah gagal\n"
	"  --all-messages    tampilkan setiap pesan (tanpa ini, pesan yang sama tentang satu\n"
	"                    kolom di lebih dari 5 berkas tampil 3 kali, sisanya dihitung)\n"
	"  -h, --help        tampilkan bantuan ini (dalam bahasa Inggris: --lang en --help);\n"
	"                    rekap PERINTAH --help: bantuan satu perintah\n"
	"  --version         tampilkan versi\n"
	"\n"
	"Status keluar: 0 tanpa galat, 1 ada galat pada masukan, 2 salah penggunaan.\n";

static const char usage_en[] =
	"Usage: rekap COMMAND [OPTIONS]\n"
	"\n"
	"Commands:\n"
	"  build   check the records, then write the site (Markdown, HTML, Excel, open data)\n"
	"  check   check the records, rules and templates without writing anything\n"
	"  new KIND FOLDER\n"
	"          create a new, valid folder with its files; KIND: provinsi, kabupaten,\n"
	"          kota, puskesmas or pos (e.g. rekap new pos records/.../puskesmas/new-post)\n"
	"  serve   build the site, then serve it on http://127.0.0.1:8080/ as a preview that\n"
	"          is rebuilt and reloaded whenever a file is saved\n"
	"  help COMMAND\n"
	"          help on one command (same as rekap COMMAND --help)\n"
	"\n"
	"Options:\n"
	"  --records DIR     records folder (default: records)\n"
	"  --rules DIR       Lua rules folder (default: lua)\n"
	"  --templates DIR   templates folder (default: templates)\n"
	"  --out DIR         site folder (default: site; build and serve)\n"
	"  --port N          preview port (default: 8080; 0: any free port; serve only)\n"
	"  --period YYYY-QN  quarter to publish, e.g. 2024-Q4 (default: periode: in rekap.yaml,\n"
	"                    else the latest quarter past its deadline)\n"
	"  --jobs N, -j N    number of worker processes (default: number of CPU cores; build only)\n"
	"  --formats LIST    md,html,xlsx,csv or a subset (default: all; build only)\n"
	"  --full            write every file again, also those that did not change (build only)\n"
	"  --format FORMAT   diagnostics format: text (default), github (GitHub Actions\n"
	"                    annotations) or gitlab (GitLab Code Quality report, JSON on stdout)\n"
	"  --lang LANG       language of messages: id (Bahasa Indonesia, default) or en (English)\n"
	"  --strict          warnings make the command fail too\n"
	"  --all-messages    show every message (without it, the same message about one\n"
	"                    column in more than 5 files is shown 3 times, the others counted)\n"
	"  -h, --help        show this help; rekap COMMAND --help: help on one command\n"
	"  --version         show the version\n"
	"\n"
	"Exit status: 0 no errors, 1 errors in the input, 2 wrong usage.\n";

/* The help of each command: name, Bahasa Indonesia, English. */
static const char *const command_help[][3] = {
	{"build",
	 "Penggunaan: rekap build [PILIHAN]\n"
	 "\n"
	 "Periksa rekaman dan aturan, lalu tulis situs: halaman Markdown dan HTML, buku\n"
	 "kerja Excel dan data terbuka. Situs ditulis ke folder sementara lalu menggantikan\n"
	 "situs lama dalam satu langkah; bila ada galat, situs lama tidak diubah.\n"
	 "\n"
	 "Pilihan:\n"
	 "  --records DIR     folder rekaman (bawaan: records)\n"
	 "  --rules DIR       folder aturan Lua (bawaan: lua)\n"
	 "  --templates DIR   folder templat (bawaan: templates)\n"
	 "  --out DIR         folder situs (bawaan: site)\n"
	 "  --period TTTT-QN  triwulan yang diterbitkan, mis. 2024-Q4 (bawaan: periode: di rekap.yaml,\n"
	 "                    lalu triwulan terakhir yang lewat batas lapor)\n"
	 "  --jobs N, -j N    jumlah proses kerja (bawaan: jumlah inti CPU)\n"
	 "  --formats DAFTAR  md,html,xlsx,csv (bawaan: semua)\n"
	 "  --full            tulis ulang semua berkas; tanpa ini hanya wilayah dan pos yang\n"
	 "                    berubah (dan induknya) yang ditulis ulang\n"
	 "  --format FORMAT   bentuk diagnostik: text (bawaan), github atau gitlab\n"
	 "  --lang BAHASA     bahasa pesan: id (bawaan) atau en\n"
	 "  --strict          peringatan juga membuat perintah gagal\n"
	 "  --all-messages    tampilkan setiap pesan (tanpa ini, pesan yang sama tentang satu\n"
	 "                    kolom di lebih dari 5 berkas tampil 3 kali, sisanya dihitung)\n"
	 "\n"
	 "Status keluar: 0 tanpa galat, 1 ada galat pada masukan, 2 salah penggunaan.\n",
	 "Usage: rekap build [OPTIONS]\n"
	 "\n"
	 "Check the records and rules, then write the site: Markdown and HTML pages, Excel\n"
	 "workbooks and open data. The site is written into a staging folder that replaces\n"
	 "the old site in one step; when there are errors the old site is left as it was.\n"
	 "\n"
	 "Options:\n"
	 "  --records DIR     records folder (default: records)\n"
	 "  --rules DIR       Lua rules folder (default: lua)\n"
	 "  --templates DIR   templates folder (default: templates)\n"
	 "  --out DIR         site folder (default: site)\n"
	 "  --period YYYY-QN  quarter to publish, e.g. 2024-Q4 (default: periode: in rekap.yaml,\n"
	 "                    else the latest quarter past its deadline)\n"
	 "  --jobs N, -j N    number of worker processes (default: number of CPU cores)\n"
	 "  --formats LIST    md,html,xlsx,csv (default: all)\n"
	 "  --full            write every file again; without it only the places and posts\n"
	 "                    that changed (and those above them) are written again\n"
	 "  --format FORMAT   diagnostics format: text (default), github or gitlab\n"
	 "  --lang LANG       language of messages: id (default) or en\n"
	 "  --strict          warnings make the command fail too\n"
	 "  --all-messages    show every message (without it, the same message about one\n"
	 "                    column in more than 5 files is shown 3 times, the others counted)\n"
	 "\n"
	 "Exit status: 0 no errors, 1 errors in the input, 2 wrong usage.\n"},
	{"check",
	 "Penggunaan: rekap check [PILIHAN]\n"
	 "\n"
	 "Periksa rekaman, aturan dan templat tanpa menulis apa pun: templat diisi untuk\n"
	 "satu halaman setiap jenis, di memori. Semua masalah dilaporkan sekaligus, satu\n"
	 "per baris: berkas:baris:kolom: error|warning: pesan.\n"
	 "\n"
	 "Pilihan:\n"
	 "  --records DIR     folder rekaman (bawaan: records)\n"
	 "  --rules DIR       folder aturan Lua (bawaan: lua)\n"
	 "  --templates DIR   folder templat (bawaan: templates; bila folder bawaan tidak\n"
	 "                    ada, templat dilewati dengan catatan)\n"
	 "  --period TTTT-QN  triwulan yang dihitung, mis. 2024-Q4 (bawaan: periode: di rekap.yaml,\n"
	 "                    lalu triwulan terakhir yang lewat batas lapor)\n"
	 "  --format FORMAT   bentuk diagnostik: text (bawaan), github atau gitlab\n"
	 "  --lang BAHASA     bahasa pesan: id (bawaan) atau en\n"
	 "  --strict          peringatan juga membuat perintah gagal\n"
	 "  --all-messages    tampilkan setiap pesan (tanpa ini, pesan yang sama tentang satu\n"
	 "                    kolom di lebih dari 5 berkas tampil 3 kali, sisanya dihitung)\n"
	 "\n"
	 "Status keluar: 0 tanpa galat, 1 ada galat pada masukan, 2 salah penggunaan.\n",
	 "Usage: rekap check [OPTIONS]\n"
	 "\n"
	 "Check the records, rules and templates without writing anything: the templates\n"
	 "are filled for one page of each kind, in memory. Every problem is reported in\n"
	 "one run, one per line: file:line:column: error|warning: message.\n"
	 "\n"
	 "Options:\n"
	 "  --records DIR     records folder (default: records)\n"
	 "  --rules DIR       Lua rules folder (default: lua)\n"
	 "  --templates DIR   templates folder (default: templates; when the default folder\n"
	 "                    is absent, the templates are passed over with a note)\n"
	 "  --period YYYY-QN  quarter to compute, e.g. 2024-Q4 (default: periode: in rekap.yaml,\n"
	 "                    else the latest quarter past its deadline)\n"
	 "  --format FORMAT   diagnostics format: text (default), github or gitlab\n"
	 "  --lang LANG       language of messages: id (default) or en\n"
	 "  --strict          warnings make the command fail too\n"
	 "  --all-messages    show every message (without it, the same message about one\n"
	 "                    column in more than 5 files is shown 3 times, the others counted)\n"
	 "\n"
	 "Exit status: 0 no errors, 1 errors in the input, 2 wrong usage.\n"},
	{"new",
	 "Penggunaan: rekap new JENIS FOLDER\n"
	 "\n"
	 "Buat FOLDER baru yang langsung lolos rekap check. JENIS: provinsi, kabupaten,\n"
	 "kota, puskesmas atau pos. Berkas .md-nya menjelaskan setiap isian dalam\n"
	 "komentar; kode diambil dari folder induk dan belum dipakai folder saudaranya;\n"
	 "pos mendapat laporan.csv dengan kolom yang dinyatakan aturan, dan kader.csv.\n"
	 "\n"
	 "Pilihan:\n"
	 "  --rules DIR       folder aturan Lua, asal kolom laporan.csv (bawaan: lua)\n"
	 "  --lang BAHASA     bahasa pesan: id (bawaan) atau en\n"
	 "\n"
	 "Contoh:\n"
	 "  rekap new pos records/jawa-barat/kota-bekasi/jatibening-baru/pos-baru\n",
	 "Usage: rekap new KIND FOLDER\n"
	 "\n"
	 "Create a new FOLDER that passes rekap check as it is. KIND: provinsi, kabupaten,\n"
	 "kota, puskesmas or pos. Its .md file explains every field in comments; codes\n"
	 "are taken from the parent folder and not used by a sibling; a post gets a\n"
	 "laporan.csv with the columns the rules declare, and a kader.csv.\n"
	 "\n"
	 "Options:\n"
	 "  --rules DIR       Lua rules folder, where the laporan.csv columns come from\n"
	 "                    (default: lua)\n"
	 "  --lang LANG       language of messages: id (default) or en\n"
	 "\n"
	 "Example:\n"
	 "  rekap new pos records/jawa-barat/kota-bekasi/jatibening-baru/pos-baru\n"},
	{"serve",
	 "Penggunaan: rekap serve [PILIHAN]\n"
	 "\n"
	 "Bangun situs, lalu tayangkan di http://127.0.0.1:8080/ sebagai pratinjau (hanya\n"
	 "dari komputer ini). Setiap kali berkas di folder rekaman, aturan atau templat\n"
	 "disimpan, situs dibangun ulang dan halaman yang terbuka di peramban dimuat ulang\n"
	 "sendiri. Selama rekaman bergalat, halaman menampilkan diagnostiknya, bukan situs\n"
	 "lama. Hentikan dengan Ctrl-C.\n"
	 "\n"
	 "Pilihan:\n"
	 "  --records DIR     folder rekaman (bawaan: records)\n"
	 "  --rules DIR       folder aturan Lua (bawaan: lua)\n"
	 "  --templates DIR   folder templat (bawaan: templates)\n"
	 "  --out DIR         folder situs yang dibangun dan ditayangkan (bawaan: site)\n"
	 "  --port N          port di 127.0.0.1 (bawaan: 8080; 0: port bebas mana saja)\n"
	 "  --period TTTT-QN  triwulan yang diterbitkan, mis. 2024-Q4 (bawaan: periode: di rekap.yaml,\n"
	 "                    lalu triwulan terakhir yang lewat batas lapor)\n"
	 "  --lang BAHASA     bahasa pesan: id (bawaan) atau en\n"
	 "  --all-messages    tampilkan setiap pesan (tanpa ini, pesan yang sama tentang satu\n"
	 "                    kolom di lebih dari 5 berkas tampil 3 kali, sisanya dihitung)\n"
	 "\n"
	 "Status keluar: 0 setelah dihentikan, 1 bila pratinjau tidak dapat dimulai,\n"
	 "2 salah penggunaan.\n",
	 "Usage: rekap serve [OPTIONS]\n"
	 "\n"
	 "Build the site, then serve it on http://127.0.0.1:8080/ as a preview (from this\n"
	 "computer only). Whenever a file in the records, rules or templates folder is\n"
	 "saved, the site is rebuilt and the page open in the browser reloads by itself.\n"
	 "While the records have errors, the pages show the diagnostics instead of the\n"
	 "old site. Stop it with Ctrl-C.\n"
	 "\n"
	 "Options:\n"
	 "  --records DIR     records folder (default: records)\n"
	 "  --rules DIR       Lua rules folder (default: lua)\n"
	 "  --templates DIR   templates folder (default: templates)\n"
	 "  --out DIR         site folder that is built and served (default: site)\n"
	 "  --port N          port on 127.0.0.1 (default: 8080; 0: any free port)\n"
	 "  --period YYYY-QN  quarter to publish, e.g. 2024-Q4 (default: periode: in rekap.yaml,\n"
	 "                    else the latest quarter past its deadline)\n"
	 "  --lang LANG       language of messages: id (default) or en\n"
	 "  --all-messages    show every message (without it, the same message about one\n"
	 "                    column in more than 5 files is shown 3 times, the others counted)\n"
	 "\n"
	 "Exit status: 0 after being stopped, 1 when the preview cannot start, 2 wrong usage.\n"},
};

typedef struct cli {
	const char *command;
	const char *args[2]; /* KIND and FOLDER of "new", COMMAND of "help" */
	size_t nargs;
	build_options opt;
	diag_format format;
	int strict;
	int all_messages; /* --all-messages: repeated messages are not shortened */
	lang lang; /* --lang */
	long port; /* --port of serve; -1 when not given */
} cli;

static int usage_error(const cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The help of command, the general help for NULL; NULL for an unknown command. */
static const char *help_text(const cli *c, const char *command)
{
	size_t i;
	if (!command)
		return TR(c->lang, usage_id, usage_en);
	for (i = 0; i < sizeof command_help / sizeof command_help[0]; i++)
		if (strcmp(command, command_help[i][0]) == 0)
			return command_help[i][c->lang == LANG_EN ? 2 : 1];
	return NULL;
}

static int usage_error(const cli *c, const char *fmt, ...)
{
	va_list ap;
	fputs("rekap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(TR(c->lang, "\nCoba \"rekap --help\".\n", "\nTry \"rekap --help\".\n"), stderr);
	return 2;
}

/* The language is chosen before anything is printed, wherever --lang stands,
 * so that help and usage errors are in it too; its value is checked later. */
static lang lang_requested(int argc, char **argv)
{
	int i;
	lang l = LANG_ID;
	for (i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "--lang") == 0)
			l = lang_from_code(argv[++i]);
	return l;
}

/* The usage error of a --period that is no quarter, naming the quarter
 * it most likely means ("TW IV 2024": --period 2024-Q4). */
static int period_error(const cli *c, const char *text)
{
	int q = period_guess_quarter(text);
	buf name = BUF_INIT, want = BUF_INIT;
	int rc;
	if (q < 0)
		return usage_error(c,
		                   TR(c->lang, "periode \"%s\" harus berbentuk 2024-Q4",
		                      "period \"%s\" must look like 2024-Q4"),
		                   text);
	fmt_quarter(&name, c->lang, q, 0);
	period_format_quarter(&want, q);
	rc = usage_error(c,
	                 TR(c->lang,
	                    "periode \"%s\" harus berbentuk 2024-Q4: untuk %s tulis --period %s",
	                    "period \"%s\" must look like 2024-Q4: for %s write --period %s"),
	                 text, buf_cstr(&name), buf_cstr(&want));
	buf_release(&name);
	buf_release(&want);
	return rc;
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
	c->port = -1;
	c->lang = lang_requested(argc, argv);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **target = NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			/* "rekap build --help" or "rekap --help build" */
			const char *help =
			        help_text(c, c->command ? c->command : i + 1 < argc ? argv[i + 1] : NULL);
			fputs(help ? help : help_text(c, NULL), stdout);
			return 0;
		}
		if (strcmp(a, "--version") == 0) {
			printf("rekap %s\n", REKAP_VERSION);
			return 0;
		}
		if (strcmp(a, "--strict") == 0) {
			c->strict = 1;
			c->opt.strict = 1;
			continue;
		}
		if (strcmp(a, "--all-messages") == 0) {
			c->all_messages = 1;
			continue;
		}
		if (strcmp(a, "--full") == 0) {
			c->opt.full = 1;
			continue;
		}
		if (strcmp(a, "--records") == 0)
			target = &c->opt.records_dir;
		else if (strcmp(a, "--rules") == 0)
			target = &c->opt.rules_dir;
		else if (strcmp(a, "--templates") == 0) {
			target = &c->opt.templates_dir;
			c->opt.templates_given = 1;
		} else if (strcmp(a, "--out") == 0)
			target = &c->opt.out_dir;
		if (target || strcmp(a, "--period") == 0 || strcmp(a, "--format") == 0 ||
		    strcmp(a, "--lang") == 0 || strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0 ||
		    strcmp(a, "--formats") == 0 || strcmp(a, "--port") == 0) {
			if (i + 1 >= argc)
				return usage_error(c,
				                   TR(c->lang, "pilihan %s memerlukan nilai",
				                      "option %s needs a value"),
				                   a);
			i++;
			if (target) {
				*target = argv[i];
			} else if (strcmp(a, "--period") == 0) {
				c->opt.period = period_parse_quarter(argv[i]);
				if (c->opt.period < 0)
					return period_error(c, argv[i]);
			} else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) {
				char *end;
				long n = strtol(argv[i], &end, 10);
				if (*end || end == argv[i] || n < 1 || n > 256)
					return usage_error(c,
					                   TR(c->lang, "jumlah proses \"%s\" harus 1 sampai 256",
					                      "jobs \"%s\" must be 1 to 256"),
					                   argv[i]);
				c->opt.jobs = (int)n;
			} else if (strcmp(a, "--formats") == 0) {
				c->opt.formats = build_parse_formats(argv[i]);
				if (!c->opt.formats)
					return usage_error(c,
					                   TR(c->lang,
					                      "format keluaran \"%s\" tidak dikenal (md, html, "
					                      "xlsx, csv, dipisah koma)",
					                      "unknown output formats \"%s\" (md, html, xlsx, "
					                      "csv, separated by commas)"),
					                   argv[i]);
			} else if (strcmp(a, "--port") == 0) {
				char *end;
				long n = strtol(argv[i], &end, 10);
				if (*end || end == argv[i] || n < 0 || n > 65535)
					return usage_error(c,
					                   TR(c->lang, "port \"%s\" harus 0 sampai 65535",
					                      "port \"%s\" must be 0 to 65535"),
					                   argv[i]);
				c->port = n;
			} else if (strcmp(a, "--lang") == 0) {
				if (strcmp(argv[i], "en") == 0)
					c->lang = LANG_EN;
				else if (strcmp(argv[i], "id") == 0)
					c->lang = LANG_ID;
				else
					return usage_error(c,
					                   TR(c->lang, "bahasa \"%s\" tidak dikenal (id atau en)",
					                      "unknown language \"%s\" (id or en)"),
					                   argv[i]);
			} else if (strcmp(argv[i], "github") == 0) {
				c->format = DIAG_FORMAT_GITHUB;
			} else if (strcmp(argv[i], "gitlab") == 0) {
				c->format = DIAG_FORMAT_GITLAB;
			} else if (strcmp(argv[i], "text") != 0) {
				return usage_error(c,
				                   TR(c->lang,
				                      "format \"%s\" tidak dikenal (text, github atau "
				                      "gitlab)",
				                      "unknown format \"%s\" (text, github or gitlab)"),
				                   argv[i]);
			}
			continue;
		}
		if (a[0] == '-')
			return usage_error(c, TR(c->lang, "pilihan \"%s\" tidak dikenal", "unknown option \"%s\""),
			                   a);
		if (c->command && (strcmp(c->command, "new") == 0 || strcmp(c->command, "help") == 0) &&
		    c->nargs < 2) {
			c->args[c->nargs++] = a;
			continue;
		}
		if (c->command)
			return usage_error(c, TR(c->lang, "argumen \"%s\" berlebih", "extra argument \"%s\""),
			                   a);
		c->command = a;
	}
	if (!c->command)
		return usage_error(c, "%s",
		                   TR(c->lang, "perintah belum diberikan (build, check, new atau serve)",
		                      "no command given (build, check, new or serve)"));
	if (strcmp(c->command, "help") == 0) {
		const char *help = help_text(c, c->nargs ? c->args[0] : NULL);
		if (!help || c->nargs > 1)
			return usage_error(c,
			                   TR(c->lang, "penggunaan: rekap help [build|check|new|serve]",
			                      "usage: rekap help [build|check|new|serve]"));
		fputs(help, stdout);
		return 0;
	}
	if (!help_text(c, c->command))
		return usage_error(c,
		                   TR(c->lang,
		                      "perintah \"%s\" tidak dikenal (build, check, new atau serve)",
		                      "unknown command \"%s\" (build, check, new or serve)"),
		                   c->command);
	if (c->port >= 0 && strcmp(c->command, "serve") != 0)
		return usage_error(c, "%s",
		                   TR(c->lang, "pilihan --port hanya untuk rekap serve",
		                      "option --port is for rekap serve only"));
	if (strcmp(c->command, "new") == 0) {
		static const char *const kinds[] = {"provinsi", "kabupaten", "kota", "puskesmas", "pos"};
		size_t k;
		if (c->nargs != 2)
			return usage_error(c, "%s",
			                   TR(c->lang, "penggunaan: rekap new JENIS FOLDER",
			                      "usage: rekap new KIND FOLDER"));
		for (k = 0; k < 5 && strcmp(c->args[0], kinds[k]) != 0; k++)
			;
		if (k == 5)
			return usage_error(c,
			                   TR(c->lang,
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
	rc = scaffold_new(c->args[0], c->args[1], r, c->opt.rules_dir, period_today(), diags) == 0 ? 0 : 1;
	rules_free(r);
	if (rc == 0)
		fprintf(stderr, TR(c->lang, "rekap: %s dibuat; isi berkasnya lalu jalankan rekap check\n",
		                   "rekap: %s created; fill in its files, then run rekap check\n"),
		        c->args[1]);
	return rc;
}

/* "; 405 of 410 places unchanged" after an incremental build. */
static const char *reused_note(const cli *c, const build_stats *st, char *out, size_t size)
{
	if (!st->reused)
		return "";
	snprintf(out, size,
	         TR(c->lang, "; %zu dari %zu wilayah dan pos tidak berubah",
	            "; %zu of %zu places and posts unchanged"),
	         st->reused, st->nodes);
	return out;
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
	char secs_note[96];
	buf secs = BUF_INIT;
	int rc = parse_args(argc, argv, &c), writes;
	if (rc >= 0)
		return rc;
	writes = strcmp(c.command, "check") != 0; /* check leaves no site to speak of */
	memset(&stats, 0, sizeof stats);
	if (strcmp(c.command, "serve") == 0) {
		serve_options so;
		so.build = c.opt;
		so.port = c.port >= 0 ? (unsigned)c.port : 8080;
		so.lang = c.lang;
		so.all_messages = c.all_messages;
		return serve_run(&so);
	}
	diag_list_init(&diags);
	diags.lang = c.lang; /* after init, which zeroes the list */
	memset(&stats, 0, sizeof stats);
	if (strcmp(c.command, "new") == 0)
		rc = command_new(&c, &diags);
	else if (strcmp(c.command, "check") == 0)
		rc = build_check(&c.opt, &diags);
	else {
		c.opt.progress = isatty(STDERR_FILENO);
		c.opt.lang = c.lang;
		c.opt.leave_memory = !SANITIZED;
		rc = build_run(&c.opt, &diags, &stats);
		fmt_number(&secs, c.lang, stats.seconds, 1);
	}
	if (strcmp(c.command, "new") != 0)
		cache_prune(time(NULL)); /* after the run: its own files are fresh */
	if (stats.period[0])
		fprintf(stderr, "rekap: %s\n", stats.period);
	/* gitlab: the Code Quality report on stdout, and the usual lines for the job log */
	if (c.format == DIAG_FORMAT_GITLAB)
		diag_list_print(&diags, stdout, DIAG_FORMAT_GITLAB, c.lang, 1);
	diag_list_print(&diags, stderr, c.format == DIAG_FORMAT_GITLAB ? DIAG_FORMAT_TEXT : c.format,
	                c.lang, c.all_messages);
	/* a build applies --strict itself, before it publishes anything */
	if (rc == 0 && c.strict && diags.warnings && strcmp(c.command, "build") != 0)
		rc = 1;
	if (strcmp(c.command, "new") == 0)
		; /* its own message above */
	else if (strcmp(c.command, "build") == 0 && rc == 0 && c.lang == LANG_EN)
		fprintf(stderr, "rekap: %zu %s, %zu %s, %zu %s, %zu %s, 0 errors, %s s%s\n",
		        stats.pages, plural(stats.pages, "page", "pages"), stats.workbooks,
		        plural(stats.workbooks, "workbook", "workbooks"), stats.files,
		        plural(stats.files, "file", "files"), diags.warnings,
		        plural(diags.warnings, "warning", "warnings"), buf_cstr(&secs),
		        reused_note(&c, &stats, secs_note, sizeof secs_note));
	else if (strcmp(c.command, "build") == 0 && rc == 0)
		fprintf(stderr, "rekap: %zu halaman, %zu buku kerja, %zu berkas, %zu peringatan, "
		                "0 galat, %s detik%s\n",
		        stats.pages, stats.workbooks, stats.files, diags.warnings,
		        buf_cstr(&secs),
		        reused_note(&c, &stats, secs_note, sizeof secs_note));
	else if (rc != 0 && c.lang == LANG_EN)
		fprintf(stderr, "rekap: %zu %s, %zu %s%s\n", diags.errors,
		        plural(diags.errors, "error", "errors"), diags.warnings,
		        plural(diags.warnings, "warning", "warnings"),
		        writes ? "; the site was not changed" : "");
	else if (rc != 0)
		fprintf(stderr, "rekap: %zu galat, %zu peringatan%s\n", diags.errors, diags.warnings,
		        writes ? "; situs tidak diubah" : "");
	diag_list_release(&diags);
	buf_release(&secs);
	return rc;
}
