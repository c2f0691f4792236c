// SPDX-License-Identifier: MIT
/*
 * membership_corosync.c - the corosync membership backend of rgmd, run in
 * rgmd's event loop (its CPG and quorum file descriptors are loop fds).
 *
 *   cmap        the node list (names and ids of corosync's nodelist) and
 *               the check that rgmd.conf's node_name is this node's name
 *   CPG         the group "rgmd": which nodes run an rgmd (per process:
 *               an rgmd restart is a leave then a join) and rgmd's own
 *               messages, multicast in AGREED order
 *   quorum      quorate yes/no and the nodes in corosync's membership
 *   votequorum  the votes (expected, total, needed) for scstat -q, read
 *               again when they change (corosync-quorumtool -e / -v)
 *
 * DESIGN: the local corosync going away (an error from dispatch, a hang-up
 * on its socket, or no corosync at start) is a fault of this node: the
 * view becomes "not connected, not quorate, every rgmd left (local
 * fault)", which rgmd logs and treats as a loss of quorum; a timer then
 * tries to connect every RETRY_MS until corosync answers again, and the
 * first notifications after that give the fresh view.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/uio.h>

#include <corosync/cmap.h>
#include <corosync/cpg.h>
#include <corosync/quorum.h>
#include <corosync/votequorum.h>

#include "log.h"
#include "loop.h"
#include "membership.h"

#define RETRY_MS	500
#define GROUP_NAME	"rgmd"

static struct {
	char		 local[MEMBERSHIP_NAME_MAX];
	struct membership_view v;
	cpg_handle_t	 cpg;
	quorum_handle_t	 q;
	votequorum_handle_t vq;
	cmap_handle_t	 cmap;
	bool		 has_cpg, has_q, has_vq, has_cmap;
	int		 cpg_fd, q_fd, vq_fd;
	struct loop_timer *retry;
	bool		 running;
	unsigned	 failures;	/* connection attempts in a row */
	/* The rings of the last quorum and node list notifications. */
	struct quorum_ring_id quorum_ring, nodelist_ring;
	bool		 has_quorum_ring, has_nodelist_ring;
} cs = { .cpg_fd = -1, .q_fd = -1, .vq_fd = -1 };

static void
note_ring(struct quorum_ring_id *to, bool *has, struct quorum_ring_id ring)
{
	*to = ring;
	*has = true;
	cs.v.settled = cs.has_quorum_ring && cs.has_nodelist_ring &&
	    cs.quorum_ring.nodeid == cs.nodelist_ring.nodeid &&
	    cs.quorum_ring.seq == cs.nodelist_ring.seq;
}

/* Which connection a loop callback is for. */
enum conn { CONN_CPG, CONN_QUORUM, CONN_VOTEQUORUM };
static enum conn conn_tag[] = { CONN_CPG, CONN_QUORUM,
	CONN_VOTEQUORUM };
static const char *const conn_name[] = { "CPG", "quorum", "votequorum" };

static void connect_now(void *arg);

/* One cmap value as text (the types a nodelist holds). */
static int
cmap_text(const char *key, cmap_value_types_t type, char *buf, size_t len)
{
	union { uint64_t u64; int64_t i64; uint32_t u32; int32_t i32;
		uint16_t u16; int16_t i16; uint8_t u8; int8_t i8; } u;
	size_t sz = sizeof(u);
	char *s = NULL;

	if (type == CMAP_VALUETYPE_STRING) {
		if (cmap_get_string(cs.cmap, key, &s) != CS_OK)
			return -1;
		snprintf(buf, len, "%s", s);
		free(s);
		return 0;
	}
	memset(&u, 0, sizeof(u));
	if (cmap_get(cs.cmap, key, &u, &sz, &type) != CS_OK)
		return -1;
	switch (type) {
	case CMAP_VALUETYPE_UINT8: snprintf(buf, len, "%u", u.u8); break;
	case CMAP_VALUETYPE_UINT16: snprintf(buf, len, "%u", u.u16); break;
	case CMAP_VALUETYPE_UINT32: snprintf(buf, len, "%" PRIu32, u.u32);
		break;
	case CMAP_VALUETYPE_UINT64: snprintf(buf, len, "%" PRIu64, u.u64);
		break;
	case CMAP_VALUETYPE_INT8: snprintf(buf, len, "%d", u.i8); break;
	case CMAP_VALUETYPE_INT16: snprintf(buf, len, "%d", u.i16); break;
	case CMAP_VALUETYPE_INT32: snprintf(buf, len, "%" PRId32, u.i32);
		break;
	case CMAP_VALUETYPE_INT64: snprintf(buf, len, "%" PRId64, u.i64);
		break;
	default: snprintf(buf, len, "?"); break;
	}
	return 0;
}

