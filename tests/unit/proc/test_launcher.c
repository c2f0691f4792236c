// SPDX-License-Identifier: MIT
/*
 * test_launcher.c - suite "launcher" (rgmd/launcher.c, rgmd/cgroup.c) with
 * real processes: a fake rgmd-runner (a shell script) run through the
 * event loop. Results are reported as they happened (exit status, signal,
 * timeout); whatever a method leaves behind is dead when its result is
 * reported, in its own cgroup and, without cgroups, in its process group
 * (killed while the runner is a zombie, before it is reaped); a hanging
 * method is killed whole at its timeout; a status that waitpid cannot
 * give is reported as unknown (a failure); method cgroups a crashed rgmd
 * left are killed at start-up; --describe runs without blocking and
 * reports the module's methods or why it was refused; no descriptor is
 * leaked, even when fork fails (a pids cgroup v1 that allows no process). The cgroup cases need a writable cgroup v2 (root): elsewhere
 * they are counted as skipped.
 */
#define _GNU_SOURCE
#include <dirent.h>
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
#include "launcher.h"
#include "loop.h"
#include "rtr.h"
#include "proc.h"
#include "tu.h"

static char *dir;
static char runner[PATH_MAX];
static bool have_cgroups;

static const char runner_text[] =
    "#!/bin/sh\n"
    "# fake rgmd-runner: METHOD ARG\n"
    "case \"$1\" in\n"
    "--describe)\n"
    "  case \"$2\" in\n"
    "  good) echo 'abi=1 name=T methods=start,stop,probe' ;;\n"
    "  *) echo 'cannot load the module'; exit 121 ;;\n"
    "  esac ;;\n"
    "exit3) exit 3 ;;\n"
    "crash) kill -SEGV $$ ;;\n"
    "leave) setsid sleep 1000 </dev/null >/dev/null 2>&1 &\n"
    "  echo $! > \"$2\" ;;\n"
    "leavefail) setsid sleep 1000 </dev/null >/dev/null 2>&1 &\n"
    "  echo $! > \"$2\"; exit 1 ;;\n"
    "leavepg) sleep 1000 </dev/null >/dev/null 2>&1 &\n"
    "  echo $! > \"$2\" ;;\n"
    "hang) trap '' TERM; sleep 1000 </dev/null >/dev/null 2>&1 &\n"
    "  echo $! > \"$2\"; wait ;;\n"
    "esac\n";

static int
launcher_suite_init(void)
{
	if ((dir = tu_mkdtemp()) == NULL || tu_loop() == -1 ||
	    tu_write(dir, "runner", runner_text, runner, sizeof(runner)) ==
	    -1 || chmod(runner, 0755) == -1)
		return -1;
	cgroup_init("", dir);
	have_cgroups = cgroup_enabled();
	return 0;
}

