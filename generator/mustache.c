/* mustache.c - the Mustache engine: compiles templates to node trees (spec whitespace rules, inheritance, dynamic names) and renders them. */
#include "mustache.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/*
 * Design. A template is lexed into tokens (text split at line feeds, tags
 * matched with their end tags), then built line by line into a tree of nodes
 * stored in one array (children linked by index). Standalone lines are
 * decided while building, so rendering never looks at whitespace again.
 *
 * Indentation (standalone partials and parents, re-indented blocks) is not
 * baked into the tree: every kept template line starts with an N_INDENT
 * node, which emits the indentation in effect while rendering. A compiled
 * partial can therefore be shared by every place that includes it.
 *
 * Blocks follow the spec's inheritance tests (see also whitespace.md in the
 * spec repository): a block whose opening tag ends its line has an
 * "intrinsic indentation" (the leading blanks of the next line) stripped
 * from each content line at compile time; where a parameter block is
 * expanded, its intrinsic indentation, or for a standalone pair such as
 * "  {{$b}}{{/b}}" its leading blanks, is added to the argument's lines.
 */

/* Limits that keep every input bounded in time and stack depth. */
#define MAX_OPEN_TAGS 256 /* sections, parents and blocks open at once in one template */
#define MAX_RENDER_NESTING 1024 /* sections, partials and blocks entered while rendering */
#define DEFAULT_MAX_DEPTH 64
#define MAX_OUTPUT ((size_t)1 << 28) /* bytes appended by one render */
#define MAX_DELIM 32
#define MAX_TEMPLATE ((size_t)(UINT32_MAX / 2))
#define SNIPPET 60 /* longest piece of a template quoted in a message */
#define NPOS ((size_t)-1)
#define NONE UINT32_MAX

/* ---- Tokens ---- */

typedef enum {
	TK_TEXT,
	TK_VAR,
	TK_RAW,
	TK_SECTION,
	TK_INVERTED,
	TK_END,
	TK_COMMENT,
	TK_PARTIAL,
	TK_PARENT,
	TK_BLOCK,
	TK_DELIM
} tok_kind;

/* One piece of template text (never spanning a line feed) or one tag. */
typedef struct tok {
	uint8_t kind;
	uint8_t eol; /* text: ends with a line feed */
	uint8_t blank; /* text: only spaces and tabs before its line ending */
	uint8_t dynamic; /* partial, parent or end tag: name preceded by '*' */
	uint32_t off, len; /* the text, or the tag's trimmed name */
	uint32_t tag_off, tag_len; /* the whole tag, for messages */
	unsigned line, col;
	uint32_t match; /* opening tag: its end tag; end tag: its opening tag */
	uint32_t encl; /* opening tag: the enclosing opening tag or NONE */
	uint32_t slip; /* its SLIP_CUT_NAME in the lexer's slips, or NONE */
} tok;

/* What the spec allows but a template hardly ever means, found while
 * lexing and reported by mst_template_lint. */
typedef enum {
	SLIP_COMMENT_TAG, /* a comment holding an opening delimiter swallows a tag */
	SLIP_CUT_NAME /* a tag's name runs on past a missing closing delimiter */
} slip_kind;

typedef struct slip {
	uint8_t kind;
	unsigned line, col; /* where it is reported */
	unsigned from_line, from_col; /* the tag it is found in */
	uint32_t off, len; /* the text quoted */
	char *close; /* the closing delimiter to write */
	char *fix; /* SLIP_CUT_NAME: the tag as meant */
} slip;

static void slips_free(slip *sl, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(sl[i].close);
		free(sl[i].fix);
	}
	free(sl);
}

typedef struct lexer {
	const char *src;
	size_t len;
	const char *file;
	diag_list *diags;
	const char *otag, *ctag; /* current delimiters */
	size_t olen, clen;
	size_t cur; /* line and col describe this position */
	unsigned line, col;
	tok *toks;
	size_t ntoks, cap;
	uint32_t *open; /* opening tags not yet closed */
	size_t nopen, capopen;
	slip *slips;
	size_t nslips, capslips;
} lexer;

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* First occurrence of needle in s[from..len), or NPOS. */
static size_t find_str(const char *s, size_t len, size_t from, const char *needle, size_t nlen)
{
	while (from + nlen <= len) {
		const char *p = memchr(s + from, needle[0], len - from - nlen + 1);
		if (!p)
			break;
		if (memcmp(p, needle, nlen) == 0)
			return (size_t)(p - s);
		from = (size_t)(p - s) + 1;
	}
	return NPOS;
}

/* Position of the closing delimiter at or after from; with pre, the position
 * of pre immediately before a closing delimiter ("}}}" for "}" and "}}"). */
static size_t find_close(const lexer *lx, size_t from, char pre)
{
	size_t c = from;
	for (;;) {
		c = find_str(lx->src, lx->len, c, lx->ctag, lx->clen);
		if (c == NPOS || !pre)
			return c;
		if (c > from && lx->src[c - 1] == pre)
			return c - 1;
		c++;
	}
}

/* Move the line/column counters forward to p (columns count characters). */
static void lex_advance(lexer *lx, size_t p)
{
	while (lx->cur < p) {
		const char *s = lx->src + lx->cur;
		const char *nl = memchr(s, '\n', p - lx->cur);
		if (!nl) {
			for (; lx->cur < p; lx->cur++)
				if (((unsigned char)lx->src[lx->cur] & 0xC0) != 0x80)
					lx->col++;
			return;
		}
		lx->line++;
		lx->col = 1;
		lx->cur = (size_t)(nl - lx->src) + 1;
	}
}

/* How many bytes of s (n long) to quote: at most SNIPPET, up to the first
 * line break, not cutting a UTF-8 sequence. */
static int snip(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < SNIPPET && s[i] != '\n' && s[i] != '\r')
		i++;
	if (i < n)
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
	return (int)i;
}

/* Length of a text token without its line ending. */
static size_t text_content_len(const char *src, const tok *t)
{
	size_t n = t->len;
	if (t->eol) {
		n--;
		if (n > 0 && src[t->off + n - 1] == '\r')
			n--;
	}
	return n;
}

static void lex_push(lexer *lx, const tok *t)
{
	ARRAY_PUSH(lx->toks, lx->ntoks, lx->cap, *t);
}

/* Append text s[a..b) as one token per line. */
static void lex_text(lexer *lx, size_t a, size_t b)
{
	while (a < b) {
		const char *nl = memchr(lx->src + a, '\n', b - a);
		size_t e = nl ? (size_t)(nl - lx->src) + 1 : b;
		size_t i, n;
		tok t;
		memset(&t, 0, sizeof t);
		t.kind = TK_TEXT;
		t.off = (uint32_t)a;
		t.len = (uint32_t)(e - a);
		t.eol = nl != NULL;
		t.match = t.encl = t.slip = NONE;
		n = text_content_len(lx->src, &t);
		for (i = 0; i < n && is_blank(lx->src[a + i]); i++)
			;
		t.blank = i == n;
		lex_push(lx, &t);
		a = e;
	}
}

