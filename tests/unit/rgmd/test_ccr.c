// SPDX-License-Identifier: MIT
/*
 * test_ccr.c - suite "ccr" (rgmd/ccr.c): the edits of the configuration
 * repository and their rules. Every refusal must leave the repository
 * exactly as it was (its libconfig rendering before and after the call is
 * compared). Also the dependency order of a group's resources and the
 * independence of a clone.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccr.h"
#include "tu.h"

static char *dir;
static struct ccr *c;
static char err[512];

/* A failover type: Command is required, Port tunable when disabled. */
static const char app_rtr[] =
    "RESOURCE_TYPE = \"TEST.app\";\n"
    "FAILOVER = true;\n"
    "MODULE = \"app.so\";\n"
    "PROPERTIES = (\n"
    "  { PROPERTY = \"Start_timeout\"; MIN = 10; DEFAULT = 60; },\n"
    "  { PROPERTY = \"Port\"; EXTENSION = true; TYPE = \"INT\"; MIN = 1;\n"
    "    MAX = 65535; DEFAULT = 8080; TUNABLE = \"WHEN_DISABLED\"; },\n"
    "  { PROPERTY = \"Command\"; EXTENSION = true; TYPE = \"STRING\";\n"
    "    TUNABLE = \"AT_CREATION\"; },\n"
    "  { PROPERTY = \"Fixed\"; EXTENSION = true; TYPE = \"INT\";\n"
    "    DEFAULT = 1; TUNABLE = \"NONE\"; },\n"
    "  { PROPERTY = \"Mode\"; EXTENSION = true; TYPE = \"ENUM\";\n"
    "    VALUES = [\"Fast\", \"Safe\"]; DEFAULT = \"Safe\"; }\n"
    ");\n";
/* A type allowed in scalable groups, every property with a default. */
static const char scal_rtr[] =
    "RESOURCE_TYPE = \"TEST.scal\";\n"
    "FAILOVER = false;\n"
    "MODULE = \"scal.so\";\n"
    "PROPERTIES = (\n"
    "  { PROPERTY = \"Level\"; EXTENSION = true; TYPE = \"INT\";\n"
    "    DEFAULT = 0; }\n"
    ");\n";

static int
ccr_suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
ccr_suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

/* Each test starts with both types, a failover and a scalable group. */
static void
setup(void)
{
	c = ccr_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "app.rtr", app_rtr), 0);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "scal.rtr", scal_rtr), 0);
	TU_ASSERT_OK(ccr_group_add(c, "g1", NULL, 0, TU_NONE, err,
	    sizeof(err)), err);
	TU_ASSERT_OK(ccr_group_add(c, "gs", NULL, 0,
	    TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=2",
	    "Desired_primaries=2"), err, sizeof(err)), err);
	CU_ASSERT_EQUAL_FATAL(c->n_groups, 2);
}

static void
teardown(void)
{
	ccr_free(c);
	c = NULL;
}

/* The call is refused, err names why, and c is unchanged. */
#define REFUSE(call, why) do {						\
	char *before_ = tu_ccr_text(c), *after_;			\
	int rc_;							\
									\
	err[0] = '\0';							\
	rc_ = (call);							\
	CU_assertImplementation(rc_ == -1, __LINE__, #call " == -1",	\
	    __FILE__, "", CU_FALSE);					\
	TU_ASSERT_HAS(err, (why));					\
	after_ = tu_ccr_text(c);					\
	tu_assert_same(before_, after_, #call, __LINE__, __FILE__);	\
	free(before_);							\
	free(after_);							\
} while (0)

