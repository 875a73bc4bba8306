/* diag.c - collecting, sorting and printing diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

void diag_add(diag_list *dl, diag_severity sev, const char *file, unsigned line,
              unsigned column, const char *fmt, ...)
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
	d.message = buf_detach(&b);
	ARRAY_PUSH(dl->items, dl->len, dl->cap, d);
	if (sev == DIAG_ERROR)
		dl->errors++;
	else
		dl->warnings++;
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
	/* keep insertion order among equals: compare addresses */
	return a < b ? -1 : a > b;
}

static const char *severity_word(diag_severity sev, const char *lang)
{
	(void)lang; /* "error"/"warning" are kept in English: editors parse them */
	return sev == DIAG_ERROR ? "error" : "warning";
}

void diag_list_print(diag_list *dl, FILE *out, diag_format format, const char *lang)
{
	size_t i;
	if (dl->len > 1)
		qsort(dl->items, dl->len, sizeof *dl->items, diag_cmp);
	for (i = 0; i < dl->len; i++) {
		const diag *d = &dl->items[i];
		if (format == DIAG_FORMAT_GITHUB) {
			fprintf(out, "::%s", severity_word(d->severity, lang));
			if (d->file)
				fprintf(out, " file=%s", d->file);
			if (d->line)
				fprintf(out, ",line=%u", d->line);
			if (d->column)
				fprintf(out, ",col=%u", d->column);
			fprintf(out, "::%s\n", d->message);
			continue;
		}
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
		fprintf(out, "%s: %s\n", severity_word(d->severity, lang), d->message);
	}
}
