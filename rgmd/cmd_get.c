// SPDX-License-Identifier: MIT
/*
 * cmd_get.c - the read request "get" behind scha_resource_get,
 * scha_resourcegroup_get, scha_resourcetype_get and scha_cluster_get
 * (run in rgmd's loop, open to every local user). One tag of one object,
 * printed the way Sun's scha commands print it (scha_cmds(1HA)): one value
 * a line, arrays one element a line, booleans TRUE/FALSE, states in upper
 * case (ONLINE, START_FAILED, ...), an extension property as its type
 * then its value. Tags are matched without regard to case. A refusal
 * carries its scha_err_t code: unknown resource 14, group 12, type 13,
 * node 11, tag 4, extension property 15, missing argument 3.
 *
 * The nodes are the membership's (membership_view(): the standalone
 * membership makes a one-node cluster, corosync's its node list):
 * All_nodenames and an empty Nodelist list them all, Node_state_node says
 * UP for a node in the membership engine's membership, DOWN otherwise.
 * Resource_state_node, Status_node and RG_state_node answer for any
 * cluster node: this node's state from here, another node's from the last
 * state report its rgmd sent (cluster_state.c, what scstat -g shows; kept
 * while its rgmd alone is gone, as its groups may still run there); a
 * node that is down, with no report, is OFFLINE; a node that is up but
 * whose rgmd never reported to this one is refused with 19,
 * SCHA_ERR_CLUSTER (nobody here knows what it runs); a node that is not a
 * cluster node with 11. Clustername is this node's name.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cluster_state.h"
#include "cmd_private.h"
#include "membership.h"
#include "rgmd.h"
#include "scha_err.h"
#include "state.h"

struct get {
	FILE		*f;		/* the answer */
	const char	*tag;
	const char	*arg[CMD_MAX_LIST];
	size_t		 n_arg;
	char		 err[512];	/* the refusal */
};

static int refuse(struct get *g, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
refuse(struct get *g, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->err, sizeof(g->err), fmt, ap);
	va_end(ap);
	return code;
}

static bool
is_tag(const struct get *g, const char *name)
{
	return strcasecmp(g->tag, name) == 0;
}

static void
print_upper(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		fputc(toupper((unsigned char)*s), f);
	fputc('\n', f);
}

static void
print_value(FILE *f, const struct prop_value *v)
{
	switch (v->type) {
	case PROP_INT:
		fprintf(f, "%d\n", v->i);
		break;
	case PROP_BOOL:
		fprintf(f, "%s\n", v->b ? "TRUE" : "FALSE");
		break;
	case PROP_STRING:
	case PROP_ENUM:
		fprintf(f, "%s\n", v->s ? v->s : "");
		break;
	case PROP_STRINGARRAY:
		for (size_t i = 0; i < v->n; i++)
			fprintf(f, "%s\n", v->v[i]);
		break;
	}
}

/* The cluster's nodes, as the membership lists them. */
static void
cluster_nodes(FILE *f)
{
	const struct membership_view *v = membership_view();

	for (size_t i = 0; i < v->n; i++)
		fprintf(f, "%s\n", v->nodes[i].name);
}

/* Node_state of a cluster node: UP when it is in the membership. */
static const char *
node_state(const char *node)
{
	return membership_is_up(node) ? "UP" : "DOWN";
}

/* A node list; an empty one means every node of the cluster. */
static void
print_nodes(FILE *f, char *const *nodes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", nodes[i]);
	if (n == 0)
		cluster_nodes(f);
}

/* The node argument at index i: 0 when it is a cluster node, 3 when
 * there is none, 11 when it is not a cluster node. */
static int
cluster_node_arg(struct get *g, size_t i)
{
	const char *node = i < g->n_arg ? g->arg[i] : "";

	if (node[0] == '\0')
		return refuse(g, SCHA_ERR_INVAL, "tag %s needs a node name "
		    "argument", g->tag);
	if (!cmd_is_member(node))
		return refuse(g, SCHA_ERR_NODE, "node %s is not a cluster "
		    "member", node);
	return 0;
}

/*
 * Another node's row of a group ("rg") or resource ("r") from its last
 * state report: the fields (kind, name, state, then rg: giveover_at; r:
 * status, message) copied into f.
 */
struct other_row {
	const char	*node;
	bool		 found;
	char		 f[5][STATE_MSG_MAX];
};

static void
take_row(void *arg, const char *node, char **f, size_t n)
{
	struct other_row *o = arg;

	if (strcmp(node, o->node) != 0 || o->found)
		return;
	o->found = true;
	for (size_t i = 0; i < n && i < 5; i++)
		snprintf(o->f[i], sizeof(o->f[i]), "%s", f[i]);
}

