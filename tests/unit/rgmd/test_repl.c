// SPDX-License-Identifier: MIT
/*
 * test_repl.c - suites "repl_msg" and "repl_join": the codec of the
 * messages between rgmd nodes (round trips; truncated, oversized and
 * hostile messages refused) and the join rules (who wins, who sends, who
 * takes, conflicts) with the reassembly of a state transfer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "repl_join.h"
#include "repl_msg.h"
#include "tu.h"

static char err[256];

/* Encode m into buf (header + payload); returns the length or 0. */
static size_t
encode(const struct repl_msg *m, uint8_t *buf, size_t cap)
{
	if (REPL_HDR_LEN + m->len > cap ||
	    repl_msg_header(m, buf, err, sizeof(err)) == -1)
		return 0;
	if (m->len > 0)
		memcpy(buf + REPL_HDR_LEN, m->payload, m->len);
	return REPL_HDR_LEN + m->len;
}

static const struct repl_msg change = {
	.type = REPL_CHANGE, .origin = 3, .part = 0, .parts = 1, .id = 42,
	.generation = 0x0102030405060708ull, .checksum = 0xfeedfacecafebeefull,
	.payload = "cmd=group-add\ngroup=web-rg\n", .len = 27,
};

static void
test_round_trips(void)
{
	const struct repl_msg msgs[] = {
		change,
		{ .type = REPL_HELLO, .origin = 1, .generation = 7,
		  .checksum = 99 },
		{ .type = REPL_XFER, .origin = 2, .part = 4, .parts = 9,
		  .id = 5, .generation = 8, .checksum = 1, .payload = "x = 1;",
		  .len = 6 },
		{ .type = REPL_STATE, .origin = 0xffffffffu, .parts = 1,
		  .payload = "", .len = 0 },
	};
	uint8_t buf[512];
	struct repl_msg m;

	for (size_t i = 0; i < sizeof(msgs) / sizeof(*msgs); i++) {
		size_t n = encode(&msgs[i], buf, sizeof(buf));

		CU_ASSERT_FATAL(n == REPL_HDR_LEN + msgs[i].len);
		TU_ASSERT_OK(repl_msg_decode(buf, n, &m, err, sizeof(err)),
		    err);
		CU_ASSERT_EQUAL(m.type, msgs[i].type);
		CU_ASSERT_EQUAL(m.origin, msgs[i].origin);
		CU_ASSERT_EQUAL(m.part, msgs[i].part);
		CU_ASSERT_EQUAL(m.parts, msgs[i].parts);
		CU_ASSERT(m.id == msgs[i].id);
		CU_ASSERT(m.generation == msgs[i].generation);
		CU_ASSERT(m.checksum == msgs[i].checksum);
		CU_ASSERT_EQUAL(m.len, msgs[i].len);
		CU_ASSERT(m.len == 0 ||
		    memcmp(m.payload, msgs[i].payload, m.len) == 0);
	}
}

/* The wire layout is fixed: little-endian fields at fixed offsets. */
static void
test_wire_layout(void)
{
	uint8_t buf[256];

	CU_ASSERT_FATAL(encode(&change, buf, sizeof(buf)) > 0);
	CU_ASSERT(memcmp(buf, "RGMR", 4) == 0);
	CU_ASSERT(buf[4] == 1 && buf[5] == 0);		/* version */
	CU_ASSERT(buf[6] == REPL_CHANGE && buf[7] == 0);
	CU_ASSERT(buf[8] == 3);				/* origin */
	CU_ASSERT(buf[20] == 27);			/* payload length */
	CU_ASSERT(buf[32] == 0x08 && buf[39] == 0x01);	/* generation */
	CU_ASSERT(memcmp(buf + REPL_HDR_LEN, "cmd=", 4) == 0);
}

