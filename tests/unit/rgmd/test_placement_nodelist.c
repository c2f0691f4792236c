// SPDX-License-Identifier: MIT
/*
 * test_placement_nodelist.c - suite "placement_nodelist"
 * (rgmd/placement.c and placement_text.c): where a group goes by its
 * Nodelist (in the order given, or by node id when empty), skipping down
 * and unknown nodes; unmanaged groups; at most one primary for a failover
 * group; Maximum_primaries and Desired_primaries of scalable groups.
 * The situations come from placement_fixture.h.
 */
#include "ccr.h"
#include "placement_fixture.h"
#include "tu.h"

static void
test_nodelist_order(void)
{
	pf_begin(3);
	pf_grp("g1", "n2,n1,n3", TU_NONE);
	pf_run();
	WHERE("g1", "n2");
	WHY("g1", "Placed");
	ACTS("start g1@n2");
	IS_UNBLOCKED("g1");
	pf_end();
}

static void
test_nodelist_default_by_id(void)
{
	pf_begin_order("n3,n2,n1");
	pf_grp("g1", "", TU_NONE);
	pf_run();
	WHERE("g1", "n1");
	ACTS("start g1@n1");
	pf_end();
}

static void
test_nodelist_skips_down(void)
{
	pf_begin(3);
	pf_grp("g1", "n2,n1,n3", TU_NONE);
	pf_down("n2");
	pf_run();
	WHERE("g1", "n1");
	pf_end();
}

static void
test_nodelist_unknown_node_ignored(void)
{
	pf_begin(2);
	pf_grp("g1", "n9,n2", TU_NONE);
	pf_run();
	WHERE("g1", "n2");
	pf_end();
}

static void
test_no_node_up(void)
{
	pf_begin(3);
	pf_grp("g1", "n1,n2", TU_NONE);
	pf_down("n1");
	pf_down("n2");
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "No_node");
	ACTS("");
	TU_ASSERT_HAS(pf_text("g1"), "no node of its Nodelist is up");
	pf_end();
}

static void
test_unmanaged(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	ccr_group(pf_c, "g1")->managed = false;
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "Unmanaged");
	ACTS("");
	pf_end();
}

static void
test_failover_at_most_one(void)
{
	pf_begin(3);
	pf_grp("g1", "n1,n2,n3", TU_NONE);
	pf_on("g1", "n2");
	pf_on("g1", "n3");
	pf_run();
	/* Failback FALSE keeps it on a node where it runs: the first of
	 * them in Nodelist order; the other is stopped. */
	WHERE("g1", "n2");
	ACTS("stop g1@n3");
	pf_end();
}

static void
test_scalable_max(void)
{
	pf_begin(4);
	pf_grp("gs", "", SCALABLE(3, 3));
	pf_run();
	WHERE("gs", "n1,n2,n3");
	ACTS("start gs@n1 start gs@n2 start gs@n3");
	pf_end();
}

static void
test_scalable_desired_below_max(void)
{
	pf_begin(4);
	pf_grp("gs", "n4,n3,n2,n1", SCALABLE(3, 2));
	pf_run();
	WHERE("gs", "n3,n4");
	ACTS("start gs@n4 start gs@n3");
	pf_end();
}

static void
test_scalable_partial(void)
{
	pf_begin(3);
	pf_grp("gs", "", SCALABLE(3, 3));
	pf_down("n3");
	pf_run();
	WHERE("gs", "n1,n2");
	WHY("gs", "Partial");
	IS_UNBLOCKED("gs");
	TU_ASSERT_HAS(pf_text("gs"), "fewer than Desired_primaries 3");
	pf_end();
}

static void
test_desired_zero(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_ASSIGN("Desired_primaries=0"));
	pf_on("g1", "n1");
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "None_desired");
	ACTS("stop g1@n1");
	pf_end();
}

static const struct tu_test tests[] = {
	{ "nodelist order", test_nodelist_order },
	{ "default Nodelist by node id", test_nodelist_default_by_id },
	{ "Nodelist skips down nodes", test_nodelist_skips_down },
	{ "unknown Nodelist node", test_nodelist_unknown_node_ignored },
	{ "no node up", test_no_node_up },
	{ "unmanaged", test_unmanaged },
	{ "failover: at most one primary", test_failover_at_most_one },
	{ "scalable: Maximum_primaries", test_scalable_max },
	{ "scalable: Desired below Maximum", test_scalable_desired_below_max },
	{ "scalable: partial", test_scalable_partial },
	{ "Desired_primaries 0", test_desired_zero },
	{ NULL, NULL },
};

int
tu_suite_placement_nodelist(void)
{
	return tu_add_suite("placement_nodelist", pf_suite_init,
	    pf_suite_clean, tests);
}
