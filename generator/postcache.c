/* postcache.c - each post's records as read, kept between runs so that a post whose files did not change is not read again. */
#define _DEFAULT_SOURCE /* realpath */
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
#define PC_OVERLAY_MAGIC "rekap-rekaman-ubahan\n"
#define PC_FORMAT 5
#define PC_MAX_DEPTH 64 /* nesting of a front-matter value */
/* The changes are merged into the file, which is then written whole,
 * once they hold more entries than this share of its own. */
#define PC_COMPACT_SHARE 8
#define PC_NONE ((size_t)-1)

/* What an entry holds: a post, a profile (provinsi.md, kabupaten.md,
 * kota.md or puskesmas.md), or (in the changes only) the news that the
 * file's entry of that path is gone. */
enum { PC_KIND_POST, PC_KIND_PROFILE, PC_KIND_REMOVED };

/* The record files of a post whose identity an entry holds, in the order
 * of post_identity.files. */
static const char *const post_files[4] = {"pos.md", "laporan.csv", "kader.csv", "penyakit.csv"};

typedef struct pc_entry {
	const char *path; /* NUL-terminated, in the mapped file */
	unsigned kind; /* PC_KIND_* */
	const unsigned char *data; /* the entry, after its length */
	size_t len;
	const unsigned char *whole; /* the entry with its length in front */
	size_t whole_len;
	const unsigned char *key; /* its key, where the index (or entry) holds it */
	size_t key_len;
	size_t base; /* the file's entry of the same path (in base), or PC_NONE */
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
	pc_entry *base; /* the file's entries, sorted by path */
	size_t nbase;
	unsigned char *base_used; /* per entry of base: a post or profile of its path is saved */
	/* the changes saved since the file was written whole, as mapped:
	 * entries that replace, add or remove those of the file */
	char *overlay_file;
	unsigned char *odata;
	size_t olen;
	int overlay_bad; /* a file of changes was ignored: it is replaced */
	pc_entry *entries; /* the file's with the changes applied, sorted by path */
	size_t nentries;
	/* the file's hash, checked by a thread of its own while the records
	 * are walked (see postcache_ready); no entry is used before */
	pthread_t hasher;
	int hashing; /* the thread runs, postcache_ready joins it */
	int hash_ok; /* set by the thread */
	int ready; /* the entries may be used */
	int used_early; /* profiles were restored before the hash was checked */
	arena *paths;
	size_t restored, read; /* posts, counted as they are loaded */
	size_t profiles_restored; /* profiles */
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

/* The last 8 bytes of data (len at least 8) as a number. */
static uint64_t tail_u64(const unsigned char *data, size_t len)
{
	pc_reader t;
	t.p = data + len - 8;
	t.end = data + len;
	t.bad = 0;
	return pc_read_u64(&t);
}

/* Whether the hash at the end of data is that of the bytes before. */
static int tail_hash_matches(const unsigned char *data, size_t len)
{
	return len >= 8 && tail_u64(data, len) == hash_wide(data, len - 8);
}

static int hash_matches(const postcache *pc)
{
	return tail_hash_matches(pc->data, pc->len);
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

/* Skip the zero bytes after a header, up to a multiple of 8 of the file. */
static void skip_header_padding(pc_reader *r, const unsigned char *start)
{
	size_t off = (size_t)(r->p - start) % 8;
	if (off && take(r, 8 - off))
		r->p += 8 - off;
}

/* n entries from r (each its length in 8 bytes, then the entry: its
 * path and kind first) into out, of kinds up to max_kind; r is bad when
 * one does not fit or is malformed. */
static void read_entries(pc_reader *r, size_t n, pc_entry *out, unsigned max_kind)
{
	size_t i;
	for (i = 0; i < n && !r->bad; i++) {
		const unsigned char *whole = r->p;
		uint64_t len = pc_read_u64(r), kind;
		pc_reader e;
		if (len % 8 || len > (uint64_t)(r->end - r->p) || !take(r, (size_t)len)) {
			r->bad = 1;
			break;
		}
		e.p = r->p;
		e.end = r->p + len;
		e.bad = 0;
		out[i].data = r->p;
		out[i].len = (size_t)len;
		out[i].whole = whole;
		out[i].whole_len = 8 + (size_t)len;
		out[i].path = pc_read_str_ref(&e, NULL);
		kind = pc_read_varint(&e);
		out[i].kind = (unsigned)kind;
		out[i].key = (const unsigned char *)pc_read_str_ref(&e, &out[i].key_len);
		out[i].base = PC_NONE;
		if (!out[i].path || e.bad || kind > max_kind || (kind != PC_KIND_REMOVED && !out[i].key))
			r->bad = 1;
		r->p += len;
	}
}

/* The file's index (see write_index): n records of where each entry lies
 * and its path, kind and key, then the entries, which it must cover end to
 * end. Reads no byte of the entries themselves: at national scale they
 * are 40,000 pages, each a miss of the caches and the TLB to touch. */
static void read_index(pc_reader *r, const unsigned char *start, size_t n, pc_entry *out)
{
	size_t i;
	uint64_t at = 0;
	const unsigned char *entries;
	for (i = 0; i < n && !r->bad; i++) {
		uint64_t off = pc_read_u64(r), whole_len = pc_read_u64(r), kind;
		out[i].path = pc_read_str_ref(r, NULL);
		kind = pc_read_varint(r);
		out[i].kind = (unsigned)kind;
		out[i].key = (const unsigned char *)pc_read_str_ref(r, &out[i].key_len);
		out[i].base = PC_NONE;
		if (off != at || whole_len % 8 || whole_len < 16 || kind > PC_KIND_PROFILE ||
		    !out[i].path || !out[i].key || whole_len > (uint64_t)(r->end - r->p))
			r->bad = 1;
		out[i].whole_len = (size_t)whole_len;
		at += whole_len;
	}
	skip_header_padding(r, start);
	if (r->bad || at != (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return;
	}
	entries = r->p;
	for (i = 0; i < n; i++) {
		out[i].whole = entries;
		out[i].data = entries + 8;
		out[i].len = out[i].whole_len - 8;
		entries += out[i].whole_len;
	}
	r->p = r->end;
}

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
	skip_header_padding(&r, pc->data);
	pc->base = xcalloc(n ? n : 1, sizeof *pc->base);
	read_index(&r, pc->data, n, pc->base);
	if (r.bad || r.p != r.end)
		return PC_NOTE;
	pc->nbase = n;
	/* written in order (see postcache_save): sorted only when it is not */
	for (i = 1; i < n && strcmp(pc->base[i - 1].path, pc->base[i].path) < 0; i++)
		;
	if (i < n)
		qsort(pc->base, n, sizeof *pc->base, compare_entries);
	for (i = 0; i < n; i++)
		pc->base[i].base = i;
	pc->base_used = xcalloc(n ? n : 1, 1);
	pc->entries = pc->base;
	pc->nentries = n;
	return PC_USE;
}

/* Forget the changes loaded: the file's entries are used as they are. */
static void pc_forget_overlay(postcache *pc)
{
	if (pc->entries != pc->base)
		free(pc->entries);
	pc->entries = pc->base;
	pc->nentries = pc->nbase;
	if (pc->odata)
		munmap(pc->odata, pc->olen);
	pc->odata = NULL;
	pc->olen = 0;
}

/* Forget what was loaded: every post is read from its files. */
static void pc_forget(postcache *pc)
{
	pc_forget_overlay(pc);
	free(pc->base);
	free(pc->base_used);
	if (pc->data)
		munmap(pc->data, pc->len);
	pc->entries = pc->base = NULL;
	pc->base_used = NULL;
	pc->data = NULL;
	pc->nentries = pc->nbase = pc->len = 0;
}

/* Map the stored file rather than copy it: the restore reads most of it,
 * and copying it into memory of our own cost a fault for each page of
 * that memory besides the copy. Its pages are not brought in here
 * (MAP_POPULATE): the hash's thread reads every one of them while the
 * records are walked, before any restore. The file is only ever replaced
 * (see postcache_save), never changed where it is, so the mapping keeps
 * the bytes it was opened with. Returns -1 when there is no file, 0 else (an
 * empty file as no bytes, for pc_index to find short). */
static int map_file(const char *file, unsigned char **data, size_t *len)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *p;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	if (st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED) {
			close(fd);
			return -1;
		}
		*data = p;
		*len = (size_t)st.st_size;
	}
	close(fd);
	return 0;
}

