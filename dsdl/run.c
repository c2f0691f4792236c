/* SPDX-License-Identifier: MIT */
/*
 * run.c - dsdl_run: run a shell command in its own process group with a
 * time limit. Runs in the method runner, called by a type's callbacks.
 *
 * The child is `/bin/sh -c CMD` in a new process group (both the parent
 * and the child call setpgid, so there is no window where the group does
 * not exist). The parent waits on a pidfd with poll (or, where pidfd_open
 * is missing, by polling waitpid). On time-out the whole group gets
 * SIGTERM, then SIGKILL after a grace period of a tenth of the time limit
 * (at least 50 ms, at most DSDL_RUN_GRACE_MAX_MS).
 *
 * The process groups being waited for are kept in a table of
 * sig_atomic_t so that the runner's SIGTERM handler (rgmd's method
 * time-out) can kill them with dsdl_run_kill_all(). SIGTERM is blocked
 * between fork and the table update so a group is never missed.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dsdl_impl.h"

static volatile sig_atomic_t run_groups[DSDL_RUN_SLOTS];

void
dsdl_run_kill_all(void)
{
	int i;

	for (i = 0; i < DSDL_RUN_SLOTS; i++)
		if (run_groups[i] > 0)
			(void)kill(-(pid_t)run_groups[i], SIGKILL);
}

static int
slot_take(void)
{
	int i;

	for (i = 0; i < DSDL_RUN_SLOTS; i++)
		if (run_groups[i] == 0)
			return i;
	errno = EAGAIN;
	return -1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(long long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	(void)nanosleep(&ts, NULL);
}

static void __attribute__((noreturn))
run_child(const char *cmd)
{
	static const int defaults[] = {
		SIGPIPE, SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGCHLD, SIGALRM,
	};
	sigset_t none;
	size_t i;

	(void)setpgid(0, 0);
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		(void)signal(defaults[i], SIG_DFL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/*
 * Wait for pid until deadline (ms, monotonic; <= 0: none). Returns 1 when
 * reaped (*ws set), 0 on time-out, -1 on error.
 */
static int
wait_child(pid_t pid, long long deadline, int *ws)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	long long left = -1;
	pid_t r;

	for (;;) {
		r = waitpid(pid, ws, WNOHANG);
		if (r == pid || (r == -1 && errno != EINTR))
			break;
		if (deadline > 0) {
			left = deadline - now_ms();
			if (left <= 0)
				break;
		}
		if (pidfd >= 0)
			(void)poll(&pfd, 1, (int)left);
		else
			sleep_ms(left < 0 || left > 10 ? 10 : left);
	}
	if (pidfd >= 0)
		(void)close(pidfd);
	return r == pid ? 1 : r == -1 ? -1 : 0;
}

/* SIGTERM to the group, SIGKILL after grace_ms, reap the leader. */
static void
terminate_group(pid_t pg, long long grace_ms)
{
	long long end = now_ms() + grace_ms;
	int reaped = 0, ws;

	(void)kill(-pg, SIGTERM);
	while (now_ms() < end) {
		if (!reaped && waitpid(pg, &ws, WNOHANG) == pg)
			reaped = 1;
		if (reaped && kill(-pg, 0) == -1 && errno == ESRCH)
			return;
		sleep_ms(10);
	}
	(void)kill(-pg, SIGKILL);
	while (!reaped && waitpid(pg, &ws, 0) == -1 && errno == EINTR)
		;
}

static long long
grace_of(int timeout_ms)
{
	long long g = timeout_ms / 10;

	if (g < 50)
		return 50;
	return g > DSDL_RUN_GRACE_MAX_MS ? DSDL_RUN_GRACE_MAX_MS : g;
}

/* fork the child and record its group; SIGTERM held off meanwhile. */
static pid_t
spawn(const char *cmd, int *slot)
{
	sigset_t term, old;
	pid_t pid;

	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	(void)sigprocmask(SIG_BLOCK, &term, &old);
	*slot = slot_take();
	pid = *slot == -1 ? -1 : fork();
	if (pid == 0)
		run_child(cmd);
	if (pid > 0) {
		(void)setpgid(pid, pid);	/* EACCES once it has exec'd */
		run_groups[*slot] = pid;
	}
	(void)sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

int
dsdl_run(const struct dsdl *h, const char *cmd, int timeout_ms, int *status)
{
	long long deadline = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	int slot, ws = 0, r;
	pid_t pid;

	(void)h;	/* the handle is not needed; kept for the API */
	if (cmd == NULL) {
		errno = EINVAL;
		return -1;
	}
	pid = spawn(cmd, &slot);
	if (pid == -1)
		return -1;
	r = wait_child(pid, deadline, &ws);
	if (r == 0)
		terminate_group(pid, grace_of(timeout_ms));
	run_groups[slot] = 0;
	if (r != 1) {
		errno = r == 0 ? ETIMEDOUT : errno;
		return -1;
	}
	if (status != NULL)
		*status = WIFEXITED(ws) ? WEXITSTATUS(ws) :
		    WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : 1;
	return 0;
}
