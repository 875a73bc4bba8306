/* postcache.h - each post's records as read, kept between runs so that a post whose files did not change is not read again. */
#ifndef REKAP_POSTCACHE_H
#define REKAP_POSTCACHE_H

#include <stdint.h>
#include <sys/stat.h>

#include "diag.h"
#include "records.h"

/* The file, kept in cache_dir() as rekaman-<hash of the records folder's
 * absolute path>.bin: a header (magic, format, rekap's version, the
 * program's hash, the rules' hash, the records folder as given and as an
 * absolute path, the language of diagnostics, today), one entry per post,
 * and last a hash of every byte before it. An entry holds the post's
 * folder (relative to records/), the identity of that folder and of its
 * record files (inode, size, modification and change times in
 * nanoseconds), its parent's code and name, and then the post as loaded,
 * with the diagnostics loading it gave, in order. The header and each
 * entry take a multiple of 8 bytes; strings end in a NUL and report cells
 * are doubles at a multiple of 8: a restored post's strings and cells are
 * the file's bytes where they lie (see postcache_keep). */
typedef struct postcache postcache;

/* The state of a post's folder and record files on disk. */
typedef struct post_identity {
	int usable; /* 0: the post is never cached (a link, a sub-folder, a file
	             * changed as the run began) */
	struct stat dir;
	struct stat files[4]; /* pos.md, laporan.csv, kader.csv, penyakit.csv */
	unsigned char present[4];
} post_identity;

/* One post's entry as the next cache will hold it: bytes of the loaded
 * cache (not owned) or freshly written ones (owned). */
typedef struct postcache_slot {
	const unsigned char *data;
	size_t len;
	unsigned char *owned;
} postcache_slot;

/* Open the cache of the records folder dir (as given) for a load with
 * rules r, in language l, on day today (period_today). Returns NULL when
 * there is no cache folder. A cache file damaged, cut short or written for
 * another folder is ignored with a note on stderr; one written by another
 * version or program, for other rules, another language, day or spelling
 * of the folder is ignored silently. Free with postcache_free. */
postcache *postcache_open(const char *dir, const rules *r, lang l, int today);
void postcache_free(postcache *pc);

/* Wait for the check of the file's hash, which postcache_open leaves to
 * a thread of its own so that it runs while the records are walked: a
 * file that fails it is ignored with a note, as postcache_open would.
 * Call it before the first postcache_restore: until then no entry is
 * used. */
void postcache_ready(postcache *pc);

/* The identity of a post's folder (a path as the loader uses it), taken
 * before its files are read. */
void postcache_identify(const postcache *pc, const char *post_dir, post_identity *id);

/* Rebuild post n (found by the walk: slug, path, parent set) from the
 * cache when its entry matches the folder on disk and its parent: its
 * fields in arena a, its diagnostics appended to diags, *failed set when
 * they hold an error. Returns 1 then (and fills slot), 0 when it must be
 * read from its files. Safe to call from several threads at once. */
int postcache_restore(postcache *pc, node *n, const char *post_dir, arena *a, diag_list *diags,
                      int *failed, postcache_slot *slot);
/* The same, md the lstat of the post's pos.md (a regular file) that the
 * walk took after the cache was opened, or NULL: not taken again. Of the
 * record files the entry knows as absent none takes a system call: the
 * folder, unchanged, holds the same names. */
int postcache_restore_probed(postcache *pc, node *n, const char *post_dir, const struct stat *md,
                             arena *a, diag_list *diags, int *failed, postcache_slot *slot);

/* The posts restored point into the cache's file, mapped read-only: once
 * they are all loaded and the cache saved, give the mapping to a (the
 * records' arena), which unmaps it when freed; postcache_free unmaps it
 * otherwise. The file is only ever replaced, never changed where it is,
 * so the bytes stay as they were read. */
void postcache_keep(postcache *pc, arena *a);

/* Serialise post n as loaded from its files into slot: id taken before
 * reading, diags those loading it gave, failed whether it found an error.
 * Leaves slot empty when id is not usable. */
void postcache_record(const postcache *pc, const post_identity *id, const node *n,
                      const diag_list *diags, int failed, postcache_slot *slot);

/* Replace the stored cache (temporary file, then rename) with slots[i] of
 * posts[i]; nothing is written when every post came from the cache as it
 * is. A failure is a note on stderr, never an error. Prints the counts of
 * posts restored and read when REKAP_CACHE_STATS is set. Frees the owned
 * bytes of the slots. */
void postcache_save(postcache *pc, postcache_slot *slots, size_t n);

/* ---- the reader, public for its unit test ---- */

/* Bytes read front to back: every read checks the bytes left, and once one
 * fails every later one does too (bad set, zeros returned). */
typedef struct pc_reader {
	const unsigned char *p, *end;
	int bad;
} pc_reader;

uint64_t pc_read_varint(pc_reader *r);
uint64_t pc_read_u64(pc_reader *r);
double pc_read_f64(pc_reader *r);
/* A string written by pc_write_str, copied into a (NUL-terminated): NULL
 * both for a NULL string and when the bytes run out (then bad is set). */
const char *pc_read_str(pc_reader *r, arena *a, size_t *len);
/* The same string left where it lies in the bytes read (NUL-terminated
 * there), its length in *len; NULL as pc_read_str. */
const char *pc_read_str_ref(pc_reader *r, size_t *len);
/* A count of items each taking at least min_bytes: bad when the bytes left
 * cannot hold them. */
size_t pc_read_count(pc_reader *r, size_t min_bytes);

void pc_write_varint(buf *b, uint64_t v);
void pc_write_u64(buf *b, uint64_t v);
void pc_write_f64(buf *b, double v);
void pc_write_str(buf *b, const char *s, size_t len);

/* Shared with resultcache.c: signed numbers zigzagged into a varint, cells
 * (NAN, small whole numbers, other doubles) and the whole-file hash. */
void pc_write_int(buf *b, long long v);
long long pc_read_int(pc_reader *r);
void pc_write_cell(buf *b, double v);
double pc_read_cell(pc_reader *r);
uint64_t pc_checksum(const unsigned char *data, size_t n);

#endif
