/* locale.c - UI strings and Indonesian / English formatting of numbers, dates and periods. */
#include "locale.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

lang lang_from_code(const char *code)
{
	return code && strcmp(code, "en") == 0 ? LANG_EN : LANG_ID;
}

const char *lang_code(lang l)
{
	return l == LANG_EN ? "en" : "id";
}

static const char *const strings[][3] = {
	{"not_reported", "tidak dilaporkan", "not reported"},
	{"late_received", "diterima", "received"},
	{"late_undated", "tanpa tanggal_lapor", "without tanggal_lapor"},
	{"no_value", "tidak ada nilai", "no value"},
	{"zero_denominator", "tidak dapat dihitung (penyebut 0)", "not computable (denominator 0)"},
	{"not_formed", "belum dibentuk", "not yet formed"},
	{"dissolved_already", "sudah bubar", "dissolved"},
	{"no_data", "belum ada data", "no data yet"},
	{"home", "Beranda", "Home"},
	{"indicators", "Indikator", "Indicators"},
	{"indicator", "Indikator", "Indicator"},
	{"value", "Nilai", "Value"},
	{"target", "Target", "Target"},
	{"change", "Perubahan", "Change"},
	{"previous", "Triwulan sebelumnya", "Previous quarter"},
	{"met", "tercapai", "met"},
	{"missed", "belum tercapai", "not met"},
	{"no_target", "tanpa target", "no target"},
	{"not_counted", "tidak dihitung", "not counted"},
	{"left_out_posts", "%zu pos yang melaporkan %s tanpa %s",
         "%zu posts that reported %s without %s"},
	{"left_out_posts_one", "%zu pos yang melaporkan %s tanpa %s",
         "%zu post that reported %s without %s"},
	{"left_out_post", "pos ini melaporkan %s tanpa %s", "this post reported %s without %s"},
	{"left_out_reports", "%zu laporan yang memuat %s tanpa %s",
         "%zu reports that gave %s without %s"},
	{"left_out_reports_one", "%zu laporan yang memuat %s tanpa %s",
         "%zu report that gave %s without %s"},
	{"left_out_intro",
         "Pembilang dan penyebut dihitung hanya bila keduanya dilaporkan. Tidak dihitung:",
         "Numerator and denominator count only where both were reported. Not counted:"},
	{"numerator", "Pembilang", "Numerator"},
	{"denominator", "Penyebut", "Denominator"},
	{"factor", "Faktor", "Factor"},
	{"formula_numerator", "pembilang menurut definisinya", "numerator as defined"},
	{"formula_denominator", "penyebut menurut definisinya", "denominator as defined"},
	{"applies_to", "Berlaku untuk", "Applies to"},
	{"not_found", "Halaman tidak ditemukan", "Page not found"},
	{"not_found_text",
         "Alamat yang dibuka tidak ada di situs ini. Mungkin halamannya sudah dipindah, atau alamatnya salah ketik.",
         "The address you opened does not exist on this site. The page may have moved, or the address may be mistyped."},
	{"not_found_next", "Mulai lagi dari beranda atau dari daftar definisi indikator:",
         "Start again from the home page or from the indicator definitions:"},
	{"targets_met", "Target tercapai", "Targets met"},
	{"targets_met_of", "%zu dari %zu", "%zu of %zu"},
	{"children_order_posts",
         "Pos yang paling perlu dibantu (tingkat dan skor terendah) di atas.",
         "Posts that most need help (lowest level and score) come first."},
	{"children_order_areas", "Yang paling sedikit mencapai targetnya di atas.",
         "Those that meet the fewest of their targets come first."},
	{"chart_value", "nilai per triwulan", "value by quarter"},
	{"chart_target", "target (garis putus-putus)", "target (dashed line)"},
	{"chart_title", "Tren indikator utama", "Trend of the key indicators"},
	{"chart_note", "Angka lengkapnya ada di tabel di bawah.",
         "The table below gives every value."},
	{"rule", "Aturan", "Rule"},
	{"level", "Tingkat", "Level"},
	{"score", "Skor", "Score"},
	{"name", "Nama", "Name"},
	{"code", "Kode", "Code"},
	{"status", "Status", "Status"},
	{"posts", "Pos UKK", "Posts"},
	{"post", "Pos UKK", "Post"},
	{"workbook", "Buku kerja (Excel)", "Workbook (Excel)"},
	{"open_data", "Data terbuka (CSV)", "Open data (CSV)"},
	{"open_data_rows", "%s baris", "%s rows"},
	{"markdown_twin", "Versi Markdown", "Markdown version"},
	{"by_quarter", "Indikator per triwulan", "Indicators by quarter"},
	{"quarter", "Triwulan", "Quarter"},
	{"children", "Rincian", "Breakdown"},
	{"levels", "Sebaran tingkat pos", "Post levels"},
	{"levels_sip",
         "Jumlah Pos UKK per tingkat dan jumlah kader, seperti yang diminta formulir data tahunan "
         "puskesmas (SIP).",
         "Posts per level and the number of cadres, as the annual puskesmas data form (SIP) asks."},
	{"sheet_sip", "Data SIP", "SIP data"},
	{"cadres_posts", "Kader Pos UKK", "Cadres of the posts"},
	{"profile", "Profil", "Profile"},
	{"trade", "Jenis pekerjaan", "Trade"},
	{"village", "Desa/kelurahan", "Village"},
	{"formed", "Dibentuk", "Formed"},
	{"dissolved", "Dibubarkan", "Dissolved"},
	{"facilities", "Sarana", "Facilities"},
	{"present", "ada", "present"},
	{"absent", "tidak ada", "missing"},
	{"funding", "Sumber dana", "Funding"},
	{"cadres", "Kader", "Cadres"},
	{"cadres_registered", "Kader terdaftar", "Registered cadres"},
	{"cadres_active", "Kader aktif", "Active cadres"},
	{"cadres_trained", "Kader aktif terlatih", "Trained active cadres"},
	{"assessment", "Penilaian", "Assessment"},
	{"criteria_met", "Kriteria terpenuhi", "Criteria met"},
	{"criteria_missed", "Yang perlu dilakukan", "What to do next"},
	{"not_assessed", "Pos tidak dinilai pada triwulan ini.",
         "The post is not assessed this quarter."},
	{"data_quality", "Kualitas data", "Data quality"},
	{"reports_missing", "Laporan belum masuk", "Missing reports"},
	{"reports_late", "Laporan terlambat", "Late reports"},
	{"no_quarter",
         "belum ada laporan di rekaman, jadi belum ada triwulan yang diterbitkan; angkanya muncul "
         "setelah laporan pertama masuk",
         "no report is in the records yet, so no quarter is published; the figures appear once "
         "the first reports are in"},
	{"no_reports_expected", "Tidak ada laporan yang diharapkan triwulan ini",
         "No report was expected this quarter"},
	{"all_reports_in", "Semua laporan triwulan ini sudah masuk tepat waktu.",
         "Every report of this quarter arrived on time."},
	{"records_file", "Berkas rekaman", "Record file"},
	{"how_computed", "Cara menghitung", "How it is computed"},
	{"definitions", "Definisi indikator", "Indicator definitions"},
	{"breadcrumb", "Jejak halaman", "Breadcrumb"},
	{"unit", "Satuan", "Unit"},
	{"meaning", "Arti", "Meaning"},
	{"source_rule", "Didefinisikan di", "Defined in"},
	{"definition_source", "Sumber", "Source"},
	{"target_source", "Sumber target", "Source of the target"},
	{"local_proposal", "usulan lokal", "local proposal"},
	{"data_elements", "Elemen data", "Data elements"},
	{"element", "Elemen", "Element"},
	{"higher_better", "makin tinggi makin baik", "higher is better"},
	{"lower_better", "makin rendah makin baik", "lower is better"},
	/* doubtful values, the summary line and the data quality by area */
	{"doubtful", "diragukan", "doubtful"},
	{"over_100", "lebih dari 100%", "over 100%"},
	{"in_posts", " (%zu pos)", " (%zu posts)"},
	{"in_posts_one", " (%zu pos)", " (%zu post)"},
	{"children_marks", "❌ di bawah target · ⚠️ diragukan (alasannya ada di halaman itu)",
         "❌ below target · ⚠️ doubtful (that page gives the reason)"},
	{"at_a_glance", "Sekilas", "At a glance"},
	{"summary_level", "tingkat %s, skor %s/100", "level %s, score %s/100"},
	{"summary_targets", "%zu dari %zu target tercapai", "%zu of %zu targets met"},
	{"summary_missing", "%s laporan belum masuk", "%s reports missing"},
	{"summary_missing_one", "%s laporan belum masuk", "%s report missing"},
	{"summary_first", "pertama: %s", "first: %s"},
	{"first_send", "kirim laporan %s", "send the reports of %s"},
	{"first_send_one", "kirim laporan %s", "send the report of %s"},
	{"first_collect", "kumpulkan %s laporan yang belum masuk (lihat Kualitas data)",
         "collect the %s missing reports (see Data quality)"},
	{"first_collect_one", "kumpulkan %s laporan yang belum masuk (lihat Kualitas data)",
         "collect the %s missing report (see Data quality)"},
	{"first_check", "periksa data %s", "check the data of %s"},
	{"first_help", "dampingi %s (%zu dari %zu target tercapai)",
         "support %s (%zu of %zu targets met)"},
	{"first_improve", "capai target %s", "reach the target of %s"},
	{"first_keep", "pertahankan: semua target tercapai", "keep it up: every target is met"},
	{"status_contradicts", "⚠️ menurut laporan triwulan ini buka %s dari %s bulan",
         "⚠️ the reports of this quarter show it open %s of %s months"},
	{"quality_by_area",
         "Masalah data per wilayah di bawahnya, triwulan ini. Daftar lengkapnya ada di halaman kabupaten/kota dan puskesmas.",
         "Data problems by area below, this quarter. The full lists are on the district and puskesmas pages."},
	{"narrative", "Catatan", "Notes"},
	{"sheet_summary", "Ringkasan", "Summary"},
	{"sheet_posts", "Pos UKK", "Posts"},
	{"last_report", "Laporan terakhir", "Last report"},
	{"period", "Periode", "Period"},
	{"generated_by", "Dibuat dengan rekap dari rekaman", "Made with rekap from the records"},
	{"status_aktif", "aktif", "active"},
	{"status_tidak aktif", "tidak aktif", "inactive"},
	{"status_bubar", "bubar", "dissolved"},
	{"kind_root", "Nasional", "National"},
	{"kind_provinsi", "Provinsi", "Province"},
	{"kind_kabupaten", "Kabupaten", "Regency"},
	{"kind_kota", "Kota", "City"},
	{"kind_puskesmas", "Puskesmas", "Puskesmas"},
	{"kind_pos", "Pos UKK", "Post"},
	{"yes", "ya", "yes"},
	{"no", "tidak", "no"},
	{"none", "tidak ada", "none"},
	{"summary_for", "Ringkasan", "Summary for"},
	{"violations", "Pelanggaran aturan validasi", "Validation rule violations"},
	{"record_notes", "Peringatan rekaman yang mengubah angka",
         "Record warnings that change the numbers"},
	{"problem", "Masalah", "Problem"},
	{"detail", "Keterangan", "Details"},
	{"sheet_definitions", "Definisi", "Definitions"},
	{"records_folder", "Folder rekaman", "Records folder"},
	{"all_records", "semua rekaman", "all records"},
	{"district", "Kabupaten/kota", "District/city"},
	{"values_for", "Nilai indikator", "Indicator values"},
	/* the workbooks' own words: sheets, headers and notes */
	{"sheet_compare", "Perbandingan", "Comparison"},
	{"sheet_monthly", "Data bulanan", "Monthly data"},
	{"total", "Jumlah", "Total"},
	{"report_kind", "Jenis laporan", "Report"},
	{"monthly", "bulanan", "monthly"},
	{"quarterly", "triwulanan", "quarterly"},
	{"received", "Tanggal lapor", "Date received"},
	{"male", "(L)", "(M)"},
	{"female", "(P)", "(F)"},
	{"both", "(L+P)", "(M+F)"},
	{"csv_columns", "Kolom laporan.csv:", "laporan.csv column:"},
	{"monthly_note",
         "Sel kosong: tidak dilaporkan (bukan 0). L = laki-laki, P = perempuan. Baris triwulanan "
         "berisi nilai seluruh triwulan.",
         "An empty cell was not reported (it is not 0). M = male, F = female. A quarterly row "
         "holds the values of the whole quarter."},
	{"monthly_since", "Hanya mulai", "Only from"},
	{"monthly_none", "Tanpa baris:", "No rows:"},
	{"monthly_over", "lebih dari", "more than"},
	{"monthly_cap", "baris per lembar; data selengkapnya ada di buku kerja wilayah di bawahnya.",
         "rows a sheet; the workbooks of the areas below hold the rest."},
	{"monthly_level",
         "buku kerja provinsi dan nasional tidak memuat data bulanan; data itu ada di buku kerja "
         "kabupaten/kota dan puskesmas, dan jumlah per triwulan ada di data terbuka "
         "(data/indicators.csv).",
         "province and national workbooks hold no monthly data; it is in the district and "
         "puskesmas workbooks, and the quarterly sums are in the open data (data/indicators.csv)."},
	{"monthly_year",
         "buku kerja kabupaten/kota memuat empat triwulan terakhir; semua bulan ada di buku kerja "
         "puskesmas.",
         "district workbooks hold the last four quarters; every month is in the puskesmas "
         "workbooks."},
	{"level_posts", "Pos tingkat", "Posts at level"},
	{"chart_other", "Tren indikator utama selain persentase",
         "Trend of the other key indicators"},
	{"chart_counts", "Tren hitungan utama", "Trend of the key counts"},
	{"print_generated", "Dibuat", "Generated"},
	{"print_page", "Halaman", "Page"},
	{"print_of", "dari", "of"},
	{"criteria_not_met", "Kriteria belum terpenuhi", "Criteria not met"},
	{"next_step", "Langkah berikutnya", "Next step"},
	{"needs_coaching", "Perlu pembinaan", "Needs coaching"},
	{"coaching_note",
         "Perlu pembinaan: ya bila pos masih di tingkat terendah (atau belum memenuhi kriterianya).",
         "Needs coaching: yes when the post is still at the lowest level (or misses its criteria)."},
	{"post_count", "Jumlah Pos UKK", "Posts"},
	{"posts_workbook", "Buku kerja yang memuat daftar pos", "Workbook that lists the posts"},
	{"posts_elsewhere",
         "Buku kerja nasional tidak memuat daftar pos: buku kerja setiap provinsi memuatnya.",
         "The national workbook does not list the posts: each province's workbook does."},
	{"area", "Wilayah", "Area"},
	{"area_kind", "Jenis wilayah", "Kind of area"},
	{"compare_total_note",
         "Setiap provinsi diikuti kabupaten/kotanya; baris Jumlah menjumlahkan kabupaten/kota yang "
         "tampil (bila tidak ada yang tampil, provinsi yang tampil)",
         "Each province is followed by its districts; the Total row adds the districts shown (when "
         "none is shown, the provinces shown)"},
	{"problems_workbook", "Buku kerja yang memuat masalah setiap pos",
         "Workbook that lists each post's problems"},
	{"problems_elsewhere",
         "Buku kerja nasional menghitung masalah data per kabupaten/kota; daftar masalah setiap pos "
         "ada di buku kerja provinsinya (kolom Buku kerja yang memuat masalah setiap pos)",
         "The national workbook counts the data problems of each district; each post's problems "
         "are listed in its province's workbook (column Workbook that lists each post's problems)"},
	{"count", "Jumlah", "Count"},
	{"months", "Bulan", "Months"},
	{"month", "Bulan", "Month"},
	{"values_to_check", "Nilai perlu diperiksa (aturan validasi)",
         "Values to check (validation rule)"},
	{"legend", "Keterangan warna:", "Colours:"},
	{"legend_met", "hijau = mencapai target", "green = target met"},
	{"legend_missed", "merah = belum mencapai target", "red = target not met"},
	{"legend_doubtful", "kuning = di atas 100%, tidak mungkin: periksa rekamannya",
         "yellow = above 100%, impossible: check the records"},
	{"legend_blank", "sel kosong = tidak ada nilai (lihat baris Triwulan kosong)",
         "empty cell = no value (see the row Empty quarters)"},
	{"change_quarter", "Perubahan dari triwulan sebelumnya", "Change from the previous quarter"},
	{"blank_quarters", "Triwulan kosong", "Empty quarters"},
	{"blank_not_formed", "belum ada pos (belum dibentuk)", "no post yet (not formed)"},
	{"blank_dissolved", "semua pos sudah bubar", "every post dissolved"},
	{"blank_no_report", "belum ada laporan", "no report"},
	{"targets_by_year", "Target per tahun", "Targets by year"},
};

