/* SPDX-License-Identifier: MIT */
/*
 * membership.h - the cluster membership interface. A backend reports
 * "these nodes are up, quorate yes/no" to the engine. This build has the
 * standalone backend (a one-node cluster); corosync comes next.
 */
#ifndef RGM_MEMBERSHIP_H
#define RGM_MEMBERSHIP_H

#include <stdbool.h>
#include <stddef.h>

#define MEMBERSHIP_MAX_NODES 64

struct membership_view {
	char	 nodes[MEMBERSHIP_MAX_NODES][64];
	size_t	 n;
	bool	 quorate;
};

typedef void (*membership_cb)(const struct membership_view *v, void *arg);

struct membership_backend {
	const char *name;
	int	(*start)(const char *local_node, membership_cb cb, void *arg);
	void	(*stop)(void);
};

const struct membership_backend *membership_find(const char *name);

#endif
