// SPDX-License-Identifier: MIT
/*
 * fsm.c - state machines of groups and resources, and their plans.
 *
 * DESIGN. A resource moves Offline -> Starting (Prenet_start, Start) ->
 * Online_not_monitored -> Online (Monitor_start) and back through Stopping
 * (Monitor_stop, Stop, Postnet_stop) -> Offline. A failed Prenet_start or
 * Start gives Start_failed, which does not block later actions. A failed
 * Monitor_stop, Stop or Postnet_stop gives Stop_failed, which blocks the
 * group in Error_stop_failed until the operator clears it: the service
 * may still run, so it must never be started anywhere else. A failed
 * Monitor_start gives Monitor_failed. The group's state is derived from
 * its resources once a plan for it ends.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fsm.h"

static const char *const rg_names[RG_N_STATES] = {
	"Unmanaged", "Offline", "Pending_online", "Online", "Pending_offline",
	"Error_stop_failed", "Online_faulted", "Pending_online_blocked",
};
static const char *const r_names[R_N_STATES] = {
	"Offline", "Starting", "Online", "Stopping", "Start_failed",
	"Stop_failed", "Monitor_failed", "Online_not_monitored",
};

const char *
fsm_rg_state_name(enum rg_state s)
{
	return s < RG_N_STATES ? rg_names[s] : "?";
}

const char *
fsm_r_state_name(enum r_state s)
{
	return s < R_N_STATES ? r_names[s] : "?";
}

int
fsm_rg_state_parse(const char *s, enum rg_state *out)
{
	for (int i = 0; i < RG_N_STATES; i++)
		if (strcasecmp(s, rg_names[i]) == 0) {
			*out = (enum rg_state)i;
			return 0;
		}
	return -1;
}

int
fsm_r_state_parse(const char *s, enum r_state *out)
{
	for (int i = 0; i < R_N_STATES; i++)
		if (strcasecmp(s, r_names[i]) == 0) {
			*out = (enum r_state)i;
			return 0;
		}
	return -1;
}

struct rg_run *
fsm_group(struct runtime *rt, const char *name, bool create)
{
	struct rg_run *g;

	for (size_t i = 0; i < rt->ng; i++)
		if (strcmp(rt->g[i].name, name) == 0)
			return &rt->g[i];
	if (!create || strlen(name) >= FSM_NAME_MAX ||
	    (g = realloc(rt->g, (rt->ng + 1) * sizeof(*g))) == NULL)
		return NULL;
	rt->g = g;
	g = &rt->g[rt->ng++];
	memset(g, 0, sizeof(*g));
	snprintf(g->name, sizeof(g->name), "%s", name);
	g->state = RG_UNMANAGED;
	return g;
}

struct r_run *
fsm_res(struct runtime *rt, const char *name, bool create)
{
	struct r_run *r;

	for (size_t i = 0; i < rt->nr; i++)
		if (strcmp(rt->r[i].name, name) == 0)
			return &rt->r[i];
	if (!create || strlen(name) >= FSM_NAME_MAX ||
	    (r = realloc(rt->r, (rt->nr + 1) * sizeof(*r))) == NULL)
		return NULL;
	rt->r = r;
	r = &rt->r[rt->nr++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->state = R_OFFLINE;
	snprintf(r->status, sizeof(r->status), "OFFLINE");
	return r;
}

const struct rg_run *
fsm_group_get(const struct runtime *rt, const char *name)
{
	for (size_t i = 0; i < rt->ng; i++)
		if (strcmp(rt->g[i].name, name) == 0)
			return &rt->g[i];
	return NULL;
}

const struct r_run *
fsm_res_get(const struct runtime *rt, const char *name)
{
	for (size_t i = 0; i < rt->nr; i++)
		if (strcmp(rt->r[i].name, name) == 0)
			return &rt->r[i];
	return NULL;
}

void
fsm_forget_group(struct runtime *rt, const char *name)
{
	struct rg_run *g = fsm_group(rt, name, false);

	if (g != NULL)
		*g = rt->g[--rt->ng];
}

void
fsm_forget_res(struct runtime *rt, const char *name)
{
	struct r_run *r = fsm_res(rt, name, false);

	if (r != NULL)
		*r = rt->r[--rt->nr];
}

void
fsm_runtime_free(struct runtime *rt)
{
	free(rt->g);
	free(rt->r);
	rt->g = NULL;
	rt->r = NULL;
	rt->ng = rt->nr = 0;
}

bool
fsm_r_is_up(enum r_state s)
{
	return s != R_OFFLINE && s != R_START_FAILED;
}

bool
fsm_rg_is_blocked(enum rg_state s)
{
	return s == RG_ERROR_STOP_FAILED || s == RG_UNMANAGED;
}

enum r_state
fsm_r_before(enum rt_method m, bool offline, enum r_state cur)
{
	switch (m) {
	case RT_PRENET_START:
	case RT_START:
		return R_STARTING;
	case RT_STOP:
	case RT_POSTNET_STOP:
		return R_STOPPING;
	case RT_MONITOR_STOP:
		return offline ? R_STOPPING : cur;
	default:
		return cur;
	}
}

enum r_state
fsm_r_after(enum rt_method m, bool offline, bool ok, enum r_state cur)
{
	switch (m) {
	case RT_PRENET_START:
		return ok ? R_STARTING : R_START_FAILED;
	case RT_START:
		return ok ? R_ONLINE_NOT_MONITORED : R_START_FAILED;
	case RT_MONITOR_START:
		return ok ? R_ONLINE : R_MONITOR_FAILED;
	case RT_MONITOR_STOP:
		if (!ok)
			return R_STOP_FAILED;
		return offline ? R_STOPPING : R_ONLINE_NOT_MONITORED;
	case RT_STOP:
	case RT_POSTNET_STOP:
		return ok ? R_OFFLINE : R_STOP_FAILED;
	default:
		return cur;
	}
}

enum rg_state
fsm_rg_derive(const enum r_state *st, size_t n, bool managed,
    bool want_online)
{
	bool faulted = false;

	for (size_t i = 0; i < n; i++) {
		if (st[i] == R_STOP_FAILED)
			return RG_ERROR_STOP_FAILED;
		if (st[i] == R_START_FAILED || st[i] == R_MONITOR_FAILED)
			faulted = true;
	}
	if (!managed)
		return RG_UNMANAGED;
	if (!want_online)
		return RG_OFFLINE;
	return faulted ? RG_ONLINE_FAULTED : RG_ONLINE;
}

void
fsm_plan_free(struct plan *p)
{
	free(p->s);
	p->s = NULL;
	p->n = 0;
}

int
fsm_plan_add(struct plan *p, enum step_kind k, const char *group,
    const char *res, enum rt_method m, bool offline)
{
	struct step *s = realloc(p->s, (p->n + 1) * sizeof(*s));

	if (s == NULL)
		return -1;
	p->s = s;
	s = &p->s[p->n++];
	memset(s, 0, sizeof(*s));
	s->kind = k;
	snprintf(s->group, sizeof(s->group), "%s", group);
	snprintf(s->res, sizeof(s->res), "%s", res ? res : "");
	s->method = m;
	s->offline = offline;
	return 0;
}

int
fsm_plan_method(struct plan *p, const char *group, const char *res,
    enum rt_method m, bool offline, bool proposed)
{
	if (fsm_plan_add(p, STEP_METHOD, group, res, m, offline) == -1)
		return -1;
	p->s[p->n - 1].proposed = proposed;
	return 0;
}

int
fsm_plan_commit(struct plan *p)
{
	return fsm_plan_add(p, STEP_COMMIT, "", NULL, RT_START, false);
}

int
fsm_plan_group_method(const struct ccr *c, const char *group,
    enum rt_method m, bool proposed, struct plan *p)
{
	int rc = 0;

	for (size_t i = 0; i < c->n_res; i++)
		if (strcmp(c->res[i]->group, group) == 0)
			rc |= fsm_plan_method(p, group, c->res[i]->name, m,
			    false, proposed);
	return rc;
}

#define MAX_GROUP_RES 256

int
fsm_plan_online(const struct ccr *c, const struct runtime *rt,
    const char *group, const char *only, struct plan *p)
{
	static const enum rt_method seq[] = { RT_PRENET_START, RT_START,
		RT_MONITOR_START };
	struct res *rs[MAX_GROUP_RES];
	size_t n = ccr_group_resources(c, group, rs, MAX_GROUP_RES);
	int rc = fsm_plan_add(p, STEP_GROUP_BEGIN, group, only, RT_START,
	    false);

	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < n && i < MAX_GROUP_RES; i++) {
			const struct r_run *r = fsm_res_get(rt, rs[i]->name);

			if (!rs[i]->enabled || (only && strcmp(only,
			    rs[i]->name)) || (r && fsm_r_is_up(r->state)) ||
			    (seq[k] == RT_MONITOR_START && !rs[i]->monitored))
				continue;
			rc |= fsm_plan_add(p, STEP_METHOD, group, rs[i]->name,
			    seq[k], false);
		}
	rc |= fsm_plan_add(p, STEP_GROUP_END, group, only, RT_START, false);
	return rc ? -1 : 0;
}

int
fsm_plan_offline(const struct ccr *c, const struct runtime *rt,
    const char *group, const char *only, struct plan *p)
{
	static const enum rt_method seq[] = { RT_MONITOR_STOP, RT_STOP,
		RT_POSTNET_STOP };
	struct res *rs[MAX_GROUP_RES];
	size_t n = ccr_group_resources(c, group, rs, MAX_GROUP_RES);
	int rc = fsm_plan_add(p, STEP_GROUP_BEGIN, group, only, RT_STOP, true);

	if (n > MAX_GROUP_RES)
		n = MAX_GROUP_RES;
	for (size_t k = 0; k < 3; k++)
		for (size_t i = n; i-- > 0;) {
			const struct r_run *r = fsm_res_get(rt, rs[i]->name);
			enum r_state st = r ? r->state : R_OFFLINE;

			/* Stop also runs after a failed Start: it may have
			 * left processes behind, and Stop is idempotent. */
			if ((only && strcmp(only, rs[i]->name)) ||
			    st == R_OFFLINE || (seq[k] == RT_MONITOR_STOP &&
			    (!rs[i]->monitored || st == R_START_FAILED)))
				continue;
			rc |= fsm_plan_add(p, STEP_METHOD, group, rs[i]->name,
			    seq[k], true);
		}
	rc |= fsm_plan_add(p, STEP_GROUP_END, group, only, RT_STOP, true);
	return rc ? -1 : 0;
}

int
fsm_plan_restart(const struct ccr *c, const struct runtime *rt,
    const char *group, struct plan *p)
{
	const struct runtime all_down = { 0 };
	int rc;

	rc = fsm_plan_offline(c, rt, group, NULL, p);
	rc |= fsm_plan_online(c, &all_down, group, NULL, p);
	return rc;
}

int
fsm_plan_restart_res(const struct ccr *c, const char *res, struct plan *p)
{
	const struct res *r = ccr_resource(c, res);
	int rc;

	if (r == NULL)
		return -1;
	rc = fsm_plan_add(p, STEP_GROUP_BEGIN, r->group, res, RT_STOP, true);
	if (r->monitored)
		rc |= fsm_plan_method(p, r->group, res, RT_MONITOR_STOP, true,
		    false);
	rc |= fsm_plan_method(p, r->group, res, RT_STOP, true, false);
	rc |= fsm_plan_method(p, r->group, res, RT_START, false, false);
	if (r->monitored)
		rc |= fsm_plan_method(p, r->group, res, RT_MONITOR_START,
		    false, false);
	rc |= fsm_plan_add(p, STEP_GROUP_END, r->group, res, RT_START, false);
	return rc ? -1 : 0;
}