static void
test_writer_refuses(void)
{
	struct repl_msg bad[8];
	uint8_t hdr[REPL_HDR_LEN];
	static char big[REPL_MAX_PAYLOAD + 1];

	for (size_t i = 0; i < 8; i++)
		bad[i] = change;
	bad[0].origin = 0;
	bad[1].type = 9;
	bad[2].len = 0;				/* empty CHANGE */
	bad[3].payload = "a\0b";
	bad[3].len = 3;
	bad[4].type = REPL_HELLO;		/* HELLO with a payload */
	bad[5].type = REPL_XFER;
	bad[5].part = 2;
	bad[5].parts = 2;
	bad[6].parts = 2;			/* CHANGE in two parts */
	memset(big, 'a', sizeof(big));
	bad[7].type = REPL_STATE;		/* only a CHANGE may be larger */
	bad[7].payload = big;
	bad[7].len = sizeof(big);
	for (size_t i = 0; i < 8; i++) {
		err[0] = '\0';
		CU_ASSERT(repl_msg_header(&bad[i], hdr, err, sizeof(err)) == -1);
		CU_ASSERT(err[0] != '\0');
	}
	/* A CHANGE up to REPL_MAX_CHANGE, not one byte more. */
	char *huge = malloc(REPL_MAX_CHANGE + 1);
	struct repl_msg c = change;

	CU_ASSERT_FATAL(huge != NULL);
	memset(huge, 'c', REPL_MAX_CHANGE + 1);
	c.payload = huge;
	c.len = REPL_MAX_CHANGE;
	CU_ASSERT(repl_msg_header(&c, hdr, err, sizeof(err)) == 0);
	c.len++;
	CU_ASSERT(repl_msg_header(&c, hdr, err, sizeof(err)) == -1);
	free(huge);
}

/* Every truncation of a valid message, and every extension, is refused. */
static void
test_truncated_refused(void)
{
	uint8_t buf[256];
	struct repl_msg m;
	size_t n = encode(&change, buf, sizeof(buf));

	CU_ASSERT_FATAL(n > 0);
	for (size_t len = 0; len < n; len++)
		CU_ASSERT(repl_msg_decode(buf, len, &m, err, sizeof(err)) == -1);
	buf[n] = 'x';
	CU_ASSERT(repl_msg_decode(buf, n + 1, &m, err, sizeof(err)) == -1);
	TU_ASSERT_HAS(err, "does not match");
}

static void
test_hostile_refused(void)
{
	uint8_t buf[256], b2[256];
	struct repl_msg m;
	size_t n = encode(&change, buf, sizeof(buf));

	memcpy(b2, buf, n);
	b2[0] ^= 1;
	CU_ASSERT(repl_msg_decode(b2, n, &m, err, sizeof(err)) == -1);
	TU_ASSERT_HAS(err, "magic");
	memcpy(b2, buf, n);
	b2[4] = 2;
	CU_ASSERT(repl_msg_decode(b2, n, &m, err, sizeof(err)) == -1);
	TU_ASSERT_HAS(err, "version 2");
	memcpy(b2, buf, n);
	b2[20] = 0xff, b2[21] = 0xff, b2[22] = 0xff, b2[23] = 0xff;
	CU_ASSERT(repl_msg_decode(b2, n, &m, err, sizeof(err)) == -1);
	memcpy(b2, buf, n);
	b2[6] = 77;
	CU_ASSERT(repl_msg_decode(b2, n, &m, err, sizeof(err)) == -1);
	TU_ASSERT_HAS(err, "unknown message type 77");
	memcpy(b2, buf, n);
	b2[REPL_HDR_LEN + 3] = '\0';
	CU_ASSERT(repl_msg_decode(b2, n, &m, err, sizeof(err)) == -1);
	TU_ASSERT_HAS(err, "NUL");
	/* Random bytes after a valid magic and version: never accepted
	 * unless every rule holds, never read past the buffer (ASan). */
	srand(7);
	for (int k = 0; k < 20000; k++) {
		size_t len = (size_t)rand() % sizeof(b2);

		for (size_t i = 0; i < len; i++)
			b2[i] = (uint8_t)rand();
		if (len >= 6)
			memcpy(b2, buf, 6);
		if (repl_msg_decode(b2, len, &m, err, sizeof(err)) == 0)
			CU_ASSERT(m.len == len - REPL_HDR_LEN && m.origin != 0);
	}
}

