/* SPDX-License-Identifier: MIT */
/*
 * props.c - the names and typed property getters of a libdsdl handle.
 * Runs in the method runner, called by a resource type's callbacks.
 *
 * Properties are looked up by name, case-insensitively (Sun property
 * names are), in one of three scopes of the method context: standard
 * resource properties, extension properties, group properties. A missing
 * name gives ENOENT; a value of another type gives EINVAL. ENUM values are
 * strings in the context; string arrays are returned as vectors that the
 * handle owns until the callback returns.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dsdl_impl.h"

const char *
dsdl_resource_name(const struct dsdl *h)
{
	return h->resource;
}

const char *
dsdl_group_name(const struct dsdl *h)
{
	return h->group;
}

const char *
dsdl_type_name(const struct dsdl *h)
{
	return h->type;
}

const char *
dsdl_node_name(const struct dsdl *h)
{
	return h->node;
}

const char *
dsdl_method_name(const struct dsdl *h)
{
	return h->method;
}

int
dsdl_method_timeout(const struct dsdl *h)
{
	return h->timeout;
}

/* mkdir -p, mode 0700 for what it creates. */
static void
mkdir_p(const char *path)
{
	char buf[4096];
	size_t i, len = strlen(path);

	if (len >= sizeof(buf))
		return;
	memcpy(buf, path, len + 1);
	for (i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		(void)mkdir(buf, 0700);	/* EEXIST is the usual case */
		buf[i] = path[i];
	}
}

const char *
dsdl_state_dir(const struct dsdl *h)
{
	if (!h->cache->state_dir_made) {
		mkdir_p(h->state_dir);
		h->cache->state_dir_made = 1;
	}
	return h->state_dir;
}

/* The setting called name (any case) in scope, or NULL with errno set. */
static const config_setting_t *
prop_find(const struct dsdl *h, enum dsdl_scope scope, const char *name)
{
	const config_setting_t *grp, *s;
	int i, n;

	if (h == NULL || name == NULL || (unsigned)scope > DSDL_GROUP) {
		errno = EINVAL;
		return NULL;
	}
	grp = h->scope[scope];
	n = grp == NULL ? 0 : config_setting_length(grp);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(grp, (unsigned)i);
		if (s != NULL && config_setting_name(s) != NULL &&
		    strcasecmp(config_setting_name(s), name) == 0)
			return s;
	}
	errno = ENOENT;
	return NULL;
}

/* The setting if it has type t, else NULL with errno. */
static const config_setting_t *
prop_typed(const struct dsdl *h, enum dsdl_scope scope, const char *name,
    int t)
{
	const config_setting_t *s = prop_find(h, scope, name);

	if (s != NULL && config_setting_type(s) != t) {
		errno = EINVAL;
		return NULL;
	}
	return s;
}

int
dsdl_get_int(const struct dsdl *h, enum dsdl_scope scope, const char *name,
    int *out)
{
	const config_setting_t *s = prop_find(h, scope, name);
	long long v;

	if (s == NULL)
		return -1;
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
		*out = config_setting_get_int(s);
		return 0;
	case CONFIG_TYPE_INT64:
		v = config_setting_get_int64(s);
		if (v < -2147483647LL - 1 || v > 2147483647LL) {
			errno = ERANGE;
			return -1;
		}
		*out = (int)v;
		return 0;
	default:
		errno = EINVAL;
		return -1;
	}
}

int
dsdl_get_bool(const struct dsdl *h, enum dsdl_scope scope, const char *name,
    bool *out)
{
	const config_setting_t *s;

	s = prop_typed(h, scope, name, CONFIG_TYPE_BOOL);
	if (s == NULL)
		return -1;
	*out = config_setting_get_bool(s) != 0;
	return 0;
}

int
dsdl_get_string(const struct dsdl *h, enum dsdl_scope scope,
    const char *name, const char **out)
{
	const config_setting_t *s;

	s = prop_typed(h, scope, name, CONFIG_TYPE_STRING);
	if (s == NULL)
		return -1;
	*out = config_setting_get_string(s);
	return 0;
}

int
dsdl_get_enum(const struct dsdl *h, enum dsdl_scope scope, const char *name,
    const char **out)
{
	return dsdl_get_string(h, scope, name, out);
}

/* Every element of an array or list setting must be a string. */
static bool
is_string_vector(const config_setting_t *s, int n)
{
	int i;

	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST)
		return false;
	for (i = 0; i < n; i++)
		if (config_setting_type(config_setting_get_elem(s,
		    (unsigned)i)) != CONFIG_TYPE_STRING)
			return false;
	return true;
}

int
dsdl_get_strarray(const struct dsdl *h, enum dsdl_scope scope,
    const char *name, const char *const **out, size_t *count)
{
	const config_setting_t *s = prop_find(h, scope, name);
	struct dsdl_vec *vec;
	int i, n;

	if (s == NULL)
		return -1;
	n = config_setting_length(s);
	if (!is_string_vector(s, n)) {
		errno = EINVAL;
		return -1;
	}
	vec = calloc(1, sizeof(*vec));
	if (vec == NULL)
		return -1;
	vec->v = calloc((size_t)n + 1, sizeof(*vec->v));
	if (vec->v == NULL) {
		free(vec);
		return -1;
	}
	for (i = 0; i < n; i++)
		vec->v[i] = config_setting_get_string_elem(s, i);
	vec->next = h->cache->vecs;
	h->cache->vecs = vec;
	*out = vec->v;
	*count = (size_t)n;
	return 0;
}