size_t tr_count(void)
{
	return sizeof strings / sizeof strings[0];
}

const char *tr_key(size_t i)
{
	return strings[i][0];
}

#define NSTRINGS (sizeof strings / sizeof strings[0])

/* The rows of strings in the order of their keys, made once: tr is called
 * for every row of a workbook and every key of every page, and a scan of
 * the whole table was most of its cost. */
static unsigned short key_order[NSTRINGS];
static pthread_once_t key_order_once = PTHREAD_ONCE_INIT;

static int by_key(const void *a, const void *b)
{
	unsigned short x = *(const unsigned short *)a, y = *(const unsigned short *)b;
	int c = strcmp(strings[x][0], strings[y][0]);
	return c ? c : (x > y) - (x < y); /* of equal keys the first row, as a scan finds it */
}

static void sort_keys(void)
{
	size_t i;
	for (i = 0; i < NSTRINGS; i++)
		key_order[i] = (unsigned short)i;
	qsort(key_order, NSTRINGS, sizeof key_order[0], by_key);
}

const char *tr(lang l, const char *key)
{
	size_t lo = 0, hi = NSTRINGS;
	pthread_once(&key_order_once, sort_keys);
	while (lo < hi) { /* the first row whose key is not below key */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(strings[key_order[mid]][0], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < NSTRINGS && strcmp(strings[key_order[lo]][0], key) == 0)
		return strings[key_order[lo]][l == LANG_EN ? 2 : 1];
	return key;
}

const char *tr_plural(lang l, const char *key, double n)
{
	char one[64];
	if (n == 1 && (size_t)snprintf(one, sizeof one, "%s_one", key) < sizeof one) {
		const char *s = tr(l, one);
		if (s != one) /* there is a form for one */
			return s;
	}
	return tr(l, key);
}

void fmt_number(buf *out, lang l, double v, int decimals)
{
	char digits[64];
	char thousands = l == LANG_EN ? ',' : '.';
	char point = l == LANG_EN ? '.' : ',';
	char *dot, *p;
	size_t int_len, i;
	if (isnan(v)) {
		buf_puts(out, tr(l, "not_reported"));
		return;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	fmt_fixed(digits, sizeof digits, fabs(v), decimals);
	dot = strchr(digits, '.');
	if (dot) {
		/* drop trailing zeros, then a bare point */
		p = digits + strlen(digits) - 1;
		while (p > dot && *p == '0')
			*p-- = '\0';
		if (p == dot)
			*dot = '\0';
	}
	dot = strchr(digits, '.');
	int_len = dot ? (size_t)(dot - digits) : strlen(digits);
	if (v < 0 && strspn(digits, "0.") != strlen(digits))
		buf_putc(out, '-');
	for (i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			buf_putc(out, thousands);
		buf_putc(out, digits[i]);
	}
	if (dot) {
		buf_putc(out, point);
		buf_puts(out, dot + 1);
	}
}

void fmt_percent(buf *out, lang l, double v)
{
	if (isnan(v)) {
		buf_puts(out, tr(l, "not_reported"));
		return;
	}
	fmt_number(out, l, v, 2);
	buf_putc(out, '%');
}

/* [language][month - 1] */
static const char *const month_names[2][12] = {
	{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
	 "Oktober", "November", "Desember"},
	{"January", "February", "March", "April", "May", "June", "July", "August", "September",
	 "October", "November", "December"},
};
static const char *const roman[] = {"I", "II", "III", "IV"};

void fmt_date(buf *out, lang l, int days)
{
	int y, m, d;
	if (days == NO_DATE) {
		buf_puts(out, "–");
		return;
	}
	period_date_to_ymd(days, &y, &m, &d);
	buf_put_int(out, d);
	buf_putc(out, ' ');
	buf_puts(out, month_names[l == LANG_EN][m - 1]);
	buf_putc(out, ' ');
	buf_put_int(out, y);
}

void fmt_month(buf *out, lang l, int month)
{
	buf_puts(out, month_names[l == LANG_EN][month % 12]);
	buf_putc(out, ' ');
	buf_put_int(out, month / 12);
}

void fmt_quarter(buf *out, lang l, int quarter, int short_form)
{
	int y = quarter / 4, q = quarter % 4;
	if (quarter < 0) {
		buf_puts(out, "–");
		return;
	}
	/* pages and charts write many: no printf */
	if (l == LANG_EN) {
		buf_puts(out, short_form ? "Q" : "Quarter ");
		buf_put_int(out, q + 1);
	} else {
		buf_puts(out, short_form ? "TW " : "Triwulan ");
		buf_puts(out, roman[q]);
	}
	buf_putc(out, ' ');
	buf_put_int(out, y);
}