/*
 * The state of a per-node tag's node (the argument at index 0) for kind
 * and name: 0 with *local true for this node; 0 with o filled from
 * another node's report, or as OFFLINE for a node that is down; a refusal
 * otherwise: 11 for a node that is not a cluster member, 19 for an up
 * node whose rgmd has not reported.
 */
static int
node_row(struct get *g, const char *kind, const char *name,
    struct other_row *o, bool *local)
{
	int rc = cluster_node_arg(g, 0);
	const struct membership_view *v = membership_view();
	const struct membership_node *n;

	*local = rc == 0 && strcmp(g->arg[0], rgmd.conf.node_name) == 0;
	if (rc != 0 || *local)
		return rc;
	memset(o, 0, sizeof(*o));
	o->node = g->arg[0];
	cluster_state_each_row(kind, name, take_row, o);
	if (o->found)
		return 0;
	/* Down in the membership engine's view (not only its rgmd). */
	n = membership_view_find_name(v, o->node);
	if (v->connected && n != NULL && !n->up) {
		snprintf(o->f[2], sizeof(o->f[2]), "Offline");
		snprintf(o->f[3], sizeof(o->f[3]), "OFFLINE");
		return 0;
	}
	return refuse(g, SCHA_ERR_CLUSTER, "the state of node %s is not "
	    "known on %s: its rgmd has not reported it here (absent, or "
	    "not heard yet)", o->node, rgmd.conf.node_name);
}

/* ---- resource types --------------------------------------------------- */

/* Is tag a method of the RTR file (START, MONITOR_CHECK, ...)? Prints the
 * module's entry point, nothing when the type has no such method. */
static bool
type_method(struct get *g, const struct rt *t)
{
	for (int m = 0; m < RT_N_METHODS; m++)
		if (is_tag(g, rt_method_names[m])) {
			if (t->methods & (1u << m))
				fprintf(g->f, "%s\n", rt_method_names[m]);
			return true;
		}
	return false;
}

static void
print_dir(FILE *f, const char *path)
{
	const char *slash = strrchr(path, '/');

	fprintf(f, "%.*s\n", slash ? (int)(slash - path) : 0, path);
}

/* Tags of a type, also reachable from scha_resource_get. 0, or -1 when
 * tag is not one of them. */
static int
type_tag(struct get *g, const struct rt *t)
{
	FILE *f = g->f;

	if (is_tag(g, "RT_basedir"))
		print_dir(f, t->module);
	else if (is_tag(g, "RT_description"))
		fprintf(f, "%s\n", t->description ? t->description : "");
	else if (is_tag(g, "RT_version"))
		fprintf(f, "%s\n", t->version ? t->version : "");
	else if (is_tag(g, "Vendor_id"))
		fprintf(f, "%s\n", t->vendor ? t->vendor : "");
	else if (is_tag(g, "API_version"))
		fprintf(f, "%d\n", t->api_version);
	else if (is_tag(g, "Failover"))
		fprintf(f, "%s\n", t->failover ? "TRUE" : "FALSE");
	else if (is_tag(g, "Single_instance"))
		fprintf(f, "%s\n", t->single_instance ? "TRUE" : "FALSE");
	else if (is_tag(g, "Init_nodes"))
		fprintf(f, "%s\n", t->init_nodes ? t->init_nodes :
		    "RG_PRIMARIES");
	else if (is_tag(g, "Installed_nodes"))
		print_nodes(f, t->nodes, t->n_nodes);
	else if (is_tag(g, "RT_system"))
		fprintf(f, "FALSE\n");
	else if (is_tag(g, "Is_logical_hostname"))
		fprintf(f, "%s\n", strcmp(t->name, "SUNW.LogicalHostname") ?
		    "FALSE" : "TRUE");
	else if (is_tag(g, "Is_shared_address"))
		fprintf(f, "%s\n", strcmp(t->name, "SUNW.SharedAddress") ?
		    "FALSE" : "TRUE");
	else if (is_tag(g, "RT_rtr_file"))
		fprintf(f, "%s\n", t->rtr_path);
	else if (is_tag(g, "RT_module"))
		fprintf(f, "%s\n", t->module);
	else if (!type_method(g, t))
		return -1;
	return 0;
}

static int
get_type(struct get *g, const char *name)
{
	const struct rt *t = name ? ccr_type(rgmd.ccr, name) : NULL;

	if (name == NULL || name[0] == '\0')
		return refuse(g, SCHA_ERR_INVAL, "a resource type is needed "
		    "(-T)");
	if (t == NULL)
		return refuse(g, SCHA_ERR_RT, "unknown resource type %s",
		    name);
	if (is_tag(g, "Resource_list")) {
		for (size_t i = 0; i < rgmd.ccr->n_res; i++)
			if (strcmp(rgmd.ccr->res[i]->type, t->name) == 0)
				fprintf(g->f, "%s\n", rgmd.ccr->res[i]->name);
		return 0;
	}
	if (type_tag(g, t) == 0)
		return 0;
	return refuse(g, SCHA_ERR_TAG, "unknown tag %s for resource type %s",
	    g->tag, t->name);
}

