// SPDX-License-Identifier: MIT
/*
 * test_monitor.c - suite "monitor" (rgmd/monitor.c) on the fake clock and
 * launcher: probes every Thorough_probe_interval and not before; the
 * status a probe result sets, and the status a type set winning over it;
 * failures leading to restarts in place up to Retry_count, then to a
 * give-over, asked for through the registered actions; a probe timeout as
 * a complete failure; Failover_mode LOG_ONLY acting on nothing; disarming
 * stopping the probes; fm_action; scha_control refused on an offline
 * resource and within Pingpong_interval, accepted otherwise.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fake.h"
#include "monitor.h"
#include "state.h"
#include "tu.h"

static char actions[1024];

static void
note(const char *what, const char *a, const char *b)
{
	size_t l = strlen(actions);

	snprintf(actions + l, sizeof(actions) - l, "%s%s:%s%s%s",
	    l ? " " : "", what, a, b[0] ? ":" : "", b);
}

static void
on_restart(const char *group, const char *res, bool whole, void *arg)
{
	(void)arg;
	note(whole ? "restart-group" : "restart", group, res);
}

static char last_reason[256];

static void
on_giveover(const char *group, const char *res, const char *reason,
    void *arg)
{
	(void)arg;
	(void)res;
	note("giveover", group, "");
	snprintf(last_reason, sizeof(last_reason), "%s", reason);
}

/* Resource a of group g1, online, probed every 10 s. */
static void
setup(void)
{
	static const char *const res[] = { "a" };

	CU_ASSERT_EQUAL_FATAL(tu_rig_setup(), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_group("g1", res, 1), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_set("a", "Thorough_probe_interval=10"),
	    0);
	state_set_rg_want("g1", true);
	state_set_rg_state("g1", RG_ONLINE);
	state_set_r_state("a", R_ONLINE);
	state_set_r_status("a", "OK", "");
	monitor_set_actions(&(struct monitor_actions){ .restart = on_restart,
	    .giveover = on_giveover });
	actions[0] = '\0';
}

static void
teardown(void)
{
	tu_rig_teardown();
}

/* Move to the next probe and end it with status (-1: time out). */
static void
probe(int status)
{
	fake_loop_advance(10000);
	CU_ASSERT_EQUAL_FATAL(fake_launcher_pending(), 1);
	CU_ASSERT_STRING_EQUAL(fake_launcher_run(0)->method, "probe");
	if (status < 0)
		fake_launcher_time_out();
	else
		fake_launcher_exit(status);
}

static void
test_probe_interval(void)
{
	setup();
	monitor_arm("a");
	fake_loop_advance(9999);
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	fake_loop_advance(1);
	CU_ASSERT_EQUAL_FATAL(fake_launcher_pending(), 1);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:probe");
	/* No second probe while one runs, however long it takes. */
	fake_loop_advance(60000);
	CU_ASSERT_EQUAL(fake_launcher_pending(), 1);
	fake_launcher_exit(0);
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "OK");
	CU_ASSERT_EQUAL(fake_loop_timers(), 1);
	probe(0);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "a:probe a:probe");
	CU_ASSERT_STRING_EQUAL(actions, "");
	teardown();
}

static void
test_restarts_then_giveover(void)
{
	setup();
	monitor_arm("a");
	probe(100);
	CU_ASSERT_STRING_EQUAL(actions, "restart:g1:a");
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "FAULTED");
	CU_ASSERT_STRING_EQUAL(state_r("a")->status_msg, "probe failed (100)");
	/* Disarmed until the restart's Monitor_start arms it again. */
	CU_ASSERT_EQUAL(fake_loop_timers(), 0);
	monitor_arm("a");
	probe(100);
	CU_ASSERT_STRING_EQUAL(actions, "restart:g1:a restart:g1:a");
	monitor_arm("a");
	probe(100);		/* Retry_count (2) restarts used up */
	CU_ASSERT_STRING_EQUAL(actions, "restart:g1:a restart:g1:a "
	    "giveover:g1");
	TU_ASSERT_HAS(last_reason, "given over after 2 restarts at ");
	TU_ASSERT_HAS(last_reason, "(probe returned 100)");
	CU_ASSERT_EQUAL(fake_loop_timers(), 0);
	teardown();
}

