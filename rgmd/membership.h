/* SPDX-License-Identifier: MIT */
/*
 * membership.h - the cluster membership interface. A backend (standalone:
 * a one-node cluster; corosync: CPG + votequorum + cmap) keeps a view of
 * the cluster nodes (name, id, up in the membership engine, rgmd joined,
 * votes) and reports what changes to rgmd as events: node joined, node
 * left (with the engine's reason), quorate yes/no, local engine lost or
 * back. It also carries rgmd's own messages between nodes (multicast in
 * agreed order, delivered to every member, the sender included).
 *
 * A node "joins" and "leaves" when its rgmd process does (CPG membership is
 * per process): an rgmd restart is a leave then a join, a node death is a
 * leave with reason NODEDOWN. The backends run in rgmd's event loop: they
 * give their file descriptors and retry timers to loop.h.
 *
 * Ordering (corosync): messages and the JOINED / LEFT events come from one
 * CPG connection, in one order that every member sees the same (virtual
 * synchrony: a message delivered after a join is delivered to the joined
 * node too). QUORUM events come from another connection and are not
 * ordered with the messages; ENGINE events are local.
 */
#ifndef RGM_MEMBERSHIP_H
#define RGM_MEMBERSHIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MEMBERSHIP_MAX_NODES	64
#define MEMBERSHIP_NAME_MAX	64
/* The largest message membership_send carries (CPG takes more; the
 * replication chunks what is larger). */
#define MEMBERSHIP_MSG_MAX	(1024 * 1024)

/* Why a node left, as corosync's CPG says (same numbers), or because the
 * local engine went away. */
enum membership_reason {
	MEMBERSHIP_REASON_NONE = 0,
	MEMBERSHIP_REASON_JOIN = 1,
	MEMBERSHIP_REASON_LEAVE = 2,		/* its rgmd left cleanly */
	MEMBERSHIP_REASON_NODEDOWN = 3,		/* the node left the cluster */
	MEMBERSHIP_REASON_NODEUP = 4,
	MEMBERSHIP_REASON_PROCDOWN = 5,		/* its rgmd died */
	MEMBERSHIP_REASON_LOCAL_FAULT = 6,	/* our own engine is gone */
};

struct membership_node {
	uint32_t id;
	char	 name[MEMBERSHIP_NAME_MAX];
	bool	 up;		/* in the membership engine's membership */
	bool	 rgmd;		/* its rgmd is a member of rgmd's group */
	uint8_t	 reason;	/* enum membership_reason of its last leave */
	uint32_t votes;
	/* Wall-clock second since which this rgmd has seen the node up with
	 * its rgmd, without a break (membership_stamp); 0 while it is not. */
	long	 up_since;
};

struct membership_view {
	struct membership_node nodes[MEMBERSHIP_MAX_NODES];
	size_t	 n;
	uint32_t local_id;
	bool	 connected;	/* the local membership engine answers */
	bool	 quorate;
	/* quorate describes the node list's membership: both come from
	 * corosync's notifications of the same ring. A decision that acts
	 * on other nodes (fencing) waits for it: between the two
	 * notifications quorate is the old ring's. */
	bool	 settled;
	uint32_t expected_votes;
	uint32_t total_votes;
	uint32_t quorum;	/* votes needed */
	char	 fault[320];	/* why not connected, when not */
};

enum membership_event_kind {
	MEMBERSHIP_EV_JOINED,		/* node_id's rgmd joined */
	MEMBERSHIP_EV_LEFT,		/* node_id's rgmd left, reason; or,
					 * its rgmd gone already, the node
					 * itself (NODEDOWN) */
	MEMBERSHIP_EV_QUORUM,		/* quorate changed */
	MEMBERSHIP_EV_ENGINE,		/* connected changed (fault: why) */
};

struct membership_event {
	enum membership_event_kind kind;
	uint32_t	 node_id;
	const char	*node_name;
	enum membership_reason reason;
	bool		 quorate;
	bool		 connected;
	const char	*fault;
};

