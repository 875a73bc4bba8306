/* output.c - staging folder, unchanged files keep their time, atomic replacement of the site. */
#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parallel.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int output_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
}


/* Create the folder holding path; one mkdir when its parent exists, and
 * none when it is the folder of the previous file. */
static int make_parent(output *o, char *path)
{
	char *slash = strrchr(path, '/');
	int rc = 0;
	if (!slash)
		return 0;
	*slash = '\0';
	if (!o->last_dir || strcmp(o->last_dir, path) != 0) {
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			rc = make_dirs(path);
		if (rc == 0) {
			free(o->last_dir);
			o->last_dir = xstrdup(path);
		}
	}
	*slash = '/';
	return rc;
}

/* Remove staging and old copies left by builds that were killed: a sibling
 * named "<site>.baru-PID" or "<site>.lama-PID" whose process is gone. */
static void remove_stale_siblings(const char *final_dir)
{
	const char *slash = strrchr(final_dir, '/');
	char *parent = slash ? xstrndup(final_dir, (size_t)(slash - final_dir + 1)) : xstrdup("./");
	const char *base = slash ? slash + 1 : final_dir;
	size_t blen = strlen(base), n, i;
	char **names = dir_names(parent, &n);
	for (i = 0; i < n; i++) {
		const char *nm = names[i], *rest = nm + blen;
		char *end;
		long pid;
		if (strncmp(nm, base, blen) != 0 ||
		    (strncmp(rest, ".baru-", 6) != 0 && strncmp(rest, ".lama-", 6) != 0))
			continue;
		pid = strtol(rest + 6, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) {
			char *path = xasprintf("%s%s", parent, nm);
			output_remove_tree(path);
			free(path);
		}
	}
	names_free(names, n);
	free(parent);
}

/* The folder names beside the site. */
static void output_init(output *o, const char *out_dir)
{
	size_t len = strlen(out_dir);
	struct stat st;
	memset(o, 0, sizeof *o);
	while (len > 1 && out_dir[len - 1] == '/')
		len--;
	o->final_dir = xstrndup(out_dir, len);
	o->staging = xasprintf("%s.baru-%ld", o->final_dir, (long)getpid());
	o->spare = xasprintf("%s.cadangan", o->final_dir);
	o->has_site = lstat(o->final_dir, &st) == 0;
	remove_stale_siblings(o->final_dir);
}

int output_lock(const char *out_dir, diag_list *diags)
{
	size_t len = strlen(out_dir);
	char *path;
	int fd;
	while (len > 1 && out_dir[len - 1] == '/')
		len--;
	{
		/* hidden, so that a listing beside the site shows the site only */
		const char *base = out_dir, *p;
		for (p = out_dir; p < out_dir + len; p++)
			if (*p == '/' && p + 1 < out_dir + len)
				base = p + 1;
		path = xasprintf("%.*s.%.*s.kunci", (int)(base - out_dir), out_dir,
		                 (int)(out_dir + len - base), base);
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT && strchr(path, '/')) {
		/* the folder the site goes in does not exist yet */
		char *parent = xstrndup(path, (size_t)(strrchr(path, '/') - path));
		if (parent[0] && make_dirs(parent) == 0)
			fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		free(parent);
	}
	if (fd < 0) {
		diag_write_error(diags, path, 0, 0,
		           TR(diags->lang, "berkas kunci tidak dapat dibuka: %s",
		              "lock file cannot be opened: %s"),
		           strerror(errno));
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr,
		        TR(diags->lang,
		           "rekap: build lain sedang menulis %.*s (kunci %s); menunggu sampai "
		           "selesai...\n",
		           "rekap: another build is writing %.*s (lock %s); waiting for it to "
		           "finish...\n"),
		        (int)len, out_dir, path);
		fflush(stderr);
		while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
			;
	}
	free(path);
	return fd;
}

void output_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the lock */
}

