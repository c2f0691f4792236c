// SPDX-License-Identifier: MIT
/*
 * startup.c - what rgmd does when it starts, once the configuration and
 * the runtime state are loaded.
 *
 * DESIGN (re-adoption). runtime.cfg records the kernel's boot id. When it
 * matches, only rgmd restarted (a crash, SIGKILL, an upgrade): the
 * services it started run in their own sessions and survived, so
 * resources recorded Online are re-adopted as they are, with no method
 * run, and nothing is started a second time. A group caught in the middle
 * of a plan (Pending_*, a resource Starting or Stopping) is finished the
 * safe way: its resources are stopped (Stop is idempotent), then it is
 * brought online again if it was meant to be online. Error_stop_failed
 * and Start_failed are kept. When the boot id differs the node rebooted:
 * nothing runs, every resource is Offline, Boot runs for the resources of
 * managed groups, and managed groups with Auto_start_on_new_cluster=TRUE
 * are brought online.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cluster.h"
#include "cmd_private.h"
#include "launcher.h"
#include "log.h"
#include "monitor.h"
#include "pmf.h"
#include "rgmd.h"

static bool
was_interrupted(const char *group)
{
	const struct rg_run *g = state_rg(group);

	if (g->state == RG_PENDING_ONLINE || g->state == RG_PENDING_OFFLINE)
		return true;
	for (size_t i = 0; i < rgmd.ccr->n_res; i++) {
		const struct r_run *r;

		if (strcmp(rgmd.ccr->res[i]->group, group) != 0)
			continue;
		r = state_r(rgmd.ccr->res[i]->name);
		if (r->state == R_STARTING || r->state == R_STOPPING)
			return true;
	}
	return false;
}

/* Re-adopted resources are monitored again, with no Monitor_start. */
static void
arm_monitors(const char *group)
{
	for (size_t k = 0; k < rgmd.ccr->n_res; k++) {
		const struct res *r = rgmd.ccr->res[k];
		const struct r_run *rr;

		if (strcmp(r->group, group) != 0 || !r->monitored)
			continue;
		rr = state_r(r->name);
		if (rr->state == R_ONLINE)
			monitor_arm(r->name);
	}
}

static int
plan_recovery(struct op *op)
{
	int rc = 0;

	/* Methods the previous rgmd was running must not go on. */
	for (size_t i = 0; i < rgmd.rt.nr; i++) {
		launcher_kill_orphan(rgmd.rt.r[i].runner_pid);
		state_set_r_runner(rgmd.rt.r[i].name, 0);
	}

	for (size_t i = 0; i < rgmd.ccr->n_groups; i++) {
		const char *g = rgmd.ccr->groups[i]->name;
		const struct rg_run *gr = state_rg(g);

		if (!was_interrupted(g)) {
			log_info("group %s: re-adopted as %s", g,
			    fsm_rg_state_name(gr->state));
			arm_monitors(g);
			continue;
		}
		log_warn("group %s: a plan was interrupted (%s): stopping its "
		    "resources%s", g, fsm_rg_state_name(gr->state),
		    gr->want_online ? ", then starting them again" : "");
		/* Everything that may run is stopped. */
		for (size_t k = 0; k < rgmd.ccr->n_res; k++)
			if (strcmp(rgmd.ccr->res[k]->group, g) == 0) {
				const char *r = rgmd.ccr->res[k]->name;

				if (state_r(r)->state == R_STARTING)
					state_set_r_state(r,
					    R_ONLINE_NOT_MONITORED);
			}
		/* In a cluster the president decides where it starts. */
		if (gr->want_online && !cluster_is_active())
			rc |= fsm_plan_restart(rgmd.ccr, &rgmd.rt, g, &op->plan);
		else
			rc |= fsm_plan_offline(rgmd.ccr, &rgmd.rt, g, NULL,
			    &op->plan);
	}
	return rc;
}

static int
plan_new_boot(struct op *op)
{
	int rc = 0;

	for (size_t i = 0; i < rgmd.rt.nr; i++)
		if (rgmd.rt.r[i].state != R_OFFLINE) {
			char msg[STATE_MSG_MAX];

			snprintf(msg, sizeof(msg), "%s",
			    rgmd.rt.r[i].status_msg);
			state_set_r_state(rgmd.rt.r[i].name, R_OFFLINE);
			state_set_r_status(rgmd.rt.r[i].name, "OFFLINE", msg);
		}
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++) {
		const struct rg *g = rgmd.ccr->groups[i];

		state_set_rg_want(g->name, false);
		state_derive_group(g->name);
		if (g->managed)
			rc |= fsm_plan_group_method(rgmd.ccr, g->name, RT_BOOT,
			    false, &op->plan);
	}
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++) {
		const struct rg *g = rgmd.ccr->groups[i];

		/* In a cluster the president places it (president.c). */
		if (g->managed && !cluster_is_active() &&
		    ccr_rg_bool(g, "Auto_start_on_new_cluster", true) &&
		    !state_rg_in_pingpong(g->name, (long)time(NULL), NULL))
			rc |= fsm_plan_online(rgmd.ccr, &rgmd.rt, g->name,
			    NULL, &op->plan);
	}
	return rc;
}

static int
prep_startup(struct op *op, void *arg)
{
	bool new_boot = arg != NULL;
	int rc;

	/* Methods a previous rgmd was running die before any new one. */
	if (launcher_recover() > 0)
		log_warn("start-up: methods interrupted by the previous rgmd "
		    "were killed");
	rc = new_boot ? plan_new_boot(op) : plan_recovery(op);

	/* Supervised daemons still running are taken back; the deaths that
	 * happened while rgmd was away are handled now. */
	pmf_readopt();
	return rc;
}

static void
on_startup_done(struct op *op, void *arg)
{
	(void)arg;
	if (op->msg != NULL)
		log_info("start-up: %s", op->msg);
	state_save(NULL, 0);
}

void
cmd_startup(bool new_boot)
{
	struct op *op = engine_op_new(on_startup_done, NULL);

	if (op == NULL)
		return;
	op->arg = new_boot ? (void *)1 : NULL;
	op->prepare = prep_startup;
	engine_submit(op);
}
