/* build.c - running the stages in order and publishing the site only when all of them succeed. */
#include "build.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "compute.h"
#include "escape.h"
#include "fingerprint.h"
#include "html.h"
#include "locale.h"
#include "opendata.h"
#include "output.h"
#include "parallel.h"
#include "records.h"
#include "render.h"
#include "rules.h"
#include "wilayah.h"
#include "workbook.h"

unsigned build_parse_formats(const char *s)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {{"md", BUILD_MD},
	             {"html", BUILD_HTML},
	             {"xlsx", BUILD_XLSX},
	             {"csv", BUILD_CSV}};
	const size_t nnames = sizeof names / sizeof names[0];
	unsigned bits = 0;
	while (*s) {
		size_t len = strcspn(s, ","), i;
		for (i = 0; i < nnames; i++)
			if (strlen(names[i].name) == len && strncmp(s, names[i].name, len) == 0)
				break;
		if (i == nnames)
			return 0;
		bits |= names[i].bit;
		s += len;
		if (*s == ',' && *++s == '\0')
			return 0;
	}
	return bits;
}

void pipeline_release(pipeline *p)
{
	if (p->have_results)
		results_release(&p->res);
	if (p->have_records)
		records_release(&p->recs);
	rules_free(p->rules);
	memset(p, 0, sizeof *p);
}

/* Reports received and expected in the published quarter, over every post. */
static void quarter_completeness(const results *res, double *received, double *expected)
{
	size_t i;
	*received = *expected = 0;
	for (i = 0; i < res->recs->nposts; i++) {
		const double *q =
			results_post_quantities(res, res->recs->posts[i], res->nquarters - 1);
		*received += q[Q_LAPORAN_DITERIMA];
		*expected += q[Q_LAPORAN_DIHARAPKAN];
	}
}

/* A warning when fewer reports than the rules' ambang_kelengkapan arrived
 * for the published quarter: its numbers and levels would mislead. */
static void warn_low_completeness(const pipeline *p, diag_list *diags)
{
	const rules *r = p->rules;
	const settings *set = &p->recs.settings;
	double received, expected, pct;
	buf q = BUF_INIT, where = BUF_INIT;
	if (!p->res.nquarters || r->completeness_min <= 0)
		return;
	quarter_completeness(&p->res, &received, &expected);
	if (expected <= 0)
		return;
	pct = received / expected * 100;
	if (pct >= r->completeness_min)
		return;
	period_format_quarter(&q, p->res.last_quarter);
	if (r->completeness_file)
		buf_printf(&where, ", %s:%d", r->completeness_file, r->completeness_line);
	/* at periode: only when the quarter came from there, not from --period */
	diag_warning(diags, p->recs.root->file,
	             p->period_why == PERIOD_SETTING ? set->periode_line : 0,
	             p->period_why == PERIOD_SETTING ? set->periode_column : 0,
	             TR(diags->lang,
	                "triwulan terbit %s: kelengkapan laporan %.0f%% (%.0f dari %.0f laporan "
	                "yang diharapkan), di bawah ambang %.0f%% (ambang_kelengkapan%s); angka "
	                "dan tingkatnya belum lengkap: kejar laporan yang belum masuk, atau "
	                "terbitkan triwulan lain dengan --period atau periode: di rekap.yaml",
	                "published quarter %s: report completeness %.0f%% (%.0f of %.0f expected "
	                "reports), below the threshold of %.0f%% (ambang_kelengkapan%s); its "
	                "numbers and levels are incomplete: chase the missing reports, or publish "
	                "another quarter with --period or periode: in rekap.yaml"),
	             buf_cstr(&q), pct, received, expected, r->completeness_min, buf_cstr(&where));
	buf_release(&q);
	buf_release(&where);
}

static int year_cmp(const void *a, const void *b)
{
	int x = ((const target_year *)a)->year, y = ((const target_year *)b)->year;
	return (x > y) - (x < y);
}

/* A warning for each indicator whose targets are given by year but not
 * for the published quarter's year: at the turn of a year its target
 * would vanish from every page without a word. */
static void warn_missing_targets(const pipeline *p, diag_list *diags)
{
	const rules *r = p->rules;
	int year = p->res.last_quarter / 4;
	size_t i, j;
	double target;
	if (!p->res.nquarters)
		return;
	for (i = 0; i < r->nindicators; i++) {
		const indicator *ind = &r->indicators[i];
		target_year *years;
		buf list = BUF_INIT, q = BUF_INIT;
		if (!ind->ntargets || rules_target(ind, year, &target))
			continue;
		years = xmalloc(ind->ntargets * sizeof *years);
		memcpy(years, ind->targets, ind->ntargets * sizeof *years);
		qsort(years, ind->ntargets, sizeof *years, year_cmp);
		for (j = 0; j < ind->ntargets; j++)
			buf_printf(&list, "%s%d", j ? ", " : "", years[j].year);
		period_format_quarter(&q, p->res.last_quarter);
		diag_warning(diags, ind->file, (unsigned)ind->line, 0,
		             TR(diags->lang,
		                "indikator \"%s\" punya target per tahun (%s) tetapi tidak untuk %d, "
		                "tahun triwulan terbit %s; halaman dan buku kerja menulis \"–\" "
		                "sebagai targetnya: tambahkan [%d] = ... di target",
		                "indicator \"%s\" has targets by year (%s) but none for %d, the year "
		                "of the published quarter %s; pages and workbooks show \"–\" as its "
		                "target: add [%d] = ... to target"),
		             ind->id, buf_cstr(&list), year, buf_cstr(&q), year);
		free(years);
		buf_release(&list);
		buf_release(&q);
	}
}

/* The entry of each node of recs in m (NULL for a node new since), looked
 * for at the node's own index first: the tree is most often the one m was
 * saved for. */
static const manifest_entry **find_old_entries(const manifest *m, const records *recs)
{
	const manifest_entry **olds = xcalloc(recs->nnodes ? recs->nnodes : 1, sizeof *olds);
	size_t i;
	for (i = 0; i < recs->nnodes && m->len; i++)
		olds[i] = manifest_find_at(m, i, recs->nodes[i]->path);
	return olds;
}

/* The warning for the node at path (relative to records_dir), which the
 * published site holds and whose folder is gone. */
static void report_vanished(const char *records_dir, const char *path, diag_list *diags)
{
	char *folder = path_join(records_dir, path);
	const char *c;
	int depth = 1;
	for (c = path; *c; c++)
		depth += *c == '/';
	if (depth == 4)
		diag_warning(diags, folder, 0, 0,
		             TR(diags->lang,
		                "pos ini ada di situs sebelumnya, tetapi foldernya kini tidak ada, dan "
		                "angkanya di triwulan-triwulan lalu ikut hilang dari situs; bila pos "
		                "itu bubar, kembalikan foldernya dan tulis status: bubar dengan "
		                "tanggal dibubarkan; bila foldernya dipindah atau diganti namanya, "
		                "abaikan pesan ini",
		                "this post was on the site before, but its folder is gone, and its "
		                "figures of past quarters are gone from the site with it; if the post "
		                "was dissolved, restore its folder and write status: bubar with the "
		                "dibubarkan date; if the folder was moved or renamed, pass over this "
		                "message"));
	else
		diag_warning(diags, folder, 0, 0,
		             TR(diags->lang,
		                "%s ini ada di situs sebelumnya, tetapi foldernya kini tidak ada, dan "
		                "angka pos-posnya di triwulan-triwulan lalu ikut hilang dari situs; "
		                "bila foldernya dipindah atau diganti namanya, abaikan pesan ini; bila "
		                "tidak, kembalikan foldernya",
		                "this %s was on the site before, but its folder is gone, and its "
		                "posts' figures of past quarters are gone from the site with it; if "
		                "the folder was moved or renamed, pass over this message; if not, "
		                "restore the folder"),
		             depth == 1   ? TR(diags->lang, "provinsi", "province")
		             : depth == 2 ? TR(diags->lang, "kabupaten/kota", "regency or city")
		                          : "puskesmas");
	free(folder);
}