/* The nodelist from cmap into nv (nodes only, sorted by id). */
static int
read_nodelist(struct membership_view *nv, char *err, size_t errlen)
{
	cmap_iter_handle_t it;
	char key[CMAP_KEYNAME_MAXLEN + 1], val[256];
	size_t len;
	cmap_value_types_t type;
	cs_error_t rc;
	int r = 0;

	nv->n = 0;
	if ((rc = cmap_iter_init(cs.cmap, "nodelist.node.", &it)) != CS_OK) {
		snprintf(err, errlen, "cmap: cannot read the nodelist (%d)",
		    rc);
		return -1;
	}
	while (r != -1 && cmap_iter_next(cs.cmap, it, key, &len, &type) ==
	    CS_OK) {
		if (cmap_text(key, type, val, sizeof(val)) == -1)
			continue;
		r = membership_nodelist_key(nv, key, val, err, errlen);
	}
	cmap_iter_finalize(cs.cmap, it);
	if (r == -1 || membership_nodelist_check(nv, err, errlen) == -1)
		return -1;
	if (nv->n == 0) {
		snprintf(err, errlen, "corosync.conf has no nodelist");
		return -1;
	}
	return 0;
}

/* A re-read node list keeps what is known of each node. */
static int
reload_nodelist(char *err, size_t errlen)
{
	static struct membership_view nv;

	nv = cs.v;
	if (read_nodelist(&nv, err, errlen) == -1)
		return -1;
	for (size_t i = 0; i < nv.n; i++) {
		const struct membership_node *o = membership_view_find(&cs.v,
		    nv.nodes[i].id);

		nv.nodes[i].up = o ? o->up : false;
		nv.nodes[i].rgmd = o ? o->rgmd : false;
		nv.nodes[i].reason = o ? o->reason : MEMBERSHIP_REASON_NONE;
		nv.nodes[i].votes = o ? o->votes : 0;
	}
	cs.v = nv;
	return 0;
}

static void
read_votes(void)
{
	struct votequorum_info info;

	if (!cs.has_vq)
		return;
	for (size_t i = 0; i < cs.v.n; i++) {
		if (votequorum_getinfo(cs.vq, cs.v.nodes[i].id, &info) !=
		    CS_OK)
			continue;
		cs.v.nodes[i].votes = info.node_votes;
		if (cs.v.nodes[i].id != cs.v.local_id)
			continue;
		cs.v.expected_votes = info.highest_expected;
		cs.v.total_votes = info.total_votes;
		cs.v.quorum = info.quorum;
	}
}

static void
on_deliver(cpg_handle_t h, const struct cpg_name *group, uint32_t nodeid,
    uint32_t pid, void *msg, size_t len)
{
	(void)h;
	(void)group;
	membership_deliver(nodeid, pid, msg, len);
}

static bool
in_list(const struct cpg_address *l, size_t n, uint32_t nodeid)
{
	for (size_t i = 0; i < n; i++)
		if (l[i].nodeid == nodeid)
			return true;
	return false;
}

/*
 * CPG membership of rgmd's group. A node in both the left and the joined
 * list (its rgmd restarted between two configurations) is first published
 * as gone, so rgmd sees its leave before its join. A member is up as
 * well (membership_set_joined): CPG's news of a node back from a partition
 * comes before the quorum service's.
 */
static void
on_confchg(cpg_handle_t h, const struct cpg_name *group,
    const struct cpg_address *members, size_t n_members,
    const struct cpg_address *left, size_t n_left,
    const struct cpg_address *joined, size_t n_joined)
{
	uint32_t ids[CPG_MEMBERS_MAX];
	size_t n_ids = n_members < CPG_MEMBERS_MAX ? n_members :
	    CPG_MEMBERS_MAX;
	bool again = false;

	(void)h;
	(void)group;
	for (size_t i = 0; i < n_left; i++) {
		struct membership_node *nd = membership_view_find(&cs.v,
		    left[i].nodeid);

		if (nd == NULL)
			continue;
		nd->reason = (uint8_t)left[i].reason;
		if (in_list(joined, n_joined, left[i].nodeid) && nd->rgmd) {
			nd->rgmd = false;
			again = true;
		}
	}
	if (again)
		membership_publish(&cs.v);
	for (size_t i = 0; i < n_ids; i++) {
		ids[i] = members[i].nodeid;
		if (membership_view_find(&cs.v, ids[i]) == NULL)
			log_warn("membership: rgmd on node id %" PRIu32 " is "
			    "not in corosync's nodelist: ignored", ids[i]);
	}
	membership_set_joined(&cs.v, ids, n_ids);
	membership_publish(&cs.v);
}

