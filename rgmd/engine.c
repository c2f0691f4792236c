// SPDX-License-Identifier: MIT
/*
 * engine.c - the executor of rgmd. An operation is a plan (fsm.h): method
 * calls, group state changes and configuration commits. Operations run one
 * at a time, in order, so two requests never interleave their method
 * calls; each method runs in a child (launcher.c) and the next step starts
 * from the event loop when it ends. Every state change goes through
 * state.h and is stored before the loop next sleeps (rgmd.c's before-sleep
 * hook), so a restarted rgmd knows where it stopped: a method's Starting
 * state and runner pid are on disk before the loop waits for it.
 *
 * Failure rules: a failed Validate aborts the operation (nothing is
 * committed); a failed Prenet_start/Start skips the resources that depend
 * on it; a failed Monitor_stop/Stop/Postnet_stop skips the rest of that
 * group's way down (the group is Error_stop_failed); Init, Fini, Boot and
 * Update failures are reported and logged only.
 *
 * The engine changes the state only through state.h and knows nothing of
 * the monitor or the PMF: what follows a method (arming the monitor, a
 * give-over, killing what a stopped resource left) is done by the hooks
 * rgmd.c registers (engine_set_hooks).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "channel.h"
#include "context.h"
#include "engine.h"
#include "launcher.h"
#include "log.h"
#include "rt_avail.h"
#include "state.h"

static struct op *queue, *current;
static struct engine_hooks hooks;
static struct channel *current_chan;	/* of the method running now */

static void run_steps(struct op *op);

struct op *
engine_op_new(op_done_cb done, void *arg)
{
	struct op *op = calloc(1, sizeof(*op));

	if (op != NULL) {
		op->done = done;
		op->arg = arg;
	}
	return op;
}

void
engine_op_free(struct op *op)
{
	fsm_plan_free(&op->plan);
	ccr_free(op->proposed);
	free(op->msg);
	free(op);
}

void
engine_op_say(struct op *op, bool fail, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	size_t l;
	char *m;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	op->failed |= fail;
	l = strlen(line);
	if ((m = realloc(op->msg, op->msglen + l + 2)) == NULL)
		return;
	op->msg = m;
	memcpy(m + op->msglen, line, l);
	m[op->msglen + l] = '\n';
	op->msglen += l + 1;
	m[op->msglen] = '\0';
}

void
engine_set_hooks(const struct engine_hooks *h)
{
	hooks = *h;
}

void
engine_set_commit(int (*fn)(struct op *op, void *arg), void *arg)
{
	hooks.commit = fn;
	hooks.commit_arg = arg;
}

bool
engine_is_busy(void)
{
	return current != NULL;
}

void
engine_prepared(struct op *op, int rc)
{
	if (rc == -1) {
		op->idx = op->plan.n;
		op->failed = true;
	}
	run_steps(op);
}

static void
start_next(void)
{
	while (current == NULL && queue != NULL) {
		int rc = 0;

		current = queue;
		queue = queue->next;
		if (current->prepare != NULL)
			rc = current->prepare(current, current->arg);
		if (rc == ENGINE_PREPARE_LATER)
			return;
		engine_prepared(current, rc);
	}
}

void
engine_submit(struct op *op)
{
	struct op **p = &queue;

	while (*p)
		p = &(*p)->next;
	*p = op;
	start_next();
}

static bool
in_failed(const struct op *op, const char *name)
{
	for (size_t i = 0; i < op->n_failed; i++)
		if (strcmp(op->failed_res[i], name) == 0)
			return true;
	return false;
}

static void
add_failed(struct op *op, const char *name)
{
	if (op->n_failed < OP_MAX_FAILED && !in_failed(op, name))
		snprintf(op->failed_res[op->n_failed++], FSM_NAME_MAX, "%s",
		    name);
}

/* Does the step have to be skipped because of an earlier failure? */
static bool
must_skip(struct op *op, const struct step *s, const struct res *r)
{
	const struct prop_value *dep;

	if (op->aborted_group[0] && strcmp(op->aborted_group, s->group) == 0)
		return true;
	if (s->offline)
		return false;
	if (in_failed(op, s->res))
		return true;
	dep = ccr_res_value(r, "Resource_dependencies");
	for (size_t i = 0; dep && i < dep->n; i++)
		if (in_failed(op, dep->v[i])) {
			add_failed(op, s->res);
			engine_op_say(op, false, "resource %s not started: it "
			    "depends on %s, which failed", s->res, dep->v[i]);
			return true;
		}
	return false;
}