#define OK(call) \
	tu_assert_ok((call), err, #call, __LINE__, __FILE__)

static void
add_app(const char *name, const char *group, const char *deps)
{
	char dep[256];

	snprintf(dep, sizeof(dep), "Resource_dependencies=%s", deps);
	OK(ccr_resource_add(c, name, "TEST.app", group, TU_ASSIGN(dep),
	    TU_ASSIGN("Command=/bin/true"), err, sizeof(err)));
}

static void
test_group_add(void)
{
	char *nodes[] = { "n1", "n2" };
	const struct prop_value *v;
	struct rg *g;

	setup();
	OK(ccr_group_add(c, "g2", nodes, 2, TU_ASSIGN("Failback=TRUE",
	    "RG_dependencies=g1", "pingpong_interval=10"), err, sizeof(err)));
	g = ccr_group(c, "g2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_FALSE(g->managed);
	CU_ASSERT_TRUE(ccr_rg_bool(g, "Failback", false));
	CU_ASSERT_EQUAL(ccr_rg_int(g, "Pingpong_interval", -1), 10);
	CU_ASSERT_EQUAL(ccr_rg_int(g, "Maximum_primaries", -1), 1);
	CU_ASSERT_TRUE(ccr_rg_bool(g, "Auto_start_on_new_cluster", false));
	v = ccr_rg_value(g, "Nodelist");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL_FATAL(v->n, 2);
	CU_ASSERT_STRING_EQUAL(v->v[1], "n2");
	v = ccr_rg_value(g, "RG_mode");
	CU_ASSERT_STRING_EQUAL(v->s, "Failover");
	/* Every standard group property is stored. */
	CU_ASSERT_EQUAL(g->props.n, 12);
	CU_ASSERT_EQUAL(ccr_rg_int(g, "No_such", 77), 77);
	teardown();
}

static void
test_group_add_refused(void)
{
	setup();
	REFUSE(ccr_group_add(c, "g1", NULL, 0, TU_NONE, err, sizeof(err)),
	    "resource group g1 already exists");
	REFUSE(ccr_group_add(c, "g2", NULL, 0,
	    TU_ASSIGN("Maximum_primaries=2"), err, sizeof(err)),
	    "Maximum_primaries 2 > 1 needs RG_mode=Scalable");
	REFUSE(ccr_group_add(c, "g2", NULL, 0, TU_ASSIGN("RG_mode=Scalable",
	    "Maximum_primaries=2", "Desired_primaries=3"), err, sizeof(err)),
	    "Desired_primaries 3 exceeds Maximum_primaries 2");
	REFUSE(ccr_group_add(c, "g2", NULL, 0,
	    TU_ASSIGN("RG_dependencies=g1,nosuch"), err, sizeof(err)),
	    "RG_dependencies names nosuch, which is not a group");
	REFUSE(ccr_group_add(c, "g2", NULL, 0, TU_ASSIGN("Colour=blue"), err,
	    sizeof(err)), "unknown resource group property Colour");
	REFUSE(ccr_group_add(c, "g2", NULL, 0,
	    TU_ASSIGN("Maximum_primaries=many"), err, sizeof(err)),
	    "Maximum_primaries");
	REFUSE(ccr_group_add(c, "g2", NULL, 0, TU_ASSIGN("RG_mode=Both"),
	    err, sizeof(err)), "not one of Failover, Scalable");
	REFUSE(ccr_group_add(c, "g2", NULL, 0, TU_ASSIGN("Failback"), err,
	    sizeof(err)), "expected Property=value");
	REFUSE(ccr_group_add(c, "g2", NULL, 0, TU_ASSIGN("=1"), err,
	    sizeof(err)), "expected Property=value");
	CU_ASSERT_PTR_NULL(ccr_group(c, "g2"));
	teardown();
}

static void
test_group_change(void)
{
	char *nodes[] = { "n3" };
	struct rg *g;

	setup();
	OK(ccr_group_change(c, "g1", nodes, 1, TU_ASSIGN("Failback=yes",
	    "RG_description=web"), err, sizeof(err)));
	g = ccr_group(c, "g1");
	CU_ASSERT_TRUE(ccr_rg_bool(g, "Failback", false));
	CU_ASSERT_STRING_EQUAL(ccr_rg_value(g, "RG_description")->s, "web");
	CU_ASSERT_STRING_EQUAL(ccr_rg_value(g, "Nodelist")->v[0], "n3");
	CU_ASSERT_EQUAL(g->props.n, 12);
	OK(ccr_group_change(c, "gs", NULL, 0, TU_ASSIGN("Desired_primaries=1"),
	    err, sizeof(err)));
	REFUSE(ccr_group_change(c, "nosuch", NULL, 0, TU_NONE, err,
	    sizeof(err)), "unknown resource group nosuch");
	REFUSE(ccr_group_change(c, "g1", NULL, 0,
	    TU_ASSIGN("RG_mode=Scalable"), err, sizeof(err)),
	    "RG_mode can be set only at creation");
	REFUSE(ccr_group_change(c, "g1", NULL, 0, TU_ASSIGN("Bogus=1"), err,
	    sizeof(err)), "unknown resource group property Bogus");
	teardown();
}

/*
 * A change whose values parse but break a rule of the group is refused;
 * the header (ccr.h) promises the ccr is then unchanged.
 */
static void
test_group_change_refused_unchanged(void)
{
	static const struct { const char *g, *kv[2], *why; } cases[] = {
		{ "g1", { "Maximum_primaries=2" }, "needs RG_mode=Scalable" },
		{ "gs", { "Desired_primaries=5" },
		    "exceeds Maximum_primaries" },
		{ "g1", { "RG_dependencies=g1" }, "the group itself" },
		{ "g1", { "Failback=TRUE", "Pingpong_interval=-1" },
		    "Pingpong_interval" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct ccr_assign y = { .kv = (const char **)cases[i].kv,
			.n = cases[i].kv[1] ? 2 : 1 };

		setup();
		REFUSE(ccr_group_change(c, cases[i].g, NULL, 0, &y, err,
		    sizeof(err)), cases[i].why);
		teardown();
	}
}

static void
test_group_remove(void)
{
	setup();
	OK(ccr_group_add(c, "g2", NULL, 0, TU_ASSIGN("RG_dependencies=g1"),
	    err, sizeof(err)));
	add_app("r1", "g1", "");
	REFUSE(ccr_group_remove(c, "nosuch", err, sizeof(err)),
	    "unknown resource group nosuch");
	REFUSE(ccr_group_remove(c, "g1", err, sizeof(err)),
	    "resource group g1 still contains resource r1");
	ccr_resource(c, "r1")->enabled = false;
	OK(ccr_resource_remove(c, "r1", err, sizeof(err)));
	REFUSE(ccr_group_remove(c, "g1", err, sizeof(err)),
	    "g1 is named in RG_dependencies of g2");
	OK(ccr_group_remove(c, "g2", err, sizeof(err)));
	OK(ccr_group_remove(c, "g1", err, sizeof(err)));
	CU_ASSERT_EQUAL(c->n_groups, 1);
	CU_ASSERT_STRING_EQUAL(c->groups[0]->name, "gs");
	teardown();
}

static void
test_resource_add(void)
{
	const struct prop_value *v;
	struct res *r;

	setup();
	OK(ccr_resource_add(c, "r1", "TEST.app", "g1",
	    TU_ASSIGN("Retry_count=4"), TU_ASSIGN("Command=/bin/x",
	    "mode=fast", "Port=80"), err, sizeof(err)));
	r = ccr_resource(c, "r1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_STRING_EQUAL(r->group, "g1");
	CU_ASSERT_STRING_EQUAL(r->type, "TEST.app");
	CU_ASSERT_TRUE(r->enabled);
	CU_ASSERT_TRUE(r->monitored);
	CU_ASSERT_EQUAL(ccr_res_int(r, "Retry_count", -1), 4);
	CU_ASSERT_EQUAL(ccr_res_int(r, "Start_timeout", -1), 60);
	CU_ASSERT_EQUAL(ccr_res_int(r, "Stop_timeout", -1), 3600);
	CU_ASSERT_EQUAL(ccr_res_int(r, "Port", -1), 80);
	CU_ASSERT_EQUAL(ccr_res_int(r, "Fixed", -1), 1);
	v = ccr_res_value(r, "Mode");
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_STRING_EQUAL(v->s, "Fast");
	CU_ASSERT_STRING_EQUAL(ccr_res_value(r, "command")->s, "/bin/x");
	/* Standard values in props, extension values in ext. */
	CU_ASSERT_PTR_NOT_NULL(prop_list_find(&r->props, "Retry_count"));
	CU_ASSERT_PTR_NULL(prop_list_find(&r->props, "Port"));
	CU_ASSERT_PTR_NOT_NULL(prop_list_find(&r->ext, "Port"));
	CU_ASSERT_PTR_NULL(prop_list_find(&r->ext, "Retry_count"));
	CU_ASSERT_EQUAL(r->ext.n, 4);
	CU_ASSERT_EQUAL(ccr_res_int(r, "No_such", 9), 9);
	OK(ccr_resource_add(c, "s1", "TEST.scal", "gs", TU_NONE, TU_NONE,
	    err, sizeof(err)));
	OK(ccr_resource_add(c, "s2", "TEST.scal", "g1", TU_NONE, TU_NONE,
	    err, sizeof(err)));
	teardown();
}

static void
test_resource_add_refused(void)
{
	setup();
	add_app("r1", "g1", "");
	REFUSE(ccr_resource_add(c, "r1", "TEST.app", "g1", TU_NONE,
	    TU_ASSIGN("Command=x"), err, sizeof(err)),
	    "resource r1 already exists");
	REFUSE(ccr_resource_add(c, "r2", "TEST.none", "g1", TU_NONE,
	    TU_ASSIGN("Command=x"), err, sizeof(err)),
	    "unknown resource type TEST.none");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "gx", TU_NONE,
	    TU_ASSIGN("Command=x"), err, sizeof(err)),
	    "unknown resource group gx");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1", TU_NONE, TU_NONE,
	    err, sizeof(err)), "r2: property Command has no default and "
	    "must be given at creation");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1",
	    TU_ASSIGN("Port=81"), TU_ASSIGN("Command=x"), err, sizeof(err)),
	    "Port is an extension property: set it with -x");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1", TU_NONE,
	    TU_ASSIGN("Command=x", "Retry_count=3"), err, sizeof(err)),
	    "Retry_count is a standard property: set it with -y");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1", TU_NONE,
	    TU_ASSIGN("Command=x", "Fixed=2"), err, sizeof(err)),
	    "property Fixed is not tunable");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1", TU_NONE,
	    TU_ASSIGN("Command=x", "Colour=red"), err, sizeof(err)),
	    "unknown extension property Colour");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1", TU_NONE,
	    TU_ASSIGN("Command=x", "Port=70000"), err, sizeof(err)),
	    "property Port: value 70000 is above the maximum 65535");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1",
	    TU_ASSIGN("Start_timeout=5"), TU_ASSIGN("Command=x"), err,
	    sizeof(err)), "property Start_timeout: value 5 is below the "
	    "minimum 10");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1",
	    TU_ASSIGN("Resource_dependencies=r1,ghost"),
	    TU_ASSIGN("Command=x"), err, sizeof(err)),
	    "Resource_dependencies names ghost, which is not a resource");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "g1",
	    TU_ASSIGN("Resource_dependencies_weak=r2"),
	    TU_ASSIGN("Command=x"), err, sizeof(err)),
	    "Resource_dependencies_weak names r2, which is itself");
	REFUSE(ccr_resource_add(c, "r2", "TEST.app", "gs", TU_NONE,
	    TU_ASSIGN("Command=x"), err, sizeof(err)),
	    "TEST.app is a failover type and group gs is not a failover "
	    "group");
	CU_ASSERT_EQUAL(c->n_res, 1);
	teardown();
}

