/* frontmatter.c - YAML front matter through libyaml's event parser, into a value tree. */
#include "frontmatter.h"

#include <string.h>
#include <yaml.h>

#define YAML_MAX_DEPTH 64
#define MAX_DUPLICATES 20
/* Values in one document: a record holds a few dozen; this bounds the time
 * (keys are looked up one by one) and memory a hostile file can take. */
#define YAML_MAX_VALUES 10000

typedef struct yaml_state {
	arena *a;
	yaml_parser_t parser;
	const char *file;
	unsigned line_offset; /* file line of the YAML's first line, minus one */
	size_t len; /* of the YAML text */
	int in_front_matter; /* 1 in a record's front matter, 0 in a YAML file (rekap.yaml) */
	diag_list *diags;
	int failed;
	int duplicates; /* keys written twice, reported one by one up to MAX_DUPLICATES */
	size_t values; /* values read so far */
	buf shown; /* a key as a message quotes it */
} yaml_state;

/* A key as a message quotes it: shortened, control characters made visible. */
static const char *shown(yaml_state *st, const char *s)
{
	buf_reset(&st->shown);
	buf_put_shown(&st->shown, s, strlen(s), 80);
	return buf_cstr(&st->shown);
}

static void report_parser_error(yaml_state *st)
{
	yaml_parser_t *p = &st->parser;
	yaml_mark_t m = p->problem ? p->problem_mark : p->context_mark;
	const char *problem =
		p->problem ? p->problem : DIAG_TR(st->diags, "kesalahan sintaks", "syntax error");
	/* "found unexpected end of stream while scanning a quoted scalar": the end
	 * is no help, where the unclosed scalar (or collection) starts is */
	if (p->problem && p->context && p->problem_mark.index >= st->len)
		m = p->context_mark;
	if (st->in_front_matter)
		diag_error(st->diags, st->file, (unsigned)m.line + 1 + st->line_offset,
		           (unsigned)m.column + 1,
		           DIAG_TR(st->diags,
		                   "front matter YAML tidak dapat dibaca: %s%s%s; periksa titik dua, "
		                   "indentasi dan tanda kutip",
		                   "YAML front matter cannot be read: %s%s%s; check the colons, "
		                   "indentation and quotation marks"),
		           problem, p->context ? " " : "", p->context ? p->context : "");
	else
		diag_error(st->diags, st->file, (unsigned)m.line + 1 + st->line_offset,
		           (unsigned)m.column + 1,
		           DIAG_TR(st->diags,
		                   "YAML tidak dapat dibaca: %s%s%s; periksa titik dua, indentasi dan "
		                   "tanda kutip",
		                   "YAML cannot be read: %s%s%s; check the colons, indentation and "
		                   "quotation marks"),
		           problem, p->context ? " " : "", p->context ? p->context : "");
	st->failed = 1;
}

static int next_event(yaml_state *st, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&st->parser, ev)) {
		report_parser_error(st);
		return -1;
	}
	return 0;
}

static void mark_value(yaml_state *st, value *v, const yaml_event_t *ev)
{
	v->line = (unsigned)ev->start_mark.line + 1 + st->line_offset;
	v->column = (unsigned)ev->start_mark.column + 1;
}

static value *scalar_value(yaml_state *st, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	value *v;
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0))
		v = val_null(st->a);
	else
		v = val_strn(st->a, s, n);
	mark_value(st, v, ev);
	return v;
}

static value *parse_node(yaml_state *st, yaml_event_t *ev, unsigned depth);