/* path resolved; one that does not exist yet by its folder. */
static char *resolved(const char *path)
{
	char *r = realpath(path, NULL), *parent;
	const char *slash;
	if (r || errno != ENOENT)
		return r;
	slash = strrchr(path, '/');
	parent = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path)))
	               : xstrdup(".");
	r = realpath(parent, NULL);
	free(parent);
	if (r) {
		char *joined = path_join(r, slash ? slash + 1 : path);
		free(r);
		r = joined;
	}
	return r;
}

/* Whether the resolved path p lies inside the resolved folder d, or is d. */
static int is_within(const char *p, const char *d)
{
	size_t n = strlen(d);
	return strncmp(p, d, n) == 0 && (p[n] == '\0' || p[n] == '/' || (n == 1 && d[0] == '/'));
}

/* Whether the top of folder dir, whose entries are names, holds what only a
 * site rekap wrote does: its pages (index and definitions, in Markdown or
 * HTML), its open data, or its national workbook. A spreadsheet of the
 * user's own named "rekap-2024.xlsx" is no sign of one. */
static int looks_like_site(const char *dir, char **names, size_t n)
{
	int index_md = 0, index_html = 0, def_md = 0, def_html = 0, data = 0, book = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		const char *nm = names[i];
		index_md |= strcmp(nm, "index.md") == 0;
		index_html |= strcmp(nm, "index.html") == 0;
		def_md |= strcmp(nm, "definisi.md") == 0;
		def_html |= strcmp(nm, "definisi.html") == 0;
		book |= strncmp(nm, "rekap-nasional-", 15) == 0 && str_ends(nm, ".xlsx");
		if (strcmp(nm, "data") == 0) {
			char *csv = path_join(dir, "data/indicators.csv");
			struct stat st;
			data = lstat(csv, &st) == 0 && S_ISREG(st.st_mode);
			free(csv);
		}
	}
	return (index_md && def_md) || (index_html && def_html) || data || book;
}

int output_beside(const char *out_dir, const char *dir)
{
	char *o = realpath(out_dir, NULL), *d = realpath(dir, NULL);
	char *os = o ? strrchr(o, '/') : NULL, *ds = d ? strrchr(d, '/') : NULL;
	int beside = os && ds && os - o == ds - d && strncmp(o, d, (size_t)(os - o)) == 0;
	free(o);
	free(d);
	return beside;
}

/* An error when one of inputs (the folders the build reads) lies inside
 * out_dir, or out_dir inside one of them; each path resolved once. */
static int check_inputs(const char *out_dir, const char *const *inputs, diag_list *diags)
{
	char *out = resolved(out_dir);
	size_t i;
	int rc = 0;
	for (i = 0; out && inputs[i] && rc == 0; i++) {
		char *in = realpath(inputs[i], NULL);
		if (in && is_within(in, out)) {
			diag_error(diags, out_dir, 0, 0,
			           TR(diags->lang,
			              "folder keluaran ini memuat %s, yang dibaca build ini; rekap "
			              "mengganti seluruh isi folder keluaran, jadi pilih folder lain, "
			              "mis. --out site",
			              "this output folder holds %s, which this build reads; rekap "
			              "replaces everything in the output folder, so choose another, "
			              "e.g. --out site"),
			           inputs[i]);
			rc = -1;
		} else if (in && is_within(out, in)) {
			diag_error(diags, out_dir, 0, 0,
			           TR(diags->lang,
			              "folder keluaran ini berada di dalam %s, yang dibaca build ini; "
			              "situsnya akan terbaca sebagai bagian %s pada build berikutnya: "
			              "pilih folder di luarnya, mis. --out site",
			              "this output folder lies inside %s, which this build reads; the "
			              "site would be read as part of %s by the next build: choose a "
			              "folder outside it, e.g. --out site"),
			           inputs[i], inputs[i]);
			rc = -1;
		}
		free(in);
	}
	free(out);
	return rc;
}

