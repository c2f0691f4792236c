// SPDX-License-Identifier: MIT
/*
 * placement.c - the placement of resource groups across the cluster's
 * nodes: one pure function from (configuration, membership and quorum,
 * per-node group states, failure history, missing modules, operator
 * requests) to the wanted primaries of every group, the reason of every
 * group that is not where it wants to be, and the ordered stop and start
 * actions. Called by the president (and rgsim, and the dry runs); it does
 * no I/O and keeps no state between calls.
 *
 * How: the configuration is indexed once per call (names sorted and
 * searched, each group's Nodelist resolved to node indices, its
 * dependencies and affinities turned into edges). Groups are then placed
 * one by one in dependency order, dependees and affinity targets first,
 * so that a group sees where the groups it depends on or follows were just
 * placed. Cycles of dependencies block their groups; a cycle that goes
 * through an affinity is broken at a fixed edge and the group that comes
 * first sees the other's current nodes. Actions: every stop, dependents
 * first, then every start, dependees first. The rules are described in
 * rg_properties(5), section PLACEMENT.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "placement.h"

enum edge_kind {
	E_DEP,		/* RG_dependencies, Resource_dependencies */
	E_RESTART,	/* Resource_dependencies_restart */
	E_WEAK,		/* Resource_dependencies_weak: order only */
	E_AFF,		/* RG_affinities, with aff */
};

struct edge {
	size_t		 to;
	unsigned char	 kind;
	unsigned char	 aff;
};

/* The properties of a group that placement reads, read once per call. */
struct gconf {
	const struct prop_value *nodelist, *deps, *affs;
	int		 maxp, desp, pingpong;
	bool		 failback, autostart, scalable;
};

struct work {
	const struct placement_input *in;
	struct placement_result *out;
	const struct ccr *c;
	size_t		 ng, nn, nt;
	size_t		*gsort, *nsort, *rsort, *tsort;	/* by name */
	size_t		*byid;		/* nodes by id, then name */
	size_t		*rgroup, *rtype;	/* [r] */
	size_t		*res_first, *res;	/* group -> its resources */
	size_t		*nl_first, *nl;		/* group -> Nodelist nodes */
	size_t		*e_first;		/* group -> edges */
	struct edge	*e;
	size_t		 ne, cap_e;
	struct gconf	*gc;			/* [g] */
	size_t		 hint[16];		/* prop_find positions */
	bool		*installed;		/* [t][n] */
	bool		*stuck;			/* [g][n] */
	bool		*done, *incycle, *starting;	/* [g] */
	unsigned char	*mark;			/* [g] */
	size_t		*cand;			/* [n] */
	int		*score;			/* [n] */
	size_t		 n_order;
};

static const char *const dep_props[] = { "Resource_dependencies",
	"Resource_dependencies_restart", "Resource_dependencies_weak" };
static const unsigned char dep_kinds[] = { E_DEP, E_RESTART, E_WEAK };

bool
placement_is_running(enum rg_state s)
{
	return s == RG_ONLINE || s == RG_PENDING_ONLINE ||
	    s == RG_ONLINE_FAULTED;
}

/* Running, or still stopping: may still hold the service's resources. */
static bool
is_present(enum rg_state s)
{
	return placement_is_running(s) || s == RG_PENDING_OFFLINE;
}

int
placement_affinity_parse(const char *s, enum placement_affinity *kind,
    const char **target)
{
	size_t plus = strspn(s, "+"), minus = strspn(s, "-");

	if (plus == 3)
		*kind = PLACEMENT_AFF_DELEGATE;
	else if (plus == 2)
		*kind = PLACEMENT_AFF_STRONG_POS;
	else if (plus == 1)
		*kind = PLACEMENT_AFF_WEAK_POS;
	else if (minus == 2)
		*kind = PLACEMENT_AFF_STRONG_NEG;
	else if (minus == 1)
		*kind = PLACEMENT_AFF_WEAK_NEG;
	else
		return -1;
	*target = s + plus + minus;
	if (**target == '\0' || **target == '+' || **target == '-')
		return -1;
	return 0;
}

int
placement_check_affinities(const struct ccr *c, const struct rg *g,
    char *err, size_t errlen)
{
	const struct prop_value *v = ccr_rg_value(g, "RG_affinities");
	enum placement_affinity k;
	const char *t, *u;

	for (size_t i = 0; v != NULL && i < v->n; i++) {
		if (placement_affinity_parse(v->v[i], &k, &t) == -1) {
			snprintf(err, errlen, "group %s: RG_affinities entry "
			    "'%s' is not ++, +, --, - or +++ followed by a "
			    "group name", g->name, v->v[i]);
			return -1;
		}
		if (strcmp(t, g->name) == 0 || ccr_group(c, t) == NULL) {
			snprintf(err, errlen, "group %s: RG_affinities names "
			    "%s, which is %s", g->name, t, strcmp(t, g->name) ?
			    "not a group" : "the group itself");
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (placement_affinity_parse(v->v[j], &k, &u) == 0 &&
			    strcmp(t, u) == 0) {
				snprintf(err, errlen, "group %s: RG_affinities "
				    "names %s twice", g->name, t);
				return -1;
			}
	}
	return 0;
}

/* ---- indexes: names sorted and searched ---- */

/*
 * A property of a list, looked up where it was found last: the lists are
 * kept in declaration order, so every group (and every resource of a
 * type) has a property at the same position and one comparison finds it.
 */
static const struct prop_value *
prop_find(const struct prop_list *l, const char *name, size_t *hint)
{
	if (*hint < l->n && strcasecmp(l->p[*hint].name, name) == 0)
		return &l->p[*hint].v;
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->p[i].name, name) == 0) {
			*hint = i;
			return &l->p[i].v;
		}
	return NULL;
}

