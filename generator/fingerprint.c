/* fingerprint.c - what each node's files depend on, to rewrite only the files of nodes that changed.
 *
 * A node's fingerprint hashes (FNV-1a, 64 bits) three things:
 *   global:    the rekap executable, the rules, templates and rekap.yaml as
 *              they were read, the published quarters and the workbook
 *              creation time;
 *   ancestors: for each ancestor, its name, slug, code and record file;
 *   subtree:   the record files (hashed by the loader as it read them,
 *              node->source_hash) and computed results of the node and of
 *              every node below it.
 * Subtrees are hashed from the leaves up (children follow their parent in
 * the pre-order, so walking it backwards meets children first). */
#define _DEFAULT_SOURCE /* realpath */
#define _ATFILE_SOURCE /* fstatat */
#include "fingerprint.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"
#include "opendata.h"
#include "parallel.h"

/* Nodes a thread hashes at least: fewer are not worth a thread. */
#define NODES_PER_THREAD 4096

static uint64_t hash_u64(uint64_t h, uint64_t v)
{
	return hash_bytes(h, &v, sizeof v);
}

/* Large arrays of numbers: hundreds of megabytes over a national tree. */
static uint64_t hash_words(uint64_t h, const void *data, size_t n)
{
	return hash_u64(h, hash_wide(data, n));
}

/* The rules, settings and templates exactly as this run read them (never
 * read again from disk: a file saved during the build must not lend its
 * fingerprint to pages built from the bytes before). */
static uint64_t hash_global(const results *res, uint64_t templates_hash, long long created)
{
	uint64_t h = hash_cstr(HASH_INIT, "rekap " REKAP_VERSION);
	h = hash_u64(h, program_hash());
	h = hash_u64(h, rules_sources_hash(res->rules));
	h = hash_u64(h, templates_hash);
	h = hash_u64(h, res->recs->settings_hash);
	h = hash_u64(h, (uint64_t)(int64_t)res->first_quarter);
	h = hash_u64(h, (uint64_t)(int64_t)res->last_quarter);
	return hash_u64(h, (uint64_t)created);
}

/* The computed results of one node: its indicator values, level counts and,
 * for a post, its quantities and assessment. */
static uint64_t hash_results(uint64_t h, const results *res, const node *n)
{
	const rules *r = res->rules;
	size_t nl = r->nlevels ? r->nlevels : 1, i;
	if (res->nquarters && r->nindicators)
		h = hash_words(h, results_value(res, n, 0, 0),
		               res->nquarters * r->nindicators * sizeof(ind_value));
	h = hash_words(h, res->level_counts + n->index * nl, nl * sizeof(size_t));
	if (res->cadre_counts)
		h = hash_words(h, res->cadre_counts + n->index * nl, nl * sizeof(double));
	for (i = 0; i < r->nindicators; i++)
		h = hash_cstr(h, results_note(res, n, i));
	if (n->kind == NODE_POS) {
		const assessment *a = results_assessment(res, n);
		if (res->nquarters && r->nquantities)
			h = hash_words(h, results_post_quantities(res, n, 0),
			               res->nquarters * r->nquantities * sizeof(double));
		if (a && a->valid) {
			h = hash_cstr(h, a->level);
			h = hash_bytes(h, &a->score, sizeof a->score);
			for (i = 0; i < a->ncriteria; i++) {
				h = hash_cstr(h, a->criteria[i].id);
				h = hash_cstr(h, a->criteria[i].label);
				h = hash_cstr(h, a->criteria[i].advice);
				h = hash_u64(h, (uint64_t)a->criteria[i].met);
			}
		}
	}
	return h;
}

/* What hash_own_range hashes the nodes [from, to) of: their own part
 * (record file and results), into own[]. */
typedef struct own_hash {
	const results *res;
	uint64_t *own;
} own_hash;

static size_t hash_own_range(void *ctx, size_t from, size_t to)
{
	own_hash *h = ctx;
	const records *recs = h->res->recs;
	size_t i;
	for (i = from; i < to; i++) {
		const node *nd = recs->nodes[i];
		h->own[i] = hash_results(hash_u64(HASH_INIT, nd->source_hash), h->res, nd);
	}
	return 0;
}

/* own[i]: the hash of node i's record file and results, the bulk of the
 * work, shared among threads (nodes of every thread are independent). */
static void hash_own(const results *res, uint64_t *own)
{
	own_hash h;
	h.res = res;
	h.own = own;
	parallel_ranges(res->recs->nnodes, NODES_PER_THREAD, &h, hash_own_range);
}

