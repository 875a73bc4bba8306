/* scaffold.h - `rekap new`: a new, valid record folder whose files explain themselves. */
#ifndef REKAP_SCAFFOLD_H
#define REKAP_SCAFFOLD_H

#include "diag.h"
#include "rules.h"

/* Create the folder path for a node of kind ("provinsi", "kabupaten", "kota",
 * "puskesmas" or "pos") with its .md file (and, for a post, laporan.csv with
 * the columns the rules r declare, kader.csv and penyakit.csv). The parent
 * folder must exist and be of the kind above. A province or district whose
 * folder name is in the Kemendagri region list beside rules_dir gets its
 * official code and name; other codes are filled in from the parent's and
 * not used by a sibling (nor, for regions, by another region of the list).
 * today is the formation date of a post (days since 1970-01-01). Never
 * overwrites: returns -1 with a diagnostic when path exists or is not
 * acceptable, else 0. */
int scaffold_new(const char *kind, const char *path, const rules *r, const char *rules_dir,
                 int today, diag_list *diags);

#endif
