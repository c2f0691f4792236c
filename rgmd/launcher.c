// SPDX-License-Identifier: MIT
/*
 * launcher.c - the method launcher of rgmd (runs in its event loop). Every
 * callback of a resource type runs in a child: a fork straight into a
 * cgroup of its own (@method.N under rgmd's cgroup, cgroup.c) and a
 * process group of its own, the context in a memfd on fd 3, exec of
 * rgmd-runner, which dlopens the module. rgmd watches the child's pidfd.
 *
 * When <Method>_timeout passes, the runner's process group gets SIGTERM
 * (the runner then kills what dsdl_run started), and the whole cgroup is
 * killed LAUNCH_GRACE_MS later. When the runner ends, whatever it leaves
 * behind is killed too (daemons meant to outlive a method run under the
 * PMF, in cgroups of their own): first the signal, while the runner is a
 * zombie and its pid and group id cannot be reused, then the reaping. The
 * result is reported once the cgroup is empty, so the next method never
 * overlaps with the leftovers of the last. What a successful Start that
 * was marked with launcher_keep leaves (a daemon its agent started) moves
 * to @kept.<resource> instead, killed after the resource's Stop
 * (launcher_kill_kept). A restarted rgmd kills the
 * method cgroups its predecessor left (launcher_recover), and a stopping
 * rgmd those of the methods still running. Without cgroup v2 the trees
 * are the runners' process groups (what a method puts in another group
 * can then escape).
 *
 * A non-zero exit, a timeout and a crash are all failures; none of them
 * affects rgmd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "launcher.h"
#include "log.h"
#include "loop.h"
#include "rtr.h"

#define DRAIN_POLL_MS	5
#define OUTPUT_MAX	1024

struct launch {
	pid_t		 pid;
	int		 pidfd;
	int		 timeout_s;
	bool		 timed_out;
	bool		 reaped;	/* its pid may now be anybody's */
	struct loop_timer *timer;	/* timeout, then SIGKILL */
	struct loop_timer *drain;	/* waiting for the cgroup to empty */
	uint64_t	 drain_end;
	char		 cgroup[PATH_MAX];	/* "" without cgroups */
	int		 out_fd;	/* output pipe (--describe), or -1 */
	bool		 capture;	/* out is reported in the result */
	char		 out[OUTPUT_MAX];
	size_t		 out_len;
	struct launch_result res;
	launch_cb	 cb;
	void		*arg;
	char		 keep[128];	/* launcher_keep: the resource */
	struct launch	*next;
};

static struct launch *running;
static unsigned int run_seq;

static void
unlink_launch(struct launch *l)
{
	for (struct launch **p = &running; *p; p = &(*p)->next)
		if (*p == l) {
			*p = l->next;
			return;
		}
}

/* SIGKILL the whole tree of a method. */
static void
kill_tree(const struct launch *l)
{
	if (l->cgroup[0] && cgroup_kill(l->cgroup) == 0)
		return;
	if (!l->reaped)
		kill(-l->pid, SIGKILL);
}

/* Start-up and shutdown only: wait (bounded) for a killed cgroup. */
static bool
wait_empty(const char *path, int ms)
{
	struct timespec ts = { 0, DRAIN_POLL_MS * 1000000L };

	for (int waited = 0; cgroup_populated(path); waited += DRAIN_POLL_MS) {
		if (waited >= ms)
			return false;
		nanosleep(&ts, NULL);
	}
	return true;
}

void
launcher_kill_all(void)
{
	for (struct launch *l = running; l; l = l->next) {
		log_warn("method runner %d interrupted by shutdown", (int)l->pid);
		kill_tree(l);
		if (!l->reaped)
			waitpid(l->pid, NULL, 0);
		if (l->cgroup[0] && (!wait_empty(l->cgroup, LAUNCH_GRACE_MS) ||
		    cgroup_remove(l->cgroup) == -1))
			log_warn("%s: not removed: %m", l->cgroup);
	}
}

static int
recover_one(const char *name, const char *path, void *arg)
{
	int *n = arg;

	/* What Starts left runs on; an emptied cgroup of it goes. */
	if (strncmp(name, CGROUP_KEPT_PREFIX,
	    strlen(CGROUP_KEPT_PREFIX)) == 0 && !cgroup_populated(path)) {
		cgroup_remove(path);
		return 0;
	}
	if (strncmp(name, CGROUP_METHOD_PREFIX,
	    strlen(CGROUP_METHOD_PREFIX)) != 0)
		return 0;
	if (cgroup_populated(path))
		log_warn("killing the processes of a method the previous rgmd "
		    "was running (%s)", path);
	cgroup_kill(path);
	if (!wait_empty(path, LAUNCH_GRACE_MS) || cgroup_remove(path) == -1)
		log_warn("%s: not removed: %m", path);
	(*n)++;
	return 0;
}

