// SPDX-License-Identifier: MIT
/*
 * test_scalable.c - suite "scalable" (rgmd/scalable.c through ccr.c): a
 * resource with Scalable=TRUE is accepted only with Network_resources_used
 * naming SUNW.SharedAddress resources whose groups its scalable group
 * depends on, a valid Port_list and Load_balancing_weights over the
 * group's Nodelist, and UDP_affinity only with a sticky policy; each
 * refusal names why and changes nothing; later changes that would break
 * the rules (a group's RG_dependencies, RG_mode, Nodelist; removing the
 * SharedAddress) are refused too.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccr_text.h"
#include "scalable.h"
#include "tu.h"

static char *dir;
static char err[1024];
static struct ccr *c;

/* A stand-in for rtypes/sharedaddress: only its declarations matter. */
static const char sa_rtr[] =
    "RESOURCE_TYPE = \"SUNW.SharedAddress\";\n"
    "FAILOVER = true;\nMODULE = \"sa.so\";\n"
    "PROPERTIES = (\n"
    "  { PROPERTY = \"HostnameList\"; EXTENSION = true;"
    " TYPE = \"STRINGARRAY\"; DEFAULT = []; },\n"
    "  { PROPERTY = \"AuxNodeList\"; EXTENSION = true;"
    " TYPE = \"STRINGARRAY\"; DEFAULT = []; },\n"
    "  { PROPERTY = \"NetIfList\"; EXTENSION = true;"
    " TYPE = \"STRINGARRAY\"; DEFAULT = []; }\n"
    ");\n";
static const char web_rtr[] =
    "RESOURCE_TYPE = \"TEST.web\";\nMODULE = \"web.so\";\n"
    "PROPERTIES = ( { PROPERTY = \"Start_timeout\"; DEFAULT = 60; } );\n";

static int
suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

#define OK(call) tu_assert_ok((call), err, #call, __LINE__, __FILE__)

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

/* sa-rg (failover: sa), plain (a resource of another type), web-rg
 * (scalable over n1..n3, depends on sa-rg), fo-rg (failover, depends). */
static void
setup(void)
{
	char *nodes[] = { "n1", "n2", "n3" };

	c = ccr_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "sa.rtr", sa_rtr), 0);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "web.rtr", web_rtr), 0);
	OK(ccr_group_add(c, "sa-rg", nodes, 3, TU_NONE, err, sizeof(err)));
	OK(ccr_resource_add(c, "sa", "SUNW.SharedAddress", "sa-rg", TU_NONE,
	    TU_ASSIGN("HostnameList=192.0.2.10"), err, sizeof(err)));
	OK(ccr_resource_add(c, "plain", "TEST.web", "sa-rg", TU_NONE,
	    TU_NONE, err, sizeof(err)));
	OK(ccr_group_add(c, "web-rg", nodes, 3, TU_ASSIGN("RG_mode=Scalable",
	    "Maximum_primaries=3", "Desired_primaries=3",
	    "RG_dependencies=sa-rg"), err, sizeof(err)));
	OK(ccr_group_add(c, "fo-rg", nodes, 3,
	    TU_ASSIGN("RG_dependencies=sa-rg"), err, sizeof(err)));
}

static void
teardown(void)
{
	ccr_free(c);
	c = NULL;
}

#define WEB(...) ccr_resource_add(c, "web", "TEST.web", "web-rg",	\
	TU_ASSIGN("Scalable=TRUE", __VA_ARGS__), TU_NONE, err, sizeof(err))

static void
test_accepted(void)
{
	const struct res *r;

	setup();
	OK(WEB("Network_resources_used=sa", "Port_list=80/tcp,443/tcp,53/udp6",
	    "Load_balancing_policy=LB_STICKY",
	    "Load_balancing_weights=3@n1,1@n2,0@n3", "Affinity_timeout=300",
	    "UDP_affinity=TRUE"));
	r = ccr_resource(c, "web");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_TRUE(scalable_is(r));
	CU_ASSERT_FALSE(scalable_is(ccr_resource(c, "sa")));
	CU_ASSERT_TRUE(scalable_is_sa(ccr_resource(c, "sa")));
	CU_ASSERT_FALSE(scalable_is_sa(r));
	/* the weights change live, and every other check still holds */
	OK(ccr_resource_change(c, "web",
	    TU_ASSIGN("Load_balancing_weights=1@n1,1@n2,1@n3"), TU_NONE, err,
	    sizeof(err)));
	/* a wildcard port, default weights (equal), default policy */
	OK(ccr_resource_add(c, "any", "TEST.web", "web-rg",
	    TU_ASSIGN("Scalable=TRUE", "Network_resources_used=sa",
	    "Port_list=*/tcp"), TU_NONE, err, sizeof(err)));
	/* a resource that is not scalable needs none of it */
	OK(ccr_resource_add(c, "other", "TEST.web", "fo-rg",
	    TU_ASSIGN("Port_list=80/tcp"), TU_NONE, err, sizeof(err)));
	teardown();
}

