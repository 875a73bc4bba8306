/* wilayah.c - the Kemendagri region list (data/wilayah/): province and district codes and names that records are checked against. */
#include "wilayah.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"

#define SHOWN_MAX 80 /* bytes of a record's value quoted in a message */

char *wilayah_dir_for(const char *rules_dir)
{
	size_t len = strlen(rules_dir);
	char *parent, *dir;
	while (len > 1 && rules_dir[len - 1] == '/')
		len--;
	while (len > 0 && rules_dir[len - 1] != '/')
		len--;
	if (len == 0)
		return xstrdup("data/wilayah");
	parent = xasprintf("%.*s", (int)len, rules_dir);
	dir = path_join(parent, "data/wilayah");
	free(parent);
	return dir;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const wilayah_entry *)a)->code, ((const wilayah_entry *)b)->code);
}

static const wilayah_entry *find(const wilayah_entry *list, size_t n, const char *code)
{
	wilayah_entry key;
	memset(&key, 0, sizeof key);
	key.code = code;
	return n ? bsearch(&key, list, n, sizeof *list, by_code) : NULL;
}

/* Read one CSV of the list whose header is exactly header (columns joined
 * by ","); each row becomes an entry of code, name (and new_code when the
 * file has three columns). Returns 0, or -1 after reporting. */
static int read_list(wilayah *w, const char *name, const char *header, wilayah_entry **out,
                     size_t *n, diag_list *diags)
{
	char *path = path_join(w->dir, name), *data = NULL;
	size_t len = 0, i, ncols = 1;
	csv_table t;
	buf got = BUF_INIT;
	int rc = 0;
	const char *p;
	for (p = header; *p; p++)
		ncols += *p == ',';
	memset(&t, 0, sizeof t);
	if (file_read(path, &data, &len) != 0) {
		diag_error(diags, path, 0, 0,
		           TR(diags->lang, "daftar wilayah Kemendagri tidak dapat dibaca",
		              "the Kemendagri region list cannot be read"));
		free(path);
		return -1;
	}
	if (csvr_parse(path, data, len, &t, diags) != 0)
		rc = -1;
	for (i = 0; rc == 0 && t.nrows > 0 && i < t.rows[0].len; i++)
		buf_printf(&got, "%s%s", i ? "," : "", t.rows[0].cells[i].text);
	if (rc == 0 && strcmp(buf_cstr(&got), header) != 0) {
		diag_error(diags, path, 1, 1,
		           TR(diags->lang, "daftar wilayah: baris judul harus \"%s\"",
		              "region list: the header line must be \"%s\""),
		           header);
		rc = -1;
	}
	*out = arena_alloc(w->arena, (t.nrows ? t.nrows : 1) * sizeof **out);
	*n = 0;
	for (i = 1; rc == 0 && i < t.nrows; i++) {
		const csv_row *row = &t.rows[i];
		wilayah_entry *e = &(*out)[(*n)++];
		if (row->len != ncols) {
			diag_error(diags, path, row->line, 1,
			           TR(diags->lang, "daftar wilayah: baris ini harus berisi %zu kolom",
			              "region list: this line must hold %zu columns"),
			           ncols);
			rc = -1;
			break;
		}
		e->code = arena_strdup(w->arena, row->cells[0].text);
		e->new_code = ncols == 3 ? arena_strdup(w->arena, row->cells[1].text) : NULL;
		e->name = arena_strdup(w->arena, row->cells[ncols - 1].text);
	}
	qsort(*out, *n, sizeof **out, by_code);
	buf_release(&got);
	csv_table_release(&t);
	free(data);
	free(path);
	return rc;
}

