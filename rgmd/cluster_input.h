/* SPDX-License-Identifier: MIT */
/*
 * cluster_input.h - the placement input of the cluster as this node sees
 * it now: the membership (up, unclean), every node's last reported group
 * states (cluster_state.h; this node's own from state.h) and the
 * operator's requests (switchreq.h). Every node holds the same reports,
 * so the president's placement and a command's check or dry run on any
 * node are computed from the same input.
 */
#ifndef RGM_CLUSTER_INPUT_H
#define RGM_CLUSTER_INPUT_H

#include "membership.h"
#include "placement.h"

struct cluster_input {
	struct placement_input in;
	struct placement_node *nodes;
	struct placement_cell *cells;
	struct placement_request *req;
	bool		*req_nodes;
	bool		*lacks;		/* [t][n], modules_lacks() */
};

/* Build it for configuration c (rgmd.ccr, or a proposed copy of it);
 * -1 ENOMEM. */
int	cluster_input_build(struct cluster_input *ci, const struct ccr *c);
void	cluster_input_free(struct cluster_input *ci);
/* Index of the node named, or PLACEMENT_NONE. */
size_t	cluster_input_node(const struct cluster_input *ci, const char *name);
/* Every node's reported state of every group of c: cells[g * v->n + k]. */
void	cluster_input_cells(const struct membership_view *v,
	    const struct ccr *c, struct placement_cell *cells);

#endif