static void
method_failed(struct op *op, const struct step *s, const char *how)
{
	const char *m = rt_method_names[s->method];

	switch (s->method) {
	case RT_VALIDATE:
		engine_op_say(op, true, "resource %s: validation failed (%s): "
		    "nothing was changed", s->res, how);
		op->idx = op->plan.n;
		return;
	case RT_PRENET_START:
	case RT_START:
		add_failed(op, s->res);
		engine_op_say(op, true, "resource %s: %s failed (%s): "
		    "Start_failed", s->res, m, how);
		return;
	case RT_MONITOR_START:
		engine_op_say(op, true, "resource %s: monitor_start failed "
		    "(%s): Monitor_failed", s->res, how);
		return;
	case RT_MONITOR_STOP:
	case RT_STOP:
	case RT_POSTNET_STOP:
		snprintf(op->aborted_group, sizeof(op->aborted_group), "%s",
		    s->group);
		engine_op_say(op, true, "resource %s: %s failed (%s): "
		    "Stop_failed; group %s is Error_stop_failed until "
		    "cleared with scswitch -c -h %s -j %s -f STOP_FAILED",
		    s->res, m, how, s->group, rgmd.conf.node_name, s->res);
		return;
	default:
		engine_op_say(op, false, "warning: resource %s: %s failed "
		    "(%s)", s->res, m, how);
	}
}

static void
apply_result(struct op *op, const struct step *s, bool ok, const char *how)
{
	state_set_r_runner(s->res, 0);
	if (s->method != RT_VALIDATE)
		state_set_r_state(s->res, fsm_r_after(s->method, s->offline,
		    ok, state_r(s->res)->state));
	if ((s->method == RT_STOP || s->method == RT_START) &&
	    !state_r_status_by_type(s->res))
		state_set_r_status(s->res, !ok ? "FAULTED" :
		    s->method == RT_STOP ? "OFFLINE" : "OK", ok ? "" :
		    s->method == RT_STOP ? "Stop failed" : "Start failed");
	if (!ok) {
		log_warn("resource %s: %s %s", s->res,
		    rt_method_names[s->method], how);
		method_failed(op, s, how);
	} else {
		log_debug("resource %s: %s succeeded", s->res,
		    rt_method_names[s->method]);
	}
	if (hooks.method_end != NULL)
		hooks.method_end(s, ok, hooks.arg);
}

static void
on_method_done(const struct launch_result *res, void *arg)
{
	struct op *op = arg;
	const struct step *s = &op->plan.s[op->idx];
	const struct res *r = ccr_resource(s->proposed ? op->proposed :
	    rgmd.ccr, s->res);
	char how[128];

	launch_describe_result(res, r ? context_timeout(r, s->method) : 0,
	    how, sizeof(how));
	channel_release(current_chan);
	current_chan = NULL;
	op->idx++;
	apply_result(op, s, launch_ok(res), how);
	run_steps(op);
}

/* Start a method step; returns true when it is now running. */
static bool
start_method(struct op *op, const struct step *s)
{
	const struct ccr *c = s->proposed ? op->proposed : rgmd.ccr;
	const struct res *r = ccr_resource(c, s->res);
	const struct rt *t = r ? ccr_type(c, r->type) : NULL;
	int timeout, child_fd = -1;
	pid_t pid = -1;
	char *ctx, why[768];

	if (r == NULL || t == NULL || must_skip(op, s, r))
		return false;
	if (hooks.method_begin != NULL)
		hooks.method_begin(s, hooks.arg);
	state_mark_r_status(s->res);	/* what the type sets wins */
	if (!(t->methods & (1U << s->method))) {
		apply_result(op, s, true, "");	/* not implemented: success */
		return false;
	}
	timeout = context_timeout(r, s->method);
	if (s->method != RT_VALIDATE) {
		state_set_r_state(s->res, fsm_r_before(s->method, s->offline,
		    state_r(s->res)->state));
	}
	log_info("resource %s: running %s (timeout %d s)", s->res,
	    rt_method_names[s->method], timeout);
	if (rt_avail_runnable(t, why + 9, sizeof(why) - 9) == -1) {
		memcpy(why, "not run: ", 9);	/* module not here */
		apply_result(op, s, false, why);
		return false;
	}
	ctx = context_build(&rgmd.conf, c, r, s->method, timeout);
	current_chan = channel_open(s->res, &child_fd);
	if (ctx != NULL && current_chan != NULL)
		pid = launcher_run(rgmd.conf.runner, rt_method_names[s->method],
		    t->module, ctx, timeout, child_fd, on_method_done, op);
	free(ctx);
	if (child_fd != -1)
		close(child_fd);
	if (pid == -1) {
		channel_release(current_chan);
		current_chan = NULL;
		apply_result(op, s, false, "could not be started");
		return false;
	}
	/* What a Start leaves (its daemon) lives until the Stop. */
	if (s->method == RT_START || s->method == RT_PRENET_START)
		(void)launcher_keep(pid, s->res);
	state_set_r_runner(s->res, pid);
	return true;
}

