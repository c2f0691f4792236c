// SPDX-License-Identifier: MIT
/*
 * cmd.c - dispatch of control requests. Reads (print, status) are answered
 * at once and are open to every local user; changes need a privileged
 * peer and become engine operations, answered when they have finished,
 * so scswitch returns when the groups have reached their new state, as in
 * Sun Cluster.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <limits.h>
#include <unistd.h>

#include "cmd_private.h"
#include "log.h"
#include "monitor.h"
#include "rgmd.h"
#include "membership.h"
#include "scha_err.h"
#include "show.h"

size_t
cmd_list(const struct ctl_msg *req, const char *key, char **out)
{
	size_t pos = 0, n = 0;
	const char *v;

	while (n < CMD_MAX_LIST && (v = ctl_msg_next(req, key, &pos)) != NULL)
		out[n++] = (char *)v;
	return n;
}

void
cmd_assigns(const struct ctl_msg *req, const char *key, struct ccr_assign *a,
    const char **store)
{
	a->n = cmd_list(req, key, (char **)store);
	a->kv = store;
}

int
cmd_need(struct op *op, const char *v, const char *key)
{
	if (v != NULL && v[0] != '\0')
		return 0;
	engine_op_say(op, true, "malformed request: %s= is missing", key);
	return -1;
}

int
cmd_refuse(struct op *op, const char *err)
{
	if (err != NULL && err[0] != '\0')
		engine_op_say(op, true, "%s", err);
	op->failed = true;
	return -1;
}

int
cmd_refuse_code(struct op *op, int code, const char *err)
{
	if (op->code == 0)
		op->code = code;
	return cmd_refuse(op, err);
}

/* The code of a reply: the one given, else the class of its message. */
static int
reply_code(bool ok, int code, const char *text)
{
	return ok ? 0 : code > 0 ? code : scha_err_of_text(text);
}

int
cmd_propose(struct op *op)
{
	if (op->proposed == NULL && (op->proposed = ccr_clone(rgmd.ccr)) ==
	    NULL) {
		engine_op_say(op, true, "out of memory");
		return -1;
	}
	return 0;
}

bool
cmd_is_member(const char *node)
{
	return membership_is_node(node);
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if ((flag == FTW_DP ? rmdir(path) : unlink(path)) == -1)
		log_warn("cannot remove %s: %m", path);
	return 0;
}

/* A removed resource leaves nothing for a new one of the same name. */
static void
remove_state_dir(const char *res)
{
	char dir[PATH_MAX];

	if (snprintf(dir, sizeof(dir), "%s/resources/%s", rgmd.conf.state_dir,
	    res) < (int)sizeof(dir) && res[0] != '\0' && res[0] != '.' &&
	    strchr(res, '/') == NULL)
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Forget the runtime state of objects that no longer exist. */
static void
prune_runtime(void)
{
	for (size_t i = rgmd.rt.nr; i-- > 0;)
		if (ccr_resource(rgmd.ccr, rgmd.rt.r[i].name) == NULL) {
			remove_state_dir(rgmd.rt.r[i].name);
			monitor_forget(rgmd.rt.r[i].name);
			state_forget_r(rgmd.rt.r[i].name);
		}
	for (size_t i = rgmd.rt.ng; i-- > 0;)
		if (ccr_group(rgmd.ccr, rgmd.rt.g[i].name) == NULL)
			state_forget_rg(rgmd.rt.g[i].name);
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++)
		if (fsm_group(&rgmd.rt, rgmd.ccr->groups[i]->name, false) ==
		    NULL)
			state_derive_group(rgmd.ccr->groups[i]->name);
}

static void
on_done(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	char err[512];

	prune_runtime();
	/* The requester learns of a state that could not be stored (a full
	 * disk): a restarted rgmd would not know what this request did. */
	if (state_save(err, sizeof(err)) == -1)
		engine_op_say(op, true, "runtime state not stored: %s", err);
	if (cx->wait && !op->failed && cx->reply != NULL) {
		cmd_wait_add(cx, op->msg);
		return;
	}
	if (cx->reply != NULL)
		cx->reply(cx->client, !op->failed, reply_code(!op->failed,
		    op->code, op->msg), op->msg ? op->msg : "");
	ctl_msg_free(&cx->req);
	free(cx);
}

static const struct cmd_entry *
find_entry(const char *name)
{
	const struct cmd_entry *tables[] = { cmd_config_table,
		cmd_switch_table };

	for (size_t t = 0; t < 2; t++)
		for (const struct cmd_entry *e = tables[t]; e->name; e++)
			if (strcmp(e->name, name) == 0)
				return e;
	return NULL;
}

static void
submit(const struct cmd_entry *e, struct ctl_msg *req, cmd_reply_fn reply,
    void *client)
{
	struct cmd_ctx *cx = calloc(1, sizeof(*cx));
	struct op *op;

	if (cx == NULL || (op = engine_op_new(on_done, cx)) == NULL) {
		free(cx);
		reply(client, false, SCHA_ERR_NOMEM, "rgmd: out of memory\n");
		return;
	}
	cx->req = *req;		/* takes the fields */
	req->n = 0;
	cx->reply = reply;
	cx->client = client;
	op->prepare = e->prepare;
	engine_submit(op);
}

void
cmd_dispatch(struct ctl_msg *req, bool privileged, cmd_reply_fn reply,
    void *client)
{
	const char *cmd = ctl_msg_get(req, "cmd");
	const struct cmd_entry *e;
	char *text;
	bool ok;

	if (cmd == NULL) {
		reply(client, false, SCHA_ERR_INVAL,
		    "malformed request: no cmd=\n");
		return;
	}
	if (cmd_scha_request(cmd, req, privileged, reply, client))
		return;
	if ((text = show_request(cmd, req, &ok)) != NULL) {
		reply(client, ok, reply_code(ok, 0, text), text);
		free(text);
		return;
	}
	if ((e = find_entry(cmd)) == NULL) {
		char msg[256];

		snprintf(msg, sizeof(msg), "unknown request \"%.64s\"\n", cmd);
		reply(client, false, SCHA_ERR_INVAL, msg);
		return;
	}
	if (!privileged) {
		char msg[256];

		snprintf(msg, sizeof(msg), "permission denied: %s needs root "
		    "or membership of group %s\n", e->what,
		    rgmd.conf.admin_group);
		reply(client, false, SCHA_ERR_ACCESS, msg);
		return;
	}
	log_info("request %s", cmd);
	submit(e, req, reply, client);
}
