/* frontmatter.h - splitting a Markdown record into YAML front matter (libyaml) and body. */
#ifndef REKAP_FRONTMATTER_H
#define REKAP_FRONTMATTER_H

#include "diag.h"
#include "value.h"

typedef struct front_matter {
	value *meta; /* a VAL_MAP (empty when the file has no front matter) */
	const char *body; /* Markdown after the closing "---", in the arena */
	unsigned body_line; /* line of the file where the body starts */
	int complete; /* every key was read: meta may be checked further even
	               * when an error was recorded (a key written twice) */
} front_matter;

/* Parse a record file's text. Scalars become VAL_STR (plain "", "~" and
 * "null" become VAL_NULL); mappings VAL_MAP, sequences VAL_LIST; every value
 * carries its line and column in the file. Aliases and anchors are refused
 * (they are never needed in a record and can explode in size). Returns 0
 * when no error was recorded, -1 when at least one was (then fm->complete
 * tells whether reading stopped early); fm is filled in either way.
 * Everything is allocated in a. */
int fm_parse(arena *a, const char *file, const char *text, size_t len, front_matter *fm,
             diag_list *diags);

/* Parse a whole file of YAML holding one mapping (records/rekap.yaml);
 * returns 0, or -1 when an error was recorded. */
int fm_parse_yaml(arena *a, const char *file, const char *text, size_t len, unsigned first_line,
                  value **out, diag_list *diags);

#endif
