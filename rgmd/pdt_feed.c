// SPDX-License-Identifier: MIT
/*
 * pdt_feed.c - the one place that turns rgmd's view (configuration,
 * membership, every node's reported resource states and public MAC) into
 * pdt's services and nodes, and what pdt already has into the commands
 * that bring it there. Pure: the world comes through struct pdt_feed_env,
 * so the tables of tests/unit/rgmd/test_pdt_feed.c drive it whole.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt_feed.h"
#include "scalable.h"

static void __attribute__((format(printf, 3, 4)))
warnf(char *warn, size_t len, const char *fmt, ...)
{
	va_list ap;
	size_t used;

	if (warn == NULL || len == 0)
		return;
	used = strlen(warn);
	va_start(ap, fmt);
	if (used + 1 < len)
		vsnprintf(warn + used, len - used, fmt, ap);
	va_end(ap);
	used = strlen(warn);
	if (used + 1 < len)
		snprintf(warn + used, len - used, "\n");
}

static const struct pdt_feed_node *
node_by_name(const struct pdt_feed_env *env, const char *name)
{
	for (size_t i = 0; i < env->n_nodes; i++)
		if (strcmp(env->nodes[i].name, name) == 0)
			return &env->nodes[i];
	return NULL;
}

/* pdt's service name: the resource's, "-2", "-3"... for its next
 * addresses; a name too long keeps its head and a hash of the whole. */
