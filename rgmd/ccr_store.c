// SPDX-License-Identifier: MIT
/*
 * ccr_store.c - the repository as a libconfig document:
 *   generation = N;
 *   types = ( { name; rtr; nodes = [...]; methods; definition;
 *               definition_sum; } ... );
 *   groups = ( { name; managed; [offline;] [switch = { nodes; members; };]
 *     props = { ... }; } ... );
 *   resources = ( { name; group; type; enabled; monitored;
 *                   props = { ... }; ext = { ... }; } ... );
 * A type carries its definition: the text of its RTR file as registered
 * (rtr is where it was read, which places a relative MODULE), so a node
 * loads, checks and shows a type without the file, and every node of a
 * cluster holds the same declarations; whether a node can run the type
 * is its own business (rt_avail.h). A configuration written before the
 * definition was kept (no "definition") is loaded from the RTR file, as
 * it was then, and written back with the definition. definition_sum
 * (ccr_text_checksum: length and CRC-32) refuses a definition cut or
 * changed apart from its entry. store.c writes the document atomically.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strings.h>

#include "ccr.h"
#include "ccr_text.h"
#include "stdprops.h"
#include "switchreq.h"

static config_setting_t *
add_str(config_setting_t *p, const char *name, const char *v)
{
	config_setting_t *s = config_setting_add(p, name, CONFIG_TYPE_STRING);

	if (s != NULL)
		config_setting_set_string(s, v);
	return s;
}

static config_setting_t *
add_bool(config_setting_t *p, const char *name, bool v)
{
	config_setting_t *s = config_setting_add(p, name, CONFIG_TYPE_BOOL);

	if (s != NULL)
		config_setting_set_bool(s, v);
	return s;
}

static int
add_props(config_setting_t *p, const char *name, const struct prop_list *l)
{
	config_setting_t *g = config_setting_add(p, name, CONFIG_TYPE_GROUP);

	if (g == NULL)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (prop_value_to_setting(g, l->p[i].name, &l->p[i].v) == -1)
			return -1;
	return 0;
}

static int
add_definition(config_setting_t *e, const char *def)
{
	config_setting_t *s;

	if (!add_str(e, "definition", def) || !(s = config_setting_add(e,
	    "definition_sum", CONFIG_TYPE_INT64)))
		return -1;
	config_setting_set_int64(s, (long long)ccr_text_checksum(def,
	    strlen(def)));
	return 0;
}

static int
types_to_config(const struct ccr *c, config_setting_t *root)
{
	config_setting_t *l = config_setting_add(root, "types",
	    CONFIG_TYPE_LIST);

	for (size_t i = 0; l != NULL && i < c->n_types; i++) {
		const struct rt *t = c->types[i];
		config_setting_t *e = config_setting_add(l, NULL,
		    CONFIG_TYPE_GROUP), *nodes, *m;

		if (e == NULL || !add_str(e, "name", t->name) ||
		    !add_str(e, "rtr", t->rtr_path) ||
		    !(nodes = config_setting_add(e, "nodes", CONFIG_TYPE_ARRAY)) ||
		    !(m = config_setting_add(e, "methods", CONFIG_TYPE_INT)))
			return -1;
		config_setting_set_int(m, (int)t->methods);
		for (size_t k = 0; k < t->n_nodes; k++)
			config_setting_set_string_elem(nodes, -1, t->nodes[k]);
		if (t->definition != NULL && add_definition(e,
		    t->definition) == -1)
			return -1;
	}
	return l ? 0 : -1;
}

int
ccr_to_config(const struct ccr *c, config_t *cf)
{
	config_setting_t *root = config_root_setting(cf), *gen, *l;

	if (!(gen = config_setting_add(root, "generation", CONFIG_TYPE_INT64)))
		return -1;
	config_setting_set_int64(gen, (long long)c->generation);
	if (types_to_config(c, root) == -1 ||
	    !(l = config_setting_add(root, "groups", CONFIG_TYPE_LIST)))
		return -1;
	for (size_t i = 0; i < c->n_groups; i++) {
		const struct rg *g = c->groups[i];
		config_setting_t *e = config_setting_add(l, NULL,
		    CONFIG_TYPE_GROUP);

		if (!e || !add_str(e, "name", g->name) ||
		    !add_bool(e, "managed", g->managed) ||
		    (g->offline && !add_bool(e, "offline", true)) ||
		    switchreq_to_config(e, &g->sw) == -1 ||
		    add_props(e, "props", &g->props) == -1)
			return -1;
	}
	if (!(l = config_setting_add(root, "resources", CONFIG_TYPE_LIST)))
		return -1;
	for (size_t i = 0; i < c->n_res; i++) {
		const struct res *r = c->res[i];
		config_setting_t *e = config_setting_add(l, NULL,
		    CONFIG_TYPE_GROUP);

		if (!e || !add_str(e, "name", r->name) ||
		    !add_str(e, "group", r->group) ||
		    !add_str(e, "type", r->type) ||
		    !add_bool(e, "enabled", r->enabled) ||
		    !add_bool(e, "monitored", r->monitored) ||
		    add_props(e, "props", &r->props) == -1 ||
		    add_props(e, "ext", &r->ext) == -1)
			return -1;
	}
	return 0;
}

/*
 * Loading. The document may come from a damaged file or, with the cluster,
 * from another node: every element is checked for its kind and type before
 * use, every allocation is checked, and a refusal names the entry, its
 * line and what is wrong. The result is then checked as a whole
 * (ccr_check) like an edit would be.
 */