/*
 * A warning for each post or area the site published in the output folder
 * holds (old, the folder's build record; olds, the entry of each of the
 * nnodes nodes of the records) whose folder is gone from the records,
 * while its parent's is still there: deleting a post's folder takes its
 * figures out of every past quarter, which pages and workbooks then
 * publish as if they had never been.
 */
static void warn_vanished_nodes(const manifest *old, const manifest_entry *const *olds,
                                size_t nnodes, const char *records_dir, diag_list *diags)
{
	char *kept; /* [entry]: a node of the records has it */
	size_t i;
	if (!old->len)
		return;
	kept = xcalloc(old->len, 1);
	for (i = 0; i < nnodes; i++)
		if (olds[i])
			kept[olds[i] - old->entries] = 1;
	for (i = 0; i < old->len; i++) {
		const char *path = old->entries[i].path, *slash = strrchr(path, '/');
		char *parent;
		const manifest_entry *up;
		if (kept[i] || !path[0])
			continue;
		/* the parent of a node the site held was in the site too */
		parent = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
		up = manifest_find(old, parent);
		if (up && kept[up - old->entries])
			report_vanished(records_dir, path, diags);
		free(parent);
	}
	free(kept);
}

/* Check region codes and names against the Kemendagri list kept beside the
 * rules folder (data/wilayah); without the list, say so and go on. */
static void check_regions(const pipeline *p, const build_options *opt, diag_list *diags)
{
	char *dir = wilayah_dir_for(opt->rules_dir);
	wilayah *w = wilayah_load(dir, diags);
	if (w)
		wilayah_check(w, &p->recs, diags);
	else if (!diags->errors)
		fprintf(stderr,
		        TR(diags->lang,
		           "rekap: catatan: daftar wilayah Kemendagri (%s) tidak ditemukan; kode dan "
		           "nama provinsi dan kabupaten/kota tidak diperiksa\n",
		           "rekap: note: the Kemendagri region list (%s) was not found; province and "
		           "district codes and names are not checked\n"),
		        dir);
	wilayah_free(w);
	free(dir);
}

int pipeline_load(pipeline *p, const build_options *opt, diag_list *diags)
{
	memset(p, 0, sizeof *p);
	timing_mark(NULL);
	p->rules = rules_load(opt->rules_dir, diags);
	timing_mark("rules");
	if (!p->rules)
		return -1;
	p->have_records = 1;
	if (records_load(&p->recs, opt->records_dir, p->rules, diags) != 0 || diags->errors)
		return -1;
	timing_mark("records");
	check_regions(p, opt, diags);
	timing_mark("regions");
	rules_set_language(p->rules, p->recs.settings.bahasa);
	p->period = records_published_quarter(&p->recs, opt->period, p->rules->deadline_day,
	                                      period_today(), &p->period_why, &p->period_due, diags);
	if (p->period == -2)
		return -1;
	p->have_results = 1;
	if (results_compute(&p->res, &p->recs, p->rules, p->period, diags) != 0 || diags->errors)
		return -1;
	timing_mark("compute");
	results_report_violations(&p->res, diags);
	warn_low_completeness(p, diags);
	warn_missing_targets(p, diags);
	timing_mark("violations");
	return 0;
}

/* rekap check: the templates as a build would fill them, into memory, or
 * when the records or rules failed (p NULL) as far as they go without
 * them. A template that fails on several pages is reported once. A check
 * of records and rules alone, away from the project folder, goes on
 * without templates when none were asked for. */
static void check_templates(pipeline *p, const build_options *opt, diag_list *diags)
{
	renderer rd;
	diag_list found;
	if (!opt->templates_given && !is_dir(opt->templates_dir)) {
		fprintf(stderr,
		        TR(diags->lang,
		           "rekap: catatan: folder templat %s tidak ada; templat tidak diperiksa "
		           "(gunakan --templates DIR)\n",
		           "rekap: note: there is no templates folder %s; the templates are not "
		           "checked (use --templates DIR)\n"),
		        opt->templates_dir);
		return;
	}
	if (!p) {
		renderer_check_files(opt->templates_dir, diags);
		return;
	}
	diag_list_init(&found);
	found.lang = diags->lang;
	if (renderer_init(&rd, &p->res, opt->templates_dir, &found) == 0)
		renderer_check(&rd);
	renderer_release(&rd);
	diag_list_move_distinct(diags, &found);
}

int build_check(const build_options *opt, diag_list *diags)
{
	pipeline p;
	int rc = pipeline_load(&p, opt, diags);
	check_templates(rc == 0 ? &p : NULL, opt, diags);
	if (rc == 0 && output_beside(opt->out_dir, opt->records_dir)) {
		/* the project's site, as its next build will compare with it */
		manifest old;
		manifest_load(&old, opt->out_dir, diags->lang);
		if (old.site_id && old.site_id == output_dir_id(opt->out_dir)) {
			const manifest_entry **olds = find_old_entries(&old, &p.recs);
			warn_vanished_nodes(&old, olds, p.recs.nnodes, opt->records_dir, diags);
			free(olds);
		}
		manifest_release(&old);
	}
	pipeline_release(&p);
	return rc == 0 && diags->errors == 0 ? 0 : 1;
}

/* Relative path of a file in a node's folder. */
static char *node_file(const node *n, const char *name)
{
	return n->path[0] ? xasprintf("%s/%s", n->path, name) : xstrdup(name);
}

static int write_chart(renderer *rd, output *out, const node *n, diag_list *diags)
{
	buf svg = BUF_INIT;
	int rc = 0;
	if (render_node_chart(rd, n, &svg)) {
		char *path = node_file(n, CHART_FILE);
		rc = output_write(out, path, buf_cstr(&svg), svg.len, diags);
		free(path);
	}
	buf_release(&svg);
	return rc;
}

/* index.md and index.html (the HTML is rendered from the Markdown, so both
 * are made when either is asked for) and the chart they show. */
static int write_pages(renderer *rd, output *out, const node *n, unsigned formats,
                       diag_list *diags, size_t *pages)
{
	buf md = BUF_INIT, html = BUF_INIT;
	char *md_path = node_file(n, "index.md");
	char *html_path = node_file(n, "index.html");
	int rc = render_node_markdown(rd, n, &md);
	if (rc == 0 && (formats & BUILD_HTML))
		rc = render_html_page(rd, n->name, render_node_depth(n), "index.md", md.data ? md.data : "",
		                      md.len, &html);
	if (rc == 0 && (formats & BUILD_MD))
		rc = output_write(out, md_path, buf_cstr(&md), md.len, diags);
	if (rc == 0 && (formats & BUILD_HTML))
		rc = output_write(out, html_path, buf_cstr(&html), html.len, diags);
	if (rc == 0)
		++*pages;
	if (rc == 0)
		rc = write_chart(rd, out, n, diags);
	free(md_path);
	free(html_path);
	buf_release(&md);
	buf_release(&html);
	return rc;
}

