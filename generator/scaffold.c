/* scaffold.c - writing the files of a new province, district, puskesmas or post folder. */
#include "scaffold.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontmatter.h"
#include "records.h"

typedef struct kind_spec {
	const char *kind, *md, *parent_md, *parent_alt_md;
} kind_spec;

static const kind_spec kinds[] = {
	{"provinsi", "provinsi.md", NULL, NULL},
	{"kabupaten", "kabupaten.md", "provinsi.md", NULL},
	{"kota", "kota.md", "provinsi.md", NULL},
	{"puskesmas", "puskesmas.md", "kabupaten.md", "kota.md"},
	{"pos", "pos.md", "puskesmas.md", NULL},
};

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
 * no sibling uses; caller frees. */
static char *free_code(const char *parent, const char *prefix, int first, int last, int width)
{
	int n;
	for (n = first; n <= last; n++) {
		char *code = xasprintf("%s%0*d", prefix, width, n);
		if (!code_taken(parent, code))
			return code;
		free(code);
	}
	return xasprintf("%s%0*d", prefix, width, first);
}

static char *new_code(const char *kind, const char *parent, const char *parent_code)
{
	char *prefix, *code;
	if (strcmp(kind, "provinsi") == 0)
		return free_code(parent, "", 11, 99, 2);
	if (!parent_code)
		return NULL;
	if (strcmp(kind, "kabupaten") == 0 || strcmp(kind, "kota") == 0) {
		prefix = xasprintf("%s.", parent_code);
		code = strcmp(kind, "kota") == 0 ? free_code(parent, prefix, 71, 99, 2)
		                                 : free_code(parent, prefix, 1, 69, 2);
	} else if (strcmp(kind, "puskesmas") == 0) {
		if (strlen(parent_code) != 5)
			return NULL;
		prefix = xasprintf("P%.2s%.2s", parent_code, parent_code + 3);
		code = free_code(parent, prefix, 1, 999999, 6);
	} else {
		prefix = xasprintf("%s-", parent_code);
		code = free_code(parent, prefix, 1, 99, 2);
	}
	free(prefix);
	return code;
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
	"# sarana: sarana yang ADA, satu per baris: papan_nama, kotak_p3k, kotak_p3p,\n"
	"#   contoh_apd, timbangan, pengukur_tinggi, tempat_cuci_tangan, tempat_sampah,\n"
	"#   buku_pencatatan, meja_kursi, lemari_obat\n"
	"# sumber_dana: puskesmas, dana_desa, swadaya, perusahaan, pemda, lainnya\n"
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
	buf_printf(&b, "nama: \"%s%s\"\n", strcmp(spec->kind, "pos") == 0 ? "Pos UKK " :
	                                   strcmp(spec->kind, "puskesmas") == 0 ? "Puskesmas " :
	                                   strcmp(spec->kind, "kabupaten") == 0 ? "Kabupaten " :
	                                   strcmp(spec->kind, "kota") == 0 ? "Kota " : "",
	           name);
	buf_printf(&b, "kode: \"%s\"\n", code);
	for (i = 0; r && (strcmp(spec->kind, "kabupaten") == 0 || strcmp(spec->kind, "kota") == 0) &&
	            i < r->ndistrict_fields;
	     i++)
		buf_printf(&b, "%s:\n", r->district_fields[i].id);
	if (strcmp(spec->kind, "puskesmas") == 0)
		buf_puts(&b, "alamat: \"\"\nkecamatan: \"\"\n");
	if (strcmp(spec->kind, "pos") == 0) {
		int y, m, d;
		period_date_to_ymd(today, &y, &m, &d);
		buf_printf(&b,
		           "jenis_pekerjaan: \"\"\ndesa: \"\"\ndibentuk: %04d-%02d-%02d\nstatus: aktif\n"
		           "sarana:\n  - papan_nama\nsumber_dana:\n  - puskesmas\n",
		           y, m, d);
	}
	buf_puts(&b, "---\n");
	buf_puts(&b, "Tulis keterangan di sini dalam Markdown: keadaan, kegiatan, kendala.\n");
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

int scaffold_new(const char *kind, const char *path, const rules *r, int today,
                 diag_list *diags)
{
	const kind_spec *spec = NULL;
	char *parent = NULL, *slug = NULL, *name = NULL, *parent_code = NULL, *code = NULL, *text;
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
		diag_error(diags, path, 0, 0,
		           TR(diags->lang,
		              "nama folder \"%s\" tidak sah; pakai huruf kecil a-z, angka dan tanda "
		              "hubung",
		              "folder name \"%s\" is not valid; use lowercase a-z, digits and hyphens"),
		           slug);
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
		diag_error(diags, parent, 0, 0, TR(diags->lang, "folder induk tidak ada", "the parent folder does not exist"));
		goto done;
	}
	code = new_code(kind, parent, parent_code);
	if (!code) {
		diag_error(diags, parent, 0, 0, TR(diags->lang, "kode folder induk \"%s\" tidak sah", "the parent folder's code \"%s\" is not valid"), parent_code);
		goto done;
	}
	if (mkdir(path, 0755) != 0) {
		diag_error(diags, path, 0, 0, TR(diags->lang, "folder tidak dapat dibuat: %s", "folder cannot be created: %s"), strerror(errno));
		goto done;
	}
	name = title_of(slug);
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
	free(parent);
	free(slug);
	free(name);
	free(parent_code);
	free(code);
	return rc;
}
