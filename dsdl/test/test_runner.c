/* SPDX-License-Identifier: MIT */
/*
 * test_runner.c - CUnit suite for rgmd-runner, run as a real process the
 * way rgmd runs it (own process group, context on a memfd as fd 3) against
 * the test types TEST.faulty and TEST.wrongabi: --describe, the ABI check
 * (exit 122), load errors (121), usage and context errors (120), method
 * results (0, failure, 256 -> 1, crash by signal), a method the type does
 * not have, SIGTERM during a hanging method (exit 143, and the command it
 * started through dsdl_run is killed), call counting, and log lines.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "tu.h"

static char *tmp;
static char faulty[512], wrongabi[512], gds[512];

static int
runner_init(void)
{
	tu_path(faulty, sizeof(faulty), "tests/types/TEST.faulty.so");
	tu_path(wrongabi, sizeof(wrongabi), "tests/types/TEST.wrongabi.so");
	tu_path(gds, sizeof(gds), "rtypes/SUNW.gds.so");
	tmp = tu_mkdtemp();
	return tmp == NULL ? -1 : 0;
}

static int
runner_clean(void)
{
	tu_rmrf(tmp);
	return 0;
}

/* Run METHOD of TEST.faulty with the given x_props; returns the status. */
static int
faulty_run(struct tu_proc *p, const char *method, const char *x_props)
{
	char ctx[2048];

	tu_context(ctx, sizeof(ctx), method, 10, tmp, "TEST.faulty", "",
	    x_props);
	return tu_run(p, method, faulty, ctx);
}

static void
test_describe(void)
{
	struct tu_proc p;

	CU_ASSERT_EQUAL(tu_run(&p, "--describe", faulty, NULL), 0);
	CU_ASSERT_STRING_EQUAL(p.outbuf, "abi=1 name=TEST.faulty methods="
	    "start,stop,validate,update,init,fini,boot,prenet_start,"
	    "postnet_stop,monitor_start,monitor_stop,monitor_check,probe\n");
	CU_ASSERT_EQUAL(tu_run(&p, "--describe", gds, NULL), 0);
	CU_ASSERT_STRING_EQUAL(p.outbuf, "abi=1 name=SUNW.gds methods=start,"
	    "stop,validate,update,monitor_start,monitor_stop,probe\n");
}

static void
test_wrong_abi(void)
{
	char ctx[2048], expect[1024];
	struct tu_proc p;

	(void)snprintf(expect, sizeof(expect), "%s: wrong ABI version: the "
	    "module has 2, this runner expects 1", wrongabi);
	CU_ASSERT_EQUAL(tu_run(&p, "--describe", wrongabi, NULL), 122);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, expect));
	CU_ASSERT_STRING_EQUAL(p.outbuf, "");
	tu_context(ctx, sizeof(ctx), "start", 10, tmp, "TEST.wrongabi", "",
	    "");
	CU_ASSERT_EQUAL(tu_run(&p, "start", wrongabi, ctx), 122);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, expect));
}

static void
test_load_errors(void)
{
	char lib[512];
	struct tu_proc p;

	CU_ASSERT_EQUAL(tu_run(&p, "--describe", "/nonexistent/x.so", NULL),
	    121);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "/nonexistent/x.so: cannot "
	    "load"));
	/* A shared object that is not a type: libdsdl itself. */
	tu_path(lib, sizeof(lib), "lib/libdsdl.so");
	CU_ASSERT_EQUAL(tu_run(&p, "--describe", lib, NULL), 121);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "no symbol \"dsdl_type\""));
}

static void
test_usage_errors(void)
{
	char ctx[2048];
	struct tu_proc p;

	CU_ASSERT_EQUAL(tu_run(&p, "restart", faulty, NULL), 120);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "restart: unknown method"));
	CU_ASSERT_EQUAL(tu_run(&p, "start", faulty, NULL), 120);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "no method context on fd 3"));
	CU_ASSERT_EQUAL(tu_run(&p, "start", faulty, "resource = ;"), 120);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "context: line 1"));
	tu_context(ctx, sizeof(ctx), "stop", 10, tmp, "TEST.faulty", "", "");
	CU_ASSERT_EQUAL(tu_run(&p, "start", faulty, ctx), 120);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "does not match"));
}

static void
test_results(void)
{
	struct tu_proc p;

	CU_ASSERT_EQUAL(faulty_run(&p, "start", ""), 0);
	CU_ASSERT_EQUAL(faulty_run(&p, "start", "Start_behavior = \"OK\";"),
	    0);
	CU_ASSERT_EQUAL(faulty_run(&p, "stop", "Stop_behavior = \"FAIL\";"),
	    1);
	CU_ASSERT_EQUAL(faulty_run(&p, "update",
	    "Update_behavior = \"RET256\";"), 1);
	/* Another method's behaviour does not apply. */
	CU_ASSERT_EQUAL(faulty_run(&p, "validate",
	    "Stop_behavior = \"FAIL\";"), 0);
}

static void
test_crash(void)
{
	struct tu_proc p;

	CU_ASSERT_EQUAL(faulty_run(&p, "init", "Init_behavior = \"CRASH\";"),
	    128 + SIGABRT);
	CU_ASSERT_TRUE(WIFSIGNALED(p.status));
}

