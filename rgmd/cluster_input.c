// SPDX-License-Identifier: MIT
/*
 * cluster_input.c - the placement input of the cluster from this node's
 * view (cluster_input.h): the membership as fencing sees it (unclean
 * nodes), the types each node lacks (modules.h), every node's reports
 * and the operator's requests; built by the president before it
 * computes, and by the commands that check a switch or print a dry run,
 * so that both see the same cluster. Runs in rgmd's event loop.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cluster_input.h"
#include "cluster_state.h"
#include "fence.h"
#include "modules.h"
#include "rgmd.h"
#include "state.h"
#include "switchreq.h"

void
cluster_input_cells(const struct membership_view *v, const struct ccr *c,
    struct placement_cell *cells)
{
	for (size_t g = 0; g < c->n_groups; g++) {
		const char *name = c->groups[g]->name;

		for (size_t k = 0; k < v->n; k++) {
			struct placement_cell *cell = &cells[g * v->n + k];
			enum rg_state st = RG_OFFLINE;
			long at = 0;

			if (v->nodes[k].id == v->local_id) {
				st = state_rg(name)->state;
				at = state_rg(name)->giveover_at;
			} else if (!cluster_state_group(v->nodes[k].id, name,
			    &st, &at)) {
				st = RG_OFFLINE;
			}
			if (st == RG_UNMANAGED)
				st = RG_OFFLINE;
			cell->state = st;
			cell->failed_at = at;
		}
	}
}

int
cluster_input_build(struct cluster_input *ci, const struct ccr *c)
{
	const struct membership_view *v = membership_view();
	size_t ng = c->n_groups, nn = v->n;

	memset(ci, 0, sizeof(*ci));
	ci->nodes = calloc(nn + 1, sizeof(*ci->nodes));
	ci->cells = calloc(ng * nn + 1, sizeof(*ci->cells));
	ci->req = calloc(ng + 1, sizeof(*ci->req));
	ci->req_nodes = calloc(ng * nn + 1, sizeof(bool));
	ci->lacks = modules_lacks(c, v);
	if (!ci->nodes || !ci->cells || !ci->req || !ci->req_nodes ||
	    !ci->lacks) {
		cluster_input_free(ci);
		return -1;
	}
	for (size_t k = 0; k < nn; k++) {
		ci->nodes[k].name = v->nodes[k].name;
		ci->nodes[k].id = v->nodes[k].id;
		ci->nodes[k].up = v->nodes[k].up && v->nodes[k].rgmd;
		ci->nodes[k].up_since = v->nodes[k].up_since;
		/* rgmd gone, node still there, or out and not fenced yet:
		 * its services may run (fence.h). */
		ci->nodes[k].unclean = fence_is_unclean(&v->nodes[k]);
	}
	cluster_input_cells(v, c, ci->cells);
	switchreq_fill(c, ci->nodes, nn, ci->cells, ci->req, ci->req_nodes);
	ci->in = (struct placement_input){ .ccr = c, .nodes = ci->nodes,
		.n_nodes = nn, .quorate = v->quorate, .now = (long)time(NULL),
		.cells = ci->cells, .lacks_module = ci->lacks, .req = ci->req };
	return 0;
}

void
cluster_input_free(struct cluster_input *ci)
{
	free(ci->nodes);
	free(ci->cells);
	free(ci->req);
	free(ci->req_nodes);
	free(ci->lacks);
	memset(ci, 0, sizeof(*ci));
}

size_t
cluster_input_node(const struct cluster_input *ci, const char *name)
{
	for (size_t k = 0; k < ci->in.n_nodes; k++)
		if (strcmp(ci->nodes[k].name, name) == 0)
			return k;
	return PLACEMENT_NONE;
}
