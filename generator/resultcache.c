/* resultcache.c - each post's computed results and each node's rumus values, kept between runs so that only what changed is computed again. */
#define _DEFAULT_SOURCE /* realpath */
#include "resultcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parallel.h"
#include "postcache.h"

#define RC_MAGIC "rekap-hasil\n"
#define RC_FORMAT 3

/* An entry of the loaded file: a path, then what is kept for it. */
typedef struct rc_entry {
	const unsigned char *path; /* path_len bytes, not NUL-terminated */
	size_t path_len;
	const unsigned char *body, *end; /* after the path */
	const unsigned char *whole; /* the entry with its length in front */
	size_t whole_len;
} rc_entry;

/* Entries found by path: an open-addressing table of positions + 1. */
typedef struct rc_index {
	rc_entry *items;
	size_t n;
	size_t *slots;
	size_t mask;
} rc_index;

/* What is known of a rumus indicator: local or not, and whose nilai it read. */
typedef struct rc_formula {
	int known, nonlocal;
	unsigned char *deps; /* [indicator] */
} rc_formula;

struct resultcache {
	char *file; /* where it is stored */
	char *image_file; /* where its image is (see "the image" below) */
	int image_used; /* the arrays of the results lie in it */
	int image_written; /* saved again from this run's arrays */
	unsigned char *image_node, *image_post; /* [node index], [post]: the block is right */
	size_t image_hits, image_misses; /* blocks of nodes and posts */
	char *abs; /* the records folder, resolved */
	lang l;
	int today;
	uint64_t rules_hash;
	size_t nind;
	unsigned char *data; /* the loaded file, or NULL */
	size_t len;
	int loaded; /* data passed every check */
	rc_index posts, nodes;
	/* the texts of assessments, each once: as loaded (raw, in data), then
	 * copied for the results on the first post restored */
	const unsigned char **table_raw;
	size_t *table_len, ntable, appended;
	const char **table;
	rc_formula *stored, *next; /* [indicator] */
	uint64_t *post_key; /* [post] */
	uint64_t *subtree; /* [node index] */
	const rc_entry **post_entry; /* [post]: restored from, or NULL */
	const unsigned char **post_violations; /* [post]: where its violations begin */
	const rc_entry **node_entry; /* [node index], once looked up */
	unsigned char *node_looked; /* [node index] */
	size_t posts_restored, posts_computed, values_restored, values_computed;
	size_t sums_restored, sums_children, sums_posts;
	int changed; /* a local rumus value was computed again */
};

/* ---- keys ---- */

static uint64_t hash_u64(uint64_t h, uint64_t v)
{
	return hash_bytes(h, &v, sizeof v);
}

/* What a node's computed results depend on besides the rules and the
 * global key: its record files as read and the fields computing reads
 * (with the counts, which tell a file moved from one name to another).
 * The names of its files follow from its path and the records folder. */
static uint64_t node_key(const node *n)
{
	uint64_t h = hash_u64(HASH_INIT, n->source_hash);
	size_t i;
	h = hash_u64(h, (uint64_t)n->kind);
	h = hash_cstr(hash_cstr(hash_cstr(h, n->path), n->name), n->code);
	if (n->kind != NODE_POS)
		return h;
	h = hash_cstr(hash_cstr(h, n->status), n->trade);
	h = hash_u64(hash_u64(h, (uint64_t)(int64_t)n->formed), (uint64_t)(int64_t)n->dissolved);
	h = hash_u64(hash_u64(h, n->nfacilities), n->nfunding);
	for (i = 0; i < n->nfacilities; i++)
		h = hash_cstr(h, n->facilities[i]);
	for (i = 0; i < n->nfunding; i++)
		h = hash_cstr(h, n->funding[i]);
	h = hash_u64(hash_u64(h, n->nreports), n->ncadres);
	return hash_u64(h, n->ndiseases);
}

/* Each node's key, then its children's subtree hashes in order: children
 * follow their parent in the pre-order, so walking it backwards meets
 * them first. */
static void compute_keys(resultcache *rc, const results *res)
{
	const records *recs = res->recs;
	size_t i, c;
	rc->subtree = xcalloc(recs->nnodes ? recs->nnodes : 1, sizeof *rc->subtree);
	rc->post_key = xcalloc(recs->nposts ? recs->nposts : 1, sizeof *rc->post_key);
	for (i = recs->nnodes; i-- > 0;) {
		const node *n = recs->nodes[i];
		uint64_t h = node_key(n);
		if (res->post_number[i] != (size_t)-1)
			rc->post_key[res->post_number[i]] = h;
		for (c = 0; c < n->nchildren; c++)
			h = hash_u64(h, rc->subtree[n->children[c]->index]);
		rc->subtree[i] = h;
	}
}

/* ---- the index of entries ---- */

static uint64_t path_hash(const void *s, size_t len)
{
	return hash_wide(s, len);
}

static void index_build(rc_index *ix)
{
	size_t size = 16, i;
	while (size < ix->n * 2)
		size *= 2;
	ix->mask = size - 1;
	ix->slots = xcalloc(size, sizeof *ix->slots);
	for (i = 0; i < ix->n; i++) {
		size_t s = (size_t)path_hash(ix->items[i].path, ix->items[i].path_len) & ix->mask;
		while (ix->slots[s])
			s = (s + 1) & ix->mask;
		ix->slots[s] = i + 1;
	}
}

static const rc_entry *index_find(const rc_index *ix, const char *path)
{
	size_t len = strlen(path), s;
	if (!ix->slots)
		return NULL;
	for (s = (size_t)path_hash(path, len) & ix->mask; ix->slots[s]; s = (s + 1) & ix->mask) {
		const rc_entry *e = &ix->items[ix->slots[s] - 1];
		if (e->path_len == len && memcmp(e->path, path, len) == 0)
			return e;
	}
	return NULL;
}

static void index_release(rc_index *ix)
{
	free(ix->items);
	free(ix->slots);
	memset(ix, 0, sizeof *ix);
}

