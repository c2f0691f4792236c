/* SPDX-License-Identifier: MIT */
/*
 * show.h - the read requests: scrgadm -p (configuration) and scstat
 * (state), formatted as Sun Cluster prints them.
 */
#ifndef RGM_SHOW_H
#define RGM_SHOW_H

#include "ctlmsg.h"

#include <stdbool.h>
#include <stdio.h>

/* scstat -s: pdt's counters, printed by the daemon's pdt link
 * (pdt_link.c); NULL (nothing to show) where it is not linked in. */
extern void (*show_pdt_fn)(FILE *f);

/* Text for a read request, or NULL when cmd is not one. *ok is false when
 * the request names an unknown object (the text says which). */
char	*show_request(const char *cmd, const struct ctl_msg *req, bool *ok);
/* scstat -g in a cluster: why groups are Pending_online_blocked
 * (show_blocked.c); begin returns NULL outside a cluster. */
struct show_blocked;
struct show_blocked *show_blocked_begin(void);
void	show_blocked_row(FILE *f, const struct show_blocked *b, size_t g);
void	show_blocked_end(struct show_blocked *b);
/* scstat -n / -q (show_cluster.c); only: one node's row, or NULL. */
void	show_cluster_nodes(FILE *f, const char *only);
void	show_cluster_quorum(FILE *f, const char *only);
/* The words of scstat -n's Status and rgmd columns (show_json.c). */
struct membership_view;
struct membership_node;
const char *show_cluster_node_status(const struct membership_view *v,
	    const struct membership_node *n);
const char *show_cluster_rgmd_status(const struct membership_view *v,
	    const struct membership_node *n);

#endif
