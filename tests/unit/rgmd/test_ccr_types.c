// SPDX-License-Identifier: MIT
/*
 * test_ccr_types.c - suite "ccr_types" (rgmd/ccr_store.c, rgmd/rtr.c
 * rtr_parse): a registered type's definition travels in the configuration
 * text. Round trip: text -> ccr -> text is the same bytes, with the RTR
 * file gone or changed meanwhile (no file is read). A configuration
 * written before definitions were kept loads from the RTR file and is
 * written back with the definition. A definition cut at any byte, changed
 * apart from its sum, or hostile (another type's name, @include, too big,
 * not a string, bad declarations) is refused with the type named; an
 * API_VERSION this rgmd does not speak still loads (the node reports the
 * type as lacking, suite rt_avail).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccr_text.h"
#include "tu.h"

static char *dir;
static char err[1024];

static const char web_rtr[] =
    "# the web type\n"
    "RESOURCE_TYPE = \"TEST.web\";\n"
    "RT_DESCRIPTION = \"a \\\"web\\\" server\\tand tabs\";\n"
    "MODULE = \"web.so\";\n"
    "PROPERTIES = (\n"
    "  { PROPERTY = \"Start_timeout\"; MIN = 10; DEFAULT = 60; },\n"
    "  { PROPERTY = \"Port\"; EXTENSION = true; TYPE = \"INT\";\n"
    "    MIN = 1; MAX = 65535; DEFAULT = 8080; },\n"
    "  { PROPERTY = \"Mode\"; EXTENSION = true; TYPE = \"ENUM\";\n"
    "    VALUES = [\"Fast\", \"Safe\"]; DEFAULT = \"Safe\"; }\n"
    ");\n";

static int
types_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
types_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

/* A configuration with TEST.web, a group and a resource using it. */
static struct ccr *
sample(void)
{
	struct ccr *c = ccr_new();

	if (c == NULL || tu_add_type(c, dir, "web.rtr", web_rtr) == -1 ||
	    ccr_group_add(c, "g", NULL, 0, TU_NONE, err, sizeof(err)) == -1 ||
	    ccr_resource_add(c, "r", "TEST.web", "g", TU_NONE,
	    TU_ASSIGN("Port=81"), err, sizeof(err)) == -1) {
		ccr_free(c);
		return NULL;
	}
	c->generation = 5;
	c->types[0]->methods = 0x3;
	return c;
}

static char *
text_of(const struct ccr *c)
{
	size_t len;

	return ccr_text(c, &len);
}

