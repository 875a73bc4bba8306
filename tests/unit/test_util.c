/* test_util.c - unit tests of generator/util.c: nearest names, numbers as written, shown values, files, arenas, fixed-point numbers. */
#define _DEFAULT_SOURCE /* mincore */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "util.h"

/* "Did you mean": the first nearest candidate, within the edits allowed. */
static void test_str_nearest(void)
{
	static const char *const keys[] = {"nama", "kode", "sarana", "status", NULL};
	static const char *const two[] = {"kode", "kota", NULL};
	static const char *const none[] = {NULL};
	size_t d = 0;
	CHECK_STR(str_nearest("sarna", keys, STR_NEAR_RECORDS, &d), "sarana");
	CHECK(d == 1);
	CHECK_STR(str_nearest("ko", two, STR_NEAR_RULES, &d), "kode"); /* a tie: the first */
	CHECK(d == 2);
	CHECK(str_nearest("foto", keys, STR_NEAR_RULES, &d) == NULL); /* three edits from kode */
	CHECK(d == 3);
	CHECK_STR(str_nearest("foto", keys, STR_NEAR_RECORDS, NULL), "kode");
	CHECK(str_nearest("nama", none, STR_NEAR_RECORDS, &d) == NULL && d == (size_t)-1);
}

/* Values quoted in messages, lines too long, files too large. */
static void test_total_label(void)
{
	CHECK(str_is_total_label("Jumlah"));
	CHECK(str_is_total_label("  JUMLAH TW I"));
	CHECK(str_is_total_label("Jml."));
	CHECK(str_is_total_label("Total:"));
	CHECK(str_is_total_label("Sub total"));
	CHECK(str_is_total_label("rata-rata"));
	/* words that only begin like one, and periods and names */
	CHECK(!str_is_total_label("Jumlahnya"));
	CHECK(!str_is_total_label("Totalia"));
	CHECK(!str_is_total_label("Rerata2"));
	CHECK(!str_is_total_label("2024-03"));
	CHECK(!str_is_total_label("Sumiati"));
	CHECK(!str_is_total_label(""));
}

/* What str_trim_spaces keeps of s: from byte at, len bytes. */
static void check_trim(const char *s, size_t at, size_t len)
{
	size_t n = strlen(s);
	CHECK(str_trim_spaces(s, &n) == at && n == len);
}

/* Spaces at both ends go, Unicode ones too (a no-break space, a zero-width
 * space, the byte-order mark, the ideographic space); inside a value, or
 * as a cut character, they stay. */
static void test_trim_spaces(void)
{
	check_trim("\xc2\xa0 12\xe2\x80\x8b\t\xef\xbb\xbf", 3, 2);
	check_trim("\xe3\x80\x80", 3, 0);
	check_trim("a\xc2\xa0"
	           "b",
	           0, 4);
	check_trim("12\xc2", 0, 3);
	check_trim("\xa0"
	           "12",
	           0, 3);
	check_trim(" 12 ", 1, 2);
	check_trim("", 0, 0);
}

/* Numbers as users write them in a cell: a decimal comma or point, spaces
 * around, nothing else; "-0" is 0, and too many digits are refused. */
static void test_parse_number(void)
{
	char many[80];
	double v = -1;
	CHECK(parse_number("12", &v) == 0 && v == 12);
	CHECK(parse_number(" 12,5\t", &v) == 0 && v == 12.5);
	CHECK(parse_number("12.5", &v) == 0 && v == 12.5);
	CHECK(parse_number("-3", &v) == 0 && v == -3);
	CHECK(parse_number("-0", &v) == 0 && v == 0 && !signbit(v));
	CHECK(parse_number("1234567890123456789", &v) == 0 && v == 1234567890123456789.0);
	CHECK(parse_number("", &v) == -1);
	CHECK(parse_number("  ", &v) == -1);
	CHECK(parse_number("1e3", &v) == -1);
	CHECK(parse_number("12a", &v) == -1);
	CHECK(parse_number("1-2", &v) == -1);
	CHECK(parse_number("1.2.3", &v) == -1);
	CHECK(parse_number("1 2", &v) == -1);
	memset(many, '9', 70);
	many[70] = '\0';
	CHECK(parse_number(many, &v) == -2);
	CHECK(str_is_blank(""));
	CHECK(str_is_blank(" \t "));
	CHECK(!str_is_blank(" x "));
	CHECK(!str_is_blank("\n"));
}

