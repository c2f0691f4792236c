// SPDX-License-Identifier: MIT
/*
 * test_cmd.c - suite "cmd" (rgmd/cmd*.c, startup.c) on the fake launcher:
 * requests as the CLI sends them, dispatched and run by the real engine:
 * a group and resources created, managed and brought online (Init on the
 * proposed configuration, then the commit, then the online plan), the
 * reply coming only when the operation has ended; reads answered at once;
 * refusals (unknown group, unprivileged change, disabling what an enabled
 * resource depends on) changing nothing; a fault-monitor restart of a
 * resource no longer online dropped; start-up of a new boot running Boot
 * and auto-starting managed groups.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "engine.h"
#include "fake.h"
#include "pmf.h"
#include "scha_err.h"
#include "state.h"
#include "store.h"
#include "tu.h"

static int n_replies;
static bool reply_ok;
static int reply_code;
static char reply_text[65536];

static void
on_reply(void *client, bool ok, int code, const char *text)
{
	(void)client;
	n_replies++;
	reply_ok = ok;
	reply_code = code;
	snprintf(reply_text, sizeof(reply_text), "%s", text);
}

/* Send "key=value" pairs, NULL-terminated, as a request. */
static void
request(bool privileged, ...)
{
	struct ctl_msg m;
	const char *k, *v;
	va_list ap;

	ctl_msg_init(&m);
	va_start(ap, privileged);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		CU_ASSERT_EQUAL(ctl_msg_add(&m, k, v), 0);
	}
	va_end(ap);
	n_replies = 0;
	reply_text[0] = '\0';
	cmd_dispatch(&m, privileged, on_reply, NULL);
	ctl_msg_free(&m);
}

/* Let every method succeed; the request must have been answered. */
static void
run_all(void)
{
	fake_launcher_succeed_all(1000);
	CU_ASSERT_FALSE(engine_is_busy());
	CU_ASSERT_EQUAL(n_replies, 1);
}

/* Group web-rg with db and web (web depends on db), not managed. */
static void
setup(void)
{
	CU_ASSERT_EQUAL_FATAL(tu_rig_setup(), 0);
	request(true, "cmd", "group-add", "group", "web-rg", NULL);
	run_all();
	CU_ASSERT_TRUE_FATAL(reply_ok);
	request(true, "cmd", "resource-add", "resource", "db", "group",
	    "web-rg", "type", "TEST.simple", NULL);
	run_all();
	CU_ASSERT_TRUE_FATAL(reply_ok);
	request(true, "cmd", "resource-add", "resource", "web", "group",
	    "web-rg", "type", "TEST.simple", "y",
	    "Resource_dependencies=db", NULL);
	run_all();
	CU_ASSERT_TRUE_FATAL(reply_ok);
	fake_launcher_reset();
}

static void
test_online(void)
{
	setup();
	CU_ASSERT_FALSE(ccr_group(rgmd.ccr, "web-rg")->managed);
	request(true, "cmd", "online", "group", "web-rg", NULL);
	CU_ASSERT_EQUAL(n_replies, 0);	/* answered when done */
	run_all();
	CU_ASSERT_TRUE(reply_ok);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "db:init web:init "
	    "db:prenet_start web:prenet_start db:start web:start "
	    "db:monitor_start web:monitor_start");
	CU_ASSERT_TRUE(ccr_group(rgmd.ccr, "web-rg")->managed);
	CU_ASSERT_EQUAL(state_rg("web-rg")->state, RG_ONLINE);
	CU_ASSERT_EQUAL(state_r("web")->state, R_ONLINE);
	request(false, "cmd", "status", NULL);
	CU_ASSERT_EQUAL(n_replies, 1);	/* reads: at once, for anyone */
	TU_ASSERT_HAS(reply_text, "Group: web-rg");
	TU_ASSERT_HAS(reply_text, "Online");
	tu_rig_teardown();
}

static void
test_refusals(void)
{
	char before[4096];

	setup();
	request(true, "cmd", "online", "group", "web-rg", NULL);
	run_all();
	snprintf(before, sizeof(before), "%llu",
	    (unsigned long long)rgmd.ccr->generation);
	fake_launcher_reset();
	request(true, "cmd", "switch", "group", "nosuch", NULL);
	run_all();
	CU_ASSERT_FALSE(reply_ok);
	CU_ASSERT_EQUAL(reply_code, SCHA_ERR_RG);
	TU_ASSERT_HAS(reply_text, "unknown resource group nosuch");
	request(false, "cmd", "offline", "group", "web-rg", NULL);
	CU_ASSERT_EQUAL(n_replies, 1);
	CU_ASSERT_FALSE(reply_ok);
	CU_ASSERT_EQUAL(reply_code, SCHA_ERR_ACCESS);
	TU_ASSERT_HAS(reply_text, "permission denied");
	request(true, "cmd", "disable", "resource", "db", NULL);
	run_all();
	CU_ASSERT_FALSE(reply_ok);
	TU_ASSERT_HAS(reply_text, "enabled resource web depends on it");
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "");
	CU_ASSERT_TRUE(ccr_resource(rgmd.ccr, "db")->enabled);
	CU_ASSERT_EQUAL(state_rg("web-rg")->state, RG_ONLINE);
	tu_rig_teardown();
}

