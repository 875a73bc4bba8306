/* test_mustache_spec.c - runs every official Mustache spec file (*.json in SPEC_DIR) against generator/mustache.c. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "diag.h"
#include "mustache.h"
#include "util.h"
#include "value.h"

#define LAMBDA_REASON "lambdas are code in the host language; rekap templates have no lambdas"

typedef struct counts {
	int passed, failed, skipped;
} counts;

/* Convert JSON data to a value tree; *code is set when the data holds a
 * lambda ({"__tag__": "code", ...}), which cannot be expressed. */
static value *from_json(arena *a, struct json_object *j, int *code)
{
	value *v;
	size_t i, n;
	switch (json_object_get_type(j)) {
	case json_type_boolean:
		return val_bool(a, json_object_get_boolean(j));
	case json_type_int:
	case json_type_double:
		return val_num(a, json_object_get_double(j));
	case json_type_string:
		return val_strn(a, json_object_get_string(j), (size_t)json_object_get_string_len(j));
	case json_type_array:
		v = val_list(a);
		n = json_object_array_length(j);
		for (i = 0; i < n; i++)
			val_list_push(a, v, from_json(a, json_object_array_get_idx(j, i), code));
		return v;
	case json_type_object: {
		struct json_object *tag;
		if (json_object_object_get_ex(j, "__tag__", &tag) &&
		    strcmp(json_object_get_string(tag), "code") == 0)
			*code = 1;
		v = val_map(a);
		json_object_object_foreach(j, key, item) val_map_set(a, v, key, from_json(a, item, code));
		return v;
	}
	default:
		return val_null(a);
	}
}

/* Partials come from the test's "partials" object. */
static const char *spec_partial(void *ud, const char *name, const char **file)
{
	struct json_object *partials = ud, *p;
	if (!partials || !json_object_object_get_ex(partials, name, &p) ||
	    !json_object_is_type(p, json_type_string))
		return NULL;
	*file = name;
	return json_object_get_string(p);
}

/* Print s with control characters escaped, so whitespace differences show. */
static void print_escaped(const char *label, const char *s)
{
	printf("    %s \"", label);
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\r')
			fputs("\\r", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else
			putchar(*s);
	}
	puts("\"");
}

static const char *str_field(struct json_object *test, const char *key)
{
	struct json_object *o;
	if (!json_object_object_get_ex(test, key, &o))
		return NULL;
	return json_object_get_string(o);
}

/* Run one test; returns 1 passed, 0 failed, -1 skipped. */
static int run_test(const char *fname, struct json_object *test, buf *report)
{
	const char *name = str_field(test, "name");
	const char *tmpl = str_field(test, "template");
	const char *expected = str_field(test, "expected");
	struct json_object *data = NULL, *partials = NULL;
	arena *a = arena_new();
	int code = 0, ok, rc;
	value *ctx;
	buf out = BUF_INIT;
	diag_list diags;
	mst_options opt;
	size_t i;

	json_object_object_get_ex(test, "data", &data);
	json_object_object_get_ex(test, "partials", &partials);
	ctx = from_json(a, data, &code);
	if (code || strcmp(fname, "~lambdas.json") == 0) {
		buf_printf(report, "  SKIP %s: %s\n", name, LAMBDA_REASON);
		arena_free(a);
		return -1;
	}
	memset(&opt, 0, sizeof opt);
	opt.partial = spec_partial;
	opt.partial_ud = partials;
	opt.file = name;
	diag_list_init(&diags);
	rc = mst_render(tmpl ? tmpl : "", tmpl ? strlen(tmpl) : 0, ctx, &opt, &out, &diags);
	ok = rc == 0 && expected && strcmp(buf_cstr(&out), expected) == 0;
	if (!ok) {
		printf("  FAIL %s: %s\n", fname, name);
		print_escaped("template:", tmpl ? tmpl : "");
		print_escaped("expected:", expected ? expected : "");
		print_escaped("actual:  ", buf_cstr(&out));
		for (i = 0; i < diags.len; i++)
			printf("    diagnostic: %u:%u: %s\n", diags.items[i].line, diags.items[i].column,
			       diags.items[i].message);
	}
	diag_list_release(&diags);
	buf_release(&out);
	arena_free(a);
	return ok;
}

static int run_file(const char *dir, const char *fname, counts *total)
{
	char *path = path_join(dir, fname);
	struct json_object *root = json_object_from_file(path), *tests;
	counts c = {0, 0, 0};
	buf report = BUF_INIT;
	size_t i, n;
	free(path);
	if (!root || !json_object_object_get_ex(root, "tests", &tests)) {
		printf("%s: cannot read spec file\n", fname);
		json_object_put(root);
		total->failed++;
		return -1;
	}
	n = json_object_array_length(tests);
	for (i = 0; i < n; i++) {
		int r = run_test(fname, json_object_array_get_idx(tests, i), &report);
		if (r > 0)
			c.passed++;
		else if (r == 0)
			c.failed++;
		else
			c.skipped++;
	}
	printf("%s: %d passed, %d failed, %d skipped\n", fname, c.passed, c.failed, c.skipped);
	fputs(buf_cstr(&report), stdout);
	buf_release(&report);
	json_object_put(root);
	total->passed += c.passed;
	total->failed += c.failed;
	total->skipped += c.skipped;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	counts total = {0, 0, 0};
	if (argc != 2) {
		fprintf(stderr, "usage: %s SPEC_DIR\n", argv[0]);
		return 2;
	}
	d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 2;
	}
	while ((e = readdir(d)) != NULL)
		if (str_ends(e->d_name, ".json"))
			ARRAY_PUSH(names, n, cap, xstrdup(e->d_name));
	closedir(d);
	if (!n) {
		fprintf(stderr, "%s: no *.json spec files\n", argv[1]);
		return 2;
	}
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		run_file(argv[1], names[i], &total);
		free(names[i]);
	}
	free(names);
	printf("total: %d passed, %d failed, %d skipped\n", total.passed, total.failed, total.skipped);
	return total.failed ? 1 : 0;
}
