/* formula.c - indicators defined by a Lua function (rumus), with a read-only view of nodes, posts and periods.
 *
 * A rumus receives two userdata: a node ("wilayah") and a quarter
 * ("periode"). Both are read-only views; their fields are computed on access
 * from the records and the results already known, so nothing is copied into
 * Lua unless a rule asks for it. The view is only valid while
 * formula_eval_units runs: a rule that keeps one in a global gets an error
 * when it uses it later.
 */
#include "formula.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox.h"

#define NODE_META "rekap.wilayah"
#define PERIOD_META "rekap.periode"

/* The results being computed, reached from Lua through the registry. */
typedef struct view {
	results *res;
	rules *r;
	size_t current; /* the indicator being evaluated */
	size_t lo, hi; /* the pre-order range of the subtree of the node evaluated */
	formula_reach *reach;
} view;

static const char view_key = 'v';

/* Lines of a keterangan kept for a page, at most. */
#define MAX_NOTE_LINES 1000

static view *current_view(lua_State *L)
{
	view *v;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &view_key);
	v = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (!v)
		luaL_error(L, "wilayah dan periode hanya dapat dipakai di dalam rumus indikator / "
		              "wilayah and periode can only be used inside an indicator's rumus");
	return v;
}

/* The language of the formula's error messages, for TR (locale.h). */
static lang view_lang(lua_State *L)
{
	return rules_lang(current_view(L)->r);
}

/* Each node is one userdata while formulas run, made on first use and
 * kept in a registry table by node index: lists of thousands of posts,
 * asked for again for every quarter, then cost no allocation. */
static const char nodes_key = 'n';

static void push_node(lua_State *L, const node *n)
{
	lua_Integer i = (lua_Integer)n->index + 1;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &nodes_key);
	if (lua_rawgeti(L, -1, i) == LUA_TNIL) {
		const node **ud;
		lua_pop(L, 1);
		ud = lua_newuserdatauv(L, sizeof *ud, 0);
		*ud = n;
		luaL_setmetatable(L, NODE_META);
		lua_pushvalue(L, -1);
		lua_rawseti(L, -3, i);
	}
	lua_remove(L, -2);
}

static void push_period(lua_State *L, int quarter)
{
	int *ud = lua_newuserdatauv(L, sizeof *ud, 0);
	*ud = quarter;
	luaL_setmetatable(L, PERIOD_META);
}

/* Note a node used outside the subtree of the node evaluated: that node's
 * value then depends on more than its subtree, and the results cache must
 * compute the indicator again on every run. Every use of a node passes
 * here, also of one a rule kept in a global from an earlier evaluation. */
static void note_reach(lua_State *L, const node *n)
{
	view *v;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &view_key);
	v = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (v && (n->index < v->lo || n->index > v->hi))
		v->reach->outside = 1;
}

static const node *check_node(lua_State *L, int i)
{
	const node *n = *(const node **)luaL_checkudata(L, i, NODE_META);
	note_reach(L, n);
	return n;
}

static int check_period(lua_State *L, int i)
{
	return *(int *)luaL_checkudata(L, i, PERIOD_META);
}

static const char *level_name(const node *n)
{
	return n->kind == NODE_ROOT ? "nasional" : node_kind_id(n->kind);
}

/* ---- quarters named by a rule: one periode, or a list of them ---- */

typedef struct quarter_list {
	int q[64];
	size_t n;
} quarter_list;

static void check_quarters(lua_State *L, int i, quarter_list *out)
{
	out->n = 0;
	if (lua_istable(L, i)) {
		lua_Integer k, len = luaL_len(L, i);
		if (len > 64)
			luaL_error(L, TR(view_lang(L), "daftar periode paling banyak 64 triwulan",
			                 "a list of periods holds at most 64 quarters"));
		for (k = 1; k <= len; k++) {
			lua_geti(L, i, k);
			out->q[out->n++] = check_period(L, -1);
			lua_pop(L, 1);
		}
		return;
	}
	out->q[out->n++] = check_period(L, i);
}