wilayah *wilayah_load(const char *dir, diag_list *diags)
{
	wilayah *w;
	char *probe = path_join(dir, "provinces.csv");
	char *data = NULL;
	size_t len = 0;
	int present = file_read(probe, &data, &len) == 0;
	free(data);
	free(probe);
	if (!present)
		return NULL;
	w = xcalloc(1, sizeof *w);
	w->arena = arena_new();
	w->dir = arena_strdup(w->arena, dir);
	if (read_list(w, "provinces.csv", "code,name", &w->provinces, &w->nprovinces, diags) ||
	    read_list(w, "regencies.csv", "code,name", &w->districts, &w->ndistricts, diags) ||
	    read_list(w, "papua-2022.csv", "kode_lama,kode_baru,nama", &w->moved, &w->nmoved,
	              diags)) {
		wilayah_free(w);
		return NULL;
	}
	return w;
}

void wilayah_free(wilayah *w)
{
	if (!w)
		return;
	arena_free(w->arena);
	free(w);
}

/* Lower case, runs of white space as one space, none at either end. */
static void normalise(const char *s, buf *out)
{
	int space = 0;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = out->len > 0;
			continue;
		}
		if (space)
			buf_putc(out, ' ');
		space = 0;
		buf_putc(out, (char)tolower((unsigned char)*s));
	}
}

static int strip_prefix(const char **s, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(*s, prefix, n) != 0)
		return 0;
	*s += n;
	return 1;
}

int wilayah_name_matches(const char *written, const char *official, node_kind kind)
{
	buf w = BUF_INIT, o = BUF_INIT;
	const char *ws, *os;
	int same;
	normalise(written, &w);
	normalise(official, &o);
	ws = buf_cstr(&w);
	os = buf_cstr(&o);
	same = strcmp(ws, os) == 0;
	if (!same && kind == NODE_PROVINSI) {
		same = strip_prefix(&ws, "provinsi ") && strcmp(ws, os) == 0;
	} else if (!same) {
		/* the official prefix may be left out, or "Kabupaten" written "Kab." */
		int kab = strip_prefix(&os, "kabupaten ");
		if (kab || strip_prefix(&os, "kota "))
			same = strcmp(ws, os) == 0 ||
			       (kab && (strip_prefix(&ws, "kab. ") || strip_prefix(&ws, "kabupaten ")) &&
			        strcmp(ws, os) == 0) ||
			       (!kab && strip_prefix(&ws, "kota ") && strcmp(ws, os) == 0);
	}
	buf_release(&w);
	buf_release(&o);
	return same;
}

/* Whether a district code ("64.72") is of the kind (see KOTA_CODE_MIN). */
static int district_of_kind(const char *code, node_kind kind)
{
	int kota = strlen(code) == 5 && atoi(code + 3) >= KOTA_CODE_MIN;
	return kind == NODE_KOTA ? kota : !kota;
}

const wilayah_entry *wilayah_find_name(const wilayah *w, node_kind kind, const char *parent_code,
                                       const char *name)
{
	const wilayah_entry *list = kind == NODE_PROVINSI ? w->provinces : w->districts, *found = NULL;
	size_t n = kind == NODE_PROVINSI ? w->nprovinces : w->ndistricts, i;
	size_t plen = parent_code ? strlen(parent_code) : 0;
	for (i = 0; i < n; i++) {
		const wilayah_entry *e = &list[i];
		if (kind != NODE_PROVINSI &&
		    (!parent_code || strncmp(e->code, parent_code, plen) != 0 || e->code[plen] != '.' ||
		     !district_of_kind(e->code, kind)))
			continue;
		if (!wilayah_name_matches(name, e->name, kind))
			continue;
		if (found)
			return NULL; /* two regions of that name: the user must choose */
		found = e;
	}
	return found;
}

int wilayah_has_code(const wilayah *w, const char *code)
{
	return find(w->provinces, w->nprovinces, code) || find(w->districts, w->ndistricts, code);
}

/* A record's value as a message quotes it: control characters visible, cut. */
static const char *shown(const char *s, buf *b)
{
	buf_reset(b);
	buf_put_shown(b, s, strlen(s), SHOWN_MAX);
	return buf_cstr(b);
}

