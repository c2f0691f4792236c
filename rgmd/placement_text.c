// SPDX-License-Identifier: MIT
/*
 * placement_text.c - the words of placement decisions: the short name of
 * each reason and the sentence that says why a group is not where it
 * wants to be, naming the group, node or type concerned; and the
 * rendering of a whole placement (membership, groups, ordered actions)
 * that rgsim(8) and scswitch --dry-run print. Used by rgsim(8), scstat(8)
 * and rgmd's commands. Pure: writes only to the caller's buffer or FILE.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include "placement.h"

static const char *const reason_names[] = {
	[PLACEMENT_PLACED] = "Placed",
	[PLACEMENT_PARTIAL] = "Partial",
	[PLACEMENT_UNMANAGED] = "Unmanaged",
	[PLACEMENT_NO_QUORUM] = "No_quorum",
	[PLACEMENT_OFFLINE_REQUESTED] = "Offline_requested",
	[PLACEMENT_NOT_AUTO_STARTED] = "Not_auto_started",
	[PLACEMENT_NONE_DESIRED] = "None_desired",
	[PLACEMENT_STOP_FAILED] = "Stop_failed",
	[PLACEMENT_UNCLEAN] = "Unclean_node",
	[PLACEMENT_DEPENDENCY] = "Dependency",
	[PLACEMENT_DEPENDENCY_CYCLE] = "Dependency_cycle",
	[PLACEMENT_AFFINITY] = "Affinity",
	[PLACEMENT_NO_NODE] = "No_node",
	[PLACEMENT_EVACUATING] = "Evacuating",
	[PLACEMENT_NO_MODULE] = "No_module",
	[PLACEMENT_NOT_INSTALLED] = "Not_installed",
	[PLACEMENT_GIVEOVER] = "Giveover",
	[PLACEMENT_PINGPONG] = "Pingpong",
};

const char *
placement_reason_name(enum placement_reason r)
{
	if ((size_t)r >= sizeof(reason_names) / sizeof(*reason_names) ||
	    reason_names[r] == NULL)
		return "?";
	return reason_names[r];
}

static const char *
node_name(const struct placement_input *in, size_t n)
{
	return n < in->n_nodes ? in->nodes[n].name : "?";
}

static const char *
group_name(const struct placement_input *in, size_t g)
{
	return g < in->ccr->n_groups ? in->ccr->groups[g]->name : "?";
}

static const char *
type_name(const struct placement_input *in, size_t t)
{
	return t < in->ccr->n_types ? in->ccr->types[t]->name : "?";
}

/* The reasons that concern one node of the Nodelist (the first one
 * refused); the rest of the Nodelist is down or refused too. */
static int
explain_node(const struct placement_input *in, const struct placement_group *pg,
    size_t g, char *buf, size_t len)
{
	const char *node = node_name(in, pg->node);
	const struct placement_cell *cl = in->cells && pg->node < in->n_nodes ?
	    &in->cells[g * in->n_nodes + pg->node] : NULL;

	switch (pg->reason) {
	case PLACEMENT_EVACUATING:
		return snprintf(buf, len, "node %s is being evacuated", node);
	case PLACEMENT_NO_MODULE:
		return snprintf(buf, len, "node %s lacks the module of type "
		    "%s", node, type_name(in, pg->ref));
	case PLACEMENT_NOT_INSTALLED:
		return snprintf(buf, len, "type %s is not installed on node %s "
		    "(Installed_nodes)", type_name(in, pg->ref), node);
	case PLACEMENT_GIVEOVER:
		return snprintf(buf, len, "given over from node %s", node);
	case PLACEMENT_PINGPONG:
		return snprintf(buf, len, "failed on node %s %ld s ago, within "
		    "Pingpong_interval %d", node, cl ? in->now - cl->failed_at :
		    0L, ccr_rg_int(in->ccr->groups[g], "Pingpong_interval",
		    3600));
	case PLACEMENT_AFFINITY:
		return snprintf(buf, len, "RG_affinities with group %s allows "
		    "no eligible node (first refused: %s)",
		    group_name(in, pg->ref), node);
	default:
		return snprintf(buf, len, "%s", placement_reason_name(
		    pg->reason));
	}
}

