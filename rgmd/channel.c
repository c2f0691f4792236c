// SPDX-License-Identifier: MIT
/*
 * channel.c - requests from a running method to rgmd: PMF (start, stop,
 * status, signal), resource status, fm_action and scha_control. One
 * SOCK_SEQPACKET socketpair per method run; the runner gets its end as fd
 * 4. Each request is one datagram in the ctlmsg format, answered by one
 * datagram "ok=1 ..." or "ok=0 reason=...". The channel is bound to one
 * resource: a type can act on its own resource only. pmf-stop is answered
 * when the stop has finished; the others at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "channel.h"
#include "ctlmsg.h"
#include "fsm.h"
#include "log.h"
#include "loop.h"
#include "pmf.h"

static struct channel_requests requests;

void
channel_set_requests(const struct channel_requests *r)
{
	requests = *r;
}

struct channel {
	int	 fd;
	char	 res[FSM_NAME_MAX];
	int	 refs;		/* the runner, and each pending reply */
};

static void
unref(struct channel *ch)
{
	if (--ch->refs > 0)
		return;
	loop_del_fd(ch->fd);
	close(ch->fd);
	free(ch);
}

static void
send_reply(struct channel *ch, struct ctl_msg *m)
{
	size_t len;
	char *buf = ctl_msg_encode(m, &len);

	if (buf != NULL && send(ch->fd, buf, len, MSG_NOSIGNAL) == -1)
		log_debug("channel %s: reply lost: %m", ch->res);
	free(buf);
	ctl_msg_free(m);
}

static void
reply_ok(struct channel *ch, const char *k1, const char *v1)
{
	struct ctl_msg m;

	ctl_msg_init(&m);
	ctl_msg_add(&m, "ok", "1");
	if (k1 != NULL)
		ctl_msg_add(&m, k1, v1);
	send_reply(ch, &m);
}