static void field_at(const node *n, const char *key, unsigned *line, unsigned *col)
{
	const value *v = val_get(n->meta, key);
	*line = v ? v->line : 1;
	*col = v ? v->column : 1;
}

static void check_name(const node *n, const wilayah_entry *e, diag_list *diags)
{
	unsigned line, col;
	buf b = BUF_INIT;
	if (!n->name || !val_get(n->meta, "nama") || wilayah_name_matches(n->name, e->name, n->kind))
		return;
	field_at(n, "nama", &line, &col);
	diag_warning(diags, n->file, line, col,
	             TR(diags->lang,
	                "nama \"%s\" berbeda dengan nama resmi kode %s di daftar wilayah "
	                "Kemendagri (data/wilayah): \"%s\"; tulis nama resminya atau periksa kodenya",
	                "name \"%s\" differs from the official name of code %s in the "
	                "Kemendagri region list (data/wilayah): \"%s\"; write the official name or check "
	                "the code"),
	             shown(n->name, &b), e->code, e->name);
	buf_release(&b);
}

static void check_node(const wilayah *w, const node *n, diag_list *diags)
{
	int province = n->kind == NODE_PROVINSI;
	const wilayah_entry *e, *moved = NULL, *now;
	unsigned line, col;
	buf b = BUF_INIT;
	e = province ? find(w->provinces, w->nprovinces, n->code)
	             : find(w->districts, w->ndistricts, n->code);
	if (!e && !province)
		moved = find(w->moved, w->nmoved, n->code);
	field_at(n, "kode", &line, &col);
	if (moved && (now = find(w->districts, w->ndistricts, moved->new_code)) != NULL) {
		char pc[3] = {now->code[0], now->code[1], '\0'};
		const wilayah_entry *p = find(w->provinces, w->nprovinces, pc);
		diag_warning(diags, n->file, line, col,
		             TR(diags->lang,
		                "kode \"%s\" adalah kode lama %s sebelum pemekaran Papua 2022; kodenya "
		                "kini \"%s\" di provinsi %s: tulis kode baru itu dan pindahkan "
		                "foldernya ke provinsi tersebut",
		                "code \"%s\" is the code of %s before the 2022 Papua split; its code "
		                "is now \"%s\" in the province %s: write the new code and move the "
		                "folder to that province"),
		             shown(n->code, &b), now->name, now->code, p ? p->name : now->code);
		e = now;
	} else if (!e) {
		diag_warning(diags, n->file, line, col,
		             TR(diags->lang,
		                "kode \"%s\" tidak ada di daftar wilayah Kemendagri (data/wilayah); periksa "
		                "kodenya",
		                "code \"%s\" is not in the Kemendagri region list (data/wilayah); check the "
		                "code"),
		             shown(n->code, &b));
	}
	buf_release(&b);
	if (e)
		check_name(n, e, diags);
}

/* Codes of the right shape only: others are already errors of records. */
static int code_checked(const node *n)
{
	const char *c = n->code;
	if (!c)
		return 0;
	if (n->kind == NODE_PROVINSI)
		return strlen(c) == 2 && isdigit((unsigned char)c[0]) && isdigit((unsigned char)c[1]);
	if (n->kind == NODE_KABUPATEN || n->kind == NODE_KOTA)
		return strlen(c) == 5 && isdigit((unsigned char)c[0]) && isdigit((unsigned char)c[1]) &&
		       c[2] == '.' && isdigit((unsigned char)c[3]) && isdigit((unsigned char)c[4]);
	return 0;
}

void wilayah_check(const wilayah *w, const records *recs, diag_list *diags)
{
	size_t i;
	for (i = 0; i < recs->nnodes; i++)
		if (code_checked(recs->nodes[i]))
			check_node(w, recs->nodes[i], diags);
}
