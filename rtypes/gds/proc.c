/* SPDX-License-Identifier: MIT */
/*
 * proc.c - the daemon of a SUNW.gds resource. Runs in the method runner
 * (start, stop and probe of SUNW.gds).
 *
 * Start_command is launched detached: fork, fork again, and the grandchild
 * calls setsid, so the daemon is nobody's child here, has its own session
 * and process group (both equal to its pid) and survives the runner and
 * rgmd. Its output goes to <state_dir>/gds.log. Its pid and its start time
 * (field 22 of /proc/PID/stat) are kept in <state_dir>/gds.pid, written
 * atomically, so a later method can tell our daemon from an unrelated
 * process that got the same pid.
 *
 * Liveness: the session is alive while any process other than a zombie
 * has it as session id, unless the leader's pid now belongs to a process
 * with another start time (then the session is long gone: a pid is not
 * reused while it is still a session or group id).
 */
#define _GNU_SOURCE	/* pipe2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gds.h"

struct proc_stat {
	char			state;
	pid_t			pgrp;
	pid_t			sid;
	unsigned long long	start;
};

long long
gds_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
gds_sleep_ms(long long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	(void)nanosleep(&ts, NULL);
}

static int
proc_stat_read(pid_t pid, struct proc_stat *st)
{
	char path[64], buf[1024], *p;
	ssize_t n;
	int fd;

	(void)snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* the command name may hold anything */
	if (p == NULL || sscanf(p + 1, " %c %*d %d %d %*d %*d %*u %*u %*u "
	    "%*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu", &st->state,
	    &st->pgrp, &st->sid, &st->start) != 4) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

static bool
is_zombie(const struct proc_stat *st)
{
	return st->state == 'Z' || st->state == 'X' || st->state == 'x';
}

/*
 * Call fn on every live process of session sid (at most one pass over
 * /proc). Returns the number of such processes.
 */
static int
session_each(pid_t sid, void (*fn)(pid_t, const struct proc_stat *, int),
    int arg)
{
	struct proc_stat st;
	struct dirent *de;
	DIR *d = opendir("/proc");
	int count = 0;
	long pid;
	char *end;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		pid = strtol(de->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 ||
		    proc_stat_read((pid_t)pid, &st) == -1 ||
		    st.sid != sid || is_zombie(&st))
			continue;
		count++;
		if (fn != NULL)
			fn((pid_t)pid, &st, arg);
	}
	(void)closedir(d);
	return count;
}

bool
gds_is_alive(const struct gds_pid *p)
{
	struct proc_stat st;

	if (p->pid <= 1)
		return false;
	if (proc_stat_read(p->pid, &st) == 0 && st.start != p->start)
		return false;	/* pid reused: our session is gone */
	return session_each(p->pid, NULL, 0) > 0;
}

/* Members that left the daemon's process group get the signal too. */
static void
signal_stray(pid_t pid, const struct proc_stat *st, int sig)
{
	if (st->pgrp != st->sid)
		(void)kill(pid, sig);
}

void
gds_signal(const struct gds_pid *p, int sig)
{
	if (!gds_is_alive(p))
		return;
	(void)kill(-p->pid, sig);
	(void)session_each(p->pid, signal_stray, sig);
}

/* In the grandchild: become a daemon and exec the command. */
static void __attribute__((noreturn))
daemon_exec(const char *cmd, const char *logpath, int wfd)
{
	sigset_t none;
	pid_t me;
	int fd, sig;

	(void)setsid();
	me = getpid();
	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			(void)signal(sig, SIG_DFL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	fd = open("/dev/null", O_RDONLY);
	if (fd != -1 && fd != 0) {
		(void)dup2(fd, 0);
		(void)close(fd);
	}
	fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd == -1)
		fd = open("/dev/null", O_WRONLY);
	(void)dup2(fd, 1);
	(void)dup2(fd, 2);
	if (fd > 2)
		(void)close(fd);
	if (write(wfd, &me, sizeof(me)) != (ssize_t)sizeof(me))
		_exit(127);
	for (fd = 3; fd < 1024; fd++)
		(void)close(fd);
	if (chdir("/") == -1)
		_exit(127);
	umask(022);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

static int
start_time_of(pid_t pid, unsigned long long *start)
{
	struct proc_stat st;

	if (proc_stat_read(pid, &st) == -1)
		return -1;
	*start = st.start;
	return 0;
}

int
gds_spawn(const char *cmd, const char *logpath, struct gds_pid *out)
{
	int pfd[2], ws;
	pid_t c1, dpid = 0;
	ssize_t n = -1;

	if (pipe2(pfd, O_CLOEXEC) == -1)
		return -1;
	c1 = fork();
	if (c1 == 0) {
		(void)close(pfd[0]);
		if (fork() == 0)
			daemon_exec(cmd, logpath, pfd[1]);
		_exit(0);
	}
	(void)close(pfd[1]);
	if (c1 == -1)
		goto out_close;
	while (waitpid(c1, &ws, 0) == -1 && errno == EINTR)
		;
	do
		n = read(pfd[0], &dpid, sizeof(dpid));
	while (n == -1 && errno == EINTR);
out_close:
	(void)close(pfd[0]);
	if (c1 == -1 || n != (ssize_t)sizeof(dpid) || dpid <= 1) {
		errno = ECHILD;
		return -1;
	}
	out->pid = dpid;
	/* It may already be gone: start time 0 then means "dead". */
	if (start_time_of(dpid, &out->start) == -1)
		out->start = 0;
	return 0;
}

static int
pid_path(const char *dir, const char *suffix, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/%s%s", dir, GDS_PIDFILE, suffix);

	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
gds_pidfile_read(const char *dir, struct gds_pid *out)
{
	char path[4096], buf[128];
	int fd, pid;
	ssize_t n;

	if (pid_path(dir, "", path, sizeof(path)) == -1)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	if (sscanf(buf, "%d %llu", &pid, &out->start) != 2 || pid <= 1) {
		errno = EINVAL;
		return -1;
	}
	out->pid = pid;
	return 0;
}

/* "PID STARTTIME\n" through a temporary file, fsync and rename. */
int
gds_pidfile_write(const char *dir, const struct gds_pid *p)
{
	char path[4096], tmp[4096], buf[64];
	int fd, n, rc = -1;

	if (pid_path(dir, "", path, sizeof(path)) == -1 ||
	    pid_path(dir, ".tmp", tmp, sizeof(tmp)) == -1)
		return -1;
	n = snprintf(buf, sizeof(buf), "%d %llu\n", (int)p->pid, p->start);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		return -1;
	if (write(fd, buf, (size_t)n) == n && fsync(fd) == 0)
		rc = 0;
	if (close(fd) == -1)
		rc = -1;
	if (rc == 0)
		rc = rename(tmp, path);
	if (rc == -1)
		(void)unlink(tmp);
	return rc;
}

int
gds_pidfile_remove(const char *dir)
{
	char path[4096];

	if (pid_path(dir, "", path, sizeof(path)) == -1)
		return -1;
	if (unlink(path) == -1 && errno != ENOENT)
		return -1;
	return 0;
}
