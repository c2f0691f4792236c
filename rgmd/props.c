// SPDX-License-Identifier: MIT
/*
 * props.c - typed property values and their checks against declarations.
 * Pure logic, no I/O: the CUnit suite tests it on tables. Text forms follow
 * Sun Cluster: booleans TRUE/FALSE, enums case-insensitive (stored as
 * declared), string arrays comma-separated.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "props.h"

static const char *const type_names[] = {
	[PROP_INT] = "INT", [PROP_BOOL] = "BOOLEAN", [PROP_STRING] = "STRING",
	[PROP_STRINGARRAY] = "STRINGARRAY", [PROP_ENUM] = "ENUM",
};
static const char *const tunable_names[] = {
	[TUNE_NONE] = "NONE", [TUNE_ANYTIME] = "ANYTIME",
	[TUNE_AT_CREATION] = "AT_CREATION",
	[TUNE_WHEN_DISABLED] = "WHEN_DISABLED",
};

const char *
prop_type_name(enum prop_type t)
{
	return type_names[t];
}

const char *
prop_tunable_name(enum prop_tunable t)
{
	return tunable_names[t];
}

int
prop_type_parse(const char *s, enum prop_type *out)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(*type_names); i++)
		if (strcasecmp(s, type_names[i]) == 0) {
			*out = (enum prop_type)i;
			return 0;
		}
	errno = EINVAL;
	return -1;
}

int
prop_tunable_parse(const char *s, enum prop_tunable *out)
{
	if (strcasecmp(s, "TRUE") == 0) {
		*out = TUNE_ANYTIME;
		return 0;
	}
	if (strcasecmp(s, "FALSE") == 0) {
		*out = TUNE_NONE;
		return 0;
	}
	for (size_t i = 0; i < sizeof(tunable_names) / sizeof(*tunable_names);
	    i++)
		if (strcasecmp(s, tunable_names[i]) == 0) {
			*out = (enum prop_tunable)i;
			return 0;
		}
	errno = EINVAL;
	return -1;
}

static void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char **
strv_copy(char *const *v, size_t n)
{
	char **c = calloc(n + 1, sizeof(*c));

	if (c == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((c[i] = strdup(v[i])) == NULL) {
			strv_free(c, i);
			return NULL;
		}
	return c;
}

void
prop_value_free(struct prop_value *v)
{
	free(v->s);
	strv_free(v->v, v->n);
	v->s = NULL;
	v->v = NULL;
	v->n = 0;
}

int
prop_value_copy(struct prop_value *dst, const struct prop_value *src)
{
	*dst = *src;
	dst->s = NULL;
	dst->v = NULL;
	if (src->s != NULL && (dst->s = strdup(src->s)) == NULL)
		return -1;
	if (src->type == PROP_STRINGARRAY &&
	    (dst->v = strv_copy(src->v, src->n)) == NULL) {
		free(dst->s);
		dst->s = NULL;
		return -1;
	}
	return 0;
}

bool
prop_value_equal(const struct prop_value *a, const struct prop_value *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case PROP_INT:
		return a->i == b->i;
	case PROP_BOOL:
		return a->b == b->b;
	case PROP_STRING:
	case PROP_ENUM:
		return strcmp(a->s ? a->s : "", b->s ? b->s : "") == 0;
	case PROP_STRINGARRAY:
		if (a->n != b->n)
			return false;
		for (size_t i = 0; i < a->n; i++)
			if (strcmp(a->v[i], b->v[i]) != 0)
				return false;
		return true;
	}
	return false;
}

int
prop_value_format(const struct prop_value *v, char *buf, size_t len)
{
	size_t off = 0;
	int n;

	switch (v->type) {
	case PROP_INT:
		n = snprintf(buf, len, "%d", v->i);
		break;
	case PROP_BOOL:
		n = snprintf(buf, len, "%s", v->b ? "TRUE" : "FALSE");
		break;
	case PROP_STRING:
	case PROP_ENUM:
		n = snprintf(buf, len, "%s", v->s ? v->s : "");
		break;
	case PROP_STRINGARRAY:
		buf[0] = '\0';
		for (size_t i = 0; i < v->n; i++) {
			n = snprintf(buf + off, len - off, "%s%s",
			    i ? "," : "", v->v[i]);
			if (n < 0 || (size_t)n >= len - off)
				goto out_trunc;
			off += (size_t)n;
		}
		return 0;
	default:
		n = -1;
	}
	if (n < 0 || (size_t)n >= len)
		goto out_trunc;
	return 0;
out_trunc:
	errno = ENAMETOOLONG;
	return -1;
}

static int
parse_int(const char *text, int *out)
{
	char *end;
	long l;

	errno = 0;
	l = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || l < INT_MIN ||
	    l > INT_MAX)
		return -1;
	*out = (int)l;
	return 0;
}

static int
parse_bool(const char *text, bool *out)
{
	static const char *const yes[] = { "TRUE", "YES", "1" };
	static const char *const no[] = { "FALSE", "NO", "0" };

	for (size_t i = 0; i < 3; i++) {
		if (strcasecmp(text, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(text, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* Split a comma-separated list; an empty text is the empty array. */
