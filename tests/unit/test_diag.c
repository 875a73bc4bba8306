/* test_diag.c - unit tests of generator/diag.c: diagnostics moved between lists. */
#include <string.h>

#include "check.h"
#include "diag.h"

/* Diagnostics moved from one list to the end of another. */
static void test_diag_move(void)
{
	diag_list x, y;
	diag_list_init(&x);
	diag_list_init(&y);
	diag_warning(&x, "a.csv", 1, 1, "satu");
	diag_error(&y, "b.csv", 2, 3, "dua");
	diag_warning(&y, "b.csv", 4, 0, "tiga");
	diag_list_move(&x, &y);
	CHECK(x.len == 3 && x.errors == 1 && x.warnings == 2);
	CHECK(y.len == 0 && y.errors == 0 && y.warnings == 0 && y.items == NULL);
	CHECK_STR(x.items[1].message, "dua");
	CHECK(x.items[2].line == 4);
	diag_list_release(&x);
	diag_list_release(&y);
}

int main(void)
{
	test_diag_move();
	return check_done("test_diag");
}