/* ---- resources -------------------------------------------------------- */

static int
res_extension(struct get *g, const struct res *r, const struct rt *t)
{
	const struct prop_decl *d;
	const struct prop *p;

	if (g->n_arg < 1 || g->arg[0][0] == '\0')
		return refuse(g, SCHA_ERR_INVAL, "tag %s needs the name of an "
		    "extension property", g->tag);
	d = t ? rt_find_decl(t, g->arg[0]) : NULL;
	if (d == NULL || !d->extension ||
	    (p = prop_list_find(&r->ext, g->arg[0])) == NULL)
		return refuse(g, SCHA_ERR_PROP, "resource %s (type %s) has no "
		    "extension property %s", r->name, r->type, g->arg[0]);
	for (const char *s = prop_type_name(d->type); *s != '\0'; s++)
		fputc(tolower((unsigned char)*s), g->f);
	fputc('\n', g->f);
	print_value(g->f, &p->v);
	return 0;
}

/* Tags of the resource's state on a node (this one). 0, -1 not one. */
static int
res_state_tag(struct get *g, const struct res *r, int *rc)
{
	const struct r_run *rr = state_r(r->name);
	bool node = is_tag(g, "Resource_state_node") ||
	    is_tag(g, "Status_node"), local = true;
	struct other_row o;

	if (!node && !is_tag(g, "Resource_state") && !is_tag(g, "Status"))
		return -1;
	if (node && (*rc = node_row(g, "r", r->name, &o, &local)) != 0)
		return 0;
	if (strncasecmp(g->tag, "Status", 6) == 0)
		fprintf(g->f, "%s\n%s\n", local ? rr->status : o.f[3],
		    local ? rr->status_msg : o.f[4]);
	else
		print_upper(g->f, local ? fsm_r_state_name(rr->state) :
		    o.f[2]);
	*rc = 0;
	return 0;
}

static int
get_resource(struct get *g, const char *name, const char *group)
{
	const struct res *r = name ? ccr_resource(rgmd.ccr, name) : NULL;
	const struct rt *t;
	const struct prop *p;
	int rc;

	if (name == NULL || name[0] == '\0')
		return refuse(g, SCHA_ERR_INVAL, "a resource is needed (-R)");
	if (group != NULL && ccr_group(rgmd.ccr, group) == NULL)
		return refuse(g, SCHA_ERR_RG, "unknown resource group %s",
		    group);
	if (r == NULL)
		return refuse(g, SCHA_ERR_RSRC, "unknown resource %s", name);
	if (group != NULL && strcmp(group, r->group) != 0)
		return refuse(g, SCHA_ERR_RSRC, "resource %s is not in "
		    "resource group %s (it is in %s)", name, group, r->group);
	t = ccr_type(rgmd.ccr, r->type);
	if (is_tag(g, "Extension") || is_tag(g, "Extension_node")) {
		if (is_tag(g, "Extension_node") && !cmd_is_member(g->n_arg >
		    1 ? g->arg[1] : ""))
			return refuse(g, g->n_arg < 2 ? SCHA_ERR_INVAL :
			    SCHA_ERR_NODE, "tag %s needs a property and a "
			    "cluster node", g->tag);
		return res_extension(g, r, t);	/* same on every node */
	}
	if (res_state_tag(g, r, &rc) == 0)
		return rc;
	if (is_tag(g, "All_extensions")) {
		for (size_t i = 0; i < r->ext.n; i++)
			fprintf(g->f, "%s\n", r->ext.p[i].name);
	} else if (is_tag(g, "Type")) {
		fprintf(g->f, "%s\n", r->type);
	} else if (is_tag(g, "Group")) {
		fprintf(g->f, "%s\n", r->group);
	} else if (is_tag(g, "Type_version")) {
		fprintf(g->f, "%s\n", t && t->version ? t->version : "");
	} else if (is_tag(g, "On_off_switch")) {
		fprintf(g->f, "%s\n", r->enabled ? "ENABLED" : "DISABLED");
	} else if (is_tag(g, "Monitored_switch")) {
		fprintf(g->f, "%s\n", r->monitored ? "ENABLED" : "DISABLED");
	} else if ((p = prop_list_find(&r->props, g->tag)) != NULL) {
		print_value(g->f, &p->v);
	} else if (t == NULL || type_tag(g, t) == -1) {
		return refuse(g, SCHA_ERR_TAG, "unknown tag %s for resource "
		    "%s%s", g->tag, name, prop_list_find(&r->ext, g->tag) ?
		    ": it is an extension property, ask for it with -O "
		    "Extension" : "");
	}
	return 0;
}

