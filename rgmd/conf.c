// SPDX-License-Identifier: MIT
/*
 * conf.c - reads rgmd.conf(5). Every key is optional; defaults follow the
 * Linux filesystem layout: state in /var/lib/rgm, the control socket in
 * /run/rgmd.sock, types in the installed rtypes directory. Unknown keys
 * are refused so that a typo does not go unnoticed. Every error names the
 * file, the line and the setting: "FILE:LINE: SETTING: what is wrong".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgfile.h"
#include "conf.h"

static const char *const known_keys[] = { "node_name", "state_dir",
	"socket", "runner", "admin_group", "membership", "rt_path",
	"pmf_cgroup", "hard_action", "no_quorum_policy", "event_command",
	"fence_command", "fence_timeout", "rgmd_rejoin_timeout",
	"watchdog_device", "control_max_clients",
	"control_root_reserve", "control_timeout" };

/* Where a message goes, and the file it is about. */
struct conf_ctx {
	const char	*path;
	char		*err;
	size_t		 errlen;
};

/* "PATH:LINE: NAME: message"; always -1. */
static int __attribute__((format(printf, 4, 5)))
say(const struct conf_ctx *x, const config_setting_t *s, const char *name,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(x->err, x->errlen, "%s:%d: %s: ", x->path,
	    config_setting_source_line(s), name);
	if (n < 0 || (size_t)n >= x->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(x->err + n, x->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *
type_name(const config_setting_t *s)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:	return "an integer";
	case CONFIG_TYPE_FLOAT:	return "a number";
	case CONFIG_TYPE_BOOL:	return "a boolean";
	case CONFIG_TYPE_STRING: return "a string";
	case CONFIG_TYPE_ARRAY:	return "an array";
	case CONFIG_TYPE_LIST:	return "a list";
	case CONFIG_TYPE_GROUP:	return "a group";
	default:		return "of no known type";
	}
}

static int
copy_key(const struct conf_ctx *x, const config_t *cf, const char *key,
    char *dst, size_t len)
{
	const config_setting_t *set = config_lookup(cf, key);
	const char *s;

	if (set == NULL)
		return 0;
	if ((s = config_setting_get_string(set)) == NULL)
		return say(x, set, key, "must be a string in double quotes, "
		    "not %s", type_name(set));
	if (s[0] == '\0')
		return say(x, set, key, "must not be empty");
	if ((size_t)snprintf(dst, len, "%s", s) >= len)
		return say(x, set, key, "value \"%.40s...\" is longer than "
		    "%zu bytes", s, len - 1);
	return 0;
}

/* An integer setting within [min, max]. */
static int
copy_int(const struct conf_ctx *x, const config_t *cf, const char *key,
    unsigned int *dst, long long min, long long max)
{
	const config_setting_t *set = config_lookup(cf, key);
	long long v;

	if (set == NULL)
		return 0;
	if (config_setting_type(set) != CONFIG_TYPE_INT &&
	    config_setting_type(set) != CONFIG_TYPE_INT64)
		return say(x, set, key, "must be an integer, not %s",
		    type_name(set));
	v = config_setting_get_int64(set);
	if (v < min || v > max)
		return say(x, set, key, "%lld is out of range (%lld to %lld)",
		    v, min, max);
	*dst = (unsigned int)v;
	return 0;
}

static int
check_keys(const struct conf_ctx *x, const config_t *cf)
{
	config_setting_t *root = config_root_setting(cf);

	for (int i = 0; i < config_setting_length(root); i++) {
		config_setting_t *s = config_setting_get_elem(root,
		    (unsigned)i);
		const char *name = config_setting_name(s);
		size_t k;

		for (k = 0; k < sizeof(known_keys) / sizeof(*known_keys); k++)
			if (strcmp(name, known_keys[k]) == 0)
				break;
		if (k == sizeof(known_keys) / sizeof(*known_keys))
			return say(x, s, name, "unknown setting (see "
			    "rgmd.conf(5) for the known ones)");
	}
	return 0;
}

static int
load_rt_path(const struct conf_ctx *x, struct rgmd_conf *c,
    const config_t *cf)
{
	config_setting_t *s = config_lookup(cf, "rt_path");

	if (s == NULL)
		return 0;
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return say(x, s, "rt_path", "must be a list of directories "
		    "like [ \"/a\", \"/b\" ], not %s", type_name(s));
	for (size_t i = 0; i < c->n_rt_path; i++)
		free(c->rt_path[i]);
	c->n_rt_path = 0;
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *e = config_setting_get_elem(s,
		    (unsigned)i);
		const char *d = config_setting_get_string(e);

		if (d == NULL)
			return say(x, e, "rt_path", "element %d is not a "
			    "string but %s", i, type_name(e));
		if (c->n_rt_path == CONF_MAX_RT_PATH)
			return say(x, e, "rt_path", "element %d: there are "
			    "more than %d directories", i, CONF_MAX_RT_PATH);
		if ((c->rt_path[c->n_rt_path] = strdup(d)) == NULL)
			return say(x, e, "rt_path", "%s", strerror(errno));
		c->n_rt_path++;
	}
	return 0;
}

