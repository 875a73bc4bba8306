/* rules.c - loading the Lua rules into C definitions and calling their functions, sandboxed. */
#include "rules.h"

#include <ctype.h>
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "node_kind.h"
#include "period.h"
#include "sandbox.h"

/* The largest min or max of an element: sums of many cells stay exact. */
#define ELEMENT_LIMIT 1e15

/* What loading and calling the rules keep per Lua state: the sandbox's
 * bookkeeping first (the allocator's userdata, see sandbox.h), then the
 * rules' own. */
typedef struct rules_state {
	sandbox box;
	size_t current_quantity; /* the besaran being evaluated: it sees those before it */
	const double *current_q; /* the quantities of the post and quarter it is evaluated for */
	rules *r;
	/* raw indicator terms, resolved once every file is loaded */
	struct pending_terms {
		const char **num, **den;
		size_t nnum, nden;
	} *pending;
	size_t npending, cappending;
	struct pending_terms *vpending; /* sides of validation rules */
	size_t nvpending, capvpending;
	size_t nelements_cap, nquant_cap, nind_cap, nfac_cap, nfund_cap, nlevel_cap, nval_cap;
	size_t ndistrict_cap;
	size_t nprivate_cap;
} rules_state;

static rules_state *get_state(lua_State *L)
{
	return (rules_state *)sandbox_of(L);
}


/* ---- reading definition tables ---- */

static const char *opt_string(lua_State *L, int t, const char *key, const char *def)
{
	const char *s = def;
	lua_getfield(L, t, key);
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L,
			           TR(sandbox_lang(L), "\"%s\" harus berupa teks dalam tanda kutip",
			              "\"%s\" must be text in quotation marks"),
			           key);
		s = arena_strdup(get_state(L)->r->arena, lua_tostring(L, -1));
	}
	lua_pop(L, 1);
	return s;
}

static const char *req_string(lua_State *L, int t, const char *key)
{
	const char *s = opt_string(L, t, key, NULL);
	if (!s || !*s)
		luaL_error(L, TR(sandbox_lang(L), "\"%s\" wajib diisi", "\"%s\" is required"), key);
	return s;
}

/* How Lua writes a number that is no finite one. */
static const char *nonfinite_name(double d)
{
	return isnan(d) ? "nan" : d > 0 ? "inf" : "-inf";
}

/* The number at idx, refusing a nan or an infinity (say 1/0, or math.huge)
 * where a rule file gives a bound, a factor, a target or a constant. */
static double finite_number(lua_State *L, int idx, const char *key)
{
	double d = lua_tonumber(L, idx);
	if (!isfinite(d))
		luaL_error(L,
		           TR(sandbox_lang(L), "\"%s\" harus berupa angka terhingga, bukan %s",
		              "\"%s\" must be a finite number, not %s"),
		           key, nonfinite_name(d));
	return d;
}

static double opt_number(lua_State *L, int t, const char *key, double def)
{
	double d = def;
	lua_getfield(L, t, key);
	if (!lua_isnil(L, -1)) {
		if (!lua_isnumber(L, -1))
			luaL_error(L, TR(sandbox_lang(L), "\"%s\" harus berupa angka", "\"%s\" must be a number"),
			           key);
		d = finite_number(L, -1, key);
	}
	lua_pop(L, 1);
	return d;
}

static int opt_bool(lua_State *L, int t, const char *key, int def)
{
	int b = def;
	lua_getfield(L, t, key);
	if (!lua_isnil(L, -1)) {
		if (!lua_isboolean(L, -1))
			luaL_error(L, TR(sandbox_lang(L), "\"%s\" harus true atau false", "\"%s\" must be true or false"),
			           key);
		b = lua_toboolean(L, -1);
	}
	lua_pop(L, 1);
	return b;
}

static int valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static const char *check_id(lua_State *L, int t)
{
	const char *id = req_string(L, t, "id");
	if (!valid_id(id))
		luaL_error(L,
		           TR(sandbox_lang(L), "id \"%s\" hanya boleh berisi huruf kecil, angka dan _",
		              "id \"%s\" may contain only lowercase letters, digits and _"),
		           id);
	return id;
}

/* Remember where the current definition was written: file and line. */
static void where(lua_State *L, const char **file, int *line)
{
	lua_Debug ar;
	*file = NULL;
	*line = 0;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
		*file = arena_strdup(get_state(L)->r->arena, ar.short_src);
		*line = ar.currentline;
	}
}

/* Where an id being defined again was defined first, for the message:
 * " (first on line 12)", or for another file, which is most often a copy
 * left beside the rules, its name and line and what to do; empty for a
 * quantity rekap provides (file NULL). */
static void first_defined(lua_State *L, const char *file, int line, char *out, size_t size)
{
	const char *here, *base;
	int here_line;
	out[0] = '\0';
	if (!file)
		return;
	where(L, &here, &here_line);
	if (here && strcmp(here, file) == 0) {
		snprintf(out, size,
		         TR(sandbox_lang(L), " (pertama di baris %d)", " (first on line %d)"), line);
		return;
	}
	base = strrchr(file, '/');
	snprintf(out, size,
	         TR(sandbox_lang(L),
	            " (pertama di %s:%d; setiap berkas .lua di folder aturan dibaca: bila berkas "
	            "itu salinan, pindahkan ke luar folder)",
	            " (first at %s:%d; every .lua file of the rules folder is read: if that file "
	            "is a copy, move it out of the folder)"),
	         base ? base + 1 : file, line);
}

static void check_unique_quantity(lua_State *L, rules *r, const char *id)
{
	size_t q = rules_find_quantity(r, id);
	char first[FILENAME_MAX + 160];
	if (q == (size_t)-1)
		return;
	first_defined(L, r->quantities[q].file, r->quantities[q].line, first, sizeof first);
	luaL_error(L,
	           TR(sandbox_lang(L), "\"%s\" sudah didefinisikan%s; pilih id lain",
	              "\"%s\" is already defined%s; choose another id"),
	           id, first);
}

/* Whether labels a and b give the same heading id on the definitions
 * page, where every indicator's label links to. */
static int same_anchor(const char *a, const char *b)
{
	buf x = BUF_INIT, y = BUF_INIT;
	int same;
	html_heading_id(&x, a);
	html_heading_id(&y, b);
	same = strcmp(buf_cstr(&x), buf_cstr(&y)) == 0;
	buf_release(&x);
	buf_release(&y);
	return same;
}

/* An indicator whose label is another's (a block copied and its label
 * left as it was) would show two rows alike, and link both to the first
 * one's definition: stop at it, in either language. */
static void check_unique_label(lua_State *L, const rules *r, const indicator *ind)
{
	size_t i;
	for (i = 0; i < r->nindicators; i++) {
		const indicator *o = &r->indicators[i];
		const char *mine = ind->label, *theirs = o->label, *base;
		char first[FILENAME_MAX + 160];
		if (!same_anchor(mine, theirs)) {
			mine = ind->label_en ? ind->label_en : ind->label;
			theirs = o->label_en ? o->label_en : o->label;
			if (!same_anchor(mine, theirs))
				continue;
		}
		base = o->file ? strrchr(o->file, '/') : NULL;
		snprintf(first, sizeof first, " (%s:%d)",
		         base      ? base + 1
		         : o->file ? o->file
		                   : "?",
		         o->line);
		luaL_error(L,
		           TR(sandbox_lang(L),
		              "indikator \"%s\": label \"%s\" sama dengan label \"%s\" indikator "
		              "\"%s\"%s bila huruf besar-kecil dan tanda baca diabaikan; beri label lain: "
		              "baris halaman dan tautan ke definisinya dibedakan lewat label",
		              "indicator \"%s\": the label \"%s\" is the same as \"%s\", of indicator "
		              "\"%s\"%s, once case and punctuation are left aside; give it another: the "
		              "rows of the pages and the links to the definitions are told apart by "
		              "label"),
		           ind->id, mine, theirs, o->id, first);
	}
}

/* sandbox.quoted_name: an element or quantity id written without its
 * quotation marks (pembilang = sakit_dilayani) is an unknown global. */
static int is_quantity_name(const sandbox *box, const char *name)
{
	const rules_state *sb = (const rules_state *)box;
	return rules_find_quantity(sb->r, name) != (size_t)-1;
}

static void add_quantity(rules_state *sb, quantity q)
{
	rules *r = sb->r;
	grow_array((void **)&r->quantities, &sb->nquant_cap, r->nquantities + 1, sizeof q);
	r->quantities[r->nquantities++] = q;
}

static void add_element_quantity(rules_state *sb, size_t el, int sex, const char *id,
                                 const char *label)
{
	quantity q;
	memset(&q, 0, sizeof q);
	q.id = id;
	q.label = label;
	q.lua_ref = LUA_NOREF;
	q.element = el;
	q.sex = sex;
	q.is_element = 1;
	q.file = sb->r->elements[el].file;
	q.line = sb->r->elements[el].line;
	add_quantity(sb, q);
}

/* Where "= 7,5" is written (outside strings and comments) in the lines of
 * text from line first up to the line starting with "}" that closes a
 * definition: its line, with the number as written put in *at and its
 * length in *n, or 0. */
static int find_decimal_comma(const char *text, size_t len, int first, const char **at,
                              size_t *n)
{
	const char *p = text, *end = text + len;
	int line = 1;
	for (; p < end && line < first; p++)
		if (*p == '\n')
			line++;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char quote = 0, last = '\n'; /* the last character of code before p */
		if (!eol)
			eol = end;
		for (; p < eol; p++) {
			if (quote) {
				if (*p == '\\' && p + 1 < eol)
					p++;
				else if (*p == quote)
					quote = 0;
				continue;
			}
			if (*p == '"' || *p == '\'')
				quote = *p;
			else if (*p == '-' && p + 1 < eol && p[1] == '-')
				break; /* a comment to the end of the line */
			else if (last == '=' && isdigit((unsigned char)*p)) {
				const char *q = p;
				while (q < eol && isdigit((unsigned char)*q))
					q++;
				if (q + 1 < eol && *q == ',' && isdigit((unsigned char)q[1])) {
					for (q++; q < eol && isdigit((unsigned char)*q); q++)
						;
					*at = p;
					*n = (size_t)(q - p);
					return line;
				}
			}
			if (*p != ' ' && *p != '\t')
				last = *p;
		}
		if (eol < end && eol + 1 < end && eol[1] == '}')
			return 0;
		p = eol + 1;
		line++;
	}
	return 0;
}

/* A field without a name holding a number: most likely a decimal written
 * with a comma ("target = 7,5" is target = 7 and a field 5). Raises an
 * error at the line of the comma when the definition's text shows one;
 * returns otherwise. */
