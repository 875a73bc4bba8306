/* opendata.c - the open-data CSV files written under site/data/. */
#define _GNU_SOURCE /* copy_file_range */
#include "opendata.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

/* Whether the previous file holds exactly these len bytes at off. */
static int prev_has(int fd, uint64_t off, const char *data, size_t len)
{
	char chunk[65536];
	while (len > 0) {
		size_t n = len < sizeof chunk ? len : sizeof chunk;
		if (pread(fd, chunk, n, (off_t)off) != (ssize_t)n || memcmp(chunk, data, n) != 0)
			return 0;
		off += n;
		data += n;
		len -= n;
	}
	return 1;
}

/* Append len bytes of the previous file from off: copied by the kernel
 * where it can, through a buffer otherwise. */
static int copy_prev(FILE *f, int fd, uint64_t off, uint64_t len)
{
	char chunk[65536];
	off_t from = (off_t)off;
	if (fflush(f) != 0)
		return -1;
	while (len > 0) {
		ssize_t n = copy_file_range(fd, &from, fileno(f), NULL, len, 0);
		if (n <= 0)
			break;
		len -= (uint64_t)n;
	}
	while (len > 0) {
		size_t want = len < sizeof chunk ? (size_t)len : sizeof chunk;
		ssize_t n = pread(fd, chunk, want, (off_t)from);
		if (n <= 0 || write(fileno(f), chunk, (size_t)n) != n)
			return -1;
		from += n;
		len -= (uint64_t)n;
	}
	return 0;
}

int opendata_indicators(FILE *f, const results *res, const opendata_prev *prev,
                        opendata_layout *layout)
{
	const records *recs = res->recs;
	buf b = BUF_INIT, *out = &b;
	size_t i;
	uint64_t pos, run_from = 0, run_len = 0;
	int rc = 0, fd = prev ? prev->fd : -1;
	layout->same = fd >= 0;
	buf_puts(out, "path,level,name,period,indicator,numerator,denominator,value\n");
	pos = out->len;
	if (layout->same && !prev_has(fd, 0, out->data, out->len))
		layout->same = 0;
	for (i = 0; i < recs->nnodes && rc == 0; i++) {
		uint64_t from = fd >= 0 ? prev->start[i] : OPENDATA_UNKNOWN;
		layout->start[i] = pos;
		if (from != OPENDATA_UNKNOWN) {
			/* unchanged: its bytes come from the previous file */
			uint64_t len = prev->len[i];
			if (run_len && run_from + run_len != from) {
				rc = flush_to(out, f) || copy_prev(f, fd, run_from, run_len);
				run_len = 0;
			}
			if (!run_len) {
				rc = rc || flush_to(out, f);
				run_from = from;
			}
			run_len += len;
			layout->len[i] = len;
			layout->same = layout->same && from == pos;
			pos += len;
			continue;
		}
		if (run_len) {
			rc = copy_prev(f, fd, run_from, run_len);
			run_len = 0;
		}
		{
			size_t before = out->len;
			node_rows(out, res, recs->nodes[i]);
			layout->len[i] = out->len - before;
			if (layout->same)
				layout->same = prev_has(fd, pos, out->data + before, out->len - before);
			pos += layout->len[i];
		}
		if (out->len >= 1 << 16)
			rc = rc || flush_to(out, f);
	}
	if (rc == 0 && run_len)
		rc = copy_prev(f, fd, run_from, run_len);
	if (rc == 0)
		rc = flush_to(out, f);
	if (layout->same) {
		/* nothing may follow in the previous file */
		char c;
		layout->same = pread(fd, &c, 1, (off_t)pos) == 0;
	}
	buf_release(&b);
	return rc ? -1 : 0;
}
