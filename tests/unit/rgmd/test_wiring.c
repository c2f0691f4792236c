// SPDX-License-Identifier: MIT
/*
 * test_wiring.c - suite "wiring" (rgmd/wiring.c): with the modules wired
 * as rgmd wires them, on the fake clock and launcher: a successful
 * Monitor_start arms the monitor (it probes at the interval) and
 * Monitor_stop disarms it; a failed Start with Failover_mode SOFT gives
 * the group over (offline, Pingpong_interval running, the reason in the
 * resource's status); with NONE it stays Online_faulted; a probe failure
 * ends in an engine restart of the resource in place.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "fake.h"
#include "monitor.h"
#include "state.h"
#include "tu.h"
#include "wiring.h"

static void
setup(void)
{
	static const char *const res[] = { "a" };

	CU_ASSERT_EQUAL_FATAL(tu_rig_setup(), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_group("g1", res, 1), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_set("a", "Thorough_probe_interval=10"),
	    0);
	wiring_setup();
}

static void
online(void)
{
	struct op *op = engine_op_new(NULL, NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	CU_ASSERT_EQUAL(fsm_plan_online(rgmd.ccr, &rgmd.rt, "g1", NULL,
	    &op->plan), 0);
	engine_submit(op);
}

static void
test_monitor_follows_methods(void)
{
	struct op *op;

	setup();
	online();
	fake_launcher_succeed_all(3);
	CU_ASSERT_EQUAL(state_r("a")->state, R_ONLINE);
	CU_ASSERT_EQUAL(fake_loop_timers(), 1);		/* armed */
	fake_launcher_reset();
	fake_loop_advance(10000);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:probe");
	fake_launcher_exit(0);
	op = engine_op_new(NULL, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	fsm_plan_offline(rgmd.ccr, &rgmd.rt, "g1", NULL, &op->plan);
	engine_submit(op);
	CU_ASSERT_EQUAL(fake_loop_timers(), 0);		/* disarmed */
	fake_launcher_succeed_all(10);
	fake_loop_advance(100000);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:probe "
	    "a:monitor_stop a:stop a:postnet_stop");
	tu_rig_teardown();
}

static void
test_soft_start_failure_gives_over(void)
{
	setup();
	CU_ASSERT_EQUAL(tu_rig_set("a", "Failover_mode=SOFT"), 0);
	online();
	fake_launcher_exit(0);			/* Prenet_start */
	fake_launcher_exit(1);			/* Start */
	fake_launcher_succeed_all(10);		/* the give-over's Stop ... */
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:prenet_start "
	    "a:start a:stop a:postnet_stop");
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_OFFLINE);
	CU_ASSERT_FALSE(state_rg("g1")->want_online);
	CU_ASSERT_TRUE(state_rg_in_pingpong("g1", (long)time(NULL), NULL));
	TU_ASSERT_HAS(state_r("a")->status_msg, "given over at ");
	TU_ASSERT_HAS(state_r("a")->status_msg, "Start failed with "
	    "Failover_mode SOFT or HARD");
	tu_rig_teardown();
}

static void
test_none_start_failure_stays(void)
{
	setup();
	online();
	fake_launcher_exit(0);
	fake_launcher_exit(1);
	fake_launcher_succeed_all(10);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:prenet_start "
	    "a:start");
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ONLINE_FAULTED);
	CU_ASSERT_FALSE(state_rg_in_pingpong("g1", (long)time(NULL), NULL));
	tu_rig_teardown();
}

static void
test_probe_failure_restarts(void)
{
	setup();
	online();
	fake_launcher_succeed_all(3);
	fake_launcher_reset();
	fake_loop_advance(10000);
	fake_launcher_exit(100);		/* the probe */
	fake_launcher_succeed_all(10);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:probe "
	    "a:monitor_stop a:stop a:start a:monitor_start");
	CU_ASSERT_EQUAL(state_r("a")->state, R_ONLINE);
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ONLINE);
	CU_ASSERT_EQUAL(fake_loop_timers(), 1);		/* armed again */
	tu_rig_teardown();
}

static const struct tu_test tests[] = {
	{ "the monitor follows Monitor_start/stop",
	    test_monitor_follows_methods },
	{ "failed Start with SOFT: give-over",
	    test_soft_start_failure_gives_over },
	{ "failed Start with NONE: stays", test_none_start_failure_stays },
	{ "probe failure: restart in place", test_probe_failure_restarts },
	{ NULL, NULL },
};

int
tu_suite_wiring(void)
{
	return tu_add_suite("wiring", NULL, NULL, tests);
}