/* A count, then entries each with its length in front. */
static void read_entries(pc_reader *r, rc_index *ix)
{
	size_t n = pc_read_count(r, 2), i;
	ix->items = xcalloc(n ? n : 1, sizeof *ix->items);
	for (i = 0; i < n && !r->bad; i++) {
		rc_entry *e = &ix->items[i];
		const unsigned char *whole = r->p;
		size_t len = pc_read_count(r, 1);
		pc_reader er;
		if (r->bad)
			break;
		er.p = r->p;
		er.end = r->p + len;
		er.bad = 0;
		e->path = (const unsigned char *)pc_read_str_ref(&er, &e->path_len);
		if (!e->path)
			er.bad = 1;
		e->body = er.p;
		e->end = er.end;
		e->whole = whole;
		e->whole_len = (size_t)(er.end - whole);
		if (er.bad)
			r->bad = 1;
		r->p += len;
	}
	ix->n = r->bad ? 0 : n;
	index_build(ix);
}

/* ---- quantities: most are small whole numbers, read fast ---- */

#define CELL_NAN 251
#define CELL_WHOLE 252 /* a varint follows */
#define CELL_DOUBLE 253 /* eight bytes follow */

static void write_cells(buf *b, const double *q, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		double v = q[i];
		char c;
		if (v != v) {
			c = (char)CELL_NAN;
			buf_put(b, &c, 1);
		} else if (v >= 0 && v < CELL_NAN && v == (double)(unsigned)v && !signbit(v)) {
			c = (char)(unsigned char)(unsigned)v;
			buf_put(b, &c, 1);
		} else if (v >= 0 && v < 9007199254740992.0 && v == floor(v) && !signbit(v)) {
			c = (char)CELL_WHOLE;
			buf_put(b, &c, 1);
			pc_write_varint(b, (uint64_t)v);
		} else {
			c = (char)CELL_DOUBLE;
			buf_put(b, &c, 1);
			pc_write_f64(b, v);
		}
	}
}

/* n cells into q, or past them when q is NULL. */
static void read_cells(pc_reader *r, double *q, size_t n)
{
	size_t i;
	for (i = 0; i < n && !r->bad; i++) {
		unsigned char c;
		double v = 0;
		if (r->p == r->end) {
			r->bad = 1;
			break;
		}
		c = *r->p++;
		if (c < CELL_NAN)
			v = c;
		else if (c == CELL_NAN)
			v = NAN;
		else if (c == CELL_WHOLE)
			v = (double)pc_read_varint(r);
		else if (c == CELL_DOUBLE)
			v = pc_read_f64(r);
		else
			r->bad = 1;
		if (q)
			q[i] = v;
	}
}

/* ---- the texts of assessments ---- */

/* The table a save writes: texts by content, index + 1 in slots. */
typedef struct rc_strings {
	const char **items;
	size_t n, cap;
	size_t *slots;
	size_t mask;
} rc_strings;

static void strings_grow(rc_strings *t)
{
	size_t size = t->mask ? (t->mask + 1) * 2 : 1024, i;
	free(t->slots);
	t->slots = xcalloc(size, sizeof *t->slots);
	t->mask = size - 1;
	for (i = 0; i < t->n; i++) {
		size_t s = (size_t)hash_cstr(HASH_INIT, t->items[i]) & t->mask;
		while (t->slots[s])
			s = (s + 1) & t->mask;
		t->slots[s] = i + 1;
	}
}

/* The reference to s in the table (0 for NULL), added when new. */
static size_t strings_ref(rc_strings *t, const char *s)
{
	size_t slot;
	if (!s)
		return 0;
	if ((t->n + 1) * 2 > t->mask)
		strings_grow(t);
	for (slot = (size_t)hash_cstr(HASH_INIT, s) & t->mask; t->slots[slot];
	     slot = (slot + 1) & t->mask)
		if (strcmp(t->items[t->slots[slot] - 1], s) == 0)
			return t->slots[slot];
	ARRAY_PUSH(t->items, t->n, t->cap, s);
	t->slots[slot] = t->n;
	return t->n;
}

static void strings_release(rc_strings *t)
{
	free(t->items);
	free(t->slots);
}

/* ---- the file ---- */

static void write_cstr(buf *b, const char *s)
{
	pc_write_str(b, s, s ? strlen(s) : 0);
}

static void write_header(buf *b, const resultcache *rc, const results *res)
{
	const rules *r = res->rules;
	buf_puts(b, RC_MAGIC);
	pc_write_varint(b, RC_FORMAT);
	write_cstr(b, REKAP_VERSION);
	pc_write_u64(b, program_hash());
	pc_write_u64(b, rc->rules_hash);
	pc_write_u64(b, res->recs->settings_hash);
	write_cstr(b, rc->abs);
	pc_write_varint(b, (uint64_t)rc->l);
	pc_write_int(b, rc->today);
	pc_write_int(b, r->deadline_day);
	pc_write_int(b, res->first_quarter);
	pc_write_int(b, res->last_quarter);
	pc_write_varint(b, res->nquarters);
	pc_write_varint(b, r->nquantities);
	pc_write_varint(b, r->nindicators);
	pc_write_varint(b, r->nvalidations);
	pc_write_varint(b, r->nlevels);
}

/* How the loaded bytes relate to this run. */
typedef enum { RC_USE, RC_SILENT, RC_NOTE } rc_verdict;

static int same_str(pc_reader *r, const char *s)
{
	size_t len;
	const unsigned char *p = (const unsigned char *)pc_read_str_ref(r, &len);
	return p && len == strlen(s) && memcmp(p, s, len) == 0;
}

/* The header after the version: 1 when it is this run's. */
static int header_matches(pc_reader *r, const resultcache *rc, const results *res)
{
	const rules *ru = res->rules;
	return pc_read_varint(r) == (uint64_t)rc->l && pc_read_int(r) == rc->today &&
	       pc_read_int(r) == ru->deadline_day && pc_read_int(r) == res->first_quarter &&
	       pc_read_int(r) == res->last_quarter && pc_read_varint(r) == res->nquarters &&
	       pc_read_varint(r) == ru->nquantities && pc_read_varint(r) == ru->nindicators &&
	       pc_read_varint(r) == ru->nvalidations && pc_read_varint(r) == ru->nlevels && !r->bad;
}

/* The state of every rumus indicator kept. */
static int read_formulas(pc_reader *r, resultcache *rc, const rules *ru)
{
	size_t n = pc_read_count(r, 4), i, j;
	for (i = 0; i < n && !r->bad; i++) {
		uint64_t ind = pc_read_varint(r);
		rc_formula *f;
		size_t ndeps;
		if (ind >= ru->nindicators || ru->indicators[ind].kind != IND_FUNCTION ||
		    !same_str(r, ru->indicators[ind].id))
			return -1;
		f = &rc->stored[ind];
		f->known = 1;
		f->nonlocal = pc_read_varint(r) != 0;
		ndeps = pc_read_count(r, 1);
		for (j = 0; j < ndeps && !r->bad; j++) {
			uint64_t d = pc_read_varint(r);
			if (d >= ru->nindicators)
				return -1;
			f->deps[d] = 1;
		}
	}
	return r->bad ? -1 : 0;
}