static void
reply_err(struct channel *ch, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
reply_err(struct channel *ch, const char *fmt, ...)
{
	struct ctl_msg m;
	char reason[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	ctl_msg_init(&m);
	ctl_msg_add(&m, "ok", "0");
	ctl_msg_add(&m, "reason", reason);
	send_reply(ch, &m);
}

static bool
get_int(const struct ctl_msg *m, const char *k, int min, int max, int *out)
{
	const char *v = ctl_msg_get(m, k);
	char *end;
	long l;

	if (v == NULL)
		return false;
	l = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || l < min || l > max)
		return false;
	*out = (int)l;
	return true;
}

/* kind= and instance= of a PMF request. */
static bool
get_tag(struct channel *ch, const struct ctl_msg *m, const char **kind,
    int *inst)
{
	*kind = ctl_msg_get(m, "kind");
	if (*kind == NULL || (strcmp(*kind, "svc") && strcmp(*kind, "mon") &&
	    strcmp(*kind, "other")) || !get_int(m, "instance", 0, 1000000,
	    inst)) {
		reply_err(ch, "kind= (svc, mon, other) and instance= (0..) "
		    "are required");
		return false;
	}
	return true;
}

static void
do_pmf_start(struct channel *ch, const struct ctl_msg *m)
{
	const char *kind, *cmd = ctl_msg_get(m, "command");
	int inst, level = 0;
	char err[256], pid[16];
	pid_t p;

	if (!get_tag(ch, m, &kind, &inst))
		return;
	if (cmd == NULL || cmd[0] == '\0') {
		reply_err(ch, "command= is required");
		return;
	}
	get_int(m, "child_mon_level", -1, 1000, &level);
	if (pmf_start(ch->res, kind, inst, cmd, level, &p, err,
	    sizeof(err)) == -1) {
		reply_err(ch, "%s", err);
		return;
	}
	snprintf(pid, sizeof(pid), "%d", (int)p);
	reply_ok(ch, "pid", pid);
}

static void
on_stopped(bool ok, void *arg)
{
	struct channel *ch = arg;

	if (ok)
		reply_ok(ch, NULL, NULL);
	else
		reply_err(ch, "processes still running after the timeout");
	unref(ch);
}

static void
do_pmf_stop(struct channel *ch, const struct ctl_msg *m)
{
	const char *kind;
	int inst, sig = SIGTERM, timeout = 10000;

	if (!get_tag(ch, m, &kind, &inst))
		return;
	get_int(m, "signal", 1, 64, &sig);
	get_int(m, "timeout_ms", 1, 86400000, &timeout);
	ch->refs++;
	pmf_stop(ch->res, kind, inst, sig, timeout, on_stopped, ch);
}

static void
do_pmf_status(struct channel *ch, const struct ctl_msg *m)
{
	const char *kind;
	int inst, restarts;
	bool running;
	char buf[16];
	struct ctl_msg r;
	pid_t pid;

	if (!get_tag(ch, m, &kind, &inst))
		return;
	pmf_status(ch->res, kind, inst, &running, &pid, &restarts);
	ctl_msg_init(&r);
	ctl_msg_add(&r, "ok", "1");
	ctl_msg_add(&r, "state", running ? "running" : "stopped");
	snprintf(buf, sizeof(buf), "%d", (int)pid);
	ctl_msg_add(&r, "pid", buf);
	snprintf(buf, sizeof(buf), "%d", restarts);
	ctl_msg_add(&r, "restarts", buf);
	send_reply(ch, &r);
}

static void
do_pmf_signal(struct channel *ch, const struct ctl_msg *m)
{
	const char *kind;
	int inst, sig;

	if (!get_tag(ch, m, &kind, &inst))
		return;
	if (!get_int(m, "signal", 1, 64, &sig)) {
		reply_err(ch, "signal= (1..64) is required");
		return;
	}
	if (pmf_signal(ch->res, kind, inst, sig) == -1)
		reply_err(ch, "%s.%s.%d is not running", ch->res, kind, inst);
	else
		reply_ok(ch, NULL, NULL);
}

static void
do_set_status(struct channel *ch, const struct ctl_msg *m)
{
	static const char *const ok[] = { "OK", "DEGRADED", "FAULTED",
		"UNKNOWN", "OFFLINE" };
	const char *st = ctl_msg_get(m, "status"), *msg = ctl_msg_get(m, "msg");

	if (requests.set_status == NULL) {
		reply_err(ch, "set-status is not served");
		return;
	}
	for (size_t i = 0; st != NULL && i < 5; i++)
		if (strcasecmp(st, ok[i]) == 0) {
			requests.set_status(ch->res, ok[i], msg ? msg : "");
			reply_ok(ch, NULL, NULL);
			return;
		}
	reply_err(ch, "status= must be OK, DEGRADED, FAULTED, UNKNOWN or "
	    "OFFLINE");
}

static void
do_fm_action(struct channel *ch, const struct ctl_msg *m)
{
	int status, elapsed = 0;

	if (!get_int(m, "status", 0, 201, &status) ||
	    (status > 100 && status != 201)) {
		reply_err(ch, "status= must be 0..100 or 201");
		return;
	}
	get_int(m, "elapsed_ms", 0, 1 << 30, &elapsed);
	if (requests.fm_action == NULL) {
		reply_err(ch, "fm-action is not served");
		return;
	}
	reply_ok(ch, "action", fm_decision_name(requests.fm_action(ch->res,
	    status)));
}

static void
do_control(struct channel *ch, const struct ctl_msg *m)
{
	const char *tag = ctl_msg_get(m, "tag"), *reason = NULL;

	if (tag == NULL) {
		reply_err(ch, "tag= is required");
		return;
	}
	if (requests.control == NULL)
		reply_err(ch, "control is not served");
	else if (requests.control(ch->res, tag, &reason) == -1)
		reply_err(ch, "%s", reason);
	else
		reply_ok(ch, NULL, NULL);
}

static const struct {
	const char *cmd;
	void (*fn)(struct channel *, const struct ctl_msg *);
} handlers[] = {
	{ "pmf-start", do_pmf_start }, { "pmf-stop", do_pmf_stop },
	{ "pmf-status", do_pmf_status }, { "pmf-signal", do_pmf_signal },
	{ "set-status", do_set_status }, { "fm-action", do_fm_action },
	{ "control", do_control },
};

static void
handle(struct channel *ch, const char *buf, size_t len)
{
	struct ctl_msg m;
	const char *cmd;
	char err[256];

	if (ctl_msg_parse(&m, buf, len, err, sizeof(err)) == -1) {
		reply_err(ch, "malformed request: %s", err);
		return;
	}
	cmd = ctl_msg_get(&m, "cmd");
	for (size_t i = 0; cmd && i < sizeof(handlers) / sizeof(*handlers);
	    i++)
		if (strcmp(cmd, handlers[i].cmd) == 0) {
			handlers[i].fn(ch, &m);
			ctl_msg_free(&m);
			return;
		}
	reply_err(ch, "unknown request %s", cmd ? cmd : "(no cmd=)");
	ctl_msg_free(&m);
}

static void
on_readable(int fd, uint32_t events, void *arg)
{
	struct channel *ch = arg;
	static char buf[CTL_MAX_REQUEST + 1];
	ssize_t n;

	(void)events;
	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC)) > 0) {
		if ((size_t)n > CTL_MAX_REQUEST) {
			reply_err(ch, "request larger than %d bytes",
			    CTL_MAX_REQUEST);
			continue;
		}
		handle(ch, buf, (size_t)n);
	}
	if (n == 0)	/* the runner closed its end */
		loop_del_fd(fd);
}

struct channel *
channel_open(const char *res, int *child_fd)
{
	struct channel *ch = calloc(1, sizeof(*ch));
	int sv[2];

	if (ch == NULL || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC,
	    0, sv) == -1) {
		free(ch);
		return NULL;
	}
	ch->fd = sv[0];
	ch->refs = 1;
	snprintf(ch->res, sizeof(ch->res), "%s", res);
	if (loop_add_fd(ch->fd, EPOLLIN, on_readable, ch) == -1) {
		close(sv[0]);
		close(sv[1]);
		free(ch);
		return NULL;
	}
	*child_fd = sv[1];
	return ch;
}

void
channel_release(struct channel *ch)
{
	if (ch != NULL)
		unref(ch);
}
