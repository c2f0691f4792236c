// SPDX-License-Identifier: MIT
/*
 * wiring.c - how rgmd's modules reach each other, set up once at start-up
 * (wiring.h). The engine reports each method's begin and outcome through
 * its hooks, and what follows is decided here: the monitor disarmed before
 * Monitor_stop and armed after Monitor_start, everything of a resource
 * killed after its Stop (PMF, and what its Starts left), a failed Stop
 * with Failover_mode HARD ending in the configured node action, a failed Start with SOFT or HARD
 * giving the group over. The channel's requests of a type go to the
 * monitor, and the monitor's restarts and give-overs become engine
 * operations (cmd_fm.c). So engine, monitor, channel and requests depend
 * only downwards, and each links into the unit runner on its own.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "channel.h"
#include "cmd.h"
#include "engine.h"
#include "fm.h"
#include "launcher.h"
#include "log.h"
#include "monitor.h"
#include "pmf.h"
#include "state.h"
#include "wiring.h"

/* Failover_mode of a resource, for the SOFT and HARD rules. */
static enum fm_mode
mode_of(const char *res)
{
	const struct res *r = ccr_resource(rgmd.ccr, res);
	const struct prop_value *v = r ? ccr_res_value(r,
	    "Failover_mode") : NULL;
	enum fm_mode m = FM_NONE;

	if (v != NULL && v->s != NULL)
		fm_mode_parse(v->s, &m);
	return m;
}

/* HARD: a failed Stop ends in the configured node action. */
static void
node_action(const char *res)
{
	const char *cmd = rgmd.conf.hard_action;

	if (cmd[0] == '\0') {
		log_warn("resource %s: Stop failed with Failover_mode HARD: "
		    "no hard_action configured, only logged", res);
		return;
	}
	log_warn("resource %s: Stop failed with Failover_mode HARD: "
	    "running hard_action: %s", res, cmd);
	/* Detached, its end reaped from the loop: rgmd never waits. */
	if (launcher_spawn_command("hard_action", cmd) == -1)
		log_warn("hard_action not run: %m");
}

static struct wiring_plumb plumb;

void
wiring_set_plumb(const struct wiring_plumb *p)
{
	plumb = *p;
}

/* Engine hook: the monitor stops probing before Monitor_stop; the shared
 * addresses go on lo before a scalable instance starts. */
static void
on_method_begin(const struct step *s, void *arg)
{
	(void)arg;
	if (s->method == RT_MONITOR_STOP)
		monitor_disarm(s->res);
	if ((s->method == RT_PRENET_START || s->method == RT_START) &&
	    plumb.before_start != NULL)
		plumb.before_start(s->res);
}

/* Engine hook: what the monitor and PMF must know of a method's outcome. */
static void
on_method_end(const struct step *s, bool ok, void *arg)
{
	(void)arg;
	switch (s->method) {
	case RT_MONITOR_START:
		if (ok)
			monitor_arm(s->res);
		break;
	case RT_STOP:
		if (ok) {	/* nothing of it may outlive its Stop */
			pmf_kill_resource(s->res);
			launcher_kill_kept(s->res);
			if (plumb.after_stop != NULL)
				plumb.after_stop(s->res);
		} else if (mode_of(s->res) == FM_HARD)
			node_action(s->res);
		break;
	case RT_PRENET_START:
	case RT_START:
		if (!ok && plumb.after_stop != NULL)
			plumb.after_stop(s->res);
		if (!ok && (mode_of(s->res) == FM_SOFT ||
		    mode_of(s->res) == FM_HARD))
			monitor_giveover(s->group, s->res, "Start failed with "
			    "Failover_mode SOFT or HARD");
		break;
	default:
		break;
	}
}

void
wiring_setup(void)
{
	engine_set_hooks(&(const struct engine_hooks){
		.method_begin = on_method_begin,
		.method_end = on_method_end,
	});
	channel_set_requests(&(const struct channel_requests){
		.set_status = monitor_type_status,
		.fm_action = monitor_fm_action,
		.control = monitor_control,
	});
	monitor_set_actions(&(const struct monitor_actions){
		.restart = cmd_fm_restart,
		.giveover = cmd_fm_giveover,
	});
}
