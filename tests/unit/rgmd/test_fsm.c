// SPDX-License-Identifier: MIT
/*
 * test_fsm.c - suite "fsm" (rgmd/fsm.c): resource state before and after
 * every method (ok/failed, on the way down or not) as a table, the group
 * state derived from its resources, and the online/offline plans on a
 * small repository: Prenet_start for all, Start in dependency order,
 * Monitor_start; reverse order going offline; disabled, unmonitored and
 * already running resources skipped; `only` restricting to one resource.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsm.h"
#include "tu.h"

static char *dir;
static struct ccr *c;
static struct runtime rt;
static char err[512];

static const char simple_rtr[] =
    "RESOURCE_TYPE = \"TEST.simple\";\n"
    "MODULE = \"simple.so\";\n";

static int
fsm_suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
fsm_suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

#define OK(call) \
	tu_assert_ok((call), err, #call, __LINE__, __FILE__)

/*
 * g1 holds c, b, a (added in that order) with c depending on b and b on a,
 * so dependency order (a, b, c) differs from insertion order; g2 holds z.
 */
static void
setup(void)
{
	memset(&rt, 0, sizeof(rt));
	c = ccr_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "simple.rtr", simple_rtr),
	    0);
	c->types[0]->methods = (1u << RT_N_METHODS) - 1;
	OK(ccr_group_add(c, "g1", NULL, 0, TU_NONE, err, sizeof(err)));
	OK(ccr_group_add(c, "g2", NULL, 0, TU_NONE, err, sizeof(err)));
	OK(ccr_resource_add(c, "c", "TEST.simple", "g1", TU_NONE, TU_NONE,
	    err, sizeof(err)));
	OK(ccr_resource_add(c, "b", "TEST.simple", "g1", TU_NONE, TU_NONE,
	    err, sizeof(err)));
	OK(ccr_resource_add(c, "a", "TEST.simple", "g1", TU_NONE, TU_NONE,
	    err, sizeof(err)));
	OK(ccr_resource_add(c, "z", "TEST.simple", "g2", TU_NONE, TU_NONE,
	    err, sizeof(err)));
	OK(ccr_resource_change(c, "c", TU_ASSIGN("Resource_dependencies=b"),
	    TU_NONE, err, sizeof(err)));
	OK(ccr_resource_change(c, "b", TU_ASSIGN("Resource_dependencies=a"),
	    TU_NONE, err, sizeof(err)));
}

static void
teardown(void)
{
	fsm_runtime_free(&rt);
	ccr_free(c);
	c = NULL;
}

/* The plan as text: "+g1 Prenet_start:a ... -g1" (B/E for group steps). */
static void
plan_text(const struct plan *p, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < p->n && off < len; i++) {
		const struct step *s = &p->s[i];
		int n;

		if (s->kind == STEP_GROUP_BEGIN)
			n = snprintf(buf + off, len - off, "%s+%s", i ? " " :
			    "", s->group);
		else if (s->kind == STEP_GROUP_END)
			n = snprintf(buf + off, len - off, " -%s", s->group);
		else
			n = snprintf(buf + off, len - off, " %s:%s",
			    rt_method_names[s->method], s->res);
		if (n < 0)
			return;
		off += (size_t)n;
	}
}

static void
assert_plan(const struct plan *p, const char *want, bool offline,
    unsigned int line)
{
	char got[2048], msg[4200];

	plan_text(p, got, sizeof(got));
	snprintf(msg, sizeof(msg), "plan \"%s\" == \"%s\"", got, want);
	CU_assertImplementation(strcmp(got, want) == 0, line, msg, __FILE__,
	    "", CU_FALSE);
	for (size_t i = 0; i < p->n; i++) {
		CU_ASSERT_EQUAL(p->s[i].offline, offline);
		CU_ASSERT_FALSE(p->s[i].proposed);
	}
}

#define PLAN_ONLINE(group, only, want) do {				\
	struct plan p_ = { 0 };						\
									\
	CU_ASSERT_EQUAL(fsm_plan_online(c, &rt, (group), (only), &p_), 0); \
	assert_plan(&p_, (want), false, __LINE__);			\
	fsm_plan_free(&p_);						\
} while (0)

#define PLAN_OFFLINE(group, only, want) do {				\
	struct plan p_ = { 0 };						\
									\
	CU_ASSERT_EQUAL(fsm_plan_offline(c, &rt, (group), (only), &p_), 0); \
	assert_plan(&p_, (want), true, __LINE__);			\
	fsm_plan_free(&p_);						\
} while (0)

