// SPDX-License-Identifier: MIT
/*
 * rtr.c - parser of RTR files (libconfig syntax, see rt_reg(5)). The
 * result is a struct rt whose declarations are the standard resource
 * properties, with the MIN/MAX/DEFAULT/TUNABLE the file overrides, followed
 * by the extension properties the file declares. Run by rgmd when a type
 * is registered (from the file), and when a configuration is loaded or
 * received (from the text kept in it, rtr_parse: no file is read then).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgfile.h"
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
	free(t->definition);
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

/*
 * Typed access to the settings of the file. Every setting is checked
 * against the keywords of rt_reg(5) and its libconfig type, so a typo or
 * FAILOVER = "yes" is refused with its line instead of being read as
 * absent or false.
 */
struct rtr_key {
	const char	*name;
	int		 type;	/* CONFIG_TYPE_*; 0: checked by the caller */
};

static const struct rtr_key header_keys[] = {
	{ "RESOURCE_TYPE", CONFIG_TYPE_STRING },
	{ "MODULE", CONFIG_TYPE_STRING },
	{ "VENDOR_ID", CONFIG_TYPE_STRING },
	{ "RT_DESCRIPTION", CONFIG_TYPE_STRING },
	{ "RT_VERSION", CONFIG_TYPE_STRING },
	{ "API_VERSION", CONFIG_TYPE_INT },
	{ "FAILOVER", CONFIG_TYPE_BOOL },
	{ "INIT_NODES", CONFIG_TYPE_STRING },
	{ "SINGLE_INSTANCE", CONFIG_TYPE_BOOL },
	{ "PROPERTIES", CONFIG_TYPE_LIST },
	{ NULL, 0 },
};

static const struct rtr_key prop_keys[] = {
	{ "PROPERTY", CONFIG_TYPE_STRING },
	{ "EXTENSION", CONFIG_TYPE_BOOL },
	{ "TYPE", CONFIG_TYPE_STRING },
	{ "VALUES", 0 },	/* typed by prop_value_from_setting */
	{ "MIN", CONFIG_TYPE_INT },
	{ "MAX", CONFIG_TYPE_INT },
	{ "DEFAULT", 0 },	/* typed by the property's TYPE */
	{ "TUNABLE", CONFIG_TYPE_STRING },
	{ "DESCRIPTION", CONFIG_TYPE_STRING },
	{ NULL, 0 },
};

static const char *
type_words(int type)
{
	switch (type) {
	case CONFIG_TYPE_INT:
		return "an integer";
	case CONFIG_TYPE_INT64:
		return "a 64-bit integer";
	case CONFIG_TYPE_FLOAT:
		return "a number with a fraction";
	case CONFIG_TYPE_STRING:
		return "a quoted string";
	case CONFIG_TYPE_BOOL:
		return "true or false";
	case CONFIG_TYPE_ARRAY:
		return "an array [ ... ]";
	case CONFIG_TYPE_LIST:
		return "a list ( ... )";
	case CONFIG_TYPE_GROUP:
		return "a block { ... }";
	default:
		return "of an unknown kind";
	}
}

