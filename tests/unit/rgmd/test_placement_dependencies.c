// SPDX-License-Identifier: MIT
/*
 * test_placement_dependencies.c - suite "placement_dependencies"
 * (rgmd/placement.c and placement_text.c): RG_dependencies and the
 * resource dependencies across groups (strong, weak, restart): start and
 * stop order, blocking, cycles; and the actions that wait for another
 * group's action on another node.
 * The situations come from placement_fixture.h.
 */
#include "ccr.h"
#include "placement.h"
#include "placement_fixture.h"
#include "tu.h"

static void
test_dependency_order(void)
{
	pf_begin(2);
	pf_grp("db", "n1,n2", TU_NONE);
	pf_grp("app", "n2,n1", TU_ASSIGN("RG_dependencies=db"));
	pf_run();
	WHERE("db", "n1");
	WHERE("app", "n2");
	ACTS("start db@n1 start app@n2");
	pf_end();
}

static void
test_dependency_order_reversed_config(void)
{
	/* Declared last, depended on first: the starts follow the
	 * dependencies, the stops go the other way. */
	pf_begin(2);
	pf_grp("a", "", TU_NONE);
	pf_grp("b", "", TU_NONE);
	pf_grp("c", "", TU_NONE);
	pf_chg("a", TU_ASSIGN("RG_dependencies=b"));
	pf_chg("b", TU_ASSIGN("RG_dependencies=c"));
	pf_run();
	ACTS("start c@n1 start b@n1 start a@n1");
	pf_begin(2);
	pf_grp("a", "", TU_ASSIGN("Failback=TRUE"));
	pf_grp("b", "", TU_ASSIGN("Failback=TRUE"));
	pf_grp("c", "", TU_ASSIGN("Failback=TRUE"));
	pf_chg("a", TU_ASSIGN("RG_dependencies=b"));
	pf_chg("b", TU_ASSIGN("RG_dependencies=c"));
	pf_on("a", "n2");
	pf_on("b", "n2");
	pf_on("c", "n2");
	pf_run();
	ACTS("stop a@n2 stop b@n2 stop c@n2 start c@n1 start b@n1 "
	    "start a@n1");
	pf_end();
}

static void
test_dependency_blocked(void)
{
	pf_begin(2);
	pf_grp("db", "n1", TU_NONE);
	pf_grp("app", "n2", TU_ASSIGN("RG_dependencies=db"));
	pf_down("n1");
	pf_run();
	WHERE("app", "-");
	WHY("app", "Dependency");
	IS_BLOCKED("app");
	TU_ASSERT_HAS(pf_text("app"),
	    "depends on group db, which is not online");
	pf_end();
}

static void
test_dependency_chain_offline(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	pf_grp("g2", "", TU_ASSIGN("RG_dependencies=g1"));
	pf_grp("g3", "", TU_ASSIGN("RG_dependencies=g2"));
	pf_on("g1", "n1");
	pf_on("g2", "n1");
	pf_on("g3", "n1");
	pf_req[pf_gi("g1")].kind = PLACEMENT_REQ_OFFLINE;
	pf_run();
	WHY("g1", "Offline_requested");
	WHY("g2", "Dependency");
	WHY("g3", "Dependency");
	TU_ASSERT_HAS(pf_text("g3"), "group g2");
	ACTS("stop g3@n1 stop g2@n1 stop g1@n1");
	pf_end();
}

static void
test_dependency_cycle(void)
{
	pf_begin(2);
	pf_grp("a", "", TU_NONE);
	pf_grp("b", "", TU_ASSIGN("RG_dependencies=a"));
	pf_grp("c", "", TU_ASSIGN("RG_dependencies=b"));
	pf_grp("free", "", TU_NONE);
	pf_chg("a", TU_ASSIGN("RG_dependencies=b"));
	pf_run();
	WHY("a", "Dependency_cycle");
	WHY("b", "Dependency_cycle");
	IS_BLOCKED("a");
	WHY("c", "Dependency");
	WHERE("free", "n1");
	ACTS("start free@n1");
	pf_end();
}

static void
test_resource_dependency_across_groups(void)
{
	pf_begin(2);
	pf_grp("g1", "n1", TU_NONE);
	pf_grp("g2", "n2", TU_NONE);
	pf_rsc("r1", "g1", "TEST.a", TU_NONE);
	pf_rsc("r2", "g2", "TEST.a", TU_ASSIGN("Resource_dependencies=r1"));
	pf_run();
	ACTS("start g1@n1 start g2@n2");
	pf_down("n1");
	pf_run();
	WHY("g2", "Dependency");
	IS_BLOCKED("g2");
	pf_end();
}

