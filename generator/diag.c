/* diag.c - collecting, sorting and printing diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

void diag_list_init(diag_list *dl)
{
	memset(dl, 0, sizeof *dl);
}

void diag_list_release(diag_list *dl)
{
	size_t i;
	for (i = 0; i < dl->len; i++) {
		free(dl->items[i].file);
		free(dl->items[i].message);
	}
	free(dl->items);
	diag_list_init(dl);
}

diag *diag_add(diag_list *dl, diag_severity sev, const char *file, unsigned line, unsigned column,
               const char *fmt, ...)
{
	diag d;
	buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d.file = file ? xstrdup(file) : NULL;
	d.line = line;
	d.column = column;
	d.severity = sev;
	d.shared = 0;
	d.seq = 0;
	d.message = buf_detach(&b);
	ARRAY_PUSH(dl->items, dl->len, dl->cap, d);
	if (sev == DIAG_WARNING)
		dl->warnings++;
	else
		dl->errors++;
	if (sev == DIAG_WRITE_ERROR)
		dl->write_errors++;
	return &dl->items[dl->len - 1];
}

void diag_list_move(diag_list *dl, diag_list *from)
{
	if (from->len) {
		grow_array((void **)&dl->items, &dl->cap, dl->len + from->len, sizeof *dl->items);
		memcpy(dl->items + dl->len, from->items, from->len * sizeof *from->items);
		dl->len += from->len;
	}
	dl->errors += from->errors;
	dl->warnings += from->warnings;
	dl->write_errors += from->write_errors;
	free(from->items);
	from->items = NULL;
	from->len = from->cap = from->errors = from->warnings = from->write_errors = 0;
}

static int same_message(const diag *a, const diag *b)
{
	return a->severity == b->severity && strcmp(a->message, b->message) == 0;
}

/* The same message at the same place. */
static int diag_same(const diag *a, const diag *b)
{
	return a->line == b->line && a->column == b->column &&
	       strcmp(a->file ? a->file : "", b->file ? b->file : "") == 0 && same_message(a, b);
}

void diag_list_move_distinct(diag_list *dl, diag_list *from)
{
	size_t i, j, kept = 0;
	for (i = 0; i < from->len; i++) {
		diag *d = &from->items[i];
		for (j = 0; j < kept && !diag_same(&from->items[j], d); j++)
			;
		if (j < kept) {
			from->errors -= d->severity != DIAG_WARNING;
			from->warnings -= d->severity == DIAG_WARNING;
			from->write_errors -= d->severity == DIAG_WRITE_ERROR;
			free(d->file);
			free(d->message);
			continue;
		}
		from->items[kept++] = *d;
	}
	from->len = kept;
	diag_list_move(dl, from);
}

static int diag_cmp(const void *pa, const void *pb)
{
	const diag *a = pa, *b = pb;
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	/* equals keep their order: qsort need not be stable, and the
	 * addresses it compares move as it sorts */
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *severity_word(diag_severity sev, lang l)
{
	(void)l; /* "error"/"warning" are kept in English: editors parse them */
	return sev == DIAG_WARNING ? "warning" : "error";
}

/* s written to out through one of escape.h's functions. */
static void put_escaped(FILE *out, void (*escape)(buf *, const char *, size_t), const char *s)
{
	buf b = BUF_INIT;
	escape(&b, s, strlen(s));
	fputs(buf_cstr(&b), out);
	buf_release(&b);
}

static void print_github(FILE *out, const diag *d, lang l)
{
	fprintf(out, "::%s", severity_word(d->severity, l));
	if (d->file) {
		fputs(" file=", out);
		put_escaped(out, esc_github_property, d->file);
	}
	if (d->line)
		fprintf(out, ",line=%u", d->line);
	if (d->column)
		fprintf(out, ",col=%u", d->column);
	fputs("::", out);
	put_escaped(out, esc_github_message, d->message);
	fputc('\n', out);
}

/* s as a JSON string, which always parses (see esc_json). */
static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	put_escaped(out, esc_json, s);
	fputc('"', out);
}

/* The path GitLab links to: relative to the repository, so without "./". */
static const char *gitlab_path(const diag *d)
{
	const char *p = d->file ? d->file : ".";
	while (p[0] == '.' && p[1] == '/' && p[2])
		p += 2;
	return p;
}

/* One Code Climate issue. The fingerprint, which GitLab uses to tell new
 * problems from those already on the target branch, hashes the path, line,
 * column and message (NUL-separated), so it is the same in every run. */
