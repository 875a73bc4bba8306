/* postcache.c - each post's records as read, kept between runs so that a post whose files did not change is not read again. */
#define _DEFAULT_SOURCE /* realpath, MAP_POPULATE */
#include "postcache.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PC_MAGIC "rekap-rekaman\n"
#define PC_FORMAT 3
#define PC_MAX_DEPTH 64 /* nesting of a front-matter value */

/* The record files of a post whose identity an entry holds, in the order
 * of post_identity.files. */
static const char *const post_files[4] = {"pos.md", "laporan.csv", "kader.csv", "penyakit.csv"};

typedef struct pc_entry {
	const char *path; /* NUL-terminated, in the mapped file */
	const unsigned char *data; /* the entry, after its length */
	size_t len;
	const unsigned char *whole; /* the entry with its length in front */
	size_t whole_len;
} pc_entry;

struct postcache {
	char *file; /* where it is stored */
	char *given, *abs; /* the records folder as given and resolved */
	uint64_t rules_hash;
	size_t ncolumns;
	lang l;
	int today;
	struct timespec start; /* files changed since are not cached */
	unsigned char *data; /* the file as mapped, or NULL */
	size_t len;
	pc_entry *entries; /* sorted by path */
	size_t nentries;
	/* the file's hash, checked by a thread of its own while the records
	 * are walked (see postcache_ready); no entry is used before */
	pthread_t hasher;
	int hashing; /* the thread runs, postcache_ready joins it */
	int hash_ok; /* set by the thread */
	int ready; /* the entries may be used */
	arena *paths;
	size_t restored, read; /* posts, counted as they are loaded */
};

/* ---- writing ---- */

void pc_write_varint(buf *b, uint64_t v)
{
	char tmp[10];
	size_t n = 0;
	do {
		unsigned char byte = (unsigned char)(v & 0x7f);
		v >>= 7;
		tmp[n++] = (char)(v ? byte | 0x80 : byte);
	} while (v);
	buf_put(b, tmp, n);
}

void pc_write_u64(buf *b, uint64_t v)
{
	char tmp[8];
	size_t i;
	for (i = 0; i < 8; i++)
		tmp[i] = (char)(v >> (8 * i) & 0xff);
	buf_put(b, tmp, 8);
}

void pc_write_f64(buf *b, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	pc_write_u64(b, bits);
}

/* Lengths are written one more than they are, 0 standing for NULL; the
 * bytes are followed by a NUL, so that a string restored can be used
 * where it lies in the mapped file. */
void pc_write_str(buf *b, const char *s, size_t len)
{
	if (!s) {
		pc_write_varint(b, 0);
		return;
	}
	pc_write_varint(b, (uint64_t)len + 1);
	buf_put(b, s, len);
	buf_putc(b, '\0');
}

/* Zero bytes up to a multiple of 8 of b's length (see write_reports). */
static void write_padding(buf *b)
{
	static const char zeros[8];
	if (b->len % 8)
		buf_put(b, zeros, 8 - b->len % 8);
}

static void write_cstr(buf *b, const char *s)
{
	pc_write_str(b, s, s ? strlen(s) : 0);
}

/* Signed numbers (dates, NO_DATE, months) zigzagged into a varint. */
static void write_int(buf *b, long long v)
{
	pc_write_varint(b, v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1);
}

static void write_value(buf *b, const value *v)
{
	size_t i;
	pc_write_varint(b, (uint64_t)v->kind);
	pc_write_varint(b, v->line);
	pc_write_varint(b, v->column);
	switch (v->kind) {
	case VAL_BOOL:
		pc_write_varint(b, v->u.boolean != 0);
		break;
	case VAL_NUM:
		pc_write_f64(b, v->u.num);
		break;
	case VAL_STR:
		pc_write_str(b, v->u.str.s ? v->u.str.s : "", v->u.str.len);
		break;
	case VAL_LIST:
		pc_write_varint(b, v->u.list.len);
		for (i = 0; i < v->u.list.len; i++)
			write_value(b, v->u.list.items[i]);
		break;
	case VAL_MAP:
		pc_write_varint(b, v->u.map.len);
		for (i = 0; i < v->u.map.len; i++) {
			write_cstr(b, v->u.map.pairs[i].key);
			write_value(b, v->u.map.pairs[i].val);
		}
		break;
	default:
		break;
	}
}

/* ---- reading ---- */

static int take(pc_reader *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		r->p = r->end;
		return 0;
	}
	return 1;
}

uint64_t pc_read_varint(pc_reader *r)
{
	uint64_t v = 0;
	unsigned shift = 0;
	while (take(r, 1)) {
		unsigned char byte = *r->p++;
		if (shift == 63 && byte > 1)
			break;
		v |= (uint64_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80))
			return v;
		shift += 7;
		if (shift > 63)
			break;
	}
	r->bad = 1;
	r->p = r->end;
	return 0;
}

uint64_t pc_read_u64(pc_reader *r)
{
	uint64_t v = 0;
	size_t i;
	if (!take(r, 8))
		return 0;
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	return v;
}

double pc_read_f64(pc_reader *r)
{
	uint64_t bits = pc_read_u64(r);
	double v;
	memcpy(&v, &bits, sizeof v);
	return v;
}

