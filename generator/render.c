/* render.c - page contexts from the computed results, rendered through the Mustache templates. */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "chart.h"
#include "escape.h"
#include "html.h"
#include "lbkp.h"
#include "mustache.h"
#include "opendata.h"
#include "workbook.h"

/* Quarters shown in the history table of a page. */
#define HISTORY_QUARTERS 8

/* Read every file below dir (relative name rel) into rd->templates; a
 * file with an unresolved merge conflict is reported and counted in
 * *conflicts. A file outside assets/ (which are copied as they are) is
 * kept without the mark of UTF-8 Notepad may start it with (in a
 * template, it would be copied into every page and break the line it
 * lands on) and with its CR LF line ends made LF, those of the pages. */
static void read_templates(renderer *rd, const char *dir, const char *rel, size_t *conflicts)
{
	size_t n, i;
	char **names = dir_names(dir, &n);
	for (i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		char *name = rel[0] ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		struct stat st;
		template_file t;
		memset(&t, 0, sizeof t);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			read_templates(rd, path, name, conflicts);
		} else if (file_read(path, &t.text, &t.len) == 0) {
			if (!str_starts(name, "assets/")) {
				size_t skip = utf8_bom_len(t.text, t.len);
				memmove(t.text, t.text + skip, t.len - skip + 1);
				t.len = crlf_to_lf(t.text, t.len - skip);
			}
			*conflicts += diag_conflicts(rd->diags, path, t.text, t.len);
			t.name = name;
			t.path = path;
			ARRAY_PUSH(rd->templates, rd->ntemplates, rd->captemplates, t);
			continue;
		}
		free(name);
		free(path);
	}
	names_free(names, n);
}

/* Every name a page's context may hold, the keys of its maps at any depth,
 * sorted; a list also gives "has_<name>" (add_has_flags), and "t" holds the
 * words, {{t.<key>}} (locale.c). A name in a template that none of these
 * is can only print nothing: a slip. tests/checkers/context_names.py keeps
 * the list equal to the keys generator/ sets. */
static const char *const context_names[] = {
	"absent",
	"active",
	"advice",
	"anchor",
	"applies",
	"assessed",
	"body",
	"breadcrumbs",
	"cadre_names",
	"cadres",
	"cadres_active",
	"cadres_total",
	"cadres_trained",
	"cells",
	"change",
	"chart",
	"chart_alt",
	"child_headers",
	"children",
	"children_are_posts",
	"children_kind",
	"code",
	"content",
	"count",
	"criteria_met",
	"criteria_missed",
	"data_file",
	"data_file_name",
	"data_rows",
	"definition",
	"definitions",
	"den_expr",
	"denominator",
	"direction",
	"diseases",
	"dissolved",
	"elements",
	"facilities",
	"factor",
	"file",
	"formed",
	"funding",
	"generated_by",
	"h_code",
	"h_item",
	"h_l",
	"h_name",
	"h_p",
	"h_total",
	"has_diseases",
	"has_history",
	"history",
	"href",
	"id",
	"indicator_notes",
	"indicators",
	"is_area",
	"is_post",
	"is_puskesmas",
	"is_root",
	"key_headers",
	"kind",
	"l",
	"label",
	"lang",
	"late",
	"lbkp",
	"left_out",
	"level",
	"levels",
	"mark",
	"markdown",
	"markdown_label",
	"message",
	"missing",
	"month",
	"months",
	"more",
	"name",
	"nav",
	"nav_label",
	"no",
	"no_diseases",
	"notes",
	"num_expr",
	"numerator",
	"organisation",
	"p",
	"period",
	"period_id",
	"post",
	"posts",
	"posts_total",
	"previous",
	"previous_period",
	"quality_areas",
	"quality_ok",
	"quarter",
	"rank",
	"root",
	"rows",
	"rule",
	"score",
	"sheet",
	"site_title",
	"source",
	"status",
	"summary",
	"t",
	"target",
	"target_source",
	"targets_met",
	"text",
	"title",
	"title_is_site",
	"top_source",
	"top_title",
	"total",
	"trade",
	"trained",
	"unit",
	"value",
	"village",
	"violations",
	"workbook",
	"workbook_note",
	NULL, /* the end, for str_nearest */
};

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int context_has(const char *name)
{
	size_t n = sizeof context_names / sizeof context_names[0] - 1; /* not the NULL */
	return bsearch(&name, context_names, n, sizeof *context_names, name_cmp) != NULL;
}

/* The UI string key nearest to key, or NULL. */
static const char *near_word(const char *key)
{
	str_near near;
	size_t i;
	str_near_init(&near, key);
	for (i = 0; i < tr_count(); i++)
		str_near_try(&near, tr_key(i));
	return str_near_best(&near, STR_NEAR_RULES, NULL);
}

typedef struct name_check {
	diag_list *diags;
	const char *file;
} name_check;

/* A name that runs on past a missing "}}" ("name}\n\n{{kind"): an
 * error of mst_template_lint already. */
static int name_cut(const char *name)
{
	return strpbrk(name, "\n}") || strstr(name, "{{");
}

/* The values rekap hands over as markup, for {{{name}}}: the page's HTML
 * in layout.html, and the record's narrative in a page's Markdown. */
static const struct {
	const char *name, *format;
} markup_values[] = {
	{"body", "Markdown"},
	{"content", "HTML"},
	{"nav", "HTML"},
};

/* A warning for {{content}}: escaped, the page's HTML shows as its
 * source ("&lt;h1&gt;") on every page. Returns whether n is such a tag. */
static int check_markup(const name_check *nc, const mst_name *n)
{
	size_t i;
	lang l = nc->diags->lang;
	for (i = 0; n->escaped && i < sizeof markup_values / sizeof *markup_values; i++) {
		if (strcmp(n->name, markup_values[i].name) != 0)
			continue;
		diag_warning(nc->diags, nc->file, n->line, n->column,
		             TR(l,
		                "nilai \"%s\" berupa %s: dengan dua kurung kurawal ia di-escape dan "
		                "tampil sebagai kode; tulis dengan tiga kurung kurawal: \"{{{%s}}}\"",
		                "value \"%s\" is %s: with two braces it is escaped and shows as its "
		                "source; write it with three braces: \"{{{%s}}}\""),
		             n->name, markup_values[i].format, n->name);
		return 1;
	}
	return 0;
}

/* Whether word is a key of the UI strings, {{t.<word>}}. */
static int word_known(const char *word)
{
	return tr(LANG_ID, word) != word; /* tr gives back a key it lacks */
}

/* A warning for {{t.<word>}} of a word that does not exist, with the
 * nearest one. Returns whether it warned. */
static int check_word(const name_check *nc, const mst_name *n)
{
	lang l = nc->diags->lang;
	const char *near;
	char *word;
	if (!str_starts(n->name, "t."))
		return 0;
	word = xstrdup(n->name + 2);
	word[strcspn(word, ".")] = '\0';
	if (word_known(word)) {
		free(word);
		return 0;
	}
	near = *word ? near_word(word) : NULL;
	diag_warning(nc->diags, nc->file, n->line, n->column,
	             near ? TR(l,
	                       "kata \"t.%s\" tidak ada, jadi tercetak kosong; maksudnya "
	                       "\"t.%s\"?",
	                       "word \"t.%s\" does not exist, so it prints nothing; did you "
	                       "mean \"t.%s\"?")
	                  : TR(l, "kata \"t.%s\" tidak ada, jadi tercetak kosong%s",
	                       "word \"t.%s\" does not exist, so it prints nothing%s"),
	             word, near ? near : "");
	free(word);
	return 1;
}

/* Whether seg is a name a page's context holds, or the has_ flag of one. */
static int name_known(const char *seg)
{
	return context_has(seg) || (str_starts(seg, "has_") && context_has(seg + 4));
}

/* The name of the context nearest to seg, or NULL: the same in other
 * case ("T" for "t"), else the nearest, at most one edit for each two
 * characters ("x" is near no name: every short one is two edits off). */
static const char *near_plain(const char *seg)
{
	size_t i, edits = strlen(seg) / 2;
	for (i = 0; context_names[i]; i++)
		if (strcasecmp(seg, context_names[i]) == 0)
			return context_names[i];
	if (edits > STR_NEAR_RULES)
		edits = STR_NEAR_RULES;
	return edits ? str_nearest(seg, context_names, edits, NULL) : NULL;
}

/* Append to out the known name nearest to seg, a has_ flag's being the
 * flag of the name nearest to the rest ("has_indicator": "has_indicators").
 * Returns 0 when none is near. */
static int put_near_name(buf *out, const char *seg)
{
	const char *near = NULL;
	if (str_starts(seg, "has_"))
		near = near_plain(seg + 4);
	if (near) {
		buf_printf(out, "has_%s", near);
		return 1;
	}
	near = near_plain(seg);
	if (near)
		buf_puts(out, near);
	return near != NULL;
}

/* Append to out the UI string key nearest to word. Returns 0 when none
 * is near. */
static int put_near_word(buf *out, const char *word)
{
	const char *near = near_word(word);
	if (near)
		buf_puts(out, near);
	return near != NULL;
}

/* Write to fix name with each segment that no context holds replaced by
 * the nearest known one; a segment after "t" is a word. Returns 0 when
 * every segment is known, 1 when fix holds the name meant, -1 when a
 * segment has no near one. */
static int fix_name(const char *name, buf *fix)
{
	int rc = 0;
	while (rc >= 0) {
		size_t n = strcspn(name, ".");
		char *seg = xstrndup(name, n);
		int in_t = strcmp(buf_cstr(fix), "t") == 0;
		if (fix->len)
			buf_putc(fix, '.');
		if (in_t ? word_known(seg) : name_known(seg))
			buf_puts(fix, seg);
		else if (in_t ? put_near_word(fix, seg) : put_near_name(fix, seg))
			rc = 1;
		else
			rc = -1;
		free(seg);
		if (!name[n])
			break;
		name += n + 1;
	}
	return rc;
}

/* mst_name_fn: a warning for a name no page's context holds, with the
 * nearest one, each segment of a dotted name checked. */
static void check_name(void *ud, const mst_name *n)
{
	const name_check *nc = ud;
	lang l = nc->diags->lang;
	buf fix = BUF_INIT;
	int rc;
	if (name_cut(n->name) || check_markup(nc, n) || check_word(nc, n))
		return;
	rc = fix_name(n->name, &fix);
	if (rc != 0)
		diag_warning(nc->diags, nc->file, n->line, n->column,
		             rc > 0 ? TR(l,
		                         "nama \"%s\" tidak ada di halaman mana pun, jadi tercetak "
		                         "kosong; maksudnya \"%s\"?",
		                         "name \"%s\" is on no page, so it prints nothing; did you "
		                         "mean \"%s\"?")
		                    : TR(l,
		                         "nama \"%s\" tidak ada di halaman mana pun, jadi tercetak "
		                         "kosong%s",
		                         "name \"%s\" is on no page, so it prints nothing%s"),
		             n->name, rc > 0 ? buf_cstr(&fix) : "");
	buf_release(&fix);
}

/* The templates pages are made from; each reaches the partials it names. */
static const char *const page_templates[] = {"halaman.md", "pos.md", "definisi.md",
                                             "tidak-ditemukan.md", "layout.html"};

