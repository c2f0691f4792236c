// SPDX-License-Identifier: MIT
/*
 * show_blocked.c - scstat -g in a cluster: why a group is
 * Pending_online_blocked (a dependency or a strong affinity that cannot be
 * met, a dependency cycle). The placement is computed on this node from
 * the same input the president uses (cluster_input.h), once per status
 * request, and each blocked group gets a line
 *     Blocked: GROUP               REASON
 * under its rows. Runs in rgmd, for a status request.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include "cluster.h"
#include "cluster_input.h"
#include "placement.h"
#include "rgmd.h"
#include "show.h"

struct show_blocked {
	struct cluster_input	 ci;
	struct placement_result	 r;
	bool			 ok;
};

struct show_blocked *
show_blocked_begin(void)
{
	struct show_blocked *b;

	if (!cluster_is_active() || (b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	if (cluster_input_build(&b->ci, rgmd.ccr) == 0)
		b->ok = placement_compute(&b->ci.in, &b->r) == 0;
	return b;
}

void
show_blocked_row(FILE *f, const struct show_blocked *b, size_t g)
{
	char why[512];

	if (b == NULL || !b->ok || g >= b->r.n_groups || !b->r.g[g].blocked)
		return;
	if (placement_explain(&b->ci.in, &b->r, g, why, sizeof(why)) == -1)
		snprintf(why, sizeof(why), "%s",
		    placement_reason_name(b->r.g[g].reason));
	fprintf(f, "   Blocked: %-20s%s\n", rgmd.ccr->groups[g]->name, why);
}

void
show_blocked_end(struct show_blocked *b)
{
	if (b == NULL)
		return;
	placement_result_free(&b->r);
	cluster_input_free(&b->ci);
	free(b);
}