static void
set_state(const char *res, enum r_state s)
{
	struct r_run *r = fsm_res(&rt, res, true);

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	r->state = s;
}

static void
test_plan_online(void)
{
	setup();
	PLAN_ONLINE("g1", NULL, "+g1 prenet_start:a prenet_start:b "
	    "prenet_start:c start:a start:b start:c monitor_start:a "
	    "monitor_start:b monitor_start:c -g1");
	PLAN_ONLINE("g2", NULL, "+g2 prenet_start:z start:z monitor_start:z "
	    "-g2");
	PLAN_ONLINE("nosuch", NULL, "+nosuch -nosuch");
	teardown();
}

static void
test_plan_online_skips(void)
{
	setup();
	ccr_resource(c, "b")->enabled = false;
	ccr_resource(c, "a")->monitored = false;
	PLAN_ONLINE("g1", NULL, "+g1 prenet_start:a prenet_start:c start:a "
	    "start:c monitor_start:c -g1");
	ccr_resource(c, "b")->enabled = true;
	set_state("a", R_ONLINE);
	set_state("b", R_START_FAILED);
	set_state("c", R_STOP_FAILED);
	/* Start_failed is retried; up (even Stop_failed) is not. */
	PLAN_ONLINE("g1", NULL, "+g1 prenet_start:b start:b monitor_start:b "
	    "-g1");
	set_state("b", R_ONLINE_NOT_MONITORED);
	PLAN_ONLINE("g1", NULL, "+g1 -g1");
	teardown();
}

static void
test_plan_online_only(void)
{
	setup();
	PLAN_ONLINE("g1", "b", "+g1 prenet_start:b start:b monitor_start:b "
	    "-g1");
	PLAN_ONLINE("g1", "z", "+g1 -g1");
	teardown();
}

static void
test_plan_offline(void)
{
	setup();
	PLAN_OFFLINE("g1", NULL, "+g1 -g1");
	set_state("a", R_ONLINE);
	set_state("b", R_ONLINE);
	set_state("c", R_ONLINE);
	PLAN_OFFLINE("g1", NULL, "+g1 monitor_stop:c monitor_stop:b "
	    "monitor_stop:a stop:c stop:b stop:a postnet_stop:c "
	    "postnet_stop:b postnet_stop:a -g1");
	PLAN_OFFLINE("g1", "b", "+g1 monitor_stop:b stop:b postnet_stop:b "
	    "-g1");
	teardown();
}

static void
test_plan_offline_skips(void)
{
	setup();
	set_state("a", R_ONLINE);
	set_state("b", R_START_FAILED);
	set_state("c", R_STOP_FAILED);
	ccr_resource(c, "a")->monitored = false;
	/*
	 * A disabled resource still running is stopped; Stop (not
	 * Monitor_stop) also runs after a failed Start, which may have left
	 * processes behind.
	 */
	ccr_resource(c, "a")->enabled = false;
	PLAN_OFFLINE("g1", NULL, "+g1 monitor_stop:c stop:c stop:b stop:a "
	    "postnet_stop:c postnet_stop:b postnet_stop:a -g1");
	set_state("b", R_OFFLINE);
	set_state("c", R_OFFLINE);
	PLAN_OFFLINE("g1", NULL, "+g1 stop:a postnet_stop:a -g1");
	teardown();
}

static void
test_plan_group_steps(void)
{
	struct plan p = { 0 };

	setup();
	CU_ASSERT_EQUAL(fsm_plan_online(c, &rt, "g1", "a", &p), 0);
	CU_ASSERT_FATAL(p.n >= 2);
	CU_ASSERT_EQUAL(p.s[0].kind, STEP_GROUP_BEGIN);
	CU_ASSERT_STRING_EQUAL(p.s[0].group, "g1");
	CU_ASSERT_STRING_EQUAL(p.s[0].res, "a");
	CU_ASSERT_EQUAL(p.s[p.n - 1].kind, STEP_GROUP_END);
	CU_ASSERT_EQUAL(p.s[1].kind, STEP_METHOD);
	CU_ASSERT_STRING_EQUAL(p.s[1].group, "g1");
	fsm_plan_free(&p);
	CU_ASSERT_PTR_NULL(p.s);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_EQUAL(fsm_plan_add(&p, STEP_COMMIT, "g", NULL, RT_START,
	    false), 0);
	CU_ASSERT_STRING_EQUAL(p.s[0].res, "");
	fsm_plan_free(&p);
	teardown();
}

