/* SPDX-License-Identifier: MIT */
/*
 * fake_rgmd.c - a stand-in for rgmd's side of the channel (fd 4) in the
 * dsdl unit tests, so that types can be run through the real rgmd-runner
 * with a process monitor. Runs in the test program: one thread per runner
 * launch answers requests until the runner closes its end.
 *
 * Its PMF is minimal: pmf-start forks /bin/sh -c CMD in a new session
 * (a child of the test program), pmf-status reaps and reports it,
 * pmf-stop signals the session's process group, SIGKILL at 80 % of the
 * time, ok=0 if it is still there at 95 % (the test program is a child
 * subreaper, so it reaps the tree's orphans); it never restarts anything.
 * set-status is recorded, fm-action answers action=none, control ok=1.
 * Every request's text is appended to a log the tests search.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tu.h"
#include "../../rgmd/ctlmsg.h"

static long long
fr_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct tu_tag *
find_tag(struct tu_rgmd *r, const struct ctl_msg *m, bool create)
{
	const char *kind = ctl_msg_get(m, "kind");
	const char *inst = ctl_msg_get(m, "instance");
	char name[64];
	int i;

	(void)snprintf(name, sizeof(name), "%s.%s", kind ? kind : "?",
	    inst ? inst : "?");
	for (i = 0; i < TU_TAGS; i++)
		if (strcmp(r->tags[i].name, name) == 0)
			return &r->tags[i];
	for (i = 0; create && i < TU_TAGS; i++) {
		if (r->tags[i].name[0] == '\0') {
			(void)snprintf(r->tags[i].name,
			    sizeof(r->tags[i].name), "%s", name);
			return &r->tags[i];
		}
	}
	return NULL;
}

/* Reap the tag's process if it has exited. */
static bool
tag_running(struct tu_tag *t)
{
	int ws;

	if (t == NULL || t->pid <= 0)
		return false;
	if (waitpid(t->pid, &ws, WNOHANG) == t->pid) {
		t->pid = 0;
		return false;
	}
	return true;
}

static void
fr_reply(struct tu_rgmd *r, const char *text)
{
	(void)!send(r->fd, text, strlen(text), MSG_NOSIGNAL);
}

