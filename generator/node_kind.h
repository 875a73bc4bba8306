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

/* A district's Kemendagri code is "PP.NN": NN from 01 to 69 a kabupaten
 * (KOTA_CODE_MIN - 2), from KOTA_CODE_MIN to 99 a kota; 70 is not given. */
#define KOTA_CODE_MIN 71

/* The level as records and rules spell it ("root", "provinsi", "kabupaten",
 * "kota", "puskesmas", "pos"): a static string. */
const char *node_kind_id(node_kind k);

/* How deep nodes of kind k lie: the root 0, a province 1, a district 2,
 * a puskesmas 3, a post NODE_DEPTH_MAX. */
#define NODE_DEPTH_MAX 4
int node_kind_depth(node_kind k);

/* Whether a Kemendagri code has the shape of its level: "64" for a
 * province, "64.74" for a district, "P" and ten digits for a puskesmas
 * (codes of the other levels: always). */
int node_kind_code_well_formed(node_kind kind, const char *code);

#endif