static int write_workbook(const pipeline *p, output *out, const node *n, long long created,
                          diag_list *diags, size_t *workbooks)
{
	char *name = wbk_filename(n, p->res.last_quarter);
	char *rel = node_file(n, name);
	char *path = output_path(out, rel, diags);
	int rc = wbk_write(path, n, &p->res, p->recs.settings.bahasa, p->recs.settings.organisasi,
	                   created, diags);
	if (rc == 0) {
		output_written(out, rel);
		++*workbooks;
	}
	free(name);
	free(rel);
	free(path);
	return rc;
}

static int write_definitions(renderer *rd, output *out, unsigned formats, diag_list *diags,
                             size_t *pages)
{
	buf md = BUF_INIT, html = BUF_INIT;
	int rc = render_definitions_markdown(rd, &md);
	if (rc == 0 && (formats & BUILD_HTML))
		rc = render_html_page(rd, tr(rd->lang, "definitions"), 0, "definisi.md", buf_cstr(&md),
		                      md.len, &html);
	if (rc == 0 && (formats & BUILD_MD))
		rc = output_write(out, "definisi.md", buf_cstr(&md), md.len, diags);
	if (rc == 0 && (formats & BUILD_HTML))
		rc = output_write(out, "definisi.html", buf_cstr(&html), html.len, diags);
	if (rc == 0)
		++*pages;
	buf_release(&md);
	buf_release(&html);
	return rc;
}

static int write_not_found(renderer *rd, output *out, diag_list *diags)
{
	buf html = BUF_INIT;
	int rc = render_not_found_html(rd, &html);
	if (rc == 0)
		rc = output_write(out, "404.html", buf_cstr(&html), html.len, diags);
	buf_release(&html);
	return rc;
}

/* sitemap.xml: every HTML page, under url_dasar; none when rekap.yaml sets
 * no url_dasar, as a sitemap's locations must be absolute URLs. */
static int write_sitemap(renderer *rd, const records *recs, output *out, diag_list *diags)
{
	buf xml = BUF_INIT;
	const char *base = render_base_url(rd);
	const char *slash = *base && base[strlen(base) - 1] != '/' ? "/" : "";
	size_t i;
	int rc;
	if (!*base)
		return 0;
	buf_puts(&xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	               "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 0; i < recs->nnodes; i++) {
		const node *n = recs->nodes[i];
		buf_puts(&xml, "<url><loc>");
		esc_html(&xml, base, strlen(base));
		buf_puts(&xml, slash);
		if (n->path[0]) {
			esc_html(&xml, n->path, strlen(n->path));
			buf_putc(&xml, '/');
		}
		buf_puts(&xml, "index.html</loc></url>\n");
	}
	buf_puts(&xml, "<url><loc>");
	esc_html(&xml, base, strlen(base));
	buf_printf(&xml, "%sdefinisi.html</loc></url>\n</urlset>\n", slash);
	rc = output_write(out, "sitemap.xml", buf_cstr(&xml), xml.len, diags);
	buf_release(&xml);
	return rc;
}

typedef struct asset_ctx {
	output *out;
	diag_list *diags;
} asset_ctx;

static int write_asset(const template_file *t, void *ctx)
{
	asset_ctx *a = ctx;
	if (strchr(t->name + strlen("assets/"), '/'))
		return 0; /* the files of assets/ itself, not of its folders */
	return output_write(a->out, t->name, t->text, t->len, a->diags);
}

/* Copy templates/assets/ (the stylesheet), as the renderer read it, to
 * site/assets/. */
static int write_assets(renderer *rd, output *out, diag_list *diags)
{
	asset_ctx a;
	a.out = out;
	a.diags = diags;
	return renderer_each_file(rd, "assets/", write_asset, &a);
}

/* What the stages report while they run, on a terminal only. */
typedef struct progress {
	int enabled;
	lang lang;
	const char *stage;
	double stage_start, last;
} progress;

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress_stage(progress *pg, const char *id, const char *en)
{
	pg->stage = pg->lang == LANG_EN ? en : id;
	pg->stage_start = pg->last = now_seconds();
	if (pg->enabled)
		fprintf(stderr, "\r\033[Krekap: %s...", pg->stage);
}

/* "stage 1234/30000, about 12 s left", at most five times a second. */
static void progress_count(progress *pg, size_t done, size_t total)
{
	double now = now_seconds(), spent = now - pg->stage_start;
	if (!pg->enabled || (now - pg->last < 0.2 && done < total))
		return;
	pg->last = now;
	fprintf(stderr, "\r\033[Krekap: %s %zu/%zu", pg->stage, done, total);
	if (done > 0 && done < total && spent > 1.0)
		fprintf(stderr, TR(pg->lang, ", sisa sekitar %.0f detik", ", about %.0f s left"),
		        spent / (double)done * (double)(total - done));
}

static void progress_end(progress *pg)
{
	if (pg->enabled)
		fputs("\r\033[K", stderr);
}

/* A task of the writing stage. The files of a node whose fingerprint
 * changed are written by two tasks, one for its workbook and one for its
 * pages, so that the few files an edit changes (the workbooks of a
 * province and of the nation list thousands of places) are written side
 * by side, the largest first, ahead of the checks of the unchanged nodes,
 * which come in runs of neighbours. */
typedef enum { TASK_WORKBOOK, TASK_PAGES, TASK_KEEP } task_kind;
typedef struct write_task {
	task_kind kind;
	size_t from, to; /* node indices: [from, to) for TASK_KEEP, from otherwise */
} write_task;

/* Unchanged nodes one TASK_KEEP checks at most. */
#define KEEP_RUN 256

/* The writing stage: the tasks above, the site-wide files beside them. */
typedef struct site_writer {
	pipeline *p;
	renderer rd;
	output *out;
	unsigned formats;
	long long created;
	size_t pages; /* site-wide pages, written by the parent */
	progress *pg;
	fingerprints fp; /* of this build */
	manifest old; /* of the published site */
	const manifest_entry **olds; /* [node index]: its entry in old, or NULL */
	/* [node index]: the node's folder in the spare, checked by its dir
	 * (fingerprint_dir) rather than listed: that dir, or 0 */
	uint64_t *spare_dirs;
	int full; /* reuse nothing */
	/* build_options.check_kept_after, kept when the build began from the
	 * spare and the workers' flags say what they wrote */
	int defer_stamps;
	int trusted; /* the published site is the one the manifest describes */
	/* [node index]: 1 + the files written for it, 0 when reused;
	 * [nnodes + node index]: the same for its workbook when a task of its
	 * own wrote it (shared with the workers) */
	unsigned char *written;
	write_task *tasks; /* in the order they are handed out */
	size_t site_files; /* files of the whole site, written by the parent */
} site_writer;

enum { COUNT_PAGES, COUNT_WORKBOOKS, COUNT_FILES, COUNT_REUSED };

static int has_workbook(const site_writer *sw, const node *n)
{
	return (sw->formats & BUILD_XLSX) && n->kind != NODE_POS && sw->p->res.nquarters;
}

