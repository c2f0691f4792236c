// SPDX-License-Identifier: MIT
/*
 * rtr.c - parser of RTR files (libconfig syntax, see rt_reg(5)). The
 * result is a struct rt whose declarations are the standard resource
 * properties, with the MIN/MAX/DEFAULT/TUNABLE the file overrides, followed
 * by the extension properties the file declares. Run by rgmd when a type
 * is registered and when the stored configuration is loaded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rtr.h"
#include "stdprops.h"

const char *const rt_method_names[RT_N_METHODS] = {
	"start", "stop", "validate", "update", "init", "fini", "boot",
	"prenet_start", "postnet_stop", "monitor_start", "monitor_stop",
	"monitor_check", "probe",
};

int
rt_method_parse(const char *name, enum rt_method *out)
{
	for (int i = 0; i < RT_N_METHODS; i++)
		if (strcasecmp(name, rt_method_names[i]) == 0) {
			*out = (enum rt_method)i;
			return 0;
		}
	errno = EINVAL;
	return -1;
}

const char *
rt_method_timeout_prop(enum rt_method m)
{
	static const char *const props[RT_N_METHODS] = {
		"Start_timeout", "Stop_timeout", "Validate_timeout",
		"Update_timeout", "Init_timeout", "Fini_timeout",
		"Boot_timeout", "Prenet_start_timeout", "Postnet_stop_timeout",
		"Monitor_start_timeout", "Monitor_stop_timeout",
		"Monitor_check_timeout", NULL,
	};
	return props[m];
}

void
rt_free(struct rt *t)
{
	free(t->name);
	free(t->vendor);
	free(t->description);
	free(t->version);
	free(t->rtr_path);
	free(t->module);
	free(t->init_nodes);
	for (size_t i = 0; i < t->n_decls; i++)
		prop_decl_free(&t->decls[i]);
	free(t->decls);
	for (size_t i = 0; i < t->n_nodes; i++)
		free(t->nodes[i]);
	free(t->nodes);
	memset(t, 0, sizeof(*t));
}

const struct prop_decl *
rt_find_decl(const struct rt *t, const char *name)
{
	return stdprops_find(t->decls, t->n_decls, name);
}

static char *
dup_string(const config_t *cf, const char *key, const char *def)
{
	const char *s;

	if (config_lookup_string(cf, key, &s) != CONFIG_TRUE)
		s = def;
	return s ? strdup(s) : NULL;
}

static int
load_header(const config_t *cf, const char *path, struct rt *t, char *err,
    size_t errlen)
{
	const char *mod;
	int b;

	if ((t->name = dup_string(cf, "RESOURCE_TYPE", NULL)) == NULL) {
		snprintf(err, errlen, "%s: RESOURCE_TYPE is missing", path);
		return -1;
	}
	if (config_lookup_string(cf, "MODULE", &mod) != CONFIG_TRUE) {
		snprintf(err, errlen, "%s: MODULE is missing", path);
		return -1;
	}
	if (mod[0] == '/') {
		t->module = strdup(mod);
	} else {
		char dir[PATH_MAX], full[PATH_MAX];

		snprintf(dir, sizeof(dir), "%s", path);
		if (snprintf(full, sizeof(full), "%s/%s", dirname(dir), mod) >=
		    (int)sizeof(full)) {
			snprintf(err, errlen, "%s: MODULE path too long", path);
			return -1;
		}
		t->module = strdup(full);
	}
	t->vendor = dup_string(cf, "VENDOR_ID", "");
	t->description = dup_string(cf, "RT_DESCRIPTION", "");
	t->version = dup_string(cf, "RT_VERSION", "1");
	t->init_nodes = dup_string(cf, "INIT_NODES", "RG_PRIMARIES");
	if (config_lookup_int(cf, "API_VERSION", &t->api_version) != CONFIG_TRUE)
		t->api_version = 1;
	if (config_lookup_bool(cf, "FAILOVER", &b) == CONFIG_TRUE)
		t->failover = b;
	if (config_lookup_bool(cf, "SINGLE_INSTANCE", &b) == CONFIG_TRUE)
		t->single_instance = b;
	if (strcmp(t->init_nodes, "RG_PRIMARIES") != 0 &&
	    strcmp(t->init_nodes, "RT_INSTALLED_NODES") != 0) {
		snprintf(err, errlen, "%s: INIT_NODES must be RG_PRIMARIES or "
		    "RT_INSTALLED_NODES, not %s", path, t->init_nodes);
		return -1;
	}
	return 0;
}

static int
load_enum_values(const config_setting_t *ps, struct prop_decl *d, char *err,
    size_t errlen)
{
	const config_setting_t *vals = config_setting_get_member(ps, "VALUES");
	struct prop_value v;

	if (vals == NULL) {
		snprintf(err, errlen, "line %d: ENUM property %s needs VALUES",
		    config_setting_source_line(ps), d->name);
		return -1;
	}
	if (prop_value_from_setting(vals, PROP_STRINGARRAY, &v, err,
	    errlen) == -1)
		return -1;
	if (v.n == 0) {
		prop_value_free(&v);
		snprintf(err, errlen, "line %d: VALUES of %s is empty",
		    config_setting_source_line(ps), d->name);
		return -1;
	}
	d->enumv = v.v;
	d->n_enum = v.n;
	return 0;
}

/* MIN, MAX, TUNABLE, DESCRIPTION, DEFAULT of one property block. */
static int
load_attributes(const config_setting_t *ps, struct prop_decl *d, char *err,
    size_t errlen)
{
	const config_setting_t *def;
	const char *s;
	int i;

	if (config_setting_lookup_int(ps, "MIN", &i) == CONFIG_TRUE) {
		d->has_min = true;
		d->min = i;
	}
	if (config_setting_lookup_int(ps, "MAX", &i) == CONFIG_TRUE) {
		d->has_max = true;
		d->max = i;
	}
	if (config_setting_lookup_string(ps, "TUNABLE", &s) == CONFIG_TRUE &&
	    prop_tunable_parse(s, &d->tunable) == -1) {
		snprintf(err, errlen, "line %d: property %s: unknown TUNABLE "
		    "%s", config_setting_source_line(ps), d->name, s);
		return -1;
	}
	if (config_setting_lookup_string(ps, "DESCRIPTION", &s) == CONFIG_TRUE) {
		free(d->description);
		d->description = strdup(s);
	}
	if ((def = config_setting_get_member(ps, "DEFAULT")) != NULL) {
		prop_value_free(&d->def);
		if (prop_value_from_setting(def, d->type, &d->def, err,
		    errlen) == -1)
			return -1;
		d->has_default = true;
	}
	if (d->has_default && prop_check(d, &d->def, err, errlen) == -1)
		return -1;
	return 0;
}

