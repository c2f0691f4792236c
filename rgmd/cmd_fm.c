// SPDX-License-Identifier: MIT
/*
 * cmd_fm.c - the operations the fault monitor asks for (monitor.h's
 * actions, registered by rgmd.c): a restart of a resource in place or of
 * its whole group, and a give-over of a group. Each is an engine operation
 * whose plan is built from the state of the moment it reaches the head of
 * the queue: a restart of a resource that is no longer online is dropped,
 * a give-over of a group no longer meant online is dropped.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cmd.h"
#include "engine.h"
#include "log.h"
#include "state.h"

struct action {
	char	 res[FSM_NAME_MAX];
	char	 group[FSM_NAME_MAX];
	bool	 whole_group;	/* restart the group, not the resource */
	char	 reason[STATE_MSG_MAX];	/* of a give-over */
};

static int
prep_restart(struct op *op, void *arg)
{
	struct action *a = arg;
	const struct res *r = ccr_resource(rgmd.ccr, a->res);
	const struct r_run *rr = fsm_res_get(&rgmd.rt, a->res);

	if (r == NULL || rr == NULL || !fsm_r_is_up(rr->state) ||
	    rr->state == R_STOP_FAILED) {
		engine_op_say(op, false, "restart of %s dropped: it is no "
		    "longer online", a->res);
		return -1;
	}
	if (a->whole_group)
		return fsm_plan_restart(rgmd.ccr, &rgmd.rt, a->group,
		    &op->plan);
	return fsm_plan_restart_res(rgmd.ccr, a->res, &op->plan);
}

static int
prep_giveover(struct op *op, void *arg)
{
	struct action *a = arg;

	if (!state_rg(a->group)->want_online)
		return -1;
	/* This node is ineligible from now on, for Pingpong_interval. */
	state_set_rg_giveover(a->group, (long)time(NULL));
	return fsm_plan_offline(rgmd.ccr, &rgmd.rt, a->group, NULL,
	    &op->plan);
}

static void
on_action_done(struct op *op, void *arg)
{
	if (op->msg != NULL)
		log_info("monitor: %s", op->msg);
	free(arg);
}

/* The resource that caused a give-over says why it is offline (not when
 * the give-over was dropped: the group was no longer online). */
static void
on_giveover_done(struct op *op, void *arg)
{
	struct action *a = arg;

	if (!op->failed && a->res[0] != '\0' && a->reason[0] != '\0' &&
	    ccr_resource(rgmd.ccr, a->res) != NULL &&
	    !fsm_r_is_up(state_r(a->res)->state))
		state_set_r_status(a->res, "OFFLINE", a->reason);
	on_action_done(op, arg);
}

static void
submit(const char *res, const char *group, bool whole, const char *reason,
    int (*prepare)(struct op *, void *))
{
	struct action *a = calloc(1, sizeof(*a));
	struct op *op = a ? engine_op_new(prepare == prep_giveover ?
	    on_giveover_done : on_action_done, a) : NULL;

	if (op == NULL) {
		free(a);
		log_warn("monitor: out of memory: action on %s lost",
		    res ? res : group);
		return;
	}
	snprintf(a->res, sizeof(a->res), "%s", res ? res : "");
	snprintf(a->group, sizeof(a->group), "%s", group);
	a->whole_group = whole;
	snprintf(a->reason, sizeof(a->reason), "%s", reason ? reason : "");
	op->prepare = prepare;
	engine_submit(op);
}

void
cmd_fm_restart(const char *group, const char *res, bool whole, void *arg)
{
	(void)arg;
	submit(res, group, whole, NULL, prep_restart);
}

void
cmd_fm_giveover(const char *group, const char *res, const char *reason,
    void *arg)
{
	(void)arg;
	submit(res, group, true, reason, prep_giveover);
}
