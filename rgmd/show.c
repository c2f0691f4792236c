// SPDX-License-Identifier: MIT
/*
 * show.c - formats the configuration (scrgadm -p[v[v]]) and the state of
 * this node's groups and resources (scstat) in the layout of Sun Cluster's
 * commands, so that operators and their scripts find what they know.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cluster_state.h"
#include "membership.h"
#include "modules.h"
#include "pmf.h"
#include "rgmd.h"
#include "show.h"
#include "show_json.h"
#include "metrics.h"
#include "stdprops.h"

/* A property's declaration: the type's for a resource (t), the standard
 * group properties' for a group (t NULL). */
static const struct prop_decl *
decl_of(const struct rt *t, const char *name)
{
	size_t n;
	const struct prop_decl *d;

	if (t != NULL)
		return rt_find_decl(t, name);
	d = stdprops_group(&n);
	return stdprops_find(d, n, name);
}

static void
print_props(FILE *f, const char *owner, const struct prop_list *l,
    const struct rt *t, int verbose)
{
	char val[1024];

	for (size_t i = 0; i < l->n; i++) {
		const struct prop_decl *d = decl_of(t, l->p[i].name);

		prop_value_format(&l->p[i].v, val, sizeof(val));
		fprintf(f, "  (%s) %-34s %s\n", owner, l->p[i].name, val);
		if (verbose > 1 && d != NULL)
			fprintf(f, "  (%s) %-34s %s, %s%s\n", owner, "  type:",
			    prop_type_name(d->type),
			    prop_tunable_name(d->tunable),
			    d->extension ? ", extension" : "");
	}
}

static void
print_type(FILE *f, const struct rt *t, int verbose)
{
	fprintf(f, "Res Type name:%-28s %s\n", "", t->name);
	fprintf(f, "  (%s) Res Type description:%-12s %s\n", t->name, "",
	    t->description);
	if (verbose == 0)
		return;
	fprintf(f, "  (%s) Res Type version:%-16s %s\n", t->name, "",
	    t->version);
	fprintf(f, "  (%s) Res Type RTR file:%-15s %s\n", t->name, "",
	    t->rtr_path);
	fprintf(f, "  (%s) Res Type module:%-17s %s\n", t->name, "",
	    t->module);
	fprintf(f, "  (%s) Res Type failover:%-15s %s\n", t->name, "",
	    t->failover ? "True" : "False");
	fprintf(f, "  (%s) Res Type installed on nodes:%-5s ", t->name, "");
	for (size_t i = 0; i < t->n_nodes; i++)
		fprintf(f, "%s%s", i ? "," : "", t->nodes[i]);
	fprintf(f, "%s\n", t->n_nodes ? "" : "<All>");
	modules_type_line(f, t);
}

static void
print_resource(FILE *f, const struct res *r, int verbose)
{
	char owner[300];

	snprintf(owner, sizeof(owner), "%s:%s", r->group, r->name);
	fprintf(f, "  (%s) Res name:%-26s %s\n", r->group, "", r->name);
	fprintf(f, "  (%s) Res resource type:%-17s %s\n", owner, "", r->type);
	fprintf(f, "  (%s) Res enabled:%-23s %s\n", owner, "",
	    r->enabled ? "True" : "False");
	fprintf(f, "  (%s) Res monitor enabled:%-15s %s\n", owner, "",
	    r->monitored ? "True" : "False");
	if (verbose == 0)
		return;
	print_props(f, owner, &r->props, ccr_type(rgmd.ccr, r->type), verbose);
	print_props(f, owner, &r->ext, ccr_type(rgmd.ccr, r->type), verbose);
}

static void
print_group(FILE *f, const struct rg *g, const char *only_res, int verbose)
{
	fprintf(f, "Res Group name:%-27s %s\n", "", g->name);
	fprintf(f, "  (%s) Res Group managed:%-15s %s\n", g->name, "",
	    g->managed ? "True" : "False");
	if (verbose > 0)
		print_props(f, g->name, &g->props, NULL, verbose);
	else
		print_props(f, g->name, &(struct prop_list){ .p =
		    prop_list_find(&g->props, "Nodelist"), .n = 1 }, NULL, 0);
	for (size_t i = 0; i < rgmd.ccr->n_res; i++)
		if (strcmp(rgmd.ccr->res[i]->group, g->name) == 0 &&
		    (only_res == NULL || strcmp(only_res,
		    rgmd.ccr->res[i]->name) == 0))
			print_resource(f, rgmd.ccr->res[i], verbose);
}

static int
show_print(FILE *f, const struct ctl_msg *req)
{
	const char *type = ctl_msg_get(req, "type");
	const char *group = ctl_msg_get(req, "group");
	const char *res = ctl_msg_get(req, "resource");
	const char *v = ctl_msg_get(req, "verbose");
	int verbose = v ? atoi(v) : 0;
	const struct res *r = res ? ccr_resource(rgmd.ccr, res) : NULL;

	if ((type && !ccr_type(rgmd.ccr, type)) ||
	    (group && !ccr_group(rgmd.ccr, group)) || (res && !r)) {
		fprintf(f, "unknown %s %s\n", type && !ccr_type(rgmd.ccr, type) ?
		    "resource type" : group && !ccr_group(rgmd.ccr, group) ?
		    "resource group" : "resource", type && !ccr_type(rgmd.ccr,
		    type) ? type : group && !ccr_group(rgmd.ccr, group) ?
		    group : res);
		return -1;
	}
	if (r != NULL)
		group = r->group;
	for (size_t i = 0; i < rgmd.ccr->n_types; i++)
		if ((type == NULL && group == NULL) ||
		    (type && strcmp(type, rgmd.ccr->types[i]->name) == 0))
			print_type(f, rgmd.ccr->types[i], verbose);
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++)
		if ((type == NULL && group == NULL) ||
		    (group && strcmp(group, rgmd.ccr->groups[i]->name) == 0))
			print_group(f, rgmd.ccr->groups[i], res, verbose);
	return 0;
}

