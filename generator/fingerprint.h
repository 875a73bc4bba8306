/* fingerprint.h - what each node's files depend on, to rewrite only the files of nodes that changed. */
#ifndef REKAP_FINGERPRINT_H
#define REKAP_FINGERPRINT_H

#include <stdint.h>
#include <time.h>

#include "compute.h"
#include "lang.h"

/* The formats a node's files come in, as indices into a manifest entry. */
enum { FP_MD, FP_HTML, FP_XLSX, FP_FORMATS };

/* One 64-bit fingerprint per node: a hash of everything its page and
 * workbook show — the rekap program, rules, templates and settings, the
 * record files of the node, of the nodes below it and of its ancestors, and
 * the computed results of the node and the nodes below it (which covers Lua
 * formulas that look anywhere in the tree). Equal fingerprints mean equal
 * files. */
typedef struct fingerprints {
	uint64_t global; /* the part every node shares */
	uint64_t *node; /* [node index] */
	size_t nnodes;
} fingerprints;

/* templates_hash: renderer_inputs_hash of the renderer that writes the
 * pages. */
void fingerprints_compute(fingerprints *fp, const results *res, uint64_t templates_hash,
                          long long created);
void fingerprints_release(fingerprints *fp);

/* What the manifest knows of one node of the published site. */
typedef struct manifest_entry {
	char *path;
	uint64_t fps[FP_FORMATS]; /* 0: that file was not built */
	uint64_t stamp; /* fingerprint_stamp of the node's files once published */
	/* The open-data file the node owns (the root: data/indicators.csv, a
	 * province: data/<provinsi>/indicators.csv; 0 for other nodes): the
	 * fingerprint it was written from and its fingerprint_stamp once
	 * published. */
	uint64_t data_fp, data_stamp;
	/* fingerprint_dir of the node's folder in the site, taken once it was
	 * published, and the same of its folder in the spare (the site before
	 * it, whose dir this was); 0 when unknown. The root's folder, renamed
	 * by every build, has none. */
	uint64_t dir, spare_dir;
	int spare_stale; /* its files in the spare folder differ from the site's */
	unsigned nfiles; /* how many files it has in the site */
} manifest_entry;

/* The fingerprints the published site was built from, by node path; kept
 * outside the site (in the user's cache folder) so that the site stays a
 * pure function of its inputs. */
typedef struct manifest {
	char *file; /* where it is stored, NULL when there is no cache folder */
	manifest_entry *entries; /* in the order stored (the nodes' order); in node order to save */
	size_t len;
	manifest_entry **by_path; /* loaded entries sorted by path, NULL when entries are */
	char *text; /* the bytes read, which the loaded entries' paths point into */
	uint64_t global; /* fingerprints.global of the build */
	uint64_t site_id, spare_id; /* output_dir_id of the site and its spare, 0 = none */
	uint64_t site_files; /* files of the whole site (not of a node) */
	int take_dirs; /* not stored: publishing takes the dir of entries without one */
	int check_kept; /* not stored: the build left its kept nodes' stamps unchecked */
} manifest;

/* Sizes and modification times of files in dir (absent ones count too): a
 * file restored or edited by hand since the manifest was written changes
 * the stamp, so its node is written again. */
uint64_t fingerprint_stamp(const char *dir, char *const *relpaths, size_t n);
/* The same, and in *regular bit i set when relpaths[i] (i < 32) is a
 * regular file: what a caller about to reuse the files needs to know, from
 * the same lstat. */
uint64_t fingerprint_stamp_regular(const char *dir, char *const *relpaths, size_t n,
                                   unsigned *regular);

/* The identity of the folder at path and of the names in it (not of the
 * files' contents): device, inode, modification and change times. Adding,
 * removing or renaming an entry changes both times, and the change time
 * cannot be put back by hand (touch -d sets the modification time and
 * changes the change time). 0 when path is not a folder (a link is not
 * followed) or, with settled set, when the folder changed less than a
 * second before *settled: a change in the same tick of the file system's
 * clock could leave its times as they were. */
uint64_t fingerprint_dir(const char *path, const struct timespec *settled);

/* Read the manifest of the site at out_dir; an empty one when there is
 * none, and, with a note on stderr in language l, when it is damaged, cut
 * short or belongs to another folder (its last line is a hash of the
 * bytes before it, and it names the folder it was written for). One
 * written by another version of rekap is not used either, silently. */
void manifest_load(manifest *m, const char *out_dir, lang l);
/* The entry of a node path, or NULL. */
const manifest_entry *manifest_find(const manifest *m, const char *path);
/* The same, looked for first at entry i: node i's, when the tree is the
 * one the manifest was saved for. */
const manifest_entry *manifest_find_at(const manifest *m, size_t i, const char *path);
/* Replace the stored manifest (atomic rename); m->entries[i] belongs to
 * recs->nodes[i]. Returns 0, or -1 with errno set (m->file NULL: there is
 * no cache folder); a manifest that cannot be written costs the next build
 * its speed, and the caller reports it. */
int manifest_save(const manifest *m, const records *recs, int remember);
/* With remember set, manifest_save keeps what it saved in memory, for the
 * next manifest_load of the same file in this process (rekap serve), which
 * then copies it while the file is the one saved (device, inode, size and
 * times). manifest_forget_saved frees it. */
void manifest_forget_saved(void);
void manifest_release(manifest *m);

#endif
