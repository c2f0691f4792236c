// SPDX-License-Identifier: MIT
/*
 * test_pmf.c - suite "pmf" (rgmd/pmf.c) with real processes through the
 * event loop: an unreadable pmf.cfg stops pmf_init with a message naming
 * it; a simple command is exec'd by the shell (the argument vector is
 * built before the fork); a stop completes when the tree is gone;
 * pmf_forget of a tag being stopped cancels its timers and answers the
 * stop once; a tree that pmf.cfg does not name is found again in its
 * cgroup (cgroup cases need a writable cgroup v2, else skipped).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "loop.h"
#include "pmf.h"
#include "proc.h"
#include "tu.h"

static char *dir;
static char err[1024];
static int deaths;

static void
on_death(struct pmf_tag *t, const char *res)
{
	(void)res;
	deaths++;
	pmf_forget(t);
}

static int
pmf_suite_init(void)
{
	char path[PATH_MAX];

	if ((dir = tu_mkdtemp()) == NULL || tu_loop() == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/resources", dir);
	if (mkdir(path, 0755) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/resources/r1", dir);
	return mkdir(path, 0755);
}

static int
pmf_suite_clean(void)
{
	pmf_shutdown();
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

static void
on_guard(void *arg)
{
	(void)arg;
	loop_stop();
}

/* Run the loop for ms (callbacks may stop it sooner: run again). */
static void
run_for(unsigned int ms)
{
	uint64_t end = loop_now_ms() + ms;

	while (loop_now_ms() < end) {
		struct loop_timer *g = loop_timer_add(end - loop_now_ms(),
		    on_guard, NULL);

		loop_run();
		if (loop_now_ms() < end)
			loop_timer_cancel(g);
	}
}

struct stopped {
	int	 calls;
	bool	 ok;
};

static void
on_stopped(bool ok, void *arg)
{
	struct stopped *s = arg;

	s->calls++;
	s->ok = ok;
	loop_stop();
}

