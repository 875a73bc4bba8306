/* csv_reference.h - the byte-at-a-time CSV reader kept as a reference for fuzz_csv. */
#ifndef REKAP_CSV_REFERENCE_H
#define REKAP_CSV_REFERENCE_H

#include "csvread.h"

/* csvr_parse as it was before it fed libcsv in chunks, for text that
 * utf8_check accepts whole (the check before the parse is the same code in
 * both, so only such text is compared). */
int csvr_parse_reference(const char *file, const char *data, size_t len, csv_table *t,
                         diag_list *diags);

#endif
