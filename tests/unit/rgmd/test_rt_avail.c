// SPDX-License-Identifier: MIT
/*
 * test_rt_avail.c - suite "rt_avail" (rgmd/rt_avail.c, rgmd/modules.c and
 * the rt lines of rgmd/cluster_state.c): whether this node can run each
 * type, on the fake clock and launcher. A missing module lacks at once
 * (no child); an installed one is described, and a refusal (wrong ABI),
 * a registered method it has not, another API_VERSION or a module others
 * can write make the type lack, with the reason; a node out of the type's
 * Installed_nodes does not check it. Installing the module later is seen
 * by the timer; a runnable type is not checked again by the timer, only
 * by a full check (SIGHUP, start-up). The engine refuses to run a lacking
 * type's Start, with the reason. The reports of other nodes, scstat's
 * rows and placement's matrix say the same.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cluster_state.h"
#include "engine.h"
#include "fake.h"
#include "modules.h"
#include "rt_avail.h"
#include "state.h"
#include "tu.h"

#define ALL_METHODS ((1u << RT_N_METHODS) - 1)

static int n_hook;
static char module[1024];

static void
on_change(void *arg)
{
	(void)arg;
	n_hook++;
}

static void
setup(void)
{
	CU_ASSERT_EQUAL_FATAL(tu_rig_setup(), 0);
	snprintf(module, sizeof(module), "%s/simple.so", tu_rig_dir());
	CU_ASSERT_STRING_EQUAL(rgmd.ccr->types[0]->module, module);
	rt_avail_reset();
	rt_avail_set_hook(on_change, NULL);
	n_hook = 0;
}

static void
teardown(void)
{
	rt_avail_set_hook(NULL, NULL);
	rt_avail_reset();
	tu_rig_teardown();
}

static void
install(void)
{
	char path[1024];

	CU_ASSERT_EQUAL(tu_write(tu_rig_dir(), "simple.so", "not elf",
	    path, sizeof(path)), 0);
	CU_ASSERT_EQUAL(chmod(path, 0755), 0);
}

static void
test_missing(void)
{
	char err[1024];

	setup();
	rt_avail_sync(rgmd.ccr, true);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 0);
	CU_ASSERT_TRUE(rt_avail_ready());
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"),
	    "is not installed on this node");
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"), module);
	CU_ASSERT_EQUAL(n_hook, 1);
	CU_ASSERT_EQUAL(rt_avail_runnable(rgmd.ccr->types[0], err,
	    sizeof(err)), -1);
	TU_ASSERT_HAS(err, "resource type TEST.simple cannot run on this "
	    "node: module");
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.other"));
	teardown();
}

static void
test_described(void)
{
	char err[1024];

	setup();
	install();
	rt_avail_sync(rgmd.ccr, true);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 1);
	CU_ASSERT_FALSE(rt_avail_ready());	/* reports wait for it */
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.simple"));
	CU_ASSERT_EQUAL(fake_launcher_describe_end(0, ALL_METHODS, NULL), 0);
	CU_ASSERT_TRUE(rt_avail_ready());
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.simple"));
	CU_ASSERT_EQUAL(n_hook, 1);
	TU_ASSERT_OK(rt_avail_runnable(rgmd.ccr->types[0], err, sizeof(err)),
	    err);
	/* Synced again with nothing changed: no new check. */
	rt_avail_sync(rgmd.ccr, false);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 0);
	teardown();
}

/* A describe that timed out (a loaded machine) is tried again by the
 * timer, though the module did not change: the node is eligible again. */
static void
test_describe_retried(void)
{
	setup();
	install();
	rt_avail_sync(rgmd.ccr, true);
	CU_ASSERT_EQUAL(fake_launcher_describe_end(-1, 0,
	    "module x refused: timed out after 10 s"), 0);
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"), "timed out");
	fake_loop_advance(RT_AVAIL_RECHECK_MS);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 1);
	CU_ASSERT_EQUAL(fake_launcher_describe_end(0, ALL_METHODS, NULL), 0);
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.simple"));
	CU_ASSERT_EQUAL(fake_loop_timers(), 0);
	teardown();
}

