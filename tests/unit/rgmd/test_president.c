// SPDX-License-Identifier: MIT
/*
 * test_president.c - suite "president": the decisions of president.c on
 * one rgmd (this process: cluster.c, cluster_state.c, president.c, the
 * engine on the fake launcher) in a fake cluster. The other nodes are bare
 * replication engines (repl.c) joined to it by an in-memory bus that
 * delivers every message to every member in one order, as CPG does; the
 * membership view is set by the tests through a fake backend
 * (membership_start_with). The peers send state reports as real nodes do
 * (cluster_state.c's text) and record the ORDERs they receive. Proves:
 * the president is the lowest id among the rgmd members; it orders
 * nothing until every member reported; a group stopped somewhere is not
 * started elsewhere in the same order; without quorum a node stops what it
 * hosts, the president orders nothing and orders are not followed; when
 * the president dies the next one orders the failover at once.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "cluster_state.h"
#include "fake.h"
#include "membership.h"
#include "president.h"
#include "repl.h"
#include "state.h"
#include "tu.h"

#define NN	3
#define QMAX	1024

struct peer {
	struct repl	 r;
	uint64_t	 gen, sum;
	char		 orders[4096];	/* every ORDER text received */
};

struct qmsg {
	uint32_t	 sender;
	uint8_t		*buf;
	size_t		 len;
};

static struct peer peers[NN + 1];	/* by node id; the local one unused */
static bool in_group[NN + 1];
static uint32_t local_id;
static struct qmsg queue[QMAX];
static size_t q_head, q_tail;
static struct membership_view view;
/* The group of the test: a name of its own in each test, as president.c
 * keeps its last order and the groups' last hosts for the process's life
 * (one rgmd's). */
static char grp[16];

static void
enqueue(uint32_t sender, const void *buf, size_t len)
{
	CU_ASSERT_FATAL(q_tail < QMAX);
	queue[q_tail].sender = sender;
	queue[q_tail].buf = malloc(len);
	CU_ASSERT_FATAL(queue[q_tail].buf != NULL);
	memcpy(queue[q_tail].buf, buf, len);
	queue[q_tail++].len = len;
}

/* ---- the local rgmd's backend and hooks ---- */

static int
fb_start(const char *local_node)
{
	(void)local_node;
	return 0;
}

static void
fb_stop(void)
{
}

static int
fb_send(const void *msg, size_t len)
{
	enqueue(local_id, msg, len);
	return 0;
}

static const struct membership_backend fake_backend = {
	.name = "corosync", .start = fb_start, .stop = fb_stop,
	.send = fb_send,
};

static void
on_event(const struct membership_event *ev, void *arg)
{
	(void)arg;
	cluster_on_event(ev);
}

static void
on_deliver(uint32_t node_id, uint32_t pid, const void *msg, size_t len,
    void *arg)
{
	(void)arg;
	cluster_on_deliver(node_id, pid, msg, len);
}

/* ---- the peers' replication callbacks ---- */

static int
p_send(void *arg, const struct iovec *iov, int n)
{
	struct peer *p = arg;
	uint8_t buf[65536];
	size_t len = 0;

	for (int i = 0; i < n; i++) {
		CU_ASSERT_FATAL(len + iov[i].iov_len <= sizeof(buf));
		memcpy(buf + len, iov[i].iov_base, iov[i].iov_len);
		len += iov[i].iov_len;
	}
	enqueue((uint32_t)(p - peers), buf, len);
	return 0;
}

static uint64_t
p_generation(void *arg)
{
	return ((struct peer *)arg)->gen;
}

static uint64_t
p_checksum(void *arg)
{
	return ((struct peer *)arg)->sum;
}

static char *
p_dump(void *arg, size_t *len)
{
	(void)arg;
	*len = 0;
	return NULL;
}

static int
p_install(void *arg, const char *text, size_t len, uint64_t gen,
    uint64_t sum, char *err, size_t errlen)
{
	(void)text;
	(void)len;
	(void)err;
	(void)errlen;
	((struct peer *)arg)->gen = gen;
	((struct peer *)arg)->sum = sum;
	return 0;
}

