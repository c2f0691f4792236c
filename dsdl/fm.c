/* SPDX-License-Identifier: MIT */
/*
 * fm.c - the fault-monitor calls of libdsdl: dsdl_set_status (the status
 * scstat shows), dsdl_fm_action (a probe result into rgmd's failure
 * history, and rgmd's decision) and dsdl_request (scha_control: restart
 * or give over). Requests over the channel of chan.c; runs in the method
 * runner, called by a type's callbacks.
 *
 * The failure history and the Failover_mode rules live in rgmd; libdsdl
 * only carries the result and the answer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsdl_impl.h"
#include "../rgmd/ctlmsg.h"

#define STATUS_MSG_MAX	1024

/* Send req and free it; 1 ok=1, 0 ok=0 (reason set), -1 error. */
static int
fm_call(const struct dsdl *h, struct ctl_msg *req, struct ctl_msg *rep,
    char *reason, size_t reason_len)
{
	int rc = dsdl_chan_call(h, req, rep, reason, reason_len);

	ctl_msg_free(req);
	return rc;
}

/* The message on one line, at most STATUS_MSG_MAX - 1 bytes. */
static void
one_line(const char *msg, char *buf, size_t len)
{
	size_t i;

	(void)snprintf(buf, len, "%s", msg != NULL ? msg : "");
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '\n' || buf[i] == '\r')
			buf[i] = ' ';
}

int
dsdl_set_status(const struct dsdl *h, enum dsdl_status st, const char *msg)
{
	static const char *const names[] = {
		"OK", "DEGRADED", "FAULTED", "UNKNOWN", "OFFLINE",
	};
	char text[STATUS_MSG_MAX], reason[256];
	struct ctl_msg req, rep;
	int rc;

	if ((unsigned int)st >= sizeof(names) / sizeof(names[0])) {
		errno = EINVAL;
		return -1;
	}
	one_line(msg, text, sizeof(text));
	if (dsdl_chan_build(&req, "set-status", "status", names[st], "msg",
	    text, (char *)NULL) == -1)
		return -1;
	rc = fm_call(h, &req, &rep, reason, sizeof(reason));
	if (rc == -1)
		return -1;
	ctl_msg_free(&rep);
	if (rc == 0) {
		dsdl_log(h, LOG_WARNING, "rgmd refused set-status: %s",
		    reason);
		errno = EPERM;
		return -1;
	}
	return 0;
}

static int
decision_of(const char *action, enum dsdl_fm_decision *out)
{
	static const char *const names[] = {
		"none", "restart", "giveover", "logged",
	};
	size_t i;

	for (i = 0; action != NULL && i < sizeof(names) / sizeof(names[0]);
	    i++) {
		if (strcmp(action, names[i]) == 0) {
			*out = (enum dsdl_fm_decision)i;
			return 0;
		}
	}
	errno = EPROTO;
	return -1;
}

int
dsdl_fm_action(const struct dsdl *h, int probe_status, long elapsed_ms,
    enum dsdl_fm_decision *out)
{
	char st[16], el[24], reason[256];
	struct ctl_msg req, rep;
	enum dsdl_fm_decision d;
	int rc;

	if (probe_status < 0 || (probe_status > DSDL_PROBE_COMPLETE &&
	    probe_status != DSDL_PROBE_GIVEOVER) || elapsed_ms < 0) {
		errno = EINVAL;
		return -1;
	}
	(void)snprintf(st, sizeof(st), "%d", probe_status);
	(void)snprintf(el, sizeof(el), "%ld", elapsed_ms);
	if (dsdl_chan_build(&req, "fm-action", "status", st, "elapsed_ms", el,
	    (char *)NULL) == -1)
		return -1;
	rc = fm_call(h, &req, &rep, reason, sizeof(reason));
	if (rc == -1)
		return -1;
	if (rc == 0) {
		dsdl_log(h, LOG_WARNING, "rgmd refused fm-action: %s", reason);
		ctl_msg_free(&rep);
		errno = EPERM;
		return -1;
	}
	rc = decision_of(ctl_msg_get(&rep, "action"), &d);
	ctl_msg_free(&rep);
	if (rc == 0 && out != NULL)
		*out = d;
	return rc;
}

int
dsdl_request(const struct dsdl *h, enum dsdl_control tag, char *reason,
    size_t reason_len)
{
	static const char *const names[] = {
		"RESTART", "RESOURCE_RESTART", "GIVEOVER", "CHECK_RESTART",
		"CHECK_GIVEOVER",
	};
	struct ctl_msg req, rep;
	int rc;

	if ((unsigned int)tag >= sizeof(names) / sizeof(names[0])) {
		errno = EINVAL;
		return -1;
	}
	if (reason != NULL && reason_len > 0)
		reason[0] = '\0';
	if (dsdl_chan_build(&req, "control", "tag", names[tag],
	    (char *)NULL) == -1)
		return -1;
	rc = fm_call(h, &req, &rep, reason, reason_len);
	if (rc == -1)
		return -1;
	ctl_msg_free(&rep);
	if (rc == 0) {
		errno = EPERM;
		return -1;
	}
	return 0;
}