/* The texts of assessments, left where they lie. */
static int read_table(pc_reader *r, resultcache *rc)
{
	size_t i;
	rc->appended = (size_t)pc_read_varint(r);
	rc->ntable = pc_read_count(r, 1);
	rc->table_raw = xcalloc(rc->ntable ? rc->ntable : 1, sizeof *rc->table_raw);
	rc->table_len = xcalloc(rc->ntable ? rc->ntable : 1, sizeof *rc->table_len);
	for (i = 0; i < rc->ntable && !r->bad; i++)
		if (!(rc->table_raw[i] = (const unsigned char *)pc_read_str_ref(r, &rc->table_len[i])))
			r->bad = 1;
	return r->bad ? -1 : 0;
}

/* Check the loaded file and index its entries. */
static rc_verdict rc_index_file(resultcache *rc, const results *res)
{
	pc_reader r;
	size_t body;
	if (rc->len < strlen(RC_MAGIC) + 8 || memcmp(rc->data, RC_MAGIC, strlen(RC_MAGIC)) != 0)
		return RC_NOTE;
	r.p = rc->data + strlen(RC_MAGIC);
	r.end = rc->data + rc->len - 8;
	r.bad = 0;
	if (pc_read_varint(&r) != RC_FORMAT || r.bad)
		return RC_SILENT; /* another format: written by another version */
	if (!same_str(&r, REKAP_VERSION))
		return r.bad ? RC_NOTE : RC_SILENT;
	body = rc->len - 8;
	{
		pc_reader t = {rc->data + body, rc->data + rc->len, 0};
		if (pc_read_u64(&t) != hash_wide(rc->data, body))
			return RC_NOTE;
	}
	if (pc_read_u64(&r) != program_hash() || pc_read_u64(&r) != rc->rules_hash ||
	    pc_read_u64(&r) != res->recs->settings_hash)
		return RC_SILENT;
	if (!same_str(&r, rc->abs))
		return RC_NOTE; /* copied from another folder's */
	if (!header_matches(&r, rc, res))
		return RC_SILENT;
	read_entries(&r, &rc->posts);
	if (read_table(&r, rc) != 0)
		return RC_NOTE;
	if (read_formulas(&r, rc, res->rules) != 0)
		return RC_NOTE;
	read_entries(&r, &rc->nodes);
	if (r.bad || r.p != r.end)
		return RC_NOTE;
	return RC_USE;
}

/* Forget what was loaded: everything is computed. */
static void rc_forget(resultcache *rc)
{
	size_t i;
	index_release(&rc->posts);
	index_release(&rc->nodes);
	free(rc->table_raw);
	free(rc->table_len);
	free(rc->table);
	rc->table_raw = NULL;
	rc->table_len = NULL;
	rc->table = NULL;
	rc->ntable = rc->appended = 0;
	for (i = 0; i < rc->nind; i++) {
		rc->stored[i].known = rc->stored[i].nonlocal = 0;
		memset(rc->stored[i].deps, 0, rc->nind);
	}
	if (rc->data)
		munmap(rc->data, rc->len);
	rc->data = NULL;
	rc->len = 0;
	rc->loaded = 0;
}

static rc_formula *formulas_new(size_t n)
{
	rc_formula *f = xcalloc(n ? n : 1, sizeof *f);
	size_t i;
	for (i = 0; i < n; i++)
		f[i].deps = xcalloc(n, 1);
	return f;
}

static void formulas_free(rc_formula *f, size_t n)
{
	size_t i;
	if (!f)
		return;
	for (i = 0; i < n; i++)
		free(f[i].deps);
	free(f);
}

/* The file mapped read-only: it is only ever replaced, never changed
 * where it lies, so the bytes stay as they were read, and they are not
 * copied into fresh memory. */
static int map_file(const char *path, unsigned char **data, size_t *len)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_size <= 0) {
		close(fd);
		return -1;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	*data = p;
	*len = (size_t)st.st_size;
	return 0;
}

resultcache *resultcache_open(const results *res, lang l)
{
	const records *recs = res->recs;
	char *folder = cache_dir(), *abs;
	unsigned char *data;
	resultcache *rc;
	size_t len;
	if (!folder)
		return NULL;
	abs = realpath(recs->dir, NULL);
	if (!abs) {
		free(folder);
		return NULL;
	}
	rc = xcalloc(1, sizeof *rc);
	rc->abs = abs;
	rc->file = xasprintf("%s/hasil-%016llx.bin", folder,
	                     (unsigned long long)hash_bytes(HASH_INIT, abs, strlen(abs) + 1));
	rc->image_file = xasprintf("%s/hasil-%016llx.img", folder,
	                           (unsigned long long)hash_bytes(HASH_INIT, abs, strlen(abs) + 1));
	free(folder);
	rc->l = l;
	rc->today = period_today();
	rc->rules_hash = rules_sources_hash(res->rules);
	rc->nind = res->rules->nindicators;
	rc->stored = formulas_new(rc->nind);
	rc->next = formulas_new(rc->nind);
	rc->post_entry = xcalloc(recs->nposts ? recs->nposts : 1, sizeof *rc->post_entry);
	rc->post_violations =
		xcalloc(recs->nposts ? recs->nposts : 1, sizeof *rc->post_violations);
	rc->node_entry = xcalloc(recs->nnodes ? recs->nnodes : 1, sizeof *rc->node_entry);
	rc->node_looked = xcalloc(recs->nnodes ? recs->nnodes : 1, 1);
	compute_keys(rc, res);
	if (map_file(rc->file, &data, &len) != 0)
		return rc;
	rc->data = data;
	rc->len = len;
	switch (rc_index_file(rc, res)) {
	case RC_USE:
		rc->loaded = 1;
		break;
	case RC_NOTE:
		fprintf(stderr,
		        TR(l,
		           "rekap: catatan: cache hasil %s rusak, terpotong atau milik folder lain; "
		           "diabaikan, semua hasil dihitung ulang\n",
		           "rekap: note: the results cache %s is damaged, cut short or belongs to "
		           "another folder; ignored, every result is computed again\n"),
		        rc->file);
		rc_forget(rc);
		break;
	case RC_SILENT:
		rc_forget(rc);
		break;
	}
	return rc;
}