/* The kind of output a file of the site belongs to (BUILD_* bits). */
static unsigned file_format(const char *relpath)
{
	size_t len = strlen(relpath);
	if (strncmp(relpath, "data/", 5) == 0)
		return BUILD_CSV;
	if (len > 3 && strcmp(relpath + len - 3, ".md") == 0)
		return BUILD_MD;
	if (len > 5 && strcmp(relpath + len - 5, ".xlsx") == 0)
		return BUILD_XLSX;
	if (len >= strlen(CHART_FILE) && strcmp(relpath + len - strlen(CHART_FILE), CHART_FILE) == 0)
		return BUILD_MD | BUILD_HTML;
	return BUILD_HTML;
}

/* Every file a node can have in the site (at most 4); caller frees them. */
static size_t node_files(const pipeline *p, const node *n, char **files)
{
	size_t k = 0;
	files[k++] = node_file(n, "index.md");
	files[k++] = node_file(n, "index.html");
	files[k++] = node_file(n, CHART_FILE);
	if (n->kind != NODE_POS && p->res.nquarters) {
		char *name = wbk_filename(n, p->res.last_quarter);
		files[k++] = node_file(n, name);
		free(name);
	}
	return k;
}

static void free_files(char **files, size_t n)
{
	while (n > 0)
		free(files[--n]);
}

/* Whether the manifest's entry for n has the fingerprint of this build for
 * every format written. */
static int node_unchanged(const site_writer *sw, const node *n, const manifest_entry *old)
{
	uint64_t fp = sw->fp.node[n->index];
	return !sw->full && old && (!(sw->formats & BUILD_MD) || old->fps[FP_MD] == fp) &&
	       (!(sw->formats & BUILD_HTML) || old->fps[FP_HTML] == fp) &&
	       (!has_workbook(sw, n) || old->fps[FP_XLSX] == fp);
}

/* Where the files a node reuses come from: the published site, unless the
 * build began from the spare and the spare holds them already. Either way
 * they are the files whose stamp the manifest keeps: a file the last build
 * did not write is one file linked into both folders. */
static const char *reuse_source(const site_writer *sw, const manifest_entry *old)
{
	return sw->out->in_place && !old->spare_stale ? sw->out->staging : sw->out->final_dir;
}

static const manifest_entry *old_entry(const site_writer *sw, const node *n)
{
	return sw->olds[n->index];
}

/* Whether the stamp of a kept node is checked after publishing
 * (check_kept) rather than now: a node whose files the spare holds
 * already, with a stamp a build took (0 after check_kept found them
 * changed: checked now, and written again). */
static int stamp_deferred(const site_writer *sw, const manifest_entry *old)
{
	return sw->defer_stamps && !old->spare_stale && old->stamp != 0;
}

/* A node whose published files were built from the same fingerprint
 * (node_unchanged, which the caller checked): when they have not been
 * touched since (files restored or edited since, in the site or in the
 * spare, which was the site before, fail their stamp), put them into the
 * new site unchanged: from the spare, they are there already (unless the
 * last build wrote them); otherwise they are linked from the site. Returns
 * 1 when done, 0 when the node must be written, -1 on failure. */
static int reuse_node(site_writer *sw, const node *n, size_t *counters, diag_list *diags)
{
	const manifest_entry *old = old_entry(sw, n);
	char *files[4];
	size_t nfiles, i;
	unsigned regular = 0;
	int rc = 1;
	nfiles = node_files(sw->p, n, files);
	if (!stamp_deferred(sw, old) &&
	    fingerprint_stamp_regular(reuse_source(sw, old), files, nfiles, &regular) != old->stamp)
		rc = 0; /* restored or edited since: write it again */
	for (i = 0; i < nfiles && rc == 1; i++) {
		unsigned f = file_format(files[i]);
		if (sw->out->in_place) {
			if (!old->spare_stale)
				counters[COUNT_FILES] += i == 0 ? old->nfiles : 0;
			else if (output_relink(sw->out, files[i], diags) != 0)
				rc = -1;
		} else if ((f & sw->formats) && (regular >> i & 1) != 0 &&
		           output_reuse(sw->out, files[i], diags) != 0) {
			/* which of them the published site has: from the stamp's lstat */
			rc = -1;
		}
	}
	if (rc == 1) {
		counters[COUNT_PAGES] += (sw->formats & (BUILD_MD | BUILD_HTML)) != 0;
		counters[COUNT_WORKBOOKS] += has_workbook(sw, n) != 0;
		counters[COUNT_REUSED]++;
	}
	free_files(files, nfiles);
	return rc;
}

/* In the spare, a node written again first loses the files it had, so that
 * one it no longer has (a chart) does not stay. node_files lists the
 * workbook last: with_workbook 0 keeps it (another task writes it). */
static void clear_node(site_writer *sw, const node *n, int with_workbook)
{
	char *files[4];
	size_t nfiles = node_files(sw->p, n, files), i;
	for (i = 0; i < nfiles; i++)
		if (with_workbook || i < 3)
			output_unlink(sw->out, files[i]);
	free_files(files, nfiles);
}

/* The workbook of a node whose fingerprint changed, in a task of its own. */
static int write_own_workbook(site_writer *sw, const node *n, size_t *counters,
                              diag_list *diags)
{
	size_t files = sw->out->files;
	int rc;
	if (sw->out->in_place) {
		char *name = wbk_filename(n, sw->p->res.last_quarter);
		char *rel = node_file(n, name);
		output_unlink(sw->out, rel);
		free(rel);
		free(name);
	}
	rc = write_workbook(sw->p, sw->out, n, sw->created, diags, &counters[COUNT_WORKBOOKS]);
	if (sw->written)
		sw->written[sw->p->recs.nnodes + n->index] = (unsigned char)(1 + sw->out->files - files);
	return rc;
}

/* The pages of node n, and its workbook unless a task of its own writes it
 * (own_workbook); in the spare, first without the files it had. */
static int write_node_files(site_writer *sw, const node *n, int own_workbook, size_t *counters,
                            diag_list *diags)
{
	size_t files = sw->out->files;
	int rc = 0;
	if (sw->out->in_place)
		clear_node(sw, n, !own_workbook);
	if (sw->formats & (BUILD_MD | BUILD_HTML))
		rc = write_pages(&sw->rd, sw->out, n, sw->formats, diags, &counters[COUNT_PAGES]);
	if (rc == 0 && has_workbook(sw, n) && !own_workbook)
		rc = write_workbook(sw->p, sw->out, n, sw->created, diags, &counters[COUNT_WORKBOOKS]);
	if (sw->written)
		sw->written[n->index] = (unsigned char)(1 + sw->out->files - files);
	return rc;
}

/* The unchanged nodes of [from, to): each kept, or written again when its
 * files were touched since. */
static int keep_nodes(site_writer *sw, size_t from, size_t to, size_t *counters,
                      diag_list *diags)
{
	size_t i;
	int rc = 0;
	for (i = from; i < to && rc == 0; i++) {
		const node *n = sw->p->recs.nodes[i];
		if (!node_unchanged(sw, n, old_entry(sw, n)))
			continue; /* written by tasks of its own */
		rc = reuse_node(sw, n, counters, diags);
		if (rc == 0)
			rc = write_node_files(sw, n, 0, counters, diags);
		else if (rc == 1)
			rc = 0;
	}
	return rc;
}

static int write_node(void *ctx, size_t task, size_t *counters, diag_list *diags)
{
	site_writer *sw = ctx;
	const write_task *t = &sw->tasks[task];
	const node *n = sw->p->recs.nodes[t->from];
	size_t files = sw->out->files;
	int rc;
	if (t->kind == TASK_WORKBOOK)
		rc = write_own_workbook(sw, n, counters, diags);
	else if (t->kind == TASK_PAGES)
		rc = write_node_files(sw, n, has_workbook(sw, n), counters, diags);
	else
		rc = keep_nodes(sw, t->from, t->to, counters, diags);
	/* counted once, by the parent, whichever process wrote them */
	counters[COUNT_FILES] += sw->out->files - files;
	sw->out->files = files;
	return rc;
}