/* ---- resource groups -------------------------------------------------- */

static int
get_group(struct get *g, const char *name)
{
	const struct rg *rg = name ? ccr_group(rgmd.ccr, name) : NULL;
	const struct rg_run *run;
	const struct prop *p;
	int rc;

	if (name == NULL || name[0] == '\0')
		return refuse(g, SCHA_ERR_INVAL, "a resource group is needed "
		    "(-G)");
	if (rg == NULL)
		return refuse(g, SCHA_ERR_RG, "unknown resource group %s",
		    name);
	if (is_tag(g, "RG_state") || is_tag(g, "RG_state_node")) {
		struct other_row o;
		bool local = true;

		if (is_tag(g, "RG_state_node") && (rc = node_row(g, "rg",
		    rg->name, &o, &local)) != 0)
			return rc;
		run = state_rg(rg->name);
		print_upper(g->f, local ? fsm_rg_state_name(run->state) :
		    o.f[2]);
	} else if (is_tag(g, "Resource_list")) {
		for (size_t i = 0; i < rgmd.ccr->n_res; i++)
			if (strcmp(rgmd.ccr->res[i]->group, rg->name) == 0)
				fprintf(g->f, "%s\n", rgmd.ccr->res[i]->name);
	} else if (is_tag(g, "RG_name")) {
		fprintf(g->f, "%s\n", rg->name);
	} else if (is_tag(g, "Nodelist")) {
		p = prop_list_find(&rg->props, "Nodelist");
		print_nodes(g->f, p ? p->v.v : NULL, p ? p->v.n : 0);
	} else if ((p = prop_list_find(&rg->props, g->tag)) != NULL) {
		print_value(g->f, &p->v);
	} else {
		return refuse(g, SCHA_ERR_TAG, "unknown tag %s for resource "
		    "group %s", g->tag, name);
	}
	return 0;
}

/* ---- the cluster ------------------------------------------------------ */

static int
get_cluster(struct get *g)
{
	FILE *f = g->f;
	int rc;

	if (is_tag(g, "Nodename_local") || is_tag(g, "Clustername")) {
		fprintf(f, "%s\n", rgmd.conf.node_name);
	} else if (is_tag(g, "All_nodenames")) {
		cluster_nodes(f);
	} else if (is_tag(g, "All_resourcegroups")) {
		for (size_t i = 0; i < rgmd.ccr->n_groups; i++)
			fprintf(f, "%s\n", rgmd.ccr->groups[i]->name);
	} else if (is_tag(g, "All_resourcetypes")) {
		for (size_t i = 0; i < rgmd.ccr->n_types; i++)
			fprintf(f, "%s\n", rgmd.ccr->types[i]->name);
	} else if (is_tag(g, "Node_state_local")) {
		fprintf(f, "UP\n");
	} else if (is_tag(g, "Node_state_node")) {
		if ((rc = cluster_node_arg(g, 0)) != 0)
			return rc;
		fprintf(f, "%s\n", node_state(g->arg[0]));
	} else {
		return refuse(g, SCHA_ERR_TAG, "unknown tag %s for the "
		    "cluster", g->tag);
	}
	return 0;
}

/* ---- the request ------------------------------------------------------ */

char *
cmd_get(const struct ctl_msg *req, int *code)
{
	const char *of = ctl_msg_get(req, "of");
	struct get g = { .tag = ctl_msg_get(req, "tag") };
	char *buf = NULL;
	size_t len;

	g.n_arg = cmd_list(req, "arg", (char **)g.arg);
	if ((g.f = open_memstream(&buf, &len)) == NULL) {
		*code = SCHA_ERR_NOMEM;
		return NULL;
	}
	if (of == NULL || g.tag == NULL || g.tag[0] == '\0')
		*code = refuse(&g, SCHA_ERR_INVAL, "malformed request: of= "
		    "and tag= are required");
	else if (strcmp(of, "resource") == 0)
		*code = get_resource(&g, ctl_msg_get(req, "resource"),
		    ctl_msg_get(req, "group"));
	else if (strcmp(of, "group") == 0)
		*code = get_group(&g, ctl_msg_get(req, "group"));
	else if (strcmp(of, "type") == 0)
		*code = get_type(&g, ctl_msg_get(req, "type"));
	else if (strcmp(of, "cluster") == 0)
		*code = get_cluster(&g);
	else
		*code = refuse(&g, SCHA_ERR_INVAL, "malformed request: of=%s "
		    "(resource, group, type, cluster)", of);
	fclose(g.f);
	if (*code != 0) {	/* the refusal replaces what was printed */
		free(buf);
		if (asprintf(&buf, "%s\n", g.err) == -1)
			return NULL;
	}
	return buf;
}