struct tr {
	enum rt_method	m;
	enum r_state	before, before_off;	/* from cur = Online */
	enum r_state	ok, ok_off, fail;
};

#define CUR R_ONLINE
static const struct tr transitions[] = {
	{ RT_START, R_STARTING, R_STARTING, R_ONLINE_NOT_MONITORED,
	    R_ONLINE_NOT_MONITORED, R_START_FAILED },
	{ RT_STOP, R_STOPPING, R_STOPPING, R_OFFLINE, R_OFFLINE,
	    R_STOP_FAILED },
	{ RT_VALIDATE, CUR, CUR, CUR, CUR, CUR },
	{ RT_UPDATE, CUR, CUR, CUR, CUR, CUR },
	{ RT_INIT, CUR, CUR, CUR, CUR, CUR },
	{ RT_FINI, CUR, CUR, CUR, CUR, CUR },
	{ RT_BOOT, CUR, CUR, CUR, CUR, CUR },
	{ RT_PRENET_START, R_STARTING, R_STARTING, R_STARTING, R_STARTING,
	    R_START_FAILED },
	{ RT_POSTNET_STOP, R_STOPPING, R_STOPPING, R_OFFLINE, R_OFFLINE,
	    R_STOP_FAILED },
	{ RT_MONITOR_START, CUR, CUR, R_ONLINE, R_ONLINE, R_MONITOR_FAILED },
	{ RT_MONITOR_STOP, CUR, R_STOPPING, R_ONLINE_NOT_MONITORED,
	    R_STOPPING, R_STOP_FAILED },
	{ RT_MONITOR_CHECK, CUR, CUR, CUR, CUR, CUR },
	{ RT_PROBE, CUR, CUR, CUR, CUR, CUR },
};

static void
check_tr(const struct tr *t, bool off, bool ok, enum r_state got_b,
    enum r_state got_a)
{
	enum r_state want_b = off ? t->before_off : t->before;
	enum r_state want_a = !ok ? t->fail : off ? t->ok_off : t->ok;
	char msg[256];

	snprintf(msg, sizeof(msg), "%s offline=%d ok=%d: before %s (want %s)"
	    ", after %s (want %s)", rt_method_names[t->m], off, ok,
	    fsm_r_state_name(got_b), fsm_r_state_name(want_b),
	    fsm_r_state_name(got_a), fsm_r_state_name(want_a));
	CU_assertImplementation(got_b == want_b && got_a == want_a, __LINE__,
	    msg, __FILE__, "", CU_FALSE);
}

static void
test_transitions(void)
{
	CU_ASSERT_EQUAL_FATAL(sizeof(transitions) / sizeof(*transitions),
	    RT_N_METHODS);
	for (size_t i = 0; i < RT_N_METHODS; i++)
		for (int off = 0; off < 2; off++)
			for (int ok = 0; ok < 2; ok++)
				check_tr(&transitions[i], off, ok,
				    fsm_r_before(transitions[i].m, off, CUR),
				    fsm_r_after(transitions[i].m, off, ok,
				    fsm_r_before(transitions[i].m, off, CUR)));
}

/* A method that does not change the state keeps any current state. */
static void
test_transitions_keep_state(void)
{
	for (int s = 0; s < R_N_STATES; s++) {
		CU_ASSERT_EQUAL(fsm_r_before(RT_UPDATE, false, s), s);
		CU_ASSERT_EQUAL(fsm_r_after(RT_UPDATE, false, false, s), s);
		CU_ASSERT_EQUAL(fsm_r_after(RT_VALIDATE, true, true, s), s);
		CU_ASSERT_EQUAL(fsm_r_before(RT_MONITOR_START, false, s), s);
	}
}

