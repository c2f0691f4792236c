// SPDX-License-Identifier: MIT
/*
 * ccr.c - the configuration repository held by rgmd: the objects, their
 * edits with every check an operator's request needs (existence, type,
 * range, enum, tunability, references between objects), and the ordering
 * of a group's resources by Resource_dependencies. Pure logic apart from
 * reading RTR files on load; persistence is ccr_store.c's job.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ccr.h"
#include "placement.h"
#include "scalable.h"
#include "stdprops.h"
#include "switchreq.h"

#define GROW(arr, n) ({							\
	void *_p = realloc((arr), ((n) + 1) * sizeof(*(arr)));		\
	if (_p != NULL)							\
		(arr) = _p;						\
	_p;								\
})

static const char *const dep_props[] = { "Resource_dependencies",
	"Resource_dependencies_weak", "Resource_dependencies_restart" };

struct ccr *
ccr_new(void)
{
	return calloc(1, sizeof(struct ccr));
}

static void
rg_free(struct rg *g)
{
	if (g == NULL)
		return;
	free(g->name);
	switchreq_free(&g->sw);
	prop_list_free(&g->props);
	free(g);
}

static void
res_free(struct res *r)
{
	if (r == NULL)
		return;
	free(r->name);
	free(r->group);
	free(r->type);
	prop_list_free(&r->props);
	prop_list_free(&r->ext);
	free(r);
}

static void
type_free(struct rt *t)
{
	if (t == NULL)
		return;
	rt_free(t);
	free(t);
}

void
ccr_free(struct ccr *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n_types; i++)
		type_free(c->types[i]);
	for (size_t i = 0; i < c->n_groups; i++)
		rg_free(c->groups[i]);
	for (size_t i = 0; i < c->n_res; i++)
		res_free(c->res[i]);
	free(c->types);
	free(c->groups);
	free(c->res);
	free(c);
}

static char **
strv_dup(char *const *v, size_t n)
{
	char **c = calloc(n + 1, sizeof(*c));

	for (size_t i = 0; c != NULL && i < n; i++)
		c[i] = strdup(v[i]);
	return c;
}

static struct rt *
type_clone(const struct rt *t)
{
	struct rt *n = calloc(1, sizeof(*n));

	if (n == NULL)
		return NULL;
	*n = *t;
	n->name = strdup(t->name);
	n->vendor = strdup(t->vendor);
	n->description = strdup(t->description);
	n->version = strdup(t->version);
	n->rtr_path = strdup(t->rtr_path);
	n->module = strdup(t->module);
	n->definition = t->definition ? strdup(t->definition) : NULL;
	n->init_nodes = strdup(t->init_nodes);
	n->nodes = strv_dup(t->nodes, t->n_nodes);
	n->decls = calloc(t->n_decls, sizeof(*n->decls));
	for (size_t i = 0; n->decls != NULL && i < t->n_decls; i++)
		prop_decl_copy(&n->decls[i], &t->decls[i]);
	return n;
}

static struct rg *
rg_clone(const struct rg *g)
{
	struct rg *n = calloc(1, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->name = strdup(g->name);
	n->managed = g->managed;
	n->offline = g->offline;
	if (switchreq_copy(&n->sw, &g->sw) == -1) {
		rg_free(n);
		return NULL;
	}
	prop_list_copy(&n->props, &g->props);
	return n;
}

static struct res *
res_clone(const struct res *r)
{
	struct res *n = calloc(1, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->name = strdup(r->name);
	n->group = strdup(r->group);
	n->type = strdup(r->type);
	n->enabled = r->enabled;
	n->monitored = r->monitored;
	prop_list_copy(&n->props, &r->props);
	prop_list_copy(&n->ext, &r->ext);
	return n;
}

struct ccr *
ccr_clone(const struct ccr *c)
{
	struct ccr *n = ccr_new();

	if (n == NULL)
		return NULL;
	n->generation = c->generation;
	n->types = calloc(c->n_types + 1, sizeof(*n->types));
	n->groups = calloc(c->n_groups + 1, sizeof(*n->groups));
	n->res = calloc(c->n_res + 1, sizeof(*n->res));
	if (!n->types || !n->groups || !n->res)
		goto out_free;
	for (; n->n_types < c->n_types; n->n_types++)
		if (!(n->types[n->n_types] = type_clone(c->types[n->n_types])))
			goto out_free;
	for (; n->n_groups < c->n_groups; n->n_groups++)
		if (!(n->groups[n->n_groups] = rg_clone(c->groups[n->n_groups])))
			goto out_free;
	for (; n->n_res < c->n_res; n->n_res++)
		if (!(n->res[n->n_res] = res_clone(c->res[n->n_res])))
			goto out_free;
	return n;
out_free:
	ccr_free(n);
	return NULL;
}

struct rt *
ccr_type(const struct ccr *c, const char *name)
{
	for (size_t i = 0; i < c->n_types; i++)
		if (strcmp(c->types[i]->name, name) == 0)
			return c->types[i];
	return NULL;
}

struct rg *
ccr_group(const struct ccr *c, const char *name)
{
	for (size_t i = 0; i < c->n_groups; i++)
		if (strcmp(c->groups[i]->name, name) == 0)
			return c->groups[i];
	return NULL;
}

struct res *
ccr_resource(const struct ccr *c, const char *name)
{
	for (size_t i = 0; i < c->n_res; i++)
		if (strcmp(c->res[i]->name, name) == 0)
			return c->res[i];
	return NULL;
}

const struct prop_value *
ccr_res_value(const struct res *r, const char *prop)
{
	struct prop *p = prop_list_find(&r->props, prop);

	if (p == NULL)
		p = prop_list_find(&r->ext, prop);
	return p ? &p->v : NULL;
}

const struct prop_value *
ccr_rg_value(const struct rg *g, const char *prop)
{
	struct prop *p = prop_list_find(&g->props, prop);

	return p ? &p->v : NULL;
}

int
ccr_rg_int(const struct rg *g, const char *prop, int def)
{
	const struct prop_value *v = ccr_rg_value(g, prop);

	return v && v->type == PROP_INT ? v->i : def;
}

bool
ccr_rg_bool(const struct rg *g, const char *prop, bool def)
{
	const struct prop_value *v = ccr_rg_value(g, prop);

	return v && v->type == PROP_BOOL ? v->b : def;
}

int
ccr_res_int(const struct res *r, const char *prop, int def)
{
	const struct prop_value *v = ccr_res_value(r, prop);

	return v && v->type == PROP_INT ? v->i : def;
}

/* Does r depend (by any kind of dependency) on name? */
static bool
res_depends_on(const struct res *r, const char *name)
{
	for (size_t k = 0; k < 3; k++) {
		const struct prop_value *v = ccr_res_value(r, dep_props[k]);

		for (size_t i = 0; v != NULL && i < v->n; i++)
			if (strcmp(v->v[i], name) == 0)
				return true;
	}
	return false;
}

