/* fuzz_csv.c - libFuzzer target: the CSV reader (csvread.c) and the UTF-8 check on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
	if (t->separator != ',' && t->separator != ';')
		abort();
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	csv_table t;
	diag_list d;
	unsigned line, column;
	size_t bad;
	int rc;

	bad = utf8_check(s, size, &line, &column);
	if (bad > size || line == 0 || column == 0)
		abort();

	diag_list_init(&d);
	d.english = size > 0 && (data[size - 1] & 1); /* both languages of the messages */
	rc = csvr_parse("fuzz.csv", s, size, &t, &d);
	check_table(&t, rc, &d);
	if (bad < size && rc == 0)
		abort(); /* text that is not UTF-8 is refused */
	csv_table_release(&t);
	diag_list_release(&d);
	return 0;
}
