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
 * configuration of its turn.
 *
 * scswitch -c -h NODE for another node goes to it as a line "clear TAB
 * resource TAB node" in an ORDER message (repl_msg.h; the president's
 * start and stop lines are the others, and each side skips the verbs it
 * does not know): the node named clears its Stop_failed flag, if it still
 * has it, and its next state report answers the command (cmd_wait.c).
 * Runs in rgmd's event loop.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
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

/* ---- scswitch -c for another node --------------------------------------- */

int
cmd_clear_send(struct op *op, char *const *res, size_t n, const char *node)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc = -1;

	if (f == NULL)
		goto out;
	for (size_t i = 0; i < n; i++)
		fprintf(f, "clear\t%s\t%s\n", res[i], node);
	if (fclose(f) != 0)
		goto out;
	if (cluster_send_order(text, len) == -1) {
		engine_op_say(op, true, "cannot send the clear to node %s: %m "
		    "(corosync)", node);
		goto out;
	}
	rc = 0;
out:
	if (f == NULL || rc == -1)
		engine_op_say(op, true, "out of memory");
	free(text);
	return rc;
}

static int
prep_clear_here(struct op *op, void *arg)
{
	const char *res = arg;

	if (ccr_resource(rgmd.ccr, res) == NULL ||
	    state_r(res)->state != R_STOP_FAILED)
		return 0;	/* gone, or cleared meanwhile */
	return cmd_clear_here(op, res);
}

static void
on_clear_done(struct op *op, void *arg)
{
	(void)op;
	free(arg);
}

void
cmd_follow_order(uint32_t origin, const char *text, size_t len)
{
	char line[512];

	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *verb, *res, *node, *s = line;
		struct op *op;

		snprintf(line, sizeof(line), "%.*s", (int)l, p);
		p += l + (nl != NULL);
		verb = strsep(&s, "\t");
		res = strsep(&s, "\t");
		node = strsep(&s, "\t");
		if (verb == NULL || res == NULL || node == NULL ||
		    strcmp(verb, "clear") != 0 ||
		    strcmp(node, rgmd.conf.node_name) != 0)
			continue;
		log_info("resource %s: clear of Stop_failed asked by node %u",
		    res, origin);
		if ((res = strdup(res)) == NULL ||
		    (op = engine_op_new(on_clear_done, res)) == NULL) {
			free(res);
			log_warn("resource %s: clear lost: out of memory", line);
			continue;
		}
		op->prepare = prep_clear_here;
		engine_submit(op);
	}
}
