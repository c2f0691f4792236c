// SPDX-License-Identifier: MIT
/*
 * test_membership.c - suite "membership" (rgmd/membership_view.c): the
 * events a new view reports (left before joined, leave reasons kept, a
 * node gone from the list counts as down, quorum and engine changes in
 * their places, nothing for an equal view, the event array bound kept),
 * and the node list built from corosync's cmap keys (names, ids, ring0_addr
 * as a name, sorted by id, foreign keys ignored, bad ids, bad or duplicate
 * names, missing ids, too many nodes refused with a reason); and the send
 * queue of membership.c under a backend's flow control (EAGAIN): kept in
 * order, sent from the loop's timer, dropped with the connection.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fake.h"
#include "membership.h"
#include "tu.h"

static struct membership_view a, b;
static struct membership_event ev[16];
static char err[256];

static void
add(struct membership_view *v, uint32_t id, const char *name, bool rgmd)
{
	struct membership_node *n = &v->nodes[v->n++];

	memset(n, 0, sizeof(*n));
	n->id = id;
	n->up = rgmd;
	n->rgmd = rgmd;
	snprintf(n->name, sizeof(n->name), "%s", name);
}

static void
three(struct membership_view *v)
{
	memset(v, 0, sizeof(*v));
	v->connected = v->quorate = true;
	add(v, 1, "n1", true);
	add(v, 2, "n2", true);
	add(v, 3, "n3", true);
}

static void
test_diff_equal(void)
{
	three(&a);
	three(&b);
	CU_ASSERT_EQUAL(membership_diff(&a, &b, ev, 16), 0);
}

static void
test_diff_left_then_joined(void)
{
	three(&a);
	a.nodes[2].rgmd = false;
	three(&b);
	b.nodes[1].rgmd = false;
	b.nodes[1].reason = MEMBERSHIP_REASON_PROCDOWN;
	CU_ASSERT_EQUAL_FATAL(membership_diff(&a, &b, ev, 16), 2);
	CU_ASSERT_EQUAL(ev[0].kind, MEMBERSHIP_EV_LEFT);
	CU_ASSERT_EQUAL(ev[0].node_id, 2);
	CU_ASSERT_STRING_EQUAL(ev[0].node_name, "n2");
	CU_ASSERT_EQUAL(ev[0].reason, MEMBERSHIP_REASON_PROCDOWN);
	CU_ASSERT_EQUAL(ev[1].kind, MEMBERSHIP_EV_JOINED);
	CU_ASSERT_EQUAL(ev[1].node_id, 3);
	CU_ASSERT_STRING_EQUAL(ev[1].node_name, "n3");
}

static void
test_diff_node_removed(void)
{
	three(&a);
	three(&b);
	b.n = 2;
	CU_ASSERT_EQUAL_FATAL(membership_diff(&a, &b, ev, 16), 1);
	CU_ASSERT_EQUAL(ev[0].kind, MEMBERSHIP_EV_LEFT);
	CU_ASSERT_EQUAL(ev[0].node_id, 3);
	CU_ASSERT_EQUAL(ev[0].reason, MEMBERSHIP_REASON_NODEDOWN);
}

/* up_since: kept while up with rgmd, now when back, 0 while down or
 * while its rgmd is gone. */
static void
test_stamp(void)
{
	three(&a);
	membership_stamp(&b, &a, 100);	/* b: empty, the first view */
	CU_ASSERT_EQUAL(a.nodes[0].up_since, 100);
	CU_ASSERT_EQUAL(a.nodes[2].up_since, 100);
	b = a;
	b.nodes[1].up = false;
	b.nodes[2].rgmd = false;
	membership_stamp(&a, &b, 200);
	CU_ASSERT_EQUAL(b.nodes[0].up_since, 100);
	CU_ASSERT_EQUAL(b.nodes[1].up_since, 0);
	CU_ASSERT_EQUAL(b.nodes[2].up_since, 0);
	a = b;
	b.nodes[1].up = b.nodes[2].rgmd = true;
	membership_stamp(&a, &b, 300);
	CU_ASSERT_EQUAL(b.nodes[0].up_since, 100);
	CU_ASSERT_EQUAL(b.nodes[1].up_since, 300);
	CU_ASSERT_EQUAL(b.nodes[2].up_since, 300);
}

/* CPG's members are joined and up, whatever the node list said last (a
 * node back from a partition: CPG's news first); the others are not
 * joined, their up left to the node list; unknown ids ignored. */
