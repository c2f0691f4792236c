// SPDX-License-Identifier: MIT
/*
 * monitor.c - the fault monitor of rgmd.
 *
 * DESIGN. After Monitor_start succeeds (engine.c) the resource is armed:
 * every Thorough_probe_interval its type's probe callback runs in a child
 * like any other method, under Probe_timeout; a timeout or a crash counts
 * as a complete failure (100). The result goes through the fm rules
 * (fm.c) with the resource's Retry_count, Retry_interval and
 * Failover_mode: a restart in place is an engine operation Monitor_stop,
 * Stop, Start, Monitor_start of that resource only (no Prenet/Postnet); a
 * give-over takes the group off this node and makes the node ineligible
 * for Pingpong_interval. A death seen by PMF is a complete failure too:
 * within Retry_count the process is respawned at once, then the group is
 * given over. The death is the monitor's wake-up (scds_fm_sleep): it is
 * acted on at once, and the next probe comes a full interval after the
 * respawn. The monitor sets the resource status as it acts: OK,
 * DEGRADED (partial failure), FAULTED.
 *
 * The monitor decides; it does not run operations. Restarts and
 * give-overs go through the actions registered at start-up
 * (monitor_set_actions: engine operations built in cmd_fm.c), and the
 * state changes through state.h.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"
#include "cluster.h"
#include "context.h"
#include "launcher.h"
#include "log.h"
#include "loop.h"
#include "metrics.h"
#include "monitor.h"
#include "rt_avail.h"
#include "state.h"

struct mon {
	char		 res[FSM_NAME_MAX];
	bool		 armed;
	bool		 probing;
	struct loop_timer *timer;
	struct fm_history h;
	struct mon	*next;
};

static struct mon *mons;

static struct mon *
get(const char *res)
{
	struct mon *m;

	for (m = mons; m; m = m->next)
		if (strcmp(m->res, res) == 0)
			return m;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	snprintf(m->res, sizeof(m->res), "%s", res);
	m->next = mons;
	mons = m;
	return m;
}

static struct fm_params
params_of(const struct res *r)
{
	struct fm_params p = {
		.retry_count = ccr_res_int(r, "Retry_count", 2),
		.retry_interval_s = ccr_res_int(r, "Retry_interval", 300),
		.mode = FM_NONE,
	};
	const struct prop_value *v = ccr_res_value(r, "Failover_mode");

	if (v != NULL && v->s != NULL)
		fm_mode_parse(v->s, &p.mode);
	return p;
}

void
monitor_set_status(const char *res, const char *status, const char *msg)
{
	if (fsm_res(&rgmd.rt, res, false) == NULL)
		return;
	state_set_r_status(res, status, msg);
}

void
monitor_type_status(const char *res, const char *status, const char *msg)
{
	if (fsm_res(&rgmd.rt, res, false) == NULL)
		return;
	state_set_r_type_status(res, status, msg);
}

static void on_timer(void *arg);

static void
schedule(struct mon *m, uint64_t ms)
{
	if (m->timer)
		loop_timer_cancel(m->timer);
	m->timer = loop_timer_add(ms, on_timer, m);
}

static uint64_t
interval_ms(const char *res)
{
	const struct res *r = ccr_resource(rgmd.ccr, res);

	return r ? (uint64_t)ccr_res_int(r, "Thorough_probe_interval", 60) *
	    1000 : 60000;
}

void
monitor_arm(const char *res)
{
	struct mon *m = get(res);

	if (m == NULL || m->armed)
		return;
	m->armed = true;
	log_debug("monitor %s: armed", res);
	schedule(m, interval_ms(res));
}

void
monitor_disarm(const char *res)
{
	struct mon *m = get(res);

	if (m == NULL)
		return;
	m->armed = false;
	if (m->timer)
		loop_timer_cancel(m->timer);
	m->timer = NULL;
}

void
monitor_wake(const char *res)
{
	struct mon *m = get(res);

	if (m != NULL && m->armed && !m->probing)
		schedule(m, 0);
}

void
monitor_forget(const char *res)
{
	for (struct mon **p = &mons; *p; p = &(*p)->next)
		if (strcmp((*p)->res, res) == 0) {
			struct mon *m = *p;

			if (m->probing)	/* its probe still refers to it */
				return;
			if (m->timer)
				loop_timer_cancel(m->timer);
			*p = m->next;
			free(m);
			return;
		}
}

