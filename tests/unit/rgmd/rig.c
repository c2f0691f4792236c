// SPDX-License-Identifier: MIT
/*
 * rig.c - the rgmd state the engine, monitor and request suites run on: a
 * scratch state directory, rgmd.conf's defaults for node "node1", an empty
 * configuration with one resource type implementing every method, the
 * fake clock and launcher reset. Teardown frees it all.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "fake.h"
#include "membership.h"
#include "monitor.h"
#include "state.h"
#include "tu.h"

static char *dir;
static char err[512];

static const char simple_rtr[] =
    "RESOURCE_TYPE = \"TEST.simple\";\n"
    "MODULE = \"simple.so\";\n";

int
tu_rig_setup(void)
{
	if ((dir = tu_mkdtemp()) == NULL ||
	    conf_load(&rgmd.conf, NULL, err, sizeof(err)) == -1)
		return -1;
	snprintf(rgmd.conf.node_name, sizeof(rgmd.conf.node_name), "node1");
	snprintf(rgmd.conf.state_dir, sizeof(rgmd.conf.state_dir), "%s", dir);
	snprintf(rgmd.conf.runner, sizeof(rgmd.conf.runner), "/nonexistent");
	state_init(dir);
	if ((rgmd.ccr = ccr_new()) == NULL ||
	    tu_add_type(rgmd.ccr, dir, "simple.rtr", simple_rtr) == -1)
		return -1;
	rgmd.ccr->types[0]->methods = (1u << RT_N_METHODS) - 1;
	fake_loop_reset();
	fake_launcher_reset();
	/* A one-node cluster: the view names node1, as rgmd's would. */
	if (membership_start("standalone", "node1",
	    &(const struct membership_hooks){ 0 }) == -1)
		return -1;
	return 0;
}

void
tu_rig_teardown(void)
{
	/* Nothing may stay queued for the next test. */
	while (fake_launcher_succeed_all(1000) > 0)
		;
	for (size_t i = 0; rgmd.ccr != NULL && i < rgmd.ccr->n_res; i++) {
		monitor_disarm(rgmd.ccr->res[i]->name);
		monitor_forget(rgmd.ccr->res[i]->name);
	}
	membership_stop();
	engine_set_hooks(&(struct engine_hooks){ 0 });
	monitor_set_actions(&(struct monitor_actions){ 0 });
	fake_loop_reset();
	fake_launcher_reset();
	state_free();
	conf_free(&rgmd.conf);
	memset(&rgmd, 0, sizeof(rgmd));
	tu_rmtree(dir);
	dir = NULL;
}

const char *
tu_rig_dir(void)
{
	return dir;
}

int
tu_rig_group(const char *group, const char *const *res, size_t n)
{
	if (ccr_group_add(rgmd.ccr, group, NULL, 0, TU_NONE, err,
	    sizeof(err)) == -1)
		return -1;
	ccr_group(rgmd.ccr, group)->managed = true;
	for (size_t i = 0; i < n; i++)
		if (ccr_resource_add(rgmd.ccr, res[i], "TEST.simple", group,
		    TU_NONE, TU_NONE, err, sizeof(err)) == -1)
			return -1;
	return 0;
}

int
tu_rig_set(const char *res, const char *assign)
{
	const char *kv[1] = { assign };
	struct ccr_assign y = { .kv = kv, .n = 1 };

	if (ccr_resource_change(rgmd.ccr, res, &y, TU_NONE, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "%s: %s\n", assign, err);
		return -1;
	}
	return 0;
}
