/* opendata.c - the open-data CSV files written under site/data/. */
#include "opendata.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "locale.h"

void opendata_number(buf *out, double v, int decimals)
{
	char tmp[64];
	char *p;
	if (isnan(v))
		return;
	if (v == floor(v) && fabs(v) < 1e15) {
		if (v == 0)
			buf_puts(out, signbit(v) ? "-0" : "0");
		else
			buf_put_int(out, (long long)v);
		return;
	}
	fmt_fixed(tmp, sizeof tmp, v, decimals);
	p = tmp + strlen(tmp) - 1;
	while (p > tmp && *p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	buf_puts(out, tmp);
}

/* Write out's bytes to f and empty it. */
static int flush_to(buf *out, FILE *f)
{
	int rc = out->len && fwrite(out->data, 1, out->len, f) != out->len ? -1 : 0;
	out->len = 0;
	return rc;
}

/* The rows of one node. */
static void node_rows(buf *out, const results *res, const node *n)
{
	const rules *r = res->rules;
	size_t k, j;
	for (k = 0; k < res->nquarters; k++) {
		for (j = 0; j < r->nindicators; j++) {
			const ind_value *iv = results_value(res, n, k, j);
			if (!indicator_applies(&r->indicators[j], n->kind))
				continue;
			esc_csv(out, n->path, strlen(n->path));
			buf_putc(out, ',');
			buf_puts(out, node_kind_id(n->kind));
			buf_putc(out, ',');
			esc_csv(out, n->name, strlen(n->name));
			buf_putc(out, ',');
			period_format_quarter(out, res->first_quarter + (int)k);
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
}

const node *opendata_province(const node *n)
{
	while (n && n->kind != NODE_PROVINSI)
		n = n->parent;
	return n;
}

char *opendata_file(const node *province)
{
	return province ? xasprintf("data/%s/" OPENDATA_NAME, province->slug)
	                : xstrdup("data/" OPENDATA_NAME);
}

/* The rows of n and, in pre-order, of the nodes below it; in the national
 * file only down to the districts. */
static int subtree_rows(buf *out, FILE *f, const results *res, const node *n, int national)
{
	size_t c;
	int rc = 0;
	if (national && n->kind == NODE_PUSKESMAS)
		return 0;
	node_rows(out, res, n);
	if (out->len >= 1 << 16)
		rc = flush_to(out, f);
	for (c = 0; c < n->nchildren && rc == 0; c++)
		rc = subtree_rows(out, f, res, n->children[c], national);
	return rc;
}

/* The rows subtree_rows writes for n and below it. */
static size_t subtree_count(const results *res, const node *n, int national)
{
	const rules *r = res->rules;
	size_t rows = 0, c, j;
	if (national && n->kind == NODE_PUSKESMAS)
		return 0;
	for (j = 0; j < r->nindicators; j++)
		rows += indicator_applies(&r->indicators[j], n->kind) ? res->nquarters : 0;
	for (c = 0; c < n->nchildren; c++)
		rows += subtree_count(res, n->children[c], national);
	return rows;
}

const node *opendata_owner(const records *recs, const node *n)
{
	const node *p = opendata_province(n);
	return p ? p : recs->root;
}

size_t *opendata_file_rows(const results *res)
{
	const records *recs = res->recs;
	size_t *rows = xcalloc(recs->nnodes ? recs->nnodes : 1, sizeof *rows);
	size_t i;
	for (i = 0; i < recs->nnodes; i++) {
		const node *nd = recs->nodes[i];
		if (nd->kind == NODE_ROOT || nd->kind == NODE_PROVINSI)
			rows[i] = subtree_count(res, nd, nd->kind == NODE_ROOT);
	}
	return rows;
}

int opendata_indicators(FILE *f, const results *res, const node *province)
{
	buf b = BUF_INIT;
	int rc;
	buf_puts(&b, "path,level,name,period,indicator,numerator,denominator,value\n");
	rc = subtree_rows(&b, f, res, province ? province : res->recs->root, province == NULL);
	if (rc == 0)
		rc = flush_to(&b, f);
	buf_release(&b);
	return rc ? -1 : 0;
}
