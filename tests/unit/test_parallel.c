/* test_parallel.c - unit tests of generator/parallel.c's runs over ranges: every item once, whatever the number of threads, and the counts summed. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "parallel.h"

#define ITEMS 1000

/* Marks each item of its run, and counts those of odd index. */
static size_t visit(void *ctx, size_t from, size_t to)
{
	unsigned char *seen = ctx;
	size_t i, odd = 0;
	for (i = from; i < to; i++) {
		__atomic_fetch_add(&seen[i], 1, __ATOMIC_RELAXED);
		odd += i % 2;
	}
	return odd;
}

/* With threads (REKAP_THREADS) t: each of n items visited exactly once,
 * and the counts of the runs summed. */
static void test_ranges(const char *threads, size_t n)
{
	unsigned char *seen = calloc(n ? n : 1, 1);
	size_t i, once = 0;
	setenv("REKAP_THREADS", threads, 1);
	CHECK(parallel_ranges(n, 1, seen, visit) == n / 2);
	for (i = 0; i < n; i++)
		once += seen[i] == 1;
	CHECK(once == n);
	free(seen);
}

int main(void)
{
	test_ranges("1", ITEMS);
	test_ranges("2", ITEMS);
	test_ranges("3", ITEMS); /* runs of unequal length */
	test_ranges("8", 5); /* more threads than items: one item each */
	test_ranges("2", 0); /* nothing to do: fn called on an empty run */
	printf("%d checks, %d failed\n", checks, failures);
	return failures != 0;
}