int
placement_explain(const struct placement_input *in,
    const struct placement_result *out, size_t g, char *buf, size_t len)
{
	const struct placement_group *pg;
	const char *node;
	int n;

	if (g >= out->n_groups)
		return -1;
	pg = &out->g[g];
	node = node_name(in, pg->ref);
	switch (pg->reason) {
	case PLACEMENT_PLACED:
		n = snprintf(buf, len, "online on %u node%s", pg->n_wanted,
		    pg->n_wanted == 1 ? "" : "s");
		break;
	case PLACEMENT_PARTIAL:
		n = snprintf(buf, len, "online on %u node%s, fewer than "
		    "Desired_primaries %d: no other eligible node",
		    pg->n_wanted, pg->n_wanted == 1 ? "" : "s",
		    ccr_rg_int(in->ccr->groups[g], "Desired_primaries", 1));
		break;
	case PLACEMENT_UNMANAGED:
		n = snprintf(buf, len, "unmanaged");
		break;
	case PLACEMENT_NO_QUORUM:
		n = snprintf(buf, len, "this partition has no quorum: nothing "
		    "is placed");
		break;
	case PLACEMENT_OFFLINE_REQUESTED:
		n = snprintf(buf, len, "switched offline by the operator");
		break;
	case PLACEMENT_NOT_AUTO_STARTED:
		n = snprintf(buf, len, "Auto_start_on_new_cluster is FALSE: "
		    "waits for scswitch -z on a new cluster");
		break;
	case PLACEMENT_NONE_DESIRED:
		n = snprintf(buf, len, "Desired_primaries is 0");
		break;
	case PLACEMENT_STOP_FAILED:
		n = snprintf(buf, len, "Error_stop_failed on node %s: nothing "
		    "starts until it is cleared (scswitch -c -f STOP_FAILED)",
		    node);
		break;
	case PLACEMENT_UNCLEAN:
		n = snprintf(buf, len, "node %s left while hosting it and is "
		    "not fenced yet", node);
		break;
	case PLACEMENT_DEPENDENCY:
		n = snprintf(buf, len, "depends on group %s, which is not "
		    "online", group_name(in, pg->ref));
		break;
	case PLACEMENT_DEPENDENCY_CYCLE:
		n = snprintf(buf, len, "its group dependencies form a cycle");
		break;
	case PLACEMENT_NO_NODE:
		n = snprintf(buf, len, "no node of its Nodelist%s is up",
		    in->req && in->req[g].kind == PLACEMENT_REQ_SWITCH ?
		    " that the switch names" : "");
		break;
	default:
		n = explain_node(in, pg, g, buf, len);
		break;
	}
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* ---- the rendering of rgsim(8) and scswitch --dry-run ---- */

static const char *
state_word(const struct placement_group *pg)
{
	if (pg->blocked)
		return "Pending_online_blocked";
	if (pg->reason == PLACEMENT_STOP_FAILED)
		return "Error_stop_failed";
	if (pg->reason == PLACEMENT_UNMANAGED)
		return "Unmanaged";
	return pg->n_wanted ? "Online" : "Offline";
}

void
placement_print_nodes(FILE *f, const struct placement_input *in)
{
	size_t up = 0;

	for (size_t n = 0; n < in->n_nodes; n++)
		up += in->nodes[n].up;
	fprintf(f, "Membership: %zu of %zu nodes up, %s%s\n", up, in->n_nodes,
	    in->quorate ? "quorate" : "NOT quorate",
	    in->new_cluster ? ", new cluster" : "");
	for (size_t n = 0; n < in->n_nodes; n++) {
		const struct placement_node *nd = &in->nodes[n];

		fprintf(f, "  %-16s id %-4u %s%s%s\n", nd->name, nd->id,
		    nd->up ? "up" : "down", nd->unclean ? ", not fenced" : "",
		    nd->evacuating ? ", evacuating" : "");
	}
}

static int
cmp_node_id(const void *a, const void *b, void *arg)
{
	const struct placement_node *nodes = arg;
	uint32_t x = nodes[*(const size_t *)a].id;
	uint32_t y = nodes[*(const size_t *)b].id;

	return (x > y) - (x < y);
}

/* Each group's wanted nodes, listed by node id (the order in which the
 * nodes are given changes nothing), and why a group is not placed. */
void
placement_print_groups(FILE *f, const struct placement_input *in,
    const struct placement_result *r)
{
	char why[512], where[1024];
	size_t nn = in->n_nodes, *byid = calloc(nn + 1, sizeof(size_t));

	if (byid == NULL)
		return;
	for (size_t n = 0; n < nn; n++)
		byid[n] = n;
	qsort_r(byid, nn, sizeof(size_t), cmp_node_id, (void *)in->nodes);
	fprintf(f, "Placement:\n");
	for (size_t g = 0; g < r->n_groups; g++) {
		const struct placement_group *pg = &r->g[g];
		size_t len = 0;

		where[0] = '\0';
		for (size_t k = 0; k < nn && len < sizeof(where); k++)
			if (r->wanted[g * nn + byid[k]])
				len += (size_t)snprintf(where + len,
				    sizeof(where) - len, "%s%s", len ? "," : "",
				    in->nodes[byid[k]].name);
		if (placement_explain(in, r, g, why, sizeof(why)) == -1)
			snprintf(why, sizeof(why), "%s",
			    placement_reason_name(pg->reason));
		fprintf(f, "  %-20s %-22s %-16s %s\n", in->ccr->groups[g]->name,
		    state_word(pg), len ? where : "-", why);
	}
	free(byid);
}

void
placement_print_actions(FILE *f, const struct placement_input *in,
    const struct placement_result *r)
{
	fprintf(f, "Actions (%zu):\n", r->n_act);
	for (size_t i = 0; i < r->n_act; i++) {
		const struct placement_action *a = &r->act[i];

		fprintf(f, "  %3zu. %-5s %-20s on %s%s", i + 1,
		    a->verb == PLACEMENT_START ? "start" : "stop",
		    in->ccr->groups[a->group]->name, in->nodes[a->node].name,
		    a->restart ? " (restart: dependency)" : "");
		if (a->waits)
			fprintf(f, " (later: after %s)",
			    in->ccr->groups[a->waits_for]->name);
		fputc('\n', f);
	}
}
