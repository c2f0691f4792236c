// SPDX-License-Identifier: MIT
/*
 * runtime.c - reads and writes runtime.cfg:
 *   boot_id = "...";
 *   ccr_generation = N;        (the last configuration stored)
 *   groups = ( { name; state; want_online; } ... );
 *   resources = ( { name; state; status; status_msg; } ... );
 * Written through store.c (atomic) after every state change, so a crash
 * of rgmd leaves the last state reached.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "runtime.h"
#include "store.h"

int
runtime_boot_id(char *buf, size_t len)
{
	/* RGM_BOOT_ID_FILE: where a container (or the test cluster) keeps
	 * the boot id of its node, the kernel's being the host's. */
	const char *path = getenv("RGM_BOOT_ID_FILE");
	FILE *f = fopen(path ? path : "/proc/sys/kernel/random/boot_id", "re");
	char line[128];

	if (f != NULL && fgets(buf, (int)len, f) != NULL) {
		fclose(f);
		buf[strcspn(buf, "\n")] = '\0';
		return 0;
	}
	if (f != NULL)
		fclose(f);
	/* No boot id: the boot time identifies the boot as well. */
	if ((f = fopen("/proc/stat", "re")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL)
			if (strncmp(line, "btime ", 6) == 0) {
				line[strcspn(line, "\n")] = '\0';
				snprintf(buf, len, "btime-%s", line + 6);
				fclose(f);
				return 0;
			}
		fclose(f);
	}
	snprintf(buf, len, "unknown");
	return -1;
}

static void
set_str(config_setting_t *p, const char *k, const char *v)
{
	config_setting_set_string(config_setting_add(p, k, CONFIG_TYPE_STRING),
	    v);
}

int
runtime_save(const struct runtime *rt, const char *path, char *err,
    size_t errlen)
{
	config_t cf;
	config_setting_t *root, *l, *e;
	int rc;

	config_init(&cf);
	root = config_root_setting(&cf);
	set_str(root, "boot_id", rt->boot_id);
	config_setting_set_int64(config_setting_add(root, "ccr_generation",
	    CONFIG_TYPE_INT64), (long long)rt->ccr_generation);
	l = config_setting_add(root, "groups", CONFIG_TYPE_LIST);
	for (size_t i = 0; i < rt->ng; i++) {
		e = config_setting_add(l, NULL, CONFIG_TYPE_GROUP);
		set_str(e, "name", rt->g[i].name);
		set_str(e, "state", fsm_rg_state_name(rt->g[i].state));
		config_setting_set_bool(config_setting_add(e, "want_online",
		    CONFIG_TYPE_BOOL), rt->g[i].want_online);
		config_setting_set_int64(config_setting_add(e, "giveover_at",
		    CONFIG_TYPE_INT64), rt->g[i].giveover_at);
	}
	l = config_setting_add(root, "resources", CONFIG_TYPE_LIST);
	for (size_t i = 0; i < rt->nr; i++) {
		e = config_setting_add(l, NULL, CONFIG_TYPE_GROUP);
		set_str(e, "name", rt->r[i].name);
		set_str(e, "state", fsm_r_state_name(rt->r[i].state));
		set_str(e, "status", rt->r[i].status);
		set_str(e, "status_msg", rt->r[i].status_msg);
		config_setting_set_int(config_setting_add(e, "runner_pid",
		    CONFIG_TYPE_INT), rt->r[i].runner_pid);
	}
	rc = store_write(path, &cf, err, errlen);
	config_destroy(&cf);
	return rc;
}

static const char *
get(const config_setting_t *e, const char *k)
{
	const char *v = "";

	config_setting_lookup_string(e, k, &v);
	return v;
}

int
runtime_load(struct runtime *rt, const char *path, char *err, size_t errlen)
{
	config_t cf;
	const config_setting_t *l;
	const char *s;
	long long gen;

	config_init(&cf);
	if (store_read(path, &cf, err, errlen) == -1) {
		config_destroy(&cf);
		return -1;
	}
	if (config_lookup_string(&cf, "boot_id", &s) == CONFIG_TRUE)
		snprintf(rt->boot_id, sizeof(rt->boot_id), "%s", s);
	if (config_lookup_int64(&cf, "ccr_generation", &gen) == CONFIG_TRUE)
		rt->ccr_generation = (uint64_t)gen;
	l = config_lookup(&cf, "groups");
	for (int i = 0; l && i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l,
		    (unsigned)i);
		struct rg_run *g = fsm_group(rt, get(e, "name"), true);
		int w = 0;

		if (g == NULL || fsm_rg_state_parse(get(e, "state"),
		    &g->state) == -1)
			continue;
		long long at = 0;

		config_setting_lookup_bool(e, "want_online", &w);
		g->want_online = w;
		config_setting_lookup_int64(e, "giveover_at", &at);
		g->giveover_at = (long)at;
	}
	l = config_lookup(&cf, "resources");
	for (int i = 0; l && i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l,
		    (unsigned)i);
		struct r_run *r = fsm_res(rt, get(e, "name"), true);

		if (r == NULL || fsm_r_state_parse(get(e, "state"),
		    &r->state) == -1)
			continue;
		snprintf(r->status, sizeof(r->status), "%s", get(e, "status"));
		snprintf(r->status_msg, sizeof(r->status_msg), "%s",
		    get(e, "status_msg"));
		config_setting_lookup_int(e, "runner_pid", &r->runner_pid);
	}
	config_destroy(&cf);
	return 0;
}

int
runtime_adopt_generation(struct runtime *rt, uint64_t gen,
    const char *ccr_path, const char *rt_path, char *err, size_t errlen)
{
	if (gen < rt->ccr_generation) {
		snprintf(err, errlen, "%s holds configuration generation %llu "
		    "but generation %llu was stored last (recorded in %s): "
		    "the file is an older copy, or was emptied or removed; "
		    "put the newer file back (to use this configuration on "
		    "purpose, stop this node's services and remove %s)",
		    ccr_path, (unsigned long long)gen,
		    (unsigned long long)rt->ccr_generation, rt_path, rt_path);
		errno = ESTALE;
		return -1;
	}
	rt->ccr_generation = gen;
	return 0;
}