/* A list of group entries ("types", ...); an absent one is empty. */
static int
check_list(const config_setting_t *l, const char *what, char *err,
    size_t errlen)
{
	if (l == NULL || config_setting_is_list(l))
		return 0;
	snprintf(err, errlen, "line %d: %s must be a list ( ... )",
	    config_setting_source_line(l), what);
	return -1;
}

/* Entry i of list l, which must be a group { ... }. */
static const config_setting_t *
entry(const config_setting_t *l, int i, const char *what, char *err,
    size_t errlen)
{
	const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);

	if (e == NULL || !config_setting_is_group(e)) {
		snprintf(err, errlen, "line %d: %s entry %d is not a block "
		    "{ ... }", config_setting_source_line(e ? e : l), what, i + 1);
		return NULL;
	}
	return e;
}

/* Member name of entry e, which must be there with the libconfig type. */
static const config_setting_t *
member(const config_setting_t *e, const char *name, int type,
    const char *what, char *err, size_t errlen)
{
	const config_setting_t *m = config_setting_get_member(e, name);
	static const char *const words[] = {
		[CONFIG_TYPE_INT] = "an integer",
		[CONFIG_TYPE_STRING] = "a string",
		[CONFIG_TYPE_BOOL] = "true or false",
		[CONFIG_TYPE_ARRAY] = "an array of strings",
		[CONFIG_TYPE_GROUP] = "a block { ... }",
	};

	if (m != NULL && config_setting_type(m) == type)
		return m;
	snprintf(err, errlen, "line %d: %s: %s %s %s",
	    config_setting_source_line(m ? m : e), what, name,
	    m ? "must be" : "is missing: it must be", words[type]);
	return NULL;
}

static const char *
get_str(const config_setting_t *e, const char *name, const char *what,
    char *err, size_t errlen)
{
	const config_setting_t *m = member(e, name, CONFIG_TYPE_STRING, what,
	    err, errlen);

	return m ? config_setting_get_string(m) : NULL;
}

static int
get_bool(const config_setting_t *e, const char *name, const char *what,
    bool *out, char *err, size_t errlen)
{
	const config_setting_t *m = member(e, name, CONFIG_TYPE_BOOL, what,
	    err, errlen);

	if (m == NULL)
		return -1;
	*out = config_setting_get_bool(m);
	return 0;
}

static int
nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "out of memory");
	return -1;
}

/* Read a props group, typing and checking each value by its declaration. */
static int
props_from(const config_setting_t *e, const char *key,
    const struct prop_decl *decls, size_t n, struct prop_list *l,
    const char *owner, char *err, size_t errlen)
{
	const config_setting_t *s = member(e, key, CONFIG_TYPE_GROUP, owner,
	    err, errlen);

	for (int i = 0; s != NULL && i < config_setting_length(s); i++) {
		const config_setting_t *m = config_setting_get_elem(s,
		    (unsigned)i);
		const char *name = config_setting_name(m);
		const struct prop_decl *d = stdprops_find(decls, n, name);
		struct prop_value v;
		char perr[256];
		int rc;

		if (d == NULL) {
			snprintf(err, errlen, "%s: property %s is no longer "
			    "declared", owner, name);
			return -1;
		}
		if (prop_value_from_setting(m, d->type, &v, perr,
		    sizeof(perr)) == -1 || prop_check(d, &v, perr,
		    sizeof(perr)) == -1) {
			prop_value_free(&v);
			snprintf(err, errlen, "%s: %s", owner, perr);
			return -1;
		}
		rc = prop_list_set(l, d->name, &v);
		prop_value_free(&v);
		if (rc == -1)
			return nomem(err, errlen);
	}
	return s ? 0 : -1;
}

