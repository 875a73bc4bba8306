/* parallel.c - tasks in forked worker processes (pages, files) and in threads (loading, Lua).
 *
 * The workers are forked after everything is loaded and computed, so they
 * share the records, results and compiled templates with the parent without
 * copying them. Tasks are handed out from a counter in shared memory; each
 * worker writes its diagnostics to its own temporary file, which the parent
 * reads back once the worker has exited. */
#define _GNU_SOURCE
#include "parallel.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

typedef struct shared {
	size_t next; /* the next task to hand out */
	size_t done; /* tasks finished */
	int stop; /* a task failed: take no more */
	size_t counters[]; /* PARALLEL_COUNTERS per worker */
} shared;

/* A diagnostic as a worker writes it to its log. */
typedef struct log_entry {
	int severity;
	int shared;
	unsigned line, column;
	uint32_t file_len; /* UINT32_MAX when there is no file */
	uint32_t message_len;
} log_entry;

static size_t thread_limit; /* 0: one per core */

void parallel_limit_threads(size_t n)
{
	thread_limit = n;
}

size_t parallel_threads(size_t items, size_t per_thread)
{
	const char *env = getenv("REKAP_THREADS");
	size_t n;
	if (env && *env) {
		n = (size_t)strtoul(env, NULL, 10);
	} else {
		n = (size_t)parallel_cores();
		if (thread_limit && n > thread_limit)
			n = thread_limit;
		if (per_thread && n > items / per_thread)
			n = items / per_thread;
	}
	if (n > items)
		n = items;
	return n > PARALLEL_THREADS_MAX ? PARALLEL_THREADS_MAX : n;
}

void parallel_each(void *items, size_t n, size_t size, void *(*fn)(void *))
{
	pthread_t *threads;
	unsigned char *started;
	size_t i;
	if (n == 0)
		return;
	threads = xcalloc(n, sizeof *threads);
	started = xcalloc(n, 1);
	for (i = 1; i < n; i++) {
		void *item = (char *)items + i * size;
		started[i] = pthread_create(&threads[i], NULL, fn, item) == 0;
		if (!started[i])
			fn(item); /* no thread: done here */
	}
	fn(items);
	for (i = 1; i < n; i++)
		if (started[i])
			pthread_join(threads[i], NULL);
	free(threads);
	free(started);
}

/* One run of parallel_ranges. */
typedef struct range_run {
	void *ctx;
	size_t (*fn)(void *ctx, size_t from, size_t to);
	size_t from, to, result;
} range_run;

static void *run_range(void *arg)
{
	range_run *r = arg;
	r->result = r->fn(r->ctx, r->from, r->to);
	return NULL;
}

size_t parallel_ranges(size_t n, size_t per_thread, void *ctx,
                       size_t (*fn)(void *ctx, size_t from, size_t to))
{
	size_t nthreads = parallel_threads(n, per_thread), i, sum = 0;
	range_run *runs;
	if (nthreads < 1)
		nthreads = 1;
	runs = xcalloc(nthreads, sizeof *runs);
	for (i = 0; i < nthreads; i++) {
		runs[i].ctx = ctx;
		runs[i].fn = fn;
		runs[i].from = n * i / nthreads;
		runs[i].to = n * (i + 1) / nthreads;
	}
	parallel_each(runs, nthreads, sizeof *runs, run_range);
	for (i = 0; i < nthreads; i++)
		sum += runs[i].result;
	free(runs);
	return sum;
}

/* What the threads of parallel_queue share: each thread's item is a
 * pointer to it. */
typedef struct queue {
	void *ctx;
	int (*fn)(void *ctx, size_t i);
	size_t n, next;
	int failed;
} queue;

static void *run_queue(void *arg)
{
	queue *q = *(queue **)arg;
	size_t i;
	while (!__atomic_load_n(&q->failed, __ATOMIC_RELAXED) &&
	       (i = __atomic_fetch_add(&q->next, 1, __ATOMIC_RELAXED)) < q->n)
		if (q->fn(q->ctx, i) != 0)
			__atomic_store_n(&q->failed, 1, __ATOMIC_RELAXED);
	return NULL;
}

