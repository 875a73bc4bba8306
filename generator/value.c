/* value.c - the dynamic value tree, allocated from an arena. */
#include "value.h"

#include <string.h>

static value *val_new(arena *a, val_kind kind)
{
	value *v = arena_alloc(a, sizeof *v);
	v->kind = kind;
	return v;
}

value *val_null(arena *a)
{
	return val_new(a, VAL_NULL);
}

value *val_bool(arena *a, int b)
{
	value *v = val_new(a, VAL_BOOL);
	v->u.boolean = b != 0;
	return v;
}

value *val_num(arena *a, double n)
{
	value *v = val_new(a, VAL_NUM);
	v->u.num = n;
	return v;
}

value *val_strn(arena *a, const char *s, size_t n)
{
	value *v = val_new(a, VAL_STR);
	v->u.str.s = arena_strndup(a, s, n);
	v->u.str.len = n;
	return v;
}

value *val_str(arena *a, const char *s)
{
	return val_strn(a, s, strlen(s));
}

value *val_str_ref(arena *a, const char *s)
{
	value *v = val_new(a, VAL_STR);
	v->u.str.s = s;
	v->u.str.len = strlen(s);
	return v;
}

value *val_list(arena *a)
{
	return val_new(a, VAL_LIST);
}

value *val_map(arena *a)
{
	return val_new(a, VAL_MAP);
}

/* Storage for items is taken from the arena, doubling as it grows; the old
 * block stays in the arena until it is freed, which is cheap for the small
 * lists and maps contexts are made of. */
static void *arena_grow(arena *a, void *old, size_t len, size_t *cap, size_t elem)
{
	size_t n;
	void *p;
	if (len < *cap)
		return old;
	n = *cap ? *cap * 2 : 4;
	p = arena_alloc(a, n * elem);
	if (len)
		memcpy(p, old, len * elem);
	*cap = n;
	return p;
}

/* Maps are searched key by key (page contexts on every template tag): the
 * first bytes are compared before strcmp is called. */
static int key_eq(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

void val_list_push(arena *a, value *list, value *item)
{
	list->u.list.items = arena_grow(a, list->u.list.items, list->u.list.len,
	                                &list->u.list.cap, sizeof(value *));
	list->u.list.items[list->u.list.len++] = item;
}

void val_map_set(arena *a, value *map, const char *key, value *val)
{
	size_t i;
	for (i = 0; i < map->u.map.len; i++) {
		if (key_eq(map->u.map.pairs[i].key, key)) {
			map->u.map.pairs[i].val = val;
			return;
		}
	}
	map->u.map.pairs = arena_grow(a, map->u.map.pairs, map->u.map.len,
	                              &map->u.map.cap, sizeof(val_pair));
	map->u.map.pairs[map->u.map.len].key = arena_strdup(a, key);
	map->u.map.pairs[map->u.map.len].val = val;
	map->u.map.len++;
}

void val_set_str(arena *a, value *map, const char *key, const char *s)
{
	val_map_set(a, map, key, s ? val_str(a, s) : val_null(a));
}

void val_set_num(arena *a, value *map, const char *key, double n)
{
	val_map_set(a, map, key, val_num(a, n));
}

void val_set_bool(arena *a, value *map, const char *key, int b)
{
	val_map_set(a, map, key, val_bool(a, b));
}

value *val_get(const value *map, const char *key)
{
	size_t i;
	if (!map || map->kind != VAL_MAP)
		return NULL;
	for (i = 0; i < map->u.map.len; i++)
		if (key_eq(map->u.map.pairs[i].key, key))
			return map->u.map.pairs[i].val;
	return NULL;
}

const char *val_get_str(const value *map, const char *key)
{
	value *v = val_get(map, key);
	return v && v->kind == VAL_STR ? v->u.str.s : NULL;
}

int val_truthy(const value *v)
{
	if (!v)
		return 0;
	switch (v->kind) {
	case VAL_NULL:
		return 0;
	case VAL_BOOL:
		return v->u.boolean;
	case VAL_NUM:
		return 1;
	case VAL_STR:
		return v->u.str.len > 0;
	case VAL_LIST:
		return v->u.list.len > 0;
	case VAL_MAP:
		return 1;
	}
	return 0;
}
