/* node_kind.c - the names, depths and code shapes of the levels of the records tree. */
#include "node_kind.h"

#include <string.h>

#include "util.h"

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

int node_kind_code_well_formed(node_kind kind, const char *c)
{
	switch (kind) {
	case NODE_PROVINSI:
		return strlen(c) == 2 && str_all_digits(c, 2);
	case NODE_KABUPATEN:
	case NODE_KOTA:
		return strlen(c) == 5 && str_all_digits(c, 2) && c[2] == '.' &&
		       str_all_digits(c + 3, 2);
	case NODE_PUSKESMAS:
		return strlen(c) == 11 && c[0] == 'P' && str_all_digits(c + 1, 10);
	default:
		return 1;
	}
}
