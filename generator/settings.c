/* settings.c - records/rekap.yaml: its keys checked once and read into the typed settings every stage uses. */
#include "settings.h"

#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "locale.h"
#include "period.h"

#define SHOWN_MAX 80 /* bytes of a value quoted in a message, as records.c quotes them */

/* What a setting holds; each is checked, so that a misspelt key or value
 * (bahsa: en) cannot silently give a different site. */
typedef enum { SET_TEXT, SET_LANG, SET_BOOL, SET_URL, SET_QUARTER } setting_kind;

/* The keys in the order of setting_keys. */
typedef enum {
	KEY_JUDUL,
	KEY_ORGANISASI,
	KEY_BAHASA,
	KEY_URL_DASAR,
	KEY_TAMPILKAN,
	KEY_PERIODE
} key_id;

static const char *const setting_keys[] = {"judul",     "organisasi",           "bahasa",
                                           "url_dasar", "tampilkan_nama_kader", "periode",
                                           NULL};
static const setting_kind setting_kinds[] = {SET_TEXT, SET_TEXT, SET_LANG,
                                             SET_URL,  SET_BOOL, SET_QUARTER};

void settings_init(settings *s)
{
	memset(s, 0, sizeof *s);
	s->judul = "Rekap Pos UKK";
	s->organisasi = "";
	s->url_dasar = "";
	s->bahasa = LANG_ID;
	s->periode = -1;
}

/* A value from rekap.yaml as a message quotes it (see buf_put_shown); the
 * text lives in b until its next use. */
static const char *shown(buf *b, const char *s)
{
	buf_reset(b);
	buf_put_shown(b, s, strlen(s), SHOWN_MAX);
	return buf_cstr(b);
}

static void unknown_setting(diag_list *diags, const char *file, const char *key, unsigned line,
                            unsigned col)
{
	size_t i;
	size_t d;
	const char *near = str_nearest(key, setting_keys, STR_NEAR_RECORDS, &d);
	buf known = BUF_INIT, q = BUF_INIT;
	if (near) {
		diag_error(diags, file, line, col,
		           TR(diags->lang,
		              "kunci \"%s\" tidak dikenal di rekap.yaml; mungkin maksudnya \"%s\"?",
		              "unknown key \"%s\" in rekap.yaml; did you mean \"%s\"?"),
		           shown(&q, key), near);
		buf_release(&q);
		return;
	}
	for (i = 0; setting_keys[i]; i++)
		buf_printf(&known, "%s%s", i ? ", " : "", setting_keys[i]);
	diag_error(diags, file, line, col,
	           TR(diags->lang, "kunci \"%s\" tidak dikenal di rekap.yaml; kunci yang dikenal: %s",
	              "unknown key \"%s\" in rekap.yaml; the known keys are: %s"),
	           shown(&q, key), buf_cstr(&known));
	buf_release(&known);
	buf_release(&q);
}

/* An address a browser can open from anywhere: http(s)://, a host, no spaces. */
static int url_valid(const char *s)
{
	const char *host = str_starts(s, "https://") ? s + 8 : str_starts(s, "http://") ? s + 7 : NULL;
	if (!host || *host == '\0' || *host == '/')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ')
			return 0;
	return 1;
}

/* The error of a periode that is no quarter, naming the quarter guess
 * (period_guess_quarter) when there is one. */
static void quarter_error(diag_list *diags, const char *file, const value *v, const char *text,
                          int guess)
{
	buf name = BUF_INIT, want = BUF_INIT;
	if (guess < 0) {
		diag_error(diags, file, v->line, v->column,
		           TR(diags->lang,
		              "periode \"%s\" harus triwulan berbentuk TTTT-QN, mis. 2024-Q4",
		              "periode \"%s\" must be a quarter written YYYY-QN, e.g. 2024-Q4"),
		           text);
		return;
	}
	fmt_quarter(&name, diags->lang, guess, 0);
	period_format_quarter(&want, guess);
	diag_error(diags, file, v->line, v->column,
	           TR(diags->lang,
	              "periode \"%s\" harus triwulan berbentuk TTTT-QN: untuk %s tulis %s",
	              "periode \"%s\" must be a quarter written YYYY-QN: for %s write %s"),
	           text, buf_cstr(&name), buf_cstr(&want));
	buf_release(&name);
	buf_release(&want);
}

/* Whether s, the text of a setting of the given kind, is of its form;
 * otherwise says so at v. */