static int
parse_array(const char *text, struct prop_value *out)
{
	char *copy, *p, *tok, *save = NULL;

	out->n = 0;
	out->v = calloc(1, sizeof(char *));
	if (out->v == NULL || (copy = strdup(text)) == NULL)
		return -1;
	for (p = copy; (tok = strtok_r(p, ",", &save)) != NULL; p = NULL) {
		char **nv = realloc(out->v, (out->n + 2) * sizeof(char *));

		if (nv == NULL)
			goto out_free;
		out->v = nv;
		if ((out->v[out->n] = strdup(tok)) == NULL)
			goto out_free;
		out->v[++out->n] = NULL;
	}
	free(copy);
	return 0;
out_free:
	free(copy);
	return -1;
}

int
prop_parse(const struct prop_decl *d, const char *text,
    struct prop_value *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	out->type = d->type;
	switch (d->type) {
	case PROP_INT:
		if (parse_int(text, &out->i) == -1)
			goto out_bad;
		break;
	case PROP_BOOL:
		if (parse_bool(text, &out->b) == -1)
			goto out_bad;
		break;
	case PROP_STRING:
	case PROP_ENUM:
		if ((out->s = strdup(text)) == NULL)
			goto out_nomem;
		break;
	case PROP_STRINGARRAY:
		if (parse_array(text, out) == -1)
			goto out_nomem;
		break;
	}
	if (prop_check(d, out, err, errlen) == -1) {
		prop_value_free(out);
		return -1;
	}
	return 0;
out_bad:
	snprintf(err, errlen, "property %s: \"%s\" is not a valid %s",
	    d->name, text, prop_type_name(d->type));
	return -1;
out_nomem:
	prop_value_free(out);
	snprintf(err, errlen, "property %s: out of memory", d->name);
	return -1;
}

static int
check_enum(const struct prop_decl *d, struct prop_value *v, char *err,
    size_t errlen)
{
	size_t off = 0;
	char list[512] = "";

	for (size_t i = 0; i < d->n_enum; i++) {
		if (strcasecmp(v->s, d->enumv[i]) == 0) {
			/* Store the spelling of the declaration. */
			memcpy(v->s, d->enumv[i], strlen(v->s));
			return 0;
		}
		int n = snprintf(list + off, sizeof(list) - off, "%s%s",
		    i ? ", " : "", d->enumv[i]);
		if (n > 0 && (size_t)n < sizeof(list) - off)
			off += (size_t)n;
	}
	snprintf(err, errlen, "property %s: \"%s\" is not one of %s",
	    d->name, v->s, list);
	return -1;
}

int
prop_check(const struct prop_decl *d, const struct prop_value *cv,
    char *err, size_t errlen)
{
	struct prop_value *v = (struct prop_value *)cv;
	long len;
	const char *what = "length";

	if (v->type != d->type) {
		snprintf(err, errlen, "property %s: expected %s, got %s",
		    d->name, prop_type_name(d->type), prop_type_name(v->type));
		return -1;
	}
	switch (d->type) {
	case PROP_INT:
		len = v->i;
		what = "value";
		break;
	case PROP_STRING:
		len = (long)strlen(v->s ? v->s : "");
		break;
	case PROP_STRINGARRAY:
		len = (long)v->n;
		what = "number of elements";
		break;
	case PROP_ENUM:
		return check_enum(d, v, err, errlen);
	default:
		return 0;
	}
	if (d->has_min && len < d->min) {
		snprintf(err, errlen, "property %s: %s %ld is below the "
		    "minimum %d", d->name, what, len, d->min);
		return -1;
	}
	if (d->has_max && len > d->max) {
		snprintf(err, errlen, "property %s: %s %ld is above the "
		    "maximum %d", d->name, what, len, d->max);
		return -1;
	}
	return 0;
}

int
prop_check_tunable(const struct prop_decl *d, enum prop_when when,
    bool disabled, char *err, size_t errlen)
{
	if (when == PROP_AT_CREATION && d->tunable != TUNE_NONE)
		return 0;
	switch (d->tunable) {
	case TUNE_ANYTIME:
		return 0;
	case TUNE_WHEN_DISABLED:
		if (disabled)
			return 0;
		snprintf(err, errlen, "property %s is tunable only when the "
		    "resource is disabled", d->name);
		return -1;
	case TUNE_AT_CREATION:
		snprintf(err, errlen, "property %s can be set only at "
		    "creation", d->name);
		return -1;
	case TUNE_NONE:
		break;
	}
	snprintf(err, errlen, "property %s is not tunable", d->name);
	return -1;
}

void
prop_decl_free(struct prop_decl *d)
{
	free(d->name);
	free(d->description);
	prop_value_free(&d->def);
	strv_free(d->enumv, d->n_enum);
	memset(d, 0, sizeof(*d));
}

