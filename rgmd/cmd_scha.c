// SPDX-License-Identifier: MIT
/*
 * cmd_scha.c - the requests of Sun's scha commands (run in rgmd's loop):
 * "get" (the scha_*_get reads, cmd_get.c, open to every local user),
 * "scha-control" (scha_control) and "set-status" (scha_resource_setstatus),
 * which change things and need a privileged peer, as the other changes
 * do. scha-control goes through monitor_control, the very path a type's
 * method takes through its channel (channel.c), so Failover_mode,
 * Retry_count and Pingpong_interval rule both alike; set-status is the
 * type's dsdl_set_status (state_set_r_type_status, as in
 * monitor_type_status), so the status set wins over the one rgmd would
 * set after a method, as the type's does.
 * scha_control answers when the restart or give-over it queued has
 * finished (so that a script reads the new state next), except when a
 * method is running: that method may be the caller, which must not wait
 * for work queued behind its own operation, and gets its answer at once.
 * Refusals carry their scha_err_t code (scha_err.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_private.h"
#include "log.h"
#include "monitor.h"
#include "rgmd.h"
#include "scha_err.h"
#include "state.h"

static void
refuse(cmd_reply_fn reply, void *client, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
refuse(cmd_reply_fn reply, void *client, int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg) - 1, fmt, ap);
	va_end(ap);
	n = n < 0 ? 0 : n > (int)sizeof(msg) - 2 ? (int)sizeof(msg) - 2 : n;
	msg[n] = '\n';		/* room was kept for it */
	msg[n + 1] = '\0';
	reply(client, false, code, msg);
}

/* The resource of resource= (in group= when given), or NULL once
 * refused. */
static const struct res *
find_res(const struct ctl_msg *req, cmd_reply_fn reply, void *client)
{
	const char *name = ctl_msg_get(req, "resource");
	const char *group = ctl_msg_get(req, "group");
	const struct res *r;

	if (name == NULL || name[0] == '\0') {
		refuse(reply, client, SCHA_ERR_INVAL, "malformed request: "
		    "resource= is missing");
		return NULL;
	}
	if (group != NULL && ccr_group(rgmd.ccr, group) == NULL) {
		refuse(reply, client, SCHA_ERR_RG, "unknown resource group "
		    "%s", group);
		return NULL;
	}
	if ((r = ccr_resource(rgmd.ccr, name)) == NULL) {
		refuse(reply, client, SCHA_ERR_RSRC, "unknown resource %s",
		    name);
		return NULL;
	}
	if (group != NULL && strcmp(group, r->group) != 0) {
		refuse(reply, client, SCHA_ERR_RSRC, "resource %s is not in "
		    "resource group %s (it is in %s)", name, group, r->group);
		return NULL;
	}
	return r;
}

struct waiter {
	cmd_reply_fn	 reply;
	void		*client;
};

static void
on_drained(struct op *op, void *arg)
{
	struct waiter *w = arg;

	(void)op;
	w->reply(w->client, true, 0, "");
	free(w);
}

/* Answer once the operations queued so far (the restart or give-over
 * that monitor_control just queued) have finished: an empty operation
 * runs after them. -1 when it cannot be queued. */
static int
wait_queue(cmd_reply_fn reply, void *client)
{
	struct waiter *w = calloc(1, sizeof(*w));
	struct op *op = w ? engine_op_new(on_drained, w) : NULL;

	if (op == NULL) {
		free(w);
		return -1;
	}
	w->reply = reply;
	w->client = client;
	engine_submit(op);
	return 0;
}

/* Is a method running now? Its runner may be the one asking. */
static bool
is_method_running(void)
{
	for (size_t i = 0; i < rgmd.rt.nr; i++)
		if (rgmd.rt.r[i].runner_pid != 0)
			return true;
	return false;
}

