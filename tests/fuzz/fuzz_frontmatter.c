/* fuzz_frontmatter.c - libFuzzer target: splitting a record into YAML front matter and Markdown body, and whole YAML files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "util.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Visit the whole tree (so that every byte of it is read under ASan) and
 * check what frontmatter.h promises: positions are set, strings are
 * NUL-terminated at their length, maps have text keys. */
static size_t walk(const value *v, unsigned depth)
{
	size_t i, sum = 1;
	if (!v || depth > 200)
		abort();
	if (v->line == 0 || v->column == 0)
		abort();
	switch (v->kind) {
	case VAL_NULL:
		break;
	case VAL_STR:
		if (!v->u.str.s || v->u.str.s[v->u.str.len] != '\0')
			abort();
		sum += v->u.str.len;
		break;
	case VAL_LIST:
		for (i = 0; i < v->u.list.len; i++)
			sum += walk(v->u.list.items[i], depth + 1);
		break;
	case VAL_MAP:
		for (i = 0; i < v->u.map.len; i++) {
			if (!v->u.map.pairs[i].key)
				abort();
			sum += strlen(v->u.map.pairs[i].key);
			sum += walk(v->u.map.pairs[i].val, depth + 1);
			if (val_get(v, v->u.map.pairs[i].key) != v->u.map.pairs[i].val)
				abort(); /* keys are unique */
		}
		break;
	default:
		abort(); /* the YAML reader makes no numbers or booleans */
	}
	return sum;
}

/* The root map: its position may be unset when it was made up (no front matter). */
static void check_root(const value *root)
{
	size_t i;
	if (!root || root->kind != VAL_MAP)
		abort();
	for (i = 0; i < root->u.map.len; i++)
		walk(root->u.map.pairs[i].val, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	arena *a = arena_new();
	diag_list d;
	front_matter fm;
	value *yaml = NULL;
	int rc;

	diag_list_init(&d);
	d.lang = size > 0 && (data[0] & 1) ? LANG_EN : LANG_ID;
	rc = fm_parse(a, "fuzz.md", text, size, &fm, &d);
	/* -1 comes with a diagnostic; 0 may too (a key written twice is an
	 * error the caller sees in diags while the rest is still checked) */
	if (rc != 0 && d.errors == 0)
		abort();
	check_root(fm.meta);
	if (!fm.body || strlen(fm.body) > size)
		abort();
	if (rc == 0 && fm.body_line == 0)
		abort();

	diag_list_release(&d);
	diag_list_init(&d);
	rc = fm_parse_yaml(a, "fuzz.yaml", text, size, 1, &yaml, &d);
	if (rc != 0 && d.errors == 0)
		abort();
	check_root(yaml);

	diag_list_release(&d);
	arena_free(a);
	return 0;
}
