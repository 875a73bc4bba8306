/* sandbox.h - the Lua state the rules run in: the security boundary between rule code and the machine. */
#ifndef REKAP_SANDBOX_H
#define REKAP_SANDBOX_H

/* What a state opened by sandbox_open guarantees to the code it runs, which
 * anyone who may edit lua/ writes:
 * - No access to files, programs, the network or other modules: only the
 *   base, table, string, math and utf8 libraries, without dofile, loadfile,
 *   load, require, collectgarbage, print, string.dump and math.random; any
 *   other global name (io, os, debug, a misspelling) is an error naming it.
 * - Text only: chunks are loaded in mode "t", never as bytecode.
 * - Bounded time: every call through sandbox_pcall or sandbox_run stops
 *   after SANDBOX_CPU_SECONDS of the calling thread's CPU time.
 * - Bounded memory: while rule code runs, all it holds in the state stays
 *   under SANDBOX_MEMORY_LIMIT; the engine's own allocations between calls
 *   never fail.
 * - Deterministic: no clock, no random numbers.
 * - Errors with a position: sandbox_report_error turns a failed call into a
 *   diagnostic at the file:line of the rule that raised it, in the user's
 *   language, with a message that says what to look for when the time or
 *   memory ran out.
 * A state belongs to one thread at a time; each thread opens its own. */

#include <stddef.h>

#include "diag.h"

typedef struct lua_State lua_State;
struct luaL_Reg;

#define SANDBOX_MEMORY_LIMIT ((size_t)256 * 1024 * 1024)
#define SANDBOX_CPU_SECONDS 1

/* Per-state bookkeeping, the allocator's userdata. It is owned by the
 * caller and must outlive the state; a caller keeping more per state embeds
 * it as the first member of its own struct (see rules.c). */
typedef struct sandbox {
	size_t used, limit;
	int in_call; /* running rule code: the memory limit applies */
	int out_of_memory; /* the last call failed for want of memory */
	unsigned hooks; /* hook calls since the last clock reading */
	double started; /* the thread's CPU seconds near the start of the current call; -1 until read */
	lang lang; /* language of error messages */
	const char *chunk; /* text of the rules file running, for positions in it */
	size_t chunk_len;
	/* whether an unknown global name is one the rules define as a name to
	 * quote (an element, "sakit"); NULL when none is */
	int (*quoted_name)(const struct sandbox *sb, const char *name);
} sandbox;

/* Open a sandboxed Lua state on sb (zeroed by the caller), with messages in
 * language l, and the C functions of globals (ended by
 * {NULL, NULL}) as global names. Returns NULL when Lua cannot start; close
 * the state with lua_close, then release sb. */
lua_State *sandbox_open(sandbox *sb, lang l, const struct luaL_Reg *globals);

/* The sandbox of a state opened by sandbox_open. */
sandbox *sandbox_of(lua_State *L);

/* Call the function under nargs arguments on the stack: lua_pcall with a
 * traceback and a fresh CPU budget. Returns LUA_OK (nresults pushed), else
 * a Lua error code with the message left on the stack for
 * sandbox_report_error. */
int sandbox_pcall(lua_State *L, int nargs, int nresults);

/* Pop a Lua error message ("file:line: message\nstack traceback: ...") and
 * record it as a diagnostic at the file:line it names (else
 * fallback_file:fallback_line), keeping its first line, prefixed with
 * "context: " when context is not NULL. */
void sandbox_report_error(lua_State *L, const char *fallback_file, int fallback_line,
                          const char *context, diag_list *diags);

/* Run one rules file's text (len bytes, named path in messages) as text,
 * never bytecode. Returns 0, or -1 after recording the error in diags. */
int sandbox_run(lua_State *L, const char *path, const char *data, size_t len,
                diag_list *diags);

/* The language of the state's error messages, for TR (locale.h). */
lang sandbox_lang(lua_State *L);

struct buf;
/* What the value at idx is, for a message, in language: a text quoted,
 * true or false, nil, a table, a number. */
void sandbox_describe_value(lua_State *L, int idx, int language, struct buf *out);
/* The key of table t that is none of known (NULL-terminated) into out: the
 * least in byte order, so that a message does not hang on the order Lua
 * walks the table in; a key that is no text as [key]. Returns whether
 * there is one. */
int sandbox_unknown_key(lua_State *L, int t, const char *const *known, struct buf *out);
/* After a message about the unknown key, out gets "; did you mean "x"?"
 * with the nearest of known (NULL-terminated), or "; it has a, b, c". */
void sandbox_key_hint(struct buf *out, const char *key, const char *const *known, int language);
/* Push t[key] without running a metamethod (what rules return is read
 * outside a protected call, where an error raised by an __index would
 * abort the process) and return its type. */
int sandbox_rawfield(lua_State *L, int t, const char *key);

#endif
