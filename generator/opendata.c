/* opendata.c - the open-data CSV files written under site/data/. */
#include "opendata.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "locale.h"

void opendata_number(buf *out, double v, int decimals)
{
	char tmp[64];
	char *p;
	if (isnan(v))
		return;
	if (v == floor(v) && fabs(v) < 1e15) {
		buf_printf(out, "%.0f", v);
		return;
	}
	snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
	p = tmp + strlen(tmp) - 1;
	while (p > tmp && *p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	buf_puts(out, tmp);
}

/* RFC 4180 quoting, only when needed. */
static void csv_field(buf *out, const char *s)
{
	const char *p;
	if (!strpbrk(s, ",\"\r\n")) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

/* Write out's bytes to f and empty it. */
static int flush_to(buf *out, FILE *f)
{
	int rc = out->len && fwrite(out->data, 1, out->len, f) != out->len ? -1 : 0;
	out->len = 0;
	return rc;
}

int opendata_indicators(FILE *f, const results *res)
{
	const records *recs = res->recs;
	const rules *r = res->rules;
	buf b = BUF_INIT, *out = &b;
	size_t i, k, j;
	int rc = 0;
	buf_puts(out, "path,level,name,period,indicator,numerator,denominator,value\n");
	for (i = 0; i < recs->nnodes && rc == 0; i++) {
		const node *n = recs->nodes[i];
		for (k = 0; k < res->nquarters; k++) {
			for (j = 0; j < r->nindicators; j++) {
				const ind_value *iv = results_value(res, n, k, j);
				if (!indicator_applies(&r->indicators[j], (int)n->kind))
					continue;
				csv_field(out, n->path);
				buf_putc(out, ',');
				buf_puts(out, node_kind_id(n->kind));
				buf_putc(out, ',');
				csv_field(out, n->name);
				buf_putc(out, ',');
				fmt_quarter_id(out, res->first_quarter + (int)k);
				buf_putc(out, ',');
				buf_puts(out, r->indicators[j].id);
				buf_putc(out, ',');
				opendata_number(out, iv->num, 4);
				buf_putc(out, ',');
				opendata_number(out, iv->den, 4);
				buf_putc(out, ',');
				opendata_number(out, iv->value, 4);
				buf_putc(out, '\n');
			}
		}
		if (out->len >= 1 << 16)
			rc = flush_to(out, f);
	}
	if (rc == 0)
		rc = flush_to(out, f);
	buf_release(&b);
	return rc;
}