/* ---- join decisions --------------------------------------------------- */

static struct repl_decision
decide(uint32_t self, const struct repl_peer *p, size_t n)
{
	struct repl_decision d;

	CU_ASSERT(repl_join_decide(self, p, n, &d) == 0);
	return d;
}

static void
test_all_in_sync(void)
{
	const struct repl_peer p[] = { { 1, 5, 10 }, { 2, 5, 10 }, { 3, 5, 10 } };

	for (uint32_t s = 1; s <= 3; s++) {
		struct repl_decision d = decide(s, p, 3);

		CU_ASSERT_EQUAL(d.verdict, REPL_IN_SYNC);
		CU_ASSERT_EQUAL(d.donor, 1);
		CU_ASSERT_EQUAL(d.behind, 0);
	}
}

/* Node 3 comes back behind: the lowest id at the highest generation sends. */
static void
test_one_behind(void)
{
	const struct repl_peer p[] = { { 3, 2, 20 }, { 2, 9, 90 }, { 1, 9, 90 } };

	CU_ASSERT_EQUAL(decide(1, p, 3).verdict, REPL_SEND);
	CU_ASSERT_EQUAL(decide(2, p, 3).verdict, REPL_IN_SYNC);
	CU_ASSERT_EQUAL(decide(3, p, 3).verdict, REPL_TAKE);
	CU_ASSERT_EQUAL(decide(3, p, 3).donor, 1);
	CU_ASSERT(decide(3, p, 3).generation == 9);
	CU_ASSERT_EQUAL(decide(1, p, 3).behind, 1);
}

/* The highest generation wins even on a higher node id; a fresh node
 * (generation 0) takes it too. */
static void
test_highest_generation_wins(void)
{
	const struct repl_peer p[] = { { 1, 4, 40 }, { 5, 6, 60 }, { 2, 0, 0 },
		{ 4, 6, 60 } };
	struct repl_decision d = decide(4, p, 4);

	CU_ASSERT_EQUAL(d.verdict, REPL_SEND);
	CU_ASSERT_EQUAL(d.donor, 4);
	CU_ASSERT_EQUAL(d.behind, 2);
	CU_ASSERT_EQUAL(decide(5, p, 4).verdict, REPL_IN_SYNC);
	CU_ASSERT_EQUAL(decide(1, p, 4).verdict, REPL_TAKE);
	CU_ASSERT_EQUAL(decide(2, p, 4).verdict, REPL_TAKE);
}

static void
test_conflict(void)
{
	const struct repl_peer p[] = { { 1, 7, 70 }, { 2, 7, 71 }, { 3, 3, 30 } };
	struct repl_decision d;

	for (uint32_t s = 1; s <= 3; s++) {
		d = decide(s, p, 3);
		CU_ASSERT_EQUAL(d.verdict, REPL_CONFLICT);
		CU_ASSERT_EQUAL(d.donor, 0);
		CU_ASSERT_EQUAL(d.conflict[0], 1);
		CU_ASSERT_EQUAL(d.conflict[1], 2);
	}
	/* Different contents below the winning generation are no conflict:
	 * both are replaced. */
	const struct repl_peer q[] = { { 1, 8, 80 }, { 2, 7, 71 }, { 3, 7, 72 } };
	CU_ASSERT_EQUAL(decide(1, q, 3).verdict, REPL_SEND);
	CU_ASSERT_EQUAL(decide(3, q, 3).verdict, REPL_TAKE);
}

