/* sandbox.c - the Lua state the rules run in: safe libraries, memory and CPU limits, protected calls, error positions. */
#include "sandbox.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Each call into the rules may use SANDBOX_CPU_SECONDS of CPU time. The
 * clock is read every CLOCK_EVERY hook calls, each HOOK_STEP instructions
 * apart, and first at the first hook call: the many short calls never read
 * it (reading the CPU clock is a system call). */
#define HOOK_STEP 1000
#define CLOCK_EVERY 64

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	sandbox *sb = ud;
	if (ptr == NULL)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		sb->used -= osize;
		return NULL;
	}
	/* Only rule code is limited, so the engine's own small allocations
	 * between calls never fail (outside a protected call that would abort). */
	if (sb->in_call && nsize > osize && sb->used + (nsize - osize) > sb->limit)
		return NULL; /* Lua raises "not enough memory" */
	ptr = realloc(ptr, nsize);
	if (ptr)
		sb->used = sb->used - osize + nsize;
	return ptr;
}

sandbox *sandbox_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

lang sandbox_lang(lua_State *L)
{
	return sandbox_of(L)->lang;
}

/* CPU time of the calling thread: rules run in several threads at once,
 * and each call's limit is its own. */
static double thread_cpu_seconds(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return (double)clock() / CLOCKS_PER_SEC;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	sandbox *sb = sandbox_of(L);
	(void)ar;
	if (sb->started < 0) {
		sb->started = thread_cpu_seconds(); /* HOOK_STEP instructions in */
		return;
	}
	if (++sb->hooks < CLOCK_EVERY)
		return;
	sb->hooks = 0;
	if (thread_cpu_seconds() - sb->started <= SANDBOX_CPU_SECONDS)
		return;
	/* level 0 inside a hook is the function that was running: its line */
	luaL_where(L, 0);
	lua_pushfstring(L,
	                TR(sandbox_lang(L),
	                   "aturan dihentikan setelah berjalan %d detik CPU; periksa "
	                   "perulangan yang tidak berhenti",
	                   "rule stopped after running for %d second(s) of CPU time; look "
	                   "for a loop that never ends"),
	                SANDBOX_CPU_SECONDS);
	lua_concat(L, 2);
	lua_error(L);
}

/* The global name nearest to name, the table of globals at index 1
 * (indikatr, element, Math: indikator, elemen, math), or NULL when none is
 * near enough. Of two as near, the first in byte order, so that the
 * message does not follow the order of the table, which Lua seeds anew
 * for every state. The name stays valid while the table holds it. */
static const char *nearest_global(lua_State *L, const char *name)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	lua_pushnil(L);
	while (lua_next(L, 1) != 0) {
		if (lua_type(L, -2) == LUA_TSTRING) {
			const char *key = lua_tostring(L, -2);
			size_t d = str_distance(name, key);
			if (d < best_d || (d == best_d && strcmp(key, best) < 0)) {
				best = key;
				best_d = d;
			}
		}
		lua_pop(L, 1);
	}
	return best_d <= STR_NEAR_RULES ? best : NULL;
}

/* __index of the global table: a name that does not exist is an error, so
 * a misspelt name or a library the sandbox leaves out stops at its line. */
static int l_unknown_global(lua_State *L)
{
	static const char *const outside[] = {"io", "os", "require", "package", "load",
	                                      "loadstring", "loadfile", "dofile", "debug",
	                                      "collectgarbage", "coroutine", "module", "print",
	                                      NULL};
	const char *name = lua_tostring(L, 2), *near;
	size_t i;
	if (!name)
		return 0;
	for (i = 0; outside[i]; i++)
		if (strcmp(name, outside[i]) == 0)
			return luaL_error(
				L,
				TR(sandbox_lang(L),
				   "\"%s\" tidak tersedia: aturan berjalan di kotak pasir, tanpa akses ke "
				   "berkas, program, jaringan atau modul lain",
				   "\"%s\" is not available: rules run in a sandbox, without access to "
				   "files, programs, the network or other modules"),
				name);
	if (sandbox_of(L)->quoted_name && sandbox_of(L)->quoted_name(sandbox_of(L), name))
		return luaL_error(L,
		                  TR(sandbox_lang(L),
		                     "nama \"%s\" tidak dikenal; \"%s\" adalah elemen atau besaran, bukan "
		                     "variabel Lua: tulis \"%s\" dalam tanda kutip di pembilang, penyebut, "
		                     "kiri, kanan dan jumlah(), q.%s di dalam rumus besaran",
		                     "unknown name \"%s\"; \"%s\" is an element or quantity, not a Lua "
		                     "variable: write \"%s\" in quotation marks in pembilang, penyebut, "
		                     "kiri, kanan and jumlah(), q.%s inside a besaran's rumus"),
		                  name, name, name, name);
	near = nearest_global(L, name);
	if (near)
		return luaL_error(L,
		                  TR(sandbox_lang(L), "nama \"%s\" tidak dikenal; maksudnya \"%s\"?",
		                     "unknown name \"%s\"; did you mean \"%s\"?"),
		                  name, near);
	return luaL_error(L,
	                  TR(sandbox_lang(L), "nama \"%s\" tidak dikenal; periksa ejaannya",
	                     "unknown name \"%s\"; check its spelling"),
	                  name);
}

