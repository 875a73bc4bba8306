/* postcache.h - each post's records as read, kept between runs so that a post whose files did not change is not read again. */
#ifndef REKAP_POSTCACHE_H
#define REKAP_POSTCACHE_H

#include <stdint.h>
#include <sys/stat.h>

#include "diag.h"
#include "node.h"
#include "rules.h"

/* The file, kept in cache_dir() as rekaman-<hash of the records folder's
 * absolute path>.bin: a header (magic, format, rekap's version, the
 * program's hash, the rules' hash, the records folder as given and as an
 * absolute path, the language of diagnostics, today), an index (where each
 * entry lies, its path, kind and key: a load finds the entries and checks
 * their keys without touching them), one entry per post and per profile
 * (provinsi.md, kabupaten.md, kota.md, puskesmas.md), sorted by path, and
 * last a hash of every byte before it. A post's entry holds its folder
 * (relative to records/), the identity of that folder and of its record
 * files (inode, size, modification and change times in nanoseconds), its
 * parent's code and name, and then the post as loaded, with the
 * diagnostics loading it gave, in order; a profile's, the identity of its
 * file, the node's and its parent's kind, the parent's code and name, the
 * node's fields and diagnostics. The header and each entry take a
 * multiple of 8 bytes; strings end in a NUL and report cells are doubles
 * at a multiple of 8: a restored post's strings and cells are the file's
 * bytes where they lie (see postcache_keep).
 *
 * A save after a few posts changed does not write the file again (it is
 * hundreds of megabytes at national scale): it writes beside it
 * rekaman-<hash>-ubahan.bin, the changes, which name the file they change
 * by its hash and length and hold the entries that replace or add to the
 * file's, and the paths whose entries are gone. The next load applies
 * them over the file. Once they hold more than an eighth as many entries
 * as the file, it is written whole again and the changes removed. */
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
 * Call it before the first postcache_restore: until then no post is
 * restored. Returns 1 when profiles were restored before it and the file
 * failed the check: the caller loads the records again, without them. */
int postcache_ready(postcache *pc);

/* The identity of a post's folder (a path as the loader uses it), taken
 * before its files are read. */
void postcache_identify(const postcache *pc, const char *post_dir, post_identity *id);

#define POSTCACHE_NONE ((size_t)-1)

/* The entry of post n (found by the walk: slug, path, parent set) whose
 * key holds for its folder as it is on disk: dir, the folder, is a path
 * relative to the open folder dfd (or AT_FDCWD), md the lstat of its
 * pos.md (a regular file) that the walk took after the cache was opened,
 * or NULL. Of the record files the entry knows as absent none takes a
 * system call: the folder, unchanged, holds the same names. Returns the
 * entry for postcache_restore, or POSTCACHE_NONE. May be called before
 * postcache_ready: it only compares. From one thread only (the walk's). */
size_t postcache_probe(postcache *pc, const node *n, int dfd, const char *dir,
                       const struct stat *md);

/* Rebuild post n from entry (postcache_probe's) once the cache is ready:
 * its fields in arena a, its diagnostics appended to diags, *failed set
 * when they hold an error. Returns 1 then (and fills slot), 0 when it must
 * be read from its files. Safe to call from several threads at once. */
int postcache_restore(postcache *pc, size_t entry, node *n, arena *a, diag_list *diags,
                      int *failed, postcache_slot *slot);

/* What the loader knows of the file it reported on last, as reading a
 * profile left it (records.c limits the diagnostics of one file). */
typedef struct profile_diag_state {
	int reported; /* the profile's file is the one reported on last */
	size_t count, hidden; /* diagnostics of the file, shown and counted only */
	unsigned hidden_line; /* of the first counted only */
} profile_diag_state;

/* Rebuild the profile of n (a province, district or puskesmas, found by
 * the walk: path, kind, parent set) read from mdname, whose lstat (taken by
 * the walk after the cache was opened) is md, when the cache's entry holds
 * for it: its file, name, code, source hash, front matter and body in a
 * (strings where they lie in the cache), the diagnostics reading it gave
 * appended to diags (a list of the caller's own, to discard when 0 is
 * returned), *failed set when they hold an error, *st as reading it left
 * it. Returns 1 then (and fills slot), 0 when it must be read. Runs during
 * the walk, before postcache_ready: see there. */
int postcache_restore_profile(postcache *pc, node *n, const char *mdname, const struct stat *md,
                              arena *a, diag_list *diags, int *failed, profile_diag_state *st,
                              postcache_slot *slot);

/* Serialise the profile of n as read from mdname (md: its lstat, taken
 * before reading; NULL when it is not a regular file) into slot, with the
 * diagnostics reading it gave, whether it found an error and the state it
 * left. Leaves slot empty when it is not to be cached. */
void postcache_record_profile(const postcache *pc, const struct stat *md, const char *mdname,
                              const node *n, const diag_list *diags, int failed,
                              const profile_diag_state *st, postcache_slot *slot);

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

/* Save slots[i]: nposts posts, then nprofiles profiles. Nothing is
 * written when every one came from the cache as it is; the changes alone
 * while they are small (see above); else the file whole (temporary file,
 * then rename). A failure is a note on stderr, never an error. Prints the
 * counts restored and read when REKAP_CACHE_STATS is set (of profiles too
 * when it is 2). Frees the owned bytes of the slots. */
void postcache_save(postcache *pc, postcache_slot *slots, size_t nposts, size_t nprofiles);

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
 * (NAN, small whole numbers, other doubles). */
void pc_write_int(buf *b, long long v);
long long pc_read_int(pc_reader *r);
void pc_write_cell(buf *b, double v);
double pc_read_cell(pc_reader *r);

#endif
