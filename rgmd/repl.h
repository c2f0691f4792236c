/* SPDX-License-Identifier: MIT */
/*
 * repl.h - replication of the configuration between rgmd nodes: the
 * protocol engine on top of a totally ordered group (CPG, AGREED order).
 * It does no I/O itself: the caller gives it the membership changes and
 * the delivered messages, and it calls back to send, to read and replace
 * the configuration, to apply a change, and to tell the origin of a change
 * how it ended. So the same code runs over corosync in rgmd and over an
 * in-memory bus in the unit tests.
 *
 * DESIGN. A change is checked on the node where it is asked (its origin:
 * the request layer validates it against the configuration of generation
 * G), then multicast as CHANGE with base G. Every node, in the same order,
 * applies it only if its own generation is G (then G+1), so all nodes take
 * the same decisions; the origin answers its client when its own CHANGE
 * is delivered: applied (the change is on every node of the partition),
 * or stale (another change got in first: the request layer checks it
 * again on the new configuration and resubmits). After every membership
 * change the members exchange HELLOs and follow repl_join.h: a node that
 * is behind takes the donor's configuration (XFER), keeping the CHANGEs
 * delivered meanwhile and applying them afterwards by the same rule.
 * Changes are refused without quorum, while this node is catching up, and
 * after a conflict. A node that cannot apply a change others applied (a
 * full disk) is out of step: the caller makes it leave and join the group
 * again, which brings it back through a transfer.
 */
#ifndef RGM_REPL_H
#define RGM_REPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "repl_join.h"
#include "repl_msg.h"

#define REPL_MAX_MEMBERS	128	/* CPG's own limit */
#define REPL_MAX_BUFFERED	65536	/* CHANGEs kept while catching up */

enum repl_state {
	REPL_ST_DOWN,		/* no group (corosync away, not joined) */
	REPL_ST_GATHER,		/* waiting for every member's HELLO */
	REPL_ST_TAKING,		/* behind: waiting for the transfer */
	REPL_ST_SYNCED,		/* holds the cluster's configuration */
	REPL_ST_CONFLICT,	/* same generation, different contents */
};

/* How a submitted change ended, told to its origin. */
enum repl_outcome {
	REPL_APPLIED,		/* applied here, so on every node in step */
	REPL_STALE,		/* base generation passed: check and resubmit */
	REPL_FAILED,		/* could not be applied here (reason given) */
	REPL_LOST,		/* the group went away: may or may not be applied */
};

struct repl_ops {
	/* Multicast one message (header + payload iovecs) in AGREED order. */
	int	 (*send)(void *arg, const struct iovec *iov, int n);
	/* The configuration held now. */
	uint64_t (*generation)(void *arg);
	uint64_t (*checksum)(void *arg);
	/* The whole configuration as text (malloc'd) for a transfer. */
	char	*(*dump)(void *arg, size_t *len);
	/* Replace the configuration by a transferred one; -1 with reason
	 * (unreadable text, checksum mismatch, store failure). */
	int	 (*install)(void *arg, const char *text, size_t len,
		    uint64_t generation, uint64_t checksum, char *err,
		    size_t errlen);
	/* Apply a change (the generation must become one more). */
	int	 (*apply)(void *arg, uint32_t origin, const char *req,
		    size_t len, char *err, size_t errlen);
	/* The end of a change this node submitted. */
	void	 (*done)(void *arg, uint64_t id, enum repl_outcome o,
		    const char *reason);
	/* A state report of another node (optional). */
	void	 (*state)(void *arg, uint32_t origin, uint64_t generation,
		    const char *text, size_t len);
	/* The president's orders (optional); every member, self included. */
	void	 (*order)(void *arg, uint32_t origin, uint64_t generation,
		    const char *text, size_t len);
	/* This node cannot follow the others any more (optional). */
	void	 (*out_of_step)(void *arg, const char *reason);
	/* Log lines of the protocol (optional). */
	void	 (*log)(void *arg, bool warn, const char *msg);
};

struct repl_pending;
struct repl_buffered;

struct repl {
	uint32_t	 self;
	const struct repl_ops *ops;
	void		*arg;
	enum repl_state	 st;
	bool		 quorate;
	uint64_t	 view;			/* fingerprint of the members */
	uint32_t	 members[REPL_MAX_MEMBERS];
	size_t		 n_members;
	struct repl_peer hellos[REPL_MAX_MEMBERS];
	size_t		 n_hellos;
	struct repl_decision decision;
	struct repl_xfer xfer;
	uint64_t	 next_id;		/* change and transfer ids */
	struct repl_pending *pending;		/* our changes in flight */
	struct repl_buffered *buf_head, *buf_tail;
	size_t		 n_buffered;
	uint64_t	 n_refused_msgs;	/* hostile or broken messages */
};

void	repl_init(struct repl *r, uint32_t self, const struct repl_ops *ops,
	    void *arg);
void	repl_free(struct repl *r);
const char *repl_state_name(enum repl_state st);

/* Membership of the group changed (members include self); sends HELLO. */
void	repl_confchg(struct repl *r, const uint32_t *members, size_t n);
/* The group is gone (corosync away): in-flight changes end as LOST. */
void	repl_down(struct repl *r);
void	repl_set_quorate(struct repl *r, bool quorate);

/* A message delivered by the group (any origin, self included). */
void	repl_deliver(struct repl *r, uint32_t sender, const void *buf,
	    size_t len);

/*
 * Submit a change checked against the current generation; *id names it
 * in the done callback. -1 with a reason a person can act on (no quorum,
 * catching up, conflict, send failure).
 */
int	repl_submit(struct repl *r, const char *req, size_t len, uint64_t *id,
	    char *err, size_t errlen);
/* Is a change possible now (same rules as repl_submit)? */
bool	repl_can_change(const struct repl *r, char *err, size_t errlen);
/* Multicast a state report of this node. */
int	repl_report_state(struct repl *r, const char *text, size_t len);
/* Multicast the president's orders. */
int	repl_send_order(struct repl *r, const char *text, size_t len);

#endif /* RGM_REPL_H */