static bool
is_network_type(const char *type)
{
	size_t lh = strlen("SUNW.LogicalHostname");
	size_t sa = strlen("SUNW.SharedAddress");

	return (strncmp(type, "SUNW.LogicalHostname", lh) == 0 &&
	    (type[lh] == '\0' || type[lh] == ':')) ||
	    (strncmp(type, "SUNW.SharedAddress", sa) == 0 &&
	    (type[sa] == '\0' || type[sa] == ':'));
}

/* Does r depend on a resource of its own group (explicitly)? */
static bool
has_group_deps(const struct ccr *c, const struct res *r)
{
	for (size_t i = 0; i < c->n_res; i++)
		if (c->res[i] != r && strcmp(c->res[i]->group, r->group) == 0 &&
		    res_depends_on(r, c->res[i]->name))
			return true;
	return false;
}

/*
 * Implicit_network_dependencies: in a group where it is TRUE, every
 * resource that is not a network address (LogicalHostname,
 * SharedAddress) starts after, and stops before, the group's network
 * address resources. A network resource that itself depends on another
 * resource of the group gets no implicit dependents, so no cycle can come
 * of it.
 */
static bool
implicit_dep(const struct ccr *c, const struct res *r, const struct res *net)
{
	const struct rg *g = ccr_group(c, r->group);
	const struct prop_value *v = g ? ccr_rg_value(g,
	    "Implicit_network_dependencies") : NULL;

	return net != r && v != NULL && v->type == PROP_BOOL && v->b &&
	    strcmp(net->group, r->group) == 0 && is_network_type(net->type) &&
	    !is_network_type(r->type) && !has_group_deps(c, net);
}