static int
add_decl(struct rt *t, struct prop_decl *d)
{
	struct prop_decl *nd = realloc(t->decls, (t->n_decls + 1) *
	    sizeof(*nd));

	if (nd == NULL)
		return -1;
	t->decls = nd;
	t->decls[t->n_decls++] = *d;
	return 0;
}

static int
load_extension(const config_setting_t *ps, const char *name, struct rt *t,
    char *err, size_t errlen)
{
	struct prop_decl d = { .tunable = TUNE_ANYTIME };
	const char *ty;

	if (rt_find_decl(t, name) != NULL) {
		snprintf(err, errlen, "line %d: property %s is declared twice "
		    "or is a standard property", config_setting_source_line(ps),
		    name);
		return -1;
	}
	d.name = strdup(name);
	d.extension = true;
	if (config_setting_lookup_string(ps, "TYPE", &ty) != CONFIG_TRUE ||
	    prop_type_parse(ty, &d.type) == -1) {
		snprintf(err, errlen, "line %d: extension property %s needs a "
		    "TYPE (INT, BOOLEAN, STRING, STRINGARRAY, ENUM)",
		    config_setting_source_line(ps), name);
		goto out_free;
	}
	d.def.type = d.type;
	if ((d.type == PROP_ENUM && load_enum_values(ps, &d, err, errlen)) ||
	    load_attributes(ps, &d, err, errlen) == -1 || add_decl(t, &d))
		goto out_free;
	return 0;
out_free:
	prop_decl_free(&d);
	return -1;
}

static int
load_property(const config_setting_t *ps, struct rt *t, char *err,
    size_t errlen)
{
	struct prop_decl *d;
	const char *name;
	int ext = 0;

	if (config_setting_lookup_string(ps, "PROPERTY", &name) != CONFIG_TRUE) {
		snprintf(err, errlen, "line %d: property block without "
		    "PROPERTY", config_setting_source_line(ps));
		return -1;
	}
	config_setting_lookup_bool(ps, "EXTENSION", &ext);
	if (ext)
		return load_extension(ps, name, t, err, errlen);
	if ((d = (struct prop_decl *)rt_find_decl(t, name)) == NULL ||
	    d->extension) {
		snprintf(err, errlen, "line %d: %s is not a standard resource "
		    "property (add EXTENSION = true and a TYPE)",
		    config_setting_source_line(ps), name);
		return -1;
	}
	return load_attributes(ps, d, err, errlen);
}

static int
load_standard(struct rt *t)
{
	size_t n;
	const struct prop_decl *std = stdprops_resource(&n);

	for (size_t i = 0; i < n; i++) {
		struct prop_decl d;

		if (prop_decl_copy(&d, &std[i]) == -1 || add_decl(t, &d) == -1)
			return -1;
	}
	return 0;
}

int
rtr_load(const char *path, int expect_api, struct rt *t, char *err,
    size_t errlen)
{
	config_t cf;
	const config_setting_t *props;
	char real[PATH_MAX];
	int rc = -1;

	memset(t, 0, sizeof(*t));
	config_init(&cf);
	if (realpath(path, real) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (config_read_file(&cf, real) != CONFIG_TRUE) {
		snprintf(err, errlen, "%s:%d: %s", path, config_error_line(&cf),
		    config_error_text(&cf));
		goto out;
	}
	t->rtr_path = strdup(real);
	if (load_header(&cf, real, t, err, errlen) == -1 ||
	    load_standard(t) == -1)
		goto out;
	if (t->api_version != expect_api) {
		snprintf(err, errlen, "%s: API_VERSION %d, this rgmd speaks %d",
		    path, t->api_version, expect_api);
		goto out;
	}
	if ((props = config_lookup(&cf, "PROPERTIES")) != NULL) {
		for (int i = 0; i < config_setting_length(props); i++) {
			char perr[256];

			if (load_property(config_setting_get_elem(props,
			    (unsigned)i), t, perr, sizeof(perr)) == -1) {
				snprintf(err, errlen, "%s: %s", path, perr);
				goto out;
			}
		}
	}
	rc = 0;
out:
	config_destroy(&cf);
	if (rc == -1)
		rt_free(t);
	return rc;
}