/* The file read from the folder under name, or NULL. */
static template_file *read_file(const renderer *rd, const char *name)
{
	size_t i;
	for (i = 0; i < rd->nread; i++)
		if (strcmp(rd->templates[i].name, name) == 0)
			return &rd->templates[i];
	return NULL;
}

/* The file name of partial name in a template of extension ext ("bagian/
 * remah" of a .md: "bagian/remah.md"), or NULL for one that would leave
 * the templates folder. Freed by the caller. */
static char *partial_file(const char *name, const char *ext)
{
	if (strstr(name, "..") || name[0] == '/')
		return NULL;
	return xasprintf("%s%s", name, ext);
}

typedef struct reach {
	renderer *rd;
	const char *ext; /* of the partials of the template walked: ".md", ".html" */
	int failed;
} reach;

static void compile_reached(reach *rc, template_file *t);

/* mst_name_fn: the partial a template names, compiled in its turn. */
static void reach_partial(void *ud, const mst_name *n)
{
	reach *rc = ud;
	template_file *f;
	char *full = partial_file(n->name, rc->ext);
	if (!full)
		return;
	f = read_file(rc->rd, full);
	free(full);
	if (f) /* a missing one is reported where a page includes it */
		compile_reached(rc, f);
}

/* Compile t, once, report its slips (mst_template_lint), warn about the
 * names in it that no page has, and go on to the partials it names,
 * whether a page fills their sections or not. A template that is not
 * UTF-8 (its bytes would reach every page as they are), fails to compile
 * or has a slip that is an error marks the walk failed. */
static void compile_reached(reach *rc, template_file *t)
{
	name_check nc;
	if (t->reached || !t->text)
		return;
	t->reached = 1; /* also when it fails: a partial of two pages is reported once */
	if (diag_encoding(rc->rd->diags, t->path, t->text, t->len)) {
		rc->failed = 1;
		return;
	}
	t->compiled = mst_compile(t->text, t->len, t->path, rc->rd->diags);
	if (!t->compiled) {
		rc->failed = 1;
		return;
	}
	nc.diags = rc->rd->diags;
	nc.file = t->path;
	if (mst_template_lint(t->compiled, rc->rd->diags))
		rc->failed = 1;
	mst_template_names(t->compiled, check_name, &nc);
	mst_template_partials(t->compiled, reach_partial, rc);
}

/* Compile the templates every page is made from and the partials they
 * reach, as a build uses them; a file of the folder no page reaches (a
 * README.md of notes) is not read as a template. Returns -1 when one does
 * not compile (reported). */
static int compile_templates(renderer *rd)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < sizeof page_templates / sizeof *page_templates; i++) {
		template_file *t = read_file(rd, page_templates[i]);
		reach r;
		r.rd = rd;
		r.ext = str_ends(page_templates[i], ".html") ? ".html" : ".md";
		r.failed = 0;
		if (t)
			compile_reached(&r, t);
		if (r.failed)
			rc = -1;
	}
	return rc;
}

/* The part of renderer_init that needs no records: read the folder and
 * compile what pages are made from. */
static int read_and_compile(renderer *rd, const char *templates_dir, diag_list *diags)
{
	size_t conflicts = 0;
	rd->templates_dir = templates_dir;
	rd->diags = diags;
	if (!is_dir(templates_dir)) {
		/* one message for the folder, not one for each page template */
		diag_error(diags, templates_dir, 0, 0, "%s",
		           TR(diags->lang,
		              "folder templat tidak dapat dibuka; gunakan --templates DIR",
		              "the templates folder cannot be opened; use --templates DIR"));
		return -1;
	}
	read_templates(rd, templates_dir, "", &conflicts);
	rd->nread = rd->ntemplates;
	return conflicts ? -1 : compile_templates(rd);
}

int renderer_check_files(const char *templates_dir, diag_list *diags)
{
	renderer rd;
	int rc;
	memset(&rd, 0, sizeof rd);
	rc = read_and_compile(&rd, templates_dir, diags);
	renderer_release(&rd);
	return rc;
}

int renderer_init(renderer *rd, const results *res, const char *templates_dir, diag_list *diags)
{
	int rc;
	memset(rd, 0, sizeof *rd);
	rd->res = res;
	rd->recs = res->recs;
	rd->rules = res->rules;
	rc = read_and_compile(rd, templates_dir, diags);
	rd->lang = rd->recs->settings.bahasa;
	rd->show_cadre_names = rd->recs->settings.tampilkan_nama_kader;
	rd->data_rows = opendata_file_rows(res);
	return rc;
}

void renderer_release(renderer *rd)
{
	size_t i;
	for (i = 0; i < rd->ntemplates; i++) {
		free(rd->templates[i].name);
		free(rd->templates[i].path);
		free(rd->templates[i].text);
		mst_template_free(rd->templates[i].compiled);
	}
	free(rd->templates);
	free(rd->data_rows);
	mst_cache_free(rd->partials[0]);
	mst_cache_free(rd->partials[1]);
	arena_free(rd->shared);
	memset(rd, 0, sizeof *rd);
}

static template_file *load_template(renderer *rd, const char *name)
{
	template_file t;
	size_t i;
	for (i = 0; i < rd->ntemplates; i++)
		if (strcmp(rd->templates[i].name, name) == 0)
			return &rd->templates[i];
	memset(&t, 0, sizeof t);
	t.name = xstrdup(name);
	t.path = path_join(rd->templates_dir, name);
	ARRAY_PUSH(rd->templates, rd->ntemplates, rd->captemplates, t);
	return &rd->templates[rd->ntemplates - 1];
}

uint64_t renderer_inputs_hash(const renderer *rd)
{
	uint64_t h = HASH_INIT;
	size_t i;
	for (i = 0; i < rd->nread; i++) {
		const template_file *t = &rd->templates[i];
		h = hash_bytes(h, t->name, strlen(t->name) + 1);
		h = hash_bytes(h, &t->len, sizeof t->len);
		h = hash_bytes(h, t->text, t->len);
	}
	return h;
}

const template_file *renderer_file(const renderer *rd, const char *name)
{
	return read_file(rd, name);
}

int renderer_each_file(const renderer *rd, const char *prefix,
                       int (*fn)(const template_file *t, void *ctx), void *ctx)
{
	size_t i, plen = strlen(prefix);
	int rc = 0;
	for (i = 0; i < rd->nread && rc == 0; i++)
		if (strncmp(rd->templates[i].name, prefix, plen) == 0)
			rc = fn(&rd->templates[i], ctx);
	return rc;
}

const char *render_template_text(renderer *rd, const char *name)
{
	return load_template(rd, name)->text;
}

/* Partials: {{> name}} is templates/name.md inside a Markdown template and
 * templates/name.html inside an HTML one. */
typedef struct partial_ctx {
	renderer *rd;
	const char *ext;
} partial_ctx;

static const char *find_partial(void *ud, const char *name, const char **file)
{
	partial_ctx *pc = ud;
	char *full = partial_file(name, pc->ext);
	const template_file *t;
	if (!full)
		return NULL;
	t = load_template(pc->rd, full);
	free(full);
	*file = t->path;
	return t->text;
}

/* Templates and their partials are compiled once and kept for the run; one
 * that does not compile is compiled (and reported) again on every page. */
static int render_template(renderer *rd, const char *name, const value *ctx, buf *out)
{
	template_file *t = load_template(rd, name);
	int html = str_ends(name, ".html");
	partial_ctx pc;
	mst_options opt;
	if (!t->text) {
		diag_error(rd->diags, t->path, 0, 0,
		           TR(rd->diags->lang, "templat tidak ditemukan; gunakan --templates DIR",
		              "template not found; use --templates DIR"));
		return -1;
	}
	if (!t->compiled)
		t->compiled = mst_compile(t->text, strlen(t->text), t->path, rd->diags);
	if (!t->compiled)
		return -1;
	if (!rd->partials[html])
		rd->partials[html] = mst_cache_new();
	pc.rd = rd;
	pc.ext = html ? ".html" : ".md";
	memset(&opt, 0, sizeof opt);
	opt.escape = html ? esc_html : esc_markdown;
	opt.partial = find_partial;
	opt.partial_ud = &pc;
	opt.require_partials = 1;
	opt.cache = rd->partials[html];
	return mst_render_compiled(t->compiled, ctx, &opt, out, rd->diags);
}

/* ---- formatting values ---- */

typedef struct page {
	renderer *rd;
	arena *a;
	const node *n;
	lang l;
	size_t q; /* the published quarter, as an index into results */
	buf tmp;
} page;

/* Format into the page's arena. */
static const char *take(page *pg)
{
	const char *s = arena_strndup(pg->a, buf_cstr(&pg->tmp), pg->tmp.len);
	buf_reset(&pg->tmp);
	return s;
}

static void page_begin(page *pg, renderer *rd, const node *n)
{
	memset(pg, 0, sizeof *pg);
	pg->rd = rd;
	pg->a = arena_new();
	pg->n = n;
	pg->l = rd->lang;
	pg->q = rd->res->nquarters ? rd->res->nquarters - 1 : 0;
}

/* The year of quarter k of the results. */
static int page_year(const page *pg, size_t k)
{
	return (pg->rd->res->first_quarter + (int)k) / 4;
}

/* The quarters a trend covers: the last HISTORY_QUARTERS up to the published one. */
static size_t history_start(const page *pg)
{
	return pg->q + 1 > HISTORY_QUARTERS ? pg->q + 1 - HISTORY_QUARTERS : 0;
}

/* A node has a trend chart when it has key indicators and two quarters or more. */
static int has_chart(const page *pg, size_t nkeys)
{
	return pg->rd->res->nquarters > 1 && nkeys > 0;
}

static void put_value(page *pg, buf *out, const indicator *ind, double v)
{
	if (isnan(v))
		buf_puts(out, tr(pg->l, "not_reported"));
	else if (strcmp(ind->unit, "%") == 0)
		fmt_percent(out, pg->l, v);
	else
		fmt_number(out, pg->l, v, 2);
}

static const char *fmt_value(page *pg, const indicator *ind, double v)
{
	put_value(pg, &pg->tmp, ind, v);
	return take(pg);
}

/* "belum dibentuk" or "sudah bubar" for a post in a quarter it did not
 * exist in, "belum ada pos (belum dibentuk)" or "semua pos sudah bubar"
 * for an area without a post in it; NULL otherwise. */
static const char *absent_text(const page *pg, const node *n, size_t k)
{
	int quarter = pg->rd->res->first_quarter + (int)k;
	const char *key = n->kind == NODE_POS
	                          ? post_presence_key(post_presence_in_quarter(n, quarter))
	                          : area_presence_key(pg->rd->recs, n, quarter);
	return key ? tr(pg->l, key) : NULL;
}

/* Whether a ratio has no value because its denominator was reported as 0
 * (no sick worker to serve): it was reported, and no target can be met
 * or missed by it. */
static int not_computable(const ind_value *iv)
{
	return isnan(iv->value) && iv->den == 0 && !isnan(iv->num);
}

/* Why node n shows no value in quarter k, or NULL: absent_text, or a
 * ratio whose denominator was reported as 0, which was reported and must
 * not read "tidak dilaporkan". iv is the value, NULL when the indicator
 * does not apply to n. An area's value that exists (one its rumus gives
 * without posts) is shown. */