static void
on_quorum(quorum_handle_t h, uint32_t quorate, struct quorum_ring_id ring,
    uint32_t n, const uint32_t *members)
{
	(void)h;
	(void)members;
	log_debug("membership: quorum notification: %s, %" PRIu32 " node(s)",
	    quorate ? "quorate" : "not quorate", n);
	cs.v.quorate = quorate != 0;
	note_ring(&cs.quorum_ring, &cs.has_quorum_ring, ring);
	read_votes();
	membership_publish(&cs.v);
}

static void
on_nodelist(quorum_handle_t h, struct quorum_ring_id ring, uint32_t n,
    const uint32_t *members, uint32_t n_joined, const uint32_t *joined,
    uint32_t n_left, const uint32_t *left)
{
	char err[256];

	(void)h;
	(void)joined;
	(void)left;
	note_ring(&cs.nodelist_ring, &cs.has_nodelist_ring, ring);
	log_debug("membership: corosync membership: %" PRIu32 " node(s), %"
	    PRIu32 " joined, %" PRIu32 " left", n, n_joined, n_left);
	if (reload_nodelist(err, sizeof(err)) == -1)
		log_warn("membership: nodelist not re-read: %s", err);
	for (size_t i = 0; i < cs.v.n; i++) {
		cs.v.nodes[i].up = false;
		for (uint32_t k = 0; k < n; k++)
			if (members[k] == cs.v.nodes[i].id)
				cs.v.nodes[i].up = true;
	}
	read_votes();
	membership_publish(&cs.v);
}

/* Votes changed without a membership change (corosync-quorumtool -e/-v). */
static void
on_vq_quorum(votequorum_handle_t h, uint64_t ctx, uint32_t quorate,
    uint32_t n, votequorum_node_t nodes[])
{
	(void)h;
	(void)ctx;
	(void)quorate;
	(void)n;
	(void)nodes;
	read_votes();
	membership_publish(&cs.v);
}

static void
on_vq_expected(votequorum_handle_t h, uint64_t ctx, uint32_t expected)
{
	(void)h;
	(void)ctx;
	log_debug("membership: expected votes now %" PRIu32, expected);
	read_votes();
	membership_publish(&cs.v);
}

static void
disconnect(void)
{
	if (cs.cpg_fd != -1)
		loop_del_fd(cs.cpg_fd);
	if (cs.q_fd != -1)
		loop_del_fd(cs.q_fd);
	if (cs.vq_fd != -1)
		loop_del_fd(cs.vq_fd);
	cs.cpg_fd = cs.q_fd = cs.vq_fd = -1;
	if (cs.has_cpg)
		cpg_finalize(cs.cpg);
	if (cs.has_q)
		quorum_finalize(cs.q);
	if (cs.has_vq)
		votequorum_finalize(cs.vq);
	if (cs.has_cmap)
		cmap_finalize(cs.cmap);
	cs.has_cpg = cs.has_q = cs.has_vq = cs.has_cmap = false;
}

static void
schedule_retry(void)
{
	if (cs.running && cs.retry == NULL &&
	    (cs.retry = loop_timer_add(RETRY_MS, connect_now, NULL)) == NULL)
		log_warn("membership: no retry timer: %m");
}

/* This node's fault: no engine. Every rgmd counts as left, no quorum. */
static void __attribute__((format(printf, 1, 2)))
fault(const char *fmt, ...)
{
	va_list ap;
	bool was = cs.v.connected;

	disconnect();
	va_start(ap, fmt);
	vsnprintf(cs.v.fault, sizeof(cs.v.fault), fmt, ap);
	va_end(ap);
	if (was || cs.failures == 0)
		log_warn("membership: %s: this node has no quorum until "
		    "corosync answers again (retrying every %d ms)",
		    cs.v.fault, RETRY_MS);
	else
		log_debug("membership: %s", cs.v.fault);
	cs.failures++;
	cs.v.connected = false;
	cs.v.quorate = false;
	cs.v.settled = false;
	cs.has_quorum_ring = cs.has_nodelist_ring = false;
	for (size_t i = 0; i < cs.v.n; i++) {
		if (cs.v.nodes[i].rgmd)
			cs.v.nodes[i].reason = MEMBERSHIP_REASON_LOCAL_FAULT;
		cs.v.nodes[i].up = cs.v.nodes[i].rgmd = false;
	}
	membership_publish(&cs.v);
	schedule_retry();
}

