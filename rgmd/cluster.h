/* SPDX-License-Identifier: MIT */
/*
 * cluster.h - rgmd as a member of a cluster: the replicated configuration.
 * With the corosync membership backend every configuration commit of the
 * engine is multicast to the rgmd group (repl.c) and applied by every node
 * in the same order; the request is answered once this node has applied
 * it. With the standalone backend this module stays inactive and commits
 * are stored at once, as on one node.
 */
#ifndef RGM_CLUSTER_H
#define RGM_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "membership.h"

/* Start (after the configuration is loaded, before membership starts). */
void	cluster_init(const char *backend);
void	cluster_shutdown(void);
bool	cluster_is_active(void);

/* The membership hooks rgmd.c forwards. */
void	cluster_on_event(const struct membership_event *ev);
void	cluster_on_deliver(uint32_t node_id, uint32_t pid, const void *msg,
	    size_t len);

/* May the configuration change now? false with the reason. */
bool	cluster_can_change(char *err, size_t errlen);

/* Multicast a state report of this node (cluster_state.c) / the
 * president's orders (president.c). */
int	cluster_send_state(const char *text, size_t len);
int	cluster_send_order(const char *text, size_t len);
/* Does this node hold the cluster's configuration now? */
bool	cluster_is_in_step(void);
/* Changes whenever the set of rgmd members changes (CPG's view, so a
 * new HELLO round) or the engine goes away: what was delivered under one
 * value was delivered to the same members. */
uint64_t cluster_members_epoch(void);

/* scstat -q: the replication lines (generation, checksum, in step). */
void	cluster_show(FILE *f);
/* What cluster_show says, for scstat --json: false when not in a
 * cluster; refused is "" when changes are accepted here. */
struct cluster_info {
	unsigned long long generation, checksum;
	char		state[64];
	char		refused[512];
};
bool	cluster_info(struct cluster_info *out);

#endif /* RGM_CLUSTER_H */