static void
scha_control(const struct ctl_msg *req, cmd_reply_fn reply, void *client)
{
	static const char *const tags[] = { "GIVEOVER", "RESTART",
		"RESOURCE_RESTART", "CHECK_GIVEOVER", "CHECK_RESTART" };
	const char *tag = ctl_msg_get(req, "tag"), *reason = NULL;
	const struct res *r;
	const struct rg_run *g;
	const struct r_run *rr;
	bool in_method;
	size_t i;

	for (i = 0; tag != NULL && i < sizeof(tags) / sizeof(*tags); i++)
		if (strcasecmp(tag, tags[i]) == 0)
			break;
	if (tag == NULL || i == sizeof(tags) / sizeof(*tags)) {
		refuse(reply, client, SCHA_ERR_TAG, "scha_control: unknown "
		    "tag %s (GIVEOVER, RESTART, RESOURCE_RESTART, "
		    "CHECK_GIVEOVER, CHECK_RESTART)", tag ? tag : "(none)");
		return;
	}
	if ((r = find_res(req, reply, client)) == NULL)
		return;
	g = state_rg(r->group);
	rr = state_r(r->name);
	if (!g->want_online || !fsm_r_is_up(rr->state)) {
		refuse(reply, client, SCHA_ERR_STATE, "scha_control %s: "
		    "resource %s is not online on %s", tags[i], r->name,
		    rgmd.conf.node_name);
		return;
	}
	in_method = is_method_running();
	log_info("request scha-control %s of resource %s", tags[i], r->name);
	if (monitor_control(r->name, tags[i], &reason) == -1) {
		refuse(reply, client, SCHA_ERR_CHECKS, "scha_control %s of "
		    "resource %s refused: %s", tags[i], r->name, reason);
		return;
	}
	if (strncasecmp(tags[i], "CHECK_", 6) == 0 || in_method ||
	    wait_queue(reply, client) == -1)
		reply(client, true, 0, "");
}

static void
set_status(const struct ctl_msg *req, cmd_reply_fn reply, void *client)
{
	static const char *const ok[] = { "OK", "DEGRADED", "FAULTED",
		"UNKNOWN", "OFFLINE" };
	const char *st = ctl_msg_get(req, "status");
	const char *msg = ctl_msg_get(req, "msg");
	const struct res *r;
	size_t i;

	if ((r = find_res(req, reply, client)) == NULL)
		return;
	for (i = 0; st != NULL && i < sizeof(ok) / sizeof(*ok); i++)
		if (strcasecmp(st, ok[i]) == 0)
			break;
	if (st == NULL || i == sizeof(ok) / sizeof(*ok)) {
		refuse(reply, client, SCHA_ERR_RSTATUS, "status %s is not one "
		    "of OK, DEGRADED, FAULTED, UNKNOWN, OFFLINE",
		    st ? st : "(none)");
		return;
	}
	if (msg != NULL && strlen(msg) >= sizeof(((struct r_run *)0)->
	    status_msg)) {
		refuse(reply, client, SCHA_ERR_INVAL, "status message of %zu "
		    "bytes: at most %zu", strlen(msg),
		    sizeof(((struct r_run *)0)->status_msg) - 1);
		return;
	}
	log_info("request set-status %s of resource %s", ok[i], r->name);
	if (state_set_r_type_status(r->name, ok[i], msg ? msg : "") == -1) {
		refuse(reply, client, errno == ENOMEM ? SCHA_ERR_NOMEM :
		    SCHA_ERR_INTERNAL, "resource %s: status not set: %s",
		    r->name, strerror(errno));
		return;
	}
	reply(client, true, 0, "");
}

bool
cmd_scha_request(const char *cmd, const struct ctl_msg *req,
    bool privileged, cmd_reply_fn reply, void *client)
{
	bool control = strcmp(cmd, "scha-control") == 0;
	char *text;
	int code;

	if (strcmp(cmd, "get") == 0) {
		if ((text = cmd_get(req, &code)) == NULL)
			reply(client, false, SCHA_ERR_NOMEM,
			    "rgmd: out of memory\n");
		else
			reply(client, code == 0, code, text);
		free(text);
		return true;
	}
	if (!control && strcmp(cmd, "set-status") != 0)
		return false;
	if (!privileged)
		refuse(reply, client, SCHA_ERR_ACCESS, "%s: permission denied: "
		    "changes need root or membership of group %s", cmd,
		    rgmd.conf.admin_group);
	else if (control)
		scha_control(req, reply, client);
	else
		set_status(req, reply, client);
	return true;
}