/* string.dump would hand out bytecode, which the sandbox never loads. */
static int l_no_dump(lua_State *L)
{
	return luaL_error(L, TR(sandbox_lang(L), "string.dump tidak tersedia: aturan tidak memakai bytecode",
	                        "string.dump is not available: rules never use bytecode"));
}

/* The libraries without their ways out, the caller's functions, and a
 * global table in which an unknown name is an error. */
static void open_safe_libs(lua_State *L, const luaL_Reg *globals)
{
	static const char *const removed[] = {"dofile", "loadfile", "load", "require",
	                                      "collectgarbage", "print", NULL};
	size_t i;
	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	lua_pop(L, 5);
	for (i = 0; removed[i]; i++) {
		lua_pushnil(L);
		lua_setglobal(L, removed[i]);
	}
	lua_getglobal(L, "string");
	lua_pushcfunction(L, l_no_dump);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	lua_getglobal(L, "math");
	lua_pushnil(L); /* deterministic output: no random numbers */
	lua_setfield(L, -2, "random");
	lua_pushnil(L);
	lua_setfield(L, -2, "randomseed");
	lua_pop(L, 1);
	lua_pushglobaltable(L);
	luaL_setfuncs(L, globals, 0);
	lua_createtable(L, 0, 1);
	lua_pushcfunction(L, l_unknown_global);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_pop(L, 1);
}

static int traceback(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	if (!msg)
		msg = TR(sandbox_lang(L), "galat tanpa pesan", "error without a message");
	luaL_traceback(L, L, msg, 1);
	return 1;
}

/* Characters a word processor, a web page or a phone puts into text that
 * is then pasted into a rules file, what they are called and the ASCII
 * Lua needs in their place. */
static const struct pasted_char {
	uint32_t cp;
	const char *id, *en, *ascii;
} pasted_chars[] = {
	{0x201C, "tanda kutip miring", "a curly quotation mark", "\""},
	{0x201D, "tanda kutip miring", "a curly quotation mark", "\""},
	{0x201E, "tanda kutip miring", "a curly quotation mark", "\""},
	{0x2018, "tanda kutip miring", "a curly quotation mark", "'"},
	{0x2019, "tanda kutip miring", "a curly quotation mark", "'"},
	{0x2013, "tanda pisah", "a dash", "-"},
	{0x2014, "tanda pisah", "a dash", "-"},
	{0x2212, "tanda minus tipografi", "a typographic minus sign", "-"},
	{0x00D7, "tanda kali", "a multiplication sign", "*"},
	{0x00F7, "tanda bagi", "a division sign", "/"},
	{0x2264, "tanda kurang dari atau sama dengan", "a less-than-or-equal sign", "<="},
	{0x2265, "tanda lebih dari atau sama dengan", "a greater-than-or-equal sign", ">="},
	{0x2260, "tanda tidak sama dengan", "a not-equal sign", "~="},
};

/* Operators of other languages and of spreadsheet formulas that Lua
 * writes otherwise, in the order they are tried at a position. */
static const struct foreign_op {
	const char *op, *lua, *id, *en;
} foreign_ops[] = {
	{"!=", "~=", "tidak sama dengan", "not equal"},
	{"<>", "~=", "tidak sama dengan", "not equal"},
	{"&&", "and", "dan", "and"},
	{"||", "or", "atau", "or"},
	{"!", "not", "negasi", "negation"},
};

/* What a scan of a line looks for: a character that is not ASCII, or one
 * of foreign_ops. */
typedef enum {
	FIND_FOREIGN_CHAR,
	FIND_FOREIGN_OP,
	FIND_NUMBER_KEY /* { 2024 = or , 2024 = : a key Lua wants as [2024] */
} line_find;

/* The length of "{ 2024 =" or ", 2024 =" at p, from p to the '=': a
 * number used as a key without its brackets; 0 when there is none. */