static const char *absent_for(const page *pg, const node *n, size_t k, const ind_value *iv)
{
	int none = !iv || isnan(iv->value);
	const char *why = n->kind == NODE_POS || none ? absent_text(pg, n, k) : NULL;
	if (!why && iv && not_computable(iv))
		why = tr(pg->l, "zero_denominator");
	return why;
}

/* The value of node n in quarter k, or why it has none. */
static const char *fmt_value_at(page *pg, const indicator *ind, const node *n, size_t k,
                                const ind_value *iv)
{
	const char *absent = absent_for(pg, n, k, iv);
	return absent ? absent : fmt_value(pg, ind, iv->value);
}

static const char *fmt_plain(page *pg, double v, int decimals)
{
	fmt_number(&pg->tmp, pg->l, v, decimals);
	return take(pg);
}

/* A count of the page's post in the published quarter, or why it has none. */
static const char *fmt_count(page *pg, double v)
{
	const char *absent = absent_text(pg, pg->n, pg->q);
	return absent ? absent : fmt_plain(pg, v, 0);
}

static const char *fmt_change(page *pg, const indicator *ind, double now, double before)
{
	double d;
	if (isnan(now) || isnan(before))
		return "–";
	d = now - before;
	if (d > 0)
		buf_putc(&pg->tmp, '+');
	else if (d < 0)
		buf_puts(&pg->tmp, "−");
	fmt_number(&pg->tmp, pg->l, fabs(d), 2);
	if (strcmp(ind->unit, "%") == 0)
		buf_puts(&pg->tmp, pg->l == LANG_EN ? " points" : " poin");
	return take(pg);
}

static const char *quarter_label(page *pg, size_t k, int short_form)
{
	fmt_quarter(&pg->tmp, pg->l, pg->rd->res->first_quarter + (int)k, short_form);
	return take(pg);
}

/* Relative prefix from a node's folder to the site root. */
int render_node_depth(const node *n)
{
	int d = 0;
	for (; n && n->parent; n = n->parent)
		d++;
	return d;
}

static const char *root_prefix(page *pg, int depth)
{
	int i;
	for (i = 0; i < depth; i++)
		buf_puts(&pg->tmp, "../");
	return take(pg);
}

/* Link from the page's node to a node below it. */
static const char *href_below(page *pg, const node *target)
{
	size_t base = strlen(pg->n->path);
	const char *rel = target->path + base;
	if (*rel == '/')
		rel++;
	buf_printf(&pg->tmp, "%s%sindex.md", rel, *rel ? "/" : "");
	return take(pg);
}

static const char *kind_label(lang l, node_kind k)
{
	char key[32];
	snprintf(key, sizeof key, "kind_%s", node_kind_id(k));
	return tr(l, key);
}

/* ---- context pieces ---- */

/* The UI strings as {{t.key}}, built once per run. */
static value *strings_map(page *pg)
{
	renderer *rd = pg->rd;
	size_t i;
	if (rd->strings)
		return rd->strings;
	rd->shared = arena_new();
	rd->strings = val_map(rd->shared);
	for (i = 0; i < tr_count(); i++)
		val_map_set(rd->shared, rd->strings, tr_key(i),
		            val_str_ref(rd->shared, tr(pg->l, tr_key(i))));
	return rd->strings;
}

static value *breadcrumbs(page *pg)
{
	const node *chain[8];
	size_t n = 0, i;
	const node *p;
	int depth = render_node_depth(pg->n);
	value *list = val_list(pg->a);
	for (p = pg->n->parent; p && n < 8; p = p->parent)
		chain[n++] = p;
	for (i = n; i-- > 0;) {
		value *item = val_map(pg->a);
		int up = depth - render_node_depth(chain[i]), k;
		for (k = 0; k < up; k++)
			buf_puts(&pg->tmp, "../");
		buf_puts(&pg->tmp, "index.md");
		val_map_set(pg->a, item, "href", val_str_ref(pg->a, take(pg)));
		val_set_str(pg->a, item, "name", chain[i]->name);
		val_list_push(pg->a, list, item);
	}
	return list;
}

static int target_met(const indicator *ind, double v, double target)
{
	return ind->higher_is_better ? v >= target : v <= target;
}

/* ---- doubtful values ---- */

static int side_has_term(const size_t *terms, size_t nterms, size_t q)
{
	size_t i;
	for (i = 0; i < nterms; i++)
		if (terms[i] == q)
			return 1;
	return 0;
}

/* Whether a validation rule compares a quantity an indicator is made of. */
static int rule_touches(const validation *vr, const indicator *ind)
{
	const rule_side *sides[2];
	size_t s, t;
	sides[0] = &vr->left;
	sides[1] = &vr->right;
	for (s = 0; s < 2; s++)
		for (t = 0; t < sides[s]->nterms; t++)
			if (side_has_term(ind->num_terms, ind->nnum, sides[s]->terms[t]) ||
			    side_has_term(ind->den_terms, ind->nden, sides[s]->terms[t]))
				return 1;
	return 0;
}

/* Why the value v of indicator i at node n in the published quarter is in
 * doubt, appended to out ("lebih dari 100%; <rule> (2 pos)"); returns 0
 * when it is not. A share above 100% cannot be, and a value made of
 * reports that break a validation rule on its numerator or denominator is
 * no more reliable than those reports. */
static int doubt_reason(page *pg, const node *n, size_t i, double v, buf *out)
{
	const results *res = pg->rd->res;
	const indicator *ind = &pg->rd->rules->indicators[i];
	size_t b, e, k, start = out->len;
	if (isnan(v))
		return 0;
	if (strcmp(ind->unit, "%") == 0 && v > 100 + 1e-9)
		buf_puts(out, tr(pg->l, "over_100"));
	results_violations_below(res, n, &b, &e);
	for (k = b; k < e; k++) {
		const violation *vk = &res->violations[k];
		const validation *vr = &pg->rd->rules->validations[vk->rule];
		size_t j, posts = 0, seen = 0;
		const node *last = NULL;
		if (!violation_in_quarter(res, vk, pg->q) || !rule_touches(vr, ind))
			continue;
		for (j = b; j < k && !seen; j++) /* the rule was named already */
			seen = res->violations[j].rule == vk->rule &&
			       violation_in_quarter(res, &res->violations[j], pg->q);
		if (seen)
			continue;
		for (j = k; j < e; j++)
			if (res->violations[j].rule == vk->rule &&
			    violation_in_quarter(res, &res->violations[j], pg->q) &&
			    res->violations[j].post != last) {
				last = res->violations[j].post;
				posts++;
			}
		if (out->len > start)
			buf_puts(out, "; ");
		buf_puts(out, pg->l == LANG_EN && vr->message_en ? vr->message_en : vr->message);
		if (n->kind != NODE_POS)
			buf_printf(out, tr_plural(pg->l, "in_posts", (double)posts), posts);
	}
	return out->len > start;
}

static int is_doubtful(page *pg, const node *n, size_t i, double v)
{
	buf reason = BUF_INIT;
	int doubt = doubt_reason(pg, n, i, v, &reason);
	buf_release(&reason);
	return doubt;
}

/* "⚠️ diragukan: <reason>" for a doubtful value, or NULL. */
static const char *doubt_status(page *pg, const node *n, size_t i, double v)
{
	buf_printf(&pg->tmp, "⚠️ %s: ", tr(pg->l, "doubtful"));
	if (!doubt_reason(pg, n, i, v, &pg->tmp)) {
		buf_reset(&pg->tmp);
		return NULL;
	}
	return take(pg);
}

/* How the numerator and denominator are written on pages: as in Lua, or
 * "from the rumus" for an indicator computed by a function. */
static const char *numerator_text(lang l, const indicator *ind)
{
	return ind->kind == IND_FUNCTION ? tr(l, "formula_numerator") : ind->num_text;
}

static const char *denominator_text(lang l, const indicator *ind)
{
	return ind->kind == IND_FUNCTION ? tr(l, "formula_denominator") : ind->den_text;
}

/* Whether a value has a denominator to explain (iv NULL: in general). */
static int has_denominator(const indicator *ind, const ind_value *iv)
{
	if (ind->kind == IND_FUNCTION)
		return iv == NULL || !isnan(iv->den);
	return ind->kind == IND_RATIO || ind->kind == IND_SHARE;
}

/* One side of a ratio as the method table shows it: its sum over the
 * posts counted, or "not counted" when none was counted but posts left
 * out reported that side (which "not reported" would deny). */
static const char *side_value(page *pg, double counted, size_t left_out_posts)
{
	if (isnan(counted) && left_out_posts > 0)
		return tr(pg->l, "not_counted");
	return fmt_plain(pg, counted, 2);
}

/* "13 pos yang melaporkan pekerja tanpa pekerja_dilayani (pekerja = 364)"
 * for a side some posts reported alone, or "1 laporan yang memuat sakit
 * tanpa sakit_dilayani (sakit = 16)" for a by_month ratio, into pg->tmp. */
static void left_out_side(page *pg, const left_out *lo, size_t posts, const char *side,
                          const char *other, double sum)
{
	if (pg->tmp.len)
		buf_puts(&pg->tmp, "; ");
	if (lo->by_month)
		buf_printf(&pg->tmp, tr_plural(pg->l, "left_out_reports", (double)posts), posts,
		           side, other);
	else if (pg->n->kind == NODE_POS)
		buf_printf(&pg->tmp, tr(pg->l, "left_out_post"), side, other);
	else
		buf_printf(&pg->tmp, tr_plural(pg->l, "left_out_posts", (double)posts), posts, side,
		           other);
	buf_printf(&pg->tmp, " (%s = ", side);
	fmt_number(&pg->tmp, pg->l, sum, 2);
	buf_putc(&pg->tmp, ')');
}

/* What ratio indicator i leaves out at the page's node, as an item of
 * the list "left_out" (label, anchor, text), or NULL when nothing. */
static value *left_out_item(page *pg, size_t i, const left_out *lo, const char *anchor)
{
	const indicator *ind = &pg->rd->rules->indicators[i];
	value *m;
	if (!lo->num_only && !lo->den_only)
		return NULL;
	buf_reset(&pg->tmp);
	if (lo->den_only)
		left_out_side(pg, lo, lo->den_only, ind->den_text, ind->num_text, lo->den);
	if (lo->num_only)
		left_out_side(pg, lo, lo->num_only, ind->num_text, ind->den_text, lo->num);
	m = val_map(pg->a);
	val_map_set(pg->a, m, "text", val_str_ref(pg->a, take(pg)));
	val_map_set(pg->a, m, "label", val_str_ref(pg->a, ind->label));
	val_map_set(pg->a, m, "anchor", val_str_ref(pg->a, anchor));
	return m;
}

/* The indicator i at the page's node; what its ratio leaves out goes to
 * the list left (see left_out_item). */