int parallel_queue(size_t n, size_t nthreads, void *ctx, int (*fn)(void *ctx, size_t i))
{
	queue q = {ctx, fn, n, 0, 0};
	queue **threads;
	size_t i;
	if (nthreads < 1)
		nthreads = 1;
	threads = xcalloc(nthreads, sizeof *threads);
	for (i = 0; i < nthreads; i++)
		threads[i] = &q;
	parallel_each(threads, nthreads, sizeof *threads, run_queue);
	free(threads);
	return q.failed ? -1 : 0;
}

int parallel_cores(void)
{
#ifdef CPU_COUNT
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
#endif
	{
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		return n > 0 ? (int)n : 1;
	}
}

static int run_inline(const parallel_job *job, size_t *counters, diag_list *diags)
{
	size_t t;
	int rc = job->parent_work ? job->parent_work(job->ctx, diags) : 0;
	for (t = 0; t < job->ntasks && rc == 0; t++) {
		rc = job->run(job->ctx, t, counters, diags);
		if (job->tick)
			job->tick(job->ctx, t + 1, job->ntasks);
	}
	return rc;
}

static void log_diags(FILE *log, const diag_list *diags, size_t from)
{
	size_t i;
	for (i = from; i < diags->len; i++) {
		const diag *d = &diags->items[i];
		log_entry e;
		memset(&e, 0, sizeof e);
		e.severity = (int)d->severity;
		e.shared = d->shared;
		e.line = d->line;
		e.column = d->column;
		e.file_len = d->file ? (uint32_t)strlen(d->file) : UINT32_MAX;
		e.message_len = (uint32_t)strlen(d->message);
		fwrite(&e, sizeof e, 1, log);
		if (d->file)
			fwrite(d->file, 1, e.file_len, log);
		fwrite(d->message, 1, e.message_len, log);
	}
	fflush(log);
}

/* The body of a worker process; never returns. */
static void worker_main(const parallel_job *job, shared *sh, size_t w, FILE *log,
                        diag_list *diags, pid_t parent)
{
	size_t from = diags->len, *counters = sh->counters + w * PARALLEL_COUNTERS;
	int rc = 0;
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	if (getppid() != parent)
		_exit(1); /* the parent died before we could ask to follow it */
	while (rc == 0 && !__atomic_load_n(&sh->stop, __ATOMIC_RELAXED)) {
		size_t t = __atomic_fetch_add(&sh->next, 1, __ATOMIC_RELAXED);
		if (t >= job->ntasks)
			break;
		rc = job->run(job->ctx, t, counters, diags);
		__atomic_fetch_add(&sh->done, 1, __ATOMIC_RELAXED);
	}
	if (rc != 0)
		__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
	log_diags(log, diags, from);
	_exit(rc == 0 && ferror(log) == 0 ? 0 : 1);
}

/* Add the diagnostics a worker logged. */
static void read_log(FILE *log, diag_list *diags)
{
	log_entry e;
	diag_severity sev;
	diag *d;
	rewind(log);
	while (fread(&e, sizeof e, 1, log) == 1) {
		size_t flen = e.file_len == UINT32_MAX ? 0 : e.file_len;
		char *file = xmalloc(flen + 1), *msg = xmalloc((size_t)e.message_len + 1);
		if (fread(file, 1, flen, log) != flen || fread(msg, 1, e.message_len, log) != e.message_len) {
			free(file);
			free(msg);
			break;
		}
		file[flen] = msg[e.message_len] = '\0';
		sev = e.severity >= DIAG_WARNING && e.severity <= DIAG_WRITE_ERROR
		              ? (diag_severity)e.severity
		              : DIAG_ERROR;
		d = diag_add(diags, sev, e.file_len == UINT32_MAX ? NULL : file, e.line, e.column,
		             "%s", msg);
		d->shared = e.shared != 0;
		free(file);
		free(msg);
	}
}

