/* util.h - memory, buffers, arenas, files and strings: the helpers shared by every module. */
#ifndef REKAP_UTIL_H
#define REKAP_UTIL_H

/* Conventions every module follows.
 *
 * Names: a public function starts with its module's prefix (records_,
 * render_, wbk_ for workbook.c, mst_ for mustache.c, ...) or with the name
 * of a type its header defines (buf_, arena_, node_, violation_).
 *
 * Lifetimes: what a module allocates and hands back as a pointer comes from
 * x_new or x_load and is given back with x_free, which frees the object
 * itself (arena_new/arena_free, rules_load/rules_free; a verb pairs the
 * same way: mst_compile/mst_template_free, dir_names/names_free). A struct
 * the caller owns (on its stack or inside another struct) is filled by
 * x_init, x_load or x_compute and emptied by x_release, which frees what the
 * struct points to but not the struct (buf_init/buf_release,
 * records_load/records_release, results_compute/results_release). Memory
 * from an arena has no function of its own: arena_free frees it all at
 * once. */

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- memory ---- */

/* Give the pages of freed memory back to the system, which glibc keeps for
 * the process when they lie between blocks still in use: after a stage
 * frees much of what it held, so that the next stage's peak does not
 * stand on top of it. */
void memory_trim(void);
/* Allocation that never returns NULL: on exhaustion the process prints a
 * message and exits with status 3. Free with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a freshly allocated string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *items (of *cap elements of size elem) so that it holds at least need. */
void grow_array(void **items, size_t *cap, size_t need, size_t elem);
#define ARRAY_PUSH(arr, len, cap, item)                                        \
	do {                                                                   \
		if ((len) + 1 > (cap))                                         \
			grow_array((void **)&(arr), &(cap), (len) + 1, sizeof *(arr)); \
		(arr)[(len)++] = (item);                                       \
	} while (0)

/* ---- buffers ---- */

/* A growable, always NUL-terminated byte buffer. Embed it and call buf_init,
 * or zero-initialise it; buf_release frees the bytes. */
typedef struct buf {
	char *data;
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}
void buf_init(buf *b);
void buf_release(buf *b);
void buf_reset(buf *b);
void buf_grow(buf *b, size_t extra);
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* snprintf(dst, size, "%.*f", decimals, v), byte for byte, without printf's
 * cost for the values pages and charts are made of (below 2^31 once scaled,
 * decimals 0 to 9). Returns what snprintf returns. */
int fmt_fixed(char *dst, size_t size, double v, int decimals);
/* Append n in decimal, as printf's "%lld" writes it. */
void buf_put_int(buf *b, long long n);
/* Append v as printf's "%.*f" writes it (see fmt_fixed). */
void buf_put_fixed(buf *b, double v, int decimals);
/* Hand the bytes to the caller (who frees them) and leave b empty. */
char *buf_detach(buf *b);
/* Returns the buffer's text; never NULL (an empty buffer gives ""). */
const char *buf_cstr(const buf *b);
/* Append s[0..n) as a message may quote it: at most max bytes of it (cut at a
 * character boundary, then "…"), with control characters and bytes that are
 * not UTF-8 written as \xNN, so a diagnostic stays one readable line, and
 * characters that show as nothing or as a plain space (a no-break space,
 * a zero-width space, a direction mark) as \uNNNN, so that "28\u00A0" is
 * not read as "28". */
void buf_put_shown(buf *b, const char *s, size_t n, size_t max);

/* ---- arenas ---- */

/* A bump allocator: everything allocated from it is freed at once by
 * arena_free. Used for records, rule definitions and template contexts. */
typedef struct arena arena;
arena *arena_new(void);
void arena_free(arena *a);
/* Make a own every block of from (and every mapping it keeps), which is
 * freed. */
void arena_adopt(arena *a, arena *from);
/* Make a own the mapping p of len bytes (from mmap), which its
 * allocations point into: unmapped by arena_free. */