static const struct {
	const char *const *y;
	size_t n;
	const char *why;
} refusals[] = {
#define Y(...) (const char *const[]){ "Scalable=TRUE", __VA_ARGS__ },	\
	sizeof((const char *[]){ "Scalable=TRUE", __VA_ARGS__ }) / sizeof(char *)
	{ Y("Port_list=80/tcp"), "needs Network_resources_used naming a "
	    "SUNW.SharedAddress resource" },
	{ Y("Network_resources_used=nosuch", "Port_list=80/tcp"),
	    "Network_resources_used names nosuch, which is not a "
	    "SUNW.SharedAddress resource" },
	{ Y("Network_resources_used=plain", "Port_list=80/tcp"),
	    "names plain, which is not a SUNW.SharedAddress" },
	{ Y("Network_resources_used=sa"), "needs a Port_list" },
	{ Y("Network_resources_used=sa", "Port_list=80"),
	    "Port_list entry \"80\" is not port/protocol" },
	{ Y("Network_resources_used=sa", "Port_list=0/tcp"),
	    "Port_list entry \"0/tcp\"" },
	{ Y("Network_resources_used=sa", "Port_list=65536/tcp"),
	    "Port_list entry \"65536/tcp\"" },
	{ Y("Network_resources_used=sa", "Port_list=80/sctp"),
	    "Port_list entry \"80/sctp\"" },
	{ Y("Network_resources_used=sa", "Port_list=8x/tcp"),
	    "Port_list entry \"8x/tcp\"" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp,80/tcp"),
	    "Port_list names 80/tcp twice" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp,80/tcp6"),
	    "Port_list names 80/tcp6 twice" },
	{ Y("Network_resources_used=sa", "Port_list=1/tcp,2/tcp,3/tcp,4/tcp,"
	    "5/tcp,6/tcp,7/tcp,8/tcp,9/tcp,10/tcp,11/tcp,12/tcp,13/tcp,14/tcp,"
	    "15/tcp,16/tcp,17/tcp,18/tcp,19/tcp,20/tcp,21/tcp,22/tcp,23/tcp,"
	    "24/tcp,25/tcp,26/tcp,27/tcp,28/tcp,29/tcp,30/tcp,31/tcp,32/tcp,"
	    "33/tcp"), "Port_list has 33 entries, more than 32" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "Load_balancing_policy=LB_ROUND"), "is not one of" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "Load_balancing_weights=3@n1,1@n9"),
	    "names node n9, which is not in group web-rg's Nodelist" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "Load_balancing_weights=3n1"),
	    "Load_balancing_weights entry \"3n1\" is not weight@node" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "Load_balancing_weights=-1@n1"), "entry \"-1@n1\"" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "Load_balancing_weights=1000001@n1"), "entry \"1000001@n1\"" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "Load_balancing_weights=1@"), "entry \"1@\"" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "Load_balancing_weights=1@n1,2@n1"), "names node n1 twice" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "Affinity_timeout=-2"), "below the minimum" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "UDP_affinity=maybe"), "not a valid BOOLEAN" },
	{ Y("Network_resources_used=sa", "Port_list=80/tcp",
	    "UDP_affinity=TRUE"), "UDP_affinity=TRUE needs a sticky" },
#undef Y
};

static void
test_refusals(void)
{
	setup();
	for (size_t i = 0; i < sizeof(refusals) / sizeof(*refusals); i++) {
		struct ccr_assign y = { .kv = (const char **)refusals[i].y,
			.n = refusals[i].n };

		REFUSE(ccr_resource_add(c, "web", "TEST.web", "web-rg", &y,
		    TU_NONE, err, sizeof(err)), refusals[i].why);
	}
	CU_ASSERT_PTR_NULL(ccr_resource(c, "web"));
	teardown();
}