/* SUNW.gds has no init method: a success, and nothing printed. */
static void
test_missing_method(void)
{
	char ctx[2048];
	struct tu_proc p;

	tu_context(ctx, sizeof(ctx), "init", 10, tmp, "SUNW.gds", "", "");
	CU_ASSERT_EQUAL(tu_run(&p, "init", gds, ctx), 0);
	CU_ASSERT_STRING_EQUAL(p.errbuf, "");
	CU_ASSERT_STRING_EQUAL(p.outbuf, "");
}

static bool
calls_has(const void *line)
{
	char path[512], buf[4096];

	(void)snprintf(path, sizeof(path), "%s/calls", tmp);
	return tu_read_file(path, buf, sizeof(buf)) > 0 &&
	    strstr(buf, line) != NULL;
}

/* A hanging method gets SIGTERM (rgmd's time-out): exit 128 + 15. */
static void
test_hang_term(void)
{
	char ctx[2048];
	struct tu_proc p;

	tu_context(ctx, sizeof(ctx), "boot", 10, tmp, "TEST.faulty", "",
	    "Boot_behavior = \"HANG\";");
	CU_ASSERT_FATAL(tu_spawn(&p, "boot", faulty, ctx) == 0);
	CU_ASSERT_TRUE(tu_wait_until(calls_has, "boot\n", 10000));
	(void)kill(-p.pid, SIGTERM);	/* as rgmd: to the whole group */
	CU_ASSERT_EQUAL(tu_wait(&p, TU_WAIT_MS), 0);
	CU_ASSERT_TRUE(WIFEXITED(p.status));
	CU_ASSERT_EQUAL(WEXITSTATUS(p.status), 128 + SIGTERM);
}

static bool
child_pid_written(const void *path)
{
	return tu_read_long(path) > 1;
}

static bool
is_dead(const void *pid)
{
	return !tu_alive(*(const pid_t *)pid);
}

/*
 * A method blocked in dsdl_run: the command is in its own process group,
 * which rgmd's SIGTERM to the runner's group does not reach; the runner
 * must kill it before exiting.
 */
static void
test_hang_child_term(void)
{
	char ctx[2048], path[512];
	struct tu_proc p;
	pid_t child;

	(void)snprintf(path, sizeof(path), "%s/child.pid", tmp);
	(void)unlink(path);
	tu_context(ctx, sizeof(ctx), "fini", 10, tmp, "TEST.faulty", "",
	    "Fini_behavior = \"HANG_CHILD\";");
	CU_ASSERT_FATAL(tu_spawn(&p, "fini", faulty, ctx) == 0);
	CU_ASSERT_TRUE(tu_wait_until(child_pid_written, path, 10000));
	child = (pid_t)tu_read_long(path);
	CU_ASSERT_TRUE(tu_alive(child));
	CU_ASSERT_NOT_EQUAL(getpgid(child), p.pid);
	(void)kill(-p.pid, SIGTERM);
	CU_ASSERT_EQUAL(tu_wait(&p, TU_WAIT_MS), 0);
	CU_ASSERT_EQUAL(WEXITSTATUS(p.status), 128 + SIGTERM);
	CU_ASSERT_TRUE(tu_wait_until(is_dead, &child, 5000));
}

/* Every call appends its method's name: rgmd's tests count on it. */
static void
test_call_count(void)
{
	char path[512], buf[4096];
	struct tu_proc p;

	(void)snprintf(path, sizeof(path), "%s/calls", tmp);
	(void)unlink(path);
	CU_ASSERT_EQUAL(faulty_run(&p, "prenet_start", ""), 0);
	CU_ASSERT_EQUAL(faulty_run(&p, "start", ""), 0);
	CU_ASSERT_EQUAL(faulty_run(&p, "monitor_start", ""), 0);
	CU_ASSERT_EQUAL(faulty_run(&p, "start", "Start_behavior = \"FAIL\";"),
	    1);
	CU_ASSERT(tu_read_file(path, buf, sizeof(buf)) > 0);
	CU_ASSERT_STRING_EQUAL(buf, "prenet_start\nstart\nmonitor_start\n"
	    "start\n");
}

static void
test_log_prefix(void)
{
	struct tu_proc p;

	CU_ASSERT_EQUAL(faulty_run(&p, "probe", "Probe_behavior = \"BOGUS\";"),
	    1);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "TEST.faulty:g1:r1: "
	    "probe_behavior: unknown behaviour \"BOGUS\"\n"));
}

int
test_runner_register(void)
{
	CU_pSuite s = CU_add_suite("rgmd-runner", runner_init, runner_clean);

	if (s == NULL ||
	    CU_add_test(s, "--describe", test_describe) == NULL ||
	    CU_add_test(s, "wrong ABI: 122", test_wrong_abi) == NULL ||
	    CU_add_test(s, "load errors: 121", test_load_errors) == NULL ||
	    CU_add_test(s, "usage/context: 120", test_usage_errors) == NULL ||
	    CU_add_test(s, "method results", test_results) == NULL ||
	    CU_add_test(s, "crash by signal", test_crash) == NULL ||
	    CU_add_test(s, "missing method", test_missing_method) == NULL ||
	    CU_add_test(s, "SIGTERM on hang", test_hang_term) == NULL ||
	    CU_add_test(s, "SIGTERM kills dsdl_run group",
	    test_hang_child_term) == NULL ||
	    CU_add_test(s, "call counting", test_call_count) == NULL ||
	    CU_add_test(s, "log prefix", test_log_prefix) == NULL)
		return -1;
	return 0;
}
