// SPDX-License-Identifier: MIT
/*
 * test_metrics.c - suite "metrics" (rgmd/metrics.c) on the fake clock and
 * launcher, with the real monitor: a probe's duration lands in the right
 * bucket of the histogram (cumulative, +Inf = count, sum in seconds),
 * failed probes are counted; restarts are counted by cause (the fm rules,
 * scha_control), give-overs and failovers per group, events by kind;
 * counters of objects that no longer exist are not printed; label values
 * are escaped as the exposition format requires.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"
#include "metrics.h"
#include "monitor.h"
#include "state.h"
#include "tu.h"

static void
on_restart(const char *group, const char *res, bool whole, void *arg)
{
	(void)group;
	(void)res;
	(void)whole;
	(void)arg;
}

static void
on_giveover(const char *group, const char *res, const char *reason,
    void *arg)
{
	(void)group;
	(void)res;
	(void)reason;
	(void)arg;
}

/* Resource a of group g1, online, probed every 10 s; no counters. */
static void
setup(void)
{
	static const char *const res[] = { "a" };

	metrics_free();
	CU_ASSERT_EQUAL_FATAL(tu_rig_setup(), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_group("g1", res, 1), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_set("a", "Thorough_probe_interval=10"),
	    0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_set("a", "Retry_count=5"), 0);
	state_set_rg_want("g1", true);
	state_set_rg_state("g1", RG_ONLINE);
	state_set_r_state("a", R_ONLINE);
	state_set_r_status("a", "OK", "");
	monitor_set_actions(&(struct monitor_actions){ .restart = on_restart,
	    .giveover = on_giveover });
}

static void
teardown(void)
{
	tu_rig_teardown();
	metrics_free();
}

/* The next probe, running ms, ending with status. */
static void
probe(uint64_t ms, int status)
{
	fake_loop_advance(10000);
	CU_ASSERT_EQUAL_FATAL(fake_launcher_pending(), 1);
	fake_loop_advance(ms);
	fake_launcher_exit(status);
}

static void
has(const char *line)
{
	char *t = metrics_text();
	char *want = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_FATAL(asprintf(&want, "\n%s\n", line) > 0);
	TU_ASSERT_HAS(t, want);
	free(want);
	free(t);
}

static void
test_probe_histogram(void)
{
	setup();
	monitor_arm("a");
	probe(30, 0);
	probe(3000, 0);
	probe(70000, 100);
	has("rgm_probe_duration_seconds_bucket{resource=\"a\",le=\"0.025\"} 0");
	has("rgm_probe_duration_seconds_bucket{resource=\"a\",le=\"0.05\"} 1");
	has("rgm_probe_duration_seconds_bucket{resource=\"a\",le=\"2.5\"} 1");
	has("rgm_probe_duration_seconds_bucket{resource=\"a\",le=\"5\"} 2");
	has("rgm_probe_duration_seconds_bucket{resource=\"a\",le=\"60\"} 2");
	has("rgm_probe_duration_seconds_bucket{resource=\"a\",le=\"+Inf\"} 3");
	has("rgm_probe_duration_seconds_sum{resource=\"a\"} 73.030");
	has("rgm_probe_duration_seconds_count{resource=\"a\"} 3");
	has("rgm_probe_failures_total{resource=\"a\"} 1");
	has("# TYPE rgm_probe_duration_seconds histogram");
	teardown();
}

static void
test_restarts_by_cause(void)
{
	const char *why;

	setup();
	monitor_arm("a");
	probe(10, 100);		/* a complete failure: restart */
	has("rgm_resource_restarts_total{resource=\"a\",cause=\"probe\"} 1");
	CU_ASSERT_EQUAL(monitor_control("a", "RESOURCE_RESTART", &why), 0);
	CU_ASSERT_EQUAL(monitor_control("a", "CHECK_RESTART", &why), 0);
	has("rgm_resource_restarts_total{resource=\"a\",cause=\"scha_control"
	    "\"} 1");
	has("rgm_resource_restarts_total{resource=\"a\",cause=\"process_death"
	    "\"} 0");
	has("# TYPE rgm_resource_restarts_total counter");
	teardown();
}

static void
test_giveovers_failovers_events(void)
{
	const char *why;

	setup();
	has("rgm_group_giveovers_total{group=\"g1\"} 0");
	CU_ASSERT_EQUAL(monitor_control("a", "GIVEOVER", &why), 0);
	has("rgm_group_giveovers_total{group=\"g1\"} 1");
	metrics_note_event("group_failover", "g1");
	metrics_note_event("node_left", NULL);
	metrics_note_event("node_left", NULL);
	has("rgm_group_failovers_total{group=\"g1\"} 1");
	has("rgm_events_total{kind=\"group_failover\"} 1");
	has("rgm_events_total{kind=\"node_left\"} 2");
	teardown();
}

static void
test_states_and_gone(void)
{
	char *t;

	setup();
	metrics_note_restart("gone", METRICS_PROBE);
	metrics_note_giveover("gone-rg");
	has("rgm_groups{state=\"Online\"} 1");
	has("rgm_groups{state=\"Offline\"} 0");
	has("rgm_resources{state=\"Online\"} 1");
	has("rgm_group_state{group=\"g1\",state=\"Online\"} 1");
	has("rgm_resource_state{resource=\"a\",group=\"g1\",state=\"Online\","
	    "status=\"OK\"} 1");
	t = metrics_text();
	CU_ASSERT_PTR_NULL(strstr(t, "gone"));
	free(t);
	teardown();
}

static void
test_label_escape(void)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	metrics_put_label(f, "a\"b\\c\nd e");
	fclose(f);
	CU_ASSERT_STRING_EQUAL(buf, "a\\\"b\\\\c\\nd e");
	free(buf);
}

static const struct tu_test tests[] = {
	{ "probe durations in the histogram", test_probe_histogram },
	{ "restarts by cause", test_restarts_by_cause },
	{ "give-overs, failovers, events", test_giveovers_failovers_events },
	{ "states; objects gone are not printed", test_states_and_gone },
	{ "label values escaped", test_label_escape },
	{ NULL, NULL },
};

int
tu_suite_metrics(void)
{
	return tu_add_suite("metrics", NULL, NULL, tests);
}
