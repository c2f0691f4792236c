// SPDX-License-Identifier: MIT
/*
 * test_props.c - suite "props" (rgmd/props.c): parsing of each property
 * type from operator text with its bounds, refusals that name the
 * property, tunability rules, value copy/equality/format, property lists
 * and the libconfig round trip of every type.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "props.h"
#include "tu.h"

static char *mode_vals[] = { "Fast", "Safe", "RESTART_only" };

static const struct prop_decl d_int = { .name = "Retry_count",
	.type = PROP_INT, .has_min = true, .min = -5, .has_max = true,
	.max = 10 };
static const struct prop_decl d_int_free = { .name = "Any_int",
	.type = PROP_INT };
static const struct prop_decl d_bool = { .name = "Failback",
	.type = PROP_BOOL };
static const struct prop_decl d_str = { .name = "Command",
	.type = PROP_STRING, .has_min = true, .min = 2, .has_max = true,
	.max = 4 };
static const struct prop_decl d_arr = { .name = "Hosts",
	.type = PROP_STRINGARRAY, .has_min = true, .min = 1, .has_max = true,
	.max = 3 };
static const struct prop_decl d_arr_free = { .name = "List",
	.type = PROP_STRINGARRAY };
static const struct prop_decl d_enum = { .name = "Mode", .type = PROP_ENUM,
	.enumv = mode_vals, .n_enum = 3 };

static void
int_ok(const char *text, int want)
{
	struct prop_value v;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(prop_parse(&d_int, text, &v, err, sizeof(err)),
	    0);
	CU_ASSERT_EQUAL(v.type, PROP_INT);
	CU_ASSERT_EQUAL(v.i, want);
	prop_value_free(&v);
}

static void
refused(const struct prop_decl *d, const char *text, const char *why)
{
	struct prop_value v;
	char err[256] = "";

	CU_ASSERT_EQUAL(prop_parse(d, text, &v, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, d->name);
	TU_ASSERT_HAS(err, why);
}

static void
test_int(void)
{
	int_ok("0", 0);
	int_ok("10", 10);
	int_ok("-5", -5);
	int_ok("+7", 7);
	refused(&d_int, "11", "above the maximum 10");
	refused(&d_int, "-6", "below the minimum -5");
	refused(&d_int, "", "not a valid INT");
	refused(&d_int, "abc", "\"abc\" is not a valid INT");
	refused(&d_int, "5x", "not a valid INT");
	refused(&d_int, "5 ", "not a valid INT");
	refused(&d_int, "0x10", "not a valid INT");
	refused(&d_int, "1.5", "not a valid INT");
	refused(&d_int_free, "2147483648", "not a valid INT");
	refused(&d_int_free, "-2147483649", "not a valid INT");
	refused(&d_int_free, "99999999999999999999999", "not a valid INT");
}

static void
test_int_limits(void)
{
	struct prop_value v;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(prop_parse(&d_int_free, "2147483647", &v, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(v.i, 2147483647);
	CU_ASSERT_EQUAL_FATAL(prop_parse(&d_int_free, "-2147483648", &v, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(v.i, -2147483647 - 1);
}

static void
test_bool(void)
{
	static const struct { const char *t; bool b; } ok[] = {
		{ "TRUE", true }, { "true", true }, { "True", true },
		{ "yes", true }, { "YES", true }, { "1", true },
		{ "FALSE", false }, { "false", false }, { "no", false },
		{ "No", false }, { "0", false },
	};
	static const char *const bad[] = { "", "2", "y", "n", "on", "off",
		"TRUEx", "-1", " true" };

	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		struct prop_value v;
		char err[256];

		CU_ASSERT_EQUAL_FATAL(prop_parse(&d_bool, ok[i].t, &v, err,
		    sizeof(err)), 0);
		CU_ASSERT_EQUAL(v.type, PROP_BOOL);
		CU_ASSERT_EQUAL(v.b, ok[i].b);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		refused(&d_bool, bad[i], "is not a valid BOOLEAN");
}

static void
test_string(void)
{
	struct prop_value v;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(prop_parse(&d_str, "ab", &v, err, sizeof(err)),
	    0);
	CU_ASSERT_STRING_EQUAL(v.s, "ab");
	prop_value_free(&v);
	CU_ASSERT_EQUAL_FATAL(prop_parse(&d_str, "abcd", &v, err,
	    sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(v.s, "abcd");
	prop_value_free(&v);
	refused(&d_str, "a", "length 1 is below the minimum 2");
	refused(&d_str, "", "length 0 is below the minimum 2");
	refused(&d_str, "abcde", "length 5 is above the maximum 4");
}

static void
array_ok(const struct prop_decl *d, const char *text, size_t n,
    const char *const *want)
{
	struct prop_value v;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(prop_parse(d, text, &v, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(v.type, PROP_STRINGARRAY);
	CU_ASSERT_EQUAL_FATAL(v.n, n);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_STRING_EQUAL(v.v[i], want[i]);
	CU_ASSERT_PTR_NULL(v.v[n]);
	prop_value_free(&v);
}

static void
test_stringarray(void)
{
	static const char *const abc[] = { "a", "b", "c" };
	static const char *const one[] = { "node-1" };

	array_ok(&d_arr, "a,b,c", 3, abc);
	array_ok(&d_arr, "node-1", 1, one);
	array_ok(&d_arr_free, "", 0, NULL);
	array_ok(&d_arr_free, "a,b,c", 3, abc);
	refused(&d_arr, "", "number of elements 0 is below the minimum 1");
	refused(&d_arr, "a,b,c,d", "number of elements 4 is above the "
	    "maximum 3");
}

static void
test_enum(void)
{
	static const struct { const char *in, *out; } ok[] = {
		{ "Fast", "Fast" }, { "fast", "Fast" }, { "SAFE", "Safe" },
		{ "restart_ONLY", "RESTART_only" },
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		struct prop_value v;
		char err[256];

		CU_ASSERT_EQUAL_FATAL(prop_parse(&d_enum, ok[i].in, &v, err,
		    sizeof(err)), 0);
		CU_ASSERT_EQUAL(v.type, PROP_ENUM);
		CU_ASSERT_STRING_EQUAL(v.s, ok[i].out);
		prop_value_free(&v);
	}
	refused(&d_enum, "Slow", "\"Slow\" is not one of Fast, Safe, "
	    "RESTART_only");
	refused(&d_enum, "", "is not one of Fast, Safe, RESTART_only");
	refused(&d_enum, "Fast2", "is not one of");
}

static void
test_check_type_mismatch(void)
{
	struct prop_value v = { .type = PROP_STRING, .s = "5" };
	char err[256] = "";

	CU_ASSERT_EQUAL(prop_check(&d_int, &v, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "Retry_count");
	TU_ASSERT_HAS(err, "expected INT, got STRING");
}

static void
tunable(enum prop_tunable t, enum prop_when w, bool disabled, int want,
    const char *why)
{
	struct prop_decl d = { .name = "Some_prop", .type = PROP_INT,
		.tunable = t };
	char err[256] = "";

	CU_ASSERT_EQUAL(prop_check_tunable(&d, w, disabled, err, sizeof(err)),
	    want);
	if (want == -1) {
		TU_ASSERT_HAS(err, "Some_prop");
		TU_ASSERT_HAS(err, why);
	}
}

static void
test_tunable(void)
{
	for (int dis = 0; dis < 2; dis++) {
		tunable(TUNE_NONE, PROP_AT_CREATION, dis, -1, "not tunable");
		tunable(TUNE_NONE, PROP_ON_CHANGE, dis, -1, "not tunable");
		tunable(TUNE_ANYTIME, PROP_AT_CREATION, dis, 0, NULL);
		tunable(TUNE_ANYTIME, PROP_ON_CHANGE, dis, 0, NULL);
		tunable(TUNE_AT_CREATION, PROP_AT_CREATION, dis, 0, NULL);
		tunable(TUNE_AT_CREATION, PROP_ON_CHANGE, dis, -1,
		    "only at creation");
		tunable(TUNE_WHEN_DISABLED, PROP_AT_CREATION, dis, 0, NULL);
	}
	tunable(TUNE_WHEN_DISABLED, PROP_ON_CHANGE, true, 0, NULL);
	tunable(TUNE_WHEN_DISABLED, PROP_ON_CHANGE, false, -1,
	    "only when the resource is disabled");
}

static void
test_names(void)
{
	enum prop_type t;
	enum prop_tunable tu;

	for (int i = PROP_INT; i <= PROP_ENUM; i++) {
		CU_ASSERT_EQUAL(prop_type_parse(prop_type_name(i), &t), 0);
		CU_ASSERT_EQUAL(t, i);
	}
	CU_ASSERT_EQUAL(prop_type_parse("boolean", &t), 0);
	CU_ASSERT_EQUAL(t, PROP_BOOL);
	CU_ASSERT_EQUAL(prop_type_parse("FLOAT", &t), -1);
	for (int i = TUNE_NONE; i <= TUNE_WHEN_DISABLED; i++) {
		CU_ASSERT_EQUAL(prop_tunable_parse(prop_tunable_name(i), &tu),
		    0);
		CU_ASSERT_EQUAL(tu, i);
	}
	CU_ASSERT_EQUAL(prop_tunable_parse("TRUE", &tu), 0);
	CU_ASSERT_EQUAL(tu, TUNE_ANYTIME);
	CU_ASSERT_EQUAL(prop_tunable_parse("false", &tu), 0);
	CU_ASSERT_EQUAL(tu, TUNE_NONE);
	CU_ASSERT_EQUAL(prop_tunable_parse("SOMETIMES", &tu), -1);
}

static void
test_copy_equal(void)
{
	char *arr[] = { "x", "yy", NULL };
	struct prop_value vals[] = {
		{ .type = PROP_INT, .i = 42 },
		{ .type = PROP_BOOL, .b = true },
		{ .type = PROP_STRING, .s = "hello" },
		{ .type = PROP_ENUM, .s = "Fast" },
		{ .type = PROP_STRINGARRAY, .v = arr, .n = 2 },
	};

	for (size_t i = 0; i < sizeof(vals) / sizeof(*vals); i++) {
		struct prop_value c;

		CU_ASSERT_EQUAL_FATAL(prop_value_copy(&c, &vals[i]), 0);
		CU_ASSERT_TRUE(prop_value_equal(&c, &vals[i]));
		if (c.s != NULL)
			CU_ASSERT_PTR_NOT_EQUAL(c.s, vals[i].s);
		if (c.v != NULL) {
			CU_ASSERT_PTR_NOT_EQUAL(c.v, vals[i].v);
			CU_ASSERT_PTR_NOT_EQUAL(c.v[0], vals[i].v[0]);
		}
		for (size_t j = 0; j < sizeof(vals) / sizeof(*vals); j++)
			if (j != i)
				CU_ASSERT_FALSE(prop_value_equal(&c, &vals[j]));
		prop_value_free(&c);
	}
}

static void
test_not_equal(void)
{
	char *a1[] = { "x", "y" }, *a2[] = { "x", "z" };
	struct prop_value i1 = { .type = PROP_INT, .i = 1 },
	    i2 = { .type = PROP_INT, .i = 2 },
	    s1 = { .type = PROP_STRING, .s = "a" },
	    s2 = { .type = PROP_STRING, .s = "A" },
	    v1 = { .type = PROP_STRINGARRAY, .v = a1, .n = 2 },
	    v2 = { .type = PROP_STRINGARRAY, .v = a2, .n = 2 },
	    v3 = { .type = PROP_STRINGARRAY, .v = a1, .n = 1 },
	    b1 = { .type = PROP_BOOL, .b = true },
	    b2 = { .type = PROP_BOOL, .b = false };

	CU_ASSERT_FALSE(prop_value_equal(&i1, &i2));
	CU_ASSERT_FALSE(prop_value_equal(&s1, &s2));
	CU_ASSERT_FALSE(prop_value_equal(&v1, &v2));
	CU_ASSERT_FALSE(prop_value_equal(&v1, &v3));
	CU_ASSERT_FALSE(prop_value_equal(&b1, &b2));
}

static void
test_format(void)
{
	char *arr[] = { "a", "bb", "c" };
	struct prop_value vi = { .type = PROP_INT, .i = -12 },
	    vb = { .type = PROP_BOOL, .b = true },
	    vf = { .type = PROP_BOOL, .b = false },
	    vs = { .type = PROP_STRING, .s = "text" },
	    vn = { .type = PROP_STRING, .s = NULL },
	    va = { .type = PROP_STRINGARRAY, .v = arr, .n = 3 },
	    ve = { .type = PROP_STRINGARRAY, .v = arr, .n = 0 };
	char buf[64];

	CU_ASSERT_EQUAL(prop_value_format(&vi, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "-12");
	CU_ASSERT_EQUAL(prop_value_format(&vb, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "TRUE");
	CU_ASSERT_EQUAL(prop_value_format(&vf, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "FALSE");
	CU_ASSERT_EQUAL(prop_value_format(&vs, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "text");
	CU_ASSERT_EQUAL(prop_value_format(&vn, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(prop_value_format(&va, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "a,bb,c");
	CU_ASSERT_EQUAL(prop_value_format(&ve, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	/* Truncation is an error, never a silently shortened value. */
	CU_ASSERT_EQUAL(prop_value_format(&va, buf, 4), -1);
	CU_ASSERT_EQUAL(prop_value_format(&vs, buf, 4), -1);
	CU_ASSERT_EQUAL(prop_value_format(&vi, buf, 3), -1);
}