static void test_shown_and_limits(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX";
	buf b = BUF_INIT;
	unsigned line = 0;
	size_t len = 0;
	char *path, *data = NULL;
	buf_put_shown(&b, "a\x1b[31m\xff\tz", 9, 80);
	CHECK_STR(buf_cstr(&b), "a\\x1B[31m\\xFF\\x09z");
	buf_reset(&b);
	buf_put_shown(&b, "\xc3\xb1\xc3\xb1", 4, 3); /* "ññ", room for one */
	CHECK_STR(buf_cstr(&b), "\xc3\xb1…");
	buf_reset(&b);
	buf_put_shown(&b, "\xed\xa0\x80", 3, 80); /* a UTF-16 surrogate: not UTF-8 */
	CHECK_STR(buf_cstr(&b), "\\xED\\xA0\\x80");
	buf_reset(&b);
	/* a no-break space, a zero-width space, a right-to-left mark and a C1
	 * control are shown; an accented letter and an em dash are not */
	buf_put_shown(&b,
	              "3\xc2\xa0"
	              "0\xe2\x80\x8b\xe2\x80\x8f\xc2\x85\xc3\xa9\xe2\x80\x94",
	              17, 80);
	CHECK_STR(buf_cstr(&b), "3\\u00A00\\u200B\\u200F\\u0085\xc3\xa9\xe2\x80\x94");
	buf_release(&b);
	CHECK(text_long_line("ab\ncde\r\nf", 9, 3, &line, &len) == 0);
	CHECK(text_long_line("ab\ncdef\r\nf", 10, 3, &line, &len) == 1);
	CHECK(line == 2 && len == 4);
	CHECK(text_long_line("abcd", 4, 3, &line, &len) == 1 && line == 1 && len == 4);
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	path = path_join(dir, "f.txt");
	check_write_text(path, "0123456789");
	CHECK(file_read_max(path, 9, &data, &len) == -1 && errno == EFBIG && len == 10);
	CHECK(file_read_max(path, 10, &data, &len) == 0 && len == 10);
	free(data);
	remove(path);
	rmdir(dir);
	free(path);
}

/* Merge conflicts as git leaves them, and lines that only look like one. */
static void test_conflicts(void)
{
	/* lines 2-6 and 8-10 (with CRLF, names after the markers, a BOM) */
	const char two[] = "\xEF\xBB\xBF"
			   "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\nd\r\n"
			   "<<<<<<<\r\n=======\r\n>>>>>>>";
	/* eight '<', no middle line, an unclosed one, a setext heading */
	const char none[] = "<<<<<<<< a\n=======\n>>>>>>> b\n<<<<<<< c\n>>>>>>> d\n"
			    "Judul\n=======\n<<<<<<< e\n=======\n";
	size_t pos = 0;
	unsigned line = 1, first = 0, last = 0;
	CHECK(text_conflict_next(two, sizeof two - 1, &pos, &line, &first, &last) == 1);
	CHECK(first == 2 && last == 6 && line == 7);
	CHECK(text_conflict_next(two, sizeof two - 1, &pos, &line, &first, &last) == 1);
	CHECK(first == 8 && last == 10 && pos == sizeof two - 1);
	CHECK(text_conflict_next(two, sizeof two - 1, &pos, &line, &first, &last) == 0);
	pos = 0;
	line = 1;
	CHECK(text_conflict_next(none, sizeof none - 1, &pos, &line, &first, &last) == 0);
	CHECK(pos == sizeof none - 1);
}

/* Whole files read in one block: empty, exact, larger than the block the
 * size promised (a file growing while read), and NUL-terminated. */
