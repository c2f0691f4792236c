// SPDX-License-Identifier: MIT
/*
 * rgsim_gen.c - synthetic configurations for the placement benchmark
 * (rgsim --generate): G groups, R resources, N nodes, written in the
 * ccr.cfg format with an RTR file beside it (PATH.rtr), then loaded back
 * through the real loader (ccr_from_config) so that what the benchmark
 * reads is a configuration rgmd would accept. The mix is fixed (the same
 * arguments give the same file): failover groups over three nodes of a
 * rotating Nodelist, a scalable group in ten over six nodes, chains of
 * RG_dependencies, weak and strong affinities, Failback TRUE on some,
 * resources chained inside their group and a few weak dependencies
 * across groups.
 */
#define _GNU_SOURCE
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsdl.h"
#include "rgsim.h"
#include "store.h"

static const char sim_rtr[] =
    "# rgsim --generate: the resource type of a synthetic configuration\n"
    "RESOURCE_TYPE = \"SIM.app\";\n"
    "RT_DESCRIPTION = \"synthetic type of rgsim --generate\";\n"
    "API_VERSION = 1;\n"
    "FAILOVER = false;\n"
    "MODULE = \"SIM.app.so\";\n";

static config_setting_t *
add(config_setting_t *p, const char *name, int type)
{
	return p ? config_setting_add(p, name, type) : NULL;
}

static bool
add_str(config_setting_t *p, const char *name, const char *v)
{
	return config_setting_set_string(add(p, name, CONFIG_TYPE_STRING), v);
}

static bool
add_int(config_setting_t *p, const char *name, int v)
{
	return config_setting_set_int(add(p, name, CONFIG_TYPE_INT), v);
}

static bool
add_bool(config_setting_t *p, const char *name, bool v)
{
	return config_setting_set_bool(add(p, name, CONFIG_TYPE_BOOL), v);
}

/* An array of one string (or none when v is NULL). */
static bool
add_arr1(config_setting_t *p, const char *name, const char *v)
{
	config_setting_t *a = add(p, name, CONFIG_TYPE_ARRAY);

	return a && (v == NULL || config_setting_set_string_elem(a, -1, v));
}

static bool
gen_group(const struct rgsim_gen *g, size_t i, config_setting_t *l)
{
	config_setting_t *e = add(l, NULL, CONFIG_TYPE_GROUP), *p, *nl;
	bool scalable = i % 10 == 9;
	size_t span = scalable ? 6 : 3, prim = scalable ? 3 : 1;
	char name[32], other[40];

	if (span > g->nodes)
		span = g->nodes;
	if (prim > span)
		prim = span;
	snprintf(name, sizeof(name), "rg%04zu", i);
	if (!add_str(e, "name", name) || !add_bool(e, "managed", true) ||
	    !(p = add(e, "props", CONFIG_TYPE_GROUP)) ||
	    !add_str(p, "RG_mode", scalable ? "Scalable" : "Failover") ||
	    !(nl = add(p, "Nodelist", CONFIG_TYPE_ARRAY)) ||
	    !add_int(p, "Maximum_primaries", (int)prim) ||
	    !add_int(p, "Desired_primaries", (int)prim) ||
	    !add_bool(p, "Failback", i % 8 == 3))
		return false;
	for (size_t k = 0; k < span; k++) {
		char node[32];

		snprintf(node, sizeof(node), "n%zu", (i + k) % g->nodes + 1);
		if (!config_setting_set_string_elem(nl, -1, node))
			return false;
	}
	snprintf(other, sizeof(other), "rg%04zu", i - 1);
	if (!add_arr1(p, "RG_dependencies", i % 4 == 1 ? other : NULL))
		return false;
	if (i % 6 == 2)
		snprintf(other, sizeof(other), "+rg%04zu", i - 2);
	else if (i % 9 == 5)
		snprintf(other, sizeof(other), "--rg%04zu", i - 1);
	else if (i % 15 == 7)
		snprintf(other, sizeof(other), "++rg%04zu", i - 1);
	else
		other[0] = '\0';
	return add_arr1(p, "RG_affinities", other[0] ? other : NULL);
}

