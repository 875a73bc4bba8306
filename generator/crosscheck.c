/* crosscheck.c - the checks that compare the files of the whole records tree once it is read: codes used twice, post codes of another puskesmas, siblings with one name, villages outside their district, record files copied from another post. */
#include "crosscheck.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Order by code, then by position in the tree so the later one is reported. */
static int compare_codes(const void *pa, const void *pb)
{
	const node *a = *(node *const *)pa, *b = *(node *const *)pb;
	int c = strcmp(a->code, b->code);
	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

static void report_duplicate_code(loader *ld, const node *dup, const node *first)
{
	const value *v = val_get(dup->meta, "kode");
	LOAD_ERROR(ld, dup->file, v ? v->line : 1, v ? v->column : 1,
	           TR(ld->diags->lang, "kode \"%s\" sudah dipakai oleh %s; setiap kode harus unik",
	              "code \"%s\" is already used by %s; every code must be unique"),
	           load_shown(ld, dup->code), first->file);
}

/* The first file of a duplicated code is named too: either file may be the
 * one to correct. */
static void report_first_of_code(loader *ld, const node *first, const node *dup)
{
	const value *v = val_get(first->meta, "kode");
	LOAD_ERROR(ld, first->file, v ? v->line : 1, v ? v->column : 1,
	           TR(ld->diags->lang, "kode \"%s\" juga dipakai di %s; setiap kode harus unik",
	              "code \"%s\" is also used in %s; every code must be unique"),
	           load_shown(ld, first->code), dup->file);
}

static void check_unique_codes(loader *ld)
{
	size_t nnodes;
	node *const *nodes = load_nodes(ld, &nnodes);
	size_t i, first = 0;
	node **sorted = xmalloc((nnodes ? nnodes : 1) * sizeof *sorted);
	size_t n = 0;
	for (i = 0; i < nnodes; i++)
		if (nodes[i]->code)
			sorted[n++] = nodes[i];
	qsort(sorted, n, sizeof *sorted, compare_codes);
	for (i = 1; i < n; i++) {
		if (strcmp(sorted[i]->code, sorted[first]->code) != 0) {
			first = i;
			continue;
		}
		if (i == first + 1)
			report_first_of_code(ld, sorted[first], sorted[i]);
		report_duplicate_code(ld, sorted[i], sorted[i - 1]);
	}
	free(sorted);
}

/* Whether siblings a and b have the same name, ignoring case, and both
 * existed at once: a post dissolved before the other was formed may have
 * had its name. */
static int same_name(const node *a, const node *b)
{
	if (!a->name || !b->name || strcasecmp(a->name, b->name) != 0)
		return 0;
	return !((a->dissolved != NO_DATE && b->formed != NO_DATE && a->dissolved <= b->formed) ||
	         (b->dissolved != NO_DATE && a->formed != NO_DATE && b->dissolved <= a->formed));
}

/* Two areas or posts under the same parent with the same name: the
 * parent's page and workbook list both, and nothing tells their rows
 * apart. A post folder copied for a new post, its code changed and its
 * name forgotten, is the usual cause. */
static void check_sibling_names(loader *ld)
{
	size_t nnodes;
	node *const *nodes = load_nodes(ld, &nnodes);
	size_t i, j, k;
	for (i = 0; i < nnodes; i++) {
		const node *p = nodes[i];
		for (j = 1; j < p->nchildren; j++) {
			const node *c = p->children[j];
			for (k = 0; k < j; k++)
				if (same_name(c, p->children[k])) {
					const value *v = val_get(c->meta, "nama");
					LOAD_WARNING(ld, c->file, v ? v->line : 1, v ? v->column : 1,
					             TR(ld->diags->lang,
					                "nama \"%s\" sama dengan nama di %s; di situs dan "
					                "buku kerja keduanya tidak dapat dibedakan: beri "
					                "masing-masing nama sendiri",
					                "name \"%s\" is the same as in %s; on the site and in "
					                "the workbooks the two cannot be told apart: give each "
					                "its own name"),
					             load_shown(ld, c->name), p->children[k]->file);
					break;
				}
		}
	}
}

/* Whether a puskesmas's code is part of its district's (check_code
 * reports it when not, and a post's code is then no guide). */
static int puskesmas_code_fits(const node *pusk)
{
	const char *pc = pusk->code, *dc = pusk->parent ? pusk->parent->code : NULL;
	return dc && node_kind_code_well_formed(pusk->parent->kind, dc) && strncmp(pc + 1, dc, 2) == 0 &&
	       strncmp(pc + 3, dc + 3, 2) == 0;
}

/* A post's code is free, but it usually begins with its puskesmas's
 * ("P6474010201-01"): one that begins with another puskesmas's code most
 * likely belongs to a post whose folder was moved (dragged in a file
 * manager, say), whose numbers now count toward the wrong puskesmas.
 * Checked once the whole tree is loaded, as two files are compared. */
static void check_post_codes(loader *ld)
{
	size_t nposts;
	node *const *posts = load_post_nodes(ld, &nposts);
	size_t i;
	for (i = 0; i < nposts; i++) {
		const node *post = posts[i], *pusk = post->parent;
		const char *c = post->code, *pc = pusk ? pusk->code : NULL;
		const value *v;
		if (!c || !pc || !node_kind_code_well_formed(NODE_PUSKESMAS, pc) || strlen(c) < 11 ||
		    c[0] != 'P' || !str_all_digits(c + 1, 10) || isdigit((unsigned char)c[11]) ||
		    strncmp(c, pc, 11) == 0 || !puskesmas_code_fits(pusk))
			continue;
		v = val_get(post->meta, "kode");
		LOAD_WARNING(ld, post->file, v ? v->line : 1, v ? v->column : 1,
		             TR(ld->diags->lang,
		                "kode pos \"%s\" diawali kode puskesmas lain (%.11s), bukan kode %s "
		                "(%s); apakah folder pos ini dipindah? Periksa kodenya atau "
		                "pindahkan foldernya",
		                "post code \"%s\" begins with another puskesmas's code (%.11s), not "
		                "that of %s (%s); was this post's folder moved? Check the code or "
		                "move the folder"),
		             load_shown(ld, c), c, load_shown(ld, pusk->name), pc);
	}
}

/* desa_kode: the ten digits Kemendagri gives a village (province 2,
 * district 2, kecamatan 2, village 4), whose first four are its district's
 * code. Checked once the tree is loaded, as the district's profile is
 * another file (the post cache keeps what one post's files say). */
static void check_village_codes(loader *ld)
{
	size_t nposts;
	node *const *posts = load_post_nodes(ld, &nposts);
	size_t i, k, n;
	for (i = 0; i < nposts; i++) {
		const node *post = posts[i];
		const node *district = post->parent ? post->parent->parent : NULL;
		const value *v = val_get(post->meta, "desa_kode");
		const char *s, *dc = district ? district->code : NULL;
		char digits[11];
		if (!v || v->kind != VAL_STR || str_is_blank(v->u.str.s))
			continue;
		s = v->u.str.s;
		if (strlen(s) == 10 && str_all_digits(s, 10)) {
			if (dc && node_kind_code_well_formed(district->kind, dc) &&
			    (strncmp(s, dc, 2) != 0 || strncmp(s + 2, dc + 3, 2) != 0))
				LOAD_WARNING(ld, post->file, v->line, v->column,
				             TR(ld->diags->lang,
				                "desa_kode \"%s\" bukan kode desa di %s (kode desanya "
				                "diawali %.2s%.2s); periksa kodenya",
				                "desa_kode \"%s\" is not the code of a village in %s (its "
				                "villages' codes begin %.2s%.2s); check the code"),
				             load_shown(ld, s), load_shown(ld, district->name), dc,
				             dc + 3);
			continue;
		}
		/* written with dots or spaces, as lists print it: 64.74.02.1003 */
		for (k = n = 0; s[k] && n < 10; k++)
			if (isdigit((unsigned char)s[k]))
				digits[n++] = s[k];
			else if (s[k] != '.' && s[k] != ' ')
				break;
		digits[n] = '\0';
		if (n == 10 && !s[k])
			LOAD_ERROR(ld, post->file, v->line, v->column,
			           TR(ld->diags->lang,
			              "desa_kode \"%s\" harus 10 angka tanpa titik; tulis \"%s\"",
			              "desa_kode \"%s\" must be 10 digits without dots; write \"%s\""),
			           load_shown(ld, s), digits);
		else
			LOAD_ERROR(ld, post->file, v->line, v->column,
			           TR(ld->diags->lang,
			              "desa_kode \"%s\" bukan kode desa Kemendagri (10 angka, mis. "
			              "\"6474021003\"); perbaiki, atau kosongkan bila tidak diketahui",
			              "desa_kode \"%s\" is not a Kemendagri village code (10 digits, "
			              "e.g. \"6474021003\"); correct it, or leave it empty when unknown"),
			           load_shown(ld, s));
	}
}

/*
 * A record file copied with its post's folder, to start a new post, and
 * not replaced: the same reports, cadres or cases counted in two posts.
 * Two posts do not report the same figures on the same days month after
 * month, share all their cadres, or count the same cases of the same
 * diseases, so a second post whose file equals another's in every row is
 * warned about. A key of each post's rows sorts the posts; those of one
 * key are compared in full, COPY_LOOK of them at most (a long run of equal
 * keys is not worth a quadratic search).
 */
#define COPY_LOOK 8

typedef struct copy_key {
	uint64_t hash;
	size_t post; /* index into the posts */
} copy_key;

/* What is compared of one kind of record file. */
typedef struct copy_kind {
	/* whether p has enough rows, with figures, to tell a copy */
	int (*telling)(const node *p, size_t ncolumns);
	uint64_t (*key)(const node *p, size_t ncolumns);
	int (*same)(const node *a, const node *b, size_t ncolumns);
	/* the warning at copy's file, naming original's */
	void (*report)(loader *ld, const node *copy, const node *original);
} copy_kind;

static int compare_copy_keys(const void *pa, const void *pb)
{
	const copy_key *a = pa, *b = pb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return (a->post > b->post) - (a->post < b->post);
}

static void check_copies(loader *ld, const copy_kind *kind)
{
	size_t nposts;
	node *const *posts = load_post_nodes(ld, &nposts);
	size_t nc = ld->rules->ncolumns, i, k, n = 0;
	copy_key *keys = xmalloc((nposts ? nposts : 1) * sizeof *keys);
	for (i = 0; i < nposts; i++)
		if (kind->telling(posts[i], nc)) {
			keys[n].hash = kind->key(posts[i], nc);
			keys[n++].post = i;
		}
	qsort(keys, n, sizeof *keys, compare_copy_keys);
	for (i = 1; i < n; i++)
		for (k = i; k-- > 0 && i - k <= COPY_LOOK && keys[k].hash == keys[i].hash;) {
			const node *a = posts[keys[k].post], *b = posts[keys[i].post];
			if (kind->same(a, b, nc)) {
				kind->report(ld, b, a);
				break;
			}
		}
	free(keys);
}

/* laporan.csv: COPY_MIN rows at least, with a figure other than 0; the
 * first COPY_MIN rows are the key. */
#define COPY_MIN 3

static uint64_t hash_report(uint64_t h, const report *r, size_t ncolumns)
{
	int head[3];
	head[0] = r->period;
	head[1] = r->quarterly;
	head[2] = r->received;
	h = hash_text(h, head, sizeof head);
	return hash_text(h, r->values, ncolumns * sizeof *r->values);
}

static int same_report(const report *a, const report *b, size_t ncolumns)
{
	return a->period == b->period && a->quarterly == b->quarterly &&
	       a->received == b->received &&
	       memcmp(a->values, b->values, ncolumns * sizeof *a->values) == 0;
}

static int same_reports(const node *a, const node *b, size_t ncolumns)
{
	size_t i;
	if (a->nreports != b->nreports)
		return 0;
	for (i = 0; i < a->nreports; i++)
		if (!same_report(&a->reports[i], &b->reports[i], ncolumns))
			return 0;
	return 1;
}

static int reports_telling(const node *p, size_t ncolumns)
{
	size_t i, j;
	if (p->nreports < COPY_MIN || !p->report_file)
		return 0;
	for (i = 0; i < p->nreports; i++)
		for (j = 0; j < ncolumns; j++)
			if (!isnan(p->reports[i].values[j]) && p->reports[i].values[j] != 0)
				return 1;
	return 0;
}

static uint64_t reports_key(const node *p, size_t ncolumns)
{
	uint64_t h = HASH_INIT;
	size_t j;
	for (j = 0; j < COPY_MIN; j++)
		h = hash_report(h, &p->reports[j], ncolumns);
	return h;
}

static void report_copied_reports(loader *ld, const node *copy, const node *original)
{
	LOAD_WARNING(ld, copy->report_file, 0, 0,
	             TR(ld->diags->lang,
	                "laporan.csv sama persis dengan %s (%zu laporan, setiap angka dan "
	                "tanggal); bila folder pos ini disalin dari pos itu, ganti isinya "
	                "dengan laporan pos ini: kini angkanya terhitung dua kali",
	                "laporan.csv is identical to %s (%zu reports, every figure and "
	                "date); if this post's folder was copied from that post, replace "
	                "its contents with this post's reports: its figures now count "
	                "twice"),
	             original->report_file, copy->nreports);
}

/* kader.csv: two cadres at least, equal in order (name, sex, education,
 * training year, active); two posts do not share all their cadres by
 * chance. */
#define CADRES_COPY_MIN 2

static int cadres_telling(const node *p, size_t ncolumns)
{
	(void)ncolumns;
	return p->ncadres >= CADRES_COPY_MIN && p->cadre_file;
}

static uint64_t cadres_key(const node *p, size_t ncolumns)
{
	uint64_t h = HASH_INIT;
	size_t i;
	(void)ncolumns;
	for (i = 0; i < p->ncadres; i++) {
		const cadre *c = &p->cadres[i];
		int rest[3];
		rest[0] = c->sex;
		rest[1] = c->trained_year;
		rest[2] = c->active;
		h = hash_cstr(hash_cstr(h, c->name), c->education);
		h = hash_text(h, rest, sizeof rest);
	}
	return h;
}

static int same_cadres(const node *a, const node *b, size_t ncolumns)
{
	size_t i;
	(void)ncolumns;
	if (a->ncadres != b->ncadres)
		return 0;
	for (i = 0; i < a->ncadres; i++) {
		const cadre *x = &a->cadres[i], *y = &b->cadres[i];
		if (!str_eq(x->name, y->name) || !str_eq(x->education, y->education) ||
		    x->sex != y->sex || x->trained_year != y->trained_year || x->active != y->active)
			return 0;
	}
	return 1;
}

static void report_copied_cadres(loader *ld, const node *copy, const node *original)
{
	LOAD_WARNING(ld, copy->cadre_file, 0, 0,
	             TR(ld->diags->lang,
	                "kader.csv sama dengan %s (%zu kader yang sama nama, jenis kelamin, "
	                "pendidikan, pelatihan dan keaktifannya); bila folder pos ini disalin "
	                "dari pos itu, ganti isinya dengan kader pos ini: kini kadernya "
	                "terhitung di dua pos",
	                "kader.csv is the same as %s (%zu cadres of the same name, sex, "
	                "education, training and activity); if this post's folder was copied "
	                "from that post, replace its contents with this post's cadres: they "
	                "now count in two posts"),
	             original->cadre_file, copy->ncadres);
}

/* penyakit.csv: COPY_MIN rows at least, with a case, equal in order
 * (month, code, cases): form LBKP-1's most common diseases would count
 * them twice. */
static int diseases_telling(const node *p, size_t ncolumns)
{
	size_t i;
	(void)ncolumns;
	if (p->ndiseases < COPY_MIN || !p->disease_file)
		return 0;
	for (i = 0; i < p->ndiseases; i++)
		if (p->diseases[i].cases_l > 0 || p->diseases[i].cases_p > 0)
			return 1;
	return 0;
}

static uint64_t diseases_key(const node *p, size_t ncolumns)
{
	uint64_t h = HASH_INIT;
	size_t i;
	(void)ncolumns;
	for (i = 0; i < p->ndiseases; i++) {
		const disease_row *d = &p->diseases[i];
		double cases[2];
		cases[0] = d->cases_l;
		cases[1] = d->cases_p;
		h = hash_text(hash_cstr(hash_text(h, &d->month, sizeof d->month), d->code), cases,
		              sizeof cases);
	}
	return h;
}

static int same_diseases(const node *a, const node *b, size_t ncolumns)
{
	size_t i;
	(void)ncolumns;
	if (a->ndiseases != b->ndiseases)
		return 0;
	for (i = 0; i < a->ndiseases; i++) {
		const disease_row *x = &a->diseases[i], *y = &b->diseases[i];
		if (x->month != y->month || !str_eq(x->code, y->code) ||
		    memcmp(&x->cases_l, &y->cases_l, sizeof x->cases_l) != 0 ||
		    memcmp(&x->cases_p, &y->cases_p, sizeof x->cases_p) != 0)
			return 0;
	}
	return 1;
}

static void report_copied_diseases(loader *ld, const node *copy, const node *original)
{
	LOAD_WARNING(ld, copy->disease_file, 0, 0,
	             TR(ld->diags->lang,
	                "penyakit.csv sama persis dengan %s (%zu baris, setiap bulan, kode dan "
	                "jumlah kasus); bila folder pos ini disalin dari pos itu, ganti isinya "
	                "dengan kasus pos ini: kini kasusnya terhitung dua kali di formulir "
	                "LBKP-1",
	                "penyakit.csv is identical to %s (%zu rows, every month, code and "
	                "count of cases); if this post's folder was copied from that post, "
	                "replace its contents with this post's cases: they now count twice on "
	                "form LBKP-1"),
	             original->disease_file, copy->ndiseases);
}

static void check_copied_files(loader *ld)
{
	static const copy_kind kinds[] = {
		{reports_telling, reports_key, same_reports, report_copied_reports},
		{cadres_telling, cadres_key, same_cadres, report_copied_cadres},
		{diseases_telling, diseases_key, same_diseases, report_copied_diseases},
	};
	size_t i;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		check_copies(ld, &kinds[i]);
}

void crosscheck_tree(loader *ld)
{
	check_unique_codes(ld);
	check_post_codes(ld);
	check_sibling_names(ld);
	check_village_codes(ld);
	check_copied_files(ld);
}