static void
test_resource_change(void)
{
	struct res *r;

	setup();
	add_app("r1", "g1", "");
	add_app("r2", "g1", "");
	r = ccr_resource(c, "r1");
	OK(ccr_resource_change(c, "r1", TU_ASSIGN("Retry_count=7",
	    "Resource_dependencies=r2"), TU_ASSIGN("Mode=FAST"), err,
	    sizeof(err)));
	CU_ASSERT_EQUAL(ccr_res_int(r, "Retry_count", -1), 7);
	CU_ASSERT_STRING_EQUAL(ccr_res_value(r, "Mode")->s, "Fast");
	REFUSE(ccr_resource_change(c, "nosuch", TU_NONE, TU_NONE, err,
	    sizeof(err)), "unknown resource nosuch");
	REFUSE(ccr_resource_change(c, "r1", TU_NONE,
	    TU_ASSIGN("Command=/bin/y"), err, sizeof(err)),
	    "property Command can be set only at creation");
	REFUSE(ccr_resource_change(c, "r1", TU_ASSIGN("Scalable=TRUE"),
	    TU_NONE, err, sizeof(err)),
	    "property Scalable can be set only at creation");
	REFUSE(ccr_resource_change(c, "r1", TU_NONE, TU_ASSIGN("Port=81"),
	    err, sizeof(err)), "property Port is tunable only when the "
	    "resource is disabled");
	REFUSE(ccr_resource_change(c, "r1", TU_NONE, TU_ASSIGN("Fixed=2"),
	    err, sizeof(err)), "property Fixed is not tunable");
	r->enabled = false;
	OK(ccr_resource_change(c, "r1", TU_NONE, TU_ASSIGN("Port=81"), err,
	    sizeof(err)));
	CU_ASSERT_EQUAL(ccr_res_int(r, "Port", -1), 81);
	teardown();
}