static int
p_apply(void *arg, uint32_t origin, const char *req, size_t len, char *err,
    size_t errlen)
{
	(void)origin;
	(void)req;
	(void)len;
	(void)err;
	(void)errlen;
	((struct peer *)arg)->gen++;
	return 0;
}

static void
p_done(void *arg, uint64_t id, enum repl_outcome o, const char *reason)
{
	(void)arg;
	(void)id;
	(void)o;
	(void)reason;
}

static void
p_order(void *arg, uint32_t origin, uint64_t gen, const char *text,
    size_t len)
{
	struct peer *p = arg;
	size_t l = strlen(p->orders);

	(void)origin;
	(void)gen;
	snprintf(p->orders + l, sizeof(p->orders) - l, "%.*s|", (int)len,
	    text);
}

static const struct repl_ops peer_ops = {
	.send = p_send, .generation = p_generation, .checksum = p_checksum,
	.dump = p_dump, .install = p_install, .apply = p_apply,
	.done = p_done, .order = p_order,
};

/* ---- the bus ---- */

/* One loop round of the local rgmd: what it does before sleeping. */
static void
local_round(void)
{
	cluster_state_before_sleep();
	president_before_sleep();
}

/* Deliver every message (and those they cause) to every group member,
 * the sender included, in one order. */
static void
pump(void)
{
	local_round();
	while (q_head < q_tail) {
		struct qmsg m = queue[q_head++];

		for (uint32_t id = 1; id <= NN; id++) {
			if (!in_group[id])
				continue;
			if (id == local_id)
				membership_deliver(m.sender, 1, m.buf, m.len);
			else
				repl_deliver(&peers[id].r, m.sender, m.buf,
				    m.len);
		}
		free(m.buf);
		local_round();
	}
	q_head = q_tail = 0;
}

/*
 * The membership: "rgmd" lists the nodes whose rgmd is in the group (the
 * local one among them), "up" those in corosync's membership (a node with
 * its rgmd alone gone is up and not in rgmd); quorate as said.
 */
static void
set_members(const bool *joined, const bool *up, bool quorate)
{
	uint32_t m[NN];
	size_t n = 0;
	bool changed = false;

	view.n = NN;
	view.local_id = local_id;
	view.connected = true;
	view.quorate = quorate;
	for (uint32_t id = 1; id <= NN; id++) {
		struct membership_node *nd = &view.nodes[id - 1];

		nd->id = id;
		snprintf(nd->name, sizeof(nd->name), "node%u", id);
		nd->up = up[id];
		nd->rgmd = joined[id];
		nd->votes = 1;
		if (!joined[id] && in_group[id])
			nd->reason = up[id] ? MEMBERSHIP_REASON_PROCDOWN :
			    MEMBERSHIP_REASON_NODEDOWN;
		if (joined[id])
			m[n++] = id;
	}
	/* The group's membership changes (a CPG configuration change) only
	 * when an rgmd joins or leaves. */
	for (uint32_t id = 1; id <= NN; id++)
		if (in_group[id] != joined[id])
			changed = true;
	for (uint32_t id = 1; id <= NN; id++) {
		bool was = in_group[id];

		in_group[id] = joined[id];
		if (id == local_id || !joined[id])
			continue;
		if (!was)
			repl_init(&peers[id].r, id, &peer_ops, &peers[id]);
		repl_set_quorate(&peers[id].r, quorate);
		if (changed)
			repl_confchg(&peers[id].r, m, n);
	}
	membership_publish(&view);
	pump();
}

static void
all_members(void)
{
	static const bool yes[NN + 1] = { false, true, true, true };

	set_members(yes, yes, true);
}

/* A state report of peer ID: the test's group in that state. */
static void
report(uint32_t id, const char *state)
{
	char text[256];
	int n = snprintf(text, sizeof(text), "rg\t%s\t%s\t0\n", grp, state);

	CU_ASSERT_EQUAL_FATAL(repl_report_state(&peers[id].r, text,
	    (size_t)n), 0);
	pump();
}

/* Peer ID as president would: an ORDER from it. */
static void
order_from(uint32_t id, const char *text)
{
	CU_ASSERT_EQUAL_FATAL(repl_send_order(&peers[id].r, text,
	    strlen(text)), 0);
	pump();
}