static void refuse_decimal_comma(lua_State *L, const char *what)
{
	rules_state *sb = get_state(L);
	lua_Debug ar;
	const char *at;
	size_t n, i;
	int line = 0;
	char written[32], fixed[32];
	if (!lua_getstack(L, 1, &ar) || !lua_getinfo(L, "Sl", &ar))
		return;
	if (sb->box.chunk)
		line = find_decimal_comma(sb->box.chunk, sb->box.chunk_len, ar.currentline, &at, &n);
	if (!line)
		return; /* the caller's own error then */
	if (n >= sizeof written)
		n = sizeof written - 1;
	for (i = 0; i < n; i++) {
		written[i] = at[i];
		fixed[i] = at[i] == ',' ? '.' : at[i];
	}
	written[n] = fixed[n] = '\0';
	lua_pushfstring(L,
	                TR(sandbox_lang(L),
	                   "%s:%d: %s { ... }: angka desimal di Lua memakai titik: tulis %s, "
	                   "bukan %s",
	                   "%s:%d: %s { ... }: decimal numbers in Lua use a point: write %s, "
	                   "not %s"),
	                ar.short_src, line, what, fixed, written);
	lua_error(L);
}

/* A misspelt key (traget = 80) would be ignored silently: refuse it, with
 * the nearest known key as a suggestion. */
static void check_keys(lua_State *L, int t, const char *what, const char *const *known)
{
	lua_pushnil(L);
	while (lua_next(L, t)) {
		const char *key, *best;
		size_t i;
		if (lua_type(L, -2) == LUA_TNUMBER && lua_type(L, -1) == LUA_TNUMBER)
			refuse_decimal_comma(L, what);
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, TR(sandbox_lang(L), "%s { ... } hanya berisi isian bernama, mis. label = \"...\"",
			                 "%s { ... } holds only named fields, e.g. label = \"...\""),
			           what);
		key = lua_tostring(L, -1);
		for (i = 0; known[i] && strcmp(key, known[i]) != 0; i++)
			;
		if (known[i])
			continue;
		best = str_nearest(key, known, STR_NEAR_RULES, NULL);
		if (best)
			luaL_error(L, TR(sandbox_lang(L), "%s: isian \"%s\" tidak dikenal; maksudnya \"%s\"?",
			                 "%s: unknown field \"%s\"; did you mean \"%s\"?"),
			           what, key, best);
		{
			buf list = BUF_INIT;
			for (i = 0; known[i]; i++)
				buf_printf(&list, "%s%s", i ? ", " : "", known[i]);
			lua_pushstring(L, buf_cstr(&list));
			buf_release(&list);
		}
		luaL_error(L, TR(sandbox_lang(L), "%s: isian \"%s\" tidak dikenal; yang dikenal: %s",
		                 "%s: unknown field \"%s\"; the known ones are: %s"),
		           what, key, lua_tostring(L, -1));
	}
}

/* Where a definition comes from: sumber = "document, year, section", or
 * lokal = true for a local proposal; never both. Neither is reported as a
 * warning once every file has run (warn_unsourced). */
static void read_source(lua_State *L, int t, const char *what, const char *id,
                        const char *source_key, const char *local_key, const char **source,
                        int *local)
{
	*source = opt_string(L, t, source_key, NULL);
	*local = opt_bool(L, t, local_key, 0);
	if (*source && !**source)
		luaL_error(L,
		           TR(sandbox_lang(L),
		              "%s \"%s\": \"%s\" kosong; tulis dokumen, tahun dan bagiannya, atau "
		              "%s = true",
		              "%s \"%s\": \"%s\" is empty; write the document, year and section, or "
		              "%s = true"),
		           what, id, source_key, local_key);
	if (*source && *local)
		luaL_error(L,
		           TR(sandbox_lang(L),
		              "%s \"%s\": tulis salah satu saja, %s atau %s = true",
		              "%s \"%s\": write only one of %s and %s = true"),
		           what, id, source_key, local_key);
}

static element_type read_element_type(lua_State *L)
{
	const char *type = opt_string(L, 1, "tipe", "bulat");
	if (strcmp(type, "bulat") == 0)
		return TYPE_WHOLE;
	if (strcmp(type, "desimal") == 0)
		return TYPE_DECIMAL;
	if (strcmp(type, "ya_tidak") == 0)
		return TYPE_YES_NO;
	luaL_error(L,
	           TR(sandbox_lang(L), "tipe \"%s\" tidak dikenal; pilih bulat, desimal atau ya_tidak",
	              "unknown tipe \"%s\"; choose bulat (whole numbers), desimal (decimals) or "
	              "ya_tidak (0 or 1)"),
	           type);
	return TYPE_WHOLE;
}

static int l_elemen(lua_State *L)
{
	rules_state *sb = get_state(L);
	rules *r = sb->r;
	element e;
	const char *agg;
	size_t idx, i;
	/* agregasi in Bahasa Indonesia, as every other value of the rules, and
	 * under its English name, which earlier rules used */
	static const struct {
		const char *id, *en;
		agg_kind agg;
	} aggs[] = {{"jumlah", "sum", AGG_SUM},
	            {"terakhir", "last", AGG_LAST},
	            {"tertinggi", "max", AGG_MAX},
	            {"rata_rata", "average", AGG_AVERAGE}};
	static const char *const keys[] = {"id", "label", "label_en", "arti", "arti_en",
	                                   "per_jenis_kelamin", "agregasi", "tipe", "min", "max",
	                                   "opsional", "sumber", "lokal", NULL};
	luaL_checktype(L, 1, LUA_TTABLE);
	check_keys(L, 1, "elemen", keys);
	memset(&e, 0, sizeof e);
	e.id = check_id(L, 1);
	check_unique_quantity(L, r, e.id);
	e.label = req_string(L, 1, "label");
	e.description = opt_string(L, 1, "arti", "");
	e.label_en = opt_string(L, 1, "label_en", NULL);
	e.description_en = opt_string(L, 1, "arti_en", NULL);
	e.by_sex = opt_bool(L, 1, "per_jenis_kelamin", 0);
	e.optional = opt_bool(L, 1, "opsional", 0);
	read_source(L, 1, TR(sandbox_lang(L), "elemen", "element"), e.id, "sumber", "lokal", &e.source, &e.local);
	agg = opt_string(L, 1, "agregasi", "jumlah");
	for (i = 0; i < sizeof aggs / sizeof *aggs; i++)
		if (strcmp(agg, aggs[i].id) == 0 || strcmp(agg, aggs[i].en) == 0)
			break;
	if (i == sizeof aggs / sizeof *aggs)
		luaL_error(L,
		           TR(sandbox_lang(L),
		              "agregasi \"%s\" tidak dikenal; pilih jumlah, terakhir, tertinggi atau "
		              "rata_rata (nama Inggrisnya sum, last, max, average juga diterima)",
		              "unknown agregasi \"%s\"; choose jumlah, terakhir, tertinggi or "
		              "rata_rata (the English names sum, last, max, average are accepted too)"),
		           agg);
	e.agg = aggs[i].agg;
	e.type = read_element_type(L);
	e.min = opt_number(L, 1, "min", 0);
	e.max = opt_number(L, 1, "max", e.type == TYPE_YES_NO ? 1 : 1e9);
	if (e.type == TYPE_YES_NO && (e.min < 0 || e.max > 1))
		luaL_error(L, TR(sandbox_lang(L), "elemen \"%s\" bertipe ya_tidak: min dan max harus di antara 0 dan 1",
		                 "element \"%s\" of tipe ya_tidak: min and max must lie between 0 and 1"),
		           e.id);
	/* beyond 1e15 sums of cells are no longer exact, and infinity never is */
	if (!(fabs(e.min) <= ELEMENT_LIMIT && fabs(e.max) <= ELEMENT_LIMIT))
		luaL_error(L, TR(sandbox_lang(L), "elemen \"%s\": min dan max harus di antara -%f dan %f",
		                 "element \"%s\": min and max must lie between -%f and %f"),
		           e.id, ELEMENT_LIMIT, ELEMENT_LIMIT);
	if (e.min > e.max)
		/* lua_pushfstring knows %f (as %.14g), not %g */
		luaL_error(L, TR(sandbox_lang(L), "elemen \"%s\": min (%f) lebih besar daripada max (%f)",
		                 "element \"%s\": min (%f) is greater than max (%f)"),
		           e.id, e.min, e.max);
	where(L, &e.file, &e.line);
	grow_array((void **)&r->elements, &sb->nelements_cap, r->nelements + 1, sizeof e);
	idx = r->nelements;
	r->elements[r->nelements++] = e;
	add_element_quantity(sb, idx, 0, e.id, e.label);
	if (e.by_sex) {
		add_element_quantity(sb, idx, 'l', arena_printf(r->arena, "%s_l", e.id),
		                     arena_printf(r->arena, "%s (laki-laki)", e.label));
		add_element_quantity(sb, idx, 'p', arena_printf(r->arena, "%s_p", e.id),
		                     arena_printf(r->arena, "%s (perempuan)", e.label));
	}
	return 0;
}

static int l_besaran(lua_State *L)
{
	rules_state *sb = get_state(L);
	quantity q;
	static const char *const keys[] = {"id", "label", "rumus", NULL};
	luaL_checktype(L, 1, LUA_TTABLE);
	check_keys(L, 1, "besaran", keys);
	memset(&q, 0, sizeof q);
	q.id = check_id(L, 1);
	check_unique_quantity(L, sb->r, q.id);
	q.label = req_string(L, 1, "label");
	lua_getfield(L, 1, "rumus");
	if (!lua_isfunction(L, -1))
		luaL_error(L,
		           TR(sandbox_lang(L), "besaran \"%s\": \"rumus\" harus berupa function(q) ... end",
		              "quantity \"%s\": \"rumus\" must be a function(q) ... end"),
		           q.id);
	q.lua_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	where(L, &q.file, &q.line);
	add_quantity(sb, q);
	return 0;
}

/* Terms of a numerator or denominator: a name or a list of names. */
static const char **read_terms(lua_State *L, int t, const char *key, size_t *n,
                               const char **text)
{
	arena *a = get_state(L)->r->arena;
	const char **terms = NULL;
	buf b = BUF_INIT;
	*n = 0;
	*text = NULL;
	lua_getfield(L, t, key);
	if (lua_type(L, -1) == LUA_TSTRING) {
		terms = arena_alloc(a, sizeof *terms);
		terms[0] = arena_strdup(a, lua_tostring(L, -1));
		*n = 1;
		*text = terms[0];
	} else if (lua_istable(L, -1)) {
		lua_Integer i, len = luaL_len(L, -1);
		if (len < 1 || len > 64)
			luaL_error(L,
			           TR(sandbox_lang(L), "\"%s\" harus berisi 1 sampai 64 nama",
			              "\"%s\" must hold 1 to 64 names"),
			           key);
		terms = arena_alloc(a, (size_t)len * sizeof *terms);
		for (i = 1; i <= len; i++) {
			lua_geti(L, -1, i);
			if (lua_type(L, -1) != LUA_TSTRING)
				luaL_error(L,
				           TR(sandbox_lang(L), "isi \"%s\" harus berupa nama dalam tanda kutip",
				              "items of \"%s\" must be names in quotation marks"),
				           key);
			terms[i - 1] = arena_strdup(a, lua_tostring(L, -1));
			if (i > 1)
				buf_puts(&b, " + ");
			buf_puts(&b, terms[i - 1]);
			lua_pop(L, 1);
		}
		*n = (size_t)len;
		*text = arena_strdup(a, buf_cstr(&b));
	} else if (!lua_isnil(L, -1)) {
		luaL_error(L,
		           TR(sandbox_lang(L), "\"%s\" harus berupa nama atau daftar nama",
		              "\"%s\" must be a name or a list of names"),
		           key);
	}
	buf_release(&b);
	lua_pop(L, 1);
	return terms;
}

