/* sandbox.c - the Lua state the rules run in: safe libraries, memory and CPU limits, protected calls, error positions. */
#include "sandbox.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
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

/* __index of the global table: a name that does not exist is an error, so
 * a misspelt name or a library the sandbox leaves out stops at its line. */
static int l_unknown_global(lua_State *L)
{
	static const char *const outside[] = {"io", "os", "require", "package", "load",
	                                      "loadstring", "loadfile", "dofile", "debug",
	                                      "collectgarbage", "coroutine", "module", "print",
	                                      NULL};
	const char *name = lua_tostring(L, 2);
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

void sandbox_report_error(lua_State *L, const char *fallback_file, int fallback_line,
                          const char *context, diag_list *diags)
{
	const char *msg = lua_tostring(L, -1);
	const char *colon, *end;
	char *file = NULL;
	unsigned line = 0;
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
	diag_error(diags, file ? file : fallback_file, file ? line : (unsigned)fallback_line, 0, "%s",
	           buf_cstr(&text));
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