static void
test_resource_dependency_weak(void)
{
	/* g2 declared first; weak: order only, g1's absence does not
	 * block g2. */
	pf_begin(2);
	pf_grp("g2", "n2", TU_NONE);
	pf_grp("g1", "n1", TU_NONE);
	pf_rsc("r1", "g1", "TEST.a", TU_NONE);
	pf_rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_weak=r1"));
	pf_run();
	ACTS("start g1@n1 start g2@n2");
	pf_down("n1");
	pf_run();
	WHERE("g2", "n2");
	WHY("g2", "Placed");
	pf_end();
}

static void
test_resource_dependency_disabled(void)
{
	/* A disabled dependent resource brings no dependency. */
	pf_begin(2);
	pf_grp("g1", "n1", TU_NONE);
	pf_grp("g2", "n2", TU_NONE);
	pf_rsc("r1", "g1", "TEST.a", TU_NONE);
	pf_rsc("r2", "g2", "TEST.a", TU_ASSIGN("Resource_dependencies=r1"));
	ccr_resource(pf_c, "r2")->enabled = false;
	pf_down("n1");
	pf_run();
	WHERE("g2", "n2");
	pf_end();
}

static void
test_resource_dependency_restart(void)
{
	/* g1 fails over to n2 where g2 runs: g2 restarts around it. */
	pf_begin(2);
	pf_grp("g1", "n1,n2", TU_NONE);
	pf_grp("g2", "n2", TU_NONE);
	pf_rsc("r1", "g1", "TEST.a", TU_NONE);
	pf_rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_restart=r1"));
	pf_on("g1", "n1");
	pf_on("g2", "n2");
	pf_down("n1");
	pf_run();
	WHERE("g1", "n2");
	WHERE("g2", "n2");
	ACTS("*stop g2@n2 start g1@n2 *start g2@n2");
	/* nothing moves: no restart */
	pf_begin(2);
	pf_grp("g1", "n1,n2", TU_NONE);
	pf_grp("g2", "n2", TU_NONE);
	pf_rsc("r1", "g1", "TEST.a", TU_NONE);
	pf_rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_restart=r1"));
	pf_on("g1", "n1");
	pf_on("g2", "n2");
	pf_run();
	ACTS("");
	pf_end();
}

/* ---- waits: what follows something on another node ---- */

static void
test_waits_dependee_on_other_node(void)
{
	pf_begin(2);
	pf_grp("db", "n1,n2", TU_NONE);
	pf_grp("app", "n2,n1", TU_ASSIGN("RG_dependencies=db"));
	pf_run();
	ACTS("start db@n1 start app@n2");
	LATER("start app@n2<db");
	/* the next round: db is online, app goes */
	pf_on("db", "n1");
	pf_run();
	ACTS("start app@n2");
	LATER("");
	/* db still starting on n1: app waits for it */
	pf_at("db", "n1")->state = RG_PENDING_ONLINE;
	pf_run();
	LATER("start app@n2<db");
	pf_end();
}

static void
test_waits_not_on_same_node(void)
{
	/* One node runs its actions in order: nothing waits. */
	pf_begin(2);
	pf_grp("db", "n1", TU_NONE);
	pf_grp("app", "n1", TU_ASSIGN("RG_dependencies=db"));
	pf_run();
	ACTS("start db@n1 start app@n1");
	LATER("");
	pf_at("db", "n1")->state = RG_PENDING_ONLINE;
	pf_run();
	ACTS("start app@n1");
	LATER("");
	pf_end();
}

static void
test_waits_stop_after_dependents(void)
{
	pf_begin(2);
	pf_grp("g1", "n1", TU_NONE);
	pf_grp("g2", "n2", TU_ASSIGN("RG_dependencies=g1"));
	pf_on("g1", "n1");
	pf_on("g2", "n2");
	pf_req[pf_gi("g1")].kind = PLACEMENT_REQ_OFFLINE;
	pf_run();
	ACTS("stop g2@n2 stop g1@n1");
	LATER("stop g1@n1<g2");
	/* g2 still stopping on n2 */
	pf_at("g2", "n2")->state = RG_PENDING_OFFLINE;
	pf_run();
	LATER("stop g1@n1<g2");
	pf_at("g2", "n2")->state = RG_OFFLINE;
	pf_run();
	ACTS("stop g1@n1");
	LATER("");
	pf_end();
}