static void read_targets(lua_State *L, int t, indicator *ind)
{
	arena *a = get_state(L)->r->arena;
	lua_getfield(L, t, "target");
	if (lua_isnumber(L, -1)) {
		ind->targets = arena_alloc(a, sizeof *ind->targets);
		ind->targets[0].year = 0;
		ind->targets[0].value = finite_number(L, -1, "target");
		ind->ntargets = 1;
	} else if (lua_istable(L, -1)) {
		size_t n = 0;
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			n++;
			lua_pop(L, 1);
		}
		ind->targets = arena_alloc(a, (n ? n : 1) * sizeof *ind->targets);
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			if (!lua_isinteger(L, -2) || !lua_isnumber(L, -1) || lua_tointeger(L, -2) < 1900 ||
			    lua_tointeger(L, -2) > 2200) {
				if (lua_isinteger(L, -2) && lua_isnumber(L, -1))
					refuse_decimal_comma(L, "target");
				luaL_error(L, TR(sandbox_lang(L), "target per tahun ditulis { [2024] = 80, [2025] = 85 }",
				                 "targets per year are written { [2024] = 80, [2025] = 85 }"));
			}
			ind->targets[ind->ntargets].year = (int)lua_tointeger(L, -2);
			ind->targets[ind->ntargets].value = finite_number(L, -1, "target");
			ind->ntargets++;
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, -1)) {
		luaL_error(L, TR(sandbox_lang(L), "\"target\" harus berupa angka atau { [tahun] = angka }",
		                 "\"target\" must be a number or { [year] = number }"));
	}
	lua_pop(L, 1);
}

/* berlaku: the levels an indicator is shown for. */
static unsigned read_levels(lua_State *L, int t)
{
	static const struct {
		const char *name;
		unsigned bits;
	} names[] = {
		{"nasional", LEVEL_BIT(NODE_ROOT)},
		{"provinsi", LEVEL_BIT(NODE_PROVINSI)},
		{"kabupaten", LEVEL_BIT(NODE_KABUPATEN) | LEVEL_BIT(NODE_KOTA)},
		{"kota", LEVEL_BIT(NODE_KOTA)},
		{"puskesmas", LEVEL_BIT(NODE_PUSKESMAS)},
		{"pos", LEVEL_BIT(NODE_POS)},
	};
	unsigned levels = 0;
	lua_Integer i, len = 0;
	lua_getfield(L, t, "berlaku");
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		return LEVELS_ALL;
	}
	if (!lua_istable(L, -1) || (len = luaL_len(L, -1)) < 1)
		luaL_error(L, TR(sandbox_lang(L), "\"berlaku\" ditulis { \"kabupaten\", \"provinsi\", \"nasional\" }",
		                 "\"berlaku\" is written { \"kabupaten\", \"provinsi\", \"nasional\" }"));
	for (i = 1; i <= len; i++) {
		const char *name;
		size_t k;
		lua_geti(L, -1, i);
		name = lua_tostring(L, -1);
		for (k = 0; name && k < sizeof names / sizeof names[0]; k++)
			if (strcmp(name, names[k].name) == 0)
				break;
		if (!name || k == sizeof names / sizeof names[0])
			luaL_error(L,
			           TR(sandbox_lang(L), "tingkat wilayah \"%s\" di \"berlaku\" tidak dikenal; pilih pos, "
			                 "puskesmas, kabupaten, kota, provinsi atau nasional",
			              "unknown level \"%s\" in \"berlaku\"; choose pos, puskesmas, "
			              "kabupaten, kota, provinsi or nasional"),
			           name ? name : "?");
		levels |= names[k].bits;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return levels;
}

/* Which of pembilang (with penyebut), persen_pos and rumus an indicator uses. */
static indicator_kind read_indicator_kind(lua_State *L, indicator *ind, struct pending_terms *pt)
{
	arena *a = get_state(L)->r->arena;
	const char *share;
	int has_function, kinds;
	pt->num = read_terms(L, 1, "pembilang", &pt->nnum, &ind->num_text);
	pt->den = read_terms(L, 1, "penyebut", &pt->nden, &ind->den_text);
	share = opt_string(L, 1, "persen_pos", NULL);
	lua_getfield(L, 1, "rumus");
	has_function = lua_isfunction(L, -1);
	if (!has_function && !lua_isnil(L, -1))
		luaL_error(L,
		           TR(sandbox_lang(L), "indikator \"%s\": \"rumus\" harus berupa function(wilayah, periode) ... end",
		              "indicator \"%s\": \"rumus\" must be a function(wilayah, periode) ... end"),
		           ind->id);
	kinds = (pt->nnum > 0) + (share != NULL) + has_function;
	if (kinds != 1 || (pt->nden && !pt->nnum))
		luaL_error(L,
		           TR(sandbox_lang(L), "indikator \"%s\": tulis salah satu saja: pembilang (dengan atau tanpa "
		                 "penyebut), persen_pos, atau rumus",
		              "indicator \"%s\": write exactly one of pembilang (the numerator, with or "
		              "without penyebut), persen_pos, or rumus"),
		           ind->id);
	if (has_function) {
		ind->lua_ref = luaL_ref(L, LUA_REGISTRYINDEX);
		return IND_FUNCTION;
	}
	lua_pop(L, 1);
	if (share) {
		pt->num = arena_alloc(a, sizeof *pt->num);
		pt->num[0] = share;
		pt->nnum = 1;
		ind->num_text = share;
		ind->den_text = "pos_ada";
		return IND_SHARE;
	}
	return pt->nden ? IND_RATIO : IND_COUNT;
}

static int l_indikator(lua_State *L)
{
	rules_state *sb = get_state(L);
	rules *r = sb->r;
	indicator ind;
	struct pending_terms pt;
	const char *arah, *what;
	size_t i;
	char first[FILENAME_MAX + 160];
	static const char *const keys[] = {"id", "label", "label_en", "arti", "arti_en",
	                                   "pembilang", "penyebut", "persen_pos", "rumus", "faktor",
	                                   "satuan", "target", "arah", "utama", "berlaku", "sumber",
	                                   "lokal", "target_sumber", "target_lokal", NULL};
	luaL_checktype(L, 1, LUA_TTABLE);
	check_keys(L, 1, "indikator", keys);
	memset(&ind, 0, sizeof ind);
	memset(&pt, 0, sizeof pt);
	ind.lua_ref = LUA_NOREF;
	ind.id = check_id(L, 1);
	if ((i = rules_find_indicator(r, ind.id)) != (size_t)-1) {
		first_defined(L, r->indicators[i].file, r->indicators[i].line, first, sizeof first);
		luaL_error(L,
		           TR(sandbox_lang(L), "indikator \"%s\" sudah didefinisikan%s",
		              "indicator \"%s\" is already defined%s"),
		           ind.id, first);
	}
	ind.label = req_string(L, 1, "label");
	ind.definition = opt_string(L, 1, "arti", "");
	ind.label_en = opt_string(L, 1, "label_en", NULL);
	check_unique_label(L, r, &ind);
	ind.definition_en = opt_string(L, 1, "arti_en", NULL);
	ind.kind = read_indicator_kind(L, &ind, &pt);
	ind.unit = opt_string(L, 1, "satuan", ind.kind == IND_SHARE ? "%" : "");
	ind.factor = opt_number(L, 1, "faktor", ind.kind == IND_SHARE ? 100 : 1);
	ind.levels = read_levels(L, 1);
	read_targets(L, 1, &ind);
	what = TR(sandbox_lang(L), "indikator", "indicator");
	read_source(L, 1, what, ind.id, "sumber", "lokal", &ind.source, &ind.local);
	read_source(L, 1, what, ind.id, "target_sumber", "target_lokal", &ind.target_source,
	            &ind.target_local);
	if (!ind.ntargets && (ind.target_source || ind.target_local))
		luaL_error(L,
		           TR(sandbox_lang(L),
		              "indikator \"%s\": target_sumber atau target_lokal tanpa target",
		              "indicator \"%s\": target_sumber or target_lokal without a target"),
		           ind.id);
	arah = opt_string(L, 1, "arah", "naik");
	if (strcmp(arah, "naik") != 0 && strcmp(arah, "turun") != 0)
		luaL_error(L, TR(sandbox_lang(L), "\"arah\" harus \"naik\" (makin tinggi makin baik) atau \"turun\"",
		                 "\"arah\" must be \"naik\" (higher is better) or \"turun\" (lower "
		                 "is better)"));
	ind.higher_is_better = strcmp(arah, "naik") == 0;
	ind.key = opt_bool(L, 1, "utama", 0);
	where(L, &ind.file, &ind.line);
	grow_array((void **)&r->indicators, &sb->nind_cap, r->nindicators + 1, sizeof ind);
	r->indicators[r->nindicators++] = ind;
	grow_array((void **)&sb->pending, &sb->cappending, sb->npending + 1, sizeof pt);
	sb->pending[sb->npending++] = pt;
	return 0;
}

int indicator_applies(const indicator *ind, node_kind kind)
{
	return (ind->levels & LEVEL_BIT(kind)) != 0;
}

static const char *const op_names[] = {"<", "<=", "==", "~=", ">=", ">"};

const char *compare_op_text(compare_op op)
{
	static const char *const shown[] = {"<", "≤", "=", "≠", "≥", ">"};
	return shown[op];
}

/* A side: a name, a list of names, or a number. */
static const char **read_side(lua_State *L, int t, const char *key, rule_side *side,
                              size_t *n)
{
	arena *a = get_state(L)->r->arena;
	lua_getfield(L, t, key);
	if (lua_type(L, -1) == LUA_TNUMBER) {
		side->constant = finite_number(L, -1, key);
		side->text = arena_printf(a, "%g", side->constant);
		lua_pop(L, 1);
		*n = 0;
		return NULL;
	}
	lua_pop(L, 1);
	{
		const char **terms = read_terms(L, t, key, n, &side->text);
		if (!*n)
			luaL_error(L,
			           TR(sandbox_lang(L), "\"%s\" wajib diisi: nama elemen, daftar nama, atau angka",
			              "\"%s\" is required: an element name, a list of names, or a number"),
			           key);
		return terms;
	}
}

