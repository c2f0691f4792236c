/* SPDX-License-Identifier: MIT */
/*
 * fence.h - fencing of nodes that left (rgmd.conf(5), FENCING). Every
 * node follows, for every other node, whether it must be fenced before
 * its groups may start elsewhere ("pending"); the president runs
 * fence_command for those, retrying with a bounded backoff, and multicasts
 * "node X fenced at boot B" so every node knows. A node whose rgmd left
 * while the node stayed in corosync's membership is waited for
 * rgmd_rejoin_timeout, then fenced too (or, with no fence_command, said to
 * be "Gone" and its groups kept where they were).
 *
 * fence_state.c is the per-node state machine (pure, unit-tested);
 * fence.c runs the commands in rgmd's event loop.
 */
#ifndef RGM_FENCE_H
#define RGM_FENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "membership.h"

#define FENCE_BOOT_MAX		64
#define FENCE_RETRY_FIRST_MS	1000	/* after the first failure */
#define FENCE_RETRY_MAX_MS	30000	/* the backoff doubles up to this */

struct fence_policy {
	bool		 have_command;	/* fence_command is set */
	uint64_t	 rejoin_ms;	/* rgmd_rejoin_timeout */
};

/* What this node knows of another node. */
struct fence_node {
	uint32_t	 id;		/* 0: a free slot */
	bool		 seen;		/* observed at least once */
	bool		 was_up, was_rgmd;
	char		 boot[FENCE_BOOT_MAX];	/* last reported; "" unknown */
	/* Its rgmd left while the node stayed in the membership (ms of
	 * loop_now_ms, 0: not so); gone: not back within rejoin_ms. */
	uint64_t	 gone_since;
	bool		 gone;
	/* Must be fenced before its groups move; the boot it was in. */
	bool		 pending;
	char		 pending_boot[FENCE_BOOT_MAX];
	uint32_t	 seq;		/* one more at each new pending */
	/* Fenced in boot fenced_boot, and not seen back since. */
	bool		 fenced;
	char		 fenced_boot[FENCE_BOOT_MAX];
	unsigned int	 attempts;	/* failed attempts of this pending */
	uint64_t	 next_ms;	/* no attempt before this time */
};

/* What fence_observe found. */
enum fence_change {
	FENCE_NO_CHANGE,
	FENCE_NOW_PENDING,	/* left, or rgmd gone past the timeout */
	FENCE_NOW_GONE,		/* rgmd gone past the timeout, no command */
	FENCE_CAME_BACK,	/* pending or gone no more: it is back */
};

/* ---- the state machine (fence_state.c, pure) ---------------------------- */

/* The node as the membership shows it now (up: in corosync's membership,
 * rgmd: its rgmd joined); hosts: its last rows show a group there. */
enum fence_change fence_observe(struct fence_node *f, bool up, bool rgmd,
	    bool hosts, const struct fence_policy *p, uint64_t now);
/* When observing again may change something by time alone (the rejoin
 * timeout); UINT64_MAX: never. */
uint64_t fence_deadline(const struct fence_node *f,
	    const struct fence_policy *p);
/* Its groups may still run there: keep them where they are. */
bool	fence_node_is_unclean(const struct fence_node *f, bool up, bool rgmd);
/* Pending and its next attempt is due. */
bool	fence_is_due(const struct fence_node *f, uint64_t now);
/* The wait after the attempts-th failure: 1 s, 2 s, 4 s ... 30 s. */
uint64_t fence_backoff_ms(unsigned int attempts);
/* An attempt failed at now: count it, set the next one. */
void	fence_failed(struct fence_node *f, uint64_t now);
/* "fenced at boot" (the president's result): true when it ends the
 * pending of that boot; false when stale (another boot pending, or the
 * node came back since) or already known. */
bool	fence_mark_fenced(struct fence_node *f, const char *boot);
bool	fence_is_fenced_now(const struct fence_node *f);

/* ---- in rgmd (fence.c) ---------------------------------------------------- */

/* A membership event, before the cluster forgets the rows of a node. */
void	fence_on_event(const struct membership_event *ev);
/* Keep the last rows of node (it is pending: its groups stay put). */
bool	fence_keeps_rows(uint32_t node);
/* For placement: whatever ran on the node may still run there. */
bool	fence_is_unclean(const struct membership_node *n);
/* Once a loop round: follow the view; on the president, fence. */
void	fence_before_sleep(void);
/* An ORDER delivered: its "fenced" lines. */
void	fence_on_order(uint32_t origin, const char *text, size_t len);
/* scstat -n: "Gone" for the rgmd column, or NULL; the fencing lines. */
const char *fence_rgmd_word(const struct membership_node *n);
void	fence_show(FILE *f);

#endif /* RGM_FENCE_H */