static void
test_set_joined(void)
{
	const uint32_t ids[] = { 3, 1, 99 };

	three(&a);
	a.nodes[1].up = a.nodes[2].up = false;
	membership_set_joined(&a, ids, 3);
	CU_ASSERT(a.nodes[0].up && a.nodes[0].rgmd);
	CU_ASSERT(!a.nodes[1].up && !a.nodes[1].rgmd);
	CU_ASSERT(a.nodes[2].up && a.nodes[2].rgmd);
	CU_ASSERT_EQUAL(a.n, 3);
	/* A member gone from CPG, still in the node list: up, not joined. */
	membership_set_joined(&a, ids + 1, 1);
	CU_ASSERT(a.nodes[2].up && !a.nodes[2].rgmd);
	CU_ASSERT(a.nodes[0].rgmd);
}

/* A node whose rgmd died (its services may run on) leaves the engine's
 * membership later: that is a leave too, NODEDOWN, so the rows kept for it
 * go and its groups may fail over. Not when our own engine is gone. */
static void
test_diff_rgmd_then_node(void)
{
	three(&a);
	a.nodes[1].rgmd = false;
	a.nodes[1].reason = MEMBERSHIP_REASON_PROCDOWN;
	b = a;
	b.nodes[1].up = false;
	CU_ASSERT_EQUAL_FATAL(membership_diff(&a, &b, ev, 16), 1);
	CU_ASSERT_EQUAL(ev[0].kind, MEMBERSHIP_EV_LEFT);
	CU_ASSERT_EQUAL(ev[0].node_id, 2);
	CU_ASSERT_STRING_EQUAL(ev[0].node_name, "n2");
	CU_ASSERT_EQUAL(ev[0].reason, MEMBERSHIP_REASON_NODEDOWN);
	/* Gone from the list altogether: the same. */
	b = a;
	b.nodes[1] = b.nodes[2];
	b.n = 2;
	CU_ASSERT_EQUAL_FATAL(membership_diff(&a, &b, ev, 16), 1);
	CU_ASSERT_EQUAL(ev[0].node_id, 2);
	CU_ASSERT_EQUAL(ev[0].reason, MEMBERSHIP_REASON_NODEDOWN);
	/* Its rgmd's leave said NODEDOWN already (CPG before the engine's
	 * own membership): no second leave. */
	b = a;
	b.nodes[1].reason = MEMBERSHIP_REASON_NODEDOWN;
	a.nodes[1].reason = MEMBERSHIP_REASON_NODEDOWN;
	b.nodes[1].up = false;
	CU_ASSERT_EQUAL(membership_diff(&a, &b, ev, 16), 0);
	a.nodes[1].reason = MEMBERSHIP_REASON_PROCDOWN;
	/* Already down: nothing new. */
	b = a;
	b.nodes[1].up = false;
	CU_ASSERT_EQUAL(membership_diff(&b, &b, ev, 16), 0);
	/* Our engine lost: only the engine event and the others' leaves. */
	b = a;
	b.connected = false;
	for (size_t i = 0; i < 3; i++)
		b.nodes[i].up = b.nodes[i].rgmd = false;
	CU_ASSERT_EQUAL_FATAL(membership_diff(&a, &b, ev, 16), 3);
	CU_ASSERT_EQUAL(ev[0].kind, MEMBERSHIP_EV_ENGINE);
	CU_ASSERT_EQUAL(ev[1].node_id, 1);
	CU_ASSERT_EQUAL(ev[2].node_id, 3);
}

/* The engine lost: that first, then the leaves, then quorum. */
static void
test_diff_engine_lost(void)
{
	three(&a);
	three(&b);
	b.connected = b.quorate = false;
	snprintf(b.fault, sizeof(b.fault), "gone");
	for (size_t i = 0; i < 3; i++) {
		b.nodes[i].rgmd = false;
		b.nodes[i].reason = MEMBERSHIP_REASON_LOCAL_FAULT;
	}
	CU_ASSERT_EQUAL_FATAL(membership_diff(&a, &b, ev, 16), 5);
	CU_ASSERT_EQUAL(ev[0].kind, MEMBERSHIP_EV_ENGINE);
	CU_ASSERT_FALSE(ev[0].connected);
	CU_ASSERT_STRING_EQUAL(ev[0].fault, "gone");
	for (size_t i = 1; i < 4; i++) {
		CU_ASSERT_EQUAL(ev[i].kind, MEMBERSHIP_EV_LEFT);
		CU_ASSERT_EQUAL(ev[i].reason, MEMBERSHIP_REASON_LOCAL_FAULT);
	}
	CU_ASSERT_EQUAL(ev[4].kind, MEMBERSHIP_EV_QUORUM);
	CU_ASSERT_FALSE(ev[4].quorate);
	/* And back: joins, quorum, then the engine line last. */
	CU_ASSERT_EQUAL_FATAL(membership_diff(&b, &a, ev, 16), 5);
	CU_ASSERT_EQUAL(ev[0].kind, MEMBERSHIP_EV_JOINED);
	CU_ASSERT_EQUAL(ev[3].kind, MEMBERSHIP_EV_QUORUM);
	CU_ASSERT_TRUE(ev[3].quorate);
	CU_ASSERT_EQUAL(ev[4].kind, MEMBERSHIP_EV_ENGINE);
	CU_ASSERT_TRUE(ev[4].connected);
}

