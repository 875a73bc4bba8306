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
	const char *text; /* the YAML text */
	size_t len;
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

/* Where a YAML line (0-based) starts in the text, and how long it is. */
static const char *yaml_line(const yaml_state *st, size_t line, size_t *n)
{
	const char *p = st->text, *end = st->text + st->len, *eol;
	for (; line > 0 && p < end; line--) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	*n = (size_t)((eol ? eol : end) - p);
	if (*n > 0 && p[*n - 1] == '\r')
		(*n)--;
	return p;
}

static size_t indent_of(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* The byte of line s[0..n) at character column (0-based); n past its end. */
static size_t byte_of_column(const char *s, size_t n, size_t column)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && column-- == 0)
			return i;
	return n;
}

/* Where a value on line s[0..n) starts: after "key:" and any "- ". */
static size_t value_start(const char *s, size_t n)
{
	size_t i = indent_of(s, n), j;
	while (i + 1 < n && s[i] == '-' && s[i + 1] == ' ')
		i = indent_of(s + i + 2, n - i - 2) + i + 2;
	for (j = i; j < n && s[j] != '"' && s[j] != '\''; j++)
		if (s[j] == ':' && (j + 1 == n || s[j + 1] == ' '))
			return indent_of(s + j + 1, n - j - 1) + j + 1;
	return i;
}

/* The first line, up to line last (0-based), whose value opens a quotation
 * mark it does not close: a quoted value running on over the next lines is
 * where an error found further on starts. Returns 1 with its line, column
 * (0-based) and the mark. */
static int find_unclosed_quote(const yaml_state *st, size_t last, size_t *line, size_t *column,
                               char *quote)
{
	const char *s = st->text, *end = st->text + st->len;
	size_t l;
	for (l = 0; l <= last && s < end; l++) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((eol ? eol : end) - s), v, i;
		char q;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		v = value_start(s, n);
		q = v < n ? s[v] : 0;
		if (q == '"' || q == '\'') {
			for (i = v + 1; i < n; i++) {
				if (q == '"' && s[i] == '\\' && i + 1 < n)
					i++;
				else if (s[i] == q && q == '\'' && i + 1 < n && s[i + 1] == '\'')
					i++; /* '' is a quotation mark inside '...' */
				else if (s[i] == q)
					break;
			}
			if (i >= n) {
				*line = l;
				*column = utf8_chars(s, v); /* as libyaml counts columns */
				*quote = q;
				return 1;
			}
		}
		if (!eol)
			break;
		s = eol + 1;
	}
	return 0;
}

/* The quotation mark at mark m, as find_unclosed_quote gives one. */
static int quote_at(const yaml_state *st, const yaml_mark_t *m, size_t *line, size_t *column,
                    char *quote)
{
	size_t n, b;
	const char *s = yaml_line(st, m->line, &n);
	b = byte_of_column(s, n, m->column);
	if (b >= n || (s[b] != '"' && s[b] != '\''))
		return 0;
	*line = m->line;
	*column = m->column;
	*quote = s[b];
	return 1;
}

/* Whether the line of mark m is indented deeper than the line above it,
 * which already holds a value ("a: b" then "  c: d"). */
static int indented_under_value(const yaml_state *st, const yaml_mark_t *m)
{
	size_t n, pn;
	const char *s, *prev;
	if (m->line == 0)
		return 0;
	s = yaml_line(st, m->line, &n);
	prev = yaml_line(st, m->line - 1, &pn);
	return indent_of(s, n) > indent_of(prev, pn) && value_start(prev, pn) < pn;
}

static int starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* What went wrong, in words for the person who wrote the file, and where it
 * starts: libyaml says where it noticed, often a line too late. */