static void
test_refusals(void)
{
	setup();
	install();
	rt_avail_sync(rgmd.ccr, true);
	fake_launcher_describe_end(-1, 0, "module x refused: rgmd-runner: "
	    "wrong ABI version: the module has 9");
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"), "wrong ABI version");
	/* Checked again (SIGHUP): now it lacks a registered method. */
	rt_avail_sync(rgmd.ccr, true);
	CU_ASSERT_PTR_NOT_NULL(rt_avail_lacks("TEST.simple"));
	fake_launcher_describe_end(0, ALL_METHODS & ~(1u << RT_PROBE |
	    1u << RT_FINI), NULL);
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"), "has no fini,probe "
	    "method");
	/* Another API_VERSION: no child needed. */
	rgmd.ccr->types[0]->api_version = 2;
	rt_avail_sync(rgmd.ccr, false);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 0);
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"), "its RTR declares "
	    "API_VERSION 2, this rgmd speaks 1");
	rgmd.ccr->types[0]->api_version = 1;
	/* Writable by others: not run as root. */
	CU_ASSERT_EQUAL(chmod(module, 0666), 0);
	rt_avail_sync(rgmd.ccr, false);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 0);
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"), "writable by other "
	    "users");
	teardown();
}

static void
test_not_installed_here(void)
{
	char *nodes[] = { "node2" };

	setup();
	CU_ASSERT_EQUAL_FATAL(ccr_type_change(rgmd.ccr, "TEST.simple", nodes,
	    1, TU_NONE, (char[256]){ 0 }, 256), 0);
	rt_avail_sync(rgmd.ccr, true);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 0);
	CU_ASSERT_TRUE(rt_avail_ready());
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.simple"));
	teardown();
}

static void
test_installed_later(void)
{
	setup();
	rt_avail_sync(rgmd.ccr, true);
	CU_ASSERT_PTR_NOT_NULL(rt_avail_lacks("TEST.simple"));
	/* Nothing changed: the timer checks nothing. */
	fake_loop_advance(RT_AVAIL_RECHECK_MS);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 0);
	install();
	fake_loop_advance(RT_AVAIL_RECHECK_MS);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 1);
	CU_ASSERT_PTR_NOT_NULL(rt_avail_lacks("TEST.simple"));
	fake_launcher_describe_end(0, ALL_METHODS, NULL);
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.simple"));
	CU_ASSERT_EQUAL(n_hook, 2);
	/* Runnable: the timer no longer looks, even when it is removed. */
	CU_ASSERT_EQUAL(unlink(module), 0);
	fake_loop_advance(3 * RT_AVAIL_RECHECK_MS);
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.simple"));
	CU_ASSERT_EQUAL(fake_loop_timers(), 0);
	/* A full check (SIGHUP) sees it. */
	rt_avail_sync(rgmd.ccr, true);
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"), "not installed");
	CU_ASSERT_EQUAL(n_hook, 3);
	teardown();
}

static void
test_config_changes(void)
{
	struct ccr *c;

	setup();
	install();
	rt_avail_sync(rgmd.ccr, true);
	CU_ASSERT_EQUAL(fake_launcher_describes(), 1);
	/* The type removed while it is described: forgotten, and the end
	 * of the describe changes nothing. */
	c = ccr_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	rt_avail_sync(c, false);
	CU_ASSERT_TRUE(rt_avail_ready());
	fake_launcher_describe_end(-1, 0, "refused");
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.simple"));
	ccr_free(c);
	/* Back, with its module moved: checked there. */
	rt_avail_sync(rgmd.ccr, false);
	fake_launcher_describe_end(0, ALL_METHODS, NULL);
	CU_ASSERT_PTR_NULL(rt_avail_lacks("TEST.simple"));
	free(rgmd.ccr->types[0]->module);
	rgmd.ccr->types[0]->module = strdup("/nonexistent/simple.so");
	rt_avail_sync(rgmd.ccr, false);
	TU_ASSERT_HAS(rt_avail_lacks("TEST.simple"), "/nonexistent/simple.so");
	teardown();
}

static int n_done;
static bool last_failed;
static char last_msg[2048];

static void
on_done(struct op *op, void *arg)
{
	(void)arg;
	n_done++;
	last_failed = op->failed;
	snprintf(last_msg, sizeof(last_msg), "%s", op->msg ? op->msg : "");
}

