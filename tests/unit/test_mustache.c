/* test_mustache.c - unit tests for generator/mustache.c beyond the spec: escaping, diagnostics, limits, numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "mustache.h"
#include "util.h"
#include "value.h"

/* Partials for the tests: a NULL-terminated list of name, text pairs. */
static const char *test_partial(void *ud, const char *name, const char **file)
{
	const char **p = ud;
	for (; p && p[0]; p += 2) {
		if (strcmp(p[0], name) == 0) {
			*file = p[0];
			return p[1];
		}
	}
	return NULL;
}

typedef struct result {
	int rc;
	buf out;
	diag_list diags;
} result;

static void run(result *r, const char *tmpl, const value *ctx, const char **partials,
                mst_escape_fn escape)
{
	mst_options opt;
	memset(&opt, 0, sizeof opt);
	opt.file = "t.mustache";
	opt.escape = escape;
	opt.partial = partials ? test_partial : NULL;
	opt.partial_ud = (void *)partials;
	buf_init(&r->out);
	diag_list_init(&r->diags);
	r->rc = mst_render(tmpl, strlen(tmpl), ctx, &opt, &r->out, &r->diags);
}

static void done(result *r)
{
	buf_release(&r->out);
	diag_list_release(&r->diags);
}

/* Renders without error to exactly want. */
static int renders(const char *tmpl, const value *ctx, const char **partials, const char *want)
{
	result r;
	int ok;
	run(&r, tmpl, ctx, partials, NULL);
	ok = r.rc == 0 && r.diags.len == 0 && strcmp(buf_cstr(&r.out), want) == 0;
	if (!ok)
		fprintf(stderr, "  template \"%s\": rc %d, got \"%s\", want \"%s\"\n", tmpl, r.rc,
		        buf_cstr(&r.out), want);
	done(&r);
	return ok;
}

/* Fails with one error at line:col whose message contains part. */
static int fails_at(const char *tmpl, const value *ctx, const char **partials, unsigned line,
                    unsigned col, const char *part)
{
	result r;
	int ok;
	run(&r, tmpl, ctx, partials, NULL);
	ok = r.rc == -1 && r.diags.errors >= 1 && r.diags.items[0].line == line &&
	     r.diags.items[0].column == col && strstr(r.diags.items[0].message, part) != NULL;
	if (!ok)
		fprintf(stderr, "  template \"%s\": rc %d, diagnostic %u:%u \"%s\"\n", tmpl, r.rc,
		        r.diags.len ? r.diags.items[0].line : 0, r.diags.len ? r.diags.items[0].column : 0,
		        r.diags.len ? r.diags.items[0].message : "(none)");
	done(&r);
	return ok;
}

static void escape_upper(buf *out, const char *s, size_t n)
{
	size_t i;
	buf_putc(out, '[');
	for (i = 0; i < n; i++)
		buf_putc(out, s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i]);
	buf_putc(out, ']');
}

static void test_escape(arena *a)
{
	value *ctx = val_map(a);
	result r;
	val_set_str(a, ctx, "x", "a<b");
	run(&r, "{{x}}|{{{x}}}|{{&x}}|{{ x }}", ctx, NULL, escape_upper);
	CHECK(r.rc == 0);
	CHECK(strcmp(buf_cstr(&r.out), "[A<B]|a<b|a<b|[A<B]") == 0);
	done(&r);
	CHECK(renders("{{x}}|{{{x}}}", ctx, NULL, "a&lt;b|a<b"));
	val_set_str(a, ctx, "q", "&\"'<>");
	CHECK(renders("{{q}}", ctx, NULL, "&amp;&quot;&#39;&lt;&gt;"));
}

