/* fuzz_csv.c - libFuzzer target: the CSV reader (csvread.c) and the UTF-8 check on arbitrary bytes,
 * compared with the byte-at-a-time reference reader (csv_reference.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv_reference.h"
#include "csvread.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What csvread.h promises about a parsed table. */
static void check_table(const csv_table *t, int rc, const diag_list *d)
{
	size_t i, j;
	if (rc != 0 && d->errors == 0)
		abort(); /* -1 always comes with a diagnostic */
	if (rc == 0 && d->errors != 0)
		abort();
	if (t->separator != ',' && t->separator != ';' && (t->separator != '\t' || rc == 0))
		abort(); /* a tab-separated file is refused */
	for (i = 0; i < t->nrows; i++) {
		const csv_row *r = &t->rows[i];
		if (r->len && r->line == 0)
			abort();
		for (j = 0; j < r->len; j++) {
			const csv_cell *c = &r->cells[j];
			if (!c->text || c->text[c->len] != '\0')
				abort();
			if (rc == 0 && strlen(c->text) != c->len)
				abort(); /* UTF-8 text holds no NUL */
			if (c->line == 0 || c->column == 0)
				abort();
		}
	}
}

/* Both readers must give the same table and the same diagnostics. */
static void check_same(const csv_table *a, int rca, const diag_list *da, const csv_table *b,
                       int rcb, const diag_list *db)
{
	size_t i, j;
	if (rca != rcb || a->separator != b->separator || a->had_bom != b->had_bom ||
	    a->nrows != b->nrows || da->len != db->len || da->errors != db->errors)
		abort();
	for (i = 0; i < a->nrows; i++) {
		const csv_row *ra = &a->rows[i], *rb = &b->rows[i];
		if (ra->len != rb->len || ra->line != rb->line)
			abort();
		for (j = 0; j < ra->len; j++) {
			const csv_cell *ca = &ra->cells[j], *cb = &rb->cells[j];
			if (ca->len != cb->len || ca->line != cb->line || ca->column != cb->column ||
			    memcmp(ca->text, cb->text, ca->len) != 0)
				abort();
		}
	}
	for (i = 0; i < da->len; i++) {
		const diag *x = &da->items[i], *y = &db->items[i];
		if (x->line != y->line || x->column != y->column || x->severity != y->severity ||
		    strcmp(x->message, y->message) != 0 || strcmp(x->file, y->file) != 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	csv_table t, ref;
	diag_list d, dref;
	unsigned line, column;
	size_t bad;
	int rc, rcref;

	bad = utf8_check(s, size, &line, &column);
	if (bad > size || line == 0 || column == 0)
		abort();

	diag_list_init(&d);
	d.lang = size > 0 && (data[size - 1] & 1) ? LANG_EN : LANG_ID; /* both languages of the messages */
	rc = csvr_parse("fuzz.csv", s, size, &t, &d);
	check_table(&t, rc, &d);
	if (bad < size && rc == 0)
		abort(); /* text that is not UTF-8 is refused */
	if (bad == size) {
		diag_list_init(&dref);
		dref.lang = d.lang;
		rcref = csvr_parse_reference("fuzz.csv", s, size, &ref, &dref);
		check_same(&t, rc, &d, &ref, rcref, &dref);
		csv_table_release(&ref);
		diag_list_release(&dref);
	}
	csv_table_release(&t);
	diag_list_release(&d);
	return 0;
}