/* Every member of g is a known keyword of keys with its type. */
static int
check_keys(const config_setting_t *g, const struct rtr_key *keys,
    const char *where, char *err, size_t errlen)
{
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g,
		    (unsigned)i);
		const char *name = config_setting_name(s);
		const struct rtr_key *k = keys;

		while (k->name != NULL && strcmp(k->name, name) != 0)
			k++;
		if (k->name == NULL) {
			snprintf(err, errlen, "line %d: unknown setting %s%s "
			    "(the keywords are in rt_reg(5))",
			    config_setting_source_line(s), name, where);
			return -1;
		}
		if (k->type != 0 && config_setting_type(s) != k->type) {
			snprintf(err, errlen, "line %d: %s%s must be %s, not "
			    "%s", config_setting_source_line(s), name, where,
			    type_words(k->type),
			    type_words(config_setting_type(s)));
			return -1;
		}
	}
	return 0;
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
set_module(const char *path, const char *mod, struct rt *t, char *err,
    size_t errlen)
{
	char dir[PATH_MAX], full[PATH_MAX];

	if (mod[0] == '/') {
		t->module = strdup(mod);
	} else {
		snprintf(dir, sizeof(dir), "%s", path);
		if (snprintf(full, sizeof(full), "%s/%s", dirname(dir), mod) >=
		    (int)sizeof(full)) {
			snprintf(err, errlen, "MODULE path too long");
			return -1;
		}
		t->module = strdup(full);
	}
	if (t->module == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The header settings; the types were checked by check_keys. */
static int
load_header(const config_t *cf, const char *path, struct rt *t, char *err,
    size_t errlen)
{
	const char *mod;
	int b;

	if (config_lookup_string(cf, "RESOURCE_TYPE", &mod) != CONFIG_TRUE) {
		snprintf(err, errlen, "RESOURCE_TYPE is missing");
		return -1;
	}
	if ((t->name = strdup(mod)) == NULL)
		goto out_nomem;
	if (config_lookup_string(cf, "MODULE", &mod) != CONFIG_TRUE) {
		snprintf(err, errlen, "MODULE is missing");
		return -1;
	}
	if (set_module(path, mod, t, err, errlen) == -1)
		return -1;
	t->vendor = dup_string(cf, "VENDOR_ID", "");
	t->description = dup_string(cf, "RT_DESCRIPTION", "");
	t->version = dup_string(cf, "RT_VERSION", "1");
	t->init_nodes = dup_string(cf, "INIT_NODES", "RG_PRIMARIES");
	if (!t->vendor || !t->description || !t->version || !t->init_nodes)
		goto out_nomem;
	if (config_lookup_int(cf, "API_VERSION", &t->api_version) != CONFIG_TRUE)
		t->api_version = 1;
	if (config_lookup_bool(cf, "FAILOVER", &b) == CONFIG_TRUE)
		t->failover = b;
	if (config_lookup_bool(cf, "SINGLE_INSTANCE", &b) == CONFIG_TRUE)
		t->single_instance = b;
	if (strcmp(t->init_nodes, "RG_PRIMARIES") != 0 &&
	    strcmp(t->init_nodes, "RT_INSTALLED_NODES") != 0) {
		snprintf(err, errlen, "line %d: INIT_NODES must be "
		    "RG_PRIMARIES or RT_INSTALLED_NODES, not %s",
		    config_setting_source_line(config_lookup(cf, "INIT_NODES")),
		    t->init_nodes);
		return -1;
	}
	return 0;
out_nomem:
	snprintf(err, errlen, "%s", strerror(ENOMEM));
	return -1;
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

/* The DEFAULT of a block: of the property's type, within its limits. */
static int
load_default(const config_setting_t *ps, struct prop_decl *d, char *err,
    size_t errlen)
{
	const config_setting_t *def = config_setting_get_member(ps, "DEFAULT");
	char perr[256];

	if (def != NULL) {
		prop_value_free(&d->def);
		if (prop_value_from_setting(def, d->type, &d->def, err,
		    errlen) == -1)
			return -1;
		d->has_default = true;
	}
	if (d->has_default && prop_check(d, &d->def, perr, sizeof(perr))) {
		snprintf(err, errlen, "line %d: DEFAULT of %s", def ?
		    config_setting_source_line(def) :
		    config_setting_source_line(ps), perr);
		return -1;
	}
	return 0;
}

/* MIN, MAX, TUNABLE, DESCRIPTION, DEFAULT of one property block. */
static int
load_attributes(const config_setting_t *ps, struct prop_decl *d, char *err,
    size_t errlen)
{
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
	if (d->has_min && d->has_max && d->min > d->max) {
		snprintf(err, errlen, "line %d: property %s: MIN %d is above "
		    "MAX %d", config_setting_source_line(ps), d->name, d->min,
		    d->max);
		return -1;
	}
	if (config_setting_lookup_string(ps, "TUNABLE", &s) == CONFIG_TRUE &&
	    prop_tunable_parse(s, &d->tunable) == -1) {
		snprintf(err, errlen, "line %d: property %s: unknown TUNABLE "
		    "%s", config_setting_source_line(ps), d->name, s);
		return -1;
	}
	if (config_setting_lookup_string(ps, "DESCRIPTION", &s) == CONFIG_TRUE) {
		free(d->description);
		if ((d->description = strdup(s)) == NULL) {
			snprintf(err, errlen, "%s", strerror(ENOMEM));
			return -1;
		}
	}
	return load_default(ps, d, err, errlen);
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
	if ((d.name = strdup(name)) == NULL) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return -1;
	}
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
	    load_attributes(ps, &d, err, errlen) == -1)
		goto out_free;
	if (add_decl(t, &d) == -1) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		goto out_free;
	}
	return 0;
out_free:
	prop_decl_free(&d);
	return -1;
}

/* Keywords and their types, then the name ("of property P" in messages). */
static int
check_block(const config_setting_t *ps, const char **name, char *err,
    size_t errlen)
{
	const config_setting_t *n = config_setting_get_member(ps, "PROPERTY");
	char where[160] = "";

	if (!config_setting_is_group(ps)) {
		snprintf(err, errlen, "line %d: PROPERTIES must hold blocks "
		    "{ PROPERTY = ...; }, not %s",
		    config_setting_source_line(ps),
		    type_words(config_setting_type(ps)));
		return -1;
	}
	*name = n ? config_setting_get_string(n) : NULL;
	if (*name != NULL)
		snprintf(where, sizeof(where), " of property %s", *name);
	if (check_keys(ps, prop_keys, where, err, errlen) == -1)
		return -1;
	if (*name == NULL) {
		snprintf(err, errlen, "line %d: property block without "
		    "PROPERTY", config_setting_source_line(ps));
		return -1;
	}
	return 0;
}