/* A string where it lies: NULL both for a NULL string and when the bytes
 * run out or its NUL is missing (then bad is set). */
const char *pc_read_str_ref(pc_reader *r, size_t *len)
{
	uint64_t n = pc_read_varint(r);
	const char *s;
	if (len)
		*len = 0;
	if (n == 0)
		return NULL;
	if (n > (uint64_t)(r->end - r->p) || r->p[n - 1] != '\0') {
		r->bad = 1;
		r->p = r->end;
		return NULL;
	}
	s = (const char *)r->p;
	r->p += n;
	if (len)
		*len = (size_t)(n - 1);
	return s;
}

const char *pc_read_str(pc_reader *r, arena *a, size_t *len)
{
	size_t n;
	const char *s = pc_read_str_ref(r, &n);
	if (len)
		*len = s ? n : 0;
	return s ? arena_strndup(a, s, n) : NULL;
}

size_t pc_read_count(pc_reader *r, size_t min_bytes)
{
	uint64_t n = pc_read_varint(r);
	if (min_bytes && n > (uint64_t)(r->end - r->p) / min_bytes) {
		r->bad = 1;
		r->p = r->end;
		return 0;
	}
	return (size_t)n;
}

static long long read_int(pc_reader *r)
{
	uint64_t v = pc_read_varint(r);
	return v & 1 ? -(long long)(v >> 1) - 1 : (long long)(v >> 1);
}

static unsigned read_unsigned(pc_reader *r)
{
	uint64_t v = pc_read_varint(r);
	if (v > 0xffffffffu)
		r->bad = 1;
	return (unsigned)v;
}

static value *read_value(pc_reader *r, arena *a, int depth)
{
	value *v = arena_alloc(a, sizeof *v);
	uint64_t kind = pc_read_varint(r);
	size_t i, n;
	v->line = read_unsigned(r);
	v->column = read_unsigned(r);
	if (depth > PC_MAX_DEPTH || kind > VAL_MAP)
		r->bad = 1;
	if (r->bad)
		return v;
	v->kind = (val_kind)kind;
	switch (v->kind) {
	case VAL_BOOL:
		v->u.boolean = pc_read_varint(r) != 0;
		break;
	case VAL_NUM:
		v->u.num = pc_read_f64(r);
		break;
	case VAL_STR:
		v->u.str.s = pc_read_str_ref(r, &v->u.str.len);
		if (!v->u.str.s)
			r->bad = 1;
		break;
	case VAL_LIST:
		n = pc_read_count(r, 3);
		v->u.list.items = arena_alloc(a, (n ? n : 1) * sizeof *v->u.list.items);
		for (i = 0; i < n && !r->bad; i++)
			v->u.list.items[i] = read_value(r, a, depth + 1);
		v->u.list.len = v->u.list.cap = n;
		break;
	case VAL_MAP:
		n = pc_read_count(r, 4);
		v->u.map.pairs = arena_alloc(a, (n ? n : 1) * sizeof *v->u.map.pairs);
		for (i = 0; i < n && !r->bad; i++) {
			v->u.map.pairs[i].key = pc_read_str_ref(r, NULL);
			if (!v->u.map.pairs[i].key)
				r->bad = 1;
			v->u.map.pairs[i].val = read_value(r, a, depth + 1);
		}
		v->u.map.len = v->u.map.cap = n;
		break;
	default:
		break;
	}
	if (r->bad) /* never a half-built list or map */
		memset(&v->u, 0, sizeof v->u);
	return v;
}

/* ---- the file ---- */

/* A hash of the whole file, read on every run: hundreds of megabytes at
 * national scale. Four lanes of eight bytes each take a step at once, so
 * that their multiplications overlap and the hash keeps up with memory;
 * the lanes are hashed together, then the bytes short of a whole step.
 * Bytes may come in pieces (postcache_save hashes the entries as it
 * writes them): the hash is that of the pieces put end to end. */
typedef struct pc_hash {
	uint64_t lane[4];
	unsigned char rest[32]; /* bytes short of a step, nrest of them */
	size_t nrest;
} pc_hash;

static void hash_init(pc_hash *h)
{
	size_t i;
	for (i = 0; i < 4; i++)
		h->lane[i] = HASH_INIT + i;
	h->nrest = 0;
}

/* One step of a lane. */
static uint64_t lane_step(uint64_t lane, const unsigned char *data)
{
	uint64_t w;
	memcpy(&w, data, sizeof w);
	lane = (lane ^ w) * UINT64_C(0x100000001b3);
	return lane ^ lane >> 29;
}

/* Whole steps of data, n bytes (a multiple of 32), the lanes held in
 * registers meanwhile. */
static void hash_steps(pc_hash *h, const unsigned char *data, size_t n)
{
	uint64_t l0 = h->lane[0], l1 = h->lane[1], l2 = h->lane[2], l3 = h->lane[3];
	for (; n >= 32; data += 32, n -= 32) {
		l0 = lane_step(l0, data);
		l1 = lane_step(l1, data + 8);
		l2 = lane_step(l2, data + 16);
		l3 = lane_step(l3, data + 24);
	}
	h->lane[0] = l0;
	h->lane[1] = l1;
	h->lane[2] = l2;
	h->lane[3] = l3;
}