/* ---- actions ---------------------------------------------------------- */

static struct monitor_actions actions;

void
monitor_set_actions(const struct monitor_actions *a)
{
	actions = *a;
}

static void
restart(const struct res *r, bool whole)
{
	if (actions.restart != NULL)
		actions.restart(r->group, r->name, whole, actions.arg);
	else
		log_warn("monitor: no restart action: restart of %s lost",
		    r->name);
}

/* Why res is offline after a give-over, for its status message. */
static void
giveover_reason(const char *res, const char *why, char *buf, size_t len)
{
	struct mon *m = res != NULL ? get(res) : NULL;
	size_t n = m != NULL ? m->h.n_restart : 0;
	time_t now = time(NULL);
	char at[32] = "";
	struct tm tm;

	if (localtime_r(&now, &tm) != NULL)
		strftime(at, sizeof(at), "%Y-%m-%d %H:%M:%S", &tm);
	if (n > 0)
		snprintf(buf, len, "given over after %zu restart%s at %s (%s)",
		    n, n > 1 ? "s" : "", at, why);
	else
		snprintf(buf, len, "given over at %s (%s)", at, why);
}

void
monitor_giveover(const char *group, const char *res, const char *why)
{
	const struct rg *g = ccr_group(rgmd.ccr, group);
	char reason[STATE_MSG_MAX];

	log_warn("group %s: give-over (%s): %s; %s is ineligible for %d s "
	    "(Pingpong_interval)", group, why, cluster_is_active() ?
	    "it goes offline here, and the president places it on another "
	    "eligible node" : "no other cluster node can host it, so it "
	    "goes offline here", rgmd.conf.node_name,
	    g ? ccr_rg_int(g, "Pingpong_interval", 3600) : 3600);
	giveover_reason(res, why, reason, sizeof(reason));
	metrics_note_giveover(group);
	if (actions.giveover != NULL)
		actions.giveover(group, res, reason, actions.arg);
	else
		log_warn("monitor: no give-over action: give-over of %s lost",
		    group);
}

static void
act(struct mon *m, const struct res *r, enum fm_decision d, const char *why)
{
	const struct fm_params p = params_of(r);

	switch (d) {
	case FM_DO_NOTHING:
		return;
	case FM_DO_RESTART:
		fm_note_restart(&m->h, loop_now_ms());
		metrics_note_restart(r->name, METRICS_PROBE);
		log_warn("resource %s: %s: restart in place (%zu of %d in "
		    "%d s)", r->name, why, m->h.n_restart, p.retry_count,
		    p.retry_interval_s);
		monitor_disarm(r->name);
		restart(r, false);
		return;
	case FM_DO_GIVEOVER:
		monitor_disarm(r->name);
		monitor_giveover(r->group, r->name, why);
		return;
	case FM_DO_LOG:
		log_warn("resource %s: %s: %s: no action", r->name, why,
		    p.mode == FM_LOG_ONLY ? "Failover_mode LOG_ONLY" :
		    p.mode == FM_RESTART_ONLY ?
		    "Failover_mode RESTART_ONLY" : "monitoring is disabled");
		return;
	}
}

/* ---- probes ------------------------------------------------------------ */

struct probe_run {
	struct mon	*m;
	struct channel	*ch;
	uint64_t	 started;	/* loop_now_ms() at the launch */
};

static int
probe_status(const struct launch_result *res)
{
	if (res->timed_out || res->signal != 0)
		return 100;
	if (res->exit_code == 201 || res->exit_code <= 100)
		return res->exit_code;
	return 100;
}