/* The control socket's limits agree with each other. */
static int
check_control(const struct conf_ctx *x, const struct rgmd_conf *c,
    const config_t *cf)
{
	const config_setting_t *s = config_lookup(cf, "control_root_reserve");

	if (c->control_root_reserve < c->control_max_clients)
		return 0;
	if (s == NULL)
		s = config_lookup(cf, "control_max_clients");
	return say(x, s, config_setting_name(s), "control_root_reserve "
	    "(%u) must be less than control_max_clients (%u): the rest is "
	    "for the other users", c->control_root_reserve,
	    c->control_max_clients);
}

/* watchdog_device (an sbd-like self-fencing watchdog) is not built: a
 * setting that promises safety must not be taken and ignored. */
static int
check_watchdog(const struct conf_ctx *x, const config_t *cf)
{
	const config_setting_t *s = config_lookup(cf, "watchdog_device");

	if (s == NULL)
		return 0;
	return say(x, s, "watchdog_device", "is not implemented in this "
	    "version of rgmd (no watchdog is armed); remove it and set "
	    "fence_command (see rgmd.conf(5), FENCING)");
}

/* A state directory that exists must be a directory. */
static int
check_state_dir(const struct conf_ctx *x, const struct rgmd_conf *c,
    const config_t *cf)
{
	const config_setting_t *s = config_lookup(cf, "state_dir");
	struct stat st;

	if (stat(c->state_dir, &st) == -1 || S_ISDIR(st.st_mode))
		return 0;	/* absent: rgmd creates it */
	if (s == NULL) {
		snprintf(x->err, x->errlen, "%s: state_dir: the default "
		    "\"%s\" is %s, not a directory: set state_dir", x->path,
		    c->state_dir, S_ISREG(st.st_mode) ? "a regular file" :
		    "not a directory");
		return -1;
	}
	return say(x, s, "state_dir", "\"%s\" is %s, not a directory",
	    c->state_dir, S_ISREG(st.st_mode) ? "a regular file" :
	    "something else");
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
	snprintf(c->no_quorum_policy, sizeof(c->no_quorum_policy), "stop");
	c->rt_path[c->n_rt_path++] = strdup(RGM_RTDIR);
	c->control_max_clients = CONF_DEF_MAX_CLIENTS;
	c->control_root_reserve = CONF_DEF_ROOT_RESERVE;
	c->control_timeout = CONF_DEF_CONTROL_TIMEOUT;
	c->fence_timeout = CONF_DEF_FENCE_TIMEOUT;
	c->rgmd_rejoin_timeout = CONF_DEF_REJOIN_TIMEOUT;
}