/* Position of quarter q in the results, or -1 outside them. */
static long quarter_slot(const results *res, int q)
{
	if (q < res->first_quarter || q > res->last_quarter)
		return -1;
	return q - res->first_quarter;
}

/* ---- wilayah (a node) ---- */

/* How a quantity adds up over several quarters: an element as its
 * agregasi says; stocks (pos_ada, the cadre counts) by their last or highest
 * value; everything else, besaran included, as a sum. */
static agg_kind quantity_agg(const rules *r, size_t qi)
{
	const quantity *qu = &r->quantities[qi];
	if (qu->is_element)
		return r->elements[qu->element].agg;
	if (qi == Q_POS_ADA)
		return AGG_MAX;
	if (qi == Q_KADER || qi == Q_KADER_AKTIF || qi == Q_KADER_TERLATIH)
		return AGG_LAST;
	return AGG_SUM;
}

/* One post's quantity over the quarters of ql (in the order given). */
static double post_over_quarters(const results *res, const node *post, size_t qi, agg_kind agg,
                                 const quarter_list *ql)
{
	double acc = NAN;
	size_t i, count = 0;
	for (i = 0; i < ql->n; i++) {
		long k = quarter_slot(res, ql->q[i]);
		double v;
		if (k < 0)
			continue;
		v = results_post_quantities(res, post, (size_t)k)[qi];
		if (isnan(v))
			continue;
		count++;
		if (isnan(acc) || agg == AGG_LAST)
			acc = v;
		else if (agg == AGG_MAX)
			acc = v > acc ? v : acc;
		else
			acc += v;
	}
	if (agg == AGG_AVERAGE && count)
		acc /= (double)count;
	return acc;
}

static void sum_below(const results *res, const node *n, size_t qi, agg_kind agg,
                      const quarter_list *ql, double *acc)
{
	size_t i;
	if (n->kind == NODE_POS) {
		double v = post_over_quarters(res, n, qi, agg, ql);
		if (!isnan(v))
			*acc = isnan(*acc) ? v : *acc + v;
		return;
	}
	for (i = 0; i < n->nchildren; i++)
		sum_below(res, n->children[i], qi, agg, ql, acc);
}

/* wilayah:jumlah("id", periode or { periode, ... }): each post's value over
 * the quarters, added up over the posts below */
static int l_jumlah(lua_State *L)
{
	view *v = current_view(L);
	const node *n = check_node(L, 1);
	const char *id = luaL_checkstring(L, 2);
	size_t qi = rules_quantity_at(v->r, L, 2);
	quarter_list ql;
	double acc = NAN;
	if (qi == (size_t)-1)
		return luaL_error(L,
		                  TR(view_lang(L), "jumlah: \"%s\" bukan elemen atau besaran yang dikenal",
		                     "jumlah: \"%s\" is not a known element or quantity"),
		                  id);
	check_quarters(L, 3, &ql);
	sum_below(v->res, n, qi, quantity_agg(v->r, qi), &ql, &acc);
	if (isnan(acc))
		lua_pushnil(L);
	else
		lua_pushnumber(L, acc);
	return 1;
}

static void push_or_nil(lua_State *L, double d)
{
	if (isnan(d))
		lua_pushnil(L);
	else
		lua_pushnumber(L, d);
}