/* Parse the children of a mapping or sequence until its end event. */
static int parse_children(yaml_state *st, value *container, unsigned depth)
{
	for (;;) {
		yaml_event_t ev;
		value *key = NULL, *val;
		int block;
		if (next_event(st, &ev))
			return -1;
		if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (container->kind == VAL_MAP) {
			key = parse_node(st, &ev, depth + 1);
			yaml_event_delete(&ev);
			if (!key)
				return -1;
			if (key->kind != VAL_STR) {
				diag_error(st->diags, st->file, key->line, key->column,
				           DIAG_TR(st->diags, "kunci front matter harus berupa teks",
				                   "front matter keys must be text"));
				st->failed = 1;
				return -1;
			}
			if (next_event(st, &ev))
				return -1;
		}
		block = (ev.type == YAML_SEQUENCE_START_EVENT &&
		         ev.data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE) ||
		        (ev.type == YAML_MAPPING_START_EVENT &&
		         ev.data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE);
		val = parse_node(st, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!val)
			return -1;
		if (key && block) {
			/* a block list or map starts on the lines below its key ("sarana:"
			 * then "  - papan_nama"): a problem with it is shown at the key */
			val->line = key->line;
			val->column = key->column;
		}
		if (key) {
			/* an error, yet reading goes on: every other key is still checked */
			if (val_get(container, key->u.str.s)) {
				if (++st->duplicates > MAX_DUPLICATES) {
					diag_error(st->diags, st->file, key->line, key->column,
					           DIAG_TR(st->diags,
					                   "lebih dari %d kunci ditulis dua kali; berhenti membaca",
					                   "more than %d keys are written twice; reading stops"),
					           MAX_DUPLICATES);
					st->failed = 1;
					return -1;
				}
				diag_error(st->diags, st->file, key->line, key->column,
				           DIAG_TR(st->diags, "kunci \"%s\" ditulis dua kali; hapus salah satunya",
				                   "key \"%s\" is written twice; remove one of them"),
				           shown(st, key->u.str.s));
				st->failed = 1;
			}
			val_map_set(st->a, container, key->u.str.s, val);
		} else {
			val_list_push(st->a, container, val);
		}
	}
}

static value *parse_node(yaml_state *st, yaml_event_t *ev, unsigned depth)
{
	value *v;
	if (++st->values > YAML_MAX_VALUES) {
		diag_error(st->diags, st->file, (unsigned)ev->start_mark.line + 1 + st->line_offset,
		           (unsigned)ev->start_mark.column + 1,
		           DIAG_TR(st->diags,
		                   "YAML berisi lebih dari %d nilai; rekaman tidak memerlukan sebanyak itu",
		                   "the YAML holds more than %d values; no record needs that many"),
		           YAML_MAX_VALUES);
		st->failed = 1;
		return NULL;
	}
	if (depth > YAML_MAX_DEPTH) {
		diag_error(st->diags, st->file, (unsigned)ev->start_mark.line + 1 + st->line_offset,
		           (unsigned)ev->start_mark.column + 1,
		           DIAG_TR(st->diags, "front matter terlalu dalam bersarang (lebih dari %d tingkat)",
		                   "front matter is nested too deeply (more than %d levels)"),
		           YAML_MAX_DEPTH);
		st->failed = 1;
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor)
			break;
		return scalar_value(st, ev);
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor)
			break;
		v = val_list(st->a);
		mark_value(st, v, ev);
		return parse_children(st, v, depth) ? NULL : v;
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor)
			break;
		v = val_map(st->a);
		mark_value(st, v, ev);
		return parse_children(st, v, depth) ? NULL : v;
	default:
		break;
	}
	diag_error(st->diags, st->file, (unsigned)ev->start_mark.line + 1 + st->line_offset,
	           (unsigned)ev->start_mark.column + 1,
	           DIAG_TR(st->diags,
	                   "anchor dan alias YAML (& dan *) tidak didukung di rekaman; tulis nilainya "
	                   "secara langsung",
	                   "YAML anchors and aliases (& and *) are not supported in records; write "
	                   "the values out in full"));
	st->failed = 1;
	return NULL;
}

/* Parse one YAML document; *out is its root or NULL for an empty document. */
static int parse_document(yaml_state *st, value **out)
{
	yaml_event_t ev;
	*out = NULL;
	for (;;) {
		if (next_event(st, &ev))
			return -1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			return 0;
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(&ev);
			continue;
		default:
			break;
		}
		if (*out) {
			diag_error(st->diags, st->file, (unsigned)ev.start_mark.line + 1 + st->line_offset,
			           1,
			           DIAG_TR(st->diags, "front matter berisi lebih dari satu dokumen YAML",
			                   "front matter contains more than one YAML document"));
			yaml_event_delete(&ev);
			st->failed = 1;
			return -1;
		}
		*out = parse_node(st, &ev, 0);
		yaml_event_delete(&ev);
		if (!*out)
			return -1;
	}
}

