// SPDX-License-Identifier: MIT
/*
 * test_placement_eligibility.c - suite "placement_eligibility"
 * (rgmd/placement.c and placement_text.c): what keeps a group off a node
 * or holds it where it is: a missing module (none needed for a disabled
 * resource), Installed_nodes, no quorum, Auto_start_on_new_cluster,
 * Error_stop_failed, a double primary while frozen, a node that left
 * unclean.
 * The situations come from placement_fixture.h.
 */
#include "ccr.h"
#include "placement.h"
#include "placement_fixture.h"
#include "tu.h"

static void
test_missing_module(void)
{
	pf_begin(3);
	pf_grp("g1", "", TU_NONE);
	pf_rsc("r1", "g1", "TEST.a", TU_NONE);
	pf_rsc("r2", "g1", "TEST.b", TU_NONE);
	pf_lack("TEST.b", "n1");
	pf_run();
	WHERE("g1", "n2");
	pf_lack("TEST.b", "n2");
	pf_lack("TEST.a", "n3");
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "No_module");
	TU_ASSERT_HAS(pf_text("g1"), "node n1 lacks the module of type TEST.b");
	pf_end();
}

static void
test_missing_module_disabled_resource(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	pf_rsc("r1", "g1", "TEST.b", TU_NONE);
	ccr_resource(pf_c, "r1")->enabled = false;
	pf_lack("TEST.b", "n1");
	pf_run();
	WHERE("g1", "n1");
	pf_end();
}

static void
test_installed_nodes(void)
{
	char *only[] = { "n3" };

	pf_begin(3);
	OK(ccr_type_change(pf_c, "TEST.b", only, 1, TU_NONE, pf_err,
	    sizeof(pf_err)));
	pf_grp("g1", "", TU_NONE);
	pf_rsc("r1", "g1", "TEST.b", TU_NONE);
	pf_run();
	WHERE("g1", "n3");
	pf_down("n3");
	pf_run();
	WHY("g1", "Not_installed");
	TU_ASSERT_HAS(pf_text("g1"), "type TEST.b is not installed on node n1");
	pf_end();
}

static void
test_no_quorum(void)
{
	pf_begin(3);
	pf_grp("g1", "", TU_NONE);
	pf_grp("gs", "", SCALABLE(3, 3));
	pf_on("g1", "n1");
	pf_on("gs", "n2");
	pf_in.quorate = false;
	pf_run();
	WHERE("g1", "-");
	WHERE("gs", "-");
	WHY("g1", "No_quorum");
	WHY("gs", "No_quorum");
	ACTS("");	/* the caller stops or freezes (no_quorum_policy) */
	TU_ASSERT_HAS(pf_text("g1"), "no quorum");
	pf_end();
}

static void
test_auto_start_new_cluster(void)
{
	pf_begin(2);
	pf_grp("manual", "", TU_ASSIGN("Auto_start_on_new_cluster=FALSE"));
	pf_grp("auto", "", TU_NONE);
	pf_in.new_cluster = true;
	pf_run();
	WHERE("manual", "-");
	WHY("manual", "Not_auto_started");
	WHERE("auto", "n1");
	/* not a new cluster: started like any other */
	pf_in.new_cluster = false;
	pf_run();
	WHERE("manual", "n1");
	/* new cluster, but already running: stays */
	pf_in.new_cluster = true;
	pf_on("manual", "n2");
	pf_run();
	WHERE("manual", "n2");
	/* new cluster, switched on by hand */
	pf_at("manual", "n2")->state = RG_OFFLINE;
	pf_switch_to("manual", "n2", NULL);
	pf_run();
	WHERE("manual", "n2");
	pf_end();
}

static void
test_stop_failed_blocks(void)
{
	pf_begin(3);
	pf_grp("g1", "", TU_NONE);
	pf_at("g1", "n1")->state = RG_ERROR_STOP_FAILED;
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "Stop_failed");
	ACTS("");
	TU_ASSERT_HAS(pf_text("g1"), "Error_stop_failed on node n1");
	/* even after n1 left, while n1 is not fenced */
	pf_nodes[pf_ni("n1")].up = false;
	pf_nodes[pf_ni("n1")].unclean = true;
	pf_run();
	WHY("g1", "Stop_failed");
	ACTS("");
	/* fenced (down and clean): the error went with the node */
	pf_nodes[pf_ni("n1")].unclean = false;
	pf_run();
	WHERE("g1", "n2");
	pf_end();
}

static void
test_stop_failed_scalable_keeps_others(void)
{
	pf_begin(3);
	pf_grp("gs", "", SCALABLE(3, 3));
	pf_at("gs", "n1")->state = RG_ERROR_STOP_FAILED;
	pf_on("gs", "n2");
	pf_run();
	WHERE("gs", "n2");
	ACTS("");
	/* still stopping on n3: nothing is started there again */
	pf_at("gs", "n3")->state = RG_PENDING_OFFLINE;
	pf_run();
	WHERE("gs", "n2");
	ACTS("stop gs@n3");
	pf_end();
}

static void
test_frozen_double_primary(void)
{
	/* Reported online on two nodes while frozen: one is kept. */
	pf_begin(3);
	pf_grp("g1", "n2,n1,n3", TU_NONE);
	pf_on("g1", "n1");
	pf_on("g1", "n2");
	pf_at("g1", "n3")->state = RG_ERROR_STOP_FAILED;
	pf_run();
	WHY("g1", "Stop_failed");
	WHERE("g1", "n2");
	ACTS("stop g1@n1");
	pf_end();
}

static void
test_unclean_node_freezes(void)
{
	pf_begin(3);
	pf_grp("g1", "", TU_NONE);
	pf_on("g1", "n1");
	pf_nodes[pf_ni("n1")].up = false;
	pf_nodes[pf_ni("n1")].unclean = true;
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "Unclean_node");
	ACTS("");
	TU_ASSERT_HAS(pf_text("g1"), "node n1 left while hosting it");
	pf_nodes[pf_ni("n1")].unclean = false;
	pf_run();
	WHERE("g1", "n2");
	ACTS("start g1@n2");
	pf_end();
}

static const struct tu_test tests[] = {
	{ "missing module", test_missing_module },
	{ "disabled resource needs no module",
	    test_missing_module_disabled_resource },
	{ "Installed_nodes", test_installed_nodes },
	{ "no quorum", test_no_quorum },
	{ "Auto_start_on_new_cluster", test_auto_start_new_cluster },
	{ "Error_stop_failed blocks", test_stop_failed_blocks },
	{ "Error_stop_failed, scalable",
	    test_stop_failed_scalable_keeps_others },
	{ "frozen double primary trimmed", test_frozen_double_primary },
	{ "unclean node freezes", test_unclean_node_freezes },
	{ NULL, NULL },
};

int
tu_suite_placement_eligibility(void)
{
	return tu_add_suite("placement_eligibility", pf_suite_init,
	    pf_suite_clean, tests);
}
