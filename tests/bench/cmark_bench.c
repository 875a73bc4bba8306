/* cmark_bench.c - how long cmark-gfm takes over a site's Markdown pages, by
 * syntax extension: where the Markdown + HTML build's parsing time goes.
 *
 * Usage: cmark_bench SITE_DIR [RUNS]
 * Reads every index.md below SITE_DIR into memory, then, for each set of
 * extensions (none; table; table, strikethrough and autolink as rekap
 * attaches them), parses every page RUNS times (default 3) and keeps the
 * fastest run: parsing alone, then parsing and rendering HTML. Memory is
 * cmark-gfm's default allocator, not rekap's, so the figures are its own. */
#define _GNU_SOURCE
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct page {
	char *text;
	size_t len;
} page;

typedef struct pages {
	page *items;
	size_t n, cap, bytes;
} pages;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void add_page(pages *ps, const char *path)
{
	FILE *f = fopen(path, "rb");
	page p;
	long size;
	if (!f)
		return;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return;
	}
	p.len = (size_t)size;
	p.text = malloc(p.len + 1);
	if (!p.text || fread(p.text, 1, p.len, f) != p.len) {
		free(p.text);
		fclose(f);
		return;
	}
	fclose(f);
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 1024;
		ps->items = realloc(ps->items, ps->cap * sizeof *ps->items);
		if (!ps->items)
			abort();
	}
	ps->items[ps->n++] = p;
	ps->bytes += p.len;
}

/* Every index.md below dir, in the order the directory gives them. */
static void collect(pages *ps, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path;
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		if (asprintf(&path, "%s/%s", dir, e->d_name) < 0)
			abort();
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			collect(ps, path);
		else if (strcmp(e->d_name, "index.md") == 0)
			add_page(ps, path);
		free(path);
	}
	closedir(d);
}

/* The fastest of runs passes over every page, in seconds. */
static double time_pages(const pages *ps, const char *const *exts, int render, int runs)
{
	double best = -1;
	int r;
	for (r = 0; r < runs; r++) {
		double t0 = now(), t;
		size_t i;
		for (i = 0; i < ps->n; i++) {
			cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
			cmark_node *doc;
			const char *const *e;
			for (e = exts; *e; e++)
				cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(*e));
			cmark_parser_feed(p, ps->items[i].text, ps->items[i].len);
			doc = cmark_parser_finish(p);
			if (render)
				free(cmark_render_html(doc, CMARK_OPT_DEFAULT,
				                       cmark_parser_get_syntax_extensions(p)));
			cmark_node_free(doc);
			cmark_parser_free(p);
		}
		t = now() - t0;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	static const char *const none[] = {NULL};
	static const char *const table[] = {"table", NULL};
	static const char *const all[] = {"table", "strikethrough", "autolink", NULL};
	static const struct {
		const char *name;
		const char *const *exts;
	} sets[] = {{"none", none}, {"table", table}, {"table,strikethrough,autolink", all}};
	pages ps = {NULL, 0, 0, 0};
	int runs = argc > 2 ? atoi(argv[2]) : 3;
	size_t s;
	if (argc < 2) {
		fprintf(stderr, "usage: cmark_bench SITE_DIR [RUNS]\n");
		return 2;
	}
	cmark_gfm_core_extensions_ensure_registered();
	collect(&ps, argv[1]);
	printf("%zu pages, %.1f MB of Markdown; fastest of %d runs\n", ps.n, (double)ps.bytes / 1e6,
	       runs < 1 ? 1 : runs);
	printf("%-30s %10s %14s\n", "extensions", "parse, s", "parse+html, s");
	for (s = 0; s < sizeof sets / sizeof sets[0]; s++)
		printf("%-30s %10.3f %14.3f\n", sets[s].name, time_pages(&ps, sets[s].exts, 0, runs),
		       time_pages(&ps, sets[s].exts, 1, runs));
	return 0;
}
