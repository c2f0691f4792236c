// SPDX-License-Identifier: MIT
/*
 * stdprops.c - declarations of the standard properties, built once from
 * compact tables. A type's RTR file may override MIN, MAX, DEFAULT and
 * TUNABLE of a standard resource property (rtr.c); it cannot change its type.
 * Method time-outs default to 3600 s when the RTR file gives no default,
 * as in Sun Cluster.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stdprops.h"

const char *const stdprops_methods[] = {
	"Start", "Stop", "Validate", "Update", "Init", "Fini", "Boot",
	"Prenet_start", "Postnet_stop", "Monitor_start", "Monitor_stop",
	"Monitor_check",
};
const size_t stdprops_n_methods =
    sizeof(stdprops_methods) / sizeof(*stdprops_methods);

static char *failover_modes[] = { "NONE", "SOFT", "HARD", "RESTART_ONLY",
	"LOG_ONLY" };
static char *lb_policies[] = { "LB_WEIGHTED", "LB_STICKY", "LB_STICKY_WILD" };
static char *rg_modes[] = { "Failover", "Scalable" };
static char *empty_array[] = { NULL };

#define INT(nm, mn, mx, df, tu) { .name = nm, .type = PROP_INT,		\
	.has_min = true, .min = mn, .has_max = true, .max = mx,		\
	.has_default = true, .def = { .type = PROP_INT, .i = df },	\
	.tunable = tu }
#define BOOL(nm, df, tu) { .name = nm, .type = PROP_BOOL,		\
	.has_default = true, .def = { .type = PROP_BOOL, .b = df },	\
	.tunable = tu }
#define STR(nm, tu) { .name = nm, .type = PROP_STRING,			\
	.has_default = true, .def = { .type = PROP_STRING, .s = "" },	\
	.tunable = tu }
#define ARR(nm, tu) { .name = nm, .type = PROP_STRINGARRAY,		\
	.has_default = true,						\
	.def = { .type = PROP_STRINGARRAY, .v = empty_array },		\
	.tunable = tu }
#define ENUM(nm, vals, df, tu) { .name = nm, .type = PROP_ENUM,		\
	.enumv = vals, .n_enum = sizeof(vals) / sizeof(*vals),		\
	.has_default = true, .def = { .type = PROP_ENUM, .s = df },	\
	.tunable = tu }

static const struct prop_decl group_decls[] = {
	ENUM("RG_mode", rg_modes, "Failover", TUNE_AT_CREATION),
	ARR("Nodelist", TUNE_ANYTIME),
	INT("Maximum_primaries", 1, 1024, 1, TUNE_ANYTIME),
	INT("Desired_primaries", 0, 1024, 1, TUNE_ANYTIME),
	BOOL("Failback", false, TUNE_ANYTIME),
	BOOL("Auto_start_on_new_cluster", true, TUNE_ANYTIME),
	BOOL("Implicit_network_dependencies", true, TUNE_ANYTIME),
	ARR("RG_dependencies", TUNE_ANYTIME),
	ARR("RG_affinities", TUNE_ANYTIME),
	INT("Pingpong_interval", 0, 86400 * 365, 3600, TUNE_ANYTIME),
	STR("RG_description", TUNE_ANYTIME),
	STR("Pathprefix", TUNE_ANYTIME),
};

#define TIMEOUT(m) INT(m "_timeout", 1, 86400, 3600, TUNE_ANYTIME)

static const struct prop_decl resource_decls[] = {
	TIMEOUT("Start"), TIMEOUT("Stop"), TIMEOUT("Validate"),
	TIMEOUT("Update"), TIMEOUT("Init"), TIMEOUT("Fini"), TIMEOUT("Boot"),
	TIMEOUT("Prenet_start"), TIMEOUT("Postnet_stop"),
	TIMEOUT("Monitor_start"), TIMEOUT("Monitor_stop"),
	TIMEOUT("Monitor_check"),
	INT("Retry_count", 0, 10, 2, TUNE_ANYTIME),
	INT("Retry_interval", 0, 3600, 300, TUNE_ANYTIME),
	INT("Thorough_probe_interval", 1, 3600, 60, TUNE_ANYTIME),
	ENUM("Failover_mode", failover_modes, "NONE", TUNE_ANYTIME),
	ARR("Resource_dependencies", TUNE_ANYTIME),
	ARR("Resource_dependencies_weak", TUNE_ANYTIME),
	ARR("Resource_dependencies_restart", TUNE_ANYTIME),
	ARR("Network_resources_used", TUNE_ANYTIME),
	BOOL("Scalable", false, TUNE_AT_CREATION),
	ARR("Port_list", TUNE_ANYTIME),
	ENUM("Load_balancing_policy", lb_policies, "LB_WEIGHTED",
	    TUNE_AT_CREATION),
	ARR("Load_balancing_weights", TUNE_ANYTIME),
	INT("Affinity_timeout", -1, 86400 * 365, 0, TUNE_ANYTIME),
	BOOL("UDP_affinity", false, TUNE_AT_CREATION),
	BOOL("Weak_affinity", false, TUNE_AT_CREATION),
	BOOL("Generic_affinity", false, TUNE_AT_CREATION),
	STR("R_description", TUNE_ANYTIME),
};

const struct prop_decl *
stdprops_group(size_t *n)
{
	*n = sizeof(group_decls) / sizeof(*group_decls);
	return group_decls;
}

const struct prop_decl *
stdprops_resource(size_t *n)
{
	*n = sizeof(resource_decls) / sizeof(*resource_decls);
	return resource_decls;
}

const struct prop_decl *
stdprops_find(const struct prop_decl *d, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(d[i].name, name) == 0)
			return &d[i];
	return NULL;
}
