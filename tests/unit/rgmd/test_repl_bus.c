// SPDX-License-Identifier: MIT
/*
 * test_repl_bus.c - suite "repl": the replication engine (repl.c) on
 * several simulated nodes joined by an in-memory bus that delivers every
 * message and membership change to the members in one total order, as
 * CPG's AGREED order does. The configuration of a node is modelled as the
 * text of the changes it applied. Proves: concurrent changes from every
 * node converge with each change applied once; a node that was away takes
 * the current configuration (also while changes are in flight, and over a
 * transfer of several parts); conflicts, lost quorum and catching up refuse
 * changes; hostile or spoofed messages change nothing; a lost group ends
 * changes as LOST; a node that cannot apply a change says so.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repl.h"
#include "tu.h"

#define NODES	5
#define QMAX	8192

struct node {
	struct repl	 r;
	uint32_t	 id;
	char		*text;
	size_t		 len;
	uint64_t	 gen;
	bool		 in_group;
	bool		 fail_apply;
	int		 applied, stale, lost, failed, out_of_step;
	char		 retry[64][96];		/* stale changes to resubmit */
	int		 n_retry;
	uint64_t	 ids[4096];		/* id -> request, for retries */
	char		 reqs[4096][96];
	int		 n_ids;
};

struct event {
	bool		 confchg;
	uint32_t	 sender;
	uint8_t		*buf;
	size_t		 len;
	uint32_t	 members[NODES];
	size_t		 n;
};

static struct node nodes[NODES];
static struct event queue[QMAX];
static size_t q_head, q_tail;

static uint64_t
fnv(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 0x100000001b3ull;
	return h;
}

static struct node *
node_of(void *arg)
{
	return arg;
}

static int
bus_send(void *arg, const struct iovec *iov, int n)
{
	struct node *nd = node_of(arg);
	struct event *e;
	size_t len = 0;

	if (!nd->in_group || q_tail - q_head == QMAX) {
		errno = ENOTCONN;
		return -1;
	}
	e = &queue[q_tail++ % QMAX];
	memset(e, 0, sizeof(*e));
	for (int i = 0; i < n; i++)
		len += iov[i].iov_len;
	e->buf = malloc(len ? len : 1);
	for (int i = 0; i < n; i++) {
		memcpy(e->buf + e->len, iov[i].iov_base, iov[i].iov_len);
		e->len += iov[i].iov_len;
	}
	e->sender = nd->id;
	return 0;
}

static uint64_t
m_generation(void *arg)
{
	return node_of(arg)->gen;
}

static uint64_t
m_checksum(void *arg)
{
	return fnv(node_of(arg)->text, node_of(arg)->len);
}

static char *
m_dump(void *arg, size_t *len)
{
	struct node *nd = node_of(arg);

	*len = nd->len;
	return strndup(nd->text, nd->len);
}

static int
m_install(void *arg, const char *text, size_t len, uint64_t gen,
    uint64_t sum, char *err, size_t errlen)
{
	struct node *nd = node_of(arg);

	if (fnv(text, len) != sum) {
		snprintf(err, errlen, "checksum mismatch");
		return -1;
	}
	free(nd->text);
	nd->text = strndup(text, len);
	nd->len = len;
	nd->gen = gen;
	return 0;
}

static int
m_apply(void *arg, uint32_t origin, const char *req, size_t len, char *err,
    size_t errlen)
{
	struct node *nd = node_of(arg);

	(void)origin;
	if (nd->fail_apply) {
		snprintf(err, errlen, "disk full");
		return -1;
	}
	nd->text = realloc(nd->text, nd->len + len + 2);
	memcpy(nd->text + nd->len, req, len);
	nd->len += len;
	nd->text[nd->len++] = '\n';
	nd->text[nd->len] = '\0';
	nd->gen++;
	return 0;
}

static void
m_done(void *arg, uint64_t id, enum repl_outcome o, const char *reason)
{
	struct node *nd = node_of(arg);

	(void)reason;
	switch (o) {
	case REPL_APPLIED:
		nd->applied++;
		return;
	case REPL_STALE:
		nd->stale++;
		for (int i = 0; i < nd->n_ids; i++)
			if (nd->ids[i] == id && nd->n_retry < 64)
				memcpy(nd->retry[nd->n_retry++], nd->reqs[i],
				    sizeof(nd->reqs[i]));
		return;
	case REPL_LOST:
		nd->lost++;
		return;
	case REPL_FAILED:
		nd->failed++;
		return;
	}
}

static void
m_out_of_step(void *arg, const char *reason)
{
	(void)reason;
	node_of(arg)->out_of_step++;
}