static value *indicator_item(page *pg, size_t i, value *left)
{
	const results *res = pg->rd->res;
	const indicator *ind = &pg->rd->rules->indicators[i];
	const ind_value *now = results_value(res, pg->n, pg->q, i);
	const ind_value *before = pg->q > 0 ? results_value(res, pg->n, pg->q - 1, i) : NULL;
	value *m = val_map(pg->a);
	double target;
	int year = page_year(pg, pg->q);
	const char *doubt = NULL, *anchor;
	left_out lo;
	value *gap;
	val_set_str(pg->a, m, "id", ind->id);
	val_map_set(pg->a, m, "label", val_str_ref(pg->a, ind->label));
	html_heading_id(&pg->tmp, ind->label); /* its heading on the definitions page */
	anchor = take(pg);
	val_map_set(pg->a, m, "anchor", val_str_ref(pg->a, anchor));
	results_left_out(res, pg->n, pg->q, i, &lo);
	if ((gap = left_out_item(pg, i, &lo, anchor)) != NULL)
		val_list_push(pg->a, left, gap);
	val_map_set(pg->a, m, "definition", val_str_ref(pg->a, ind->definition));
	val_map_set(pg->a, m, "unit", val_str_ref(pg->a, ind->unit));
	val_map_set(pg->a, m, "value", val_str_ref(pg->a, fmt_value_at(pg, ind, pg->n, pg->q, now)));
	val_map_set(pg->a, m, "previous",
	            val_str_ref(pg->a,
	                        before ? fmt_value_at(pg, ind, pg->n, pg->q - 1, before) : "–"));
	val_map_set(pg->a, m, "change",
	            val_str_ref(pg->a, fmt_change(pg, ind, now->value, before ? before->value : NAN)));
	val_map_set(pg->a, m, "numerator",
	            val_str_ref(pg->a, side_value(pg, now->num, lo.num_only)));
	val_map_set(pg->a, m, "num_expr", val_str_ref(pg->a, numerator_text(pg->l, ind)));
	if (has_denominator(ind, now)) {
		val_map_set(pg->a, m, "denominator",
		            val_str_ref(pg->a, side_value(pg, now->den, lo.den_only)));
		val_map_set(pg->a, m, "den_expr", val_str_ref(pg->a, denominator_text(pg->l, ind)));
	}
	val_map_set(pg->a, m, "factor", val_str_ref(pg->a, fmt_plain(pg, ind->factor, 4)));
	rules_display_file(pg->rd->rules, ind->file, &pg->tmp);
	buf_printf(&pg->tmp, ":%d", ind->line);
	val_map_set(pg->a, m, "rule", val_str_ref(pg->a, take(pg)));
	if (!isnan(now->value) && (doubt = doubt_status(pg, pg->n, i, now->value)) != NULL) {
		val_map_set(pg->a, m, "status", val_str_ref(pg->a, doubt));
		val_map_set(pg->a, m, "mark", val_str_ref(pg->a, "⚠️"));
	}
	if (rules_target(ind, year, &target)) {
		val_map_set(pg->a, m, "target", val_str_ref(pg->a, fmt_value(pg, ind, target)));
		if (!isnan(now->value) && !doubt) {
			int met = target_met(ind, now->value, target);
			buf_printf(&pg->tmp, "%s %s", met ? "✅" : "❌",
			           tr(pg->l, met ? "met" : "missed"));
			val_map_set(pg->a, m, "status", val_str_ref(pg->a, take(pg)));
			val_map_set(pg->a, m, "mark", val_str_ref(pg->a, met ? "✅" : "❌"));
		}
	}
	if (!val_get(m, "target"))
		val_map_set(pg->a, m, "target", val_str_ref(pg->a, "–"));
	if (!val_get(m, "status"))
		val_map_set(pg->a, m, "status", val_str_ref(pg->a, "–"));
	return m;
}

/* The first line of a keterangan; the others, if any, go to the list
 * "more" of m (one item each, with its "text"). */
static value *note_lines(page *pg, const char *note, value *m)
{
	const char *nl = strchr(note, '\n');
	value *more = val_list(pg->a);
	value *first = val_strn(pg->a, note, nl ? (size_t)(nl - note) : strlen(note));
	while (nl) {
		const char *s = nl + 1;
		value *item = val_map(pg->a);
		nl = strchr(s, '\n');
		val_map_set(pg->a, item, "text", val_strn(pg->a, s, nl ? (size_t)(nl - s) : strlen(s)));
		val_list_push(pg->a, more, item);
	}
	val_map_set(pg->a, m, "more", more);
	return first;
}

/* What rumus indicators said about the node in words (keterangan), for the
 * published quarter: one item per indicator that said something. */
static value *indicator_notes(page *pg)
{
	const rules *r = pg->rd->rules;
	value *list = val_list(pg->a);
	size_t i;
	for (i = 0; i < r->nindicators; i++) {
		const char *note = results_note(pg->rd->res, pg->n, i);
		value *m;
		if (!note || !indicator_applies(&r->indicators[i], pg->n->kind))
			continue;
		m = val_map(pg->a);
		val_map_set(pg->a, m, "label", val_str_ref(pg->a, r->indicators[i].label));
		val_map_set(pg->a, m, "text", note_lines(pg, note, m));
		val_list_push(pg->a, list, m);
	}
	return list;
}

static value *indicator_list(page *pg, value *left)
{
	value *list = val_list(pg->a);
	size_t i;
	for (i = 0; i < pg->rd->rules->nindicators; i++)
		if (indicator_applies(&pg->rd->rules->indicators[i], pg->n->kind))
			val_list_push(pg->a, list, indicator_item(pg, i, left));
	return list;
}

/* Indices of the key indicators (utama) that apply to nodes of a kind, or
 * the first four that apply when none is marked. */
static size_t key_indicators(const rules *r, node_kind kind, size_t *out, size_t max)
{
	size_t i, n = 0;
	for (i = 0; i < r->nindicators && n < max; i++)
		if (r->indicators[i].key && indicator_applies(&r->indicators[i], kind))
			out[n++] = i;
	if (n > 0)
		return n;
	for (i = 0; i < r->nindicators && n < max && n < 4; i++)
		if (indicator_applies(&r->indicators[i], kind))
			out[n++] = i;
	return n;
}

static value *key_headers(page *pg, const size_t *keys, size_t nkeys)
{
	value *list = val_list(pg->a);
	size_t i;
	for (i = 0; i < nkeys; i++) {
		value *m = val_map(pg->a);
		val_map_set(pg->a, m, "label",
		            val_str_ref(pg->a, pg->rd->rules->indicators[keys[i]].label));
		val_list_push(pg->a, list, m);
	}
	return list;
}

/* " ⚠️" after a doubtful value of node n in the published quarter, " ❌"
 * after one below its target (the Rincian table's legend says which is
 * which), nothing otherwise. */
static void put_mark(page *pg, const node *n, size_t i, double v, buf *out)
{
	const indicator *ind = &pg->rd->rules->indicators[i];
	double t;
	if (isnan(v))
		return;
	if (is_doubtful(pg, n, i, v))
		buf_puts(out, " ⚠️");
	else if (rules_target(ind, page_year(pg, pg->q), &t) && !target_met(ind, v, t))
		buf_puts(out, " ❌");
}

/* The key values of node n in quarter q; marked (see put_mark) when mark
 * is set. */
static value *key_cells(page *pg, const node *n, size_t q, const size_t *keys, size_t nkeys,
                        int mark)
{
	value *list = val_list(pg->a);
	size_t i;
	for (i = 0; i < nkeys; i++) {
		value *m = val_map(pg->a);
		const indicator *ind = &pg->rd->rules->indicators[keys[i]];
		const ind_value *iv = results_value(pg->rd->res, n, q, keys[i]);
		int applies = indicator_applies(ind, n->kind);
		double v = applies ? iv->value : NAN;
		const char *absent = absent_for(pg, n, q, applies ? iv : NULL);
		if (absent) {
			buf_puts(&pg->tmp, absent);
		} else {
			put_value(pg, &pg->tmp, ind, v);
			if (mark)
				put_mark(pg, n, keys[i], v, &pg->tmp);
		}
		val_map_set(pg->a, m, "text", val_str_ref(pg->a, take(pg)));
		val_list_push(pg->a, list, m);
	}
	return list;
}

static void set_assessment_summary(page *pg, value *m, const node *post)
{
	const assessment *as = results_assessment(pg->rd->res, post);
	if (as && as->valid) {
		val_map_set(pg->a, m, "level", val_str_ref(pg->a, as->level));
		val_map_set(pg->a, m, "score", val_str_ref(pg->a, fmt_plain(pg, as->score, 1)));
	} else {
		val_map_set(pg->a, m, "level", val_str_ref(pg->a, "–"));
		val_map_set(pg->a, m, "score", val_str_ref(pg->a, "–"));
	}
}

/* How much a child needs help, for ordering: lower sorts first. */
typedef struct child_rank {
	const node *n;
	int unassessed; /* posts not assessed this quarter go last */
	size_t level; /* posts: lowest level first */
	double score; /* posts: then lowest score */
	size_t met, with_target; /* areas: fewest key targets met first */
} child_rank;

static int child_rank_cmp(const void *pa, const void *pb)
{
	const child_rank *a = pa, *b = pb;
	if (a->unassessed != b->unassessed)
		return a->unassessed - b->unassessed;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	/* the share of targets met, compared without division */
	if (a->met * b->with_target != b->met * a->with_target)
		return a->met * b->with_target < b->met * a->with_target ? -1 : 1;
	if (a->with_target != b->with_target)
		return a->with_target > b->with_target ? -1 : 1;
	return strcmp(a->n->slug, b->n->slug);
}

/* The targets a node met in the published quarter, of every indicator
 * that applies to it and has a target: the count its own page's summary
 * gives, and its row on the page above (which shows its key indicators
 * only, but must not say "3 of 4" where the node's page says "4 of 5"). A
 * value not reported counts as not met. */
static void count_targets(page *pg, const node *n, child_rank *cr)
{
	int year = page_year(pg, pg->q);
	size_t i;
	for (i = 0; i < pg->rd->rules->nindicators; i++) {
		const indicator *ind = &pg->rd->rules->indicators[i];
		const ind_value *iv = results_value(pg->rd->res, n, pg->q, i);
		double t, v = iv->value;
		if (!indicator_applies(ind, n->kind) || !rules_target(ind, year, &t) ||
		    not_computable(iv))
			continue;
		cr->with_target++;
		if (!isnan(v) && target_met(ind, v, t) && !is_doubtful(pg, n, i, v))
			cr->met++;
	}
}

static void rank_child(page *pg, const node *c, child_rank *cr)
{
	memset(cr, 0, sizeof *cr);
	cr->n = c;
	if (c->kind == NODE_POS) {
		const assessment *as = results_assessment(pg->rd->res, c);
		cr->unassessed = !(as && as->valid);
		if (!cr->unassessed) {
			cr->level = as->level_index;
			cr->score = as->score;
		}
	}
	count_targets(pg, c, cr);
}

/* The children, those that need help first: posts by level then score,
 * areas by the share of key targets they meet. */
static child_rank *rank_children(page *pg)
{
	size_t i, n = pg->n->nchildren;
	child_rank *ranks = xmalloc((n ? n : 1) * sizeof *ranks);
	for (i = 0; i < n; i++)
		rank_child(pg, pg->n->children[i], &ranks[i]);
	qsort(ranks, n, sizeof *ranks, child_rank_cmp);
	return ranks;
}

/* A child of the page's area in its list: name, link and kind, and a
 * post's level, score and status; the figures are the caller's. */