/* Whether a node owns an open-data file: the root the national one, a
 * province its own. */
static int owns_open_data(const node *n)
{
	return n->kind == NODE_ROOT || n->kind == NODE_PROVINSI;
}

/* The open-data file of owner (opendata_file), streamed: a province's is
 * tens of MB at national scale. The published file is kept when it was
 * written from the same fingerprint (which covers every row it holds) and
 * has not been touched since; otherwise it is written again. */
static int write_open_data(site_writer *sw, const node *owner, diag_list *diags)
{
	const node *province = owner->kind == NODE_PROVINSI ? owner : NULL;
	const manifest_entry *old = old_entry(sw, owner);
	char *rel = opendata_file(province);
	FILE *f;
	int rc = -1;
	if (sw->trusted && !sw->full && old && old->data_fp == sw->fp.node[owner->index] &&
	    fingerprint_stamp(sw->out->final_dir, &rel, 1) == old->data_stamp)
		rc = sw->out->in_place ? output_relink(sw->out, rel, diags)
		                       : output_reuse(sw->out, rel, diags);
	else if ((f = output_open(sw->out, rel, diags)) != NULL)
		rc = output_close(sw->out, rel, f, opendata_indicators(f, &sw->p->res, province) == 0,
		                  -1, diags);
	free(rel);
	return rc;
}

/* The files of the whole site, written by every build. */
static int write_site_files(void *ctx, diag_list *diags)
{
	site_writer *sw = ctx;
	const node *root = sw->p->recs.root;
	size_t files = sw->out->files, i;
	int rc = 0;
	/* From the spare too: they are small, and a site-wide file removed or
	 * edited by hand in the site that became the spare must not come back. */
	if (sw->formats & (BUILD_MD | BUILD_HTML))
		rc = write_definitions(&sw->rd, sw->out, sw->formats, diags, &sw->pages);
	if (rc == 0 && (sw->formats & BUILD_HTML))
		rc = write_not_found(&sw->rd, sw->out, diags);
	if (rc == 0 && (sw->formats & BUILD_HTML))
		rc = write_sitemap(&sw->rd, &sw->p->recs, sw->out, diags);
	if (sw->formats & BUILD_CSV)
		for (i = 0; i < root->nchildren + 1 && rc == 0; i++)
			rc = write_open_data(sw, i ? root->children[i - 1] : root, diags);
	if (rc == 0 && (sw->formats & BUILD_HTML))
		rc = write_assets(&sw->rd, sw->out, diags);
	sw->site_files = sw->out->files - files;
	return rc;
}

static void write_tick(void *ctx, size_t done, size_t total)
{
	site_writer *sw = ctx;
	progress_count(sw->pg, done, total);
}

/* With --formats, the published files of the other formats are kept. */
static int keep_unbuilt(const char *relpath, void *ctx)
{
	const unsigned *formats = ctx;
	unsigned f = file_format(relpath);
	return f && !(f & *formats);
}

/* Whether every node of the published site is a node of this build and
 * the other way round. */
static int same_nodes(const site_writer *sw)
{
	const records *recs = &sw->p->recs;
	size_t i;
	if (sw->old.len != recs->nnodes)
		return 0;
	for (i = 0; i < recs->nnodes; i++)
		if (!sw->olds[i])
			return 0;
	return 1;
}

/* The published site becomes the spare of the next build when it differs
 * from the new one only in files of nodes this build wrote: the same
 * nodes, every format, and the same shared inputs (so the pages of the
 * whole site are equal). */
static int spare_possible(const site_writer *sw)
{
	return sw->formats == BUILD_ALL && sw->trusted && sw->old.global == sw->fp.global &&
	       same_nodes(sw);
}

/* The site-wide files a build can write in the site's top folder. */
static const char *const site_file_names[] = {"definisi.md", "definisi.html", "404.html",
                                              "sitemap.xml", NULL};

static int name_listed(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return 1;
	return 0;
}

/* Back to the first len bytes of b. */
static void cut(buf *b, size_t len)
{
	b->len = len;
	b->data[len] = '\0';
}

/* Whether every entry of the folder dir (the folder of node n in the spare)
 * is a file n can have, the folder of one of its children, or at the top a
 * site-wide file. A file added by hand to the site that became the spare
 * would otherwise come back with every other build. */
static int spare_entries_clean(const site_writer *sw, const node *n, buf *dir)
{
	char *files[4];
	size_t nfiles = node_files(sw->p, n, files), nnames, i, c, len = dir->len;
	dir_entry *list = dir_list(buf_cstr(dir), 1, &nnames);
	int clean = list != NULL;
	for (i = 0; i < nnames && clean; i++) {
		const char *name = list[i].name;
		dir_kind kind = list[i].kind;
		struct stat st;
		int known = 0;
		size_t f;
		/* the listing tells the kind; lstat only where it does not */
		if (kind == DIR_KIND_UNKNOWN) {
			buf_printf(dir, "/%s", name);
			if (lstat(buf_cstr(dir), &st) == 0)
				kind = dir_kind_of_mode(st.st_mode);
			cut(dir, len);
		}
		if (kind == DIR_KIND_DIR) {
			for (c = 0; c < n->nchildren && !known; c++)
				known = strcmp(name, n->children[c]->slug) == 0;
			if (!known && n->kind == NODE_ROOT)
				known = strcmp(name, "assets") == 0 || strcmp(name, "data") == 0;
		} else if (kind == DIR_KIND_FILE) {
			for (f = 0; f < nfiles && !known; f++) {
				const char *slash = strrchr(files[f], '/');
				known = strcmp(name, slash ? slash + 1 : files[f]) == 0;
			}
			if (!known && n->kind == NODE_ROOT)
				known = name_listed(name, site_file_names);
		} /* else a link, anything else, or gone */
		clean = known;
	}
	dir_list_free(list, nnames);
	free_files(files, nfiles);
	return clean;
}

/* spare_entries_clean of the folder of n (not the root) in the spare and of
 * those of the nodes below it. A folder whose dir is the one the manifest
 * took when it was published (the site that became the spare) holds the
 * entries it held then, which a build wrote: it need not be listed. (The
 * root's folder, renamed by every build, always is: spare_clean.) */
static int spare_folder_clean(site_writer *sw, const node *n, buf *dir)
{
	const manifest_entry *old = old_entry(sw, n);
	size_t len = dir->len, c;
	int clean = 1;
	if (old && old->spare_dir && fingerprint_dir(buf_cstr(dir), NULL) == old->spare_dir)
		sw->spare_dirs[n->index] = old->spare_dir;
	else if (access(buf_cstr(dir), F_OK) != 0 && errno == ENOENT)
		return 1; /* nothing there, nor below */
	else
		clean = spare_entries_clean(sw, n, dir);
	for (c = 0; c < n->nchildren && clean; c++) {
		buf_printf(dir, "/%s", n->children[c]->slug);
		clean = spare_folder_clean(sw, n->children[c], dir);
		cut(dir, len);
	}
	return clean;
}

/* Nodes a thread checks in the spare at least: fewer are not worth one. */
#define SPARE_NODES_PER_THREAD 4096