/* Depth-first ordering; returns false on a cycle. */
static bool
visit(const struct ccr *c, struct res *r, struct res **out, size_t *n,
    size_t max, unsigned char *mark)
{
	size_t idx = 0;

	while (c->res[idx] != r)
		idx++;
	if (mark[idx] == 2)
		return true;
	if (mark[idx] == 1)
		return false;
	mark[idx] = 1;
	for (size_t i = 0; i < c->n_res; i++)
		if (strcmp(c->res[i]->group, r->group) == 0 &&
		    (res_depends_on(r, c->res[i]->name) ||
		    implicit_dep(c, r, c->res[i])) &&
		    !visit(c, c->res[i], out, n, max, mark))
			return false;
	mark[idx] = 2;
	if (*n < max)
		out[*n] = r;
	(*n)++;
	return true;
}

static bool
order_group(const struct ccr *c, const char *group, struct res **out,
    size_t max, size_t *n)
{
	unsigned char *mark = calloc(c->n_res + 1, 1);
	bool ok = mark != NULL;

	*n = 0;
	for (size_t i = 0; ok && i < c->n_res; i++)
		if (strcmp(c->res[i]->group, group) == 0)
			ok = visit(c, c->res[i], out, n, max, mark);
	free(mark);
	return ok;
}

size_t
ccr_group_resources(const struct ccr *c, const char *group, struct res **out,
    size_t max)
{
	size_t n;

	order_group(c, group, out, max, &n);
	return n;
}

/*
 * Names become file names (state directories, cgroups, PMF tags): letters,
 * digits, '_', '-' and '.', not starting with '.' or '-', at most 127.
 */
static int
check_name(const char *what, const char *name, char *err, size_t errlen)
{
	size_t n = strlen(name);

	if (n == 0 || n > 127 || name[0] == '.' || name[0] == '-' ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-.") != n) {
		snprintf(err, errlen, "%s name \"%.140s\" is not valid: use "
		    "1 to 127 letters, digits, '_', '-' or '.', not starting "
		    "with '.' or '-'", what, name);
		return -1;
	}
	return 0;
}

/* The first name given twice in v, or NULL. */
static const char *
twice(char *const *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(v[i], v[k]) == 0)
				return v[i];
	return NULL;
}

static int
check_type_nodes(const char *type, char *const *nodes, size_t n, char *err,
    size_t errlen)
{
	const char *dup = twice(nodes, n);

	if (dup == NULL)
		return 0;
	snprintf(err, errlen, "resource type %s: node %s is given twice in "
	    "Installed_nodes", type, dup);
	return -1;
}