static const struct repl_ops ops = {
	.send = bus_send, .generation = m_generation, .checksum = m_checksum,
	.dump = m_dump, .install = m_install, .apply = m_apply,
	.done = m_done, .out_of_step = m_out_of_step,
};

static void
setup(int n)
{
	for (int i = 0; i < NODES; i++) {
		if (nodes[i].r.ops != NULL)
			repl_free(&nodes[i].r);
		free(nodes[i].text);
		memset(&nodes[i], 0, sizeof(nodes[i]));
		nodes[i].id = (uint32_t)i + 1;
		nodes[i].text = strdup("");
		if (i < n) {
			repl_init(&nodes[i].r, nodes[i].id, &ops, &nodes[i]);
			repl_set_quorate(&nodes[i].r, true);
		}
	}
	while (q_head != q_tail)
		free(queue[q_head++ % QMAX].buf);
	q_head = q_tail = 0;
}

/* The group becomes exactly the listed nodes (a confchg in the order). */
static void
group(const uint32_t *ids, size_t n)
{
	struct event *e = &queue[q_tail++ % QMAX];

	memset(e, 0, sizeof(*e));
	e->confchg = true;
	memcpy(e->members, ids, n * sizeof(*ids));
	e->n = n;
	for (int i = 0; i < NODES; i++) {
		nodes[i].in_group = false;
		for (size_t k = 0; k < n; k++)
			if (ids[k] == nodes[i].id)
				nodes[i].in_group = true;
	}
}

/* Deliver one event to the current members; false when the bus is empty. */
static bool
deliver_one(void)
{
	struct event *e;

	if (q_head == q_tail)
		return false;
	e = &queue[q_head++ % QMAX];
	for (int i = 0; i < NODES; i++) {
		struct node *nd = &nodes[i];
		bool member = false;

		for (size_t k = 0; k < e->n; k++)
			member |= e->members[k] == nd->id;
		if (e->confchg && member)
			repl_confchg(&nd->r, e->members, e->n);
		else if (!e->confchg && nd->in_group)
			repl_deliver(&nd->r, e->sender, e->buf, e->len);
	}
	free(e->buf);
	e->buf = NULL;
	return true;
}

static void
deliver_all(void)
{
	while (deliver_one())
		;
}

static int
submit(struct node *nd, const char *req)
{
	char err[256];
	uint64_t id;

	if (repl_submit(&nd->r, req, strlen(req), &id, err, sizeof(err)) == -1)
		return -1;
	if (nd->n_ids < 4096) {
		nd->ids[nd->n_ids] = id;
		snprintf(nd->reqs[nd->n_ids++], 96, "%s", req);
	}
	return 0;
}

static void
resubmit_stale(struct node *nd)
{
	char req[96];

	while (nd->n_retry > 0) {
		memcpy(req, nd->retry[--nd->n_retry], sizeof(req));
		CU_ASSERT(submit(nd, req) == 0);
	}
}

static void
assert_converged(int n)
{
	for (int i = 1; i < n; i++) {
		CU_ASSERT_EQUAL(nodes[i].gen, nodes[0].gen);
		CU_ASSERT_STRING_EQUAL(nodes[i].text, nodes[0].text);
		CU_ASSERT_EQUAL(nodes[i].r.st, REPL_ST_SYNCED);
	}
}

static int
count_lines(const char *text, const char *line)
{
	int n = 0;
	size_t l = strlen(line);

	for (const char *p = text; (p = strstr(p, line)) != NULL; p += l)
		if ((p == text || p[-1] == '\n') && p[l] == '\n')
			n++;
	return n;
}

static const uint32_t all3[] = { 1, 2, 3 };

/* 100 changes from three nodes at once, delivered in random interleavings
 * with the submissions: every one applied once, identical everywhere. */
static void
test_concurrent_changes(void)
{
	char req[96];
	int next[3] = { 0 }, total = 0;

	setup(3);
	group(all3, 3);
	deliver_all();
	srand(11);
	while (total < 100 || q_head != q_tail ||
	    nodes[0].n_retry + nodes[1].n_retry + nodes[2].n_retry > 0) {
		int k = rand() % 3;

		if (rand() % 2 && total < 100) {
			snprintf(req, sizeof(req), "group-add n%d-%d", k + 1,
			    next[k]++);
			CU_ASSERT_FATAL(submit(&nodes[k], req) == 0);
			total++;
		} else if (!deliver_one()) {
			for (int i = 0; i < 3; i++)
				resubmit_stale(&nodes[i]);
		}
	}
	assert_converged(3);
	CU_ASSERT_EQUAL(nodes[0].gen, 100);
	CU_ASSERT_EQUAL(nodes[0].applied + nodes[1].applied +
	    nodes[2].applied, 100);
	CU_ASSERT(nodes[0].stale + nodes[1].stale + nodes[2].stale > 0);
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < next[k]; i++) {
			snprintf(req, sizeof(req), "group-add n%d-%d", k + 1, i);
			CU_ASSERT_EQUAL(count_lines(nodes[0].text, req), 1);
		}
}