static void
status_from_probe(const char *res, int status)
{
	char msg[64];

	if (status == 0) {
		monitor_set_status(res, "OK", "");
		return;
	}
	snprintf(msg, sizeof(msg), "probe failed (%d)", status);
	monitor_set_status(res, status >= 100 ? "FAULTED" : "DEGRADED", msg);
}

static void
on_probe_done(const struct launch_result *lr, void *arg)
{
	struct probe_run *pr = arg;
	struct mon *m = pr->m;
	const struct res *r = ccr_resource(rgmd.ccr, m->res);
	int status = probe_status(lr);
	struct fm_params p;
	enum fm_decision d;
	char why[64];

	metrics_note_probe(m->res, loop_now_ms() - pr->started, status);
	channel_release(pr->ch);
	free(pr);
	m->probing = false;
	if (r == NULL || !m->armed)
		return;
	log_debug("monitor %s: probe returned %d", m->res, status);
	if (!state_r_status_by_type(m->res))
		status_from_probe(m->res, status);
	p = params_of(r);
	d = fm_probe_result(&m->h, &p, status, loop_now_ms());
	snprintf(why, sizeof(why), "probe returned %d", status);
	act(m, r, d, why);
	if (m->armed)
		schedule(m, interval_ms(m->res));
}

static void
run_probe(struct mon *m)
{
	const struct res *r = ccr_resource(rgmd.ccr, m->res);
	const struct rt *t = r ? ccr_type(rgmd.ccr, r->type) : NULL;
	struct probe_run *pr;
	int timeout, child_fd = -1;
	char *ctx, why[768];

	if (t == NULL)
		return;
	if (!(t->methods & (1U << RT_PROBE))) {	/* PMF deaths only */
		schedule(m, interval_ms(m->res));
		return;
	}
	if (rt_avail_runnable(t, why, sizeof(why)) == -1) {
		log_warn("monitor %s: probe not run: %s", m->res, why);
		schedule(m, interval_ms(m->res));
		return;
	}
	timeout = context_timeout(r, RT_PROBE);
	if ((pr = calloc(1, sizeof(*pr))) == NULL)
		return;
	pr->m = m;
	pr->started = loop_now_ms();
	pr->ch = channel_open(m->res, &child_fd);
	ctx = context_build(&rgmd.conf, rgmd.ccr, r, RT_PROBE, timeout);
	if (ctx == NULL || pr->ch == NULL ||
	    launcher_run(rgmd.conf.runner, "probe", t->module, ctx, timeout,
	    child_fd, on_probe_done, pr) == -1) {
		log_warn("monitor %s: probe could not be started", m->res);
		channel_release(pr->ch);
		free(pr);
		schedule(m, interval_ms(m->res));
	} else {
		state_mark_r_status(m->res);
		m->probing = true;
	}
	if (child_fd != -1)
		close(child_fd);
	free(ctx);
}

static void
on_timer(void *arg)
{
	struct mon *m = arg;

	m->timer = NULL;
	if (m->armed && !m->probing)
		run_probe(m);
}

/* ---- requests from types ------------------------------------------------ */

enum fm_decision
monitor_fm_action(const char *res, int status)
{
	const struct res *r = ccr_resource(rgmd.ccr, res);
	struct mon *m = get(res);
	struct fm_params p;
	enum fm_decision d;

	if (r == NULL || m == NULL)
		return FM_DO_NOTHING;
	p = params_of(r);
	d = fm_probe_result(&m->h, &p, status, loop_now_ms());
	status_from_probe(res, status);
	act(m, r, d, "fm_action");
	return d;
}