/*
 * Refusals found after some assignments were applied (a later bad
 * assignment, a dependency cycle, an extension via -y): ccr.h promises
 * the ccr is unchanged.
 */
static void
test_resource_change_refused_unchanged(void)
{
	static const struct { const char *y[2], *x, *why; } cases[] = {
		{ { "Resource_dependencies=r2" }, NULL,
		    "resource r1: its dependencies form a cycle" },
		{ { "Retry_count=5", "Retry_interval=-1" }, NULL,
		    "Retry_interval" },
		{ { "Mode=Fast" }, NULL, "Mode is an extension property" },
		{ { "Resource_dependencies=ghost" }, NULL, "not a resource" },
		{ { "Retry_count=5" }, "Port=81", "only when the resource is "
		    "disabled" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct ccr_assign y = { .kv = (const char **)cases[i].y,
			.n = cases[i].y[1] ? 2 : 1 };
		const char *xkv[1] = { cases[i].x };
		struct ccr_assign x = { .kv = xkv, .n = cases[i].x ? 1 : 0 };

		setup();
		add_app("r1", "g1", "");
		add_app("r2", "g1", "r1");
		REFUSE(ccr_resource_change(c, "r1", &y, &x, err,
		    sizeof(err)), cases[i].why);
		teardown();
	}
}

/* A cycle through resources of two groups is still a cycle. */
static void
test_cross_group_cycle(void)
{
	setup();
	OK(ccr_resource_add(c, "a", "TEST.scal", "g1", TU_NONE, TU_NONE, err,
	    sizeof(err)));
	OK(ccr_resource_add(c, "b", "TEST.scal", "gs",
	    TU_ASSIGN("Resource_dependencies=a"), TU_NONE, err, sizeof(err)));
	REFUSE(ccr_resource_change(c, "a",
	    TU_ASSIGN("Resource_dependencies=b"), TU_NONE, err, sizeof(err)),
	    "cycle");
	teardown();
}

static void
test_resource_remove(void)
{
	setup();
	add_app("r1", "g1", "");
	add_app("r2", "g1", "r1");
	OK(ccr_resource_add(c, "r3", "TEST.scal", "gs",
	    TU_ASSIGN("Resource_dependencies_restart=r1"), TU_NONE, err,
	    sizeof(err)));
	REFUSE(ccr_resource_remove(c, "nosuch", err, sizeof(err)),
	    "unknown resource nosuch");
	REFUSE(ccr_resource_remove(c, "r1", err, sizeof(err)),
	    "resource r1 is enabled: disable it first");
	ccr_resource(c, "r1")->enabled = false;
	REFUSE(ccr_resource_remove(c, "r1", err, sizeof(err)),
	    "resource r1 is a dependency of r2");
	ccr_resource(c, "r2")->enabled = false;
	OK(ccr_resource_remove(c, "r2", err, sizeof(err)));
	/* A dependency from another group also counts. */
	REFUSE(ccr_resource_remove(c, "r1", err, sizeof(err)),
	    "resource r1 is a dependency of r3");
	ccr_resource(c, "r3")->enabled = false;
	OK(ccr_resource_remove(c, "r3", err, sizeof(err)));
	OK(ccr_resource_remove(c, "r1", err, sizeof(err)));
	CU_ASSERT_EQUAL(c->n_res, 0);
	teardown();
}

static void
test_type_rules(void)
{
	char *nodes[] = { "n1", "n2" };
	struct rt t;
	char path[1024];

	setup();
	add_app("r1", "g1", "");
	CU_ASSERT_EQUAL_FATAL(tu_write(dir, "app2.rtr", app_rtr, path,
	    sizeof(path)), 0);
	CU_ASSERT_EQUAL_FATAL(rtr_load(path, TU_API, &t, err, sizeof(err)),
	    0);
	REFUSE(ccr_type_add(c, &t, err, sizeof(err)),
	    "resource type TEST.app is already registered");
	rt_free(&t);
	REFUSE(ccr_type_remove(c, "TEST.app", err, sizeof(err)),
	    "resource type TEST.app is still used by resource r1");
	REFUSE(ccr_type_remove(c, "TEST.none", err, sizeof(err)),
	    "unknown resource type TEST.none");
	REFUSE(ccr_type_change(c, "TEST.none", NULL, 0, TU_NONE, err,
	    sizeof(err)), "unknown resource type TEST.none");
	REFUSE(ccr_type_change(c, "TEST.app", NULL, 0,
	    TU_ASSIGN("RT_version=2"), err, sizeof(err)), "cannot be changed");
	OK(ccr_type_change(c, "TEST.app", nodes, 2, TU_NONE, err,
	    sizeof(err)));
	CU_ASSERT_EQUAL_FATAL(ccr_type(c, "TEST.app")->n_nodes, 2);
	CU_ASSERT_STRING_EQUAL(ccr_type(c, "TEST.app")->nodes[1], "n2");
	OK(ccr_type_remove(c, "TEST.scal", err, sizeof(err)));
	CU_ASSERT_PTR_NULL(ccr_type(c, "TEST.scal"));
	CU_ASSERT_EQUAL(c->n_types, 1);
	teardown();
}

static size_t
order(const char *group, char names[][16], size_t max)
{
	struct res *out[16];
	size_t n = ccr_group_resources(c, group, out, 16);

	for (size_t i = 0; i < n && i < max; i++)
		snprintf(names[i], 16, "%s", out[i]->name);
	return n;
}

static void
test_group_resources_order(void)
{
	char names[8][16];

	setup();
	add_app("a", "g1", "");
	add_app("b", "g1", "");
	add_app("c", "g1", "");
	add_app("d", "g1", "");
	OK(ccr_resource_add(c, "x", "TEST.scal", "gs", TU_NONE, TU_NONE, err,
	    sizeof(err)));
	/* a -> c -> b (strong), d -> a (weak), x in another group. */
	OK(ccr_resource_change(c, "a", TU_ASSIGN("Resource_dependencies=c"),
	    TU_NONE, err, sizeof(err)));
	OK(ccr_resource_change(c, "c", TU_ASSIGN("Resource_dependencies=b"),
	    TU_NONE, err, sizeof(err)));
	OK(ccr_resource_change(c, "d",
	    TU_ASSIGN("Resource_dependencies_weak=a,x"), TU_NONE, err,
	    sizeof(err)));
	CU_ASSERT_EQUAL_FATAL(order("g1", names, 8), 4);
	CU_ASSERT_STRING_EQUAL(names[0], "b");
	CU_ASSERT_STRING_EQUAL(names[1], "c");
	CU_ASSERT_STRING_EQUAL(names[2], "a");
	CU_ASSERT_STRING_EQUAL(names[3], "d");
	CU_ASSERT_EQUAL_FATAL(order("gs", names, 8), 1);
	CU_ASSERT_STRING_EQUAL(names[0], "x");
	CU_ASSERT_EQUAL(order("nosuch", names, 8), 0);
	/* A short buffer still gets the count, filled up to max. */
	{
		struct res *two[2];

		CU_ASSERT_EQUAL(ccr_group_resources(c, "g1", two, 2), 4);
		CU_ASSERT_STRING_EQUAL(two[0]->name, "b");
	}
	teardown();
}

/* A network address type by name only, for the implicit dependencies. */
static const char lh_rtr[] =
    "RESOURCE_TYPE = \"SUNW.LogicalHostname\";\n"
    "FAILOVER = true;\n"
    "MODULE = \"lh.so\";\n";

static void
test_implicit_network_dependencies(void)
{
	char names[8][16];

	setup();
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "lh.rtr", lh_rtr), 0);
	add_app("app", "g1", "");
	OK(ccr_resource_add(c, "lh", "SUNW.LogicalHostname", "g1", TU_NONE,
	    TU_NONE, err, sizeof(err)));
	add_app("app2", "g1", "");
	/* TRUE (the default): the address first, whatever the order. */
	CU_ASSERT_EQUAL_FATAL(order("g1", names, 8), 3);
	CU_ASSERT_STRING_EQUAL(names[0], "lh");
	CU_ASSERT_STRING_EQUAL(names[1], "app");
	CU_ASSERT_STRING_EQUAL(names[2], "app2");
	/* FALSE: the order of declaration. */
	OK(ccr_group_change(c, "g1", NULL, 0,
	    TU_ASSIGN("Implicit_network_dependencies=FALSE"), err,
	    sizeof(err)));
	CU_ASSERT_EQUAL_FATAL(order("g1", names, 8), 3);
	CU_ASSERT_STRING_EQUAL(names[0], "app");
	CU_ASSERT_STRING_EQUAL(names[1], "lh");
	/* An address that depends on a resource of its group: no implicit
	 * edge back to it, so no cycle, and every resource is listed. */
	OK(ccr_group_change(c, "g1", NULL, 0,
	    TU_ASSIGN("Implicit_network_dependencies=TRUE"), err,
	    sizeof(err)));
	OK(ccr_resource_change(c, "lh", TU_ASSIGN("Resource_dependencies=app"),
	    TU_NONE, err, sizeof(err)));
	CU_ASSERT_EQUAL_FATAL(order("g1", names, 8), 3);
	CU_ASSERT_STRING_EQUAL(names[0], "app");
	CU_ASSERT_STRING_EQUAL(names[1], "lh");
	CU_ASSERT_STRING_EQUAL(names[2], "app2");
	teardown();
}