static value *child_item(page *pg, const node *c)
{
	value *m = val_map(pg->a);
	val_map_set(pg->a, m, "name", val_str_ref(pg->a, c->name));
	val_map_set(pg->a, m, "href", val_str_ref(pg->a, href_below(pg, c)));
	val_map_set(pg->a, m, "kind", val_str_ref(pg->a, kind_label(pg->l, c->kind)));
	if (c->kind == NODE_POS) {
		set_assessment_summary(pg, m, c);
		val_map_set(pg->a, m, "status", val_str_ref(pg->a, c->status));
	}
	return m;
}

/* The list of children and what the templates say of it. */
static void set_children(page *pg, value *ctx, value *headers, value *list)
{
	node_kind kind = pg->n->children[0]->kind;
	val_map_set(pg->a, ctx, "child_headers", headers);
	val_map_set(pg->a, ctx, "children", list);
	val_set_bool(pg->a, ctx, "children_are_posts", kind == NODE_POS);
	val_map_set(pg->a, ctx, "children_kind", val_str_ref(pg->a, kind_label(pg->l, kind)));
}

static value *children_list(page *pg, const size_t *keys, size_t nkeys)
{
	value *list = val_list(pg->a);
	size_t i, n = pg->n->nchildren;
	child_rank *ranks = rank_children(pg);
	for (i = 0; i < n; i++) {
		const node *c = ranks[i].n;
		value *m = child_item(pg, c);
		val_map_set(pg->a, m, "cells", key_cells(pg, c, pg->q, keys, nkeys, 1));
		if (absent_text(pg, c, pg->q)) /* nothing was missed */
			buf_puts(&pg->tmp, "–");
		else
			buf_printf(&pg->tmp, tr(pg->l, "targets_met_of"), ranks[i].met,
			           ranks[i].with_target);
		val_map_set(pg->a, m, "targets_met", val_str_ref(pg->a, take(pg)));
		val_list_push(pg->a, list, m);
	}
	free(ranks);
	return list;
}

static value *history(page *pg, const size_t *keys, size_t nkeys)
{
	value *list = val_list(pg->a);
	size_t first = history_start(pg), k;
	for (k = first; k <= pg->q; k++) {
		value *m = val_map(pg->a);
		val_map_set(pg->a, m, "quarter", val_str_ref(pg->a, quarter_label(pg, k, 1)));
		val_map_set(pg->a, m, "cells", key_cells(pg, pg->n, k, keys, nkeys, 0));
		val_list_push(pg->a, list, m);
	}
	return list;
}

static value *level_distribution(page *pg, value *ctx)
{
	const rules *r = pg->rd->rules;
	const size_t *counts = pg->rd->res->level_counts + pg->n->index * r->nlevels;
	const double *cadres = pg->rd->res->cadre_counts + pg->n->index * r->nlevels;
	value *list = val_list(pg->a);
	size_t i, total = 0;
	double total_cadres = 0;
	for (i = 0; i < r->nlevels; i++) {
		total += counts[i];
		total_cadres += cadres[i];
	}
	if (total == 0)
		return list;
	for (i = 0; i < r->nlevels; i++) {
		value *m = val_map(pg->a);
		val_map_set(pg->a, m, "label", val_str_ref(pg->a, r->levels[i].label));
		val_map_set(pg->a, m, "count", val_str_ref(pg->a, fmt_plain(pg, (double)counts[i], 0)));
		val_map_set(pg->a, m, "cadres", val_str_ref(pg->a, fmt_plain(pg, cadres[i], 0)));
		val_list_push(pg->a, list, m);
	}
	/* the total row, as the SIP form has it */
	val_map_set(pg->a, ctx, "posts_total", val_str_ref(pg->a, fmt_plain(pg, (double)total, 0)));
	val_map_set(pg->a, ctx, "cadres_total", val_str_ref(pg->a, fmt_plain(pg, total_cadres, 0)));
	return list;
}

/* The months of the published quarter whose report a post owes
 * (REPORT_MISSING) or sent after the deadline (REPORT_LATE). */
static const char *quality_months(page *pg, const node *post, report_state which)
{
	compute_format_reports(&pg->tmp, pg->l, post, pg->rd->res->first_quarter + (int)pg->q,
	                       pg->rd->rules->deadline_day, which);
	return take(pg);
}

static void collect_quality(page *pg, const node *n, value *missing, value *late)
{
	size_t i;
	if (n->kind == NODE_POS) {
		const double *q = results_post_quantities(pg->rd->res, n, pg->q);
		double lost, slow;
		value *m;
		const char *file;
		if (!q)
			return;
		lost = q[Q_LAPORAN_DIHARAPKAN] - q[Q_LAPORAN_DITERIMA];
		slow = q[Q_LAPORAN_DITERIMA] - q[Q_LAPORAN_TEPAT_WAKTU];
		if (lost <= 0 && slow <= 0)
			return;
		file = arena_printf(pg->a, "records/%s/laporan.csv", n->path);
		if (lost > 0) {
			m = val_map(pg->a);
			val_map_set(pg->a, m, "name", val_str_ref(pg->a, n->name));
			val_map_set(pg->a, m, "href", val_str_ref(pg->a, href_below(pg, n)));
			val_map_set(pg->a, m, "months",
			            val_str_ref(pg->a, quality_months(pg, n, REPORT_MISSING)));
			val_map_set(pg->a, m, "file", val_str_ref(pg->a, file));
			val_list_push(pg->a, missing, m);
		}
		if (slow > 0) {
			m = val_map(pg->a);
			val_map_set(pg->a, m, "name", val_str_ref(pg->a, n->name));
			val_map_set(pg->a, m, "href", val_str_ref(pg->a, href_below(pg, n)));
			val_map_set(pg->a, m, "count", val_str_ref(pg->a, fmt_plain(pg, slow, 0)));
			val_map_set(pg->a, m, "months",
			            val_str_ref(pg->a, quality_months(pg, n, REPORT_LATE)));
			val_map_set(pg->a, m, "file", val_str_ref(pg->a, file));
			val_list_push(pg->a, late, m);
		}
		return;
	}
	for (i = 0; i < n->nchildren; i++)
		collect_quality(pg, n->children[i], missing, late);
}

/* "records/<post>/kader.csv:3", the place a record note points at. */
static const char *note_file(page *pg, const node *post, const record_note *nt)
{
	buf_printf(&pg->tmp, "records/%s/%s", post->path, nt->file);
	if (nt->line)
		buf_printf(&pg->tmp, ":%u", nt->line);
	return take(pg);
}

/* Warnings about the records of the posts below n that change their
 * numbers (a missing kader.csv, a missing laporan.csv column). */
static void collect_notes(page *pg, const node *n, value *list)
{
	size_t i;
	for (i = 0; i < n->nnotes; i++) {
		const record_note *nt = &n->notes[i];
		value *m = val_map(pg->a);
		val_map_set(pg->a, m, "name", val_str_ref(pg->a, n->name));
		val_map_set(pg->a, m, "href", val_str_ref(pg->a, href_below(pg, n)));
		if (nt->month >= 0)
			fmt_month(&pg->tmp, pg->l, nt->month);
		else
			buf_puts(&pg->tmp, "–");
		val_map_set(pg->a, m, "period", val_str_ref(pg->a, take(pg)));
		val_map_set(pg->a, m, "message", val_str_ref(pg->a, nt->text[pg->l == LANG_EN]));
		val_map_set(pg->a, m, "file", val_str_ref(pg->a, note_file(pg, n, nt)));
		val_list_push(pg->a, list, m);
	}
	for (i = 0; i < n->nchildren; i++)
		collect_notes(pg, n->children[i], list);
}

/* Validation rules broken in the published quarter by posts below the page's node. */
static value *violation_list(page *pg)
{
	const results *res = pg->rd->res;
	value *list = val_list(pg->a);
	size_t i, end;
	for (results_violations_below(res, pg->n, &i, &end); i < end; i++) {
		const violation *v = &res->violations[i];
		value *m;
		if (!violation_in_quarter(res, v, pg->q))
			continue;
		m = val_map(pg->a);
		val_map_set(pg->a, m, "name", val_str_ref(pg->a, v->post->name));
		val_map_set(pg->a, m, "href", val_str_ref(pg->a, href_below(pg, v->post)));
		if (v->monthly)
			fmt_month(&pg->tmp, pg->l, v->period);
		else
			fmt_quarter(&pg->tmp, pg->l, v->period, 1);
		val_map_set(pg->a, m, "period", val_str_ref(pg->a, take(pg)));
		compute_format_violation(&pg->tmp, pg->rd->rules, v, pg->l);
		val_map_set(pg->a, m, "message", val_str_ref(pg->a, take(pg)));
		if (v->line)
			buf_printf(&pg->tmp, "records/%s/laporan.csv:%u", v->post->path, v->line);
		else
			buf_printf(&pg->tmp, "records/%s", v->post->path);
		val_map_set(pg->a, m, "file", val_str_ref(pg->a, take(pg)));
		val_list_push(pg->a, list, m);
	}
	return list;
}

/* ---- the summary line ---- */

/* Reports expected and not received in the published quarter, from the
 * posts below n. */
static double missing_reports(page *pg, const node *n)
{
	double sum = 0;
	size_t i;
	if (n->kind == NODE_POS) {
		const double *q = results_post_quantities(pg->rd->res, n, pg->q);
		double lost = q ? q[Q_LAPORAN_DIHARAPKAN] - q[Q_LAPORAN_DITERIMA] : 0;
		return lost > 0 ? lost : 0;
	}
	for (i = 0; i < n->nchildren; i++)
		sum += missing_reports(pg, n->children[i]);
	return sum;
}

/* The first indicator of the page's node whose value is in doubt, or NULL. */
static const indicator *first_doubtful(page *pg)
{
	const rules *r = pg->rd->rules;
	size_t i;
	for (i = 0; i < r->nindicators; i++) {
		double v = results_value(pg->rd->res, pg->n, pg->q, i)->value;
		if (indicator_applies(&r->indicators[i], pg->n->kind) && is_doubtful(pg, pg->n, i, v))
			return &r->indicators[i];
	}
	return NULL;
}

/* The first indicator of the page's node below its target, or NULL. */
static const indicator *first_missed(page *pg)
{
	const rules *r = pg->rd->rules;
	size_t i;
	for (i = 0; i < r->nindicators; i++) {
		const indicator *ind = &r->indicators[i];
		const ind_value *iv = results_value(pg->rd->res, pg->n, pg->q, i);
		double t, v = iv->value;
		if (indicator_applies(ind, pg->n->kind) &&
		    rules_target(ind, page_year(pg, pg->q), &t) && !not_computable(iv) &&
		    (isnan(v) || !target_met(ind, v, t)))
			return ind;
	}
	return NULL;
}

