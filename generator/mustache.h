/* mustache.h - a Mustache template engine following the official spec (with inheritance and dynamic names). */
#ifndef REKAP_MUSTACHE_H
#define REKAP_MUSTACHE_H

#include "diag.h"
#include "util.h"
#include "value.h"

/* Escaping of {{name}} interpolations, a property of the output format.
 * Appends the escaped form of s[0..n) to out. {{{name}}} and {{&name}} are
 * never escaped. */
typedef void (*mst_escape_fn)(buf *out, const char *s, size_t n);

/* Looks up a partial or parent template by name. Returns its text (owned by
 * the loader and valid until mst_render returns) and sets *file to a name for
 * diagnostics, or returns NULL when there is no such template (it then
 * renders as the empty string, as the spec requires). */
typedef const char *(*mst_partial_fn)(void *ud, const char *name, const char **file);

/* Compiled partials kept from one render to the next, so that a page
 * renderer compiles each partial once per run instead of once per page. A
 * cache belongs to one partial loader: the loader must return the same text
 * for a name for as long as the cache lives. */
typedef struct mst_cache mst_cache;

/* A new, empty cache; free it with mst_cache_free (NULL is allowed). */
mst_cache *mst_cache_new(void);
void mst_cache_free(mst_cache *c);

typedef struct mst_options {
	mst_escape_fn escape; /* NULL: HTML escaping as in the spec (esc_html) */
	mst_partial_fn partial; /* NULL: no partials */
	void *partial_ud;
	/* NULL: partials are looked up and compiled again by every render.
	 * Otherwise the partials found are kept in it; a partial that does not
	 * compile is not kept, so every render reports it. */
	mst_cache *cache;
	/* A partial or parent named in a tag (not a dynamic name) that the
	 * loader does not have is an error at the tag, not the empty string
	 * the spec renders: a misspelt name would drop its section silently. */
	int require_partials;
	const char *file; /* name of the template for diagnostics */
	unsigned max_depth; /* nesting limit for partials/parents; 0 = 64 */
	/* Work budget of one render: nodes visited plus context frames and block
	 * arguments searched. 0 = MST_DEFAULT_MAX_STEPS; a fuzzer sets less so
	 * that a pathological template fails in milliseconds, not seconds. */
	unsigned long max_steps;
} mst_options;

#define MST_DEFAULT_MAX_STEPS (1UL << 26)

/* Render template text (len bytes) against ctx, appending to out. Returns 0
 * on success; on a template error (unclosed section, mismatched end tag, bad
 * delimiter, partial recursion too deep) records a diagnostic with
 * file:line:column in diags and returns -1 (out then holds partial output). */
int mst_render(const char *tmpl, size_t len, const value *ctx, const mst_options *opt,
               buf *out, diag_list *diags);

/* A template compiled once and rendered many times (read-only while
 * rendering, so it may be shared). */
typedef struct mst_template mst_template;

/* Compile template text (len bytes, copied). file names the template in
 * diagnostics and may be NULL. Returns NULL after recording a diagnostic
 * with file:line:column in diags when the template is malformed. Free the
 * result with mst_template_free. */
mst_template *mst_compile(const char *tmpl, size_t len, const char *file, diag_list *diags);

/* Render a compiled template against ctx (NULL: empty context), appending to
 * out; opt may be NULL and opt->file is ignored (the template has its own).
 * Returns 0, or -1 after recording a diagnostic (out then holds partial
 * output). */
int mst_render_compiled(const mst_template *t, const value *ctx, const mst_options *opt,
                        buf *out, diag_list *diags);

/* Free a compiled template; NULL is allowed. */
void mst_template_free(mst_template *t);

/* A name a tag looks up in the context, or a partial a tag names. */
typedef struct mst_name {
	const char *name; /* as written, a dotted one whole: "t.not_reported" */
	int escaped; /* a {{name}} variable: its value is escaped for the output */
	unsigned line, column; /* of the tag */
} mst_name;
/* Called with a name valid until it returns. */
typedef void (*mst_name_fn)(void *ud, const mst_name *n);
/* Call fn for every variable, section and inverted section of t, and for
 * every dynamic partial or parent name, in the order of the template ("."
 * and block names, which are no lookups, are left out). */
void mst_template_names(const mst_template *t, mst_name_fn fn, void *ud);
/* Call fn for every partial or parent t names itself (not a dynamic one),
 * in the order of the template. */
void mst_template_partials(const mst_template *t, mst_name_fn fn, void *ud);

/* Report what the spec allows but a template hardly ever means, in diags
 * at file:line:column: a comment holding an opening delimiter, which ends
 * at the closing one of the tag written there and swallows that tag (a
 * warning); a tag whose name holds a line feed, an opening delimiter or
 * a brace of the closing one, as a tag missing a brace runs on to the
 * next tag's closing delimiter (an error; a section's is found by
 * mst_compile already). t may be NULL. Returns the number of errors
 * reported. */
size_t mst_template_lint(const mst_template *t, diag_list *diags);

/* Format a number as the spec expects: integers without a decimal point,
 * other values in the shortest form that reads back the same ("1.21"). */
void mst_format_number(buf *out, double n);

#endif
