/* fuzz_mustache.c - libFuzzer target: compile a Mustache template and render it against a fixed context, with partials. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mustache.h"
#include "util.h"
#include "value.h"

/*
 * Input: the template, then up to NPARTS partials as name and text, all
 * separated by NUL bytes: "{{>a}}\0a\0[{{.}}]". A few fixed partials are
 * there too (recursive ones, parents with blocks, one that does not compile),
 * and the context names some of them for dynamic partials ({{>*partial}}).
 * The context is fixed (make_context): the same input renders the same way.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define NPARTS 4

static const char *const fixed_partials[] = {
	"fixed", "<{{name}}>\n",
	"rec", "{{name}}{{#children}}({{>rec}}){{/children}}",
	"self", "x{{>self}}",
	"parent", "A{{$x}}dx{{/x}}B{{$y}}\n  dy\n{{/y}}C\n",
	"layout", "<html>\n  {{$body}}\n  default\n  {{/body}}\n</html>\n",
	"nested", "{{<layout}}{{$body}}{{>fixed}}{{/body}}{{/layout}}",
	"bad", "{{#unclosed}}",
	"delims", "{{=<% %>=}}<% name %>",
	"bagian/remah", "{{#crumbs}}[{{name}}]({{href}}) › {{/crumbs}}{{name}}\n",
	NULL,
};

typedef struct partials {
	char *names[NPARTS];
	char *text[NPARTS];
} partials;

static const char *find_partial(void *ud, const char *name, const char **file)
{
	const partials *p = ud;
	size_t i;
	for (i = 0; i < NPARTS; i++)
		if (p->text[i] && strcmp(p->names[i], name) == 0) {
			*file = p->names[i];
			return p->text[i];
		}
	for (i = 0; fixed_partials[i]; i += 2)
		if (strcmp(fixed_partials[i], name) == 0) {
			*file = fixed_partials[i];
			return fixed_partials[i + 1];
		}
	return NULL;
}

static arena *ctx_arena;
static value *ctx;

static value *person(arena *a, const char *name, double age, value *children)
{
	value *m = val_map(a);
	val_set_str(a, m, "name", name);
	val_set_num(a, m, "age", age);
	if (children)
		val_map_set(a, m, "children", children);
	return m;
}

/* Every kind of value, nested lists and maps, text that needs escaping. */
static value *make_context(arena *a)
{
	value *c = val_map(a), *l, *m, *kids, *deep;
	val_set_str(a, c, "name", "Tanjung <Laut> & \"Pos\" 'satu'");
	val_set_str(a, c, "empty", "");
	val_set_str(a, c, "partial", "a");
	val_set_str(a, c, "html", "<b>bold</b>\n  next line");
	val_set_str(a, c, "utf8", "Pos UKK – ñ 漢字");
	val_set_num(a, c, "num", 42);
	val_set_num(a, c, "frac", 1.21);
	val_set_num(a, c, "neg", -0.5);
	val_set_num(a, c, "big", 1e20);
	val_set_num(a, c, "zero", 0);
	val_set_num(a, c, "nan", NAN);
	val_set_num(a, c, "inf", INFINITY);
	val_set_bool(a, c, "yes", 1);
	val_set_bool(a, c, "no", 0);
	val_map_set(a, c, "nil", val_null(a));
	val_map_set(a, c, "emptylist", val_list(a));
	val_map_set(a, c, "emptymap", val_map(a));

	l = val_list(a);
	val_list_push(a, l, val_num(a, 1));
	val_list_push(a, l, val_num(a, 2));
	val_list_push(a, l, val_num(a, 3));
	val_map_set(a, c, "list", l);
	l = val_list(a);
	val_list_push(a, l, val_str(a, "a"));
	val_list_push(a, l, val_str(a, "b"));
	val_list_push(a, l, val_str(a, "parent"));
	val_map_set(a, c, "names", l);
	l = val_list(a);
	val_list_push(a, l, val_bool(a, 0));
	val_list_push(a, l, val_null(a));
	val_list_push(a, l, val_list(a));
	val_list_push(a, l, val_str(a, ""));
	val_map_set(a, c, "falsy", l);

	kids = val_list(a);
	val_list_push(a, kids, person(a, "c11", 3, NULL));
	val_list_push(a, kids, person(a, "c12", 4, val_list(a)));
	l = val_list(a);
	val_list_push(a, l, person(a, "c1", 30, kids));
	val_list_push(a, l, person(a, "c2", 40, NULL));
	val_map_set(a, c, "children", l);

	deep = val_map(a);
	val_set_str(a, deep, "c", "deep");
	m = val_map(a);
	val_map_set(a, m, "b", deep);
	val_map_set(a, c, "a", m);

	m = val_map(a);
	val_set_str(a, m, "name", "parent");
	val_set_str(a, m, "post", "Pos");
	val_set_str(a, m, "open_data", "Data terbuka");
	val_map_set(a, c, "t", m);
	val_map_set(a, c, "dyn", m);

	l = val_list(a);
	m = val_map(a);
	val_set_str(a, m, "name", "Indonesia");
	val_set_str(a, m, "href", "../index.md");
	val_list_push(a, l, m);
	val_map_set(a, c, "crumbs", l);
	return c;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ctx_arena = arena_new();
	ctx = make_context(ctx_arena);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *end = s + size;
	const char *sep = memchr(s, '\0', size);
	size_t tlen = sep ? (size_t)(sep - s) : size;
	partials p;
	mst_options opt;
	mst_template *t;
	diag_list d;
	buf out = BUF_INIT;
	size_t i;
	int rc;

	memset(&p, 0, sizeof p);
	for (i = 0; sep && i < 2 * NPARTS; i++) {
		const char *start = sep + 1;
		char *part;
		sep = memchr(start, '\0', (size_t)(end - start));
		part = xstrndup(start, sep ? (size_t)(sep - start) : (size_t)(end - start));
		if (i % 2 == 0)
			p.names[i / 2] = part;
		else
			p.text[i / 2] = part;
	}

	diag_list_init(&d);
	t = mst_compile(s, tlen, "fuzz.mustache", &d);
	if (!t) {
		if (d.errors == 0)
			abort(); /* a template that does not compile is reported */
	} else {
		if (d.len)
			abort();
		memset(&opt, 0, sizeof opt);
		opt.partial = find_partial;
		opt.partial_ud = &p;
		/* 2^20 steps instead of 2^26: a costly template is refused in
		 * milliseconds, so the fuzzer does not spend seconds per input */
		opt.max_steps = 1UL << 20;
		rc = mst_render_compiled(t, ctx, &opt, &out, &d);
		if ((rc != 0) != (d.errors != 0))
			abort();
		if (out.data && strlen(out.data) > out.len)
			abort();
		mst_template_free(t);
	}

	buf_release(&out);
	diag_list_release(&d);
	for (i = 0; i < NPARTS; i++) {
		free(p.names[i]);
		free(p.text[i]);
	}
	return 0;
}
