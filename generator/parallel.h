/* parallel.h - tasks in forked worker processes (pages, files) and in threads (loading, Lua). */
#ifndef REKAP_PARALLEL_H
#define REKAP_PARALLEL_H

#include "diag.h"

/* Counters a task adds to (pages, workbooks, files...); summed over workers. */
#define PARALLEL_COUNTERS 4

/* One task: returns 0, or -1 after recording a diagnostic. A worker stops
 * taking tasks once any task failed. */
typedef int (*parallel_fn)(void *ctx, size_t task, size_t *counters, diag_list *diags);
/* Called in the parent now and then with the number of tasks finished. */
typedef void (*parallel_tick)(void *ctx, size_t done, size_t total);

typedef struct parallel_job {
	size_t ntasks;
	int workers; /* 1 runs every task in this process */
	parallel_fn run;
	parallel_tick tick; /* may be NULL */
	void *ctx;
	/* Work the parent does itself while the workers run (may be NULL):
	 * returns 0 or -1. */
	int (*parent_work)(void *ctx, diag_list *diags);
} parallel_job;

/* Run every task, tasks handed out one at a time from a shared counter so
 * that slow tasks do not hold up the others. Diagnostics of the workers are
 * added to diags; counters (PARALLEL_COUNTERS) receive the sums. Workers die
 * with the parent. Returns 0 when every task succeeded, -1 otherwise. */
int parallel_run(const parallel_job *job, size_t *counters, diag_list *diags);

/* n flags, zero at first, that tasks set in worker processes and the
 * parent reads afterwards; NULL when they cannot be shared. */
unsigned char *parallel_flags_new(size_t n);
void parallel_flags_free(unsigned char *flags, size_t n);

/* The number of CPU cores available, at least 1. */
int parallel_cores(void);

/* How many threads share items, each taking at least per_thread of them:
 * one per core (REKAP_THREADS overrides it, for tests, taking effect
 * whatever the number of items), never more than items nor 8. 0 or 1
 * means: do it in the calling thread. */
size_t parallel_threads(size_t items, size_t per_thread);
/* At most n threads from now on (build --jobs N); 0 lifts the limit. */
void parallel_limit_threads(size_t n);
/* Run fn on each of the n items of an array (item i at (char *)items +
 * i * size): item 0 in the calling thread, every other in a thread of its
 * own, or in the calling thread when no thread can start. Returns when all
 * are done. */
void parallel_each(void *items, size_t n, size_t size, void *(*fn)(void *));
/* Run fn over the items [0, n) split into one run of neighbours per
 * thread (parallel_threads(n, per_thread), at least one): fn(ctx, from,
 * to) for each run [from, to), at once. Returns the sum of what the calls
 * returned (a count, or 0). */
size_t parallel_ranges(size_t n, size_t per_thread, void *ctx,
                       size_t (*fn)(void *ctx, size_t from, size_t to));
/* Run fn(ctx, i) for every i in [0, n), each of nthreads threads (at
 * least one: the calling thread) taking the next i from a shared counter,
 * so that items of unequal cost even out. No item is handed out once a
 * call returned nonzero. Returns 0, or -1 when a call did. */
int parallel_queue(size_t n, size_t nthreads, void *ctx, int (*fn)(void *ctx, size_t i));
#define PARALLEL_THREADS_MAX 8

#endif