void resultcache_free(resultcache *rc)
{
	if (!rc)
		return;
	rc_forget(rc);
	formulas_free(rc->stored, rc->nind);
	formulas_free(rc->next, rc->nind);
	free(rc->post_key);
	free(rc->subtree);
	free(rc->post_entry);
	free(rc->post_violations);
	free(rc->node_entry);
	free(rc->node_looked);
	free(rc->image_node);
	free(rc->image_post);
	free(rc->image_file);
	free(rc->file);
	free(rc->abs);
	free(rc);
}

/* ---- the image ----
 *
 * Beside the cache, hasil-<hash>.img holds res->values, res->post_q and
 * res->inexact byte for byte as the run that wrote it left them, with the
 * subtree hash of every node and the key of every post they were computed
 * for. A run with as many nodes, posts, quarters and indicators maps it
 * copy-on-write and keeps its arrays where they lie: the blocks of the
 * nodes and posts that did not change since are right as they are, the
 * others are computed again over them, which copies only their pages.
 * Hundreds of megabytes at national scale are then neither cleared by the
 * system as fresh memory nor decoded. The image is written again when it
 * was not used or when too many of its blocks were stale; like the cache
 * it is only ever replaced, never changed where it lies, so a mapping of
 * it stays as it was read. Each part has a hash, checked before use. */

#define IMG_MAGIC "rekap-hasil-img\n"
#define IMG_FORMAT 1
#define IMG_ALIGN 4096
/* The image is written again once more blocks than 1 in IMG_STALE, and
 * more than IMG_STALE_MIN, were computed over it. */
#define IMG_STALE 64
#define IMG_STALE_MIN 256

enum { IMG_KEYS, IMG_VALUES, IMG_POSTQ, IMG_INEXACT, IMG_PARTS };

typedef struct img_header {
	char magic[16];
	uint64_t format, folder, key;
	uint64_t nnodes, nposts, nquarters, nindicators, nquantities;
	uint64_t off[IMG_PARTS], len[IMG_PARTS], sum[IMG_PARTS];
	uint64_t total;
	uint64_t sum_header; /* of the bytes above */
} img_header;

/* What the image of this run must be made for: the cache's header
 * (version, program, rules, settings, language, day, quarters, sizes). */
static uint64_t image_key(const resultcache *rc, const results *res)
{
	buf b = BUF_INIT;
	uint64_t h;
	write_header(&b, rc, res);
	h = hash_wide((const unsigned char *)b.data, b.len);
	buf_release(&b);
	return h;
}

static uint64_t folder_hash(const resultcache *rc)
{
	return hash_bytes(HASH_INIT, rc->abs, strlen(rc->abs) + 1);
}

/* The layout of the image for res, all but the hashes. */
static void image_layout(const resultcache *rc, const results *res, img_header *h)
{
	const rules *r = res->rules;
	uint64_t at = IMG_ALIGN;
	size_t i;
	memset(h, 0, sizeof *h);
	memcpy(h->magic, IMG_MAGIC, sizeof h->magic);
	h->format = IMG_FORMAT;
	h->folder = folder_hash(rc);
	h->key = image_key(rc, res);
	h->nnodes = res->recs->nnodes;
	h->nposts = res->recs->nposts;
	h->nquarters = res->nquarters;
	h->nindicators = r->nindicators;
	h->nquantities = r->nquantities;
	h->len[IMG_KEYS] = (h->nnodes + h->nposts) * sizeof(uint64_t);
	h->len[IMG_VALUES] = h->nnodes * h->nquarters * h->nindicators * sizeof(ind_value);
	h->len[IMG_POSTQ] = h->nposts * h->nquarters * h->nquantities * sizeof(double);
	h->len[IMG_INEXACT] = h->nnodes * h->nindicators;
	for (i = 0; i < IMG_PARTS; i++) {
		h->off[i] = at;
		at += (h->len[i] + IMG_ALIGN - 1) / IMG_ALIGN * IMG_ALIGN;
	}
	h->total = at;
}

typedef struct img_sum {
	const unsigned char *data;
	size_t len;
	uint64_t sum;
} img_sum;

static void *sum_part(void *arg)
{
	img_sum *s = arg;
	s->sum = hash_wide(s->data, s->len);
	return NULL;
}

/* The hashes of the parts, each in a thread of its own. */
static void sum_parts(const unsigned char *const *data, const uint64_t *len, uint64_t *sum)
{
	img_sum s[IMG_PARTS];
	size_t i;
	for (i = 0; i < IMG_PARTS; i++) {
		s[i].data = data[i];
		s[i].len = len[i];
	}
	parallel_each(s, IMG_PARTS, sizeof *s, sum_part);
	for (i = 0; i < IMG_PARTS; i++)
		sum[i] = s[i].sum;
}

/* How the mapped image relates to this run. */
static rc_verdict image_check(const resultcache *rc, const results *res, const unsigned char *p,
                              size_t size)
{
	img_header h, want;
	const unsigned char *data[IMG_PARTS];
	uint64_t sum[IMG_PARTS];
	size_t i;
	if (size < sizeof h)
		return RC_NOTE;
	memcpy(&h, p, sizeof h);
	if (memcmp(h.magic, IMG_MAGIC, sizeof h.magic) != 0)
		return RC_NOTE;
	if (h.format != IMG_FORMAT)
		return RC_SILENT;
	if (h.sum_header != hash_wide(p, offsetof(img_header, sum_header)))
		return RC_NOTE;
	image_layout(rc, res, &want);
	if (h.folder != want.folder)
		return RC_NOTE; /* copied from another folder's */
	if (h.key != want.key || h.nnodes != want.nnodes || h.nposts != want.nposts)
		return RC_SILENT; /* another run's, or the tree changed */
	if (memcmp(h.off, want.off, sizeof h.off) != 0 || memcmp(h.len, want.len, sizeof h.len) != 0 ||
	    h.total != want.total || size != want.total)
		return RC_NOTE;
	for (i = 0; i < IMG_PARTS; i++)
		data[i] = p + h.off[i];
	sum_parts(data, h.len, sum);
	return memcmp(sum, h.sum, sizeof sum) == 0 ? RC_USE : RC_NOTE;
}