static int
load_property(const config_setting_t *ps, struct rt *t, char *err,
    size_t errlen)
{
	struct prop_decl *d;
	const char *name;
	int ext = 0;

	if (check_block(ps, &name, err, errlen) == -1)
		return -1;
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
	if (config_setting_get_member(ps, "TYPE") != NULL ||
	    config_setting_get_member(ps, "VALUES") != NULL) {
		snprintf(err, errlen, "line %d: standard property %s has its "
		    "own type: TYPE and VALUES are for extension properties",
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

/*
 * A file rgmd trusts as root (the RTR file, the module its runner loads
 * as root) must be a regular file that no one else can change: not
 * writable by others,
 * owned by root or by rgmd's own user, in a directory others cannot
 * write (unless sticky). A missing module is left to the describe step.
 */
int
rtr_check_trust(const char *path, const char *what, char *err,
    size_t errlen)
{
	char dir[PATH_MAX];
	struct stat st;

	if (stat(path, &st) == -1) {
		if (errno == ENOENT && strcmp(what, "module") == 0)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		/* A FIFO or a device would block rgmd's loop, or never end. */
		snprintf(err, errlen, "%s: the %s is not a regular file", path,
		    what);
		return -1;
	}
	if (st.st_mode & S_IWOTH) {
		snprintf(err, errlen, "%s: the %s is writable by other users "
		    "(mode %04o) and would run as root: chmod o-w it", path,
		    what, (unsigned)(st.st_mode & 07777));
		return -1;
	}
	if (st.st_uid != 0 && st.st_uid != geteuid()) {
		snprintf(err, errlen, "%s: the %s is owned by user %u, not by "
		    "root, and would run as root: chown root it", path, what,
		    (unsigned)st.st_uid);
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	if (stat(dirname(dir), &st) == 0 && (st.st_mode & S_IWOTH) &&
	    !(st.st_mode & S_ISVTX)) {
		snprintf(err, errlen, "%s: the %s is in a directory writable "
		    "by other users (%s, mode %04o) and would run as root",
		    path, what, dir, (unsigned)(st.st_mode & 07777));
		return -1;
	}
	return 0;
}

static int
load_properties(const config_t *cf, struct rt *t, char *err, size_t errlen)
{
	const config_setting_t *props = config_lookup(cf, "PROPERTIES");

	for (int i = 0; props && i < config_setting_length(props); i++)
		if (load_property(config_setting_get_elem(props, (unsigned)i),
		    t, err, errlen) == -1)
			return -1;
	return 0;
}

/* Everything after the syntax: keywords, header, properties. */
static int
load_all(const config_t *cf, const char *real, int expect_api, struct rt *t,
    char *err, size_t errlen)
{
	if (check_keys(config_root_setting(cf), header_keys, "", err,
	    errlen) == -1 || load_header(cf, real, t, err, errlen) == -1)
		return -1;
	if (load_standard(t) == -1) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return -1;
	}
	if (expect_api != 0 && t->api_version != expect_api) {
		snprintf(err, errlen, "API_VERSION %d, this rgmd speaks %d",
		    t->api_version, expect_api);
		return -1;
	}
	return load_properties(cf, t, err, errlen);
}

int
rtr_parse(const char *text, size_t len, const char *rtr_path, int expect_api,
    struct rt *t, char *err, size_t errlen)
{
	config_t cf;
	char perr[512];
	int rc = -1;

	memset(t, 0, sizeof(*t));
	config_init(&cf);
	if (rtr_path[0] != '/') {
		snprintf(err, errlen, "%s: the RTR path must be absolute",
		    rtr_path);
		goto out;
	}
	if (len > RTR_DEFINITION_MAX) {
		snprintf(err, errlen, "%s: a definition of %zu bytes, more "
		    "than the %d allowed", rtr_path, len, RTR_DEFINITION_MAX);
		goto out;
	}
	/* No @include, no NUL byte (cfgfile.h). */
	if (cfgfile_parse(&cf, text, len, rtr_path, err, errlen) == -1)
		goto out;
	if (!(t->rtr_path = strdup(rtr_path)) ||
	    !(t->definition = strndup(text, len))) {
		snprintf(err, errlen, "%s: %s", rtr_path, strerror(ENOMEM));
		goto out;
	}
	if (load_all(&cf, rtr_path, expect_api, t, perr, sizeof(perr)) == -1) {
		snprintf(err, errlen, "%s: %s", rtr_path, perr);
		goto out;
	}
	rc = 0;
out:
	config_destroy(&cf);
	if (rc == -1)
		rt_free(t);
	return rc;
}

int
rtr_load(const char *path, int expect_api, struct rt *t, char *err,
    size_t errlen)
{
	char real[PATH_MAX], *text;
	size_t len;

	memset(t, 0, sizeof(*t));
	if (realpath(path, real) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (rtr_check_trust(real, "RTR file", err, errlen) == -1)
		return -1;
	if ((text = cfgfile_read_text(real, RTR_DEFINITION_MAX, &len, err,
	    errlen)) == NULL)
		return -1;
	if (rtr_parse(text, len, real, expect_api, t, err, errlen) == -1) {
		free(text);
		/* The caller named the file it gave. */
		return -1;
	}
	free(text);
	if (rtr_check_trust(t->module, "module", err, errlen) == -1) {
		rt_free(t);
		return -1;
	}
	return 0;
}
