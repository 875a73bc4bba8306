/* records.c - walking records/ and reading every profile into nodes; the posts' CSV files are read by laporan.c, kader.c and penyakit.c, and crosscheck.c compares them once the tree is read. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "records.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crosscheck.h"
#include "csvread.h"
#include "frontmatter.h"
#include "html.h"
#include "kader.h"
#include "laporan.h"
#include "loader.h"
#include "parallel.h"
#include "postcache.h"

/* ---- loading context ---- */

/* Limits that keep hostile records bounded in time and memory; real records
 * stay far below them (csvread.h bounds the cells, columns and rows of a CSV
 * file). */
#define MAX_RECORD_FILE ((size_t)32 << 20) /* bytes in one record file */
#define MAX_MD_LINE 65536 /* bytes in one line of a .md file */
#define MAX_FILE_DIAGS 50 /* diagnostics shown for one file; the rest are counted */
#define SHOWN_MAX 80 /* bytes of a value quoted in a message */
#define POSTS_PER_TAKE 16 /* posts a thread takes at a time, at most */

/* The line counting a file's diagnostics not shown: an error when the
 * file has one (the build fails either way), else a warning, as a file
 * of warnings only must not fail a build by their number. */
static void flush_hidden(loader *ld)
{
	if (ld->diag_hidden)
		diag_add(ld->diags, ld->diag_file_errors ? DIAG_ERROR : DIAG_WARNING, ld->diag_file,
		         ld->diag_hidden_line, 0,
		         TR(ld->diags->lang,
		            "%zu masalah lain di berkas ini tidak ditampilkan; perbaiki yang di atas "
		            "dulu, lalu jalankan lagi",
		            "%zu more problems in this file are not shown; fix the ones above first, "
		            "then run again"),
		         ld->diag_hidden);
	free(ld->diag_file);
	ld->diag_file = NULL;
	ld->diag_count = ld->diag_hidden = 0;
	ld->diag_hidden_line = 0;
	ld->diag_file_errors = 0;
}

diag *load_diag(loader *ld, diag_severity sev, const char *file, unsigned line, unsigned col,
                const char *fmt, ...)
{
	buf text = BUF_INIT;
	va_list ap;
	diag *d;
	if (sev == DIAG_ERROR)
		ld->failed = 1;
	if (!file || !ld->diag_file || strcmp(file, ld->diag_file) != 0) {
		flush_hidden(ld);
		ld->diag_file = file ? xstrdup(file) : NULL;
	}
	if (sev == DIAG_ERROR)
		ld->diag_file_errors = 1;
	if (++ld->diag_count > MAX_FILE_DIAGS) {
		if (ld->diag_hidden++ == 0)
			ld->diag_hidden_line = line;
		return NULL;
	}
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	d = diag_add(ld->diags, sev, file, line, col, "%s", buf_cstr(&text));
	buf_release(&text);
	return d;
}

void load_note(loader *ld, node *n, const char *file, unsigned line, int month, const char *id_text,
               const char *en_text)
{
	record_note *notes = arena_alloc(ld->recs->arena, (n->nnotes + 1) * sizeof *notes);
	record_note *nt = &notes[n->nnotes];
	if (n->nnotes)
		memcpy(notes, n->notes, n->nnotes * sizeof *notes);
	nt->file = file;
	nt->line = line;
	nt->month = month;
	nt->text[0] = arena_strdup(ld->recs->arena, id_text);
	nt->text[1] = arena_strdup(ld->recs->arena, en_text);
	n->notes = notes;
	n->nnotes++;
}

node *const *load_nodes(const loader *ld, size_t *n)
{
	*n = ld->recs->nnodes;
	return ld->recs->nodes;
}

node *const *load_post_nodes(const loader *ld, size_t *n)
{
	*n = ld->recs->nposts;
	return ld->recs->posts;
}

arena *load_arena(loader *ld)
{
	return ld->recs->arena;
}

/* A value from the records as a message quotes it: shortened, and with
 * control characters and stray bytes made visible (see buf_put_shown). */
static const char *shown_max(loader *ld, const char *s, size_t max)
{
	return arena_shown(ld->recs->arena, s, max);
}

const char *load_shown(loader *ld, const char *s)
{
	return shown_max(ld, s, SHOWN_MAX);
}

const char *load_code_meant(const char *s, const code_words *w, const char *a, const char *b)
{
	size_t len = strlen(s);
	if (word_index(s, len, w->first, w->nfirst) >= 0)
		return a;
	if (word_index(s, len, w->second, w->nsecond) >= 0)
		return b;
	return NULL;
}

/* A path as a diagnostic's location: every byte kept visible, none cut. */
static const char *shown_path(loader *ld, const char *s)
{
	return shown_max(ld, s, (size_t)-1);
}