/* Report "tag "..." <what>", what given in both languages. */
static void lex_error_at(lexer *lx, const tok *t, const char *what_id, const char *what_en)
{
	diag_error(lx->diags, lx->file, t->line, t->col, "tag \"%.*s\" %s",
	           snip(lx->src + t->tag_off, t->tag_len), lx->src + t->tag_off,
	           TR(lx->diags->lang, what_id, what_en));
}

static int err_unclosed_tag(lexer *lx, const tok *t, char pre)
{
	const char *s = lx->src + t->tag_off;
	diag_error(lx->diags, lx->file, t->line, t->col,
	           TR(lx->diags->lang, "tag \"%.*s\" tidak ditutup; tambahkan \"%s%.*s\"",
	              "tag \"%.*s\" is not closed; add \"%s%.*s\""),
	           snip(s, lx->len - t->tag_off), s, pre == '}' ? "}" : pre == '=' ? "=" : "",
	           (int)lx->clen, lx->ctag);
	return -1;
}

static int err_delim(lexer *lx, const tok *t)
{
	diag_error(lx->diags, lx->file, t->line, t->col,
	           TR(lx->diags->lang,
	              "tag pembatas \"%.*s\" tidak sah: harus berisi dua pembatas (masing-masing "
	              "paling panjang %d karakter, tanpa spasi dan tanpa \"=\"), misalnya "
	              "\"{{=<%% %%>=}}\"",
	              "set-delimiter tag \"%.*s\" is invalid: it must hold two delimiters (each "
	              "at most %d characters, without spaces or \"=\"), e.g. \"{{=<%% %%>=}}\""),
	           snip(lx->src + t->tag_off, t->tag_len), lx->src + t->tag_off, MAX_DELIM);
	return -1;
}

/* A tag whose name runs on past a missing closing delimiter, at the tag:
 * "{{name}" and a "{{kind}}" lines below make one tag named
 * "name}\n\n{{kind". */
static int err_cut(diag_list *diags, const char *file, const char *src, const slip *sl)
{
	diag_error(diags, file, sl->line, sl->col,
	           TR(diags->lang,
	              "tag \"%.*s\" tidak ditutup; tulis \"%s\" setelah namanya: \"%s\"",
	              "tag \"%.*s\" is not closed; write \"%s\" after its name: \"%s\""),
	           snip(src + sl->off, sl->len), src + sl->off, sl->close, sl->fix);
	return -1;
}

/* Take the next whitespace-separated word of s[*lo..hi). */
static size_t next_word(const char *s, size_t *lo, size_t hi, size_t *wlen)
{
	size_t start;
	while (*lo < hi && is_space(s[*lo]))
		(*lo)++;
	start = *lo;
	while (*lo < hi && !is_space(s[*lo]))
		(*lo)++;
	*wlen = *lo - start;
	return start;
}

static int delim_ok(const char *s, size_t n)
{
	return n > 0 && n <= MAX_DELIM && !memchr(s, '=', n);
}

/* Apply a set-delimiter tag whose content is s[lo..hi). */
static int lex_delims(lexer *lx, const tok *t, size_t lo, size_t hi)
{
	const char *s = lx->src;
	size_t l1, l2, l3;
	size_t w1 = next_word(s, &lo, hi, &l1);
	size_t w2 = next_word(s, &lo, hi, &l2);
	next_word(s, &lo, hi, &l3);
	if (l3 || !delim_ok(s + w1, l1) || !delim_ok(s + w2, l2))
		return err_delim(lx, t);
	lx->otag = s + w1;
	lx->olen = l1;
	lx->ctag = s + w2;
	lx->clen = l2;
	return 0;
}

static const char *kind_word(const diag_list *dl, uint8_t kind)
{
	switch (kind) {
	case TK_PARENT:
		return TR(dl->lang, "templat induk", "parent");
	case TK_BLOCK:
		return TR(dl->lang, "blok", "block");
	default:
		return TR(dl->lang, "bagian", "section");
	}
}

/* The end tag that closes o, written with the current delimiters. */
static char *closer(const lexer *lx, const tok *o)
{
	return xasprintf("%.*s/%s%.*s%.*s", (int)lx->olen, lx->otag, o->dynamic ? "*" : "",
	                 snip(lx->src + o->off, o->len), lx->src + o->off, (int)lx->clen, lx->ctag);
}

static int is_opener(uint8_t kind)
{
	return kind == TK_SECTION || kind == TK_INVERTED || kind == TK_PARENT || kind == TK_BLOCK;
}

/* Match the tag just pushed against the open ones. */
static int lex_nest(lexer *lx)
{
	uint32_t idx = (uint32_t)(lx->ntoks - 1);
	tok *t = &lx->toks[idx];
	tok *o;
	if (is_opener(t->kind)) {
		if (lx->nopen >= MAX_OPEN_TAGS) {
			diag_error(lx->diags, lx->file, t->line, t->col,
			           TR(lx->diags->lang, "bagian bersarang terlalu dalam (lebih dari %d tingkat)",
			              "sections nested too deeply (more than %d levels)"),
			           MAX_OPEN_TAGS);
			return -1;
		}
		t->encl = lx->nopen ? lx->open[lx->nopen - 1] : NONE;
		ARRAY_PUSH(lx->open, lx->nopen, lx->capopen, idx);
		return 0;
	}
	if (t->kind != TK_END)
		return 0;
	if (!lx->nopen) {
		if (t->slip != NONE)
			return err_cut(lx->diags, lx->file, lx->src, &lx->slips[t->slip]);
		lex_error_at(lx, t, "menutup bagian yang tidak pernah dibuka",
		             "closes a section that was never opened");
		return -1;
	}
	o = &lx->toks[lx->open[lx->nopen - 1]];
	if (o->len != t->len || memcmp(lx->src + o->off, lx->src + t->off, t->len) != 0) {
		char *want;
		/* a tag whose name ran on is the cause, not the pair */
		if (o->slip != NONE || t->slip != NONE)
			return err_cut(lx->diags, lx->file, lx->src,
			               &lx->slips[o->slip != NONE ? o->slip : t->slip]);
		want = closer(lx, o);
		diag_error(lx->diags, lx->file, t->line, t->col,
		           TR(lx->diags->lang,
		              "tag penutup \"%.*s\" tidak cocok dengan \"%.*s\" di baris %u kolom %u; "
		              "seharusnya \"%s\"",
		              "end tag \"%.*s\" does not match \"%.*s\" at line %u column %u; "
		              "expected \"%s\""),
		           snip(lx->src + t->tag_off, t->tag_len), lx->src + t->tag_off,
		           snip(lx->src + o->tag_off, o->tag_len), lx->src + o->tag_off, o->line, o->col,
		           want);
		free(want);
		return -1;
	}
	o->match = idx;
	t->match = lx->open[--lx->nopen];
	return 0;
}

static int sigil_kind(char c)
{
	switch (c) {
	case '#':
		return TK_SECTION;
	case '^':
		return TK_INVERTED;
	case '/':
		return TK_END;
	case '!':
		return TK_COMMENT;
	case '>':
		return TK_PARTIAL;
	case '<':
		return TK_PARENT;
	case '$':
		return TK_BLOCK;
	case '&':
		return TK_RAW;
	default:
		return -1;
	}
}