static void test_file_read(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX";
	char *path, *data = NULL, big[10000];
	size_t len = 0;
	FILE *f;
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	path = path_join(dir, "f.txt");
	check_write_text(path, "");
	CHECK(file_read(path, &data, &len) == 0 && len == 0 && data[0] == '\0');
	free(data);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	check_write_text(path, big);
	CHECK(file_read(path, &data, &len) == 0 && len == sizeof big - 1 && data[len] == '\0' &&
	      data[0] == 'x' && data[len - 1] == 'x');
	free(data);
	/* a fifo has no size: read in growing blocks until its end */
	remove(path);
	CHECK(mkfifo(path, 0600) == 0);
	if (fork() == 0) {
		f = fopen(path, "w");
		if (f) {
			fputs(big, f);
			fclose(f);
		}
		_exit(0);
	}
	CHECK(file_read(path, &data, &len) == 0 && len == sizeof big - 1 && data[len] == '\0');
	free(data);
	wait(NULL);
	remove(path);
	CHECK(file_read(path, &data, &len) == -1 && errno == ENOENT);
	rmdir(dir);
	free(path);
}

/* One arena taking another's blocks. */
static void test_arena_adopt(void)
{
	arena *a = arena_new(), *b = arena_new();
	char *s1 = arena_strdup(a, "satu"), *s2 = arena_strdup(b, "dua");
	char *large = arena_alloc(b, 1 << 20);
	large[(1 << 20) - 1] = 'z';
	arena_adopt(a, b);
	CHECK_STR(s1, "satu");
	CHECK_STR(s2, "dua");
	CHECK_STR(arena_strdup(a, "tiga"), "tiga");
	arena_adopt(a, arena_new()); /* an empty one */
	arena_free(a); /* frees b's blocks too: valgrind and ASan see no leak */
}

/* A mapping an arena keeps (arena_keep_map) goes with its blocks to the
 * arena adopting it, and is unmapped when that one is freed. */
static void test_arena_keep_map(void)
{
	arena *a = arena_new(), *b = arena_new();
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	unsigned char vec[1];
	char *m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	strcpy(m, "dipetakan");
	arena_keep_map(b, m, page);
	arena_adopt(a, b);
	CHECK_STR(m, "dipetakan");
	CHECK_INT(mincore(m, page, vec), 0); /* still mapped */
	arena_free(a);
	CHECK(mincore(m, page, vec) == -1 && errno == ENOMEM); /* unmapped */
}

/* Every allocation is zero, from the small malloc'd blocks an arena starts
 * with, from the large mapped ones it grows to (8 MiB here, past
 * ARENA_GROWN) and from blocks of a request's own (mapped from ARENA_MAPPED
 * on), also after the bytes handed out before were written over. */
static void test_arena_zero(void)
{
	arena *a;
	size_t i, k, dirty = 0;
	void *junk[8], *guard;
	/* heap memory written over and freed, for the arena's blocks to reuse
	 * (guard keeps it from going back to the system) */
	for (i = 0; i < 8; i++)
		junk[i] = memset(xmalloc(70000), 0xa5, 70000);
	guard = xmalloc(16);
	for (i = 0; i < 8; i++)
		free(junk[i]);
	a = arena_new();
	for (i = 0; i < 4000; i++) {
		size_t n = i % 97 == 50 ? 300000 : 1 + i * 37 % 2000;
		unsigned char *p = arena_alloc(a, n);
		for (k = 0; k < n; k++)
			dirty += p[k] != 0;
		memset(p, 0xa5, n);
	}
	CHECK(dirty == 0);
	arena_free(a);
	free(guard);
}

/* A folder's entries, sorted, with the kind lstat gives each (or
 * DIR_KIND_UNKNOWN, where the file system does not tell); hidden names only
 * when asked for. */