static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The number of digits at p when blanks and an "=" (not "==") follow
 * them: a number written as a table's key; 0 otherwise. */
static size_t key_digits(const char *p, const char *end)
{
	const char *q = p;
	size_t n;
	while (q < end && *q >= '0' && *q <= '9')
		q++;
	n = (size_t)(q - p);
	q = skip_blanks(q, end);
	return n && q < end && *q == '=' && (q + 1 == end || q[1] != '=') ? n : 0;
}

static size_t number_key_at(const char *p, const char *end)
{
	const char *q;
	if (*p != '{' && *p != ',')
		return 0;
	q = skip_blanks(p + 1, end);
	return key_digits(q, end) ? (size_t)(q - p) + 1 : 0;
}

/* Whether what is looked for starts at p (before end): its length in
 * bytes, with its code point in *cp or its index in foreign_ops in *op;
 * 0 when it does not. */
static size_t found_at(const char *p, const char *end, line_find what, uint32_t *cp, size_t *op)
{
	size_t k;
	if (what == FIND_NUMBER_KEY)
		return number_key_at(p, end);
	if (what == FIND_FOREIGN_CHAR)
		return (unsigned char)*p >= 0x80
		               ? utf8_decode((const unsigned char *)p, (size_t)(end - p), cp)
		               : 0;
	for (k = 0; k < sizeof foreign_ops / sizeof *foreign_ops; k++) {
		size_t n = strlen(foreign_ops[k].op);
		if ((size_t)(end - p) >= n && memcmp(p, foreign_ops[k].op, n) == 0) {
			*op = k;
			return n;
		}
	}
	return 0;
}

/* The first of what is looked for on line `line` of the rules text,
 * outside a quoted string and a comment: what Lua's "unexpected symbol
 * near '<\226>'" or "near '!'" stops at. Returns its length (0: none),
 * with *at pointing at it and *cp or *op as found_at sets them. */
static size_t line_find_first(const char *text, size_t len, unsigned line, line_find what,
                              const char **at, uint32_t *cp, size_t *op)
{
	const char *p = text, *end = text + len;
	char quote = 0;
	size_t n;
	while (line > 1 && p < end)
		if (*p++ == '\n')
			line--;
	for (; p < end && *p != '\n'; p++) {
		if (quote) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '-' && p + 1 < end && p[1] == '-') {
			return 0;
		} else if ((n = found_at(p, end, what, cp, op)) > 0) {
			*at = p;
			return n;
		}
	}
	return 0;
}

/* After Lua's message about a character that is not ASCII outside a
 * string, say which one it is and what to write instead. Returns its
 * column (in characters), or 0 when none was found. */
static unsigned explain_foreign_char(buf *text, const sandbox *sb, unsigned line, lang l)
{
	uint32_t cp;
	const char *at = NULL;
	size_t i, n, op;
	if (!sb->chunk || !line ||
	    (n = line_find_first(sb->chunk, sb->chunk_len, line, FIND_FOREIGN_CHAR, &at, &cp,
	                         &op)) == 0)
		return 0;
	for (i = 0; i < sizeof pasted_chars / sizeof *pasted_chars; i++)
		if (pasted_chars[i].cp == cp)
			break;
	if (unicode_space(cp)) /* shown as nothing */
		buf_printf(text, TR(l, "; baris ini berisi U+%04X, ", "; the line holds U+%04X, "),
		           (unsigned)cp);
	else
		buf_printf(text,
		           TR(l, "; baris ini berisi %.*s (U+%04X), ",
		              "; the line holds %.*s (U+%04X), "),
		           (int)n, at, (unsigned)cp);
	if (i < sizeof pasted_chars / sizeof *pasted_chars)
		buf_printf(text,
		           TR(l,
		              "%s dari pengolah kata, halaman web atau ponsel: tulis %s sebagai gantinya",
		              "%s from a word processor, a web page or a phone: write %s instead"),
		           TR(l, pasted_chars[i].id, pasted_chars[i].en), pasted_chars[i].ascii);
	else if (unicode_space(cp))
		buf_puts(text,
		         TR(l,
		            "spasi yang tampak biasa dari halaman web atau pengolah kata: ketik "
		            "ulang spasinya",
		            "a space that looks ordinary, from a web page or a word processor: "
		            "type the space again"));
	else
		buf_puts(text,
		         TR(l,
		            "yang hanya boleh ada di dalam teks bertanda kutip; di luar itu Lua "
		            "hanya mengenal huruf, angka dan tanda ASCII",
		            "which may only stand inside quoted text; outside it Lua knows only "
		            "ASCII letters, digits and signs"));
	return text_column(sb->chunk, at);
}