int
monitor_control(const char *res, const char *tag, const char **reason)
{
	static char buf[256];
	const struct res *r = ccr_resource(rgmd.ccr, res);
	struct rg_run *g = r ? fsm_group(&rgmd.rt, r->group, false) : NULL;
	struct r_run *rr = fsm_res(&rgmd.rt, res, false);
	bool check = strncasecmp(tag, "CHECK_", 6) == 0;
	const char *what = check ? tag + 6 : tag;
	struct fm_params p;
	long until;

	if (r == NULL || g == NULL || rr == NULL || !g->want_online ||
	    !fsm_r_is_up(rr->state)) {
		*reason = "the resource is not online on this node";
		return -1;
	}
	p = params_of(r);
	if (strcasecmp(what, "GIVEOVER") == 0) {
		if (!fm_may_giveover(&p, reason))
			return -1;
		if (state_rg_in_pingpong(r->group, (long)time(NULL), &until)) {
			snprintf(buf, sizeof(buf), "Pingpong_interval: group "
			    "%s was given over from %s and may not be given "
			    "over again before %ld", r->group,
			    rgmd.conf.node_name, until);
			*reason = buf;
			return -1;
		}
		if (!check)
			monitor_giveover(r->group, res,
			    "scha_control GIVEOVER");
		return 0;
	}
	if (strcasecmp(what, "RESTART") == 0 ||
	    strcasecmp(what, "RESOURCE_RESTART") == 0) {
		if (!fm_may_restart(&p, reason))
			return -1;
		if (!check) {
			log_info("resource %s: scha_control %s", res, tag);
			metrics_note_restart(res, METRICS_SCHA_CONTROL);
			monitor_disarm(res);
			restart(r, strcasecmp(what, "RESTART") == 0);
		}
		return 0;
	}
	*reason = "unknown tag (RESTART, RESOURCE_RESTART, GIVEOVER, "
	    "CHECK_RESTART, CHECK_GIVEOVER)";
	return -1;
}

/* ---- PMF --------------------------------------------------------------- */

void
monitor_on_pmf_death(struct pmf_tag *t, const char *tag_res)
{
	char res[FSM_NAME_MAX];	/* tag_res dies with the tag */
	const struct res *r;
	struct r_run *rr;
	struct mon *m;
	struct fm_params p;
	enum fm_decision d;
	char why[300];

	snprintf(res, sizeof(res), "%s", tag_res);
	r = ccr_resource(rgmd.ccr, res);
	rr = fsm_res(&rgmd.rt, res, false);
	m = get(res);
	if (r == NULL || rr == NULL || m == NULL ||
	    (rr->state != R_ONLINE && rr->state != R_ONLINE_NOT_MONITORED &&
	    rr->state != R_MONITOR_FAILED)) {
		/* Starting, stopping or offline: the method in charge sees
		 * it; nothing to restart. */
		pmf_forget(t);
		return;
	}
	p = params_of(r);
	d = fm_process_death(&m->h, &p, loop_now_ms());
	if (d == FM_DO_GIVEOVER && !m->armed)
		d = FM_DO_LOG;		/* monitoring is off: no give-over */
	snprintf(why, sizeof(why), "process tree %s died",
	    pmf_tag_name(t));
	if (d == FM_DO_RESTART) {
		fm_note_restart(&m->h, loop_now_ms());
		if (pmf_respawn(t) == 0) {
			metrics_note_restart(res, METRICS_PROCESS_DEATH);
			log_warn("resource %s: %s: respawned (%zu of %d in "
			    "%d s)", res, why, m->h.n_restart, p.retry_count,
			    p.retry_interval_s);
			monitor_set_status(res, "DEGRADED", "restarted by PMF");
			/* The death was the wake-up and is dealt with: the
			 * next probe comes a full interval later, once the
			 * new process had time to start. */
			if (m->armed && !m->probing)
				schedule(m, interval_ms(res));
			return;
		}
		log_warn("resource %s: respawn of %s failed", res,
		    pmf_tag_name(t));
		d = fm_may_giveover(&p, &(const char *){ NULL }) && m->armed ?
		    FM_DO_GIVEOVER : FM_DO_LOG;
	}
	pmf_forget(t);
	monitor_set_status(res, "FAULTED", why);
	act(m, r, d, why);
}