/* ---- set-up: this rgmd is node LOCAL, group NAME with that Nodelist ---- */

static void
start(uint32_t local, const char *name, const char *nodelist,
    const char *extra)
{
	char err[512], *nodes[NN], *list = strdup(nodelist), *s = list, *tok;
	size_t n = 0;
	static const char *const res[] = { "r1" };

	CU_ASSERT_EQUAL_FATAL(tu_rig_setup(), 0);
	membership_stop();
	local_id = local;
	snprintf(rgmd.conf.node_name, sizeof(rgmd.conf.node_name), "node%u",
	    local);
	memset(peers, 0, sizeof(peers));
	memset(in_group, 0, sizeof(in_group));
	memset(&view, 0, sizeof(view));
	q_head = q_tail = 0;
	cluster_init("corosync");
	CU_ASSERT_EQUAL_FATAL(membership_start_with(&fake_backend,
	    rgmd.conf.node_name, &(const struct membership_hooks){
	    .event = on_event, .deliver = on_deliver }), 0);
	snprintf(grp, sizeof(grp), "%s", name);
	CU_ASSERT_EQUAL_FATAL(tu_rig_group(grp, res, 1), 0);
	while ((tok = strsep(&s, ",")) != NULL && n < NN)
		nodes[n++] = tok;
	CU_ASSERT_EQUAL_FATAL(ccr_group_change(rgmd.ccr, grp, nodes, n,
	    extra ? TU_ASSIGN(extra) : TU_NONE, err, sizeof(err)), 0);
	free(list);
	rgmd.ccr->generation = 3;
}

static void
stop(void)
{
	/* The local engine gone: cluster.c forgets the group's members, as
	 * after a corosync restart, so the next test starts a fresh round. */
	view.connected = false;
	for (size_t i = 0; i < view.n; i++)
		view.nodes[i].up = view.nodes[i].rgmd = false;
	membership_publish(&view);
	for (uint32_t id = 1; id <= NN; id++)
		if (id != local_id && in_group[id])
			repl_free(&peers[id].r);
	while (q_head < q_tail)
		free(queue[q_head++].buf);
	q_head = q_tail = 0;
	membership_stop();
	cluster_state_reset();
	cluster_shutdown();
	tu_rig_teardown();
}

/* What peer ID received as ORDERs ("text|text|"). */
static const char *
orders(uint32_t id)
{
	return peers[id].orders;
}

/* ---- tests ---- */

static void
test_lowest_rgmd_member(void)
{
	bool in_rgmd[NN + 1] = { false, true, true, true };
	bool up[NN + 1] = { false, true, true, true };

	start(2, "ga", "node1,node2,node3", NULL);
	all_members();
	CU_ASSERT_FALSE(president_is_me());
	/* Node 1's rgmd dies, the node stays: node 2 is the lowest member. */
	in_rgmd[1] = false;
	set_members(in_rgmd, up, true);
	CU_ASSERT_TRUE(president_is_me());
	/* Back: node 1 again. */
	in_rgmd[1] = true;
	set_members(in_rgmd, up, true);
	CU_ASSERT_FALSE(president_is_me());
	/* Node 1 down altogether, node 3 too: node 2. */
	in_rgmd[1] = up[1] = in_rgmd[3] = up[3] = false;
	set_members(in_rgmd, up, true);
	CU_ASSERT_TRUE(president_is_me());
	stop();
}

static void
test_waits_for_every_report(void)
{
	start(1, "gb", "node2,node3", NULL);
	all_members();
	CU_ASSERT_TRUE(president_is_me());
	CU_ASSERT_STRING_EQUAL(orders(2), "");
	report(2, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "");
	CU_ASSERT_STRING_EQUAL(orders(3), "");
	report(3, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "start\tgb\tnode2\n|");
	CU_ASSERT_STRING_EQUAL(orders(3), "start\tgb\tnode2\n|");
	/* The same placement again orders nothing new. */
	report(3, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "start\tgb\tnode2\n|");
	stop();
}

