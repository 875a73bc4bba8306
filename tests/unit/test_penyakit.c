/* test_penyakit.c - unit tests of generator/penyakit.c: the ICD-10 chapters penyakit.csv codes are checked against. */
#include "check.h"
#include "penyakit.h"

/* Both ends of a chapter belong to it, the gaps between chapters to none. */
static void test_icd10_chapters(void)
{
	CHECK(icd10_chapter("A00") == 1 && icd10_chapter("B99") == 1);
	CHECK(icd10_chapter("D48.9") == 2 && icd10_chapter("D49") == 0);
	CHECK(icd10_chapter("D50") == 3 && icd10_chapter("E90") == 4 && icd10_chapter("E91") == 0);
	CHECK(icd10_chapter("H59") == 7 && icd10_chapter("H60") == 8 && icd10_chapter("H96") == 0);
	CHECK(icd10_chapter("J06.9") == 10 && icd10_chapter("K94") == 0);
	CHECK(icd10_chapter("S00") == 19 && icd10_chapter("T98") == 19 && icd10_chapter("T99") == 0);
	CHECK(icd10_chapter("V00") == 0 && icd10_chapter("V01") == 20 && icd10_chapter("Y98") == 20);
	CHECK(icd10_chapter("Y99") == 0 && icd10_chapter("Z99") == 21);
	CHECK(icd10_chapter("U85") == 22 && icd10_chapter("U86") == 0);
	CHECK(icd10_well_formed("J06") && icd10_well_formed("J06.9") && icd10_well_formed("M54.16"));
	CHECK(!icd10_well_formed("J069") && !icd10_well_formed("j06") && !icd10_well_formed("J06.") &&
	      !icd10_well_formed("J6") && !icd10_well_formed("J06.123") && !icd10_well_formed(""));
}

int main(void)
{
	test_icd10_chapters();
	return check_done("test_penyakit");
}