/* The one thing to do first, after "pertama: ". */
static void put_first_step(page *pg, double missing, buf *out)
{
	const indicator *doubt, *missed;
	size_t i;
	if (missing > 0 && pg->n->kind == NODE_POS) {
		buf_printf(out, tr_plural(pg->l, "first_send", missing),
		           quality_months(pg, pg->n, REPORT_MISSING));
		return;
	}
	if (missing > 0) {
		buf_printf(out, tr_plural(pg->l, "first_collect", missing),
		           fmt_plain(pg, missing, 0));
		return;
	}
	if ((doubt = first_doubtful(pg)) != NULL) {
		buf_printf(out, tr(pg->l, "first_check"), doubt->label);
		return;
	}
	if (pg->n->kind == NODE_POS) {
		const assessment *as = results_assessment(pg->rd->res, pg->n);
		for (i = 0; as && as->valid && i < as->ncriteria; i++)
			if (!as->criteria[i].met) {
				buf_puts(out, as->criteria[i].advice ? as->criteria[i].advice
				                                     : as->criteria[i].label);
				return;
			}
	} else if (pg->n->nchildren) {
		child_rank *ranks = rank_children(pg);
		int helped = ranks[0].met < ranks[0].with_target;
		if (helped)
			buf_printf(out, tr(pg->l, "first_help"), ranks[0].n->name, ranks[0].met,
			           ranks[0].with_target);
		free(ranks);
		if (helped)
			return;
	}
	if ((missed = first_missed(pg)) != NULL)
		buf_printf(out, tr(pg->l, "first_improve"), missed->label);
	else
		buf_puts(out, tr(pg->l, "first_keep"));
}

/* "tingkat Pratama, skor 10/100 · 1 dari 5 target tercapai · 1 laporan
 * belum masuk · pertama: kirim laporan Desember 2024": the state of the
 * page's node at a glance, for the line under its heading; absent: the
 * node's absent_text, which then stands alone. */
static const char *summary_line(page *pg, const char *absent)
{
	child_rank cr;
	double missing;
	buf line = BUF_INIT, first = BUF_INIT;
	const char *text;
	if (absent)
		return absent; /* a post not formed yet or dissolved, an area without posts */
	missing = missing_reports(pg, pg->n);
	memset(&cr, 0, sizeof cr);
	count_targets(pg, pg->n, &cr);
	if (pg->n->kind == NODE_POS) {
		const assessment *as = results_assessment(pg->rd->res, pg->n);
		if (as && as->valid) {
			buf_printf(&line, tr(pg->l, "summary_level"), as->level,
			           fmt_plain(pg, as->score, 1));
			buf_puts(&line, " · ");
		}
	}
	buf_printf(&line, tr(pg->l, "summary_targets"), cr.met, cr.with_target);
	if (missing > 0) {
		buf_puts(&line, " · ");
		buf_printf(&line, tr_plural(pg->l, "summary_missing", missing),
		           fmt_plain(pg, missing, 0));
	}
	buf_puts(&line, " · ");
	put_first_step(pg, missing, &first);
	buf_printf(&line, tr(pg->l, "summary_first"), buf_cstr(&first));
	text = arena_strndup(pg->a, buf_cstr(&line), line.len);
	buf_release(&line);
	buf_release(&first);
	return text;
}

/* ---- data quality by area ---- */

/* Counts of the data problems below a node in the published quarter. */
typedef struct quality_count {
	double missing, late;
	size_t violations, notes;
} quality_count;

static void count_quality(page *pg, const node *n, quality_count *qc)
{
	size_t i;
	qc->notes += n->nnotes;
	if (n->kind == NODE_POS) {
		const double *q = results_post_quantities(pg->rd->res, n, pg->q);
		double lost = q ? q[Q_LAPORAN_DIHARAPKAN] - q[Q_LAPORAN_DITERIMA] : 0;
		double slow = q ? q[Q_LAPORAN_DITERIMA] - q[Q_LAPORAN_TEPAT_WAKTU] : 0;
		qc->missing += lost > 0 ? lost : 0;
		qc->late += slow > 0 ? slow : 0;
	}
	for (i = 0; i < n->nchildren; i++)
		count_quality(pg, n->children[i], qc);
}

/* One row per child area with a data problem, linking to its own data
 * quality section: the full lists of a province or the whole country
 * would make pages of megabytes. */
static value *quality_by_area(page *pg)
{
	const results *res = pg->rd->res;
	value *list = val_list(pg->a);
	size_t c, b, e;
	for (c = 0; c < pg->n->nchildren; c++) {
		const node *ch = pg->n->children[c];
		quality_count qc;
		value *m;
		memset(&qc, 0, sizeof qc);
		count_quality(pg, ch, &qc);
		for (results_violations_below(res, ch, &b, &e); b < e; b++)
			qc.violations += violation_in_quarter(res, &res->violations[b], pg->q) != 0;
		if (qc.missing <= 0 && qc.late <= 0 && !qc.violations && !qc.notes)
			continue;
		m = val_map(pg->a);
		val_map_set(pg->a, m, "name", val_str_ref(pg->a, ch->name));
		buf_puts(&pg->tmp, href_below(pg, ch));
		buf_puts(&pg->tmp, "#");
		html_heading_id(&pg->tmp, tr(pg->l, "data_quality"));
		val_map_set(pg->a, m, "href", val_str_ref(pg->a, take(pg)));
		val_map_set(pg->a, m, "missing", val_str_ref(pg->a, fmt_plain(pg, qc.missing, 0)));
		val_map_set(pg->a, m, "late", val_str_ref(pg->a, fmt_plain(pg, qc.late, 0)));
		val_map_set(pg->a, m, "violations",
		            val_str_ref(pg->a, fmt_plain(pg, (double)qc.violations, 0)));
		val_map_set(pg->a, m, "notes", val_str_ref(pg->a, fmt_plain(pg, (double)qc.notes, 0)));
		val_list_push(pg->a, list, m);
	}
	return list;
}

/* The open-data file holding the rows of the page's node and of every
 * node below it (the national file on the national page, the province's
 * file below it): its link, its name and its rows. */
static void add_data_file(page *pg, value *ctx, int depth)
{
	const node *owner = opendata_owner(pg->rd->recs, pg->n);
	char *file = opendata_file(opendata_province(pg->n));
	int i;
	val_set_str(pg->a, ctx, "data_file_name", file);
	for (i = 0; i < depth; i++)
		buf_puts(&pg->tmp, "../");
	buf_puts(&pg->tmp, file);
	free(file);
	val_map_set(pg->a, ctx, "data_file", val_str_ref(pg->a, take(pg)));
	buf_printf(&pg->tmp, tr(pg->l, "open_data_rows"),
	           fmt_plain(pg, (double)pg->rd->data_rows[owner->index], 0));
	val_map_set(pg->a, ctx, "data_rows", val_str_ref(pg->a, take(pg)));
}

static value *common_context(page *pg)
{
	const renderer *rd = pg->rd;
	const results *res = rd->res;
	const records *recs = rd->recs;
	value *ctx = val_map(pg->a);
	int depth = render_node_depth(pg->n);
	val_map_set(pg->a, ctx, "t", strings_map(pg));
	val_set_str(pg->a, ctx, "lang", lang_code(pg->l));
	val_set_str(pg->a, ctx, "site_title", recs->settings.judul);
	val_set_str(pg->a, ctx, "organisation", recs->settings.organisasi);
	val_map_set(pg->a, ctx, "name", val_str_ref(pg->a, pg->n->name));
	val_map_set(pg->a, ctx, "kind", val_str_ref(pg->a, kind_label(pg->l, pg->n->kind)));
	val_set_bool(pg->a, ctx, "is_root", pg->n->kind == NODE_ROOT);
	val_set_bool(pg->a, ctx, "is_post", pg->n->kind == NODE_POS);
	if (pg->n->code)
		val_map_set(pg->a, ctx, "code", val_str_ref(pg->a, pg->n->code));
	val_map_set(pg->a, ctx, "root", val_str_ref(pg->a, root_prefix(pg, depth)));
	add_data_file(pg, ctx, depth);
	val_map_set(pg->a, ctx, "breadcrumbs", breadcrumbs(pg));
	if (res->nquarters) {
		val_map_set(pg->a, ctx, "period", val_str_ref(pg->a, quarter_label(pg, pg->q, 0)));
		period_format_quarter(&pg->tmp, res->first_quarter + (int)pg->q);
		val_map_set(pg->a, ctx, "period_id", val_str_ref(pg->a, take(pg)));
		if (pg->q > 0)
			val_map_set(pg->a, ctx, "previous_period",
			            val_str_ref(pg->a, quarter_label(pg, pg->q - 1, 0)));
	}
	if (pg->n->body && *pg->n->body) {
		/* under the page's h2 "narrative": its headings start at h3 */
		html_narrative(&pg->tmp, pg->n->body, strlen(pg->n->body), 2);
		val_map_set(pg->a, ctx, "body", val_str_ref(pg->a, take(pg)));
	}
	return ctx;
}

/* Before any report, no quarter is published: an area's page still lists
 * its children, named and linked, without figures, and says why. */
static void add_children_only(page *pg, value *ctx)
{
	value *list = val_list(pg->a);
	size_t i;
	val_set_str(pg->a, ctx, "summary", tr(pg->l, "no_quarter"));
	if (!pg->n->nchildren)
		return;
	for (i = 0; i < pg->n->nchildren; i++) {
		value *m = child_item(pg, pg->n->children[i]);
		val_map_set(pg->a, m, "cells", val_list(pg->a));
		val_set_str(pg->a, m, "targets_met", "–");
		val_list_push(pg->a, list, m);
	}
	set_children(pg, ctx, val_list(pg->a), list);
}

static void add_overview(page *pg, value *ctx)
{
	size_t keys[16], nkeys = key_indicators(pg->rd->rules, pg->n->kind, keys, 16);
	value *missing = val_list(pg->a), *late = val_list(pg->a), *notes = val_list(pg->a);
	value *left = val_list(pg->a);
	const char *absent = absent_text(pg, pg->n, pg->q);
	val_map_set(pg->a, ctx, "indicators", indicator_list(pg, left));
	val_map_set(pg->a, ctx, "left_out", left);
	val_map_set(pg->a, ctx, "indicator_notes", indicator_notes(pg));
	val_map_set(pg->a, ctx, "key_headers", key_headers(pg, keys, nkeys));
	val_map_set(pg->a, ctx, "history", history(pg, keys, nkeys));
	if (has_chart(pg, nkeys)) {
		val_set_str(pg->a, ctx, "chart", CHART_FILE);
		buf_printf(&pg->tmp, "%s — %s. %s", tr(pg->l, "chart_title"), pg->n->name,
		           tr(pg->l, "chart_note"));
		val_map_set(pg->a, ctx, "chart_alt", val_str_ref(pg->a, take(pg)));
	}
	if (pg->n->nchildren) {
		/* the columns that apply to the children, which may differ from the node's */
		size_t ckeys[16],
			nckeys = key_indicators(pg->rd->rules, pg->n->children[0]->kind, ckeys, 16);
		set_children(pg, ctx, key_headers(pg, ckeys, nckeys),
		             children_list(pg, ckeys, nckeys));
	}
	val_map_set(pg->a, ctx, "levels", level_distribution(pg, ctx));
	val_map_set(pg->a, ctx, "summary", val_str_ref(pg->a, summary_line(pg, absent)));
	if (absent) /* why no report was expected */
		val_map_set(pg->a, ctx, "absent", val_str_ref(pg->a, absent));
	if (pg->n->kind == NODE_ROOT || pg->n->kind == NODE_PROVINSI) {
		/* above the districts: a row per child area, the lists below */
		value *areas = quality_by_area(pg);
		val_map_set(pg->a, ctx, "quality_areas", areas);
		val_set_bool(pg->a, ctx, "quality_ok", !areas->u.list.len);
		return;
	}
	value *violations = violation_list(pg);
	collect_quality(pg, pg->n, missing, late);
	val_map_set(pg->a, ctx, "missing", missing);
	val_map_set(pg->a, ctx, "late", late);
	val_map_set(pg->a, ctx, "violations", violations);
	collect_notes(pg, pg->n, notes);
	val_map_set(pg->a, ctx, "notes", notes);
	val_set_bool(pg->a, ctx, "quality_ok",
	             !missing->u.list.len && !late->u.list.len && !violations->u.list.len &&
	                     !notes->u.list.len);
}

