/* formula.h - indicators defined by a Lua function (rumus), with a read-only view of nodes, posts and periods. */
#ifndef REKAP_FORMULA_H
#define REKAP_FORMULA_H

#include "results.h"

/* What evaluations reached beyond the subtree of the node evaluated, for
 * the results cache: set, never cleared. */
typedef struct formula_reach {
	int outside; /* a node outside that subtree (its parent, or one kept from
	              * another evaluation) was used */
	unsigned char *reads; /* [indicator]: 1 when the nilai of that rumus
	                       * indicator was read (rules->nindicators entries) */
} formula_reach;

/* Evaluate indicator which, defined with rumus = function(wilayah, periode),
 * for the units units[from, to), each a node index times res->nquarters
 * plus a quarter (in the order evaluated one after another: by node, then
 * quarter), with the Lua state of r, filling res->values. The indicators
 * before it must already be computed; units do not depend on each other,
 * so ranges can be evaluated at once by rules of their own (rules_clone).
 * What the evaluations reached is added to *reach. Returns 0, or -1 after
 * recording the first error (naming the rule's file:line, the node and
 * the quarter). */
int formula_eval_units(results *res, rules *r, size_t which, const size_t *units, size_t from,
                       size_t to, formula_reach *reach, diag_list *diags);

#endif