static void
test_derive(void)
{
	static const struct {
		enum r_state st[3];
		size_t n;
		bool managed, want;
		enum rg_state rg;
	} rows[] = {
		{ { R_ONLINE, R_ONLINE }, 2, true, true, RG_ONLINE },
		{ { 0 }, 0, true, true, RG_ONLINE },
		{ { 0 }, 0, true, false, RG_OFFLINE },
		{ { 0 }, 0, false, true, RG_UNMANAGED },
		{ { R_OFFLINE, R_OFFLINE }, 2, true, false, RG_OFFLINE },
		{ { R_ONLINE, R_START_FAILED }, 2, true, true,
		    RG_ONLINE_FAULTED },
		{ { R_MONITOR_FAILED }, 1, true, true, RG_ONLINE_FAULTED },
		{ { R_START_FAILED }, 1, true, false, RG_OFFLINE },
		{ { R_ONLINE, R_STOP_FAILED, R_START_FAILED }, 3, true, true,
		    RG_ERROR_STOP_FAILED },
		{ { R_STOP_FAILED }, 1, true, false, RG_ERROR_STOP_FAILED },
		{ { R_STOP_FAILED }, 1, false, false, RG_ERROR_STOP_FAILED },
		{ { R_ONLINE }, 1, false, true, RG_UNMANAGED },
		{ { R_START_FAILED }, 1, false, true, RG_UNMANAGED },
		{ { R_ONLINE_NOT_MONITORED }, 1, true, true, RG_ONLINE },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		enum rg_state got = fsm_rg_derive(rows[i].st, rows[i].n,
		    rows[i].managed, rows[i].want);
		char msg[160];

		snprintf(msg, sizeof(msg), "row %zu: %s, want %s", i,
		    fsm_rg_state_name(got), fsm_rg_state_name(rows[i].rg));
		CU_assertImplementation(got == rows[i].rg, __LINE__, msg,
		    __FILE__, "", CU_FALSE);
	}
}

static void
test_names_and_predicates(void)
{
	enum rg_state g;
	enum r_state r;

	for (int i = 0; i < RG_N_STATES; i++) {
		CU_ASSERT_EQUAL(fsm_rg_state_parse(fsm_rg_state_name(i), &g),
		    0);
		CU_ASSERT_EQUAL(g, i);
	}
	for (int i = 0; i < R_N_STATES; i++) {
		CU_ASSERT_EQUAL(fsm_r_state_parse(fsm_r_state_name(i), &r), 0);
		CU_ASSERT_EQUAL(r, i);
	}
	CU_ASSERT_EQUAL(fsm_r_state_parse("online", &r), 0);
	CU_ASSERT_EQUAL(r, R_ONLINE);
	CU_ASSERT_EQUAL(fsm_rg_state_parse("Sleeping", &g), -1);
	CU_ASSERT_EQUAL(fsm_r_state_parse("", &r), -1);
	CU_ASSERT_STRING_EQUAL(fsm_rg_state_name(RG_N_STATES), "?");
	CU_ASSERT_STRING_EQUAL(fsm_r_state_name(R_N_STATES), "?");
	CU_ASSERT_STRING_EQUAL(fsm_rg_state_name(RG_ERROR_STOP_FAILED),
	    "Error_stop_failed");
	CU_ASSERT_FALSE(fsm_r_is_up(R_OFFLINE));
	CU_ASSERT_FALSE(fsm_r_is_up(R_START_FAILED));
	CU_ASSERT_TRUE(fsm_r_is_up(R_ONLINE));
	CU_ASSERT_TRUE(fsm_r_is_up(R_STOP_FAILED));
	CU_ASSERT_TRUE(fsm_r_is_up(R_STARTING));
	CU_ASSERT_TRUE(fsm_rg_is_blocked(RG_ERROR_STOP_FAILED));
	CU_ASSERT_TRUE(fsm_rg_is_blocked(RG_UNMANAGED));
	CU_ASSERT_FALSE(fsm_rg_is_blocked(RG_OFFLINE));
	CU_ASSERT_FALSE(fsm_rg_is_blocked(RG_ONLINE_FAULTED));
}

static void
test_runtime_entries(void)
{
	struct runtime r = { 0 };
	char longname[FSM_NAME_MAX + 8];
	struct rg_run *g;
	struct r_run *x;

	CU_ASSERT_PTR_NULL(fsm_group(&r, "g", false));
	g = fsm_group(&r, "g", true);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_EQUAL(g->state, RG_UNMANAGED);
	CU_ASSERT_FALSE(g->want_online);
	CU_ASSERT_PTR_EQUAL(fsm_group(&r, "g", true), g);
	CU_ASSERT_EQUAL(r.ng, 1);
	x = fsm_res(&r, "r1", true);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->state, R_OFFLINE);
	CU_ASSERT_STRING_EQUAL(x->status, "OFFLINE");
	fsm_res(&r, "r2", true)->state = R_ONLINE;
	fsm_forget_res(&r, "r1");
	CU_ASSERT_EQUAL(r.nr, 1);
	CU_ASSERT_PTR_NULL(fsm_res(&r, "r1", false));
	CU_ASSERT_EQUAL(fsm_res(&r, "r2", false)->state, R_ONLINE);
	fsm_forget_res(&r, "nosuch");
	CU_ASSERT_EQUAL(r.nr, 1);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CU_ASSERT_PTR_NULL(fsm_res(&r, longname, true));
	CU_ASSERT_PTR_NULL(fsm_group(&r, longname, true));
	fsm_forget_group(&r, "g");
	CU_ASSERT_EQUAL(r.ng, 0);
	fsm_runtime_free(&r);
	CU_ASSERT_PTR_NULL(r.r);
	CU_ASSERT_EQUAL(r.nr, 0);
}