/* What rgmd gives the backend: its event and message callbacks. */
struct membership_hooks {
	void	(*event)(const struct membership_event *ev, void *arg);
	/* A message multicast by node_id's rgmd (process pid), in the same
	 * order on every member. msg is valid during the call only. */
	void	(*deliver)(uint32_t node_id, uint32_t pid, const void *msg,
		    size_t len, void *arg);
	void	*arg;
};

/* Start the backend named (standalone or corosync) for this node; the
 * first view may come later (corosync not running yet is a fault, not an
 * error). -1 with errno EINVAL for an unknown backend. */
int	membership_start(const char *backend, const char *local_node,
	    const struct membership_hooks *hooks);
void	membership_stop(void);
/* Multicast msg to every rgmd of the cluster (this one included), in
 * agreed order. -1 with errno: ENOTCONN no engine, EAGAIN flow control
 * (try again later), EMSGSIZE too large. */
int	membership_send(const void *msg, size_t len);
/* The current view (never NULL). */
const struct membership_view *membership_view(void);
/* The name of node id in the current view, or "?". */
const char *membership_name_of(uint32_t id);
/* A node of the cluster's node list / one whose rgmd is joined now. */
bool	membership_is_node(const char *name);
bool	membership_is_up(const char *name);
/* "n1, n2, n3": the node list, for messages. */
void	membership_names(char *buf, size_t len);
const char *membership_reason_name(enum membership_reason r);
/* One line in rgmd's log for an event. */
void	membership_log_event(const struct membership_event *ev);
const char *membership_backend_name(void);

/* For the backends: install a new view, which reports what changed as
 * events (in order: engine lost, left nodes, joined nodes, quorum, engine
 * back); and hand a delivered message to rgmd. */
void	membership_publish(const struct membership_view *v);
void	membership_deliver(uint32_t node_id, uint32_t pid, const void *msg,
	    size_t len);

struct membership_backend {
	const char *name;
	int	(*start)(const char *local_node);
	void	(*stop)(void);
	int	(*send)(const void *msg, size_t len);
};

/* membership_start with a backend of the caller's (the unit tests' fake
 * cluster, tests/unit/rgmd/test_president.c). */
int	membership_start_with(const struct membership_backend *b,
	    const char *local_node, const struct membership_hooks *h);

extern const struct membership_backend membership_standalone;
extern const struct membership_backend membership_corosync;

/* Pure functions (membership_view.c, unit-tested). */
struct membership_node *membership_view_find(struct membership_view *v,
	    uint32_t id);
const struct membership_node *membership_view_find_name(
	    const struct membership_view *v, const char *name);
/* Events that turn view a into view b, in report order, into ev (at most
 * max; names point into b). Returns how many. */
/* cur's up_since from old's: kept for a node up (with rgmd) in both, now
 * for one that has just come up, 0 for one that is not up. */
void	membership_stamp(const struct membership_view *old,
	    struct membership_view *cur, long now);
/* CPG's members of rgmd's group (ids): a node's rgmd is joined when it is
 * one of them, and such a node is up too, whatever corosync's node list
 * said last (that comes on another connection, often later: a node back
 * from a partition would otherwise be joined but not up, ineligible, and
 * its groups placed elsewhere meanwhile). Ids not in the view are
 * ignored. */
void	membership_set_joined(struct membership_view *v, const uint32_t *ids,
	    size_t n);
size_t	membership_diff(const struct membership_view *a,
	    const struct membership_view *b, struct membership_event *ev,
	    size_t max);
/* One key of corosync's cmap nodelist ("nodelist.node.<i>.<field>") with
 * its value as text, added to the view being built (nodes are created in
 * index order; names and ids checked). ring0_addr names a node without a
 * name. Returns 0, 1 when the key is not one of ours, -1 with a reason. */
int	membership_nodelist_key(struct membership_view *v, const char *key,
	    const char *value, char *err, size_t errlen);
/* After every key: every node has an id, names and ids unique, sorted by
 * id. -1 with a reason. */
int	membership_nodelist_check(struct membership_view *v, char *err,
	    size_t errlen);

#endif
