/* node_kind.h - the levels of the records tree (national, province, district, puskesmas, post), shared by records and rules. */
#ifndef REKAP_NODE_KIND_H
#define REKAP_NODE_KIND_H

typedef enum {
	NODE_ROOT,
	NODE_PROVINSI,
	NODE_KABUPATEN,
	NODE_KOTA,
	NODE_PUSKESMAS,
	NODE_POS
} node_kind;

/* The level as records and rules spell it ("root", "provinsi", "kabupaten",
 * "kota", "puskesmas", "pos"): a static string. */
const char *node_kind_id(node_kind k);

#endif