static bool
gen_resource(const struct rgsim_gen *g, size_t j, config_setting_t *l)
{
	config_setting_t *e = add(l, NULL, CONFIG_TYPE_GROUP), *p;
	char name[32], group[32], dep[32], weak[32];

	snprintf(name, sizeof(name), "r%05zu", j);
	snprintf(group, sizeof(group), "rg%04zu", j % g->groups);
	snprintf(dep, sizeof(dep), "r%05zu", j - g->groups);
	snprintf(weak, sizeof(weak), "r%05zu", j - 1);
	return add_str(e, "name", name) && add_str(e, "group", group) &&
	    add_str(e, "type", "SIM.app") && add_bool(e, "enabled", true) &&
	    add_bool(e, "monitored", true) &&
	    (p = add(e, "props", CONFIG_TYPE_GROUP)) != NULL &&
	    add_arr1(p, "Resource_dependencies", j >= g->groups ? dep : NULL) &&
	    add_arr1(p, "Resource_dependencies_weak",
	    j % 17 == 16 ? weak : NULL) &&
	    add(e, "ext", CONFIG_TYPE_GROUP) != NULL;
}

static bool
gen_config(const struct rgsim_gen *g, const char *rtr, config_t *cf)
{
	config_setting_t *root = config_root_setting(cf), *l, *t;

	if (!config_setting_set_int64(add(root, "generation",
	    CONFIG_TYPE_INT64), 1) ||
	    !(l = add(root, "types", CONFIG_TYPE_LIST)) ||
	    !(t = add(l, NULL, CONFIG_TYPE_GROUP)) ||
	    !add_str(t, "name", "SIM.app") || !add_str(t, "rtr", rtr) ||
	    !add(t, "nodes", CONFIG_TYPE_ARRAY) || !add_int(t, "methods", 0) ||
	    !(l = add(root, "groups", CONFIG_TYPE_LIST)))
		return false;
	for (size_t i = 0; i < g->groups; i++)
		if (!gen_group(g, i, l))
			return false;
	if (!(l = add(root, "resources", CONFIG_TYPE_LIST)))
		return false;
	for (size_t j = 0; j < g->resources; j++)
		if (!gen_resource(g, j, l))
			return false;
	return true;
}

static int
write_rtr(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(sim_rtr, f) == EOF || fclose(f) == EOF) {
		snprintf(err, errlen, "%s: cannot write the RTR file", path);
		return -1;
	}
	return 0;
}

int
rgsim_generate(const struct rgsim_gen *g, const char *path, char *err,
    size_t errlen)
{
	char rtr[4096], real[4096];
	struct ccr *c = NULL;
	config_t cf;
	int rc = -1;

	config_init(&cf);
	if (g->groups == 0 || g->nodes == 0 || g->groups > 9999 ||
	    g->resources > 99999) {
		snprintf(err, errlen, "--generate: groups 1..9999, nodes >= 1, "
		    "resources 0..99999");
		goto out;
	}
	if ((size_t)snprintf(rtr, sizeof(rtr), "%s.rtr", path) >= sizeof(rtr) ||
	    write_rtr(rtr, err, errlen) == -1)
		goto out;
	if (realpath(rtr, real) == NULL) {
		snprintf(err, errlen, "%s: cannot resolve the path", rtr);
		goto out;
	}
	if (!gen_config(g, real, &cf)) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	/* what is written must load: read it back through the loader */
	if ((c = ccr_new()) == NULL ||
	    ccr_from_config(c, &cf, DSDL_ABI_VERSION, err, errlen) == -1 ||
	    store_write(path, &cf, err, errlen) == -1)
		goto out;
	rc = 0;
out:
	if (c)
		ccr_free(c);
	config_destroy(&cf);
	return rc;
}
