/* render.h - building each page's context and filling the Markdown templates and the HTML layout. */
#ifndef REKAP_RENDER_H
#define REKAP_RENDER_H

#include "compute.h"
#include "locale.h"
#include "mustache.h"

typedef struct template_file {
	char *name; /* e.g. "halaman.md" */
	char *path;
	char *text; /* NULL when the file does not exist */
	size_t len;
	mst_template *compiled; /* compiled on first render, kept for the run */
	int reached; /* compiled by renderer_init, or found not to compile */
} template_file;

typedef struct renderer {
	const records *recs;
	const results *res;
	const rules *rules;
	lang lang;
	const char *templates_dir;
	int show_cadre_names;
	/* Every file of the templates folder, read once by renderer_init: pages,
	 * the stylesheet and the fingerprint all see the same bytes, even when a
	 * file is saved during the build. Names asked for but absent follow. */
	template_file *templates;
	size_t ntemplates, captemplates;
	size_t nread; /* templates[0..nread) are the files read */
	size_t *data_rows; /* rows of each open-data file, by its owner's index */
	mst_cache *partials[2]; /* compiled partials of Markdown [0] and HTML [1] templates */
	diag_list *diags;
	arena *shared; /* values every page shares, such as the UI strings */
	value *strings;
} renderer;

/* Read the templates of templates_dir and compile those pages are made
 * from (halaman.md, pos.md, definisi.md, tidak-ditemukan.md, layout.html)
 * with every partial they name, warning about names no page has. Returns
 * 0, or -1 when the folder cannot be opened, a file holds an unresolved
 * merge conflict or one of those templates does not compile (reported in
 * diags); rd is to be released either way. */
int renderer_init(renderer *rd, const results *res, const char *templates_dir, diag_list *diags);
void renderer_release(renderer *rd);
/* What renderer_init reports of the folder alone, without records: for a
 * run whose records or rules failed, so that the templates' errors come in
 * the same run. Returns 0 or -1. */
int renderer_check_files(const char *templates_dir, diag_list *diags);
/* A hash of the names and bytes of the template files renderer_init read. */
uint64_t renderer_inputs_hash(const renderer *rd);
/* The files read from the templates folder whose names start with prefix
 * ("assets/"), in name order: calls fn for each. */
/* The file read from the templates folder under name ("assets/gaya.css"),
 * or NULL. */
const template_file *renderer_file(const renderer *rd, const char *name);
int renderer_each_file(const renderer *rd, const char *prefix,
                       int (*fn)(const template_file *t, void *ctx), void *ctx);

/* The Markdown page of a node (index.md). Returns 0 or -1 on a template
 * error (recorded in diags). */
int render_node_markdown(renderer *rd, const node *n, buf *out);
/* The trend chart of a node's key indicators, an SVG written next to its
 * page as CHART_FILE. Returns 1 when the node has one, 0 otherwise. */
#define CHART_FILE "tren.svg"
int render_node_chart(renderer *rd, const node *n, buf *out);
/* The page of indicator definitions (definisi.md), from the Lua rules. */
int render_definitions_markdown(renderer *rd, buf *out);
/* Wrap Markdown rendered to HTML in the layout. depth is the number of
 * folders below the site root (for relative links); md_name is the Markdown
 * twin's file name. */
int render_html_page(renderer *rd, const char *title, int depth, const char *md_name,
                     const char *markdown, size_t len, buf *out);
/* The page shown for a missing address (404.html), from the template
 * tidak-ditemukan.md; links start at url_dasar when rekap.yaml sets it. */
int render_not_found_html(renderer *rd, buf *out);
/* url_dasar of rekap.yaml, or "". */
const char *render_base_url(const renderer *rd);
/* The text of a template file (e.g. "assets/gaya.css"), or NULL. */
const char *render_template_text(renderer *rd, const char *name);

int render_node_depth(const node *n);

/* What rekap check asks of the templates beyond renderer_init, writing
 * nothing: one page of each kind of node, the definitions page and the
 * 404 page render, Markdown and HTML, into memory. Problems are reported in rd->diags (a template failing on
 * several pages is reported once per page). Returns 0, or -1 on errors. */
int renderer_check(renderer *rd);

#endif
