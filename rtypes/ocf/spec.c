/* SPDX-License-Identifier: MIT */
/*
 * spec.c - the Agent property of RGM.ocf: PROVIDER:TYPE (optionally
 * ocf:PROVIDER:TYPE) under OCF_ROOT/resource.d, or an absolute path, to
 * an executable regular file. Provider and type are plain names (letters,
 * digits, '_', '.', '-', not starting with '.'), so a spec never leaves
 * resource.d. Pure (no handle): runs in the method runner and in the unit
 * tests.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocf.h"

static bool
is_plain_name(const char *s, size_t len)
{
	if (len == 0 || len >= OCF_NAME_MAX || s[0] == '.')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_.-", s[i]) || s[i] == '\0')
			return false;
	return true;
}

/* provider:type or ocf:provider:type under OCF_ROOT, or an absolute path. */
static int
split_spec(const char *spec, struct ocf_agent *a, char *err, size_t errlen)
{
	const char *colon, *slash;

	if (spec[0] == '/') {
		slash = strrchr(spec, '/');
		snprintf(a->type, sizeof(a->type), "%s", slash + 1);
		if (snprintf(a->path, sizeof(a->path), "%s", spec) >=
		    (int)sizeof(a->path) || a->type[0] == '\0')
			goto bad;
		return 0;
	}
	if (strncmp(spec, "ocf:", 4) == 0)
		spec += 4;
	colon = strchr(spec, ':');
	if (colon == NULL || !is_plain_name(spec, (size_t)(colon - spec)) ||
	    !is_plain_name(colon + 1, strlen(colon + 1)))
		goto bad;
	snprintf(a->provider, sizeof(a->provider), "%.*s",
	    (int)(colon - spec), spec);
	snprintf(a->type, sizeof(a->type), "%s", colon + 1);
	snprintf(a->path, sizeof(a->path), "%s/resource.d/%s/%s", OCF_ROOT_DIR,
	    a->provider, a->type);
	return 0;
bad:
	snprintf(err, errlen, "Agent: \"%.100s\" is neither PROVIDER:TYPE "
	    "(e.g. heartbeat:IPaddr2) nor an absolute path", spec);
	return -1;
}

int
ocf_agent_resolve(const char *spec, struct ocf_agent *a, char *err,
    size_t errlen)
{
	struct stat st;

	memset(a, 0, sizeof(*a));
	if (spec == NULL || spec[0] == '\0') {
		snprintf(err, errlen, "Agent is not set");
		return -1;
	}
	if (split_spec(spec, a, err, errlen) == -1)
		return -1;
	if (stat(a->path, &st) == -1) {
		snprintf(err, errlen, "Agent: %s: no such agent (%s: %s)", spec,
		    a->path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || access(a->path, X_OK) == -1) {
		snprintf(err, errlen, "Agent: %s: %s is not an executable "
		    "file", spec, a->path);
		return -1;
	}
	return 0;
}
