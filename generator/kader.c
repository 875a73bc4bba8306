/* kader.c - a post's kader.csv: one row per cadre, read and checked, names compared within the file. */
#include "kader.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laporan.h"
#include "period.h"

enum { COL_PRIVATE = -2 }; /* a kader.csv column whose cells are not read */
static const char *const cadre_columns[] = {"nama", "jenis_kelamin", "pendidikan",
                                            "tahun_pelatihan", "aktif", "telepon", NULL};
/* which of them kader.csv must have (pendidikan and telepon may be left out) */
static const int cadre_required[] = {1, 1, 0, 1, 1, 0};

/* Words people write for the two codes of jenis_kelamin and aktif. */
static const char *const sex_first[] = {"l",    "laki-laki", "laki laki", "lelaki",
                                        "pria", "m",         "male"};
static const char *const sex_second[] = {"p", "perempuan", "wanita", "w", "f", "female"};
static const char *const active_first[] = {"ya", "y", "yes", "aktif", "1"};
static const char *const active_second[] = {"tidak", "t", "no", "tidak aktif", "0"};

static const code_words sex_words = {sex_first, sex_second, sizeof sex_first / sizeof *sex_first,
                                     sizeof sex_second / sizeof *sex_second};
static const code_words active_words = {active_first, active_second,
                                        sizeof active_first / sizeof *active_first,
                                        sizeof active_second / sizeof *active_second};

/* A value of the column name (jenis_kelamin or aktif) that is neither of
 * its codes a and b, but a word for one of them ("Perempuan", "Ya"):
 * reported, naming the code to write. Returns whether it was one. */
static int report_meant_code(loader *ld, const char *file, const csv_cell *cell, const char *name,
                             const code_words *w, const char *a, const char *b)
{
	const char *s = cell->text, *meant = load_code_meant(s, w, a, b);
	if (meant)
		LOAD_ERROR(ld, file, cell->line, cell->column,
		           TR(ld->diags->lang, "%s \"%s\" harus \"%s\" atau \"%s\": tulis %s",
		              "%s \"%s\" must be \"%s\" or \"%s\": write %s"),
		           name, load_shown(ld, s), a, b, meant);
	return meant != NULL;
}

/* tahun_pelatihan: empty (not trained), or a year from 1970 to today's;
 * a date written in its place is named with the year to write. */
static void read_training_year(loader *ld, const char *file, const csv_cell *cell, cadre *c)
{
	const char *s = cell->text;
	double y;
	int date, yy, mm, dd;
	if (str_is_blank(s))
		return;
	if (period_date_parse(s, &date) == 0) {
		period_date_to_ymd(date, &yy, &mm, &dd);
		LOAD_ERROR(ld, file, cell->line, cell->column,
		           TR(ld->diags->lang,
		              "tahun_pelatihan \"%s\" adalah tanggal; tulis tahunnya saja: %d",
		              "tahun_pelatihan \"%s\" is a date; write the year alone: %d"),
		           load_shown(ld, s), yy);
	} else if (parse_number(s, &y) != 0 || y != floor(y) || y < 1970 || y > 2100)
		LOAD_ERROR(ld, file, cell->line, cell->column,
		           TR(ld->diags->lang,
		              "tahun_pelatihan \"%s\" harus tahun empat angka, atau kosong bila "
		              "belum dilatih",
		              "tahun_pelatihan \"%s\" must be a four-digit year, or empty if not "
		              "trained yet"),
		           load_shown(ld, s));
	else if (y > ld->today_year) /* a slip such as 2042 for 2024 */
		LOAD_ERROR(ld, file, cell->line, cell->column,
		           TR(ld->diags->lang,
		              "tahun_pelatihan %s belum terjadi (hari ini %s); periksa tahunnya, atau "
		              "kosongkan bila kader belum dilatih",
		              "tahun_pelatihan %s is in the future (today is %s); check the year, or "
		              "leave it empty if the cadre is not trained yet"),
		           load_shown(ld, s), ld->today_text);
	else
		c->trained_year = (int)y;
}

/* Read one row of kader.csv into c; -1 for a spreadsheet's total row,
 * which is reported and not a cadre. */
