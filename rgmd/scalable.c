// SPDX-License-Identifier: MIT
/*
 * scalable.c - the checks of a scalable resource's properties, made on
 * every configuration change (ccr.c), so a configuration rgmd stores is
 * one pdt_feed.c can always translate: each refusal names the resource,
 * the property and what is wrong. The types of the values (the policy's
 * words, Affinity_timeout's range, booleans) are checked by props.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scalable.h"

bool
scalable_is(const struct res *r)
{
	const struct prop_value *v = ccr_res_value(r, "Scalable");

	return v != NULL && v->type == PROP_BOOL && v->b;
}

bool
scalable_is_sa(const struct res *r)
{
	size_t n = strlen(SCALABLE_SA_TYPE);

	return strncmp(r->type, SCALABLE_SA_TYPE, n) == 0 &&
	    (r->type[n] == '\0' || r->type[n] == ':');
}

int
scalable_check_port(const char *s, char *err, size_t errlen)
{
	const char *slash = strchr(s, '/');
	static const char *const protos[] = { "tcp", "udp", "tcp6", "udp6" };
	char *end;
	long port;

	if (slash == NULL || slash == s)
		goto bad;
	if (!(slash - s == 1 && s[0] == '*')) {
		if (s[0] < '0' || s[0] > '9')
			goto bad;
		errno = 0;
		port = strtol(s, &end, 10);
		if (errno != 0 || end != slash || port < 1 || port > 65535)
			goto bad;
	}
	for (size_t i = 0; i < sizeof(protos) / sizeof(*protos); i++)
		if (strcmp(slash + 1, protos[i]) == 0)
			return 0;
bad:
	snprintf(err, errlen, "Port_list entry \"%s\" is not port/protocol "
	    "(port 1..65535 or *, protocol tcp, udp, tcp6 or udp6)", s);
	return -1;
}

int
scalable_parse_weight(const char *s, long *w, const char **node, char *err,
    size_t errlen)
{
	const char *at = strchr(s, '@');
	char *end;

	if (at == NULL || at == s || at[1] == '\0' || s[0] < '0' ||
	    s[0] > '9')
		goto bad;
	errno = 0;
	*w = strtol(s, &end, 10);
	if (errno != 0 || end != at || *w > SCALABLE_WEIGHT_MAX)
		goto bad;
	*node = at + 1;
	return 0;
bad:
	snprintf(err, errlen, "Load_balancing_weights entry \"%s\" is not "
	    "weight@node (weight 0..%d)", s, SCALABLE_WEIGHT_MAX);
	return -1;
}

static bool
in_list(const struct prop_value *v, const char *s)
{
	for (size_t i = 0; v != NULL && i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return true;
	return false;
}

/* Network_resources_used: SharedAddress resources whose groups r's group
 * depends on. */
static int
check_network(const struct ccr *c, const struct res *r, const struct rg *g,
    char *err, size_t errlen)
{
	const struct prop_value *nr = ccr_res_value(r, "Network_resources_used");
	const struct prop_value *deps = ccr_rg_value(g, "RG_dependencies");

	if (nr == NULL || nr->n == 0) {
		snprintf(err, errlen, "resource %s: Scalable=TRUE needs "
		    "Network_resources_used naming a %s resource", r->name,
		    SCALABLE_SA_TYPE);
		return -1;
	}
	for (size_t i = 0; i < nr->n; i++) {
		const struct res *sa = ccr_resource(c, nr->v[i]);

		if (sa == NULL || !scalable_is_sa(sa)) {
			snprintf(err, errlen, "resource %s: Network_resources_"
			    "used names %s, which is not a %s resource",
			    r->name, nr->v[i], SCALABLE_SA_TYPE);
			return -1;
		}
		if (!in_list(deps, sa->group)) {
			snprintf(err, errlen, "resource %s: its group %s must "
			    "depend on %s's group (scrgadm -c -g %s -y "
			    "RG_dependencies=%s)", r->name, g->name, sa->name,
			    g->name, sa->group);
			return -1;
		}
	}
	return 0;
}