/* Installed_nodes of a type: strings, each once. */
static int
type_nodes(const config_setting_t *e, struct rt *t, char *err,
    size_t errlen)
{
	const config_setting_t *nodes = member(e, "nodes", CONFIG_TYPE_ARRAY,
	    t->name, err, errlen);
	int n = nodes ? config_setting_length(nodes) : 0;

	if (nodes == NULL)
		return -1;
	if ((t->nodes = calloc((size_t)n + 1, sizeof(char *))) == NULL)
		return nomem(err, errlen);
	for (int k = 0; k < n; k++) {
		const char *v = config_setting_get_string_elem(nodes, k);

		if (v == NULL) {
			snprintf(err, errlen, "line %d: resource type %s: "
			    "nodes must be an array of strings",
			    config_setting_source_line(nodes), t->name);
			return -1;
		}
		if ((t->nodes[t->n_nodes] = strdup(v)) == NULL)
			return nomem(err, errlen);
		t->n_nodes++;
	}
	return 0;
}

/*
 * The declarations of a type entry: from its definition, or, in a
 * configuration written before definitions were kept, from its RTR file
 * (read and checked as at registration). A definition must declare the
 * type the entry names.
 */
static int
type_decls(const config_setting_t *e, const char *rtr, int api, struct rt *t,
    char *err, size_t errlen)
{
	const config_setting_t *d = config_setting_get_member(e, "definition");
	const config_setting_t *sum;
	const char *name, *text;
	char why[512];

	if (d == NULL)
		return rtr_load(rtr, api, t, err, errlen);
	if ((name = get_str(e, "name", "resource type entry", err,
	    errlen)) == NULL || (text = get_str(e, "definition", name, err,
	    errlen)) == NULL)
		return -1;
	sum = config_setting_get_member(e, "definition_sum");
	if (sum == NULL || (config_setting_type(sum) != CONFIG_TYPE_INT64 &&
	    config_setting_type(sum) != CONFIG_TYPE_INT) ||
	    (uint64_t)config_setting_get_int64(sum) !=
	    ccr_text_checksum(text, strlen(text))) {
		snprintf(err, errlen, "line %d: resource type %s: its "
		    "definition is damaged (%zu bytes; definition_sum %s)",
		    config_setting_source_line(d), name, strlen(text),
		    sum ? "does not match" : "is missing");
		return -1;
	}
	if (rtr_parse(text, strlen(text), rtr, 0, t, why, sizeof(why)) == -1) {
		snprintf(err, errlen, "line %d: resource type %s: definition "
		    "refused: %s", config_setting_source_line(d), name, why);
		return -1;
	}
	if (strcmp(t->name, name) != 0) {
		snprintf(err, errlen, "line %d: resource type %s: its "
		    "definition declares RESOURCE_TYPE %s",
		    config_setting_source_line(d), name, t->name);
		rt_free(t);
		return -1;
	}
	return 0;
}

static int
type_from(struct ccr *c, const config_setting_t *e, int api, char *err,
    size_t errlen)
{
	const char *rtr = get_str(e, "rtr", "resource type entry", err,
	    errlen);
	const config_setting_t *m;
	struct rt t;

	if (rtr == NULL || type_decls(e, rtr, api, &t, err, errlen) == -1)
		return -1;
	if ((m = member(e, "methods", CONFIG_TYPE_INT, t.name, err,
	    errlen)) == NULL || type_nodes(e, &t, err, errlen) == -1 ||
	    ccr_type_add(c, &t, err, errlen) == -1) {
		rt_free(&t);
		return -1;
	}
	c->types[c->n_types - 1]->methods =
	    (unsigned int)config_setting_get_int(m) &
	    ((1u << RT_N_METHODS) - 1);
	return 0;
}

static int
types_from(struct ccr *c, const config_setting_t *l, int api, char *err,
    size_t errlen)
{
	const config_setting_t *e;

	if (check_list(l, "types", err, errlen) == -1)
		return -1;
	for (int i = 0; l != NULL && i < config_setting_length(l); i++)
		if ((e = entry(l, i, "types", err, errlen)) == NULL ||
		    type_from(c, e, api, err, errlen) == -1)
			return -1;
	return 0;
}