/* wilayah:nilai("id", periode) -> value, numerator, denominator */
static int l_nilai(lua_State *L)
{
	view *v = current_view(L);
	const node *n = check_node(L, 1);
	const char *id = luaL_checkstring(L, 2);
	int q = check_period(L, 3);
	size_t j = rules_find_indicator(v->r, id);
	long k;
	const ind_value *iv;
	if (j == (size_t)-1)
		return luaL_error(L, TR(view_lang(L), "nilai: \"%s\" bukan indikator yang dikenal",
		                        "nilai: \"%s\" is not a known indicator"),
		                  id);
	if (v->r->indicators[j].kind == IND_FUNCTION)
		v->reach->reads[j] = 1;
	/* rumus indicators are computed in the order written, each from the
	 * deepest areas up: its own value is known below the area evaluated */
	if (v->r->indicators[j].kind == IND_FUNCTION &&
	    (j > v->current || (j == v->current && (n->index <= v->lo || n->index > v->hi))))
		return luaL_error(L,
		                  TR(view_lang(L),
		                     "nilai: indikator \"%s\" juga dihitung dengan rumus dan belum "
		                     "dihitung; tulis definisinya sebelum indikator ini (indikator "
		                     "ini sendiri hanya terbaca di wilayah di bawahnya)",
		                     "nilai: indicator \"%s\" is also computed by a rumus and is not "
		                     "known yet; define it before this indicator (this indicator "
		                     "itself is known only at the areas below)"),
		                  id);
	k = quarter_slot(v->res, q);
	if (k < 0) {
		lua_pushnil(L);
		lua_pushnil(L);
		lua_pushnil(L);
		return 3;
	}
	iv = results_value(v->res, n, (size_t)k, j);
	push_or_nil(L, iv->value);
	push_or_nil(L, iv->num);
	push_or_nil(L, iv->den);
	return 3;
}

/* Whether a node is of the kind asked for; "kabupaten" also takes a kota. */
static int kind_matches(const node *n, node_kind kind)
{
	return n->kind == kind || (kind == NODE_KABUPATEN && n->kind == NODE_KOTA);
}

/* Nodes of a kind at or below n, in tree order; the walk stops at that
 * kind's depth, since nothing below it can match. */
static void list_below(lua_State *L, const node *n, node_kind kind, lua_Integer *count)
{
	size_t i;
	if (kind_matches(n, kind)) {
		push_node(L, n);
		lua_rawseti(L, -2, ++*count);
	}
	if (node_kind_depth(n->kind) >= node_kind_depth(kind))
		return;
	for (i = 0; i < n->nchildren; i++)
		list_below(L, n->children[i], kind, count);
}

/* The kind a name in a rule stands for; -1 when unknown. */
static int kind_from_name(const char *name)
{
	static const struct {
		const char *name;
		node_kind kind;
	} kinds[] = {{"nasional", NODE_ROOT},      {"provinsi", NODE_PROVINSI},
	             {"kabupaten", NODE_KABUPATEN}, {"kota", NODE_KOTA},
	             {"puskesmas", NODE_PUSKESMAS}, {"pos", NODE_POS}};
	size_t i;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return (int)kinds[i].kind;
	return -1;
}

/* wilayah:daftar("puskesmas"): every node of that kind at or below wilayah */
static int l_daftar(lua_State *L)
{
	const node *n = check_node(L, 1);
	const char *kind = luaL_checkstring(L, 2);
	lua_Integer count = 0;
	int k = kind_from_name(kind);
	(void)current_view(L);
	if (k < 0)
		return luaL_error(L,
		                  TR(view_lang(L),
		                     "daftar: jenis \"%s\" tidak dikenal; pilih provinsi, kabupaten, "
		                     "kota, puskesmas atau pos",
		                     "daftar: unknown kind \"%s\"; choose provinsi, kabupaten, kota, "
		                     "puskesmas or pos"),
		                  kind);
	lua_newtable(L);
	list_below(L, n, (node_kind)k, &count);
	return 1;
}