static void
on_fd(int fd, uint32_t events, void *arg)
{
	enum conn c = *(const enum conn *)arg;
	cs_error_t rc;

	(void)fd;
	if (events & (EPOLLHUP | EPOLLERR)) {
		fault("the connection to corosync was closed");
		return;
	}
	if (c == CONN_CPG)
		rc = cpg_dispatch(cs.cpg, CS_DISPATCH_ALL);
	else if (c == CONN_QUORUM)
		rc = quorum_dispatch(cs.q, CS_DISPATCH_ALL);
	else
		rc = votequorum_dispatch(cs.vq, CS_DISPATCH_ALL);
	if (rc != CS_OK && rc != CS_ERR_TRY_AGAIN)
		fault("%s dispatch failed (error %d): corosync is gone",
		    conn_name[c], rc);
}

/* This node's id and the check that it is the node rgmd.conf names. */
static int
check_local(char *err, size_t errlen)
{
	unsigned int id;
	cs_error_t rc;
	const struct membership_node *nd;

	if ((rc = cpg_local_get(cs.cpg, &id)) != CS_OK) {
		snprintf(err, errlen, "no local node id (error %d)", rc);
		return -1;
	}
	cs.v.local_id = id;
	if ((nd = membership_view_find(&cs.v, id)) == NULL) {
		snprintf(err, errlen, "this node's id %u is not in corosync's "
		    "nodelist", id);
		return -1;
	}
	if (strcmp(nd->name, cs.local) != 0) {
		snprintf(err, errlen, "node_name \"%s\" of rgmd.conf is not "
		    "this node's name in corosync's nodelist (node id %u is "
		    "\"%s\")", cs.local, id, nd->name);
		return -1;
	}
	return 0;
}

