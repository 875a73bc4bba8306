/* value.h - a small dynamic value tree: YAML front matter and template contexts. */
#ifndef REKAP_VALUE_H
#define REKAP_VALUE_H

#include <stddef.h>

#include "util.h"

typedef enum {
	VAL_NULL,
	VAL_BOOL,
	VAL_NUM,
	VAL_STR,
	VAL_LIST,
	VAL_MAP
} val_kind;

typedef struct value value;

/* One key of a map, in insertion order. */
typedef struct val_pair {
	const char *key;
	value *val;
} val_pair;

/* Values live in an arena and are freed with it; nothing is freed alone.
 * line/column give the source position (1-based) when the value came from a
 * file, 0 otherwise. */
struct value {
	val_kind kind;
	unsigned line, column;
	union {
		int boolean;
		double num;
		struct {
			const char *s;
			size_t len;
		} str;
		struct {
			value **items;
			size_t len, cap;
		} list;
		struct {
			val_pair *pairs;
			size_t len, cap;
		} map;
	} u;
};

value *val_null(arena *a);
value *val_bool(arena *a, int b);
value *val_num(arena *a, double n);
/* The string is copied into the arena. */
value *val_str(arena *a, const char *s);
value *val_strn(arena *a, const char *s, size_t n);
/* The string is not copied: it must live as long as the arena. */
value *val_str_ref(arena *a, const char *s);
value *val_list(arena *a);
value *val_map(arena *a);

/* Lists and maps grow with realloc'd storage owned by the arena's values;
 * val_list_push / val_map_set keep a later key replacing an earlier one. */
void val_list_push(arena *a, value *list, value *item);
void val_map_set(arena *a, value *map, const char *key, value *val);
/* Shorthands for building contexts: key is copied. */
void val_set_str(arena *a, value *map, const char *key, const char *s);
void val_set_num(arena *a, value *map, const char *key, double n);
void val_set_bool(arena *a, value *map, const char *key, int b);

/* Lookup in a map; NULL when v is not a map or has no such key. */
value *val_get(const value *map, const char *key);
const char *val_get_str(const value *map, const char *key);
/* Mustache truthiness: false, null, empty list and empty string are false. */
int val_truthy(const value *v);

#endif
