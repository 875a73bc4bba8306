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
	mst_template *compiled; /* compiled on first render, kept for the run */
} template_file;

typedef struct renderer {
	const records *recs;
	const results *res;
	const rules *rules;
	lang lang;
	const char *templates_dir;
	int show_cadre_names;
	template_file *templates; /* loaded on first use, kept for the run */
	size_t ntemplates, captemplates;
	mst_cache *partials[2]; /* compiled partials of Markdown [0] and HTML [1] templates */
	diag_list *diags;
	arena *shared; /* values every page shares, such as the UI strings */
	value *strings;
} renderer;

void renderer_init(renderer *rd, const results *res, const char *templates_dir, diag_list *diags);
void renderer_release(renderer *rd);

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

int node_depth(const node *n);

#endif