static void hash_add(pc_hash *h, const unsigned char *data, size_t n)
{
	size_t step = sizeof h->rest, whole;
	if (h->nrest) {
		size_t k = step - h->nrest < n ? step - h->nrest : n;
		memcpy(h->rest + h->nrest, data, k);
		h->nrest += k;
		data += k;
		n -= k;
		if (h->nrest < step)
			return;
		hash_steps(h, h->rest, step);
		h->nrest = 0;
	}
	whole = n - n % step;
	hash_steps(h, data, whole);
	memcpy(h->rest, data + whole, n - whole);
	h->nrest = n - whole;
}

static uint64_t hash_end(const pc_hash *h)
{
	return hash_bytes(hash_bytes(HASH_INIT, h->lane, sizeof h->lane), h->rest, h->nrest);
}

static uint64_t checksum(const unsigned char *data, size_t n)
{
	pc_hash h;
	hash_init(&h);
	hash_add(&h, data, n);
	return hash_end(&h);
}

static void write_header(buf *b, const postcache *pc, size_t nentries)
{
	buf_puts(b, PC_MAGIC);
	pc_write_varint(b, PC_FORMAT);
	write_cstr(b, REKAP_VERSION);
	pc_write_u64(b, program_hash());
	pc_write_u64(b, pc->rules_hash);
	write_cstr(b, pc->abs);
	write_cstr(b, pc->given);
	pc_write_varint(b, (uint64_t)pc->l);
	write_int(b, pc->today);
	pc_write_varint(b, nentries);
	write_padding(b); /* every entry starts at a multiple of 8 */
}

static int compare_entries(const void *pa, const void *pb)
{
	return strcmp(((const pc_entry *)pa)->path, ((const pc_entry *)pb)->path);
}

/* Whether the hash at the end of the file is that of the bytes before. */
static int hash_matches(const postcache *pc)
{
	pc_reader t;
	t.p = pc->data + pc->len - 8;
	t.end = pc->data + pc->len;
	t.bad = 0;
	return pc_read_u64(&t) == checksum(pc->data, pc->len - 8);
}

static void *hash_run(void *arg)
{
	postcache *pc = arg;
	pc->hash_ok = hash_matches(pc);
	return NULL;
}

/* How the loaded bytes relate to this run: to use; written by another
 * version (its hash may be another's); written for another program,
 * rules, spelling of the folder, language or day; damaged or another
 * folder's. */
typedef enum { PC_USE, PC_OTHER, PC_SILENT, PC_NOTE } pc_verdict;

/* Check the loaded file's header and index its entries: PC_USE once its
 * hash matches too (checked apart, see postcache_open). */
static pc_verdict pc_index(postcache *pc)
{
	pc_reader r;
	const char *s;
	size_t n, i;
	if (pc->len < strlen(PC_MAGIC) + 8 || memcmp(pc->data, PC_MAGIC, strlen(PC_MAGIC)) != 0)
		return PC_NOTE;
	r.p = pc->data + strlen(PC_MAGIC);
	r.end = pc->data + pc->len - 8;
	r.bad = 0;
	if (pc_read_varint(&r) != PC_FORMAT || r.bad)
		return PC_OTHER; /* another format: written by another version */
	s = pc_read_str(&r, pc->paths, NULL);
	if (!s || strcmp(s, REKAP_VERSION) != 0)
		return r.bad ? PC_NOTE : PC_OTHER;
	if (pc_read_u64(&r) != program_hash() || pc_read_u64(&r) != pc->rules_hash)
		return PC_SILENT;
	s = pc_read_str_ref(&r, NULL);
	if (!s || strcmp(s, pc->abs) != 0)
		return PC_NOTE; /* copied from another folder's */
	s = pc_read_str_ref(&r, NULL);
	if (!s || strcmp(s, pc->given) != 0 || pc_read_varint(&r) != (uint64_t)pc->l ||
	    read_int(&r) != pc->today)
		return PC_SILENT;
	n = pc_read_count(&r, 16);
	if ((size_t)(r.p - pc->data) % 8 && take(&r, 8 - (size_t)(r.p - pc->data) % 8))
		r.p += 8 - (size_t)(r.p - pc->data) % 8;
	pc->entries = xcalloc(n ? n : 1, sizeof *pc->entries);
	for (i = 0; i < n && !r.bad; i++) {
		const unsigned char *whole = r.p;
		uint64_t len = pc_read_u64(&r);
		pc_reader e;
		if (len % 8 || len > (uint64_t)(r.end - r.p) || !take(&r, (size_t)len))
			break;
		e.p = r.p;
		e.end = r.p + len;
		e.bad = 0;
		pc->entries[i].data = r.p;
		pc->entries[i].len = (size_t)len;
		pc->entries[i].whole = whole;
		pc->entries[i].whole_len = 8 + (size_t)len;
		pc->entries[i].path = pc_read_str_ref(&e, NULL);
		if (!pc->entries[i].path)
			r.bad = 1;
		r.p += len;
	}
	if (i < n)
		r.bad = 1;
	if (r.bad || r.p != r.end)
		return PC_NOTE;
	pc->nentries = n;
	qsort(pc->entries, n, sizeof *pc->entries, compare_entries);
	return PC_USE;
}