/* After Lua's message about an operator of another language or of a
 * spreadsheet formula (!=, <>, &&, ||, !), name Lua's. Returns its
 * column (in characters), or 0 when none was found. */
static unsigned explain_foreign_op(buf *text, const sandbox *sb, unsigned line, lang l)
{
	const struct foreign_op *f;
	const char *at = NULL;
	uint32_t cp;
	size_t op;
	if (!sb->chunk || !line ||
	    line_find_first(sb->chunk, sb->chunk_len, line, FIND_FOREIGN_OP, &at, &cp, &op) == 0)
		return 0;
	f = &foreign_ops[op];
	buf_printf(text,
	           TR(l, "; Lua menulis \"%s\" sebagai %s, bukan %s",
	              "; Lua writes \"%s\" as %s, not %s"),
	           TR(l, f->id, f->en), f->lua, f->op);
	return text_column(sb->chunk, at);
}

/* After Lua's "'}' expected near '='" at { 2024 = 80 }, say how Lua writes
 * a number as a key. Returns the key's column, or 0 when none was found. */
static unsigned explain_number_key(buf *text, const sandbox *sb, unsigned line, lang l)
{
	const char *at = NULL, *digits, *end;
	uint32_t cp;
	size_t op, n;
	unsigned k;
	if (!sb->chunk || !line)
		return 0;
	end = sb->chunk + sb->chunk_len;
	if (line_find_first(sb->chunk, sb->chunk_len, line, FIND_NUMBER_KEY, &at, &cp, &op) > 0) {
		digits = skip_blanks(at + 1, end);
	} else {
		/* a table over several lines: "2024 = 80," first on its line */
		for (digits = sb->chunk, k = line; k > 1 && digits < end; digits++)
			if (*digits == '\n')
				k--;
		digits = skip_blanks(digits, end);
	}
	if ((n = key_digits(digits, end)) == 0)
		return 0;
	buf_printf(text,
	           TR(l, "; angka sebagai kunci tabel ditulis dalam kurung siku: [%.*s] = ...",
	              "; a number as a table key is written in square brackets: [%.*s] = ..."),
	           (int)n, digits);
	return text_column(sb->chunk, digits);
}

void sandbox_report_error(lua_State *L, const char *fallback_file, int fallback_line,
                          const char *context, diag_list *diags)
{
	const char *msg = lua_tostring(L, -1);
	const char *colon, *end, *near;
	char *file = NULL;
	unsigned line = 0, column = 0;
	buf text = BUF_INIT, oom = BUF_INIT;
	if (!msg)
		msg = TR(diags->lang, "galat tanpa pesan", "error without a message");
	if (sandbox_of(L)->out_of_memory) {
		sandbox_of(L)->out_of_memory = 0;
		buf_printf(&oom,
		           TR(diags->lang,
		              "aturan dihentikan karena memakai lebih dari %d MiB memori; periksa "
		              "tabel atau teks yang terus membesar",
		              "rule stopped for using more than %d MiB of memory; look for a table "
		              "or text that keeps growing"),
		           (int)(SANDBOX_MEMORY_LIMIT >> 20));
		msg = buf_cstr(&oom);
	}
	end = strchr(msg, '\n');
	if (!end)
		end = msg + strlen(msg);
	colon = memchr(msg, ':', (size_t)(end - msg));
	if (colon && colon[1] >= '0' && colon[1] <= '9') {
		char *after;
		unsigned long l = strtoul(colon + 1, &after, 10);
		if (*after == ':') {
			file = xstrndup(msg, (size_t)(colon - msg));
			line = (unsigned)l;
			msg = after + 1;
			while (*msg == ' ')
				msg++;
		}
	}
	if (context)
		buf_printf(&text, "%s: ", context);
	buf_put(&text, msg, (size_t)(end - msg));
	near = strstr(msg, "near '");
	if (file && near && near < end) {
		near += strlen("near '");
		if (near[0] == '<' && near[1] == '\\')
			column = explain_foreign_char(&text, sandbox_of(L), line, diags->lang);
		else if (near[0] != '\0' && strchr("!&|>", near[0]) && near[1] == '\'')
			column = explain_foreign_op(&text, sandbox_of(L), line, diags->lang);
		else if (near[0] == '=' && near[1] == '\'' && strstr(msg, "'}' expected") &&
		         strstr(msg, "'}' expected") < end)
			column = explain_number_key(&text, sandbox_of(L), line, diags->lang);
	}
	diag_error(diags, file ? file : fallback_file, file ? line : (unsigned)fallback_line,
	           column, "%s", buf_cstr(&text));
	free(file);
	buf_release(&text);
	buf_release(&oom);
	lua_pop(L, 1);
}