static void
test_clone(void)
{
	struct ccr *k;
	char *before, *after, *ktext;

	setup();
	add_app("r1", "g1", "");
	c->generation = 7;
	before = tu_ccr_text(c);
	k = ccr_clone(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	ktext = tu_ccr_text(k);
	tu_assert_same(before, ktext, "clone renders the same", __LINE__,
	    __FILE__);
	free(ktext);
	CU_ASSERT_EQUAL(k->generation, 7);
	/* Edits of the clone do not reach the original. */
	TU_ASSERT_OK(ccr_group_add(k, "g9", NULL, 0, TU_NONE, err,
	    sizeof(err)), err);
	TU_ASSERT_OK(ccr_resource_change(k, "r1", TU_ASSIGN("Retry_count=9"),
	    TU_ASSIGN("Mode=Fast"), err, sizeof(err)), err);
	TU_ASSERT_OK(ccr_group_change(k, "g1", NULL, 0,
	    TU_ASSIGN("Failback=TRUE"), err, sizeof(err)), err);
	ccr_resource(k, "r1")->enabled = false;
	TU_ASSERT_OK(ccr_resource_remove(k, "r1", err, sizeof(err)), err);
	TU_ASSERT_OK(ccr_type_remove(k, "TEST.app", err, sizeof(err)), err);
	k->generation++;
	after = tu_ccr_text(c);
	tu_assert_same(before, after, "original after clone edits", __LINE__,
	    __FILE__);
	CU_ASSERT_PTR_NOT_NULL(ccr_type(c, "TEST.app"));
	CU_ASSERT_PTR_NOT_NULL(ccr_resource(c, "r1"));
	/* Freeing the clone leaves the original usable. */
	ccr_free(k);
	free(after);
	after = tu_ccr_text(c);
	tu_assert_same(before, after, "original after clone freed", __LINE__,
	    __FILE__);
	CU_ASSERT_PTR_NOT_NULL(rt_find_decl(ccr_type(c, "TEST.app"), "Mode"));
	free(before);
	free(after);
	teardown();
}

/* Issue 7: a node given twice is refused (scrgadm -a -g G -h n1,n1). */
static void
test_duplicate_nodes(void)
{
	char *twice[] = { "n1", "n2", "n1" };

	setup();
	REFUSE(ccr_group_add(c, "g2", twice, 3, TU_NONE, err, sizeof(err)),
	    "group g2: node n1 is given twice in Nodelist");
	REFUSE(ccr_group_change(c, "g1", twice, 3, TU_NONE, err, sizeof(err)),
	    "node n1 is given twice");
	REFUSE(ccr_group_change(c, "g1", NULL, 0,
	    TU_ASSIGN("Nodelist=n2,n2"), err, sizeof(err)),
	    "node n2 is given twice");
	REFUSE(ccr_type_change(c, "TEST.app", twice, 3, TU_NONE, err,
	    sizeof(err)), "resource type TEST.app: node n1 is given twice");
	teardown();
}

/* The document a test loads: "@" stands for the RTR directory. */
static const char doc_types[] =
    "types = ( { name = \"TEST.app\"; rtr = \"@/app.rtr\"; nodes = [];"
    " methods = 3; }, { name = \"TEST.scal\"; rtr = \"@/scal.rtr\";"
    " nodes = [\"n1\"]; methods = 3; } );\n";
static const char doc_groups[] =
    "groups = ( { name = \"g\"; managed = true; props = { }; },"
    " { name = \"gs\"; managed = false; props = { RG_mode = \"Scalable\";"
    " Maximum_primaries = 2; }; } );\n";
static const char doc_res[] =
    "resources = ( { name = \"r\"; group = \"g\"; type = \"TEST.app\";"
    " enabled = false; monitored = true; props = { };"
    " ext = { Command = \"x\"; }; } );\n";

static int
load_doc(const char *types, const char *groups, const char *res)
{
	char text[8192];
	size_t off = 0;
	config_t cf;
	int rc;

	for (const char *p = types; *p != '\0' && off + PATH_MAX < sizeof(text);
	    p++)
		off += (size_t)(*p == '@' ? snprintf(text + off,
		    sizeof(text) - off, "%s", dir) : snprintf(text + off,
		    sizeof(text) - off, "%c", *p));
	snprintf(text + off, sizeof(text) - off, "%s%s", groups, res);
	config_init(&cf);
	if (config_read_string(&cf, text) != CONFIG_TRUE) {
		snprintf(err, sizeof(err), "test document: line %d: %s",
		    config_error_line(&cf), config_error_text(&cf));
		config_destroy(&cf);
		return -2;
	}
	c = ccr_new();
	err[0] = '\0';
	rc = ccr_from_config(c, &cf, TU_API, err, sizeof(err));
	config_destroy(&cf);
	ccr_free(c);
	c = NULL;
	return rc;
}

/*
 * Issue 8: the loader took any element for what it expected (a NULL
 * strdup'd for nodes = [1], a props list read by name, a missing bool as
 * false) and accepted stored values no edit would have. The malformed
 * documents: a bad types, groups or resources section (after the good
 * sections before it), and the reason it must be refused with.
 */
struct bad_doc {
	const char	*t, *g, *r, *why;
};

static const struct bad_doc bad_types[] = {
	{ "types = 5;", "", "", "types must be a list" },
	{ "types = ( 5 );", "", "", "types entry 1 is not a block" },
	{ "types = ( { rtr = 5; } );", "", "", "rtr must be a string" },
	{ "types = ( { nodes = []; } );", "", "", "rtr is missing" },
	{ "types = ( { rtr = \"@/app.rtr\"; nodes = [1]; methods = 1; "
	    "} );", "", "", "nodes must be an array of strings" },
	{ "types = ( { rtr = \"@/app.rtr\"; nodes = [\"a\", \"a\"]; "
	    "methods = 1; } );", "", "", "node a is given twice" },
	{ "types = ( { rtr = \"@/app.rtr\"; nodes = (\"a\"); "
	    "methods = 1; } );", "", "", "nodes must be an array" },
	{ "types = ( { rtr = \"@/app.rtr\"; nodes = []; "
	    "methods = \"x\"; } );", "", "", "methods must be an int" },
	{ "types = ( { rtr = \"@/app.rtr\"; methods = 1; } );", "", "",
	    "nodes is missing" },
	{ "types = ( { rtr = \"@/app.rtr\"; nodes = []; methods = 1; },"
	    " { rtr = \"@/app.rtr\"; nodes = []; methods = 1; } );", "",
	    "", "already registered" },
};

static const struct bad_doc bad_groups[] = {
	{ doc_types, "groups = { };", "", "groups must be a list" },
	{ doc_types, "groups = ( { name = 5; } );", "",
	    "name must be a string" },
	{ doc_types, "groups = ( { name = \"../g\"; managed = true; "
	    "props = { }; } );", "", "name \"../g\" is not valid" },
	{ doc_types, "groups = ( { name = \"g\"; managed = \"yes\"; "
	    "props = { }; } );", "", "managed must be true or false" },
	{ doc_types, "groups = ( { name = \"g\"; props = { }; } );", "",
	    "managed is missing" },
	{ doc_types, "groups = ( { name = \"g\"; managed = true; "
	    "props = ( 1, 2 ); } );", "", "props must be a block" },
	{ doc_types, "groups = ( { name = \"g\"; managed = true; } );",
	    "", "props is missing" },
	{ doc_types, "groups = ( { name = \"g\"; managed = true; "
	    "props = { RG_mode = \"Sideways\"; }; } );", "",
	    "is not one of" },
	{ doc_types, "groups = ( { name = \"g\"; managed = true; "
	    "props = { Nodelist = [\"n1\", \"n1\"]; }; } );", "",
	    "node n1 is given twice in Nodelist" },
	{ doc_types, "groups = ( { name = \"g\"; managed = true; "
	    "props = { Maximum_primaries = 2; }; } );", "",
	    "needs RG_mode=Scalable" },
	{ doc_types, "groups = ( { name = \"g\"; managed = true; "
	    "props = { RG_dependencies = [\"h\"]; }; } );", "",
	    "RG_dependencies names h, which is not a group" },
	{ doc_types, "groups = ( { name = \"g\"; managed = true; "
	    "props = { }; }, { name = \"g\"; managed = true; "
	    "props = { }; } );", "", "already exists" },
};

static const struct bad_doc bad_resources[] = {
	{ doc_types, doc_groups, "resources = ( \"r\" );",
	    "resources entry 1 is not a block" },
	{ doc_types, doc_groups, "resources = ( { name = \"r\"; "
	    "group = \"g\"; type = 1; } );", "r: type must be a string" },
	{ doc_types, doc_groups, "resources = ( { name = \"r\"; "
	    "group = \"nog\"; type = \"TEST.app\"; } );",
	    "resource r: unknown resource group" },
	{ doc_types, doc_groups, "resources = ( { name = \"r\"; "
	    "group = \"g\"; type = \"TEST.app\"; monitored = true; "
	    "props = { }; ext = { Command = \"x\"; }; } );",
	    "r: enabled is missing" },
	{ doc_types, doc_groups, "resources = ( { name = \"r\"; "
	    "group = \"g\"; type = \"TEST.app\"; enabled = 1; "
	    "monitored = true; props = { }; ext = { Command = \"x\"; };"
	    " } );", "r: enabled must be true or false" },
	{ doc_types, doc_groups, "resources = ( { name = \"r\"; "
	    "group = \"g\"; type = \"TEST.app\"; enabled = true; "
	    "monitored = true; props = { }; ext = { Port = 0; "
	    "Command = \"x\"; }; } );", "below the minimum 1" },
	{ doc_types, doc_groups, "resources = ( { name = \"r\"; "
	    "group = \"g\"; type = \"TEST.app\"; enabled = true; "
	    "monitored = true; props = { }; ext = { }; } );",
	    "Command" },
	{ doc_types, doc_groups, "resources = ( { name = \".r\"; "
	    "group = \"g\"; type = \"TEST.app\"; enabled = true; "
	    "monitored = true; props = { }; ext = { Command = \"x\"; }; "
	    "} );", "resource name \".r\" is not valid" },
	{ doc_types, doc_groups, "resources = ( { name = \"r\"; "
	    "group = \"gs\"; type = \"TEST.app\"; enabled = true; "
	    "monitored = true; props = { }; ext = { Command = \"x\"; }; "
	    "} );", "TEST.app is a failover type" },
	{ doc_types, doc_groups, "resources = ( { name = \"r\"; "
	    "group = \"g\"; type = \"TEST.scal\"; enabled = true; "
	    "monitored = true; props = { }; ext = { }; }, "
	    "{ name = \"r\"; group = \"g\"; type = \"TEST.scal\"; "
	    "enabled = true; monitored = true; props = { }; ext = { }; "
	    "} );", "resource r: stored twice" },
	{ doc_types, doc_groups, "resources = ( { name = \"a\"; "
	    "group = \"g\"; type = \"TEST.scal\"; enabled = true; "
	    "monitored = true; props = { Resource_dependencies = "
	    "[\"b\"]; }; ext = { }; }, { name = \"b\"; group = \"g\"; "
	    "type = \"TEST.scal\"; enabled = true; monitored = true; "
	    "props = { Resource_dependencies = [\"a\"]; }; ext = { }; "
	    "} );", "dependencies form a cycle" },
	{ doc_types, doc_groups, "resources = ( { name = \"a\"; "
	    "group = \"g\"; type = \"TEST.scal\"; enabled = true; "
	    "monitored = true; props = { Resource_dependencies = "
	    "[\"zz\"]; }; ext = { }; } );", "zz, which is not a resource" },
};

/* Each document is refused with the entry and the reason; none crashes. */
static void
check_refused(const struct bad_doc *bad, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(load_doc(bad[i].t, bad[i].g, bad[i].r), -1);
		TU_ASSERT_HAS(err, bad[i].why);
	}
}

