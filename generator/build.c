/* build.c - running the stages in order and publishing the site only when all of them succeed. */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "compute.h"
#include "html.h"
#include "opendata.h"
#include "output.h"
#include "records.h"
#include "render.h"
#include "rules.h"
#include "workbook.h"

int parse_quarter(const char *s)
{
	int y = 0, i;
	const char *p;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] != '-')
		return -1;
	p = s + 5;
	if (*p == 'Q' || *p == 'q')
		p++;
	else if ((p[0] == 'T' || p[0] == 't') && (p[1] == 'W' || p[1] == 'w'))
		p += 2;
	else
		return -1;
	if (*p < '1' || *p > '4' || p[1] != '\0' || y < 1900)
		return -1;
	return y * 4 + (*p - '1');
}

/* Everything loaded for one run. */
typedef struct pipeline {
	rules *rules;
	records recs;
	results res;
	int have_records, have_results;
} pipeline;

static void pipeline_release(pipeline *p)
{
	if (p->have_results)
		results_release(&p->res);
	if (p->have_records)
		records_release(&p->recs);
	rules_free(p->rules);
	memset(p, 0, sizeof *p);
}

/* Rules, records and results; returns 0 when all three are free of errors. */
static int pipeline_load(pipeline *p, const build_options *opt, diag_list *diags)
{
	memset(p, 0, sizeof *p);
	p->rules = rules_load(opt->rules_dir, diags);
	if (!p->rules)
		return -1;
	p->have_records = 1;
	if (records_load(&p->recs, opt->records_dir, p->rules, diags) != 0 || diags->errors)
		return -1;
	rules_set_language(p->rules,
	                   lang_from_code(val_get_str(p->recs.settings, "bahasa")) == LANG_EN);
	p->have_results = 1;
	if (results_compute(&p->res, &p->recs, p->rules, opt->period, diags) != 0 || diags->errors)
		return -1;
	results_report_violations(&p->res, diags);
	return 0;
}