/* Node 3 away while changes are made, back while more are in flight. */
static void
test_rejoin_takes_transfer(void)
{
	const uint32_t two[] = { 1, 2 };
	char req[96];

	setup(3);
	group(all3, 3);
	deliver_all();
	CU_ASSERT(submit(&nodes[0], "before") == 0);
	deliver_all();
	group(two, 2);
	deliver_all();
	for (int i = 0; i < 20; i++) {
		snprintf(req, sizeof(req), "while-away %d", i);
		CU_ASSERT(submit(&nodes[i % 2], req) == 0);
		deliver_all();
		resubmit_stale(&nodes[i % 2]);
	}
	deliver_all();
	CU_ASSERT_EQUAL(nodes[2].gen, 1);
	group(all3, 3);
	/* Changes submitted after the membership change, before the HELLOs
	 * and the transfer are delivered. */
	/* Sent before node 1 sees the new view, delivered after it. */
	CU_ASSERT(submit(&nodes[0], "during-join a") == 0);
	deliver_one();						/* confchg */
	deliver_one();				/* the change: kept */
	CU_ASSERT_EQUAL(nodes[2].r.st, REPL_ST_GATHER);
	CU_ASSERT(submit(&nodes[2], "from the joiner") == -1);
	deliver_all();
	CU_ASSERT_EQUAL(nodes[2].r.st, REPL_ST_SYNCED);
	CU_ASSERT(submit(&nodes[1], "after-join") == 0);
	CU_ASSERT(submit(&nodes[2], "after-join from 3") == 0);
	deliver_all();
	resubmit_stale(&nodes[2]);
	deliver_all();
	assert_converged(3);
	CU_ASSERT_EQUAL(nodes[0].gen, 24);
	CU_ASSERT_EQUAL(count_lines(nodes[2].text, "while-away 19"), 1);
}

/* Move the event at the head of the bus to its tail. */
static void
rotate(void)
{
	struct event e = queue[q_head++ % QMAX];

	queue[q_tail++ % QMAX] = e;
}

/* A change that lands between the donor's snapshot and the transfer is
 * not lost on the joiner; a stale one in between is skipped there too. */
static void
test_change_between_snapshot_and_transfer(void)
{
	const uint32_t two[] = { 1, 2 };

	setup(3);
	group(two, 2);
	deliver_all();
	CU_ASSERT(submit(&nodes[0], "one") == 0);
	deliver_all();
	group(all3, 3);
	for (int i = 0; i < 4; i++)	/* confchg, then HELLOs of 1, 2, 3 */
		deliver_one();
	CU_ASSERT_EQUAL(nodes[2].r.st, REPL_ST_TAKING);
	CU_ASSERT_EQUAL(q_tail - q_head, 1);	/* the transfer, queued */
	/* Node 2, in step, changes twice on the same base; both CHANGEs are
	 * ordered before the transfer (made from the older snapshot). */
	CU_ASSERT(submit(&nodes[1], "racing a") == 0);
	CU_ASSERT(submit(&nodes[1], "racing b (stale)") == 0);
	rotate();
	deliver_all();
	assert_converged(3);
	CU_ASSERT_EQUAL(count_lines(nodes[2].text, "racing a"), 1);
	CU_ASSERT_EQUAL(count_lines(nodes[2].text, "racing b (stale)"), 0);
	CU_ASSERT_EQUAL(nodes[1].stale, 1);
	CU_ASSERT_EQUAL(nodes[0].gen, 2);
}

/* A configuration larger than one message goes in several parts. */
static void
test_large_transfer(void)
{
	const uint32_t one[] = { 1 }, two[] = { 1, 2 };
	static char big[REPL_MAX_PAYLOAD - 64];

	setup(2);
	group(one, 1);
	deliver_all();
	memset(big, 'g', sizeof(big) - 1);
	for (int i = 0; i < 5; i++) {
		big[0] = (char)('a' + i);
		CU_ASSERT_FATAL(submit(&nodes[0], big) == 0);
		deliver_all();
	}
	CU_ASSERT(nodes[0].len > 4 * REPL_MAX_PAYLOAD);
	group(two, 2);
	deliver_all();
	assert_converged(2);
	CU_ASSERT_EQUAL(nodes[1].gen, 5);
}

