/* results.c - the store of computed results and the accessors every later stage reads it through. */
#include "results.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void results_release(results *res)
{
	size_t i;
	/* the clones hold the assessments' texts: freed with the results */
	for (i = 1; i < res->nrules_used; i++)
		rules_free(res->rules_used[i]);
	free(res->rules_used);
	if (res->image) {
		munmap(res->image, res->image_len);
	} else {
		free(res->values);
		free(res->post_q);
		free(res->inexact);
	}
	free(res->post_number);
	free(res->assessments);
	free(res->level_counts);
	free(res->cadre_counts);
	if (res->notes)
		for (i = 0; i < res->recs->nnodes * res->rules->nindicators; i++)
			free(res->notes[i]);
	free(res->notes);
	free(res->violations);
	if (res->strings)
		arena_free(res->strings);
	memset(res, 0, sizeof *res);
}

const ind_value *results_value(const results *res, const node *n, size_t quarter,
                               size_t ind)
{
	return &res->values[(n->index * res->nquarters + quarter) * res->rules->nindicators +
	                    ind];
}

const char *results_note(const results *res, const node *n, size_t ind)
{
	return res->notes ? res->notes[n->index * res->rules->nindicators + ind] : NULL;
}

const double *results_post_quantities(const results *res, const node *post, size_t quarter)
{
	size_t p = res->post_number[post->index];
	if (!res->nquarters)
		return NULL;
	return res->post_q + (p * res->nquarters + quarter) * res->rules->nquantities;
}

const assessment *results_assessment(const results *res, const node *post)
{
	size_t p = res->post_number[post->index];
	return p == (size_t)-1 ? NULL : &res->assessments[p];
}

/* First violation whose post comes at or after pre-order position idx. */
static size_t violations_from(const results *res, size_t idx)
{
	size_t lo = 0, hi = res->nviolations;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (res->violations[mid].post->index < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void results_violations_below(const results *res, const node *n, size_t *begin, size_t *end)
{
	const node *last = n;
	while (last->nchildren)
		last = last->children[last->nchildren - 1];
	*begin = violations_from(res, n->index);
	*end = violations_from(res, last->index + 1);
}

int violation_in_quarter(const results *res, const violation *v, size_t k)
{
	int q = v->monthly ? QUARTER_OF_MONTH(v->period) : v->period;
	return q == res->first_quarter + (int)k;
}