/* Forget what was loaded: every post is read from its files. */
static void pc_forget(postcache *pc)
{
	free(pc->entries);
	if (pc->data)
		munmap(pc->data, pc->len);
	pc->entries = NULL;
	pc->data = NULL;
	pc->nentries = pc->len = 0;
}

/* Map the stored file, its pages in place: the restore reads most of it,
 * and copying it into memory of our own cost a fault for each page of
 * that memory besides the copy. The file is only ever replaced (see
 * postcache_save), never changed where it is, so the mapping keeps the
 * bytes it was opened with. Returns -1 when there is no file, 0 else (an
 * empty file as no bytes, for pc_index to find short). */
static int pc_map(postcache *pc)
{
	int fd = open(pc->file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *p;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	if (st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (p == MAP_FAILED) {
			close(fd);
			return -1;
		}
		pc->data = p;
		pc->len = (size_t)st.st_size;
	}
	close(fd);
	return 0;
}

/* Forget what was loaded, with a note: the file cannot be trusted. */
static void pc_ignore(postcache *pc)
{
	fprintf(stderr,
	        TR(pc->l,
	           "rekap: catatan: cache rekaman %s rusak, terpotong atau milik folder lain; "
	           "diabaikan, semua rekaman dibaca ulang\n",
	           "rekap: note: the records cache %s is damaged, cut short or belongs to "
	           "another folder; ignored, every record is read again\n"),
	        pc->file);
	pc_forget(pc);
}

postcache *postcache_open(const char *dir, const rules *r, lang l, int today)
{
	char *folder = cache_dir(), *abs;
	postcache *pc;
	if (!folder)
		return NULL;
	abs = realpath(dir, NULL);
	if (!abs) {
		free(folder);
		return NULL;
	}
	pc = xcalloc(1, sizeof *pc);
	pc->given = xstrdup(dir);
	pc->abs = abs;
	pc->file = xasprintf("%s/rekaman-%016llx.bin", folder,
	                     (unsigned long long)hash_bytes(HASH_INIT, abs, strlen(abs) + 1));
	free(folder);
	pc->rules_hash = rules_sources_hash(r);
	pc->ncolumns = r->ncolumns;
	pc->l = l;
	pc->today = today;
	pc->paths = arena_new();
	clock_gettime(CLOCK_REALTIME_COARSE, &pc->start);
	(void)program_hash(); /* read now, before threads ask for it */
	pc->ready = 1; /* until a file is found */
	if (pc_map(pc) != 0)
		return pc;
	switch (pc_index(pc)) {
	case PC_USE:
		/* the hash, a pass over the whole file, while the records are
		 * walked; in this thread when no other can start */
		pc->ready = 0;
		pc->hashing = pthread_create(&pc->hasher, NULL, hash_run, pc) == 0;
		if (!pc->hashing)
			hash_run(pc);
		break;
	case PC_NOTE:
		pc_ignore(pc);
		break;
	case PC_SILENT:
		/* damaged, it would not tell what it was written for: said so */
		if (!hash_matches(pc))
			pc_ignore(pc);
		else
			pc_forget(pc);
		break;
	case PC_OTHER:
		pc_forget(pc);
		break;
	}
	return pc;
}

void postcache_ready(postcache *pc)
{
	if (!pc || pc->ready)
		return;
	if (pc->hashing)
		pthread_join(pc->hasher, NULL);
	pc->hashing = 0;
	pc->ready = 1;
	if (!pc->hash_ok)
		pc_ignore(pc);
}

void postcache_free(postcache *pc)
{
	if (!pc)
		return;
	if (pc->hashing)
		pthread_join(pc->hasher, NULL);
	pc_forget(pc);
	arena_free(pc->paths);
	free(pc->file);
	free(pc->given);
	free(pc->abs);
	free(pc);
}

/* ---- one post ---- */

static int recent(const postcache *pc, const struct timespec *t)
{
	return t->tv_sec > pc->start.tv_sec ||
	       (t->tv_sec == pc->start.tv_sec && t->tv_nsec >= pc->start.tv_nsec);
}

void postcache_identify(const postcache *pc, const char *post_dir, post_identity *id)
{
	size_t i;
	memset(id, 0, sizeof *id);
	if (!pc || lstat(post_dir, &id->dir) != 0 || !S_ISDIR(id->dir.st_mode))
		return;
	id->usable = 1;
	/* a file changed in the tick the run began may change again unseen:
	 * such a post is read again next time (as git's index does) */
	if (recent(pc, &id->dir.st_mtim) || recent(pc, &id->dir.st_ctim))
		id->usable = 0;
	for (i = 0; i < 4; i++) {
		char *path = path_join(post_dir, post_files[i]);
		struct stat *st = &id->files[i];
		if (lstat(path, st) == 0) {
			id->present[i] = 1;
			if (!S_ISREG(st->st_mode) || recent(pc, &st->st_mtim) ||
			    recent(pc, &st->st_ctim))
				id->usable = 0;
		} else if (errno != ENOENT) {
			id->usable = 0;
		}
		free(path);
	}
}

static void write_time(buf *b, const struct timespec *t)
{
	write_int(b, (long long)t->tv_sec);
	pc_write_varint(b, (uint64_t)t->tv_nsec);
}

/* What must not have changed for an entry to hold: the folder, its
 * record files, and the parent's code and name (messages quote them). */
static void write_key(buf *b, const post_identity *id, const node *n)
{
	size_t i;
	pc_write_varint(b, (uint64_t)id->dir.st_dev);
	pc_write_varint(b, (uint64_t)id->dir.st_ino);
	write_time(b, &id->dir.st_mtim);
	write_time(b, &id->dir.st_ctim);
	for (i = 0; i < 4; i++) {
		const struct stat *st = &id->files[i];
		pc_write_varint(b, id->present[i]);
		if (!id->present[i])
			continue;
		pc_write_varint(b, (uint64_t)st->st_ino);
		pc_write_varint(b, (uint64_t)st->st_size);
		write_time(b, &st->st_mtim);
		write_time(b, &st->st_ctim);
	}
	write_cstr(b, n->parent ? n->parent->code : NULL);
	write_cstr(b, n->parent ? n->parent->name : NULL);
}

static void write_strings(buf *b, const char *const *items, size_t n)
{
	size_t i;
	pc_write_varint(b, n);
	for (i = 0; i < n; i++)
		write_cstr(b, items[i]);
}

/* The report rows, then the cells of every row as the program holds
 * doubles, at a multiple of 8 of the entry (and so of the file: see
 * write_header and postcache_record), for the restored rows to point to
 * where they lie. A cache is only ever read by the program that wrote it
 * (program_hash), so the bytes of a double are the same. */
static void write_reports(buf *b, const node *n, size_t ncolumns)
{
	size_t i;
	pc_write_varint(b, ncolumns);
	pc_write_varint(b, n->nreports);
	for (i = 0; i < n->nreports; i++) {
		const report *rp = &n->reports[i];
		write_int(b, rp->period);
		write_int(b, rp->quarterly);
		write_int(b, rp->received);
		pc_write_varint(b, rp->line);
	}
	write_padding(b);
	for (i = 0; i < n->nreports; i++)
		buf_put(b, (const char *)n->reports[i].values, ncolumns * sizeof(double));
}

static void write_post(buf *b, const node *n, size_t ncolumns)
{
	size_t i;
	write_cstr(b, n->file);
	write_cstr(b, n->name);
	write_cstr(b, n->code);
	pc_write_u64(b, n->source_hash);
	pc_write_varint(b, n->meta != NULL);
	if (n->meta)
		write_value(b, n->meta);
	write_cstr(b, n->body);
	write_cstr(b, n->status);
	write_cstr(b, n->trade);
	write_int(b, n->formed);
	write_int(b, n->dissolved);
	write_strings(b, n->facilities, n->nfacilities);
	write_strings(b, n->funding, n->nfunding);
	write_reports(b, n, ncolumns);
	pc_write_varint(b, n->ncadres);
	for (i = 0; i < n->ncadres; i++) {
		const cadre *cd = &n->cadres[i];
		write_cstr(b, cd->name);
		write_cstr(b, cd->phone);
		write_cstr(b, cd->education);
		pc_write_varint(b, (unsigned char)cd->sex);
		write_int(b, cd->trained_year);
		write_int(b, cd->active);
		pc_write_varint(b, cd->line);
	}
	pc_write_varint(b, n->ndiseases);
	for (i = 0; i < n->ndiseases; i++) {
		const disease_row *d = &n->diseases[i];
		write_int(b, d->month);
		write_cstr(b, d->code);
		write_cstr(b, d->name);
		pc_write_f64(b, d->cases_l);
		pc_write_f64(b, d->cases_p);
		pc_write_varint(b, d->line);
	}
	write_cstr(b, n->report_file);
	write_cstr(b, n->cadre_file);
	write_cstr(b, n->disease_file);
	pc_write_varint(b, n->nnotes);
	for (i = 0; i < n->nnotes; i++) {
		const record_note *nt = &n->notes[i];
		write_cstr(b, nt->file);
		pc_write_varint(b, nt->line);
		write_int(b, nt->month);
		write_cstr(b, nt->text[0]);
		write_cstr(b, nt->text[1]);
	}
}

static void write_diags(buf *b, const diag_list *diags)
{
	size_t i;
	pc_write_varint(b, diags->len);
	for (i = 0; i < diags->len; i++) {
		const diag *d = &diags->items[i];
		pc_write_varint(b, (uint64_t)d->severity);
		write_cstr(b, d->file);
		pc_write_varint(b, d->line);
		pc_write_varint(b, d->column);
		write_cstr(b, d->message);
	}
}

void postcache_record(const postcache *pc, const post_identity *id, const node *n,
                      const diag_list *diags, int failed, postcache_slot *slot)
{
	buf entry = BUF_INIT, key = BUF_INIT, whole = BUF_INIT;
	memset(slot, 0, sizeof *slot);
	if (!pc || !id->usable)
		return;
	write_key(&key, id, n);
	write_cstr(&entry, n->path);
	pc_write_str(&entry, buf_cstr(&key), key.len);
	pc_write_varint(&entry, failed != 0);
	write_post(&entry, n, pc->ncolumns);
	write_diags(&entry, diags);
	write_padding(&entry);
	/* its length in 8 bytes: the entry keeps the alignment of its start */
	pc_write_u64(&whole, entry.len);
	buf_put(&whole, entry.data, entry.len);
	slot->len = whole.len;
	slot->owned = (unsigned char *)buf_detach(&whole);
	slot->data = slot->owned;
	buf_release(&entry);
	buf_release(&key);
}

static const char **read_strings(pc_reader *r, arena *a, size_t *count)
{
	size_t n = pc_read_count(r, 1), i;
	const char **items = arena_alloc(a, (n + 1) * sizeof *items);
	for (i = 0; i < n && !r->bad; i++)
		if (!(items[i] = pc_read_str_ref(r, NULL)))
			r->bad = 1;
	*count = r->bad ? 0 : n;
	return n ? items : NULL;
}

/* The rows written by write_reports; their cells where they lie. */
static void read_reports(pc_reader *r, node *n, arena *a, size_t ncolumns)
{
	size_t i, pad;
	const double *cells;
	if (pc_read_varint(r) != ncolumns)
		r->bad = 1;
	n->nreports = pc_read_count(r, 4 + 8 * ncolumns);
	if (r->bad) {
		n->nreports = 0;
		return;
	}
	n->reports = n->nreports ? arena_alloc(a, n->nreports * sizeof *n->reports) : NULL;
	for (i = 0; i < n->nreports && !r->bad; i++) {
		report *rp = &n->reports[i];
		rp->period = (int)read_int(r);
		rp->quarterly = (int)read_int(r);
		rp->received = (int)read_int(r);
		rp->line = read_unsigned(r);
	}
	pad = (8 - (uintptr_t)r->p % 8) % 8;
	if (!take(r, pad + n->nreports * ncolumns * sizeof(double)))
		return;
	cells = (const double *)(const void *)(r->p + pad);
	r->p += pad + n->nreports * ncolumns * sizeof(double);
	for (i = 0; i < n->nreports; i++)
		n->reports[i].values = (double *)(uintptr_t)(cells + i * ncolumns);
}

static void read_cadres(pc_reader *r, node *n, arena *a)
{
	size_t i;
	n->ncadres = pc_read_count(r, 7);
	if (r->bad || !n->ncadres) {
		n->ncadres = 0;
		return;
	}
	n->cadres = arena_alloc(a, n->ncadres * sizeof *n->cadres);
	for (i = 0; i < n->ncadres && !r->bad; i++) {
		cadre *cd = &n->cadres[i];
		cd->name = pc_read_str_ref(r, NULL);
		cd->phone = pc_read_str_ref(r, NULL);
		cd->education = pc_read_str_ref(r, NULL);
		cd->sex = (char)pc_read_varint(r);
		cd->trained_year = (int)read_int(r);
		cd->active = (int)read_int(r);
		cd->line = read_unsigned(r);
	}
}

static void read_diseases(pc_reader *r, node *n, arena *a)
{
	size_t i;
	n->ndiseases = pc_read_count(r, 20);
	if (r->bad || !n->ndiseases) {
		n->ndiseases = 0;
		return;
	}
	n->diseases = arena_alloc(a, n->ndiseases * sizeof *n->diseases);
	for (i = 0; i < n->ndiseases && !r->bad; i++) {
		disease_row *d = &n->diseases[i];
		d->month = (int)read_int(r);
		d->code = pc_read_str_ref(r, NULL);
		d->name = pc_read_str_ref(r, NULL);
		d->cases_l = pc_read_f64(r);
		d->cases_p = pc_read_f64(r);
		d->line = read_unsigned(r);
	}
}

static void read_notes(pc_reader *r, node *n, arena *a)
{
	size_t i;
	n->nnotes = pc_read_count(r, 5);
	if (r->bad || !n->nnotes) {
		n->nnotes = 0;
		return;
	}
	n->notes = arena_alloc(a, n->nnotes * sizeof *n->notes);
	for (i = 0; i < n->nnotes && !r->bad; i++) {
		record_note *nt = &n->notes[i];
		nt->file = pc_read_str_ref(r, NULL);
		nt->line = read_unsigned(r);
		nt->month = (int)read_int(r);
		nt->text[0] = pc_read_str_ref(r, NULL);
		nt->text[1] = pc_read_str_ref(r, NULL);
	}
}

static void read_post(pc_reader *r, node *n, arena *a, size_t ncolumns)
{
	n->file = pc_read_str_ref(r, NULL);
	n->name = pc_read_str_ref(r, NULL);
	n->code = pc_read_str_ref(r, NULL);
	n->source_hash = pc_read_u64(r);
	n->meta = pc_read_varint(r) ? read_value(r, a, 0) : NULL;
	n->body = pc_read_str_ref(r, NULL);
	n->status = pc_read_str_ref(r, NULL);
	n->trade = pc_read_str_ref(r, NULL);
	n->formed = (int)read_int(r);
	n->dissolved = (int)read_int(r);
	n->facilities = read_strings(r, a, &n->nfacilities);
	n->funding = read_strings(r, a, &n->nfunding);
	read_reports(r, n, a, ncolumns);
	read_cadres(r, n, a);
	read_diseases(r, n, a);
	n->report_file = pc_read_str_ref(r, NULL);
	n->cadre_file = pc_read_str_ref(r, NULL);
	n->disease_file = pc_read_str_ref(r, NULL);
	read_notes(r, n, a);
}

static void read_diags(pc_reader *r, diag_list *out)
{
	size_t n = pc_read_count(r, 5), i;
	for (i = 0; i < n && !r->bad; i++) {
		uint64_t sev = pc_read_varint(r);
		const char *file = pc_read_str_ref(r, NULL);
		unsigned line = read_unsigned(r), col = read_unsigned(r);
		const char *msg = pc_read_str_ref(r, NULL);
		if (sev > DIAG_ERROR || !msg)
			r->bad = 1;
		if (!r->bad)
			diag_add(out, (diag_severity)sev, file, line, col, "%s", msg);
	}
}

/* The zero bytes write_padding put after an entry, up to its end. */
static void skip_padding(pc_reader *r)
{
	while (!r->bad && r->p < r->end && (size_t)(r->end - r->p) < 8 && *r->p == 0)
		r->p++;
}

static const pc_entry *find_entry(const postcache *pc, const char *path)
{
	pc_entry key;
	if (!pc->nentries)
		return NULL;
	key.path = path;
	return bsearch(&key, pc->entries, pc->nentries, sizeof key, compare_entries);
}

/* Whether the time read from a key is t. */
static int time_matches(pc_reader *k, const struct timespec *t)
{
	long long sec = read_int(k);
	uint64_t nsec = pc_read_varint(k);
	return sec == (long long)t->tv_sec && nsec == (uint64_t)t->tv_nsec;
}

/* Whether the string read from a key is s (NULL too). */
static int str_matches(pc_reader *k, const char *s)
{
	uint64_t n = pc_read_varint(k);
	size_t len = s ? strlen(s) : 0;
	if (n == 0 || !s)
		return n == 0 && !s;
	if (n - 1 != len || !take(k, len + 1) || memcmp(k->p, s, len) != 0 || k->p[len] != '\0')
		return 0;
	k->p += len + 1;
	return 1;
}

/* Whether record file i of post_dir is as the key (k, at the file's
 * presence) knows it: the key written by write_key for the post as it is
 * now, checked field by field. A file absent then is absent still when
 * the folder is unchanged (adding, removing or renaming an entry changes
 * the folder's modification and change times), so only the files that
 * were there take an lstat; md, when not NULL, is pos.md's, taken by the
 * walk since the cache was opened. */
static int file_matches(const postcache *pc, pc_reader *k, const char *post_dir, size_t i,
                        const struct stat *md)
{
	struct stat st;
	char path[4096];
	uint64_t present = pc_read_varint(k);
	int n;
	if (present != 1)
		return present == 0 && !k->bad;
	if (i == 0 && md) {
		st = *md;
	} else {
		n = snprintf(path, sizeof path, "%s/%s", post_dir, post_files[i]);
		if (n < 0 || (size_t)n >= sizeof path || lstat(path, &st) != 0)
			return 0;
	}
	if (!S_ISREG(st.st_mode) || recent(pc, &st.st_mtim) || recent(pc, &st.st_ctim))
		return 0;
	return pc_read_varint(k) == (uint64_t)st.st_ino &&
	       pc_read_varint(k) == (uint64_t)st.st_size && time_matches(k, &st.st_mtim) &&
	       time_matches(k, &st.st_ctim);
}

/* Whether the key of an entry (k, its bytes) holds for post n as it is on
 * disk now: what postcache_identify and write_key would give, with fewer
 * system calls (see file_matches). */
static int key_matches(const postcache *pc, pc_reader *k, const node *n, const char *post_dir,
                       const struct stat *md)
{
	struct stat dir;
	size_t i;
	if (lstat(post_dir, &dir) != 0 || !S_ISDIR(dir.st_mode) || recent(pc, &dir.st_mtim) ||
	    recent(pc, &dir.st_ctim))
		return 0;
	if (pc_read_varint(k) != (uint64_t)dir.st_dev || pc_read_varint(k) != (uint64_t)dir.st_ino ||
	    !time_matches(k, &dir.st_mtim) || !time_matches(k, &dir.st_ctim))
		return 0;
	for (i = 0; i < 4; i++)
		if (!file_matches(pc, k, post_dir, i, md))
			return 0;
	return str_matches(k, n->parent ? n->parent->code : NULL) &&
	       str_matches(k, n->parent ? n->parent->name : NULL) && !k->bad && k->p == k->end;
}

int postcache_restore(postcache *pc, node *n, const char *post_dir, arena *a, diag_list *diags,
                      int *failed, postcache_slot *slot)
{
	return postcache_restore_probed(pc, n, post_dir, NULL, a, diags, failed, slot);
}

int postcache_restore_probed(postcache *pc, node *n, const char *post_dir, const struct stat *md,
                             arena *a, diag_list *diags, int *failed, postcache_slot *slot)
{
	const pc_entry *e;
	pc_reader r, k;
	const char *key;
	size_t key_len;
	node saved = *n;
	diag_list found;
	int bad_post;
	memset(slot, 0, sizeof *slot);
	if (!pc || !pc->ready || !(e = find_entry(pc, n->path)))
		return 0;
	r.p = e->data;
	r.end = e->data + e->len;
	r.bad = 0;
	(void)pc_read_str_ref(&r, NULL); /* the path: matched, and read in pc_index */
	/* the key, compared where it lies */
	key = pc_read_str_ref(&r, &key_len);
	if (!key)
		return 0;
	k.p = (const unsigned char *)key;
	k.end = k.p + key_len;
	k.bad = 0;
	if (!key_matches(pc, &k, n, post_dir, md))
		return 0;
	bad_post = (int)pc_read_varint(&r);
	diag_list_init(&found);
	found.lang = diags->lang;
	read_post(&r, n, a, pc->ncolumns);
	read_diags(&r, &found);
	skip_padding(&r);
	if (r.bad || r.p != r.end) {
		*n = saved;
		diag_list_release(&found);
		return 0;
	}
	diag_list_move(diags, &found);
	if (bad_post)
		*failed = 1;
	/* saved again as it is */
	slot->data = e->whole;
	slot->len = e->whole_len;
	__atomic_fetch_add(&pc->restored, 1, __ATOMIC_RELAXED);
	return 1;
}

/* ---- saving ---- */

static void print_stats(const postcache *pc)
{
	const char *env = getenv("REKAP_CACHE_STATS");
	if (env && *env && strcmp(env, "0") != 0)
		fprintf(stderr, "rekap: cache: %zu posts from the cache, %zu read\n", pc->restored,
		        pc->read);
}

/* Write the bytes b and hash them into h; returns 0, or -1 on failure. */
static int put_hashed(FILE *f, pc_hash *h, const void *b, size_t n)
{
	hash_add(h, b, n);
	return fwrite(b, 1, n, f) == n ? 0 : -1;
}

/* Write the header and the slots' entries to f, then the hash of all
 * that: entry by entry, never the whole file in memory (hundreds of
 * megabytes at national scale, and fresh memory costs a fault a page). */
static int write_file(FILE *f, const postcache *pc, const postcache_slot *slots, size_t n,
                      size_t kept)
{
	buf b = BUF_INIT;
	pc_hash h;
	size_t i;
	int rc;
	hash_init(&h);
	write_header(&b, pc, kept);
	rc = put_hashed(f, &h, b.data, b.len);
	for (i = 0; i < n && rc == 0; i++)
		if (slots[i].data)
			rc = put_hashed(f, &h, slots[i].data, slots[i].len);
	buf_reset(&b);
	pc_write_u64(&b, hash_end(&h));
	if (rc == 0 && fwrite(b.data, 1, b.len, f) != b.len)
		rc = -1;
	buf_release(&b);
	return rc;
}

/* What write_file needs, for file_replace. */
typedef struct save_ctx {
	const postcache *pc;
	const postcache_slot *slots;
	size_t n, kept;
} save_ctx;

static int fill_file(FILE *f, void *ctx)
{
	const save_ctx *c = ctx;
	return write_file(f, c->pc, c->slots, c->n, c->kept);
}

void postcache_save(postcache *pc, postcache_slot *slots, size_t n)
{
	save_ctx c;
	size_t i;
	if (!pc)
		return;
	pc->read = n - pc->restored;
	print_stats(pc);
	c.pc = pc;
	c.slots = slots;
	c.n = n;
	c.kept = 0;
	for (i = 0; i < n; i++)
		c.kept += slots[i].data != NULL;
	/* every post from the cache, and no other post in it: nothing to write */
	if (!(pc->restored == n && pc->nentries == n) && file_replace(pc->file, fill_file, &c) != 0)
		fprintf(stderr,
		        TR(pc->l,
		           "rekap: catatan: cache rekaman %s tidak dapat disimpan (%s); rekap "
		           "berikutnya membaca semua rekaman lagi\n",
		           "rekap: note: the records cache %s could not be saved (%s); the next run "
		           "reads every record again\n"),
		        pc->file, strerror(errno));
	for (i = 0; i < n; i++)
		free(slots[i].owned);
}

void postcache_keep(postcache *pc, arena *a)
{
	if (!pc || !pc->data || !pc->restored)
		return;
	arena_keep_map(a, pc->data, pc->len);
	pc->data = NULL;
	pc->len = 0;
}

/* ---- shared with resultcache.c ---- */

void pc_write_int(buf *b, long long v)
{
	write_int(b, v);
}

long long pc_read_int(pc_reader *r)
{
	return read_int(r);
}

/* A cell: most are small whole numbers or not reported. */
void pc_write_cell(buf *b, double v)
{
	if (isnan(v)) {
		pc_write_varint(b, 0);
	} else if (v >= 0 && v < 9007199254740992.0 && v == floor(v) && !signbit(v)) {
		pc_write_varint(b, 1);
		pc_write_varint(b, (uint64_t)v);
	} else {
		pc_write_varint(b, 2);
		pc_write_f64(b, v);
	}
}

double pc_read_cell(pc_reader *r)
{
	switch (pc_read_varint(r)) {
	case 0:
		return NAN;
	case 1:
		return (double)pc_read_varint(r);
	case 2:
		return pc_read_f64(r);
	default:
		r->bad = 1;
		return NAN;
	}
}

uint64_t pc_checksum(const unsigned char *data, size_t n)
{
	return checksum(data, n);
}