/* ---- posts ---- */

static value *facility_list(page *pg)
{
	const rules *r = pg->rd->rules;
	value *list = val_list(pg->a);
	size_t i, j;
	for (i = 0; i < r->nfacilities; i++) {
		value *m = val_map(pg->a);
		int present = 0;
		for (j = 0; j < pg->n->nfacilities; j++)
			if (strcmp(pg->n->facilities[j], r->facilities[i].id) == 0)
				present = 1;
		val_map_set(pg->a, m, "label", val_str_ref(pg->a, r->facilities[i].label));
		buf_printf(&pg->tmp, "%s %s", present ? "✅" : "❌",
		           tr(pg->l, present ? "present" : "absent"));
		val_map_set(pg->a, m, "mark", val_str_ref(pg->a, take(pg)));
		val_list_push(pg->a, list, m);
	}
	return list;
}

static const char *funding_text(page *pg)
{
	const rules *r = pg->rd->rules;
	size_t i;
	for (i = 0; i < pg->n->nfunding; i++) {
		const vocab *v = rules_find_vocab(r->funding, r->nfunding, pg->n->funding[i]);
		if (i)
			buf_puts(&pg->tmp, ", ");
		buf_puts(&pg->tmp, v ? v->label : pg->n->funding[i]);
	}
	if (!pg->n->nfunding)
		buf_puts(&pg->tmp, tr(pg->l, "none"));
	return take(pg);
}

static const char *date_text(page *pg, int days)
{
	fmt_date(&pg->tmp, pg->l, days);
	return take(pg);
}

static value *cadre_names(page *pg)
{
	value *list = val_list(pg->a);
	size_t i;
	for (i = 0; i < pg->n->ncadres; i++) {
		value *m = val_map(pg->a);
		const cadre *c = &pg->n->cadres[i];
		val_map_set(pg->a, m, "name", val_str_ref(pg->a, c->name ? c->name : ""));
		val_set_bool(pg->a, m, "active", c->active);
		val_set_bool(pg->a, m, "trained", c->trained_year != 0);
		val_list_push(pg->a, list, m);
	}
	return list;
}

static void add_assessment(page *pg, value *ctx)
{
	const assessment *as = results_assessment(pg->rd->res, pg->n);
	value *met = val_list(pg->a), *missed = val_list(pg->a);
	size_t i;
	if (!as || !as->valid)
		return;
	val_map_set(pg->a, ctx, "level", val_str_ref(pg->a, as->level));
	val_map_set(pg->a, ctx, "score", val_str_ref(pg->a, fmt_plain(pg, as->score, 1)));
	for (i = 0; i < as->ncriteria; i++) {
		const criterion_result *c = &as->criteria[i];
		value *m = val_map(pg->a);
		val_map_set(pg->a, m, "label", val_str_ref(pg->a, c->label));
		if (c->advice)
			val_map_set(pg->a, m, "advice", val_str_ref(pg->a, c->advice));
		val_list_push(pg->a, c->met ? met : missed, m);
	}
	val_map_set(pg->a, ctx, "criteria_met", met);
	val_map_set(pg->a, ctx, "criteria_missed", missed);
	val_set_bool(pg->a, ctx, "assessed", 1);
}

/* The status of pos.md, and what the reports of the quarter say when they
 * disagree with it: an "aktif" post open in fewer than all of its months
 * (the indicator "Pos UKK aktif" counts it as not active), or a "tidak
 * aktif" one open in every month. pg->tmp holds "status_<status>". */
static const char *status_text(page *pg, const double *q)
{
	const char *status = tr(pg->l, buf_cstr(&pg->tmp)), *open_text, *months_text;
	double open = q ? q[Q_BULAN_AKTIF] : NAN, months = q ? q[Q_BULAN_ADA] : NAN;
	int active = strcmp(pg->n->status, "aktif") == 0;
	int inactive = strcmp(pg->n->status, "tidak aktif") == 0;
	buf_reset(&pg->tmp);
	if (!(months > 0) || absent_text(pg, pg->n, pg->q) ||
	    !((active && open < months) || (inactive && open >= months)))
		return status;
	open_text = fmt_plain(pg, open, 0);
	months_text = fmt_plain(pg, months, 0);
	buf_printf(&pg->tmp, "%s — ", status);
	buf_printf(&pg->tmp, tr(pg->l, "status_contradicts"), open_text, months_text);
	return take(pg);
}

/* s, or NULL when it is missing or empty ("" as rekap new leaves a field
 * to fill in): a profile cell then shows a dash rather than nothing (the
 * fields the reader takes, such as jenis_pekerjaan, come blank as NULL). */
static const char *filled(const char *s)
{
	return s && *s ? s : NULL;
}

static void add_post(page *pg, value *ctx)
{
	const node *n = pg->n;
	const double *q = results_post_quantities(pg->rd->res, n, pg->q);
	value *post = val_map(pg->a);
	const char *village = filled(val_get_str(n->meta, "desa"));
	const char *village_code = filled(val_get_str(n->meta, "desa_kode"));
	buf_printf(&pg->tmp, "status_%s", n->status);
	val_map_set(pg->a, post, "status", val_str_ref(pg->a, status_text(pg, q)));
	val_set_str(pg->a, post, "trade", n->trade ? n->trade : "–");
	if (village && village_code)
		buf_printf(&pg->tmp, "%s (%s)", village, village_code);
	else
		buf_puts(&pg->tmp, village ? village : village_code ? village_code : "–");
	val_map_set(pg->a, post, "village", val_str_ref(pg->a, take(pg)));
	val_map_set(pg->a, post, "formed", val_str_ref(pg->a, date_text(pg, n->formed)));
	if (n->dissolved != NO_DATE)
		val_map_set(pg->a, post, "dissolved", val_str_ref(pg->a, date_text(pg, n->dissolved)));
	val_map_set(pg->a, post, "facilities", facility_list(pg));
	val_map_set(pg->a, post, "funding", val_str_ref(pg->a, funding_text(pg)));
	/* counted as of the published quarter: none without one */
	val_map_set(pg->a, post, "cadres", val_str_ref(pg->a, q ? fmt_count(pg, q[Q_KADER]) : "–"));
	val_map_set(pg->a, post, "cadres_active",
	            val_str_ref(pg->a, q ? fmt_count(pg, q[Q_KADER_AKTIF]) : "–"));
	val_map_set(pg->a, post, "cadres_trained",
	            val_str_ref(pg->a, q ? fmt_count(pg, q[Q_KADER_TERLATIH]) : "–"));
	if (pg->rd->show_cadre_names)
		val_map_set(pg->a, post, "cadre_names", cadre_names(pg));
	val_map_set(pg->a, ctx, "post", post);
	add_assessment(pg, ctx);
}

/* For every list in a map, a flag "has_<name>" that is true when the list is
 * not empty, so templates can put a heading above a list only when it has
 * items. */
static void add_has_flags(arena *a, value *map, buf *key)
{
	size_t i, n = map->u.map.len;
	for (i = 0; i < n; i++) {
		const val_pair *p = &map->u.map.pairs[i];
		if (p->val->kind == VAL_LIST) {
			buf_reset(key);
			buf_puts(key, "has_");
			buf_puts(key, p->key);
			val_set_bool(a, map, key->data, p->val->u.list.len > 0);
		} else if (p->val->kind == VAL_MAP && strcmp(p->key, "t") != 0) {
			add_has_flags(a, p->val, key);
		}
	}
}

/* "Pekerja sakit yang dilayani: TW I 2024 50%, TW II 2024 71,43%; target 80%." */
static void describe_series(page *pg, const indicator *ind, size_t i, size_t first, buf *out)
{
	const results *res = pg->rd->res;
	size_t k;
	double t;
	buf_puts(out, ind->label);
	buf_puts(out, ": ");
	for (k = first; k <= pg->q; k++) {
		const ind_value *iv = results_value(res, pg->n, k, i);
		const char *absent = absent_for(pg, pg->n, k, iv);
		if (k > first)
			buf_puts(out, ", ");
		fmt_quarter(out, pg->l, pg->rd->res->first_quarter + (int)k, 1);
		buf_putc(out, ' ');
		if (absent)
			buf_puts(out, absent);
		else
			put_value(pg, out, ind, iv->value);
	}
	if (rules_target(ind, page_year(pg, pg->q), &t)) {
		buf_puts(out, "; ");
		buf_puts(out, tr(pg->l, "target"));
		buf_putc(out, ' ');
		put_value(pg, out, ind, t);
	}
	buf_puts(out, ". ");
}

int render_node_chart(renderer *rd, const node *n, buf *out)
{
	page pg;
	size_t keys[16], nkeys, first, nq, i, k;
	double *values, *targets;
	const char **quarters, **absent;
	chart_series *series;
	buf desc = BUF_INIT, title = BUF_INIT;
	chart c;
	page_begin(&pg, rd, n);
	nkeys = key_indicators(rd->rules, n->kind, keys, 16);
	if (!has_chart(&pg, nkeys)) {
		arena_free(pg.a);
		return 0;
	}
	first = history_start(&pg);
	nq = pg.q - first + 1;
	values = xmalloc(nkeys * nq * sizeof *values);
	targets = xmalloc(nkeys * nq * sizeof *targets);
	quarters = xmalloc(nq * sizeof *quarters);
	absent = xmalloc(nq * sizeof *absent);
	series = xmalloc(nkeys * sizeof *series);
	for (k = 0; k < nq; k++) {
		quarters[k] = quarter_label(&pg, first + k, 1);
		absent[k] = absent_text(&pg, n, first + k);
	}
	for (i = 0; i < nkeys; i++) {
		const indicator *ind = &rd->rules->indicators[keys[i]];
		int empty = 0; /* 1: a quarter not computable, 2: one not reported */
		for (k = 0; k < nq; k++) {
			const ind_value *iv = results_value(rd->res, n, first + k, keys[i]);
			values[i * nq + k] = iv->value;
			if (!isnan(values[i * nq + k]) && n->kind != NODE_POS)
				absent[k] = NULL; /* an area's value without posts: drawn */
			if (isnan(iv->value) && !absent[k])
				empty |= not_computable(iv) ? 1 : 2;
			if (!rules_target(ind, page_year(&pg, first + k), &targets[i * nq + k]))
				targets[i * nq + k] = NAN;
		}
		/* nothing drawn: said as the table says it, "tidak ada nilai" when
		 * the quarters differ */
		series[i].empty = empty == 1   ? tr(pg.l, "zero_denominator")
		                  : empty == 3 ? tr(pg.l, "no_value")
		                               : NULL;
		series[i].label = ind->label;
		series[i].values = values + i * nq;
		series[i].targets = targets + i * nq;
		series[i].percent = strcmp(ind->unit, "%") == 0;
		describe_series(&pg, ind, keys[i], first, &desc);
	}
	buf_printf(&title, "%s — %s", tr(pg.l, "chart_title"), n->name);
	c.title = buf_cstr(&title);
	c.description = buf_cstr(&desc);
	c.quarters = quarters;
	c.absent = absent;
	c.nquarters = nq;
	c.series = series;
	c.nseries = nkeys;
	c.l = pg.l;
	svgchart_write(out, &c);
	free(values);
	free(targets);
	free(quarters);
	free(absent);
	free(series);
	buf_release(&desc);
	buf_release(&title);
	buf_release(&pg.tmp);
	arena_free(pg.a);
	return 1;
}