static int
groups_from(struct ccr *c, const config_setting_t *l, char *err,
    size_t errlen)
{
	size_t n;
	const struct prop_decl *decls = stdprops_group(&n);
	const config_setting_t *e;

	if (check_list(l, "groups", err, errlen) == -1)
		return -1;
	for (int i = 0; l != NULL && i < config_setting_length(l); i++) {
		struct ccr_assign none = { 0 };
		const char *name;
		struct rg *g;

		if ((e = entry(l, i, "groups", err, errlen)) == NULL ||
		    (name = get_str(e, "name", "resource group entry", err,
		    errlen)) == NULL ||
		    ccr_group_add(c, name, NULL, 0, &none, err, errlen) == -1)
			return -1;
		g = ccr_group(c, name);
		if (get_bool(e, "managed", name, &g->managed, err,
		    errlen) == -1 || props_from(e, "props", decls, n, &g->props,
		    name, err, errlen) == -1)
			return -1;
		/* Optional: written only when set (scswitch -F in a cluster). */
		if (config_setting_get_member(e, "offline") != NULL &&
		    get_bool(e, "offline", name, &g->offline, err, errlen) == -1)
			return -1;
		/* Optional: a switch request (switchreq.h). */
		if (switchreq_from_config(e, &g->sw, name, err, errlen) == -1)
			return -1;
	}
	return 0;
}

/* A new resource named by entry e, added to c (checked by ccr_check). */
static struct res *
resource_new(struct ccr *c, const config_setting_t *e, char *err,
    size_t errlen)
{
	const char *what = "resource entry", *name, *type, *group;
	struct res *r, **nr;

	if (!(name = get_str(e, "name", what, err, errlen)) ||
	    !(type = get_str(e, "type", name, err, errlen)) ||
	    !(group = get_str(e, "group", name, err, errlen)))
		return NULL;
	if (ccr_resource(c, name) != NULL || ccr_type(c, type) == NULL ||
	    ccr_group(c, group) == NULL) {
		snprintf(err, errlen, "line %d: resource %s: %s",
		    config_setting_source_line(e), name,
		    ccr_resource(c, name) ? "stored twice" :
		    ccr_type(c, type) ? "unknown resource group" :
		    "unknown resource type");
		return NULL;
	}
	if ((nr = realloc(c->res, (c->n_res + 1) * sizeof(*c->res))) == NULL ||
	    (r = calloc(1, sizeof(*r))) == NULL) {
		nomem(err, errlen);
		return NULL;
	}
	c->res = nr;
	c->res[c->n_res++] = r;
	if (!(r->name = strdup(name)) || !(r->type = strdup(type)) ||
	    !(r->group = strdup(group))) {
		nomem(err, errlen);
		return NULL;
	}
	return r;
}

static int
resources_from(struct ccr *c, const config_setting_t *l, char *err,
    size_t errlen)
{
	const config_setting_t *e;

	if (check_list(l, "resources", err, errlen) == -1)
		return -1;
	for (int i = 0; l != NULL && i < config_setting_length(l); i++) {
		struct res *r;
		struct rt *t;

		if ((e = entry(l, i, "resources", err, errlen)) == NULL ||
		    (r = resource_new(c, e, err, errlen)) == NULL)
			return -1;
		t = ccr_type(c, r->type);
		if (get_bool(e, "enabled", r->name, &r->enabled, err,
		    errlen) == -1 || get_bool(e, "monitored", r->name,
		    &r->monitored, err, errlen) == -1 ||
		    props_from(e, "props", t->decls, t->n_decls, &r->props,
		    r->name, err, errlen) == -1 ||
		    props_from(e, "ext", t->decls, t->n_decls, &r->ext,
		    r->name, err, errlen) == -1 ||
		    ccr_resource_complete(c, r, err, errlen) == -1)
			return -1;
	}
	/* The last part: the whole, as an edit would have been checked. */
	return ccr_check(c, err, errlen);
}

int
ccr_from_config(struct ccr *c, const config_t *cf, int api, char *err,
    size_t errlen)
{
	long long gen = 0;

	config_lookup_int64(cf, "generation", &gen);
	c->generation = (uint64_t)gen;
	if (types_from(c, config_lookup(cf, "types"), api, err, errlen) == -1 ||
	    groups_from(c, config_lookup(cf, "groups"), err, errlen) == -1 ||
	    resources_from(c, config_lookup(cf, "resources"), err,
	    errlen) == -1)
		return -1;
	return 0;
}