static void explain_parser_error(yaml_state *st, buf *out, yaml_mark_t *m)
{
	const yaml_parser_t *p = &st->parser;
	const char *problem = p->problem ? p->problem : "";
	size_t line, column, n;
	char quote, c = 0;
	if (p->problem_mark.index < st->len) {
		const char *s = yaml_line(st, p->problem_mark.line, &n);
		size_t b = byte_of_column(s, n, p->problem_mark.column);
		c = b < n ? s[b] : 0;
	}
	if (starts_with(problem, "found character that cannot start any token") && c == '\t') {
		buf_puts(out, TR(st->diags->lang, "tab dipakai untuk indentasi; YAML hanya menerima spasi",
		                 "a tab is used for indentation; YAML accepts only spaces"));
	} else if (find_unclosed_quote(st, m->line, &line, &column, &quote) ||
	           (starts_with(p->context, "while scanning a quoted scalar") &&
	            quote_at(st, &p->context_mark, &line, &column, &quote))) {
		m->line = line;
		m->column = column;
		buf_printf(out,
		           TR(st->diags->lang,
		              "tanda kutip (%c) yang dibuka di sini tidak ditutup di baris yang sama; "
		              "akhiri nilainya dengan %c",
		              "the quotation mark (%c) opened here is not closed on the same line; "
		              "end the value with %c"),
		           quote, quote);
	} else if (starts_with(p->context, "while parsing a flow sequence")) {
		*m = p->context_mark;
		buf_puts(out, TR(st->diags->lang,
		                 "kurung siku [ yang dibuka di sini tidak ditutup dengan ]; tulis "
		                 "daftarnya dalam satu baris, mis. [papan_nama, kotak_p3k]",
		                 "the bracket [ opened here is not closed with ]; write the list on "
		                 "one line, e.g. [papan_nama, kotak_p3k]"));
	} else if (starts_with(p->context, "while parsing a flow mapping")) {
		*m = p->context_mark;
		buf_puts(out, TR(st->diags->lang,
		                 "kurung kurawal { yang dibuka di sini tidak ditutup dengan }",
		                 "the brace { opened here is not closed with }"));
	} else if (starts_with(problem, "mapping values are not allowed") &&
	           indented_under_value(st, m)) {
		const char *s = yaml_line(st, m->line, &n);
		m->column = indent_of(s, n);
		buf_puts(out, TR(st->diags->lang,
		                 "baris ini menjorok lebih dalam padahal baris di atasnya sudah "
		                 "berisi nilai; samakan indentasinya dengan kunci di atasnya",
		                 "this line is indented deeper although the line above already "
		                 "holds a value; indent it like the key above"));
	} else if (starts_with(problem, "mapping values are not allowed")) {
		buf_puts(out, TR(st->diags->lang,
		                 "titik dua (:) di dalam nilai; beri tanda kutip pada nilainya, mis. "
		                 "desa: \"Tanjung Laut: Pesisir\"",
		                 "a colon (:) inside a value; put the value in quotation marks, e.g. "
		                 "desa: \"Tanjung Laut: Pesisir\""));
	} else if (starts_with(problem, "could not find expected ':'")) {
		*m = p->context_mark;
		buf_puts(out, TR(st->diags->lang, "baris ini tidak berisi titik dua; tulis kunci: nilai",
		                 "this line has no colon; write key: value"));
	} else if (starts_with(problem, "did not find expected key") ||
	           starts_with(problem, "did not find expected '-' indicator")) {
		buf_puts(out, TR(st->diags->lang,
		                 "indentasi baris ini tidak sejajar dengan baris setingkat di atasnya; "
		                 "pakai jumlah spasi yang sama untuk kunci atau butir daftar yang "
		                 "setingkat",
		                 "this line's indentation does not match the lines of its level "
		                 "above; use the same number of spaces for keys or list items of "
		                 "one level"));
	} else if (starts_with(problem, "found character that cannot start any token") && c) {
		buf_printf(out,
		           TR(st->diags->lang,
		              "tanda %c tidak boleh mengawali nilai; beri tanda kutip pada nilainya",
		              "a value may not start with %c; put the value in quotation marks"),
		           c);
	} else {
		buf_puts(out, TR(st->diags->lang, "susunannya salah; periksa titik dua, indentasi dan tanda "
		                            "kutip",
		                 "it is malformed; check the colons, indentation and quotation "
		                 "marks"));
	}
}