static void image_note(const resultcache *rc)
{
	fprintf(stderr,
	        TR(rc->l,
	           "rekap: catatan: citra cache hasil %s rusak, terpotong atau milik folder lain; "
	           "diabaikan\n",
	           "rekap: note: the results cache's image %s is damaged, cut short or belongs "
	           "to another folder; ignored\n"),
	        rc->image_file);
}

/* Note which blocks of the image are of this run. */
static void image_match(resultcache *rc, const results *res, const uint64_t *keys)
{
	size_t i, nnodes = res->recs->nnodes, nposts = res->recs->nposts;
	rc->image_node = xmalloc(nnodes ? nnodes : 1);
	rc->image_post = xmalloc(nposts ? nposts : 1);
	for (i = 0; i < nnodes; i++) {
		rc->image_node[i] = keys[i] == rc->subtree[i];
		rc->image_hits += rc->image_node[i];
	}
	for (i = 0; i < nposts; i++) {
		rc->image_post[i] = keys[nnodes + i] == rc->post_key[i];
		rc->image_hits += rc->image_post[i];
	}
	rc->image_misses = nnodes + nposts - rc->image_hits;
}

int resultcache_map_image(resultcache *rc, results *res)
{
	struct stat st;
	unsigned char *p;
	img_header h;
	rc_verdict v;
	int fd;
	if (!rc)
		return 0;
	rc->image_misses = res->recs->nnodes + res->recs->nposts;
	fd = open(rc->image_file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || st.st_size <= 0) {
		close(fd);
		return 0;
	}
	/* private and writable: the blocks computed again are copied, the
	 * file never changes */
	p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return 0;
	v = image_check(rc, res, p, (size_t)st.st_size);
	if (v != RC_USE) {
		munmap(p, (size_t)st.st_size);
		if (v == RC_NOTE)
			image_note(rc);
		return 0;
	}
	memcpy(&h, p, sizeof h);
	res->image = p;
	res->image_len = (size_t)st.st_size;
	res->values = (ind_value *)(void *)(p + h.off[IMG_VALUES]);
	res->post_q = (double *)(void *)(p + h.off[IMG_POSTQ]);
	res->inexact = p + h.off[IMG_INEXACT];
	image_match(rc, res, (const uint64_t *)(void *)(p + h.off[IMG_KEYS]));
	rc->image_used = 1;
	return 1;
}

int resultcache_image_node(const resultcache *rc, size_t index)
{
	return rc && rc->image_used && rc->image_node[index];
}

int resultcache_image_post(const resultcache *rc, size_t p)
{
	return rc && rc->image_used && rc->image_post[p];
}

/* Whether the image on disk after this run holds post p's quantities, or
 * node index's block, as this run has them: the cache then leaves them
 * out. */
static int image_holds_post(const resultcache *rc, size_t p)
{
	return rc->image_written || (rc->image_used && rc->image_post[p]);
}

static int image_holds_node(const resultcache *rc, size_t index)
{
	return rc->image_written || (rc->image_used && rc->image_node[index]);
}

/* What file_replace writes: the header, then each part at its place. */
typedef struct img_write {
	const img_header *h;
	const unsigned char *data[IMG_PARTS];
} img_write;

static int pad_to(FILE *f, uint64_t at)
{
	static const char zeros[IMG_ALIGN];
	long pos = ftell(f);
	size_t n;
	if (pos < 0 || (uint64_t)pos > at || at - (uint64_t)pos > IMG_ALIGN)
		return -1;
	n = (size_t)(at - (uint64_t)pos);
	return n && fwrite(zeros, 1, n, f) != n ? -1 : 0;
}

static int fill_image(FILE *f, void *ctx)
{
	const img_write *w = ctx;
	size_t i;
	if (fwrite(w->h, sizeof *w->h, 1, f) != 1)
		return -1;
	for (i = 0; i < IMG_PARTS; i++)
		if (pad_to(f, w->h->off[i]) != 0 ||
		    (w->h->len[i] && fwrite(w->data[i], 1, w->h->len[i], f) != w->h->len[i]))
			return -1;
	return pad_to(f, w->h->total);
}

/* Write the image of res again when it was not used or too many of its
 * blocks were computed over it. */
static void save_image(resultcache *rc, const results *res)
{
	const records *recs = res->recs;
	img_header h;
	img_write w;
	uint64_t *keys;
	size_t i;
	if (rc->image_used && (rc->image_misses * IMG_STALE <= recs->nnodes + recs->nposts ||
	                       rc->image_misses <= IMG_STALE_MIN))
		return;
	keys = xmalloc((recs->nnodes + recs->nposts + 1) * sizeof *keys);
	memcpy(keys, rc->subtree, recs->nnodes * sizeof *keys);
	memcpy(keys + recs->nnodes, rc->post_key, recs->nposts * sizeof *keys);
	image_layout(rc, res, &h);
	w.h = &h;
	w.data[IMG_KEYS] = (const unsigned char *)keys;
	w.data[IMG_VALUES] = (const unsigned char *)res->values;
	w.data[IMG_POSTQ] = (const unsigned char *)res->post_q;
	w.data[IMG_INEXACT] = res->inexact;
	sum_parts(w.data, h.len, h.sum);
	h.sum_header = hash_wide((const unsigned char *)&h, offsetof(img_header, sum_header));
	for (i = 0; i < IMG_PARTS; i++)
		if (!w.data[i])
			w.data[i] = (const unsigned char *)"";
	rc->image_written = file_replace(rc->image_file, fill_image, &w) == 0;
	if (!rc->image_written)
		fprintf(stderr,
		        TR(rc->l,
		           "rekap: catatan: citra cache hasil %s tidak dapat disimpan (%s)\n",
		           "rekap: note: the results cache's image %s could not be saved (%s)\n"),
		        rc->image_file, strerror(errno));
	free(keys);
}

/* ---- posts ---- */

static void write_assessment(buf *b, const assessment *a, rc_strings *t)
{
	size_t i;
	pc_write_varint(b, a->valid != 0);
	if (!a->valid)
		return;
	pc_write_varint(b, a->level_index);
	pc_write_f64(b, a->score);
	pc_write_varint(b, a->ncriteria);
	for (i = 0; i < a->ncriteria; i++) {
		pc_write_varint(b, strings_ref(t, a->criteria[i].id));
		pc_write_varint(b, strings_ref(t, a->criteria[i].label));
		pc_write_varint(b, strings_ref(t, a->criteria[i].advice));
		pc_write_varint(b, a->criteria[i].met != 0);
	}
}

