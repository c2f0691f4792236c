// SPDX-License-Identifier: MIT
/*
 * cmd_place.c - scswitch -z -h and -S in a cluster, and --dry-run. A
 * switch is a change of the configuration (the group's switch request,
 * switchreq.h) that the president carries out; before it is committed,
 * the placement function decides on the cluster's current input
 * (cluster_input.h) whether the president would put each group on
 * exactly the nodes named, and the request is refused with the reason and
 * Sun's code when not (switch_check.h). -S sets, for every group online
 * on the node, the switch request to where placement puts it with the
 * node being evacuated; a group that has nowhere else to go is taken
 * offline, as scswitch -F would. Both answer when the groups are there
 * (cmd_wait.c). --dry-run computes the same and prints the placement and
 * its ordered actions with rgsim's rendering (placement_text.c), commits
 * nothing and answers at once. Runs in rgmd's event loop, as the prepare
 * of an engine operation.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "cluster_input.h"
#include "cmd_private.h"
#include "membership.h"
#include "rgmd.h"
#include "scha_err.h"
#include "switch_check.h"
#include "switchreq.h"

bool
cmd_is_dry_run(const struct ctl_msg *req)
{
	const char *v = ctl_msg_get(req, "dry_run");

	return v != NULL && strcmp(v, "1") == 0;
}

/* The placement of in as rgsim prints it, said to the requester. */
static int
say_dry_run(struct op *op, const struct placement_input *in,
    const struct switch_verdict *v)
{
	struct placement_result r = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int rc = -1;

	if (placement_compute(in, &r) == -1 ||
	    (f = open_memstream(&text, &len)) == NULL) {
		engine_op_say(op, true, "out of memory");
		goto out;
	}
	fprintf(f, "Dry run: nothing is changed.\n");
	placement_print_nodes(f, in);
	placement_print_groups(f, in, &r);
	placement_print_actions(f, in, &r);
	if (fclose(f) != 0) {
		engine_op_say(op, true, "out of memory");
		goto out;
	}
	if (len > 0 && text[len - 1] == '\n')
		text[len - 1] = '\0';	/* engine_op_say ends the line */
	engine_op_say(op, false, "%s", text);
	rc = 0;
	if (v != NULL && v->code != 0) {
		engine_op_say(op, false, "The request would be refused:");
		rc = cmd_refuse_code(op, v->code, v->msg);
	}
out:
	free(text);
	placement_result_free(&r);
	return rc;
}

/* The groups named, as indices of rgmd.ccr; -1 (said) when unknown. */
static size_t
group_indices(struct op *op, const struct ctl_msg *req, size_t *out)
{
	char *g[CMD_MAX_LIST];
	size_t n = cmd_list(req, "group", g);

	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		while (k < rgmd.ccr->n_groups &&
		    strcmp(rgmd.ccr->groups[k]->name, g[i]) != 0)
			k++;
		if (k == rgmd.ccr->n_groups) {
			engine_op_say(op, true, "unknown resource group %s",
			    g[i]);
			return (size_t)-1;
		}
		out[i] = k;
	}
	if (n == 0)
		engine_op_say(op, true, "malformed request: group= is missing");
	return n ? n : (size_t)-1;
}

/* The nodes named (this node when none), each a cluster node. */
static size_t
node_names(struct op *op, const struct ctl_msg *req, char **out)
{
	size_t n = cmd_list(req, "node", out);
	char names[512];

	if (n == 0) {
		out[0] = rgmd.conf.node_name;
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		if (!cmd_is_member(out[i])) {
			membership_names(names, sizeof(names));
			cmd_refuse_code(op, SCHA_ERR_NODE, NULL);
			engine_op_say(op, true, "node %s is not a cluster member "
			    "(nodes: %s)", out[i], names);
			return (size_t)-1;
		}
	return n;
}

/* Mark the groups switched in the proposed configuration. */
static int
propose_switch(struct op *op, const size_t *gi, size_t ng, char **nodes,
    size_t nn, const struct cluster_input *cur)
{
	for (size_t i = 0; i < ng; i++) {
		struct rg *g = op->proposed->groups[gi[i]];

		g->offline = false;
		if (switchreq_set(&g->sw, nodes, nn, cur->nodes,
		    cur->in.n_nodes, cur->in.now) == -1) {
			engine_op_say(op, true, "out of memory");
			return -1;
		}
	}
	return 0;
}

static bool
is_unmanaged(struct op *op, const size_t *gi, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct rg *g = rgmd.ccr->groups[gi[i]];

		if (!g->managed) {
			cmd_refuse_code(op, SCHA_ERR_STATE, NULL);
			engine_op_say(op, true, "resource group %s is unmanaged: "
			    "manage it first (scswitch -o -g %s)", g->name,
			    g->name);
			return true;
		}
	}
	return false;
}