/* Formatting then parsing gives the same value back. */
static void
test_format_parse(void)
{
	const struct prop_decl *decls[] = { &d_int, &d_bool, &d_str, &d_arr,
		&d_enum };
	const char *texts[] = { "-3", "TRUE", "abc", "x,y", "Safe" };

	for (size_t i = 0; i < 5; i++) {
		struct prop_value v, w;
		char buf[64], err[256];

		CU_ASSERT_EQUAL_FATAL(prop_parse(decls[i], texts[i], &v, err,
		    sizeof(err)), 0);
		CU_ASSERT_EQUAL(prop_value_format(&v, buf, sizeof(buf)), 0);
		CU_ASSERT_STRING_EQUAL(buf, texts[i]);
		CU_ASSERT_EQUAL_FATAL(prop_parse(decls[i], buf, &w, err,
		    sizeof(err)), 0);
		CU_ASSERT_TRUE(prop_value_equal(&v, &w));
		prop_value_free(&v);
		prop_value_free(&w);
	}
}

static void
test_list(void)
{
	struct prop_list l = { 0 }, c;
	struct prop_value one = { .type = PROP_INT, .i = 1 },
	    two = { .type = PROP_INT, .i = 2 },
	    s = { .type = PROP_STRING, .s = "v" };
	struct prop *p;

	CU_ASSERT_PTR_NULL(prop_list_find(&l, "x"));
	CU_ASSERT_EQUAL(prop_list_set(&l, "Retry_count", &one), 0);
	CU_ASSERT_EQUAL(prop_list_set(&l, "Name", &s), 0);
	CU_ASSERT_EQUAL(l.n, 2);
	CU_ASSERT_EQUAL(prop_list_set(&l, "RETRY_COUNT", &two), 0);
	CU_ASSERT_EQUAL(l.n, 2);
	p = prop_list_find(&l, "retry_count");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(p->name, "Retry_count");
	CU_ASSERT_EQUAL(p->v.i, 2);
	CU_ASSERT_PTR_NULL(prop_list_find(&l, "Retry"));
	CU_ASSERT_EQUAL_FATAL(prop_list_copy(&c, &l), 0);
	CU_ASSERT_EQUAL(c.n, 2);
	p = prop_list_find(&c, "name");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NOT_EQUAL(p->v.s, prop_list_find(&l, "Name")->v.s);
	CU_ASSERT_EQUAL(prop_list_set(&c, "Name", &one), 0);
	CU_ASSERT_EQUAL(prop_list_find(&l, "Name")->v.type, PROP_STRING);
	prop_list_free(&c);
	prop_list_free(&l);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_PTR_NULL(l.p);
}

