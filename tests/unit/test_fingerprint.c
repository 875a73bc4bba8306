/* test_fingerprint.c - unit tests of generator/fingerprint.c's build record: what a load copies from memory equals what it reads from the file, and a file changed since is read again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "fingerprint.h"

#define NNODES 3

static const char *const paths[NNODES] = {"", "jambi", "jambi/kota-jambi"};

/* Three nodes, the root first, as manifest_save reads them. */
static void make_records(records *recs, node *nodes, node **list)
{
	size_t i;
	memset(recs, 0, sizeof *recs);
	memset(nodes, 0, NNODES * sizeof *nodes);
	for (i = 0; i < NNODES; i++) {
		nodes[i].path = paths[i];
		list[i] = &nodes[i];
	}
	recs->nodes = list;
	recs->nnodes = NNODES;
	recs->root = &nodes[0];
}

/* A record whose every field has a value of its own. */
static void make_manifest(manifest *m, manifest_entry *entries)
{
	size_t i, f;
	memset(m, 0, sizeof *m);
	memset(entries, 0, NNODES * sizeof *entries);
	for (i = 0; i < NNODES; i++) {
		manifest_entry *e = &entries[i];
		e->path = (char *)paths[i]; /* what a load gives back */
		for (f = 0; f < FP_FORMATS; f++)
			e->fps[f] = 0x1000 * (i + 1) + f;
		e->stamp = 0xabcdef0000 + i;
		e->data_fp = i == 0 ? 0x77 : 0;
		e->data_stamp = i == 0 ? 0x78 : 0;
		e->dir = 0x5000 + i;
		e->spare_dir = 0x6000 + i;
		e->spare_stale = i == 1 ? 7 : 0; /* any non-zero value is stored as 1 */
		e->nfiles = (unsigned)(3 + i);
	}
	m->entries = entries;
	m->len = NNODES;
	m->file = NULL;
	m->global = 0x1234567890abcdefULL;
	m->site_id = 0x51;
	m->spare_id = 0x52;
	m->site_files = 9;
}

/* a and b hold the same record; returns 1 when they do. */
static int same_manifest(const manifest *a, const manifest *b)
{
	size_t i, f;
	int same = a->len == b->len && a->global == b->global && a->site_id == b->site_id &&
	           a->spare_id == b->spare_id && a->site_files == b->site_files;
	for (i = 0; i < a->len && same; i++) {
		const manifest_entry *x = &a->entries[i], *y = &b->entries[i];
		for (f = 0; f < FP_FORMATS; f++)
			same = same && x->fps[f] == y->fps[f];
		same = same && strcmp(x->path, y->path) == 0 && x->stamp == y->stamp &&
		       x->data_fp == y->data_fp && x->data_stamp == y->data_stamp &&
		       x->dir == y->dir && x->spare_dir == y->spare_dir &&
		       x->spare_stale == y->spare_stale && x->nfiles == y->nfiles;
	}
	return same;
}

/* Replace, in place, the first from in file by to (as long). */
static void change_digit(const char *file, const char *from, const char *to)
{
	char *data, *at;
	size_t len;
	FILE *f;
	CHECK(file_read(file, &data, &len) == 0);
	at = data ? strstr(data, from) : NULL;
	CHECK(at != NULL);
	f = fopen(file, "r+");
	CHECK(f != NULL);
	if (at && f) {
		CHECK(fseek(f, at - data, SEEK_SET) == 0);
		CHECK(fwrite(to, 1, strlen(to), f) == strlen(to));
	}
	if (f)
		fclose(f);
	free(data);
}

/* The record kept in memory after a save is the one the file holds, and
 * what was saved, entry for entry; a file replaced or cut short since is
 * read again (and found damaged), not taken from memory. */
static void test_kept_record(const char *out)
{
	records recs;
	node nodes[NNODES], *list[NNODES];
	manifest m, memory, disk, after;
	manifest_entry entries[NNODES];
	char *file;
	FILE *f;
	make_records(&recs, nodes, list);
	make_manifest(&m, entries);
	manifest_load(&disk, out, LANG_ID); /* for its file name; none there yet */
	CHECK(disk.file != NULL && disk.len == 0);
	file = xstrdup(disk.file);
	manifest_release(&disk);
	m.file = file;
	CHECK(manifest_save(&m, &recs, 1) == 0);

	manifest_load(&memory, out, LANG_ID);
	manifest_forget_saved();
	manifest_load(&disk, out, LANG_ID);
	CHECK(memory.len == NNODES);
	CHECK(same_manifest(&memory, &disk));
	/* and the values saved, worked out by hand */
	CHECK_STR(memory.entries[0].path, "");
	CHECK_STR(memory.entries[2].path, "jambi/kota-jambi");
	CHECK(memory.entries[1].spare_stale == 1 && memory.entries[0].spare_stale == 0);
	CHECK(memory.entries[2].fps[FP_XLSX] == 0x3002 && memory.entries[2].nfiles == 5);
	CHECK(memory.entries[0].data_stamp == 0x78 && memory.entries[1].stamp == 0xabcdef0001);
	CHECK(memory.global == 0x1234567890abcdefULL && memory.site_files == 9);
	CHECK(memory.site_id == 0x51 && memory.spare_id == 0x52);
	manifest_release(&memory);
	manifest_release(&disk);

	/* another file in its place: read, found damaged, not trusted */
	CHECK(manifest_save(&m, &recs, 1) == 0);
	f = fopen("sidik-lain.txt", "w");
	CHECK(f != NULL);
	if (f) {
		fputs("x\n", f);
		fclose(f);
	}
	CHECK(rename("sidik-lain.txt", file) == 0);
	manifest_load(&after, out, LANG_ID);
	CHECK(after.len == 0);
	manifest_release(&after);

	/* the same file cut short where it lies */
	CHECK(manifest_save(&m, &recs, 1) == 0);
	CHECK(truncate(file, 40) == 0);
	manifest_load(&after, out, LANG_ID);
	CHECK(after.len == 0);
	manifest_release(&after);

	/* one digit changed where it lies, the file still well formed: only
	 * the check line at its end tells */
	CHECK(manifest_save(&m, &recs, 0) == 0);
	change_digit(file, "abcdef0001", "abcdef0002");
	manifest_load(&after, out, LANG_ID);
	CHECK(after.len == 0);
	manifest_release(&after);

	/* saved without remember: nothing kept, the file read */
	CHECK(manifest_save(&m, &recs, 0) == 0);
	manifest_load(&after, out, LANG_ID);
	CHECK(after.len == NNODES && same_manifest(&after, &m) == 0); /* m's stale is 7 */
	m.entries[1].spare_stale = 1;
	CHECK(same_manifest(&after, &m));
	manifest_release(&after);
	manifest_forget_saved();
	free(file);
}

int main(void)
{
	char dir[] = "/tmp/rekap-test-fingerprint-XXXXXX", *rm;
	if (!mkdtemp(dir) || chdir(dir) != 0) {
		perror("test_fingerprint");
		return 1;
	}
	setenv("REKAP_CACHE_DIR", dir, 1);
	test_kept_record("site");
	rm = xasprintf("rm -rf '%s'", dir);
	if (chdir("/") != 0 || system(rm) != 0)
		fprintf(stderr, "test_fingerprint: temporary folder %s left\n", dir);
	free(rm);
	printf("%d checks, %d failed\n", checks, failures);
	return failures != 0;
}