/* Are two Port_list entries the same for pdt (tcp6 is tcp, udp6 udp)? */
static bool
same_port(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > 0 && a[la - 1] == '6')
		la--;
	if (lb > 0 && b[lb - 1] == '6')
		lb--;
	return la == lb && strncmp(a, b, la) == 0;
}

static int
check_ports(const struct res *r, char *err, size_t errlen)
{
	const struct prop_value *pl = ccr_res_value(r, "Port_list");
	char why[256];

	if (pl == NULL || pl->n == 0) {
		snprintf(err, errlen, "resource %s: Scalable=TRUE needs a "
		    "Port_list (e.g. Port_list=80/tcp)", r->name);
		return -1;
	}
	for (size_t i = 0; i < pl->n; i++) {
		if (scalable_check_port(pl->v[i], why, sizeof(why)) == -1) {
			snprintf(err, errlen, "resource %s: %s", r->name, why);
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (same_port(pl->v[i], pl->v[j])) {
				snprintf(err, errlen, "resource %s: Port_list "
				    "names %s twice", r->name, pl->v[i]);
				return -1;
			}
	}
	if (pl->n > SCALABLE_PORTS_MAX) {
		snprintf(err, errlen, "resource %s: Port_list has %zu entries, "
		    "more than %d", r->name, pl->n, SCALABLE_PORTS_MAX);
		return -1;
	}
	return 0;
}

static int
check_weights(const struct res *r, const struct rg *g, char *err,
    size_t errlen)
{
	const struct prop_value *wl = ccr_res_value(r, "Load_balancing_weights");
	const struct prop_value *nodes = ccr_rg_value(g, "Nodelist");
	char why[256];

	for (size_t i = 0; wl != NULL && i < wl->n; i++) {
		const char *node;
		long w;

		if (scalable_parse_weight(wl->v[i], &w, &node, why,
		    sizeof(why)) == -1) {
			snprintf(err, errlen, "resource %s: %s", r->name, why);
			return -1;
		}
		/* An empty Nodelist is every cluster node: names are
		 * checked when the cluster's nodes are known (pdt_feed). */
		if (nodes != NULL && nodes->n > 0 && !in_list(nodes, node)) {
			snprintf(err, errlen, "resource %s: Load_balancing_"
			    "weights names node %s, which is not in group "
			    "%s's Nodelist", r->name, node, g->name);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			const char *other = strchr(wl->v[j], '@');

			if (other != NULL && strcmp(other + 1, node) == 0) {
				snprintf(err, errlen, "resource %s: Load_"
				    "balancing_weights names node %s twice",
				    r->name, node);
				return -1;
			}
		}
	}
	return 0;
}

int
scalable_check(const struct ccr *c, const struct res *r, char *err,
    size_t errlen)
{
	const struct rg *g = ccr_group(c, r->group);
	const struct prop_value *mode, *pol, *udp;

	if (!scalable_is(r) || g == NULL)
		return 0;
	mode = ccr_rg_value(g, "RG_mode");
	if (mode == NULL || strcmp(mode->s, "Scalable") != 0) {
		snprintf(err, errlen, "resource %s: Scalable=TRUE needs a "
		    "scalable group, and %s is not (RG_mode=Scalable)",
		    r->name, g->name);
		return -1;
	}
	if (check_network(c, r, g, err, errlen) == -1 ||
	    check_ports(r, err, errlen) == -1 ||
	    check_weights(r, g, err, errlen) == -1)
		return -1;
	pol = ccr_res_value(r, "Load_balancing_policy");
	udp = ccr_res_value(r, "UDP_affinity");
	if (udp != NULL && udp->b && pol != NULL &&
	    strcmp(pol->s, "LB_WEIGHTED") == 0) {
		snprintf(err, errlen, "resource %s: UDP_affinity=TRUE needs "
		    "a sticky Load_balancing_policy (LB_STICKY or "
		    "LB_STICKY_WILD), not LB_WEIGHTED", r->name);
		return -1;
	}
	return 0;
}

const struct res *
scalable_user_of(const struct ccr *c, const char *sa)
{
	for (size_t i = 0; i < c->n_res; i++)
		if (in_list(ccr_res_value(c->res[i], "Network_resources_used"),
		    sa))
			return c->res[i];
	return NULL;
}
