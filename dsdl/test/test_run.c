/* SPDX-License-Identifier: MIT */
/*
 * test_run.c - CUnit suite for dsdl/run.c (dsdl_run): exit codes and
 * deaths by signal, the command's own process group, the time-out that
 * kills the whole group (SIGTERM, then SIGKILL for processes that ignore
 * it), dsdl_run_kill_all, and argument errors. The commands are small
 * shell scripts; pids they write to a scratch directory are checked.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "dsdl_impl.h"
#include "tu.h"

static struct dsdl *h;
static char *tmp;

static int
run_init(void)
{
	char text[2048];

	tmp = tu_mkdtemp();
	if (tmp == NULL)
		return -1;
	tu_context(text, sizeof(text), "start", 10, tmp, "T", "", "");
	h = dsdl_open_text(text, NULL, NULL, 0);
	return h == NULL ? -1 : 0;
}

static int
run_clean(void)
{
	dsdl_close(h);
	tu_rmrf(tmp);
	return 0;
}

static bool
is_dead(const void *pid)
{
	return !tu_alive(*(const pid_t *)pid);
}

static void
test_exit_codes(void)
{
	int st = -1;

	CU_ASSERT_EQUAL(dsdl_run(h, "exit 0", 5000, &st), 0);
	CU_ASSERT_EQUAL(st, 0);
	CU_ASSERT_EQUAL(dsdl_run(h, "exit 3", 5000, &st), 0);
	CU_ASSERT_EQUAL(st, 3);
	CU_ASSERT_EQUAL(dsdl_run(h, "false", 0, &st), 0);	/* no limit */
	CU_ASSERT_EQUAL(st, 1);
	CU_ASSERT_EQUAL(dsdl_run(h, "/nonexistent/cmd", 5000, &st), 0);
	CU_ASSERT_EQUAL(st, 127);
	CU_ASSERT_EQUAL(dsdl_run(h, "true", 5000, NULL), 0);
}

static void
test_signals(void)
{
	int st = -1;

	CU_ASSERT_EQUAL(dsdl_run(h, "kill -9 $$", 5000, &st), 0);
	CU_ASSERT_EQUAL(st, 128 + SIGKILL);
	CU_ASSERT_EQUAL(dsdl_run(h, "kill -USR1 $$", 5000, &st), 0);
	CU_ASSERT_EQUAL(st, 128 + SIGUSR1);
}

/* The shell is the leader of a new process group (its pgrp is its pid). */
static void
test_own_group(void)
{
	int st = -1;

	CU_ASSERT_EQUAL(dsdl_run(h, "read -r pid comm state ppid pgrp rest "
	    "</proc/$$/stat; test \"$pgrp\" = \"$$\"", 5000, &st), 0);
	CU_ASSERT_EQUAL(st, 0);
	CU_ASSERT_EQUAL(dsdl_run(h, "read -r pid comm state ppid pgrp rest "
	    "</proc/$$/stat; test \"$pgrp\" = \"$PPID\"", 5000, &st), 0);
	CU_ASSERT_NOT_EQUAL(st, 0);	/* not the caller's group */
}

/* Pids written by the command to files a and b of the scratch dir. */
static void
read_pids(pid_t *a, pid_t *b)
{
	char path[512];

	(void)snprintf(path, sizeof(path), "%s/a", tmp);
	*a = (pid_t)tu_read_long(path);
	(void)snprintf(path, sizeof(path), "%s/b", tmp);
	*b = (pid_t)tu_read_long(path);
	(void)unlink(path);
	(void)snprintf(path, sizeof(path), "%s/a", tmp);
	(void)unlink(path);
}

static void
timeout_case(const char *prefix)
{
	char cmd[1024];
	pid_t a, b;
	int st = -1;

	(void)snprintf(cmd, sizeof(cmd), "%s sleep 1000 & echo $! >%s/a; "
	    "echo $$ >%s/b; wait", prefix, tmp, tmp);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_run(h, cmd, 300, &st), -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	CU_ASSERT_EQUAL(st, -1);	/* untouched */
	read_pids(&a, &b);
	CU_ASSERT(a > 1 && b > 1);
	CU_ASSERT_TRUE(tu_wait_until(is_dead, &a, 5000));
	CU_ASSERT_TRUE(tu_wait_until(is_dead, &b, 5000));
}

/* The time-out reaches the background child too: the whole group. */
static void
test_timeout_group(void)
{
	timeout_case("");
}

/* Processes that ignore SIGTERM get SIGKILL after the grace period. */
static void
test_timeout_kill(void)
{
	timeout_case("trap '' TERM;");
}

static void
on_usr1(int sig)
{
	(void)sig;
	dsdl_run_kill_all();
}

/*
 * dsdl_run_kill_all, called from a signal handler as the runner does on
 * SIGTERM, kills the running command's whole group, even processes that
 * ignore SIGTERM; the interrupted dsdl_run then reports 128 + SIGKILL.
 */
static void
test_kill_all(void)
{
	char cmd[512], path[512];
	pid_t child, a, b;
	int ws = 0, st = -1;

	(void)snprintf(cmd, sizeof(cmd), "trap '' TERM; sleep 1000 & "
	    "echo $! >%s/a.tmp; mv %s/a.tmp %s/a; echo $$ >%s/b; wait", tmp,
	    tmp, tmp, tmp);
	child = fork();
	if (child == 0) {
		(void)signal(SIGUSR1, on_usr1);
		_exit(dsdl_run(h, cmd, 0, &st) == 0 ? st : 1);
	}
	CU_ASSERT_FATAL(child > 0);
	(void)snprintf(path, sizeof(path), "%s/b", tmp);
	CU_ASSERT_TRUE(tu_wait_until(tu_file_exists, path, 5000));
	(void)snprintf(path, sizeof(path), "%s/a", tmp);
	CU_ASSERT_TRUE(tu_wait_until(tu_file_exists, path, 5000));
	read_pids(&a, &b);
	CU_ASSERT(a > 1 && b > 1);
	(void)kill(child, SIGUSR1);
	(void)waitpid(child, &ws, 0);
	CU_ASSERT_TRUE(WIFEXITED(ws));
	CU_ASSERT_EQUAL(WEXITSTATUS(ws), 128 + SIGKILL);
	CU_ASSERT_TRUE(tu_wait_until(is_dead, &a, 5000));
	CU_ASSERT_TRUE(tu_wait_until(is_dead, &b, 5000));
}

static void
test_bad_args(void)
{
	int st;

	errno = 0;
	CU_ASSERT_EQUAL(dsdl_run(h, NULL, 100, &st), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
}

int
test_run_register(void)
{
	CU_pSuite s = CU_add_suite("dsdl_run", run_init, run_clean);

	if (s == NULL ||
	    CU_add_test(s, "exit codes", test_exit_codes) == NULL ||
	    CU_add_test(s, "death by signal", test_signals) == NULL ||
	    CU_add_test(s, "own process group", test_own_group) == NULL ||
	    CU_add_test(s, "time-out kills the group",
	    test_timeout_group) == NULL ||
	    CU_add_test(s, "SIGKILL after grace", test_timeout_kill) == NULL ||
	    CU_add_test(s, "group kill reaches all", test_kill_all) == NULL ||
	    CU_add_test(s, "bad arguments", test_bad_args) == NULL)
		return -1;
	return 0;
}