/* Store the tag's name s[lo..hi), trimmed, with the dynamic marker. */
static int lex_name(lexer *lx, tok *t, size_t lo, size_t hi)
{
	const char *s = lx->src;
	while (lo < hi && is_space(s[lo]))
		lo++;
	while (hi > lo && is_space(s[hi - 1]))
		hi--;
	if (lo < hi && s[lo] == '*' &&
	    (t->kind == TK_PARTIAL || t->kind == TK_PARENT || t->kind == TK_END)) {
		t->dynamic = 1;
		for (lo++; lo < hi && is_space(s[lo]); lo++)
			;
	}
	if (lo == hi) {
		lex_error_at(lx, t, "tidak memiliki nama", "has no name");
		return -1;
	}
	t->off = (uint32_t)lo;
	t->len = (uint32_t)(hi - lo);
	return 0;
}

/* Line and column of src[p], a position inside tag t. */
static void pos_in_tag(const lexer *lx, const tok *t, size_t p, unsigned *line, unsigned *col)
{
	size_t i;
	*line = t->line;
	for (i = t->tag_off; i < p; i++)
		if (lx->src[i] == '\n')
			(*line)++;
	*col = text_column(lx->src, lx->src + p);
}

/* A comment whose text src[lo..hi) holds an opening delimiter ends at the
 * closing one of the tag written there and swallows it: its own closing
 * delimiter was deleted, or a note names a tag. The spec allows it. */
static void lex_comment(lexer *lx, const tok *t, size_t lo, size_t hi)
{
	size_t in = find_str(lx->src, hi, lo, lx->otag, lx->olen);
	slip sl;
	if (in == NPOS)
		return;
	memset(&sl, 0, sizeof sl);
	sl.kind = SLIP_COMMENT_TAG;
	pos_in_tag(lx, t, in, &sl.line, &sl.col);
	sl.from_line = t->line;
	sl.from_col = t->col;
	sl.off = (uint32_t)in;
	sl.len = (uint32_t)(t->tag_off + t->tag_len - in);
	sl.close = xstrndup(lx->ctag, lx->clen);
	ARRAY_PUSH(lx->slips, lx->nslips, lx->capslips, sl);
}

/* Where the name of tag t stops being one: at a line feed, an opening
 * delimiter or the first character of the closing one. NPOS when it runs
 * whole, or is cut before any character. */
static size_t name_cut(const lexer *lx, const tok *t)
{
	const char *s = lx->src + t->off;
	size_t i;
	for (i = 0; i < t->len; i++)
		if (s[i] == '\n' || s[i] == lx->ctag[0] ||
		    (t->len - i >= lx->olen && memcmp(s + i, lx->otag, lx->olen) == 0))
			break;
	while (i > 0 && is_space(s[i - 1]))
		i--;
	return i == 0 || i == t->len ? NPOS : i;
}

/* A tag whose name runs on past a missing closing delimiter ("{{name}"
 * and a "{{kind}}" lines below), as the tag was meant: "{{name}}". The
 * spec leaves such a name undefined; rekap reports it. pre is '}' for a
 * "{{{name}}}" tag. */
static void lex_cut(lexer *lx, tok *t, char pre)
{
	size_t cut = name_cut(lx, t), end;
	slip sl;
	if (cut == NPOS)
		return;
	end = t->off + cut;
	memset(&sl, 0, sizeof sl);
	sl.kind = SLIP_CUT_NAME;
	sl.line = t->line;
	sl.col = t->col;
	sl.off = t->tag_off;
	sl.len = (uint32_t)(end - t->tag_off);
	while (sl.off + sl.len < t->off + t->len && is_blank(lx->src[sl.off + sl.len]))
		sl.len++;
	while (sl.off + sl.len < t->off + t->len && lx->src[sl.off + sl.len] == lx->ctag[0])
		sl.len++; /* the braces written */
	sl.close = xasprintf("%s%.*s", pre == '}' ? "}" : "", (int)lx->clen, lx->ctag);
	sl.fix = xasprintf("%.*s%s", (int)(end - t->tag_off), lx->src + t->tag_off, sl.close);
	t->slip = (uint32_t)lx->nslips;
	ARRAY_PUSH(lx->slips, lx->nslips, lx->capslips, sl);
}

/* Lex the tag whose opening delimiter starts at at; *next is set past it. */
static int lex_tag(lexer *lx, size_t at, size_t *next)
{
	const char *s = lx->src;
	size_t a = at + lx->olen, lo, hi, end, c;
	char pre = 0;
	tok t;
	memset(&t, 0, sizeof t);
	lex_advance(lx, at);
	t.line = lx->line;
	t.col = lx->col;
	t.match = t.encl = t.slip = NONE;
	t.kind = TK_VAR;
	t.tag_off = (uint32_t)at;
	if (a < lx->len && (s[a] == '{' || s[a] == '='))
		pre = s[a] == '{' ? '}' : '=';
	c = find_close(lx, pre ? a + 1 : a, pre);
	if (c == NPOS)
		return err_unclosed_tag(lx, &t, pre);
	end = c + (pre ? 1 : 0) + lx->clen;
	t.tag_len = (uint32_t)(end - at);
	lo = pre ? a + 1 : a;
	hi = c;
	if (pre) {
		t.kind = pre == '}' ? TK_RAW : TK_DELIM;
	} else {
		while (lo < hi && is_space(s[lo]))
			lo++;
		if (lo < hi && sigil_kind(s[lo]) >= 0)
			t.kind = (uint8_t)sigil_kind(s[lo++]);
	}
	*next = end;
	if (t.kind == TK_DELIM && lex_delims(lx, &t, lo, hi) < 0)
		return -1;
	if (t.kind == TK_COMMENT)
		lex_comment(lx, &t, lo, hi);
	else if (t.kind != TK_DELIM && lex_name(lx, &t, lo, hi) < 0)
		return -1;
	else if (t.kind != TK_DELIM)
		lex_cut(lx, &t, pre);
	lex_push(lx, &t);
	return lex_nest(lx);
}

/* Split the whole template into tokens and match the section tags. */
static int lex_run(lexer *lx)
{
	size_t pos = 0;
	while (pos < lx->len) {
		size_t at = find_str(lx->src, lx->len, pos, lx->otag, lx->olen);
		if (at == NPOS) {
			lex_text(lx, pos, lx->len);
			break;
		}
		lex_text(lx, pos, at);
		if (lex_tag(lx, at, &pos) < 0)
			return -1;
	}
	if (lx->nopen) {
		const tok *o = &lx->toks[lx->open[lx->nopen - 1]];
		char *want;
		if (o->slip != NONE)
			return err_cut(lx->diags, lx->file, lx->src, &lx->slips[o->slip]);
		want = closer(lx, o);
		diag_error(lx->diags, lx->file, o->line, o->col,
		           TR(lx->diags->lang, "%s \"%.*s\" tidak ditutup; tambahkan \"%s\"",
		              "%s \"%.*s\" is not closed; add \"%s\""),
		           kind_word(lx->diags, o->kind), snip(lx->src + o->tag_off, o->tag_len),
		           lx->src + o->tag_off, want);
		free(want);
		return -1;
	}
	return 0;
}