/* spare_folder_clean of the folder of child i of the root: nonzero when
 * it is not clean. */
static int check_child(void *ctx, size_t i)
{
	site_writer *sw = ctx;
	const node *child = sw->p->recs.root->children[i];
	buf dir = BUF_INIT;
	int clean;
	buf_printf(&dir, "%s/%s", sw->out->staging, child->slug);
	clean = spare_folder_clean(sw, child, &dir);
	buf_release(&dir);
	return !clean;
}

/* spare_folder_clean of the whole spare: its top folder here, the
 * folders of the root's children and below in threads (one per core, as
 * loading uses), each taking the next child. Only reads the spare. */
static int spare_clean(site_writer *sw)
{
	const node *root = sw->p->recs.root;
	buf top = BUF_INIT;
	int clean;
	buf_puts(&top, sw->out->staging);
	clean = spare_entries_clean(sw, root, &top);
	buf_release(&top);
	return clean && parallel_queue(root->nchildren,
	                               parallel_threads(sw->p->recs.nnodes, SPARE_NODES_PER_THREAD),
	                               sw, check_child) == 0;
}

/* Whether the folder dir holds nothing but an open-data file. */
static int data_folder_clean(const char *dir, const char *name)
{
	char *path = path_join(dir, name);
	struct stat st;
	size_t n, i;
	char **names;
	int clean = lstat(path, &st) == 0;
	if (clean && S_ISDIR(st.st_mode)) {
		names = dir_names_all(path, &n);
		clean = names != NULL;
		for (i = 0; i < n && clean; i++)
			clean = strcmp(names[i], OPENDATA_NAME) == 0;
		names_free(names, n);
	} else {
		clean = clean && S_ISREG(st.st_mode) && strcmp(name, OPENDATA_NAME) == 0;
	}
	free(path);
	return clean;
}

/* Whether a name in data/ is the folder of a province's open data. */
static int province_slug(const records *recs, const char *name)
{
	size_t c;
	for (c = 0; c < recs->root->nchildren; c++)
		if (strcmp(recs->root->children[c]->slug, name) == 0)
			return 1;
	return 0;
}

/* Whether the files of the site-wide folders of the spare are the ones a
 * build writes: assets/ holds only files of templates/assets/, data/ only
 * the open data (the national file, and a folder per province holding its
 * file). */
static int spare_site_folders_clean(const site_writer *sw, const char *spare)
{
	char *assets = path_join(spare, "assets"), *data = path_join(spare, "data");
	size_t n, i;
	char **names = dir_names_all(assets, &n);
	int clean = 1;
	for (i = 0; i < n && clean; i++) {
		char *dst = path_join(assets, names[i]), *rel = xasprintf("assets/%s", names[i]);
		struct stat st;
		/* write_assets copies the files read from templates/assets */
		clean = renderer_file(&sw->rd, rel) &&
		        lstat(dst, &st) == 0 && S_ISREG(st.st_mode);
		free(dst);
		free(rel);
	}
	names_free(names, n);
	names = dir_names_all(data, &n);
	for (i = 0; i < n && clean; i++)
		clean = (strcmp(names[i], OPENDATA_NAME) == 0 ||
		         province_slug(&sw->p->recs, names[i])) &&
		        data_folder_clean(data, names[i]);
	names_free(names, n);
	free(assets);
	free(data);
	return clean;
}

/* Begin the new site from the spare when it is the one the last build set
 * aside and holds no file a build would not write, else from an empty
 * staging folder. */
static int begin_output(site_writer *sw, const build_options *opt, diag_list *diags)
{
	if (!sw->full && sw->old.spare_id && spare_possible(sw) &&
	    output_begin_from_spare(sw->out, opt->out_dir, sw->old.spare_id) == 0) {
		if (spare_clean(sw) && spare_site_folders_clean(sw, sw->out->staging))
			return 0;
		memset(sw->spare_dirs, 0, sw->p->recs.nnodes * sizeof *sw->spare_dirs);
		output_abort(sw->out);
		output_release(sw->out);
	}
	return output_begin(sw->out, opt->out_dir, diags);
}

/* 1 + the files written for node i, 0 when they were kept. */
static unsigned node_written(const site_writer *sw, size_t i)
{
	unsigned w = sw->written ? sw->written[i] : 0, workbook;
	if (!sw->written)
		return w;
	workbook = sw->written[sw->p->recs.nnodes + i];
	if (!workbook)
		return w;
	return (w ? w : 1u) + workbook - 1u;
}

/* Node i's subtree is nodes [i, i + sizes[i]) of the pre-order. */
static size_t *subtree_sizes(const records *recs)
{
	size_t *sizes = xcalloc(recs->nnodes ? recs->nnodes : 1, sizeof *sizes), i, c;
	for (i = recs->nnodes; i-- > 0;) {
		const node *n = recs->nodes[i];
		sizes[i] = 1;
		for (c = 0; c < n->nchildren; c++)
			sizes[i] += sizes[n->children[c]->index];
	}
	return sizes;
}

static const size_t *sort_sizes; /* for by_size_desc */