static int l_validasi(lua_State *L)
{
	rules_state *sb = get_state(L);
	rules *r = sb->r;
	validation v;
	struct pending_terms pt;
	const char *op, *importance, *missing;
	size_t i;
	static const char *const keys[] = {"id", "kiri", "operator", "kanan", "kepentingan",
	                                   "jika_kosong", "pesan", "pesan_en", "periode", NULL};
	luaL_checktype(L, 1, LUA_TTABLE);
	check_keys(L, 1, "validasi", keys);
	memset(&v, 0, sizeof v);
	v.id = check_id(L, 1);
	for (i = 0; i < r->nvalidations; i++)
		if (strcmp(r->validations[i].id, v.id) == 0) {
			char first[FILENAME_MAX + 160];
			first_defined(L, r->validations[i].file, r->validations[i].line, first,
			              sizeof first);
			luaL_error(L,
			           TR(sandbox_lang(L),
			              "aturan validasi \"%s\" sudah didefinisikan%s",
			              "validation rule \"%s\" is already defined%s"),
			           v.id, first);
		}
	v.message = req_string(L, 1, "pesan");
	v.message_en = opt_string(L, 1, "pesan_en", NULL);
	pt.num = read_side(L, 1, "kiri", &v.left, &pt.nnum);
	pt.den = read_side(L, 1, "kanan", &v.right, &pt.nden);
	op = req_string(L, 1, "operator");
	for (i = 0; i < 6 && strcmp(op, op_names[i]) != 0; i++)
		;
	v.op = (compare_op)i;
	if (i == 6)
		luaL_error(L,
		           TR(sandbox_lang(L), "operator \"%s\" tidak dikenal; pilih <, <=, ==, ~=, >= atau >",
		              "unknown operator \"%s\"; choose <, <=, ==, ~=, >= or >"),
		           op);
	importance = opt_string(L, 1, "kepentingan", "sedang");
	if (strcmp(importance, "tinggi") == 0)
		v.importance = 0;
	else if (strcmp(importance, "sedang") == 0)
		v.importance = 1;
	else if (strcmp(importance, "rendah") == 0)
		v.importance = 2;
	else
		luaL_error(L,
		           TR(sandbox_lang(L), "kepentingan \"%s\" tidak dikenal; pilih tinggi, sedang atau rendah",
		              "unknown kepentingan (importance) \"%s\"; choose tinggi (high), sedang "
		              "(medium) or rendah (low)"),
		           importance);
	missing = opt_string(L, 1, "jika_kosong", "lewati_jika_ada_yang_kosong");
	if (strcmp(missing, "lewati_jika_ada_yang_kosong") == 0)
		v.missing = MISSING_SKIP_IF_ANY;
	else if (strcmp(missing, "lewati_jika_semua_kosong") == 0)
		v.missing = MISSING_SKIP_IF_ALL;
	else if (strcmp(missing, "jangan_lewati") == 0)
		v.missing = MISSING_NEVER_SKIP;
	else
		luaL_error(L,
		           TR(sandbox_lang(L),
		              "jika_kosong \"%s\" tidak dikenal; pilih lewati_jika_ada_yang_kosong, "
		              "lewati_jika_semua_kosong atau jangan_lewati",
		              "unknown jika_kosong \"%s\"; choose lewati_jika_ada_yang_kosong (skip "
		              "if any side is empty), lewati_jika_semua_kosong (skip if all are "
		              "empty) or jangan_lewati (never skip)"),
		           missing);
	{
		const char *per = opt_string(L, 1, "periode", "bulan");
		if (strcmp(per, "triwulan") == 0)
			v.per_quarter = 1;
		else if (strcmp(per, "bulan") != 0)
			luaL_error(L, TR(sandbox_lang(L), "periode \"%s\" tidak dikenal; pilih bulan atau triwulan",
			                 "unknown periode \"%s\"; choose bulan or triwulan"),
			           per);
	}
	where(L, &v.file, &v.line);
	grow_array((void **)&r->validations, &sb->nval_cap, r->nvalidations + 1, sizeof v);
	r->validations[r->nvalidations++] = v;
	grow_array((void **)&sb->vpending, &sb->capvpending, sb->nvpending + 1, sizeof pt);
	sb->vpending[sb->nvpending++] = pt;
	return 0;
}

static int add_vocab(lua_State *L, vocab **items, size_t *n, size_t *cap)
{
	static const char *const keys[] = {"id", "label", "label_en", "sumber", NULL};
	vocab v;
	luaL_checktype(L, 1, LUA_TTABLE);
	check_keys(L, 1, "{ id, label }", keys);
	v.id = check_id(L, 1);
	v.label = req_string(L, 1, "label");
	v.label_en = opt_string(L, 1, "label_en", NULL);
	if (rules_find_vocab(*items, *n, v.id))
		luaL_error(L, TR(sandbox_lang(L), "\"%s\" sudah didefinisikan", "\"%s\" is already defined"),
		           v.id);
	grow_array((void **)items, cap, *n + 1, sizeof v);
	(*items)[(*n)++] = v;
	return 0;
}

static int l_sarana(lua_State *L)
{
	rules_state *sb = get_state(L);
	return add_vocab(L, &sb->r->facilities, &sb->r->nfacilities, &sb->nfac_cap);
}

static int l_sumber_dana(lua_State *L)
{
	rules_state *sb = get_state(L);
	return add_vocab(L, &sb->r->funding, &sb->r->nfunding, &sb->nfund_cap);
}

static int l_tingkat(lua_State *L)
{
	rules_state *sb = get_state(L);
	return add_vocab(L, &sb->r->levels, &sb->r->nlevels, &sb->nlevel_cap);
}

/* isian_kabupaten { id, label, label_en }: a year field of kabupaten.md and
 * kota.md (the year a criterion of the district holds from). */
static int l_isian_kabupaten(lua_State *L)
{
	rules_state *sb = get_state(L);
	return add_vocab(L, &sb->r->district_fields, &sb->r->ndistrict_fields, &sb->ndistrict_cap);
}

static int l_batas_lapor(lua_State *L)
{
	lua_Integer day = luaL_checkinteger(L, 1);
	if (day < 1 || day > 28)
		luaL_error(L, TR(sandbox_lang(L), "batas_lapor: tanggal harus antara 1 dan 28",
		                 "batas_lapor: the day must be between 1 and 28"));
	get_state(L)->r->deadline_day = (int)day;
	return 0;
}

static int l_ambang_kelengkapan(lua_State *L)
{
	lua_Number pct = luaL_checknumber(L, 1);
	rules *r = get_state(L)->r;
	if (!(pct >= 0 && pct <= 100))
		luaL_error(L, TR(sandbox_lang(L), "ambang_kelengkapan: persen harus antara 0 dan 100",
		                 "ambang_kelengkapan: the percentage must be between 0 and 100"));
	r->completeness_min = (double)pct;
	where(L, &r->completeness_file, &r->completeness_line);
	return 0;
}

static int l_penilaian(lua_State *L)
{
	rules *r = get_state(L)->r;
	luaL_checktype(L, 1, LUA_TFUNCTION);
	if (r->assess_ref != LUA_NOREF)
		luaL_unref(L, LUA_REGISTRYINDEX, r->assess_ref);
	lua_pushvalue(L, 1);
	r->assess_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	where(L, &r->assess_file, &r->assess_line);
	return 0;
}

/* Fields of the records that pribadi may name: those shown but not needed
 * for any number, in the front matter of every level and in kader.csv. */
static const char *const may_be_private[] = {"desa", "desa_kode", "alamat", "kecamatan",
                                             "telepon", "pendidikan", NULL};
/* Those it may not: what names a place or post, and what the indicators
 * and the assessment are computed from (and published with). */
static const char *const identity_fields[] = {"nama", "kode", NULL};
static const char *const computed_fields[] = {"jenis_pekerjaan", "dibentuk", "dibubarkan",
                                              "status", "sarana", "sumber_dana",
                                              "jenis_kelamin", "tahun_pelatihan", "aktif",
                                              NULL};

static int in_list(const char *name, const char *const *list)
{
	size_t i;
	for (i = 0; list[i]; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

/* The known field nearest to name (at most STR_NEAR_RULES edits away), or
 * NULL; on a tie, the first in the order of the lists. */
static const char *near_field(const char *name)
{
	const char *const *lists[] = {may_be_private, identity_fields, computed_fields};
	const char *best = NULL;
	size_t best_d = (size_t)-1, k;
	for (k = 0; k < sizeof lists / sizeof *lists; k++) {
		size_t d;
		const char *near = str_nearest(name, lists[k], STR_NEAR_RULES, &d);
		if (near && d < best_d) {
			best_d = d;
			best = near;
		}
	}
	return best;
}

/* pribadi { "telepon", "nik" }: these fields of the front matter and
 * columns of kader.csv hold personal data. Records may hold them; they are
 * dropped when the records are read, so no page, workbook, open data or
 * chart can show them. A new name (nik) is allowed unless it looks like a
 * misspelt known field, which would leave the real field public. */
static int l_pribadi(lua_State *L)
{
	rules_state *sb = get_state(L);
	rules *r = sb->r;
	lua_Integer i, n;
	luaL_checktype(L, 1, LUA_TTABLE);
	n = (lua_Integer)lua_rawlen(L, 1);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n)
			luaL_error(L, TR(sandbox_lang(L),
			                 "pribadi { ... } berisi daftar nama isian dalam tanda kutip, "
			                 "mis. pribadi { \"telepon\", \"nik\" }",
			                 "pribadi { ... } holds a list of field names in quotation "
			                 "marks, e.g. pribadi { \"telepon\", \"nik\" }"));
	}
	for (i = 1; i <= n; i++) {
		const char *name, *near;
		if (lua_rawgeti(L, 1, i) != LUA_TSTRING)
			luaL_error(L, TR(sandbox_lang(L), "pribadi: butir ke-%d harus nama isian dalam tanda kutip",
			                 "pribadi: item %d must be a field name in quotation marks"),
			           (int)i);
		name = lua_tostring(L, -1);
		if (!valid_id(name))
			luaL_error(L,
			           TR(sandbox_lang(L),
			              "pribadi: \"%s\" bukan nama isian; nama hanya berisi huruf kecil, "
			              "angka dan _",
			              "pribadi: \"%s\" is not a field name; names contain only lowercase "
			              "letters, digits and _"),
			           name);
		if (strcmp(name, "nama") == 0)
			luaL_error(L, TR(sandbox_lang(L),
			                 "pribadi: \"nama\" tidak dapat dijadikan pribadi: nama wilayah "
			                 "dan pos selalu ditampilkan, dan nama kader hanya ditampilkan "
			                 "bila records/rekap.yaml berisi tampilkan_nama_kader: true",
			                 "pribadi: \"nama\" cannot be made private: the names of places "
			                 "and posts are always shown, and cadre names only when "
			                 "records/rekap.yaml sets tampilkan_nama_kader: true"));
		if (in_list(name, identity_fields))
			luaL_error(L, TR(sandbox_lang(L),
			                 "pribadi: \"%s\" tidak dapat dijadikan pribadi: kode wilayah "
			                 "dan pos selalu ditampilkan",
			                 "pribadi: \"%s\" cannot be made private: the codes of places "
			                 "and posts are always shown"),
			           name);
		if (in_list(name, computed_fields))
			luaL_error(L, TR(sandbox_lang(L),
			                 "pribadi: \"%s\" tidak dapat dijadikan pribadi: indikator dan "
			                 "penilaian dihitung darinya dan ditampilkan bersamanya",
			                 "pribadi: \"%s\" cannot be made private: the indicators and the "
			                 "assessment are computed from it and shown with it"),
			           name);
		near = in_list(name, may_be_private) ? NULL : near_field(name);
		if (near)
			luaL_error(L, TR(sandbox_lang(L),
			                 "pribadi: \"%s\" bukan isian yang dikenal; maksudnya \"%s\"? "
			                 "(nama baru harus jelas berbeda dari isian yang ada)",
			                 "pribadi: \"%s\" is not a known field; did you mean \"%s\"? "
			                 "(a new name must differ clearly from the existing fields)"),
			           name, near);
		if (rules_is_private(r, name))
			luaL_error(L, TR(sandbox_lang(L), "pribadi: \"%s\" sudah dinyatakan pribadi",
			                 "pribadi: \"%s\" is already declared private"),
			           name);
		grow_array((void **)&r->private_fields, &sb->nprivate_cap, r->nprivate + 1,
		           sizeof *r->private_fields);
		r->private_fields[r->nprivate++] = arena_strdup(r->arena, name);
		lua_pop(L, 1);
	}
	return 0;
}

