// SPDX-License-Identifier: MIT
/*
 * show_json.c - scstat --json and scrgadm -p --json: the state (groups
 * with every node's row, resources, nodes, quorum) and the configuration
 * (types, groups, resources with typed property values) as one JSON
 * document each, built with jansson so that every string is escaped by a
 * library rather than by hand. Runs in rgmd, for a print or status request
 * with format=json (show.c hands it over).
 *
 * The documents follow the schemas installed with the project
 * (schema/scstat.schema.json, schema/scrgadm.schema.json; described in
 * scstat(8) and scrgadm(8)); SHOW_JSON_SCHEMA_VERSION changes only when a
 * field is removed or renamed or changes its type or meaning. Refusals
 * (an unknown node, group, resource or type) are text, as in the plain
 * form, with the same wording, so the exit codes are the same.
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cluster.h"
#include "cluster_state.h"
#include "membership.h"
#include "pmf.h"
#include "rgmd.h"
#include "show.h"
#include "show_json.h"

/* jansson's setters take the new reference even on failure; a failed
 * allocation leaves a member out, and the dump at the end fails. */
static void
put(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
}

/* A JSON string of s; text that is not valid UTF-8 (a status message a
 * type set from Latin-1 bytes, say) has its bytes above 127 replaced by
 * '?', since JSON text is Unicode. */
static json_t *
str(const char *s)
{
	json_t *j = json_string(s != NULL ? s : "");
	char *c;

	if (j != NULL || s == NULL || (c = strdup(s)) == NULL)
		return j;
	for (char *p = c; *p; p++)
		if ((unsigned char)*p > 127)
			*p = '?';
	j = json_string(c);
	free(c);
	return j;
}

static json_t *
doc_new(const char *kind)
{
	json_t *d = json_object();

	put(d, "schema_version", json_integer(SHOW_JSON_SCHEMA_VERSION));
	put(d, "kind", json_string(kind));
	put(d, "node", str(rgmd.conf.node_name));
	put(d, "generated_at", json_integer((json_int_t)time(NULL)));
	return d;
}

/* The text of d (malloc'd, with a final newline), or NULL. */
static char *
doc_text(json_t *d)
{
	char *s = json_dumps(d, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	char *out = NULL;

	json_decref(d);
	if (s == NULL || asprintf(&out, "%s\n", s) == -1)
		out = NULL;
	free(s);
	return out;
}

/* ---- configuration ----------------------------------------------------- */

static json_t *
value_json(const struct prop_value *v)
{
	json_t *a;

	switch (v->type) {
	case PROP_INT:
		return json_integer(v->i);
	case PROP_BOOL:
		return json_boolean(v->b);
	case PROP_STRINGARRAY:
		a = json_array();
		for (size_t i = 0; i < v->n; i++)
			json_array_append_new(a, str(v->v[i]));
		return a;
	case PROP_STRING:
	case PROP_ENUM:
		break;
	}
	return str(v->s);
}

static json_t *
props_json(const struct prop_list *l)
{
	json_t *o = json_object();

	for (size_t i = 0; i < l->n; i++)
		put(o, l->p[i].name, value_json(&l->p[i].v));
	return o;
}

static json_t *
decl_json(const struct prop_decl *d)
{
	json_t *o = json_object();

	put(o, "name", str(d->name));
	put(o, "type", json_string(prop_type_name(d->type)));
	put(o, "tunable", json_string(prop_tunable_name(d->tunable)));
	put(o, "extension", json_boolean(d->extension));
	if (d->has_default)
		put(o, "default", value_json(&d->def));
	if (d->has_min)
		put(o, "min", json_integer(d->min));
	if (d->has_max)
		put(o, "max", json_integer(d->max));
	if (d->n_enum > 0) {
		json_t *e = json_array();

		for (size_t i = 0; i < d->n_enum; i++)
			json_array_append_new(e, str(d->enumv[i]));
		put(o, "enum", e);
	}
	if (d->description != NULL)
		put(o, "description", str(d->description));
	return o;
}

static json_t *
strings_json(char **v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, str(v[i]));
	return a;
}