void fingerprints_compute(fingerprints *fp, const results *res, uint64_t templates_hash,
                          long long created)
{
	const records *recs = res->recs;
	size_t n = recs->nnodes, i, c;
	uint64_t *subtree = xcalloc(n ? n : 1, sizeof *subtree);
	uint64_t *above = xcalloc(n ? n : 1, sizeof *above);
	uint64_t global = hash_global(res, templates_hash, created);
	size_t *rows;
	fp->global = global;
	fp->nnodes = n;
	fp->node = xcalloc(n ? n : 1, sizeof *fp->node);
	rows = opendata_file_rows(res);
	hash_own(res, subtree);
	for (i = n; i-- > 0;) {
		const node *nd = recs->nodes[i];
		uint64_t h = subtree[i];
		for (c = 0; c < nd->nchildren; c++)
			h = hash_u64(h, subtree[nd->children[c]->index]);
		subtree[i] = h;
	}
	for (i = 0; i < n; i++) {
		const node *nd = recs->nodes[i];
		uint64_t h = global;
		if (nd->parent) {
			const node *p = nd->parent;
			h = hash_u64(above[p->index], p->source_hash);
			h = hash_cstr(hash_cstr(hash_cstr(h, p->name), p->slug), p->code);
			h = hash_u64(h, (uint64_t)p->kind);
		}
		above[i] = h;
		fp->node[i] = hash_u64(hash_cstr(h, nd->path), subtree[i]);
		/* every page states the size of its province's open-data file */
		fp->node[i] = hash_u64(fp->node[i], (uint64_t)rows[opendata_owner(recs, nd)->index]);
		if (!fp->node[i])
			fp->node[i] = 1; /* 0 means "not built" in a manifest */
	}
	free(subtree);
	free(above);
	free(rows);
}

void fingerprints_release(fingerprints *fp)
{
	free(fp->node);
	memset(fp, 0, sizeof *fp);
}

/* ${REKAP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rekap}/sidik-<hash of
 * the site's absolute path>.txt, or NULL; *owner gets that hash. */
static char *manifest_file(const char *out_dir, uint64_t *owner)
{
	char *dir, *abs, *file, *slash;
	char *copy = xstrdup(out_dir);
	size_t len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	slash = strrchr(copy, '/');
	{
		char *parent = slash ? xstrndup(copy, (size_t)(slash - copy) + (slash == copy)) : xstrdup(".");
		char *real = realpath(parent, NULL);
		abs = real ? xasprintf("%s/%s", real, slash ? slash + 1 : copy) : NULL;
		free(real);
		free(parent);
	}
	free(copy);
	if (!abs)
		return NULL;
	dir = cache_dir();
	if (!dir) {
		free(abs);
		return NULL;
	}
	*owner = hash_cstr(HASH_INIT, abs);
	file = xasprintf("%s/sidik-%016llx.txt", dir, (unsigned long long)*owner);
	free(dir);
	free(abs);
	return file;
}

uint64_t fingerprint_stamp(const char *dir, char *const *relpaths, size_t n)
{
	unsigned regular;
	return fingerprint_stamp_regular(dir, relpaths, n, &regular);
}

uint64_t fingerprint_stamp_regular(const char *dir, char *const *relpaths, size_t n,
                                   unsigned *regular)
{
	uint64_t h = HASH_INIT;
	size_t i;
	*regular = 0;
	for (i = 0; i < n; i++) {
		char stack[512], *path = stack;
		struct stat st;
		/* one lstat of each file of every node a build keeps: no malloc */
		if ((size_t)snprintf(stack, sizeof stack, "%s/%s", dir, relpaths[i]) >= sizeof stack)
			path = xasprintf("%s/%s", dir, relpaths[i]);
		if (lstat(path, &st) == 0) {
			if (S_ISREG(st.st_mode) && i < sizeof *regular * 8)
				*regular |= 1u << i;
			h = hash_u64(h, (uint64_t)st.st_size);
			h = hash_u64(h, (uint64_t)st.st_mtim.tv_sec);
			h = hash_u64(h, (uint64_t)st.st_mtim.tv_nsec);
			h = hash_u64(h, (uint64_t)st.st_ino);
		} else {
			h = hash_u64(h, 0x6e6f6e65);
		}
		if (path != stack)
			free(path);
	}
	return h;
}

