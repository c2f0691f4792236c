// SPDX-License-Identifier: MIT
/*
 * cmd_follow.c - what a change made on another node asks of this one. In
 * a cluster scswitch -e and -n are changes of the configuration (a
 * resource's enabled and monitored flags), committed by the node where
 * the command runs; that node runs the methods for its own groups, and
 * every other node, when it applies the change, runs them for the groups
 * online here: Start (with its group's order) for a resource enabled,
 * Stop for one disabled, Monitor_start or Monitor_stop for its
 * monitoring. Each becomes an engine operation, prepared on the
 * configuration of its turn. Runs in rgmd's event loop.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include "cmd_private.h"
#include "log.h"
#include "rgmd.h"

enum follow_what { F_ENABLE, F_DISABLE, F_MONITOR_ON, F_MONITOR_OFF };

struct follow {
	char		 res[FSM_NAME_MAX];
	enum follow_what what;
};

static const char *const follow_words[] = { "enable", "disable",
	"monitoring on", "monitoring off" };

static int
prep_follow(struct op *op, void *arg)
{
	struct follow *f = arg;
	const struct res *r = ccr_resource(rgmd.ccr, f->res);
	const struct r_run *rr;

	if (r == NULL || !ccr_group(rgmd.ccr, r->group)->managed ||
	    !state_rg(r->group)->want_online)
		return 0;	/* gone, or no longer online here */
	rr = state_r(f->res);
	switch (f->what) {
	case F_ENABLE:
		return r->enabled ? fsm_plan_online(rgmd.ccr, &rgmd.rt,
		    r->group, f->res, &op->plan) : 0;
	case F_DISABLE:
		return !r->enabled ? fsm_plan_offline(rgmd.ccr, &rgmd.rt,
		    r->group, f->res, &op->plan) : 0;
	case F_MONITOR_ON:
	case F_MONITOR_OFF:
		if (!r->enabled || rr == NULL || !fsm_r_is_up(rr->state) ||
		    rr->state == R_STOP_FAILED ||
		    r->monitored != (f->what == F_MONITOR_ON))
			return 0;
		return fsm_plan_method(&op->plan, r->group, f->res,
		    f->what == F_MONITOR_ON ? RT_MONITOR_START :
		    RT_MONITOR_STOP, false, false);
	}
	return 0;
}

static void
on_follow_done(struct op *op, void *arg)
{
	struct follow *f = arg;

	log_info("resource %s: %s (a change made on another node) %s%s%s",
	    f->res, follow_words[f->what], op->failed ? "failed" : "done",
	    op->msg ? ": " : "", op->msg ? op->msg : "");
	free(f);
}

static void
follow(const char *res, enum follow_what what)
{
	struct follow *f = calloc(1, sizeof(*f));
	struct op *op;

	if (f == NULL || (op = engine_op_new(on_follow_done, f)) == NULL) {
		free(f);
		log_warn("resource %s: %s here lost: out of memory", res,
		    follow_words[what]);
		return;
	}
	snprintf(f->res, sizeof(f->res), "%s", res);
	f->what = what;
	op->prepare = prep_follow;
	engine_submit(op);
}

void
cmd_follow_change(const struct ccr *old)
{
	for (size_t i = 0; i < rgmd.ccr->n_res; i++) {
		const struct res *r = rgmd.ccr->res[i];
		const struct res *o = ccr_resource(old, r->name);

		if (o == NULL || !state_rg(r->group)->want_online)
			continue;
		if (o->enabled != r->enabled)
			follow(r->name, r->enabled ? F_ENABLE : F_DISABLE);
		else if (r->enabled && o->monitored != r->monitored)
			follow(r->name, r->monitored ? F_MONITOR_ON :
			    F_MONITOR_OFF);
	}
}