int records_slug_valid(const char *s)
{
	if (!*s || *s == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

char *records_slug_suggest(const char *s)
{
	buf b = BUF_INIT;
	const unsigned char *p;
	for (p = (const unsigned char *)s; *p; p++) {
		int c = *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf_putc(&b, (char)c);
		else if (strchr(" _-.", c) && b.len && b.data[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	while (b.len && b.data[b.len - 1] == '-')
		b.len--;
	if (!b.len || strcmp(buf_cstr(&b), s) == 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether real (a resolved path) is the folder root or lies below it. */
static int path_below(const char *real, const char *root)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return 1;
	return strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

/* Whether path may be read. A symbolic link is followed only when it leads
 * to something inside the records folder; one that loops, leads nowhere or
 * leads outside is reported and refused, so nothing outside records/ is ever
 * read. Anything that is not a link is allowed here. */
static int link_allowed(loader *ld, const char *path)
{
	struct stat st;
	char target[4096];
	ssize_t tn;
	char *real;
	int ok;
	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return 1;
	tn = readlink(path, target, sizeof target - 1);
	target[tn > 0 ? tn : 0] = '\0';
	real = realpath(path, NULL);
	if (!real) {
		if (errno == ELOOP)
			LOAD_ERROR(ld, shown_path(ld, path), 0, 0,
			           TR(ld->diags->lang,
			              "tautan simbolik berputar (menunjuk ke \"%s\", yang akhirnya "
			              "kembali ke dirinya sendiri); hapus atau perbaiki tautannya",
			              "symbolic link loops (it points to \"%s\", which leads back to "
			              "itself); remove or fix the link"),
			           load_shown(ld, target));
		else
			LOAD_ERROR(ld, shown_path(ld, path), 0, 0,
			           TR(ld->diags->lang,
			              "tautan simbolik menunjuk ke \"%s\", yang tidak ada; hapus atau "
			              "perbaiki tautannya",
			              "symbolic link points to \"%s\", which does not exist; remove or "
			              "fix the link"),
			           load_shown(ld, target));
		return 0;
	}
	ok = ld->root_real && path_below(real, ld->root_real);
	if (!ok)
		LOAD_ERROR(ld, shown_path(ld, path), 0, 0,
		           TR(ld->diags->lang,
		              "tautan simbolik menunjuk ke luar folder rekaman (\"%s\"); rekap tidak "
		              "membaca apa pun di luar folder rekaman: salin berkasnya ke sini",
		              "symbolic link points outside the records folder (\"%s\"); rekap "
		              "reads nothing outside the records folder: copy the file here"),
		           load_shown(ld, target));
	free(real);
	return ok;
}

static entry_kind entry_of_mode(mode_t mode)
{
	return S_ISREG(mode) ? ENTRY_FILE : S_ISDIR(mode) ? ENTRY_DIR : ENTRY_OTHER;
}

static int seen_kind(const loader *ld, const char *path);

/* A path the walk looks at again as a name relative to a folder it holds
 * open: a short path takes a fraction of the look-up of a long one, and
 * the national tree has 100,000 of them. */
typedef struct at_path {
	int dfd; /* the open folder, or -1: use the path */
	const char *rel; /* the path relative to it */
} at_path;

/* lstat of path, relative to at when given. */
static int at_lstat(const char *path, const at_path *at, struct stat *st)
{
	if (at && at->dfd >= 0)
		return fstatat(at->dfd, at->rel, st, AT_SYMLINK_NOFOLLOW);
	return lstat(path, st);
}

/* What path is, from one lstat: a link is followed when link_allowed lets
 * it (ENTRY_REFUSED, reported, when not). A record file of the post folder
 * listed last needs not even that: the listing said what it is. At
 * national scale the records are 100,000 files, and each system call on
 * each of them counts. */
static entry_kind probe_stat(loader *ld, const char *path, const at_path *at, struct stat *found,
                             int *known)
{
	struct stat st;
	if (known)
		*known = 0;
	switch (seen_kind(ld, path)) {
	case -1:
		return ENTRY_NONE;
	case DIR_KIND_FILE:
		return ENTRY_FILE;
	case DIR_KIND_DIR:
		return ENTRY_DIR;
	case DIR_KIND_OTHER:
		return ENTRY_OTHER;
	default: /* a link, or not known */
		break;
	}
	if (at_lstat(path, at, &st) != 0)
		return ENTRY_NONE;
	if (!S_ISLNK(st.st_mode)) {
		if (known) {
			*found = st;
			*known = 1;
		}
		return entry_of_mode(st.st_mode);
	}
	if (!link_allowed(ld, path))
		return ENTRY_REFUSED;
	return stat(path, &st) == 0 ? entry_of_mode(st.st_mode) : ENTRY_NONE;
}

int load_sheet_mark(loader *ld, const char *file, const csv_cell *c, const char *name)
{
	buf msg = BUF_INIT;
	int mark = csvr_sheet_mark_message(&msg, ld->diags->lang, name, c->text);
	if (mark)
		LOAD_ERROR(ld, file, c->line, c->column, "%s", buf_cstr(&msg));
	buf_release(&msg);
	return mark;
}

int load_header_again(loader *ld, const char *file, const csv_row *row, const csv_row *header)
{
	buf msg = BUF_INIT;
	if (!csvr_repeats_header(row, header))
		return 0;
	csvr_header_again_message(&msg, ld->diags->lang, header);
	LOAD_ERROR(ld, file, row->line, 1, "%s", buf_cstr(&msg));
	buf_release(&msg);
	return 1;
}

entry_kind load_probe(loader *ld, const char *path)
{
	return probe_stat(ld, path, NULL, NULL, NULL);
}

static node *node_new(loader *ld, node_kind kind, node *parent, const char *slug)
{
	records *recs = ld->recs;
	node *n = arena_alloc(recs->arena, sizeof *n);
	n->kind = kind;
	n->slug = arena_strdup(recs->arena, slug);
	n->parent = parent;
	n->formed = n->dissolved = NO_DATE;
	if (parent) {
		n->path = parent->path[0] ? arena_printf(recs->arena, "%s/%s", parent->path, slug)
		                          : n->slug;
		ARRAY_PUSH(parent->children, parent->nchildren, parent->capchildren, n);
	} else {
		n->path = "";
	}
	n->index = recs->nnodes;
	ARRAY_PUSH(recs->nodes, recs->nnodes, recs->capnodes, n);
	return n;
}

int node_is_below(const node *n, const node *ancestor)
{
	for (; n; n = n->parent)
		if (n == ancestor)
			return 1;
	return 0;
}

/* ---- front matter fields ---- */

static const char *const common_keys[] = {"nama", "kode", NULL};
static const char *const puskesmas_keys[] = {"nama", "kode", "alamat", "kecamatan", "telepon",
                                             NULL};
static const char *const pos_keys[] = {"nama",       "kode",   "jenis_pekerjaan", "desa",
                                       "desa_kode",  "dibentuk", "status",        "dibubarkan",
                                       "sarana",     "sumber_dana", "alamat",     NULL};

/* Whether a word d edits from the known one it resembles is a slip of the
 * keyboard (sarna for sarana) rather than a name of the user's own (foto is
 * three edits from kode): at most two edits, one per three letters. */
static int is_typo(const char *known, size_t d)
{
	return d <= 2 && d * 3 <= strlen(known);
}

static void check_keys(loader *ld, const char *file, const value *meta, const char *const *known)
{
	size_t i, k, d;
	for (i = 0; i < meta->u.map.len; i++) {
		const char *key = meta->u.map.pairs[i].key;
		const value *v = meta->u.map.pairs[i].val;
		/* a field the rules mark private may be kept in the records */
		int found = rules_is_private(ld->rules, key);
		for (k = 0; known[k]; k++)
			if (strcmp(key, known[k]) == 0)
				found = 1;
		if (!found) {
			const char *near = str_nearest(key, known, STR_NEAR_RECORDS, &d);
			/* a misspelt key drops what it holds (sarna: every facility)
			 * and changes what the post counts as: not only a warning */
			if (near && is_typo(near, d))
				LOAD_ERROR(ld, file, v->line, 1,
				           TR(ld->diags->lang,
				              "kunci \"%s\" tidak dikenal; mungkin maksudnya \"%s\"? "
				              "Perbaiki ejaannya: isinya tidak dibaca selama salah eja",
				              "unknown key \"%s\"; did you mean \"%s\"? Fix the spelling: "
				              "its value is not read while it is misspelt"),
				           load_shown(ld, key), near);
			else if (near)
				LOAD_WARNING(ld, file, v->line, 1,
				             TR(ld->diags->lang,
				                "kunci \"%s\" tidak dikenal; mungkin maksudnya \"%s\"?",
				                "unknown key \"%s\"; did you mean \"%s\"?"),
				             load_shown(ld, key), near);
			else
				LOAD_WARNING(ld, file, v->line, 1,
				             TR(ld->diags->lang,
				                "kunci \"%s\" tidak dikenal dan diabaikan",
				                "unknown key \"%s\" is ignored"),
				             load_shown(ld, key));
		}
	}
}

/* The text of key, or NULL when it is missing, null or blank (nama: "" as
 * rekap new leaves a field to fill in is not filled in): an error when the
 * key is required, at the key's value when it is there. */
static const char *meta_string(loader *ld, node *n, const char *key, int required)
{
	value *v = val_get(n->meta, key);
	if (v && v->kind != VAL_NULL && v->kind != VAL_STR) {
		LOAD_ERROR(ld, n->file, v->line, v->column,
		           TR(ld->diags->lang, "\"%s\" harus berupa teks", "\"%s\" must be text"), key);
		return NULL;
	}
	if (v && v->kind == VAL_STR && v->u.str.s[strspn(v->u.str.s, " \t")])
		return v->u.str.s;
	if (required)
		LOAD_ERROR(ld, n->file, v ? v->line : 1, v ? v->column : 1,
		           TR(ld->diags->lang, "kunci \"%s\" wajib diisi di front matter",
		              "key \"%s\" is required in the front matter"),
		           key);
	return NULL;
}

/* Pass the diagnostics of found on through load_diag, as every record
 * file's are, so that one file's flood of them is cut short the same way;
 * found is released. */
static void load_found(loader *ld, diag_list *found)
{
	size_t i;
	for (i = 0; i < found->len; i++) {
		const diag *d = &found->items[i];
		diag *kept =
			load_diag(ld, d->severity, d->file, d->line, d->column, "%s", d->message);
		if (kept && d->shared)
			kept->shared = 1;
	}
	diag_list_release(found);
}

/* Run a check of diag.c on a record file's text (diag_conflicts,
 * diag_encoding), its errors counted as the loader counts a file's.
 * Returns how many it found. */
static size_t load_text_check(loader *ld,
                              size_t (*check)(diag_list *, const char *, const char *, size_t),
                              const char *file, const char *text, size_t len)
{
	diag_list found;
	size_t n;
	diag_list_init(&found);
	found.lang = ld->diags->lang;
	n = check(&found, file, text, len);
	load_found(ld, &found);
	return n;
}

/* Read a record file, which the caller found to be a file (a link that
 * link_allowed lets through), into *text (caller frees): refused, with a
 * diagnostic, when it cannot be read, is larger than MAX_RECORD_FILE or
 * holds an unresolved merge conflict.
 * Its length and bytes are added to *hash (when not NULL), so that
 * incremental builds need not read it again. Returns 0 or -1. */
static int read_record_file(loader *ld, const char *file, char **text, size_t *len,
                            uint64_t *hash)
{
	if (file_read_max(file, MAX_RECORD_FILE, text, len) == 0) {
		if (hash)
			*hash = hash_text(*hash, *text, *len);
		/* whatever rekap made of a file with a merge conflict would be
		 * one of its two versions by chance, or the markers themselves on
		 * a public page */
		if (load_text_check(ld, diag_conflicts, file, *text, *len) == 0)
			return 0;
		free(*text);
		*text = NULL;
		return -1;
	}
	if (errno == EFBIG)
		LOAD_ERROR(ld, file, 0, 0,
		           TR(ld->diags->lang,
		              "berkas terlalu besar (%zu MiB; berkas rekaman paling besar %zu MiB); "
		              "periksa apakah berkas yang benar yang tersimpan di sini",
		              "file too large (%zu MiB; a record file may hold at most %zu MiB); "
		              "check that the right file was saved here"),
		           *len >> 20, MAX_RECORD_FILE >> 20);
	else
		LOAD_ERROR(ld, file, 0, 0,
		           TR(ld->diags->lang, "berkas tidak dapat dibaca: %s", "file cannot be read: %s"),
		           strerror(errno));
	return -1;
}

/* A .md or .yaml record must be UTF-8 text without NUL bytes and with lines
 * of a sane length. Returns 0, or -1 after reporting where it is not. */
static int check_text(loader *ld, const char *file, const char *text, size_t len)
{
	unsigned line;
	size_t long_len;
	if (load_text_check(ld, diag_encoding, file, text, len))
		return -1;
	if (text_long_line(text, len, MAX_MD_LINE, &line, &long_len)) {
		LOAD_ERROR(ld, file, line, 1,
		           TR(ld->diags->lang,
		              "baris terlalu panjang (%zu byte; paling panjang %d byte); pecah "
		              "menjadi beberapa baris",
		              "line too long (%zu bytes; at most %d bytes); break it into several "
		              "lines"),
		           long_len, MAX_MD_LINE);
		return -1;
	}
	return 0;
}

/* Remove the fields the rules mark private (pribadi) from a node's front
 * matter, so that nothing after loading can publish them. */
static void drop_private(loader *ld, node *n)
{
	value *m = n->meta;
	size_t i, kept = 0;
	if (!m || m->kind != VAL_MAP)
		return;
	for (i = 0; i < m->u.map.len; i++)
		if (!rules_is_private(ld->rules, m->u.map.pairs[i].key))
			m->u.map.pairs[kept++] = m->u.map.pairs[i];
	m->u.map.len = kept;
}

/* The keys of kabupaten.md and kota.md: nama, kode and the year fields the
 * rules declare (isian_kabupaten), NULL-terminated, in the records' arena. */
static const char *const *district_keys(loader *ld)
{
	const rules *r = ld->rules;
	size_t n = r ? r->ndistrict_fields : 0, i;
	const char **keys = arena_alloc(ld->recs->arena, (n + 3) * sizeof *keys);
	keys[0] = "nama";
	keys[1] = "kode";
	for (i = 0; i < n; i++)
		keys[2 + i] = r->district_fields[i].id;
	keys[2 + n] = NULL;
	return keys;
}

/* A year field of a district (sk_kesehatan_kerja: 2023): a whole year within
 * the years periods may use, or an empty value. */
static void check_district_fields(loader *ld, node *n)
{
	const rules *r = ld->rules;
	size_t i;
	for (i = 0; r && i < r->ndistrict_fields; i++) {
		const char *key = r->district_fields[i].id;
		const value *v = val_get(n->meta, key);
		const char *s;
		char *end;
		long year;
		if (!v || v->kind == VAL_NULL)
			continue;
		s = v->kind == VAL_STR ? v->u.str.s : "";
		errno = 0;
		year = strtol(s, &end, 10);
		if (v->kind != VAL_STR || end == s || *end != '\0' || !isdigit((unsigned char)s[0]))
			LOAD_ERROR(ld, n->file, v->line, v->column,
			           TR(ld->diags->lang,
			              "\"%s\" harus tahun berlakunya, empat angka, mis. %s: 2023; "
			              "kosongkan atau hapus baris ini bila belum ada",
			              "\"%s\" must be the year it applies from, four digits, e.g. "
			              "%s: 2023; leave it empty or remove the line when there is none"),
			           key, key);
		else if (errno != 0 || year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
			LOAD_ERROR(ld, n->file, v->line, v->column,
			           TR(ld->diags->lang,
			              "tahun \"%s\" untuk \"%s\" di luar rentang %d–%d; tulis tahun mulai "
			              "berlakunya dengan empat angka, mis. 2023",
			              "year \"%s\" of \"%s\" is outside %d–%d; write the year it applies "
			              "from in four digits, e.g. 2023"),
			           load_shown(ld, s), key, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
	}
}

static void check_narrative(loader *ld, const char *file, const char *body, unsigned body_line);

/* Read name.md of a node: front matter, body, nama and kode. Returns -1 when
 * the front matter could not be read at all (already reported): its keys are
 * then unknown rather than missing, so the caller reports nothing more. */
static int read_profile(loader *ld, node *n, const char *dir, const char *mdname,
                        const char *const *keys)
{
	char *path = path_join(dir, mdname);
	char *text;
	size_t len;
	front_matter fm;
	int rc;
	n->file = arena_strdup(ld->recs->arena, path);
	free(path);
	n->meta = val_map(ld->recs->arena);
	n->name = n->slug;
	if (read_record_file(ld, n->file, &text, &len, &n->source_hash) != 0)
		return -1;
	if (check_text(ld, n->file, text, len) != 0) {
		free(text);
		return -1;
	}
	rc = fm_parse(ld->recs->arena, n->file, text, len, &fm, ld->diags);
	free(text);
	n->meta = fm.meta;
	n->body = fm.body;
	if (rc != 0)
		ld->failed = 1;
	/* a key written twice is an error, but every key was read: go on checking */
	if (rc != 0 && !fm.complete)
		return -1;
	if (fm.body_line == 1) {
		/* no "---" on the first line: the keys, if any, were taken for Markdown */
		LOAD_ERROR(ld, n->file, 1, 1,
		           TR(ld->diags->lang,
		              "berkas tidak diawali front matter; baris pertama harus \"---\", "
		              "lalu nama, kode dan kunci lain, lalu baris \"---\" lagi",
		              "the file does not start with front matter; the first line must be "
		              "\"---\", then nama, kode and the other keys, then another \"---\" "
		              "line"));
		n->name = n->slug;
		return -1;
	}
	check_keys(ld, n->file, n->meta, keys);
	check_narrative(ld, n->file, n->body, fm.body_line);
	n->name = meta_string(ld, n, "nama", 1);
	n->code = meta_string(ld, n, "kode", 1);
	if (!n->name)
		n->name = n->slug;
	return 0;
}

/* Region codes: province "64", district "64.74" under its province,
 * puskesmas "P6474…" (P + 10 digits) under its district. */
static void check_code(loader *ld, node *n)
{
	const value *v = val_get(n->meta, "kode");
	unsigned line = v ? v->line : 1, col = v ? v->column : 1;
	const char *c = n->code, *pc = n->parent ? n->parent->code : NULL;
	if (!c)
		return;
	/* a malformed parent code is reported on the parent, not again here */
	if (pc && !node_kind_code_well_formed(n->parent->kind, pc))
		pc = NULL;
	switch (n->kind) {
	case NODE_PROVINSI:
		if (!node_kind_code_well_formed(n->kind, c))
			LOAD_ERROR(ld, n->file, line, col,
			           TR(ld->diags->lang,
			              "kode provinsi \"%s\" harus dua angka Kemendagri, mis. \"64\"",
			              "province code \"%s\" must be the two-digit Kemendagri code, "
			              "e.g. \"64\""),
			           load_shown(ld, c));
		break;
	case NODE_KABUPATEN:
	case NODE_KOTA:
		if (!node_kind_code_well_formed(n->kind, c))
			LOAD_ERROR(ld, n->file, line, col,
			           TR(ld->diags->lang,
			              "kode \"%s\" harus berbentuk \"64.74\" (provinsi.kabupaten/kota)",
			              "code \"%s\" must look like \"64.74\" (province.regency/city)"),
			           load_shown(ld, c));
		else if (pc && strncmp(c, pc, 2) != 0)
			LOAD_ERROR(ld, n->file, line, col,
			           TR(ld->diags->lang,
			              "kode \"%s\" bukan bagian dari provinsi \"%s\" (kode %s); periksa "
			              "kode atau pindahkan folder",
			              "code \"%s\" is not part of the province \"%s\" (code %s); check "
			              "the code or move the folder"),
			           load_shown(ld, c), load_shown(ld, n->parent->name), pc);
		else if (n->kind == NODE_KOTA && atoi(c + 3) < KOTA_CODE_MIN)
			LOAD_WARNING(ld, n->file, line, col,
			             TR(ld->diags->lang,
			                "kode kota biasanya 71–99, tetapi \"%s\" adalah kode kabupaten",
			                "city codes are usually 71–99, but \"%s\" is a regency code"),
			             load_shown(ld, c));
		else if (n->kind == NODE_KABUPATEN && atoi(c + 3) >= KOTA_CODE_MIN)
			LOAD_WARNING(ld, n->file, line, col,
			             TR(ld->diags->lang,
			                "kode kabupaten biasanya 01–69, tetapi \"%s\" adalah kode kota",
			                "regency codes are usually 01–69, but \"%s\" is a city code"),
			             load_shown(ld, c));
		break;
	case NODE_PUSKESMAS:
		if (!node_kind_code_well_formed(n->kind, c))
			LOAD_ERROR(ld, n->file, line, col,
			           TR(ld->diags->lang,
			              "kode puskesmas \"%s\" harus \"P\" diikuti 10 angka, mis. "
			              "\"P6474010201\"",
			              "puskesmas code \"%s\" must be \"P\" followed by 10 digits, e.g. "
			              "\"P6474010201\""),
			           load_shown(ld, c));
		else if (pc && (strncmp(c + 1, pc, 2) != 0 || strncmp(c + 3, pc + 3, 2) != 0))
			LOAD_ERROR(ld, n->file, line, col,
			           TR(ld->diags->lang,
			              "kode puskesmas \"%s\" bukan bagian dari %s (kode %s)",
			              "puskesmas code \"%s\" is not part of %s (code %s)"),
			           load_shown(ld, c), load_shown(ld, n->parent->name), pc);
		else if (strncmp(c + 5, "000", 3) == 0)
			LOAD_WARNING(ld, n->file, line, col,
			             TR(ld->diags->lang,
			                "kode puskesmas \"%s\" tampaknya kode sementara dari rekap new: "
			                "kode resmi memuat kode kecamatan, yang tidak pernah 000; tulis "
			                "kode puskesmas resmi dari Kemenkes, mis. \"P6474010201\"",
			                "puskesmas code \"%s\" looks like a placeholder from rekap new: an "
			                "official code holds the kecamatan's code, which is never 000; write "
			                "the official puskesmas code from the Ministry, e.g. \"P6474010201\""),
			             load_shown(ld, c));
		break;
	default:
		break;
	}
}

/* ---- posts ---- */

static int read_date_field(loader *ld, node *n, const char *key, int *out)
{
	const value *v = val_get(n->meta, key);
	if (!v || v->kind == VAL_NULL)
		return 0;
	if (v->kind != VAL_STR || period_date_parse(v->u.str.s, out) != 0) {
		LOAD_ERROR(ld, n->file, v->line, v->column,
		           TR(ld->diags->lang,
		              "\"%s\" harus tanggal yang benar berbentuk TTTT-BB-HH, mis. 2019-11-12",
		              "\"%s\" must be a valid date written YYYY-MM-DD, e.g. 2019-11-12"),
		           key);
		return -1;
	}
	return 0;
}

/* A formation or dissolution date after today: a planned post may be
 * written ahead, but a slip (2081 for 2018) would show the post as not
 * formed, or still there, in every quarter published. */
static void warn_future_date(loader *ld, node *n, const char *key, int date)
{
	const value *v = val_get(n->meta, key);
	if (date == NO_DATE || date <= ld->today || !v)
		return;
	/* both messages take the date and today, in that order */
	diag_warning(ld->diags, n->file, v->line, v->column,
	             strcmp(key, "dibentuk") == 0
	                     ? TR(ld->diags->lang,
	                          "dibentuk %s belum terjadi (hari ini %s); sampai tanggal itu pos "
	                          "ini tampil \"belum dibentuk\" di setiap halaman: periksa "
	                          "tanggalnya",
	                          "dibentuk %s is in the future (today is %s); until that day the "
	                          "post shows as \"not yet formed\" on every page: check the date")
	                     : TR(ld->diags->lang,
	                          "dibubarkan %s belum terjadi (hari ini %s); sampai tanggal itu pos "
	                          "ini dihitung ada dan diharapkan melapor: periksa tanggalnya",
	                          "dibubarkan %s is in the future (today is %s); until that day "
	                          "the post counts as existing and is expected to report: check "
	                          "the date"),
	             v->u.str.s, ld->today_text);
}

static const char **read_vocab_list(loader *ld, node *n, const char *key, const vocab *words,
                                    size_t nvocab, size_t *count)
{
	const value *v = val_get(n->meta, key);
	const char **items;
	size_t i;
	*count = 0;
	if (!v || v->kind == VAL_NULL)
		return NULL;
	if (v->kind != VAL_LIST) {
		LOAD_ERROR(ld, n->file, v->line, v->column,
		           TR(ld->diags->lang,
		              "\"%s\" harus berupa daftar, satu butir per baris diawali \"- \"",
		              "\"%s\" must be a list, one item per line starting with \"- \""),
		           key);
		return NULL;
	}
	items = arena_alloc(ld->recs->arena, (v->u.list.len + 1) * sizeof *items);
	for (i = 0; i < v->u.list.len; i++) {
		const value *it = v->u.list.items[i];
		if (it->kind != VAL_STR) {
			LOAD_ERROR(ld, n->file, it->line, it->column,
			           TR(ld->diags->lang, "isi \"%s\" harus berupa teks",
			              "items of \"%s\" must be text"),
			           key);
			continue;
		}
		if (!rules_find_vocab(words, nvocab, it->u.str.s)) {
			buf known = BUF_INIT;
			size_t k;
			for (k = 0; k < nvocab; k++)
				buf_printf(&known, "%s%s", k ? ", " : "", words[k].id);
			LOAD_ERROR(ld, n->file, it->line, it->column,
			           TR(ld->diags->lang,
			              "\"%s\" tidak dikenal sebagai %s; pilih salah satu: %s",
			              "\"%s\" is not a known value for %s; choose one of: %s"),
			           load_shown(ld, it->u.str.s), key, buf_cstr(&known));
			buf_release(&known);
			continue;
		}
		items[(*count)++] = it->u.str.s;
	}
	return items;
}

/* readable: the front matter could be read, so a missing key is an error. */
static void read_post_profile(loader *ld, node *n, int readable)
{
	const value *sv = val_get(n->meta, "status");
	n->trade = meta_string(ld, n, "jenis_pekerjaan", 0);
	n->status = meta_string(ld, n, "status", 0);
	if (!n->status)
		n->status = "aktif";
	else if (strcmp(n->status, "aktif") != 0 && strcmp(n->status, "tidak aktif") != 0 &&
	         strcmp(n->status, "bubar") != 0)
		LOAD_ERROR(ld, n->file, sv->line, sv->column,
		           TR(ld->diags->lang,
		              "status \"%s\" tidak dikenal; pilih \"aktif\", \"tidak aktif\" atau "
		              "\"bubar\"",
		              "unknown status \"%s\"; choose \"aktif\" (active), \"tidak aktif\" "
		              "(inactive) or \"bubar\" (dissolved)"),
		           load_shown(ld, n->status));
	if (read_date_field(ld, n, "dibentuk", &n->formed) == 0 && n->formed == NO_DATE && readable)
		LOAD_ERROR(ld, n->file, 1, 1,
		           TR(ld->diags->lang, "kunci \"dibentuk\" (tanggal pembentukan) wajib diisi",
		              "key \"dibentuk\" (the date the post was formed) is required"));
	/* a "dibubarkan" that is not a date is reported as such, not as missing */
	if (read_date_field(ld, n, "dibubarkan", &n->dissolved) == 0 && str_eq(n->status, "bubar") &&
	    n->dissolved == NO_DATE)
		LOAD_ERROR(ld, n->file, sv->line, sv->column,
		           TR(ld->diags->lang, "pos berstatus \"bubar\": tambahkan \"dibubarkan: TTTT-BB-HH\"",
		              "post has status \"bubar\" (dissolved): add \"dibubarkan: YYYY-MM-DD\""));
	if (n->dissolved != NO_DATE && n->formed != NO_DATE && n->dissolved < n->formed)
		LOAD_ERROR(ld, n->file, val_get(n->meta, "dibubarkan")->line,
		           val_get(n->meta, "dibubarkan")->column,
		           TR(ld->diags->lang, "tanggal dibubarkan lebih awal dari tanggal dibentuk",
		              "the \"dibubarkan\" (dissolved) date is earlier than the \"dibentuk\" "
		              "(formed) date"));
	/* dissolved by its date, active by its status: the page would say both */
	if (n->dissolved != NO_DATE && n->dissolved <= ld->today &&
	    (str_eq(n->status, "aktif") || str_eq(n->status, "tidak aktif")))
		LOAD_ERROR(ld, n->file, val_get(n->meta, "dibubarkan")->line,
		           val_get(n->meta, "dibubarkan")->column,
		           TR(ld->diags->lang,
		              "pos dibubarkan %s tetapi berstatus \"%s\"; bila pos sudah bubar, "
		              "tulis status: bubar; bila masih berjalan, hapus baris dibubarkan",
		              "the post was dissolved on %s but its status is \"%s\"; if it is "
		              "dissolved, write status: bubar; if it still runs, delete the "
		              "dibubarkan line"),
		           val_get_str(n->meta, "dibubarkan"), n->status);
	warn_future_date(ld, n, "dibentuk", n->formed);
	warn_future_date(ld, n, "dibubarkan", n->dissolved);
	n->facilities = read_vocab_list(ld, n, "sarana", ld->rules->facilities,
	                                ld->rules->nfacilities, &n->nfacilities);
	n->funding = read_vocab_list(ld, n, "sumber_dana", ld->rules->funding,
	                             ld->rules->nfunding, &n->nfunding);
}

int load_csv(loader *ld, const char *file, csv_table *t, const char *missing, uint64_t *hash)
{
	char *text;
	size_t len;
	int parsed;
	entry_kind k = load_probe(ld, file);
	if (k == ENTRY_REFUSED)
		return -1;
	if (k == ENTRY_DIR || k == ENTRY_OTHER) {
		char *base = path_base(file);
		LOAD_ERROR(ld, file, 0, 0,
		           TR(ld->diags->lang,
		              "%s bukan berkas biasa (melainkan folder, pipa atau perangkat); ganti "
		              "dengan berkas CSV",
		              "%s is not a regular file (but a folder, a pipe or a device); replace "
		              "it with a CSV file"),
		           base);
		free(base);
		return -1;
	}
	if (k != ENTRY_FILE) {
		if (missing)
			LOAD_WARNING(ld, file, 0, 0, "%s", missing);
		return -1;
	}
	if (read_record_file(ld, file, &text, &len, hash) != 0)
		return -1;
	parsed = csvr_parse(file, text, len, t, ld->diags) == 0;
	free(text);
	if (parsed && t->nrows > 0)
		return 0;
	if (parsed) /* a file that could not be parsed is reported already */
		LOAD_ERROR(ld, file, 1, 1,
		           TR(ld->diags->lang, "berkas kosong; baris pertama harus judul kolom",
		              "file is empty; the first row must hold the column headers"));
	ld->failed = 1;
	csv_table_release(t);
	return -1;
}

/* ---- the tree ---- */

typedef struct level_spec {
	node_kind kind;
	const char *md; /* file naming the folder's kind */
	const char *alt_md; /* a second accepted name (kota.md), or NULL */
	node_kind alt_kind;
	const char *const *keys;
} level_spec;

static const level_spec levels[] = {
	{NODE_PROVINSI, "provinsi.md", NULL, NODE_PROVINSI, common_keys},
	{NODE_KABUPATEN, "kabupaten.md", "kota.md", NODE_KOTA, common_keys},
	{NODE_PUSKESMAS, "puskesmas.md", NULL, NODE_PUSKESMAS, puskesmas_keys},
	{NODE_POS, "pos.md", NULL, NODE_POS, pos_keys},
};

/* Whether a monthly or quarterly row of the post's laporan.csv covers month m. */
static int post_reports_month(const void *post, int m)
{
	const node *n = post;
	size_t i;
	for (i = 0; i < n->nreports; i++)
		if (m >= report_first_month(&n->reports[i]) &&
		    m <= report_last_month(&n->reports[i]))
			return 1;
	return 0;
}

/* penyakit.csv (form LBKP-1's diseases), read after laporan.csv: optional,
 * so its absence is not reported. */
static void read_diseases(loader *ld, node *n, const char *dir)
{
	char *path = path_join(dir, "penyakit.csv");
	csv_table t;
	n->disease_file = arena_strdup(ld->recs->arena, path);
	free(path);
	if (load_csv(ld, n->disease_file, &t, NULL, &n->source_hash))
		return;
	if (penyakit_read(&t, n->disease_file, ld->recs->arena, post_reports_month, n, ld->diags,
	                  &n->diseases, &n->ndiseases))
		ld->failed = 1;
	csv_table_release(&t);
}

/* ---- what else a folder holds ---- */

/* Folders are counted from records/ (0) down to the posts. */
#define POST_DEPTH 4
#define SEARCH_LEVELS 8 /* folders below a misplaced one searched for records */

/* The record files of a folder at each depth. */
static const char *const own_files[POST_DEPTH + 1][5] = {
	{"rekap.yaml", NULL},
	{"provinsi.md", NULL},
	{"kabupaten.md", "kota.md", NULL},
	{"puskesmas.md", NULL},
	{"pos.md", "laporan.csv", "kader.csv", "penyakit.csv", NULL},
};

/* Where the folder of each depth sits, as messages show it, and its kind. */
static const char *const places[POST_DEPTH + 1] = {
	"records/",
	"records/<provinsi>/",
	"records/<provinsi>/<kabupaten|kota>/",
	"records/<provinsi>/<kabupaten|kota>/<puskesmas>/",
	"records/<provinsi>/<kabupaten|kota>/<puskesmas>/<pos>/",
};
static const char *const kinds_id[POST_DEPTH + 1] = {"records", "provinsi", "kabupaten/kota",
                                                     "puskesmas", "pos"};
static const char *const kinds_en[POST_DEPTH + 1] = {"records", "province", "regency or city",
                                                     "puskesmas", "post"};

/* Names skipped without a word in every folder of the tree, whatever their
 * case: photos and attachments kept beside the records, a note about the
 * folder, and what Windows leaves in folders. Names starting with '.' never
 * reach the walk (dir_names leaves them out). docs/panduan-rekaman.md
 * lists the same names. */
static const char *const ignored_dirs[] = {"foto", "lampiran", NULL};
static const char *const ignored_files[] = {"README.md", "README.txt", "Thumbs.db", "desktop.ini",
                                            NULL};

static int name_in(const char *name, const char *const *list)
{
	size_t i;
	for (i = 0; list[i]; i++)
		if (strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

/* Whether name is the lock file Excel or Word keeps beside a file while it
 * is open ("~$laporan.csv") and deletes on closing; LibreOffice's own
 * (".~lock.laporan.csv#") starts with a dot and is never listed. */
static int is_office_lock(const char *name)
{
	return name[0] == '~' && name[1] == '$';
}

/* The depth of the folder a record file belongs in, or -1 for another name. */
static int record_file_depth(const char *name)
{
	int d;
	size_t i;
	for (d = 0; d <= POST_DEPTH; d++)
		for (i = 0; own_files[d][i]; i++)
			if (strcmp(name, own_files[d][i]) == 0)
				return d;
	return -1;
}

/* ---- links in a narrative ---- */

/* Photos and documents: rekap writes none of these, so a narrative's link
 * to one is broken on the site (pages, workbooks, charts and open data are
 * .md, .html, .xlsx, .svg and .csv). */
static const char *const unpublished_extensions[] = {"png",  "jpg",  "jpeg", "gif",  "webp", "bmp",
                                                     "tif",  "tiff", "heic", "avif", "pdf",  "doc",
                                                     "docx", "xls",  "odt",  "ods",  "odp",  "ppt",
                                                     "pptx", "zip",  "rar",  NULL};

typedef enum {
	LINK_FINE, /* may be on the site: a page, a folder, a workbook, ... */
	LINK_RECORD, /* a record file: never published, but its folder's page is */
	LINK_UNPUBLISHED /* under foto/ or lampiran/, or a photo or document */
} link_target;

/* What the relative URL of a narrative points at; *name_at gets the offset
 * of its last path segment. */
static link_target narrative_target(const char *url, size_t *name_at)
{
	size_t len = strcspn(url, "?#"), start = 0, i;
	char *seg;
	link_target t = LINK_FINE;
	for (i = 0; i <= len && t == LINK_FINE; i++) {
		if (i < len && url[i] != '/')
			continue;
		seg = xstrndup(url + start, i - start);
		if (name_in(seg, ignored_dirs)) /* the folder, or anything in it */
			t = LINK_UNPUBLISHED;
		if (i == len) {
			const char *dot = strrchr(seg, '.');
			*name_at = start;
			if (record_file_depth(seg) >= 0)
				t = LINK_RECORD;
			else if (dot && name_in(dot + 1, unpublished_extensions))
				t = LINK_UNPUBLISHED;
		}
		free(seg);
		start = i + 1;
	}
	return t;
}

/* What check_narrative's callbacks need. */
typedef struct narrative_check {
	loader *ld;
	const char *file;
	unsigned body_line;
	int tag_seen; /* an HTML tag inside a paragraph was reported */
} narrative_check;

static void check_narrative_link(void *ctx, const char *url, int image, unsigned line, unsigned col)
{
	const narrative_check *c = ctx;
	lang l = c->ld->diags->lang;
	const char *what = image ? TR(l, "gambar", "image") : TR(l, "tautan", "link");
	size_t name_at = 0;
	char *page;
	line += c->body_line - 1;
	switch (narrative_target(url, &name_at)) {
	case LINK_RECORD:
		page = xasprintf("%.*sindex.md", (int)name_at, url);
		LOAD_WARNING(c->ld, c->file, line, col,
		             TR(l,
		                "%s \"%s\" menunjuk berkas rekaman, yang tidak diterbitkan, sehingga "
		                "putus di situs; tautkan halaman foldernya, \"%s\", atau hapus %s itu",
		                "%s \"%s\" points at a record file, which is not published, so it is "
		                "broken on the site; link its folder's page, \"%s\", or remove the %s"),
		             what, url, page, what);
		free(page);
		break;
	case LINK_UNPUBLISHED:
		LOAD_WARNING(c->ld, c->file, line, col,
		             TR(l,
		                "%s \"%s\" putus di situs: rekap tidak menerbitkan foto dan dokumen "
		                "(isi foto/ dan lampiran/ hanya disimpan bersama rekaman); unggah "
		                "berkasnya ke tempat yang terbit lalu tulis alamat lengkapnya "
		                "(https://…), atau hapus %s itu",
		                "%s \"%s\" is broken on the site: rekap does not publish photos and "
		                "documents (foto/ and lampiran/ are kept with the records only); "
		                "upload the file to a published place and write its full address "
		                "(https://…), or remove the %s"),
		             what, url, what);
		break;
	case LINK_FINE:
		break;
	}
}

/* Raw HTML in a narrative is dropped from the pages (html_narrative): a
 * block with the text in it, which would vanish without a word, and the
 * first tag inside a paragraph of the narrative, whose text stays. */
static void check_narrative_html(void *ctx, const char *literal, int block, unsigned line,
                                 unsigned col)
{
	narrative_check *c = ctx;
	lang l = c->ld->diags->lang;
	const char *shown;
	if (!block && c->tag_seen++)
		return;
	shown = load_shown(c->ld, arena_strndup(load_arena(c->ld), literal, strcspn(literal, "\n")));
	line += c->body_line - 1;
	if (block)
		LOAD_WARNING(c->ld, c->file, line, col,
		             TR(l,
		                "HTML \"%s\" tidak diterbitkan, begitu pula teks lain di bloknya (sampai "
		                "baris kosong berikutnya); tulis teksnya dengan Markdown saja",
		                "the HTML \"%s\" is not published, nor is the other text of its block (up "
		                "to the next blank line); write the text in Markdown only"),
		             shown);
	else
		LOAD_WARNING(c->ld, c->file, line, col,
		             TR(l,
		                "tanda HTML \"%s\" (dan yang lain di keterangan ini) tidak diterbitkan; "
		                "teks di sekitarnya tetap terbit; tulis dengan Markdown, mis. "
		                "**tebal**",
		                "the HTML tag \"%s\" (and any other in this narrative) is not published; "
		                "the text around it is; write Markdown instead, e.g. **bold**"),
		             shown);
}

/* The number of line ends in [from, to). */
static unsigned count_lines(const char *from, const char *to)
{
	unsigned n = 0;
	for (; from < to; from++)
		n += *from == '\n';
	return n;
}

/* A warning for each link or image of a narrative (the body of a .md
 * record, from line body_line of file) that would be broken on the site,
 * where a repository browser shows it: rekap publishes neither record
 * files nor photos and documents. */
static void check_narrative(loader *ld, const char *file, const char *body, unsigned body_line)
{
	narrative_check c;
	const char *sample;
	if (!body || !*body)
		return;
	sample = strstr(body, RECORDS_NARRATIVE_SAMPLE);
	if (sample)
		diag_warning(ld->diags, file, body_line + count_lines(body, sample),
		             text_column(body, sample),
		             TR(ld->diags->lang,
		                "keterangan masih memuat kalimat contoh dari rekap new, yang akan "
		                "terbit apa adanya; ganti dengan keadaan, kegiatan dan kendala, atau "
		                "hapus kalimat itu",
		                "the narrative still holds the sample sentence of rekap new, which "
		                "would be published as it is; replace it with the state, activities "
		                "and problems, or delete it"));
	c.ld = ld;
	c.file = file;
	c.body_line = body_line;
	c.tag_seen = 0;
	html_narrative_scan(body, strlen(body), check_narrative_link, check_narrative_html, &c);
}

/* Copy name into lower, in lower case; 0 when it does not fit. */
static int lower_name(char *lower, size_t size, const char *name)
{
	size_t i;
	if (strlen(name) >= size)
		return 0;
	for (i = 0; name[i]; i++)
		lower[i] = (char)tolower((unsigned char)name[i]);
	lower[i] = '\0';
	return 1;
}

/* Remove suffix (with the spaces before it) from the end of the len
 * bytes of stem; returns the new length, len when stem does not end so. */
static size_t drop_suffix(const char *stem, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	if (len <= n || memcmp(stem + len - n, suffix, n) != 0)
		return len;
	for (len -= n; len > 0 && stem[len - 1] == ' '; len--)
		;
	return len;
}

/* Remove a copy number, " (2)" or "(2)", from the end of the len bytes of
 * stem; returns the new length. */
static size_t drop_copy_number(const char *stem, size_t len)
{
	size_t i = len;
	if (len < 3 || stem[len - 1] != ')')
		return len;
	for (i = len - 1; i > 0 && isdigit((unsigned char)stem[i - 1]); i--)
		;
	if (i == len - 1 || i == 0 || stem[i - 1] != '(')
		return len;
	for (i--; i > 0 && stem[i - 1] == ' '; i--)
		;
	return i;
}

/* The part of the n bytes of lower, a name in lower case without its
 * extension, that a copy's marks leave, from *start: a copy number as a
 * browser or WhatsApp adds one ("laporan (1)", "laporan(2)"), or the words
 * Windows adds copying a file or folder beside itself ("laporan - Copy",
 * "laporan - Salinan (2)", "Copy of laporan", "Salinan laporan"). */
static size_t copy_stem(const char *lower, size_t n, size_t *start)
{
	static const char *const prefixes[] = {"copy of ", "salinan dari ", "salinan ", NULL};
	static const char *const suffixes[] = {"- copy", "- salinan", "- kopi", NULL};
	size_t len, before, i;
	*start = 0;
	for (i = 0; prefixes[i]; i++)
		if (strncmp(lower, prefixes[i], strlen(prefixes[i])) == 0) {
			*start = strlen(prefixes[i]);
			break;
		}
	len = n > *start ? n - *start : 0;
	do {
		before = len;
		len = drop_copy_number(lower + *start, len);
		for (i = 0; suffixes[i]; i++)
			len = drop_suffix(lower + *start, len, suffixes[i]);
	} while (len != before);
	return len;
}

/* Whether lower, a file name in lower case, is the name expected is given
 * to a copy of it (see copy_stem). */
static int is_copy_name(const char *lower, const char *expected)
{
	const char *dot = strrchr(lower, '.');
	size_t n, start, len, stem = strcspn(expected, ".");
	if (!dot || strcmp(dot, expected + stem) != 0)
		return 0;
	n = (size_t)(dot - lower);
	len = copy_stem(lower, n, &start);
	return len != n && len == stem && memcmp(lower + start, expected, stem) == 0;
}

/* Whether name looks like expected written another way: in other case
 * (Laporan.csv), with a second extension (laporan.csv.txt), with another
 * extension (laporan.xlsx), as a copy's name (laporan (1).csv) or with a
 * slip of the keyboard (lapoan.csv). */
static int near_name(const char *name, const char *expected)
{
	size_t n = strlen(expected), stem = strcspn(expected, ".");
	char lower[256];
	if (!lower_name(lower, sizeof lower, name))
		return 0;
	if (strncmp(lower, expected, n) == 0 && (lower[n] == '\0' || lower[n] == '.'))
		return 1;
	if (strncmp(lower, expected, stem + 1) == 0 && !strchr(lower + stem + 1, '.'))
		return 1;
	if (is_copy_name(lower, expected))
		return 1;
	return is_typo(expected, str_distance(lower, expected));
}

/* Whether name is the name of a copy of expected (see is_copy_name). */
static int copy_name_of(const char *name, const char *expected)
{
	char lower[256];
	return lower_name(lower, sizeof lower, name) && is_copy_name(lower, expected);
}

static int is_spreadsheet(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcasecmp(name + n - 5, ".xlsx") == 0) ||
	       (n > 4 && (strcasecmp(name + n - 4, ".xls") == 0 || strcasecmp(name + n - 4, ".ods") == 0));
}

/* path is a file named like expected, which is missing. */
static void report_near_name(loader *ld, const char *path, const char *name, const char *expected)
{
	if (is_spreadsheet(name) && str_ends(expected, ".csv"))
		LOAD_ERROR(ld, shown_path(ld, path), 0, 0,
		           TR(ld->diags->lang,
		              "berkas ini tidak dibaca: rekap hanya membaca %s; buka di Excel atau "
		              "LibreOffice, lalu simpan sebagai CSV dengan nama %s",
		              "this file is not read: rekap reads only %s; open it in Excel or "
		              "LibreOffice and save it as CSV named %s"),
		           expected, expected);
	else
		LOAD_ERROR(ld, shown_path(ld, path), 0, 0,
		           TR(ld->diags->lang,
		              "berkas ini tidak dibaca; mungkin maksudnya %s? ganti namanya (%s belum "
		              "ada di folder ini)",
		              "this file is not read; did you mean %s? rename it (there is no %s in "
		              "this folder yet)"),
		           expected, expected);
}

/* path is a record file (name) in a folder of another depth than its own. */
static void report_misplaced_file(loader *ld, const char *path, const char *name, int depth)
{
	LOAD_ERROR(ld, shown_path(ld, path), 0, 0,
	           TR(ld->diags->lang,
	              "%s tidak dibaca di sini; tempatnya %s%s, pindahkan ke sana",
	              "%s is not read here; it belongs at %s%s: move it there"),
	           name, places[depth], name);
}

/* dir holds file, which makes it a folder of the given depth, but sits
 * where rekap does not look for one; where: the depth of the folder
 * expected there, or -1 for a place where no folder is read. */
static void report_misplaced_dir(loader *ld, const char *dir, const char *file, int depth,
                                 int where)
{
	if (where >= 0)
		LOAD_ERROR(ld, shown_path(ld, dir), 0, 0,
		           TR(ld->diags->lang,
		              "folder berisi %s tetapi berada di tempat folder %s; folder %s harus "
		              "berada di %s, pindahkan ke sana",
		              "folder holds %s but sits where a %s folder belongs; a %s folder must "
		              "sit at %s: move it there"),
		           file, TR(ld->diags->lang, kinds_id[where], kinds_en[where]),
		           TR(ld->diags->lang, kinds_id[depth], kinds_en[depth]), places[depth]);
	else
		LOAD_ERROR(ld, shown_path(ld, dir), 0, 0,
		           TR(ld->diags->lang,
		              "folder berisi %s di tempat yang tidak dibaca rekap; folder %s harus "
		              "berada di %s, pindahkan ke sana",
		              "folder holds %s in a place rekap does not read; a %s folder must sit "
		              "at %s: move it there"),
		           file, TR(ld->diags->lang, kinds_id[depth], kinds_en[depth]), places[depth]);
}

/* The record file among names that tells the kind of a folder (pos.md
 * before laporan.csv, a post's files before a puskesmas.md), with its
 * depth; NULL when there is none. rekap.yaml does not count. */
static const char *record_file_among(char **names, size_t n, int *depth)
{
	int d;
	size_t i, k;
	for (d = POST_DEPTH; d > 0; d--)
		for (i = 0; own_files[d][i]; i++)
			for (k = 0; k < n; k++)
				if (strcmp(names[k], own_files[d][i]) == 0) {
					*depth = d;
					return own_files[d][i];
				}
	return NULL;
}

static int is_real_dir(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Report dir (when self) and every folder below it, left levels deep, that holds
 * record files: they sit where rekap does not read them. Links are not
 * followed, ignored folders not searched. Returns how many were reported. */
static size_t report_misplaced_below(loader *ld, const char *dir, int self, unsigned left)
{
	size_t n, i, found = 0;
	char **names = dir_names(dir, &n);
	const char *file;
	int depth;
	if (!names)
		return 0;
	if (self && (file = record_file_among(names, n, &depth)) != NULL) {
		report_misplaced_dir(ld, dir, file, depth, -1);
		found = 1;
	} else if (left > 0) {
		for (i = 0; i < n; i++) {
			char *path;
			if (name_in(names[i], ignored_dirs))
				continue;
			path = path_join(dir, names[i]);
			if (is_real_dir(path))
				found += report_misplaced_below(ld, path, 1, left - 1);
			free(path);
		}
	}
	names_free(names, n);
	return found;
}

/* A folder inside a post: reported, with the records it holds if any. */
static void report_post_subdir(loader *ld, const char *path)
{
	if (report_misplaced_below(ld, path, 1, SEARCH_LEVELS) == 0)
		LOAD_WARNING(ld, shown_path(ld, path), 0, 0,
		             TR(ld->diags->lang,
		                "folder ini tidak dipakai rekap dan isinya diabaikan; simpan foto dan "
		                "dokumen lain di folder foto/ atau lampiran/, atau hapus foldernya",
		                "rekap does not use this folder and ignores what it holds; keep photos "
		                "and other documents in a foto/ or lampiran/ folder, or delete the "
		                "folder"));
}

/* path is a copy of the record file original, which rekap reads instead:
 * whichever holds the latest figures, only original is published. */
static void report_copy(loader *ld, const char *path, const char *original)
{
	LOAD_WARNING(ld, shown_path(ld, path), 0, 0,
	             TR(ld->diags->lang,
	                "berkas ini tampaknya salinan %s dan tidak dibaca: rekap hanya membaca "
	                "%s; bila salinan ini yang terbaru, salin isinya ke %s, lalu hapus "
	                "salinannya",
	                "this file looks like a copy of %s and is not read: rekap reads only %s; "
	                "if this copy is the latest, copy what it holds into %s, then delete the "
	                "copy"),
	             original, original, original);
}

/* A file in a folder of the tree that is not its own record file. present
 * and missing: bit i set when own_files[depth][i] is in the folder, and
 * when it is absent where it is required; a file named like a missing one
 * sets the bit in *renamed. */
static void check_other_file(loader *ld, const char *path, const char *name, size_t depth,
                             unsigned present, unsigned missing, unsigned *renamed)
{
	int d = record_file_depth(name);
	size_t i;
	if (name_in(name, ignored_files) || is_office_lock(name))
		return;
	if (d >= 0) {
		report_misplaced_file(ld, path, name, d);
		return;
	}
	for (i = 0; own_files[depth][i]; i++)
		if ((missing >> i & 1) && near_name(name, own_files[depth][i])) {
			report_near_name(ld, path, name, own_files[depth][i]);
			*renamed |= 1u << i;
			return;
		}
	for (i = 0; own_files[depth][i]; i++)
		if ((present >> i & 1) && copy_name_of(name, own_files[depth][i])) {
			report_copy(ld, path, own_files[depth][i]);
			return;
		}
	LOAD_WARNING(ld, shown_path(ld, path), 0, 0,
	             TR(ld->diags->lang,
	                "berkas ini tidak dipakai rekap dan diabaikan; simpan foto dan dokumen "
	                "lain di folder foto/ atau lampiran/, atau hapus berkasnya",
	                "rekap does not use this file and ignores it; keep photos and other "
	                "documents in a foto/ or lampiran/ folder, or delete the file"));
}

/* Whether an entry of a folder, of the given kind (DIR_KIND_UNKNOWN: see
 * lstat), is a folder to walk into. A link to a folder, or one leading
 * nowhere, is checked and reported by link_allowed; a link to a file is a
 * file (read, if at all, through probe). */
static int entry_is_dir(loader *ld, const char *path, dir_kind kind, int *is_file_out)
{
	struct stat st;
	int target;
	*is_file_out = 0;
	if (kind == DIR_KIND_UNKNOWN) {
		if (lstat(path, &st) != 0)
			return 0;
		kind = dir_kind_of_mode(st.st_mode);
	}
	if (kind == DIR_KIND_DIR)
		return 1;
	if (kind != DIR_KIND_LINK) {
		*is_file_out = 1;
		return 0;
	}
	target = stat(path, &st) == 0;
	if (target && !S_ISDIR(st.st_mode)) {
		*is_file_out = 1;
		return 0;
	}
	return link_allowed(ld, path) && target;
}

/* Whether path is itself a regular file (a link is not). */
static int is_file_entry(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether an entry is a real folder or a regular file: its kind as the
 * folder's listing gave it, else as lstat finds it. */
static int is_dir_or_file(const char *path, dir_kind kind)
{
	if (kind == DIR_KIND_DIR || kind == DIR_KIND_FILE)
		return 1;
	if (kind != DIR_KIND_UNKNOWN)
		return 0;
	return is_real_dir(path) || is_file_entry(path);
}

/* What a walk finds in one folder besides its own record files. */
typedef struct folder_scan {
	char **subdirs; /* sorted names of the folders to walk into; names_free */
	size_t nsubdirs;
	unsigned renamed; /* bit i: own_files[depth][i] is missing and a file named
	                   * like it was reported */
	int deep; /* a post's folder holds a link or a folder that is searched:
	           * what they hold may change while the folder does not */
} folder_scan;

/* Remember the kinds of the record files of dir, a post folder, as its
 * listing (list, n entries) gave them, for probe. */
static void remember_post_files(loader *ld, const char *dir, const dir_entry *list, size_t n)
{
	size_t i, k;
	if (strlen(dir) >= sizeof ld->seen_dir) {
		ld->seen_dir[0] = '\0';
		return;
	}
	strcpy(ld->seen_dir, dir);
	for (i = 0; own_files[POST_DEPTH][i]; i++) {
		for (k = 0; k < n && strcmp(list[k].name, own_files[POST_DEPTH][i]) != 0; k++)
			;
		ld->seen_kind[i] = k < n ? (int)list[k].kind : -1;
	}
}

/* The kind remember_post_files noted for path: -1 when it was not in the
 * folder, DIR_KIND_UNKNOWN when path is not one of the files noted. */
static int seen_kind(const loader *ld, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t i;
	if (!ld->seen_dir[0] || !slash || strlen(ld->seen_dir) != (size_t)(slash - path) ||
	    memcmp(path, ld->seen_dir, (size_t)(slash - path)) != 0)
		return DIR_KIND_UNKNOWN;
	for (i = 0; own_files[POST_DEPTH][i]; i++)
		if (strcmp(slash + 1, own_files[POST_DEPTH][i]) == 0)
			return ld->seen_kind[i];
	return DIR_KIND_UNKNOWN;
}

/* Look at everything in dir, a folder of the tree at depth: its own record
 * files are left to their readers, ignored names skipped, sub-folders
 * returned to walk into (inside a post: reported), and anything else
 * reported, so nothing under records/ is left out without a word. The
 * listing tells what each entry is: only links (and entries of a file
 * system that does not tell) take a system call each. fd, when not -1, is
 * dir held open, listed without opening it again. */
static void scan_folder(loader *ld, const char *dir, int fd, size_t depth, folder_scan *scan)
{
	size_t n, i, k;
	dir_entry *list = fd >= 0 ? dir_list_fd(fd, 0, &n) : NULL;
	unsigned present = 0, missing = 0;
	memset(scan, 0, sizeof *scan);
	if (!list)
		list = dir_list(dir, 0, &n);
	if (!list)
		return;
	for (i = 0; own_files[depth][i]; i++) {
		for (k = 0; k < n && strcmp(list[k].name, own_files[depth][i]) != 0; k++)
			;
		if (k < n)
			present |= 1u << i;
		/* a province, district or puskesmas folder is walked only when
		 * its profile is there: only records/ and posts can miss a file */
		else if (depth == 0 || depth == POST_DEPTH)
			missing |= 1u << i;
	}
	if (depth == POST_DEPTH)
		remember_post_files(ld, dir, list, n);
	scan->subdirs = xmalloc((n ? n : 1) * sizeof *scan->subdirs);
	for (i = 0; i < n; i++) {
		char *path, *name = list[i].name;
		int plain;
		if (record_file_depth(name) == (int)depth) {
			free(name);
			continue;
		}
		path = path_join(dir, name);
		if (depth == POST_DEPTH && !is_dir_or_file(path, list[i].kind))
			scan->deep = 1;
		if (!entry_is_dir(ld, path, list[i].kind, &plain)) {
			if (plain)
				check_other_file(ld, path, name, depth, present, missing,
				                 &scan->renamed);
		} else if (name_in(name, ignored_dirs)) {
			/* skipped */
		} else if (depth < POST_DEPTH) {
			scan->subdirs[scan->nsubdirs++] = name;
			name = NULL;
		} else {
			report_post_subdir(ld, path);
			scan->deep = 1;
		}
		free(name);
		free(path);
	}
	free(list);
}

/* Which record file names the folder, if any, for a helpful message. */
static const char *kind_file_present(const char *dir)
{
	static const char *const names[] = {"provinsi.md", "kabupaten.md", "kota.md",
	                                    "puskesmas.md", "pos.md", NULL};
	size_t i;
	for (i = 0; names[i]; i++) {
		char *p = path_join(dir, names[i]);
		int found = is_file(p);
		free(p);
		if (found)
			return names[i];
	}
	return NULL;
}

/* sub, a folder at depth, lacks the file naming its kind (spec->md): say
 * why as precisely as the folder allows. */
static void report_missing_profile(loader *ld, const char *sub, const level_spec *spec,
                                   size_t depth)
{
	const char *found = kind_file_present(sub);
	char **names;
	size_t n, i;
	int post_files = 0;
	if (found) {
		report_misplaced_dir(ld, sub, found, record_file_depth(found), (int)depth);
		return;
	}
	names = dir_names(sub, &n);
	for (i = 0; names && i < n; i++) {
		char *path = path_join(sub, names[i]);
		const char *want = near_name(names[i], spec->md)                      ? spec->md
		                   : spec->alt_md && near_name(names[i], spec->alt_md) ? spec->alt_md
		                                                                       : NULL;
		post_files |= record_file_depth(names[i]) == POST_DEPTH;
		if (want && is_file(path)) {
			report_near_name(ld, path, names[i], want);
			found = want;
		}
		free(path);
	}
	names_free(names, n);
	/* a folder holding posts, say, deeper down: they are what is lost */
	if (found || (!post_files && report_misplaced_below(ld, sub, 0, SEARCH_LEVELS) > 0))
		return;
	LOAD_ERROR(ld, sub, 0, 0,
	           TR(ld->diags->lang, "folder tidak berisi %s%s%s; tambahkan berkas itu",
	              "folder does not contain %s%s%s; add that file"),
	           spec->md, spec->alt_md ? TR(ld->diags->lang, " atau ", " or ") : "",
	           spec->alt_md ? spec->alt_md : "");
}

static void load_level(loader *ld, node *parent, const char *dir, int fd, size_t depth);
static void load_branches(loader *ld, node *root, const char *dir, int fd,
                          const folder_scan *scan, size_t nthreads);

/* The diagnostics of list about file (a profile's), in a list of their
 * own that borrows their strings: free its items only. */
static diag_list diags_of_file(const diag_list *list, const char *file)
{
	diag_list mine;
	size_t i;
	diag_list_init(&mine);
	mine.items = xmalloc((list->len ? list->len : 1) * sizeof *mine.items);
	for (i = 0; i < list->len; i++)
		if (list->items[i].file && strcmp(list->items[i].file, file) == 0)
			mine.items[mine.len++] = list->items[i];
	return mine;
}

/* Read n's profile from mdname in its folder sub, as its kind asks (keys:
 * the keys it may hold), then check its code and drop its private fields:
 * what the records cache keeps of it. */
static void read_region_profile(loader *ld, node *n, const char *sub, const char *mdname,
                                const char *const *keys)
{
	if (n->kind == NODE_KABUPATEN || n->kind == NODE_KOTA) {
		read_profile(ld, n, sub, mdname, district_keys(ld));
		check_district_fields(ld, n);
	} else {
		read_profile(ld, n, sub, mdname, keys);
	}
	check_code(ld, n);
	drop_private(ld, n);
}

/* The profile of n, a province, district or puskesmas, from the records
 * cache when its entry holds for the file (md: its lstat as the walk took
 * it, NULL when it is a link), else read; kept for the next cache either
 * way. The loader's diagnostics end as reading the file would leave them:
 * the same diagnostics, in the same order, and the same count of those of
 * the file reported last (see load_diag). */
static void load_profile(loader *ld, node *n, const char *sub, const char *mdname,
                         const char *const *keys, const struct stat *md)
{
	diag_list *outer = ld->diags, mine, own;
	profile_diag_state st;
	postcache_slot slot;
	char *file = path_join(sub, mdname);
	int failed = 0, saved_failed = ld->failed;
	/* a count of this file's diagnostics already begun goes on: not cached */
	int fresh = !(ld->diag_file && strcmp(ld->diag_file, file) == 0);
	free(file);
	diag_list_init(&mine);
	mine.lang = outer->lang;
	if (fresh && postcache_restore_profile(ld->cache, n, mdname, md, ld->recs->arena, &mine,
	                                       &failed, &st, &slot)) {
		if (st.reported) {
			/* as the file's first diagnostic would have */
			flush_hidden(ld);
			ld->diag_file = xstrdup(n->file);
			ld->diag_count = st.count;
			ld->diag_hidden = st.hidden;
			ld->diag_hidden_line = st.hidden_line;
			ld->diag_file_errors = failed; /* a profile fails by errors in it */
		}
		ld->failed |= failed;
	} else {
		diag_list_release(&mine);
		diag_list_init(&mine);
		mine.lang = outer->lang;
		ld->diags = &mine;
		ld->failed = 0;
		read_region_profile(ld, n, sub, mdname, keys);
		ld->diags = outer;
		st.reported = ld->diag_file && strcmp(ld->diag_file, n->file) == 0;
		st.count = st.reported ? ld->diag_count : 0;
		st.hidden = st.reported ? ld->diag_hidden : 0;
		st.hidden_line = st.reported ? ld->diag_hidden_line : 0;
		/* mine may begin with the count of the file reported before */
		own = diags_of_file(&mine, n->file);
		postcache_record_profile(ld->cache, fresh ? md : NULL, mdname, n, &own, ld->failed, &st,
		                         &slot);
		free(own.items);
		ld->failed |= saved_failed;
	}
	diag_list_move(outer, &mine);
	diag_list_release(&mine);
	ARRAY_PUSH(ld->profiles, ld->nprofiles, ld->capprofiles, slot);
}

/* When slug, a folder of dir that is no valid name, is the name Windows
 * gives a copy of its sibling ("nelayan-a - Copy"), report it as such and
 * return 1: renamed as the message for an invalid name asks, it would
 * count the same post twice. */
static int report_copied_folder(loader *ld, const char *dir, const char *sub, const char *slug)
{
	char lower[256], *original, *path;
	size_t start, len;
	int found;
	if (!lower_name(lower, sizeof lower, slug))
		return 0;
	len = copy_stem(lower, strlen(lower), &start);
	if (len == strlen(lower) || len == 0)
		return 0;
	original = xstrndup(lower + start, len);
	path = path_join(dir, original);
	found = records_slug_valid(original) && is_real_dir(path);
	if (found)
		LOAD_ERROR(ld, shown_path(ld, sub), 0, 0,
		           TR(ld->diags->lang,
		              "folder ini tampaknya salinan folder %s dan tidak dibaca; simpan "
		              "cadangan di luar folder records/, dan buat pos atau wilayah baru "
		              "dengan rekap new: salinan membawa kode dan laporan aslinya, yang "
		              "akan terhitung dua kali",
		              "this folder looks like a copy of the folder %s and is not read; keep "
		              "backups outside the records/ folder, and make a new post or area "
		              "with rekap new: a copy carries the original's code and reports, "
		              "which would count twice"),
		           original);
	free(original);
	free(path);
	return found;
}

/* slug, a folder of dir (held open as dfd, or -1), at depth: its profile
 * or post, and what lies below. */
static void load_child(loader *ld, node *parent, const char *dir, int dfd, const char *slug,
                       size_t depth)
{
	const level_spec *spec = &levels[depth];
	char *sub = path_join(dir, slug);
	char *md = path_join(sub, spec->md);
	char *alt = spec->alt_md ? path_join(sub, spec->alt_md) : NULL;
	char *md_rel = path_join(slug, spec->md);
	char *alt_rel = spec->alt_md ? path_join(slug, spec->alt_md) : NULL;
	at_path at_md, at_alt;
	node_kind kind = spec->kind;
	const char *mdname = spec->md;
	node *n;
	entry_kind km = ENTRY_NONE, ka = ENTRY_NONE;
	struct stat md_st, alt_st; /* the profiles' lstats, kept for the records cache */
	int md_known = 0, alt_known = 0;
	at_md.dfd = at_alt.dfd = dfd;
	at_md.rel = md_rel;
	at_alt.rel = alt_rel;
	if (!records_slug_valid(slug) && report_copied_folder(ld, dir, sub, slug))
		goto done;
	if (!records_slug_valid(slug)) {
		/* the name may hold any byte: shown escaped, here and in the path */
		char *better = records_slug_suggest(slug);
		LOAD_ERROR(ld, shown_path(ld, sub), 0, 0,
		           TR(ld->diags->lang,
		              "nama folder \"%s\" tidak sah; pakai huruf kecil a-z, angka dan tanda "
		              "hubung, mis. \"%s\"",
		              "folder name \"%s\" is not allowed; use lowercase letters a-z, digits "
		              "and hyphens, e.g. \"%s\""),
		           load_shown(ld, slug), better ? better : "nelayan-tanjung-laut");
		free(better);
		goto done;
	}
	if ((km = probe_stat(ld, md, &at_md, &md_st, &md_known)) == ENTRY_REFUSED ||
	    (alt && (ka = probe_stat(ld, alt, &at_alt, &alt_st, &alt_known)) == ENTRY_REFUSED))
		goto done;
	if (km == ENTRY_DIR || km == ENTRY_OTHER || ka == ENTRY_DIR || ka == ENTRY_OTHER) {
		int md_bad = km == ENTRY_DIR || km == ENTRY_OTHER;
		LOAD_ERROR(ld, md_bad ? md : alt, 0, 0,
		           TR(ld->diags->lang,
		              "%s bukan berkas biasa (melainkan folder, pipa atau perangkat); ganti "
		              "dengan berkas teks",
		              "%s is not a regular file (but a folder, a pipe or a device); replace "
		              "it with a text file"),
		           md_bad ? spec->md : spec->alt_md);
		goto done;
	}
	if (km != ENTRY_FILE && ka == ENTRY_FILE) {
		kind = spec->alt_kind;
		mdname = spec->alt_md;
	} else if (km != ENTRY_FILE) {
		report_missing_profile(ld, sub, spec, depth + 1);
		goto done;
	}
	n = node_new(ld, kind, parent, slug);
	if (kind == NODE_POS) {
		post_task t;
		t.n = n;
		t.dir = sub;
		t.mdname = mdname;
		t.keys = spec->keys;
		memset(&t.slot, 0, sizeof t.slot);
		t.entry = postcache_probe(ld->cache, n, dfd >= 0 ? dfd : AT_FDCWD, dfd >= 0 ? slug : sub,
		                          md_known ? &md_st : NULL);
		ARRAY_PUSH(ld->posts, ld->nposts, ld->capposts, t);
		ARRAY_PUSH(ld->recs->posts, ld->recs->nposts, ld->recs->capposts, n);
		sub = NULL; /* the task's now */
		goto done;
	}
	if (mdname == spec->md)
		load_profile(ld, n, sub, mdname, spec->keys, md_known ? &md_st : NULL);
	else
		load_profile(ld, n, sub, mdname, spec->keys, alt_known ? &alt_st : NULL);
	load_level(ld, n, sub, dfd >= 0 ? openat(dfd, slug, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1,
	           depth + 1);
done:
	free(md);
	free(alt);
	free(md_rel);
	free(alt_rel);
	free(sub);
}

/* The folders of dir, at depth; fd, when not -1, is dir opened, which the
 * walk then looks into by names relative to it (it is closed here). */
static void load_level(loader *ld, node *parent, const char *dir, int fd, size_t depth)
{
	folder_scan scan;
	size_t i, nthreads;
	scan_folder(ld, dir, fd, depth, &scan);
	/* records/ itself: one thread per core when it is held open */
	if (depth == 0 && fd >= 0 && (nthreads = parallel_threads(scan.nsubdirs, 2)) >= 2)
		load_branches(ld, parent, dir, fd, &scan, nthreads);
	else
		for (i = 0; i < scan.nsubdirs; i++)
			load_child(ld, parent, dir, fd, scan.subdirs[i], depth);
	names_free(scan.subdirs, scan.nsubdirs);
	if (fd >= 0)
		close(fd);
}

/* A loader for a thread of its own: the rules, settings, cache and task
 * lists of the loader it copies, but its own arena (in a records shell
 * that holds only what the thread makes), diagnostics and count of the
 * file reported last, handed over with loader_copy_merge. */
typedef struct loader_copy {
	loader ld;
	records shell;
	diag_list diags;
} loader_copy;

static void loader_copy_init(loader_copy *c, const loader *ld)
{
	c->ld = *ld;
	memset(&c->shell, 0, sizeof c->shell);
	c->shell.arena = arena_new();
	c->ld.recs = &c->shell;
	diag_list_init(&c->diags);
	c->diags.lang = ld->diags->lang;
	c->ld.diags = &c->diags;
	c->ld.failed = 0;
	c->ld.diag_file = NULL;
	c->ld.diag_count = c->ld.diag_hidden = 0;
	c->ld.diag_hidden_line = 0;
	c->ld.diag_file_errors = 0;
}

/* Hand the copy's arena, diagnostics and failure over to ld. */
static void loader_copy_merge(loader_copy *c, loader *ld)
{
	arena_adopt(ld->recs->arena, c->shell.arena);
	diag_list_move(ld->diags, &c->diags);
	ld->failed |= c->ld.failed;
}

/* A folder of records/ (a province, or whatever else lies there) walked
 * by a thread: with a loader whose nodes, posts, profiles, arena and
 * diagnostics are the branch's own until merged, in the order of the
 * folders, into what one walk after the other would have given. */
typedef struct branch_walk {
	loader_copy c; /* its shell holds the branch's nodes and posts */
	node stub; /* the root as the branch sees it: its top node's parent until merged */
	const char *dir, *slug;
	int fd;
} branch_walk;

/* One walking thread: the branches, and the first no thread took yet. */
typedef struct branch_walker {
	branch_walk *walks;
	size_t n, *next;
} branch_walker;

static void *branch_walker_run(void *arg)
{
	branch_walker *w = arg;
	size_t i;
	while ((i = __atomic_fetch_add(w->next, 1, __ATOMIC_RELAXED)) < w->n) {
		branch_walk *b = &w->walks[i];
		load_child(&b->c.ld, &b->stub, b->dir, b->fd, b->slug, 0);
		flush_hidden(&b->c.ld);
	}
	return NULL;
}

static void branch_init(branch_walk *b, const loader *ld, const node *root, const char *dir,
                        int fd, const char *slug)
{
	loader_copy_init(&b->c, ld);
	b->c.ld.seen_dir[0] = '\0';
	b->c.ld.posts = NULL;
	b->c.ld.nposts = b->c.ld.capposts = 0;
	b->c.ld.profiles = NULL;
	b->c.ld.nprofiles = b->c.ld.capprofiles = 0;
	b->stub = *root;
	b->stub.children = NULL;
	b->stub.nchildren = b->stub.capchildren = 0;
	b->dir = dir;
	b->fd = fd;
	b->slug = slug;
}

/* Hand a branch over to the loader, as if walked in this thread now. */
static void branch_merge(branch_walk *b, loader *ld, node *root)
{
	records *recs = ld->recs, *shell = &b->c.shell;
	const loader *mine = &b->c.ld;
	size_t i;
	/* the count of the file reported last ends where another file's
	 * diagnostic would have ended it */
	if (b->c.diags.len)
		flush_hidden(ld);
	for (i = 0; i < shell->nnodes; i++) {
		node *n = shell->nodes[i];
		n->index = recs->nnodes;
		if (n->parent == &b->stub) {
			n->parent = root;
			ARRAY_PUSH(root->children, root->nchildren, root->capchildren, n);
		}
		ARRAY_PUSH(recs->nodes, recs->nnodes, recs->capnodes, n);
	}
	for (i = 0; i < shell->nposts; i++)
		ARRAY_PUSH(recs->posts, recs->nposts, recs->capposts, shell->posts[i]);
	for (i = 0; i < mine->nposts; i++)
		ARRAY_PUSH(ld->posts, ld->nposts, ld->capposts, mine->posts[i]);
	for (i = 0; i < mine->nprofiles; i++)
		ARRAY_PUSH(ld->profiles, ld->nprofiles, ld->capprofiles, mine->profiles[i]);
	free(shell->nodes);
	free(shell->posts);
	free(mine->posts);
	free(mine->profiles);
	free(b->stub.children);
	loader_copy_merge(&b->c, ld);
}

/* The folders of records/ (scanned into scan), each walked by the next
 * free one of nthreads threads: the largest province holds a tenth of the
 * posts. The nodes, posts and diagnostics are those of one walk after the
 * other, in the same order. */
static void load_branches(loader *ld, node *root, const char *dir, int fd,
                          const folder_scan *scan, size_t nthreads)
{
	size_t next = 0, i;
	branch_walk *walks = xcalloc(scan->nsubdirs, sizeof *walks);
	branch_walker *walkers = xcalloc(nthreads, sizeof *walkers);
	for (i = 0; i < scan->nsubdirs; i++)
		branch_init(&walks[i], ld, root, dir, fd, scan->subdirs[i]);
	for (i = 0; i < nthreads; i++) {
		walkers[i].walks = walks;
		walkers[i].n = scan->nsubdirs;
		walkers[i].next = &next;
	}
	parallel_each(walkers, nthreads, sizeof *walkers, branch_walker_run);
	for (i = 0; i < scan->nsubdirs; i++)
		branch_merge(&walks[i], ld, root);
	free(walkers);
	free(walks);
}

/* Everything in a post's folder. Reads only the post's own files, its
 * parent's code and name and the rules, and writes only to the post, the
 * loader's arena and its diagnostics: posts can be read in any order, at
 * once. A post whose folder and files are as the cache knows them is
 * taken from it, with the diagnostics reading it gave. */
static void load_post(loader *ld, post_task *t)
{
	diag_list *outer = ld->diags, mine;
	post_identity id;
	folder_scan scan;
	int readable, failed = ld->failed;
	/* the file reported last belongs to another post: done with */
	flush_hidden(ld);
	if (postcache_restore(ld->cache, t->entry, t->n, ld->recs->arena, outer, &ld->failed,
	                      &t->slot))
		return;
	postcache_identify(ld->cache, t->dir, &id);
	diag_list_init(&mine);
	mine.lang = outer->lang;
	ld->diags = &mine;
	ld->failed = 0;
	readable = read_profile(ld, t->n, t->dir, t->mdname, t->keys) == 0;
	check_code(ld, t->n);
	read_post_profile(ld, t->n, readable);
	drop_private(ld, t->n);
	scan_folder(ld, t->dir, -1, POST_DEPTH, &scan);
	names_free(scan.subdirs, scan.nsubdirs);
	if (scan.deep)
		id.usable = 0;
	/* bits 1 and 2: laporan.csv and kader.csv in own_files */
	laporan_read(ld, t->n, t->dir, scan.renamed >> 1 & 1);
	kader_read(ld, t->n, t->dir, scan.renamed >> 2 & 1);
	read_diseases(ld, t->n, t->dir);
	flush_hidden(ld);
	postcache_record(ld->cache, &id, t->n, &mine, ld->failed, &t->slot);
	ld->failed |= failed;
	ld->diags = outer;
	diag_list_move(outer, &mine);
	diag_list_release(&mine);
}

/* A thread reading posts, with a loader of its own: its own arena (the
 * records' arena takes it afterwards) and diagnostics. */
typedef struct post_reader {
	loader_copy c; /* its shell holds only the arena */
	size_t *next; /* the first post no thread has taken yet, shared */
	size_t take; /* posts taken at a time */
} post_reader;

static void *post_reader_run(void *arg)
{
	post_reader *pr = arg;
	size_t i, end;
	while ((i = __atomic_fetch_add(pr->next, pr->take, __ATOMIC_RELAXED)) < pr->c.ld.nposts) {
		end = i + pr->take < pr->c.ld.nposts ? i + pr->take : pr->c.ld.nposts;
		for (; i < end; i++)
			load_post(&pr->c.ld, &pr->c.ld.posts[i]);
	}
	flush_hidden(&pr->c.ld);
	return NULL;
}

static void post_reader_init(post_reader *pr, const loader *ld, size_t *next, size_t take)
{
	loader_copy_init(&pr->c, ld); /* the posts to read are ld's */
	pr->next = next;
	pr->take = take;
}

/* Read every post found by the walk: in this thread when there are few,
 * else in one thread per core. Each post's result is the same either way. */
static void load_posts(loader *ld)
{
	size_t nthreads = parallel_threads(ld->nposts, POSTS_PER_TAKE), next = 0, take, i;
	post_reader *readers;
	if (nthreads < 2) {
		for (i = 0; i < ld->nposts; i++)
			load_post(ld, &ld->posts[i]);
	} else {
		readers = xcalloc(nthreads, sizeof *readers);
		/* small takes on small trees, so that every thread gets posts */
		take = ld->nposts / (nthreads * 4);
		take = take < 1 ? 1 : take > POSTS_PER_TAKE ? POSTS_PER_TAKE : take;
		for (i = 0; i < nthreads; i++)
			post_reader_init(&readers[i], ld, &next, take);
		parallel_each(readers, nthreads, sizeof *readers, post_reader_run);
		for (i = 0; i < nthreads; i++)
			loader_copy_merge(&readers[i].c, ld);
		free(readers);
	}
	if (ld->cache) {
		postcache_slot *slots = xcalloc(ld->nposts + ld->nprofiles + 1, sizeof *slots);
		for (i = 0; i < ld->nposts; i++)
			slots[i] = ld->posts[i].slot;
		for (i = 0; i < ld->nprofiles; i++)
			slots[ld->nposts + i] = ld->profiles[i];
		postcache_save(ld->cache, slots, ld->nposts, ld->nprofiles);
		free(slots);
		/* the entries just freed (300 MB over the national tree) lie
		 * between what stays: without this, computing would add its
		 * memory on top of them */
		memory_trim();
	}
	free(ld->profiles);
	ld->profiles = NULL;
	ld->nprofiles = ld->capprofiles = 0;
	for (i = 0; i < ld->nposts; i++)
		free(ld->posts[i].dir);
	free(ld->posts);
	ld->posts = NULL;
	ld->nposts = ld->capposts = 0;
}

static void compute_span(records *recs)
{
	size_t i, j;
	recs->first_month = 1 << 30;
	recs->last_month = -1;
	for (i = 0; i < recs->nposts; i++) {
		const node *p = recs->posts[i];
		for (j = 0; j < p->nreports; j++) {
			int first = report_first_month(&p->reports[j]);
			int last = report_last_month(&p->reports[j]);
			if (first < recs->first_month)
				recs->first_month = first;
			if (last > recs->last_month)
				recs->last_month = last;
		}
	}
}

/* ---- rekap.yaml ---- */

/* Check rekap.yaml's keys and values and keep them in recs->settings. */
static void read_settings(loader *ld, const char *file, const value *map)
{
	diag_list found;
	diag_list_init(&found);
	found.lang = ld->diags->lang;
	settings_read(&ld->recs->settings, map, file, &found);
	load_found(ld, &found);
}

static void load_settings(loader *ld, const char *dir)
{
	char *path = path_join(dir, "rekap.yaml");
	char *text;
	size_t len;
	value *map = NULL;
	ld->recs->settings_hash = HASH_INIT;
	if (load_probe(ld, path) == ENTRY_FILE &&
	    read_record_file(ld, path, &text, &len, NULL) == 0) {
		char *file = arena_strdup(ld->recs->arena, path);
		ld->recs->settings_hash = hash_bytes(HASH_INIT, text, len);
		if (check_text(ld, file, text, len) != 0 ||
		    fm_parse_yaml(ld->recs->arena, file, text, len, 1, &map, ld->diags) != 0)
			ld->failed = 1;
		else
			read_settings(ld, file, map);
		free(text);
	}
	/* the root's front matter: the same mapping */
	ld->settings_map = map ? map : val_map(ld->recs->arena);
	free(path);
}

/* Forget the posts found and profiles read: the tree is loaded again. */
static void loader_drop(loader *ld)
{
	size_t i;
	for (i = 0; i < ld->nposts; i++) {
		free(ld->posts[i].dir);
		free(ld->posts[i].slot.owned);
	}
	free(ld->posts);
	for (i = 0; i < ld->nprofiles; i++)
		free(ld->profiles[i].owned);
	free(ld->profiles);
	free(ld->diag_file);
	free(ld->root_real);
}

#define LOAD_AGAIN 1 /* load_tree's: the cache failed its check after use */

/* records_load with the records cache cache (NULL: none), today as
 * period_today gave it; LOAD_AGAIN when profiles were taken from the cache
 * before its hash was checked, and it failed (recs is to be released). */
static int load_tree(records *recs, const char *dir, const rules *r, diag_list *diags,
                     postcache *cache, int today)
{
	loader ld;
	int fd;
	memset(recs, 0, sizeof *recs);
	settings_init(&recs->settings);
	recs->arena = arena_new();
	recs->dir = arena_strdup(recs->arena, dir);
	memset(&ld, 0, sizeof ld);
	ld.recs = recs;
	ld.rules = r;
	ld.diags = diags;
	ld.today = today;
	{
		int m, d;
		period_date_to_ymd(today, &ld.today_year, &m, &d);
	}
	ld.cache = cache;
	{
		buf text = BUF_INIT;
		period_format_date(&text, ld.today);
		snprintf(ld.today_text, sizeof ld.today_text, "%s", buf_cstr(&text));
		buf_release(&text);
	}
	if (!is_dir(dir)) {
		diag_error(diags, dir, 0, 0,
		           TR(diags->lang,
		              "folder rekaman tidak ditemukan; jalankan rekap di folder proyek atau "
		              "gunakan --records DIR",
		              "records folder not found; run rekap in the project folder or use "
		              "--records DIR"));
		recs->root = node_new(&ld, NODE_ROOT, NULL, "");
		recs->root->name = "";
		recs->root->meta = val_map(recs->arena);
		recs->first_month = 0;
		recs->last_month = -1;
		return -1;
	}
	/* links are followed only to places below this */
	ld.root_real = realpath(dir, NULL);
	load_settings(&ld, dir);
	recs->root = node_new(&ld, NODE_ROOT, NULL, "");
	recs->root->file = arena_printf(recs->arena, "%s/rekap.yaml", dir);
	recs->root->meta = ld.settings_map;
	recs->root->name = recs->settings.judul;
	recs->root->body = "";
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	load_level(&ld, recs->root, dir, fd, 0);
	if (postcache_ready(ld.cache)) {
		loader_drop(&ld);
		return LOAD_AGAIN;
	}
	load_posts(&ld);
	postcache_keep(ld.cache, recs->arena);
	crosscheck_tree(&ld);
	compute_span(recs);
	flush_hidden(&ld);
	free(ld.root_real);
	return ld.failed ? -1 : 0;
}

int records_load(records *recs, const char *dir, const rules *r, diag_list *diags)
{
	int today = period_today(), rc;
	postcache *cache = r && is_dir(dir) ? postcache_open(dir, r, diags->lang, today) : NULL;
	diag_list found;
	/* the diagnostics of one load: those of a load done again are dropped */
	do {
		diag_list_init(&found);
		found.lang = diags->lang;
		rc = load_tree(recs, dir, r, &found, cache, today);
		if (rc == LOAD_AGAIN) {
			records_release(recs);
			diag_list_release(&found);
		}
	} while (rc == LOAD_AGAIN);
	postcache_free(cache);
	diag_list_move(diags, &found);
	diag_list_release(&found);
	return rc;
}

void records_release(records *recs)
{
	size_t i;
	for (i = 0; i < recs->nnodes; i++)
		free(recs->nodes[i]->children);
	free(recs->nodes);
	free(recs->posts);
	arena_free(recs->arena);
	memset(recs, 0, sizeof *recs);
}

/* ---- the published quarter ---- */

/* Every quarter some post reported, once each. */
static int *reported_quarters(const records *recs, size_t *n)
{
	size_t p, i, cap = 16;
	int *qs = xmalloc(cap * sizeof *qs);
	*n = 0;
	for (p = 0; p < recs->nposts; p++) {
		const node *post = recs->posts[p];
		for (i = 0; i < post->nreports; i++) {
			int q = QUARTER_OF_MONTH(report_first_month(&post->reports[i]));
			size_t k;
			for (k = 0; k < *n && qs[k] != q; k++)
				;
			if (k < *n)
				continue;
			if (*n == cap)
				qs = xrealloc(qs, (cap *= 2) * sizeof *qs);
			qs[(*n)++] = q;
		}
	}
	return qs;
}

/* "periode:" of rekap.yaml: its quarter, -1 when absent, -2 (reported) when "". */
static int setting_period(const records *recs, diag_list *diags)
{
	const settings *set = &recs->settings;
	if (set->periode != SETTINGS_PERIODE_EMPTY)
		return set->periode;
	/* the check of rekap.yaml (settings.c) reports any other bad value and
	 * stops before a quarter is chosen, in the same words */
	diag_error(diags, recs->root->file, set->periode_line, set->periode_column,
	           TR(diags->lang, "periode \"%s\" harus triwulan berbentuk TTTT-QN, mis. 2024-Q4",
	              "periode \"%s\" must be a quarter written YYYY-QN, e.g. 2024-Q4"),
	           "");
	return -2;
}

/* Quarter q, asked for by --period (why PERIOD_OPTION) or periode:, or -2
 * with an error when it has not begun by today: no report can exist for
 * it, and every page would show every post as silent. */
static int begun_quarter(const records *recs, int q, int today, period_reason why, diag_list *diags)
{
	const settings *set = &recs->settings;
	int now = QUARTER_OF_MONTH(period_date_month(today));
	buf quarter = BUF_INIT, day = BUF_INIT, latest = BUF_INIT;
	if (q <= now)
		return q;
	period_format_quarter(&quarter, q);
	period_format_date(&day, today);
	period_format_quarter(&latest, now);
	if (why == PERIOD_OPTION)
		diag_error(diags, NULL, 0, 0,
		           TR(diags->lang,
		              "--period %s: triwulan itu belum dimulai (hari ini %s), jadi belum ada "
		              "laporan yang dapat masuk untuknya; pilih triwulan yang sudah dimulai "
		              "(paling akhir %s)",
		              "--period %s: that quarter has not begun (today is %s), so no report "
		              "can have arrived for it; choose a quarter that has begun (%s at the "
		              "latest)"),
		           buf_cstr(&quarter), buf_cstr(&day), buf_cstr(&latest));
	else
		diag_error(diags, recs->root->file, set->periode_line, set->periode_column,
		           TR(diags->lang,
		              "periode %s: triwulan itu belum dimulai (hari ini %s), jadi belum ada "
		              "laporan yang dapat masuk untuknya; tulis triwulan yang sudah dimulai "
		              "(paling akhir %s), atau hapus periode: agar rekap memilih triwulan "
		              "terakhir yang batas laporannya sudah lewat",
		              "periode %s: that quarter has not begun (today is %s), so no report "
		              "can have arrived for it; write a quarter that has begun (%s at the "
		              "latest), or remove periode: so that rekap picks the latest quarter "
		              "whose reporting deadline has passed"),
		           buf_cstr(&quarter), buf_cstr(&day), buf_cstr(&latest));
	buf_release(&quarter);
	buf_release(&day);
	buf_release(&latest);
	return -2;
}

int records_published_quarter(const records *recs, int option, int deadline_day, int today,
                              period_reason *why, int *due, diag_list *diags)
{
	size_t n;
	int *qs = reported_quarters(recs, &n), fallback, q;
	period_reason fallback_why;
	fallback = period_default(qs, n, deadline_day, today, &fallback_why);
	free(qs);
	*due = fallback_why == PERIOD_DEADLINE ? fallback : -1;
	if (option >= 0) {
		*why = PERIOD_OPTION;
		return begun_quarter(recs, option, today, *why, diags);
	}
	q = setting_period(recs, diags);
	if (q == -2)
		return -2;
	if (q >= 0) {
		*why = PERIOD_SETTING;
		return begun_quarter(recs, q, today, *why, diags);
	}
	*why = fallback_why;
	return fallback;
}