/* Between two looks at the workers: short, as the stage ends when the last
 * of them does (a tenth of a second was a twentieth on average, after an
 * edit that keeps the rest of the stage under a second). */
static void pause_briefly(void)
{
	struct timespec ts = {0, 5 * 1000 * 1000};
	nanosleep(&ts, NULL);
}

/* Wait for every worker; returns -1 when one of them failed. */
static int wait_workers(const parallel_job *job, shared *sh, pid_t *pids, size_t started,
                        diag_list *diags)
{
	size_t live = started, w;
	int rc = 0;
	while (live > 0) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);
		if (pid == 0) {
			if (job->tick)
				job->tick(job->ctx, __atomic_load_n(&sh->done, __ATOMIC_RELAXED), job->ntasks);
			pause_briefly();
			continue;
		}
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (w = 0; w < started && pids[w] != pid; w++)
			;
		if (w == started)
			continue;
		pids[w] = 0;
		live--;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		rc = -1;
		__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
		if (WIFSIGNALED(status))
			diag_error(diags, NULL, 0, 0,
			           TR(diags->lang, "proses kerja %zu berhenti karena sinyal %d",
			              "worker process %zu stopped by signal %d"),
			           w + 1, WTERMSIG(status));
	}
	if (job->tick)
		job->tick(job->ctx, __atomic_load_n(&sh->done, __ATOMIC_RELAXED), job->ntasks);
	return rc;
}

unsigned char *parallel_flags_new(size_t n)
{
	void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p; /* zero-filled */
}

void parallel_flags_free(unsigned char *flags, size_t n)
{
	if (flags)
		munmap(flags, n ? n : 1);
}

int parallel_run(const parallel_job *job, size_t *counters, diag_list *diags)
{
	size_t workers = job->workers > 0 ? (size_t)job->workers : 1, w, started = 0, i;
	size_t bytes, errors_before = diags->errors;
	shared *sh;
	pid_t *pids, self = getpid();
	FILE **logs;
	int rc = 0;
	if (workers > job->ntasks)
		workers = job->ntasks;
	if (workers <= 1)
		return run_inline(job, counters, diags);
	bytes = sizeof *sh + workers * PARALLEL_COUNTERS * sizeof(size_t);
	sh = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return run_inline(job, counters, diags);
	memset(sh, 0, bytes);
	pids = xcalloc(workers, sizeof *pids);
	logs = xcalloc(workers, sizeof *logs);
	fflush(stdout);
	fflush(stderr);
	for (w = 0; w < workers; w++) {
		logs[w] = tmpfile();
		pids[w] = logs[w] ? fork() : -1;
		if (pids[w] == 0)
			worker_main(job, sh, w, logs[w], diags, self);
		if (pids[w] < 0) {
			diag_error(diags, NULL, 0, 0,
			           TR(diags->lang, "proses kerja tidak dapat dibuat: %s",
			              "worker process cannot be started: %s"),
			           strerror(errno));
			__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
			rc = -1;
			break;
		}
		started++;
	}
	if (rc == 0 && job->parent_work && job->parent_work(job->ctx, diags) != 0) {
		__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
		rc = -1;
	}
	if (wait_workers(job, sh, pids, started, diags) != 0)
		rc = -1;
	for (w = 0; w < workers; w++) {
		if (!logs[w])
			continue;
		read_log(logs[w], diags);
		fclose(logs[w]);
	}
	for (w = 0; w < started; w++)
		for (i = 0; i < PARALLEL_COUNTERS; i++)
			counters[i] += sh->counters[w * PARALLEL_COUNTERS + i];
	if (rc != 0 && diags->errors == errors_before)
		diag_error(diags, NULL, 0, 0, "%s",
		           TR(diags->lang, "proses kerja gagal tanpa pesan",
		              "a worker process failed without a message"));
	free(pids);
	free(logs);
	munmap(sh, bytes);
	return rc;
}