static void
test_waits_switch_own_stop(void)
{
	pf_begin(2);
	pf_grp("g", "n1,n2", TU_NONE);
	pf_on("g", "n1");
	pf_switch_to("g", "n2", NULL);
	pf_run();
	ACTS("stop g@n1 start g@n2");
	LATER("start g@n2<g");
	pf_end();
}

static void
test_waits_restart_same_node(void)
{
	/* The restart's start follows its own stop, in a later round even
	 * on the same node (a node runs one operation of a group at a
	 * time); the dependee's start on that node does not wait. */
	pf_begin(2);
	pf_grp("g1", "n1,n2", TU_NONE);
	pf_grp("g2", "n2", TU_NONE);
	pf_rsc("r1", "g1", "TEST.a", TU_NONE);
	pf_rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_restart=r1"));
	pf_on("g1", "n1");
	pf_on("g2", "n2");
	pf_down("n1");
	pf_run();
	ACTS("*stop g2@n2 start g1@n2 *start g2@n2");
	LATER("start g2@n2<g2");
	pf_end();
}

static void
test_waits_chain_across_nodes(void)
{
	/* c -> b -> a on three nodes: each waits for the one before; and
	 * a start that follows a waiting one on its own node waits too. */
	pf_begin(3);
	pf_grp("a", "n1", TU_NONE);
	pf_grp("b", "n2", TU_ASSIGN("RG_dependencies=a"));
	pf_grp("c", "n3", TU_ASSIGN("RG_dependencies=b"));
	pf_run();
	ACTS("start a@n1 start b@n2 start c@n3");
	LATER("start b@n2<a start c@n3<b");
	pf_begin(2);
	pf_grp("a", "n1,n2", TU_NONE);
	pf_grp("b", "n2", TU_ASSIGN("RG_dependencies=a"));
	pf_on("a", "n1");
	pf_switch_to("a", "n2", NULL);
	pf_run();
	ACTS("stop a@n1 start a@n2 start b@n2");
	LATER("start a@n2<a start b@n2<a");
	pf_end();
}

static void
test_waits_resource_dependencies(void)
{
	/* Resource dependencies across groups order the groups too, the
	 * weak ones included; affinities do not. */
	pf_begin(2);
	pf_grp("g2", "n2", TU_NONE);
	pf_grp("g1", "n1", TU_NONE);
	pf_rsc("r1", "g1", "TEST.a", TU_NONE);
	pf_rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_weak=r1"));
	pf_run();
	ACTS("start g1@n1 start g2@n2");
	LATER("start g2@n2<g1");
	pf_begin(2);
	pf_grp("g1", "n1", TU_NONE);
	pf_grp("g2", "n2,n1", TU_ASSIGN("RG_affinities=-g1"));
	pf_run();
	LATER("");
	pf_end();
}

static const struct tu_test tests[] = {
	{ "dependency order", test_dependency_order },
	{ "dependency order, reversed config",
	    test_dependency_order_reversed_config },
	{ "dependency blocked", test_dependency_blocked },
	{ "dependency chain taken offline", test_dependency_chain_offline },
	{ "dependency cycle", test_dependency_cycle },
	{ "resource dependency across groups",
	    test_resource_dependency_across_groups },
	{ "weak resource dependency", test_resource_dependency_weak },
	{ "disabled dependent resource", test_resource_dependency_disabled },
	{ "restart resource dependency", test_resource_dependency_restart },
	{ "waits: dependee on another node",
	    test_waits_dependee_on_other_node },
	{ "waits: not on the same node", test_waits_not_on_same_node },
	{ "waits: stop after dependents", test_waits_stop_after_dependents },
	{ "waits: switch", test_waits_switch_own_stop },
	{ "waits: restart on one node", test_waits_restart_same_node },
	{ "waits: chain across nodes", test_waits_chain_across_nodes },
	{ "waits: resource dependencies",
	    test_waits_resource_dependencies },
	{ NULL, NULL },
};

int
tu_suite_placement_dependencies(void)
{
	return tu_add_suite("placement_dependencies", pf_suite_init,
	    pf_suite_clean, tests);
}
