/* test_compute.c - unit tests of generator/compute.c: violated rules as text, posts present in a quarter. */
#include <string.h>

#include "check.h"
#include "compute.h"
#include "records.h"
#include "rules.h"

/* A violated rule reads as the rule and the values apart, never as
 * "rujukan = 15 ≤ kunjungan = 11"; a constant side is in the rule only. */
static void test_violation_text(void)
{
	size_t terms[1] = {0};
	validation v[2];
	rules r;
	violation found;
	buf b = BUF_INIT;
	memset(v, 0, sizeof v);
	memset(&r, 0, sizeof r);
	memset(&found, 0, sizeof found);
	v[0].message = "rujukan melebihi kunjungan";
	v[0].message_en = "more referrals than visits";
	v[0].op = OP_LE;
	v[0].left.terms = v[0].right.terms = terms;
	v[0].left.nterms = v[0].right.nterms = 1;
	v[0].left.text = "rujukan";
	v[0].right.text = "kunjungan";
	v[1].message = "pekerja terlalu banyak";
	v[1].op = OP_LE;
	v[1].left = v[0].left;
	v[1].left.text = "pekerja";
	v[1].right.constant = 50;
	v[1].right.text = "50";
	r.validations = v;
	r.nvalidations = 2;
	found.left = 15;
	found.right = 11;
	compute_format_violation(&b, &r, &found, LANG_ID);
	CHECK_STR(buf_cstr(&b), "rujukan melebihi kunjungan (aturan: rujukan ≤ kunjungan; nilai: "
	                        "rujukan = 15, kunjungan = 11)");
	buf_reset(&b);
	compute_format_violation(&b, &r, &found, LANG_EN);
	CHECK_STR(buf_cstr(&b), "more referrals than visits (rule: rujukan ≤ kunjungan; values: "
	                        "rujukan = 15, kunjungan = 11)");
	buf_reset(&b);
	found.rule = 1;
	found.left = 60;
	found.right = 50;
	compute_format_violation(&b, &r, &found, LANG_ID);
	CHECK_STR(buf_cstr(&b), "pekerja terlalu banyak (aturan: pekerja ≤ 50; nilai: pekerja = 60)");
	buf_release(&b);
}

/* A post formed on 2024-08-01 and dissolved on 2025-02-10: quarters wholly
 * before or after show why it has no values. */
static void test_post_presence(void)
{
	node post;
	memset(&post, 0, sizeof post);
	post.kind = NODE_POS;
	post.formed = period_date_from_ymd(2024, 8, 1);
	post.dissolved = period_date_from_ymd(2025, 2, 10);
	CHECK(post_presence_in_quarter(&post, 2024 * 4 + 1) == POST_NOT_FORMED); /* Apr-Jun 2024 */
	CHECK(post_presence_in_quarter(&post, 2024 * 4 + 2) == POST_PRESENT); /* from August */
	CHECK(post_presence_in_quarter(&post, 2025 * 4) == POST_PRESENT); /* to February */
	CHECK(post_presence_in_quarter(&post, 2025 * 4 + 1) == POST_DISSOLVED);
	CHECK(strcmp(post_presence_key(POST_NOT_FORMED), "not_formed") == 0);
	CHECK(strcmp(post_presence_key(POST_DISSOLVED), "dissolved_already") == 0);
	CHECK(post_presence_key(POST_PRESENT) == NULL);
	post.formed = post.dissolved = NO_DATE;
	CHECK(post_presence_in_quarter(&post, 1990 * 4) == POST_PRESENT);
}

int main(void)
{
	test_violation_text();
	test_post_presence();
	return check_done("test_compute");
}