int rules_is_private(const rules *r, const char *name)
{
	size_t i;
	for (i = 0; r && i < r->nprivate; i++)
		if (strcmp(r->private_fields[i], name) == 0)
			return 1;
	return 0;
}

static const luaL_Reg rule_functions[] = {
	{"elemen", l_elemen},       {"besaran", l_besaran},       {"indikator", l_indikator},
	{"sarana", l_sarana},       {"sumber_dana", l_sumber_dana}, {"tingkat", l_tingkat},
	{"isian_kabupaten", l_isian_kabupaten},
	{"batas_lapor", l_batas_lapor}, {"ambang_kelengkapan", l_ambang_kelengkapan},
	{"penilaian", l_penilaian},   {"validasi", l_validasi},     {"pribadi", l_pribadi},
	{NULL, NULL}};

/* ---- quantities seen from Lua ---- */

static const char quantity_index_key = 'i';

size_t rules_quantity_at(const rules *r, lua_State *L, int idx)
{
	size_t i;
	lua_Integer qi;
	if (lua_type(L, idx) != LUA_TSTRING)
		return (size_t)-1;
	idx = lua_absindex(L, idx);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &quantity_index_key) == LUA_TNIL) {
		/* built at the first use, when every quantity is known */
		lua_pop(L, 1);
		lua_createtable(L, 0, (int)r->nquantities);
		for (i = 0; i < r->nquantities; i++) {
			lua_pushinteger(L, (lua_Integer)i);
			lua_setfield(L, -2, r->quantities[i].id);
		}
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &quantity_index_key);
	}
	lua_pushvalue(L, idx);
	lua_rawget(L, -2);
	qi = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
	lua_pop(L, 2);
	return qi >= 0 && (size_t)qi < r->nquantities ? (size_t)qi : (size_t)-1;
}

/* The element or quantity nearest to name (a slip of the keyboard), or NULL. */
static const char *near_quantity(const rules *r, const char *name)
{
	str_near near;
	size_t i;
	str_near_init(&near, name);
	for (i = 0; i < r->nquantities; i++)
		str_near_try(&near, r->quantities[i].id);
	return str_near_best(&near, STR_NEAR_RULES, NULL);
}

/* __index of the q table a besaran receives, which stays empty so that
 * making it costs nothing: the quantities defined before it, read from the
 * post's values (nil when not reported); an unknown name is a mistake worth
 * stopping for. */
static int l_unknown_quantity(lua_State *L)
{
	rules_state *sb = get_state(L);
	const char *name = lua_tostring(L, 2), *near;
	size_t qi = rules_quantity_at(sb->r, L, 2);
	if (qi != (size_t)-1 && qi < sb->current_quantity) {
		if (!sb->current_q)
			return luaL_error(L,
			                  TR(sandbox_lang(L), "q.%s dibaca di luar rumus besaran",
			                     "q.%s read outside a besaran's rumus"),
			                  name);
		if (isnan(sb->current_q[qi]))
			return 0;
		lua_pushnumber(L, sb->current_q[qi]);
		return 1;
	}
	if (qi != (size_t)-1)
		return luaL_error(L,
		                  TR(sandbox_lang(L), "q.%s belum dihitung: tulis besaran \"%s\" sebelum besaran ini",
		                     "q.%s is not computed yet: define \"%s\" before this besaran"),
		                  name, name);
	if (name && (near = near_quantity(sb->r, name)) != NULL)
		return luaL_error(L,
		                  TR(sandbox_lang(L),
		                     "q.%s: \"%s\" bukan elemen atau besaran yang dikenal; maksudnya "
		                     "q.%s?",
		                     "q.%s: \"%s\" is not a known element or quantity; did you mean "
		                     "q.%s?"),
		                  name, name, near);
	return luaL_error(L,
	                  TR(sandbox_lang(L), "q.%s: \"%s\" bukan elemen atau besaran yang dikenal",
	                     "q.%s: \"%s\" is not a known element or quantity"),
	                  name ? name : "?", name ? name : "?");
}

static const char quantity_meta_key = 'q';

static void push_quantity_meta(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &quantity_meta_key) != LUA_TNIL)
		return;
	lua_pop(L, 1);
	lua_createtable(L, 0, 1);
	lua_pushcfunction(L, l_unknown_quantity);
	lua_setfield(L, -2, "__index");
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &quantity_meta_key);
}

static void add_source(rules *r, const char *path, const char *data, size_t len)
{
	rules_source src;
	src.path = arena_strdup(r->arena, path);
	src.data = arena_strndup(r->arena, data, len);
	src.len = len;
	ARRAY_PUSH(r->sources, r->nsources, r->capsources, src);
}

uint64_t rules_sources_hash(const rules *r)
{
	uint64_t h = hash_bytes(HASH_INIT, r->dir_name ? r->dir_name : "",
	                        r->dir_name ? strlen(r->dir_name) + 1 : 1);
	size_t i;
	for (i = 0; i < r->nsources; i++) {
		const rules_source *src = &r->sources[i];
		const char *slash = strrchr(src->path, '/');
		const char *name = slash ? slash + 1 : src->path;
		h = hash_bytes(h, name, strlen(name) + 1);
		h = hash_bytes(h, &src->len, sizeof src->len);
		h = hash_bytes(h, src->data, src->len);
	}
	return h;
}

static int load_file(lua_State *L, const char *dir, const char *name, diag_list *diags)
{
	char *path = path_join(dir, name);
	char *data;
	const char *text;
	size_t len, skip;
	int rc;
	if (file_read(path, &data, &len) != 0) {
		diag_error(diags, path, 0, 0,
		           TR(diags->lang, "berkas aturan tidak dapat dibaca", "rules file cannot be read"));
		free(path);
		return -1;
	}
	/* Notepad may start a file with the mark of UTF-8, which lua.c skips
	 * too; Lua would stop at it, and at the first marker of a conflict,
	 * with a syntax error */
	skip = utf8_bom_len(data, len);
	text = data + skip;
	len -= skip;
	if (diag_encoding(diags, path, text, len) || diag_conflicts(diags, path, text, len))
		rc = -1;
	else
		rc = sandbox_run(L, path, text, len, diags);
	/* kept, so that rules_clone runs the very same code */
	add_source(get_state(L)->r, path, text, len);
	free(data);
	free(path);
	return rc;
}

static int resolve_terms(rules *r, const char *what, const char *id, const char *file, int line,
                         const char **names, size_t n, size_t **out, diag_list *diags)
{
	size_t i;
	int rc = 0;
	*out = arena_alloc(r->arena, (n ? n : 1) * sizeof **out);
	for (i = 0; i < n; i++) {
		size_t q = rules_find_quantity(r, names[i]);
		const char *near;
		if (q == (size_t)-1 && (near = near_quantity(r, names[i])) != NULL) {
			diag_error(diags, file, (unsigned)line, 0,
			           TR(diags->lang,
			              "%s \"%s\": \"%s\" bukan elemen atau besaran yang dikenal; "
			              "maksudnya \"%s\"?",
			              "%s \"%s\": \"%s\" is not a known element or quantity; did you "
			              "mean \"%s\"?"),
			           what, id, names[i], near);
			rc = -1;
		} else if (q == (size_t)-1) {
			diag_error(diags, file, (unsigned)line, 0,
			           TR(diags->lang, "%s \"%s\": \"%s\" bukan elemen atau besaran yang dikenal",
			              "%s \"%s\": \"%s\" is not a known element or quantity"),
			           what, id, names[i]);
			rc = -1;
		}
		(*out)[i] = q;
	}
	return rc;
}

static void add_fixed_quantities(rules_state *sb)
{
	static const char *const fixed[Q_FIXED_COUNT][2] = {
		{"pos_ada", "Pos yang ada"},
		{"bulan_ada", "Bulan pos ada"},
		{"laporan_diharapkan", "Laporan bulanan yang diharapkan"},
		{"laporan_diterima", "Laporan bulanan yang diterima"},
		{"laporan_tepat_waktu", "Laporan yang diterima tepat waktu"},
		{"bulan_aktif", "Bulan dengan hari buka"},
		{"kader", "Kader terdaftar"},
		{"kader_aktif", "Kader aktif"},
		{"kader_terlatih", "Kader aktif yang terlatih"},
	};
	size_t i;
	for (i = 0; i < Q_FIXED_COUNT; i++) {
		quantity q;
		memset(&q, 0, sizeof q);
		q.id = fixed[i][0];
		q.label = fixed[i][1];
		q.lua_ref = LUA_NOREF;
		add_quantity(sb, q);
	}
}

static void build_columns(rules *r)
{
	size_t i, n = 0;
	for (i = 0; i < r->nelements; i++)
		n += r->elements[i].by_sex ? 2 : 1;
	r->columns = arena_alloc(r->arena, (n ? n : 1) * sizeof *r->columns);
	r->hari_buka_col = (size_t)-1;
	for (i = 0; i < r->nelements; i++) {
		const element *e = &r->elements[i];
		column c;
		c.element = i;
		if (e->by_sex) {
			c.name = arena_printf(r->arena, "%s_l", e->id);
			c.sex = 'l';
			r->columns[r->ncolumns++] = c;
			c.name = arena_printf(r->arena, "%s_p", e->id);
			c.sex = 'p';
			r->columns[r->ncolumns++] = c;
		} else {
			c.name = e->id;
			c.sex = 0;
			if (strcmp(e->id, "hari_buka") == 0)
				r->hari_buka_col = r->ncolumns;
			r->columns[r->ncolumns++] = c;
		}
	}
	r->pekerja_quantity = rules_find_quantity(r, "pekerja");
}

/* A definition with neither sumber nor lokal = true: a warning at its
 * file:line, so that --strict fails until its origin is written down. */
