// SPDX-License-Identifier: MIT
/*
 * test_follow.c - suite "follow" (rgmd/cluster_follow.c): the methods a
 * node runs after a change of the replicated configuration made on
 * another node, on tables: Init on the nodes of the Nodelist when a
 * resource becomes managed, Update where it is online when its or its
 * group's properties change, nothing otherwise.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccr.h"
#include "cluster_follow.h"
#include "tu.h"

static char *dir;
static struct ccr *old, *cur;
static char err[512], got[512];
static bool online;	/* what is_up says of every resource */

static const char t_rtr[] =
    "RESOURCE_TYPE = \"TEST.f\";\n"
    "FAILOVER = false;\n"
    "MODULE = \"f.so\";\n"
    "PROPERTIES = ( { PROPERTY = \"Level\"; EXTENSION = true; "
    "TYPE = \"INT\"; DEFAULT = 1; TUNABLE = \"ANYTIME\"; } );\n";

static int
follow_suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
follow_suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

static bool
is_up(const char *res)
{
	(void)res;
	return online;
}

/* old: group g (Nodelist n1,n2, managed) with resource r. */
static void
begin(bool managed)
{
	char *nodes[] = { "n1", "n2" };

	ccr_free(old);
	ccr_free(cur);
	old = ccr_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(old);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(old, dir, "f.rtr", t_rtr), 0);
	TU_ASSERT_OK(ccr_group_add(old, "g", nodes, 2, TU_NONE, err,
	    sizeof(err)), err);
	ccr_group(old, "g")->managed = managed;
	TU_ASSERT_OK(ccr_resource_add(old, "r", "TEST.f", "g", TU_NONE,
	    TU_NONE, err, sizeof(err)), err);
	cur = ccr_clone(old);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cur);
	online = false;
}

/* The plan for node self: "INIT r UPDATE s", or "". */
static const char *
plan(const char *self)
{
	struct follow_step s[8];
	size_t n = follow_plan(old, cur, self, is_up, s, 8), len = 0;

	got[0] = '\0';
	for (size_t i = 0; i < n && i < 8; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s %s",
		    len ? " " : "", s[i].method == RT_INIT ? "INIT" :
		    s[i].method == RT_UPDATE ? "UPDATE" : "?", s[i].res);
	return got;
}

static void
test_unchanged(void)
{
	begin(true);
	online = true;
	CU_ASSERT_STRING_EQUAL(plan("n1"), "");
}

static void
test_new_resource_init_in_nodelist(void)
{
	begin(true);
	TU_ASSERT_OK(ccr_resource_add(cur, "s", "TEST.f", "g", TU_NONE,
	    TU_NONE, err, sizeof(err)), err);
	CU_ASSERT_STRING_EQUAL(plan("n2"), "INIT s");
	CU_ASSERT_STRING_EQUAL(plan("n3"), "");	/* not in the Nodelist */
}

static void
test_group_made_managed(void)
{
	begin(false);
	CU_ASSERT_STRING_EQUAL(plan("n1"), "");
	ccr_group(cur, "g")->managed = true;
	CU_ASSERT_STRING_EQUAL(plan("n1"), "INIT r");
	CU_ASSERT_STRING_EQUAL(plan("n9"), "");
}

static void
test_unmanaged_runs_nothing(void)
{
	begin(false);
	TU_ASSERT_OK(ccr_resource_add(cur, "s", "TEST.f", "g", TU_NONE,
	    TU_NONE, err, sizeof(err)), err);
	CU_ASSERT_STRING_EQUAL(plan("n1"), "");
}

static void
test_change_updates_where_online(void)
{
	begin(true);
	TU_ASSERT_OK(ccr_resource_change(cur, "r", TU_NONE,
	    TU_ASSIGN("Level=5"), err, sizeof(err)), err);
	CU_ASSERT_STRING_EQUAL(plan("n1"), "");	/* offline here */
	online = true;
	CU_ASSERT_STRING_EQUAL(plan("n1"), "UPDATE r");
	/* Update follows where it runs, Nodelist or not */
	CU_ASSERT_STRING_EQUAL(plan("n9"), "UPDATE r");
}

static void
test_group_change_updates(void)
{
	begin(true);
	online = true;
	TU_ASSERT_OK(ccr_group_change(cur, "g", NULL, 0,
	    TU_ASSIGN("Pingpong_interval=60"), err, sizeof(err)), err);
	CU_ASSERT_STRING_EQUAL(plan("n1"), "UPDATE r");
}

static void
test_removed_runs_nothing(void)
{
	begin(true);
	online = true;
	ccr_free(cur);
	cur = ccr_clone(old);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cur);
	ccr_resource(cur, "r")->enabled = false;
	TU_ASSERT_OK(ccr_resource_remove(cur, "r", err, sizeof(err)), err);
	CU_ASSERT_STRING_EQUAL(plan("n1"), "");
	ccr_free(old);
	ccr_free(cur);
	old = cur = NULL;
}

static const struct tu_test tests[] = {
	{ "nothing changed", test_unchanged },
	{ "new resource: Init in the Nodelist",
	    test_new_resource_init_in_nodelist },
	{ "group made managed: Init", test_group_made_managed },
	{ "unmanaged group: nothing", test_unmanaged_runs_nothing },
	{ "changed resource: Update where online",
	    test_change_updates_where_online },
	{ "changed group: Update", test_group_change_updates },
	{ "removed resource: nothing here", test_removed_runs_nothing },
	{ NULL, NULL },
};

int
tu_suite_follow(void)
{
	return tu_add_suite("follow", follow_suite_init, follow_suite_clean,
	    tests);
}