/* A group of a type that lacks here: its Start is not run. */
static void
test_engine_refuses(void)
{
	static const char *const res[] = { "a" };
	struct op *op;

	setup();
	CU_ASSERT_EQUAL_FATAL(tu_rig_group("g1", res, 1), 0);
	rt_avail_sync(rgmd.ccr, true);
	op = engine_op_new(on_done, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	CU_ASSERT_EQUAL(fsm_plan_online(rgmd.ccr, &rgmd.rt, "g1", NULL,
	    &op->plan), 0);
	n_done = 0;
	engine_submit(op);
	while (fake_launcher_succeed_all(100) > 0)
		;
	CU_ASSERT_EQUAL(n_done, 1);
	CU_ASSERT_TRUE(last_failed);
	TU_ASSERT_HAS(last_msg, "cannot run on this node: module");
	CU_ASSERT_PTR_NULL(strstr(fake_launcher_calls(), "a:start"));
	CU_ASSERT_EQUAL(state_r("a")->state, R_START_FAILED);
	teardown();
}

static char *
rows(void (*fn)(FILE *))
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	if (f != NULL) {
		fn(f);
		fclose(f);
	}
	return buf;
}

static void
group_rows(FILE *f)
{
	modules_group_rows(f, "g1");
}

static void
type_line(FILE *f)
{
	modules_type_line(f, rgmd.ccr->types[0]);
}

static void
test_views(void)
{
	static const char report[] = "rg\tg1\tOffline\t0\nrt\tTEST.simple\t"
	    "module /m.so is not installed on this node\nrt\tX\n";
	static const char *const res[] = { "a" };
	char why[256], *out;
	bool *lacks;

	setup();
	CU_ASSERT_EQUAL_FATAL(tu_rig_group("g1", res, 1), 0);
	out = rows(group_rows);
	CU_ASSERT_STRING_EQUAL(out, "");
	free(out);
	rt_avail_sync(rgmd.ccr, true);
	out = rows(group_rows);
	TU_ASSERT_HAS(out, "Ineligible: g1                  node1"
	    "               lacks resource type TEST.simple\n");
	free(out);
	out = rows(modules_missing_rows);
	TU_ASSERT_HAS(out, "-- Resource Types Missing --");
	TU_ASSERT_HAS(out, "   Missing: TEST.simple         node1"
	    "               module ");
	free(out);
	out = rows(type_line);
	TU_ASSERT_HAS(out, "(TEST.simple) Res Type missing on nodes:");
	TU_ASSERT_HAS(out, " node1\n");
	free(out);
	/* A disabled resource does not keep its group off the node. */
	rgmd.ccr->res[0]->enabled = false;
	out = rows(group_rows);
	CU_ASSERT_STRING_EQUAL(out, "");
	free(out);
	lacks = modules_lacks(rgmd.ccr, membership_view());
	CU_ASSERT_PTR_NOT_NULL_FATAL(lacks);
	CU_ASSERT_TRUE(lacks[0]);
	free(lacks);
	/* Another node's report. */
	cluster_state_on_report(7, report, sizeof(report) - 1);
	CU_ASSERT_TRUE(cluster_state_lacks(7, "TEST.simple", why,
	    sizeof(why)));
	CU_ASSERT_STRING_EQUAL(why, "module /m.so is not installed on this "
	    "node");
	CU_ASSERT_FALSE(cluster_state_lacks(7, "X", why, sizeof(why)));
	CU_ASSERT_FALSE(cluster_state_lacks(7, "TEST", why, sizeof(why)));
	CU_ASSERT_FALSE(cluster_state_lacks(8, "TEST.simple", why,
	    sizeof(why)));
	cluster_state_reset();
	teardown();
}

static const struct tu_test avail_tests[] = {
	{ "missing module lacks at once", test_missing },
	{ "installed module described", test_described },
	{ "a failed describe is tried again", test_describe_retried },
	{ "ABI, methods, API_VERSION, trust refused", test_refusals },
	{ "not in Installed_nodes: not checked", test_not_installed_here },
	{ "installed later: seen by the timer", test_installed_later },
	{ "configuration changes", test_config_changes },
	{ "engine refuses a lacking type's Start", test_engine_refuses },
	{ "scstat rows, placement matrix, other nodes' reports",
	    test_views },
	{ NULL, NULL },
};

int
tu_suite_rt_avail(void)
{
	return tu_add_suite("rt_avail", NULL, NULL, avail_tests);
}