static void
test_decl_copy(void)
{
	char *vals[] = { "A", "B" };
	struct prop_decl src = { .name = "Mode", .type = PROP_ENUM,
		.extension = true, .enumv = vals, .n_enum = 2,
		.has_default = true, .def = { .type = PROP_ENUM, .s = "A" },
		.tunable = TUNE_WHEN_DISABLED, .description = "what" }, dst;

	CU_ASSERT_EQUAL_FATAL(prop_decl_copy(&dst, &src), 0);
	CU_ASSERT_STRING_EQUAL(dst.name, "Mode");
	CU_ASSERT_PTR_NOT_EQUAL(dst.name, src.name);
	CU_ASSERT_EQUAL(dst.n_enum, 2);
	CU_ASSERT_STRING_EQUAL(dst.enumv[1], "B");
	CU_ASSERT_PTR_NOT_EQUAL(dst.enumv, src.enumv);
	CU_ASSERT_STRING_EQUAL(dst.def.s, "A");
	CU_ASSERT_STRING_EQUAL(dst.description, "what");
	CU_ASSERT_EQUAL(dst.tunable, TUNE_WHEN_DISABLED);
	CU_ASSERT_TRUE(dst.extension);
	prop_decl_free(&dst);
}

/* to_setting, write as text, read the text, from_setting: same value. */
static void
roundtrip(const struct prop_value *v)
{
	config_t cf, back;
	char *buf = NULL, err[256];
	size_t len;
	FILE *f;
	struct prop_value out;

	config_init(&cf);
	config_init(&back);
	CU_ASSERT_EQUAL_FATAL(prop_value_to_setting(config_root_setting(&cf),
	    "p", v), 0);
	f = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	config_write(&cf, f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(config_read_string(&back, buf), CONFIG_TRUE);
	CU_ASSERT_EQUAL(prop_value_from_setting(config_lookup(&back, "p"),
	    v->type, &out, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(prop_value_equal(&out, v));
	CU_ASSERT_EQUAL(out.type, v->type);
	prop_value_free(&out);
	free(buf);
	config_destroy(&cf);
	config_destroy(&back);
}

static void
test_libconfig_roundtrip(void)
{
	char *arr[] = { "alpha", "beta gamma", "d\"q" };
	struct prop_value vals[] = {
		{ .type = PROP_INT, .i = -2147483647 - 1 },
		{ .type = PROP_INT, .i = 3600 },
		{ .type = PROP_BOOL, .b = true },
		{ .type = PROP_BOOL, .b = false },
		{ .type = PROP_STRING, .s = "a \"quoted\" \\ string" },
		{ .type = PROP_STRING, .s = "" },
		{ .type = PROP_ENUM, .s = "Safe" },
		{ .type = PROP_STRINGARRAY, .v = arr, .n = 3 },
		{ .type = PROP_STRINGARRAY, .v = arr, .n = 0 },
	};

	for (size_t i = 0; i < sizeof(vals) / sizeof(*vals); i++)
		roundtrip(&vals[i]);
}

static void
from_text_refused(const char *text, enum prop_type t, const char *why)
{
	config_t cf;
	struct prop_value out;
	char err[256] = "";

	config_init(&cf);
	CU_ASSERT_EQUAL_FATAL(config_read_string(&cf, text), CONFIG_TRUE);
	CU_ASSERT_EQUAL(prop_value_from_setting(config_lookup(&cf, "p"), t,
	    &out, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, why);
	config_destroy(&cf);
}

static void
test_libconfig_wrong_type(void)
{
	from_text_refused("p = \"5\";", PROP_INT, "p must be of type INT");
	from_text_refused("p = 1;", PROP_BOOL, "p must be of type BOOLEAN");
	from_text_refused("p = 1;", PROP_STRING, "p must be of type STRING");
	from_text_refused("p = true;", PROP_ENUM, "p must be of type ENUM");
	from_text_refused("p = \"a\";", PROP_STRINGARRAY,
	    "p must be of type STRINGARRAY");
	from_text_refused("p = [1, 2];", PROP_STRINGARRAY,
	    "p must be of type STRINGARRAY");
	from_text_refused("\n\np = 1.5;", PROP_INT, "line 3");
}

static const struct tu_test props_tests[] = {
	{ "INT parse, bounds, garbage, overflow", test_int },
	{ "INT extremes", test_int_limits },
	{ "BOOLEAN spellings", test_bool },
	{ "STRING length bounds", test_string },
	{ "STRINGARRAY lists and element count", test_stringarray },
	{ "ENUM case-insensitive, canonical, refusal lists values",
	    test_enum },
	{ "check refuses a value of another type", test_check_type_mismatch },
	{ "tunability table", test_tunable },
	{ "type and tunable names", test_names },
	{ "value copy and equality", test_copy_equal },
	{ "values that differ are not equal", test_not_equal },
	{ "value format and truncation", test_format },
	{ "format then parse is the identity", test_format_parse },
	{ "prop_list set/find/copy case-insensitive", test_list },
	{ "prop_decl_copy is deep", test_decl_copy },
	{ "libconfig round trip of each type", test_libconfig_roundtrip },
	{ "libconfig value of the wrong type refused",
	    test_libconfig_wrong_type },
	{ NULL, NULL },
};

int
tu_suite_props(void)
{
	return tu_add_suite("props", NULL, NULL, props_tests);
}
