// SPDX-License-Identifier: MIT
/*
 * launcher.c - the method launcher of rgmd. Every callback of a resource
 * type runs in a child: fork, setpgid, the context in a memfd on fd 3, exec
 * of rgmd-runner, which dlopens the module. rgmd watches the child's pidfd
 * in the event loop. When <Method>_timeout passes, the child's process
 * group gets SIGTERM, and SIGKILL LAUNCH_GRACE_MS later. A non-zero exit,
 * a timeout and a crash are all failures; none of them affects rgmd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launcher.h"
#include "log.h"
#include "loop.h"
#include "rtr.h"

struct launch {
	pid_t		 pid;
	int		 pidfd;
	int		 timeout_s;
	bool		 timed_out;
	struct loop_timer *timer;
	launch_cb	 cb;
	void		*arg;
	struct launch	*next;
};

static struct launch *running;

static void
unlink_launch(struct launch *l)
{
	for (struct launch **p = &running; *p; p = &(*p)->next)
		if (*p == l) {
			*p = l->next;
			return;
		}
}

void
launcher_kill_all(void)
{
	for (struct launch *l = running; l; l = l->next) {
		log_warn("method runner %d interrupted by shutdown", (int)l->pid);
		kill(-l->pid, SIGKILL);
		waitpid(l->pid, NULL, 0);
	}
}

void
launcher_kill_orphan(pid_t pid)
{
	char path[64], cmd[256] = "";
	FILE *f;

	if (pid <= 1)
		return;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return;
	if (fgets(cmd, sizeof(cmd), f) != NULL &&
	    strcmp(cmd, "rgmd-runner") == 0 && getpgid(pid) == pid) {
		log_warn("killing method runner %d left by the previous rgmd",
		    (int)pid);
		kill(-pid, SIGKILL);
	}
	fclose(f);
}

bool
launch_ok(const struct launch_result *r)
{
	return !r->timed_out && r->signal == 0 && r->exit_code == 0;
}

void
launch_describe_result(const struct launch_result *r, int timeout_s,
    char *buf, size_t len)
{
	if (r->timed_out)
		snprintf(buf, len, "timed out after %d s", timeout_s);
	else if (r->signal != 0)
		snprintf(buf, len, "crashed (signal %d, %s)", r->signal,
		    strsignal(r->signal));
	else
		snprintf(buf, len, "exited with status %d", r->exit_code);
}

static void
on_kill(void *arg)
{
	struct launch *l = arg;

	l->timer = NULL;
	log_warn("method runner %d ignored SIGTERM: SIGKILL", (int)l->pid);
	kill(-l->pid, SIGKILL);
}

static void
on_timeout(void *arg)
{
	struct launch *l = arg;

	l->timed_out = true;
	log_warn("method runner %d timed out after %d s: SIGTERM to its "
	    "process group", (int)l->pid, l->timeout_s);
	kill(-l->pid, SIGTERM);
	l->timer = loop_timer_add(LAUNCH_GRACE_MS, on_kill, l);
}

static void
on_exit_fd(int fd, uint32_t events, void *arg)
{
	struct launch *l = arg;
	struct launch_result res = { 0 };
	int st;

	(void)events;
	if (waitpid(l->pid, &st, WNOHANG) <= 0)
		return;
	loop_del_fd(fd);
	close(fd);
	unlink_launch(l);
	if (l->timer)
		loop_timer_cancel(l->timer);
	if (l->timed_out) {
		/* Nothing of a timed-out method may survive it. */
		kill(-l->pid, SIGKILL);
		res.timed_out = true;
	} else if (WIFSIGNALED(st)) {
		res.signal = WTERMSIG(st);
	} else {
		res.exit_code = WEXITSTATUS(st);
	}
	l->cb(&res, l->arg);
	free(l);
}