int
launcher_recover(void)
{
	int n = 0;

	cgroup_foreach(recover_one, &n);
	return n;
}

void
launcher_kill_orphan(pid_t pid)
{
	char path[64], cmd[256] = "";
	FILE *f;

	/* With cgroups, launcher_recover found the methods exactly; a pid
	 * recorded by the previous rgmd may now be anybody's. */
	if (pid <= 1 || cgroup_enabled())
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
	else if (r->exit_code < 0)
		snprintf(buf, len, "ended with an unknown status");
	else
		snprintf(buf, len, "exited with status %d", r->exit_code);
}

/* Take what the pipe holds; true at its end. */
static bool
read_output(struct launch *l)
{
	for (;;) {
		char sink[256];
		bool full = l->out_len >= sizeof(l->out) - 1;
		ssize_t n = full ? read(l->out_fd, sink, sizeof(sink)) :
		    read(l->out_fd, l->out + l->out_len,
		    sizeof(l->out) - 1 - l->out_len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return errno != EAGAIN;
		if (n == 0)
			return true;
		if (!full)
			l->out_len += (size_t)n;
		l->out[l->out_len] = '\0';
	}
}

static void
close_output(struct launch *l)
{
	if (l->out_fd == -1)
		return;
	loop_del_fd(l->out_fd);
	close(l->out_fd);
	l->out_fd = -1;
}

static void
on_output(int fd, uint32_t events, void *arg)
{
	struct launch *l = arg;

	(void)fd;
	(void)events;
	if (read_output(l))
		close_output(l);
}

/* The runner is reaped and its cgroup empty (or given up on): report. */
static void
finish(struct launch *l)
{
	if (l->drain)
		loop_timer_cancel(l->drain);
	l->drain = NULL;
	if (l->out_fd != -1) {
		read_output(l);
		close_output(l);
	}
	if (l->capture)
		l->res.output = l->out;
	if (l->cgroup[0] && cgroup_remove(l->cgroup) == -1)
		log_warn("%s: not removed: %m", l->cgroup);
	unlink_launch(l);
	l->cb(&l->res, l->arg);
	free(l);
}

static void
on_drain(void *arg)
{
	struct launch *l = arg;

	l->drain = NULL;
	if (!cgroup_populated(l->cgroup)) {
		finish(l);
		return;
	}
	if (loop_now_ms() >= l->drain_end) {
		log_warn("method runner %d: %s still holds processes %d ms "
		    "after SIGKILL", (int)l->pid, l->cgroup, LAUNCH_GRACE_MS);
		finish(l);
		return;
	}
	l->drain = loop_timer_add(DRAIN_POLL_MS, on_drain, l);
}

static void
on_kill(void *arg)
{
	struct launch *l = arg;

	l->timer = NULL;
	log_warn("method runner %d ignored SIGTERM: SIGKILL to its tree",
	    (int)l->pid);
	kill_tree(l);
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

/* Has pid ended? It stays a zombie (not reaped) either way; *ok: it
 * exited with 0. */
static bool
has_ended(pid_t pid, bool *ok)
{
	siginfo_t si = { 0 };

	*ok = false;
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == -1)
		return errno != EINTR;
	*ok = si.si_code == CLD_EXITED && si.si_status == 0;
	return si.si_pid == pid;
}

/* Move what a successful Start left into CGROUP_KEPT_PREFIX<res>, where
 * it runs until the resource's Stop (launcher_kill_kept). Without cgroups
 * it stays in the runner's process group. */
static void
keep_tree(const struct launch *l)
{
	char path[PATH_MAX], file[PATH_MAX + 16], name[160], line[32];
	FILE *f;
	pid_t pid;

	if (l->cgroup[0] == '\0')
		return;
	snprintf(name, sizeof(name), CGROUP_KEPT_PREFIX "%s", l->keep);
	snprintf(file, sizeof(file), "%s/cgroup.procs", l->cgroup);
	if (cgroup_make(name, path, sizeof(path)) == -1) {
		log_warn("%s/%s: %m: what the Start of %s left is killed",
		    cgroup_base(), name, l->keep);
		return;
	}
	/* A few rounds, for the processes forked meanwhile. */
	for (int round = 0; round < 3 && cgroup_populated(l->cgroup);
	    round++) {
		if ((f = fopen(file, "re")) == NULL)
			break;
		while (fgets(line, sizeof(line), f) != NULL)
			if ((pid = cgroup_parse_pid(line)) > 0 &&
			    cgroup_move(pid, path) == -1 && errno != ESRCH)
				log_warn("%s: pid %d not moved: %m", path,
				    (int)pid);
		fclose(f);
	}
	if (!cgroup_populated(path))
		cgroup_remove(path);
}

static void
on_exit_fd(int fd, uint32_t events, void *arg)
{
	struct launch *l = arg;
	bool ok;
	pid_t r;
	int st = 0;

	(void)events;
	/* Never take an event for the runner's end on trust (a stale event
	 * of a closed descriptor may come with the same number). */
	if (!has_ended(l->pid, &ok))
		return;
	/* A successful Start may leave its daemon (launcher_keep). */
	if (l->keep[0] && ok && !l->timed_out)
		keep_tree(l);
	/* The runner has ended and is a zombie, so its pid and process
	 * group id are still ours: kill first, then reap. Without cgroups
	 * what a successful Start left stays in that group. */
	if (!(l->keep[0] && ok && !l->timed_out && l->cgroup[0] == '\0'))
		kill_tree(l);
	while ((r = waitpid(l->pid, &st, 0)) == -1 && errno == EINTR)
		;
	l->reaped = true;
	loop_del_fd(fd);
	close(fd);
	l->pidfd = -1;
	if (l->timer)
		loop_timer_cancel(l->timer);
	l->timer = NULL;
	if (l->timed_out) {
		l->res.timed_out = true;
	} else if (r == -1) {
		log_warn("method runner %d: waitpid: %m", (int)l->pid);
		l->res.exit_code = -1;
	} else if (WIFSIGNALED(st)) {
		l->res.signal = WTERMSIG(st);
	} else {
		l->res.exit_code = WEXITSTATUS(st);
	}
	if (l->cgroup[0] && cgroup_populated(l->cgroup)) {
		l->drain_end = loop_now_ms() + LAUNCH_GRACE_MS;
		l->drain = loop_timer_add(DRAIN_POLL_MS, on_drain, l);
		return;
	}
	finish(l);
}

int
launcher_keep(pid_t pid, const char *res)
{
	for (struct launch *l = running; l; l = l->next)
		if (l->pid == pid && !l->reaped) {
			snprintf(l->keep, sizeof(l->keep), "%s", res);
			return 0;
		}
	errno = ESRCH;
	return -1;
}

void
launcher_kill_kept(const char *res)
{
	char path[PATH_MAX], name[160];

	if (!cgroup_enabled())
		return;
	snprintf(name, sizeof(name), CGROUP_KEPT_PREFIX "%s", res);
	if (snprintf(path, sizeof(path), "%s/%s", cgroup_base(), name) >=
	    (int)sizeof(path) || access(path, F_OK) == -1)
		return;
	if (cgroup_populated(path)) {
		log_warn("resource %s: processes its Start left are still "
		    "running after its Stop: SIGKILL", res);
		cgroup_kill(path);
	}
	/* Busy while the killed ones die: then removed by the next call or
	 * the next start-up (launcher_recover). */
	(void)cgroup_remove(path);
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

static void
child_fail(const char *what, const char *runner)
{
	static const char pre[] = "rgmd: cannot ";

	(void)!write(2, pre, sizeof(pre) - 1);
	(void)!write(2, what, strlen(what));
	(void)!write(2, runner, strlen(runner));
	(void)!write(2, "\n", 1);
}

/*
 * The child, between the fork and the exec: system calls only (it may
 * come from clone3, after which the C library must not allocate). The
 * context goes to fd 3, the channel to 4, the output pipe to 1 and 2.
 */
static void
exec_runner(const char *runner, char *const argv[], int ctx, int chan,
    int out)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setpgid(0, 0);
	/* Out of the way of 0-4 first, then into place. */
	if ((ctx != -1 && (ctx = fcntl(ctx, F_DUPFD, 10)) == -1) ||
	    (chan != -1 && (chan = fcntl(chan, F_DUPFD, 10)) == -1) ||
	    (out != -1 && (out = fcntl(out, F_DUPFD, 10)) == -1))
		_exit(120);
	if ((out != -1 && (dup2(out, 1) == -1 || dup2(out, 2) == -1)) ||
	    (ctx != -1 && dup2(ctx, 3) == -1) ||
	    (chan != -1 && dup2(chan, 4) == -1))
		_exit(120);
	syscall(SYS_close_range, chan != -1 ? 5U : ctx != -1 ? 4U : 3U, ~0U,
	    0);
	execv(runner, argv);
	child_fail("exec ", runner);
	_exit(127);
}

/* A new cgroup for a method run, or "" (process group only). */
static void
make_cgroup(struct launch *l)
{
	char name[64];

	l->cgroup[0] = '\0';
	if (!cgroup_enabled())
		return;
	snprintf(name, sizeof(name), CGROUP_METHOD_PREFIX "%d.%u",
	    (int)getpid(), ++run_seq);
	if (cgroup_make(name, l->cgroup, sizeof(l->cgroup)) == -1) {
		log_warn("method cgroup %s/%s: %m: process group only",
		    cgroup_base(), name);
		l->cgroup[0] = '\0';
	}
}

static struct launch *
start(const char *runner, char *const argv[], int ctx, int chan, int out,
    int timeout_s, launch_cb cb, void *arg)
{
	struct launch *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	l->cb = cb;
	l->arg = arg;
	l->timeout_s = timeout_s;
	l->out_fd = -1;
	make_cgroup(l);
	if ((l->pid = cgroup_fork(l->cgroup, &l->pidfd)) == -1)
		goto out_free;
	if (l->pid == 0)
		exec_runner(runner, argv, ctx, chan, out);
	setpgid(l->pid, l->pid);
	if (l->pidfd == -1)
		l->pidfd = (int)syscall(SYS_pidfd_open, l->pid, 0);
	if (l->pidfd == -1 ||
	    loop_add_fd(l->pidfd, EPOLLIN, on_exit_fd, l) == -1) {
		kill_tree(l);
		waitpid(l->pid, NULL, 0);
		if (l->pidfd != -1)
			close(l->pidfd);
		goto out_free;
	}
	l->timer = loop_timer_add((uint64_t)timeout_s * 1000, on_timeout, l);
	l->next = running;
	running = l;
	return l;
out_free:
	if (l->cgroup[0])
		cgroup_remove(l->cgroup);
	free(l);
	return NULL;
}

pid_t
launcher_run(const char *runner, const char *method, const char *module,
    const char *context, int timeout_s, int chan_fd, launch_cb cb, void *arg)
{
	char *argv[] = { "rgmd-runner", (char *)method, (char *)module, NULL };
	int ctx = context_fd(context), e;
	struct launch *l;

	if (ctx == -1)
		return -1;
	l = start(runner, argv, ctx, chan_fd, -1, timeout_s, cb, arg);
	e = errno;
	close(ctx);
	errno = e;
	return l ? l->pid : -1;
}

/* ---- rgmd-runner --describe ------------------------------------------ */

struct describe {
	describe_cb	 cb;
	void		*arg;
	char		 module[PATH_MAX];
};

int
launcher_parse_methods(const char *line, unsigned int *methods)
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

static void
on_described(const struct launch_result *res, void *arg)
{
	struct describe *d = arg;
	char err[OUTPUT_MAX + PATH_MAX + 64], how[64], out[OUTPUT_MAX];
	unsigned int methods;

	snprintf(out, sizeof(out), "%s", res->output ? res->output : "");
	out[strcspn(out, "\n")] = '\0';
	if (launch_ok(res) && launcher_parse_methods(out, &methods) == 0) {
		d->cb(0, methods, NULL, d->arg);
	} else {
		launch_describe_result(res, LAUNCH_DESCRIBE_S, how,
		    sizeof(how));
		snprintf(err, sizeof(err), "module %s refused: %s",
		    d->module, out[0] ? out : how);
		d->cb(-1, 0, err, d->arg);
	}
	free(d);
}

int
launcher_describe(const char *runner, const char *module, describe_cb cb,
    void *arg, char *err, size_t errlen)
{
	char *argv[] = { "rgmd-runner", "--describe", (char *)module, NULL };
	struct describe *d = calloc(1, sizeof(*d));
	struct launch *l = NULL;
	int pfd[2] = { -1, -1 };

	if (d == NULL || pipe2(pfd, O_CLOEXEC | O_NONBLOCK) == -1)
		goto out_fail;
	d->cb = cb;
	d->arg = arg;
	snprintf(d->module, sizeof(d->module), "%s", module);
	if ((l = start(runner, argv, -1, -1, pfd[1], LAUNCH_DESCRIBE_S,
	    on_described, d)) == NULL)
		goto out_fail;
	close(pfd[1]);
	l->out_fd = pfd[0];
	l->capture = true;
	if (loop_add_fd(pfd[0], EPOLLIN, on_output, l) == -1)
		log_warn("describe %s: output read at the end only: %m",
		    module);
	return 0;
out_fail:
	snprintf(err, errlen, "cannot run %s: %s", runner, strerror(errno));
	if (pfd[0] != -1) {
		close(pfd[0]);
		close(pfd[1]);
	}
	free(d);
	return -1;
}

/* ---- detached commands (hard_action, event_command, fence_command) ---- */

struct detached {
	pid_t		 pid;
	int		 pidfd;
	struct loop_timer *timer;
	bool		 timed_out;
	char		 what[64];
	void		(*done)(int status, bool timed_out, void *arg);
	void		*arg;
};

static void
detached_log(const struct detached *d, pid_t r, int st)
{
	if (r == -1)
		log_warn("%s (pid %d): waitpid: %m", d->what, (int)d->pid);
	else if (d->timed_out)
		log_warn("%s (pid %d) killed: it ran past its time limit",
		    d->what, (int)d->pid);
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		log_debug("%s (pid %d) succeeded", d->what, (int)d->pid);
	else
		log_warn("%s (pid %d) failed: %s %d", d->what, (int)d->pid,
		    WIFEXITED(st) ? "exit status" : "signal",
		    WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

static void
on_detached_exit(int fd, uint32_t events, void *arg)
{
	struct detached *d = arg;
	int st = 0;
	pid_t r;

	(void)events;
	while ((r = waitpid(d->pid, &st, WNOHANG)) == -1 && errno == EINTR)
		;
	if (r == 0)
		return;		/* not its end: a stale event */
	loop_del_fd(fd);
	close(fd);
	if (d->timer != NULL)
		loop_timer_cancel(d->timer);
	detached_log(d, r, st);
	if (d->done != NULL)
		d->done(r == -1 ? 0x7f00 : st, d->timed_out, d->arg);
	free(d);
}

static void
on_detached_timeout(void *arg)
{
	struct detached *d = arg;

	d->timer = NULL;
	d->timed_out = true;
	kill(-d->pid, SIGKILL);		/* its session: the whole group */
}

/* In the child: its own session, then the command. */
static void __attribute__((noreturn))
exec_detached(const struct launcher_cmd *c)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	setsid();
	syscall(SYS_close_range, 3U, ~0U, 0);
	for (size_t i = 0; c->env != NULL && c->env[i] != NULL; i++)
		if (strchr(c->env[i], '=') != NULL)
			putenv((char *)c->env[i]);
		else
			unsetenv(c->env[i]);
	if (c->arg1 != NULL)
		execl("/bin/sh", "sh", "-c", c->cmd, "sh", c->arg1,
		    (char *)NULL);
	else
		execl("/bin/sh", "sh", "-c", c->cmd, (char *)NULL);
	_exit(127);
}

pid_t
launcher_spawn(const struct launcher_cmd *c)
{
	struct detached *d = calloc(1, sizeof(*d));
	bool owned = c->done != NULL || c->timeout_ms > 0;
	pid_t pid;

	if (d == NULL)
		return -1;
	snprintf(d->what, sizeof(d->what), "%s", c->what);
	d->done = c->done;
	d->arg = c->arg;
	if ((d->pid = fork()) == -1) {
		free(d);
		return -1;
	}
	if (d->pid == 0)
		exec_detached(c);
	pid = d->pid;
	d->pidfd = (int)syscall(SYS_pidfd_open, d->pid, 0);
	if (d->pidfd == -1 ||
	    loop_add_fd(d->pidfd, EPOLLIN, on_detached_exit, d) == -1) {
		log_warn("%s (pid %d): not watched: %m%s", c->what, (int)pid,
		    owned ? ": killed" : "");
		if (d->pidfd != -1)
			close(d->pidfd);
		if (owned) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		free(d);
		return owned ? -1 : pid;
	}
	if (c->timeout_ms > 0)
		d->timer = loop_timer_add(c->timeout_ms, on_detached_timeout,
		    d);
	return pid;
}

int
launcher_spawn_command(const char *what, const char *cmd)
{
	return launcher_spawn(&(const struct launcher_cmd){ .what = what,
	    .cmd = cmd }) == -1 ? -1 : 0;
}
