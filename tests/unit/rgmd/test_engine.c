// SPDX-License-Identifier: MIT
/*
 * test_engine.c - suite "engine" (rgmd/engine.c) on the fake launcher:
 * methods run one at a time in plan order; the resource and group states
 * before, during and after (and stored in runtime.cfg); the failure rules
 * (a failed Start skips its dependents, a failed Stop blocks the group, a
 * failed Validate commits nothing); the commit of a proposed
 * configuration; a method the type lacks counts as run; a runner that
 * cannot start is a failure; operations queue behind each other; the hooks
 * see every method's begin and outcome; a prepare that waits
 * (ENGINE_PREPARE_LATER) goes on from engine_prepared, also when a pending
 * commit is retried.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "fake.h"
#include "runtime.h"
#include "state.h"
#include "tu.h"

static char hook_log[4096];
static int n_done;
static bool last_failed;
static char last_msg[4096];

static void
log_hook(const char *what, const struct step *s, const char *ok)
{
	size_t l = strlen(hook_log);

	snprintf(hook_log + l, sizeof(hook_log) - l, "%s%s:%s:%s%s",
	    l ? " " : "", what, s->res, rt_method_names[s->method], ok);
}

static void
on_begin(const struct step *s, void *arg)
{
	(void)arg;
	log_hook("begin", s, "");
}

static void
on_end(const struct step *s, bool ok, void *arg)
{
	(void)arg;
	log_hook("end", s, ok ? ":ok" : ":failed");
}

static void
on_done(struct op *op, void *arg)
{
	(void)arg;
	n_done++;
	last_failed = op->failed;
	snprintf(last_msg, sizeof(last_msg), "%s", op->msg ? op->msg : "");
}

/* g1 holds b then a, b depends on a: dependency order is a, b. */
static void
setup(void)
{
	static const char *const res[] = { "b", "a" };

	CU_ASSERT_EQUAL_FATAL(tu_rig_setup(), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_group("g1", res, 2), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_set("b", "Resource_dependencies=a"), 0);
	engine_set_hooks(&(struct engine_hooks){ .method_begin = on_begin,
	    .method_end = on_end });
	hook_log[0] = last_msg[0] = '\0';
	n_done = 0;
	last_failed = false;
}

static void
teardown(void)
{
	tu_rig_teardown();
}

static struct op *
new_op(void)
{
	struct op *op = engine_op_new(on_done, NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	return op;
}

static void
submit_online(void)
{
	struct op *op = new_op();

	CU_ASSERT_EQUAL(fsm_plan_online(rgmd.ccr, &rgmd.rt, "g1", NULL,
	    &op->plan), 0);
	engine_submit(op);
}

static void
submit_offline(void)
{
	struct op *op = new_op();

	CU_ASSERT_EQUAL(fsm_plan_offline(rgmd.ccr, &rgmd.rt, "g1", NULL,
	    &op->plan), 0);
	engine_submit(op);
}

static void
test_online_in_order(void)
{
	struct runtime stored = { 0 };
	char e[512];

	setup();
	submit_online();
	CU_ASSERT_TRUE(engine_is_busy());
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_PENDING_ONLINE);
	CU_ASSERT_TRUE(state_rg("g1")->want_online);
	/* One method at a time, each with its runner pid recorded. */
	for (int i = 0; i < 6; i++) {
		const struct fake_run *r = fake_launcher_run(0);

		CU_ASSERT_EQUAL(fake_launcher_pending(), 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(state_r(r->res)->runner_pid, r->pid);
		if (strcmp(r->method, "start") == 0)
			CU_ASSERT_EQUAL(state_r(r->res)->state, R_STARTING);
		CU_ASSERT_EQUAL(fake_launcher_exit(0), 0);
	}
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:prenet_start "
	    "b:prenet_start a:start b:start a:monitor_start b:monitor_start");
	CU_ASSERT_FALSE(engine_is_busy());
	CU_ASSERT_EQUAL(n_done, 1);
	CU_ASSERT_FALSE(last_failed);
	CU_ASSERT_EQUAL(state_r("a")->state, R_ONLINE);
	CU_ASSERT_EQUAL(state_r("b")->state, R_ONLINE);
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "OK");
	CU_ASSERT_EQUAL(state_r("a")->runner_pid, 0);
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ONLINE);
	TU_ASSERT_HAS(hook_log, "begin:a:start end:a:start:ok");
	TU_ASSERT_HAS(hook_log, "end:b:monitor_start:ok");
	/* What a restarted rgmd would read back, once stored. */
	CU_ASSERT_EQUAL(state_save(NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(runtime_load(&stored, rgmd.rt_path, e,
	    sizeof(e)), 0);
	CU_ASSERT_EQUAL(fsm_res(&stored, "b", false)->state, R_ONLINE);
	CU_ASSERT_EQUAL(fsm_group(&stored, "g1", false)->state, RG_ONLINE);
	fsm_runtime_free(&stored);
	teardown();
}

static void
test_start_failure_skips_dependents(void)
{
	setup();
	submit_online();
	fake_launcher_succeed_all(2);		/* both Prenet_start */
	CU_ASSERT_STRING_EQUAL(fake_launcher_run(0)->method, "start");
	CU_ASSERT_EQUAL(fake_launcher_exit(1), 0);	/* a's Start */
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);	/* b never starts */
	CU_ASSERT_EQUAL(n_done, 1);
	CU_ASSERT_TRUE(last_failed);
	TU_ASSERT_HAS(last_msg, "resource a: start failed (exited with "
	    "status 1): Start_failed");
	TU_ASSERT_HAS(last_msg, "resource b not started: it depends on a, "
	    "which failed");
	CU_ASSERT_EQUAL(state_r("a")->state, R_START_FAILED);
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "FAULTED");
	CU_ASSERT_STRING_EQUAL(state_r("a")->status_msg, "Start failed");
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ONLINE_FAULTED);
	TU_ASSERT_HAS(hook_log, "end:a:start:failed");
	CU_ASSERT_PTR_NULL(strstr(hook_log, "b:start"));
	teardown();
}