static void test_diagnostics(void)
{
	CHECK(fails_at("a\n  {{#items}}\nx\n", NULL, NULL, 2, 3, "\"{{/items}}\""));
	CHECK(fails_at("a\n  {{#items}}\nx\n", NULL, NULL, 2, 3, "tidak ditutup"));
	CHECK(fails_at("{{#a}}\n{{^b}}\n x {{/a}}", NULL, NULL, 3, 4, "tidak cocok"));
	CHECK(fails_at("{{#a}}{{/b}}{{/a}}", NULL, NULL, 1, 7, "seharusnya \"{{/a}}\""));
	CHECK(fails_at("x\n{{/a}}", NULL, NULL, 2, 1, "tidak pernah dibuka"));
	CHECK(fails_at("ab {{name", NULL, NULL, 1, 4, "tidak ditutup"));
	CHECK(fails_at("é {{{name}}", NULL, NULL, 1, 3, "tambahkan \"}}}\""));
	CHECK(fails_at("{{= =}}", NULL, NULL, 1, 1, "pembatas"));
	CHECK(fails_at("x {{=<% %> ]] =}}", NULL, NULL, 1, 3, "pembatas"));
	CHECK(fails_at("{{=<% %>=}}\n<%#a%>\n", NULL, NULL, 2, 1, "\"<%/a%>\""));
	CHECK(fails_at("{{#}}{{/}}", NULL, NULL, 1, 1, "nama"));
	CHECK(fails_at("{{<p}}{{$b}}{{/p}}", NULL, NULL, 1, 13, "tidak cocok"));
}

/* With diags->lang LANG_EN, messages are in English. */
static void test_english(void)
{
	buf out = BUF_INIT;
	diag_list d;
	diag_list_init(&d);
	d.lang = LANG_EN;
	CHECK(mst_render("{{#x}}", 6, NULL, NULL, &out, &d) == -1);
	CHECK(d.len == 1 && strcmp(d.items[0].message, "section \"{{#x}}\" is not closed; add \"{{/x}}\"") == 0);
	buf_release(&out);
	diag_list_release(&d);
}

static void test_recursion(arena *a)
{
	const char *self[] = {"me", "x{{>me}}", NULL};
	const char *twice[] = {"me", "{{>me}}{{>me}}", NULL};
	const char *par[] = {"p", "{{<p}}{{/p}}", "q", "{{$x}}{{/x}}", NULL};
	const char *bad[] = {"bad", "ok\n{{#open}}", NULL};
	value *ctx = val_map(a);
	buf deep = BUF_INIT;
	result r;
	int i;

	run(&r, "{{>me}}", ctx, self, NULL);
	CHECK(r.rc == -1);
	CHECK(r.diags.errors == 1);
	CHECK(r.diags.len && strstr(r.diags.items[0].message, "\"me\"") != NULL);
	CHECK(r.diags.len && str_eq(r.diags.items[0].file, "me") && r.diags.items[0].line == 1 &&
	      r.diags.items[0].column == 2);
	CHECK(r.out.len == 64); /* one "x" per level */
	done(&r);
	CHECK(fails_at("{{>me}}", ctx, twice, 1, 1, "bersarang terlalu dalam"));
	CHECK(fails_at("{{<p}}{{/p}}", ctx, par, 1, 1, "bersarang terlalu dalam"));
	/* a block whose argument contains itself */
	CHECK(fails_at("{{<q}}{{$x}}[{{$x}}{{/x}}]{{/x}}{{/q}}", ctx, par, 1, 14, "blok"));
	/* an error inside a partial is reported in the partial's file */
	run(&r, "{{>bad}}", ctx, bad, NULL);
	CHECK(r.rc == -1 && r.diags.len == 1 && str_eq(r.diags.items[0].file, "bad") &&
	      r.diags.items[0].line == 2 && r.diags.items[0].column == 1);
	done(&r);
	/* sections nested too deeply */
	for (i = 0; i < 300; i++)
		buf_puts(&deep, "{{#a}}");
	CHECK(fails_at(deep.data, ctx, NULL, 1, 1 + 6 * 256, "terlalu dalam"));
	buf_release(&deep);
}

/* Work that grows exponentially with the template stops with an error. */
static void test_blowup(arena *a)
{
	value *ctx = val_map(a), *list = val_list(a);
	buf t = BUF_INIT;
	result r;
	int i;
	val_list_push(a, list, val_num(a, 1));
	val_list_push(a, list, val_num(a, 2));
	val_map_set(a, ctx, "l", list);
	for (i = 0; i < 200; i++)
		buf_puts(&t, "{{#l}}");
	buf_puts(&t, "x");
	for (i = 0; i < 200; i++)
		buf_puts(&t, "{{/l}}");
	run(&r, t.data, ctx, NULL, NULL);
	CHECK(r.rc == -1 && r.diags.len == 1 && strstr(r.diags.items[0].message, "langkah"));
	done(&r);
	/* few steps, but output beyond the cap */
	val_list_push(a, list, val_num(a, 3));
	buf_reset(&t);
	for (i = 0; i < 10; i++)
		buf_puts(&t, "{{#l}}");
	for (i = 0; i < 16384; i++)
		buf_putc(&t, 'x');
	for (i = 0; i < 10; i++)
		buf_puts(&t, "{{/l}}");
	run(&r, t.data, ctx, NULL, NULL);
	CHECK(r.rc == -1 && r.diags.len == 1 && strstr(r.diags.items[0].message, "terlalu besar"));
	done(&r);
	buf_release(&t);
}