static void test_dir_list(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX";
	static const char *const names[] = {"a-dir", "b-file", "c-link", "d-fifo"};
	static const dir_kind kinds[] = {DIR_KIND_DIR, DIR_KIND_FILE, DIR_KIND_LINK, DIR_KIND_OTHER};
	char *path[5];
	dir_entry *list;
	size_t n, i, k;
	int fd;
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	for (i = 0; i < 4; i++)
		path[i] = path_join(dir, names[i]);
	path[4] = path_join(dir, ".hidden");
	/* made in another order than the sorted one */
	CHECK(mkfifo(path[3], 0600) == 0);
	check_write_text(path[1], "x");
	check_write_text(path[4], "x");
	CHECK(symlink("b-file", path[2]) == 0);
	CHECK(mkdir(path[0], 0700) == 0);
	for (k = 0; k < 2; k++) {
		/* by name, then the same folder held open (dir_list_fd) */
		fd = k ? open(dir, O_RDONLY | O_DIRECTORY) : -1;
		CHECK(!k || fd >= 0);
		list = k ? dir_list_fd(fd, 0, &n) : dir_list(dir, 0, &n);
		CHECK(list && n == 4);
		for (i = 0; list && i < n && i < 4; i++) {
			struct stat st;
			CHECK_STR(list[i].name, names[i]);
			CHECK(list[i].kind == kinds[i] || list[i].kind == DIR_KIND_UNKNOWN);
			CHECK(lstat(path[i], &st) == 0 && dir_kind_of_mode(st.st_mode) == kinds[i]);
		}
		dir_list_free(list, n);
		if (k)
			CHECK(lseek(fd, 0, SEEK_SET) == 0);
		list = k ? dir_list_fd(fd, 1, &n) : dir_list(dir, 1, &n);
		CHECK(list && n == 5 && strcmp(list[0].name, ".hidden") == 0);
		dir_list_free(list, n);
		if (k)
			close(fd);
	}
	for (i = 0; i < 5; i++) {
		remove(path[i]);
		free(path[i]);
	}
	rmdir(dir);
	CHECK(dir_list(dir, 0, &n) == NULL && n == 0);
}

/* fmt_fixed must write what printf writes, also where its shortcut gives up
 * (ties, large values, NaN). */
static void test_fixed(void)
{
	static const double values[] = {0,     -0.0,  0.05,    0.15,  0.25,   2.5,    -2.5,
	                                 0.125, 1.005, -0.04,   99.95, 1e-7,   1e20,   -1e300,
	                                 NAN,   INFINITY, 2147483647.5, 214748.36475, 123.456};
	char want[400], got[400];
	buf b = BUF_INIT;
	unsigned long long seed = 42;
	size_t i;
	int d, k, mismatches = 0;
	CHECK(fmt_fixed(got, sizeof got, 18.2609, 1) == 4 && strcmp(got, "18.3") == 0);
	CHECK(fmt_fixed(got, sizeof got, -0.04, 1) == 4 && strcmp(got, "-0.0") == 0);
	CHECK(fmt_fixed(got, 3, 123.25, 2) == 6 && strcmp(got, "12") == 0);
	buf_put_fixed(&b, 1e20, 1);
	CHECK_STR(check_take(&b), "100000000000000000000.0");
	buf_put_int(&b, 0);
	buf_putc(&b, ' ');
	buf_put_int(&b, -2024);
	buf_putc(&b, ' ');
	buf_put_int(&b, LLONG_MIN);
	CHECK_STR(check_take(&b), "0 -2024 -9223372036854775808");
	for (d = 0; d <= 9; d++) {
		for (i = 0; i < sizeof values / sizeof values[0]; i++) {
			snprintf(want, sizeof want, "%.*f", d, values[i]);
			fmt_fixed(got, sizeof got, values[i], d);
			mismatches += strcmp(want, got) != 0;
		}
		for (k = 0; k < 20000; k++) {
			/* values of every size up to 2^31 and halves, tenths and hundredths */
			double v;
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			v = (double)(seed >> 11) / 9007199254740992.0 * pow(10, (double)(k % 11) - 2);
			if (k % 3 == 0)
				v = (double)(long long)(v * 100) / (k % 2 ? 20 : 100);
			if (k % 5 == 0)
				v = -v;
			snprintf(want, sizeof want, "%.*f", d, v);
			fmt_fixed(got, sizeof got, v, d);
			mismatches += strcmp(want, got) != 0;
		}
	}
	CHECK(mismatches == 0);
	buf_release(&b);
}

/* file_replace removes the temporary files a killed writer left beside its
 * file (those of a process that runs no more), and only those. */