static void warn_unsourced(const char *file, int line, const char *what, const char *id,
                           const char *source_key, const char *local_key, diag_list *diags)
{
	diag_warning(diags, file, (unsigned)line, 0,
	             TR(diags->lang,
	                "%s \"%s\" tidak menyebut asalnya: tulis %s = \"dokumen, tahun, bagian\" "
	                "atau %s = true bila usulan lokal",
	                "%s \"%s\" does not say where it comes from: write %s = \"document, "
	                "year, section\" or %s = true for a local proposal"),
	             what, id, source_key, local_key);
}

static void check_sources(const rules *r, diag_list *diags)
{
	size_t i;
	for (i = 0; i < r->nelements; i++) {
		const element *e = &r->elements[i];
		if (!e->source && !e->local)
			warn_unsourced(e->file, e->line, TR(diags->lang, "elemen", "element"), e->id,
			               "sumber", "lokal", diags);
	}
	for (i = 0; i < r->nindicators; i++) {
		const indicator *ind = &r->indicators[i];
		const char *what = TR(diags->lang, "indikator", "indicator");
		if (!ind->source && !ind->local)
			warn_unsourced(ind->file, ind->line, what, ind->id, "sumber", "lokal", diags);
		if (ind->ntargets && !ind->target_source && !ind->target_local)
			warn_unsourced(ind->file, ind->line,
			               TR(diags->lang, "target indikator", "the target of indicator"),
			               ind->id, "target_sumber", "target_lokal", diags);
	}
}

/*
 * Percentages on the wrong scale, which every page would publish with the
 * target met or missed the wrong way: a ratio in "%" without faktor = 100
 * (15 of 19 served shown as 0,79%) and, for one with it, a target written
 * as a fraction (0.8 where 80 is meant, which every post meets). A rule
 * may mean either, so they are warnings.
 */
static void check_percent_scale(const rules *r, diag_list *diags)
{
	size_t i, k;
	for (i = 0; i < r->nindicators; i++) {
		const indicator *ind = &r->indicators[i];
		if (strcmp(ind->unit, "%") != 0)
			continue;
		if (ind->kind == IND_RATIO && ind->factor == 1)
			diag_warning(diags, ind->file, (unsigned)ind->line, 0,
			             TR(diags->lang,
			                "indikator \"%s\": satuan \"%%\" tetapi faktor 1, jadi 15 dari 20 "
			                "terbit sebagai 0,75%%, bukan 75%%; tulis faktor = 100",
			                "indicator \"%s\": satuan \"%%\" but faktor 1, so 15 of 20 is "
			                "published as 0.75%%, not 75%%; write faktor = 100"),
			             ind->id);
		if (ind->factor != 100 || !ind->higher_is_better)
			continue;
		for (k = 0; k < ind->ntargets; k++)
			if (ind->targets[k].value > 0 && ind->targets[k].value <= 1) {
				diag_warning(diags, ind->file, (unsigned)ind->line, 0,
				             TR(diags->lang,
				                "indikator \"%s\": target = %g hampir selalu tercapai: "
				                "nilainya dalam persen (faktor 100), jadi targetnya paling "
				                "banyak 1%%; maksudnya target = %g?",
				                "indicator \"%s\": target = %g is met nearly always: its "
				                "values are in percent (faktor 100), so the target is 1%% at "
				                "most; did you mean target = %g?"),
				             ind->id, ind->targets[k].value,
				             ind->targets[k].value * 100);
				break;
			}
	}
}

/* Whether every term is an element whose months are added up to the
 * quarter (not a besaran, nor a stock such as pekerja): a report then
 * gives each term's own share of the quarter. */
static int summed_elements(const rules *r, const size_t *terms, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const quantity *qu = &r->quantities[terms[i]];
		if (!qu->is_element || r->elements[qu->element].agg != AGG_SUM)
			return 0;
	}
	return n > 0;
}

static int finish_rules(rules *r, rules_state *sb, const char *dir, diag_list *diags)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < r->nindicators; i++) {
		indicator *ind = &r->indicators[i];
		const char *what = TR(diags->lang, "indikator", "indicator");
		if (resolve_terms(r, what, ind->id, ind->file, ind->line, sb->pending[i].num,
		                  sb->pending[i].nnum, &ind->num_terms, diags) ||
		    resolve_terms(r, what, ind->id, ind->file, ind->line, sb->pending[i].den,
		                  sb->pending[i].nden, &ind->den_terms, diags))
			rc = -1;
		ind->nnum = sb->pending[i].nnum;
		ind->nden = sb->pending[i].nden;
		if (rc == 0)
			ind->by_month = ind->kind == IND_RATIO &&
			                summed_elements(r, ind->num_terms, ind->nnum) &&
			                summed_elements(r, ind->den_terms, ind->nden);
	}
	for (i = 0; i < r->nvalidations; i++) {
		validation *v = &r->validations[i];
		const char *what = TR(diags->lang, "validasi", "validation rule");
		size_t k;
		if (resolve_terms(r, what, v->id, v->file, v->line, sb->vpending[i].num,
		                  sb->vpending[i].nnum, &v->left.terms, diags) ||
		    resolve_terms(r, what, v->id, v->file, v->line, sb->vpending[i].den,
		                  sb->vpending[i].nden, &v->right.terms, diags)) {
			rc = -1;
			continue;
		}
		v->left.nterms = sb->vpending[i].nnum;
		v->right.nterms = sb->vpending[i].nden;
		/* a rule on elements only is checked on every report row */
		v->monthly = !v->per_quarter;
		for (k = 0; k < v->left.nterms; k++)
			v->monthly &= r->quantities[v->left.terms[k]].is_element;
		for (k = 0; k < v->right.nterms; k++)
			v->monthly &= r->quantities[v->right.terms[k]].is_element;
	}
	if (r->nelements == 0) {
		diag_error(diags, dir, 0, 0,
		           TR(diags->lang, "tidak ada elemen { ... } yang didefinisikan di aturan",
		              "the rules define no elemen { ... }"));
		rc = -1;
	}
	if (r->nlevels == 0) {
		diag_error(diags, dir, 0, 0,
		           TR(diags->lang,
		              "tidak ada tingkat { ... } (mis. Pratama, Madya, Purnama, Mandiri) di "
		              "aturan",
		              "the rules define no tingkat { ... } (e.g. Pratama, Madya, Purnama, "
		              "Mandiri)"));
		rc = -1;
	}
	check_sources(r, diags);
	check_percent_scale(r, diags);
	build_columns(r);
	return rc;
}

/* A rules object with its sandboxed Lua state, before any rules file has
 * run; NULL (reported) when Lua cannot start. */
static rules *rules_begin(const char *dir, diag_list *diags, rules_state **sbp)
{
	rules *r = xcalloc(1, sizeof *r);
	rules_state *sb = xcalloc(1, sizeof *sb);
	lua_State *L;
	r->arena = arena_new();
	{
		char *base = path_base(dir);
		r->dir_name = arena_strdup(r->arena, base);
		free(base);
	}
	r->dir = arena_strdup(r->arena, dir);
	r->assess_ref = LUA_NOREF;
	r->deadline_day = 10;
	r->completeness_min = 80;
	sb->r = r;
	L = sandbox_open(&sb->box, diags->lang, rule_functions);
	sb->box.quoted_name = is_quantity_name;
	r->L = L;
	if (!L) {
		diag_error(diags, dir, 0, 0, TR(diags->lang, "gagal menyiapkan Lua", "could not set up Lua"));
		free(sb);
		arena_free(r->arena);
		free(r);
		return NULL;
	}
	lua_pushstring(L, "id"); /* the site's language, see rules_set_language */
	lua_setglobal(L, "bahasa");
	add_fixed_quantities(sb);
	*sbp = sb;
	return r;
}

/* After the files have run (rc 0 when all did): the definitions checked
 * and resolved. Returns r, or NULL after freeing it. */
static rules *rules_end(rules *r, rules_state *sb, const char *dir, int rc, diag_list *diags)
{
	if (rc == 0 && finish_rules(r, sb, dir, diags))
		rc = -1;
	free(sb->pending);
	sb->pending = NULL;
	free(sb->vpending);
	sb->vpending = NULL;
	if (rc) {
		rules_free(r);
		return NULL;
	}
	return r;
}

rules *rules_load(const char *dir, diag_list *diags)
{
	rules_state *sb;
	rules *r = rules_begin(dir, diags, &sb);
	char **names;
	size_t nnames, nlua = 0, i;
	int rc = 0;
	if (!r)
		return NULL;
	names = dir_names(dir, &nnames);
	if (!names) {
		diag_error(diags, dir, 0, 0,
		           TR(diags->lang, "folder aturan Lua tidak dapat dibuka; gunakan --rules DIR",
		              "Lua rules folder cannot be opened; use --rules DIR"));
		rules_free(r);
		return NULL;
	}
	for (i = 0; i < nnames; i++) {
		if (!str_ends(names[i], ".lua"))
			continue;
		nlua++;
		if (load_file(r->L, dir, names[i], diags))
			rc = -1;
	}
	names_free(names, nnames);
	if (nlua == 0) {
		diag_error(diags, dir, 0, 0,
		           TR(diags->lang, "folder aturan tidak berisi berkas .lua",
		              "rules folder contains no .lua files"));
		rc = -1;
	}
	return rules_end(r, sb, dir, rc, diags);
}

rules *rules_clone(const rules *r)
{
	diag_list scratch;
	rules_state *sb;
	rules *c;
	size_t i;
	int rc = 0;
	diag_list_init(&scratch);
	scratch.lang = rules_lang(r);
	c = rules_begin(r->dir, &scratch, &sb);
	for (i = 0; c && i < r->nsources && rc == 0; i++)
		rc = sandbox_run(c->L, r->sources[i].path, r->sources[i].data, r->sources[i].len,
		                 &scratch);
	if (c)
		c = rules_end(c, sb, r->dir, rc, &scratch);
	diag_list_release(&scratch);
	/* the same code gives the same definitions; anything else is not a copy */
	if (c && (c->nquantities != r->nquantities || c->nindicators != r->nindicators ||
	          c->ncolumns != r->ncolumns || (c->assess_ref == LUA_NOREF) != (r->assess_ref == LUA_NOREF))) {
		rules_free(c);
		return NULL;
	}
	if (c)
		rules_set_language(c, r->site_lang);
	return c;
}

void rules_free(rules *r)
{
	rules_state *st = NULL;
	if (!r)
		return;
	if (r->L) {
		st = get_state(r->L);
		lua_close(r->L);
	}
	if (st) {
		free(st->pending);
		free(st->vpending);
	}
	free(st);
	free(r->elements);
	free(r->quantities);
	free(r->indicators);
	free(r->validations);
	free(r->facilities);
	free(r->funding);
	free(r->levels);
	free(r->district_fields);
	free(r->private_fields);
	free(r->sources);
	arena_free(r->arena);
	free(r);
}

static void use_english(const char **text, const char *english)
{
	if (english)
		*text = english;
}