static void test_structures(arena *a)
{
	value *ctx = val_map(a), *people = val_list(a), *p, *tags, *addr;
	int i;
	for (i = 0; i < 2; i++) {
		p = val_map(a);
		val_set_str(a, p, "name", i ? "Budi" : "Ani");
		tags = val_list(a);
		val_list_push(a, tags, val_str(a, "a"));
		if (i)
			val_list_push(a, tags, val_str(a, "b"));
		val_map_set(a, p, "tags", tags);
		addr = val_map(a);
		val_set_str(a, addr, "city", i ? "Medan" : "Bogor");
		val_map_set(a, p, "addr", addr);
		val_list_push(a, people, p);
	}
	val_map_set(a, ctx, "people", people);
	val_set_str(a, ctx, "sep", ",");
	CHECK(renders("{{#people}}{{name}}@{{addr.city}}:{{#tags}}{{.}}{{sep}}{{/tags}};{{/people}}", ctx,
	              NULL, "Ani@Bogor:a,;Budi@Medan:a,b,;"));
	CHECK(renders("{{#people}}\n- {{name}}\n{{/people}}\n", ctx, NULL, "- Ani\n- Budi\n"));
	CHECK(renders("{{people.addr.city}}|{{#people.0}}x{{/people.0}}", ctx, NULL, "|"));
	CHECK(renders("{{^people}}none{{/people}}{{^nothing}}none{{/nothing}}", ctx, NULL, "none"));
}

static void test_numbers(arena *a)
{
	value *ctx = val_map(a);
	buf b = BUF_INIT;
	val_set_num(a, ctx, "i", 85);
	val_set_num(a, ctx, "d", 1.210);
	val_set_num(a, ctx, "z", 0);
	val_set_num(a, ctx, "neg", -3.5);
	val_set_bool(a, ctx, "f", 0);
	val_set_str(a, ctx, "e", "");
	CHECK(renders("{{i}} {{d}} {{z}} {{neg}} {{f}}", ctx, NULL, "85 1.21 0 -3.5 false"));
	CHECK(renders("{{#z}}zero is truthy{{/z}}{{#e}}no{{/e}}{{^e}}, empty is not{{/e}}", ctx, NULL,
	              "zero is truthy, empty is not"));
	mst_format_number(&b, 0.1 + 0.2);
	CHECK(strcmp(buf_cstr(&b), "0.30000000000000004") == 0);
	buf_reset(&b);
	mst_format_number(&b, 1e20);
	CHECK(strcmp(buf_cstr(&b), "1e+20") == 0);
	buf_reset(&b);
	mst_format_number(&b, -0.0);
	CHECK(strcmp(buf_cstr(&b), "0") == 0);
	buf_reset(&b);
	mst_format_number(&b, 123456789012.0);
	CHECK(strcmp(buf_cstr(&b), "123456789012") == 0);
	buf_release(&b);
}

static void test_empty(arena *a)
{
	buf out = BUF_INIT;
	diag_list d;
	diag_list_init(&d);
	CHECK(mst_render("", 0, NULL, NULL, &out, &d) == 0 && out.len == 0 && d.len == 0);
	CHECK(mst_render(NULL, 0, NULL, NULL, &out, &d) == 0 && out.len == 0 && d.len == 0);
	CHECK(renders("{{x}}{{#x}}y{{/x}}{{>p}}{{<p}}{{/p}}", val_map(a), NULL, ""));
	CHECK(renders("\n", NULL, NULL, "\n"));
	buf_release(&out);
	diag_list_release(&d);
}