static void
test_partial_failures_add_up(void)
{
	setup();
	monitor_arm("a");
	probe(50);
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "DEGRADED");
	CU_ASSERT_STRING_EQUAL(actions, "");
	probe(50);
	CU_ASSERT_STRING_EQUAL(actions, "restart:g1:a");
	teardown();
}

static void
test_timeout_is_complete_failure(void)
{
	setup();
	monitor_arm("a");
	probe(-1);
	CU_ASSERT_STRING_EQUAL(actions, "restart:g1:a");
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "FAULTED");
	teardown();
}

static void
test_log_only(void)
{
	setup();
	CU_ASSERT_EQUAL(tu_rig_set("a", "Failover_mode=LOG_ONLY"), 0);
	monitor_arm("a");
	probe(100);
	probe(100);
	probe(100);
	CU_ASSERT_STRING_EQUAL(actions, "");
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "FAULTED");
	CU_ASSERT_EQUAL(fake_loop_timers(), 1);	/* still probing */
	teardown();
}

static void
test_type_status_wins(void)
{
	setup();
	monitor_arm("a");
	fake_loop_advance(10000);
	monitor_type_status("a", "DEGRADED", "slow answers");
	fake_launcher_exit(0);
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "DEGRADED");
	CU_ASSERT_STRING_EQUAL(state_r("a")->status_msg, "slow answers");
	probe(0);		/* the type said nothing this time */
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "OK");
	teardown();
}

static void
test_disarm(void)
{
	setup();
	monitor_arm("a");
	monitor_disarm("a");
	CU_ASSERT_EQUAL(fake_loop_timers(), 0);
	fake_loop_advance(100000);
	CU_ASSERT_EQUAL(fake_launcher_pending(), 0);
	teardown();
}

static void
test_fm_action(void)
{
	setup();
	monitor_arm("a");
	CU_ASSERT_EQUAL(monitor_fm_action("a", 0), FM_DO_NOTHING);
	CU_ASSERT_STRING_EQUAL(state_r("a")->status, "OK");
	CU_ASSERT_EQUAL(monitor_fm_action("a", 100), FM_DO_RESTART);
	CU_ASSERT_STRING_EQUAL(actions, "restart:g1:a");
	CU_ASSERT_EQUAL(monitor_fm_action("nosuch", 100), FM_DO_NOTHING);
	teardown();
}

static void
test_control(void)
{
	const char *why = NULL;

	setup();
	CU_ASSERT_EQUAL(monitor_control("a", "CHECK_GIVEOVER", &why), 0);
	CU_ASSERT_EQUAL(monitor_control("a", "RESTART", &why), 0);
	CU_ASSERT_STRING_EQUAL(actions, "restart-group:g1:a");
	CU_ASSERT_EQUAL(monitor_control("a", "GIVEOVER", &why), 0);
	CU_ASSERT_STRING_EQUAL(actions, "restart-group:g1:a giveover:g1");
	CU_ASSERT_EQUAL(monitor_control("a", "SWITCH", &why), -1);
	TU_ASSERT_HAS(why, "unknown tag");
	/* Given over a moment ago: not again within Pingpong_interval. */
	state_set_rg_giveover("g1", (long)time(NULL));
	CU_ASSERT_EQUAL(monitor_control("a", "CHECK_GIVEOVER", &why), -1);
	TU_ASSERT_HAS(why, "Pingpong_interval");
	state_set_r_state("a", R_OFFLINE);
	CU_ASSERT_EQUAL(monitor_control("a", "RESTART", &why), -1);
	TU_ASSERT_HAS(why, "not online");
	CU_ASSERT_STRING_EQUAL(actions, "restart-group:g1:a giveover:g1");
	teardown();
}

static const struct tu_test tests[] = {
	{ "probes every Thorough_probe_interval", test_probe_interval },
	{ "restarts up to Retry_count, then give-over",
	    test_restarts_then_giveover },
	{ "partial failures add up", test_partial_failures_add_up },
	{ "a probe timeout is a complete failure",
	    test_timeout_is_complete_failure },
	{ "LOG_ONLY acts on nothing", test_log_only },
	{ "the type's status wins", test_type_status_wins },
	{ "disarm stops the probes", test_disarm },
	{ "fm_action", test_fm_action },
	{ "scha_control", test_control },
	{ NULL, NULL },
};

int
tu_suite_monitor(void)
{
	return tu_add_suite("monitor", NULL, NULL, tests);
}