static void
test_group_rules(void)
{
	setup();
	/* a failover group cannot hold a scalable resource */
	REFUSE(ccr_resource_add(c, "web", "TEST.web", "fo-rg",
	    TU_ASSIGN("Scalable=TRUE", "Network_resources_used=sa",
	    "Port_list=80/tcp"), TU_NONE, err, sizeof(err)),
	    "needs a scalable group, and fo-rg is not");
	/* the group must depend on the SharedAddress's group */
	OK(ccr_group_add(c, "nodep-rg", NULL, 0, TU_ASSIGN("RG_mode=Scalable",
	    "Maximum_primaries=2"), err, sizeof(err)));
	REFUSE(ccr_resource_add(c, "web", "TEST.web", "nodep-rg",
	    TU_ASSIGN("Scalable=TRUE", "Network_resources_used=sa",
	    "Port_list=80/tcp"), TU_NONE, err, sizeof(err)),
	    "its group nodep-rg must depend on sa's group (scrgadm -c -g "
	    "nodep-rg -y RG_dependencies=sa-rg)");
	/* an empty Nodelist (every node): any node name, checked later */
	OK(ccr_group_change(c, "nodep-rg", NULL, 0,
	    TU_ASSIGN("RG_dependencies=sa-rg"), err, sizeof(err)));
	OK(ccr_resource_add(c, "web2", "TEST.web", "nodep-rg",
	    TU_ASSIGN("Scalable=TRUE", "Network_resources_used=sa",
	    "Port_list=80/tcp", "Load_balancing_weights=1@n7"), TU_NONE, err,
	    sizeof(err)));
	OK(WEB("Network_resources_used=sa", "Port_list=80/tcp",
	    "Load_balancing_weights=3@n1,1@n3"));
	/* later changes that would break the rules are refused */
	REFUSE(ccr_group_change(c, "web-rg", NULL, 0,
	    TU_ASSIGN("RG_dependencies="), err, sizeof(err)),
	    "its group web-rg must depend on sa's group");
	{
		char *two[] = { "n1", "n2" };

		REFUSE(ccr_group_change(c, "web-rg", two, 2, TU_NONE, err,
		    sizeof(err)), "names node n3, which is not in group "
		    "web-rg's Nodelist");
	}
	REFUSE(ccr_resource_change(c, "web",
	    TU_ASSIGN("Load_balancing_weights=1@n4"), TU_NONE, err,
	    sizeof(err)), "names node n4");
	REFUSE(ccr_resource_change(c, "web", TU_ASSIGN("Port_list="),
	    TU_NONE, err, sizeof(err)), "needs a Port_list");
	CU_ASSERT_PTR_NOT_NULL(scalable_user_of(c, "sa"));
	CU_ASSERT_PTR_NULL(scalable_user_of(c, "plain"));
	OK(ccr_resource_change(c, "sa", TU_NONE, TU_NONE, err, sizeof(err)));
	c->res[0]->enabled = false;	/* sa, disabled: removal's own rule */
	REFUSE(ccr_resource_remove(c, "sa", err, sizeof(err)),
	    "resource sa is used by web");
	teardown();
}

/* A configuration stored before the rules (a scalable resource without
 * a SharedAddress) still loads; its next edit says what to fix. */
static void
test_old_configuration_loads(void)
{
	struct ccr *old;
	char *text;
	size_t len;

	setup();
	OK(ccr_resource_add(c, "web", "TEST.web", "web-rg",
	    TU_ASSIGN("Port_list=80/tcp"), TU_NONE, err, sizeof(err)));
	/* as an older rgmd stored it: Scalable=TRUE and nothing else */
	CU_ASSERT_EQUAL_FATAL(prop_list_set(&ccr_resource(c, "web")->props,
	    "Scalable", &(struct prop_value){ .type = PROP_BOOL, .b = true }),
	    0);
	text = ccr_text(c, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	old = ccr_parse_text(text, TU_API, err, sizeof(err));
	if (old == NULL)
		fprintf(stderr, "\nload refused: %s\n", err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(old);
	CU_ASSERT_TRUE(scalable_is(ccr_resource(old, "web")));
	ccr_free(c);
	c = old;
	REFUSE(ccr_resource_change(c, "web", TU_ASSIGN("Retry_count=1"),
	    TU_NONE, err, sizeof(err)), "needs Network_resources_used");
	free(text);
	teardown();
}

static const struct tu_test tests[] = {
	{ "a configuration stored before the rules loads",
	    test_old_configuration_loads },
	{ "a scalable resource with every property accepted", test_accepted },
	{ "each missing or bad property refused, named", test_refusals },
	{ "group rules: scalable, depends on the SA group; later changes",
	    test_group_rules },
	{ NULL, NULL },
};

int
tu_suite_scalable(void)
{
	return tu_add_suite("scalable", suite_init, suite_clean, tests);
}