static void test_compiled_and_dynamic(arena *a)
{
	const char *parts[] = {"bold", "<b>{{$text}}plain{{/text}}</b>\n", "item", "{{.}};", NULL};
	value *ctx = val_map(a), *list = val_list(a);
	diag_list d;
	buf out = BUF_INIT;
	mst_options opt;
	mst_template *t;
	val_set_str(a, ctx, "dyn", "bold");
	val_list_push(a, list, val_str(a, "x"));
	val_list_push(a, list, val_str(a, "y"));
	val_map_set(a, ctx, "list", list);
	CHECK(renders("{{<*dyn}}\n  {{$text}}Hi{{/text}}\n{{/*dyn}}\n", ctx, parts, "<b>Hi</b>\n"));
	CHECK(renders("{{#list}}{{>item}}{{/list}}", ctx, parts, "x;y;"));
	CHECK(renders("{{=<% %>=}}<%x%>{{x}}<%={{ }}=%>{{dyn}}", ctx, NULL, "{{x}}bold"));

	diag_list_init(&d);
	memset(&opt, 0, sizeof opt);
	opt.partial = test_partial;
	opt.partial_ud = (void *)parts;
	t = mst_compile("[{{#list}}{{>item}}{{/list}}]", 29, "c.mustache", &d);
	CHECK(t != NULL);
	CHECK(t && mst_render_compiled(t, ctx, &opt, &out, &d) == 0);
	CHECK(t && mst_render_compiled(t, ctx, &opt, &out, &d) == 0);
	CHECK(strcmp(buf_cstr(&out), "[x;y;][x;y;]") == 0);
	mst_template_free(t);
	CHECK(mst_compile("{{#a}}", 6, "c.mustache", &d) == NULL);
	CHECK(d.len == 1 && str_eq(d.items[0].file, "c.mustache"));
	mst_template_free(NULL);
	buf_release(&out);
	diag_list_release(&d);
}

/* With require_partials, a partial or parent the loader does not have is an
 * error at its tag; a dynamic name that resolves to none, and the spec's
 * default (no option), still render nothing. */
static void test_required_partials(arena *a)
{
	const char *parts[] = {"item", "{{.}};", NULL};
	value *ctx = val_map(a);
	const char *tmpls[] = {"ab\n  {{>itme}}", "{{<induk}}{{/induk}}", "{{>*nama}}x"};
	size_t i;
	val_set_str(a, ctx, "nama", "tidak-ada");
	for (i = 0; i < 3; i++) {
		diag_list d;
		buf out = BUF_INIT;
		mst_options opt;
		int rc;
		memset(&opt, 0, sizeof opt);
		opt.file = "t.mustache";
		opt.partial = test_partial;
		opt.partial_ud = (void *)parts;
		opt.require_partials = 1;
		diag_list_init(&d);
		rc = mst_render(tmpls[i], strlen(tmpls[i]), ctx, &opt, &out, &d);
		if (i == 0)
			CHECK(rc == -1 && d.len == 1 && d.items[0].line == 2 && d.items[0].column == 3 &&
			      strstr(d.items[0].message, "partial \"itme\" tidak ada") != NULL);
		else if (i == 1)
			CHECK(rc == -1 && d.len == 1 &&
			      strstr(d.items[0].message, "templat induk \"induk\"") != NULL);
		else
			CHECK(rc == 0 && d.len == 0 && str_eq(buf_cstr(&out), "x"));
		buf_release(&out);
		diag_list_release(&d);
	}
	CHECK(renders("a{{>itme}}b", ctx, parts, "ab")); /* the spec: nothing */
}

static void collect_name(void *ud, const mst_name *n)
{
	buf_printf(ud, "%s%s@%u:%u ", n->escaped ? "=" : "", n->name, n->line, n->column);
}

/* The names a template looks up, in order: variables (escaped ones marked
 * "="), sections and dynamic partial names, dotted names whole; not ".",
 * block names nor static partials. */
static void test_names(void)
{
	const char *src = "{{a}}{{#b}}{{.}}{{{c.d.e}}}{{/b}}\n{{^f}}{{>p}}{{>*g}}{{$h}}x{{/h}}{{/f}}{{&t.w}}";
	diag_list d;
	buf out = BUF_INIT;
	mst_template *t;
	diag_list_init(&d);
	t = mst_compile(src, strlen(src), "n.mustache", &d);
	CHECK(t != NULL);
	mst_template_names(t, collect_name, &out);
	CHECK_STR(buf_cstr(&out), "=a@1:1 b@1:6 c.d.e@1:17 f@2:1 g@2:13 t.w@2:39 ");
	mst_template_names(NULL, collect_name, &out); /* nothing */
	mst_template_free(t);
	buf_release(&out);
	diag_list_release(&d);
}