/* The table's texts, copied once into res->strings: the results own them. */
static void copy_table(resultcache *rc, results *res)
{
	size_t i;
	if (rc->table)
		return;
	if (!res->strings)
		res->strings = arena_new();
	rc->table = xcalloc(rc->ntable ? rc->ntable : 1, sizeof *rc->table);
	for (i = 0; i < rc->ntable; i++)
		rc->table[i] = arena_strndup(res->strings, (const char *)rc->table_raw[i],
		                             rc->table_len[i]);
}

static const char *read_ref(pc_reader *r, const resultcache *rc)
{
	uint64_t i = pc_read_varint(r);
	if (i > rc->ntable) {
		r->bad = 1;
		return NULL;
	}
	return i ? rc->table[i - 1] : NULL;
}

static void read_assessment(pc_reader *r, resultcache *rc, results *res, assessment *a)
{
	const rules *ru = res->rules;
	size_t i, n;
	memset(a, 0, sizeof *a);
	if (!pc_read_varint(r))
		return;
	a->level_index = (size_t)pc_read_varint(r);
	if (a->level_index >= ru->nlevels) {
		r->bad = 1;
		return;
	}
	a->level = ru->levels[a->level_index].label;
	a->score = pc_read_f64(r);
	n = pc_read_count(r, 4);
	copy_table(rc, res);
	a->criteria = arena_alloc(res->strings, (n ? n : 1) * sizeof *a->criteria);
	for (i = 0; i < n && !r->bad; i++) {
		criterion_result *c = &a->criteria[i];
		c->id = read_ref(r, rc);
		c->label = read_ref(r, rc);
		c->advice = read_ref(r, rc);
		c->met = pc_read_varint(r) != 0;
	}
	a->ncriteria = n;
	a->valid = 1;
}

static void write_violations(buf *b, const results *res, size_t begin, size_t end)
{
	size_t i;
	pc_write_varint(b, end - begin);
	for (i = begin; i < end; i++) {
		const violation *v = &res->violations[i];
		pc_write_varint(b, v->rule);
		pc_write_int(b, v->period);
		pc_write_varint(b, v->monthly != 0);
		pc_write_varint(b, v->line);
		pc_write_f64(b, v->left);
		pc_write_f64(b, v->right);
	}
}

int resultcache_restore_post(resultcache *rc, results *res, size_t p)
{
	const rc_entry *e;
	const node *post = res->recs->posts[p];
	size_t total = res->nquarters * res->rules->nquantities;
	double *q = res->post_q + p * total;
	pc_reader r;
	if (!rc || !(e = index_find(&rc->posts, post->path)))
		return 0;
	r.p = e->body;
	r.end = e->end;
	r.bad = 0;
	if (pc_read_u64(&r) != rc->post_key[p])
		return 0;
	/* quantities the image holds right are left as they lie; the entry
	 * has them only when the image did not when it was written */
	if (pc_read_varint(&r))
		read_cells(&r, resultcache_image_post(rc, p) ? NULL : q, total);
	else if (!resultcache_image_post(rc, p))
		return 0;
	read_assessment(&r, rc, res, &res->assessments[p]);
	if (r.bad) {
		memset(&res->assessments[p], 0, sizeof res->assessments[p]);
		return 0;
	}
	rc->post_entry[p] = e;
	rc->post_violations[p] = r.p;
	rc->posts_restored++;
	return 1;
}

int resultcache_violations(resultcache *rc, results *res, size_t p)
{
	size_t n, i, before = res->nviolations;
	pc_reader r;
	if (!rc || !rc->post_entry[p])
		return 0;
	r.p = rc->post_violations[p];
	r.end = rc->post_entry[p]->end;
	r.bad = 0;
	n = pc_read_count(&r, 5);
	for (i = 0; i < n && !r.bad; i++) {
		violation v;
		v.post = res->recs->posts[p];
		v.rule = (size_t)pc_read_varint(&r);
		v.period = (int)pc_read_int(&r);
		v.monthly = pc_read_varint(&r) != 0;
		v.line = (unsigned)pc_read_varint(&r);
		v.left = pc_read_f64(&r);
		v.right = pc_read_f64(&r);
		if (v.rule >= res->rules->nvalidations)
			r.bad = 1;
		if (!r.bad)
			ARRAY_PUSH(res->violations, res->nviolations, res->capviolations, v);
	}
	if (r.bad || r.p != r.end) {
		res->nviolations = before;
		return 0;
	}
	return 1;
}

/* ---- rumus values ---- */

int resultcache_formula_usable(const resultcache *rc, size_t ind, const unsigned char *nonlocal)
{
	const rc_formula *f;
	size_t j;
	if (!rc || !rc->loaded)
		return 0;
	f = &rc->stored[ind];
	if (!f->known || f->nonlocal)
		return 0;
	for (j = 0; j < rc->nind; j++)
		if (f->deps[j] && nonlocal[j])
			return 0;
	return 1;
}

/* n's entry when its subtree is as when it was kept, else NULL. */
static const rc_entry *node_entry(resultcache *rc, const node *n)
{
	if (!rc->node_looked[n->index]) {
		const rc_entry *e = index_find(&rc->nodes, n->path);
		pc_reader r;
		if (e) {
			r.p = e->body;
			r.end = e->end;
			r.bad = 0;
			if (pc_read_u64(&r) != rc->subtree[n->index])
				e = NULL;
		}
		rc->node_entry[n->index] = e;
		rc->node_looked[n->index] = 1;
	}
	return rc->node_entry[n->index];
}

/* The sums of a node's entry, as a reader of their bytes; r is left
 * after them. */
static pc_reader sums_block(pc_reader *r)
{
	size_t len = pc_read_count(r, 1);
	pc_reader s;
	s.p = r->p;
	s.end = r->bad ? r->p : r->p + len;
	s.bad = r->bad;
	if (!r->bad)
		r->p += len;
	return s;
}

static void skip_sums(pc_reader *r)
{
	(void)sums_block(r);
}