static void report_parser_error(yaml_state *st)
{
	yaml_parser_t *p = &st->parser;
	yaml_mark_t m = p->problem ? p->problem_mark : p->context_mark;
	buf why = BUF_INIT;
	/* "found unexpected end of stream while scanning a quoted scalar": the end
	 * is no help, where the unclosed scalar (or collection) starts is */
	if (p->problem && p->context && p->problem_mark.index >= st->len)
		m = p->context_mark;
	explain_parser_error(st, &why, &m);
	/* libyaml's own words come last, as a detail */
	buf_printf(&why, " (libyaml: %s%s%s)", p->problem ? p->problem : "syntax error",
	           p->context ? " " : "", p->context ? p->context : "");
	diag_error(st->diags, st->file, (unsigned)m.line + 1 + st->line_offset, (unsigned)m.column + 1,
	           st->in_front_matter
	                   ? TR(st->diags->lang, "front matter YAML tidak dapat dibaca: %s",
	                        "YAML front matter cannot be read: %s")
	                   : TR(st->diags->lang, "YAML tidak dapat dibaca: %s", "YAML cannot be read: %s"),
	           buf_cstr(&why));
	buf_release(&why);
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

/* Whether the n bytes of s are wrapped in curly quotes, “…” or ‘…’, as a
 * word processor or a phone types them. */
static int in_curly_quotes(const char *s, size_t n)
{
	static const char open2[] = "\xe2\x80\x9c", close2[] = "\xe2\x80\x9d";
	static const char open1[] = "\xe2\x80\x98", close1[] = "\xe2\x80\x99";
	if (n < 6)
		return 0;
	return (memcmp(s, open2, 3) == 0 && memcmp(s + n - 3, close2, 3) == 0) ||
	       (memcmp(s, open1, 3) == 0 && memcmp(s + n - 3, close1, 3) == 0);
}

static value *scalar_value(yaml_state *st, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	value *v;
	int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (plain && (n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0))
		v = val_null(st->a);
	else
		v = val_strn(st->a, s, n);
	mark_value(st, v, ev);
	if (plain && in_curly_quotes(s, n))
		diag_warning(st->diags, st->file, v->line, v->column,
		             TR(st->diags->lang,
		                "nilai diapit tanda kutip miring (“ ” atau ‘ ’), yang YAML baca sebagai "
		                "bagian nilainya dan ikut terbit; ganti dengan tanda kutip lurus "
		                "(\"...\")",
		                "the value is wrapped in curly quotes (“ ” or ‘ ’), which YAML reads as part "
		                "of the value and which would be published; use straight quotes "
		                "(\"...\") instead"));
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
				           TR(st->diags->lang, "kunci front matter harus berupa teks",
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
					           TR(st->diags->lang,
					              "lebih dari %d kunci ditulis dua kali; berhenti membaca",
					              "more than %d keys are written twice; reading stops"),
					           MAX_DUPLICATES);
					st->failed = 1;
					return -1;
				}
				diag_error(st->diags, st->file, key->line, key->column,
				           TR(st->diags->lang, "kunci \"%s\" ditulis dua kali; hapus salah satunya",
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
		           TR(st->diags->lang,
		              "YAML berisi lebih dari %d nilai; rekaman tidak memerlukan sebanyak itu",
		              "the YAML holds more than %d values; no record needs that many"),
		           YAML_MAX_VALUES);
		st->failed = 1;
		return NULL;
	}
	if (depth > YAML_MAX_DEPTH) {
		diag_error(st->diags, st->file, (unsigned)ev->start_mark.line + 1 + st->line_offset,
		           (unsigned)ev->start_mark.column + 1,
		           TR(st->diags->lang, "front matter terlalu dalam bersarang (lebih dari %d tingkat)",
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
	           TR(st->diags->lang,
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
			           TR(st->diags->lang, "front matter berisi lebih dari satu dokumen YAML",
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
	st.text = text;
	st.len = len;
	st.in_front_matter = in_front_matter;
	st.diags = diags;
	if (!yaml_parser_initialize(&st.parser)) {
		diag_error(diags, file, 0, 0,
		           TR(diags->lang, "gagal menyiapkan pembaca YAML", "could not set up the YAML reader"));
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
		           TR(diags->lang, "front matter harus berisi pasangan \"kunci: nilai\"",
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
			           TR(diags->lang,
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