static int value_valid(diag_list *diags, const char *file, const char *key, setting_kind kind,
                       const value *v, const char *s)
{
	buf q = BUF_INIT;
	int ok = 0;
	if (kind == SET_LANG && strcmp(s, "id") != 0 && strcmp(s, "en") != 0)
		diag_error(diags, file, v->line, v->column,
		           TR(diags->lang,
		              "bahasa \"%s\" tidak dikenal; tulis id (Bahasa Indonesia) atau en "
		              "(English)",
		              "language \"%s\" is not known; write id (Bahasa Indonesia) or en "
		              "(English)"),
		           shown(&q, s));
	else if (kind == SET_BOOL && strcmp(s, "true") != 0 && strcmp(s, "false") != 0 &&
	         strcmp(s, "ya") != 0 && strcmp(s, "tidak") != 0)
		diag_error(diags, file, v->line, v->column,
		           TR(diags->lang, "%s \"%s\" harus true atau false", "%s \"%s\" must be true or false"),
		           key, shown(&q, s));
	else if (kind == SET_URL && !url_valid(s))
		diag_error(diags, file, v->line, v->column,
		           TR(diags->lang,
		              "url_dasar \"%s\" harus kosong atau alamat lengkap yang diawali "
		              "https:// atau http://, mis. https://dinkes.example.go.id/rekap/",
		              "url_dasar \"%s\" must be empty or a full address starting with "
		              "https:// or http://, e.g. https://dinkes.example.go.id/rekap/"),
		           shown(&q, s));
	else if (kind == SET_QUARTER && period_parse_quarter(s) < 0)
		quarter_error(diags, file, v, shown(&q, s), period_guess_quarter(s));
	else
		ok = 1;
	buf_release(&q);
	return ok;
}

/* Keep a valid setting's value in s. */
static void set(settings *s, key_id key, const char *text)
{
	switch (key) {
	case KEY_JUDUL:
		s->judul = text;
		break;
	case KEY_ORGANISASI:
		s->organisasi = text;
		break;
	case KEY_BAHASA:
		s->bahasa = lang_from_code(text);
		break;
	case KEY_URL_DASAR:
		s->url_dasar = text;
		break;
	case KEY_TAMPILKAN:
		s->tampilkan_nama_kader = strcmp(text, "true") == 0 || strcmp(text, "ya") == 0;
		break;
	case KEY_PERIODE:
		s->periode = period_parse_quarter(text);
		break;
	}
}

/* Check the value of a known setting and keep it when valid; an empty
 * value means "not set" (a title or an organisation may still be ""). */
static void read_setting(settings *s, diag_list *diags, const char *file, key_id key,
                         const value *v)
{
	const char *name = setting_keys[key];
	if (key == KEY_PERIODE) {
		s->periode_line = v->line;
		s->periode_column = v->column;
	}
	if (v->kind == VAL_NULL)
		return;
	if (v->kind != VAL_STR) {
		diag_error(diags, file, v->line, v->column,
		           TR(diags->lang, "\"%s\" harus berupa teks", "\"%s\" must be text"), name);
		return;
	}
	if (*v->u.str.s == '\0') { /* url_dasar: "" */
		if (setting_kinds[key] == SET_TEXT)
			set(s, key, v->u.str.s);
		else if (key == KEY_PERIODE)
			s->periode = SETTINGS_PERIODE_EMPTY;
		return;
	}
	if (value_valid(diags, file, name, setting_kinds[key], v, v->u.str.s))
		set(s, key, v->u.str.s);
}

int settings_read(settings *s, const value *map, const char *file, diag_list *diags)
{
	size_t errors = diags->errors, i, k;
	for (i = 0; i < map->u.map.len; i++) {
		const char *key = map->u.map.pairs[i].key;
		const value *v = map->u.map.pairs[i].val;
		for (k = 0; setting_keys[k] && strcmp(key, setting_keys[k]) != 0; k++)
			;
		if (setting_keys[k])
			read_setting(s, diags, file, (key_id)k, v);
		else /* a block mapping starts where its first key does */
			unknown_setting(diags, file, key, v->line, map->column ? map->column : 1);
	}
	return diags->errors > errors ? -1 : 0;
}

int settings_load(settings *s, arena *a, const char *path, diag_list *diags)
{
	char *text;
	size_t len;
	value *map = NULL;
	int rc = -1;
	settings_init(s);
	if (file_read(path, &text, &len) != 0)
		return -1;
	if (fm_parse_yaml(a, path, text, len, 1, &map, diags) == 0) {
		settings_read(s, map, path, diags);
		rc = 0;
	}
	free(text);
	return rc;
}
