/* test_parallel.c - unit tests of generator/parallel.c's runs over ranges and its queue: every item once, whatever the number of threads, the counts summed, and a failure stopping the queue. */
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

/* What take counts the items of, and where it fails. */
typedef struct queue_seen {
	unsigned char *seen;
	size_t fail_at; /* (size_t)-1: never */
} queue_seen;

static int take(void *ctx, size_t i)
{
	queue_seen *q = ctx;
	__atomic_fetch_add(&q->seen[i], 1, __ATOMIC_RELAXED);
	return i == q->fail_at;
}

/* nthreads threads take n items: each exactly once when none fails. */
static void test_queue(size_t nthreads, size_t n)
{
	queue_seen q;
	size_t i, once = 0;
	q.seen = calloc(n ? n : 1, 1);
	q.fail_at = (size_t)-1;
	CHECK(parallel_queue(n, nthreads, &q, take) == 0);
	for (i = 0; i < n; i++)
		once += q.seen[i] == 1;
	CHECK(once == n);
	free(q.seen);
}

/* The item that fails makes the queue fail, and in one thread no item
 * after it is taken. */
static void test_queue_failure(void)
{
	queue_seen q;
	size_t i, after = 0;
	q.seen = calloc(ITEMS, 1);
	q.fail_at = 10;
	CHECK(parallel_queue(ITEMS, 1, &q, take) == -1);
	CHECK(q.seen[10] == 1);
	for (i = 11; i < ITEMS; i++)
		after += q.seen[i];
	CHECK(after == 0);
	memset(q.seen, 0, ITEMS);
	CHECK(parallel_queue(ITEMS, 4, &q, take) == -1);
	CHECK(q.seen[10] == 1);
	free(q.seen);
}

int main(void)
{
	test_queue(1, ITEMS);
	test_queue(2, ITEMS);
	test_queue(8, 3); /* more threads than items */
	test_queue(2, 0);
	test_queue(0, 5); /* no thread asked for: the calling one */
	test_queue_failure();
	test_ranges("1", ITEMS);
	test_ranges("2", ITEMS);
	test_ranges("3", ITEMS); /* runs of unequal length */
	test_ranges("8", 5); /* more threads than items: one item each */
	test_ranges("2", 0); /* nothing to do: fn called on an empty run */
	printf("%d checks, %d failed\n", checks, failures);
	return failures != 0;
}