/* named[i][k]: node k of ci named for the i-th group (every group the
 * same nodes); NULL when out of memory. A node not in the view counts
 * as down: it is named nowhere, and static checks see no such node. */
static bool *
named_rows(const struct cluster_input *ci, size_t ng, char **nodes,
    size_t nn)
{
	size_t n_nodes = ci->in.n_nodes;
	bool *named = calloc(ng * n_nodes + 1, sizeof(bool));

	for (size_t i = 0; named != NULL && i < ng; i++)
		for (size_t j = 0; j < nn; j++) {
			size_t k = cluster_input_node(ci, nodes[j]);

			if (k != PLACEMENT_NONE)
				named[i * n_nodes + k] = true;
		}
	return named;
}

/* Every node named is in the view (membership_is_node knows the nodes
 * configured; the view those it has seen). */
static int
check_in_view(struct op *op, const struct cluster_input *ci, char **nodes,
    size_t nn)
{
	for (size_t j = 0; j < nn; j++)
		if (cluster_input_node(ci, nodes[j]) == PLACEMENT_NONE) {
			cmd_refuse_code(op, SCHA_ERR_NODE, NULL);
			engine_op_say(op, true, "node %s is down: it has not "
			    "joined the cluster", nodes[j]);
			return -1;
		}
	return 0;
}

int
cmd_place_switch(struct op *op, struct cmd_ctx *cx)
{
	size_t gi[CMD_MAX_LIST], ng, nn;
	char *nodes[CMD_MAX_LIST];
	struct cluster_input cur = { 0 }, want = { 0 };
	struct switch_verdict v;
	bool *named = NULL;
	int rc = -1;

	if ((ng = group_indices(op, &cx->req, gi)) == (size_t)-1 ||
	    (nn = node_names(op, &cx->req, nodes)) == (size_t)-1 ||
	    is_unmanaged(op, gi, ng) || cmd_propose(op) == -1)
		return -1;
	if (cluster_input_build(&cur, rgmd.ccr) == -1) {
		engine_op_say(op, true, "out of memory");
		goto out;
	}
	if (check_in_view(op, &cur, nodes, nn) == -1)
		goto out;
	if (propose_switch(op, gi, ng, nodes, nn, &cur) == -1 ||
	    cluster_input_build(&want, op->proposed) == -1 ||
	    (named = named_rows(&cur, ng, nodes, nn)) == NULL) {
		engine_op_say(op, true, "out of memory");
		goto out;
	}
	/* The switch as asked, even if a failure in this very second would
	 * end it at once: the check names that failure (Pingpong). */
	for (size_t i = 0; i < ng; i++) {
		want.req[gi[i]].kind = PLACEMENT_REQ_SWITCH;
		memcpy(&want.req_nodes[gi[i] * cur.in.n_nodes],
		    &named[i * cur.in.n_nodes], cur.in.n_nodes * sizeof(bool));
	}
	if (switch_check(&cur.in, &want.in, gi, ng, named, &v) == -1) {
		engine_op_say(op, true, "out of memory");
		goto out;
	}
	if (cmd_is_dry_run(&cx->req)) {
		rc = say_dry_run(op, &want.in, &v);
		goto out;
	}
	if (v.code != 0) {
		cmd_refuse_code(op, v.code, v.msg);
		goto out;
	}
	rc = fsm_plan_commit(&op->plan);
	cx->wait = cluster_is_active();
out:
	free(named);
	cluster_input_free(&cur);
	cluster_input_free(&want);
	return rc;
}

/* The nodes to evacuate: each a member, up; quorum. */
static int
evacuation_nodes(struct op *op, struct cmd_ctx *cx, struct cluster_input *ci)
{
	char *nodes[CMD_MAX_LIST];
	size_t n = cmd_list(&cx->req, "node", nodes);

	if (n == 0) {
		engine_op_say(op, true, "malformed request: node= is missing");
		return -1;
	}
	if (node_names(op, &cx->req, nodes) == (size_t)-1)
		return -1;
	if (!ci->in.quorate)
		return cmd_refuse_code(op, SCHA_ERR_CLUSTER, "this partition "
		    "has no quorum: no node can be evacuated");
	for (size_t i = 0; i < n; i++) {
		size_t k = cluster_input_node(ci, nodes[i]);

		if (k == PLACEMENT_NONE || !ci->nodes[k].up) {
			cmd_refuse_code(op, SCHA_ERR_NODE, NULL);
			engine_op_say(op, true, "node %s is down: there is "
			    "nothing to evacuate", nodes[i]);
			return -1;
		}
		ci->nodes[k].evacuating = true;
	}
	return 0;
}