void arena_keep_map(arena *a, void *p, size_t len);
void *arena_alloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a message quotes it (buf_put_shown, at most max bytes), kept in a;
 * "" for NULL. */
const char *arena_shown(arena *a, const char *s, size_t max);

/* ---- files and folders ---- */

/* Read a whole file. Returns 0 and a NUL-terminated malloc'd buffer in *data
 * (caller frees) or -1 with errno set. */
int file_read(const char *path, char **data, size_t *len);
/* Like file_read, but a file of more than max bytes is not read: returns -1
 * with errno EFBIG, nothing allocated, and its size in *len. */
int file_read_max(const char *path, size_t max, char **data, size_t *len);
/* The names in folder dir, hidden ones (".x") skipped, sorted bytewise so
 * every run sees the same order. Returns NULL (and *n = 0) only when dir
 * cannot be opened. Free with names_free. */
char **dir_names(const char *dir, size_t *n);
/* The same with the hidden names too ("." and ".." excepted). */
char **dir_names_all(const char *dir, size_t *n);
void names_free(char **names, size_t n);
/* What a folder entry is, as lstat would say it (a link is not followed). */
typedef enum { DIR_KIND_UNKNOWN, DIR_KIND_FILE, DIR_KIND_DIR, DIR_KIND_LINK, DIR_KIND_OTHER } dir_kind;
typedef struct dir_entry {
	char *name;
	dir_kind kind; /* from the listing itself (readdir's d_type): UNKNOWN
	                * where the file system does not tell, and lstat must */
} dir_entry;
/* The entries of folder dir, sorted and filtered as dir_names (hidden:
 * as dir_names_all), each with its kind: walks that only need to know
 * which entries are folders need no lstat of each. NULL (and *n = 0) only
 * when dir cannot be opened. Free with dir_list_free. */
dir_entry *dir_list(const char *dir, int hidden, size_t *n);
/* dir_list of the open folder fd, read with getdents64 itself (opendir
 * would take an fstat of the folder besides); fd is left open. */
dir_entry *dir_list_fd(int fd, int hidden, size_t *n);
void dir_list_free(dir_entry *list, size_t n);
/* The kind of an lstat mode. */
dir_kind dir_kind_of_mode(mode_t mode);
/* Whether path names a folder (through a symbolic link too). */
int is_dir(const char *path);
/* mkdir -p: create the folder path and every missing folder above it.
 * Returns 0, or -1 with errno set. */
int make_dirs(const char *path);
/* Replace the file at path by what fill writes (0 or -1) into a temporary
 * file beside it ("path.<pid>"), then a rename, so that a reader finds the
 * old file or the new one, never a part; its folder is made when missing.
 * The temporary files of path that killed processes left are removed
 * first. Returns 0, or -1 with errno set and the temporary file removed. */
int file_replace(const char *path, int (*fill)(FILE *f, void *ctx), void *ctx);
/* The same with len bytes of data. */
int file_replace_bytes(const char *path, const void *data, size_t len);
/* The last non-empty component of a path ("lua" for "../lua/"); caller frees. */
char *path_base(const char *path);
/* Join two path parts with one '/'; caller frees. */
char *path_join(const char *a, const char *b);

/* ---- strings ---- */

int str_eq(const char *a, const char *b);
int str_starts(const char *s, const char *prefix);
/* The index of the word of words[0..n) that s[0..len) is, ignoring case;
 * -1 when none (or len is 0). */
int word_index(const char *s, size_t len, const char *const *words, size_t n);
int str_ends(const char *s, const char *suffix);
/* Whether s holds only spaces and tabs, or nothing. */
int str_is_blank(const char *s);
/* Whether the first n bytes of s are digits (s holding at least n). */
int str_all_digits(const char *s, size_t n);
/* Length of the UTF-8 character at s[0..n), its code point in *out, or
 * 0 when it is not one. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *out);
/* Whether code point cp is white space other than ' ' and '\t' that text
 * copied from a web page, a word processor or a spreadsheet carries
 * unseen: the no-break, en, em, thin and ideographic spaces, the
 * zero-width space and joiners, the byte-order mark. */