int output_check_target(const char *out_dir, const char *const *inputs, diag_list *diags)
{
	struct stat st;
	char **names;
	size_t n, i;
	int ok;
	if (check_inputs(out_dir, inputs, diags) != 0)
		return -1;
	if (lstat(out_dir, &st) != 0 || S_ISLNK(st.st_mode))
		return 0; /* made by the build; a link is replaced, not what it leads to */
	if (!S_ISDIR(st.st_mode)) {
		diag_error(diags, out_dir, 0, 0,
		           TR(diags->lang,
		              "folder keluaran ini sudah ada sebagai berkas; pilih folder lain, mis. "
		              "--out site",
		              "this output folder exists as a file; choose a folder, e.g. --out "
		              "site"));
		return -1;
	}
	names = dir_names_all(out_dir, &n);
	for (i = 0; i < n; i++)
		if (strcmp(names[i], ".git") == 0) {
			/* a site checked out to push it to a pages repository */
			diag_error(diags, out_dir, 0, 0,
			           TR(diags->lang,
			              "folder keluaran ini memuat .git, sebuah repositori git, yang akan "
			              "hilang karena rekap mengganti seluruh isi folder keluaran; bangun "
			              "situs ke folder lain, lalu salin isinya ke repositori itu",
			              "this output folder holds .git, a git repository, which would be "
			              "lost as rekap replaces everything in the output folder; build the "
			              "site into another folder, then copy it into that repository"));
			names_free(names, n);
			return -1;
		}
	ok = !names || n == 0 || looks_like_site(out_dir, names, n);
	if (!ok)
		diag_error(diags, out_dir, 0, 0,
		           TR(diags->lang,
		              "folder keluaran ini berisi berkas lain (mis. %s) dan bukan situs "
		              "rekap; rekap mengganti seluruh isi folder keluaran, jadi isinya "
		              "akan hilang: pilih folder kosong atau folder baru, mis. --out site",
		              "this output folder holds other files (e.g. %s) and is no site of "
		              "rekap's; rekap replaces everything in the output folder, so they "
		              "would be lost: choose an empty or new folder, e.g. --out site"),
		           names[0]);
	names_free(names, n);
	return ok ? 0 : -1;
}

int output_begin(output *o, const char *out_dir, diag_list *diags)
{
	output_init(o, out_dir);
	output_remove_tree(o->staging);
	if (make_dirs(o->staging) != 0) {
		diag_write_error(diags, o->staging, 0, 0,
		           TR(diags->lang, "folder sementara tidak dapat dibuat: %s",
		              "staging folder cannot be created: %s"),
		           strerror(errno));
		return -1;
	}
	return 0;
}

int output_begin_from_spare(output *o, const char *out_dir, uint64_t spare_id)
{
	output_init(o, out_dir);
	output_remove_tree(o->staging);
	if (output_dir_id(o->spare) != spare_id || rename(o->spare, o->staging) != 0) {
		output_release(o);
		return -1;
	}
	o->in_place = 1;
	return 0;
}

uint64_t output_dir_id(const char *dir)
{
	struct stat st;
	uint64_t id[2];
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	id[0] = (uint64_t)st.st_dev;
	id[1] = (uint64_t)st.st_ino;
	return hash_bytes(HASH_INIT, id, sizeof id) | 1;
}

char *output_path(output *o, const char *relpath, diag_list *diags)
{
	char *path = xasprintf("%s/%s", o->staging, relpath);
	if (make_parent(o, path) != 0) {
		diag_write_error(diags, path, 0, 0,
		           TR(diags->lang, "folder tidak dapat dibuat: %s", "folder cannot be created: %s"),
		           strerror(errno));
		o->failed = 1;
	} else if (o->in_place) {
		/* the file there may be a link to the published one: never write
		 * through it, replace it */
		unlink(path);
	}
	return path;
}

/* 1 when the file at path holds exactly len bytes equal to data (or, with
 * data NULL, to the file at other), compared in blocks. */