static void
test_diff_bounded(void)
{
	memset(&a, 0, sizeof(a));
	three(&b);
	CU_ASSERT_EQUAL(membership_diff(&a, &b, ev, 2), 2);
	CU_ASSERT_EQUAL(ev[1].node_id, 2);
}

static void
test_diff_quorum_only(void)
{
	three(&a);
	three(&b);
	b.quorate = false;
	CU_ASSERT_EQUAL_FATAL(membership_diff(&a, &b, ev, 16), 1);
	CU_ASSERT_EQUAL(ev[0].kind, MEMBERSHIP_EV_QUORUM);
}

static int
keys(struct membership_view *v, const char *const *kv)
{
	int r = 0;

	memset(v, 0, sizeof(*v));
	err[0] = '\0';
	for (; kv[0] != NULL && r != -1; kv += 2)
		r = membership_nodelist_key(v, kv[0], kv[1], err, sizeof(err));
	if (r == -1)
		return -1;
	return membership_nodelist_check(v, err, sizeof(err));
}

static void
test_nodelist_good(void)
{
	static const char *const kv[] = {
		"nodelist.local_node_pos", "1",
		"nodelist.node.0.name", "alpha",
		"nodelist.node.0.nodeid", "7",
		"nodelist.node.0.ring0_addr", "10.0.0.7",
		"nodelist.node.1.nodeid", "3",
		"nodelist.node.1.ring0_addr", "10.0.0.3",
		"nodelist.node.1.ring1_addr", "10.1.0.3",
		"nodelist.node.2.ring0_addr", "gamma",
		"nodelist.node.2.name", "beta",
		"nodelist.node.2.nodeid", "5",
		NULL,
	};

	CU_ASSERT_EQUAL_FATAL(keys(&a, kv), 0);
	CU_ASSERT_EQUAL_FATAL(a.n, 3);
	CU_ASSERT_EQUAL(a.nodes[0].id, 3);
	CU_ASSERT_STRING_EQUAL(a.nodes[0].name, "10.0.0.3");
	CU_ASSERT_EQUAL(a.nodes[1].id, 5);
	CU_ASSERT_STRING_EQUAL(a.nodes[1].name, "beta");
	CU_ASSERT_EQUAL(a.nodes[2].id, 7);
	CU_ASSERT_STRING_EQUAL(a.nodes[2].name, "alpha");
	CU_ASSERT_PTR_NOT_NULL(membership_view_find(&a, 5));
	CU_ASSERT_PTR_NULL(membership_view_find(&a, 4));
	CU_ASSERT_EQUAL(membership_view_find_name(&a, "alpha")->id, 7);
	CU_ASSERT_PTR_NULL(membership_view_find_name(&a, "alph"));
}

static void
refused(const char *k1, const char *v1, const char *k2, const char *v2,
    const char *why)
{
	const char *kv[] = { "nodelist.node.0.name", "n1",
		"nodelist.node.0.nodeid", "1", k1, v1, k2, v2, NULL };

	if (k2 == NULL)
		kv[6] = NULL;
	CU_ASSERT_EQUAL(keys(&a, kv), -1);
	TU_ASSERT_HAS(err, why);
}

static void
test_nodelist_refused(void)
{
	refused("nodelist.node.1.nodeid", "0", NULL, NULL, "not a number");
	refused("nodelist.node.1.nodeid", "-2", NULL, NULL, "not a number");
	refused("nodelist.node.1.nodeid", "4294967296", NULL, NULL,
	    "not a number");
	refused("nodelist.node.1.nodeid", "3x", NULL, NULL, "not a number");
	refused("nodelist.node.1.name", "a b", NULL, NULL, "has a blank");
	refused("nodelist.node.1.name", "", NULL, NULL, "is empty");
	refused("nodelist.node.1.name", "n2", NULL, NULL,
	    "nodelist.node.1 has no nodeid");
	refused("nodelist.node.1.nodeid", "2", NULL, NULL,
	    "nodelist.node.1 has no name or ring0_addr");
	refused("nodelist.node.1.name", "n1", "nodelist.node.1.nodeid", "2",
	    "have the same name");
	refused("nodelist.node.1.name", "n2", "nodelist.node.1.nodeid", "1",
	    "have the same nodeid");
	refused("nodelist.node.64.name", "n65", NULL, NULL, "more than 64");
}