/* First of all: a pmf.cfg that exists but cannot be read. */
static void
test_damaged_cfg(void)
{
	char path[PATH_MAX];

	CU_ASSERT_EQUAL_FATAL(tu_write(dir, "pmf.cfg", "# rgm state file, "
	    "format 2\ntags = ( { res = \"r1\";\n", path, sizeof(path)), 0);
	err[0] = '\0';
	CU_ASSERT_EQUAL(pmf_init("", dir, on_death, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, path);
	TU_ASSERT_HAS(err, "cut short");
	TU_ASSERT_HAS(err, "move the file away");
	unlink(path);
	CU_ASSERT_EQUAL(pmf_init("", dir, on_death, err, sizeof(err)), 0);
}

static char *
cmdline(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	return tu_slurp(path);
}

static void
test_start_stop(void)
{
	struct stopped s = { 0 };
	bool running;
	pid_t pid, p2;
	int restarts;
	char *cl;

	CU_ASSERT_EQUAL_FATAL(pmf_start("r1", "svc", 0, "sleep 1000", -1,
	    &pid, err, sizeof(err)), 0);
	/* "exec sleep 1000": the leader becomes sleep itself (once the
	 * child has exec'd the shell and the shell has exec'd sleep). */
	for (int i = 0; i < 200; i++) {
		cl = cmdline(pid);
		if (cl != NULL && strcmp(cl, "sleep") == 0)
			break;
		free(cl);
		cl = NULL;
		usleep(10000);
	}
	CU_ASSERT_PTR_NOT_NULL(cl);
	CU_ASSERT_TRUE(cl != NULL && strcmp(cl, "sleep") == 0);
	free(cl);
	pmf_status("r1", "svc", 0, &running, &p2, &restarts);
	CU_ASSERT_TRUE(running);
	CU_ASSERT_EQUAL(p2, pid);
	pmf_stop("r1", "svc", 0, SIGTERM, 5000, on_stopped, &s);
	for (int i = 0; i < 50 && s.calls == 0; i++)
		run_for(100);
	CU_ASSERT_EQUAL(s.calls, 1);
	CU_ASSERT_TRUE(s.ok);
	CU_ASSERT_PTR_NULL(pmf_find("r1", "svc", 0));
	CU_ASSERT_EQUAL(kill(pid, 0), -1);
}

/*
 * Forget a tag while it is being stopped (its SIGKILL and failure timers
 * armed): the stop is answered once, and no timer fires on the freed tag
 * (under SANITIZE=1 a use after free would abort here).
 */
static void
test_forget_cancels_timers(void)
{
	struct stopped s = { 0 };
	struct pmf_tag *t;
	char path[PATH_MAX];
	pid_t pid;

	CU_ASSERT_EQUAL_FATAL(pmf_start("r1", "svc", 1, "trap '' TERM; "
	    "sleep 1000", -1, &pid, err, sizeof(err)), 0);
	pmf_stop("r1", "svc", 1, SIGTERM, 300, on_stopped, &s);
	CU_ASSERT_EQUAL(s.calls, 0);
	t = pmf_find("r1", "svc", 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	pmf_forget(t);
	CU_ASSERT_EQUAL(s.calls, 1);
	CU_ASSERT_FALSE(s.ok);
	run_for(600);		/* past both timers */
	CU_ASSERT_EQUAL(s.calls, 1);
	/* The tree was forgotten, not killed: end it here. */
	kill(-pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (cgroup_enabled()) {
		snprintf(path, sizeof(path), "%s/r1.svc.1", cgroup_base());
		for (int i = 0; i < 100 && cgroup_populated(path); i++)
			usleep(10000);
		cgroup_remove(path);
	}
}

/* A tree in a tag cgroup that pmf.cfg does not name (lost, or older). */
static void
test_readopt_from_cgroup(void)
{
	char path[PATH_MAX];
	bool running;
	int pidfd, restarts;
	pid_t pid, p2;

	if (!cgroup_enabled()) {
		tu_skip("no writable cgroup v2");
		return;
	}
	CU_ASSERT_EQUAL_FATAL(cgroup_make("r2.svc.0", path, sizeof(path)),
	    0);
	pid = cgroup_fork(path, &pidfd);
	CU_ASSERT_FATAL(pid != -1);
	if (pid == 0) {
		setsid();
		execl("/bin/sleep", "sleep", "1000", (char *)NULL);
		_exit(127);
	}
	if (pidfd != -1)
		close(pidfd);
	for (int i = 0; i < 100 && getsid(pid) != pid; i++)
		usleep(10000);
	pmf_readopt();
	pmf_status("r2", "svc", 0, &running, &p2, &restarts);
	CU_ASSERT_TRUE(running);
	CU_ASSERT_EQUAL(p2, pid);
	/* Its command is unknown: it cannot be respawned. */
	CU_ASSERT_EQUAL(pmf_respawn(pmf_find("r2", "svc", 0)), -1);
	pmf_kill_resource("r2");
	CU_ASSERT_EQUAL(waitpid(pid, NULL, 0), pid);
	CU_ASSERT_PTR_NULL(pmf_find("r2", "svc", 0));
	for (int i = 0; i < 100 && access(path, F_OK) == 0; i++) {
		usleep(10000);
		cgroup_remove(path);
	}
	CU_ASSERT_EQUAL(access(path, F_OK), -1);
}

static const struct tu_test pmf_tests[] = {
	{ "unreadable pmf.cfg stops pmf_init, named", test_damaged_cfg },
	{ "start (simple command exec'd), status, stop", test_start_stop },
	{ "forget while stopping: timers cancelled, stop answered once",
	    test_forget_cancels_timers },
	{ "tree found again in its cgroup without pmf.cfg",
	    test_readopt_from_cgroup },
	{ NULL, NULL },
};

int
tu_suite_pmf(void)
{
	return tu_add_suite("pmf", pmf_suite_init, pmf_suite_clean,
	    pmf_tests);
}