static int same_bytes(const char *path, off_t size, const char *data, size_t len,
                      const char *other)
{
	char a[65536], b[65536];
	FILE *f, *g = NULL;
	size_t n, off = 0;
	int same = 1;
	if (data && (off_t)len != size)
		return 0;
	f = fopen(path, "rb");
	if (!f)
		return 0;
	if (!data && !(g = fopen(other, "rb"))) {
		fclose(f);
		return 0;
	}
	while (same && (n = fread(a, 1, sizeof a, f)) > 0) {
		if (data)
			same = off + n <= len && memcmp(a, data + off, n) == 0;
		else
			same = fread(b, 1, n, g) == n && memcmp(a, b, n) == 0;
		off += n;
	}
	if (same)
		same = data ? off == len : fread(b, 1, 1, g) == 0;
	fclose(f);
	if (g)
		fclose(g);
	return same;
}

/* Give the staged file the published file's times. */
static void keep_time(const char *staged, const struct stat *old)
{
	struct timespec times[2];
	times[0] = old->st_atim;
	times[1] = old->st_mtim;
	utimensat(AT_FDCWD, staged, times, 0);
}

/* Give the staged file the old file's time when their bytes are equal;
 * same is 1 when the caller knows they are, -1 when they must be compared. */
static void keep_time_if_same(output *o, const char *relpath, const char *data, size_t len,
                              int same)
{
	char *old, *staged;
	struct stat st, sst;
	if (!same || !o->has_site)
		return; /* no published site, no old file */
	old = xasprintf("%s/%s", o->final_dir, relpath);
	staged = xasprintf("%s/%s", o->staging, relpath);
	if (stat(old, &st) == 0 && S_ISREG(st.st_mode) &&
	    (same == 1 || ((data || (stat(staged, &sst) == 0 && sst.st_size == st.st_size)) &&
	                   same_bytes(old, st.st_size, data, len, staged))))
		keep_time(staged, &st);
	free(old);
	free(staged);
}

static int write_failed(output *o, const char *relpath, diag_list *diags)
{
	char *path = xasprintf("%s/%s", o->staging, relpath);
	diag_write_error(diags, path, 0, 0,
	           TR(diags->lang, "berkas tidak dapat ditulis: %s", "file cannot be written: %s"),
	           strerror(errno));
	free(path);
	o->failed = 1;
	return -1;
}

/* Write len bytes to fd, through short writes and interruptions; 0 or -1. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One open, write and close: stdio would add an fstat and split the
 * bytes into several writes, for 40,000 pages at national scale. */
int output_write(output *o, const char *relpath, const char *data, size_t len, diag_list *diags)
{
	char *path = output_path(o, relpath, diags);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666), ok;
	if (fd < 0) {
		write_failed(o, relpath, diags); /* before free, which may set errno */
		free(path);
		return -1;
	}
	free(path);
	ok = write_all(fd, data, len) == 0;
	if (close(fd) != 0 || !ok)
		return write_failed(o, relpath, diags);
	o->files++;
	keep_time_if_same(o, relpath, data, len, -1);
	return 0;
}

FILE *output_open(output *o, const char *relpath, diag_list *diags)
{
	char *path = output_path(o, relpath, diags);
	FILE *f = fopen(path, "wb");
	free(path);
	if (!f)
		write_failed(o, relpath, diags);
	return f;
}

int output_close(output *o, const char *relpath, FILE *f, int ok, int same, diag_list *diags)
{
	if (fclose(f) != 0 || !ok)
		return write_failed(o, relpath, diags);
	o->files++;
	keep_time_if_same(o, relpath, NULL, 0, same);
	return 0;
}

void output_written(output *o, const char *relpath)
{
	o->files++;
	keep_time_if_same(o, relpath, NULL, 0, -1);
}

/* The previous site, now at old: kept as the spare for the next build, or
 * removed. */
static void set_aside(output *o, const char *old, int keep_spare)
{
	output_remove_tree(o->spare);
	if (!keep_spare || rename(old, o->spare) != 0)
		output_remove_tree(old);
}

int output_commit(output *o, int keep_spare, diag_list *diags)
{
	struct stat st;
	char *old;
	if (o->failed)
		return -1;
	if (lstat(o->final_dir, &st) != 0) {
		if (rename(o->staging, o->final_dir) != 0)
			goto fail;
		output_remove_tree(o->spare);
		return 0;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->final_dir, RENAME_EXCHANGE) == 0) {
		/* the staging name now holds the previous site */
		set_aside(o, o->staging, keep_spare);
		return 0;
	}
