/* test_opendata.c - unit tests of generator/opendata.c: numbers as the open data writes them. */
#include <math.h>

#include "check.h"
#include "opendata.h"

static void test_opendata_numbers(void)
{
	buf b = BUF_INIT;
	opendata_number(&b, 21.0 / 115.0 * 100, 4);
	CHECK_STR(check_take(&b), "18.2609");
	opendata_number(&b, 100, 4);
	CHECK_STR(check_take(&b), "100");
	opendata_number(&b, 62.5, 4);
	CHECK_STR(check_take(&b), "62.5");
	opendata_number(&b, NAN, 4);
	CHECK_STR(check_take(&b), "");
	buf_release(&b);
}

int main(void)
{
	test_opendata_numbers();
	return check_done("test_opendata");
}