static int pc_map(postcache *pc)
{
	return map_file(pc->file, &pc->data, &pc->len);
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

/* Forget the changes loaded, with a note: they cannot be trusted. The
 * file's own entries stay: each holds for its post only while the post's
 * files are as its key says, so without the changes they are older, never
 * wrong. */
static void pc_ignore_overlay(postcache *pc)
{
	fprintf(stderr,
	        TR(pc->l,
	           "rekap: catatan: cache rekaman %s rusak, terpotong atau bukan milik %s; "
	           "diabaikan, rekaman yang berubah sejak cache itu disimpan utuh dibaca ulang\n",
	           "rekap: note: the records cache %s is damaged, cut short or does not belong "
	           "to %s; ignored, the records changed since that cache was saved whole are "
	           "read again\n"),
	        pc->overlay_file, pc->file);
	pc_forget_overlay(pc);
	pc->overlay_bad = 1;
}

/* The file's entries with the changes (add, nadd of them) applied: an
 * entry of the changes replaces the file's of the same path, or removes
 * it. Returns -1 when two changes name the same path. */
static int merge_overlay(postcache *pc, pc_entry *add, size_t nadd)
{
	pc_entry *out;
	size_t i = 0, j, n = 0;
	int c;
	qsort(add, nadd, sizeof *add, compare_entries);
	for (j = 1; j < nadd; j++)
		if (strcmp(add[j - 1].path, add[j].path) == 0)
			return -1;
	out = xcalloc(pc->nbase + nadd + 1, sizeof *out);
	for (j = 0; i < pc->nbase || j < nadd;) {
		c = i == pc->nbase ? 1 : j == nadd ? -1 : strcmp(pc->base[i].path, add[j].path);
		if (c < 0) {
			out[n++] = pc->base[i++];
			continue;
		}
		if (add[j].kind != PC_KIND_REMOVED) {
			out[n] = add[j];
			out[n].base = c == 0 ? i : PC_NONE;
			n++;
		}
		i += c == 0;
		j++;
	}
	pc->entries = out;
	pc->nentries = n;
	return 0;
}

/* Load the changes saved since the file was written whole, if any: a
 * header (magic, format, the hash and length of the file they change),
 * entries as the file's, and last a hash of every byte before it. */
static void pc_load_overlay(postcache *pc)
{
	pc_reader r;
	pc_entry *add;
	size_t n;
	if (map_file(pc->overlay_file, &pc->odata, &pc->olen) != 0)
		return;
	if (pc->olen < strlen(PC_OVERLAY_MAGIC) + 8 ||
	    memcmp(pc->odata, PC_OVERLAY_MAGIC, strlen(PC_OVERLAY_MAGIC)) != 0 ||
	    !tail_hash_matches(pc->odata, pc->olen)) {
		pc_ignore_overlay(pc);
		return;
	}
	r.p = pc->odata + strlen(PC_OVERLAY_MAGIC);
	r.end = pc->odata + pc->olen - 8;
	r.bad = 0;
	if (pc_read_varint(&r) != PC_FORMAT || pc_read_u64(&r) != tail_u64(pc->data, pc->len) ||
	    pc_read_u64(&r) != (uint64_t)pc->len) {
		pc_ignore_overlay(pc); /* another file's changes */
		return;
	}
	n = pc_read_count(&r, 16);
	skip_header_padding(&r, pc->odata);
	add = xcalloc(n ? n : 1, sizeof *add);
	read_entries(&r, n, add, PC_KIND_REMOVED);
	if (r.bad || r.p != r.end || merge_overlay(pc, add, n) != 0)
		pc_ignore_overlay(pc);
	free(add);
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
	pc->overlay_file = xasprintf("%.*s-ubahan.bin", (int)(strlen(pc->file) - 4), pc->file);
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
		pc_load_overlay(pc);
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

int postcache_ready(postcache *pc)
{
	if (!pc || pc->ready)
		return 0;
	if (pc->hashing)
		pthread_join(pc->hasher, NULL);
	pc->hashing = 0;
	pc->ready = 1;
	if (pc->hash_ok)
		return 0;
	pc_ignore(pc);
	return pc->used_early;
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
	free(pc->overlay_file);
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
		/* the severity, and whether it is shared, in one number */
		pc_write_varint(b, (uint64_t)d->severity | (uint64_t)d->shared << 2);
		write_cstr(b, d->file);
		pc_write_varint(b, d->line);
		pc_write_varint(b, d->column);
		write_cstr(b, d->message);
	}
}

/* Note that the file's entry of path, if any, is saved again: in place,
 * or replaced by the changes. Safe from several threads at once (each
 * path is another entry). */
static void mark_used(const postcache *pc, const char *path)
{
	pc_entry key;
	const pc_entry *e;
	if (!pc->nbase)
		return;
	key.path = path;
	e = bsearch(&key, pc->base, pc->nbase, sizeof key, compare_entries);
	if (e)
		pc->base_used[e - pc->base] = 1;
}

/* The entry (path, kind, key, then what follows) into slot: padded to a
 * multiple of 8, its length in 8 bytes in front, so that it keeps the
 * alignment of its start. */
static void finish_entry(const buf *entry, postcache_slot *slot)
{
	buf head = BUF_INIT;
	pc_write_u64(&head, entry->len);
	slot->len = head.len + entry->len;
	slot->owned = xmalloc(slot->len);
	memcpy(slot->owned, head.data, head.len);
	memcpy(slot->owned + head.len, entry->data, entry->len);
	slot->data = slot->owned;
	buf_release(&head);
}

void postcache_record(const postcache *pc, const post_identity *id, const node *n,
                      const diag_list *diags, int failed, postcache_slot *slot)
{
	buf entry = BUF_INIT, key = BUF_INIT;
	memset(slot, 0, sizeof *slot);
	if (!pc || !id->usable)
		return;
	write_key(&key, id, n);
	write_cstr(&entry, n->path);
	pc_write_varint(&entry, PC_KIND_POST);
	pc_write_str(&entry, buf_cstr(&key), key.len);
	pc_write_varint(&entry, failed != 0);
	write_post(&entry, n, pc->ncolumns);
	write_diags(&entry, diags);
	write_padding(&entry);
	finish_entry(&entry, slot);
	mark_used(pc, n->path);
	buf_release(&entry);
	buf_release(&key);
}

/* What must not have changed for a profile's entry to hold: its file, the
 * file's name, the node's kind, and the parent's kind, code and name (the
 * code is checked against them, messages quote the name). */
static void write_profile_key(buf *b, const struct stat *md, const char *mdname, const node *n)
{
	pc_write_varint(b, (uint64_t)md->st_dev);
	pc_write_varint(b, (uint64_t)md->st_ino);
	pc_write_varint(b, (uint64_t)md->st_size);
	write_time(b, &md->st_mtim);
	write_time(b, &md->st_ctim);
	write_cstr(b, mdname);
	pc_write_varint(b, (uint64_t)n->kind);
	pc_write_varint(b, n->parent ? (uint64_t)n->parent->kind + 1 : 0);
	write_cstr(b, n->parent ? n->parent->code : NULL);
	write_cstr(b, n->parent ? n->parent->name : NULL);
}

void postcache_record_profile(const postcache *pc, const struct stat *md, const char *mdname,
                              const node *n, const diag_list *diags, int failed,
                              const profile_diag_state *st, postcache_slot *slot)
{
	buf entry = BUF_INIT, key = BUF_INIT;
	memset(slot, 0, sizeof *slot);
	/* a file changed in the tick the run began may change again unseen */
	if (!pc || !md || !S_ISREG(md->st_mode) || recent(pc, &md->st_mtim) ||
	    recent(pc, &md->st_ctim))
		return;
	write_profile_key(&key, md, mdname, n);
	write_cstr(&entry, n->path);
	pc_write_varint(&entry, PC_KIND_PROFILE);
	pc_write_str(&entry, buf_cstr(&key), key.len);
	pc_write_varint(&entry, failed != 0);
	write_cstr(&entry, n->file);
	write_cstr(&entry, n->name);
	write_cstr(&entry, n->code);
	pc_write_u64(&entry, n->source_hash);
	pc_write_varint(&entry, n->meta != NULL);
	if (n->meta)
		write_value(&entry, n->meta);
	write_cstr(&entry, n->body);
	write_diags(&entry, diags);
	pc_write_varint(&entry, st->reported != 0);
	pc_write_varint(&entry, st->count);
	pc_write_varint(&entry, st->hidden);
	pc_write_varint(&entry, st->hidden_line);
	write_padding(&entry);
	finish_entry(&entry, slot);
	mark_used(pc, n->path);
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
		uint64_t v = pc_read_varint(r), sev = v & 3;
		const char *file = pc_read_str_ref(r, NULL);
		unsigned line = read_unsigned(r), col = read_unsigned(r);
		const char *msg = pc_read_str_ref(r, NULL);
		if (sev > DIAG_ERROR || v >> 3 || !msg)
			r->bad = 1;
		if (!r->bad)
			diag_add(out, (diag_severity)sev, file, line, col, "%s", msg)->shared =
				(unsigned char)(v >> 2);
	}
}

