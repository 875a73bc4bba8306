/* formula.h - indicators defined by a Lua function (rumus), with a read-only view of nodes, posts and periods. */
#ifndef REKAP_FORMULA_H
#define REKAP_FORMULA_H

#include "compute.h"

/* Evaluate every indicator defined with rumus = function(wilayah, periode)
 * for each node it applies to and each quarter of res, in the order the
 * indicators are defined, filling res->values. Every other indicator must
 * already be computed. Returns 0, or -1 after recording the first error
 * (naming the rule's file:line, the node and the quarter). */
int formula_eval(results *res, rules *r, diag_list *diags);

#endif
