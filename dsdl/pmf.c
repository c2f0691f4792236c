/* SPDX-License-Identifier: MIT */
/*
 * pmf.c - the process monitor calls of libdsdl (dsdl_pmf_start, _stop,
 * _status, _info, _signal), requests to rgmd's PMF over the channel of
 * chan.c. Runs in the method runner, called by a type's callbacks.
 *
 * rgmd supervises the tag <resource>.<kind>.<instance>: it runs the
 * command in its own session, restarts it within Retry_count, and stops
 * it. A refusal (ok=0) is logged with rgmd's reason and becomes an errno:
 * EALREADY for a start of a running tag (reason "already running"),
 * EBUSY for a stop that left
 * processes, ESRCH for a signal to a tag that is not running, EPERM for
 * any other refusal.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsdl_impl.h"
#include "../rgmd/ctlmsg.h"

struct pmf_tag {
	const char	*kind;
	char		 instance[16];
};

static int
pmf_tag(enum dsdl_pmf_kind kind, int instance, struct pmf_tag *t)
{
	static const char *const kinds[] = { "svc", "mon", "other" };

	if ((unsigned int)kind >= sizeof(kinds) / sizeof(kinds[0]) ||
	    instance < 0) {
		errno = EINVAL;
		return -1;
	}
	t->kind = kinds[kind];
	(void)snprintf(t->instance, sizeof(t->instance), "%d", instance);
	return 0;
}

/* Send req; 0 on ok=1, -1 with errno refused (logged) on ok=0. */
static int
pmf_call(const struct dsdl *h, struct ctl_msg *req, struct ctl_msg *rep,
    int refused)
{
	char reason[256], cmd[32];
	int rc;

	(void)snprintf(cmd, sizeof(cmd), "%s", req->f[0].val);
	rc = dsdl_chan_call(h, req, rep, reason, sizeof(reason));
	ctl_msg_free(req);
	if (rc == 1)
		return 0;
	if (rc == 0) {
		dsdl_log(h, LOG_WARNING, "rgmd refused %s: %s", cmd, reason);
		ctl_msg_free(rep);
		/* a start fails for other reasons than "already running" */
		errno = refused == EALREADY && strstr(reason,
		    "already running") == NULL ? EPERM : refused;
	}
	return -1;
}

/* A decimal int in [min, max], or -1 with EPROTO. */
static int
int_field(const struct ctl_msg *m, const char *key, int min, int max,
    int *out)
{
	const char *s = ctl_msg_get(m, key);
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		goto out_proto;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		goto out_proto;
	*out = (int)v;
	return 0;
out_proto:
	errno = EPROTO;
	return -1;
}

int
dsdl_pmf_start(const struct dsdl *h, enum dsdl_pmf_kind kind, int instance,
    const char *cmd, int child_mon_level)
{
	struct ctl_msg req, rep;
	struct pmf_tag t;
	char level[16];
	int pid, rc;

	if (pmf_tag(kind, instance, &t) == -1 || cmd == NULL ||
	    cmd[0] == '\0' || child_mon_level < -1) {
		errno = EINVAL;
		return -1;
	}
	(void)snprintf(level, sizeof(level), "%d", child_mon_level);
	if (dsdl_chan_build(&req, "pmf-start", "kind", t.kind, "instance",
	    t.instance, "command", cmd, "child_mon_level", level,
	    (char *)NULL) == -1)
		return -1;
	if (pmf_call(h, &req, &rep, EALREADY) == -1)
		return -1;
	rc = int_field(&rep, "pid", 1, INT_MAX, &pid);
	ctl_msg_free(&rep);
	return rc;
}

/* rgmd accepts 1..64. */
static int
valid_signal(int sig, int min)
{
	if (sig < min || sig >= NSIG || sig > 64) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
dsdl_pmf_stop(const struct dsdl *h, enum dsdl_pmf_kind kind, int instance,
    int signal, int timeout_ms)
{
	struct ctl_msg req, rep;
	char sig[16], tmo[16];
	struct pmf_tag t;

	if (pmf_tag(kind, instance, &t) == -1 ||
	    valid_signal(signal, 1) == -1)
		return -1;
	if (timeout_ms <= 0) {
		errno = EINVAL;
		return -1;
	}
	(void)snprintf(sig, sizeof(sig), "%d", signal);
	(void)snprintf(tmo, sizeof(tmo), "%d", timeout_ms);
	if (dsdl_chan_build(&req, "pmf-stop", "kind", t.kind, "instance",
	    t.instance, "signal", sig, "timeout_ms", tmo,
	    (char *)NULL) == -1 ||
	    pmf_call(h, &req, &rep, EBUSY) == -1)
		return -1;
	ctl_msg_free(&rep);
	return 0;
}

/* state=running|stopped, pid=P (>= 0), restarts=N (>= 0, default 0). */
static int
parse_info(const struct ctl_msg *rep, struct dsdl_pmf_info *out)
{
	const char *state = ctl_msg_get(rep, "state");

	if (state == NULL || (strcmp(state, "running") != 0 &&
	    strcmp(state, "stopped") != 0)) {
		errno = EPROTO;
		return -1;
	}
	out->running = state[0] == 'r';
	out->pid = 0;
	out->restarts = 0;
	if (ctl_msg_get(rep, "pid") != NULL &&
	    int_field(rep, "pid", 0, INT_MAX, &out->pid) == -1)
		return -1;
	if (ctl_msg_get(rep, "restarts") != NULL &&
	    int_field(rep, "restarts", 0, INT_MAX, &out->restarts) == -1)
		return -1;
	return 0;
}

int
dsdl_pmf_info(const struct dsdl *h, enum dsdl_pmf_kind kind, int instance,
    struct dsdl_pmf_info *out)
{
	struct ctl_msg req, rep;
	struct dsdl_pmf_info info;
	struct pmf_tag t;
	int rc;

	if (pmf_tag(kind, instance, &t) == -1 ||
	    dsdl_chan_build(&req, "pmf-status", "kind", t.kind, "instance",
	    t.instance, (char *)NULL) == -1 ||
	    pmf_call(h, &req, &rep, EPERM) == -1)
		return -1;
	rc = parse_info(&rep, &info);
	ctl_msg_free(&rep);
	if (rc == 0 && out != NULL)
		*out = info;
	return rc;
}

int
dsdl_pmf_status(const struct dsdl *h, enum dsdl_pmf_kind kind, int instance,
    bool *running, int *pid)
{
	struct dsdl_pmf_info info;

	if (dsdl_pmf_info(h, kind, instance, &info) == -1)
		return -1;
	if (running != NULL)
		*running = info.running;
	if (pid != NULL)
		*pid = info.pid;
	return 0;
}

int
dsdl_pmf_signal(const struct dsdl *h, enum dsdl_pmf_kind kind, int instance,
    int signal)
{
	struct ctl_msg req, rep;
	struct pmf_tag t;
	char sig[16];

	if (pmf_tag(kind, instance, &t) == -1 ||
	    valid_signal(signal, 1) == -1)
		return -1;
	(void)snprintf(sig, sizeof(sig), "%d", signal);
	if (dsdl_chan_build(&req, "pmf-signal", "kind", t.kind, "instance",
	    t.instance, "signal", sig, (char *)NULL) == -1 ||
	    pmf_call(h, &req, &rep, ESRCH) == -1)
		return -1;
	ctl_msg_free(&rep);
	return 0;
}