static void
test_bad_input(void)
{
	const struct repl_peer p[] = { { 1, 1, 1 }, { 1, 2, 2 } };
	struct repl_decision d;

	errno = 0;
	CU_ASSERT(repl_join_decide(1, p, 2, &d) == -1 && errno == EINVAL);
	CU_ASSERT(repl_join_decide(9, p, 1, &d) == -1 && errno == EINVAL);
	CU_ASSERT(repl_join_decide(1, p, 0, &d) == -1);
	CU_ASSERT_EQUAL(decide(1, p, 1).verdict, REPL_IN_SYNC);
}

static void
test_change_applies(void)
{
	CU_ASSERT(repl_change_applies(5, 5));
	CU_ASSERT(!repl_change_applies(5, 4));
	CU_ASSERT(!repl_change_applies(5, 6));
}

/* ---- transfer reassembly --------------------------------------------- */

static struct repl_msg
part(uint32_t i, uint32_t n, const char *text)
{
	return (struct repl_msg){ .type = REPL_XFER, .origin = 2, .part = i,
		.parts = n, .id = 11, .generation = 30, .checksum = 300,
		.payload = text, .len = strlen(text) };
}

static void
test_xfer_in_order(void)
{
	struct repl_xfer x;
	struct repl_msg m;

	repl_xfer_init(&x);
	m = part(0, 3, "groups = ");
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == 0);
	m = part(1, 3, "( );");
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == 0);
	m = part(2, 3, "\n");
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == 1);
	CU_ASSERT_STRING_EQUAL(x.text, "groups = ( );\n");
	CU_ASSERT(x.generation == 30 && x.checksum == 300 && x.donor == 2);
	repl_xfer_reset(&x);
	CU_ASSERT_PTR_NULL(x.text);
}

static void
test_xfer_out_of_order(void)
{
	struct repl_xfer x;
	struct repl_msg m;

	repl_xfer_init(&x);
	m = part(1, 3, "b");			/* no part 0 yet */
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == -1);
	TU_ASSERT_HAS(err, "does not follow");
	m = part(0, 3, "a");
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == 0);
	m = part(2, 3, "c");			/* part 1 missing */
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == -1);
	CU_ASSERT_PTR_NULL(x.text);
	m = part(0, 2, "a");
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == 0);
	m = part(1, 2, "b");
	m.generation = 31;			/* another configuration */
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == -1);
	/* A new part 0 restarts cleanly after a broken transfer. */
	m = part(0, 1, "whole");
	CU_ASSERT(repl_xfer_add(&x, &m, err, sizeof(err)) == 1);
	CU_ASSERT_STRING_EQUAL(x.text, "whole");
	repl_xfer_reset(&x);
}

static void
test_xfer_parts(void)
{
	CU_ASSERT_EQUAL(repl_xfer_parts(0), 1);
	CU_ASSERT_EQUAL(repl_xfer_parts(1), 1);
	CU_ASSERT_EQUAL(repl_xfer_parts(REPL_MAX_PAYLOAD), 1);
	CU_ASSERT_EQUAL(repl_xfer_parts(REPL_MAX_PAYLOAD + 1), 2);
}

static const struct tu_test msg_tests[] = {
	{ "round trips of every type", test_round_trips },
	{ "wire layout", test_wire_layout },
	{ "writer refuses what readers would", test_writer_refuses },
	{ "every truncation refused", test_truncated_refused },
	{ "hostile messages refused", test_hostile_refused },
	{ NULL, NULL },
};

static const struct tu_test join_tests[] = {
	{ "all in sync", test_all_in_sync },
	{ "one node behind", test_one_behind },
	{ "highest generation wins", test_highest_generation_wins },
	{ "same generation, different contents", test_conflict },
	{ "bad input", test_bad_input },
	{ "change applies on its base only", test_change_applies },
	{ "transfer in order", test_xfer_in_order },
	{ "transfer out of order", test_xfer_out_of_order },
	{ "transfer part count", test_xfer_parts },
	{ NULL, NULL },
};

int
tu_suite_repl(void)
{
	if (tu_add_suite("repl_msg", NULL, NULL, msg_tests) == -1)
		return -1;
	return tu_add_suite("repl_join", NULL, NULL, join_tests);
}