static bool
is_on_evacuated(const struct cluster_input *ci, size_t g)
{
	size_t nn = ci->in.n_nodes;

	for (size_t n = 0; n < nn; n++)
		if (ci->nodes[n].evacuating &&
		    (placement_is_running(ci->cells[g * nn + n].state) ||
		    ci->cells[g * nn + n].state == RG_PENDING_OFFLINE))
			return true;
	return false;
}

/* Each group on an evacuated node goes where r puts it, or offline. */
static size_t
propose_evacuation(struct op *op, const struct cluster_input *ci,
    const struct placement_result *r)
{
	size_t nn = ci->in.n_nodes, moved = 0;
	char *to[MEMBERSHIP_MAX_NODES], why[512];

	for (size_t g = 0; g < rgmd.ccr->n_groups; g++) {
		struct rg *grp = op->proposed->groups[g];
		size_t k = 0;

		if (!is_on_evacuated(ci, g))
			continue;
		moved++;
		for (size_t n = 0; n < nn && k < MEMBERSHIP_MAX_NODES; n++)
			if (r->wanted[g * nn + n])
				to[k++] = (char *)ci->nodes[n].name;
		if (k > 0) {
			if (switchreq_set(&grp->sw, to, k, ci->nodes, nn,
			    ci->in.now) == -1)
				return (size_t)-1;
			grp->offline = false;
			continue;
		}
		if (placement_explain(&ci->in, r, g, why, sizeof(why)) == -1)
			snprintf(why, sizeof(why), "no other eligible node");
		switchreq_free(&grp->sw);
		grp->offline = true;
		engine_op_say(op, false, "resource group %s has no other node "
		    "(%s): taken offline (scswitch -Z -g %s brings it back)",
		    grp->name, why, grp->name);
	}
	return moved;
}

int
cmd_place_evacuate(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	struct cluster_input ci = { 0 };
	struct placement_result r = { 0 };
	size_t moved;
	int rc = -1;

	if (!cluster_is_active() && !cmd_is_dry_run(&cx->req))
		return cmd_refuse_code(op, SCHA_ERR_CLUSTER, "scswitch -S: "
		    "this node is not in a cluster: there is no other node to "
		    "evacuate to");
	if (cluster_input_build(&ci, rgmd.ccr) == -1 ||
	    cmd_propose(op) == -1) {
		engine_op_say(op, true, "out of memory");
		goto out;
	}
	if (evacuation_nodes(op, cx, &ci) == -1)
		goto out;
	/* The evacuation replaces the switch requests of the groups it
	 * moves: they go where placement puts them without the node. */
	for (size_t g = 0; g < rgmd.ccr->n_groups; g++)
		if (is_on_evacuated(&ci, g) &&
		    ci.req[g].kind == PLACEMENT_REQ_SWITCH)
			ci.req[g].kind = PLACEMENT_REQ_NONE;
	if (placement_compute(&ci.in, &r) == -1) {
		engine_op_say(op, true, "out of memory");
		goto out;
	}
	if (cmd_is_dry_run(&cx->req)) {
		rc = say_dry_run(op, &ci.in, NULL);
		goto out;
	}
	if ((moved = propose_evacuation(op, &ci, &r)) == (size_t)-1) {
		engine_op_say(op, true, "out of memory");
		goto out;
	}
	rc = 0;
	if (moved == 0)
		goto out;	/* nothing runs there: nothing to change */
	rc = fsm_plan_commit(&op->plan);
	cx->wait = true;
	cx->since = ci.in.now;
out:
	placement_result_free(&r);
	cluster_input_free(&ci);
	return rc;
}

int
cmd_place_dry(struct op *op, struct cmd_ctx *cx, bool online)
{
	size_t gi[CMD_MAX_LIST], n = ctl_msg_count(&cx->req, "group");
	struct cluster_input want = { 0 };
	int rc = -1;

	if (n == 0 && online) {		/* -Z without -g: every group */
		n = rgmd.ccr->n_groups < CMD_MAX_LIST ? rgmd.ccr->n_groups :
		    CMD_MAX_LIST;
		for (size_t i = 0; i < n; i++)
			gi[i] = i;
	} else if ((n = group_indices(op, &cx->req, gi)) == (size_t)-1) {
		return -1;
	}
	if (cmd_propose(op) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct rg *g = op->proposed->groups[gi[i]];

		g->managed |= online;
		g->offline = !online;
		switchreq_free(&g->sw);
	}
	if (cluster_input_build(&want, op->proposed) == -1)
		engine_op_say(op, true, "out of memory");
	else
		rc = say_dry_run(op, &want.in, NULL);
	cluster_input_free(&want);
	return rc;
}