void rules_set_language(rules *r, lang l)
{
	vocab *lists[4] = {r->facilities, r->funding, r->levels, r->district_fields};
	size_t counts[4] = {r->nfacilities, r->nfunding, r->nlevels, r->ndistrict_fields};
	size_t i, k;
	r->site_lang = l;
	lua_pushstring(r->L, TR(l, "id", "en"));
	lua_setglobal(r->L, "bahasa");
	if (l != LANG_EN)
		return;
	for (i = 0; i < r->nelements; i++) {
		use_english(&r->elements[i].label, r->elements[i].label_en);
		use_english(&r->elements[i].description, r->elements[i].description_en);
	}
	for (i = 0; i < r->nquantities; i++)
		if (r->quantities[i].is_element && r->quantities[i].sex == 0)
			r->quantities[i].label = r->elements[r->quantities[i].element].label;
	for (i = 0; i < r->nindicators; i++) {
		use_english(&r->indicators[i].label, r->indicators[i].label_en);
		use_english(&r->indicators[i].definition, r->indicators[i].definition_en);
	}
	for (k = 0; k < 4; k++)
		for (i = 0; i < counts[k]; i++)
			use_english(&lists[k][i].label, lists[k][i].label_en);
}

void rules_display_file(const rules *r, const char *file, buf *out)
{
	const char *slash = file ? strrchr(file, '/') : NULL;
	if (!file) {
		buf_puts(out, "?");
		return;
	}
	buf_printf(out, "%s/%s", r->dir_name, slash ? slash + 1 : file);
}

size_t rules_find_quantity(const rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nquantities; i++)
		if (strcmp(r->quantities[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

size_t rules_find_indicator(const rules *r, const char *id)
{
	size_t i;
	for (i = 0; i < r->nindicators; i++)
		if (strcmp(r->indicators[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

const vocab *rules_find_vocab(const vocab *v, size_t n, const char *id)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			return &v[i];
	return NULL;
}

int rules_target(const indicator *ind, int year, double *target)
{
	size_t i;
	int found = 0;
	for (i = 0; i < ind->ntargets; i++) {
		if (ind->targets[i].year == year) {
			*target = ind->targets[i].value;
			return 1;
		}
		if (ind->targets[i].year == 0) {
			*target = ind->targets[i].value;
			found = 1;
		}
	}
	return found;
}

/* ---- calling rules ---- */

int rules_pcall(rules *r, int nargs, int nresults)
{
	return sandbox_pcall(r->L, nargs, nresults) == LUA_OK ? 0 : -1;
}

void rules_report_error(rules *r, const char *fallback_file, int fallback_line,
                        const char *context, diag_list *diags)
{
	sandbox_report_error(r->L, fallback_file, fallback_line, context, diags);
}

void rules_report_nonfinite(const char *file, int line, const char *context, const char *part,
                            double v, diag_list *diags)
{
	lang l = diags->lang;
	const char *name = nonfinite_name(v);
	const char *meaning =
		isnan(v) ? TR(l, "bukan angka", "not a number") : TR(l, "tak hingga", "infinity");
	diag_error(diags, file, (unsigned)line, 0,
	           TR(l,
	              "%s: rumus menghasilkan %s (%s)%s%s, yang tidak dapat diterbitkan; biasanya "
	              "karena membagi dengan nol: periksa pembaginya lebih dulu dan kembalikan nil "
	              "bila tidak ada nilai",
	              "%s: rumus returned %s (%s)%s%s, which cannot be published; usually a "
	              "division by zero: check the divisor first and return nil when there is no "
	              "value"),
	           context, name, meaning, part ? TR(l, " sebagai ", " as ") : "", part ? part : "");
}

lang rules_lang(const rules *r)
{
	return sandbox_lang(r->L);
}

static void push_number_or_nil(lua_State *L, double d)
{
	if (isnan(d))
		lua_pushnil(L);
	else
		lua_pushnumber(L, d);
}

/* "records/.../pos.md pada 2024-Q1" */
static char *where_text(const char *file, int quarter, diag_list *diags)
{
	buf q = BUF_INIT;
	char *s;
	period_format_quarter(&q, quarter);
	s = xasprintf(TR(diags->lang, "%s pada %s", "%s in %s"), file, buf_cstr(&q));
	buf_release(&q);
	return s;
}

/* "besaran "id" untuk records/.../pos.md pada 2024-Q1" */
static char *quantity_context(const quantity *qu, const char *post_file, int quarter,
                              diag_list *diags)
{
	char *at = where_text(post_file, quarter, diags);
	char *ctx = xasprintf(TR(diags->lang, "besaran \"%s\" untuk %s", "quantity \"%s\" for %s"),
	                      qu->id, at);
	free(at);
	return ctx;
}

int rules_eval_quantities(rules *r, double *q, const char *post_file, int quarter,
                          diag_list *diags)
{
	lua_State *L = r->L;
	size_t i;
	int rc = 0, rc_call;
	for (i = 0; i < r->nquantities; i++) {
		const quantity *qu = &r->quantities[i];
		if (qu->lua_ref == LUA_NOREF)
			continue;
		q[i] = NAN;
		lua_rawgeti(L, LUA_REGISTRYINDEX, qu->lua_ref);
		lua_createtable(L, 0, 0);
		push_quantity_meta(L);
		lua_setmetatable(L, -2);
		get_state(L)->current_quantity = i;
		get_state(L)->current_q = q;
		rc_call = sandbox_pcall(L, 1, 1);
		get_state(L)->current_q = NULL;
		if (rc_call != LUA_OK) {
			char *ctx = quantity_context(qu, post_file, quarter, diags);
			sandbox_report_error(L, qu->file, qu->line, ctx, diags);
			free(ctx);
			rc = -1;
			continue;
		}
		if (lua_isboolean(L, -1))
			q[i] = lua_toboolean(L, -1) ? 1 : 0;
		else if (lua_isnumber(L, -1) && isfinite(lua_tonumber(L, -1)))
			q[i] = lua_tonumber(L, -1);
		else if (lua_isnumber(L, -1)) {
			char *ctx = quantity_context(qu, post_file, quarter, diags);
			rules_report_nonfinite(qu->file, qu->line, ctx, NULL, lua_tonumber(L, -1),
			                       diags);
			free(ctx);
			rc = -1;
		} else if (!lua_isnil(L, -1)) {
			char *at = where_text(post_file, quarter, diags);
			diag_error(diags, qu->file, (unsigned)qu->line, 0,
			           TR(diags->lang,
			              "besaran \"%s\" untuk %s harus menghasilkan angka, true/false atau nil",
			              "quantity \"%s\" for %s must return a number, true/false or nil"),
			           qu->id, at);
			free(at);
			rc = -1;
		}
		lua_pop(L, 1);
	}
	return rc;
}

/* The fields of the pos table penilaian receives, as push_assess_input
 * sets them; a number never reported is nil, and so absent. */
static const char *const pos_fields[] =
	{"nama",        "status",      "jenis_pekerjaan",  "sarana",         "sumber_dana",
         "pekerja",     "kader",       "kader_aktif",      "kader_terlatih", "bulan_ada",
         "bulan_aktif", "bulan_lapor", "bulan_penyuluhan", "penyuluhan",     NULL};

/* __index of pos: a known field that is absent is nil (not reported); any
 * other name is a slip (pos.pekrja) that would read nil and quietly fail
 * every criterion testing it, so it stops the assessment. */
static int l_pos_field(lua_State *L)
{
	const char *name = lua_tostring(L, 2), *best;
	size_t i;
	if (!name)
		return 0;
	for (i = 0; pos_fields[i]; i++)
		if (strcmp(pos_fields[i], name) == 0)
			return 0;
	if ((best = str_nearest(name, pos_fields, STR_NEAR_RULES, NULL)) != NULL)
		return luaL_error(L,
		                  TR(sandbox_lang(L), "pos tidak punya \"%s\"; maksudnya pos.%s?",
		                     "pos has no \"%s\"; did you mean pos.%s?"),
		                  name, best);
	return luaL_error(L,
	                  TR(sandbox_lang(L),
	                     "pos tidak punya \"%s\"; yang ada: nama, status, jenis_pekerjaan, sarana, "
	                     "sumber_dana, pekerja, kader, kader_aktif, kader_terlatih, bulan_ada, "
	                     "bulan_aktif, bulan_lapor, bulan_penyuluhan, penyuluhan",
	                     "pos has no \"%s\"; it has nama, status, jenis_pekerjaan, sarana, "
	                     "sumber_dana, pekerja, kader, kader_aktif, kader_terlatih, bulan_ada, "
	                     "bulan_aktif, bulan_lapor, bulan_penyuluhan, penyuluhan"),
	                  name);
}

/* __index of pos.sarana and pos.sumber_dana (upvalue 1: "sarana" or
 * "sumber_dana"): an id of the vocabulary the post does not list is nil;
 * an id that is in none (pos.sarana.kotak_p3x) is a slip. */
static int l_set_member(lua_State *L)
{
	rules *r = get_state(L)->r;
	const char *set = lua_tostring(L, lua_upvalueindex(1)), *name = lua_tostring(L, 2), *best;
	int fac = strcmp(set, "sarana") == 0;
	const vocab *v = fac ? r->facilities : r->funding;
	size_t n = fac ? r->nfacilities : r->nfunding, i;
	str_near near;
	if (!name)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, name) == 0)
			return 0;
	str_near_init(&near, name);
	for (i = 0; i < n; i++)
		str_near_try(&near, v[i].id);
	if ((best = str_near_best(&near, STR_NEAR_RULES, NULL)) != NULL)
		return luaL_error(L,
		                  TR(sandbox_lang(L),
		                     "pos.%s.%s: \"%s\" tidak ada di daftar %s { }; maksudnya pos.%s.%s?",
		                     "pos.%s.%s: \"%s\" is not in the %s { } list; did you mean pos.%s.%s?"),
		                  set, name, name, set, set, best);
	return luaL_error(L,
	                  TR(sandbox_lang(L), "pos.%s.%s: \"%s\" tidak ada di daftar %s { }",
	                     "pos.%s.%s: \"%s\" is not in the %s { } list"),
	                  set, name, name, set);
}

static const char pos_meta_key = 'p', sarana_meta_key = 's', funding_meta_key = 'f';

/* Push the metatable kept in the registry under key, made with the
 * __index fn (and upvalue, when not NULL) the first time. */
static void push_index_meta(lua_State *L, const char *key, lua_CFunction fn, const char *upvalue)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) != LUA_TNIL)
		return;
	lua_pop(L, 1);
	lua_createtable(L, 0, 1);
	if (upvalue) {
		lua_pushstring(L, upvalue);
		lua_pushcclosure(L, fn, 1);
	} else
		lua_pushcfunction(L, fn);
	lua_setfield(L, -2, "__index");
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

static void push_string_set(lua_State *L, const char **items, size_t n, const char *key,
                            const char *set)
{
	size_t i;
	lua_createtable(L, 0, (int)n);
	for (i = 0; i < n; i++) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, items[i]);
	}
	push_index_meta(L, key, l_set_member, set);
	lua_setmetatable(L, -2);
}

