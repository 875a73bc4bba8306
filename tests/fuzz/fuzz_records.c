/* fuzz_records.c - libFuzzer target: the whole records loader on a records tree written from the input, then the computation and one page of each kind, as rekap check makes them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compute.h"
#include "diag.h"
#include "period.h"
#include "records.h"
#include "render.h"
#include "results.h"
#include "rules.h"
#include "util.h"

/*
 * Input: files separated by NUL bytes, each written as its path relative to
 * the records folder, a line feed, then its content:
 *
 *   rekap.yaml\n judul: X\n \0 jambi/provinsi.md\n ---\n nama: Jambi\n ... \0 ...
 *
 * A path ending in "/" makes an empty folder. Paths are limited to MAX_DEPTH
 * components of at most MAX_NAME bytes, none of them "." or ".."; parts with
 * other paths, or that collide with an earlier file, are skipped. The tree is
 * written into a fresh folder under a private temporary folder, loaded with
 * the bundled rules (REKAP_FUZZ_RULES, default the source tree's lua/), then
 * removed. REKAP_TODAY is fixed so that dates in the future are stable.
 * Records that load without errors are computed for the quarter a build
 * would publish, and rendered as rekap check does: one page of each kind,
 * Markdown and HTML, with the bundled templates (REKAP_FUZZ_TEMPLATES,
 * default the source tree's templates/). The caches go to a folder of
 * their own below the temporary one.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#ifndef REKAP_FUZZ_RULES_DEFAULT
#define REKAP_FUZZ_RULES_DEFAULT "lua"
#endif
#ifndef REKAP_FUZZ_TEMPLATES_DEFAULT
#define REKAP_FUZZ_TEMPLATES_DEFAULT "templates"
#endif

#define MAX_FILES 32
#define MAX_DEPTH 6
#define MAX_NAME 64

static rules *the_rules;
static const char *templates_dir;
static char *base_dir; /* private temporary folder */
static char *records_dir; /* base_dir/records, made and removed for every input */

/* Remove path and everything below it; a missing path is fine. */
static void output_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		if (d) {
			while ((e = readdir(d)) != NULL) {
				char *sub;
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				sub = path_join(path, e->d_name);
				output_remove_tree(sub);
				free(sub);
			}
			closedir(d);
		}
		if (rmdir(path) != 0) {
			perror(path);
			abort();
		}
	} else if (unlink(path) != 0) {
		perror(path);
		abort();
	}
}

static void cleanup(void)
{
	if (base_dir) {
		output_remove_tree(base_dir);
		free(base_dir);
		free(records_dir);
		base_dir = records_dir = NULL;
	}
	rules_free(the_rules);
	the_rules = NULL;
}

static const char *temp_root(void)
{
	const char *t = getenv("REKAP_FUZZ_TMPDIR");
	struct stat st;
	if (t && *t)
		return t;
	if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0)
		return "/dev/shm"; /* tmpfs: thousands of small files a second */
	t = getenv("TMPDIR");
	return t && *t ? t : "/tmp";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("REKAP_FUZZ_RULES");
	diag_list d;
	(void)argc;
	(void)argv;
	if (!dir || !*dir)
		dir = REKAP_FUZZ_RULES_DEFAULT;
	setenv("REKAP_TODAY", "2025-06-30", 1);
	diag_list_init(&d);
	the_rules = rules_load(dir, &d);
	if (!the_rules || d.errors) {
		fprintf(stderr, "fuzz_records: cannot load the rules in %s (set REKAP_FUZZ_RULES)\n", dir);
		diag_list_print(&d, stderr, DIAG_FORMAT_TEXT, LANG_ID, 1);
		exit(1);
	}
	diag_list_release(&d);
	base_dir = xasprintf("%s/rekap-fuzz-XXXXXX", temp_root());
	if (!mkdtemp(base_dir)) {
		perror(base_dir);
		exit(1);
	}
	records_dir = path_join(base_dir, "records");
	{
		char *cache = path_join(base_dir, "cache");
		setenv("REKAP_CACHE_DIR", cache, 1);
		free(cache);
	}
	templates_dir = getenv("REKAP_FUZZ_TEMPLATES");
	if (!templates_dir || !*templates_dir)
		templates_dir = REKAP_FUZZ_TEMPLATES_DEFAULT;
	atexit(cleanup);
	return 0;
}

/* Whether p[0..n) is a path this target writes: relative, no "." or ".."
 * components, at most MAX_DEPTH components of 1..MAX_NAME bytes. */
