/* icd10.c - the bundled list of ICD-10 chapters (code ranges only) that penyakit.csv codes are checked against. */
#include "icd10.h"

#include <ctype.h>
#include <stddef.h>

/* The chapters of ICD-10 (WHO, 2019 edition) by the categories they span,
 * first and last inclusive. Only the ranges are kept: names of diseases are
 * written by the user and shown as written. */
static const struct {
	const char *first, *last;
} chapters[] = {
	{"A00", "B99"}, /* I    certain infectious and parasitic diseases */
	{"C00", "D48"}, /* II   neoplasms */
	{"D50", "D89"}, /* III  blood and immune mechanism */
	{"E00", "E90"}, /* IV   endocrine, nutritional and metabolic */
	{"F00", "F99"}, /* V    mental and behavioural */
	{"G00", "G99"}, /* VI   nervous system */
	{"H00", "H59"}, /* VII  eye and adnexa */
	{"H60", "H95"}, /* VIII ear and mastoid process */
	{"I00", "I99"}, /* IX   circulatory system */
	{"J00", "J99"}, /* X    respiratory system */
	{"K00", "K93"}, /* XI   digestive system */
	{"L00", "L99"}, /* XII  skin and subcutaneous tissue */
	{"M00", "M99"}, /* XIII musculoskeletal system and connective tissue */
	{"N00", "N99"}, /* XIV  genitourinary system */
	{"O00", "O99"}, /* XV   pregnancy, childbirth and the puerperium */
	{"P00", "P96"}, /* XVI  perinatal period */
	{"Q00", "Q99"}, /* XVII congenital malformations */
	{"R00", "R99"}, /* XVIII symptoms, signs and abnormal findings */
	{"S00", "T98"}, /* XIX  injury, poisoning and external causes' consequences */
	{"V01", "Y98"}, /* XX   external causes of morbidity and mortality */
	{"Z00", "Z99"}, /* XXI  factors influencing health status */
	{"U00", "U85"}, /* XXII codes for special purposes */
};

int icd10_well_formed(const char *s)
{
	if (!isupper((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]))
		return 0;
	if (s[3] == '\0')
		return 1;
	if (s[3] != '.' || !isdigit((unsigned char)s[4]))
		return 0;
	return s[5] == '\0' || (isdigit((unsigned char)s[5]) && s[6] == '\0');
}

/* Order of two categories "A00".."Z99": letter, then number. */
static int category_cmp(const char *a, const char *b)
{
	int i;
	for (i = 0; i < 3; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	return 0;
}

int icd10_chapter(const char *code)
{
	size_t i;
	for (i = 0; i < sizeof chapters / sizeof *chapters; i++)
		if (category_cmp(code, chapters[i].first) >= 0 &&
		    category_cmp(code, chapters[i].last) <= 0)
			return (int)i + 1;
	return 0;
}