static json_t *
type_json(const struct rt *t)
{
	json_t *o = json_object(), *m = json_array(), *d = json_array();

	put(o, "name", str(t->name));
	put(o, "vendor", str(t->vendor));
	put(o, "description", str(t->description));
	put(o, "version", str(t->version));
	put(o, "api_version", json_integer(t->api_version));
	put(o, "rtr_file", str(t->rtr_path));
	put(o, "module", str(t->module));
	put(o, "failover", json_boolean(t->failover));
	put(o, "single_instance", json_boolean(t->single_instance));
	put(o, "installed_nodes", strings_json(t->nodes, t->n_nodes));
	for (int i = 0; i < RT_N_METHODS; i++)
		if (t->methods & (1U << i))
			json_array_append_new(m, json_string(
			    rt_method_names[i]));
	put(o, "methods", m);
	for (size_t i = 0; i < t->n_decls; i++)
		json_array_append_new(d, decl_json(&t->decls[i]));
	put(o, "properties", d);
	return o;
}

static json_t *
group_json(const struct rg *g)
{
	json_t *o = json_object();

	put(o, "name", str(g->name));
	put(o, "managed", json_boolean(g->managed));
	put(o, "properties", props_json(&g->props));
	return o;
}

static json_t *
resource_json(const struct res *r)
{
	json_t *o = json_object();

	put(o, "name", str(r->name));
	put(o, "group", str(r->group));
	put(o, "type", str(r->type));
	put(o, "enabled", json_boolean(r->enabled));
	put(o, "monitored", json_boolean(r->monitored));
	put(o, "properties", props_json(&r->props));
	put(o, "extension_properties", props_json(&r->ext));
	return o;
}

/* What scrgadm -p selects: everything, one type, or one group (with its
 * resources, or one of them). */
struct sel {
	const char	*type, *group, *res;
};

static bool
sel_all(const struct sel *s)
{
	return s->type == NULL && s->group == NULL;
}

static char *
print_json(const struct sel *s)
{
	const struct ccr *c = rgmd.ccr;
	json_t *d = doc_new("configuration");
	json_t *ts = json_array(), *gs = json_array(), *rs = json_array();

	put(d, "generation", json_integer((json_int_t)c->generation));
	for (size_t i = 0; i < c->n_types; i++)
		if (sel_all(s) || (s->type && strcmp(s->type,
		    c->types[i]->name) == 0))
			json_array_append_new(ts, type_json(c->types[i]));
	for (size_t i = 0; i < c->n_groups; i++)
		if (sel_all(s) || (s->group && strcmp(s->group,
		    c->groups[i]->name) == 0))
			json_array_append_new(gs, group_json(c->groups[i]));
	for (size_t i = 0; i < c->n_res; i++) {
		const struct res *r = c->res[i];

		if (sel_all(s) || (s->group && strcmp(s->group, r->group) ==
		    0 && (s->res == NULL || strcmp(s->res, r->name) == 0)))
			json_array_append_new(rs, resource_json(r));
	}
	put(d, "types", ts);
	put(d, "groups", gs);
	put(d, "resources", rs);
	return doc_text(d);
}

/* A refusal in the words of the text form (show.c): "unknown WHAT NAME"
 * and the rest (may be ""). */
static char *
refusal(bool *ok, const char *what, const char *name, const char *rest)
{
	char *s = NULL;

	*ok = false;
	if (asprintf(&s, "unknown %s %s%s\n", what, name, rest) == -1)
		return NULL;
	return s;
}

static char *
show_json_print(const struct ctl_msg *req, bool *ok)
{
	struct sel s = { ctl_msg_get(req, "type"), ctl_msg_get(req, "group"),
		ctl_msg_get(req, "resource") };
	const struct res *r = s.res ? ccr_resource(rgmd.ccr, s.res) : NULL;

	if (s.type != NULL && ccr_type(rgmd.ccr, s.type) == NULL)
		return refusal(ok, "resource type", s.type, "");
	if (s.group != NULL && ccr_group(rgmd.ccr, s.group) == NULL)
		return refusal(ok, "resource group", s.group, "");
	if (s.res != NULL && r == NULL)
		return refusal(ok, "resource", s.res, "");
	if (r != NULL)
		s.group = r->group;
	*ok = true;
	return print_json(&s);
}