static void
test_conflict_refuses(void)
{
	const uint32_t two[] = { 1, 2 };
	char err[256];

	setup(2);
	nodes[0].gen = nodes[1].gen = 4;
	free(nodes[1].text);
	nodes[1].text = strdup("something else\n");
	nodes[1].len = strlen(nodes[1].text);
	group(two, 2);
	deliver_all();
	for (int i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL(nodes[i].r.st, REPL_ST_CONFLICT);
		CU_ASSERT(!repl_can_change(&nodes[i].r, err, sizeof(err)));
		TU_ASSERT_HAS(err, "nodes 1 and 2 hold generation 4");
		CU_ASSERT(submit(&nodes[i], "x") == -1);
	}
	CU_ASSERT_STRING_EQUAL(nodes[0].text, "");
}

static void
test_no_quorum_refuses(void)
{
	char err[256];
	uint64_t id;

	setup(3);
	group(all3, 3);
	deliver_all();
	repl_set_quorate(&nodes[2].r, false);
	CU_ASSERT(repl_submit(&nodes[2].r, "x", 1, &id, err, sizeof(err)) == -1);
	TU_ASSERT_HAS(err, "no quorum");
	CU_ASSERT_EQUAL(q_head, q_tail);		/* nothing sent */
	repl_set_quorate(&nodes[2].r, true);
	CU_ASSERT(submit(&nodes[2], "x") == 0);
	deliver_all();
	assert_converged(3);
}

static void
test_hostile_messages(void)
{
	uint8_t junk[200];
	struct iovec iov = { junk, sizeof(junk) };
	uint8_t hdr[REPL_HDR_LEN];
	char err[128];
	struct repl_msg m = { .type = REPL_CHANGE, .origin = 2, .parts = 1,
		.payload = "spoofed", .len = 7 };

	setup(2);
	group((const uint32_t[]){ 1, 2 }, 2);
	deliver_all();
	memset(junk, 0xa5, sizeof(junk));
	bus_send(&nodes[0], &iov, 1);
	/* Node 1 sends a well-formed CHANGE that claims node 2 as origin. */
	CU_ASSERT_FATAL(repl_msg_header(&m, hdr, err, sizeof(err)) == 0);
	bus_send(&nodes[0], (struct iovec[]){ { hdr, REPL_HDR_LEN },
	    { (void *)m.payload, m.len } }, 2);
	deliver_all();
	for (int i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL(nodes[i].r.n_refused_msgs, 2);
		CU_ASSERT_EQUAL(nodes[i].gen, 0);
		CU_ASSERT_EQUAL(nodes[i].r.st, REPL_ST_SYNCED);
	}
}

static void
test_down_loses_pending(void)
{
	char err[256];

	setup(2);
	group((const uint32_t[]){ 1, 2 }, 2);
	deliver_all();
	CU_ASSERT(submit(&nodes[0], "a") == 0);
	CU_ASSERT(submit(&nodes[0], "b") == 0);
	repl_down(&nodes[0].r);
	CU_ASSERT_EQUAL(nodes[0].lost, 2);
	CU_ASSERT(!repl_can_change(&nodes[0].r, err, sizeof(err)));
	TU_ASSERT_HAS(err, "corosync");
}

static void
test_apply_failure(void)
{
	setup(2);
	group((const uint32_t[]){ 1, 2 }, 2);
	deliver_all();
	nodes[1].fail_apply = true;
	CU_ASSERT(submit(&nodes[1], "a") == 0);
	deliver_all();
	CU_ASSERT_EQUAL(nodes[0].gen, 1);
	CU_ASSERT_EQUAL(nodes[1].gen, 0);
	CU_ASSERT_EQUAL(nodes[1].failed, 1);
	CU_ASSERT_EQUAL(nodes[1].out_of_step, 1);
	/* Leaving and joining again brings it back in step. */
	nodes[1].fail_apply = false;
	group((const uint32_t[]){ 1 }, 1);
	group((const uint32_t[]){ 1, 2 }, 2);
	deliver_all();
	assert_converged(2);
}

static int
clean(void)
{
	setup(0);
	for (int i = 0; i < NODES; i++) {
		free(nodes[i].text);
		nodes[i].text = NULL;
	}
	return 0;
}

static const struct tu_test tests[] = {
	{ "100 concurrent changes converge", test_concurrent_changes },
	{ "rejoining node takes the transfer", test_rejoin_takes_transfer },
	{ "change between snapshot and transfer",
	  test_change_between_snapshot_and_transfer },
	{ "transfer in several parts", test_large_transfer },
	{ "conflict refuses changes", test_conflict_refuses },
	{ "no quorum refuses changes", test_no_quorum_refuses },
	{ "hostile and spoofed messages", test_hostile_messages },
	{ "group lost: pending changes LOST", test_down_loses_pending },
	{ "apply failure: out of step", test_apply_failure },
	{ NULL, NULL },
};

int
tu_suite_repl_bus(void)
{
	return tu_add_suite("repl", NULL, clean, tests);
}