/* ---- Compiled templates ---- */

typedef enum {
	N_ROOT,
	N_TEXT,
	N_INDENT, /* a template line starts: emit the current indentation */
	N_VAR,
	N_RAW,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,
	N_BLOCK
} node_kind;

enum {
	NF_DYNAMIC = 1, /* partial/parent: the name is looked up in the context */
	NF_STANDALONE = 2, /* partial/parent: its lines are indented by ind */
	NF_BOL = 4, /* argument block: its content starts at a line start */
	NF_PAIR = 8, /* parameter block: standalone pair, arguments indented by ind */
	NF_STRIP = 16, /* parameter block: intrinsic indentation ind, stripped from its content */
	NF_ARG = 32 /* block directly inside a parent tag */
};

typedef struct mst_node {
	uint8_t kind, flags;
	uint32_t nseg; /* name segments (dotted names); 0 for "." */
	uint32_t next, child; /* next sibling, first child; 0 = none */
	uint32_t off, len; /* text: range of src; otherwise the name in names */
	uint32_t ind_off, ind_len; /* indentation: range of src */
	unsigned line, col;
} mst_node;

struct mst_template {
	char *src;
	char *file;
	char *names; /* NUL-terminated name segments */
	size_t names_len;
	/* For each name segment (by its offset in names), the position in a
	 * map where it was last found: the maps of one kind (a page's context,
	 * an indicator's row) are built key by key in the same order, so the
	 * next lookup of that name usually finds it there at once instead of
	 * comparing the keys before it. Only a hint, checked before use;
	 * relaxed atomics, as a compiled template may be rendered by several
	 * threads at once. */
	_Atomic uint32_t *hints;
	mst_node *nodes; /* nodes[0] is the root */
	size_t nnodes;
	slip *slips; /* for mst_template_lint */
	size_t nslips;
};

void mst_template_free(mst_template *t)
{
	if (!t)
		return;
	free(t->src);
	free(t->file);
	free(t->names);
	free((void *)t->hints);
	free(t->nodes);
	slips_free(t->slips, t->nslips);
	free(t);
}

/* ---- Building the node tree: standalone lines, indentation ---- */

typedef struct cont {
	uint32_t node, last; /* an open container and its last child */
} cont;

typedef struct strip {
	uint32_t off, len; /* indentation removed from each line start */
	uint32_t node;
	int pending; /* taken from the next line start */
} strip;

typedef struct builder {
	lexer *lx;
	mst_node *nodes;
	size_t nnodes, cap;
	buf names;
	cont *cs;
	size_t ncs, capcs;
	strip *ss;
	size_t nss, capss;
	uint8_t *lclear, *rclear; /* per token: only blanks before/after it on its line */
} builder;

/* One template line: tokens [start, end). */
typedef struct line {
	size_t start, end, first, last, ntags;
	int nonempty, rule1, drop_lead, drop_trail;
	uint32_t w_off, w_len; /* leading blanks before the first tag */
} line;

static uint32_t new_node(builder *b, uint8_t kind, const tok *t)
{
	mst_node n;
	memset(&n, 0, sizeof n);
	n.kind = kind;
	if (t) {
		n.line = t->line;
		n.col = t->col;
	}
	ARRAY_PUSH(b->nodes, b->nnodes, b->cap, n);
	return (uint32_t)(b->nnodes - 1);
}

/* Record a name; dotted names are split into NUL-separated segments. */
static void set_name(builder *b, uint32_t idx, const tok *t, int split)
{
	const char *s = b->lx->src + t->off;
	size_t i, start = 0;
	mst_node *n = &b->nodes[idx];
	n->off = (uint32_t)b->names.len;
	if (split && t->len == 1 && s[0] == '.') {
		buf_putc(&b->names, '\0');
		n->nseg = 0;
	} else if (!split) {
		buf_put(&b->names, s, t->len);
		buf_putc(&b->names, '\0');
		n->nseg = 1;
	} else {
		for (i = 0; i <= t->len; i++) {
			if (i == t->len || s[i] == '.') {
				buf_put(&b->names, s + start, i - start);
				buf_putc(&b->names, '\0');
				n->nseg++;
				start = i + 1;
			}
		}
	}
	n->len = (uint32_t)(b->names.len - n->off);
}

/* Attach node idx to the open container; inside a parent tag only blocks
 * count, everything else there is ignored. */
static void link_node(builder *b, uint32_t idx)
{
	cont *c = &b->cs[b->ncs - 1];
	if (b->nodes[c->node].kind == N_PARENT && b->nodes[idx].kind != N_BLOCK)
		return;
	if (c->last)
		b->nodes[c->last].next = idx;
	else
		b->nodes[c->node].child = idx;
	c->last = idx;
}

static void push_cont(builder *b, uint32_t idx)
{
	cont c = {idx, 0};
	ARRAY_PUSH(b->cs, b->ncs, b->capcs, c);
}

static void add_text(builder *b, uint32_t off, uint32_t len)
{
	cont *c = &b->cs[b->ncs - 1];
	uint32_t idx;
	if (!len || b->nodes[c->node].kind == N_PARENT)
		return;
	if (c->last && b->nodes[c->last].kind == N_TEXT &&
	    b->nodes[c->last].off + b->nodes[c->last].len == off) {
		b->nodes[c->last].len += len;
		return;
	}
	idx = new_node(b, N_TEXT, NULL);
	b->nodes[idx].off = off;
	b->nodes[idx].len = len;
	link_node(b, idx);
}

static void compute_clearance(builder *b)
{
	const tok *k = b->lx->toks;
	size_t n = b->lx->ntoks, i;
	b->lclear = xcalloc(n, 1);
	b->rclear = xcalloc(n, 1);
	for (i = 0; i < n; i++) {
		int at_start = i == 0 || (k[i - 1].kind == TK_TEXT && k[i - 1].eol);
		b->lclear[i] = at_start || (b->lclear[i - 1] && k[i - 1].kind == TK_TEXT && k[i - 1].blank);
	}
	for (i = n; i-- > 0;) {
		if (i + 1 == n)
			b->rclear[i] = 1;
		else
			b->rclear[i] = k[i + 1].kind == TK_TEXT && k[i + 1].blank &&
			               (k[i + 1].eol || b->rclear[i + 1]);
	}
}

static int is_arg_block(const builder *b, size_t i)
{
	const tok *k = b->lx->toks;
	return k[i].kind == TK_BLOCK && k[i].encl != NONE && k[k[i].encl].kind == TK_PARENT;
}

/* A parent tag pair is standalone when its opening tag starts its line and
 * either tag ends its line; its leading blanks then indent the parent. */
static int parent_standalone(const builder *b, size_t i)
{
	return b->lclear[i] && (b->rclear[i] || b->rclear[b->lx->toks[i].match]);
}

static int standalone_kind(uint8_t kind)
{
	return kind != TK_TEXT && kind != TK_VAR && kind != TK_RAW;
}

/* At a line start: resolve pending intrinsic indentations and strip the
 * indentations of the enclosing blocks from the line's first token. */