/* The partials and parents a template names itself, filled sections or
 * not; not dynamic ones, whose names come from the context. */
static void test_partial_names(void)
{
	const char *src = "{{>a}}{{#s}}\n{{> b/c }}{{/s}}{{^n}}{{>*dyn}}{{/n}}{{<p}}{{$k}}x{{/k}}{{/p}}";
	diag_list d;
	buf out = BUF_INIT;
	mst_template *t;
	diag_list_init(&d);
	t = mst_compile(src, strlen(src), "p.mustache", &d);
	CHECK(t != NULL);
	mst_template_partials(t, collect_name, &out);
	CHECK_STR(buf_cstr(&out), "a@1:1 b/c@2:1 p@2:38 ");
	mst_template_partials(NULL, collect_name, &out); /* nothing */
	mst_template_free(t);
	buf_release(&out);
	diag_list_release(&d);
}

/* A partial loader that counts its calls. */
typedef struct counted {
	const char **parts;
	int calls;
} counted;

static const char *counted_partial(void *ud, const char *name, const char **file)
{
	counted *c = ud;
	c->calls++;
	return test_partial((void *)c->parts, name, file);
}

/* With a cache, partials are looked up once for many renders, also the ones
 * that do not exist; one that does not compile is reported by every render. */
/* The diagnostics mst_template_lint gives for src, "line:col severity
 * message" each, with its return value first. */
static void lint(const char *src, lang l, buf *out)
{
	diag_list d;
	mst_template *t;
	size_t i;
	diag_list_init(&d);
	d.lang = l;
	t = mst_compile(src, strlen(src), "l.mustache", &d);
	buf_reset(out);
	if (!t) {
		buf_puts(out, "not compiled");
		diag_list_release(&d);
		return;
	}
	buf_printf(out, "%zu", mst_template_lint(t, &d));
	for (i = 0; i < d.len; i++)
		buf_printf(out, "|%u:%u %s %s", d.items[i].line, d.items[i].column,
		           d.items[i].severity == DIAG_WARNING ? "warning" : "error",
		           d.items[i].message);
	mst_template_free(t);
	diag_list_release(&d);
}

/* A comment holding "{{" swallows the tag written there: a comment whose
 * "}}" was deleted runs to the next tag's, and a note naming a tag ends
 * at its "}}". A warning at the "{{", as the spec allows it. */
static void test_lint_comments(void)
{
	buf out = BUF_INIT;
	lint("{{! header\n  note\n{{> bagian/remah}}\n# {{name}}", LANG_EN, &out);
	CHECK_STR(buf_cstr(&out),
	          "0|3:1 warning the comment opened at line 1 column 1 swallows the tag "
	          "\"{{> bagian/remah}}\", so the tag does nothing; close the comment with \"}}\" "
	          "before the tag, or write the tag without braces if it is only mentioned");
	lint("x {{! uses é {{> bagian/sumber}} too }}", LANG_ID, &out);
	CHECK_STR(buf_cstr(&out),
	          "0|1:14 warning komentar yang dibuka di baris 1 kolom 3 menelan tag "
	          "\"{{> bagian/sumber}}\", jadi tag itu tidak berjalan; tutup komentar dengan "
	          "\"}}\" sebelum tag itu, atau tulis tag itu tanpa kurung kurawal jika hanya "
	          "disebut");
	lint("{{=<% %>=}}<%! {{x}} %><%! <%y %>", LANG_EN, &out);
	CHECK(str_starts(buf_cstr(&out), "0|1:28 warning the comment opened at line 1 column 24 "
	                                 "swallows the tag \"<%y %>\""));
	lint("{{! a } and { and }{ }}{{!}}{{x}}", LANG_EN, &out);
	CHECK_STR(buf_cstr(&out), "0");
	CHECK(mst_template_lint(NULL, NULL) == 0);
	buf_release(&out);
}

/* A tag missing a brace of its "}}" runs on to the next tag's: its name
 * holds "}", a line feed or "{{". An error at the tag, with the tag as
 * meant; a section's is found by the lexer, in place of the end tag's
 * mismatch. */
