// SPDX-License-Identifier: MIT
/*
 * context.c - the method context: everything a callback may ask through
 * libdsdl (names, the resource's standard and extension properties, its
 * group's properties, the node, a private state directory), written as a
 * libconfig document. The format is in rt_reg(5) and dsdl(3).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "context.h"
#include "props.h"

int
context_timeout(const struct res *r, enum rt_method m)
{
	const char *prop = rt_method_timeout_prop(m);

	if (prop == NULL)	/* probe: Probe_timeout if declared */
		return ccr_res_int(r, "Probe_timeout", 60);
	return ccr_res_int(r, prop, 3600);
}

static void
add_string(config_setting_t *root, const char *k, const char *v)
{
	config_setting_set_string(config_setting_add(root, k,
	    CONFIG_TYPE_STRING), v);
}

static int
add_list(config_setting_t *root, const char *name, const struct prop_list *l)
{
	config_setting_t *g = config_setting_add(root, name, CONFIG_TYPE_GROUP);

	for (size_t i = 0; g && i < l->n; i++)
		if (prop_value_to_setting(g, l->p[i].name, &l->p[i].v) == -1)
			return -1;
	return g ? 0 : -1;
}

static int
make_state_dir(const struct rgmd_conf *conf, const char *res, char *buf,
    size_t len)
{
	char parent[PATH_MAX];

	snprintf(parent, sizeof(parent), "%s/resources", conf->state_dir);
	if (mkdir(parent, 0750) == -1 && errno != EEXIST)
		return -1;
	if ((size_t)snprintf(buf, len, "%s/%s", parent, res) >= len)
		return -1;
	if (mkdir(buf, 0750) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

char *
context_build(const struct rgmd_conf *conf, const struct ccr *c,
    const struct res *r, enum rt_method m, int timeout_s)
{
	const struct rg *g = ccr_group(c, r->group);
	char dir[PATH_MAX], *buf = NULL;
	config_setting_t *root;
	size_t len;
	config_t cf;
	FILE *f;

	if (make_state_dir(conf, r->name, dir, sizeof(dir)) == -1)
		return NULL;
	config_init(&cf);
	root = config_root_setting(&cf);
	add_string(root, "method", rt_method_names[m]);
	config_setting_set_int(config_setting_add(root, "timeout",
	    CONFIG_TYPE_INT), timeout_s);
	add_string(root, "node", conf->node_name);
	add_string(root, "state_dir", dir);
	config_setting_set_bool(config_setting_add(root, "syslog",
	    CONFIG_TYPE_BOOL), false);
	add_string(root, "resource", r->name);
	add_string(root, "group", r->group);
	add_string(root, "type", r->type);
	if (add_list(root, "r_props", &r->props) == -1 ||
	    add_list(root, "x_props", &r->ext) == -1 ||
	    add_list(root, "g_props", &g->props) == -1 ||
	    (f = open_memstream(&buf, &len)) == NULL)
		goto out;
	config_write(&cf, f);
	if (fclose(f) != 0) {
		free(buf);
		buf = NULL;
	}
out:
	config_destroy(&cf);
	return buf;
}