static void print_gitlab(FILE *out, const diag *d, int last)
{
	const char *path = gitlab_path(d);
	char num[32];
	uint64_t h = HASH_INIT;
	int n;
	h = hash_bytes(h, path, strlen(path) + 1);
	n = snprintf(num, sizeof num, "%u:%u", d->line, d->column);
	h = hash_bytes(h, num, (size_t)n + 1);
	h = hash_bytes(h, d->message, strlen(d->message));
	fputs("  {\"description\": ", out);
	json_string(out, d->message);
	fprintf(out, ", \"check_name\": \"rekap/%s\", \"fingerprint\": \"%016llx\"",
	        severity_word(d->severity, LANG_ID), (unsigned long long)h);
	fprintf(out, ", \"severity\": \"%s\", \"location\": {\"path\": ",
	        d->severity == DIAG_WARNING ? "minor" : "major");
	json_string(out, path);
	/* GitLab needs a line; a problem with a whole file or folder is put on its first */
	fprintf(out, ", \"lines\": {\"begin\": %u}}}%s\n", d->line ? d->line : 1, last ? "" : ",");
}

static void print_text(FILE *out, const diag *d, lang l)
{
	if (d->file) {
		fputs(d->file, out);
		if (d->line)
			fprintf(out, ":%u", d->line);
		if (d->line && d->column)
			fprintf(out, ":%u", d->column);
		fputs(": ", out);
	} else {
		fputs("rekap: ", out);
	}
	fprintf(out, "%s: %s\n", severity_word(d->severity, l), d->message);
}

/* A shared diagnostic repeated word for word more than REPEAT_MAX times (a
 * column added to the rules and missing from every laporan.csv) is shown at
 * its first REPEAT_SHOWN places; one note after the list counts the others. */
enum {
	REPEAT_SHOWN = 3,
	REPEAT_MAX = 5
};

typedef struct repeat {
	size_t first; /* index of its first place in the sorted list */
	size_t hidden; /* how many places are not shown */
} repeat;

/* By message and severity, then in list order. */
static int by_message(const void *pa, const void *pb)
{
	const diag *const *a = pa, *const *b = pb;
	int c = strcmp((*a)->message, (*b)->message);
	if (c)
		return c;
	if ((*a)->severity != (*b)->severity)
		return (*a)->severity < (*b)->severity ? -1 : 1;
	return *a < *b ? -1 : *a > *b;
}