static void push_assess_input(lua_State *L, const assess_input *in)
{
	lua_createtable(L, 0, 16);
	push_index_meta(L, &pos_meta_key, l_pos_field, NULL);
	lua_setmetatable(L, -2);
	lua_pushstring(L, in->name);
	lua_setfield(L, -2, "nama");
	lua_pushstring(L, in->status ? in->status : "");
	lua_setfield(L, -2, "status");
	lua_pushstring(L, in->trade ? in->trade : "");
	lua_setfield(L, -2, "jenis_pekerjaan");
	push_string_set(L, in->facilities, in->nfacilities, &sarana_meta_key, "sarana");
	lua_setfield(L, -2, "sarana");
	push_string_set(L, in->funding, in->nfunding, &funding_meta_key, "sumber_dana");
	lua_setfield(L, -2, "sumber_dana");
#define SET_NUM(field, name)                 \
	push_number_or_nil(L, in->field);    \
	lua_setfield(L, -2, name)
	SET_NUM(workers, "pekerja");
	SET_NUM(cadres, "kader");
	SET_NUM(cadres_active, "kader_aktif");
	SET_NUM(cadres_trained, "kader_terlatih");
	SET_NUM(months_existing, "bulan_ada");
	SET_NUM(months_active, "bulan_aktif");
	SET_NUM(months_reported, "bulan_lapor");
	SET_NUM(months_counselling, "bulan_penyuluhan");
	SET_NUM(counselling_sessions, "penyuluhan");
#undef SET_NUM
}

static const char *field_string(lua_State *L, int t, const char *key, arena *a)
{
	const char *s = NULL;
	sandbox_rawfield(L, t, key);
	if (lua_type(L, -1) == LUA_TSTRING)
		s = arena_strdup(a, lua_tostring(L, -1));
	lua_pop(L, 1);
	return s;
}

static const char *const result_keys[] = {"tingkat", "skor", "kriteria", NULL};
/* Criteria one assessment may list: a page shows them all. */
#define CRITERIA_MAX 100
static const char *const criterion_keys[] = {"id", "label", "terpenuhi", "saran", NULL};

/* "penilaian <where>: <what>: kunci "x" tidak dikenal; maksudnya "y"?" */
static void report_unknown_key(diag_list *diags, const rules *r, const char *where,
                               const char *what, const char *key, const char *const *known)
{
	buf hint = BUF_INIT;
	sandbox_key_hint(&hint, key, known, diags->lang);
	diag_error(diags, r->assess_file, (unsigned)r->assess_line, 0,
	           TR(diags->lang, "penilaian %s: %s: kunci \"%s\" tidak dikenal%s",
	              "assessment of %s: %s: unknown key \"%s\"%s"),
	           where, what, key, buf_cstr(&hint));
	buf_release(&hint);
}

/* "penilaian <where>: <what> harus <must>, bukan <the value at idx>" */
static void report_bad_value(lua_State *L, int idx, diag_list *diags, const rules *r,
                             const char *where, const char *what, const char *must)
{
	buf got = BUF_INIT;
	sandbox_describe_value(L, idx, diags->lang, &got);
	diag_error(diags, r->assess_file, (unsigned)r->assess_line, 0,
	           TR(diags->lang, "penilaian %s: %s harus %s, bukan %s",
	              "assessment of %s: %s must be %s, not %s"),
	           where, what, must, buf_cstr(&got));
	buf_release(&got);
}

/* Check and read the criterion at the top of the stack (i-th of the list)
 * into c. Every key a page shows must be there with its type: a label
 * misnamed would drop the criterion from the page, and terpenuhi = "tidak"
 * would show it met. */
static int read_criterion(lua_State *L, lua_Integer i, rules *r, criterion_result *c,
                          const char *where, diag_list *diags)
{
	int t = lua_gettop(L), language = diags->lang, rc = -1;
	buf what = BUF_INIT, key = BUF_INIT;
	buf_printf(&what, TR(language, "kriteria ke-%lld", "criterion %lld"), (long long)i);
	if (!lua_istable(L, t)) {
		report_bad_value(L, t, diags, r, where, buf_cstr(&what),
		                 TR(language, "tabel { id, label, terpenuhi, saran }",
		                    "a table { id, label, terpenuhi, saran }"));
		goto done;
	}
	c->id = field_string(L, t, "id", r->arena);
	if (c->id) {
		buf_reset(&what);
		buf_printf(&what, TR(language, "kriteria \"%s\"", "criterion \"%s\""), c->id);
	}
	if (sandbox_unknown_key(L, t, criterion_keys, &key)) {
		report_unknown_key(diags, r, where, buf_cstr(&what), buf_cstr(&key), criterion_keys);
		goto done;
	}
	sandbox_rawfield(L, t, "label");
	if (lua_type(L, -1) != LUA_TSTRING) {
		buf_puts(&what, ": label");
		report_bad_value(L, -1, diags, r, where, buf_cstr(&what),
		                 TR(language, "berupa teks", "text"));
		goto done;
	}
	c->label = arena_strdup(r->arena, lua_tostring(L, -1));
	sandbox_rawfield(L, t, "terpenuhi");
	if (!lua_isboolean(L, -1)) {
		buf_puts(&what, ": terpenuhi");
		report_bad_value(L, -1, diags, r, where, buf_cstr(&what),
		                 TR(language, "true atau false", "true or false"));
		goto done;
	}
	c->met = lua_toboolean(L, -1);
	sandbox_rawfield(L, t, "saran");
	if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING) {
		buf_puts(&what, ": saran");
		report_bad_value(L, -1, diags, r, where, buf_cstr(&what),
		                 TR(language, "berupa teks atau nil", "text or nil"));
		goto done;
	}
	c->advice = field_string(L, t, "saran", r->arena);
	rc = 0;
done:
	lua_settop(L, t);
	buf_release(&what);
	buf_release(&key);
	return rc;
}

static int read_criteria(lua_State *L, int t, rules *r, assessment *out, const char *where,
                         diag_list *diags)
{
	lua_Integer i, n;
	sandbox_rawfield(L, t, "kriteria");
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		return 0;
	}
	n = lua_istable(L, -1) ? (lua_Integer)lua_rawlen(L, -1) : -1;
	if (n < 0) {
		report_bad_value(L, -1, diags, r, where, "kriteria",
		                 TR(diags->lang, "daftar { { id, label, terpenuhi, saran }, ... }",
		                    "a list { { id, label, terpenuhi, saran }, ... }"));
		lua_pop(L, 1);
		return -1;
	}
	if (n > CRITERIA_MAX) {
		diag_error(diags, r->assess_file, (unsigned)r->assess_line, 0,
		           TR(diags->lang, "penilaian %s: kriteria paling banyak %d, bukan %lld",
		              "assessment of %s: at most %d criteria, not %lld"),
		           where, CRITERIA_MAX, (long long)n);
		lua_pop(L, 1);
		return -1;
	}
	out->criteria = arena_alloc(r->arena, (size_t)(n ? n : 1) * sizeof *out->criteria);
	for (i = 1; i <= n; i++) {
		criterion_result *c = &out->criteria[out->ncriteria];
		memset(c, 0, sizeof *c);
		lua_rawgeti(L, -1, i);
		if (read_criterion(L, i, r, c, where, diags) != 0) {
			lua_pop(L, 2);
			return -1;
		}
		out->ncriteria++;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return 0;
}

/* The level of the result table at the top of the stack into out, or -1
 * with an error when it names none of tingkat { }. */
static int read_level(lua_State *L, rules *r, assessment *out, const char *where, diag_list *diags)
{
	const char *level = field_string(L, -1, "tingkat", r->arena);
	size_t i;
	for (i = 0; level && i < r->nlevels; i++)
		if (strcmp(r->levels[i].id, level) == 0)
			break;
	if (!level || i == r->nlevels) {
		diag_error(diags, r->assess_file, (unsigned)r->assess_line, 0,
		           TR(diags->lang,
		              "penilaian %s: tingkat \"%s\" tidak didefinisikan dengan tingkat { ... }",
		              "assessment of %s: level \"%s\" is not defined with tingkat { ... }"),
		           where, level ? level : TR(diags->lang, "(kosong)", "(empty)"));
		return -1;
	}
	out->level = r->levels[i].label;
	out->level_index = i;
	return 0;
}

/* The score of the result table at the top of the stack into out: a
 * number, not text ("60%"), from 0 to 100. */
static int read_score(lua_State *L, rules *r, assessment *out, const char *where, diag_list *diags)
{
	int rc = 0;
	sandbox_rawfield(L, -1, "skor");
	if (lua_type(L, -1) != LUA_TNUMBER) {
		report_bad_value(L, -1, diags, r, where, "skor",
		                 TR(diags->lang, "berupa angka 0–100", "a number from 0 to 100"));
		rc = -1;
	} else {
		out->score = lua_tonumber(L, -1);
		if (out->score < 0 || out->score > 100 || isnan(out->score)) {
			diag_error(diags, r->assess_file, (unsigned)r->assess_line, 0,
			           TR(diags->lang, "penilaian %s: skor %g di luar 0–100",
			              "assessment of %s: score %g is outside 0–100"),
			           where, out->score);
			rc = -1;
		}
	}
	lua_pop(L, 1);
	return rc;
}

static int assess_call(rules *r, const assess_input *in, assessment *out, const char *where,
                       diag_list *diags)
{
	lua_State *L = r->L;
	buf key = BUF_INIT;
	int rc;
	memset(out, 0, sizeof *out);
	if (r->assess_ref == LUA_NOREF)
		return 0;
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->assess_ref);
	push_assess_input(L, in);
	if (sandbox_pcall(L, 1, 1) != LUA_OK) {
		char *ctx = xasprintf(TR(diags->lang, "penilaian %s", "assessment of %s"), where);
		sandbox_report_error(L, r->assess_file, r->assess_line, ctx, diags);
		free(ctx);
		return -1;
	}
	if (!lua_istable(L, -1)) {
		diag_error(diags, r->assess_file, (unsigned)r->assess_line, 0,
		           TR(diags->lang,
		              "fungsi penilaian harus mengembalikan tabel { tingkat = ..., skor = ... }",
		              "the penilaian (assessment) function must return a table { tingkat = ..., skor = ... }"));
		lua_pop(L, 1);
		return -1;
	}
	if (sandbox_unknown_key(L, -1, result_keys, &key)) {
		report_unknown_key(diags, r, where,
		                   TR(diags->lang, "tabel hasil", "the returned table"),
		                   buf_cstr(&key), result_keys);
		rc = -1;
	} else
		rc = read_level(L, r, out, where, diags) == 0 &&
		                     read_score(L, r, out, where, diags) == 0 &&
		                     read_criteria(L, lua_gettop(L), r, out, where, diags) == 0
		             ? 0
		             : -1;
	buf_release(&key);
	lua_pop(L, 1);
	out->valid = rc == 0;
	return rc;
}

int rules_assess(rules *r, const assess_input *in, assessment *out, const char *post_file,
                 int quarter, diag_list *diags)
{
	char *where = where_text(post_file, quarter, diags);
	int rc = assess_call(r, in, out, where, diags);
	free(where);
	return rc;
}