static void
test_stop_failure_blocks_group(void)
{
	setup();
	submit_online();
	fake_launcher_succeed_all(100);
	fake_launcher_reset();
	submit_offline();
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_PENDING_OFFLINE);
	fake_launcher_succeed_all(2);		/* Monitor_stop b, a */
	CU_ASSERT_STRING_EQUAL(fake_launcher_run(0)->res, "b");
	CU_ASSERT_STRING_EQUAL(fake_launcher_run(0)->method, "stop");
	CU_ASSERT_EQUAL(fake_launcher_exit(1), 0);
	/* Nothing more of g1's way down runs. */
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "b:monitor_stop "
	    "a:monitor_stop b:stop");
	CU_ASSERT_EQUAL(state_r("b")->state, R_STOP_FAILED);
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ERROR_STOP_FAILED);
	TU_ASSERT_HAS(last_msg, "scswitch -c -h node1 -j b -f STOP_FAILED");
	teardown();
}

/* An operation changing Retry_count of a: Validate, commit. */
static void
submit_change(void)
{
	struct op *op = new_op();
	const char *kv[] = { "Retry_count=5" };

	CU_ASSERT_PTR_NOT_NULL_FATAL(op->proposed = ccr_clone(rgmd.ccr));
	CU_ASSERT_EQUAL(ccr_resource_change(op->proposed, "a",
	    &(struct ccr_assign){ .kv = kv, .n = 1 }, TU_NONE, last_msg,
	    sizeof(last_msg)), 0);
	CU_ASSERT_EQUAL(fsm_plan_method(&op->plan, "g1", "a", RT_VALIDATE,
	    false, true), 0);
	CU_ASSERT_EQUAL(fsm_plan_commit(&op->plan), 0);
	engine_submit(op);
}

static void
test_validate_failure_commits_nothing(void)
{
	setup();
	submit_change();
	CU_ASSERT_STRING_EQUAL(fake_launcher_run(0)->method, "validate");
	CU_ASSERT_EQUAL(fake_launcher_exit(2), 0);
	CU_ASSERT_EQUAL(n_done, 1);
	CU_ASSERT_TRUE(last_failed);
	TU_ASSERT_HAS(last_msg, "resource a: validation failed (exited with "
	    "status 2): nothing was changed");
	CU_ASSERT_EQUAL(rgmd.ccr->generation, 0);
	CU_ASSERT_EQUAL(ccr_res_int(ccr_resource(rgmd.ccr, "a"),
	    "Retry_count", 0), 2);
	CU_ASSERT_NOT_EQUAL(access(rgmd.ccr_path, F_OK), 0);
	CU_ASSERT_EQUAL(state_r("a")->state, R_OFFLINE);
	teardown();
}

static void
test_commit_stores(void)
{
	setup();
	submit_change();
	CU_ASSERT_EQUAL(fake_launcher_exit(0), 0);
	CU_ASSERT_EQUAL(n_done, 1);
	CU_ASSERT_FALSE(last_failed);
	CU_ASSERT_EQUAL(rgmd.ccr->generation, 1);
	CU_ASSERT_EQUAL(ccr_res_int(ccr_resource(rgmd.ccr, "a"),
	    "Retry_count", 0), 5);
	CU_ASSERT_EQUAL(access(rgmd.ccr_path, F_OK), 0);
	teardown();
}

static void
test_missing_method_counts_as_run(void)
{
	setup();
	rgmd.ccr->types[0]->methods &= ~(1u << RT_PRENET_START |
	    1u << RT_MONITOR_START);
	submit_online();
	fake_launcher_succeed_all(100);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:start b:start");
	TU_ASSERT_HAS(hook_log, "begin:a:prenet_start end:a:prenet_start:ok");
	CU_ASSERT_EQUAL(state_r("a")->state, R_ONLINE);
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ONLINE);
	teardown();
}