static int
gint(struct work *w, const struct rg *g, const char *name, size_t h, int def)
{
	const struct prop_value *v = prop_find(&g->props, name, &w->hint[h]);

	return v && v->type == PROP_INT ? v->i : def;
}

static bool
gbool(struct work *w, const struct rg *g, const char *name, size_t h,
    bool def)
{
	const struct prop_value *v = prop_find(&g->props, name, &w->hint[h]);

	return v && v->type == PROP_BOOL ? v->b : def;
}

static const struct prop_value *
garr(struct work *w, const struct rg *g, const char *name, size_t h)
{
	const struct prop_value *v = prop_find(&g->props, name, &w->hint[h]);

	return v && v->type == PROP_STRINGARRAY ? v : NULL;
}

static int
index_groups(struct work *w)
{
	w->gc = calloc(w->ng + 1, sizeof(*w->gc));
	if (w->gc == NULL)
		return -1;
	for (size_t g = 0; g < w->ng; g++) {
		const struct rg *grp = w->c->groups[g];
		struct gconf *gc = &w->gc[g];
		const struct prop_value *mode = prop_find(&grp->props,
		    "RG_mode", &w->hint[0]);

		gc->scalable = mode && mode->s && strcmp(mode->s,
		    "Scalable") == 0;
		gc->nodelist = garr(w, grp, "Nodelist", 1);
		gc->deps = garr(w, grp, "RG_dependencies", 2);
		gc->affs = garr(w, grp, "RG_affinities", 3);
		gc->maxp = gint(w, grp, "Maximum_primaries", 4, 1);
		gc->desp = gint(w, grp, "Desired_primaries", 5, 1);
		gc->pingpong = gint(w, grp, "Pingpong_interval", 6, 3600);
		gc->failback = gbool(w, grp, "Failback", 7, false);
		gc->autostart = gbool(w, grp, "Auto_start_on_new_cluster", 8,
		    true);
	}
	return 0;
}

enum which { W_GROUP, W_NODE, W_RES, W_TYPE };

static const char *
name_of(const struct work *w, enum which k, size_t i)
{
	switch (k) {
	case W_GROUP:
		return w->c->groups[i]->name;
	case W_NODE:
		return w->in->nodes[i].name;
	case W_RES:
		return w->c->res[i]->name;
	case W_TYPE:
		return w->c->types[i]->name;
	}
	return "";
}

struct sort_arg {
	const struct work *w;
	enum which	 k;
};

static int
cmp_name(const void *a, const void *b, void *arg)
{
	const struct sort_arg *s = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int r = strcmp(name_of(s->w, s->k, i), name_of(s->w, s->k, j));

	return r ? r : (i > j) - (i < j);
}

static size_t *
sorted(const struct work *w, enum which k, size_t n)
{
	size_t *v = malloc((n + 1) * sizeof(*v));
	struct sort_arg a = { w, k };

	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = i;
	qsort_r(v, n, sizeof(*v), cmp_name, &a);
	return v;
}