static void test_file_replace_leftovers(void)
{
	char dir[] = "/tmp/rekap-units-XXXXXX", name[64];
	char *path, *dead_tmp, *live_tmp, *other, *data = NULL;
	size_t len = 0;
	pid_t dead;
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	dead = fork(); /* a process that has ended: its pid runs no more */
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	path = path_join(dir, "sidik-1.txt");
	snprintf(name, sizeof name, "sidik-1.txt.%ld", (long)dead);
	dead_tmp = path_join(dir, name);
	snprintf(name, sizeof name, "sidik-1.txt.%ld", (long)getppid()); /* runs */
	live_tmp = path_join(dir, name);
	snprintf(name, sizeof name, "sidik-10.txt.%ld", (long)dead); /* another file's */
	other = path_join(dir, name);
	check_write_text(dead_tmp, "cut short");
	check_write_text(live_tmp, "being written");
	check_write_text(other, "not this file's");
	CHECK(file_replace_bytes(path, "new", 3) == 0);
	CHECK(file_read(path, &data, &len) == 0 && len == 3 && memcmp(data, "new", 3) == 0);
	CHECK(access(dead_tmp, F_OK) != 0);
	CHECK(access(live_tmp, F_OK) == 0);
	CHECK(access(other, F_OK) == 0);
	free(data);
	remove(path);
	remove(live_tmp);
	remove(other);
	rmdir(dir);
	free(path);
	free(dead_tmp);
	free(live_tmp);
	free(other);
}

/* The wide hash: values worked out by a separate implementation of its
 * definition (four FNV-style lanes over 32-byte steps, the lanes then the
 * rest hashed with FNV-1a), and the same hash whatever the pieces. */
static void test_hash_wide(void)
{
	unsigned char data[100];
	size_t i, cut, mismatches = 0;
	for (i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)i;
	CHECK(hash_wide(data, 0) == UINT64_C(0x1ae43839ddd16471));
	CHECK(hash_wide(data, 64) == UINT64_C(0x9a4f40362dfc9b70));
	CHECK(hash_wide(data, sizeof data) == UINT64_C(0x62d75bbe66b600f7));
	for (cut = 0; cut <= sizeof data; cut++) {
		wide_hash h;
		size_t third = (sizeof data - cut) / 3;
		wide_hash_init(&h);
		wide_hash_add(&h, data, cut);
		wide_hash_add(&h, data + cut, third);
		wide_hash_add(&h, data + cut + third, sizeof data - cut - third);
		mismatches += wide_hash_end(&h) != hash_wide(data, sizeof data);
	}
	CHECK(mismatches == 0);
	data[99] ^= 1;
	CHECK(hash_wide(data, sizeof data) != UINT64_C(0x62d75bbe66b600f7));
}

/* hash_text: values worked out by a separate implementation of its
 * definition (the length, then each whole eight bytes, as little-endian
 * words, by the wide hash's lane step; the rest by FNV-1a); the length
 * counts, and one changed byte in a word or in the rest changes it. */
static void test_hash_text(void)
{
	unsigned char data[100];
	size_t i;
	for (i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)i;
	CHECK(hash_text(HASH_INIT, data, 0) == UINT64_C(0xaf63bd49fd1c5dbb));
	CHECK(hash_text(HASH_INIT, data, 5) == UINT64_C(0xaff4d31b8bbadf80));
	CHECK(hash_text(HASH_INIT, data, 8) == UINT64_C(0x42d3d784da45367f));
	CHECK(hash_text(HASH_INIT, data, 29) == UINT64_C(0xe241fbf992f75f9f));
	CHECK(hash_text(HASH_INIT, data, sizeof data) == UINT64_C(0xcad58255aab0fb75));
	CHECK(hash_text(HASH_INIT, "ab", 2) == UINT64_C(0x0deb9a8219e20046));
	CHECK(hash_text(HASH_INIT, "ab", 3) == UINT64_C(0x3372f344b742458f));
	data[10] ^= 0x80; /* in a word */
	CHECK(hash_text(HASH_INIT, data, sizeof data) != UINT64_C(0xcad58255aab0fb75));
	data[10] ^= 0x80;
	data[98] ^= 1; /* in the rest */
	CHECK(hash_text(HASH_INIT, data, sizeof data) != UINT64_C(0xcad58255aab0fb75));
	/* hash_cstr: a byte for NULL ("n") or a string ("s"), then hash_text */
	CHECK(hash_cstr(HASH_INIT, NULL) == UINT64_C(0xaf63e34c8601f871));
	CHECK(hash_cstr(HASH_INIT, "") == UINT64_C(0x08d90e07f3b09afb));
	CHECK(hash_cstr(HASH_INIT, "Pos UKK Nelayan A") == UINT64_C(0x875c540853fbd453));
}