uint64_t fingerprint_dir(const char *path, const struct timespec *settled)
{
	struct stat st;
	uint64_t h;
	if (fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	if (settled && (st.st_ctim.tv_sec > settled->tv_sec - 1 ||
	                (st.st_ctim.tv_sec == settled->tv_sec - 1 &&
	                 st.st_ctim.tv_nsec >= settled->tv_nsec)))
		return 0;
	h = hash_u64(HASH_INIT, (uint64_t)st.st_dev);
	h = hash_u64(h, (uint64_t)st.st_ino);
	h = hash_u64(h, (uint64_t)st.st_mtim.tv_sec);
	h = hash_u64(h, (uint64_t)st.st_mtim.tv_nsec);
	h = hash_u64(h, (uint64_t)st.st_ctim.tv_sec);
	h = hash_u64(h, (uint64_t)st.st_ctim.tv_nsec);
	return h | 1;
}

static int compare_entries(const void *pa, const void *pb)
{
	return strcmp((*(manifest_entry *const *)pa)->path, (*(manifest_entry *const *)pb)->path);
}

#define MANIFEST_KIND "rekap-sidik "
#define MANIFEST_MAGIC MANIFEST_KIND "6\n"

/* "name 0123456789abcdef" header lines; 0 when the line is not that. */
static int header_value(const char *line, const char *name, uint64_t *out)
{
	size_t len = strlen(name);
	unsigned long long v;
	char *end;
	if (strncmp(line, name, len) != 0 || line[len] != ' ')
		return 0;
	v = strtoull(line + len + 1, &end, 16);
	if (*end)
		return 0;
	*out = v;
	return 1;
}

/* header_value of the len bytes at line (not terminated). */
static int header_value_n(const char *line, size_t len, const char *name, uint64_t *out)
{
	char tmp[64];
	if (len >= sizeof tmp)
		return 0;
	memcpy(tmp, line, len);
	tmp[len] = '\0';
	return header_value(tmp, name, out);
}

/* Where the last line of the len bytes of data (ending in a newline)
 * begins. */
static size_t last_line(const char *data, size_t len)
{
	size_t i = len - 1;
	while (i > 0 && data[i - 1] != '\n')
		i--;
	return i;
}

/* Whether data is a whole manifest, unchanged since it was written: the
 * magic line first, and last the hash of every byte before it. */
static int manifest_intact(const char *data, size_t len)
{
	size_t last;
	uint64_t sum;
	if (len < strlen(MANIFEST_MAGIC) || memcmp(data, MANIFEST_MAGIC, strlen(MANIFEST_MAGIC)) != 0 ||
	    data[len - 1] != '\n' || memchr(data, '\0', len))
		return 0;
	last = last_line(data, len);
	return header_value_n(data + last, len - last - 1, "periksa", &sum) &&
	       sum == hash_wide(data, last);
}

/* The hexadecimal number (1 to 16 digits) at *p and the space after it;
 * 0 when there is none. */
static int take_hex(char **p, uint64_t *out)
{
	uint64_t v = 0;
	char *s = *p;
	int digits = 0;
	for (;; s++, digits++) {
		int d = *s >= '0' && *s <= '9'   ? *s - '0'
		        : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
		                                 : -1;
		if (d < 0)
			break;
		v = v << 4 | (uint64_t)d;
	}
	if (digits < 1 || digits > 16 || *s != ' ')
		return 0;
	*out = v;
	*p = s + 1;
	return 1;
}

enum { LINE_FIELDS = 10 }; /* the numbers of an entry line, before its path */

/* Whether line is a header line, its value stored. */
static int header_line(manifest *m, const char *line, uint64_t *who, uint64_t *sum)
{
	return header_value(line, "global", &m->global) || header_value(line, "situs", &m->site_id) ||
	       header_value(line, "cadangan", &m->spare_id) ||
	       header_value(line, "umum", &m->site_files) || header_value(line, "keluaran", who) ||
	       header_value(line, "periksa", sum);
}

/* Parse the lines of an intact manifest; 0 when one of them is not a
 * manifest line (written by another program or another version). The
 * entries' paths point into data. */
static int manifest_parse(manifest *m, char *data, uint64_t owner)
{
	static char root_path[] = "";
	char *line, *next;
	size_t cap = 0;
	uint64_t sum, who = 0;
	for (line = data + strlen(MANIFEST_MAGIC); *line; line = next) {
		uint64_t v[LINE_FIELDS];
		char *p = line;
		int k;
		manifest_entry *e;
		next = strchr(line, '\n');
		*next++ = '\0';
		/* an entry (the most lines), else a header, whose name is not a
		 * number followed by a space */
		for (k = 0; k < LINE_FIELDS; k++)
			if (!take_hex(&p, &v[k]))
				break;
		if (k == 0 && header_line(m, line, &who, &sum))
			continue;
		if (k < LINE_FIELDS || !*p)
			return 0;
		if (m->len == cap) {
			cap = cap ? cap * 2 : 256;
			m->entries = xrealloc(m->entries, cap * sizeof *m->entries);
		}
		e = &m->entries[m->len++];
		e->path = strcmp(p, ".") == 0 ? root_path : p;
		e->fps[FP_MD] = v[0];
		e->fps[FP_HTML] = v[1];
		e->fps[FP_XLSX] = v[2];
		e->stamp = v[3];
		e->data_fp = v[4];
		e->data_stamp = v[5];
		e->dir = v[6];
		e->spare_dir = v[7];
		e->spare_stale = v[8] != 0;
		e->nfiles = (unsigned)v[9];
	}
	return who == owner;
}

/* by_path, when the entries are not sorted by path themselves. */
static void index_paths(manifest *m)
{
	size_t i;
	for (i = 1; i < m->len; i++)
		if (strcmp(m->entries[i - 1].path, m->entries[i].path) > 0)
			break;
	if (i < m->len) {
		/* written in tree order, which is often sorted already */
		m->by_path = xmalloc(m->len * sizeof *m->by_path);
		for (i = 0; i < m->len; i++)
			m->by_path[i] = &m->entries[i];
		qsort(m->by_path, m->len, sizeof *m->by_path, compare_entries);
	}
}

/* The build record this process saved last with manifest_save's remember
 * (rekap serve builds into one folder again and again), and the identity
 * of its file: while the file is that one, a load copies these entries
 * instead of reading, checking and parsing the file (30 ms at national
 * scale). A save always replaces the file, so a record saved since by
 * another build has another inode and times; one changed in place has
 * other times. */
static struct {
	char *file;
	struct stat st;
	manifest m; /* its entries' paths point into m.text */
	size_t text_len;
} saved;

void manifest_forget_saved(void)
{
	free(saved.file);
	manifest_release(&saved.m);
	memset(&saved, 0, sizeof saved);
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Keep m, just saved for recs, as a load would read it back. */
static void remember_saved(const manifest *m, const records *recs)
{
	buf paths = BUF_INIT;
	size_t *at = xmalloc((recs->nnodes ? recs->nnodes : 1) * sizeof *at), i;
	manifest *k = &saved.m;
	manifest_forget_saved();
	if (stat(m->file, &saved.st) != 0) {
		free(at);
		return;
	}
	for (i = 0; i < recs->nnodes; i++) {
		at[i] = paths.len;
		buf_put(&paths, recs->nodes[i]->path, strlen(recs->nodes[i]->path) + 1);
	}
	saved.text_len = paths.len;
	k->text = buf_detach(&paths);
	k->len = recs->nnodes;
	k->entries = xmalloc((k->len ? k->len : 1) * sizeof *k->entries);
	for (i = 0; i < k->len; i++) {
		k->entries[i] = m->entries[i];
		k->entries[i].path = k->text + at[i];
		k->entries[i].spare_stale = m->entries[i].spare_stale != 0;
	}
	k->global = m->global;
	k->site_id = m->site_id;
	k->spare_id = m->spare_id;
	k->site_files = m->site_files;
	saved.file = xstrdup(m->file);
	free(at);
}

/* manifest_load from the record kept by remember_saved, when its file is
 * still the one saved; returns 1 then. */
static int load_saved(manifest *m)
{
	struct stat st;
	char *file = m->file;
	size_t i;
	if (!saved.file || strcmp(saved.file, file) != 0 || stat(file, &st) != 0 ||
	    !same_file(&st, &saved.st))
		return 0;
	*m = saved.m; /* the numbers; the memory below is the copy's own */
	m->file = file;
	m->text = xmalloc(saved.text_len ? saved.text_len : 1);
	memcpy(m->text, saved.m.text, saved.text_len);
	m->entries = xmalloc((m->len ? m->len : 1) * sizeof *m->entries);
	for (i = 0; i < m->len; i++) {
		m->entries[i] = saved.m.entries[i];
		m->entries[i].path = m->text + (saved.m.entries[i].path - saved.m.text);
	}
	index_paths(m);
	return 1;
}

void manifest_load(manifest *m, const char *out_dir, lang l)
{
	char *data;
	size_t len;
	uint64_t owner = 0;
	memset(m, 0, sizeof *m);
	m->file = manifest_file(out_dir, &owner);
	if (!m->file || load_saved(m) || file_read(m->file, &data, &len) != 0)
		return;
	if (len >= strlen(MANIFEST_MAGIC) && memcmp(data, MANIFEST_KIND, strlen(MANIFEST_KIND)) == 0 &&
	    memcmp(data, MANIFEST_MAGIC, strlen(MANIFEST_MAGIC)) != 0) {
		/* written by another version of rekap: not used, nothing to say */
		free(data);
		return;
	}
	m->text = data;
	if (!manifest_intact(data, len) || !manifest_parse(m, data, owner)) {
		/* never trusted: every file is written again */
		fprintf(stderr,
		        TR(l,
		           "rekap: catatan: catatan build (cache) %s rusak, terpotong atau milik "
		           "folder lain; diabaikan, build ini menulis ulang semua berkas\n",
		           "rekap: note: the build record (cache) %s is damaged, cut short or "
		           "belongs to another folder; ignored, this build writes every file again\n"),
		        m->file);
		free(m->entries);
		free(m->text);
		{
			char *file = m->file;
			memset(m, 0, sizeof *m);
			m->file = file;
		}
		return;
	}
	index_paths(m);
}

/* bsearch's comparison: a path against an entry of by_path. */
static int compare_path(const void *key, const void *pb)
{
	return strcmp(key, (*(manifest_entry *const *)pb)->path);
}

const manifest_entry *manifest_find(const manifest *m, const char *path)
{
	size_t lo = 0, hi = m->len;
	manifest_entry *const *found;
	if (m->by_path) {
		found = bsearch(path, m->by_path, m->len, sizeof *m->by_path, compare_path);
		return found ? *found : NULL;
	}
	while (lo < hi) { /* entries are sorted themselves */
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, m->entries[mid].path);
		if (c == 0)
			return &m->entries[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const manifest_entry *manifest_find_at(const manifest *m, size_t i, const char *path)
{
	if (i < m->len && strcmp(m->entries[i].path, path) == 0)
		return &m->entries[i];
	return manifest_find(m, path);
}

/* v in hexadecimal, at least width digits, and a space. */
static void put_hex(buf *b, uint64_t v, int width)
{
	char tmp[17];
	int i = 16;
	tmp[16] = ' ';
	do {
		tmp[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v || 16 - i < width);
	buf_put(b, tmp + i, (size_t)(17 - i));
}

int manifest_save(const manifest *m, const records *recs, int remember)
{
	buf b = BUF_INIT;
	char *slash;
	size_t i;
	int rc;
	uint64_t owner = 0;
	if (!m->file)
		return -1;
	/* the name holds the hash of the folder it belongs to */
	slash = strrchr(m->file, '/');
	sscanf(slash + 1, "sidik-%16" SCNx64, &owner);
	/* about 200 bytes a line: grown once, not copied again and again */
	buf_grow(&b, 256 + recs->nnodes * 224);
	buf_puts(&b, MANIFEST_MAGIC);
	buf_printf(&b, "keluaran %016llx\nglobal %016llx\nsitus %016llx\ncadangan %016llx\numum %llx\n",
	           (unsigned long long)owner, (unsigned long long)m->global,
	           (unsigned long long)m->site_id, (unsigned long long)m->spare_id,
	           (unsigned long long)m->site_files);
	for (i = 0; i < recs->nnodes; i++) {
		const node *n = recs->nodes[i];
		const manifest_entry *e = &m->entries[i];
		const uint64_t v[] = {e->fps[FP_MD], e->fps[FP_HTML], e->fps[FP_XLSX], e->stamp,
		                      e->data_fp,    e->data_stamp,   e->dir,        e->spare_dir};
		size_t k;
		for (k = 0; k < sizeof v / sizeof *v; k++)
			put_hex(&b, v[k], 16);
		put_hex(&b, (uint64_t)(e->spare_stale != 0), 1);
		put_hex(&b, e->nfiles, 1);
		buf_puts(&b, n->path[0] ? n->path : ".");
		buf_putc(&b, '\n');
	}
	/* last, so that a file cut short or changed since is never trusted */
	buf_printf(&b, "periksa %016llx\n", (unsigned long long)hash_wide(b.data, b.len));
	rc = file_replace_bytes(m->file, b.data, b.len);
	buf_release(&b);
	if (rc == 0 && remember)
		remember_saved(m, recs);
	else
		manifest_forget_saved();
	return rc;
}

void manifest_release(manifest *m)
{
	free(m->by_path);
	free(m->text);
	free(m->entries);
	free(m->file);
	memset(m, 0, sizeof *m);
}
