/* scaffold.h - `rekap new`: a new, valid record folder whose files explain themselves. */
#ifndef REKAP_SCAFFOLD_H
#define REKAP_SCAFFOLD_H

#include "diag.h"
#include "rules.h"

/* Create the folder path for a node of kind ("provinsi", "kabupaten", "kota",
 * "puskesmas" or "pos") with its .md file (and, for a post, laporan.csv with
 * the columns the rules r declare, and kader.csv). The parent folder must exist and be of the kind above; codes
 * are filled in from the parent's and not used by a sibling; today is the
 * formation date of a post (days since 1970-01-01). Never overwrites: returns
 * -1 with a diagnostic when path exists or is not acceptable, else 0. */
int scaffold_new(const char *kind, const char *path, const rules *r, int today,
                 diag_list *diags);

#endif