static void test_lint_cut_names(void)
{
	buf out = BUF_INIT;
	lint("# {{name}\n\n{{kind}} x", LANG_EN, &out);
	CHECK_STR(buf_cstr(&out), "1|1:3 error tag \"{{name}\" is not closed; write \"}}\" after "
	                          "its name: \"{{name}}\"");
	lint("é {{ t.home }\n{{x}}", LANG_ID, &out);
	CHECK_STR(buf_cstr(&out), "1|1:3 error tag \"{{ t.home }\" tidak ditutup; tulis \"}}\" "
	                          "setelah namanya: \"{{ t.home}}\"");
	lint("{{{body}}\n{{{x}}}", LANG_EN, &out);
	CHECK(strstr(buf_cstr(&out), "\"{{{body}}\" is not closed; write \"}}}\" after its name: "
	                             "\"{{{body}}}\"") != NULL);
	lint("{{a {{b}}|{{c\nd}}|{{> p}\n{{e}}", LANG_EN, &out);
	CHECK(str_starts(buf_cstr(&out),
	                 "3|1:1 error tag \"{{a \" is not closed; write \"}}\" "
	                 "after its name: \"{{a}}\"|1:11 error tag \"{{c\" is not "));
	CHECK(strstr(buf_cstr(&out), "|2:5 error tag \"{{> p}\" is not closed; write \"}}\" after "
	                             "its name: \"{{> p}}\"") != NULL);
	lint("{{=<% %>=}}<%name%\n<%x%> {{y}} {{}z}}", LANG_EN, &out);
	CHECK(str_starts(buf_cstr(&out), "1|1:12 error tag \"<%name%\" is not closed; write "
	                                 "\"%>\" after its name: \"<%name%>\""));
	lint("{{a.b}} {{#s}}{{/s}}", LANG_EN, &out);
	CHECK_STR(buf_cstr(&out), "0");
	CHECK(fails_at("{{#assessed}\n**{{t.level}}**\n{{/assessed}}", NULL, NULL, 1, 1,
	               "tulis \"}}\" setelah namanya: \"{{#assessed}}\""));
	CHECK(fails_at("{{#a}}x\n{{/a}\n{{b}}", NULL, NULL, 2, 1, "\"{{/a}}\""));
	CHECK(fails_at("x\n{{/a}\n{{b}}", NULL, NULL, 2, 1, "tag \"{{/a}\" tidak ditutup"));
	CHECK(fails_at("{{^a}\n{{b}}", NULL, NULL, 1, 1, "tag \"{{^a}\" tidak ditutup"));
	buf_release(&out);
}

static void test_cache(arena *a)
{
	const char *parts[] = {"item", "{{.}};", "bad", "{{#open}}", NULL};
	counted c = {parts, 0};
	value *ctx = val_map(a), *list = val_list(a);
	const char *src = "[{{#list}}{{>item}}{{/list}}{{>none}}]";
	mst_cache *cache = mst_cache_new();
	mst_template *t, *bad;
	diag_list d;
	buf out = BUF_INIT;
	mst_options opt;
	int i;
	diag_list_init(&d);
	t = mst_compile(src, strlen(src), "c.mustache", &d);
	bad = mst_compile("{{>bad}}", 8, "b.mustache", &d);
	val_list_push(a, list, val_str(a, "x"));
	val_list_push(a, list, val_str(a, "y"));
	val_map_set(a, ctx, "list", list);
	memset(&opt, 0, sizeof opt);
	opt.partial = counted_partial;
	opt.partial_ud = &c;
	opt.cache = cache;
	for (i = 0; i < 3; i++)
		CHECK(t && mst_render_compiled(t, ctx, &opt, &out, &d) == 0);
	CHECK(strcmp(buf_cstr(&out), "[x;y;][x;y;][x;y;]") == 0);
	CHECK(c.calls == 2); /* "item" and "none", once each */
	CHECK(bad && mst_render_compiled(bad, ctx, &opt, &out, &d) == -1);
	CHECK(bad && mst_render_compiled(bad, ctx, &opt, &out, &d) == -1);
	CHECK(d.len == 2 && d.items[0].line == 1 && str_eq(d.items[1].file, "bad"));
	mst_template_free(t);
	mst_template_free(bad);
	mst_cache_free(cache);
	mst_cache_free(NULL);
	buf_release(&out);
	diag_list_release(&d);
}