#define CHECK_REFUSED(bad) check_refused((bad), sizeof(bad) / sizeof(*(bad)))

static void
test_load_malformed(void)
{
	/* The documents the cases are made from load. */
	TU_ASSERT_OK(load_doc(doc_types, doc_groups, doc_res), err);
	CHECK_REFUSED(bad_types);
	CHECK_REFUSED(bad_groups);
	CHECK_REFUSED(bad_resources);
}

static const struct tu_test ccr_tests[] = {
	{ "group add: defaults, nodes, values", test_group_add },
	{ "group add refusals leave the ccr unchanged",
	    test_group_add_refused },
	{ "group change and its refusals", test_group_change },
	{ "group change refused by a group rule leaves ccr unchanged",
	    test_group_change_refused_unchanged },
	{ "group remove rules", test_group_remove },
	{ "resource add: values, defaults, props vs ext", test_resource_add },
	{ "resource add refusals leave the ccr unchanged",
	    test_resource_add_refused },
	{ "resource change and tunability", test_resource_change },
	{ "resource change refused late leaves ccr unchanged",
	    test_resource_change_refused_unchanged },
	{ "dependency cycle across two groups refused",
	    test_cross_group_cycle },
	{ "resource remove rules", test_resource_remove },
	{ "type add/change/remove rules", test_type_rules },
	{ "group resources in dependency order", test_group_resources_order },
	{ "Implicit_network_dependencies", test_implicit_network_dependencies },
	{ "clone is independent", test_clone },
	{ "a node given twice is refused", test_duplicate_nodes },
	{ "loader: malformed documents refused, named",
	    test_load_malformed },
	{ NULL, NULL },
};

int
tu_suite_ccr(void)
{
	return tu_add_suite("ccr", ccr_suite_init, ccr_suite_clean, ccr_tests);
}