static void
test_runner_not_started(void)
{
	setup();
	fake_launcher_fail_next();
	submit_online();
	fake_launcher_succeed_all(100);
	TU_ASSERT_HAS(last_msg, "resource a: prenet_start failed (could not "
	    "be started): Start_failed");
	CU_ASSERT_EQUAL(state_r("a")->state, R_START_FAILED);
	CU_ASSERT_EQUAL(state_r("a")->runner_pid, 0);
	CU_ASSERT_EQUAL(state_r("b")->state, R_OFFLINE);
	teardown();
}

static int n_prepared;

static int
prepare_offline(struct op *op, void *arg)
{
	(void)arg;
	n_prepared++;
	/* Planned from the state of this moment: g1 is online by now. */
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ONLINE);
	return fsm_plan_offline(rgmd.ccr, &rgmd.rt, "g1", NULL, &op->plan);
}

static void
test_operations_queue(void)
{
	struct op *op2;

	setup();
	n_prepared = 0;
	submit_online();
	op2 = new_op();
	op2->prepare = prepare_offline;
	engine_submit(op2);
	CU_ASSERT_EQUAL(n_prepared, 0);
	CU_ASSERT_EQUAL(fake_launcher_pending(), 1);
	fake_launcher_succeed_all(6);
	CU_ASSERT_EQUAL(n_done, 1);
	CU_ASSERT_EQUAL(n_prepared, 1);
	fake_launcher_succeed_all(100);
	CU_ASSERT_EQUAL(n_done, 2);
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_OFFLINE);
	CU_ASSERT_EQUAL(state_r("a")->state, R_OFFLINE);
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "OFFLINE");
	teardown();
}

/* A prepare that waits (like a type's describe), its plan a commit. */
static int
prepare_later(struct op *op, void *arg)
{
	const char *kv[] = { "Retry_count=5" };

	(void)arg;
	n_prepared++;
	CU_ASSERT_PTR_NOT_NULL_FATAL(op->proposed = ccr_clone(rgmd.ccr));
	CU_ASSERT_EQUAL(ccr_resource_change(op->proposed, "a",
	    &(struct ccr_assign){ .kv = kv, .n = 1 }, TU_NONE, last_msg,
	    sizeof(last_msg)), 0);
	CU_ASSERT_EQUAL(fsm_plan_commit(&op->plan), 0);
	return ENGINE_PREPARE_LATER;
}

static int n_commits;

/* The replication's hook: the first commit is left pending, the second
 * is stored here. */
static int
commit_hook(struct op *op, void *arg)
{
	char err[512];

	(void)arg;
	if (n_commits++ == 0)
		return ENGINE_COMMIT_PENDING;
	if (state_commit_ccr(op->proposed, err, sizeof(err)) == -1)
		return -1;
	op->proposed = NULL;
	return ENGINE_COMMIT_DONE;
}

static void
test_prepare_later_and_commit_retry(void)
{
	struct op *op;

	setup();
	n_prepared = n_commits = 0;
	engine_set_commit(commit_hook, NULL);
	op = new_op();
	op->prepare = prepare_later;
	engine_submit(op);
	CU_ASSERT_EQUAL(n_prepared, 1);
	CU_ASSERT_EQUAL(n_commits, 0);
	CU_ASSERT_TRUE(engine_is_busy());
	engine_prepared(op, 0);
	CU_ASSERT_EQUAL(n_commits, 1);
	/* Another change came first: prepared again, and it waits again. */
	engine_commit_done(op, ENGINE_COMMIT_RETRY);
	CU_ASSERT_EQUAL(n_prepared, 2);
	CU_ASSERT_EQUAL(n_commits, 1);
	CU_ASSERT_EQUAL(n_done, 0);
	CU_ASSERT_TRUE(engine_is_busy());
	engine_prepared(op, 0);
	CU_ASSERT_EQUAL(n_commits, 2);
	CU_ASSERT_EQUAL(n_done, 1);
	CU_ASSERT_FALSE(last_failed);
	CU_ASSERT_EQUAL(rgmd.ccr->generation, 1);
	CU_ASSERT_EQUAL(ccr_res_int(ccr_resource(rgmd.ccr, "a"),
	    "Retry_count", 0), 5);
	CU_ASSERT_FALSE(engine_is_busy());
	engine_set_commit(NULL, NULL);
	teardown();
}

static const struct tu_test tests[] = {
	{ "online: one method at a time, in order", test_online_in_order },
	{ "failed Start skips dependents",
	    test_start_failure_skips_dependents },
	{ "failed Stop blocks the group", test_stop_failure_blocks_group },
	{ "failed Validate commits nothing",
	    test_validate_failure_commits_nothing },
	{ "commit stores the proposed configuration", test_commit_stores },
	{ "a method the type lacks counts as run",
	    test_missing_method_counts_as_run },
	{ "a runner that cannot start is a failure", test_runner_not_started },
	{ "operations queue", test_operations_queue },
	{ "a prepare that waits, after a commit retry too",
	    test_prepare_later_and_commit_retry },
	{ NULL, NULL },
};

int
tu_suite_engine(void)
{
	return tu_add_suite("engine", NULL, NULL, tests);
}