/* Larger subtrees first, then in pre-order. */
static int by_size_desc(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	if (sort_sizes[a] != sort_sizes[b])
		return sort_sizes[a] > sort_sizes[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* The tasks (write_task) of this build; returns how many. */
static size_t plan_tasks(site_writer *sw)
{
	const records *recs = &sw->p->recs;
	size_t nnodes = recs->nnodes, ndirty = 0, ntasks = 0, i, run = 0;
	size_t *dirty = xcalloc(nnodes ? nnodes : 1, sizeof *dirty);
	size_t *sizes = subtree_sizes(recs);
	sw->tasks = xcalloc(2 * nnodes + nnodes / KEEP_RUN + 1, sizeof *sw->tasks);
	for (i = 0; i < nnodes; i++)
		if (!node_unchanged(sw, recs->nodes[i], sw->olds[i]))
			dirty[ndirty++] = i;
	sort_sizes = sizes;
	qsort(dirty, ndirty, sizeof *dirty, by_size_desc);
	for (i = 0; i < ndirty; i++)
		if (has_workbook(sw, recs->nodes[dirty[i]])) {
			sw->tasks[ntasks].kind = TASK_WORKBOOK;
			sw->tasks[ntasks++].from = dirty[i];
		}
	for (i = 0; i < ndirty; i++) {
		sw->tasks[ntasks].kind = TASK_PAGES;
		sw->tasks[ntasks++].from = dirty[i];
	}
	/* the other nodes, KEEP_RUN at a time */
	for (i = 0; i < nnodes; i++) {
		if (!node_unchanged(sw, recs->nodes[i], sw->olds[i]))
			continue;
		if (run == 0) {
			sw->tasks[ntasks].kind = TASK_KEEP;
			sw->tasks[ntasks++].from = i;
		}
		sw->tasks[ntasks - 1].to = i + 1;
		run = (run + 1) % KEEP_RUN;
	}
	free(dirty);
	free(sizes);
	return ntasks;
}

/* The fingerprint node i's files of one kind (a BUILD_* bit) were made
 * from: this build's when it writes that kind, else the one the previous
 * build recorded (old_fp, NULL when none), whose files are kept. */
static uint64_t kind_fp(const site_writer *sw, unsigned kind, size_t i, const uint64_t *old_fp)
{
	return (sw->formats & kind) ? sw->fp.node[i] : old_fp ? *old_fp : 0;
}

/* The manifest of the new site, before it is published: this build's
 * fingerprints for the formats it wrote, the previous ones for the files it
 * kept. Stamps come later (publish). */
static void new_manifest(const site_writer *sw, manifest *m)
{
	const records *recs = &sw->p->recs;
	static const unsigned bits[FP_FORMATS] = {BUILD_MD, BUILD_HTML, BUILD_XLSX};
	size_t i, f;
	m->entries = xcalloc(recs->nnodes ? recs->nnodes : 1, sizeof *m->entries);
	m->len = recs->nnodes;
	m->file = sw->old.file ? xstrdup(sw->old.file) : NULL;
	m->global = sw->fp.global;
	m->site_files = sw->site_files;
	/* with --formats, files kept from the site were not checked: the
	 * folders are listed again when this site is the spare */
	m->take_dirs = sw->formats == BUILD_ALL;
	m->check_kept = sw->defer_stamps;
	for (i = 0; i < recs->nnodes; i++) {
		const node *n = recs->nodes[i];
		const manifest_entry *old = sw->olds[i];
		manifest_entry *e = &m->entries[i];
		unsigned written = node_written(sw, i);
		for (f = 0; f < FP_FORMATS; f++)
			e->fps[f] = kind_fp(sw, bits[f], i, old ? &old->fps[f] : NULL);
		/* without the flags of the workers, count every node as written */
		e->spare_stale = !sw->written || written || !old;
		e->stamp = old ? old->stamp : 0;
		e->nfiles = written ? written - 1u : old ? old->nfiles : 0;
		e->data_fp = owns_open_data(n)
		                     ? kind_fp(sw, BUILD_CSV, i, old ? &old->data_fp : NULL)
		                     : 0;
		e->spare_dir = old ? old->dir : 0;
		/* a folder of the spare the build left as it was checked keeps its
		 * dir; publishing takes that of the others */
		e->dir = m->take_dirs && !e->spare_stale && old && !old->spare_stale ? sw->spare_dirs[i] : 0;
	}
}

static int write_site(pipeline *p, const build_options *opt, output *out, progress *pg,
                      diag_list *diags, build_stats *stats, manifest *manifest_out)
{
	site_writer sw;
	parallel_job job;
	size_t counters[PARALLEL_COUNTERS] = {0}, nnodes = p->recs.nnodes;
	int rc, templates_ok;
	memset(&sw, 0, sizeof sw);
	sw.p = p;
	sw.out = out;
	sw.formats = opt->formats ? opt->formats : BUILD_ALL;
	sw.created = wbk_creation_time(&p->res);
	sw.pg = pg;
	sw.full = opt->full;
	templates_ok = renderer_init(&sw.rd, &p->res, opt->templates_dir, diags) == 0;
	timing_mark("templates");
	fingerprints_compute(&sw.fp, &p->res, renderer_inputs_hash(&sw.rd), sw.created);
	timing_mark("fingerprints");
	manifest_load(&sw.old, opt->out_dir, diags->lang);
	timing_mark("manifest read");
	sw.trusted = sw.old.site_id && sw.old.site_id == output_dir_id(opt->out_dir);
	sw.olds = find_old_entries(&sw.old, &p->recs);
	if (sw.trusted) /* the record is of the site still published there */
		warn_vanished_nodes(&sw.old, sw.olds, nnodes, opt->records_dir, diags);
	sw.spare_dirs = xcalloc(nnodes ? nnodes : 1, sizeof *sw.spare_dirs);
	sw.written = parallel_flags_new(2 * nnodes);
	rc = templates_ok ? begin_output(&sw, opt, diags) : -1;
	if (!out->in_place && !out->has_site) /* nothing published to keep */
		memset(sw.olds, 0, nnodes * sizeof *sw.olds);
	sw.defer_stamps = opt->check_kept_after && sw.written && out->in_place;
	timing_mark("output begun");
	memset(&job, 0, sizeof job);
	job.ntasks = plan_tasks(&sw);
	job.workers = opt->jobs > 0 ? opt->jobs : parallel_cores();
	job.run = write_node;
	job.tick = write_tick;
	job.ctx = &sw;
	job.parent_work = write_site_files;
	progress_stage(pg, "menulis halaman dan buku kerja", "writing pages and workbooks");
	if (rc == 0)
		rc = parallel_run(&job, counters, diags);
	timing_mark("pages and workbooks");
	stats->pages = counters[COUNT_PAGES] + sw.pages;
	stats->workbooks = counters[COUNT_WORKBOOKS];
	stats->reused = counters[COUNT_REUSED];
	stats->nodes = nnodes;
	out->files += counters[COUNT_FILES];
	if (rc == 0 && sw.formats != BUILD_ALL)
		rc = output_keep_old(out, keep_unbuilt, &sw.formats, diags);
	if (rc == 0) {
		new_manifest(&sw, manifest_out);
		manifest_out->spare_id = spare_possible(&sw); /* a wish until published */
	}
	timing_mark("manifest made");
	fingerprints_release(&sw.fp);
	free(sw.olds);
	free(sw.spare_dirs);
	manifest_release(&sw.old);
	parallel_flags_free(sw.written, 2 * nnodes);
	free(sw.tasks);
	renderer_release(&sw.rd);
	return rc;
}

/* The stamp of node n's files in the site folder dir. */
static uint64_t node_stamp(const pipeline *p, const char *dir, const node *n)
{
	char *files[4];
	size_t nfiles = node_files(p, n, files);
	uint64_t stamp = fingerprint_stamp(dir, files, nfiles);
	free_files(files, nfiles);
	return stamp;
}

/* Nodes one thread of check_kept takes at least. */
#define KEPT_NODES_PER_THREAD 4096

/* A pass in threads over the nodes [from, to) of the manifest m, in the
 * folder dir (the site, or its spare): check_kept_range, spare_dirs_range. */
typedef struct node_pass {
	const pipeline *p;
	const char *dir;
	manifest *m;
	struct timespec now; /* stamps_range: when the site was published */
} node_pass;

static size_t check_kept_range(void *ctx, size_t from, size_t to)
{
	node_pass *c = ctx;
	size_t i, stale = 0;
	for (i = from; i < to; i++) {
		manifest_entry *e = &c->m->entries[i];
		if (e->spare_stale)
			continue; /* written by this build: its stamp was just taken */
		if (node_stamp(c->p, c->dir, c->p->recs.nodes[i]) != e->stamp) {
			e->stamp = 0; /* no file's: checked, and written again, next time */
			stale++;
		}
	}
	return stale;
}

/* The check a build with check_kept_after left until the site was in
 * place: every node it kept, against its stamp, in the published site, in
 * threads. Returns how many were changed outside rekap; their stamps are
 * cleared, so that the next build writes their files again (and the
 * spare, whose copy may be the changed one, relinks them). */
static size_t check_kept(const pipeline *p, const output *out, manifest *m)
{
	node_pass c;
	c.p = p;
	c.dir = out->final_dir;
	c.m = m;
	return parallel_ranges(m->len, KEPT_NODES_PER_THREAD, &c, check_kept_range);
}

static size_t spare_dirs_range(void *ctx, size_t from, size_t to)
{
	node_pass *c = ctx;
	buf dir = BUF_INIT;
	size_t i;
	for (i = from; i < to; i++) {
		const node *nd = c->p->recs.nodes[i];
		if (nd->kind == NODE_ROOT)
			continue; /* the spare's top, renamed by every build */
		buf_reset(&dir);
		buf_printf(&dir, "%s/%s", c->dir, nd->path);
		c->m->entries[i].spare_dir = fingerprint_dir(buf_cstr(&dir), NULL);
	}
	buf_release(&dir);
	return 0;
}

/*
 * A build that kept no spare (the first into an empty folder, the first
 * without a build record, one after the templates, the rules or the set of
 * places changed) makes one from the site it published: every file a hard
 * link to the site's, so that the next build, after one edit, starts from
 * it and writes only what changed, instead of linking every file of the
 * site into a new folder itself (at national scale, a rebuild of about a
 * second instead of two or three). The spare then holds the site's files
 * for every node. Its folders are fingerprinted as they are, without the
 * second publishing waits for (fingerprint_dir's settled): they were made
 * by this build under a name of its own and nothing else writes to them,
 * so a later change can only come in a later tick of the clock, and moves
 * their times. Returns the spare's identity, or 0 when it could not be
 * made.
 */
static uint64_t link_spare(const pipeline *p, const output *out, manifest *m)
{
	node_pass c;
	size_t i;
	if (output_link_spare(out) != 0)
		return 0;
	for (i = 0; i < m->len; i++)
		m->entries[i].spare_stale = 0;
	c.p = p;
	c.dir = out->spare;
	c.m = m;
	parallel_ranges(m->len, KEPT_NODES_PER_THREAD, &c, spare_dirs_range);
	timing_mark("spare linked");
	return output_dir_id(out->spare);
}

/* Nodes one thread of stamps_range takes at least. */
#define STAMP_NODES_PER_THREAD 1024

/* The stamps of the nodes [from, to) in the published site c->dir: of
 * their folders (when the build record keeps them), their open data and
 * the files this build wrote (the others are the same files as before). */
static size_t stamps_range(void *ctx, size_t from, size_t to)
{
	node_pass *c = ctx;
	buf dir = BUF_INIT;
	size_t i;
	for (i = from; i < to; i++) {
		const node *nd = c->p->recs.nodes[i];
		manifest_entry *e = &c->m->entries[i];
		if (c->m->take_dirs && !e->dir && nd->kind != NODE_ROOT) {
			buf_reset(&dir);
			buf_printf(&dir, "%s/%s", c->dir, nd->path);
			e->dir = fingerprint_dir(buf_cstr(&dir), &c->now);
		}
		if (owns_open_data(nd)) {
			char *data = opendata_file(nd->kind == NODE_PROVINSI ? nd : NULL);
			e->data_stamp = fingerprint_stamp(c->dir, &data, 1);
			free(data);
		}
		if (e->spare_stale)
			e->stamp = node_stamp(c->p, c->dir, nd);
	}
	buf_release(&dir);
	return 0;
}

/* After the new site is in place: the stamps (stamps_range, in threads),
 * the identities of the site and its spare (made from the site when the
 * build kept none), the kept files checked when the build left that for
 * now (m->check_kept, counted in stats->stale), and the manifest saved. */
static void publish_manifest(const pipeline *p, const build_options *opt, const output *out,
                             manifest *m, build_stats *stats, diag_list *diags)
{
	node_pass c;
	c.p = p;
	c.dir = out->final_dir;
	c.m = m;
	clock_gettime(CLOCK_REALTIME, &c.now);
	parallel_ranges(m->len, STAMP_NODES_PER_THREAD, &c, stamps_range);
	timing_mark("stamps taken");
	if (m->check_kept) {
		stats->stale = check_kept(p, out, m);
		timing_mark("kept files checked");
	}
	m->site_id = output_dir_id(out->final_dir);
	m->spare_id = m->spare_id ? output_dir_id(out->spare) : 0;
	if (!m->spare_id && m->take_dirs && m->file)
		m->spare_id = link_spare(p, out, m);
	if (manifest_save(m, &p->recs, opt->more_follow) != 0)
		diag_warning(diags, m->file, 0, 0,
		             TR(diags->lang,
		                "catatan build (cache) tidak dapat disimpan: %s; situs sudah "
		                "terbit, tetapi build berikutnya menulis ulang semua berkas",
		                "the build record (cache) cannot be saved: %s; the site is "
		                "published, but the next build rewrites every file"),
		             m->file ? strerror(errno) : TR(diags->lang,
		                                            "tidak ada folder cache (atur "
		                                            "REKAP_CACHE_DIR atau HOME)",
		                                            "no cache folder (set "
		                                            "REKAP_CACHE_DIR or HOME)"));
}

/* What a build that leaves its memory (build_options.leave_memory) loaded:
 * still reachable from here, so that leak checkers do not count it. */
static pipeline left_behind;

int build_run(const build_options *opt, diag_list *diags, build_stats *stats)
{
	pipeline p;
	output out;
	progress pg;
	manifest next;
	double start = now_seconds();
	int rc, lock;
	memset(stats, 0, sizeof *stats);
	memset(&pg, 0, sizeof pg);
	memset(&next, 0, sizeof next);
	memset(&out, 0, sizeof out);
	pg.enabled = opt->progress;
	pg.lang = opt->lang;
	progress_stage(&pg, "memuat aturan dan rekaman", "loading rules and records");
	/* --jobs N: N cores at most, also while reading and computing */
	parallel_limit_threads(opt->jobs > 0 ? (size_t)opt->jobs : 0);
	{
		const char *inputs[] = {opt->records_dir, opt->rules_dir, opt->templates_dir, NULL};
		if (output_check_target(opt->out_dir, inputs, diags) != 0) {
			progress_end(&pg);
			return BUILD_INPUT_ERRORS;
		}
	}
	if (pipeline_load(&p, opt, diags) != 0 || (opt->strict && diags->warnings)) {
		if (diags->errors) /* the templates' own errors, in the same run */
			renderer_check_files(opt->templates_dir, diags);
		progress_end(&pg);
		pipeline_release(&p);
		return BUILD_INPUT_ERRORS;
	}
	{
		buf line = BUF_INIT;
		period_describe(&line, p.period, p.period_why, p.period_due, diags->lang);
		snprintf(stats->period, sizeof stats->period, "%s", buf_cstr(&line));
		buf_release(&line);
	}
	/* from the manifest read to the manifest saved, alone in this folder */
	lock = output_lock(opt->out_dir, diags);
	rc = lock < 0 ? -1 : write_site(&p, opt, &out, &pg, diags, stats, &next);
	stats->files = out.files;
	progress_stage(&pg, "menerbitkan", "publishing");
	if (rc != 0 || diags->errors || (opt->strict && diags->warnings) ||
	    output_commit(&out, next.spare_id != 0, diags) != 0) {
		output_abort(&out);
		rc = diags->write_errors ? BUILD_WRITE_FAILED : BUILD_INPUT_ERRORS;
	} else {
		timing_mark("published");
		if (opt->published)
			opt->published(opt->published_ctx);
		publish_manifest(&p, opt, &out, &next, stats, diags);
		timing_mark("manifest saved");
	}
	output_unlock(lock);
	manifest_release(&next);
	progress_end(&pg);
	output_release(&out);
	if (opt->leave_memory) {
		/* but the rules' Lua states, small, whose objects point into each
		 * other's blocks, where a leak checker could not tell them reachable */
		rules_free(p.rules);
		p.rules = NULL;
		pipeline_release(&left_behind);
		left_behind = p;
	} else {
		pipeline_release(&p);
		html_shutdown();
	}
	stats->seconds = now_seconds() - start;
	return rc;
}
