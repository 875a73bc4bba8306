/* node_kind.c - the names and depths of the levels of the records tree. */
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

int node_kind_depth(node_kind k)
{
	switch (k) {
	case NODE_ROOT:
		return 0;
	case NODE_PROVINSI:
		return 1;
	case NODE_KABUPATEN:
	case NODE_KOTA:
		return 2;
	case NODE_PUSKESMAS:
		return 3;
	case NODE_POS:
		break;
	}
	return NODE_DEPTH_MAX;
}