static void
test_nodelist_foreign_keys(void)
{
	static const char *const kv[] = {
		"nodelist.node.x.name", "a",
		"nodelist.node.0", "a",
		"nodelist.node.0.", "a",
		"nodelist.nodes.0.name", "a",
		"totem.token", "300",
		"nodelist.node.0.name", "n1",
		"nodelist.node.0.nodeid", "1",
		"nodelist.node.0.quorum_votes", "2",
		NULL,
	};

	CU_ASSERT_EQUAL_FATAL(keys(&a, kv), 0);
	CU_ASSERT_EQUAL(a.n, 1);
	CU_ASSERT_STRING_EQUAL(a.nodes[0].name, "n1");
}

/* ---- the send queue (membership.c): a backend under flow control ---- */

static int fake_again;		/* EAGAIN for this many more sends */
static char fake_sent[8][8];
static size_t fake_n;

static void
fake_publish(bool connected)
{
	struct membership_view v = { .connected = connected, .local_id = 1 };

	membership_publish(&v);
}

static int
fake_start(const char *local_node)
{
	(void)local_node;
	fake_publish(true);
	return 0;
}

static void
fake_stop(void)
{
}

static int
fake_send(const void *msg, size_t len)
{
	if (fake_again > 0) {
		fake_again--;
		errno = EAGAIN;
		return -1;
	}
	if (fake_n < 8)
		snprintf(fake_sent[fake_n], sizeof(fake_sent[0]), "%.*s",
		    (int)len, (const char *)msg);
	fake_n++;
	return 0;
}

static const struct membership_backend fake_backend = {
	.name = "fake", .start = fake_start, .stop = fake_stop,
	.send = fake_send,
};

static void
test_send_queue(void)
{
	fake_loop_reset();
	fake_n = 0;
	fake_again = 2;
	CU_ASSERT_EQUAL_FATAL(membership_start_with(&fake_backend, "n1",
	    &(const struct membership_hooks){ 0 }), 0);
	/* Flow control: queued, in order, nothing lost, no waiting. */
	CU_ASSERT_EQUAL(membership_send("a", 1), 0);
	CU_ASSERT_EQUAL(membership_send("b", 1), 0);
	CU_ASSERT_EQUAL(fake_n, 0);
	fake_loop_advance(5);		/* still EAGAIN once */
	CU_ASSERT_EQUAL(fake_n, 0);
	fake_loop_advance(5);
	CU_ASSERT_EQUAL_FATAL(fake_n, 2);
	CU_ASSERT_STRING_EQUAL(fake_sent[0], "a");
	CU_ASSERT_STRING_EQUAL(fake_sent[1], "b");
	CU_ASSERT_EQUAL(fake_loop_timers(), 0);
	/* Nothing queued: sent at once. */
	CU_ASSERT_EQUAL(membership_send("c", 1), 0);
	CU_ASSERT_EQUAL_FATAL(fake_n, 3);
	CU_ASSERT_STRING_EQUAL(fake_sent[2], "c");
	/* The connection lost: what waited is dropped, not sent later. */
	fake_again = 100;
	CU_ASSERT_EQUAL(membership_send("d", 1), 0);
	fake_publish(false);
	fake_again = 0;
	fake_loop_advance(50);
	CU_ASSERT_EQUAL(fake_n, 3);
	CU_ASSERT_EQUAL(membership_send("e", 1), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	membership_stop();
	fake_loop_reset();
}

int
tu_suite_membership(void)
{
	static const struct tu_test tests[] = {
		{ "diff of equal views", test_diff_equal },
		{ "left before joined, reason kept", test_diff_left_then_joined },
		{ "node gone from the list", test_diff_node_removed },
		{ "rgmd died, then the node: a second leave",
		    test_diff_rgmd_then_node },
		{ "engine lost and back", test_diff_engine_lost },
		{ "up since, across leaves and joins", test_stamp },
		{ "CPG's members are joined and up", test_set_joined },
		{ "event array bound", test_diff_bounded },
		{ "quorum only", test_diff_quorum_only },
		{ "nodelist from cmap keys", test_nodelist_good },
		{ "bad nodelists refused", test_nodelist_refused },
		{ "foreign keys ignored", test_nodelist_foreign_keys },
		{ "send queue under flow control", test_send_queue },
		{ NULL, NULL },
	};

	return tu_add_suite("membership", NULL, NULL, tests);
}
