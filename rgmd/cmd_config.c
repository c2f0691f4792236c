// SPDX-License-Identifier: MIT
/*
 * cmd_config.c - the configuration requests of scrgadm: register, change
 * and remove types, groups and resources. Each becomes an operation whose
 * plan runs Validate on the proposed configuration, commits it (stored
 * atomically), then runs Init, Update or Fini where Sun Cluster does. A
 * refusal names the object and the reason and changes nothing.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_private.h"
#include "dsdl.h"
#include "launcher.h"
#include "log.h"
#include "membership.h"
#include "rgmd.h"

static int
find_rtr(const char *type, const char *given, char *out, size_t len)
{
	if (given != NULL) {
		snprintf(out, len, "%s", given);
		return 0;
	}
	for (size_t i = 0; i < rgmd.conf.n_rt_path; i++) {
		snprintf(out, len, "%s/%s.rtr", rgmd.conf.rt_path[i], type);
		if (access(out, R_OK) == 0)
			return 0;
	}
	return -1;
}

static int
check_nodes(struct op *op, char **nodes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!cmd_is_member(nodes[i])) {
			char names[512];

			membership_names(names, sizeof(names));
			engine_op_say(op, true, "node %s is not a cluster "
			    "node (nodes: %s)", nodes[i], names);
			return -1;
		}
	return 0;
}

/* A type being registered, while its module is described. */
struct type_add {
	struct op	*op;
	struct rt	 t;
	char		*nodes[CMD_MAX_LIST];
	size_t		 n;
};

static int
load_type(struct op *op, const char *type, const char *rtr, struct rt *t)
{
	char path[PATH_MAX], err[512];

	if (find_rtr(type, rtr, path, sizeof(path)) == -1) {
		engine_op_say(op, true, "resource type %s: no %s.rtr in the "
		    "resource type directories (give one with -f)", type, type);
		return -1;
	}
	if (rtr_load(path, DSDL_ABI_VERSION, t, err, sizeof(err)) == -1) {
		engine_op_say(op, true, "resource type %s: %s", type, err);
		return -1;
	}
	if (strcmp(t->name, type) != 0) {
		engine_op_say(op, true, "resource type %s: %s declares "
		    "RESOURCE_TYPE %s", type, path, t->name);
		rt_free(t);
		return -1;
	}
	return 0;
}

static int
type_described(struct type_add *ta, int rc, unsigned int methods,
    const char *why)
{
	struct op *op = ta->op;
	struct rt *t = &ta->t;
	char err[512] = "";

	if (rc == -1) {
		engine_op_say(op, true, "resource type %s: %s", t->name, why);
		return -1;
	}
	t->methods = methods;
	if (!(t->methods & (1U << RT_START | 1U << RT_PRENET_START)) ||
	    !(t->methods & (1U << RT_STOP | 1U << RT_POSTNET_STOP))) {
		engine_op_say(op, true, "resource type %s: its module has no "
		    "start (or prenet_start) or no stop (or postnet_stop) "
		    "method", t->name);
		return -1;
	}
	t->nodes = calloc(ta->n + 1, sizeof(char *));
	for (size_t i = 0; t->nodes && i < ta->n; i++)
		t->nodes[t->n_nodes++] = strdup(ta->nodes[i]);
	if (cmd_propose(op) == -1 ||
	    ccr_type_add(op->proposed, t, err, sizeof(err)) == -1) {
		engine_op_say(op, true, "%s", err);
		return -1;
	}
	memset(t, 0, sizeof(*t));	/* op->proposed owns it now */
	return fsm_plan_commit(&op->plan);
}

/* rgmd-runner --describe has ended: finish the preparation. */
static void
on_type_described(int rc, unsigned int methods, const char *why, void *arg)
{
	struct type_add *ta = arg;
	struct op *op = ta->op;

	rc = type_described(ta, rc, methods, why);
	rt_free(&ta->t);
	for (size_t i = 0; i < ta->n; i++)
		free(ta->nodes[i]);
	free(ta);
	engine_prepared(op, rc);
}