/* Returns 0 when no error was recorded; *complete (may be NULL) is 1 when
 * the whole document was read into *out. */
static int parse_yaml(arena *a, const char *file, const char *text, size_t len,
                      unsigned first_line, int in_front_matter, value **out, int *complete,
                      diag_list *diags)
{
	yaml_state st;
	value *root = NULL;
	int rc;
	memset(&st, 0, sizeof st);
	if (complete)
		*complete = 0;
	st.a = a;
	st.file = file;
	st.line_offset = first_line ? first_line - 1 : 0;
	st.len = len;
	st.in_front_matter = in_front_matter;
	st.diags = diags;
	if (!yaml_parser_initialize(&st.parser)) {
		diag_error(diags, file, 0, 0,
		           DIAG_TR(diags, "gagal menyiapkan pembaca YAML", "could not set up the YAML reader"));
		*out = val_map(a);
		return -1;
	}
	yaml_parser_set_input_string(&st.parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&st.parser, YAML_UTF8_ENCODING);
	rc = parse_document(&st, &root);
	yaml_parser_delete(&st.parser);
	buf_release(&st.shown);
	if (rc == 0 && root && root->kind != VAL_MAP) {
		diag_error(diags, file, root->line, root->column,
		           DIAG_TR(diags, "front matter harus berisi pasangan \"kunci: nilai\"",
		                   "front matter must consist of \"key: value\" pairs"));
		rc = -1;
	}
	*out = root && root->kind == VAL_MAP ? root : val_map(a);
	if (complete)
		*complete = rc == 0;
	return rc || st.failed ? -1 : 0;
}

int fm_parse_yaml(arena *a, const char *file, const char *text, size_t len, unsigned first_line,
                  value **out, diag_list *diags)
{
	return parse_yaml(a, file, text, len, first_line, 0, out, NULL, diags);
}

/* Length of the line starting at s (without its terminator) and of its terminator. */
static size_t line_len(const char *s, size_t len, size_t *term)
{
	size_t i = 0;
	while (i < len && s[i] != '\n')
		i++;
	*term = i < len ? 1 : 0;
	if (i > 0 && s[i - 1] == '\r') {
		i--;
		(*term)++;
	}
	return i;
}

static int is_fence(const char *s, size_t n, int closing)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return (n == 3 && memcmp(s, "---", 3) == 0) ||
	       (closing && n == 3 && memcmp(s, "...", 3) == 0);
}

int fm_parse(arena *a, const char *file, const char *text, size_t len, front_matter *fm,
             diag_list *diags)
{
	size_t pos = 0, n, term, yaml_start;
	unsigned line = 1;
	memset(fm, 0, sizeof *fm);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	n = line_len(text + pos, len - pos, &term);
	if (!is_fence(text + pos, n, 0)) {
		fm->meta = val_map(a);
		fm->body = arena_strndup(a, text + pos, len - pos);
		fm->body_line = 1;
		fm->complete = 1;
		return 0;
	}
	pos += n + term;
	line++;
	yaml_start = pos;
	for (;;) {
		if (pos >= len) {
			diag_error(diags, file, 1, 1,
			           DIAG_TR(diags,
			                   "front matter dibuka dengan \"---\" tetapi tidak ditutup; tambahkan "
			                   "baris \"---\" setelah data",
			                   "front matter is opened with \"---\" but not closed; add a \"---\" "
			                   "line after the data"));
			fm->meta = val_map(a);
			fm->body = arena_strdup(a, "");
			return -1;
		}
		n = line_len(text + pos, len - pos, &term);
		if (is_fence(text + pos, n, 1))
			break;
		pos += n + term;
		line++;
	}
	{
		int rc = parse_yaml(a, file, text + yaml_start, pos - yaml_start, 2, 1, &fm->meta,
		                    &fm->complete, diags);
		pos += n + term;
		line++;
		fm->body = arena_strndup(a, text + pos, len - pos);
		fm->body_line = line;
		return rc;
	}
}