int
ccr_type_add(struct ccr *c, struct rt *t, char *err, size_t errlen)
{
	struct rt *copy;

	if (check_name("resource type", t->name, err, errlen) == -1 ||
	    check_type_nodes(t->name, t->nodes, t->n_nodes, err, errlen))
		return -1;
	if (ccr_type(c, t->name) != NULL) {
		snprintf(err, errlen, "resource type %s is already registered",
		    t->name);
		return -1;
	}
	if (GROW(c->types, c->n_types) == NULL ||
	    (copy = malloc(sizeof(*copy))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	*copy = *t;
	memset(t, 0, sizeof(*t));
	c->types[c->n_types++] = copy;
	return 0;
}

static int
set_nodes(struct rt *t, char **nodes, size_t n)
{
	char **v = strv_dup(nodes, n);

	if (v == NULL)
		return -1;
	for (size_t i = 0; i < t->n_nodes; i++)
		free(t->nodes[i]);
	free(t->nodes);
	t->nodes = v;
	t->n_nodes = n;
	return 0;
}

int
ccr_type_change(struct ccr *c, const char *name, char **nodes,
    size_t n_nodes, const struct ccr_assign *y, char *err, size_t errlen)
{
	struct rt *t = ccr_type(c, name);

	if (t == NULL) {
		snprintf(err, errlen, "unknown resource type %s", name);
		return -1;
	}
	if (y->n > 0) {
		snprintf(err, errlen, "resource type %s: property %s cannot be "
		    "changed (only the installed nodes, -h)", name, y->kv[0]);
		return -1;
	}
	if (check_type_nodes(name, nodes, n_nodes, err, errlen) == -1)
		return -1;
	if (set_nodes(t, nodes, n_nodes) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int
ccr_type_remove(struct ccr *c, const char *name, char *err, size_t errlen)
{
	for (size_t i = 0; i < c->n_types; i++) {
		if (strcmp(c->types[i]->name, name) != 0)
			continue;
		for (size_t j = 0; j < c->n_res; j++)
			if (strcmp(c->res[j]->type, name) == 0) {
				snprintf(err, errlen, "resource type %s is "
				    "still used by resource %s", name,
				    c->res[j]->name);
				return -1;
			}
		type_free(c->types[i]);
		memmove(&c->types[i], &c->types[i + 1],
		    (c->n_types - i - 1) * sizeof(*c->types));
		c->n_types--;
		return 0;
	}
	snprintf(err, errlen, "unknown resource type %s", name);
	return -1;
}

/* Split "Prop=Val" into the declaration and the parsed value. */
static int
parse_assign(const char *kv, const struct prop_decl *decls, size_t n,
    const char *what, const struct prop_decl **d, struct prop_value *v,
    char *err, size_t errlen)
{
	const char *eq = strchr(kv, '=');
	char name[128];

	if (eq == NULL || eq == kv || (size_t)(eq - kv) >= sizeof(name)) {
		snprintf(err, errlen, "\"%s\": expected Property=value", kv);
		return -1;
	}
	memcpy(name, kv, (size_t)(eq - kv));
	name[eq - kv] = '\0';
	if ((*d = stdprops_find(decls, n, name)) == NULL) {
		snprintf(err, errlen, "unknown %s property %s", what, name);
		return -1;
	}
	return prop_parse(*d, eq + 1, v, err, errlen);
}

/* Apply assignments to a property list, checking tunability. */
static int
apply_assigns(struct prop_list *l, const struct ccr_assign *a,
    const struct prop_decl *decls, size_t n, const char *what,
    enum prop_when when, bool disabled, char *err, size_t errlen)
{
	bool ext = strcmp(what, "extension") == 0;

	for (size_t i = 0; i < a->n; i++) {
		const struct prop_decl *d;
		struct prop_value v;
		int rc;

		if (parse_assign(a->kv[i], decls, n, what, &d, &v, err,
		    errlen) == -1)
			return -1;
		if (d->extension != ext) {
			snprintf(err, errlen, "%s is %s property: set it with "
			    "%s", d->name, d->extension ? "an extension" :
			    "a standard", d->extension ? "-x" : "-y");
			prop_value_free(&v);
			return -1;
		}
		if (prop_check_tunable(d, when, disabled, err, errlen) == -1) {
			prop_value_free(&v);
			return -1;
		}
		rc = prop_list_set(l, d->name, &v);
		prop_value_free(&v);
		if (rc == -1) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	return 0;
}

static int
fill_defaults(struct prop_list *l, const struct prop_decl *decls, size_t n,
    bool extension, const char *owner, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		if (decls[i].extension != extension ||
		    prop_list_find(l, decls[i].name) != NULL)
			continue;
		if (!decls[i].has_default) {
			snprintf(err, errlen, "%s: property %s has no default "
			    "and must be given at creation", owner,
			    decls[i].name);
			return -1;
		}
		if (prop_list_set(l, decls[i].name, &decls[i].def) == -1) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	return 0;
}

/* Put a list in declaration order, so a configuration reads back the same. */
static void
sort_by_decls(struct prop_list *l, const struct prop_decl *decls, size_t n)
{
	size_t k = 0;

	for (size_t d = 0; d < n; d++)
		for (size_t i = k; i < l->n; i++)
			if (strcasecmp(l->p[i].name, decls[d].name) == 0) {
				struct prop tmp = l->p[k];

				l->p[k++] = l->p[i];
				l->p[i] = tmp;
				break;
			}
}

static int
check_group(const struct ccr *c, const struct rg *g, char *err,
    size_t errlen)
{
	const struct prop_value *mode = ccr_rg_value(g, "RG_mode");
	const struct prop_value *deps = ccr_rg_value(g, "RG_dependencies");
	const struct prop_value *nodes = ccr_rg_value(g, "Nodelist");
	int maxp = ccr_rg_int(g, "Maximum_primaries", 1);
	int desp = ccr_rg_int(g, "Desired_primaries", 1);
	const char *dup;

	if ((dup = twice(nodes->v, nodes->n)) != NULL) {
		snprintf(err, errlen, "group %s: node %s is given twice in "
		    "Nodelist", g->name, dup);
		return -1;
	}

	if (strcmp(mode->s, "Failover") == 0 && maxp > 1) {
		snprintf(err, errlen, "group %s: Maximum_primaries %d > 1 needs "
		    "RG_mode=Scalable", g->name, maxp);
		return -1;
	}
	if (desp > maxp) {
		snprintf(err, errlen, "group %s: Desired_primaries %d exceeds "
		    "Maximum_primaries %d", g->name, desp, maxp);
		return -1;
	}
	for (size_t i = 0; i < deps->n; i++)
		if (strcmp(deps->v[i], g->name) == 0 ||
		    ccr_group(c, deps->v[i]) == NULL) {
			snprintf(err, errlen, "group %s: RG_dependencies names "
			    "%s, which is %s", g->name, deps->v[i],
			    strcmp(deps->v[i], g->name) ? "not a group" :
			    "the group itself");
			return -1;
		}
	return placement_check_affinities(c, g, err, errlen);
}

/*
 * The rules of scalable resources (scalable.c) are checked on every edit
 * of a resource or of its group, not when a stored configuration is
 * loaded: one stored before the rules existed still loads, and the first
 * edit names what to fix.
 */
static int
check_scalable(const struct ccr *c, const char *group, char *err,
    size_t errlen)
{
	for (size_t i = 0; i < c->n_res; i++)
		if (strcmp(c->res[i]->group, group) == 0 &&
		    scalable_check(c, c->res[i], err, errlen) == -1)
			return -1;
	return 0;
}

static int
group_nodes(struct rg *g, char **nodes, size_t n_nodes, char *err,
    size_t errlen)
{
	struct prop_value v = { .type = PROP_STRINGARRAY, .v = nodes,
		.n = n_nodes };

	if (prop_list_set(&g->props, "Nodelist", &v) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

static int
build_group(const struct ccr *c, struct rg *g, char **nodes, size_t n_nodes,
    const struct ccr_assign *y, enum prop_when when, char *err,
    size_t errlen)
{
	size_t n;
	const struct prop_decl *decls = stdprops_group(&n);

	if (apply_assigns(&g->props, y, decls, n, "resource group", when,
	    true, err, errlen) == -1 ||
	    (n_nodes > 0 && group_nodes(g, nodes, n_nodes, err, errlen)) ||
	    fill_defaults(&g->props, decls, n, false, g->name, err, errlen))
		return -1;
	sort_by_decls(&g->props, decls, n);
	if (check_group(c, g, err, errlen) == -1)
		return -1;
	return check_scalable(c, g->name, err, errlen);
}

int
ccr_group_add(struct ccr *c, const char *name, char **nodes, size_t n_nodes,
    const struct ccr_assign *y, char *err, size_t errlen)
{
	struct rg *g;

	if (check_name("resource group", name, err, errlen) == -1)
		return -1;
	if (ccr_group(c, name) != NULL) {
		snprintf(err, errlen, "resource group %s already exists", name);
		return -1;
	}
	if ((g = calloc(1, sizeof(*g))) == NULL ||
	    (g->name = strdup(name)) == NULL ||
	    GROW(c->groups, c->n_groups) == NULL) {
		rg_free(g);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (build_group(c, g, nodes, n_nodes, y, PROP_AT_CREATION, err,
	    errlen) == -1) {
		rg_free(g);
		return -1;
	}
	c->groups[c->n_groups++] = g;
	return 0;
}

int
ccr_group_change(struct ccr *c, const char *name, char **nodes,
    size_t n_nodes, const struct ccr_assign *y, char *err, size_t errlen)
{
	struct rg *g = ccr_group(c, name);
	struct prop_list saved;

	if (g == NULL) {
		snprintf(err, errlen, "unknown resource group %s", name);
		return -1;
	}
	if (prop_list_copy(&saved, &g->props) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (build_group(c, g, nodes, n_nodes, y, PROP_ON_CHANGE, err,
	    errlen) == -1) {
		prop_list_free(&g->props);
		g->props = saved;	/* a refusal changes nothing */
		return -1;
	}
	prop_list_free(&saved);
	return 0;
}

static bool
names_in_affinities(const struct rg *g, const char *name)
{
	const struct prop_value *v = ccr_rg_value(g, "RG_affinities");
	enum placement_affinity k;
	const char *t;

	for (size_t i = 0; v != NULL && i < v->n; i++)
		if (placement_affinity_parse(v->v[i], &k, &t) == 0 &&
		    strcmp(t, name) == 0)
			return true;
	return false;
}

int
ccr_group_remove(struct ccr *c, const char *name, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < c->n_groups; i++)
		if (strcmp(c->groups[i]->name, name) == 0)
			break;
	if (i == c->n_groups) {
		snprintf(err, errlen, "unknown resource group %s", name);
		return -1;
	}
	for (size_t j = 0; j < c->n_res; j++)
		if (strcmp(c->res[j]->group, name) == 0) {
			snprintf(err, errlen, "resource group %s still "
			    "contains resource %s", name, c->res[j]->name);
			return -1;
		}
	for (size_t j = 0; j < c->n_groups; j++) {
		const struct prop_value *d = ccr_rg_value(c->groups[j],
		    "RG_dependencies");

		for (size_t k = 0; k < d->n; k++)
			if (strcmp(d->v[k], name) == 0) {
				snprintf(err, errlen, "resource group %s is "
				    "named in RG_dependencies of %s", name,
				    c->groups[j]->name);
				return -1;
			}
		if (j != i && names_in_affinities(c->groups[j], name)) {
			snprintf(err, errlen, "resource group %s is named in "
			    "RG_affinities of %s", name, c->groups[j]->name);
			return -1;
		}
	}
	rg_free(c->groups[i]);
	memmove(&c->groups[i], &c->groups[i + 1],
	    (c->n_groups - i - 1) * sizeof(*c->groups));
	c->n_groups--;
	return 0;
}

static int
cmp_res_name(const void *a, const void *b, void *arg)
{
	const struct ccr *c = arg;

	return strcmp(c->res[*(const size_t *)a]->name,
	    c->res[*(const size_t *)b]->name);
}

/* The index of resource name in c->res, through by_name (indices sorted
 * by name); SIZE_MAX when there is none. */
static size_t
find_sorted(const struct ccr *c, const size_t *by_name, const char *name)
{
	size_t lo = 0, hi = c->n_res;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(c->res[by_name[mid]]->name, name);

		if (d == 0)
			return by_name[mid];
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* The dependencies of every resource as indices: to[first[i] ..
 * first[i + 1]]. Built once per check: a configuration of thousands of
 * resources is checked in O((R + E) log R), not by name searches. */
struct dep_graph {
	size_t	*first, *to, n;
};

static int
dep_graph_build(const struct ccr *c, struct dep_graph *d)
{
	size_t *by_name = malloc((c->n_res + 1) * sizeof(size_t));
	size_t cap = 0;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	d->first = calloc(c->n_res + 1, sizeof(size_t));
	if (by_name == NULL || d->first == NULL)
		goto out;
	for (size_t i = 0; i < c->n_res; i++)
		by_name[i] = i;
	qsort_r(by_name, c->n_res, sizeof(size_t), cmp_res_name, (void *)c);
	for (size_t i = 0; i < c->n_res; i++) {
		d->first[i] = d->n;
		for (size_t k = 0; k < 3; k++) {
			const struct prop_value *v = ccr_res_value(c->res[i],
			    dep_props[k]);

			for (size_t j = 0; v != NULL && j < v->n; j++) {
				size_t to = find_sorted(c, by_name, v->v[j]);

				if (to == SIZE_MAX)
					continue;
				if (d->n == cap) {
					size_t *t = realloc(d->to, (cap * 2 +
					    16) * sizeof(size_t));

					if (t == NULL)
						goto out;
					d->to = t;
					cap = cap * 2 + 16;
				}
				d->to[d->n++] = to;
			}
		}
	}
	d->first[c->n_res] = d->n;
	rc = 0;
out:
	free(by_name);
	return rc;
}

static void
dep_graph_free(struct dep_graph *d)
{
	free(d->first);
	free(d->to);
}

/* Depth-first search for a dependency cycle from resource i. */
static bool
cycle_from(const struct dep_graph *d, size_t i, unsigned char *mark)
{
	if (mark[i] == 1)
		return true;
	if (mark[i] == 2)
		return false;
	mark[i] = 1;
	for (size_t k = d->first[i]; k < d->first[i + 1]; k++)
		if (cycle_from(d, d->to[k], mark))
			return true;
	mark[i] = 2;
	return false;
}

/* A resource on a dependency cycle (within a group or across groups),
 * or NULL. A configuration that cannot be checked (out of memory) is
 * taken as having one. */
static const struct res *
find_cycle(const struct ccr *c)
{
	unsigned char *mark = calloc(c->n_res + 1, 1);
	struct dep_graph d = { 0 };
	const struct res *found = NULL;

	if (mark == NULL || dep_graph_build(c, &d) == -1) {
		found = c->n_res ? c->res[0] : NULL;
		goto out;
	}
	for (size_t i = 0; found == NULL && i < c->n_res; i++)
		if (cycle_from(&d, i, mark))
			found = c->res[i];
out:
	dep_graph_free(&d);
	free(mark);
	return found;
}

static int
check_resource(const struct ccr *c, const struct res *r, char *err,
    size_t errlen)
{
	const struct rt *t = ccr_type(c, r->type);
	const struct rg *g = ccr_group(c, r->group);

	if (t->failover && strcmp(ccr_rg_value(g, "RG_mode")->s,
	    "Failover") != 0) {
		snprintf(err, errlen, "resource type %s is a failover type and "
		    "group %s is not a failover group", t->name, g->name);
		return -1;
	}

	for (size_t k = 0; k < 3; k++) {
		const struct prop_value *v = ccr_res_value(r, dep_props[k]);

		for (size_t i = 0; i < v->n; i++)
			if (strcmp(v->v[i], r->name) == 0 ||
			    ccr_resource(c, v->v[i]) == NULL) {
				snprintf(err, errlen, "resource %s: %s names "
				    "%s, which is %s", r->name, dep_props[k],
				    v->v[i], strcmp(v->v[i], r->name) ?
				    "not a resource" : "itself");
				return -1;
			}
	}
	return 0;
}

static int
check_cycles(const struct ccr *c, char *err, size_t errlen)
{
	const struct res *r = find_cycle(c);

	if (r != NULL) {
		snprintf(err, errlen, "resource %s: its dependencies form a "
		    "cycle", r->name);
		return -1;
	}
	return 0;
}

static int
build_resource(struct ccr *c, struct res *r, const struct ccr_assign *y,
    const struct ccr_assign *x, enum prop_when when, char *err,
    size_t errlen)
{
	struct rt *t = ccr_type(c, r->type);
	bool disabled = !r->enabled;

	if (apply_assigns(&r->props, y, t->decls, t->n_decls, "standard",
	    when, disabled, err, errlen) == -1 ||
	    apply_assigns(&r->ext, x, t->decls, t->n_decls, "extension",
	    when, disabled, err, errlen) == -1 ||
	    fill_defaults(&r->props, t->decls, t->n_decls, false, r->name,
	    err, errlen) == -1 ||
	    fill_defaults(&r->ext, t->decls, t->n_decls, true, r->name, err,
	    errlen) == -1)
		return -1;
	sort_by_decls(&r->props, t->decls, t->n_decls);
	sort_by_decls(&r->ext, t->decls, t->n_decls);
	if (check_resource(c, r, err, errlen) == -1 ||
	    scalable_check(c, r, err, errlen) == -1)
		return -1;
	return check_cycles(c, err, errlen);
}

int
ccr_resource_complete(const struct ccr *c, struct res *r, char *err,
    size_t errlen)
{
	const struct rt *t = ccr_type(c, r->type);

	if (fill_defaults(&r->props, t->decls, t->n_decls, false, r->name,
	    err, errlen) == -1 || fill_defaults(&r->ext, t->decls, t->n_decls,
	    true, r->name, err, errlen) == -1)
		return -1;
	sort_by_decls(&r->props, t->decls, t->n_decls);
	sort_by_decls(&r->ext, t->decls, t->n_decls);
	return 0;
}

int
ccr_resource_add(struct ccr *c, const char *name, const char *type,
    const char *group, const struct ccr_assign *y,
    const struct ccr_assign *x, char *err, size_t errlen)
{
	struct res *r;

	if (check_name("resource", name, err, errlen) == -1)
		return -1;
	if (ccr_resource(c, name) != NULL) {
		snprintf(err, errlen, "resource %s already exists", name);
		return -1;
	}
	if (ccr_type(c, type) == NULL) {
		snprintf(err, errlen, "unknown resource type %s (register it "
		    "with scrgadm -a -t)", type);
		return -1;
	}
	if (ccr_group(c, group) == NULL) {
		snprintf(err, errlen, "unknown resource group %s", group);
		return -1;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL || !(r->name = strdup(name)) ||
	    !(r->type = strdup(type)) || !(r->group = strdup(group)) ||
	    GROW(c->res, c->n_res) == NULL) {
		res_free(r);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r->enabled = true;
	r->monitored = true;
	c->res[c->n_res++] = r;
	if (build_resource(c, r, y, x, PROP_AT_CREATION, err, errlen) == -1) {
		c->n_res--;
		res_free(r);
		return -1;
	}
	return 0;
}

int
ccr_resource_change(struct ccr *c, const char *name,
    const struct ccr_assign *y, const struct ccr_assign *x, char *err,
    size_t errlen)
{
	struct res *r = ccr_resource(c, name);
	struct prop_list props, ext;

	if (r == NULL) {
		snprintf(err, errlen, "unknown resource %s", name);
		return -1;
	}
	if (prop_list_copy(&props, &r->props) == -1 ||
	    prop_list_copy(&ext, &r->ext) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (build_resource(c, r, y, x, PROP_ON_CHANGE, err, errlen) == -1) {
		prop_list_free(&r->props);
		prop_list_free(&r->ext);
		r->props = props;	/* a refusal changes nothing */
		r->ext = ext;
		return -1;
	}
	prop_list_free(&props);
	prop_list_free(&ext);
	return 0;
}

int
ccr_resource_remove(struct ccr *c, const char *name, char *err,
    size_t errlen)
{
	const struct res *user;
	size_t i;

	for (i = 0; i < c->n_res; i++)
		if (strcmp(c->res[i]->name, name) == 0)
			break;
	if (i == c->n_res) {
		snprintf(err, errlen, "unknown resource %s", name);
		return -1;
	}
	if (c->res[i]->enabled) {
		snprintf(err, errlen, "resource %s is enabled: disable it "
		    "first (scswitch -n -j %s)", name, name);
		return -1;
	}
	if ((user = scalable_user_of(c, name)) != NULL) {
		snprintf(err, errlen, "resource %s is used by %s "
		    "(Network_resources_used)", name, user->name);
		return -1;
	}
	for (size_t j = 0; j < c->n_res; j++)
		if (j != i && res_depends_on(c->res[j], name)) {
			snprintf(err, errlen, "resource %s is a dependency of "
			    "%s", name, c->res[j]->name);
			return -1;
		}
	res_free(c->res[i]);
	memmove(&c->res[i], &c->res[i + 1], (c->n_res - i - 1) *
	    sizeof(*c->res));
	c->n_res--;
	return 0;
}

int
ccr_check(const struct ccr *c, char *err, size_t errlen)
{
	for (size_t i = 0; i < c->n_groups; i++)
		if (check_group(c, c->groups[i], err, errlen) == -1)
			return -1;
	for (size_t i = 0; i < c->n_res; i++)
		if (check_name("resource", c->res[i]->name, err, errlen) ||
		    check_resource(c, c->res[i], err, errlen))
			return -1;
	return check_cycles(c, err, errlen);
}
