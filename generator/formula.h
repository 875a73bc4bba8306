/* formula.h - indicators defined by a Lua function (rumus), with a read-only view of nodes, posts and periods. */
#ifndef REKAP_FORMULA_H
#define REKAP_FORMULA_H

#include "results.h"

/* Evaluate indicator which, defined with rumus = function(wilayah, periode)
 * for the nodes [from, to) of the pre-order it applies to and each quarter
 * of res, with the Lua state of r, filling res->values. The indicators
 * before it must already be computed; nodes do not depend on each other,
 * so ranges can be evaluated at once by rules of their own (rules_clone).
 * Returns 0, or -1 after recording the first error (naming the rule's
 * file:line, the node and the quarter). */
int formula_eval_nodes(results *res, rules *r, size_t which, size_t from, size_t to,
                       diag_list *diags);

#endif