static void
test_fm_restart_dropped(void)
{
	setup();
	cmd_fm_restart("web-rg", "web", false, NULL);	/* web is offline */
	CU_ASSERT_FALSE(engine_is_busy());
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "");
	request(true, "cmd", "online", "group", "web-rg", NULL);
	run_all();
	fake_launcher_reset();
	cmd_fm_restart("web-rg", "web", false, NULL);
	fake_launcher_succeed_all(100);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "web:monitor_stop "
	    "web:stop web:start web:monitor_start");
	CU_ASSERT_EQUAL(state_r("web")->state, R_ONLINE);
	CU_ASSERT_EQUAL(state_rg("web-rg")->state, RG_ONLINE);
	tu_rig_teardown();
}

static void
test_startup_new_boot(void)
{
	char err[512];

	setup();
	request(true, "cmd", "manage", "group", "web-rg", NULL);
	run_all();
	fake_launcher_reset();
	CU_ASSERT_EQUAL_FATAL(pmf_init("none", tu_rig_dir(), NULL, err,
	    sizeof(err)), 0);
	cmd_startup(true);
	fake_launcher_succeed_all(100);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "db:boot web:boot "
	    "db:prenet_start web:prenet_start db:start web:start "
	    "db:monitor_start web:monitor_start");
	CU_ASSERT_EQUAL(state_rg("web-rg")->state, RG_ONLINE);
	pmf_shutdown();
	tu_rig_teardown();
}

/* Fill a stretch of stack with junk, where the next request's frames go,
 * so that a buffer read before it is written shows. */
static void __attribute__((noinline))
poison_stack(void)
{
	volatile char junk[32768];

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = 'Z';
}

static void
test_message_buffers_initialised(void)
{
	setup();
	poison_stack();
	request(true, "cmd", "type-change", "type", "TEST.simple", "node",
	    "nosuch", NULL);
	run_all();
	CU_ASSERT_FALSE(reply_ok);
	TU_ASSERT_HAS(reply_text, "node nosuch is not a cluster node");
	CU_ASSERT_PTR_NULL(strchr(reply_text, 'Z'));
	CU_ASSERT_PTR_NOT_NULL(strchr(reply_text, '\n'));
	CU_ASSERT_PTR_NULL(strchr(strchr(reply_text, '\n') + 1, '\n'));
	tu_rig_teardown();
}

static void
test_status_unknown_node(void)
{
	setup();
	request(false, "cmd", "status", "groups", "1", "node", "nosuch",
	    NULL);
	CU_ASSERT_EQUAL(n_replies, 1);
	CU_ASSERT_FALSE(reply_ok);
	CU_ASSERT_EQUAL(reply_code, SCHA_ERR_NODE);
	TU_ASSERT_HAS(reply_text, "unknown node nosuch");
	CU_ASSERT_PTR_NULL(strstr(reply_text, "web-rg"));
	request(false, "cmd", "status", "groups", "1", "node", "node1", NULL);
	CU_ASSERT_TRUE(reply_ok);
	CU_ASSERT_EQUAL(reply_code, 0);
	TU_ASSERT_HAS(reply_text, "Group: web-rg");
	tu_rig_teardown();
}

static void
test_command_language(void)
{
	setup();
	request(false, "cmd", "group-add", "group", "g2", NULL);
	CU_ASSERT_FALSE(reply_ok);
	TU_ASSERT_HAS(reply_text, "permission denied: creating a resource "
	    "group (scrgadm -a -g) needs root");
	CU_ASSERT_PTR_NULL(strstr(reply_text, "group-add"));
	request(false, "cmd", "restart", "group", "web-rg", NULL);
	TU_ASSERT_HAS(reply_text, "restarting resource groups (scswitch -R)");
	tu_rig_teardown();
}

