// SPDX-License-Identifier: MIT
/*
 * cmd_wait.c - in a cluster, scswitch -z -h, -S, -e, -n and -c for
 * another node are answered when the groups (or resources) are where the
 * request put them, as on one node, not when the request is committed.
 * The commit hands the request here; once a loop round (before rgmd
 * sleeps, after the state reports of the round are in) placement is
 * computed on the cluster's input, and each waiting request is answered:
 *   - -z, -S: done when every group it concerns (the groups named; the
 *     groups -S moved, and none left on its nodes) is Online on each node
 *     placement wants and on no other node; failed when the switch no
 *     longer applies (a node it names left or the group failed there, a
 *     node joined), placement puts the group nowhere (why, as scstat says
 *     it), or it is Online_faulted or Error_stop_failed on a node where it
 *     was to be online; the switch stays in force;
 *   - -e / -n: done when, on every node where the resource's group runs,
 *     the resource is Online (Online_not_monitored when its monitoring
 *     is off), Offline, or Online_not_monitored for -n -M; failed
 *     when it is Start_failed, Stop_failed or Monitor_failed there;
 *   - -c -h for other nodes: done when each reports the resources out
 *     of Stop_failed; failed when one of them leaves;
 *   - not yet done after CMD_WAIT_MAX_S: told so (21), nothing undone.
 * Runs in rgmd's event loop.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_input.h"
#include "cluster_state.h"
#include "cmd_private.h"
#include "loop.h"
#include "log.h"
#include "rgmd.h"
#include "scha_err.h"
#include "switch_check.h"
#include "switchreq.h"

#define CMD_WAIT_MAX_S	600	/* the CLI's own limit for a change */

struct waiter {
	struct cmd_ctx	*cx;
	char		*said;		/* what the operation said so far */
	uint64_t	 deadline;	/* loop_now_ms */
	struct waiter	*next;
};

static struct waiter *waiters;
static struct loop_timer *tick;

static void
reply(struct waiter *w, bool ok, int code, const char *text)
{
	char *all = NULL;

	if (asprintf(&all, "%s%s", w->said ? w->said : "", text) == -1)
		all = NULL;
	w->cx->reply(w->cx->client, ok, ok ? 0 : code, all ? all : text);
	free(all);
	ctl_msg_free(&w->cx->req);
	free(w->cx);
	free(w->said);
	free(w);
}

static void
on_tick(void *arg)
{
	(void)arg;
	tick = NULL;
	/* before_sleep runs after this round: it checks the deadlines. */
	if (waiters != NULL)
		tick = loop_timer_add(1000, on_tick, NULL);
}

void
cmd_wait_add(struct cmd_ctx *cx, const char *said)
{
	struct waiter *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		cx->reply(cx->client, true, 0, "rgmd: committed; out of memory "
		    "to wait for it: check with scstat -g\n");
		ctl_msg_free(&cx->req);
		free(cx);
		return;
	}
	w->cx = cx;
	w->said = said ? strdup(said) : NULL;
	w->deadline = loop_now_ms() + CMD_WAIT_MAX_S * 1000ull;
	w->next = waiters;
	waiters = w;
	if (tick == NULL)
		tick = loop_timer_add(1000, on_tick, NULL);
}

static bool
is_present(enum rg_state s)
{
	return placement_is_running(s) || s == RG_PENDING_OFFLINE;
}

/*
 * The verdict on group g: 1 done, 0 not yet, -1 failed (why in buf,
 * code in *code). must_place: the request wanted it online somewhere.
 */
