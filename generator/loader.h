/* loader.h - the state records.c shares with the readers of each record file (laporan.c, kader.c) while it walks records/. */
#ifndef REKAP_LOADER_H
#define REKAP_LOADER_H

#include "csvread.h"
#include "postcache.h"

struct records;

/* A post found while walking the tree, read afterwards: posts hold most of
 * the files, and several threads read them at once. */
typedef struct post_task {
	node *n;
	char *dir; /* owned */
	const char *mdname;
	const char *const *keys;
	postcache_slot slot; /* its entry in the next cache */
	size_t entry; /* the cache's entry whose key the walk found to hold */
} post_task;

typedef struct loader {
	struct records *recs;
	const rules *rules;
	diag_list *diags;
	int failed;
	int today; /* for periods and dates in the future */
	int today_year; /* for training years in the future */
	char today_text[16];
	char *root_real; /* the records folder with every link resolved, or NULL */
	/* diagnostics of the file reported last: after MAX_FILE_DIAGS of them
	 * the others are only counted, and one line says how many there were */
	char *diag_file;
	size_t diag_count, diag_hidden;
	unsigned diag_hidden_line;
	int diag_file_errors; /* one of them is an error */
	/* the record files of the post folder scan_folder listed last, as the
	 * listing gave them: probe answers for them without an lstat */
	char seen_dir[4096]; /* "" when none */
	int seen_kind[4]; /* dir_kind of own_files[POST_DEPTH][i], -1 when absent */
	post_task *posts; /* to read once the tree is walked */
	size_t nposts, capposts;
	value *settings_map; /* rekap.yaml as read, an empty mapping when absent */
	postcache *cache; /* posts as read by the runs before, or NULL */
	postcache_slot *profiles; /* the entries of the profiles in the next cache */
	size_t nprofiles, capprofiles;
} loader;

/* What a record path is. */
typedef enum {
	ENTRY_NONE,
	ENTRY_FILE,
	ENTRY_DIR,
	ENTRY_OTHER,
	ENTRY_REFUSED
} entry_kind;

/* Add a diagnostic about file, counting it against the file's limit: past
 * it, the others are only counted and one line says how many. Returns the
 * diagnostic added (see diag_add), NULL when it is hidden. An error marks
 * the load as failed. */
diag *load_diag(loader *ld, diag_severity sev, const char *file, unsigned line, unsigned col,
                const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#define LOAD_ERROR(ld, file, line, col, ...)                                                       \
	load_diag((ld), DIAG_ERROR, (file), (line), (col), __VA_ARGS__)
#define LOAD_WARNING(ld, file, line, col, ...)                                                     \
	load_diag((ld), DIAG_WARNING, (file), (line), (col), __VA_ARGS__)

/* Mark d, if it was shown, as one of a column's messages in every
 * laporan.csv after a change of the rules (diag.shared). */
static inline void load_share(diag *d)
{
	if (d)
		d->shared = 1;
}

/* Keep a warning that changes a post's numbers with the post, in both
 * languages (pages follow the site's language, not the command's). */
void load_note(loader *ld, node *n, const char *file, unsigned line, int month, const char *id_text,
               const char *en_text);

/* The nodes read so far, pre-order, and the posts among them (see
 * records.nodes and records.posts). */
node *const *load_nodes(const loader *ld, size_t *n);
node *const *load_post_nodes(const loader *ld, size_t *n);

/* The arena every value read is kept in: the records', or a reading
 * thread's own until it is merged. */
arena *load_arena(loader *ld);

/* A value from the records as a message quotes it: shortened, and with
 * control characters and stray bytes made visible (in the records' arena). */
const char *load_shown(loader *ld, const char *s);

/* Words people write for the two codes of a column (jenis_kelamin's L and
 * P, aktif's ya and tidak, a yes/no element's 1 and 0): the first list
 * means the first code, the second the other. */
typedef struct code_words {
	const char *const *first, *const *second;
	size_t nfirst, nsecond;
} code_words;

/* The code, a or b, that s is one of w's words for ("Perempuan": P, in
 * any case), or NULL when it is none. */
const char *load_code_meant(const char *s, const code_words *w, const char *a, const char *b);

/* When cell c, of the column name, holds what a spreadsheet saved in
 * place of a value (a formula's error value, the "###" of a column too
 * narrow), an error saying so; returns whether it did. */
int load_sheet_mark(loader *ld, const char *file, const csv_cell *c, const char *name);

/* When row repeats the file's header row (see csvr_repeats_header), an
 * error saying so; returns whether it did. */
int load_header_again(loader *ld, const char *file, const csv_row *row, const csv_row *header);

/* What path is: a link is followed when it stays inside the records
 * folder (ENTRY_REFUSED, reported, when not). */
entry_kind load_probe(loader *ld, const char *path);

/* Read and parse one CSV record file into t, adding its bytes to *hash. A
 * missing file is a warning (the message given, unless it is NULL: the
 * file's absence is reported already); an unreadable, unparsable or empty
 * one an error. Returns 0 with a table holding at least the header row,
 * or -1 with nothing to release. */
int load_csv(loader *ld, const char *file, csv_table *t, const char *missing, uint64_t *hash);

#endif
