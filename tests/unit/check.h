/* check.h - the checks the unit tests share: each failure printed at file:line with the values, and counted. */
#ifndef REKAP_TEST_CHECK_H
#define REKAP_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "util.h"

/* One pair per test program: every check run, and those that failed. */
static int checks __attribute__((unused)), failures;

/* Counts a failure at file:line; the caller prints what differed. */
static inline void check_failed(const char *file, int line)
{
	failures++;
	fprintf(stderr, "%s:%d: ", file, line);
}

/* cond holds. */
#define CHECK(cond)                                                              \
	do {                                                                     \
		checks++;                                                        \
		if (!(cond)) {                                                   \
			check_failed(__FILE__, __LINE__);                        \
			fprintf(stderr, "check failed: %s\n", #cond);            \
		}                                                                \
	} while (0)

/* Two NUL-terminated strings are equal. */
#define CHECK_STR(got, want)                                                     \
	do {                                                                     \
		const char *g_ = (got), *w_ = (want);                            \
		checks++;                                                        \
		if (strcmp(g_, w_) != 0) {                                       \
			check_failed(__FILE__, __LINE__);                        \
			fprintf(stderr, "got \"%s\", want \"%s\"\n", g_, w_);    \
		}                                                                \
	} while (0)

/* Two integers are equal. */
#define CHECK_INT(got, want)                                                     \
	do {                                                                     \
		long long g_ = (long long)(got), w_ = (long long)(want);         \
		checks++;                                                        \
		if (g_ != w_) {                                                  \
			check_failed(__FILE__, __LINE__);                        \
			fprintf(stderr, "%s is %lld, want %lld\n", #got, g_, w_); \
		}                                                                \
	} while (0)

/* The n bytes at got (NULs included) are the wn bytes at want. */
#define CHECK_MEM(got, n, want, wn) check_mem(__FILE__, __LINE__, got, n, want, wn)

static inline void check_mem(const char *file, int line, const char *got, size_t n, const char *want,
                             size_t wn)
{
	checks++;
	if (n != wn || memcmp(got, want, wn) != 0) {
		check_failed(file, line);
		fprintf(stderr, "got \"%.*s\" (%zu bytes), want \"%.*s\" (%zu bytes)\n", (int)n, got, n,
		        (int)wn, want, wn);
	}
}

/* The text of b, which is emptied for the next value (up to 127 bytes). */
static inline const char *check_take(buf *b)
{
	static char out[128];
	snprintf(out, sizeof out, "%s", buf_cstr(b));
	buf_reset(b);
	return out;
}

/* Writes text to path, replacing what is there. */
static inline void check_write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The end of a test program: its summary line and its exit status. */
static inline int check_done(const char *program)
{
	printf("%s: %d checks, %d failed\n", program, checks, failures);
	return failures ? 1 : 0;
}

#endif