int unicode_space(uint32_t cp);
/* s[0..*len) without spaces, tabs and unicode_space characters at either
 * end: returns the offset of the first byte kept, *len set to the bytes
 * kept. Inline, as every cell of every CSV file passes here, and nearly
 * all begin and end with a byte that starts no space (the rest is done
 * by str_trim_spaces_at_ends). */
size_t str_trim_spaces_at_ends(const char *s, size_t *len);
static inline int str_plain_byte(char c)
{
	return (unsigned char)c < 0x80 && c != ' ' && c != '\t';
}
static inline size_t str_trim_spaces(const char *s, size_t *len)
{
	if (*len == 0 || (str_plain_byte(s[0]) && str_plain_byte(s[*len - 1])))
		return 0;
	return str_trim_spaces_at_ends(s, len);
}
/* A number as a user may write it: "12", "12,5" or "12.5", with spaces
 * around. Returns 0 on success (-0 read as 0), -1 when s is not a number,
 * -2 when it is one too long or too large to hold. */
int parse_number(const char *s, double *out);
/* Check that s[0..len) is UTF-8. Returns the offset of the first bad byte, or
 * len when all is well; *line and *column tell where it is. */
size_t utf8_check(const char *s, size_t len, unsigned *line, unsigned *column);
/* Whether s[0..len) looks like UTF-16, as Notepad's "Unicode" and Excel's
 * "Unicode Text" save: a byte-order mark, or a NUL beside an ASCII
 * character in its first two bytes. */
int looks_utf16(const char *s, size_t len);
/* The length of the UTF-8 byte-order mark s[0..len) starts with, which
 * Notepad may write at the start of a file: 3, or 0 when there is none. */
size_t utf8_bom_len(const char *s, size_t len);
/* Turn each CR LF of s[0..len) into LF in place, as Notepad ends lines;
 * a CR alone stays. Returns the new length and keeps s NUL-terminated
 * when it was. */
size_t crlf_to_lf(char *s, size_t len);
/* Characters (UTF-8 lead bytes) in the first bytes of s: the column
 * diagnostics give is counted in characters, not bytes. */
size_t utf8_chars(const char *s, size_t bytes);
/* The 1-based column, in characters, of at on its line of text (at lies
 * in text): what a diagnostic gives for it. */
unsigned text_column(const char *text, const char *at);
/* "1.014" or "12.345.678" ('.'), as a spreadsheet set to Bahasa Indonesia
 * writes thousands, or "1,014" (','), as one set to English does: a whole
 * number, not starting with 0, with one separator between groups of three
 * digits. Writes the separator to *sep and the digits alone to out (of
 * size outsize) and returns 1, or returns 0. */
int digits_grouped(const char *s, char *sep, char *out, size_t outsize);
/* Levenshtein distance, for "did you mean" suggestions. */
size_t str_distance(const char *a, const char *b);
/* How many edits a name may be from the known one "did you mean" suggests.
 * STR_NEAR_RECORDS for names in the records (front matter and rekap.yaml
 * keys, laporan.csv columns): the message names the word either way, and
 * records.c's is_typo then tells a slip of the keyboard (an error) from a
 * name of the user's own (a warning). STR_NEAR_RULES for names in the Lua
 * rules, where the suggestion takes the place of the list of known keys
 * and, in pribadi, refuses a new name outright: it must be closer. */
#define STR_NEAR_RECORDS 3
#define STR_NEAR_RULES 2
/* The first of candidates (ended by NULL) nearest to word, when at most
 * max_edits away, else NULL. Its distance goes to *dist (unless dist is
 * NULL) even then: (size_t)-1 when there are no candidates. */
const char *str_nearest(const char *word, const char *const *candidates, size_t max_edits,
                        size_t *dist);
/* The same over candidates that are no array (the ids of a table, the
 * keys of the UI strings): str_near_init, str_near_try for each in order,
 * then str_near_best. */