static void
test_remove_whole_reason(void)
{
	setup();
	request(true, "cmd", "online", "group", "web-rg", NULL);
	run_all();
	request(true, "cmd", "resource-remove", "resource", "db", NULL);
	run_all();
	CU_ASSERT_FALSE(reply_ok);
	TU_ASSERT_HAS(reply_text, "resource db cannot be removed: resource "
	    "web depends on it");
	TU_ASSERT_HAS(reply_text, "it is Online on node1: disable it first");
	/* Offline and disabled, the dependency alone remains. */
	request(true, "cmd", "offline", "group", "web-rg", NULL);
	run_all();
	request(true, "cmd", "disable", "resource", "web", NULL);
	run_all();
	request(true, "cmd", "disable", "resource", "db", NULL);
	run_all();
	CU_ASSERT_TRUE(reply_ok);
	request(true, "cmd", "resource-remove", "resource", "db", NULL);
	run_all();
	CU_ASSERT_FALSE(reply_ok);
	TU_ASSERT_HAS(reply_text, "resource web depends on it");
	CU_ASSERT_PTR_NULL(strstr(reply_text, "disable"));
	CU_ASSERT_PTR_NOT_NULL(ccr_resource(rgmd.ccr, "db"));
	request(true, "cmd", "resource-remove", "resource", "web", NULL);
	run_all();
	CU_ASSERT_TRUE(reply_ok);
	request(true, "cmd", "resource-remove", "resource", "db", NULL);
	run_all();
	CU_ASSERT_TRUE(reply_ok);
	tu_rig_teardown();
}

static void
test_one_store_per_request(void)
{
	unsigned int before;

	setup();
	request(true, "cmd", "manage", "group", "web-rg", NULL);
	run_all();
	before = tu_renames;
	/* 6 methods, each changing the state before and after it runs. */
	request(true, "cmd", "switch", "group", "web-rg", "node", "node1",
	    NULL);
	run_all();
	CU_ASSERT_TRUE(reply_ok);
	CU_ASSERT_EQUAL(state_rg("web-rg")->state, RG_ONLINE);
	CU_ASSERT_EQUAL(tu_renames - before, 1);
	tu_rig_teardown();
}

static void
test_store_failure_reported(void)
{
	setup();
	snprintf(rgmd.rt_path, sizeof(rgmd.rt_path), "%s/gone/runtime.cfg",
	    tu_rig_dir());
	request(true, "cmd", "online", "group", "web-rg", NULL);
	run_all();
	CU_ASSERT_FALSE(reply_ok);
	TU_ASSERT_HAS(reply_text, "runtime state not stored:");
	tu_rig_teardown();
}

static void
test_giveover_reason_shown(void)
{
	setup();
	request(true, "cmd", "online", "group", "web-rg", NULL);
	run_all();
	cmd_fm_giveover("web-rg", "web", "given over after 2 restarts at "
	    "2026-12-02 10:00:00 (probe returned 100)", NULL);
	fake_launcher_succeed_all(100);
	CU_ASSERT_EQUAL(state_rg("web-rg")->state, RG_OFFLINE);
	CU_ASSERT_EQUAL(state_r("web")->state, R_OFFLINE);
	CU_ASSERT_STRING_EQUAL(state_r("web")->status, "OFFLINE");
	CU_ASSERT_STRING_EQUAL(state_r("db")->status_msg, "");
	request(false, "cmd", "status", "groups", "1", NULL);
	TU_ASSERT_HAS(reply_text, "OFFLINE - given over after 2 restarts at "
	    "2026-12-02 10:00:00 (probe returned 100)");
	/* Not online any more: a second give-over is dropped. */
	fake_launcher_reset();
	cmd_fm_giveover("web-rg", "web", "again", NULL);
	CU_ASSERT_STRING_EQUAL(fake_launcher_calls(), "");
	TU_ASSERT_HAS(state_r("web")->status_msg, "probe returned 100");
	tu_rig_teardown();
}

static void
test_pvv_group_types(void)
{
	setup();
	request(false, "cmd", "print", "group", "web-rg", "verbose", "2",
	    NULL);
	CU_ASSERT_TRUE(reply_ok);
	TU_ASSERT_HAS(reply_text, "(web-rg)   type:");
	TU_ASSERT_HAS(reply_text, "(web-rg:web)   type:");
	request(false, "cmd", "print", "group", "web-rg", "verbose", "1",
	    NULL);
	CU_ASSERT_PTR_NULL(strstr(reply_text, ")   type:"));
	tu_rig_teardown();
}

static const struct tu_test tests[] = {
	{ "-pvv: group properties' type and tunability",
	    test_pvv_group_types },
	{ "give-over: the reason in the status", test_giveover_reason_shown },
	{ "no uninitialised text in refusals",
	    test_message_buffers_initialised },
	{ "status of an unknown node refused", test_status_unknown_node },
	{ "messages in the command's words", test_command_language },
	{ "removal: the whole reason at once", test_remove_whole_reason },
	{ "one store of the state per request", test_one_store_per_request },
	{ "a state that cannot be stored is reported",
	    test_store_failure_reported },
	{ "online: manage, commit, start", test_online },
	{ "refusals change nothing", test_refusals },
	{ "fault-monitor restart", test_fm_restart_dropped },
	{ "start-up of a new boot", test_startup_new_boot },
	{ NULL, NULL },
};

int
tu_suite_cmd(void)
{
	return tu_add_suite("cmd", NULL, NULL, tests);
}