int render_node_markdown(renderer *rd, const node *n, buf *out)
{
	page pg;
	value *ctx;
	int rc;
	page_begin(&pg, rd, n);
	ctx = common_context(&pg);
	if (rd->res->nquarters)
		add_overview(&pg, ctx);
	else
		add_children_only(&pg, ctx);
	if (n->kind == NODE_POS) {
		add_post(&pg, ctx);
	} else if (rd->res->nquarters) {
		char *wb = wbk_filename(n, rd->res->last_quarter);
		val_set_str(pg.a, ctx, "workbook", wb);
		free(wb);
	}
	{
		value *lbkp = lbkp_page_context(pg.a, n, rd->res, pg.l);
		if (lbkp)
			val_map_set(pg.a, ctx, "lbkp", lbkp);
	}
	add_has_flags(pg.a, ctx, &pg.tmp);
	buf_reset(&pg.tmp);
	{
		/* a history of one quarter says nothing the indicator table does not */
		value *h = val_get(ctx, "history");
		val_set_bool(pg.a, ctx, "has_history", h && h->u.list.len > 1);
	}
	rc = render_template(rd, n->kind == NODE_POS ? "pos.md" : "halaman.md", ctx, out);
	buf_release(&pg.tmp);
	arena_free(pg.a);
	return rc;
}

/* "kabupaten/kota, provinsi, nasional": the levels an indicator applies to. */
static const char *levels_text(page *pg, const indicator *ind)
{
	static const node_kind order[] = {NODE_POS, NODE_PUSKESMAS, NODE_KABUPATEN, NODE_KOTA,
	                                  NODE_PROVINSI, NODE_ROOT};
	size_t i;
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (!indicator_applies(ind, order[i]))
			continue;
		if (pg->tmp.len)
			buf_puts(&pg->tmp, ", ");
		buf_puts(&pg->tmp, kind_label(pg->l, order[i]));
	}
	return take(pg);
}

/* Where a definition comes from, as pages show it: its sumber, "usulan
 * lokal" for lokal = true, else "–". */
static const char *source_text(lang l, const char *source, int local)
{
	return source ? source : local ? tr(l, "local_proposal") : "–";
}

/* The data elements with their sources, for the definitions page. */
static value *element_list(page *pg, const rules *r)
{
	value *list = val_list(pg->a);
	size_t i;
	for (i = 0; i < r->nelements; i++) {
		const element *e = &r->elements[i];
		value *m = val_map(pg->a);
		val_set_str(pg->a, m, "id", e->id);
		val_map_set(pg->a, m, "label", val_str_ref(pg->a, e->label));
		val_map_set(pg->a, m, "source",
		            val_str_ref(pg->a, source_text(pg->l, e->source, e->local)));
		val_list_push(pg->a, list, m);
	}
	return list;
}

int render_definitions_markdown(renderer *rd, buf *out)
{
	page pg;
	value *ctx, *list;
	const rules *r = rd->rules;
	size_t i;
	int rc;
	page_begin(&pg, rd, rd->recs->root); /* the published quarter, as on every page */
	ctx = common_context(&pg);
	list = val_list(pg.a);
	for (i = 0; i < r->nindicators; i++) {
		const indicator *ind = &r->indicators[i];
		value *m = val_map(pg.a);
		size_t t;
		val_set_str(pg.a, m, "id", ind->id);
		val_map_set(pg.a, m, "label", val_str_ref(pg.a, ind->label));
		val_map_set(pg.a, m, "definition", val_str_ref(pg.a, ind->definition));
		val_map_set(pg.a, m, "unit", val_str_ref(pg.a, *ind->unit ? ind->unit : "–"));
		val_map_set(pg.a, m, "num_expr", val_str_ref(pg.a, numerator_text(pg.l, ind)));
		if (has_denominator(ind, NULL))
			val_map_set(pg.a, m, "den_expr", val_str_ref(pg.a, denominator_text(pg.l, ind)));
		if (ind->levels != LEVELS_ALL)
			val_map_set(pg.a, m, "applies", val_str_ref(pg.a, levels_text(&pg, ind)));
		val_map_set(pg.a, m, "factor", val_str_ref(pg.a, fmt_plain(&pg, ind->factor, 4)));
		val_map_set(pg.a, m, "direction",
		            val_str_ref(pg.a, tr(pg.l, ind->higher_is_better ? "higher_better"
		                                                             : "lower_better")));
		for (t = 0; t < ind->ntargets; t++) {
			if (t)
				buf_puts(&pg.tmp, "; ");
			if (ind->targets[t].year)
				buf_printf(&pg.tmp, "%d: ", ind->targets[t].year);
			fmt_number(&pg.tmp, pg.l, ind->targets[t].value, 2);
		}
		if (!ind->ntargets)
			buf_puts(&pg.tmp, "–");
		val_map_set(pg.a, m, "target", val_str_ref(pg.a, take(&pg)));
		val_map_set(pg.a, m, "source",
		            val_str_ref(pg.a, source_text(pg.l, ind->source, ind->local)));
		if (ind->ntargets)
			val_map_set(pg.a, m, "target_source",
			            val_str_ref(pg.a, source_text(pg.l, ind->target_source,
			                                          ind->target_local)));
		rules_display_file(r, ind->file, &pg.tmp);
		buf_printf(&pg.tmp, ":%d", ind->line);
		val_map_set(pg.a, m, "rule", val_str_ref(pg.a, take(&pg)));
		val_list_push(pg.a, list, m);
	}
	val_map_set(pg.a, ctx, "definitions", list);
	val_map_set(pg.a, ctx, "elements", element_list(&pg, r));
	rc = render_template(rd, "definisi.md", ctx, out);
	buf_release(&pg.tmp);
	arena_free(pg.a);
	return rc;
}

/* Wrap Markdown in the layout; root prefixes links to the site's top, and
 * md_name (or NULL) names the Markdown twin. */
static int wrap_html(renderer *rd, const char *title, const char *root, const char *md_name,
                     const char *markdown, size_t len, buf *out)
{
	arena *a = arena_new();
	value *ctx = val_map(a);
	buf content = BUF_INIT, nav = BUF_INIT;
	int rc;
	html_from_page_markdown(&nav, &content, markdown, len);
	if (nav.len) {
		/* the breadcrumb trail, for <nav aria-label="{{nav_label}}"> */
		val_map_set(a, ctx, "nav", val_str_ref(a, buf_cstr(&nav)));
		val_set_str(a, ctx, "nav_label", tr(rd->lang, "breadcrumb"));
	}
	val_set_str(a, ctx, "lang", lang_code(rd->lang));
	val_set_str(a, ctx, "title", title);
	val_set_str(a, ctx, "site_title", rd->recs->settings.judul);
	/* the root page is named after the site: "Rekap · Rekap" says it twice */
	val_set_bool(a, ctx, "title_is_site", strcmp(title, rd->recs->settings.judul) == 0);
	val_set_str(a, ctx, "root", root);
	if (md_name)
		val_set_str(a, ctx, "markdown", md_name);
	val_set_str(a, ctx, "markdown_label", tr(rd->lang, "markdown_twin"));
	val_set_str(a, ctx, "generated_by", tr(rd->lang, "generated_by"));
	val_map_set(a, ctx, "content", val_str_ref(a, buf_cstr(&content)));
	rc = render_template(rd, "layout.html", ctx, out);
	buf_release(&content);
	buf_release(&nav);
	arena_free(a);
	return rc;
}

int render_html_page(renderer *rd, const char *title, int depth, const char *md_name,
                     const char *markdown, size_t len, buf *out)
{
	buf root = BUF_INIT;
	int i, rc;
	for (i = 0; i < depth; i++)
		buf_puts(&root, "../");
	rc = wrap_html(rd, title, buf_cstr(&root), md_name, markdown, len, out);
	buf_release(&root);
	return rc;
}

const char *render_base_url(const renderer *rd)
{
	return rd->recs->settings.url_dasar;
}

/* "/rekap/" of "https://host/rekap"; nothing when url_dasar is empty (the
 * page links relative to the site's top folder then). */
static void base_path(buf *out, const char *base)
{
	const char *p = strstr(base, "://");
	if (!*base)
		return;
	p = p ? strchr(p + 3, '/') : NULL;
	buf_puts(out, p ? p : "/");
	if (out->data[out->len - 1] != '/')
		buf_putc(out, '/');
}

int render_not_found_html(renderer *rd, buf *out)
{
	page pg;
	value *ctx;
	buf md = BUF_INIT, root = BUF_INIT;
	const char *base = render_base_url(rd);
	int rc;
	page_begin(&pg, rd, rd->recs->root);
	/* served for any missing path: links must not depend on where it shows,
	 * so they start from the path of url_dasar, on whatever host serves it */
	base_path(&root, base);
	ctx = val_map(pg.a);
	val_map_set(pg.a, ctx, "t", strings_map(&pg));
	val_set_str(pg.a, ctx, "root", buf_cstr(&root));
	rc = render_template(rd, "tidak-ditemukan.md", ctx, &md);
	if (rc == 0)
		rc = wrap_html(rd, tr(rd->lang, "not_found"), buf_cstr(&root), NULL, buf_cstr(&md),
		               md.len, out);
	buf_release(&md);
	buf_release(&root);
	buf_release(&pg.tmp);
	arena_free(pg.a);
	return rc;
}

/* One page of the kind of n, Markdown and HTML, into memory. */
static int check_node_page(renderer *rd, const node *n)
{
	buf md = BUF_INIT, html = BUF_INIT;
	int rc = render_node_markdown(rd, n, &md);
	if (rc == 0)
		rc = render_html_page(rd, n->name, render_node_depth(n), "index.md", buf_cstr(&md),
		                      md.len, &html);
	buf_release(&md);
	buf_release(&html);
	return rc;
}

int renderer_check(renderer *rd)
{
	int seen[NODE_POS + 1] = {0}, rc = 0;
	buf md = BUF_INIT, html = BUF_INIT;
	size_t i;
	for (i = 0; i < rd->recs->nnodes; i++) {
		const node *n = rd->recs->nodes[i];
		if (!seen[n->kind]++ && check_node_page(rd, n) != 0)
			rc = -1;
	}
	if (render_definitions_markdown(rd, &md) != 0 ||
	    render_html_page(rd, tr(rd->lang, "definitions"), 0, "definisi.md", buf_cstr(&md),
	                     md.len, &html) != 0)
		rc = -1;
	buf_reset(&html);
	if (render_not_found_html(rd, &html) != 0)
		rc = -1;
	buf_release(&md);
	buf_release(&html);
	return rc;
}