static void
test_no_start_with_its_stop(void)
{
	/* g1 runs on node3; Failback moves it to node2, the first of its
	 * Nodelist: the stop comes first, the start once node3 says
	 * Offline. */
	start(1, "gc", "node2,node3", "Failback=TRUE");
	all_members();
	report(2, "Offline");
	report(3, "Online");
	CU_ASSERT_STRING_EQUAL(orders(2), "stop\tgc\tnode3\n|");
	report(3, "Pending_offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "stop\tgc\tnode3\n|");
	report(3, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2),
	    "stop\tgc\tnode3\n|start\tgc\tnode2\n|");
	stop();
}

static void
test_quorum_loss(void)
{
	bool in_rgmd[NN + 1] = { false, true, true, false };
	bool up[NN + 1] = { false, true, true, false };

	start(1, "gd", "node1,node2", NULL);
	all_members();
	report(2, "Offline");
	report(3, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "start\tgd\tnode1\n|");
	fake_launcher_succeed_all(100);
	pump();
	CU_ASSERT_EQUAL(state_rg("gd")->state, RG_ONLINE);
	/* Quorum lost: this node stops g1, and nobody is ordered to start
	 * it (node 2 is a member, but the partition has no quorum). */
	set_members(in_rgmd, up, false);
	CU_ASSERT_TRUE(fake_launcher_pending() > 0);
	fake_launcher_succeed_all(100);
	pump();
	CU_ASSERT_EQUAL(state_rg("gd")->state, RG_OFFLINE);
	report(2, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "start\tgd\tnode1\n|");
	/* An order in a partition without quorum is not followed. */
	order_from(2, "start\tgd\tnode1\n");
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	CU_ASSERT_EQUAL(state_rg("gd")->state, RG_OFFLINE);
	stop();
}

/* Quorum lost while the group's start is under way here: the stop comes
 * once the start has ended (nobody would order it later: a partition
 * without quorum has no president). */
static void
test_quorum_loss_mid_start(void)
{
	bool in_rgmd[NN + 1] = { false, true, true, false };
	bool up[NN + 1] = { false, true, true, false };

	start(1, "gm", "node1,node2", NULL);
	all_members();
	report(2, "Offline");
	report(3, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "start\tgm\tnode1\n|");
	CU_ASSERT_TRUE(fake_launcher_pending() > 0);
	set_members(in_rgmd, up, false);
	while (fake_launcher_pending() > 0) {
		fake_launcher_succeed_all(100);
		pump();
	}
	CU_ASSERT_EQUAL(state_rg("gm")->state, RG_OFFLINE);
	stop();
}

static void
test_president_dies(void)
{
	bool in_rgmd[NN + 1] = { false, false, true, true };
	bool up[NN + 1] = { false, false, true, true };

	/* g1 runs on node1, the president; node1 dies: this node (2) is
	 * president at once and starts g1 here, with the reports it has. */
	start(2, "ge", "node1,node2,node3", NULL);
	all_members();
	report(1, "Online");
	report(3, "Offline");
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	set_members(in_rgmd, up, true);
	CU_ASSERT_TRUE(president_is_me());
	CU_ASSERT_STRING_EQUAL(orders(3), "start\tge\tnode2\n|");
	CU_ASSERT_TRUE(fake_launcher_pending() > 0);
	fake_launcher_succeed_all(100);
	pump();
	CU_ASSERT_EQUAL(state_rg("ge")->state, RG_ONLINE);
	stop();
}

static void
test_rgmd_gone_keeps_groups(void)
{
	bool in_rgmd[NN + 1] = { false, true, true, false };
	bool up[NN + 1] = { false, true, true, true };

	/* g1 runs on node3; node3's rgmd dies while the node stays: its
	 * services may still run, so the president starts g1 nowhere. */
	start(1, "gf", "node3,node2", NULL);
	all_members();
	report(2, "Offline");
	report(3, "Online");
	CU_ASSERT_STRING_EQUAL(orders(2), "");
	set_members(in_rgmd, up, true);
	report(2, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "");
	/* The node itself gone: g1 fails over to node2. */
	up[3] = false;
	set_members(in_rgmd, up, true);
	CU_ASSERT_STRING_EQUAL(orders(2), "start\tgf\tnode2\n|");
	stop();
}

