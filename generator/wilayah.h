/* wilayah.h - the Kemendagri region list (data/wilayah/): province and district codes and names that records are checked against. */
#ifndef REKAP_WILAYAH_H
#define REKAP_WILAYAH_H

#include "diag.h"
#include "records.h"

/* One region of the list: "64" Kalimantan Timur, "64.74" Kota Bontang; for
 * a code changed by the 2022 Papua split, the old code and its new one. */
typedef struct wilayah_entry {
	const char *code, *name;
	const char *new_code; /* moved entries only */
} wilayah_entry;

typedef struct wilayah {
	arena *arena;
	const char *dir;
	wilayah_entry *provinces, *districts, *moved; /* each sorted by code */
	size_t nprovinces, ndistricts, nmoved;
} wilayah;

/* The folder of the list for a rules folder: data/wilayah beside it
 * ("lua" -> "data/wilayah", "/x/lua" -> "/x/data/wilayah"). Caller frees. */
char *wilayah_dir_for(const char *rules_dir);

/* Read provinces.csv, regencies.csv and papua-2022.csv of dir. Returns NULL
 * when dir has no provinces.csv (nothing reported: the caller says so once);
 * a list that cannot be read is reported as an error at its file:line. */
wilayah *wilayah_load(const char *dir, diag_list *diags);
void wilayah_free(wilayah *w);

/* Check the kode and nama of every province and district of recs: an
 * unknown code, an old Papua code or a name other than the official one is
 * a warning at the field's file:line:column. */
void wilayah_check(const wilayah *w, const records *recs, diag_list *diags);

/* The official region a new folder named name (e.g. "Kota Samarinda",
 * "samarinda") stands for: a province (parent_code NULL), or a district of
 * the province parent_code, a kota (kode 71-99) or a kabupaten (01-69) as
 * kind says. NULL when the list has none, or more than one. */
const wilayah_entry *wilayah_find_name(const wilayah *w, node_kind kind, const char *parent_code,
                                       const char *name);
/* Whether code is a province or district code of the list. */
int wilayah_has_code(const wilayah *w, const char *code);

/* Whether a record's name is the official one: case and runs of spaces
 * ignored; a district's "Kabupaten "/"Kota " and a province's "Provinsi "
 * may be left out. Exposed for the unit tests. */
int wilayah_name_matches(const char *written, const char *official, node_kind kind);

#endif
