/* test_postcache.c - unit tests of generator/postcache.c's reader: values written come back, and no cut or damaged input is read past its end. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "postcache.h"

/* The bytes of one of everything the writer writes. */
static void write_sample(buf *b)
{
	pc_write_varint(b, 0);
	pc_write_varint(b, 127);
	pc_write_varint(b, 128);
	pc_write_varint(b, UINT64_MAX);
	pc_write_u64(b, UINT64_C(0x0123456789abcdef));
	pc_write_f64(b, -12.5);
	pc_write_str(b, NULL, 0);
	pc_write_str(b, "", 0);
	pc_write_str(b, "a\0b", 3);
	pc_write_varint(b, 3); /* a count of three items of two bytes */
	pc_write_str(b, "x", 1);
	pc_write_str(b, "y", 1);
	pc_write_str(b, "z", 1);
}

/* Reads the sample back; returns how many values came back right. */
static int read_sample(pc_reader *r, arena *a)
{
	int ok = 0;
	size_t len = 99, n, i;
	const char *s;
	ok += pc_read_varint(r) == 0;
	ok += pc_read_varint(r) == 127;
	ok += pc_read_varint(r) == 128;
	ok += pc_read_varint(r) == UINT64_MAX;
	ok += pc_read_u64(r) == UINT64_C(0x0123456789abcdef);
	ok += pc_read_f64(r) == -12.5;
	ok += pc_read_str(r, a, &len) == NULL && len == 0;
	s = pc_read_str(r, a, &len);
	ok += s && len == 0 && s[0] == '\0';
	s = pc_read_str(r, a, &len);
	ok += s && len == 3 && memcmp(s, "a\0b", 4) == 0;
	n = pc_read_count(r, 2);
	ok += n == 3;
	for (i = 0; i < n; i++) {
		s = pc_read_str(r, a, NULL);
		ok += s && s[0] == "xyz"[i] && s[1] == '\0';
	}
	return ok;
}

/* Everything written is read back, and the reader stops at the end. */
static void test_round_trip(void)
{
	buf b = BUF_INIT;
	arena *a = arena_new();
	pc_reader r;
	write_sample(&b);
	r.p = (const unsigned char *)b.data;
	r.end = r.p + b.len;
	r.bad = 0;
	CHECK_INT(read_sample(&r, a), 13);
	CHECK_INT(r.bad, 0);
	CHECK(r.p == r.end);
	/* one more read: nothing left */
	CHECK(pc_read_varint(&r) == 0);
	CHECK_INT(r.bad, 1);
	arena_free(a);
	buf_release(&b);
}

/* Every prefix of the sample, in a block of exactly its size (so that
 * AddressSanitizer sees any byte read past it), is found short. */
static void test_every_cut(void)
{
	buf b = BUF_INIT;
	arena *a = arena_new();
	size_t cut, found = 0;
	write_sample(&b);
	for (cut = 0; cut < b.len; cut++) {
		unsigned char *copy = xmalloc(cut ? cut : 1);
		pc_reader r;
		memcpy(copy, b.data, cut);
		r.p = copy;
		r.end = copy + cut;
		r.bad = 0;
		(void)read_sample(&r, a);
		found += r.bad == 1 && r.p == r.end;
		free(copy);
	}
	CHECK_INT(found, b.len);
	arena_free(a);
	buf_release(&b);
}

/* Lengths and counts larger than the bytes left, and numbers longer than
 * 64 bits, are refused before anything is allocated or read. */
static void test_bad_lengths(void)
{
	arena *a = arena_new();
	buf b = BUF_INIT;
	pc_reader r;
	size_t len = 7;
	static const unsigned char overlong[11] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
	                                           0x80, 0x80, 0x80, 0x80, 0x01};
	static const unsigned char too_big[10] = {0xff, 0xff, 0xff, 0xff, 0xff,
	                                          0xff, 0xff, 0xff, 0xff, 0x02};
	/* a string said to be 10 bytes long, with 3 left */
	pc_write_varint(&b, 11);
	buf_put(&b, "abc", 3);
	r.p = (const unsigned char *)b.data;
	r.end = r.p + b.len;
	r.bad = 0;
	CHECK(pc_read_str(&r, a, &len) == NULL);
	CHECK_INT(len, 0);
	CHECK_INT(r.bad, 1);
	/* the largest length there is: no overflow into a small one */
	buf_reset(&b);
	pc_write_varint(&b, UINT64_MAX);
	buf_put(&b, "abc", 3);
	r.p = (const unsigned char *)b.data;
	r.end = r.p + b.len;
	r.bad = 0;
	CHECK(pc_read_str(&r, a, NULL) == NULL);
	CHECK_INT(r.bad, 1);
	/* a million items of 4 bytes in 3 bytes */
	buf_reset(&b);
	pc_write_varint(&b, 1000000);
	buf_put(&b, "abc", 3);
	r.p = (const unsigned char *)b.data;
	r.end = r.p + b.len;
	r.bad = 0;
	CHECK_INT(pc_read_count(&r, 4), 0);
	CHECK_INT(r.bad, 1);
	/* once bad, every read gives nothing */
	CHECK(pc_read_u64(&r) == 0);
	CHECK(pc_read_str(&r, a, NULL) == NULL);
	/* varints of 11 bytes, or of 10 whose last one overflows 64 bits */
	r.p = overlong;
	r.end = overlong + sizeof overlong;
	r.bad = 0;
	CHECK(pc_read_varint(&r) == 0);
	CHECK_INT(r.bad, 1);
	r.p = too_big;
	r.end = too_big + sizeof too_big;
	r.bad = 0;
	CHECK(pc_read_varint(&r) == 0);
	CHECK_INT(r.bad, 1);
	/* eight bytes wanted, seven there */
	r.p = overlong;
	r.end = overlong + 7;
	r.bad = 0;
	CHECK(pc_read_u64(&r) == 0);
	CHECK_INT(r.bad, 1);
	CHECK(isnan(pc_read_f64(&r)) == 0);
	buf_release(&b);
	arena_free(a);
}

/* A string is written with a NUL after its bytes (a restored post's
 * strings are used where they lie), and one whose NUL is missing is
 * refused. */
static void test_nul_ended(void)
{
	arena *a = arena_new();
	buf b = BUF_INIT;
	pc_reader r;
	size_t len = 0;
	pc_write_str(&b, "xy", 2);
	CHECK_INT(b.len, 4);
	CHECK(b.len == 4 && b.data[0] == 3 && memcmp(b.data + 1, "xy", 3) == 0);
	r.p = (const unsigned char *)b.data;
	r.end = r.p + b.len;
	r.bad = 0;
	CHECK_STR(pc_read_str(&r, a, &len), "xy");
	CHECK_INT(len, 2);
	CHECK(r.p == r.end && r.bad == 0);
	/* "xyz" where "xy" and its NUL should be */
	buf_reset(&b);
	pc_write_varint(&b, 3);
	buf_put(&b, "xyz", 3);
	r.p = (const unsigned char *)b.data;
	r.end = r.p + b.len;
	r.bad = 0;
	CHECK(pc_read_str(&r, a, NULL) == NULL);
	CHECK_INT(r.bad, 1);
	buf_release(&b);
	arena_free(a);
}

int main(void)
{
	test_round_trip();
	test_every_cut();
	test_bad_lengths();
	test_nul_ended();
	return check_done("test_postcache");
}