static int
load_keys(const struct conf_ctx *x, struct rgmd_conf *c, const config_t *cf)
{
	const config_setting_t *m;

	if (check_keys(x, cf) ||
	    copy_key(x, cf, "node_name", c->node_name, sizeof(c->node_name)) ||
	    copy_key(x, cf, "state_dir", c->state_dir, sizeof(c->state_dir)) ||
	    copy_key(x, cf, "socket", c->socket_path,
	    sizeof(c->socket_path)) ||
	    copy_key(x, cf, "runner", c->runner, sizeof(c->runner)) ||
	    copy_key(x, cf, "admin_group", c->admin_group,
	    sizeof(c->admin_group)) ||
	    copy_key(x, cf, "membership", c->membership,
	    sizeof(c->membership)) ||
	    copy_key(x, cf, "pmf_cgroup", c->pmf_cgroup,
	    sizeof(c->pmf_cgroup)) ||
	    copy_key(x, cf, "hard_action", c->hard_action,
	    sizeof(c->hard_action)) ||
	    copy_key(x, cf, "no_quorum_policy", c->no_quorum_policy,
	    sizeof(c->no_quorum_policy)) ||
	    copy_key(x, cf, "event_command", c->event_command,
	    sizeof(c->event_command)) ||
	    copy_int(x, cf, "control_max_clients", &c->control_max_clients,
	    2, CONF_MAX_CLIENTS) ||
	    copy_int(x, cf, "control_root_reserve",
	    &c->control_root_reserve, 1, CONF_MAX_CLIENTS - 1) ||
	    copy_int(x, cf, "control_timeout", &c->control_timeout, 1,
	    3600) ||
	    copy_key(x, cf, "fence_command", c->fence_command,
	    sizeof(c->fence_command)) ||
	    copy_int(x, cf, "fence_timeout", &c->fence_timeout, 1, 3600) ||
	    copy_int(x, cf, "rgmd_rejoin_timeout", &c->rgmd_rejoin_timeout,
	    1, 86400) || check_watchdog(x, cf) ||
	    load_rt_path(x, c, cf) || check_control(x, c, cf))
		return -1;
	if (strcmp(c->no_quorum_policy, "stop") != 0 &&
	    strcmp(c->no_quorum_policy, "freeze") != 0) {
		m = config_lookup(cf, "no_quorum_policy");
		return say(x, m, "no_quorum_policy", "must be \"stop\" or "
		    "\"freeze\", not \"%s\"", c->no_quorum_policy);
	}
	if (strcmp(c->membership, "standalone") != 0 &&
	    strcmp(c->membership, "corosync") != 0) {
		m = config_lookup(cf, "membership");
		return say(x, m, "membership", "unknown backend \"%s\" "
		    "(this build has: standalone, corosync)", c->membership);
	}
	return 0;
}

int
conf_load(struct rgmd_conf *c, const char *path, char *err, size_t errlen)
{
	struct conf_ctx x = { path, err, errlen };
	config_t cf;
	int rc = -1;

	set_defaults(c);
	if (path == NULL) {
		/* The installed file, when there is one. */
		if (access(RGM_SYSCONFDIR "/rgmd.conf", R_OK) != 0)
			return 0;
		x.path = path = RGM_SYSCONFDIR "/rgmd.conf";
	}
	config_init(&cf);
	if (cfgfile_read(&cf, path, CFGFILE_MAX, err, errlen) == -1)
		goto out;
	if (load_keys(&x, c, &cf) == -1 || check_state_dir(&x, c, &cf) == -1)
		goto out;
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
	printf("control_max_clients = %u;\ncontrol_root_reserve = %u;\n"
	    "control_timeout = %u;\n", c->control_max_clients,
	    c->control_root_reserve, c->control_timeout);
	/* Empty means the default: not printed, as it cannot be read back. */
	if (c->pmf_cgroup[0])
		printf("pmf_cgroup = \"%s\";\n", c->pmf_cgroup);
	if (c->hard_action[0])
		printf("hard_action = \"%s\";\n", c->hard_action);
	printf("no_quorum_policy = \"%s\";\n", c->no_quorum_policy);
	if (c->event_command[0])
		printf("event_command = \"%s\";\n", c->event_command);
	if (c->fence_command[0])
		printf("fence_command = \"%s\";\n", c->fence_command);
	printf("fence_timeout = %u;\nrgmd_rejoin_timeout = %u;\n",
	    c->fence_timeout, c->rgmd_rejoin_timeout);
}
