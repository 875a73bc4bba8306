/* node_kind.c - the names of the levels of the records tree. */
#include "node_kind.h"

const char *node_kind_id(node_kind k)
{
	switch (k) {
	case NODE_ROOT:
		return "root";
	case NODE_PROVINSI:
		return "provinsi";
	case NODE_KABUPATEN:
		return "kabupaten";
	case NODE_KOTA:
		return "kota";
	case NODE_PUSKESMAS:
		return "puskesmas";
	case NODE_POS:
		return "pos";
	}
	return "?";
}