static void
test_round_trip_without_file(void)
{
	struct ccr *c = sample(), *back;
	char *t1, *t2, path[1024];

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->types[0]->definition, web_rtr);
	t1 = text_of(c);
	TU_ASSERT_HAS(t1, "definition = \"# the web type");
	TU_ASSERT_HAS(t1, "definition_sum = ");
	/* The file gone, then replaced by another declaration: no effect. */
	snprintf(path, sizeof(path), "%s/web.rtr", dir);
	CU_ASSERT_EQUAL(unlink(path), 0);
	back = ccr_parse_text(t1, TU_API, err, sizeof(err));
	TU_ASSERT_OK(back ? 0 : -1, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	t2 = text_of(back);
	tu_assert_same(t1, t2, "text -> ccr -> text, no RTR file", __LINE__,
	    __FILE__);
	CU_ASSERT_STRING_EQUAL(back->types[0]->definition, web_rtr);
	CU_ASSERT_STRING_EQUAL(back->types[0]->rtr_path, path);
	CU_ASSERT_STRING_EQUAL(back->types[0]->module, c->types[0]->module);
	CU_ASSERT_STRING_EQUAL(back->types[0]->description,
	    "a \"web\" server\tand tabs");
	CU_ASSERT_EQUAL(back->types[0]->n_decls, c->types[0]->n_decls);
	CU_ASSERT_EQUAL(back->types[0]->methods, 0x3);
	CU_ASSERT_EQUAL(ccr_res_int(ccr_resource(back, "r"), "Port", 0), 81);
	ccr_free(back);
	free(t2);
	CU_ASSERT_EQUAL_FATAL(tu_write(dir, "web.rtr", "RESOURCE_TYPE = "
	    "\"TEST.web\";\nMODULE = \"other.so\";\n", path,
	    sizeof(path)), 0);
	back = ccr_parse_text(t1, TU_API, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_PTR_NOT_NULL(rt_find_decl(back->types[0], "Mode"));
	t2 = text_of(back);
	tu_assert_same(t1, t2, "the changed RTR file is not read", __LINE__,
	    __FILE__);
	ccr_free(back);
	free(t2);
	free(t1);
	ccr_free(c);
}

/* The text of c with the types' definitions taken out (an older file). */
static char *
legacy_text(const struct ccr *c)
{
	config_setting_t *l, *e;
	config_t cf;
	char *buf = NULL;
	size_t len;
	FILE *f;

	config_init(&cf);
	if (ccr_to_config(c, &cf) == 0 && (l = config_lookup(&cf, "types"))) {
		for (int i = 0; i < config_setting_length(l); i++) {
			e = config_setting_get_elem(l, (unsigned)i);
			config_setting_remove(e, "definition");
			config_setting_remove(e, "definition_sum");
		}
		if ((f = open_memstream(&buf, &len)) != NULL) {
			config_write(&cf, f);
			fclose(f);
		}
	}
	config_destroy(&cf);
	return buf;
}

static void
test_older_configuration(void)
{
	struct ccr *c = sample(), *back, *again;
	char *old, *t1, *t2, *t3;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	old = legacy_text(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(old);
	CU_ASSERT_PTR_NULL(strstr(old, "definition"));
	/* Read from the RTR file (still there), as before. */
	back = ccr_parse_text(old, TU_API, err, sizeof(err));
	TU_ASSERT_OK(back ? 0 : -1, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_STRING_EQUAL(back->types[0]->definition, web_rtr);
	/* Written back with the definition, the same as a new one. */
	t1 = text_of(c);
	t2 = text_of(back);
	tu_assert_same(t1, t2, "older configuration, written again",
	    __LINE__, __FILE__);
	again = ccr_parse_text(t2, TU_API, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(again);
	t3 = text_of(again);
	tu_assert_same(t2, t3, "and read again", __LINE__, __FILE__);
	free(t1);
	free(t2);
	free(t3);
	free(old);
	ccr_free(again);
	ccr_free(back);
	ccr_free(c);
}

/* The text of c with the definition (and its sum, when sum) replaced. */
static char *
with_definition(const struct ccr *c, const char *def, bool sum,
    int type)
{
	config_setting_t *e, *s;
	config_t cf;
	char *buf = NULL;
	size_t len;
	FILE *f;

	config_init(&cf);
	if (ccr_to_config(c, &cf) == 0 &&
	    (e = config_setting_get_elem(config_lookup(&cf, "types"), 0))) {
		config_setting_remove(e, "definition");
		if (type == CONFIG_TYPE_STRING) {
			s = config_setting_add(e, "definition", type);
			config_setting_set_string(s, def);
		} else {
			s = config_setting_add(e, "definition", type);
			config_setting_set_int(s, 1);
		}
		if (sum) {
			config_setting_remove(e, "definition_sum");
			s = config_setting_add(e, "definition_sum",
			    CONFIG_TYPE_INT64);
			config_setting_set_int64(s, (long long)
			    ccr_text_checksum(def, strlen(def)));
		}
		if ((f = open_memstream(&buf, &len)) != NULL) {
			config_write(&cf, f);
			fclose(f);
		}
	}
	config_destroy(&cf);
	return buf;
}

/* text is refused, and the reason has why. */
static void
refused(const char *text, const char *why, unsigned int line)
{
	struct ccr *c;

	err[0] = '\0';
	c = ccr_parse_text(text, TU_API, err, sizeof(err));
	CU_assertImplementation(c == NULL ? CU_TRUE : CU_FALSE, line,
	    "refused", __FILE__, "", CU_FALSE);
	tu_assert_has(err, why, line, __FILE__);
	ccr_free(c);
}

static void
test_truncated(void)
{
	struct ccr *c = sample();
	size_t n = sizeof(web_rtr) - 1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	/* Cut at every byte, its sum that of the whole: each is refused. */
	for (size_t cut = 0; cut < n; cut++) {
		char *def = strndup(web_rtr, cut);
		char *t = with_definition(c, def, false, CONFIG_TYPE_STRING);

		refused(t, "resource type TEST.web: its definition is damaged",
		    __LINE__);
		free(t);
		free(def);
	}
	ccr_free(c);
}

static void
test_hostile(void)
{
	static const struct { const char *def, *why; } cases[] = {
		{ "RESOURCE_TYPE = \"TEST.other\";\nMODULE = \"o.so\";\n",
		    "its definition declares RESOURCE_TYPE TEST.other" },
		{ "@include \"/etc/passwd\"\nRESOURCE_TYPE = \"TEST.web\";\n",
		    "@include is not allowed" },
		{ "RESOURCE_TYPE = \"TEST.web\";\n", "MODULE is missing" },
		{ "RESOURCE_TYPE = \"TEST.web\";\nMODULE = \"w.so\";\n"
		    "COLOUR = 1;\n", "unknown setting COLOUR" },
		{ "RESOURCE_TYPE = \"TEST.web\";\nMODULE = \"w.so\";\n"
		    "PROPERTIES = ({ PROPERTY = \"Port\"; EXTENSION = true; "
		    "TYPE = \"INT\"; MIN = 5; DEFAULT = 1; });\n",
		    "DEFAULT of" },
		{ "RESOURCE_TYPE = \"TEST.web\";\nMODULE = \"w.so\";\n"
		    "PROPERTIES = ({ PROPERTY = \"Port\"; EXTENSION = true; "
		    "TYPE = \"INT\"; }, { PROPERTY = \"Port\"; EXTENSION = "
		    "true; TYPE = \"INT\"; });\n", "declared twice" },
		{ "RESOURCE_TYPE = \"TEST.web\";\nMODULE = \"w.so\";\n"
		    "INIT_NODES = \"EVERYWHERE\";\n", "INIT_NODES must be" },
		{ "RESOURCE_TYPE = \"TEST.web\"\nMODULE = ", "definition refused" },
	};
	struct ccr *c = sample();
	char *t, *big;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		t = with_definition(c, cases[i].def, true, CONFIG_TYPE_STRING);
		refused(t, "resource type TEST.web", __LINE__);
		refused(t, cases[i].why, __LINE__);
		free(t);
	}
	/* Changed apart from its sum. */
	t = with_definition(c, "RESOURCE_TYPE = \"TEST.web\";\n"
	    "MODULE = \"/bin/evil.so\";\n", false, CONFIG_TYPE_STRING);
	refused(t, "definition_sum does not match", __LINE__);
	free(t);
	/* Not a string. */
	t = with_definition(c, "", false, CONFIG_TYPE_INT);
	refused(t, "definition must be a string", __LINE__);
	free(t);
	/* Larger than any RTR file registration accepts. */
	big = calloc(1, RTR_DEFINITION_MAX + 64);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, '#', RTR_DEFINITION_MAX + 32);
	t = with_definition(c, big, true, CONFIG_TYPE_STRING);
	refused(t, "more than the", __LINE__);
	free(t);
	free(big);
	ccr_free(c);
}

/* A definition with another API_VERSION loads: whether this node can run
 * the type is its availability, not the configuration's validity. */
static void
test_other_api_loads(void)
{
	static const char def[] = "RESOURCE_TYPE = \"TEST.web\";\n"
	    "API_VERSION = 7;\nMODULE = \"web.so\";\n"
	    "PROPERTIES = ({ PROPERTY = \"Port\"; EXTENSION = true; "
	    "TYPE = \"INT\"; DEFAULT = 1; }, { PROPERTY = \"Mode\"; "
	    "EXTENSION = true; TYPE = \"STRING\"; DEFAULT = \"x\"; });\n";
	struct ccr *c = sample(), *back;
	char *t;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	t = with_definition(c, def, true, CONFIG_TYPE_STRING);
	back = ccr_parse_text(t, TU_API, err, sizeof(err));
	TU_ASSERT_OK(back ? 0 : -1, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(back->types[0]->api_version, 7);
	ccr_free(back);
	free(t);
	ccr_free(c);
}

static void
test_rtr_parse(void)
{
	static const char api3[] = "API_VERSION = 3;\nRESOURCE_TYPE = "
	    "\"T\";\nMODULE = \"m.so\";\n";
	struct rt t;

	TU_ASSERT_OK(rtr_parse(web_rtr, sizeof(web_rtr) - 1, "/opt/t/web.rtr",
	    TU_API, &t, err, sizeof(err)), err);
	CU_ASSERT_STRING_EQUAL(t.module, "/opt/t/web.so");
	CU_ASSERT_STRING_EQUAL(t.definition, web_rtr);
	rt_free(&t);
	CU_ASSERT_EQUAL(rtr_parse(web_rtr, sizeof(web_rtr) - 1, "web.rtr",
	    TU_API, &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "must be absolute");
	CU_ASSERT_EQUAL(rtr_parse(api3, sizeof(api3) - 1, "/x/t.rtr", TU_API,
	    &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "API_VERSION 3, this rgmd speaks 1");
	TU_ASSERT_OK(rtr_parse(api3, sizeof(api3) - 1, "/x/t.rtr", 0, &t, err,
	    sizeof(err)), err);
	rt_free(&t);
}

static const struct tu_test types_tests[] = {
	{ "definition round trip, RTR file gone or changed",
	    test_round_trip_without_file },
	{ "configuration without definitions loads and is written with them",
	    test_older_configuration },
	{ "definition cut at every byte refused", test_truncated },
	{ "hostile definitions refused", test_hostile },
	{ "another API_VERSION loads", test_other_api_loads },
	{ "rtr_parse from text", test_rtr_parse },
	{ NULL, NULL },
};

int
tu_suite_ccr_types(void)
{
	return tu_add_suite("ccr_types", types_init, types_clean,
	    types_tests);
}