/* Index of the first entry named name, or PLACEMENT_NONE. */
static size_t
lookup(const struct work *w, enum which k, const size_t *v, size_t n,
    const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(name_of(w, k, v[mid]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && strcmp(name_of(w, k, v[lo]), name) == 0)
		return v[lo];
	return PLACEMENT_NONE;
}

static int
cmp_id(const void *a, const void *b, void *arg)
{
	const struct placement_node *nodes = arg;
	const struct placement_node *x = &nodes[*(const size_t *)a];
	const struct placement_node *y = &nodes[*(const size_t *)b];

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
index_names(struct work *w)
{
	const struct ccr *c = w->c;

	w->gsort = sorted(w, W_GROUP, w->ng);
	w->nsort = sorted(w, W_NODE, w->nn);
	w->rsort = sorted(w, W_RES, c->n_res);
	w->tsort = sorted(w, W_TYPE, w->nt);
	w->byid = malloc((w->nn + 1) * sizeof(*w->byid));
	if (!w->gsort || !w->nsort || !w->rsort || !w->tsort || !w->byid)
		return -1;
	for (size_t i = 0; i < w->nn; i++)
		w->byid[i] = i;
	qsort_r(w->byid, w->nn, sizeof(*w->byid), cmp_id,
	    (void *)w->in->nodes);
	return 0;
}

/* Each resource's group and type; each group's resources (CSR). */
static int
index_resources(struct work *w)
{
	const struct ccr *c = w->c;
	size_t nr = c->n_res;

	w->rgroup = malloc((nr + 1) * sizeof(size_t));
	w->rtype = malloc((nr + 1) * sizeof(size_t));
	w->res = malloc((nr + 1) * sizeof(size_t));
	w->res_first = calloc(w->ng + 1, sizeof(size_t));
	if (!w->rgroup || !w->rtype || !w->res || !w->res_first)
		return -1;
	for (size_t r = 0; r < nr; r++) {
		w->rgroup[r] = lookup(w, W_GROUP, w->gsort, w->ng,
		    c->res[r]->group);
		w->rtype[r] = lookup(w, W_TYPE, w->tsort, w->nt,
		    c->res[r]->type);
		if (w->rgroup[r] != PLACEMENT_NONE)
			w->res_first[w->rgroup[r] + 1]++;
	}
	for (size_t g = 0; g < w->ng; g++)
		w->res_first[g + 1] += w->res_first[g];
	for (size_t r = 0, *fill = w->res_first; r < nr; r++)
		if (w->rgroup[r] != PLACEMENT_NONE)
			w->res[fill[w->rgroup[r]]++] = r;
	/* the fill moved each start to the next group's: shift back */
	memmove(w->res_first + 1, w->res_first, w->ng * sizeof(size_t));
	w->res_first[0] = 0;
	return 0;
}

/* installed[t][n]: the type's Installed_nodes (none listed: all). */
static int
index_types(struct work *w)
{
	w->installed = calloc(w->nt * w->nn + 1, sizeof(bool));
	if (w->installed == NULL)
		return -1;
	for (size_t t = 0; t < w->nt; t++) {
		const struct rt *rt = w->c->types[t];

		for (size_t n = 0; n < w->nn; n++)
			w->installed[t * w->nn + n] = rt->n_nodes == 0;
		for (size_t k = 0; k < rt->n_nodes; k++) {
			size_t n = lookup(w, W_NODE, w->nsort, w->nn,
			    rt->nodes[k]);

			if (n != PLACEMENT_NONE)
				w->installed[t * w->nn + n] = true;
		}
	}
	return 0;
}

/* Each group's Nodelist as node indices in order; empty: all by id. */
static int
index_nodelists(struct work *w)
{
	size_t cap = 0, len = 0;
	unsigned char *seen = calloc(w->nn + 1, 1);

	w->nl_first = calloc(w->ng + 1, sizeof(size_t));
	if (seen == NULL || w->nl_first == NULL)
		goto fail;
	for (size_t g = 0; g < w->ng; g++) {
		const struct prop_value *v = w->gc[g].nodelist;
		size_t cnt = v && v->n ? v->n : w->nn;

		if (len + cnt > cap) {
			size_t *p = realloc(w->nl, (len + cnt + cap + 1) *
			    sizeof(size_t));

			if (p == NULL)
				goto fail;
			w->nl = p;
			cap += len + cnt + 1;
		}
		w->nl_first[g] = len;
		for (size_t k = 0; k < cnt; k++) {
			size_t n = v && v->n ? lookup(w, W_NODE, w->nsort,
			    w->nn, v->v[k]) : w->byid[k];

			if (n != PLACEMENT_NONE && !seen[n]) {
				seen[n] = 1;
				w->nl[len++] = n;
			}
		}
		for (size_t k = w->nl_first[g]; k < len; k++)
			seen[w->nl[k]] = 0;
	}
	w->nl_first[w->ng] = len;
	free(seen);
	return 0;
fail:
	free(seen);
	return -1;
}

static int
add_edge(struct work *w, size_t to, unsigned char kind, unsigned char aff)
{
	if (w->ne == w->cap_e) {
		size_t cap = w->cap_e ? 2 * w->cap_e : 64;
		struct edge *e = realloc(w->e, cap * sizeof(*e));

		if (e == NULL)
			return -1;
		w->e = e;
		w->cap_e = cap;
	}
	w->e[w->ne++] = (struct edge){ .to = to, .kind = kind, .aff = aff };
	return 0;
}

/* Edges of g from its resources' dependencies on other groups'. */
static int
resource_edges(struct work *w, size_t g)
{
	for (size_t k = w->res_first[g]; k < w->res_first[g + 1]; k++) {
		const struct res *r = w->c->res[w->res[k]];

		if (!r->enabled)
			continue;
		for (size_t d = 0; d < 3; d++) {
			const struct prop_value *v = prop_find(&r->props,
			    dep_props[d], &w->hint[9 + d]);

			for (size_t i = 0; v != NULL && i < v->n; i++) {
				size_t s = lookup(w, W_RES, w->rsort,
				    w->c->n_res, v->v[i]);

				if (s != PLACEMENT_NONE && w->rgroup[s] != g &&
				    w->rgroup[s] != PLACEMENT_NONE &&
				    add_edge(w, w->rgroup[s], dep_kinds[d],
				    0) == -1)
					return -1;
			}
		}
	}
	return 0;
}

static int
group_edges(struct work *w, size_t g)
{
	const struct prop_value *dep = w->gc[g].deps;
	const struct prop_value *aff = w->gc[g].affs;
	enum placement_affinity k;
	const char *t;
	size_t h;

	for (size_t i = 0; dep != NULL && i < dep->n; i++)
		if ((h = lookup(w, W_GROUP, w->gsort, w->ng, dep->v[i])) !=
		    PLACEMENT_NONE && h != g && add_edge(w, h, E_DEP, 0))
			return -1;
	for (size_t i = 0; aff != NULL && i < aff->n; i++)
		if (placement_affinity_parse(aff->v[i], &k, &t) == 0 &&
		    (h = lookup(w, W_GROUP, w->gsort, w->ng, t)) !=
		    PLACEMENT_NONE && h != g &&
		    add_edge(w, h, E_AFF, (unsigned char)k) == -1)
			return -1;
	return resource_edges(w, g);
}

static int
index_edges(struct work *w)
{
	w->e_first = calloc(w->ng + 1, sizeof(size_t));
	if (w->e_first == NULL)
		return -1;
	for (size_t g = 0; g < w->ng; g++) {
		w->e_first[g] = w->ne;
		if (group_edges(w, g) == -1)
			return -1;
	}
	w->e_first[w->ng] = w->ne;
	return 0;
}

/* ---- order: dependees and affinity targets first ---- */

static bool
is_hard(const struct edge *e)
{
	return e->kind == E_DEP || e->kind == E_RESTART;
}

/* Post-order depth-first walk over every edge: the order of placement. */
static void
visit(struct work *w, size_t g)
{
	w->mark[g] = 1;
	for (size_t k = w->e_first[g]; k < w->e_first[g + 1]; k++)
		if (w->mark[w->e[k].to] == 0)
			visit(w, w->e[k].to);
	w->mark[g] = 2;
	w->out->order[w->n_order++] = g;
}

/* Walk over hard edges only; path holds the groups being visited: a
 * hard edge back to one of them closes a cycle of dependencies. */
static void
find_cycles(struct work *w, size_t g, size_t *path, size_t depth)
{
	w->mark[g] = 1;
	path[depth] = g;
	for (size_t k = w->e_first[g]; k < w->e_first[g + 1]; k++) {
		size_t h = w->e[k].to;

		if (!is_hard(&w->e[k]))
			continue;
		if (w->mark[h] == 0)
			find_cycles(w, h, path, depth + 1);
		else if (w->mark[h] == 1)
			for (size_t i = depth + 1; i-- > 0;) {
				w->incycle[path[i]] = true;
				if (path[i] == h)
					break;
			}
	}
	w->mark[g] = 2;
}

static int
compute_order(struct work *w)
{
	size_t *path = malloc((w->ng + 1) * sizeof(size_t));

	if (path == NULL)
		return -1;
	memset(w->mark, 0, w->ng);
	for (size_t g = 0; g < w->ng; g++)
		if (w->mark[g] == 0)
			find_cycles(w, g, path, 0);
	memset(w->mark, 0, w->ng);
	w->n_order = 0;
	for (size_t g = 0; g < w->ng; g++)
		if (w->mark[g] == 0)
			visit(w, g);
	free(path);
	return 0;
}

/* ---- the state of other groups, as seen while placing one ---- */

static const struct placement_cell *
cell(const struct work *w, size_t g, size_t n)
{
	static const struct placement_cell offline = { .state = RG_OFFLINE };

	return w->in->cells ? &w->in->cells[g * w->nn + n] : &offline;
}

static bool
running(const struct work *w, size_t g, size_t n)
{
	return w->in->nodes[n].up && placement_is_running(cell(w, g, n)->state);
}

static bool
present(const struct work *w, size_t g, size_t n)
{
	return w->in->nodes[n].up && is_present(cell(w, g, n)->state);
}

/* Online on n: as just placed, or (not placed yet) as it runs now. */
static bool
is_on(const struct work *w, size_t h, size_t n)
{
	return w->done[h] ? w->out->wanted[h * w->nn + n] : present(w, h, n);
}

static bool
is_placed(const struct work *w, size_t h)
{
	if (w->done[h])
		return w->out->g[h].n_wanted > 0;
	for (size_t n = 0; n < w->nn; n++)
		if (running(w, h, n))
			return true;
	return false;
}

/* ---- placing one group ---- */

static void
set_reason(struct placement_group *pg, enum placement_reason r, size_t ref,
    size_t node)
{
	pg->reason = r;
	pg->ref = ref;
	pg->node = node;
	pg->blocked = r == PLACEMENT_DEPENDENCY ||
	    r == PLACEMENT_DEPENDENCY_CYCLE || r == PLACEMENT_AFFINITY;
}

/* Keep g where it runs, at most Maximum_primaries (1 for a failover
 * group) nodes, in Nodelist order then by id: a double primary found in
 * the reports is not kept. */
static void
keep_running(struct work *w, size_t g)
{
	unsigned int max = w->gc[g].scalable && w->gc[g].maxp > 0 ?
	    (unsigned int)w->gc[g].maxp : 1;
	struct placement_group *pg = &w->out->g[g];

	for (size_t pass = 0; pass < 2; pass++) {
		size_t hi = pass ? w->nn : w->nl_first[g + 1];

		for (size_t k = pass ? 0 : w->nl_first[g]; k < hi; k++) {
			size_t n = pass ? w->byid[k] : w->nl[k];

			if (pg->n_wanted < max && running(w, g, n) &&
			    !w->out->wanted[g * w->nn + n]) {
				w->out->wanted[g * w->nn + n] = true;
				pg->n_wanted++;
			}
		}
	}
}

/* Error_stop_failed on a live node, or running on a node not yet
 * fenced: the group stays where it runs (keep_running), nothing is
 * started. */
static bool
frozen(struct work *w, size_t g)
{
	struct placement_group *pg = &w->out->g[g];
	bool any = false;

	for (size_t k = 0; k < w->nn; k++) {
		size_t n = w->byid[k];
		const struct placement_node *nd = &w->in->nodes[n];
		enum rg_state s = cell(w, g, n)->state;
		bool stop_failed = s == RG_ERROR_STOP_FAILED &&
		    (nd->up || nd->unclean);
		bool unclean = !nd->up && nd->unclean && is_present(s);

		if (!stop_failed && !unclean)
			continue;
		w->stuck[g * w->nn + n] = true;
		if (!any)
			set_reason(pg, stop_failed ? PLACEMENT_STOP_FAILED :
			    PLACEMENT_UNCLEAN, n, n);
		any = true;
	}
	if (any)
		keep_running(w, g);
	return any;
}

static bool
dependencies_met(struct work *w, size_t g)
{
	for (size_t k = w->e_first[g]; k < w->e_first[g + 1]; k++)
		if (is_hard(&w->e[k]) && !is_placed(w, w->e[k].to)) {
			set_reason(&w->out->g[g], PLACEMENT_DEPENDENCY,
			    w->e[k].to, PLACEMENT_NONE);
			return false;
		}
	return true;
}

static enum placement_reason
module_reason(const struct work *w, size_t g, size_t n, size_t *ref)
{
	for (size_t k = w->res_first[g]; k < w->res_first[g + 1]; k++) {
		size_t r = w->res[k], t = w->rtype[r];

		if (!w->c->res[r]->enabled || t == PLACEMENT_NONE)
			continue;
		*ref = t;
		if (w->in->lacks_module &&
		    w->in->lacks_module[t * w->nn + n])
			return PLACEMENT_NO_MODULE;
		if (!w->installed[t * w->nn + n])
			return PLACEMENT_NOT_INSTALLED;
	}
	return PLACEMENT_PLACED;
}

static enum placement_reason
affinity_reason(const struct work *w, size_t g, size_t n, size_t *ref)
{
	for (size_t k = w->e_first[g]; k < w->e_first[g + 1]; k++) {
		const struct edge *e = &w->e[k];
		bool pos = e->aff == PLACEMENT_AFF_STRONG_POS ||
		    e->aff == PLACEMENT_AFF_DELEGATE;

		if (e->kind != E_AFF)
			continue;
		*ref = e->to;
		if (pos && !is_on(w, e->to, n))
			return PLACEMENT_AFFINITY;
		if (e->aff == PLACEMENT_AFF_STRONG_NEG &&
		    (is_on(w, e->to, n) || w->stuck[e->to * w->nn + n]))
			return PLACEMENT_AFFINITY;
	}
	return PLACEMENT_PLACED;
}

/* May g be online on n? PLACEMENT_PLACED, or why not (ref set). */
static enum placement_reason
node_reason(const struct work *w, size_t g, size_t n, size_t *ref)
{
	const struct placement_node *nd = &w->in->nodes[n];
	const struct placement_cell *cl = cell(w, g, n);
	int pingpong = w->gc[g].pingpong;
	enum placement_reason r;

	*ref = n;
	if (!nd->up)
		return PLACEMENT_NO_NODE;
	if (nd->evacuating)
		return PLACEMENT_EVACUATING;
	if ((r = module_reason(w, g, n, ref)) != PLACEMENT_PLACED)
		return r;
	*ref = n;
	if (cl->giveover)
		return PLACEMENT_GIVEOVER;
	if (cl->failed_at > 0 && !placement_is_running(cl->state) &&
	    w->in->now - cl->failed_at < pingpong)
		return PLACEMENT_PINGPONG;
	return affinity_reason(w, g, n, ref);
}

/* Weak affinities: +1 per + group online on n, -1 per - group. */
static int
weak_score(const struct work *w, size_t g, size_t n)
{
	int s = 0;

	for (size_t k = w->e_first[g]; k < w->e_first[g + 1]; k++) {
		const struct edge *e = &w->e[k];

		if (e->kind != E_AFF || !is_on(w, e->to, n))
			continue;
		if (e->aff == PLACEMENT_AFF_WEAK_POS)
			s++;
		else if (e->aff == PLACEMENT_AFF_WEAK_NEG)
			s--;
	}
	return s;
}

/* The eligible nodes of g in Nodelist order, stably sorted by weak
 * affinity score; the reason of the first refused node is kept (a
 * strong affinity wins: the group is then blocked). */
static size_t
candidates(struct work *w, size_t g, const struct placement_request *rq,
    struct placement_group *why)
{
	size_t n_cand = 0, ref;
	bool have = false, have_aff = false;

	set_reason(why, PLACEMENT_NO_NODE, PLACEMENT_NONE, PLACEMENT_NONE);
	for (size_t k = w->nl_first[g]; k < w->nl_first[g + 1]; k++) {
		size_t n = w->nl[k];
		enum placement_reason r;

		if (rq && !rq->nodes[n])
			continue;
		r = node_reason(w, g, n, &ref);
		if (r == PLACEMENT_PLACED) {
			size_t i = n_cand++;

			w->score[n] = weak_score(w, g, n);
			for (; i > 0 && w->score[w->cand[i - 1]] <
			    w->score[n]; i--)
				w->cand[i] = w->cand[i - 1];
			w->cand[i] = n;
		} else if ((r == PLACEMENT_AFFINITY && !have_aff) ||
		    (r != PLACEMENT_NO_NODE && !have)) {
			set_reason(why, r, ref, n);
			have = true;
			have_aff |= r == PLACEMENT_AFFINITY;
		}
	}
	return n_cand;
}

static void
want(struct work *w, size_t g, size_t n)
{
	if (!w->out->wanted[g * w->nn + n]) {
		w->out->wanted[g * w->nn + n] = true;
		w->out->g[g].n_wanted++;
	}
}

/* Choose up to count nodes: with Failback FALSE (and no switch asked)
 * the eligible nodes where it runs now come first. */
static void
choose(struct work *w, size_t g, unsigned int count,
    const struct placement_request *rq)
{
	struct placement_group *pg = &w->out->g[g], why = { 0 };
	size_t n_cand = candidates(w, g, rq, &why);
	bool sticky = rq == NULL && !w->gc[g].failback;

	for (size_t i = 0; sticky && i < n_cand && pg->n_wanted < count; i++)
		if (running(w, g, w->cand[i]))
			want(w, g, w->cand[i]);
	for (size_t i = 0; i < n_cand && pg->n_wanted < count; i++)
		want(w, g, w->cand[i]);
	if (pg->n_wanted == 0)
		*pg = why;
	else
		set_reason(pg, pg->n_wanted < count ? PLACEMENT_PARTIAL :
		    PLACEMENT_PLACED, PLACEMENT_NONE, PLACEMENT_NONE);
}

static bool
running_anywhere(const struct work *w, size_t g)
{
	for (size_t n = 0; n < w->nn; n++)
		if (running(w, g, n))
			return true;
	return false;
}

/* How many primaries g wants: Desired_primaries (at most
 * Maximum_primaries, at most 1 for a failover group), or as many as the
 * nodes a switch names. */
static unsigned int
primaries(const struct work *w, size_t g, const struct placement_request *rq)
{
	int maxp = w->gc[g].scalable ? w->gc[g].maxp : 1;
	int count = w->gc[g].desp;

	if (rq != NULL) {
		count = 0;
		for (size_t n = 0; n < w->nn; n++)
			count += rq->nodes[n];
	}
	if (count > maxp)
		count = maxp;
	return count > 0 ? (unsigned int)count : 0;
}

static void
place_group(struct work *w, size_t g)
{
	const struct rg *grp = w->c->groups[g];
	struct placement_group *pg = &w->out->g[g];
	const struct placement_request *rq = w->in->req ? &w->in->req[g] : NULL;
	unsigned int count;

	if (rq && rq->kind == PLACEMENT_REQ_NONE)
		rq = NULL;
	set_reason(pg, PLACEMENT_PLACED, PLACEMENT_NONE, PLACEMENT_NONE);
	if (!grp->managed)
		set_reason(pg, PLACEMENT_UNMANAGED, PLACEMENT_NONE,
		    PLACEMENT_NONE);
	else if (!w->in->quorate)
		set_reason(pg, PLACEMENT_NO_QUORUM, PLACEMENT_NONE,
		    PLACEMENT_NONE);
	else if (frozen(w, g))
		;
	else if (rq && rq->kind == PLACEMENT_REQ_OFFLINE)
		set_reason(pg, PLACEMENT_OFFLINE_REQUESTED, PLACEMENT_NONE,
		    PLACEMENT_NONE);
	else if (w->incycle[g])
		set_reason(pg, PLACEMENT_DEPENDENCY_CYCLE, PLACEMENT_NONE,
		    PLACEMENT_NONE);
	else if (!dependencies_met(w, g))
		;
	else if ((count = primaries(w, g, rq == NULL || rq->kind !=
	    PLACEMENT_REQ_SWITCH ? NULL : rq)) == 0)
		set_reason(pg, rq ? PLACEMENT_NO_NODE : PLACEMENT_NONE_DESIRED,
		    PLACEMENT_NONE, PLACEMENT_NONE);
	else if (w->in->new_cluster && rq == NULL &&
	    !w->gc[g].autostart &&
	    !running_anywhere(w, g))
		set_reason(pg, PLACEMENT_NOT_AUTO_STARTED, PLACEMENT_NONE,
		    PLACEMENT_NONE);
	else
		choose(w, g, count, rq);
	w->done[g] = true;
}

/* ---- actions ---- */

static int
add_action(struct placement_result *out, enum placement_verb v, size_t g,
    size_t n, bool restart)
{
	if (out->n_act == out->cap_act) {
		size_t cap = out->cap_act ? 2 * out->cap_act : 64;
		struct placement_action *a = realloc(out->act,
		    cap * sizeof(*a));

		if (a == NULL)
			return -1;
		out->act = a;
		out->cap_act = cap;
	}
	out->act[out->n_act++] = (struct placement_action){ .verb = v,
		.group = g, .node = n, .restart = restart,
		.waits_for = PLACEMENT_NONE };
	return 0;
}

/* A group restarts where it stays when a group it has a restart
 * dependency on starts anywhere (computed dependees first). */
static void
mark_starting(struct work *w)
{
	for (size_t k = 0; k < w->ng; k++) {
		size_t g = w->out->order[k];
		bool restart = false;

		for (size_t e = w->e_first[g]; e < w->e_first[g + 1]; e++)
			if (w->e[e].kind == E_RESTART &&
			    w->starting[w->e[e].to])
				restart = true;
		w->mark[g] = restart && w->in->quorate;
		for (size_t n = 0; n < w->nn; n++)
			if (w->out->wanted[g * w->nn + n] &&
			    (restart || !running(w, g, n)))
				w->starting[g] = true;
	}
}

/* Actions of g over the nodes in a fixed order: Nodelist, then the
 * others by id. */
static int
group_actions(struct work *w, size_t g, enum placement_verb v)
{
	size_t nn = w->nn;

	for (size_t pass = 0; pass < 2; pass++) {
		size_t lo = pass ? 0 : w->nl_first[g];
		size_t hi = pass ? nn : w->nl_first[g + 1];

		for (size_t k = lo; k < hi; k++) {
			size_t n = pass ? w->byid[k] : w->nl[k];
			bool wanted = w->out->wanted[g * nn + n];
			bool restart = w->mark[g] && wanted && running(w, g, n);
			bool act;

			if (pass && w->cand[n] == g)
				continue;	/* in the Nodelist: done */
			if (v == PLACEMENT_STOP)
				act = present(w, g, n) && (!wanted || restart);
			else
				act = wanted && (!running(w, g, n) || restart) &&
				    !w->stuck[g * nn + n];
			if (act && add_action(w->out, v, g, n, restart) == -1)
				return -1;
		}
	}
	return 0;
}

static int
compute_actions(struct work *w)
{
	const struct placement_group *pg = w->out->g;

	mark_starting(w);
	for (size_t n = 0; n < w->nn; n++)
		w->cand[n] = PLACEMENT_NONE;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < w->ng; k++) {
			size_t g = w->out->order[pass ? k : w->ng - 1 - k];

			if (pg[g].reason == PLACEMENT_UNMANAGED ||
			    pg[g].reason == PLACEMENT_NO_QUORUM)
				continue;
			for (size_t i = w->nl_first[g]; i < w->nl_first[g + 1];
			    i++)
				w->cand[w->nl[i]] = g;
			if (group_actions(w, g, pass ? PLACEMENT_START :
			    PLACEMENT_STOP) == -1)
				return -1;
		}
	return 0;
}

/* ---- waits: what a later round does ---- */

/*
 * Nodes carry out their actions at the same time, each node its own in
 * the order given. So an action waits (the president sends it in a later
 * round, after the states are reported) when it must follow an action on
 * another node, or a waiting action, or a group starting or stopping on
 * another node now: a start follows every stop of its own group (no two
 * instances during a switch; a node runs one operation of a group at a
 * time) and every start or stop of a group it depends on (RG_dependencies
 * and the three Resource_dependencies); a stop follows the stops of the
 * groups that depend on its group.
 */
struct waits {
	size_t		*first;		/* [g]: its first action */
	size_t		*next;		/* [action]: the group's next one */
	size_t		*r_first;	/* [g]: groups that depend on g */
	size_t		*r_from;
};

static bool
is_order_edge(const struct edge *e)
{
	return e->kind != E_AFF;
}

/* Whether action i must follow an earlier action of group h with verb
 * v: one on another node (any node when any_node), or one that waits. */
static bool
follows(const struct work *w, const struct waits *t, size_t h,
    enum placement_verb v, size_t i, bool any_node)
{
	const struct placement_action *a = w->out->act;

	for (size_t j = t->first[h]; j < i; j = t->next[j])
		if (a[j].verb == v && (any_node || a[j].waits ||
		    a[j].node != a[i].node))
			return true;
	return false;
}

/* Group h starting (or, for stopping_only, stopping) on an up node
 * other than n. */
static bool
is_moving_elsewhere(const struct work *w, size_t h, size_t n,
    bool stopping_only)
{
	for (size_t m = 0; m < w->nn; m++) {
		enum rg_state s = cell(w, h, m)->state;

		if (m != n && w->in->nodes[m].up && (s == RG_PENDING_OFFLINE ||
		    (!stopping_only && s == RG_PENDING_ONLINE)))
			return true;
	}
	return false;
}

static size_t
start_waits_for(const struct work *w, const struct waits *t, size_t i)
{
	size_t g = w->out->act[i].group, n = w->out->act[i].node;

	if (follows(w, t, g, PLACEMENT_STOP, i, true))
		return g;
	for (size_t k = w->e_first[g]; k < w->e_first[g + 1]; k++) {
		size_t h = w->e[k].to;

		if (is_order_edge(&w->e[k]) && h != g &&
		    (follows(w, t, h, PLACEMENT_START, i, false) ||
		    follows(w, t, h, PLACEMENT_STOP, i, false) ||
		    is_moving_elsewhere(w, h, n, false)))
			return h;
	}
	return PLACEMENT_NONE;
}

static size_t
stop_waits_for(const struct work *w, const struct waits *t, size_t i)
{
	size_t d = w->out->act[i].group, n = w->out->act[i].node;

	for (size_t k = t->r_first[d]; k < t->r_first[d + 1]; k++) {
		size_t g = t->r_from[k];

		if (g != d && (follows(w, t, g, PLACEMENT_STOP, i, false) ||
		    is_moving_elsewhere(w, g, n, true)))
			return g;
	}
	return PLACEMENT_NONE;
}

/* Who depends on whom, backwards: r_from[r_first[d]..r_first[d+1]].
 * t->next serves as the fill cursor before it holds the actions. */
static void
index_dependents(const struct work *w, struct waits *t)
{
	for (size_t g = 0; g < w->ng; g++)
		for (size_t k = w->e_first[g]; k < w->e_first[g + 1]; k++)
			if (is_order_edge(&w->e[k]))
				t->r_first[w->e[k].to + 1]++;
	for (size_t g = 0; g < w->ng; g++) {
		t->r_first[g + 1] += t->r_first[g];
		t->next[g] = t->r_first[g];
	}
	for (size_t g = 0; g < w->ng; g++)
		for (size_t k = w->e_first[g]; k < w->e_first[g + 1]; k++)
			if (is_order_edge(&w->e[k]))
				t->r_from[t->next[w->e[k].to]++] = g;
}

static int
mark_waits(struct work *w)
{
	struct placement_action *a = w->out->act;
	size_t na = w->out->n_act, big = na > w->ng ? na : w->ng;
	struct waits t = {
		.first = malloc((w->ng + 1) * sizeof(size_t)),
		.next = calloc(big + 1, sizeof(size_t)),
		.r_first = calloc(w->ng + 2, sizeof(size_t)),
		.r_from = malloc((w->ne + 1) * sizeof(size_t)),
	};
	int rc = -1;

	if (!t.first || !t.next || !t.r_first || !t.r_from)
		goto out;
	index_dependents(w, &t);
	for (size_t g = 0; g < w->ng; g++)
		t.first[g] = PLACEMENT_NONE;
	for (size_t i = na; i-- > 0;) {
		t.next[i] = t.first[a[i].group];
		t.first[a[i].group] = i;
	}
	for (size_t i = 0; i < na; i++) {
		a[i].waits_for = a[i].verb == PLACEMENT_START ?
		    start_waits_for(w, &t, i) : stop_waits_for(w, &t, i);
		a[i].waits = a[i].waits_for != PLACEMENT_NONE;
	}
	rc = 0;
out:
	free(t.first);
	free(t.next);
	free(t.r_first);
	free(t.r_from);
	return rc;
}

/* ---- entry points ---- */

static int
prepare_result(struct placement_result *out, size_t ng, size_t nn)
{
	free(out->wanted);
	free(out->g);
	free(out->order);
	out->n_groups = ng;
	out->n_nodes = nn;
	out->n_act = 0;
	out->wanted = calloc(ng * nn + 1, sizeof(bool));
	out->g = calloc(ng + 1, sizeof(*out->g));
	out->order = calloc(ng + 1, sizeof(size_t));
	return out->wanted && out->g && out->order ? 0 : -1;
}

static void
work_free(struct work *w)
{
	free(w->gsort);
	free(w->nsort);
	free(w->rsort);
	free(w->tsort);
	free(w->byid);
	free(w->rgroup);
	free(w->rtype);
	free(w->res_first);
	free(w->res);
	free(w->nl_first);
	free(w->nl);
	free(w->e_first);
	free(w->e);
	free(w->gc);
	free(w->installed);
	free(w->stuck);
	free(w->done);
	free(w->incycle);
	free(w->starting);
	free(w->mark);
	free(w->cand);
	free(w->score);
}

static int
work_init(struct work *w, const struct placement_input *in,
    struct placement_result *out)
{
	memset(w, 0, sizeof(*w));
	w->in = in;
	w->out = out;
	w->c = in->ccr;
	w->ng = in->ccr->n_groups;
	w->nn = in->n_nodes;
	w->nt = in->ccr->n_types;
	w->stuck = calloc(w->ng * w->nn + 1, sizeof(bool));
	w->done = calloc(w->ng + 1, sizeof(bool));
	w->incycle = calloc(w->ng + 1, sizeof(bool));
	w->starting = calloc(w->ng + 1, sizeof(bool));
	w->mark = calloc(w->ng + 1, 1);
	w->cand = calloc(w->nn + 1, sizeof(size_t));
	w->score = calloc(w->nn + 1, sizeof(int));
	if (!w->stuck || !w->done || !w->incycle || !w->starting ||
	    !w->mark || !w->cand || !w->score ||
	    prepare_result(out, w->ng, w->nn) == -1 ||
	    index_names(w) == -1 || index_groups(w) == -1 ||
	    index_resources(w) == -1 ||
	    index_types(w) == -1 || index_nodelists(w) == -1 ||
	    index_edges(w) == -1)
		return -1;
	return 0;
}

int
placement_compute(const struct placement_input *in,
    struct placement_result *out)
{
	struct work w;
	int rc = -1;

	if (in == NULL || in->ccr == NULL || out == NULL ||
	    (in->n_nodes > 0 && in->nodes == NULL)) {
		errno = EINVAL;
		return -1;
	}
	if (work_init(&w, in, out) == -1 || compute_order(&w) == -1)
		goto out;
	for (size_t k = 0; k < w.ng; k++)
		place_group(&w, out->order[k]);
	if (compute_actions(&w) == -1 || mark_waits(&w) == -1)
		goto out;
	rc = 0;
out:
	work_free(&w);
	if (rc == -1)
		errno = ENOMEM;
	return rc;
}

void
placement_result_free(struct placement_result *out)
{
	free(out->wanted);
	free(out->g);
	free(out->order);
	free(out->act);
	memset(out, 0, sizeof(*out));
}