#endif
	old = xasprintf("%s.lama-%ld", o->final_dir, (long)getpid());
	output_remove_tree(old);
	if (rename(o->final_dir, old) != 0 || rename(o->staging, o->final_dir) != 0) {
		free(old);
		goto fail;
	}
	set_aside(o, old, keep_spare);
	free(old);
	return 0;
fail:
	diag_write_error(diags, o->final_dir, 0, 0,
	           TR(diags->lang, "situs tidak dapat diganti: %s", "site cannot be replaced: %s"),
	           strerror(errno));
	return -1;
}

/* ---- a spare made from the published site ---- */

static int link_folder(int from, int to);

/* Make the folder name in to and link into it every entry of name in
 * from. */
static int link_subfolder(int from, int to, const char *name)
{
	int sub_from, sub_to, rc = -1;
	if (mkdirat(to, name, 0755) != 0)
		return -1;
	sub_from = openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	sub_to = openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub_from >= 0 && sub_to >= 0)
		rc = link_folder(sub_from, sub_to);
	if (sub_from >= 0)
		close(sub_from);
	if (sub_to >= 0)
		close(sub_to);
	return rc;
}

/* The kind of entry e of the open folder dir, taking an lstat only where
 * the listing did not say. */
static dir_kind entry_kind(int dir, const dir_entry *e)
{
	struct stat st;
	if (e->kind != DIR_KIND_UNKNOWN)
		return e->kind;
	return fstatat(dir, e->name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? dir_kind_of_mode(st.st_mode)
	                                                            : DIR_KIND_OTHER;
}

/* Entry e of the open folder from into the open folder to: a hard link of
 * a file (the same file, as the spare's files are), a folder made and
 * filled for a folder. Paths relative to the two folders keep each call
 * to one look-up. Returns 0 or -1 (errno set). */
static int link_entry(int from, int to, const dir_entry *e)
{
	if (entry_kind(from, e) == DIR_KIND_DIR)
		return link_subfolder(from, to, e->name);
	return linkat(from, e->name, to, e->name, 0);
}

/* Every entry of the open folder from into the open folder to. */
static int link_folder(int from, int to)
{
	size_t n, i;
	dir_entry *list = dir_list_fd(from, 1, &n);
	int rc = list ? 0 : -1; /* a folder not read would be a spare short of files */
	for (i = 0; i < n && rc == 0; i++)
		rc = link_entry(from, to, &list[i]);
	dir_list_free(list, n);
	return rc;
}

/* The entries of the top of link_tree, linked one at a time from
 * parallel_queue's threads. */
typedef struct link_top {
	int from, to; /* the two top folders, open */
	const dir_entry *list;
} link_top;

static int link_top_entry(void *ctx, size_t i)
{
	const link_top *t = ctx;
	return link_entry(t->from, t->to, &t->list[i]);
}

/* link_folder of the folder from into the empty folder to, the entries of
 * the top (each province's folder) shared out between threads, one per
 * core: at national scale that is 130,000 links and 40,000 folders, all of
 * it work of the kernel. */
static int link_tree(const char *from_path, const char *to_path)
{
	link_top top;
	dir_entry *list = NULL;
	size_t n = 0;
	int failed;
	top.from = open(from_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	top.to = open(to_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	failed = top.from < 0 || top.to < 0;
	if (!failed)
		failed = (list = dir_list_fd(top.from, 1, &n)) == NULL;
	top.list = list;
	if (!failed)
		failed = parallel_queue(n, parallel_threads(n, 1), &top, link_top_entry) != 0;
	dir_list_free(list, n);
	if (top.from >= 0)
		close(top.from);
	if (top.to >= 0)
		close(top.to);
	return failed ? -1 : 0;
}

int output_link_spare(const output *o)
{
	/* made under the staging folder's name, free once the site is
	 * published: a build killed meanwhile leaves it to
	 * remove_stale_siblings, never a spare half made */
	int rc;
	output_remove_tree(o->staging);
	if (mkdir(o->staging, 0755) != 0)
		return -1;
	rc = link_tree(o->final_dir, o->staging);
	if (rc == 0) {
		output_remove_tree(o->spare);
		rc = rename(o->staging, o->spare);
	}
	if (rc != 0)
		output_remove_tree(o->staging);
	return rc;
}

int output_relink(output *o, const char *relpath, diag_list *diags)
{
	char *path = xasprintf("%s/%s", o->staging, relpath);
	unlink(path);
	free(path);
	return output_has_old(o, relpath) ? output_reuse(o, relpath, diags) : 0;
}

void output_unlink(output *o, const char *relpath)
{
	char *path = xasprintf("%s/%s", o->staging, relpath);
	unlink(path);
	free(path);
}

/* Put the published file at relpath into the staging folder: a hard link
 * (the published copy is never written again, only replaced), or a copy
 * where links are not possible. */
int output_reuse(output *o, const char *relpath, diag_list *diags)
{
	char *old = xasprintf("%s/%s", o->final_dir, relpath);
	char *path = output_path(o, relpath, diags);
	char *data;
	size_t len;
	int rc = 0;
	if (link(old, path) == 0) {
		o->files++;
	} else if (file_read(old, &data, &len) == 0) {
		/* another file system: a copy, written as any other file */
		rc = output_write(o, relpath, data, len, diags);
		free(data);
	} else {
		diag_write_error(diags, old, 0, 0,
		           TR(diags->lang, "berkas lama tidak dapat disalin: %s",
		              "previous file cannot be copied: %s"),
		           strerror(errno));
		o->failed = 1;
		rc = -1;
	}
	free(old);
	free(path);
	return rc;
}

static int keep_walk(output *o, const char *rel, int (*keep)(const char *, void *), void *ctx,
                     diag_list *diags)
{
	char *dir = rel[0] ? xasprintf("%s/%s", o->final_dir, rel) : xstrdup(o->final_dir);
	size_t n, i;
	dir_entry *list = dir_list(dir, 0, &n);
	int rc = 0;
	for (i = 0; i < n && rc == 0; i++) {
		char *sub = rel[0] ? xasprintf("%s/%s", rel, list[i].name) : xstrdup(list[i].name);
		char *old = xasprintf("%s/%s", dir, list[i].name);
		char *staged = xasprintf("%s/%s", o->staging, sub);
		dir_kind kind = list[i].kind;
		struct stat st;
		/* the listing tells the kind; lstat only where it does not */
		if (kind == DIR_KIND_UNKNOWN && lstat(old, &st) == 0)
			kind = dir_kind_of_mode(st.st_mode);
		if (kind == DIR_KIND_DIR)
			rc = keep_walk(o, sub, keep, ctx, diags);
		else if (kind == DIR_KIND_FILE && keep(sub, ctx) && access(staged, F_OK) != 0)
			rc = output_reuse(o, sub, diags);
		free(sub);
		free(old);
		free(staged);
	}
	dir_list_free(list, n);
	free(dir);
	return rc;
}

int output_has_old(const output *o, const char *relpath)
{
	char *old = xasprintf("%s/%s", o->final_dir, relpath);
	struct stat st;
	int has = lstat(old, &st) == 0 && S_ISREG(st.st_mode);
	free(old);
	return has;
}

int output_keep_old(output *o, int (*keep)(const char *relpath, void *ctx), void *ctx,
                    diag_list *diags)
{
	struct stat st;
	if (stat(o->final_dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	return keep_walk(o, "", keep, ctx, diags);
}

void output_abort(output *o)
{
	if (o->staging)
		output_remove_tree(o->staging);
}

void output_release(output *o)
{
	free(o->last_dir);
	free(o->final_dir);
	free(o->staging);
	free(o->spare);
	memset(o, 0, sizeof *o);
}