int sandbox_pcall(lua_State *L, int nargs, int nresults)
{
	int base = lua_gettop(L) - nargs;
	int rc;
	sandbox_of(L)->hooks = 0;
	sandbox_of(L)->started = -1;
	lua_pushcfunction(L, traceback);
	lua_insert(L, base);
	sandbox_of(L)->in_call = 1;
	rc = lua_pcall(L, nargs, nresults, base);
	lua_remove(L, base);
	sandbox_of(L)->in_call = 0;
	/* raised without a position or a traceback; sandbox_report_error says what happened */
	sandbox_of(L)->out_of_memory = rc == LUA_ERRMEM;
	return rc;
}

int sandbox_run(lua_State *L, const char *path, const char *data, size_t len,
                diag_list *diags)
{
	char *chunkname = xasprintf("@%s", path);
	int rc = 0;
	sandbox_of(L)->chunk = data;
	sandbox_of(L)->chunk_len = len;
	/* mode "t": text only, never precompiled bytecode */
	if (luaL_loadbufferx(L, data, len, chunkname, "t") != LUA_OK ||
	    sandbox_pcall(L, 0, 0) != LUA_OK) {
		sandbox_report_error(L, path, 0, NULL, diags);
		rc = -1;
	}
	sandbox_of(L)->chunk = NULL;
	free(chunkname);
	return rc;
}

lua_State *sandbox_open(sandbox *sb, lang l, const luaL_Reg *globals)
{
	lua_State *L;
	sb->limit = SANDBOX_MEMORY_LIMIT;
	sb->lang = l;
	L = lua_newstate(sandbox_alloc, sb);
	if (!L)
		return NULL;
	lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_STEP);
	open_safe_libs(L, globals);
	return L;
}

void sandbox_describe_value(lua_State *L, int idx, int language, buf *out)
{
	switch (lua_type(L, idx)) {
	case LUA_TSTRING:
		buf_printf(out, TR(language, "teks \"%s\"", "the text \"%s\""),
		           lua_tostring(L, idx));
		break;
	case LUA_TBOOLEAN:
		buf_puts(out, lua_toboolean(L, idx) ? "true" : "false");
		break;
	case LUA_TNIL:
		buf_puts(out, TR(language, "nil (tidak ada)", "nil (missing)"));
		break;
	case LUA_TTABLE:
		buf_puts(out, TR(language, "tabel", "a table"));
		break;
	case LUA_TNUMBER:
		buf_printf(out, "%g", lua_tonumber(L, idx));
		break;
	default:
		buf_puts(out, lua_typename(L, lua_type(L, idx)));
	}
}

int sandbox_unknown_key(lua_State *L, int t, const char *const *known, buf *out)
{
	int found = 0;
	t = lua_absindex(L, t);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		size_t i;
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING) {
			if (!found) {
				/* by its type, or its value for a number: a __tostring
				 * would run unprotected */
				buf_reset(out);
				if (lua_type(L, -1) == LUA_TNUMBER)
					buf_printf(out, "[%.14g]", lua_tonumber(L, -1));
				else
					buf_printf(out, "[%s]", luaL_typename(L, -1));
				found = 1;
			}
			continue;
		}
		for (i = 0; known[i] && strcmp(known[i], lua_tostring(L, -1)) != 0; i++)
			;
		if (!known[i] && (!found || out->data[0] == '[' ||
		                  strcmp(lua_tostring(L, -1), buf_cstr(out)) < 0)) {
			buf_reset(out);
			buf_puts(out, lua_tostring(L, -1));
			found = 1;
		}
	}
	return found;
}

int sandbox_rawfield(lua_State *L, int t, const char *key)
{
	t = lua_absindex(L, t);
	lua_pushstring(L, key);
	return lua_rawget(L, t);
}

void sandbox_key_hint(buf *out, const char *key, const char *const *known, int language)
{
	const char *best = str_nearest(key, known, STR_NEAR_RULES, NULL);
	size_t i;
	if (best) {
		buf_printf(out, TR(language, "; maksudnya \"%s\"?", "; did you mean \"%s\"?"), best);
		return;
	}
	buf_puts(out, TR(language, "; yang ada: ", "; it has "));
	for (i = 0; known[i]; i++)
		buf_printf(out, "%s%s", i ? ", " : "", known[i]);
}
