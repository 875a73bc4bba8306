/* scaffold.c - writing the files of a new province, district, puskesmas or post folder. */
#include "scaffold.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "frontmatter.h"
#include "records.h"
#include "wilayah.h"

typedef struct kind_spec {
	const char *kind, *md, *parent_md, *parent_alt_md;
	node_kind node;
	const char *prefix; /* of the name: "Kota " */
} kind_spec;

static const kind_spec kinds[] = {
	{"provinsi", "provinsi.md", NULL, NULL, NODE_PROVINSI, ""},
	{"kabupaten", "kabupaten.md", "provinsi.md", NULL, NODE_KABUPATEN, "Kabupaten "},
	{"kota", "kota.md", "provinsi.md", NULL, NODE_KOTA, "Kota "},
	{"puskesmas", "puskesmas.md", "kabupaten.md", "kota.md", NODE_PUSKESMAS, "Puskesmas "},
	{"pos", "pos.md", "puskesmas.md", NULL, NODE_POS, "Pos UKK "},
};

static int is_region(const kind_spec *spec)
{
	return spec->node == NODE_PROVINSI || spec->node == NODE_KABUPATEN ||
	       spec->node == NODE_KOTA;
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static char *parent_of(const char *path)
{
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	while (len > 0 && path[len - 1] != '/')
		len--;
	while (len > 1 && path[len - 1] == '/')
		len--;
	return len ? xstrndup(path, len) : xstrdup(".");
}

/* "nelayan-tanjung-laut" -> "Nelayan Tanjung Laut" */
static char *title_of(const char *slug)
{
	char *t = xstrdup(slug), *p;
	int start = 1;
	for (p = t; *p; p++) {
		if (*p == '-') {
			*p = ' ';
			start = 1;
		} else if (start) {
			*p = (char)toupper((unsigned char)*p);
			start = 0;
		}
	}
	return t;
}

/* The "kode" of the record file md in folder dir, or NULL; caller frees. */
static char *read_code(const char *dir, const char *md)
{
	char *path = path_join(dir, md), *text, *code = NULL;
	size_t len;
	arena *a;
	front_matter fm;
	diag_list quiet;
	if (file_read(path, &text, &len) != 0) {
		free(path);
		return NULL;
	}
	a = arena_new();
	diag_list_init(&quiet);
	if (fm_parse(a, path, text, len, &fm, &quiet) == 0 && val_get_str(fm.meta, "kode"))
		code = xstrdup(val_get_str(fm.meta, "kode"));
	diag_list_release(&quiet);
	arena_free(a);
	free(text);
	free(path);
	return code;
}

/* Whether a sibling folder of parent already uses code. */
static int code_taken(const char *parent, const char *code)
{
	static const char *const mds[] = {"provinsi.md", "kabupaten.md", "kota.md", "puskesmas.md",
	                                  "pos.md", NULL};
	size_t n, k, i;
	char **names = dir_names(parent, &n);
	int taken = 0;
	for (k = 0; k < n && !taken; k++) {
		char *sub = path_join(parent, names[k]);
		for (i = 0; mds[i] && !taken; i++) {
			char *c = read_code(sub, mds[i]);
			taken = c && strcmp(c, code) == 0;
			free(c);
		}
		free(sub);
	}
	names_free(names, n);
	return taken;
}

/* The first code of the form prefix + number (width digits, from first) that
 * no sibling uses and, with the region list w, that is no other region's
 * official code; caller frees. */
static char *free_code(const char *parent, const wilayah *w, const char *prefix, int first,
                       int last, int width)
{
	int n;
	for (n = first; n <= last; n++) {
		char *code = xasprintf("%s%0*d", prefix, width, n);
		if (!(w && wilayah_has_code(w, code)) && !code_taken(parent, code))
			return code;
		free(code);
	}
	return xasprintf("%s%0*d", prefix, width, first);
}

/* A code for a folder the region list does not name (or for a puskesmas or
 * post): the first free one of its form. NULL when the parent's code has
 * the wrong shape. */
static char *new_code(const kind_spec *spec, const wilayah *w, const char *parent,
                      const char *parent_code)
{
	char *prefix, *code;
	if (spec->node == NODE_PROVINSI)
		return free_code(parent, w, "", 11, 99, 2);
	if (!parent_code)
		return NULL;
	if (spec->node == NODE_KABUPATEN || spec->node == NODE_KOTA) {
		prefix = xasprintf("%s.", parent_code);
		code = spec->node == NODE_KOTA ? free_code(parent, w, prefix, KOTA_CODE_MIN, 99, 2)
		                               : free_code(parent, w, prefix, 1, KOTA_CODE_MIN - 2, 2);
	} else if (spec->node == NODE_PUSKESMAS) {
		if (strlen(parent_code) != 5)
			return NULL;
		prefix = xasprintf("P%.2s%.2s", parent_code, parent_code + 3);
		code = free_code(parent, NULL, prefix, 1, 999999, 6);
	} else {
		prefix = xasprintf("%s-", parent_code);
		code = free_code(parent, NULL, prefix, 1, 99, 2);
	}
	free(prefix);
	return code;
}

/* The name written in the new file: the title of the folder name, with the
 * kind's word in front unless the folder name begins with it
 * ("kota-samarinda" -> "Kota Samarinda", "pengrajin" -> "Pos UKK Pengrajin"). */
static char *default_name(const kind_spec *spec, const char *slug)
{
	char *title = title_of(slug), *name;
	size_t n = strlen(spec->prefix);
	if (n == 0 || strncasecmp(title, spec->prefix, n) == 0)
		return title;
	name = xasprintf("%s%s", spec->prefix, title);
	free(title);
	return name;
}

/* For a province or district: its official code and name when the region
 * list w knows the folder's name (*code, *name set: 0); a warning and the
 * first free code that is no region's when it does not (0); an error when
 * the official code is already used by a sibling folder (-1). */
static int region_code(const kind_spec *spec, const wilayah *w, const char *path,
                       const char *parent, const char *parent_code, char **code, char **name,
                       diag_list *diags)
{
	const wilayah_entry *e = wilayah_find_name(w, spec->node, parent_code, *name);
	if (e && code_taken(parent, e->code)) {
		diag_error(diags, path, 0, 0,
		           TR(diags->lang,
		              "kode resmi %s untuk %s sudah dipakai folder lain di %s; wilayah ini "
		              "mungkin sudah ada dengan nama folder lain",
		              "the official code %s of %s is already used by another folder in %s; "
		              "this region may already exist under another folder name"),
		           e->code, e->name, parent);
		return -1;
	}
	if (e) {
		*code = xstrdup(e->code);
		free(*name);
		*name = xstrdup(e->name);
		return 0;
	}
	*code = new_code(spec, w, parent, parent_code);
	if (*code)
		diag_warning(diags, path, 0, 0,
		             TR(diags->lang,
		                "\"%s\" tidak ada di daftar wilayah Kemendagri (%s); kode %s hanya "
		                "sementara: tulis kode dan nama resminya di %s",
		                "\"%s\" is not in the Kemendagri region list (%s); the code %s is only "
		                "a placeholder: write the official code and name in %s"),
		             *name, w->dir, *code, spec->md);
	return 0;
}

static const char profile_comment[] =
	"# Isi data di bawah ini, lalu jalankan \"rekap check\". Baris yang diawali #\n"
	"# adalah catatan dan boleh dihapus.\n"
	"# nama: nama lengkap seperti yang ditulis di halaman\n"
	"# kode: kode wilayah Kemendagri (provinsi \"64\", kabupaten/kota \"64.74\"),\n"
	"#       atau kode puskesmas \"P\" + 10 angka; harus unik\n";

static const char post_comment[] =
	"# jenis_pekerjaan: pekerjaan anggota pos, mis. nelayan, pengolahan garam\n"
	"# desa: nama desa/kelurahan; desa_kode: kode 10 angka (boleh dikosongkan)\n"
	"# dibentuk: tanggal pembentukan, TTTT-BB-HH\n"
	"# status: aktif, tidak aktif, atau bubar (jika bubar, tambahkan dibubarkan: TTTT-BB-HH)\n"
	"# sarana, sumber_dana: hapus tanda # di depan setiap baris yang berlaku\n"
	"#   (sarana: hanya yang ADA di pos ini); yang tetap diawali # tidak dihitung\n"
	"# Laporan bulanan diisi di laporan.csv (satu baris per bulan, sel kosong =\n"
	"# tidak dilaporkan, bukan 0); kader di kader.csv (tahun_pelatihan kosong =\n"
	"# belum dilatih; aktif = ya atau tidak). Nama dan telepon kader tidak diterbitkan.\n"
	"# Penyakit pekerja untuk formulir LBKP-1 di penyakit.csv (boleh kosong): satu baris\n"
	"# per bulan dan kode ICD-10, mis. 2024-04,J06.9,ISPA,3,1 (kasus laki-laki, perempuan).\n";

static int write_text(const char *dir, const char *name, const char *text, diag_list *diags)
{
	char *path = path_join(dir, name);
	FILE *f = fopen(path, "wx");
	int rc = 0;
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		diag_error(diags, path, 0, 0, TR(diags->lang, "berkas tidak dapat ditulis: %s", "file cannot be written: %s"), strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

/* The year fields of a district that the rules declare (isian_kabupaten),
 * explained and left empty: the SITKO criteria (b)-(d) by default. */
static void district_fields(buf *b, const rules *r)
{
	size_t i;
	if (!r || !r->ndistrict_fields)
		return;
	buf_puts(b, "# Isian tahun (lua/03-indikator.lua, isian_kabupaten): tahun mulai berlakunya,\n"
	            "# mis. sk_kesehatan_kerja: 2023; kosong = belum ada. Dipakai indikator\n"
	            "# kabupaten/kota yang melaksanakan kesehatan kerja (Teknis Operasional SITKO 2020).\n");
	for (i = 0; i < r->ndistrict_fields; i++)
		buf_printf(b, "# %s: %s\n", r->district_fields[i].id, r->district_fields[i].label);
}

/* A list key with every word of its vocabulary commented out, for the
 * officer to keep by deleting the "#": nothing is claimed until then. */
static void vocab_choices(buf *b, const char *key, const vocab *v, size_t n)
{
	size_t i, width = 0;
	for (i = 0; i < n; i++)
		if (strlen(v[i].id) > width)
			width = strlen(v[i].id);
	buf_printf(b, "%s:\n", key);
	for (i = 0; i < n; i++)
		buf_printf(b, "#  - %-*s  # %s\n", (int)width, v[i].id, v[i].label);
}

static char *profile_text(const kind_spec *spec, const char *name, const char *code, int today,
                          const rules *r)
{
	buf b = BUF_INIT;
	size_t i;
	buf_puts(&b, "---\n");
	buf_puts(&b, profile_comment);
	if (strcmp(spec->kind, "pos") == 0)
		buf_puts(&b, post_comment);
	if (strcmp(spec->kind, "kabupaten") == 0 || strcmp(spec->kind, "kota") == 0)
		district_fields(&b, r);
	buf_printf(&b, "nama: \"%s\"\n", name);
	buf_printf(&b, "kode: \"%s\"\n", code);
	for (i = 0; r && (strcmp(spec->kind, "kabupaten") == 0 || strcmp(spec->kind, "kota") == 0) &&
	            i < r->ndistrict_fields;
	     i++)
		buf_printf(&b, "%s:\n", r->district_fields[i].id);
	if (strcmp(spec->kind, "puskesmas") == 0)
		buf_puts(&b, "alamat: \"\"\nkecamatan: \"\"\n");
	if (strcmp(spec->kind, "pos") == 0) {
		buf_puts(&b, "jenis_pekerjaan: \"\"\ndesa: \"\"\ndibentuk: ");
		period_format_date(&b, today);
		buf_puts(&b, "\nstatus: aktif\n");
		vocab_choices(&b, "sarana", r->facilities, r->nfacilities);
		vocab_choices(&b, "sumber_dana", r->funding, r->nfunding);
	}
	buf_puts(&b, "---\n");
	buf_puts(&b, RECORDS_NARRATIVE_SAMPLE "\n");
	return buf_detach(&b);
}

static char *report_header(const rules *r)
{
	buf b = BUF_INIT;
	size_t i;
	buf_puts(&b, "periode,tanggal_lapor");
	for (i = 0; i < r->ncolumns; i++)
		buf_printf(&b, ",%s", r->columns[i].name);
	buf_putc(&b, '\n');
	return buf_detach(&b);
}

/* The region list beside the rules folder, for a province or district; NULL
 * when it is absent (codes are then only the first free ones) or broken
 * (reported in diags). */
static wilayah *region_list(const kind_spec *spec, const char *rules_dir, diag_list *diags)
{
	char *dir;
	wilayah *w;
	if (!is_region(spec) || !rules_dir)
		return NULL;
	dir = wilayah_dir_for(rules_dir);
	w = wilayah_load(dir, diags);
	free(dir);
	return w;
}

int scaffold_new(const char *kind, const char *path, const rules *r, const char *rules_dir,
                 int today, diag_list *diags)
{
	const kind_spec *spec = NULL;
	char *parent = NULL, *slug = NULL, *name = NULL, *parent_code = NULL, *code = NULL, *text;
	wilayah *w = NULL;
	size_t i;
	int rc = -1;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			spec = &kinds[i];
	if (!spec) {
		diag_error(diags, NULL, 0, 0,
		           TR(diags->lang,
		              "jenis \"%s\" tidak dikenal; pilih provinsi, kabupaten, kota, "
		              "puskesmas atau pos",
		              "unknown kind \"%s\"; choose provinsi, kabupaten, kota, puskesmas or pos"),
		           kind);
		return -1;
	}
	parent = parent_of(path);
	slug = path_base(path);
	if (!records_slug_valid(slug)) {
		char *better = records_slug_suggest(slug);
		diag_error(diags, path, 0, 0,
		           TR(diags->lang,
		              "nama folder \"%s\" tidak sah; pakai huruf kecil a-z, angka dan tanda "
		              "hubung, mis. \"%s\"",
		              "folder name \"%s\" is not valid; use lowercase a-z, digits and "
		              "hyphens, e.g. \"%s\""),
		           slug, better ? better : "nelayan-tanjung-laut");
		free(better);
		goto done;
	}
	if (exists(path)) {
		diag_error(diags, path, 0, 0, TR(diags->lang, "folder sudah ada; rekap new tidak menimpa apa pun", "the folder already exists; rekap new never overwrites anything"));
		goto done;
	}
	if (spec->parent_md) {
		parent_code = read_code(parent, spec->parent_md);
		if (!parent_code && spec->parent_alt_md)
			parent_code = read_code(parent, spec->parent_alt_md);
		if (!parent_code) {
			diag_error(diags, parent, 0, 0,
			           TR(diags->lang,
			              "folder induk harus berisi %s%s%s dengan kode; %s dibuat di dalam "
			              "folder %s",
			              "the parent folder must hold %s%s%s with a code; a %s is created "
			              "inside a %s folder"),
			           spec->parent_md, spec->parent_alt_md ? TR(diags->lang, " atau ", " or ") : "",
			           spec->parent_alt_md ? spec->parent_alt_md : "", kind,
			           strcmp(kind, "pos") == 0 ? "puskesmas"
			           : strcmp(kind, "puskesmas") == 0 ? "kabupaten/kota"
			                                            : "provinsi");
			goto done;
		}
	} else if (!exists(parent)) {
		diag_error(diags, parent, 0, 0,
		           TR(diags->lang,
		              "folder induk tidak ada; provinsi dibuat di dalam folder rekaman yang "
		              "sudah ada: buat dulu foldernya (mis. mkdir %s), atau periksa jalurnya",
		              "the parent folder does not exist; a province is made inside an "
		              "existing records folder: make that folder first (e.g. mkdir %s), or "
		              "check the path"),
		           parent);
		goto done;
	}
	w = region_list(spec, rules_dir, diags);
	if (diags->errors)
		goto done;
	name = default_name(spec, slug);
	if (w && region_code(spec, w, path, parent, parent_code, &code, &name, diags) != 0)
		goto done;
	if (!w)
		code = new_code(spec, NULL, parent, parent_code);
	if (!code) {
		diag_error(diags, parent, 0, 0, TR(diags->lang, "kode folder induk \"%s\" tidak sah", "the parent folder's code \"%s\" is not valid"), parent_code);
		goto done;
	}
	if (mkdir(path, 0755) != 0) {
		diag_error(diags, path, 0, 0, TR(diags->lang, "folder tidak dapat dibuat: %s", "folder cannot be created: %s"), strerror(errno));
		goto done;
	}
	text = profile_text(spec, name, code, today, r);
	rc = write_text(path, spec->md, text, diags);
	free(text);
	if (rc == 0 && strcmp(kind, "pos") == 0) {
		char *header = report_header(r);
		rc = write_text(path, "laporan.csv", header, diags);
		free(header);
		if (rc == 0)
			rc = write_text(path, "kader.csv",
			                "nama,jenis_kelamin,pendidikan,tahun_pelatihan,aktif,telepon\n",
			                diags);
		if (rc == 0)
			rc = write_text(path, "penyakit.csv", "periode,kode_icd10,nama,kasus_l,kasus_p\n",
			                diags);
	}
done:
	wilayah_free(w);
	free(parent);
	free(slug);
	free(name);
	free(parent_code);
	free(code);
	return rc;
}