static void
status_groups(FILE *f)
{
	const char *node = rgmd.conf.node_name;
	struct show_blocked *blocked;

	fprintf(f, "\n-- Resource Groups and Resources --\n\n");
	fprintf(f, "%12s%-20s%s\n%12s%-20s%s\n", "", "Group Name", "Resources",
	    "", "----------", "---------");
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++) {
		const char *g = rgmd.ccr->groups[i]->name;

		fprintf(f, " Resources: %-20s", g);
		for (size_t k = 0, n = 0; k < rgmd.ccr->n_res; k++)
			if (strcmp(rgmd.ccr->res[k]->group, g) == 0)
				fprintf(f, "%s%s", n++ ? " " : "",
				    rgmd.ccr->res[k]->name);
		fprintf(f, "\n");
	}
	fprintf(f, "\n-- Resource Groups --\n\n");
	fprintf(f, "%12s%-20s%-20s%s\n%12s%-20s%-20s%s\n", "", "Group Name",
	    "Node Name", "State", "", "----------", "---------", "-----");
	blocked = show_blocked_begin();
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++) {
		const char *name = rgmd.ccr->groups[i]->name;
		long until;

		fprintf(f, "     Group: %-20s%-20s%s\n", name, node,
		    fsm_rg_state_name(state_rg(name)->state));
		cluster_state_group_rows(f, rgmd.ccr->groups[i]->name);
		modules_group_rows(f, rgmd.ccr->groups[i]->name);
		if (state_rg_in_pingpong(rgmd.ccr->groups[i]->name,
		    (long)time(NULL), &until))
			fprintf(f, "  Pingpong: %-20s%-20sineligible for %ld s\n",
			    rgmd.ccr->groups[i]->name, node,
			    until - (long)time(NULL));
		show_blocked_row(f, blocked, i);
	}
	show_blocked_end(blocked);
	fprintf(f, "\n-- Resources --\n\n");
	fprintf(f, "%12s%-20s%-20s%-22s%s\n%12s%-20s%-20s%-22s%s\n", "",
	    "Resource Name", "Node Name", "State", "Status Message", "",
	    "-------------", "---------", "-----", "--------------");
	for (size_t i = 0; i < rgmd.ccr->n_res; i++) {
		struct r_run *r = fsm_res(&rgmd.rt, rgmd.ccr->res[i]->name,
		    false);

		fprintf(f, "  Resource: %-20s%-20s%-22s%s%s%s\n",
		    rgmd.ccr->res[i]->name, node,
		    fsm_r_state_name(r ? r->state : R_OFFLINE),
		    r ? r->status : "OFFLINE",
		    r && r->status_msg[0] ? " - " : "",
		    r ? r->status_msg : "");
		cluster_state_resource_rows(f, rgmd.ccr->res[i]->name);
	}
	modules_missing_rows(f);
}

void (*show_pdt_fn)(FILE *f);

static int
show_status(FILE *f, const struct ctl_msg *req)
{
	bool g = ctl_msg_get(req, "groups") != NULL;
	bool n = ctl_msg_get(req, "nodes") != NULL;
	bool q = ctl_msg_get(req, "quorum") != NULL;
	bool s = ctl_msg_get(req, "scalable") != NULL;
	bool all = !g && !n && !q && !s;
	const char *v = ctl_msg_get(req, "verbose");
	const char *node = ctl_msg_get(req, "node");

	/* -h: every row is this node's, so only an unknown node changes
	 * what is shown: it is refused. */
	if (node != NULL && !membership_is_node(node)) {
		char names[512];

		membership_names(names, sizeof(names));
		fprintf(f, "unknown node %s: not a cluster node (cluster "
		    "nodes: %s)\n", node, names);
		return -1;
	}

	if (all || n)
		show_cluster_nodes(f, ctl_msg_get(req, "node"));
	if (all || q)
		show_cluster_quorum(f, ctl_msg_get(req, "node"));
	if (all || g)
		status_groups(f);
	if ((all || s || (g && n && q)) && show_pdt_fn != NULL)
		show_pdt_fn(f);
	if (v != NULL && atoi(v) > 0)
		pmf_print(f, rgmd.conf.node_name);
	return 0;
}

char *
show_request(const char *cmd, const struct ctl_msg *req, bool *ok)
{
	char *buf = NULL;
	size_t len;
	FILE *f;
	int rc = 0;

	if (strcmp(cmd, "metrics") == 0) {
		*ok = (buf = metrics_text()) != NULL;
		return buf != NULL ? buf : strdup("rgmd: out of memory\n");
	}
	if (strcmp(cmd, "print") != 0 && strcmp(cmd, "status") != 0)
		return NULL;
	if (show_json_wanted(req))
		return show_json_request(cmd, req, ok);
	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	if (strcmp(cmd, "print") == 0)
		rc = show_print(f, req);
	else
		rc = show_status(f, req);
	fclose(f);
	*ok = rc == 0;
	return buf;
}
