// SPDX-License-Identifier: MIT
/*
 * cmd_switch.c - the state requests of scswitch (-Z -z -F -e -n -c -u -o
 * -R; -S and the cluster's -z are in cmd_place.c) and the operations
 * rgmd runs by itself at start-up. On this node a
 * group is brought online or offline by the plans of fsm.c; the checks
 * here refuse what Sun Cluster refuses: unknown objects, nodes that are
 * not members, groups blocked in Error_stop_failed, unmanaged groups.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cluster.h"
#include "cmd_private.h"
#include "log.h"
#include "membership.h"
#include "rgmd.h"
#include "switchreq.h"
#include "cluster_state.h"
#include "scha_err.h"

static int
check_nodes(struct op *op, const struct ctl_msg *req)
{
	char *nodes[CMD_MAX_LIST];
	size_t n = cmd_list(req, "node", nodes);

	for (size_t i = 0; i < n; i++)
		if (!cmd_is_member(nodes[i])) {
			char names[512];

			membership_names(names, sizeof(names));
			engine_op_say(op, true, "node %s is not a cluster "
			    "member (nodes: %s)", nodes[i], names);
			return -1;
		}
	return 0;
}

/* The groups named (all of them when none and all_if_none). */
static size_t
groups_of(struct op *op, const struct ctl_msg *req, bool all_if_none,
    char **out)
{
	size_t n = cmd_list(req, "group", out);

	if (n == 0 && all_if_none && rgmd.ccr->n_groups > CMD_MAX_LIST) {
		engine_op_say(op, true, "there are more than %d resource "
		    "groups: name them (-g)", CMD_MAX_LIST);
		return (size_t)-1;
	}
	if (n == 0 && all_if_none)
		for (size_t i = 0; i < rgmd.ccr->n_groups && n < CMD_MAX_LIST;
		    i++)
			out[n++] = rgmd.ccr->groups[i]->name;
	for (size_t i = 0; i < n; i++)
		if (ccr_group(rgmd.ccr, out[i]) == NULL) {
			engine_op_say(op, true, "unknown resource group %s",
			    out[i]);
			return (size_t)-1;
		}
	if (n == 0)
		engine_op_say(op, true, "malformed request: group= is missing");
	return n ? n : (size_t)-1;
}

/* Placement without -h honours Pingpong_interval; -h forces. */
static bool
is_ineligible(struct op *op, const struct ctl_msg *req, const char *group)
{
	long until;

	if (ctl_msg_count(req, "node") > 0 ||
	    !state_rg_in_pingpong(group, (long)time(NULL), &until))
		return false;
	engine_op_say(op, true, "resource group %s was given over from %s: "
	    "the node is ineligible for %ld more s (Pingpong_interval); "
	    "force it with scswitch -z -g %s -h %s", group,
	    rgmd.conf.node_name, until - (long)time(NULL), group,
	    rgmd.conf.node_name);
	return true;
}

static bool
is_blocked(struct op *op, const char *group)
{
	const struct rg_run *g = state_rg(group);

	if (g && g->state == RG_ERROR_STOP_FAILED) {
		engine_op_say(op, true, "resource group %s is "
		    "Error_stop_failed on %s: clear it first (scswitch -c -h "
		    "%s -j RESOURCE -f STOP_FAILED)", group,
		    rgmd.conf.node_name, rgmd.conf.node_name);
		return true;
	}
	return false;
}

/* Plan Init for every resource of a group that becomes managed. */
static int
plan_manage(struct op *op, const char *group)
{
	if (cmd_propose(op) == -1)
		return -1;
	ccr_group(op->proposed, group)->managed = true;
	return fsm_plan_group_method(op->proposed, group, RT_INIT, true,
	    &op->plan);
}

