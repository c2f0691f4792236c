// SPDX-License-Identifier: MIT
/*
 * conf.c - reads rgmd.conf(5). Every key is optional; defaults follow the
 * Linux filesystem layout: state in /var/lib/rgm, the control socket in
 * /run/rgmd.sock, types in the installed rtypes directory. Unknown keys
 * are refused so that a typo does not go unnoticed.
 */
#define _GNU_SOURCE
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfgfile.h"
#include "conf.h"

static const char *const known_keys[] = { "node_name", "state_dir",
	"socket", "runner", "admin_group", "membership", "rt_path",
	"pmf_cgroup", "hard_action" };

static int
copy_key(const config_t *cf, const char *key, char *dst, size_t len,
    char *err, size_t errlen)
{
	const config_setting_t *set = config_lookup(cf, key);
	const char *s;

	if (set == NULL)
		return 0;
	if ((s = config_setting_get_string(set)) == NULL) {
		snprintf(err, errlen, "%s: line %d: must be a string", key,
		    config_setting_source_line(set));
		return -1;
	}
	if (s[0] == '\0' || (size_t)snprintf(dst, len, "%s", s) >= len) {
		snprintf(err, errlen, "%s: value \"%s\" is empty or longer "
		    "than %zu bytes", key, s, len - 1);
		return -1;
	}
	return 0;
}

static int
check_keys(const config_t *cf, char *err, size_t errlen)
{
	config_setting_t *root = config_root_setting(cf);

	for (int i = 0; i < config_setting_length(root); i++) {
		const char *name = config_setting_name(
		    config_setting_get_elem(root, (unsigned)i));
		size_t k;

		for (k = 0; k < sizeof(known_keys) / sizeof(*known_keys); k++)
			if (strcmp(name, known_keys[k]) == 0)
				break;
		if (k == sizeof(known_keys) / sizeof(*known_keys)) {
			snprintf(err, errlen, "unknown setting %s", name);
			return -1;
		}
	}
	return 0;
}

static int
load_rt_path(struct rgmd_conf *c, const config_t *cf, char *err,
    size_t errlen)
{
	config_setting_t *s = config_lookup(cf, "rt_path");

	if (s == NULL)
		return 0;
	if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
		snprintf(err, errlen, "rt_path must be a list of directories");
		return -1;
	}
	for (size_t i = 0; i < c->n_rt_path; i++)
		free(c->rt_path[i]);
	c->n_rt_path = 0;
	for (int i = 0; i < config_setting_length(s); i++) {
		const char *d = config_setting_get_string_elem(s, i);

		if (d == NULL || c->n_rt_path == CONF_MAX_RT_PATH) {
			snprintf(err, errlen, "rt_path: element %d is not a "
			    "string or there are more than %d", i,
			    CONF_MAX_RT_PATH);
			return -1;
		}
		c->rt_path[c->n_rt_path++] = strdup(d);
	}
	return 0;
}

static void
set_defaults(struct rgmd_conf *c)
{
	memset(c, 0, sizeof(*c));
	if (gethostname(c->node_name, sizeof(c->node_name) - 1) == -1)
		snprintf(c->node_name, sizeof(c->node_name), "node1");
	c->node_name[strcspn(c->node_name, ".")] = '\0';
	snprintf(c->state_dir, sizeof(c->state_dir), "%s", RGM_STATEDIR);
	snprintf(c->socket_path, sizeof(c->socket_path), "%s/rgmd.sock",
	    RGM_RUNDIR);
	snprintf(c->runner, sizeof(c->runner), "%s/rgmd-runner",
	    RGM_LIBEXECDIR);
	snprintf(c->admin_group, sizeof(c->admin_group), "rgm");
	snprintf(c->membership, sizeof(c->membership), "standalone");
	c->rt_path[c->n_rt_path++] = strdup(RGM_RTDIR);
}

int
conf_load(struct rgmd_conf *c, const char *path, char *err, size_t errlen)
{
	config_t cf;
	int rc = -1;

	set_defaults(c);
	if (path == NULL) {
		/* The installed file, when there is one. */
		if (access(RGM_SYSCONFDIR "/rgmd.conf", R_OK) != 0)
			return 0;
		path = RGM_SYSCONFDIR "/rgmd.conf";
	}
	config_init(&cf);
	if (cfgfile_read(&cf, path, CFGFILE_MAX, err, errlen) == -1)
		goto out;
	if (check_keys(&cf, err, errlen) == -1 ||
	    copy_key(&cf, "node_name", c->node_name, sizeof(c->node_name),
	    err, errlen) ||
	    copy_key(&cf, "state_dir", c->state_dir, sizeof(c->state_dir),
	    err, errlen) ||
	    copy_key(&cf, "socket", c->socket_path, sizeof(c->socket_path),
	    err, errlen) ||
	    copy_key(&cf, "runner", c->runner, sizeof(c->runner), err,
	    errlen) ||
	    copy_key(&cf, "admin_group", c->admin_group,
	    sizeof(c->admin_group), err, errlen) ||
	    copy_key(&cf, "membership", c->membership, sizeof(c->membership),
	    err, errlen) ||
	    copy_key(&cf, "pmf_cgroup", c->pmf_cgroup, sizeof(c->pmf_cgroup),
	    err, errlen) ||
	    copy_key(&cf, "hard_action", c->hard_action,
	    sizeof(c->hard_action), err, errlen) ||
	    load_rt_path(c, &cf, err, errlen))
		goto out;
	if (strcmp(c->membership, "standalone") != 0) {
		snprintf(err, errlen, "membership: unknown backend \"%s\" "
		    "(this build has: standalone)", c->membership);
		goto out;
	}
	rc = 0;
out:
	config_destroy(&cf);
	return rc;
}

void
conf_free(struct rgmd_conf *c)
{
	for (size_t i = 0; i < c->n_rt_path; i++)
		free(c->rt_path[i]);
	c->n_rt_path = 0;
}

void
conf_print(const struct rgmd_conf *c)
{
	printf("node_name = \"%s\";\nstate_dir = \"%s\";\nsocket = \"%s\";\n"
	    "runner = \"%s\";\nadmin_group = \"%s\";\nmembership = \"%s\";\n"
	    "rt_path = [", c->node_name, c->state_dir, c->socket_path,
	    c->runner, c->admin_group, c->membership);
	for (size_t i = 0; i < c->n_rt_path; i++)
		printf("%s\"%s\"", i ? ", " : " ", c->rt_path[i]);
	printf(" ];\n");
	/* Empty means the default: not printed, as it cannot be read back. */
	if (c->pmf_cgroup[0])
		printf("pmf_cgroup = \"%s\";\n", c->pmf_cgroup);
	if (c->hard_action[0])
		printf("hard_action = \"%s\";\n", c->hard_action);
}