static void push_children(lua_State *L, const node *n)
{
	size_t i;
	lua_createtable(L, (int)n->nchildren, 0);
	for (i = 0; i < n->nchildren; i++) {
		push_node(L, n->children[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

static void push_string_or_nil(lua_State *L, const char *s)
{
	if (s)
		lua_pushstring(L, s);
	else
		lua_pushnil(L);
}

/* A year field of a district (isian_kabupaten) as Lua sees it: the year, or
 * nil when it is empty or the node is not a district. Returns 0 when key is
 * not such a field. */
static int push_district_field(lua_State *L, const node *n, const char *key)
{
	const rules *r = current_view(L)->r;
	const value *v;
	size_t i;
	for (i = 0; i < r->ndistrict_fields && strcmp(r->district_fields[i].id, key) != 0; i++)
		;
	if (i == r->ndistrict_fields)
		return 0;
	v = n->kind == NODE_KABUPATEN || n->kind == NODE_KOTA ? val_get(n->meta, key) : NULL;
	if (v && v->kind == VAL_STR)
		lua_pushinteger(L, strtol(v->u.str.s, NULL, 10));
	else
		lua_pushnil(L);
	return 1;
}

static int node_index(lua_State *L)
{
	const node *n = check_node(L, 1);
	const char *key = luaL_checkstring(L, 2);
	lua_Integer count = 0;
	(void)current_view(L);
	if (strcmp(key, "jumlah") == 0) /* the most used, first */
		lua_pushcfunction(L, l_jumlah);
	else if (strcmp(key, "nama") == 0)
		push_string_or_nil(L, n->name);
	else if (strcmp(key, "kode") == 0)
		push_string_or_nil(L, n->code);
	else if (strcmp(key, "jenis") == 0)
		lua_pushstring(L, level_name(n));
	else if (strcmp(key, "jalur") == 0)
		lua_pushstring(L, n->path);
	else if (strcmp(key, "induk") == 0) {
		if (n->parent) {
			note_reach(L, n->parent);
			push_node(L, n->parent);
		} else
			lua_pushnil(L);
	} else if (strcmp(key, "anak") == 0)
		push_children(L, n);
	else if (strcmp(key, "pos") == 0) {
		lua_newtable(L);
		list_below(L, n, NODE_POS, &count);
	} else if (strcmp(key, "status") == 0)
		push_string_or_nil(L, n->kind == NODE_POS ? n->status : NULL);
	else if (strcmp(key, "jenis_pekerjaan") == 0)
		push_string_or_nil(L, n->kind == NODE_POS ? n->trade : NULL);
	else if (strcmp(key, "nilai") == 0)
		lua_pushcfunction(L, l_nilai);
	else if (strcmp(key, "daftar") == 0)
		lua_pushcfunction(L, l_daftar);
	else if (!push_district_field(L, n, key))
		return luaL_error(L,
		                  TR(view_lang(L),
		                     "wilayah tidak punya \"%s\"; yang ada: nama, kode, jenis, jalur, "
		                     "induk, anak, pos, status, jenis_pekerjaan, jumlah, nilai, daftar",
		                     "wilayah has no \"%s\"; it has nama, kode, jenis, jalur, induk, "
		                     "anak, pos, status, jenis_pekerjaan, jumlah, nilai, daftar"),
		                  key);
	return 1;
}

static int read_only(lua_State *L)
{
	return luaL_error(L, TR(view_lang(L), "wilayah dan periode hanya dapat dibaca, tidak dapat diubah",
	                        "wilayah and periode are read-only"));
}

static int node_tostring(lua_State *L)
{
	const node *n = check_node(L, 1);
	lua_pushstring(L, n->path[0] ? n->path : "nasional");
	return 1;
}

static int node_eq(lua_State *L)
{
	lua_pushboolean(L, check_node(L, 1) == check_node(L, 2));
	return 1;
}

/* ---- periode (a quarter) ---- */

static int l_sebelumnya(lua_State *L)
{
	push_period(L, check_period(L, 1) - 1);
	return 1;
}

static int l_tahun_lalu(lua_State *L)
{
	push_period(L, check_period(L, 1) - 4);
	return 1;
}

static int l_sejak_awal_tahun(lua_State *L)
{
	int q = check_period(L, 1), first = q / 4 * 4, k;
	lua_createtable(L, q - first + 1, 0);
	for (k = first; k <= q; k++) {
		push_period(L, k);
		lua_rawseti(L, -2, k - first + 1);
	}
	return 1;
}

static int period_index(lua_State *L)
{
	int q = check_period(L, 1);
	const char *key = luaL_checkstring(L, 2);
	if (strcmp(key, "tahun") == 0)
		lua_pushinteger(L, q / 4);
	else if (strcmp(key, "triwulan") == 0)
		lua_pushinteger(L, q % 4 + 1);
	else if (strcmp(key, "sebelumnya") == 0)
		lua_pushcfunction(L, l_sebelumnya);
	else if (strcmp(key, "tahun_lalu") == 0)
		lua_pushcfunction(L, l_tahun_lalu);
	else if (strcmp(key, "sejak_awal_tahun") == 0)
		lua_pushcfunction(L, l_sejak_awal_tahun);
	else
		return luaL_error(L,
		                  TR(view_lang(L),
		                     "periode tidak punya \"%s\"; yang ada: tahun, triwulan, "
		                     "sebelumnya, tahun_lalu, sejak_awal_tahun",
		                     "periode has no \"%s\"; it has tahun, triwulan, sebelumnya, "
		                     "tahun_lalu, sejak_awal_tahun"),
		                  key);
	return 1;
}

static int period_tostring(lua_State *L)
{
	int q = check_period(L, 1);
	buf b = BUF_INIT;
	period_format_quarter(&b, q);
	lua_pushlstring(L, buf_cstr(&b), b.len);
	buf_release(&b);
	return 1;
}

static int period_eq(lua_State *L)
{
	lua_pushboolean(L, check_period(L, 1) == check_period(L, 2));
	return 1;
}

static int period_lt(lua_State *L)
{
	lua_pushboolean(L, check_period(L, 1) < check_period(L, 2));
	return 1;
}

static int period_le(lua_State *L)
{
	lua_pushboolean(L, check_period(L, 1) <= check_period(L, 2));
	return 1;
}

static void register_metatables(lua_State *L)
{
	static const luaL_Reg node_meta[] = {{"__index", node_index},
	                                     {"__newindex", read_only},
	                                     {"__tostring", node_tostring},
	                                     {"__eq", node_eq},
	                                     {NULL, NULL}};
	static const luaL_Reg period_meta[] = {{"__index", period_index},
	                                       {"__newindex", read_only},
	                                       {"__tostring", period_tostring},
	                                       {"__eq", period_eq},
	                                       {"__lt", period_lt},
	                                       {"__le", period_le},
	                                       {NULL, NULL}};
	if (luaL_newmetatable(L, NODE_META)) {
		luaL_setfuncs(L, node_meta, 0);
		lua_pushboolean(L, 0); /* getmetatable() gives false: the view cannot be altered */
		lua_setfield(L, -2, "__metatable");
	}
	lua_pop(L, 1);
	if (luaL_newmetatable(L, PERIOD_META)) {
		luaL_setfuncs(L, period_meta, 0);
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
	}
	lua_pop(L, 1);
}

/* ---- evaluation ---- */

/* Why a rumus's result was refused: a nan or an infinity (nonfinite), a
 * key that is none of result_keys (key), a side of the wrong type (part,
 * and got), or a result that is no number, nil or table (none of these). */
typedef struct bad_result {
	const char *part; /* NULL, "pembilang" or "penyebut" */
	double value; /* a nan or an infinity */
	int nonfinite;
	buf key; /* the unknown key, or empty */
	buf got; /* what part holds instead of a number, or empty */
} bad_result;

static const char *const result_keys[] = {"pembilang", "penyebut", "keterangan", NULL};

/* Take the number at idx into *out: nil leaves it NAN (not reported), a
 * nan or an infinity, or a value of another type, is refused into *bad. */
static int take_number(lua_State *L, int idx, const char *part, double *out, bad_result *bad)
{
	double d;
	if (lua_isnil(L, idx))
		return 0;
	if (lua_type(L, idx) != LUA_TNUMBER) {
		if (part) {
			bad->part = part;
			sandbox_describe_value(L, idx, view_lang(L), &bad->got);
		}
		return -1;
	}
	d = lua_tonumber(L, idx);
	if (!isfinite(d)) {
		bad->part = part;
		bad->value = d;
		bad->nonfinite = 1;
		return -1;
	}
	*out = d;
	return 0;
}

/* Read what a rumus returned: nil, a number, or { pembilang, penyebut }. */
static int read_result(lua_State *L, const indicator *ind, ind_value *iv, bad_result *bad)
{
	int rc;
	iv->num = iv->den = iv->value = NAN;
	if (lua_isnil(L, -1))
		return 0;
	if (lua_type(L, -1) == LUA_TNUMBER) {
		rc = take_number(L, -1, NULL, &iv->num, bad);
		iv->value = iv->num;
		return rc;
	}
	if (!lua_istable(L, -1))
		return -1;
	/* penyebt for penyebut would make the ratio a count without a word */
	if (sandbox_unknown_key(L, -1, result_keys, &bad->key))
		return -1;
	sandbox_rawfield(L, -1, "pembilang");
	sandbox_rawfield(L, -2, "penyebut");
	if (take_number(L, -2, "pembilang", &iv->num, bad) != 0 ||
	    take_number(L, -1, "penyebut", &iv->den, bad) != 0) {
		lua_pop(L, 2);
		return -1;
	}
	lua_pop(L, 2);
	if (isnan(iv->num))
		return 0;
	if (!isnan(iv->den))
		iv->value = iv->den > 0 ? iv->num / iv->den * ind->factor : NAN;
	else
		iv->value = iv->num * ind->factor;
	return 0;
}

/* "rumus returned an unknown key "penyebt"; did you mean "penyebut"?" */
static void report_unknown_key(const indicator *ind, const char *ctx, const char *key,
                               diag_list *diags)
{
	buf hint = BUF_INIT;
	sandbox_key_hint(&hint, key, result_keys, diags->lang);
	diag_error(diags, ind->file, (unsigned)ind->line, 0,
	           TR(diags->lang, "%s: rumus menghasilkan kunci \"%s\" yang tidak dikenal%s",
	              "%s: rumus returned an unknown key \"%s\"%s"),
	           ctx, key, buf_cstr(&hint));
	buf_release(&hint);
}

static void report_failure(rules *r, const indicator *ind, const node *n, int quarter,
                           int lua_error, const bad_result *bad, diag_list *diags)
{
	const char *where = n->file ? n->file : n->path;
	buf q = BUF_INIT;
	char *ctx;
	period_format_quarter(&q, quarter);
	ctx = xasprintf(TR(diags->lang, "indikator \"%s\" untuk %s pada %s",
	                   "indicator \"%s\" for %s in %s"),
	                ind->id, where, buf_cstr(&q));
	buf_release(&q);
	if (lua_error) {
		rules_report_error(r, ind->file, ind->line, ctx, diags);
	} else if (bad->nonfinite) {
		rules_report_nonfinite(ind->file, ind->line, ctx, bad->part, bad->value, diags);
		lua_pop(r->L, 1);
	} else if (bad->key.len) {
		report_unknown_key(ind, ctx, buf_cstr(&bad->key), diags);
		lua_pop(r->L, 1);
	} else if (bad->part) {
		diag_error(diags, ind->file, (unsigned)ind->line, 0,
		           TR(diags->lang, "%s: %s harus berupa angka atau nil, bukan %s",
		              "%s: %s must be a number or nil, not %s"),
		           ctx, bad->part, buf_cstr(&bad->got));
		lua_pop(r->L, 1);
	} else {
		diag_error(diags, ind->file, (unsigned)ind->line, 0,
		           TR(diags->lang,
		              "%s: rumus harus menghasilkan angka, nil, atau { pembilang = ..., "
		              "penyebut = ... }",
		              "%s: rumus must return a number, nil, or { pembilang = ..., penyebut "
		              "= ... }"),
		           ctx);
		lua_pop(r->L, 1);
	}
	free(ctx);
}

/* Keep the keterangan of the result on top of the stack, if any, for the
 * page of n: only the last quarter's, the one pages show. It is a text, or
 * a list of texts (kept one a line), e.g. a summary and then one line for
 * every district that fails. Anything else is left out. */
static void keep_note(view *v, const node *n, lua_State *L)
{
	char **slot = &v->res->notes[n->index * v->r->nindicators + v->current];
	buf b = BUF_INIT;
	lua_Integer i, len;
	if (!lua_istable(L, -1))
		return;
	sandbox_rawfield(L, -1, "keterangan");
	if (lua_type(L, -1) == LUA_TSTRING) {
		buf_puts(&b, lua_tostring(L, -1));
	} else if (lua_istable(L, -1)) {
		len = (lua_Integer)lua_rawlen(L, -1);
		for (i = 1; i <= len && i <= MAX_NOTE_LINES; i++) {
			if (lua_rawgeti(L, -1, i) == LUA_TSTRING)
				buf_printf(&b, "%s%s", b.len ? "\n" : "", lua_tostring(L, -1));
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	free(*slot);
	*slot = b.len ? xstrdup(buf_cstr(&b)) : NULL;
	buf_release(&b);
}

static int eval_one(view *v, const indicator *ind, const node *n, size_t k, diag_list *diags)
{
	lua_State *L = v->r->L;
	int quarter = v->res->first_quarter + (int)k;
	ind_value *iv = &v->res->values[(n->index * v->res->nquarters + k) * v->r->nindicators +
	                                v->current];
	bad_result bad;
	int rc = 0;
	memset(&bad, 0, sizeof bad);
	lua_rawgeti(L, LUA_REGISTRYINDEX, ind->lua_ref);
	push_node(L, n);
	push_period(L, quarter);
	if (rules_pcall(v->r, 2, 1) != 0)
		rc = 1;
	else if (read_result(L, ind, iv, &bad) != 0)
		rc = 2;
	if (rc) {
		report_failure(v->r, ind, n, quarter, rc == 1, &bad, diags);
		buf_release(&bad.key);
		buf_release(&bad.got);
		return -1;
	}
	if (k + 1 == v->res->nquarters)
		keep_note(v, n, L);
	lua_pop(L, 1);
	return 0;
}

/* The last node of n's subtree in the pre-order. */
static size_t subtree_end(const node *n)
{
	while (n->nchildren)
		n = n->children[n->nchildren - 1];
	return n->index;
}

int formula_eval_units(results *res, rules *r, size_t which, const size_t *units, size_t from,
                       size_t to, formula_reach *reach, diag_list *diags)
{
	lua_State *L = r->L;
	const indicator *ind = &r->indicators[which];
	size_t i, nq = res->nquarters;
	view v;
	int rc = 0;
	v.res = res;
	v.r = r;
	v.current = which;
	v.reach = reach;
	v.lo = v.hi = 0; /* set for each node evaluated, below */
	register_metatables(L);
	lua_pushlightuserdata(L, &v);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &view_key);
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &nodes_key);
	for (i = from; i < to && rc == 0; i++) {
		const node *n = res->recs->nodes[units[i] / nq];
		v.lo = n->index;
		v.hi = subtree_end(n);
		rc = eval_one(&v, ind, n, units[i] % nq, diags);
	}
	lua_pushnil(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &view_key);
	lua_pushnil(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &nodes_key);
	return rc;
}