static int by_first(const void *pa, const void *pb)
{
	const repeat *a = pa, *b = pb;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* Mark in hide[] the places of the sorted list dl not to show; returns the
 * repeated shared diagnostics, in list order, and sets *nrepeats. */
static repeat *find_repeats(const diag_list *dl, unsigned char *hide, size_t *nrepeats)
{
	const diag **sh = xmalloc((dl->len + 1) * sizeof *sh);
	repeat *reps = NULL;
	size_t i, j, k, nsh = 0, len = 0, cap = 0;
	for (i = 0; i < dl->len; i++)
		if (dl->items[i].shared)
			sh[nsh++] = &dl->items[i];
	qsort(sh, nsh, sizeof *sh, by_message);
	for (i = 0; i < nsh; i = j) {
		for (j = i + 1; j < nsh && same_message(sh[j], sh[i]); j++)
			;
		if (j - i > REPEAT_MAX) {
			repeat r;
			r.first = (size_t)(sh[i] - dl->items);
			r.hidden = j - i - REPEAT_SHOWN;
			for (k = i + REPEAT_SHOWN; k < j; k++)
				hide[sh[k] - dl->items] = 1;
			ARRAY_PUSH(reps, len, cap, r);
		}
	}
	free(sh);
	if (len > 1)
		qsort(reps, len, sizeof *reps, by_first);
	*nrepeats = len;
	return reps;
}

static void print_repeat_note(FILE *out, const diag *d, size_t hidden, lang l)
{
	if (d->severity == DIAG_WARNING)
		fprintf(out,
		        TR(l,
		           "rekap: catatan: peringatan ini muncul juga di %zu tempat lain yang "
		           "tidak ditampilkan (semuanya: --all-messages): %s\n",
		           "rekap: note: this warning also appears at %zu more places not shown "
		           "(all of them: --all-messages): %s\n"),
		        hidden, d->message);
	else
		fprintf(out,
		        TR(l,
		           "rekap: catatan: galat ini muncul juga di %zu tempat lain yang tidak "
		           "ditampilkan (semuanya: --all-messages): %s\n",
		           "rekap: note: this error also appears at %zu more places not shown (all "
		           "of them: --all-messages): %s\n"),
		        hidden, d->message);
}

/* The text format, repeated shared diagnostics shortened unless every is set. */
static void print_text_list(const diag_list *dl, FILE *out, lang l, int every)
{
	unsigned char *hide = xcalloc(dl->len + 1, 1);
	repeat *reps = NULL;
	size_t i, nreps = 0;
	if (!every)
		reps = find_repeats(dl, hide, &nreps);
	for (i = 0; i < dl->len; i++)
		if (!hide[i])
			print_text(out, &dl->items[i], l);
	for (i = 0; i < nreps; i++)
		print_repeat_note(out, &dl->items[reps[i].first], reps[i].hidden, l);
	free(reps);
	free(hide);
}

void diag_list_print(diag_list *dl, FILE *out, diag_format format, lang l, int every)
{
	size_t i;
	for (i = 0; i < dl->len; i++)
		dl->items[i].seq = i;
	if (dl->len > 1)
		qsort(dl->items, dl->len, sizeof *dl->items, diag_cmp);
	if (format == DIAG_FORMAT_TEXT) {
		print_text_list(dl, out, l, every);
		return;
	}
	if (format == DIAG_FORMAT_GITLAB)
		fputs(dl->len ? "[\n" : "[]\n", out);
	for (i = 0; i < dl->len; i++) {
		if (format == DIAG_FORMAT_GITHUB)
			print_github(out, &dl->items[i], l);
		else
			print_gitlab(out, &dl->items[i], i + 1 == dl->len);
	}
	if (format == DIAG_FORMAT_GITLAB && dl->len)
		fputs("]\n", out);
}

/* The message of an unresolved merge conflict on lines first to last. */
static void conflict_message(buf *out, lang l, unsigned first, unsigned last)
{
	buf_printf(out,
	           TR(l,
	              "konflik penggabungan git belum diselesaikan (baris %u–%u): berkas ini "
	              "berisi dua versi, di antara <<<<<<< dan ======= dan di antara ======= dan "
	              ">>>>>>>; pilih isi yang benar, hapus baris penandanya, lalu simpan",
	              "unresolved git merge conflict (lines %u–%u): the file holds two versions, "
	              "between <<<<<<< and ======= and between ======= and >>>>>>>; keep the "
	              "right one, delete the marker lines and save"),
	           first, last);
}

size_t diag_conflicts(diag_list *dl, const char *file, const char *text, size_t len)
{
	size_t pos = 0, found = 0;
	unsigned line = 1, first, last;
	buf msg = BUF_INIT;
	while (text_conflict_next(text, len, &pos, &line, &first, &last)) {
		buf_reset(&msg);
		conflict_message(&msg, dl->lang, first, last);
		diag_error(dl, file, first, 1, "%s", buf_cstr(&msg));
		found++;
	}
	buf_release(&msg);
	return found;
}

size_t diag_encoding(diag_list *dl, const char *file, const char *text, size_t len)
{
	unsigned line, col;
	size_t bad = utf8_check(text, len, &line, &col);
	if (bad == len)
		return 0;
	if (looks_utf16(text, len))
		diag_error(dl, file, 1, 1, "%s",
		           TR(dl->lang,
		              "berkas tersimpan sebagai UTF-16 (\"Unicode\" di Notepad); simpan "
		              "ulang dengan pengodean UTF-8 (di Notepad: Save As, Encoding: UTF-8)",
		              "the file is saved as UTF-16 (\"Unicode\" in Notepad); save it again "
		              "with UTF-8 encoding (in Notepad: Save As, Encoding: UTF-8)"));
	else if (text[bad] == '\0')
		diag_error(dl, file, line, col, "%s",
		           TR(dl->lang,
		              "berkas berisi byte NUL (0x00); berkas ini harus teks biasa: simpan "
		              "ulang dari penyunting teks dengan pengodean UTF-8",
		              "file holds a NUL byte (0x00); it must be plain text: save it again "
		              "from a text editor with UTF-8 encoding"));
	else
		diag_error(dl, file, line, col, "%s",
		           TR(dl->lang,
		              "berkas bukan UTF-8; simpan ulang dengan pengodean UTF-8 (di Notepad: "
		              "Save As, Encoding: UTF-8)",
		              "file is not UTF-8; save it again with UTF-8 encoding (in Notepad: "
		              "Save As, Encoding: UTF-8)"));
	return 1;
}