static int
open_cpg(char *err, size_t errlen)
{
	cpg_model_v1_data_t model = { .model = CPG_MODEL_V1,
		.cpg_deliver_fn = on_deliver, .cpg_confchg_fn = on_confchg };
	struct cpg_name name;
	cs_error_t rc;

	if ((rc = cpg_model_initialize(&cs.cpg, CPG_MODEL_V1,
	    (cpg_model_data_t *)&model, NULL)) != CS_OK) {
		snprintf(err, errlen, "CPG: cannot connect (error %d)", rc);
		return -1;
	}
	cs.has_cpg = true;
	if (check_local(err, errlen) == -1)
		return -1;
	name.length = sizeof(GROUP_NAME) - 1;
	memcpy(name.value, GROUP_NAME, sizeof(GROUP_NAME) - 1);
	if ((rc = cpg_join(cs.cpg, &name)) != CS_OK ||
	    (rc = cpg_fd_get(cs.cpg, &cs.cpg_fd)) != CS_OK) {
		cs.cpg_fd = -1;
		snprintf(err, errlen, "CPG: cannot join group %s (error %d)",
		    GROUP_NAME, rc);
		return -1;
	}
	if (loop_add_fd(cs.cpg_fd, EPOLLIN, on_fd,
	    &conn_tag[CONN_CPG]) == -1) {
		cs.cpg_fd = -1;
		snprintf(err, errlen, "CPG fd: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* For the votes only: quorum and membership come from the quorum API. */
static int
open_votequorum(char *err, size_t errlen)
{
	votequorum_callbacks_t cb = { .votequorum_quorum_notify_fn =
		on_vq_quorum, .votequorum_expectedvotes_notify_fn =
		on_vq_expected };
	cs_error_t rc;

	if ((rc = votequorum_initialize(&cs.vq, &cb)) != CS_OK) {
		snprintf(err, errlen, "votequorum: cannot connect (error %d)",
		    rc);
		return -1;
	}
	cs.has_vq = true;
	if ((rc = votequorum_trackstart(cs.vq, 0, CS_TRACK_CHANGES)) !=
	    CS_OK || (rc = votequorum_fd_get(cs.vq, &cs.vq_fd)) != CS_OK) {
		cs.vq_fd = -1;
		snprintf(err, errlen, "votequorum: cannot track (error %d)",
		    rc);
		return -1;
	}
	if (loop_add_fd(cs.vq_fd, EPOLLIN, on_fd,
	    &conn_tag[CONN_VOTEQUORUM]) == -1) {
		cs.vq_fd = -1;
		snprintf(err, errlen, "votequorum fd: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int
open_quorum(char *err, size_t errlen)
{
	quorum_model_v1_data_t model = { .model = QUORUM_MODEL_V1,
		.quorum_notify_fn = on_quorum, .nodelist_notify_fn =
		on_nodelist };
	uint32_t type;
	cs_error_t rc;

	if ((rc = quorum_model_initialize(&cs.q, QUORUM_MODEL_V1,
	    (quorum_model_data_t *)&model, &type, NULL)) != CS_OK) {
		snprintf(err, errlen, "quorum: cannot connect (error %d)", rc);
		return -1;
	}
	cs.has_q = true;
	if (type != QUORUM_SET) {
		snprintf(err, errlen, "corosync has no quorum provider (set "
		    "quorum { provider: corosync_votequorum })");
		return -1;
	}
	if (open_votequorum(err, errlen) == -1)
		return -1;
	if ((rc = quorum_trackstart(cs.q, CS_TRACK_CURRENT |
	    CS_TRACK_CHANGES)) != CS_OK ||
	    (rc = quorum_fd_get(cs.q, &cs.q_fd)) != CS_OK) {
		cs.q_fd = -1;
		snprintf(err, errlen, "quorum: cannot track (error %d)", rc);
		return -1;
	}
	if (loop_add_fd(cs.q_fd, EPOLLIN, on_fd,
	    &conn_tag[CONN_QUORUM]) == -1) {
		cs.q_fd = -1;
		snprintf(err, errlen, "quorum fd: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void
connect_now(void *arg)
{
	char err[sizeof(cs.v.fault) - 32];
	cs_error_t rc;

	(void)arg;
	cs.retry = NULL;
	if ((rc = cmap_initialize(&cs.cmap)) != CS_OK) {
		fault("corosync is not running or does not answer (cmap "
		    "error %d)", rc);
		return;
	}
	cs.has_cmap = true;
	if (reload_nodelist(err, sizeof(err)) == -1 ||
	    open_cpg(err, sizeof(err)) == -1 ||
	    open_quorum(err, sizeof(err)) == -1) {
		fault("%s", err);
		return;
	}
	log_info("membership: %s as node %s (id %" PRIu32 "), %zu node(s) in "
	    "the nodelist", cs.failures ? "corosync answers again, connected" :
	    "connected to corosync", cs.local, cs.v.local_id, cs.v.n);
	cs.failures = 0;
	cs.v.connected = true;
	cs.v.fault[0] = '\0';
	read_votes();
	membership_publish(&cs.v);
}

static int
corosync_start(const char *local_node)
{
	memset(&cs.v, 0, sizeof(cs.v));
	snprintf(cs.local, sizeof(cs.local), "%s", local_node);
	cs.running = true;
	cs.failures = 0;
	connect_now(NULL);
	return 0;
}

/* A clean leave: the others see reason LEAVE, not PROCDOWN. */
static void
leave_group(void)
{
	struct cpg_name name;

	if (!cs.has_cpg)
		return;
	name.length = sizeof(GROUP_NAME) - 1;
	memcpy(name.value, GROUP_NAME, sizeof(GROUP_NAME) - 1);
	if (cpg_leave(cs.cpg, &name) != CS_OK)
		log_debug("membership: CPG leave failed");
}

static void
corosync_stop(void)
{
	leave_group();
	cs.running = false;
	if (cs.retry != NULL)
		loop_timer_cancel(cs.retry);
	cs.retry = NULL;
	disconnect();
}

static int
corosync_send(const void *msg, size_t len)
{
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	cs_error_t rc;

	if (!cs.has_cpg) {
		errno = ENOTCONN;
		return -1;
	}
	rc = cpg_mcast_joined(cs.cpg, CPG_TYPE_AGREED, &iov, 1);
	if (rc == CS_OK)
		return 0;
	errno = rc == CS_ERR_TRY_AGAIN ? EAGAIN : EIO;
	return -1;
}

const struct membership_backend membership_corosync = {
	.name = "corosync",
	.start = corosync_start,
	.stop = corosync_stop,
	.send = corosync_send,
};