static int
context_fd(const char *context)
{
	size_t len = strlen(context), off = 0;
	int fd = memfd_create("rgm-context", MFD_CLOEXEC);

	if (fd == -1)
		return -1;
	while (off < len) {
		ssize_t n = write(fd, context + off, len - off);

		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* Put fd at target in the child, without CLOEXEC. */
static int
place_fd(int fd, int target)
{
	if (fd == target)
		return fcntl(fd, F_SETFD, 0);
	return dup2(fd, target) == -1 ? -1 : 0;
}

static void
exec_runner(const char *runner, const char *method, const char *module,
    int ctx, int chan)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setpgid(0, 0);
	/* Move chan out of the way first if it sits on 3. */
	if (chan == 3 && (chan = fcntl(chan, F_DUPFD_CLOEXEC, 5)) == -1)
		_exit(120);
	if (place_fd(ctx, 3) == -1 || (chan != -1 && place_fd(chan, 4) == -1))
		_exit(120);
	syscall(SYS_close_range, chan != -1 ? 5U : 4U, ~0U, 0);
	execl(runner, "rgmd-runner", method, module, (char *)NULL);
	fprintf(stderr, "rgmd: cannot exec %s: %s\n", runner, strerror(errno));
	_exit(127);
}

pid_t
launcher_run(const char *runner, const char *method, const char *module,
    const char *context, int timeout_s, int chan_fd, launch_cb cb, void *arg)
{
	struct launch *l = calloc(1, sizeof(*l));
	int ctx = context_fd(context);

	if (l == NULL || ctx == -1)
		goto out_free;
	l->cb = cb;
	l->arg = arg;
	l->timeout_s = timeout_s;
	if ((l->pid = fork()) == -1)
		goto out_free;
	if (l->pid == 0)
		exec_runner(runner, method, module, ctx, chan_fd);
	setpgid(l->pid, l->pid);
	close(ctx);
	ctx = -1;
	l->pidfd = (int)syscall(SYS_pidfd_open, l->pid, 0);
	if (l->pidfd == -1 ||
	    loop_add_fd(l->pidfd, EPOLLIN, on_exit_fd, l) == -1) {
		kill(-l->pid, SIGKILL);
		waitpid(l->pid, NULL, 0);
		goto out_free;
	}
	l->timer = loop_timer_add((uint64_t)timeout_s * 1000, on_timeout, l);
	l->next = running;
	running = l;
	return l->pid;
out_free:
	if (ctx != -1)
		close(ctx);
	free(l);
	return -1;
}

static int
parse_methods(const char *line, unsigned int *methods)
{
	const char *m = strstr(line, "methods=");
	char buf[512], *tok, *save = NULL;

	*methods = 0;
	if (m == NULL)
		return -1;
	snprintf(buf, sizeof(buf), "%s", m + 8);
	buf[strcspn(buf, " \n")] = '\0';
	for (char *p = buf; (tok = strtok_r(p, ",", &save)); p = NULL) {
		enum rt_method mm;

		if (rt_method_parse(tok, &mm) == 0)
			*methods |= 1U << mm;
	}
	return 0;
}

static int
read_output(int fd, pid_t pid, char *out, size_t outlen, int *status)
{
	size_t off = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	uint64_t end = loop_now_ms() + 10000;

	for (;;) {
		uint64_t now = loop_now_ms();
		ssize_t n;

		if (now >= end || poll(&p, 1, (int)(end - now)) <= 0) {
			kill(pid, SIGKILL);
			break;
		}
		n = read(fd, out + off, outlen - off - 1);
		if (n <= 0)
			break;
		off += (size_t)n;
		if (off == outlen - 1)
			break;
	}
	out[off] = '\0';
	return waitpid(pid, status, 0) == -1 ? -1 : 0;
}

int
launcher_describe(const char *runner, const char *module,
    unsigned int *methods, char *err, size_t errlen)
{
	char out[1024];
	int pfd[2], st;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) == -1 || (pid = fork()) == -1) {
		snprintf(err, errlen, "cannot run %s: %s", runner,
		    strerror(errno));
		return -1;
	}
	if (pid == 0) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		execl(runner, "rgmd-runner", "--describe", module,
		    (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	read_output(pfd[0], pid, out, sizeof(out), &st);
	close(pfd[0]);
	out[strcspn(out, "\n")] = '\0';
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 ||
	    parse_methods(out, methods) == -1) {
		snprintf(err, errlen, "module %s refused: %s", module,
		    out[0] ? out : "the method runner failed");
		return -1;
	}
	return 0;
}