static void line_start(builder *b, size_t i)
{
	tok *t = &b->lx->toks[i];
	const char *src = b->lx->src;
	size_t k;
	for (k = 0; k < b->nss; k++) {
		strip *s = &b->ss[k];
		if (s->pending) {
			uint32_t w = 0;
			if (t->kind == TK_TEXT)
				while (w < t->len && is_blank(src[t->off + w]))
					w++;
			s->off = t->off;
			s->len = w;
			s->pending = 0;
			b->nodes[s->node].ind_off = s->off;
			b->nodes[s->node].ind_len = w;
		}
		if (s->len && t->kind == TK_TEXT && t->len >= s->len &&
		    memcmp(src + t->off, src + s->off, s->len) == 0) {
			t->off += s->len;
			t->len -= s->len;
		}
	}
}

static void scan_line(const builder *b, size_t i, line *ln)
{
	const lexer *lx = b->lx;
	size_t e = i;
	memset(ln, 0, sizeof *ln);
	ln->start = i;
	ln->first = ln->last = NPOS;
	while (e < lx->ntoks) {
		const tok *t = &lx->toks[e++];
		if (t->kind != TK_TEXT) {
			if (ln->first == NPOS)
				ln->first = e - 1;
			ln->last = e - 1;
			ln->ntags++;
			ln->nonempty = 1;
			continue;
		}
		if (text_content_len(lx->src, t))
			ln->nonempty = 1;
		if (t->eol)
			break;
	}
	ln->end = e;
	if (ln->first != NPOS && ln->first > i && lx->toks[i].kind == TK_TEXT) {
		ln->w_off = lx->toks[i].off;
		ln->w_len = lx->toks[i].len;
	}
}

/* Decide which blanks and line endings of the line belong to its tags. */
static void decide_line(const builder *b, line *ln)
{
	const tok *k = b->lx->toks;
	size_t f = ln->first, l = ln->last;
	if (!ln->ntags)
		return;
	if (ln->ntags == 1 && standalone_kind(k[f].kind) && b->lclear[f] && b->rclear[f]) {
		ln->rule1 = ln->drop_lead = ln->drop_trail = 1;
		return;
	}
	if (b->lclear[f]) {
		if (k[f].kind == TK_PARENT && parent_standalone(b, f))
			ln->drop_lead = 1;
		else if (k[f].kind == TK_END && is_arg_block(b, k[f].match))
			ln->drop_lead = 1;
	}
	if (b->rclear[l]) {
		if (k[l].kind == TK_END && k[k[l].match].kind == TK_PARENT && parent_standalone(b, k[l].match))
			ln->drop_trail = 1;
		else if (is_arg_block(b, l))
			ln->drop_trail = 1;
	}
}

static void push_strip(builder *b, uint32_t node)
{
	strip s = {0, 0, node, 1};
	ARRAY_PUSH(b->ss, b->nss, b->capss, s);
}

static void build_block(builder *b, const line *ln, size_t j, uint32_t idx)
{
	const tok *t = &b->lx->toks[j];
	mst_node *n = &b->nodes[idx];
	if (is_arg_block(b, j)) {
		n->flags |= NF_ARG;
		if (b->rclear[j]) {
			n->flags |= NF_BOL;
			push_strip(b, idx);
		}
	} else if (ln->rule1) {
		n->flags |= NF_STRIP;
		push_strip(b, idx);
	} else if (b->lclear[j] && b->rclear[t->match]) {
		n->flags |= NF_PAIR;
		n->ind_off = ln->w_off;
		n->ind_len = ln->w_len;
	}
}

static void build_tag(builder *b, const line *ln, size_t j)
{
	const tok *t = &b->lx->toks[j];
	static const uint8_t kinds[] = {
		[TK_VAR] = N_VAR,           [TK_RAW] = N_RAW,         [TK_SECTION] = N_SECTION,
		[TK_INVERTED] = N_INVERTED, [TK_PARTIAL] = N_PARTIAL, [TK_PARENT] = N_PARENT,
		[TK_BLOCK] = N_BLOCK,
	};
	uint32_t idx;
	int standalone = 0;
	if (t->kind == TK_COMMENT || t->kind == TK_DELIM)
		return;
	if (t->kind == TK_END) {
		uint32_t node = b->cs[--b->ncs].node;
		if (b->nss && b->ss[b->nss - 1].node == node)
			b->nss--;
		return;
	}
	idx = new_node(b, kinds[t->kind], t);
	set_name(b, idx, t, t->kind != TK_PARTIAL && t->kind != TK_PARENT && t->kind != TK_BLOCK ? 1 : t->dynamic);
	if (t->dynamic)
		b->nodes[idx].flags |= NF_DYNAMIC;
	if (t->kind == TK_PARTIAL)
		standalone = ln->rule1;
	else if (t->kind == TK_PARENT)
		standalone = j == ln->first && parent_standalone(b, j);
	else if (t->kind == TK_BLOCK)
		build_block(b, ln, j, idx);
	if (standalone) {
		b->nodes[idx].flags |= NF_STANDALONE;
		b->nodes[idx].ind_off = ln->w_off;
		b->nodes[idx].ind_len = ln->w_len;
	}
	link_node(b, idx);
	if (is_opener(t->kind))
		push_cont(b, idx);
}

static void build_line(builder *b, const line *ln)
{
	const tok *k = b->lx->toks;
	size_t j;
	if (ln->nonempty && !ln->drop_lead) {
		const cont *c = &b->cs[b->ncs - 1];
		if (b->nodes[c->node].kind != N_PARENT)
			link_node(b, new_node(b, N_INDENT, NULL));
	}
	for (j = ln->start; j < ln->end; j++) {
		if (k[j].kind != TK_TEXT)
			build_tag(b, ln, j);
		else if (!(ln->drop_lead && j < ln->first) && !(ln->drop_trail && j > ln->last))
			add_text(b, k[j].off, k[j].len);
	}
}

static void build(builder *b)
{
	size_t i = 0;
	new_node(b, N_ROOT, NULL);
	push_cont(b, 0);
	compute_clearance(b);
	while (i < b->lx->ntoks) {
		line ln;
		line_start(b, i);
		scan_line(b, i, &ln);
		decide_line(b, &ln);
		build_line(b, &ln);
		i = ln.end;
	}
}