/* UTF-16 as Notepad and Excel save it, told from UTF-8 and from other
 * bytes; UTF-8 checked to the byte, line and column; the mark of UTF-8. */
static void test_encodings(void)
{
	CHECK(looks_utf16("\xFF\xFEp\0", 4)); /* little-endian, with its mark */
	CHECK(looks_utf16("\xFE\xFF\0p", 4)); /* big-endian, with its mark */
	CHECK(looks_utf16("p\0e\0", 4)); /* little-endian, no mark */
	CHECK(looks_utf16("\0p\0e", 4)); /* big-endian, no mark */
	CHECK(!looks_utf16("periode", 7));
	CHECK(!looks_utf16("\xEF\xBB\xBFperiode", 10)); /* UTF-8's mark */
	CHECK(!looks_utf16("\0\0", 2));
	CHECK(!looks_utf16("\xFF", 1));
	{
		unsigned line, col;
		CHECK(utf8_check("ab\nc\xC3\xA9"
		                 "d",
		                 7, &line, &col) == 7);
		CHECK(utf8_check("ab\nc\xE9"
		                 "d",
		                 6, &line, &col) == 4);
		CHECK(line == 2 && col == 2);
		CHECK(utf8_check("ab\0c", 4, &line, &col) == 2);
		CHECK(line == 1 && col == 3);
		CHECK(utf8_check("\xC3", 1, &line, &col) == 0); /* cut in the middle */
	}
	CHECK(utf8_bom_len("\xEF\xBB\xBF{{x}}", 8) == 3);
	CHECK(utf8_bom_len("\xEF\xBB", 2) == 0);
	CHECK(utf8_bom_len("{{x}}", 5) == 0);
	{
		char t[] = "a\r\nb\rc\r\r\nd\r";
		size_t n = crlf_to_lf(t, sizeof t - 1);
		/* each CR LF loses its CR; a CR alone, or last, stays */
		CHECK(n == 9 && memcmp(t, "a\nb\rc\r\nd\r", 10) == 0);
		CHECK(crlf_to_lf(t, 0) == 0);
	}
	{
		char d[32], sep = 0;
		CHECK(digits_grouped("1.014", &sep, d, sizeof d) && sep == '.' &&
		      strcmp(d, "1014") == 0);
		CHECK(digits_grouped(" 12.345.678 ", &sep, d, sizeof d) && sep == '.' &&
		      strcmp(d, "12345678") == 0);
		CHECK(digits_grouped("1,000", &sep, d, sizeof d) && sep == ',' &&
		      strcmp(d, "1000") == 0);
		CHECK(!digits_grouped("1,000.000", &sep, d, sizeof d)); /* one separator only */
		CHECK(!digits_grouped("0.500", &sep, d, sizeof d)); /* a fraction */
		CHECK(!digits_grouped("1.0000", &sep, d, sizeof d));
		CHECK(!digits_grouped("1234.567", &sep, d, sizeof d));
		CHECK(!digits_grouped("16,0", &sep, d, sizeof d));
		CHECK(!digits_grouped("1000", &sep, d, sizeof d));
	}
	{
		char t[] = "{{x}}\n";
		CHECK(crlf_to_lf(t, 6) == 6 && strcmp(t, "{{x}}\n") == 0);
	}
	{
		const char *t = "ab\nc\xC3\xA9 x";
		CHECK(text_column(t, strchr(t, 'x')) == 4); /* c, e-acute, space: characters */
		CHECK(text_column(t, t) == 1);
		CHECK(text_column(t, t + 3) == 1); /* the first of the second line */
	}
}

int main(void)
{
	test_str_nearest();
	test_total_label();
	test_parse_number();
	test_trim_spaces();
	test_shown_and_limits();
	test_file_read();
	test_conflicts();
	test_arena_adopt();
	test_arena_zero();
	test_arena_keep_map();
	test_dir_list();
	test_fixed();
	test_hash_wide();
	test_hash_text();
	test_file_replace_leftovers();
	test_encodings();
	return check_done("test_util");
}