int rekap_check(const build_options *opt, diag_list *diags)
{
	pipeline p;
	int rc = pipeline_load(&p, opt, diags);
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

static int write_pages(renderer *rd, output *out, const node *n, diag_list *diags,
                       build_stats *stats)
{
	buf md = BUF_INIT, html = BUF_INIT;
	char *md_path = node_file(n, "index.md");
	char *html_path = node_file(n, "index.html");
	int rc = render_node_markdown(rd, n, &md);
	if (rc == 0)
		rc = render_html_page(rd, n->name, node_depth(n), "index.md", md.data ? md.data : "",
		                      md.len, &html);
	if (rc == 0 && output_write(out, md_path, buf_cstr(&md), md.len, diags) == 0 &&
	    output_write(out, html_path, buf_cstr(&html), html.len, diags) == 0)
		stats->pages++;
	else
		rc = -1;
	if (rc == 0)
		rc = write_chart(rd, out, n, diags);
	free(md_path);
	free(html_path);
	buf_release(&md);
	buf_release(&html);
	return rc;
}

static int write_workbook(const pipeline *p, output *out, const node *n, long long created,
                          diag_list *diags, build_stats *stats)
{
	char *name = workbook_filename(n, p->res.last_quarter);
	char *rel = node_file(n, name);
	char *path = output_path(out, rel, diags);
	const char *org = val_get_str(p->recs.settings, "organisasi");
	lang l = lang_from_code(val_get_str(p->recs.settings, "bahasa"));
	int rc = workbook_write(path, n, &p->res, l, org ? org : "", created, diags);
	if (rc == 0) {
		output_written(out, rel);
		stats->workbooks++;
	}
	free(name);
	free(rel);
	free(path);
	return rc;
}

static int write_definitions(renderer *rd, output *out, diag_list *diags, build_stats *stats)
{
	buf md = BUF_INIT, html = BUF_INIT;
	int rc = render_definitions_markdown(rd, &md);
	if (rc == 0)
		rc = render_html_page(rd, tr(rd->lang, "definitions"), 0, "definisi.md", buf_cstr(&md),
		                      md.len, &html);
	if (rc == 0 && output_write(out, "definisi.md", buf_cstr(&md), md.len, diags) == 0 &&
	    output_write(out, "definisi.html", buf_cstr(&html), html.len, diags) == 0)
		stats->pages++;
	else
		rc = -1;
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

/* sitemap.xml: every HTML page, under url_dasar when rekap.yaml sets it. */
static int write_sitemap(renderer *rd, const records *recs, output *out, diag_list *diags)
{
	buf xml = BUF_INIT;
	const char *base = render_base_url(rd);
	const char *slash = *base && base[strlen(base) - 1] != '/' ? "/" : "";
	size_t i;
	int rc;
	buf_puts(&xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	               "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 0; i < recs->nnodes; i++) {
		const node *n = recs->nodes[i];
		buf_puts(&xml, "<url><loc>");
		html_escape(&xml, base, strlen(base));
		buf_puts(&xml, slash);
		if (n->path[0]) {
			html_escape(&xml, n->path, strlen(n->path));
			buf_putc(&xml, '/');
		}
		buf_puts(&xml, "index.html</loc></url>\n");
	}
	buf_puts(&xml, "<url><loc>");
	html_escape(&xml, base, strlen(base));
	buf_printf(&xml, "%sdefinisi.html</loc></url>\n</urlset>\n", slash);
	rc = output_write(out, "sitemap.xml", buf_cstr(&xml), xml.len, diags);
	buf_release(&xml);
	return rc;
}

static int write_open_data(const pipeline *p, output *out, diag_list *diags)
{
	buf csv = BUF_INIT;
	int rc;
	opendata_indicators(&csv, &p->res);
	rc = output_write(out, "data/indicators.csv", buf_cstr(&csv), csv.len, diags);
	buf_release(&csv);
	return rc;
}

/* Copy templates/assets/ (the stylesheet) to site/assets/. */
static int write_assets(renderer *rd, output *out, diag_list *diags)
{
	char *dir = path_join(rd->templates_dir, "assets");
	size_t n, i;
	char **names = dir_names(dir, &n);
	int rc = 0;
	for (i = 0; i < n; i++) {
		char *src = path_join(dir, names[i]);
		char *rel = xasprintf("assets/%s", names[i]);
		char *data;
		size_t len;
		if (file_read(src, &data, &len) == 0) {
			if (output_write(out, rel, data, len, diags) != 0)
				rc = -1;
			free(data);
		}
		free(src);
		free(rel);
	}
	names_free(names, n);
	free(dir);
	return rc;
}

/* The time stored in workbooks: SOURCE_DATE_EPOCH when set, otherwise the
 * first day after the published quarter, so that builds are reproducible. */
static long long creation_time(const results *res)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	int next;
	if (env && *env) {
		char *end;
		long long t = strtoll(env, &end, 10);
		if (*end == '\0' && t >= 0)
			return t;
	}
	next = (res->last_quarter + 1) * 3;
	return (long long)date_from_ymd(next / 12, next % 12 + 1, 1) * 86400;
}

static int write_site(pipeline *p, const build_options *opt, output *out, diag_list *diags,
                      build_stats *stats)
{
	renderer rd;
	size_t i;
	int rc = 0;
	long long created = creation_time(&p->res);
	renderer_init(&rd, &p->res, opt->templates_dir, diags);
	for (i = 0; i < p->recs.nnodes && rc == 0; i++) {
		const node *n = p->recs.nodes[i];
		rc = write_pages(&rd, out, n, diags, stats);
		if (rc == 0 && n->kind != NODE_POS && p->res.nquarters)
			rc = write_workbook(p, out, n, created, diags, stats);
	}
	if (rc == 0)
		rc = write_definitions(&rd, out, diags, stats);
	if (rc == 0)
		rc = write_not_found(&rd, out, diags);
	if (rc == 0)
		rc = write_sitemap(&rd, &p->recs, out, diags);
	if (rc == 0)
		rc = write_open_data(p, out, diags);
	if (rc == 0)
		rc = write_assets(&rd, out, diags);
	renderer_release(&rd);
	return rc;
}

int rekap_build(const build_options *opt, diag_list *diags, build_stats *stats)
{
	pipeline p;
	output out;
	int rc;
	memset(stats, 0, sizeof *stats);
	if (pipeline_load(&p, opt, diags) != 0) {
		pipeline_release(&p);
		return 1;
	}
	if (output_begin(&out, opt->out_dir, diags) != 0) {
		output_release(&out);
		pipeline_release(&p);
		return 1;
	}
	rc = write_site(&p, opt, &out, diags, stats);
	stats->files = out.files;
	if (rc != 0 || diags->errors || output_commit(&out, diags) != 0) {
		output_abort(&out);
		rc = 1;
	}
	output_release(&out);
	pipeline_release(&p);
	html_shutdown();
	return rc;
}