static void
test_order_before_quorum(void)
{
	bool all[NN + 1] = { false, true, true, true };
	bool alone[NN + 1] = { false, false, false, true };
	bool no2[NN + 1] = { false, true, false, true };

	/* This node (3) was cut off and is back: its rgmd is in the group
	 * again and node 1, the president, orders gh here before corosync
	 * told this node that it is quorate (quorum comes on a connection
	 * of its own, CPG's joins on another): not followed then, but once
	 * quorum comes in the same view. The president does not send the
	 * same order twice: dropped, gh stayed offline everywhere
	 * (cluster_fencing.sh, once under load). */
	start(3, "gh", "node3,node1,node2", NULL);
	all_members();
	set_members(alone, alone, false);
	set_members(all, all, false);
	order_from(1, "start\tgh\tnode3\n");
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	set_members(all, all, true);
	CU_ASSERT_TRUE(fake_launcher_pending() > 0);
	fake_launcher_succeed_all(100);
	pump();
	CU_ASSERT_EQUAL(state_rg("gh")->state, RG_ONLINE);
	stop();

	/* Kept for its view only: a member left before quorum came, the
	 * president computes again for the new view. */
	start(3, "gi", "node3,node1,node2", NULL);
	all_members();
	set_members(alone, alone, false);
	set_members(all, all, false);
	order_from(1, "start\tgi\tnode3\n");
	set_members(no2, no2, false);
	set_members(no2, no2, true);
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	CU_ASSERT_EQUAL(state_rg("gi")->state, RG_OFFLINE);
	stop();

	/* Nor from a node that is not the president (the lowest member). */
	start(3, "gj", "node3,node1,node2", NULL);
	all_members();
	set_members(alone, alone, false);
	set_members(all, all, false);
	order_from(2, "start\tgj\tnode3\n");
	set_members(all, all, true);
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	CU_ASSERT_EQUAL(state_rg("gj")->state, RG_OFFLINE);
	stop();
}

/* An order still wanted PRESIDENT_RESEND_MS later (its node dropped it)
 * is sent again; not before, and not once it is carried out. */
static void
test_order_sent_again(void)
{
	start(1, "gk", "node2,node3", NULL);
	all_members();
	report(2, "Offline");
	report(3, "Offline");
	CU_ASSERT_STRING_EQUAL(orders(2), "start\tgk\tnode2\n|");
	fake_loop_advance(PRESIDENT_RESEND_MS / 2);
	pump();
	CU_ASSERT_STRING_EQUAL(orders(2), "start\tgk\tnode2\n|");
	fake_loop_advance(PRESIDENT_RESEND_MS / 2);
	pump();
	CU_ASSERT_STRING_EQUAL(orders(2),
	    "start\tgk\tnode2\n|start\tgk\tnode2\n|");
	report(2, "Online");
	fake_loop_advance(2 * PRESIDENT_RESEND_MS);
	pump();
	CU_ASSERT_STRING_EQUAL(orders(2),
	    "start\tgk\tnode2\n|start\tgk\tnode2\n|");
	stop();
}

static const struct tu_test tests[] = {
	{ "the president is the lowest id among rgmd members",
	    test_lowest_rgmd_member },
	{ "nothing is ordered before every member reported",
	    test_waits_for_every_report },
	{ "a stop and the start elsewhere are two orders",
	    test_no_start_with_its_stop },
	{ "quorum lost: stop here, order nothing, obey nobody",
	    test_quorum_loss },
	{ "quorum lost during a start here: stopped once started",
	    test_quorum_loss_mid_start },
	{ "the president dies: the next one orders the failover at once",
	    test_president_dies },
	{ "rgmd gone, node up: its groups start nowhere else",
	    test_rgmd_gone_keeps_groups },
	{ "an order delivered before quorum is followed when quorum comes",
	    test_order_before_quorum },
	{ "an order not carried out is sent again", test_order_sent_again },
	{ NULL, NULL },
};

int
tu_suite_president(void)
{
	return tu_add_suite("president", NULL, NULL, tests);
}