/* The steps of a plan as "res:method" words (methods only). */
static void
plan_words(const struct plan *p, char *buf, size_t len)
{
	size_t l = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < p->n && l < len; i++)
		if (p->s[i].kind == STEP_METHOD)
			l += (size_t)snprintf(buf + l, len - l, "%s%s:%s%s",
			    l ? " " : "", p->s[i].res,
			    rt_method_names[p->s[i].method],
			    p->s[i].proposed ? "*" : "");
}

/* Planning reads a const state: it changes nothing, so a dry run and the
 * real run plan the same steps. */
static void
test_plan_is_dry(void)
{
	struct plan p1 = { 0 }, p2 = { 0 };
	char w1[1024], w2[1024];

	setup();
	fsm_res(&rt, "a", true)->state = R_ONLINE;
	CU_ASSERT_EQUAL(fsm_plan_restart(c, &rt, "g1", &p1), 0);
	CU_ASSERT_EQUAL(rt.nr, 1);	/* no entry created for b, c */
	CU_ASSERT_EQUAL(rt.ng, 0);
	CU_ASSERT_EQUAL(fsm_plan_restart(c, &rt, "g1", &p2), 0);
	plan_words(&p1, w1, sizeof(w1));
	plan_words(&p2, w2, sizeof(w2));
	CU_ASSERT_STRING_EQUAL(w1, w2);
	/* Unknown resources count as Offline: only a is stopped. */
	TU_ASSERT_HAS(w1, "a:monitor_stop a:stop a:postnet_stop ");
	CU_ASSERT_PTR_NULL(strstr(w1, "b:stop"));
	fsm_plan_free(&p1);
	fsm_plan_free(&p2);
	teardown();
}

static void
test_plan_helpers(void)
{
	struct plan p = { 0 };
	char w[1024];

	setup();
	CU_ASSERT_EQUAL(fsm_plan_group_method(c, "g1", RT_INIT, true, &p), 0);
	CU_ASSERT_EQUAL(fsm_plan_commit(&p), 0);
	CU_ASSERT_EQUAL(fsm_plan_restart_res(c, "b", &p), 0);
	plan_words(&p, w, sizeof(w));
	/* Configuration order for Init; the restart in place has no
	 * Prenet_start or Postnet_stop. */
	CU_ASSERT_STRING_EQUAL(w, "c:init* b:init* a:init* b:monitor_stop "
	    "b:stop b:start b:monitor_start");
	CU_ASSERT_EQUAL(p.s[3].kind, STEP_COMMIT);
	CU_ASSERT_EQUAL(p.s[4].kind, STEP_GROUP_BEGIN);
	CU_ASSERT_STRING_EQUAL(p.s[4].res, "b");
	CU_ASSERT_EQUAL(p.s[p.n - 1].kind, STEP_GROUP_END);
	CU_ASSERT_EQUAL(fsm_plan_restart_res(c, "nosuch", &p), -1);
	fsm_plan_free(&p);
	teardown();
}

static const struct tu_test fsm_tests[] = {
	{ "plans read a const state (dry run)", test_plan_is_dry },
	{ "plan helpers: group methods, commit, restart in place",
	    test_plan_helpers },
	{ "r_before/r_after: every method x ok/fail x offline",
	    test_transitions },
	{ "methods outside the life cycle keep the state",
	    test_transitions_keep_state },
	{ "group state derived from resources", test_derive },
	{ "state names, parsing and predicates", test_names_and_predicates },
	{ "runtime entries: create, find, forget", test_runtime_entries },
	{ "online plan: Prenet_start, Start, Monitor_start in dependency "
	    "order", test_plan_online },
	{ "online plan skips disabled, unmonitored and running resources",
	    test_plan_online_skips },
	{ "online plan restricted to one resource", test_plan_online_only },
	{ "offline plan in reverse order", test_plan_offline },
	{ "offline plan: Offline skipped, Start_failed stopped",
	    test_plan_offline_skips },
	{ "plan group steps and plan_add", test_plan_group_steps },
	{ NULL, NULL },
};

int
tu_suite_fsm(void)
{
	return tu_add_suite("fsm", fsm_suite_init, fsm_suite_clean, fsm_tests);
}
