// SPDX-License-Identifier: MIT
/*
 * show_cluster.c - scstat -n (the cluster nodes) and scstat -q (quorum)
 * from the membership view, in the layout of Sun Cluster's scstat. The
 * node table keeps Sun's columns first (name, then status) so scripts
 * that read them still work; the node id and whether the node's rgmd is
 * joined follow. Runs in rgmd, for a status request; it reads the view
 * only (the votes as of the last notification of corosync), so a hung
 * corosync cannot hang scstat.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "cluster.h"
#include "fence.h"
#include "membership.h"
#include "show.h"

static const char *
node_status(const struct membership_view *v, const struct membership_node *n)
{
	if (!v->connected)
		return n->id == v->local_id && v->local_id != 0 ? "Faulted" :
		    "Unknown";
	return n->up ? "Online" : "Offline";
}

static const char *
rgmd_status(const struct membership_view *v, const struct membership_node *n)
{
	const char *w;

	if (!v->connected)
		return "Unknown";
	if ((w = fence_rgmd_word(n)) != NULL)
		return w;
	return n->rgmd ? "Joined" : "Absent";
}

static void
engine_line(FILE *f, const struct membership_view *v)
{
	if (!v->connected)
		fprintf(f, "  Membership fault:   %s (this node is not "
		    "quorate; rgmd retries)\n\n", v->fault);
}

void
show_cluster_nodes(FILE *f, const char *only)
{
	const struct membership_view *v = membership_view();

	fprintf(f, "\n-- Cluster Nodes --\n\n");
	engine_line(f, v);
	fprintf(f, "%20s%-20s%-10s%-9s%s\n%20s%-20s%-10s%-9s%s\n", "",
	    "Node name", "Status", "Node ID", "rgmd", "", "---------",
	    "------", "-------", "----");
	for (size_t i = 0; i < v->n; i++) {
		const struct membership_node *n = &v->nodes[i];

		if (only != NULL && strcmp(only, n->name) != 0)
			continue;
		fprintf(f, "  Cluster node:     %-20s%-10s%-9u%s\n", n->name,
		    node_status(v, n), n->id, rgmd_status(v, n));
	}
	if (only == NULL)
		fence_show(f);
}

void
show_cluster_quorum(FILE *f, const char *only)
{
	const struct membership_view *v = membership_view();

	fprintf(f, "\n-- Quorum Summary --\n\n");
	engine_line(f, v);
	fprintf(f, "  Membership backend:     %s\n", membership_backend_name());
	fprintf(f, "  Quorum votes possible:  %u\n", v->expected_votes);
	fprintf(f, "  Quorum votes needed:    %u\n", v->quorum);
	fprintf(f, "  Quorum votes present:   %u\n",
	    v->connected ? v->total_votes : 0);
	fprintf(f, "  Quorate:                %s\n", v->quorate ? "yes" : "no");
	cluster_show(f);
	fprintf(f, "\n-- Quorum Votes by Node --\n\n");
	fprintf(f, "%20s%-20s%-8s%-9s%s\n%20s%-20s%-8s%-9s%s\n", "",
	    "Node Name", "Present", "Possible", "Status", "", "---------",
	    "-------", "--------", "------");
	for (size_t i = 0; i < v->n; i++) {
		const struct membership_node *n = &v->nodes[i];

		if (only != NULL && strcmp(only, n->name) != 0)
			continue;
		fprintf(f, "  Node votes:       %-20s%-8u%-9u%s\n", n->name,
		    v->connected && n->up ? n->votes : 0, n->votes,
		    node_status(v, n));
	}
}

/* The words of the node table, for scstat --json (show_json.c). */
const char *
show_cluster_node_status(const struct membership_view *v,
    const struct membership_node *n)
{
	return node_status(v, n);
}

const char *
show_cluster_rgmd_status(const struct membership_view *v,
    const struct membership_node *n)
{
	return rgmd_status(v, n);
}