/* ---- state ------------------------------------------------------------- */

/* Rows of one group or resource: this node's first, then the others'
 * (cluster_state.c), each filtered by -h when given. */
struct rows {
	json_t		*a;
	const char	*only;
};

static bool
row_wanted(const struct rows *w, const char *node)
{
	return w->only == NULL || strcmp(w->only, node) == 0;
}

static void
other_group_row(void *arg, const char *node, char **f, size_t n)
{
	struct rows *w = arg;
	json_t *o;

	if (!row_wanted(w, node))
		return;
	o = json_object();
	put(o, "node", str(node));
	put(o, "local", json_false());
	put(o, "state", str(f[2]));
	put(o, "giveover_at", json_integer(n > 3 ? strtoll(f[3], NULL, 10) :
	    0));
	json_array_append_new(w->a, o);
}

static json_t *
group_rows(const char *group, const char *only)
{
	struct rows w = { json_array(), only };
	const struct rg_run *g = state_rg(group);
	long until;

	if (row_wanted(&w, rgmd.conf.node_name)) {
		json_t *o = json_object();

		put(o, "node", str(rgmd.conf.node_name));
		put(o, "local", json_true());
		put(o, "state", json_string(fsm_rg_state_name(g->state)));
		put(o, "giveover_at", json_integer(g->giveover_at));
		if (state_rg_in_pingpong(group, (long)time(NULL), &until))
			put(o, "ineligible_until", json_integer(until));
		json_array_append_new(w.a, o);
	}
	cluster_state_each_row("rg", group, other_group_row, &w);
	return w.a;
}

static json_t *
res_row(const char *node, bool local, const char *state, const char *status,
    const char *msg)
{
	json_t *o = json_object();

	put(o, "node", str(node));
	put(o, "local", json_boolean(local));
	put(o, "state", str(state));
	put(o, "status", str(status[0] ? status : "OFFLINE"));
	put(o, "message", str(msg));
	return o;
}

static void
other_res_row(void *arg, const char *node, char **f, size_t n)
{
	struct rows *w = arg;

	if (n == 5 && row_wanted(w, node))
		json_array_append_new(w->a, res_row(node, false, f[2], f[3],
		    f[4]));
}

static json_t *
res_rows(const char *res, const char *only)
{
	struct rows w = { json_array(), only };
	const struct r_run *r = state_r(res);

	if (row_wanted(&w, rgmd.conf.node_name))
		json_array_append_new(w.a, res_row(rgmd.conf.node_name, true,
		    fsm_r_state_name(r->state), r->status, r->status_msg));
	cluster_state_each_row("r", res, other_res_row, &w);
	return w.a;
}