mst_template *mst_compile(const char *tmpl, size_t len, const char *file, diag_list *diags)
{
	lexer lx;
	builder b;
	mst_template *t;
	if (len > MAX_TEMPLATE) {
		diag_error(diags, file, 0, 0,
		           TR(diags->lang, "templat terlalu besar (%zu bita)", "template too large (%zu bytes)"),
		           len);
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	t->src = xstrndup(tmpl ? tmpl : "", tmpl ? len : 0);
	t->file = file ? xstrdup(file) : NULL;
	memset(&lx, 0, sizeof lx);
	lx.src = t->src;
	lx.len = tmpl ? len : 0;
	lx.file = file;
	lx.diags = diags;
	lx.otag = "{{";
	lx.ctag = "}}";
	lx.olen = lx.clen = 2;
	lx.line = lx.col = 1;
	if (lex_run(&lx) < 0) {
		free(lx.toks);
		free(lx.open);
		slips_free(lx.slips, lx.nslips);
		mst_template_free(t);
		return NULL;
	}
	memset(&b, 0, sizeof b);
	b.lx = &lx;
	build(&b);
	t->nodes = b.nodes;
	t->nnodes = b.nnodes;
	t->names_len = b.names.len;
	t->names = buf_detach(&b.names);
	t->hints = xcalloc(t->names_len ? t->names_len : 1, sizeof *t->hints);
	t->slips = lx.slips;
	t->nslips = lx.nslips;
	free(b.cs);
	free(b.ss);
	free(b.lclear);
	free(b.rclear);
	free(lx.toks);
	free(lx.open);
	return t;
}

/* ---- Rendering ---- */

typedef struct frame {
	const mst_template *t;
	uint32_t node; /* a parent node: its children are the arguments */
} frame;

typedef struct cache_ent {
	char *name; /* NULL: free slot */
	size_t hash;
	mst_template *t; /* NULL: no such partial */
} cache_ent;

/* Partials by name, open addressing. */
struct mst_cache {
	cache_ent *ents;
	size_t n, cap;
};

typedef struct render {
	const mst_options *opt;
	diag_list *diags;
	buf *out;
	mst_escape_fn escape;
	const value **ctx; /* the context stack */
	size_t nctx, capctx;
	buf ind; /* indentation at template line starts: ind.data[ind_base..ind.len) */
	size_t ind_base;
	int skip_indent; /* the next line start is already indented */
	frame *frames; /* parents being rendered, outermost first */
	size_t nframes, capframes;
	mst_cache *cache; /* opt->cache, or own for this render */
	mst_cache own;
	buf scratch;
	size_t out_start; /* out->len when rendering began */
	unsigned depth, max_depth, nesting;
	unsigned long steps, max_steps;
} render;

typedef struct ind_save {
	size_t len, base;
} ind_save;

static int render_nodes(render *r, const mst_template *t, uint32_t idx);

static void ind_push(render *r, ind_save *sv, const mst_template *t, const mst_node *n, int reset)
{
	sv->len = r->ind.len;
	sv->base = r->ind_base;
	if (reset)
		r->ind_base = r->ind.len;
	else if (n && n->ind_len)
		buf_put(&r->ind, t->src + n->ind_off, n->ind_len);
}

static void ind_pop(render *r, const ind_save *sv)
{
	r->ind.len = sv->len;
	if (r->ind.data)
		r->ind.data[sv->len] = '\0';
	r->ind_base = sv->base;
}

static void ctx_push(render *r, const value *v)
{
	ARRAY_PUSH(r->ctx, r->nctx, r->capctx, v);
}

/* Resolve a (dotted) name: the first segment walks the context stack from
 * the top, the others look only inside what was found. The frames walked
 * count towards the step budget. */
/* val_get(map, key) for the name segment at key in t->names, trying the
 * position of its hint first (a map's keys are distinct: val_map_set
 * replaces a key's value). */
static const value *map_get(const mst_template *t, const value *map, const char *key)
{
	_Atomic uint32_t *hint = &t->hints[key - t->names];
	const val_pair *pairs;
	size_t i, n;
	uint32_t h;
	if (!map || map->kind != VAL_MAP)
		return NULL;
	pairs = map->u.map.pairs;
	n = map->u.map.len;
	h = atomic_load_explicit(hint, memory_order_relaxed);
	if (h < n && pairs[h].key[0] == key[0] && strcmp(pairs[h].key, key) == 0)
		return pairs[h].val;
	for (i = 0; i < n; i++) {
		if (pairs[i].key[0] == key[0] && strcmp(pairs[i].key, key) == 0) {
			atomic_store_explicit(hint, (uint32_t)i, memory_order_relaxed);
			return pairs[i].val;
		}
	}
	return NULL;
}

static const value *lookup(render *r, const mst_template *t, const mst_node *n)
{
	const char *seg = t->names + n->off;
	const value *v = NULL;
	size_t k;
	uint32_t s;
	if (n->nseg == 0)
		return r->nctx ? r->ctx[r->nctx - 1] : NULL;
	for (k = r->nctx; k > 0; k--) {
		const value *f = r->ctx[k - 1];
		r->steps++;
		if ((v = map_get(t, f, seg)) != NULL)
			break;
	}
	for (s = 1; v && s < n->nseg; s++) {
		seg += strlen(seg) + 1;
		v = map_get(t, v, seg);
	}
	return v;
}

static void put(render *r, const char *s, size_t n, int esc)
{
	if (esc)
		r->escape(r->out, s, n);
	else
		buf_put(r->out, s, n);
}

static void emit_value(render *r, const value *v, int esc)
{
	if (!v)
		return;
	switch (v->kind) {
	case VAL_STR:
		if (v->u.str.s)
			put(r, v->u.str.s, v->u.str.len, esc);
		break;
	case VAL_NUM:
		buf_reset(&r->scratch);
		mst_format_number(&r->scratch, v->u.num);
		put(r, r->scratch.data, r->scratch.len, esc);
		break;
	case VAL_BOOL:
		put(r, v->u.boolean ? "true" : "false", v->u.boolean ? 4 : 5, esc);
		break;
	default:
		break;
	}
}

static int enter(render *r, const mst_template *t, const mst_node *n)
{
	if (r->nesting >= MAX_RENDER_NESTING) {
		diag_error(r->diags, t->file, n->line, n->col,
		           TR(r->diags->lang,
		              "templat bersarang terlalu dalam saat dirender (lebih dari %d tingkat)",
		              "templates nested too deeply while rendering (more than %d levels)"),
		           MAX_RENDER_NESTING);
		return -1;
	}
	r->nesting++;
	return 0;
}

static int render_section(render *r, const mst_template *t, const mst_node *n)
{
	const value *v = lookup(r, t, n);
	int rc = 0;
	size_t i;
	if (n->kind == N_INVERTED ? val_truthy(v) : !val_truthy(v))
		return 0;
	if (!n->child)
		return 0;
	if (enter(r, t, n) < 0)
		return -1;
	if (n->kind == N_INVERTED) {
		rc = render_nodes(r, t, n->child);
	} else if (v->kind == VAL_LIST) {
		for (i = 0; i < v->u.list.len && rc == 0; i++) {
			ctx_push(r, v->u.list.items[i]);
			rc = render_nodes(r, t, n->child);
			r->nctx--;
		}
	} else {
		ctx_push(r, v);
		rc = render_nodes(r, t, n->child);
		r->nctx--;
	}
	r->nesting--;
	return rc;
}

static size_t hash_str(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static cache_ent *cache_slot(mst_cache *c, const char *name, size_t h)
{
	size_t i = h & (c->cap - 1);
	while (c->ents[i].name && (c->ents[i].hash != h || strcmp(c->ents[i].name, name) != 0))
		i = (i + 1) & (c->cap - 1);
	return &c->ents[i];
}

static void cache_grow(mst_cache *c)
{
	cache_ent *old = c->ents;
	size_t oldcap = c->cap, i;
	c->cap = oldcap ? oldcap * 2 : 16;
	c->ents = xcalloc(c->cap, sizeof *c->ents);
	for (i = 0; i < oldcap; i++)
		if (old[i].name)
			*cache_slot(c, old[i].name, old[i].hash) = old[i];
	free(old);
}

static void cache_release(mst_cache *c)
{
	size_t i;
	for (i = 0; i < c->cap; i++) {
		free(c->ents[i].name);
		mst_template_free(c->ents[i].t);
	}
	free(c->ents);
	memset(c, 0, sizeof *c);
}

mst_cache *mst_cache_new(void)
{
	return xcalloc(1, sizeof(mst_cache));
}

void mst_cache_free(mst_cache *c)
{
	if (!c)
		return;
	cache_release(c);
	free(c);
}

/* The compiled partial called name, or NULL when the loader has none.
 * Returns -1 when it does not compile (diagnostics recorded). */
static int fetch(render *r, const char *name, const mst_template **out)
{
	size_t h = hash_str(name);
	mst_cache *c = r->cache;
	cache_ent *e;
	const char *text, *file = NULL;
	*out = NULL;
	if (!r->opt || !r->opt->partial)
		return 0;
	if ((c->n + 1) * 2 > c->cap)
		cache_grow(c);
	e = cache_slot(c, name, h);
	if (!e->name) {
		text = r->opt->partial(r->opt->partial_ud, name, &file);
		e->t = NULL;
		if (text) {
			e->t = mst_compile(text, strlen(text), file ? file : name, r->diags);
			if (!e->t)
				return -1;
		}
		e->name = xstrdup(name);
		e->hash = h;
		c->n++;
	}
	*out = e->t;
	return 0;
}

/* The template name of a partial or parent tag, NULL when a dynamic name
 * does not resolve to a string. */
static const char *target_name(render *r, const mst_template *t, const mst_node *n)
{
	const value *v;
	if (!(n->flags & NF_DYNAMIC))
		return t->names + n->off;
	v = lookup(r, t, n);
	return v && v->kind == VAL_STR && v->u.str.s ? v->u.str.s : NULL;
}

static int err_depth(render *r, const mst_template *t, const mst_node *n, const char *name)
{
	const char *what = n->kind == N_PARTIAL  ? "partial"
	                   : n->kind == N_PARENT ? TR(r->diags->lang, "templat induk", "parent")
	                                         : TR(r->diags->lang, "blok", "block");
	diag_error(r->diags, t->file, n->line, n->col,
	           TR(r->diags->lang,
	              "%s \"%.*s\" bersarang terlalu dalam (lebih dari %u tingkat); apakah ia "
	              "menyertakan dirinya sendiri?",
	              "%s \"%.*s\" is nested too deeply (more than %u levels); does it include "
	              "itself?"),
	           what, snip(name, strlen(name)), name, r->max_depth);
	return -1;
}

static int err_missing(render *r, const mst_template *t, const mst_node *n, const char *name)
{
	diag_error(r->diags, t->file, n->line, n->col,
	           n->kind == N_PARTIAL
	                   ? TR(r->diags->lang,
	                        "partial \"%.*s\" tidak ada di folder templat; periksa nama dan "
	                        "foldernya",
	                        "partial \"%.*s\" is not in the templates folder; check its name "
	                        "and folder")
	                   : TR(r->diags->lang,
	                        "templat induk \"%.*s\" tidak ada di folder templat; periksa nama "
	                        "dan foldernya",
	                        "parent template \"%.*s\" is not in the templates folder; check "
	                        "its name and folder"),
	           snip(name, strlen(name)), name);
	return -1;
}

/* {{>name}} and {{<name}}...{{/name}}. */
static int render_include(render *r, const mst_template *t, uint32_t idx)
{
	const mst_node *n = &t->nodes[idx];
	const char *name = target_name(r, t, n);
	const mst_template *p;
	ind_save sv;
	int rc;
	if (!name)
		return 0;
	if (r->depth >= r->max_depth)
		return err_depth(r, t, n, name);
	if (fetch(r, name, &p) < 0)
		return -1;
	if (!p && r->opt && r->opt->require_partials && !(n->flags & NF_DYNAMIC))
		return err_missing(r, t, n, name);
	if (!p)
		return 0;
	if (enter(r, t, n) < 0)
		return -1;
	ind_push(r, &sv, t, n, !(n->flags & NF_STANDALONE));
	if (n->kind == N_PARENT) {
		frame f = {t, idx};
		ARRAY_PUSH(r->frames, r->nframes, r->capframes, f);
	}
	r->depth++;
	rc = render_nodes(r, p, p->nodes[0].child);
	r->depth--;
	if (n->kind == N_PARENT)
		r->nframes--;
	ind_pop(r, &sv);
	r->nesting--;
	return rc;
}

/* The argument for block name: the outermost parent tag passing one wins.
 * The arguments compared count towards the step budget (a block in nested
 * sections under a parent with many arguments would otherwise run for
 * minutes within it). */
static int find_arg(render *r, const char *name, const mst_template **at, uint32_t *arg)
{
	size_t f;
	for (f = 0; f < r->nframes; f++) {
		const mst_template *ft = r->frames[f].t;
		uint32_t c;
		for (c = ft->nodes[r->frames[f].node].child; c; c = ft->nodes[c].next) {
			r->steps++;
			if (strcmp(ft->names + ft->nodes[c].off, name) == 0) {
				*at = ft;
				*arg = c;
				return 1;
			}
		}
	}
	return 0;
}

/* {{$name}}default{{/name}}: an argument passed by a parent tag, or the
 * default content, re-indented for this place. */
static int render_block(render *r, const mst_template *t, const mst_node *n)
{
	const char *name = t->names + n->off;
	const mst_template *at;
	uint32_t arg;
	ind_save sv;
	int rc, skip = 0;
	if (!find_arg(r, name, &at, &arg)) {
		if (!n->child)
			return 0;
		if (enter(r, t, n) < 0)
			return -1;
		ind_push(r, &sv, t, (n->flags & NF_STRIP) ? n : NULL, 0);
		rc = render_nodes(r, t, n->child);
		ind_pop(r, &sv);
		r->nesting--;
		return rc;
	}
	if (r->depth >= r->max_depth)
		return err_depth(r, t, n, name);
	if (enter(r, t, n) < 0)
		return -1;
	ind_push(r, &sv, t, (n->flags & (NF_STRIP | NF_PAIR)) ? n : NULL, 0);
	if ((n->flags & NF_PAIR) && (at->nodes[arg].flags & NF_BOL))
		r->skip_indent = skip = 1;
	r->depth++;
	rc = render_nodes(r, at, at->nodes[arg].child);
	r->depth--;
	if (skip)
		r->skip_indent = 0;
	ind_pop(r, &sv);
	r->nesting--;
	return rc;
}

static void render_indent(render *r)
{
	if (r->skip_indent)
		r->skip_indent = 0;
	else if (r->ind.len > r->ind_base)
		buf_put(r->out, r->ind.data + r->ind_base, r->ind.len - r->ind_base);
}

/* Stop renders whose work or output explodes (nested lists, recursion). */
static int check_budget(render *r, const mst_template *t, const mst_node *n)
{
	if (++r->steps > r->max_steps) {
		diag_error(r->diags, t->file, n->line, n->col,
		           TR(r->diags->lang,
		              "templat terlalu berat untuk dirender (lebih dari %lu langkah); periksa "
		              "rekursi partial atau bagian yang bersarang",
		              "template too costly to render (more than %lu steps); check for "
		              "recursive partials or nested sections"),
		           r->max_steps);
		return -1;
	}
	if (r->out->len - r->out_start > MAX_OUTPUT) {
		diag_error(r->diags, t->file, n->line, n->col,
		           TR(r->diags->lang,
		              "hasil render terlalu besar (lebih dari %zu MiB); periksa rekursi "
		              "partial atau bagian yang bersarang",
		              "rendered output too large (more than %zu MiB); check for recursive "
		              "partials or nested sections"),
		           MAX_OUTPUT >> 20);
		return -1;
	}
	return 0;
}

static int render_nodes(render *r, const mst_template *t, uint32_t idx)
{
	for (; idx; idx = t->nodes[idx].next) {
		const mst_node *n = &t->nodes[idx];
		int rc = 0;
		if (check_budget(r, t, n) < 0)
			return -1;
		switch (n->kind) {
		case N_TEXT:
			r->skip_indent = 0;
			buf_put(r->out, t->src + n->off, n->len);
			break;
		case N_INDENT:
			render_indent(r);
			break;
		case N_VAR:
		case N_RAW:
			r->skip_indent = 0;
			emit_value(r, lookup(r, t, n), n->kind == N_VAR);
			break;
		case N_SECTION:
		case N_INVERTED:
			rc = render_section(r, t, n);
			break;
		case N_PARTIAL:
		case N_PARENT:
			rc = render_include(r, t, idx);
			break;
		case N_BLOCK:
			rc = render_block(r, t, n);
			break;
		default:
			break;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

int mst_render_compiled(const mst_template *t, const value *ctx, const mst_options *opt,
                        buf *out, diag_list *diags)
{
	render r;
	int rc;
	if (!t || !out)
		return -1;
	memset(&r, 0, sizeof r);
	r.opt = opt;
	r.diags = diags;
	r.out = out;
	r.out_start = out->len;
	r.escape = opt && opt->escape ? opt->escape : esc_html;
	r.max_depth = opt && opt->max_depth ? opt->max_depth : DEFAULT_MAX_DEPTH;
	r.max_steps = opt && opt->max_steps ? opt->max_steps : MST_DEFAULT_MAX_STEPS;
	r.cache = opt && opt->cache ? opt->cache : &r.own;
	if (ctx)
		ctx_push(&r, ctx);
	rc = render_nodes(&r, t, t->nodes[0].child);
	cache_release(&r.own);
	free(r.ctx);
	free(r.frames);
	buf_release(&r.ind);
	buf_release(&r.scratch);
	return rc;
}

int mst_render(const char *tmpl, size_t len, const value *ctx, const mst_options *opt,
               buf *out, diag_list *diags)
{
	mst_template *t = mst_compile(tmpl, len, opt ? opt->file : NULL, diags);
	int rc;
	if (!t)
		return -1;
	rc = mst_render_compiled(t, ctx, opt, out, diags);
	mst_template_free(t);
	return rc;
}

/* ---- Names ---- */

/* Whether node n looks a name up in the context (mst_template_names). */
static int is_lookup(const mst_node *n)
{
	if (n->nseg == 0) /* "." */
		return 0;
	if (n->kind == N_PARTIAL || n->kind == N_PARENT)
		return (n->flags & NF_DYNAMIC) != 0;
	return n->kind == N_VAR || n->kind == N_RAW || n->kind == N_SECTION || n->kind == N_INVERTED;
}

/* The name of node n as written: its segments joined by dots. */
static void node_name(const mst_template *t, const mst_node *n, buf *out)
{
	const char *seg = t->names + n->off;
	uint32_t i;
	buf_reset(out);
	for (i = 0; i < n->nseg; i++, seg += strlen(seg) + 1) {
		if (i)
			buf_putc(out, '.');
		buf_puts(out, seg);
	}
}

void mst_template_names(const mst_template *t, mst_name_fn fn, void *ud)
{
	buf name = BUF_INIT;
	size_t i;
	for (i = 1; t && i < t->nnodes; i++) {
		const mst_node *n = &t->nodes[i];
		mst_name m;
		if (!is_lookup(n))
			continue;
		node_name(t, n, &name);
		m.name = buf_cstr(&name);
		m.escaped = n->kind == N_VAR;
		m.line = n->line;
		m.column = n->col;
		fn(ud, &m);
	}
	buf_release(&name);
}

void mst_template_partials(const mst_template *t, mst_name_fn fn, void *ud)
{
	size_t i;
	for (i = 1; t && i < t->nnodes; i++) {
		const mst_node *n = &t->nodes[i];
		mst_name m;
		if ((n->kind != N_PARTIAL && n->kind != N_PARENT) || (n->flags & NF_DYNAMIC))
			continue;
		m.name = t->names + n->off;
		m.escaped = 0;
		m.line = n->line;
		m.column = n->col;
		fn(ud, &m);
	}
}

/* ---- Slips ---- */

static void lint_comment(const mst_template *t, const slip *sl, diag_list *diags)
{
	diag_warning(diags, t->file, sl->line, sl->col,
	             TR(diags->lang,
	                "komentar yang dibuka di baris %u kolom %u menelan tag \"%.*s\", jadi tag "
	                "itu tidak berjalan; tutup komentar dengan \"%s\" sebelum tag itu, atau "
	                "tulis tag itu tanpa kurung kurawal jika hanya disebut",
	                "the comment opened at line %u column %u swallows the tag \"%.*s\", so the "
	                "tag does nothing; close the comment with \"%s\" before the tag, or write "
	                "the tag without braces if it is only mentioned"),
	             sl->from_line, sl->from_col, snip(t->src + sl->off, sl->len), t->src + sl->off,
	             sl->close);
}

size_t mst_template_lint(const mst_template *t, diag_list *diags)
{
	size_t i, errors = 0;
	for (i = 0; t && i < t->nslips; i++) {
		const slip *sl = &t->slips[i];
		if (sl->kind == SLIP_COMMENT_TAG) {
			lint_comment(t, sl, diags);
		} else {
			err_cut(diags, t->file, t->src, sl);
			errors++;
		}
	}
	return errors;
}

/* ---- Numbers ---- */

void mst_format_number(buf *out, double n)
{
	char tmp[40];
	int p;
	if (n != n) {
		buf_puts(out, "NaN");
		return;
	}
	if (n - n != 0) {
		buf_puts(out, n > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (n > -1e15 && n < 1e15 && (double)(long long)n == n) {
		buf_printf(out, "%lld", (long long)n);
		return;
	}
	for (p = 1; p <= 17; p++) {
		snprintf(tmp, sizeof tmp, "%.*g", p, n);
		if (strtod(tmp, NULL) == n)
			break;
	}
	buf_puts(out, tmp);
}