static void
group_begin(const struct step *s)
{
	if (s->res[0] != '\0')
		return;		/* one resource only: the group stays */
	state_set_rg_want(s->group, !s->offline);
	state_set_rg_state(s->group, s->offline ? RG_PENDING_OFFLINE :
	    RG_PENDING_ONLINE);
}

/* Later steps of this operation use the new configuration. */
static void
after_commit(struct op *op)
{
	ccr_free(op->proposed);
	op->proposed = NULL;
	for (size_t i = op->idx; i < op->plan.n; i++)
		op->plan.s[i].proposed = false;
}

/* Store op->proposed, or hand it to the hook; true when it is pending. */
static bool
commit(struct op *op)
{
	char err[512];
	int rc;

	if (hooks.commit != NULL) {
		rc = hooks.commit(op, hooks.commit_arg);
		if (rc == ENGINE_COMMIT_PENDING)
			return true;
		if (rc == -1)
			op->idx = op->plan.n;
		else
			after_commit(op);
		return false;
	}
	if (state_commit_ccr(op->proposed, err, sizeof(err)) == -1) {
		engine_op_say(op, true, "configuration not stored, nothing "
		    "was changed: %s", err);
		op->idx = op->plan.n;
		return false;
	}
	op->proposed = NULL;
	after_commit(op);
	return false;
}

/*
 * Start op over on the configuration of now (its plan is built again);
 * false when its prepare went on without waiting (engine_prepared goes on).
 */
static bool
restart_op(struct op *op)
{
	int rc = 0;

	fsm_plan_free(&op->plan);
	ccr_free(op->proposed);
	op->proposed = NULL;
	free(op->msg);
	op->msg = NULL;
	op->msglen = 0;
	op->idx = 0;
	op->failed = false;
	op->n_failed = 0;
	op->aborted_group[0] = '\0';
	if (op->prepare != NULL)
		rc = op->prepare(op, op->arg);
	if (rc == ENGINE_PREPARE_LATER)
		return false;
	if (rc == -1) {
		op->idx = op->plan.n;
		op->failed = true;
	}
	return true;
}

void
engine_commit_done(struct op *op, enum engine_commit_outcome o)
{
	if (op != current)
		return;
	switch (o) {
	case ENGINE_COMMITTED:
		after_commit(op);
		break;
	case ENGINE_COMMIT_RETRY:
		if (!restart_op(op))
			return;		/* engine_prepared goes on */
		break;
	case ENGINE_COMMIT_FAILED:
		op->idx = op->plan.n;
		break;
	}
	run_steps(op);
}

static void
finish(struct op *op)
{
	current = NULL;
	if (op->done)
		op->done(op, op->arg);
	engine_op_free(op);
	start_next();
}

static void
run_steps(struct op *op)
{
	while (op->idx < op->plan.n) {
		const struct step *s = &op->plan.s[op->idx];

		switch (s->kind) {
		case STEP_GROUP_BEGIN:
			group_begin(s);
			break;
		case STEP_GROUP_END:
			if (op->aborted_group[0] &&
			    strcmp(op->aborted_group, s->group) == 0)
				op->aborted_group[0] = '\0';
			state_derive_group(s->group);
			break;
		case STEP_COMMIT:
			op->idx++;
			if (commit(op))
				return;		/* engine_commit_done goes on */
			continue;
		case STEP_METHOD:
			if (start_method(op, s))
				return;
			if (op->idx >= op->plan.n ||
			    &op->plan.s[op->idx] != s)
				continue;	/* aborted */
			break;
		}
		op->idx++;
	}
	finish(op);
}
