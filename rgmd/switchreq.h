/* SPDX-License-Identifier: MIT */
/*
 * switchreq.h - the operator's switch requests in a cluster (scswitch -z
 * -h and -S): "group G online on exactly these nodes". A request is part
 * of the replicated configuration (struct rg_switch in ccr.h, stored as
 * the group entry's `switch = { nodes = [...]; members = [...]; }`), so a
 * new president finds it where the old one left it.
 *
 * When it applies: from the commit on, while every node it names has
 * stayed up (struct placement_node's up_since), no node has joined since
 * (one that was down when it was made, or one that left and came back),
 * and
 * the group has not failed (a give-over or a failed Start) on a named
 * node since. A named node that leaves ends it (the group fails over by
 * the ordinary rules), and so does a node that joins (Failback then
 * decides, as Sun Cluster recomputes at membership changes) and a failure
 * there (the group goes to the next eligible node, Pingpong_interval
 * honoured). scswitch -Z, -F and another -z replace it. A request that no
 * longer applies stays in the configuration, inert, until one of those
 * replaces it.
 */
#ifndef RGM_SWITCHREQ_H
#define RGM_SWITCHREQ_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

#include "ccr.h"
#include "placement.h"

void	switchreq_free(struct rg_switch *s);
/* dst = a copy of src; -1 (ENOMEM) leaves dst empty. */
int	switchreq_copy(struct rg_switch *dst, const struct rg_switch *src);
/* Set s to nodes[0..n) made at now, with the up nodes of the membership
 * as members; -1 (ENOMEM) leaves s empty. */
int	switchreq_set(struct rg_switch *s, char *const *named, size_t n,
	    const struct placement_node *nodes, size_t nn, long now);

/* The encoding in a group entry of the stored configuration: nothing
 * when there is no request. */
int	switchreq_to_config(config_setting_t *group, const struct rg_switch *s);
/* Read it back (absent: none); -1 with a reason naming the group. */
int	switchreq_from_config(const config_setting_t *group,
	    struct rg_switch *s, const char *name, char *err, size_t errlen);

/* Does the request apply on this membership (see above)? cells: the
 * group's row of the placement input ([nn]; NULL: no failure known). */
bool	switchreq_applies(const struct rg_switch *s,
	    const struct placement_node *nodes, size_t nn,
	    const struct placement_cell *cells);
/*
 * The operator requests of every group of c as placement input: offline
 * (scswitch -F) or a switch that applies. req has c->n_groups entries,
 * req_nodes c->n_groups * nn.
 */
void	switchreq_fill(const struct ccr *c, const struct placement_node *nodes,
	    size_t nn, const struct placement_cell *cells,
	    struct placement_request *req, bool *req_nodes);

#endif