static json_t *
status_groups(const char *only)
{
	const struct ccr *c = rgmd.ccr;
	json_t *a = json_array();

	for (size_t i = 0; i < c->n_groups; i++) {
		json_t *o = json_object(), *rs = json_array();

		put(o, "name", str(c->groups[i]->name));
		put(o, "managed", json_boolean(c->groups[i]->managed));
		for (size_t k = 0; k < c->n_res; k++)
			if (strcmp(c->res[k]->group, c->groups[i]->name) == 0)
				json_array_append_new(rs, str(c->res[k]->name));
		put(o, "resources", rs);
		put(o, "nodes", group_rows(c->groups[i]->name, only));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
status_resources(const char *only)
{
	const struct ccr *c = rgmd.ccr;
	json_t *a = json_array();

	for (size_t i = 0; i < c->n_res; i++) {
		const struct res *r = c->res[i];
		json_t *o = json_object();

		put(o, "name", str(r->name));
		put(o, "group", str(r->group));
		put(o, "type", str(r->type));
		put(o, "enabled", json_boolean(r->enabled));
		put(o, "monitored", json_boolean(r->monitored));
		put(o, "nodes", res_rows(r->name, only));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
status_nodes(const char *only)
{
	const struct membership_view *v = membership_view();
	json_t *a = json_array();

	for (size_t i = 0; i < v->n; i++) {
		const struct membership_node *n = &v->nodes[i];
		json_t *o;

		if (only != NULL && strcmp(only, n->name) != 0)
			continue;
		o = json_object();
		put(o, "name", str(n->name));
		put(o, "id", json_integer(n->id));
		put(o, "local", json_boolean(n->id == v->local_id));
		put(o, "status", json_string(show_cluster_node_status(v, n)));
		put(o, "rgmd", json_string(show_cluster_rgmd_status(v, n)));
		put(o, "votes", json_integer(n->votes));
		put(o, "votes_present", json_integer(v->connected && n->up ?
		    n->votes : 0));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
status_quorum(void)
{
	const struct membership_view *v = membership_view();
	json_t *o = json_object();
	struct cluster_info ci;

	put(o, "backend", json_string(membership_backend_name()));
	put(o, "connected", json_boolean(v->connected));
	put(o, "fault", v->connected ? json_null() : str(v->fault));
	put(o, "votes_possible", json_integer(v->expected_votes));
	put(o, "votes_needed", json_integer(v->quorum));
	put(o, "votes_present", json_integer(v->connected ? v->total_votes :
	    0));
	put(o, "quorate", json_boolean(v->quorate));
	if (cluster_info(&ci)) {
		json_t *c = json_object();
		char sum[20];

		snprintf(sum, sizeof(sum), "%016llx", ci.checksum);
		put(c, "generation", json_integer((json_int_t)ci.generation));
		put(c, "checksum", json_string(sum));
		put(c, "state", str(ci.state));
		put(c, "changes_refused", ci.refused[0] ? str(ci.refused) :
		    json_null());
		put(o, "configuration", c);
	}
	return o;
}

static void
process_json(void *arg, const char *tag, const char *state, int pid,
    int restarts)
{
	json_t *o = json_object();

	put(o, "tag", str(tag));
	put(o, "node", str(rgmd.conf.node_name));
	put(o, "state", str(state));
	put(o, "pid", json_integer(pid));
	put(o, "restarts", json_integer(restarts));
	json_array_append_new(arg, o);
}

json_t *(*show_json_pdt_fn)(void);

static char *
show_json_status(const struct ctl_msg *req, bool *ok)
{
	bool g = ctl_msg_get(req, "groups") != NULL;
	bool n = ctl_msg_get(req, "nodes") != NULL;
	bool q = ctl_msg_get(req, "quorum") != NULL;
	bool s = ctl_msg_get(req, "scalable") != NULL;
	bool all = !g && !n && !q && !s;
	const char *only = ctl_msg_get(req, "node");
	const char *v = ctl_msg_get(req, "verbose");
	json_t *d;

	if (only != NULL && !membership_is_node(only)) {
		char names[512], rest[600];

		membership_names(names, sizeof(names));
		snprintf(rest, sizeof(rest), ": not a cluster node (cluster "
		    "nodes: %s)", names);
		return refusal(ok, "node", only, rest);
	}
	d = doc_new("status");
	if (all || n)
		put(d, "nodes", status_nodes(only));
	if (all || q)
		put(d, "quorum", status_quorum());
	if (all || g) {
		put(d, "groups", status_groups(only));
		put(d, "resources", status_resources(only));
	}
	if (s && show_json_pdt_fn != NULL)
		put(d, "scalable", show_json_pdt_fn());
	if (v != NULL && atoi(v) > 0) {
		json_t *a = json_array();

		if (only == NULL || strcmp(only, rgmd.conf.node_name) == 0)
			pmf_each(process_json, a);
		put(d, "processes", a);
	}
	*ok = true;
	return doc_text(d);
}

bool
show_json_wanted(const struct ctl_msg *req)
{
	const char *f = ctl_msg_get(req, "format");

	return f != NULL && strcmp(f, "json") == 0;
}

char *
show_json_request(const char *cmd, const struct ctl_msg *req, bool *ok)
{
	char *text = strcmp(cmd, "print") == 0 ? show_json_print(req, ok) :
	    show_json_status(req, ok);

	if (text == NULL) {
		*ok = false;
		return strdup("rgmd: out of memory\n");
	}
	return text;
}