static void
svc_name(char *out, const char *res, size_t k)
{
	char suffix[16] = "", full[PDT_FEED_NAME_MAX + 16];
	size_t room;
	uint32_t h = 2166136261u;

	if (k > 0)
		snprintf(suffix, sizeof(suffix), "-%zu", k + 1);
	room = PDT_FEED_NAME_MAX - 1 - strlen(suffix);
	for (const char *p = res; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	if (strlen(res) <= room)
		snprintf(full, sizeof(full), "%s%s", res, suffix);
	else
		snprintf(full, sizeof(full), "%.*s~%08x%s", (int)(room - 9),
		    res, h, suffix);
	snprintf(out, PDT_FEED_NAME_MAX, "%.31s", full);
}

/* "3@1,1@2" over the nodes with a MAC; default 1 on each node of the
 * Nodelist (every node when it is empty). */
static char *
weights_of(const struct ccr *c, const struct res *r,
    const struct pdt_feed_env *env, uint32_t *ids, size_t *n_ids)
{
	const struct prop_value *wl = ccr_res_value(r, "Load_balancing_weights");
	const struct prop_value *nl = ccr_rg_value(ccr_group(c, r->group),
	    "Nodelist");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	size_t n = wl && wl->n ? wl->n : nl && nl->n ? nl->n : env->n_nodes;

	if (f == NULL)
		return NULL;
	*n_ids = 0;
	for (size_t i = 0; i < n && *n_ids < PDT_FEED_MAX_NODES; i++) {
		const struct pdt_feed_node *nd;
		const char *name;
		long w = 1;
		char why[128];

		if (wl && wl->n) {
			if (scalable_parse_weight(wl->v[i], &w, &name, why,
			    sizeof(why)) == -1)
				continue;	/* refused by ccr.c */
			nd = node_by_name(env, name);
		} else if (nl && nl->n)
			nd = node_by_name(env, nl->v[i]);
		else
			nd = &env->nodes[i];
		if (nd == NULL || nd->mac[0] == '\0')
			continue;
		fprintf(f, "%s%ld@%u", *n_ids ? "," : "", w, nd->id);
		ids[(*n_ids)++] = nd->id;
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static char *
online_of(const struct res *r, const struct pdt_feed_env *env,
    const uint32_t *ids, size_t n_ids)
{
	char *buf = NULL;
	size_t len = 0, k = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return NULL;
	for (size_t i = 0; i < env->n_nodes; i++) {
		bool weighted = false;

		for (size_t j = 0; j < n_ids; j++)
			weighted |= ids[j] == env->nodes[i].id;
		if (weighted && env->online(env->arg, &env->nodes[i], r->name))
			fprintf(f, "%s%u", k++ ? "," : "", env->nodes[i].id);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static char *
settings_of(const char *name, const char *addr, const struct res *r)
{
	const struct prop_value *pl = ccr_res_value(r, "Port_list");
	const struct prop_value *pol = ccr_res_value(r, "Load_balancing_policy");
	const char *policy = pol && pol->s ? pol->s : "LB_WEIGHTED";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return NULL;
	fprintf(f, "name = \"%s\"; address = \"%s\"; port_list = \"", name,
	    addr);
	for (size_t i = 0; pl && i < pl->n; i++)
		fprintf(f, "%s%s", i ? "," : "", pl->v[i]);
	fprintf(f, "\"; policy = \"%s\";", policy);
	if (strcmp(policy, "LB_WEIGHTED") != 0)
		fprintf(f, " affinity_timeout = %d; udp_affinity = %s;",
		    ccr_res_int(r, "Affinity_timeout", 0),
		    ccr_res_value(r, "UDP_affinity") &&
		    ccr_res_value(r, "UDP_affinity")->b ? "true" : "false");
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int
add_svc(struct pdt_feed_cfg *out, const char *name, char *settings,
    char *weights, char *online)
{
	struct pdt_feed_svc *s = reallocarray(out->svc, out->n_svc + 1,
	    sizeof(*s));

	if (s == NULL || settings == NULL || weights == NULL ||
	    online == NULL) {
		if (s != NULL)
			out->svc = s;
		free(settings);
		free(weights);
		free(online);
		return -1;
	}
	out->svc = s;
	s = &out->svc[out->n_svc++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->settings = settings;
	s->weights = weights;
	s->online = online;
	return 0;
}

/* The services of one scalable resource r, one per address. */
static int
build_res(const struct ccr *c, const struct res *r,
    const struct pdt_feed_env *env, struct pdt_feed_cfg *out, char *warn,
    size_t warnlen)
{
	const struct prop_value *nr = ccr_res_value(r, "Network_resources_used");
	uint32_t ids[PDT_FEED_MAX_NODES];
	size_t n_ids, k = 0;
	char *w = weights_of(c, r, env, ids, &n_ids);

	if (w == NULL)
		return -1;
	if (n_ids == 0) {
		warnf(warn, warnlen, "resource %s: no weighted node has "
		    "reported its public MAC: not given to pdt", r->name);
		free(w);
		return 0;
	}
	for (size_t i = 0; nr && i < nr->n; i++) {
		const struct res *sa = ccr_resource(c, nr->v[i]);
		const struct prop_value *hl = sa ?
		    ccr_res_value(sa, "HostnameList") : NULL;

		if (env->only_sa != NULL && strcmp(nr->v[i], env->only_sa))
			continue;

		for (size_t h = 0; hl && h < hl->n; h++) {
			char addrs[PDT_FEED_MAX_ADDRS][PDT_FEED_ADDR_MAX];
			int na = env->resolve(env->arg, hl->v[h], addrs,
			    PDT_FEED_MAX_ADDRS);

			if (na < 0)
				warnf(warn, warnlen, "resource %s: address %s "
				    "does not resolve: not given to pdt",
				    r->name, hl->v[h]);
			for (int a = 0; a < na; a++, k++) {
				char name[PDT_FEED_NAME_MAX];

				svc_name(name, r->name, k);
				if (add_svc(out, name, settings_of(name,
				    addrs[a], r), strdup(w), online_of(r, env,
				    ids, n_ids)) == -1) {
					free(w);
					return -1;
				}
			}
		}
	}
	free(w);
	return 0;
}

int
pdt_feed_build(const struct ccr *c, const struct pdt_feed_env *env,
    struct pdt_feed_cfg *out, char *warn, size_t warnlen)
{
	memset(out, 0, sizeof(*out));
	if (warn != NULL && warnlen > 0)
		warn[0] = '\0';
	for (size_t i = 0; i < env->n_nodes && out->n_nodes <
	    PDT_FEED_MAX_NODES; i++)
		if (env->nodes[i].mac[0] != '\0')
			out->nodes[out->n_nodes++] = env->nodes[i];
	for (size_t i = 0; i < c->n_res; i++)
		if (scalable_is(c->res[i]) && build_res(c, c->res[i], env, out,
		    warn, warnlen) == -1) {
			pdt_feed_free(out);
			return -1;
		}
	return 0;
}

void
pdt_feed_free(struct pdt_feed_cfg *cfg)
{
	for (size_t i = 0; i < cfg->n_svc; i++) {
		free(cfg->svc[i].settings);
		free(cfg->svc[i].weights);
		free(cfg->svc[i].online);
	}
	free(cfg->svc);
	cfg->svc = NULL;
	cfg->n_svc = 0;
	cfg->n_nodes = 0;
}