typedef struct str_near {
	const char *word, *best;
	size_t dist; /* best's; (size_t)-1 before any candidate */
} str_near;
void str_near_init(str_near *n, const char *word);
void str_near_try(str_near *n, const char *candidate);
const char *str_near_best(const str_near *n, size_t max_edits, size_t *dist);
/* Whether a cell names a spreadsheet's summary row, "Jumlah", "Total",
 * "Jml.", "Sub total", "Rata-rata" or "Jumlah TW I": its first word is
 * one of those, in any case. */
int str_is_total_label(const char *s);
/* Where the first line longer than max bytes (without its line end) starts:
 * returns 1 and its 1-based number and length, or 0 when every line fits. */
int text_long_line(const char *s, size_t len, size_t max, unsigned *line, size_t *line_len);
/* The next unresolved merge conflict of s, as git leaves it in a file: a
 * line "<<<<<<< ours", later "=======", later ">>>>>>> theirs" (seven of
 * the character, then the line's end or a space), searched from byte
 * *pos, which lies on line *line (start from 0 and 1). Returns 1 with its
 * first and last lines, *pos and *line past it; 0 when there is none. */
int text_conflict_next(const char *s, size_t len, size_t *pos, unsigned *line, unsigned *first,
                       unsigned *last);
/* 64-bit FNV-1a: start from HASH_INIT, continue over len bytes. For
 * fingerprints that must be the same in every run, not for security. */
#define HASH_INIT UINT64_C(0xcbf29ce484222325)
uint64_t hash_bytes(uint64_t h, const void *data, size_t len);
/* h continued over the length n and the n bytes at data, eight bytes a
 * step where hash_bytes takes one: for record files and the strings of
 * fingerprints. As in hash_bytes, each step is one-to-one, so inputs of
 * the same length that differ only within one step never hash alike. */
uint64_t hash_text(uint64_t h, const void *data, size_t n);
/* hash_text of the C string s, NULL apart from "": the strings of keys
 * and fingerprints. */
uint64_t hash_cstr(uint64_t h, const char *s);

/* ---- the cache folder ---- */

/* ${REKAP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rekap}, where the
 * build record and the records cache are kept; NULL when none of these is
 * set. Caller frees. */
char *cache_dir(void);
/* Remove from the cache folder what no run is likely to use again: the
 * records and results caches (rekaman-*, hasil-*) not written for a week
 * (they serve only the day they were written), build records (sidik-*) not
 * written for 180 days, and what an interrupted save of one of them left
 * after as long; now is the current time. Files rekap does not name so,
 * folders and links are left alone. Removing a cache costs only time.
 * Returns how many files were removed. */
size_t cache_prune(time_t now);
/* A 64-bit hash of large buffers (caches, arrays of numbers) that keeps up
 * with memory: four lanes of eight bytes take a step at once, so that their
 * multiplications overlap; then the lanes are hashed together, and the bytes
 * short of a whole step. Bytes may come in pieces (wide_hash_add): the hash
 * is that of the pieces put end to end. */
typedef struct wide_hash {
	uint64_t lane[4];
	unsigned char rest[32]; /* bytes short of a step, nrest of them */
	size_t nrest;
} wide_hash;
void wide_hash_init(wide_hash *h);
void wide_hash_add(wide_hash *h, const void *data, size_t n);
uint64_t wide_hash_end(const wide_hash *h);
/* The wide hash of n bytes at once. */
uint64_t hash_wide(const void *data, size_t n);

/* A hash of the running program, made once: the bytes of its executable
 * (/proc/self/exe) and the GNU build ID (else the bytes) of every shared
 * library it loaded from a file, so that a cache or build record written
 * by another build of rekap, or under another version of a library
 * (cmark-gfm, libxlsxwriter, zlib, Lua, ...), is never trusted. The first
 * call must not race another (make it before starting threads). */
uint64_t program_hash(void);

/* With REKAP_TIMINGS set, print to stderr the wall time since the previous
 * mark under the name of the stage that just ended; otherwise nothing. */
void timing_mark(const char *stage);

#endif
