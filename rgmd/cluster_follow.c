// SPDX-License-Identifier: MIT
/*
 * cluster_follow.c - the methods a node runs after a configuration change
 * made on another node, where Sun Cluster runs them: Init on every node of
 * the group's Nodelist when a resource becomes managed (created in a
 * managed group, or its group made managed), and Update on every node
 * where the resource is online when its properties or its group's
 * properties change. The node where the change was asked runs these in
 * its own plan (cmd_config.c, cmd_switch.c), with Validate before the
 * commit; every other node runs them here, once it has applied the
 * change (cluster.c), as one engine operation.
 *
 * Fini runs on the node where the removal was asked only: on the others
 * the resource is already gone from the configuration when the change
 * arrives (rgmd(8) says so).
 *
 * follow_plan is pure (tested on tables); follow_prepare copies its
 * steps, follow_submit queues them once the change is applied. Runs in
 * rgmd's event loop.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cluster_follow.h"
#include "engine.h"
#include "log.h"
#include "state.h"

static bool
lists_equal(const struct prop_list *a, const struct prop_list *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcasecmp(a->p[i].name, b->p[i].name) != 0 ||
		    !prop_value_equal(&a->p[i].v, &b->p[i].v))
			return false;
	return true;
}

/* Whether node is in the group's Nodelist (empty: every node). */
static bool
in_nodelist(const struct rg *g, const char *node)
{
	const struct prop_value *v = ccr_rg_value(g, "Nodelist");

	if (v == NULL || v->n == 0)
		return true;
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], node) == 0)
			return true;
	return false;
}

static enum rt_method
method_for(const struct ccr *old, const struct ccr *cur, const struct res *r,
    const char *self, bool (*is_up)(const char *res))
{
	const struct rg *cg = ccr_group(cur, r->group);
	const struct rg *og = ccr_group(old, r->group);
	const struct res *or = ccr_resource(old, r->name);

	if (cg == NULL || !cg->managed)
		return RT_N_METHODS;
	if ((or == NULL || og == NULL || !og->managed) &&
	    in_nodelist(cg, self))
		return RT_INIT;
	if (or != NULL && og != NULL && is_up(r->name) &&
	    (!lists_equal(&or->props, &r->props) ||
	    !lists_equal(&or->ext, &r->ext) ||
	    !lists_equal(&og->props, &cg->props)))
		return RT_UPDATE;
	return RT_N_METHODS;
}

size_t
follow_plan(const struct ccr *old, const struct ccr *cur, const char *self,
    bool (*is_up)(const char *res), struct follow_step *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < cur->n_res; i++) {
		const struct res *r = cur->res[i];
		enum rt_method m = method_for(old, cur, r, self, is_up);

		if (m == RT_N_METHODS)
			continue;
		if (n < max)
			out[n] = (struct follow_step){ .method = m,
				.group = r->group, .res = r->name };
		n++;
	}
	return n;
}

/* ---- the operation ------------------------------------------------------ */

struct follow_op {
	size_t		 n;
	struct {
		char	 group[FSM_NAME_MAX], res[FSM_NAME_MAX];
		enum rt_method m;
	} s[];
};

static int
prep_follow(struct op *op, void *arg)
{
	struct follow_op *f = arg;
	int rc = 0;

	for (size_t i = 0; i < f->n; i++)
		if (ccr_resource(rgmd.ccr, f->s[i].res) != NULL)
			rc |= fsm_plan_method(&op->plan, f->s[i].group,
			    f->s[i].res, f->s[i].m, false, false);
	return rc;
}

static void
on_follow_done(struct op *op, void *arg)
{
	if (op->failed)
		log_warn("after a change made on another node: %s",
		    op->msg ? op->msg : "a method failed");
	free(arg);
}

static bool
is_up_here(const char *res)
{
	const struct r_run *r = state_r(res);

	return fsm_r_is_up(r->state) && r->state != R_STOP_FAILED;
}

struct follow_op *
follow_prepare(const struct ccr *old, const struct ccr *cur, const char *self)
{
	size_t n = follow_plan(old, cur, self, is_up_here, NULL, 0);
	struct follow_step *steps;
	struct follow_op *f;

	if (n == 0)
		return NULL;
	steps = calloc(n, sizeof(*steps));
	f = calloc(1, sizeof(*f) + n * sizeof(f->s[0]));
	if (steps == NULL || f == NULL) {
		log_warn("after a change made on another node: out of memory: "
		    "%zu Init/Update methods not run here", n);
		free(steps);
		free(f);
		return NULL;
	}
	follow_plan(old, cur, self, is_up_here, steps, n);
	for (size_t i = 0; i < n; i++) {
		snprintf(f->s[i].group, sizeof(f->s[i].group), "%s",
		    steps[i].group);
		snprintf(f->s[i].res, sizeof(f->s[i].res), "%s", steps[i].res);
		f->s[i].m = steps[i].method;
	}
	f->n = n;
	free(steps);
	return f;
}

void
follow_submit(struct follow_op *f)
{
	struct op *op;

	if (f == NULL)
		return;
	if ((op = engine_op_new(on_follow_done, f)) == NULL) {
		log_warn("after a change made on another node: out of memory: "
		    "%zu Init/Update methods not run here", f->n);
		free(f);
		return;
	}
	op->prepare = prep_follow;
	engine_submit(op);
}

void
follow_discard(struct follow_op *f)
{
	free(f);
}