static int
group_verdict(const struct cluster_input *ci, const struct placement_result *r,
    size_t g, bool must_place, char *buf, size_t len, int *code)
{
	const struct rg *grp = ci->in.ccr->groups[g];
	size_t nn = ci->in.n_nodes;
	char why[512];
	int done = 1;

	if (must_place && r->g[g].n_wanted == 0) {
		if (placement_explain(&ci->in, r, g, why, sizeof(why)) == -1)
			snprintf(why, sizeof(why), "%s",
			    placement_reason_name(r->g[g].reason));
		*code = switch_check_code(r->g[g].reason);
		snprintf(buf, len, "resource group %s is not placed: %s\n",
		    grp->name, why);
		return -1;
	}
	for (size_t n = 0; n < nn; n++) {
		enum rg_state s = ci->cells[g * nn + n].state;
		bool w = r->wanted[g * nn + n];

		if (w && (s == RG_ONLINE_FAULTED || s == RG_ERROR_STOP_FAILED)) {
			*code = SCHA_ERR_STATE;
			snprintf(buf, len, "resource group %s is %s on %s\n",
			    grp->name, fsm_rg_state_name(s),
			    ci->nodes[n].name);
			return -1;
		}
		if ((w && s != RG_ONLINE) || (!w && is_present(s)))
			done = 0;
	}
	return done;
}

/* A resource's state on node k of the input: this node's own, or the
 * other's report (none: Offline). */
static enum r_state
res_state(const struct cluster_input *ci, size_t k, const char *res)
{
	const struct membership_view *v = membership_view();
	enum r_state st = R_OFFLINE;

	if (ci->nodes[k].id == v->local_id)
		return state_r(res)->state;
	if (!cluster_state_resource(ci->nodes[k].id, res, &st, NULL, 0))
		st = R_OFFLINE;
	return st;
}

/*
 * -e / -n (with or without -M) in a cluster: on every node where the
 * resource's group runs, the resource is Online (enabled, monitored),
 * Online_not_monitored (enabled, not monitored), Offline (disabled).
 */
static int
resource_verdict(const struct cluster_input *ci, const struct ctl_msg *req,
    bool on, char *buf, size_t len, int *code)
{
	const char *mon = ctl_msg_get(req, "monitor");
	bool monitor = mon != NULL && strcmp(mon, "1") == 0;
	char *rs[CMD_MAX_LIST];
	size_t n = cmd_list(req, "resource", rs), nn = ci->in.n_nodes;
	int done = 1;

	for (size_t i = 0; i < n; i++) {
		const struct res *r = ccr_resource(ci->in.ccr, rs[i]);
		size_t g = 0;

		if (r == NULL)
			continue;
		while (strcmp(ci->in.ccr->groups[g]->name, r->group) != 0)
			g++;
		for (size_t k = 0; k < nn; k++) {
			enum r_state s = res_state(ci, k, rs[i]);

			if (!ci->nodes[k].up ||
			    !placement_is_running(ci->cells[g * nn + k].state))
				continue;
			if (s == R_START_FAILED || s == R_STOP_FAILED ||
			    s == R_MONITOR_FAILED) {
				*code = SCHA_ERR_STATE;
				snprintf(buf, len, "resource %s is %s on %s\n",
				    rs[i], fsm_r_state_name(s),
				    ci->nodes[k].name);
				return -1;
			}
			if (on ? s != (r->monitored ? R_ONLINE :
			    R_ONLINE_NOT_MONITORED) : monitor ?
			    s != R_ONLINE_NOT_MONITORED : s != R_OFFLINE)
				done = 0;
		}
	}
	return done;
}

/* -c on other nodes: done when each reports the resources off
 * Stop_failed; failed when such a node leaves. */