int resultcache_restore_sums(resultcache *rc, results *res, const node *n,
                             unsigned char *inexact)
{
	const rules *ru = res->rules;
	const rc_entry *e;
	size_t nq = res->nquarters, nind = ru->nindicators, i, k, count;
	pc_reader r, s;
	if (!rc || !(e = node_entry(rc, n)))
		return 0;
	r.p = e->body + 8; /* after the subtree hash */
	r.end = e->end;
	r.bad = 0;
	s = sums_block(&r);
	if (s.p == s.end)
		return 0; /* none kept */
	for (i = 0; i < nind && !s.bad; i++) {
		ind_value *iv = &res->values[n->index * nq * nind + i];
		if (ru->indicators[i].kind == IND_FUNCTION)
			continue;
		for (k = 0; k < nq && !s.bad; k++) {
			/* NaN where the block ends early: the caller sums again */
			double pair[2] = {NAN, NAN};
			read_cells(&s, pair, 2);
			iv[k * nind].num = pair[0];
			iv[k * nind].den = pair[1];
		}
	}
	memset(inexact, 0, nind);
	count = pc_read_count(&s, 1);
	for (i = 0; i < count && !s.bad; i++) {
		uint64_t which = pc_read_varint(&s);
		if (which >= nind)
			s.bad = 1;
		else
			inexact[which] = 1;
	}
	return !s.bad && s.p == s.end;
}

void resultcache_sums_done(resultcache *rc, size_t restored, size_t from_children,
                           size_t from_posts)
{
	if (!rc)
		return;
	rc->sums_restored = restored;
	rc->sums_children = from_children;
	rc->sums_posts = from_posts;
}

int resultcache_restore_formula(resultcache *rc, results *res, const node *n, size_t ind)
{
	const rc_entry *e;
	size_t nq = res->nquarters, nind = res->rules->nindicators, count, i, k;
	pc_reader r;
	if (!rc || !(e = node_entry(rc, n)))
		return 0;
	r.p = e->body + 8; /* after the subtree hash */
	r.end = e->end;
	r.bad = 0;
	skip_sums(&r);
	count = pc_read_count(&r, 1);
	for (i = 0; i < count && !r.bad; i++) {
		uint64_t which = pc_read_varint(&r);
		ind_value *iv = &res->values[n->index * nq * nind + ind];
		int mine = which == ind;
		const char *note;
		size_t len;
		for (k = 0; k < nq; k++) {
			ind_value v;
			v.num = pc_read_cell(&r);
			v.den = pc_read_cell(&r);
			v.value = pc_read_cell(&r);
			/* unchanged bytes are not written: a page of the image
			 * stays unshared */
			if (mine && memcmp(&iv[k * nind], &v, sizeof v) != 0)
				iv[k * nind] = v;
		}
		note = (const char *)(const unsigned char *)pc_read_str_ref(&r, &len);
		if (!mine)
			continue;
		if (r.bad)
			return 0;
		free(res->notes[n->index * nind + ind]);
		res->notes[n->index * nind + ind] = note && len ? xstrndup(note, len) : NULL;
		rc->values_restored++;
		return 1;
	}
	return 0;
}

void resultcache_formula_done(resultcache *rc, size_t ind, int usable, int outside,
                              const unsigned char *reads, size_t computed,
                              unsigned char *nonlocal)
{
	rc_formula *f;
	size_t j;
	if (!rc)
		return;
	f = &rc->next[ind];
	f->known = 1;
	f->nonlocal = outside;
	for (j = 0; j < rc->nind; j++) {
		/* the values kept hold what the cached ones read too */
		f->deps[j] = reads[j] || (usable && rc->stored[ind].deps[j]);
		if (f->deps[j] && nonlocal[j])
			f->nonlocal = 1;
	}
	nonlocal[ind] = (unsigned char)f->nonlocal;
	rc->values_computed += computed;
	if (computed && !f->nonlocal)
		rc->changed = 1;
}

/* ---- saving ---- */

static void print_stats(const resultcache *rc)
{
	const char *env = getenv("REKAP_CACHE_STATS");
	size_t i, nonlocal = 0;
	if (!env || !*env || strcmp(env, "0") == 0)
		return;
	for (i = 0; i < rc->nind; i++)
		nonlocal += rc->next[i].known && rc->next[i].nonlocal;
	fprintf(stderr,
	        "rekap: cache: %zu posts computed from the cache, %zu computed; %zu rumus values "
	        "from the cache, %zu computed; %zu rumus indicators not local; %zu nodes' sums "
	        "from the cache, %zu added from their children, %zu over their posts; %zu blocks "
	        "of nodes and posts from the image, %zu not\n",
	        rc->posts_restored, rc->posts_computed, rc->values_restored, rc->values_computed,
	        nonlocal, rc->sums_restored, rc->sums_children, rc->sums_posts, rc->image_hits,
	        rc->image_misses);
}

/* Whether a rumus indicator is kept for node n. */
static int kept_for(const resultcache *rc, const rules *r, size_t i, const node *n)
{
	return rc->next[i].known && !rc->next[i].nonlocal &&
	       indicator_applies(&r->indicators[i], n->kind);
}

static size_t kept_count(const resultcache *rc, const rules *r, const node *n)
{
	size_t i, count = 0;
	for (i = 0; i < rc->nind; i++)
		count += kept_for(rc, r, i, n);
	return count;
}

/* Whether node n has an entry: above the posts always, for its sums. */
static int has_entry(const resultcache *rc, const rules *r, const node *n)
{
	return n->kind != NODE_POS || kept_count(rc, r, n) > 0;
}

static int formulas_changed(const resultcache *rc)
{
	size_t i;
	for (i = 0; i < rc->nind; i++) {
		const rc_formula *a = &rc->stored[i], *b = &rc->next[i];
		if (a->known != b->known || a->nonlocal != b->nonlocal ||
		    (a->known && memcmp(a->deps, b->deps, rc->nind) != 0))
			return 1;
	}
	return 0;
}

/* Whether the file would hold anything else than it holds. */
static int anything_changed(const resultcache *rc, const results *res)
{
	const records *recs = res->recs;
	size_t i, nodes = 0;
	if (!rc->loaded || rc->changed || rc->posts_computed || rc->posts.n != recs->nposts ||
	    rc->sums_children || rc->sums_posts || formulas_changed(rc))
		return 1;
	for (i = 0; i < recs->nnodes; i++)
		nodes += has_entry(rc, res->rules, recs->nodes[i]);
	return nodes != rc->nodes.n;
}

/* An entry: its length, then path and body. */
static void put_entry(buf *out, const char *path, const buf *body)
{
	buf e = BUF_INIT;
	write_cstr(&e, path);
	buf_put(&e, body->data ? body->data : "", body->len);
	pc_write_varint(out, e.len);
	buf_put(out, e.data, e.len);
	buf_release(&e);
}