/* Indentation of standalone partials applies to every line of the partial. */
static void test_indentation(arena *a)
{
	const char *parts[] = {"li", "<li>\n  {{.}}\n</li>\n", "ul", "<ul>\n  {{#items}}\n  {{>li}}\n  {{/items}}\n</ul>\n", NULL};
	value *ctx = val_map(a), *items = val_list(a);
	val_list_push(a, items, val_str(a, "a"));
	val_map_set(a, ctx, "items", items);
	CHECK(renders("<body>\n  {{>ul}}\n</body>\n", ctx, parts,
	              "<body>\n  <ul>\n    <li>\n      a\n    </li>\n  </ul>\n</body>\n"));
}

/* A caller-set render budget stops a costly template; the default does not. */
static void test_budget(void)
{
	const char tmpl[] = "{{#l}}{{#l}}{{#l}}x{{/l}}{{/l}}{{/l}}";
	arena *a = arena_new();
	value *ctx = val_map(a), *l = val_list(a);
	mst_options opt;
	buf out = BUF_INIT;
	diag_list d;
	size_t i;
	for (i = 0; i < 100; i++)
		val_list_push(a, l, val_num(a, (double)i));
	val_map_set(a, ctx, "l", l);
	diag_list_init(&d);
	memset(&opt, 0, sizeof opt);
	opt.file = "t.mustache";
	CHECK(mst_render(tmpl, strlen(tmpl), ctx, &opt, &out, &d) == 0);
	CHECK(out.len == 1000000 && d.len == 0);
	buf_reset(&out);
	opt.max_steps = 1000;
	CHECK(mst_render(tmpl, strlen(tmpl), ctx, &opt, &out, &d) == -1);
	CHECK(d.len == 1 && strstr(d.items[0].message, "lebih dari 1000 langkah") != NULL);
	CHECK(out.len < 1000);
	buf_release(&out);
	diag_list_release(&d);
	arena_free(a);
}

/* A compiled template remembers where in a map it last found each name;
 * maps whose keys come in another order, fewer keys, the same name at
 * several levels and dotted names still render the right values. */
static void test_lookup_hints(arena *a)
{
	const char tmpl[] = "{{a}}{{b.c}}{{#s}}{{a}}{{/s}};";
	value *m1 = val_map(a), *m2 = val_map(a), *m3 = val_map(a), *in = val_map(a), *s = val_map(a);
	diag_list d;
	buf out = BUF_INIT;
	mst_template *t;
	val_set_str(a, in, "x", "-");
	val_set_str(a, in, "c", "C");
	val_set_str(a, s, "a", "S");
	val_set_str(a, m1, "a", "1");
	val_map_set(a, m1, "b", in);
	val_map_set(a, m1, "s", s);
	val_map_set(a, m2, "s", val_map(a)); /* no "a" inside: found outside */
	val_map_set(a, m2, "b", val_map(a));
	val_set_str(a, m2, "z", "");
	val_set_str(a, m2, "a", "2");
	val_set_str(a, m3, "b", "");
	diag_list_init(&d);
	t = mst_compile(tmpl, strlen(tmpl), "h.mustache", &d);
	CHECK(t && mst_render_compiled(t, m1, NULL, &out, &d) == 0);
	CHECK(t && mst_render_compiled(t, m2, NULL, &out, &d) == 0);
	CHECK(t && mst_render_compiled(t, m3, NULL, &out, &d) == 0);
	CHECK(t && mst_render_compiled(t, m1, NULL, &out, &d) == 0);
	CHECK_STR(buf_cstr(&out), "1CS;22;;1CS;");
	mst_template_free(t);
	buf_release(&out);
	diag_list_release(&d);
}

int main(void)
{
	arena *a = arena_new();
	test_escape(a);
	test_diagnostics();
	test_english();
	test_recursion(a);
	test_blowup(a);
	test_structures(a);
	test_numbers(a);
	test_empty(a);
	test_compiled_and_dynamic(a);
	test_required_partials(a);
	test_names();
	test_partial_names();
	test_lint_comments();
	test_lint_cut_names();
	test_cache(a);
	test_lookup_hints(a);
	test_indentation(a);
	test_budget();
	arena_free(a);
	return check_done("test_mustache");
}
