/* output.c - staging folder, unchanged files keep their time, atomic replacement of the site. */
#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
}

static int make_dirs(char *path)
{
	char *p;
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

int output_begin(output *o, const char *out_dir, diag_list *diags)
{
	size_t len = strlen(out_dir);
	memset(o, 0, sizeof *o);
	while (len > 1 && out_dir[len - 1] == '/')
		len--;
	o->final_dir = xstrndup(out_dir, len);
	o->staging = xasprintf("%s.baru-%ld", o->final_dir, (long)getpid());
	remove_tree(o->staging);
	{
		char *tmp = xasprintf("%s/", o->staging);
		int rc = make_dirs(tmp);
		free(tmp);
		if (rc != 0) {
			diag_error(diags, o->staging, 0, 0,
			           DIAG_TR(diags, "folder sementara tidak dapat dibuat: %s",
			                   "staging folder cannot be created: %s"),
			           strerror(errno));
			return -1;
		}
	}
	return 0;
}

char *output_path(output *o, const char *relpath, diag_list *diags)
{
	char *path = xasprintf("%s/%s", o->staging, relpath);
	if (make_dirs(path) != 0) {
		diag_error(diags, path, 0, 0,
		           DIAG_TR(diags, "folder tidak dapat dibuat: %s", "folder cannot be created: %s"),
		           strerror(errno));
		o->failed = 1;
	}
	return path;
}

/* Give the staged file the old file's time when their bytes are equal. */
static void keep_time_if_same(output *o, const char *relpath, const char *data, size_t len)
{
	char *old = xasprintf("%s/%s", o->final_dir, relpath);
	char *staged = xasprintf("%s/%s", o->staging, relpath);
	struct stat st;
	char *old_data = NULL, *new_data = NULL;
	size_t old_len, new_len;
	if (stat(old, &st) == 0 && S_ISREG(st.st_mode) && file_read(old, &old_data, &old_len) == 0) {
		if (!data && file_read(staged, &new_data, &new_len) == 0) {
			data = new_data;
			len = new_len;
		}
		if (data && old_len == len && memcmp(old_data, data, len) == 0) {
			struct timespec times[2];
			times[0] = st.st_atim;
			times[1] = st.st_mtim;
			utimensat(AT_FDCWD, staged, times, 0);
		}
	}
	free(old_data);
	free(new_data);
	free(old);
	free(staged);
}

int output_write(output *o, const char *relpath, const char *data, size_t len, diag_list *diags)
{
	char *path = output_path(o, relpath, diags);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		diag_error(diags, path, 0, 0,
		           DIAG_TR(diags, "berkas tidak dapat ditulis: %s", "file cannot be written: %s"),
		           strerror(errno));
		free(path);
		o->failed = 1;
		return -1;
	}
	free(path);
	o->files++;
	keep_time_if_same(o, relpath, data, len);
	return 0;
}

void output_written(output *o, const char *relpath)
{
	o->files++;
	keep_time_if_same(o, relpath, NULL, 0);
}

int output_commit(output *o, diag_list *diags)
{
	struct stat st;
	char *old;
	if (o->failed)
		return -1;
	if (lstat(o->final_dir, &st) != 0) {
		if (rename(o->staging, o->final_dir) != 0)
			goto fail;
		return 0;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->final_dir, RENAME_EXCHANGE) == 0) {
		/* the staging name now holds the previous site */
		remove_tree(o->staging);
		return 0;
	}
#endif
	old = xasprintf("%s.lama-%ld", o->final_dir, (long)getpid());
	remove_tree(old);
	if (rename(o->final_dir, old) != 0 || rename(o->staging, o->final_dir) != 0) {
		free(old);
		goto fail;
	}
	remove_tree(old);
	free(old);
	return 0;
fail:
	diag_error(diags, o->final_dir, 0, 0,
	           DIAG_TR(diags, "situs tidak dapat diganti: %s", "site cannot be replaced: %s"),
	           strerror(errno));
	return -1;
}

void output_abort(output *o)
{
	if (o->staging)
		remove_tree(o->staging);
}

void output_release(output *o)
{
	free(o->final_dir);
	free(o->staging);
	memset(o, 0, sizeof *o);
}