static int
launcher_suite_clean(void)
{
	if (have_cgroups) {
		cgroup_init("", dir);
		rmdir(cgroup_base());
	}
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

static bool
use_cgroups(bool on)
{
	cgroup_init(on ? "" : "none", dir);
	return cgroup_enabled() == on;
}

/* ---- running the loop until a callback ------------------------------ */

struct outcome {
	bool			 done;
	struct launch_result	 res;
	int			 rc;
	unsigned int		 methods;
	char			 err[1200];
};

static void
on_guard(void *arg)
{
	(void)arg;
	loop_stop();
}

/* Run the loop until o->done or ms have passed. */
static void
run_until(struct outcome *o, unsigned int ms)
{
	struct loop_timer *g = loop_timer_add(ms, on_guard, NULL);
	uint64_t end = loop_now_ms() + ms;

	while (!o->done && loop_now_ms() < end)
		loop_run();
	if (!o->done)
		return;		/* the guard fired and is gone */
	loop_timer_cancel(g);
}

static void
on_done(const struct launch_result *res, void *arg)
{
	struct outcome *o = arg;

	o->res = *res;
	o->done = true;
	loop_stop();
}

static void
on_desc(int rc, unsigned int methods, const char *err, void *arg)
{
	struct outcome *o = arg;

	o->rc = rc;
	o->methods = methods;
	snprintf(o->err, sizeof(o->err), "%s", err ? err : "");
	o->done = true;
	loop_stop();
}

static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (d == NULL)
		return -1;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

static pid_t
read_pid(const char *path)
{
	char *t = tu_slurp(path);
	pid_t p = t ? (pid_t)atoi(t) : 0;

	free(t);
	return p;
}

/* Alive and not a zombie. */
static bool
alive(pid_t pid)
{
	char path[64], *t;
	bool z;

	if (pid <= 0 || kill(pid, 0) == -1)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((t = tu_slurp(path)) == NULL)
		return false;
	z = strstr(t, ") Z ") != NULL;
	free(t);
	return !z;
}

static void
run_kept(const char *method, const char *arg, const char *keep,
    struct outcome *o, unsigned int wait_ms)
{
	pid_t pid;

	memset(o, 0, sizeof(*o));
	pid = launcher_run(runner, method, arg, "ctx", 10, -1, on_done, o);
	CU_ASSERT_FATAL(pid > 0);
	if (keep != NULL)
		CU_ASSERT_EQUAL(launcher_keep(pid, keep), 0);
	run_until(o, wait_ms);
	CU_ASSERT_TRUE(o->done);
}

static void
run_method(const char *method, const char *arg, int timeout_s,
    struct outcome *o, unsigned int wait_ms)
{
	memset(o, 0, sizeof(*o));
	CU_ASSERT_FATAL(launcher_run(runner, method, arg, "ctx", timeout_s,
	    -1, on_done, o) > 0);
	run_until(o, wait_ms);
	CU_ASSERT_TRUE(o->done);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_results(void)
{
	struct outcome o;
	char how[64];
	int fds = count_fds();

	use_cgroups(have_cgroups);
	run_method("exit3", "-", 10, &o, 10000);
	CU_ASSERT_FALSE(o.res.timed_out);
	CU_ASSERT_EQUAL(o.res.signal, 0);
	CU_ASSERT_EQUAL(o.res.exit_code, 3);
	CU_ASSERT_FALSE(launch_ok(&o.res));
	run_method("crash", "-", 10, &o, 10000);
	CU_ASSERT_EQUAL(o.res.signal, SIGSEGV);
	launch_describe_result(&o.res, 10, how, sizeof(how));
	TU_ASSERT_HAS(how, "signal 11");
	run_method("nothing", "-", 10, &o, 10000);
	CU_ASSERT_TRUE(launch_ok(&o.res));
	CU_ASSERT_EQUAL(count_fds(), fds);
}

/*
 * waitpid fails (SIGCHLD ignored: the kernel reaps the runner itself):
 * the result says the status is unknown and is a failure, never an
 * uninitialised status read as a success.
 */
static void
test_status_lost(void)
{
	struct outcome o;
	char how[64];

	use_cgroups(have_cgroups);
	signal(SIGCHLD, SIG_IGN);
	run_method("nothing", "-", 10, &o, 10000);
	signal(SIGCHLD, SIG_DFL);
	CU_ASSERT_EQUAL(o.res.exit_code, -1);
	CU_ASSERT_FALSE(launch_ok(&o.res));
	launch_describe_result(&o.res, 10, how, sizeof(how));
	TU_ASSERT_HAS(how, "unknown status");
}

/*
 * Without cgroups: a process left in the runner's process group is killed
 * when the runner ends (the signal goes while the runner is a zombie, so
 * the group id cannot have been reused).
 */
static void
test_leftover_process_group(void)
{
	char file[PATH_MAX];
	struct outcome o;
	pid_t left;

	CU_ASSERT_TRUE_FATAL(use_cgroups(false));
	snprintf(file, sizeof(file), "%s/leavepg.pid", dir);
	run_method("leavepg", file, 10, &o, 10000);
	CU_ASSERT_TRUE(launch_ok(&o.res));
	left = read_pid(file);
	CU_ASSERT_TRUE(left > 0);
	for (int i = 0; i < 100 && alive(left); i++)
		usleep(10000);
	CU_ASSERT_FALSE(alive(left));
	if (alive(left))
		kill(left, SIGKILL);
}

/* With cgroups: even a process in a session of its own is dead by the
 * time the result is reported. */
static void
test_leftover_cgroup(void)
{
	char file[PATH_MAX];
	struct outcome o;
	pid_t left;

	if (!have_cgroups || !use_cgroups(true)) {
		tu_skip("no writable cgroup v2");
		return;
	}
	snprintf(file, sizeof(file), "%s/leave.pid", dir);
	run_method("leave", file, 10, &o, 10000);
	CU_ASSERT_TRUE(launch_ok(&o.res));
	left = read_pid(file);
	CU_ASSERT_TRUE(left > 0);
	CU_ASSERT_FALSE(alive(left));
	if (alive(left))
		kill(left, SIGKILL);
}

/* A method that ignores SIGTERM: timed out, then killed whole. */
static void
test_timeout(void)
{
	char file[PATH_MAX];
	struct outcome o;
	pid_t left;

	use_cgroups(have_cgroups);
	snprintf(file, sizeof(file), "%s/hang.pid", dir);
	run_method("hang", file, 1, &o, 1000 + 2 * LAUNCH_GRACE_MS + 2000);
	CU_ASSERT_TRUE(o.res.timed_out);
	CU_ASSERT_FALSE(launch_ok(&o.res));
	left = read_pid(file);
	for (int i = 0; i < 100 && alive(left); i++)
		usleep(10000);
	CU_ASSERT_FALSE(alive(left));
	if (alive(left))
		kill(left, SIGKILL);
}

/* A method cgroup with a process in it, as a crashed rgmd leaves it. */
static void
test_recover(void)
{
	char path[PATH_MAX];
	int pidfd;
	pid_t pid;

	if (!have_cgroups || !use_cgroups(true)) {
		tu_skip("no writable cgroup v2");
		return;
	}
	CU_ASSERT_EQUAL_FATAL(cgroup_make(CGROUP_METHOD_PREFIX "1.1", path,
	    sizeof(path)), 0);
	pid = cgroup_fork(path, &pidfd);
	CU_ASSERT_FATAL(pid != -1);
	if (pid == 0) {
		execl("/bin/sleep", "sleep", "1000", (char *)NULL);
		_exit(127);
	}
	if (pidfd != -1)
		close(pidfd);
	CU_ASSERT_TRUE(cgroup_populated(path));
	CU_ASSERT_EQUAL(launcher_recover(), 1);
	CU_ASSERT_EQUAL(waitpid(pid, NULL, 0), pid);
	CU_ASSERT_EQUAL(access(path, F_OK), -1);
}

static void
test_describe(void)
{
	struct outcome o = { 0 };
	char err[256];
	int fds = count_fds();

	use_cgroups(have_cgroups);
	CU_ASSERT_EQUAL_FATAL(launcher_describe(runner, "good", on_desc, &o,
	    err, sizeof(err)), 0);
	CU_ASSERT_FALSE(o.done);	/* it did not wait */
	run_until(&o, 10000);
	CU_ASSERT_TRUE(o.done);
	CU_ASSERT_EQUAL(o.rc, 0);
	CU_ASSERT_EQUAL(o.methods, 1U << RT_START | 1U << RT_STOP |
	    1U << RT_PROBE);
	memset(&o, 0, sizeof(o));
	CU_ASSERT_EQUAL_FATAL(launcher_describe(runner, "bad", on_desc, &o,
	    err, sizeof(err)), 0);
	run_until(&o, 10000);
	CU_ASSERT_EQUAL(o.rc, -1);
	TU_ASSERT_HAS(o.err, "module bad refused: cannot load the module");
	/* A runner that cannot be executed. */
	memset(&o, 0, sizeof(o));
	CU_ASSERT_EQUAL_FATAL(launcher_describe("/nonexistent/runner", "good",
	    on_desc, &o, err, sizeof(err)), 0);
	run_until(&o, 10000);
	CU_ASSERT_EQUAL(o.rc, -1);
	TU_ASSERT_HAS(o.err, "cannot exec /nonexistent/runner");
	CU_ASSERT_EQUAL(count_fds(), fds);
}

static int
put(const char *dir_path, const char *file, const char *text)
{
	char path[PATH_MAX + 32];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir_path, file);
	if ((f = fopen(path, "we")) == NULL)
		return -1;
	rc = fputs(text, f) < 0 ? -1 : 0;
	return fclose(f) == 0 ? rc : -1;
}

/* In a child that cannot fork: both fail cleanly, no fd is left open. */
static int
fork_fails_child(const char *cg)
{
	struct outcome o = { 0 };
	char err[256] = "";
	int fds;

	if (put(cg, "pids.max", "1") == -1 || put(cg, "cgroup.procs", "0"))
		return 10;
	fds = count_fds();
	if (launcher_describe(runner, "good", on_desc, &o, err,
	    sizeof(err)) != -1)
		return 2;
	if (strstr(err, "cannot run") == NULL)
		return 3;
	if (launcher_run(runner, "exit3", "-", "ctx", 10, -1, on_done,
	    &o) != -1)
		return 4;
	if (count_fds() != fds)
		return 5;		/* the pipe (or the context) leaked */
	return o.done ? 6 : 0;
}

/*
 * fork fails (a pids cgroup, v1, that allows no new process): describe
 * and run say so and leak nothing (describe used to leak its pipe).
 */
static void
test_fork_fails(void)
{
	char cg[PATH_MAX];
	int status = -1;
	pid_t pid;

	use_cgroups(have_cgroups);
	snprintf(cg, sizeof(cg), "/sys/fs/cgroup/pids/rgmd-unit-%d",
	    (int)getpid());
	if (mkdir(cg, 0755) == -1) {
		tu_skip("no pids cgroup (v1) to make fork fail");
		return;
	}
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid != -1);
	if (pid == 0)
		_exit(fork_fails_child(cg));
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status));
	if (WEXITSTATUS(status) != 0)
		fprintf(stderr, "\n  child failed at step %d\n",
		    WEXITSTATUS(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
	rmdir(cg);
}

static void
test_parse_pid(void)
{
	CU_ASSERT_EQUAL(cgroup_parse_pid("123\n"), 123);
	CU_ASSERT_EQUAL(cgroup_parse_pid("42"), 42);
	/* Never 0 (kill(0) would hit rgmd's own process group) or less. */
	CU_ASSERT_EQUAL(cgroup_parse_pid("abc\n"), -1);
	CU_ASSERT_EQUAL(cgroup_parse_pid("\n"), -1);
	CU_ASSERT_EQUAL(cgroup_parse_pid("0\n"), -1);
	CU_ASSERT_EQUAL(cgroup_parse_pid("-5\n"), -1);
	CU_ASSERT_EQUAL(cgroup_parse_pid("12x\n"), -1);
	CU_ASSERT_EQUAL(cgroup_parse_pid("99999999999999\n"), -1);
}

static void
test_parse_methods(void)
{
	unsigned int m;

	CU_ASSERT_EQUAL(launcher_parse_methods("abi=1 name=T "
	    "methods=start,stop,nosuch", &m), 0);
	CU_ASSERT_EQUAL(m, 1U << RT_START | 1U << RT_STOP);
	CU_ASSERT_EQUAL(launcher_parse_methods("abi=1 name=T", &m), -1);
}

/* launcher_keep: what a successful Start leaves runs on in @kept.RES
 * until launcher_kill_kept; a failed one's leftovers are killed. */
static void
test_keep_cgroup(void)
{
	char file[PATH_MAX], kept[PATH_MAX];
	struct outcome o;
	pid_t left;

	if (!have_cgroups || !use_cgroups(true)) {
		tu_skip("no writable cgroup v2");
		return;
	}
	snprintf(file, sizeof(file), "%s/keep.pid", dir);
	snprintf(kept, sizeof(kept), "%s/" CGROUP_KEPT_PREFIX "r1",
	    cgroup_base());
	run_kept("leave", file, "r1", &o, 10000);
	CU_ASSERT_TRUE(launch_ok(&o.res));
	left = read_pid(file);
	CU_ASSERT_TRUE_FATAL(left > 0);
	CU_ASSERT_TRUE(alive(left));
	CU_ASSERT_TRUE(cgroup_populated(kept));
	/* A restarted rgmd leaves it alone. */
	launcher_recover();
	CU_ASSERT_TRUE(alive(left));
	launcher_kill_kept("r1");
	for (int i = 0; i < 100 && alive(left); i++)
		usleep(10000);
	CU_ASSERT_FALSE(alive(left));
	if (alive(left))
		kill(left, SIGKILL);
	launcher_kill_kept("r1");	/* removes the emptied cgroup */
	CU_ASSERT_EQUAL(access(kept, F_OK), -1);
	/* A failed run: killed as usual. */
	snprintf(file, sizeof(file), "%s/keepfail.pid", dir);
	run_kept("leavefail", file, "r1", &o, 10000);
	CU_ASSERT_FALSE(launch_ok(&o.res));
	left = read_pid(file);
	CU_ASSERT_TRUE(left > 0);
	CU_ASSERT_FALSE(alive(left));
	if (alive(left))
		kill(left, SIGKILL);
	CU_ASSERT_FALSE(cgroup_populated(kept));
	launcher_kill_kept("r1");
}

/* Without cgroups the kept process stays in the runner's group. */
static void
test_keep_process_group(void)
{
	char file[PATH_MAX];
	struct outcome o;
	pid_t left;

	CU_ASSERT_TRUE_FATAL(use_cgroups(false));
	snprintf(file, sizeof(file), "%s/keeppg.pid", dir);
	run_kept("leavepg", file, "r2", &o, 10000);
	CU_ASSERT_TRUE(launch_ok(&o.res));
	left = read_pid(file);
	CU_ASSERT_TRUE_FATAL(left > 0);
	CU_ASSERT_TRUE(alive(left));	/* the result came after any kill */
	kill(left, SIGKILL);
	CU_ASSERT_EQUAL(launcher_keep(1, "r2"), -1);	/* no such run */
}

static const struct tu_test launcher_tests[] = {
	{ "exit status, signal, success as they happened", test_results },
	{ "waitpid failure: unknown status, a failure", test_status_lost },
	{ "no cgroups: leftover in the process group killed",
	    test_leftover_process_group },
	{ "cgroup: leftover in another session killed", test_leftover_cgroup },
	{ "cgroup: a kept Start's leftover lives until killed",
	    test_keep_cgroup },
	{ "no cgroups: a kept Start's leftover stays",
	    test_keep_process_group },
	{ "timeout: SIGTERM ignored, the tree killed", test_timeout },
	{ "start-up: method cgroups of a crashed rgmd killed", test_recover },
	{ "describe without blocking: methods, refusals, no fd leak",
	    test_describe },
	{ "fork fails: describe and run fail cleanly, no fd leak",
	    test_fork_fails },
	{ "cgroup.procs lines: only pids > 0", test_parse_pid },
	{ "describe line parsed", test_parse_methods },
	{ NULL, NULL },
};

int
tu_suite_launcher(void)
{
	return tu_add_suite("launcher", launcher_suite_init,
	    launcher_suite_clean, launcher_tests);
}