static void
pmf_start(struct tu_rgmd *r, const struct ctl_msg *m)
{
	struct tu_tag *t = find_tag(r, m, true);
	const char *cmd = ctl_msg_get(m, "command");
	char text[64];
	int fd;

	if (t == NULL || cmd == NULL)
		return fr_reply(r, "ok=0\nreason=bad request\n");
	if (tag_running(t))
		return fr_reply(r, "ok=0\nreason=already running\n");
	t->pid = fork();
	if (t->pid == 0) {
		(void)setsid();
		fd = open("/dev/null", O_RDWR);
		(void)dup2(fd, 0);
		(void)dup2(fd, 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	(void)snprintf(text, sizeof(text), "ok=1\npid=%d\n", (int)t->pid);
	fr_reply(r, text);
}

static void
pmf_status(struct tu_rgmd *r, const struct ctl_msg *m)
{
	struct tu_tag *t = find_tag(r, m, false);
	bool up = tag_running(t);
	char text[96];

	(void)snprintf(text, sizeof(text), "ok=1\nstate=%s\npid=%d\n"
	    "restarts=%d\n", up ? "running" : "stopped", up ? (int)t->pid : 0,
	    t != NULL ? t->restarts : 0);
	fr_reply(r, text);
}

/* Reap what is left of the group (orphans come to us: subreaper). */
static bool
group_alive(pid_t pgid)
{
	int ws;

	while (waitpid(-pgid, &ws, WNOHANG) > 0)
		;
	return kill(-pgid, 0) == 0;
}

static bool
wait_gone(struct tu_tag *t, long long until)
{
	while (tag_running(t) || (t->pgid > 0 && group_alive(t->pgid))) {
		if (fr_now_ms() >= until)
			return false;
		(void)usleep(10000);
	}
	return true;
}

static void
pmf_stop(struct tu_rgmd *r, const struct ctl_msg *m)
{
	struct tu_tag *t = find_tag(r, m, false);
	const char *s = ctl_msg_get(m, "signal");
	const char *tm = ctl_msg_get(m, "timeout_ms");
	long long t0 = fr_now_ms(), tmo = tm ? atoll(tm) : 1000;

	if (!tag_running(t))
		return fr_reply(r, "ok=1\n");
	t->pgid = t->pid;
	(void)kill(-t->pgid, s ? atoi(s) : SIGTERM);
	if (!wait_gone(t, t0 + tmo * 80 / 100)) {
		(void)kill(-t->pgid, SIGKILL);
		if (!wait_gone(t, t0 + tmo * 95 / 100)) {
			t->pgid = 0;
			return fr_reply(r, "ok=0\nreason=processes remain\n");
		}
	}
	t->pgid = 0;
	fr_reply(r, "ok=1\n");
}

static void
pmf_signal(struct tu_rgmd *r, const struct ctl_msg *m)
{
	struct tu_tag *t = find_tag(r, m, false);
	const char *s = ctl_msg_get(m, "signal");

	if (!tag_running(t))
		return fr_reply(r, "ok=0\nreason=not running\n");
	(void)kill(-t->pid, s ? atoi(s) : 0);
	fr_reply(r, "ok=1\n");
}

static void
dispatch(struct tu_rgmd *r, const struct ctl_msg *m)
{
	const char *cmd = ctl_msg_get(m, "cmd");
	const char *st;

	if (cmd == NULL)
		fr_reply(r, "ok=0\nreason=no cmd\n");
	else if (strcmp(cmd, "pmf-start") == 0)
		pmf_start(r, m);
	else if (strcmp(cmd, "pmf-status") == 0)
		pmf_status(r, m);
	else if (strcmp(cmd, "pmf-stop") == 0)
		pmf_stop(r, m);
	else if (strcmp(cmd, "pmf-signal") == 0)
		pmf_signal(r, m);
	else if (strcmp(cmd, "set-status") == 0) {
		st = ctl_msg_get(m, "status");
		(void)snprintf(r->status, sizeof(r->status), "%s",
		    st ? st : "");
		fr_reply(r, "ok=1\n");
	} else if (strcmp(cmd, "fm-action") == 0)
		fr_reply(r, "ok=1\naction=none\n");
	else if (strcmp(cmd, "control") == 0)
		fr_reply(r, "ok=1\n");
	else
		fr_reply(r, "ok=0\nreason=unknown cmd\n");
}

static void
log_request(struct tu_rgmd *r, const char *buf, size_t n)
{
	size_t used = strlen(r->log);

	if (used + n + 2 < sizeof(r->log)) {
		memcpy(r->log + used, buf, n);
		memcpy(r->log + used + n, "|", 2);
	}
}

static void *
serve(void *arg)
{
	struct tu_rgmd *r = arg;
	char buf[8192], err[128];
	struct ctl_msg m;
	ssize_t n;

	for (;;) {
		n = recv(r->fd, buf, sizeof(buf), 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		log_request(r, buf, (size_t)n);
		if (ctl_msg_parse(&m, buf, (size_t)n, err, sizeof(err)) == -1) {
			fr_reply(r, "ok=0\nreason=unparsable\n");
			continue;
		}
		dispatch(r, &m);
		ctl_msg_free(&m);
	}
	return NULL;
}

int
tu_rgmd_begin(struct tu_rgmd *r)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	r->fd = sv[0];
	if (pthread_create(&r->thr, NULL, serve, r) != 0) {
		(void)close(sv[0]);
		(void)close(sv[1]);
		return -1;
	}
	return sv[1];
}

void
tu_rgmd_end(struct tu_rgmd *r)
{
	(void)pthread_join(r->thr, NULL);
	(void)close(r->fd);
	r->fd = -1;
}

void
tu_rgmd_reset(struct tu_rgmd *r)
{
	int i, ws;

	for (i = 0; i < TU_TAGS; i++) {
		if (r->tags[i].pid > 0) {
			(void)kill(-r->tags[i].pid, SIGKILL);
			(void)waitpid(r->tags[i].pid, &ws, 0);
		}
	}
	memset(r, 0, sizeof(*r));
	r->fd = -1;
	/* Orphaned members of a daemon's tree are reparented to us. */
	(void)prctl(PR_SET_CHILD_SUBREAPER, 1);
}

int
tu_run_rgmd(struct tu_proc *p, struct tu_rgmd *r, const char *arg1,
    const char *module, const char *ctx)
{
	int end, rc;

	r->log[0] = '\0';
	end = tu_rgmd_begin(r);
	if (end == -1)
		return -1;
	rc = tu_spawn_chan(p, arg1, module, ctx, end);
	(void)close(end);
	if (rc == 0)
		rc = tu_wait(p, TU_WAIT_MS);
	tu_rgmd_end(r);
	if (rc == -1)
		return -1;
	if (WIFEXITED(p->status))
		return WEXITSTATUS(p->status);
	return WIFSIGNALED(p->status) ? 128 + WTERMSIG(p->status) : -1;
}
