/* kader.h - reading a post's kader.csv (its cadres). */
#ifndef REKAP_KADER_H
#define REKAP_KADER_H

#include "loader.h"

/* Read dir/kader.csv into n's cadres, every problem reported; quiet: as
 * for laporan_read. */
void kader_read(loader *ld, node *n, const char *dir, int quiet);

#endif