static int
clear_verdict(const struct cluster_input *ci, const struct ctl_msg *req,
    char *buf, size_t len, int *code)
{
	char *rs[CMD_MAX_LIST], *nodes[CMD_MAX_LIST];
	size_t n = cmd_list(req, "resource", rs);
	size_t nn = cmd_list(req, "node", nodes);
	int done = 1;

	for (size_t j = 0; j < nn; j++) {
		size_t k = cluster_input_node(ci, nodes[j]);

		if (k == PLACEMENT_NONE || !ci->nodes[k].up) {
			*code = SCHA_ERR_NODE;
			snprintf(buf, len, "node %s left before it cleared the "
			    "flag\n", nodes[j]);
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			if (res_state(ci, k, rs[i]) == R_STOP_FAILED)
				done = 0;
	}
	return done;
}

/* -S: nothing left on the nodes evacuated (running or stopping). */
static bool
is_evacuated(const struct cluster_input *ci, const struct ctl_msg *req,
    size_t g)
{
	char *nodes[CMD_MAX_LIST];
	size_t n = cmd_list(req, "node", nodes), nn = ci->in.n_nodes;

	for (size_t i = 0; i < n; i++) {
		size_t k = cluster_input_node(ci, nodes[i]);

		if (k != PLACEMENT_NONE && is_present(ci->cells[g * nn + k].state))
			return false;
	}
	return true;
}

/*
 * 1 done, 0 not yet, -1 failed. A switch checks the groups it names; an
 * evacuation checks that no group is left on its nodes, and that each
 * group it moved (a switch request made by it) is placed.
 */
static int
verdict(const struct cluster_input *ci, const struct placement_result *r,
    const struct cmd_ctx *cx, char *buf, size_t len, int *code)
{
	const struct ctl_msg *req = &cx->req;
	const char *cmd = ctl_msg_get(req, "cmd");
	bool is_switch = cmd != NULL && strcmp(cmd, "switch") == 0;
	char *groups[CMD_MAX_LIST];
	size_t n = is_switch ? cmd_list(req, "group", groups) : 0;
	int all = 1;

	if (cmd != NULL && strcmp(cmd, "clear") == 0)
		return clear_verdict(ci, req, buf, len, code);
	if (cmd != NULL && (strcmp(cmd, "enable") == 0 ||
	    strcmp(cmd, "disable") == 0))
		return resource_verdict(ci, req, strcmp(cmd, "enable") == 0,
		    buf, len, code);
	for (size_t g = 0; g < ci->in.ccr->n_groups; g++) {
		const struct rg *grp = ci->in.ccr->groups[g];
		bool mine = !is_switch && grp->sw.n_nodes > 0 &&
		    grp->sw.at == cx->since;
		int v;

		for (size_t i = 0; i < n && !mine; i++)
			mine = strcmp(groups[i], grp->name) == 0;
		if (!is_switch && !is_evacuated(ci, req, g))
			all = 0;
		if (!mine)
			continue;
		if (!switchreq_applies(&grp->sw, ci->nodes, ci->in.n_nodes,
		    &ci->cells[g * ci->in.n_nodes])) {
			*code = SCHA_ERR_NODE;
			snprintf(buf, len, "the switch of resource group %s "
			    "no longer applies: a node it names left or the "
			    "group failed there, or a node joined (or another "
			    "request replaced it)\n", grp->name);
			return -1;
		}
		v = group_verdict(ci, r, g, true, buf, len, code);
		if (v == -1)
			return -1;
		all &= v;
	}
	return all;
}

void
cmd_wait_before_sleep(void)
{
	struct placement_result r = { 0 };
	struct cluster_input ci;
	uint64_t now = loop_now_ms();
	char why[768];

	if (waiters == NULL || cluster_input_build(&ci, rgmd.ccr) == -1)
		return;
	if (placement_compute(&ci.in, &r) == -1)
		goto out;
	for (struct waiter **p = &waiters, *w; (w = *p) != NULL;) {
		int code = SCHA_ERR_INTERNAL;
		int v = verdict(&ci, &r, w->cx, why, sizeof(why), &code);

		if (v == 0 && now < w->deadline) {
			p = &w->next;
			continue;
		}
		*p = w->next;
		if (v == 1)
			reply(w, true, 0, "");
		else if (v == -1)
			reply(w, false, code, why);
		else
			reply(w, false, SCHA_ERR_TIMEOUT, "the groups are not "
			    "yet where the request put them after 600 s; it "
			    "stays in force (see scstat -g)\n");
	}
out:
	placement_result_free(&r);
	cluster_input_free(&ci);
}

void
cmd_wait_shutdown(void)
{
	while (waiters != NULL) {
		struct waiter *w = waiters;

		waiters = w->next;
		reply(w, false, SCHA_ERR_CLUSTER, "rgmd is stopping on this "
		    "node before the groups got there: the request stays in "
		    "force (see scstat -g on another node)\n");
	}
}