static int
prep_type_add(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *type = ctl_msg_get(&cx->req, "type");
	char *nodes[CMD_MAX_LIST], err[512];
	size_t n = cmd_list(&cx->req, "node", nodes);
	struct type_add *ta;

	if (cmd_need(op, type, "type") == -1 || check_nodes(op, nodes, n))
		return -1;
	if ((ta = calloc(1, sizeof(*ta))) == NULL)
		return cmd_refuse(op, "out of memory");
	ta->op = op;
	if (load_type(op, type, ctl_msg_get(&cx->req, "rtr"), &ta->t) == -1) {
		free(ta);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if ((ta->nodes[ta->n] = strdup(nodes[i])) != NULL)
			ta->n++;
	/* The module is described by a child; the loop goes on meanwhile. */
	if (launcher_describe(rgmd.conf.runner, ta->t.module,
	    on_type_described, ta, err, sizeof(err)) == -1) {
		engine_op_say(op, true, "resource type %s: %s", type, err);
		rt_free(&ta->t);
		for (size_t i = 0; i < ta->n; i++)
			free(ta->nodes[i]);
		free(ta);
		return -1;
	}
	return ENGINE_PREPARE_LATER;
}

static int
prep_type_change(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *type = ctl_msg_get(&cx->req, "type");
	char *nodes[CMD_MAX_LIST], err[512] = "";
	size_t n = cmd_list(&cx->req, "node", nodes);
	struct ccr_assign y;

	cmd_assigns(&cx->req, "y", &y, cx->kv);
	if (cmd_need(op, type, "type") || check_nodes(op, nodes, n) ||
	    cmd_propose(op) || ccr_type_change(op->proposed, type, nodes, n,
	    &y, err, sizeof(err)))
		return cmd_refuse(op, err);
	return fsm_plan_commit(&op->plan);
}

static int
prep_type_remove(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *type = ctl_msg_get(&cx->req, "type");
	char err[512] = "";

	if (cmd_need(op, type, "type") || cmd_propose(op) ||
	    ccr_type_remove(op->proposed, type, err, sizeof(err)))
		return cmd_refuse(op, err);
	return fsm_plan_commit(&op->plan);
}

static int
prep_group_add(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *group = ctl_msg_get(&cx->req, "group");
	char *nodes[CMD_MAX_LIST], err[512] = "";
	size_t n = cmd_list(&cx->req, "node", nodes);
	struct ccr_assign y;
	char *self = rgmd.conf.node_name;

	cmd_assigns(&cx->req, "y", &y, cx->kv);
	if (cmd_need(op, group, "group") || check_nodes(op, nodes, n) ||
	    cmd_propose(op))
		return -1;
	if (n == 0) {		/* default Nodelist: every cluster node */
		nodes[0] = self;
		n = 1;
	}
	if (ccr_group_add(op->proposed, group, nodes, n, &y, err,
	    sizeof(err)) == -1)
		return cmd_refuse(op, err);
	return fsm_plan_commit(&op->plan);
}

static int
prep_group_change(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *group = ctl_msg_get(&cx->req, "group");
	char *nodes[CMD_MAX_LIST], err[512] = "";
	size_t n = cmd_list(&cx->req, "node", nodes);
	struct ccr_assign y;

	cmd_assigns(&cx->req, "y", &y, cx->kv);
	if (cmd_need(op, group, "group") || check_nodes(op, nodes, n) ||
	    cmd_propose(op) || ccr_group_change(op->proposed, group, nodes, n,
	    &y, err, sizeof(err)))
		return cmd_refuse(op, err);
	/* Every resource of the group is validated with the new values. */
	return fsm_plan_group_method(op->proposed, group, RT_VALIDATE, true,
	    &op->plan) | fsm_plan_commit(&op->plan);
}

static int
prep_group_remove(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *group = ctl_msg_get(&cx->req, "group");
	struct rg_run *g = group ? fsm_group(&rgmd.rt, group, false) : NULL;
	char err[512] = "";

	if (cmd_need(op, group, "group"))
		return -1;
	if (g && g->want_online) {
		snprintf(err, sizeof(err), "resource group %s is online: take "
		    "it offline first (scswitch -F -g %s)", group, group);
		return cmd_refuse(op, err);
	}
	if (cmd_propose(op) || ccr_group_remove(op->proposed, group, err,
	    sizeof(err)))
		return cmd_refuse(op, err);
	return fsm_plan_commit(&op->plan);
}

static int
prep_resource_add(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *name = ctl_msg_get(&cx->req, "resource");
	const char *group = ctl_msg_get(&cx->req, "group");
	const char *type = ctl_msg_get(&cx->req, "type");
	struct ccr_assign y, x;
	struct rg_run *gr;
	char err[512] = "";
	int rc;

	cmd_assigns(&cx->req, "y", &y, cx->kv);
	cmd_assigns(&cx->req, "x", &x, cx->kv + y.n);
	if (cmd_need(op, name, "resource") || cmd_need(op, group, "group") ||
	    cmd_need(op, type, "type") || cmd_propose(op) ||
	    ccr_resource_add(op->proposed, name, type, group, &y, &x, err,
	    sizeof(err)))
		return cmd_refuse(op, err);
	rc = fsm_plan_method(&op->plan, group, name, RT_VALIDATE, false, true);
	rc |= fsm_plan_commit(&op->plan);
	if (ccr_group(op->proposed, group)->managed)
		rc |= fsm_plan_method(&op->plan, group, name, RT_INIT, false, false);
	gr = fsm_group(&rgmd.rt, group, false);
	if (gr && gr->want_online)
		rc |= fsm_plan_online(op->proposed, &rgmd.rt, group, name,
		    &op->plan);
	return rc;
}

static int
prep_resource_change(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *name = ctl_msg_get(&cx->req, "resource");
	struct ccr_assign y, x;
	struct r_run *rr;
	char err[512] = "";
	int rc;

	cmd_assigns(&cx->req, "y", &y, cx->kv);
	cmd_assigns(&cx->req, "x", &x, cx->kv + y.n);
	if (cmd_need(op, name, "resource") || cmd_propose(op) ||
	    ccr_resource_change(op->proposed, name, &y, &x, err, sizeof(err)))
		return cmd_refuse(op, err);
	const char *group = ccr_resource(op->proposed, name)->group;

	rc = fsm_plan_method(&op->plan, group, name, RT_VALIDATE, false, true);
	rc |= fsm_plan_commit(&op->plan);
	rr = fsm_res(&rgmd.rt, name, false);
	if (rr && fsm_r_is_up(rr->state) && rr->state != R_STOP_FAILED)
		rc |= fsm_plan_method(&op->plan, group, name, RT_UPDATE, false, false);
	return rc;
}

/*
 * Everything that keeps a resource from being removed, said at once: the
 * resources that depend on it, and that it is enabled or running. Returns
 * true (with the reason in buf) when there is anything.
 */
static bool
removal_blocked(const struct res *r, char *buf, size_t len)
{
	const struct r_run *rr = state_r(r->name);
	FILE *f = fmemopen(buf, len, "w");
	size_t n = 0;

	if (f == NULL)
		return false;
	fprintf(f, "resource %s cannot be removed:", r->name);
	for (size_t i = 0; i < rgmd.ccr->n_res; i++) {
		const struct res *o = rgmd.ccr->res[i];
		const struct prop_value *d = ccr_res_value(o,
		    "Resource_dependencies");

		for (size_t k = 0; d && k < d->n; k++)
			if (strcmp(d->v[k], r->name) == 0)
				fprintf(f, "%s %s", n++ ? "," : " resource",
				    o->name);
	}
	if (n > 0)
		fprintf(f, " depend%s on it (remove %s, or take %s out of "
		    "%s Resource_dependencies, first)", n > 1 ? "" : "s",
		    n > 1 ? "them" : "it", r->name, n > 1 ? "their" : "its");
	if (fsm_r_is_up(rr->state))
		fprintf(f, "%s it is %s on %s: disable it first (scswitch -n "
		    "-j %s)", n ? ";" : "", fsm_r_state_name(rr->state),
		    rgmd.conf.node_name, r->name);
	else if (r->enabled)
		fprintf(f, "%s it is enabled: disable it first (scswitch -n "
		    "-j %s)", n ? ";" : "", r->name);
	fclose(f);
	return n > 0 || fsm_r_is_up(rr->state) || r->enabled;
}

static int
prep_resource_remove(struct op *op, void *arg)
{
	struct cmd_ctx *cx = arg;
	const char *name = ctl_msg_get(&cx->req, "resource");
	const struct res *r = name ? ccr_resource(rgmd.ccr, name) : NULL;
	char err[1024] = "";
	int rc = 0;

	if (cmd_need(op, name, "resource"))
		return -1;
	if (r != NULL && removal_blocked(r, err, sizeof(err)))
		return cmd_refuse(op, err);
	if (cmd_propose(op) || ccr_resource_remove(op->proposed, name, err,
	    sizeof(err)))
		return cmd_refuse(op, err);
	if (ccr_group(rgmd.ccr, r->group)->managed)
		rc = fsm_plan_method(&op->plan, r->group, name, RT_FINI, false, false);
	return rc | fsm_plan_commit(&op->plan);
}

const struct cmd_entry cmd_config_table[] = {
	{ "type-add", prep_type_add,
	    "registering a resource type (scrgadm -a -t)" },
	{ "type-change", prep_type_change,
	    "changing a resource type (scrgadm -c -t)" },
	{ "type-remove", prep_type_remove,
	    "removing a resource type (scrgadm -r -t)" },
	{ "group-add", prep_group_add,
	    "creating a resource group (scrgadm -a -g)" },
	{ "group-change", prep_group_change,
	    "changing a resource group (scrgadm -c -g)" },
	{ "group-remove", prep_group_remove,
	    "removing a resource group (scrgadm -r -g)" },
	{ "resource-add", prep_resource_add,
	    "creating a resource (scrgadm -a -j)" },
	{ "resource-change", prep_resource_change,
	    "changing a resource (scrgadm -c -j)" },
	{ "resource-remove", prep_resource_remove,
	    "removing a resource (scrgadm -r -j)" },
	{ NULL, NULL, NULL },
};