static int
prep_online(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	char *g[CMD_MAX_LIST];
	size_t n = groups_of(op, &cx->req, true, g);
	int rc = 0;

	if (n == (size_t)-1)
		return -1;
	if (cmd_is_dry_run(&cx->req))
		return cmd_place_dry(op, cx, true);
	if (cmd_propose(op) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((ccr_group(rgmd.ccr, g[i])->managed &&
		    is_blocked(op, g[i])) || is_ineligible(op, &cx->req, g[i]))
			return -1;
	for (size_t i = 0; i < n; i++) {
		if (!ccr_group(rgmd.ccr, g[i])->managed)
			rc |= plan_manage(op, g[i]);
		for (size_t k = 0; k < op->proposed->n_res; k++)
			if (strcmp(op->proposed->res[k]->group, g[i]) == 0) {
				op->proposed->res[k]->enabled = true;
				op->proposed->res[k]->monitored = true;
			}
	}
	/* -Z ends a switch request: placement decides again. */
	for (size_t i = 0; i < n; i++) {
		ccr_group(op->proposed, g[i])->offline = false;
		switchreq_free(&ccr_group(op->proposed, g[i])->sw);
	}
	/* Init runs on the proposed configuration, before the commit. */
	rc |= fsm_plan_commit(&op->plan);
	/* In a cluster the president places the group (president.c). */
	for (size_t i = 0; i < n && !cluster_is_active(); i++)
		rc |= fsm_plan_online(op->proposed, &rgmd.rt, g[i], NULL,
		    &op->plan);
	return rc;
}

/*
 * The shape of -z, -F and -R: every named group is checked (refuse says
 * why not, and nothing is planned), then each gets its plan.
 */
static int
plan_groups(struct op *op, const struct ctl_msg *req, bool with_nodes,
    bool (*refuse)(struct op *, const struct ctl_msg *, const char *),
    int (*plan)(const char *group, struct plan *p))
{
	char *g[CMD_MAX_LIST];
	size_t n = groups_of(op, req, false, g);
	int rc = 0;

	if (n == (size_t)-1 || (with_nodes && check_nodes(op, req) == -1))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (refuse(op, req, g[i]))
			return -1;
	for (size_t i = 0; i < n; i++)
		rc |= plan(g[i], &op->plan);
	return rc;
}

static bool
refuse_switch(struct op *op, const struct ctl_msg *req, const char *g)
{
	if (!ccr_group(rgmd.ccr, g)->managed) {
		engine_op_say(op, true, "resource group %s is unmanaged: "
		    "manage it first (scswitch -o -g %s)", g, g);
		return true;
	}
	return is_blocked(op, g) || is_ineligible(op, req, g);
}

static bool
refuse_offline(struct op *op, const struct ctl_msg *req, const char *g)
{
	(void)req;
	return is_blocked(op, g);
}

static bool
refuse_restart(struct op *op, const struct ctl_msg *req, const char *g)
{
	(void)req;
	if (is_blocked(op, g))
		return true;
	if (!state_rg(g)->want_online) {
		engine_op_say(op, true, "resource group %s is not online on "
		    "%s", g, rgmd.conf.node_name);
		return true;
	}
	return false;
}

static int
plan_online(const char *g, struct plan *p)
{
	return fsm_plan_online(rgmd.ccr, &rgmd.rt, g, NULL, p);
}

static int
plan_offline(const char *g, struct plan *p)
{
	return fsm_plan_offline(rgmd.ccr, &rgmd.rt, g, NULL, p);
}

static int
plan_restart(const char *g, struct plan *p)
{
	return fsm_plan_restart(rgmd.ccr, &rgmd.rt, g, p);
}

/* In a cluster (and for any dry run) the switch is a request that the
 * president carries out (cmd_place.c). */
static int
prep_switch(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;

	if (cluster_is_active() || cmd_is_dry_run(&cx->req))
		return cmd_place_switch(op, cx);
	return plan_groups(op, &((struct cmd_ctx *)arg)->req, true,
	    refuse_switch, plan_online);
}

/*
 * In a cluster -F is a change of the configuration: the groups are marked
 * offline and the president stops them wherever they run (president.c).
 */
static int
prep_offline_cluster(struct op *op, const struct ctl_msg *req)
{
	char *g[CMD_MAX_LIST];
	size_t n = groups_of(op, req, false, g);

	if (n == (size_t)-1 || cmd_propose(op) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (refuse_offline(op, req, g[i]))
			return -1;
	for (size_t i = 0; i < n; i++) {
		ccr_group(op->proposed, g[i])->offline = true;
		switchreq_free(&ccr_group(op->proposed, g[i])->sw);
	}
	return fsm_plan_commit(&op->plan);
}

static int
prep_offline(struct op *op, void *arg)
{
	if (cmd_is_dry_run(&((struct cmd_ctx *)arg)->req))
		return cmd_place_dry(op, arg, false);
	if (cluster_is_active())
		return prep_offline_cluster(op, &((struct cmd_ctx *)arg)->req);
	return plan_groups(op, &((struct cmd_ctx *)arg)->req, false,
	    refuse_offline, plan_offline);
}

static int
prep_restart(struct op *op, void *arg)
{
	return plan_groups(op, &((struct cmd_ctx *)arg)->req, true,
	    refuse_restart, plan_restart);
}

/* The resources named; -1 when one is unknown. */
static size_t
resources_of(struct op *op, const struct ctl_msg *req, char **out)
{
	size_t n = cmd_list(req, "resource", out);

	for (size_t i = 0; i < n; i++)
		if (ccr_resource(rgmd.ccr, out[i]) == NULL) {
			engine_op_say(op, true, "unknown resource %s", out[i]);
			return (size_t)-1;
		}
	if (n == 0)
		engine_op_say(op, true, "malformed request: resource= is "
		    "missing");
	return n ? n : (size_t)-1;
}

static int
plan_monitoring(struct op *op, const char *res, bool on)
{
	struct res *r = ccr_resource(op->proposed, res);
	const struct r_run *rr = state_r(res);

	r->monitored = on;
	if (rr == NULL || !fsm_r_is_up(rr->state) ||
	    rr->state == R_STOP_FAILED)
		return 0;
	return fsm_plan_method(&op->plan, r->group, res, on ? RT_MONITOR_START :
	    RT_MONITOR_STOP, false, false);
}

/* Refuse to disable a resource that an enabled one depends on. */
static int
check_dependents(struct op *op, const char *res)
{
	for (size_t i = 0; i < op->proposed->n_res; i++) {
		const struct res *o = op->proposed->res[i];
		const struct prop_value *d = ccr_res_value(o,
		    "Resource_dependencies");

		for (size_t k = 0; o->enabled && d && k < d->n; k++)
			if (strcmp(d->v[k], res) == 0) {
				engine_op_say(op, true, "resource %s cannot be "
				    "disabled: enabled resource %s depends on "
				    "it", res, o->name);
				return -1;
			}
	}
	return 0;
}

static int
plan_enable(struct op *op, const char *res, bool on)
{
	struct res *r = ccr_resource(op->proposed, res);
	const struct rg_run *gr = state_rg(r->group);

	r->enabled = on;
	if (!on && check_dependents(op, res) == -1)
		return -1;
	if (!ccr_group(rgmd.ccr, r->group)->managed || !gr->want_online)
		return 0;
	if (on)
		return fsm_plan_online(op->proposed, &rgmd.rt, r->group, res,
		    &op->plan);
	return fsm_plan_offline(op->proposed, &rgmd.rt, r->group, res,
	    &op->plan);
}

static int
prep_enable_disable(struct op *op, struct cmd_ctx *cx, bool on)
{
	const char *mon = ctl_msg_get(&cx->req, "monitor");
	char *rs[CMD_MAX_LIST];
	size_t n = resources_of(op, &cx->req, rs);
	int rc;

	if (n == (size_t)-1 || check_nodes(op, &cx->req) == -1 ||
	    cmd_propose(op) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (is_blocked(op, ccr_resource(rgmd.ccr, rs[i])->group))
			return -1;
	/* In a cluster the nodes where the groups run follow the change
	 * (cmd_follow.c): answer when they are done. */
	cx->wait = cluster_is_active();
	rc = fsm_plan_commit(&op->plan);
	for (size_t i = 0; i < n; i++) {
		if (mon != NULL && strcmp(mon, "1") == 0)
			rc |= plan_monitoring(op, rs[i], on);
		else if (plan_enable(op, rs[i], on) == -1)
			return -1;
	}
	return rc;
}

static int
prep_enable(struct op *op, void *arg)
{
	return prep_enable_disable(op, arg, true);
}

static int
prep_disable(struct op *op, void *arg)
{
	return prep_enable_disable(op, arg, false);
}

/* Clear Stop_failed of res here (after the checks): the group is
 * Offline here and may be placed again. */
int
cmd_clear_here(struct op *op, const char *res)
{
	const char *g = ccr_resource(rgmd.ccr, res)->group;

	state_set_r_state(res, R_OFFLINE);
	state_set_rg_want(g, false);
	log_info("resource %s: Stop_failed cleared by the operator", res);
	return fsm_plan_add(&op->plan, STEP_GROUP_END, g, NULL, RT_STOP, true);
}

static bool
is_self(const char *node)
{
	return strcmp(node, rgmd.conf.node_name) == 0;
}

/* Is res Stop_failed on node (this one, or as the node reported)? */
static bool
is_stop_failed_on(struct op *op, const char *res, const char *node)
{
	const struct membership_node *m = membership_view_find_name(
	    membership_view(), node);
	enum r_state st = R_OFFLINE;

	if (is_self(node))
		st = state_r(res)->state;
	else if (m == NULL || !m->up || !m->rgmd) {
		cmd_refuse_code(op, SCHA_ERR_NODE, NULL);
		engine_op_say(op, true, "node %s is down: its Stop_failed flags "
		    "are cleared when it is back (or on it)", node);
		return false;
	} else if (!cluster_state_resource(m->id, res, &st, NULL, 0))
		st = R_OFFLINE;
	if (st != R_STOP_FAILED)
		engine_op_say(op, true, "resource %s is %s on %s, not "
		    "Stop_failed", res, fsm_r_state_name(st), node);
	return st == R_STOP_FAILED;
}

/*
 * -c -h NODE,... -j RES,... -f STOP_FAILED. On this node the flag is
 * cleared here; in a cluster, for another node, the request goes to it
 * as a "clear" line of an ORDER (cmd_follow.c) and the command answers
 * when that node reports the resource Offline (cmd_wait.c).
 */
static int
prep_clear(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *flag = ctl_msg_get(&cx->req, "flag");
	char *rs[CMD_MAX_LIST], *nodes[CMD_MAX_LIST];
	size_t n = resources_of(op, &cx->req, rs);
	size_t nn = cmd_list(&cx->req, "node", nodes);
	int rc = 0;

	if (n == (size_t)-1 || check_nodes(op, &cx->req) == -1)
		return -1;
	if (flag == NULL || strcmp(flag, "STOP_FAILED") != 0) {
		engine_op_say(op, true, "flag=%s: only STOP_FAILED can be "
		    "cleared", flag ? flag : "(missing)");
		return -1;
	}
	if (nn == 0 || !cluster_is_active()) {	/* one node: here */
		nodes[0] = rgmd.conf.node_name;
		nn = 1;
	}
	for (size_t k = 0; k < nn; k++)
		for (size_t i = 0; i < n; i++)
			if (!is_stop_failed_on(op, rs[i], nodes[k]))
				return -1;
	for (size_t k = 0; k < nn; k++) {
		if (!is_self(nodes[k])) {
			rc |= cmd_clear_send(op, rs, n, nodes[k]);
			cx->wait = true;
			continue;
		}
		for (size_t i = 0; i < n; i++)
			rc |= cmd_clear_here(op, rs[i]);
	}
	return rc;
}

static int
prep_manage(struct op *op, void *arg, bool on)
{
	struct cmd_ctx *cx = arg;
	char *g[CMD_MAX_LIST];
	size_t n = groups_of(op, &cx->req, false, g);
	int rc = 0;

	if (n == (size_t)-1 || cmd_propose(op) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct rg_run *gr = state_rg(g[i]);

		if (!on && (gr->want_online || is_blocked(op, g[i]))) {
			engine_op_say(op, true, "resource group %s is not "
			    "offline: take it offline first (scswitch -F -g "
			    "%s)", g[i], g[i]);
			return -1;
		}
		if (on && !ccr_group(rgmd.ccr, g[i])->managed)
			rc |= plan_manage(op, g[i]);
		if (on)
			continue;
		ccr_group(op->proposed, g[i])->managed = false;
		rc |= fsm_plan_group_method(rgmd.ccr, g[i], RT_FINI, false,
		    &op->plan);
	}
	rc |= fsm_plan_commit(&op->plan);
	for (size_t i = 0; i < n; i++)
		rc |= fsm_plan_add(&op->plan, STEP_GROUP_END, g[i], NULL,
		    RT_STOP, true);
	return rc;
}

static int
prep_unmanage(struct op *op, void *arg)
{
	return prep_manage(op, arg, false);
}

static int
prep_do_manage(struct op *op, void *arg)
{
	return prep_manage(op, arg, true);
}

const struct cmd_entry cmd_switch_table[] = {
	{ "online", prep_online,
	    "bringing resource groups online (scswitch -Z)" },
	{ "switch", prep_switch,
	    "switching resource groups (scswitch -z)" },
	{ "evacuate", cmd_place_evacuate,
	    "evacuating nodes (scswitch -S)" },
	{ "offline", prep_offline,
	    "taking resource groups offline (scswitch -F)" },
	{ "restart", prep_restart,
	    "restarting resource groups (scswitch -R)" },
	{ "enable", prep_enable,
	    "enabling resources or their monitoring (scswitch -e)" },
	{ "disable", prep_disable,
	    "disabling resources or their monitoring (scswitch -n)" },
	{ "clear", prep_clear,
	    "clearing an error flag (scswitch -c)" },
	{ "unmanage", prep_unmanage,
	    "unmanaging resource groups (scswitch -u)" },
	{ "manage", prep_do_manage,
	    "managing resource groups (scswitch -o)" },
	{ NULL, NULL, NULL },
};
