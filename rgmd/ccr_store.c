// SPDX-License-Identifier: MIT
/*
 * ccr_store.c - the repository as a libconfig document:
 *   generation = N;
 *   types = ( { name; rtr; nodes = [...]; methods; } ... );
 *   groups = ( { name; managed; props = { ... }; } ... );
 *   resources = ( { name; group; type; enabled; monitored;
 *                   props = { ... }; ext = { ... }; } ... );
 * Types are stored by the path of their RTR file, which is read again on
 * load so the declarations always come from one place. store.c writes the
 * document atomically.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strings.h>

#include "ccr.h"
#include "stdprops.h"

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

static const char *
get_str(const config_setting_t *s, const char *name)
{
	const char *v = NULL;

	config_setting_lookup_string(s, name, &v);
	return v;
}

static bool
get_bool(const config_setting_t *s, const char *name)
{
	int v = 0;

	config_setting_lookup_bool(s, name, &v);
	return v;
}

/* Read a props group, typing each value by its declaration. */
static int
props_from(const config_setting_t *s, const struct prop_decl *decls,
    size_t n, struct prop_list *l, const char *owner, char *err,
    size_t errlen)
{
	for (int i = 0; s != NULL && i < config_setting_length(s); i++) {
		const config_setting_t *e = config_setting_get_elem(s,
		    (unsigned)i);
		const char *name = config_setting_name(e);
		const struct prop_decl *d = NULL;
		struct prop_value v;
		char perr[256];

		for (size_t k = 0; k < n; k++)
			if (strcasecmp(decls[k].name, name) == 0)
				d = &decls[k];
		if (d == NULL) {
			snprintf(err, errlen, "%s: property %s is no longer "
			    "declared", owner, name);
			return -1;
		}
		if (prop_value_from_setting(e, d->type, &v, perr,
		    sizeof(perr)) == -1) {
			snprintf(err, errlen, "%s: %s", owner, perr);
			return -1;
		}
		prop_list_set(l, d->name, &v);
		prop_value_free(&v);
	}
	return 0;
}

static int
types_from(struct ccr *c, const config_setting_t *l, int api, char *err,
    size_t errlen)
{
	for (int i = 0; l != NULL && i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l,
		    (unsigned)i), *nodes;
		const char *rtr = get_str(e, "rtr");
		struct rt t;
		int m = 0;

		if (rtr == NULL || rtr_load(rtr, api, &t, err, errlen) == -1)
			return -1;
		config_setting_lookup_int(e, "methods", &m);
		t.methods = (unsigned int)m;
		nodes = config_setting_get_member(e, "nodes");
		for (int k = 0; nodes && k < config_setting_length(nodes); k++) {
			t.nodes = realloc(t.nodes, (t.n_nodes + 2) *
			    sizeof(char *));
			t.nodes[t.n_nodes++] = strdup(
			    config_setting_get_string_elem(nodes, k));
			t.nodes[t.n_nodes] = NULL;
		}
		if (ccr_type_add(c, &t, err, errlen) == -1) {
			rt_free(&t);
			return -1;
		}
	}
	return 0;
}

static int
groups_from(struct ccr *c, const config_setting_t *l, char *err,
    size_t errlen)
{
	size_t n;
	const struct prop_decl *decls = stdprops_group(&n);

	for (int i = 0; l != NULL && i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l,
		    (unsigned)i);
		const char *name = get_str(e, "name");
		struct ccr_assign none = { 0 };
		struct rg *g;

		if (name == NULL ||
		    ccr_group_add(c, name, NULL, 0, &none, err, errlen) == -1)
			return -1;
		g = ccr_group(c, name);
		g->managed = get_bool(e, "managed");
		if (props_from(config_setting_get_member(e, "props"), decls, n,
		    &g->props, name, err, errlen) == -1)
			return -1;
	}
	return 0;
}

static int
resources_from(struct ccr *c, const config_setting_t *l, char *err,
    size_t errlen)
{
	for (int i = 0; l != NULL && i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l,
		    (unsigned)i);
		const char *name = get_str(e, "name");
		const char *type = get_str(e, "type");
		const char *group = get_str(e, "group");
		struct rt *t = type ? ccr_type(c, type) : NULL;
		struct res *r;

		if (name == NULL || t == NULL || group == NULL ||
		    ccr_group(c, group) == NULL) {
			snprintf(err, errlen, "resource entry %d is incomplete "
			    "or names an unknown type or group", i);
			return -1;
		}
		r = calloc(1, sizeof(*r));
		r->name = strdup(name);
		r->type = strdup(type);
		r->group = strdup(group);
		r->enabled = get_bool(e, "enabled");
		r->monitored = get_bool(e, "monitored");
		c->res = realloc(c->res, (c->n_res + 1) * sizeof(*c->res));
		c->res[c->n_res++] = r;
		if (props_from(config_setting_get_member(e, "props"), t->decls,
		    t->n_decls, &r->props, name, err, errlen) == -1 ||
		    props_from(config_setting_get_member(e, "ext"), t->decls,
		    t->n_decls, &r->ext, name, err, errlen) == -1 ||
		    ccr_resource_complete(c, r, err, errlen) == -1)
			return -1;
	}
	return 0;
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