static int path_ok(const char *p, size_t n)
{
	size_t i = 0, depth = 0;
	if (n == 0)
		return 0;
	while (i < n) {
		size_t start = i;
		while (i < n && p[i] != '/')
			i++;
		if (i == start || i - start > MAX_NAME)
			return 0;
		if ((i - start == 1 && p[start] == '.') ||
		    (i - start == 2 && p[start] == '.' && p[start + 1] == '.'))
			return 0;
		if (++depth > MAX_DEPTH)
			return 0;
		if (i < n)
			i++; /* the '/'; a trailing one ends the loop */
	}
	return 1;
}

/* Make the folders of rel (all of it when dir_too), below records_dir. */
static int make_record_dirs(const char *rel, int dir_too)
{
	char *path = path_join(records_dir, rel);
	char *slash = strrchr(path, '/');
	int ok;
	if (!dir_too && slash)
		*slash = '\0';
	ok = make_dirs(path) == 0;
	free(path);
	return ok;
}

static void write_file(const char *rel, const char *content, size_t len)
{
	char *path = path_join(records_dir, rel);
	struct stat st;
	int fd;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(path); /* a folder of that name was made already */
		return;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		size_t done = 0;
		while (done < len) {
			ssize_t w = write(fd, content + done, len - done);
			if (w <= 0) {
				perror(path);
				abort();
			}
			done += (size_t)w;
		}
		close(fd);
	}
	free(path);
}

/* Write one "path\ncontent" part. */
static void write_part(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	size_t plen = nl ? (size_t)(nl - s) : n;
	char *rel;
	if (plen > 0 && s[plen - 1] == '\r')
		plen--;
	if (!path_ok(s, plen))
		return;
	rel = xstrndup(s, plen);
	if (rel[plen - 1] == '/') {
		rel[plen - 1] = '\0';
		make_record_dirs(rel, 1);
	} else if (make_record_dirs(rel, 0)) {
		const char *content = nl ? nl + 1 : s + n;
		write_file(rel, content, (size_t)(s + n - content));
	}
	free(rel);
}

/* The results of records that loaded cleanly, and one page of each kind:
 * a failure must say why. */
static void compute_and_render(const records *recs, diag_list *d)
{
	period_reason why;
	int due, period = records_published_quarter(recs, -1, the_rules->deadline_day,
	                                            period_today(), &why, &due, d);
	results res;
	renderer rd;
	if (period == -2)
		return;
	if (results_compute(&res, recs, the_rules, period, d) != 0 || d->errors) {
		if (d->errors == 0)
			abort();
		results_release(&res);
		return;
	}
	if (renderer_init(&rd, &res, templates_dir, d) != 0 || renderer_check(&rd) != 0)
		if (d->errors == 0)
			abort();
	renderer_release(&rd);
	results_release(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	records recs;
	diag_list d;
	size_t nfiles = 0, i;
	int rc;

	output_remove_tree(records_dir);
	if (mkdir(records_dir, 0755) != 0) {
		perror(records_dir);
		abort();
	}
	while (s < end && nfiles < MAX_FILES) {
		const char *sep = memchr(s, '\0', (size_t)(end - s));
		size_t n = sep ? (size_t)(sep - s) : (size_t)(end - s);
		write_part(s, n);
		nfiles++;
		s += n + (sep ? 1 : 0);
	}

	diag_list_init(&d);
	d.lang = size > 0 && (data[size - 1] & 1) ? LANG_EN : LANG_ID;
	rc = records_load(&recs, records_dir, the_rules, &d);
	if (rc != 0 && d.errors == 0)
		abort(); /* a failed load says why */
	if (!recs.root || !recs.settings.judul || recs.nnodes == 0 || recs.nodes[0] != recs.root)
		abort();
	for (i = 0; i < recs.nnodes; i++) {
		const node *n = recs.nodes[i];
		if (n->index != i || !n->slug || !n->name || !n->meta)
			abort();
		if (n != recs.root && (!n->parent || !node_is_below(n, recs.root)))
			abort();
	}
	for (i = 0; i < recs.nposts; i++) {
		const node *n = recs.posts[i];
		size_t j;
		if (n->kind != NODE_POS)
			abort();
		for (j = 1; j < n->nreports; j++)
			if (report_first_month(&n->reports[j - 1]) > report_first_month(&n->reports[j]))
				abort(); /* sorted by period */
	}
	if (rc == 0 && d.errors == 0)
		compute_and_render(&recs, &d);
	records_release(&recs);
	diag_list_release(&d);
	output_remove_tree(records_dir);
	return 0;
}