int
prop_decl_copy(struct prop_decl *dst, const struct prop_decl *src)
{
	*dst = *src;
	dst->name = strdup(src->name);
	dst->description = src->description ? strdup(src->description) : NULL;
	dst->enumv = src->n_enum ? strv_copy(src->enumv, src->n_enum) : NULL;
	if (prop_value_copy(&dst->def, &src->def) == -1 || !dst->name ||
	    (src->description && !dst->description) ||
	    (src->n_enum && !dst->enumv)) {
		prop_decl_free(dst);
		return -1;
	}
	return 0;
}

struct prop *
prop_list_find(const struct prop_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->p[i].name, name) == 0)
			return &l->p[i];
	return NULL;
}

int
prop_list_set(struct prop_list *l, const char *name,
    const struct prop_value *v)
{
	struct prop *p = prop_list_find(l, name);
	struct prop_value nv;

	if (prop_value_copy(&nv, v) == -1)
		return -1;
	if (p == NULL) {
		struct prop *np = realloc(l->p, (l->n + 1) * sizeof(*np));

		if (np == NULL)
			goto out_free;
		l->p = np;
		p = &l->p[l->n];
		if ((p->name = strdup(name)) == NULL)
			goto out_free;
		l->n++;
	} else {
		prop_value_free(&p->v);
	}
	p->v = nv;
	return 0;
out_free:
	prop_value_free(&nv);
	return -1;
}

void
prop_list_free(struct prop_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->p[i].name);
		prop_value_free(&l->p[i].v);
	}
	free(l->p);
	l->p = NULL;
	l->n = 0;
}

int
prop_list_copy(struct prop_list *dst, const struct prop_list *src)
{
	dst->p = NULL;
	dst->n = 0;
	for (size_t i = 0; i < src->n; i++)
		if (prop_list_set(dst, src->p[i].name, &src->p[i].v) == -1) {
			prop_list_free(dst);
			return -1;
		}
	return 0;
}

int
prop_value_to_setting(config_setting_t *parent, const char *name,
    const struct prop_value *v)
{
	static const int ltype[] = {
		[PROP_INT] = CONFIG_TYPE_INT, [PROP_BOOL] = CONFIG_TYPE_BOOL,
		[PROP_STRING] = CONFIG_TYPE_STRING,
		[PROP_ENUM] = CONFIG_TYPE_STRING,
		[PROP_STRINGARRAY] = CONFIG_TYPE_ARRAY,
	};
	config_setting_t *s = config_setting_add(parent, name, ltype[v->type]);

	if (s == NULL)
		return -1;
	switch (v->type) {
	case PROP_INT:
		return config_setting_set_int(s, v->i) == CONFIG_TRUE ? 0 : -1;
	case PROP_BOOL:
		return config_setting_set_bool(s, v->b) == CONFIG_TRUE ? 0 : -1;
	case PROP_STRING:
	case PROP_ENUM:
		return config_setting_set_string(s, v->s ? v->s : "") ==
		    CONFIG_TRUE ? 0 : -1;
	case PROP_STRINGARRAY:
		for (size_t i = 0; i < v->n; i++)
			if (config_setting_set_string_elem(s, -1, v->v[i]) ==
			    NULL)
				return -1;
		return 0;
	}
	return -1;
}

static int
array_from_setting(const config_setting_t *s, struct prop_value *out)
{
	int n = config_setting_length(s);

	out->v = calloc((size_t)n + 1, sizeof(char *));
	if (out->v == NULL)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *e = config_setting_get_string_elem(s, i);

		if (e == NULL || (out->v[i] = strdup(e)) == NULL)
			return -1;
		out->n++;
	}
	return 0;
}

int
prop_value_from_setting(const config_setting_t *s, enum prop_type t,
    struct prop_value *out, char *err, size_t errlen)
{
	int ct = config_setting_type(s);
	const char *str;

	memset(out, 0, sizeof(*out));
	out->type = t;
	switch (t) {
	case PROP_INT:
		if (ct != CONFIG_TYPE_INT)
			goto out_type;
		out->i = config_setting_get_int(s);
		return 0;
	case PROP_BOOL:
		if (ct != CONFIG_TYPE_BOOL)
			goto out_type;
		out->b = config_setting_get_bool(s);
		return 0;
	case PROP_STRING:
	case PROP_ENUM:
		if (ct != CONFIG_TYPE_STRING ||
		    (str = config_setting_get_string(s)) == NULL)
			goto out_type;
		return (out->s = strdup(str)) ? 0 : -1;
	case PROP_STRINGARRAY:
		if (ct != CONFIG_TYPE_ARRAY && ct != CONFIG_TYPE_LIST)
			goto out_type;
		if (array_from_setting(s, out) == -1) {
			prop_value_free(out);
			goto out_type;
		}
		return 0;
	}
out_type:
	snprintf(err, errlen, "line %d: %s must be of type %s",
	    config_setting_source_line(s), config_setting_name(s) ?
	    config_setting_name(s) : "value", prop_type_name(t));
	return -1;
}
