/* SPDX-License-Identifier: MIT */
/*
 * tu.c - helpers of the dsdl unit tests (see tu.h). Runs in the test
 * program; the processes it starts are rgmd-runner instances, each in its
 * own process group, killed with their group if they outlive TU_WAIT_MS.
 */
#define _GNU_SOURCE	/* memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tu.h"

const char *
tu_build(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n;
	int i;

	if (dir[0] != '\0')
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		perror("tu_build: /proc/self/exe");
		exit(2);
	}
	exe[n] = '\0';
	for (i = 0; i < 3; i++)	/* strip tests/unit/dsdl */
		*strrchr(exe, '/') = '\0';
	(void)snprintf(dir, sizeof(dir), "%s", exe);
	return dir;
}

const char *
tu_path(char *buf, size_t len, const char *rel)
{
	int n = snprintf(buf, len, "%s/%s", tu_build(), rel);

	if (n < 0 || (size_t)n >= len) {
		fprintf(stderr, "tu_path: %s: too long\n", rel);
		exit(2);
	}
	return buf;
}

char *
tu_mkdtemp(void)
{
	char tmpl[] = "/tmp/dsdl-test.XXXXXX";
	char *d = mkdtemp(tmpl);

	return d == NULL ? NULL : strdup(d);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
tu_rmrf(char *dir)
{
	if (dir == NULL)
		return;
	(void)nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

int
tu_memfd(const char *text)
{
	int fd = memfd_create("dsdl-test", MFD_CLOEXEC);
	size_t len = strlen(text);

	if (fd == -1 || write(fd, text, len) != (ssize_t)len ||
	    lseek(fd, 0, SEEK_SET) == -1) {
		perror("tu_memfd");
		exit(2);
	}
	return fd;
}

void
tu_read_all(int fd, char *buf, size_t len)
{
	ssize_t n = pread(fd, buf, len - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
}

void
tu_context(char *buf, size_t len, const char *method, int timeout,
    const char *state_dir, const char *type, const char *r_props,
    const char *x_props)
{
	int n = snprintf(buf, len,
	    "method = \"%s\";\ntimeout = %d;\nnode = \"node1\";\n"
	    "state_dir = \"%s\";\nsyslog = false;\nresource = \"r1\";\n"
	    "group = \"g1\";\ntype = \"%s\";\nr_props = { %s };\n"
	    "x_props = { %s };\ng_props = { Nodelist = [\"node1\"]; };\n",
	    method, timeout, state_dir, type, r_props, x_props);

	if (n < 0 || (size_t)n >= len) {
		fprintf(stderr, "tu_context: too long\n");
		exit(2);
	}
}

static void __attribute__((noreturn))
exec_runner(const struct tu_proc *p, const char *arg1, const char *module,
    int ctx, int chan)
{
	char runner[PATH_MAX];

	(void)setpgid(0, 0);
	(void)dup2(p->out, 1);
	(void)dup2(p->err, 2);
	/* Out of the way first: either may be fd 3 or 4 now. */
	if (ctx != -1)
		ctx = fcntl(ctx, F_DUPFD_CLOEXEC, 10);
	if (chan != -1)
		chan = fcntl(chan, F_DUPFD_CLOEXEC, 10);
	(void)close(3);
	(void)close(4);
	if (ctx != -1)
		(void)dup2(ctx, 3);	/* dup2 clears close-on-exec */
	if (chan != -1)
		(void)dup2(chan, 4);	/* as rgmd hands it over */
	execl(tu_path(runner, sizeof(runner), "bin/rgmd-runner"),
	    "rgmd-runner", arg1, module, (char *)NULL);
	_exit(126);
}

int
tu_spawn(struct tu_proc *p, const char *arg1, const char *module,
    const char *ctx)
{
	return tu_spawn_chan(p, arg1, module, ctx, -1);
}

int
tu_spawn_chan(struct tu_proc *p, const char *arg1, const char *module,
    const char *ctx, int chan)
{
	int cfd = ctx != NULL ? tu_memfd(ctx) : -1;

	memset(p, 0, sizeof(*p));
	p->out = memfd_create("runner-out", MFD_CLOEXEC);
	p->err = memfd_create("runner-err", MFD_CLOEXEC);
	(void)tu_build();	/* before fork: it may exit */
	p->pid = fork();
	if (p->pid == 0)
		exec_runner(p, arg1, module, cfd, chan);
	if (p->pid > 0)
		(void)setpgid(p->pid, p->pid);
	if (cfd != -1)
		(void)close(cfd);
	return p->pid > 0 ? 0 : -1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
nap(void)
{
	struct timespec ts = { 0, 20 * 1000000 };

	(void)nanosleep(&ts, NULL);
}

int
tu_wait(struct tu_proc *p, int ms)
{
	long long end = now_ms() + ms;
	int rc = -1;

	for (;;) {
		if (waitpid(p->pid, &p->status, WNOHANG) == p->pid) {
			rc = 0;
			break;
		}
		if (now_ms() >= end) {
			fprintf(stderr, "tu_wait: pid %d still running after "
			    "%d ms: killed\n", (int)p->pid, ms);
			(void)kill(-p->pid, SIGKILL);
			(void)waitpid(p->pid, &p->status, 0);
			break;
		}
		nap();
	}
	tu_read_all(p->out, p->outbuf, sizeof(p->outbuf));
	tu_read_all(p->err, p->errbuf, sizeof(p->errbuf));
	(void)close(p->out);
	(void)close(p->err);
	if (p->errbuf[0] != '\0')
		fprintf(stderr, "  [runner stderr] %s", p->errbuf);
	return rc;
}

int
tu_run(struct tu_proc *p, const char *arg1, const char *module,
    const char *ctx)
{
	if (tu_spawn(p, arg1, module, ctx) == -1 ||
	    tu_wait(p, TU_WAIT_MS) == -1)
		return -1;
	if (WIFEXITED(p->status))
		return WEXITSTATUS(p->status);
	return WIFSIGNALED(p->status) ? 128 + WTERMSIG(p->status) : -1;
}

bool
tu_alive(pid_t pid)
{
	char path[64], buf[512], *p;
	int n;

	if (pid <= 0)
		return false;
	(void)snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	n = tu_read_file(path, buf, sizeof(buf));
	if (n <= 0)
		return false;
	p = strrchr(buf, ')');
	return p != NULL && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

bool
tu_wait_until(bool (*pred)(const void *), const void *arg, int ms)
{
	long long end = now_ms() + ms;

	while (!pred(arg)) {
		if (now_ms() >= end)
			return false;
		nap();
	}
	return true;
}

int
tu_read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	buf[0] = '\0';
	if (fd == -1)
		return -1;
	n = read(fd, buf, len - 1);
	(void)close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return (int)n;
}

long
tu_read_long(const char *path)
{
	char buf[64];

	if (tu_read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

bool
tu_file_exists(const void *path)
{
	return access(path, F_OK) == 0;
}