/* The zero bytes write_padding put after an entry, up to its end. */
static void skip_padding(pc_reader *r)
{
	while (!r->bad && r->p < r->end && (size_t)(r->end - r->p) < 8 && *r->p == 0)
		r->p++;
}

/* The entry of path, NULL when there is none. A walk asks in its own
 * order, which is mostly the entries' (a folder's profile, then its posts
 * by name): the entry after the one this thread found last is tried first.
 * The hint is only ever a guess, checked against the path, so each thread
 * walking a branch of the tree keeps its own. */
static const pc_entry *find_entry(postcache *pc, const char *path)
{
	static _Thread_local size_t next;
	pc_entry key;
	const pc_entry *e;
	if (!pc->nentries)
		return NULL;
	if (next < pc->nentries && strcmp(pc->entries[next].path, path) == 0) {
		e = &pc->entries[next];
	} else {
		key.path = path;
		e = bsearch(&key, pc->entries, pc->nentries, sizeof key, compare_entries);
	}
	if (e)
		next = (size_t)(e - pc->entries) + 1;
	return e;
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

/* The lstat of name (or of the folder itself, name NULL) in dir, a path
 * relative to the open folder dfd (AT_FDCWD: to the working folder): a
 * short path relative to a folder held open takes a fraction of the
 * look-up of a long one. */
static int stat_in(int dfd, const char *dir, const char *name, struct stat *st)
{
	char path[4096];
	int n = name ? snprintf(path, sizeof path, "%s/%s", dir, name)
	             : snprintf(path, sizeof path, "%s", dir);
	if (n < 0 || (size_t)n >= sizeof path)
		return -1;
	return fstatat(dfd, path, st, AT_SYMLINK_NOFOLLOW);
}

/* Whether record file i of the post folder dir (in dfd) is as the key (k,
 * at the file's presence) knows it: the key written by write_key for the
 * post as it is now, checked field by field. A file absent then is absent
 * still when the folder is unchanged (adding, removing or renaming an
 * entry changes the folder's modification and change times), so only the
 * files that were there take an lstat; md, when not NULL, is pos.md's,
 * taken by the walk since the cache was opened. */
static int file_matches(const postcache *pc, pc_reader *k, int dfd, const char *dir, size_t i,
                        const struct stat *md)
{
	struct stat st;
	uint64_t present = pc_read_varint(k);
	if (present != 1)
		return present == 0 && !k->bad;
	if (i == 0 && md)
		st = *md;
	else if (stat_in(dfd, dir, post_files[i], &st) != 0)
		return 0;
	if (!S_ISREG(st.st_mode) || recent(pc, &st.st_mtim) || recent(pc, &st.st_ctim))
		return 0;
	return pc_read_varint(k) == (uint64_t)st.st_ino &&
	       pc_read_varint(k) == (uint64_t)st.st_size && time_matches(k, &st.st_mtim) &&
	       time_matches(k, &st.st_ctim);
}

/* Whether the key of an entry (k, its bytes) holds for post n as it is on
 * disk now: what postcache_identify and write_key would give, with fewer
 * system calls (see file_matches). */
static int key_matches(const postcache *pc, pc_reader *k, const node *n, int dfd,
                       const char *dir, const struct stat *md)
{
	struct stat st;
	size_t i;
	if (stat_in(dfd, dir, NULL, &st) != 0 || !S_ISDIR(st.st_mode) || recent(pc, &st.st_mtim) ||
	    recent(pc, &st.st_ctim))
		return 0;
	if (pc_read_varint(k) != (uint64_t)st.st_dev || pc_read_varint(k) != (uint64_t)st.st_ino ||
	    !time_matches(k, &st.st_mtim) || !time_matches(k, &st.st_ctim))
		return 0;
	for (i = 0; i < 4; i++)
		if (!file_matches(pc, k, dfd, dir, i, md))
			return 0;
	return str_matches(k, n->parent ? n->parent->code : NULL) &&
	       str_matches(k, n->parent ? n->parent->name : NULL) && !k->bad && k->p == k->end;
}

/* The entry of n's path, of the given kind, read up to its key (in *k);
 * NULL when there is none. */
static const pc_entry *open_entry(const pc_entry *e, const node *n, unsigned kind,
                                  pc_reader *r, pc_reader *k)
{
	const char *key;
	size_t key_len;
	if (!e || e->kind != kind || strcmp(e->path, n->path) != 0)
		return NULL;
	r->p = e->data;
	r->end = e->data + e->len;
	r->bad = 0;
	(void)pc_read_str_ref(r, NULL); /* the path and kind: read in pc_index */
	(void)pc_read_varint(r);
	/* the key, compared where it lies */
	key = pc_read_str_ref(r, &key_len);
	if (!key)
		return NULL;
	k->p = (const unsigned char *)key;
	k->end = k->p + key_len;
	k->bad = 0;
	return e;
}

size_t postcache_probe(postcache *pc, const node *n, int dfd, const char *dir,
                       const struct stat *md)
{
	pc_reader k;
	const pc_entry *e = pc ? find_entry(pc, n->path) : NULL;
	if (!e || e->kind != PC_KIND_POST)
		return POSTCACHE_NONE;
	/* the key where the index holds it: the entry is not touched */
	k.p = e->key;
	k.end = e->key + e->key_len;
	k.bad = 0;
	if (!key_matches(pc, &k, n, dfd, dir, md))
		return POSTCACHE_NONE;
	return (size_t)(e - pc->entries);
}

int postcache_restore(postcache *pc, size_t entry, node *n, arena *a, diag_list *diags,
                      int *failed, postcache_slot *slot)
{
	const pc_entry *e;
	pc_reader r, k;
	node saved = *n;
	diag_list found;
	int bad_post;
	memset(slot, 0, sizeof *slot);
	/* the cache may have been found damaged since the probe: no entries */
	if (!pc || !pc->ready || entry >= pc->nentries)
		return 0;
	e = open_entry(&pc->entries[entry], n, PC_KIND_POST, &r, &k);
	if (!e)
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
	if (e->base != PC_NONE)
		pc->base_used[e->base] = 1;
	__atomic_fetch_add(&pc->restored, 1, __ATOMIC_RELAXED);
	return 1;
}

/* Whether a profile's key (k) holds for n, read from the file md (an
 * lstat taken by the walk) named mdname. */
static int profile_key_matches(const postcache *pc, pc_reader *k, const node *n,
                               const struct stat *md, const char *mdname)
{
	if (!S_ISREG(md->st_mode) || recent(pc, &md->st_mtim) || recent(pc, &md->st_ctim))
		return 0;
	return pc_read_varint(k) == (uint64_t)md->st_dev &&
	       pc_read_varint(k) == (uint64_t)md->st_ino &&
	       pc_read_varint(k) == (uint64_t)md->st_size && time_matches(k, &md->st_mtim) &&
	       time_matches(k, &md->st_ctim) && str_matches(k, mdname) &&
	       pc_read_varint(k) == (uint64_t)n->kind &&
	       pc_read_varint(k) == (n->parent ? (uint64_t)n->parent->kind + 1 : 0) &&
	       str_matches(k, n->parent ? n->parent->code : NULL) &&
	       str_matches(k, n->parent ? n->parent->name : NULL) && !k->bad && k->p == k->end;
}

int postcache_restore_profile(postcache *pc, node *n, const char *mdname, const struct stat *md,
                              arena *a, diag_list *diags, int *failed, profile_diag_state *st,
                              postcache_slot *slot)
{
	const pc_entry *e;
	pc_reader r, k;
	node saved = *n;
	int bad;
	memset(slot, 0, sizeof *slot);
	if (!pc || !md || !(e = open_entry(find_entry(pc, n->path), n, PC_KIND_PROFILE, &r, &k)) ||
	    !profile_key_matches(pc, &k, n, md, mdname))
		return 0;
	bad = (int)pc_read_varint(&r);
	n->file = pc_read_str_ref(&r, NULL);
	n->name = pc_read_str_ref(&r, NULL);
	n->code = pc_read_str_ref(&r, NULL);
	n->source_hash = pc_read_u64(&r);
	n->meta = pc_read_varint(&r) ? read_value(&r, a, 0) : NULL;
	n->body = pc_read_str_ref(&r, NULL);
	read_diags(&r, diags);
	st->reported = pc_read_varint(&r) != 0;
	st->count = (size_t)pc_read_varint(&r);
	st->hidden = (size_t)pc_read_varint(&r);
	st->hidden_line = read_unsigned(&r);
	skip_padding(&r);
	if (r.bad || r.p != r.end || !n->file || !n->name) {
		*n = saved;
		return 0;
	}
	if (bad)
		*failed = 1;
	slot->data = e->whole;
	slot->len = e->whole_len;
	if (e->base != PC_NONE)
		pc->base_used[e->base] = 1;
	/* restored before the file's hash is checked: if it fails, the
	 * records are loaded again (see postcache_ready) */
	if (!pc->ready)
		__atomic_store_n(&pc->used_early, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&pc->profiles_restored, 1, __ATOMIC_RELAXED);
	return 1;
}

/* ---- saving ---- */

/* The counts of posts (and, when REKAP_CACHE_STATS is 2, of profiles)
 * restored and read. */
static void print_stats(const postcache *pc, size_t profiles_read)
{
	const char *env = getenv("REKAP_CACHE_STATS");
	if (!env || !*env || strcmp(env, "0") == 0)
		return;
	fprintf(stderr, "rekap: cache: %zu posts from the cache, %zu read\n", pc->restored, pc->read);
	if (strcmp(env, "2") == 0)
		fprintf(stderr, "rekap: cache: %zu profiles from the cache, %zu read\n",
		        pc->profiles_restored, profiles_read);
}

/* Write the bytes b and hash them into h; returns 0, or -1 on failure. */
static int put_hashed(FILE *f, wide_hash *h, const void *b, size_t n)
{
	if (!n) /* b may be NULL then (an empty buf) */
		return 0;
	wide_hash_add(h, b, n);
	return fwrite(b, 1, n, f) == n ? 0 : -1;
}

/* After what was written with put_hashed (rc its outcome), the hash of
 * it all; returns 0, or -1 when anything failed. */
static int put_trailer(FILE *f, wide_hash *h, int rc)
{
	buf b = BUF_INIT;
	pc_write_u64(&b, wide_hash_end(h));
	if (rc == 0 && fwrite(b.data, 1, b.len, f) != b.len)
		rc = -1;
	buf_release(&b);
	return rc;
}

/* What a save writes: the whole file, or the changes since it was
 * written whole. */
typedef struct save_ctx {
	const postcache *pc;
	const postcache_slot *slots;
	const size_t *order; /* of the slots in the file, or NULL */
	size_t n, kept;
	const buf *removed; /* the changes: entries of the paths gone */
	size_t nremoved;
} save_ctx;

/* Whether a slot's bytes are the file's own (restored from it as they are). */
static int in_base(const postcache *pc, const postcache_slot *s)
{
	return pc->data && s->data >= pc->data && s->data < pc->data + pc->len;
}

/* After the header, where each entry lies (from the first, in 8 bytes),
 * its length with its own length in front (8 bytes), its path, kind and
 * key, so that a load finds the entries and checks their keys without
 * touching them; then zeros up to a multiple of 8. */
static void write_index(buf *b, const save_ctx *c)
{
	size_t i;
	uint64_t at = 0;
	for (i = 0; i < c->n; i++) {
		const postcache_slot *slot = &c->slots[c->order ? c->order[i] : i];
		pc_reader r;
		const char *path, *key;
		size_t path_len, key_len;
		uint64_t kind;
		if (!slot->data)
			continue;
		r.p = slot->data + 8;
		r.end = slot->data + slot->len;
		r.bad = 0;
		path = pc_read_str_ref(&r, &path_len);
		kind = pc_read_varint(&r);
		key = pc_read_str_ref(&r, &key_len);
		pc_write_u64(b, at);
		pc_write_u64(b, slot->len);
		pc_write_str(b, path, path_len);
		pc_write_varint(b, kind);
		pc_write_str(b, key, key_len);
		at += slot->len;
	}
	write_padding(b);
}

/* Write the header and the slots' entries to f, then the hash of all
 * that: entry by entry, never the whole file in memory (hundreds of
 * megabytes at national scale, and fresh memory costs a fault a page). */
static int fill_file(FILE *f, void *ctx)
{
	const save_ctx *c = ctx;
	buf b = BUF_INIT;
	wide_hash h;
	size_t i;
	int rc;
	wide_hash_init(&h);
	write_header(&b, c->pc, c->kept);
	write_index(&b, c);
	rc = put_hashed(f, &h, b.data, b.len);
	for (i = 0; i < c->n && rc == 0; i++) {
		const postcache_slot *slot = &c->slots[c->order ? c->order[i] : i];
		if (slot->data)
			rc = put_hashed(f, &h, slot->data, slot->len);
	}
	buf_release(&b);
	return put_trailer(f, &h, rc);
}

/* A slot with the path of its entry, for sorting. */
typedef struct slot_path {
	const char *path;
	size_t i;
} slot_path;

static int compare_slot_paths(const void *pa, const void *pb)
{
	const slot_path *a = pa, *b = pb;
	return strcmp(a->path, b->path);
}

/* The order of the slots by their entries' paths, so that a load need
 * not sort them (empty slots last). */
static size_t *slots_order(const postcache_slot *slots, size_t n)
{
	slot_path *sp = xmalloc((n ? n : 1) * sizeof *sp);
	size_t *order = xmalloc((n ? n : 1) * sizeof *order), i, k = 0;
	for (i = 0; i < n; i++) {
		pc_reader r;
		if (!slots[i].data)
			continue;
		r.p = slots[i].data + 8;
		r.end = slots[i].data + slots[i].len;
		r.bad = 0;
		sp[k].path = pc_read_str_ref(&r, NULL);
		if (!sp[k].path)
			sp[k].path = "";
		sp[k++].i = i;
	}
	qsort(sp, k, sizeof *sp, compare_slot_paths);
	for (i = 0; i < k; i++)
		order[i] = sp[i].i;
	for (i = 0; i < n; i++)
		if (!slots[i].data)
			order[k++] = i;
	free(sp);
	return order;
}

/* The changes: a header naming the file they change, the entries that
 * are not the file's own, those of the paths gone, and the hash. */
static int fill_overlay(FILE *f, void *ctx)
{
	const save_ctx *c = ctx;
	const postcache *pc = c->pc;
	buf b = BUF_INIT;
	wide_hash h;
	size_t i, n = c->nremoved;
	int rc;
	for (i = 0; i < c->n; i++)
		n += c->slots[i].data && !in_base(pc, &c->slots[i]);
	wide_hash_init(&h);
	buf_puts(&b, PC_OVERLAY_MAGIC);
	pc_write_varint(&b, PC_FORMAT);
	pc_write_u64(&b, tail_u64(pc->data, pc->len));
	pc_write_u64(&b, pc->len);
	pc_write_varint(&b, n);
	write_padding(&b);
	rc = put_hashed(f, &h, b.data, b.len);
	for (i = 0; i < c->n && rc == 0; i++)
		if (c->slots[i].data && !in_base(pc, &c->slots[i]))
			rc = put_hashed(f, &h, c->slots[i].data, c->slots[i].len);
	if (rc == 0)
		rc = put_hashed(f, &h, c->removed->data, c->removed->len);
	buf_release(&b);
	return put_trailer(f, &h, rc);
}

/* The entries of the file's paths that no post or profile saves any more,
 * into c->removed; returns the entries the changes hold. */
static size_t overlay_size(const postcache *pc, save_ctx *c, buf *removed)
{
	size_t i, size = 0;
	for (i = 0; i < pc->nbase; i++) {
		buf entry = BUF_INIT;
		postcache_slot gone;
		if (pc->base_used[i])
			continue;
		write_cstr(&entry, pc->base[i].path);
		pc_write_varint(&entry, PC_KIND_REMOVED);
		write_padding(&entry);
		finish_entry(&entry, &gone);
		buf_put(removed, (const char *)gone.data, gone.len);
		free(gone.owned);
		buf_release(&entry);
		c->nremoved++;
	}
	for (i = 0; i < c->n; i++)
		size += c->slots[i].data && !in_base(pc, &c->slots[i]);
	c->removed = removed;
	return size + c->nremoved;
}

static void save_failed(const postcache *pc, const char *file)
{
	fprintf(stderr,
	        TR(pc->l,
	           "rekap: catatan: cache rekaman %s tidak dapat disimpan (%s); rekap "
	           "berikutnya membaca semua rekaman lagi\n",
	           "rekap: note: the records cache %s could not be saved (%s); the next run "
	           "reads every record again\n"),
	        file, strerror(errno));
}

void postcache_save(postcache *pc, postcache_slot *slots, size_t nposts, size_t nprofiles)
{
	save_ctx c;
	buf removed = BUF_INIT;
	size_t i, n = nposts + nprofiles;
	if (!pc)
		return;
	pc->read = nposts - pc->restored;
	print_stats(pc, nprofiles - pc->profiles_restored);
	memset(&c, 0, sizeof c);
	c.pc = pc;
	c.slots = slots;
	c.n = n;
	for (i = 0; i < n; i++)
		c.kept += slots[i].data != NULL;
	/* every post and profile from the cache, and nothing else in it:
	 * nothing to write */
	if (pc->restored + pc->profiles_restored == n && pc->nentries == n && !pc->overlay_bad)
		goto done;
	/* the changes alone, while they are small beside the file */
	if (pc->data && overlay_size(pc, &c, &removed) <= pc->nbase / PC_COMPACT_SHARE) {
		if (file_replace(pc->overlay_file, fill_overlay, &c) != 0)
			save_failed(pc, pc->overlay_file);
		goto done;
	}
	/* the file written whole: the changes go first, so that the file is
	 * never paired with changes to another */
	c.order = slots_order(slots, n);
	if ((remove(pc->overlay_file) != 0 && errno != ENOENT) ||
	    file_replace(pc->file, fill_file, &c) != 0)
		save_failed(pc, pc->file);
	free((size_t *)c.order);
done:
	buf_release(&removed);
	for (i = 0; i < n; i++)
		free(slots[i].owned);
}

void postcache_keep(postcache *pc, arena *a)
{
	if (!pc || !(pc->restored + pc->profiles_restored))
		return;
	if (pc->data)
		arena_keep_map(a, pc->data, pc->len);
	if (pc->odata)
		arena_keep_map(a, pc->odata, pc->olen);
	pc->data = pc->odata = NULL;
	pc->len = pc->olen = 0;
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
