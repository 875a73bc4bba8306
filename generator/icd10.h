/* icd10.h - the bundled list of ICD-10 chapters (code ranges only) that penyakit.csv codes are checked against. */
#ifndef REKAP_ICD10_H
#define REKAP_ICD10_H

/* Whether s is written as an ICD-10 code: a capital letter, two digits and
 * optionally a dot with one or two digits ("J06", "J06.9"). */
int icd10_well_formed(const char *s);
/* The chapter (1-22, WHO ICD-10 2019; chapter XXII is U00-U85) holding a
 * well-formed code, or 0 when its category lies in no chapter. */
int icd10_chapter(const char *code);

#endif