/* The posts, then the table of texts they refer to: the entries of posts
 * restored kept as they are when keep (the table then begins with the
 * loaded one), the others written again. */
static void write_posts(buf *b, const resultcache *rc, const results *res, int keep)
{
	const records *recs = res->recs;
	size_t p, i, nq = res->rules->nquantities, begin = 0, end = 0;
	buf body = BUF_INIT;
	rc_strings t;
	memset(&t, 0, sizeof t);
	for (i = 0; keep && i < rc->ntable; i++)
		strings_ref(&t, rc->table[i]);
	pc_write_varint(b, recs->nposts);
	for (p = 0; p < recs->nposts; p++) {
		const node *post = recs->posts[p];
		while (end < res->nviolations && res->violations[end].post == post)
			end++;
		if (keep && rc->post_entry[p]) {
			buf_put(b, (const char *)rc->post_entry[p]->whole, rc->post_entry[p]->whole_len);
		} else {
			body.len = 0;
			pc_write_u64(&body, rc->post_key[p]);
			pc_write_varint(&body, !image_holds_post(rc, p));
			if (!image_holds_post(rc, p))
				write_cells(&body, res->post_q + p * res->nquarters * nq,
				            res->nquarters * nq);
			write_assessment(&body, &res->assessments[p], &t);
			write_violations(&body, res, begin, end);
			put_entry(b, post->path, &body);
		}
		begin = end;
	}
	pc_write_varint(b, keep ? rc->appended + (t.n - rc->ntable) : 0);
	pc_write_varint(b, t.n);
	for (i = 0; i < t.n; i++)
		write_cstr(b, t.items[i]);
	strings_release(&t);
	buf_release(&body);
}

static void write_formulas(buf *b, const resultcache *rc, const rules *r)
{
	size_t i, j, n = 0, ndeps;
	for (i = 0; i < rc->nind; i++)
		n += rc->next[i].known;
	pc_write_varint(b, n);
	for (i = 0; i < rc->nind; i++) {
		const rc_formula *f = &rc->next[i];
		if (!f->known)
			continue;
		pc_write_varint(b, i);
		write_cstr(b, r->indicators[i].id);
		pc_write_varint(b, f->nonlocal != 0);
		for (j = ndeps = 0; j < rc->nind; j++)
			ndeps += f->deps[j];
		pc_write_varint(b, ndeps);
		for (j = 0; j < rc->nind; j++)
			if (f->deps[j])
				pc_write_varint(b, j);
	}
}

/* The sums of node n, not a post, with their length in front (none for
 * a post, nor when the image holds them); sums is scratch space. */
static void write_sums(buf *b, buf *sums, const resultcache *rc, const results *res,
                       const node *n)
{
	const rules *r = res->rules;
	size_t i, k, count = 0, nind = r->nindicators;
	const unsigned char *inexact = res->inexact + n->index * nind;
	sums->len = 0;
	if (n->kind != NODE_POS && !image_holds_node(rc, n->index)) {
		for (i = 0; i < nind; i++) {
			if (r->indicators[i].kind == IND_FUNCTION)
				continue;
			for (k = 0; k < res->nquarters; k++) {
				const ind_value *iv = results_value(res, n, k, i);
				double pair[2];
				pair[0] = iv->num;
				pair[1] = iv->den;
				write_cells(sums, pair, 2);
			}
		}
		for (i = 0; i < nind; i++)
			count += inexact[i] != 0;
		pc_write_varint(sums, count);
		for (i = 0; i < nind; i++)
			if (inexact[i])
				pc_write_varint(sums, i);
	}
	pc_write_varint(b, sums->len);
	buf_put(b, sums->data ? sums->data : "", sums->len);
}

static void write_nodes(buf *b, const resultcache *rc, const results *res)
{
	const records *recs = res->recs;
	const rules *r = res->rules;
	size_t i, j, k, n = 0, nind = r->nindicators;
	buf body = BUF_INIT, all = BUF_INIT, sums = BUF_INIT;
	for (i = 0; i < recs->nnodes; i++) {
		const node *nd = recs->nodes[i];
		size_t count = kept_count(rc, r, nd);
		if (!has_entry(rc, r, nd))
			continue;
		body.len = 0;
		pc_write_u64(&body, rc->subtree[i]);
		write_sums(&body, &sums, rc, res, nd);
		pc_write_varint(&body, count);
		for (j = 0; j < nind; j++) {
			if (!kept_for(rc, r, j, nd))
				continue;
			pc_write_varint(&body, j);
			for (k = 0; k < res->nquarters; k++) {
				const ind_value *iv = results_value(res, nd, k, j);
				pc_write_cell(&body, iv->num);
				pc_write_cell(&body, iv->den);
				pc_write_cell(&body, iv->value);
			}
			write_cstr(&body, results_note(res, nd, j));
		}
		put_entry(&all, nd->path, &body);
		n++;
	}
	pc_write_varint(b, n);
	buf_put(b, all.data ? all.data : "", all.len);
	buf_release(&body);
	buf_release(&all);
	buf_release(&sums);
}

static void write_file(const resultcache *rc, const buf *b)
{
	if (file_replace_bytes(rc->file, b->data, b->len) != 0)
		fprintf(stderr,
		        TR(rc->l,
		           "rekap: catatan: cache hasil %s tidak dapat disimpan (%s); rekap "
		           "berikutnya menghitung semua hasil lagi\n",
		           "rekap: note: the results cache %s could not be saved (%s); the next run "
		           "computes every result again\n"),
		        rc->file, strerror(errno));
}

void resultcache_save(resultcache *rc, const results *res, int ok)
{
	buf b = BUF_INIT;
	if (!rc)
		return;
	rc->posts_computed = res->recs->nposts - rc->posts_restored;
	print_stats(rc);
	if (ok)
		save_image(rc, res);
	if (!ok || !anything_changed(rc, res))
		return;
	buf_grow(&b, rc->len + rc->len / 4); /* about as large as the one loaded */
	write_header(&b, rc, res);
	/* the table is written again with only the texts in use once those
	 * added since it last was are half as many as it holds */
	write_posts(&b, rc, res, rc->table && rc->appended * 2 <= rc->ntable);
	write_formulas(&b, rc, res->rules);
	write_nodes(&b, rc, res);
	pc_write_u64(&b, hash_wide((const unsigned char *)b.data, b.len));
	write_file(rc, &b);
	buf_release(&b);
}