static int read_cadre_row(loader *ld, const char *file, const csv_row *row, const int *map, cadre *c)
{
	size_t i;
	memset(c, 0, sizeof *c);
	c->line = row->line;
	for (i = 0; i < row->len; i++)
		if (map[i] == 0 && str_is_total_label(row->cells[i].text)) {
			LOAD_ERROR(ld, file, row->cells[i].line, row->cells[i].column,
			           TR(ld->diags->lang,
			              "baris \"%s\" tampaknya baris jumlah dari spreadsheet; hapus baris "
			              "itu: rekap menghitung kader sendiri, dan baris ini akan terhitung "
			              "sebagai kader",
			              "the row \"%s\" looks like a spreadsheet's total row; delete it: "
			              "rekap counts the cadres itself, and this row would count as a "
			              "cadre"),
			           load_shown(ld, row->cells[i].text));
			return -1;
		}
	for (i = 0; i < row->len; i++) {
		const csv_cell *cell = &row->cells[i];
		const char *s = cell->text;
		if (map[i] >= 0 && load_sheet_mark(ld, file, cell, cadre_columns[map[i]])) {
			if (map[i] == 0)
				c->name = s; /* a row is a cadre, named or not */
			continue;
		}
		switch (map[i]) {
		case 0:
			c->name = s;
			if (str_is_blank(s))
				LOAD_ERROR(ld, file, cell->line, cell->column,
				           TR(ld->diags->lang,
				              "nama kader kosong; tulis nama kadernya (nama kader hanya "
				              "diterbitkan bila tampilkan_nama_kader: true di rekap.yaml)",
				              "the cadre's nama is empty; write the cadre's name (cadres' "
				              "names are published only with tampilkan_nama_kader: true in "
				              "rekap.yaml)"));
			break;
		case 1:
			if (strcmp(s, "L") == 0 || strcmp(s, "P") == 0)
				c->sex = s[0];
			else if (!report_meant_code(ld, file, cell, "jenis_kelamin", &sex_words,
			                            "L", "P"))
				LOAD_ERROR(ld, file, cell->line, cell->column,
				           TR(ld->diags->lang,
				              "jenis_kelamin \"%s\" harus \"L\" atau \"P\"",
				              "jenis_kelamin \"%s\" must be \"L\" (male) or \"P\" (female)"),
				           load_shown(ld, s));
			break;
		case 2:
			c->education = s;
			break;
		case 3:
			read_training_year(ld, file, cell, c);
			break;
		case 4:
			if (strcmp(s, "ya") == 0)
				c->active = 1;
			else if (strcmp(s, "tidak") != 0 &&
			         !report_meant_code(ld, file, cell, "aktif", &active_words, "ya",
			                            "tidak"))
				LOAD_ERROR(ld, file, cell->line, cell->column,
				           TR(ld->diags->lang,
				              "aktif \"%s\" harus \"ya\" atau \"tidak\"",
				              "aktif \"%s\" must be \"ya\" (yes) or \"tidak\" (no)"),
				           load_shown(ld, s));
			break;
		case 5:
			c->phone = s;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* A cadre's name as compared for duplicates: ASCII letters in lower
 * case, runs of spaces as one, none at either end. */
static char *name_key(const char *name)
{
	char *key = xmalloc(strlen(name) + 1), *o = key;
	const char *p;
	for (p = name; *p; p++) {
		if (*p == ' ' || *p == '\t') {
			if (o > key && o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = (char)tolower((unsigned char)*p);
	}
	if (o > key && o[-1] == ' ')
		o--;
	*o = '\0';
	return key;
}

typedef struct named_row {
	char *key;
	size_t index; /* into the post's cadres */
} named_row;

static int compare_named_rows(const void *pa, const void *pb)
{
	const named_row *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* A name listed twice in kader.csv: each row counts as a cadre, so a row
 * copied twice (in Excel, say) adds a cadre who does not exist, and
 * perhaps a trained or active one. Two cadres may share a name, so this
 * is a warning at the later row. */
static void check_cadre_names(loader *ld, const node *n)
{
	named_row *rows;
	size_t i, first, len = 0;
	if (n->ncadres < 2)
		return;
	rows = xmalloc(n->ncadres * sizeof *rows);
	for (i = 0; i < n->ncadres; i++)
		if (n->cadres[i].name && !str_is_blank(n->cadres[i].name)) {
			rows[len].key = name_key(n->cadres[i].name);
			rows[len++].index = i;
		}
	qsort(rows, len, sizeof *rows, compare_named_rows);
	for (i = 1, first = 0; i < len; i++) {
		const cadre *c = &n->cadres[rows[i].index];
		if (strcmp(rows[i].key, rows[first].key) != 0) {
			first = i; /* the first row of a name, in file order */
			continue;
		}
		LOAD_WARNING(ld, n->cadre_file, c->line, 1,
		             TR(ld->diags->lang,
		                "kader \"%s\" sudah tercatat di baris %u; bila orangnya sama, hapus "
		                "salah satu baris (setiap baris dihitung sebagai satu kader)",
		                "cadre \"%s\" is already listed on line %u; if it is the same person, "
		                "delete one of the rows (each row counts as one cadre)"),
		             load_shown(ld, c->name), n->cadres[rows[first].index].line);
	}
	for (i = 0; i < len; i++)
		free(rows[i].key);
	free(rows);
}

void kader_read(loader *ld, node *n, const char *dir, int quiet)
{
	char *path = path_join(dir, "kader.csv");
	size_t i, j, cap = 0, width;
	csv_table t;
	int map[64], unknown = 0;
	char seen[sizeof cadre_columns / sizeof *cadre_columns] = {0};
	n->cadre_file = arena_strdup(load_arena(ld), path);
	free(path);
	if (load_csv(ld, n->cadre_file, &t,
	             quiet ? NULL
	                   : TR(ld->diags->lang, "kader.csv tidak ada; pos tanpa kader",
	                        "kader.csv is missing; the post has no cadres"),
	             &n->source_hash)) {
		if (load_probe(ld, n->cadre_file) == ENTRY_NONE)
			load_note(ld, n, "kader.csv", 0, -1,
			          "kader.csv tidak ada: pos dihitung tanpa kader (rasio kader, penilaian)",
			          "kader.csv is missing: the post counts as having no cadres (cadre ratio, "
			          "assessment)");
		return;
	}
	width = t.rows[0].len;
	while (width > 0 && str_is_blank(t.rows[0].cells[width - 1].text))
		width--;
	if (width > 64)
		width = 64;
	for (i = 0; i < width; i++) {
		const csv_cell *h = &t.rows[0].cells[i];
		map[i] = -1;
		for (j = 0; cadre_columns[j]; j++)
			if (strcmp(h->text, cadre_columns[j]) == 0)
				map[i] = (int)j;
		/* a column the rules mark private is allowed and never kept */
		if (rules_is_private(ld->rules, h->text)) {
			map[i] = COL_PRIVATE;
			continue;
		}
		if (map[i] < 0 && laporan_remarks_column(h->text)) {
			/* "kader baru" beside a name: read past, said once per file */
			load_share(LOAD_WARNING(
				ld, n->cadre_file, h->line, h->column,
				TR(ld->diags->lang,
			           "kolom \"%s\" tidak dibaca: kader.csv hanya memuat data "
			           "kader yang dihitung; catatan tentang pos atau kadernya "
			           "ditulis di pos.md, di bawah front matter (terbit di halaman "
			           "pos)",
			           "column \"%s\" is not read: kader.csv holds the cadres' "
			           "counted data only; notes about the post or its cadres go in "
			           "pos.md, below the front matter (published on the post's "
			           "page)"),
				load_shown(ld, h->text)));
			map[i] = COL_PRIVATE;
			continue;
		}
		if (map[i] >= 0 && seen[map[i]])
			LOAD_ERROR(ld, n->cadre_file, h->line, h->column,
			           TR(ld->diags->lang, "kolom \"%s\" muncul dua kali",
			              "column \"%s\" appears twice"),
			           load_shown(ld, h->text));
		if (map[i] >= 0)
			seen[map[i]] = 1;
		else
			unknown = 1;
		if (map[i] < 0)
			LOAD_ERROR(ld, n->cadre_file, h->line, h->column,
			           TR(ld->diags->lang,
			              "kolom \"%s\" tidak dikenal di kader.csv; kolom yang dikenal: nama, "
			              "jenis_kelamin, pendidikan, tahun_pelatihan, aktif, telepon",
			              "unknown column \"%s\" in kader.csv; known columns: nama, "
			              "jenis_kelamin, pendidikan, tahun_pelatihan, aktif, telepon"),
			           load_shown(ld, h->text));
	}
	/* without these the cadres would silently count as untrained or inactive;
	 * a misspelt column is reported once, as unknown, not also as missing */
	for (j = 0; cadre_columns[j] && !unknown; j++)
		if (!seen[j] && cadre_required[j])
			LOAD_ERROR(ld, n->cadre_file, t.rows[0].line, 1,
			           TR(ld->diags->lang, "kolom wajib \"%s\" tidak ada di baris judul kader.csv",
			              "the required column \"%s\" is missing from the header row of "
			              "kader.csv"),
			           cadre_columns[j]);
	for (i = 1; i < t.nrows; i++) {
		csv_row row = t.rows[i];
		cadre c;
		if (load_header_again(ld, n->cadre_file, &row, &t.rows[0]))
			continue;
		while (row.len > width && str_is_blank(row.cells[row.len - 1].text))
			row.len--;
		if (row.len != width) {
			LOAD_ERROR(ld, n->cadre_file, row.line, 1,
			           TR(ld->diags->lang, "baris berisi %zu kolom, padahal judul berisi %zu",
			              "row has %zu columns, but the header has %zu"),
			           row.len, width);
			continue;
		}
		if (read_cadre_row(ld, n->cadre_file, &row, map, &c) != 0)
			continue;
		if (c.name)
			c.name = arena_strdup(load_arena(ld), c.name);
		if (c.phone)
			c.phone = arena_strdup(load_arena(ld), c.phone);
		if (c.education)
			c.education = arena_strdup(load_arena(ld), c.education);
		ARRAY_PUSH(n->cadres, n->ncadres, cap, c);
	}
	csv_table_release(&t);
	check_cadre_names(ld, n);
	if (n->ncadres) {
		cadre *copy = arena_alloc(load_arena(ld), n->ncadres * sizeof *copy);
		memcpy(copy, n->cadres, n->ncadres * sizeof *copy);
		free(n->cadres);
		n->cadres = copy;
	}
}

