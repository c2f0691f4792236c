// SPDX-License-Identifier: MIT
/*
 * test_placement_failover.c - suite "placement_failover"
 * (rgmd/placement.c and placement_text.c): what moves a group: Failback
 * FALSE and TRUE, the loss and the return of a node (failover and scalable
 * groups), Pingpong_interval after a failure, and a give-over (scha_control
 * GIVEOVER) with or without a node to go to.
 * The situations come from placement_fixture.h.
 */
#include "placement_fixture.h"
#include "tu.h"

/* ---- Failback, node loss and join ---- */

static void
test_failback_false_stays(void)
{
	pf_begin(2);
	pf_grp("g1", "n1,n2", TU_NONE);
	pf_on("g1", "n2");
	pf_run();
	WHERE("g1", "n2");
	ACTS("");
	pf_end();
}

static void
test_failback_true_moves_back(void)
{
	pf_begin(2);
	pf_grp("g1", "n1,n2", TU_ASSIGN("Failback=TRUE"));
	pf_on("g1", "n2");
	pf_run();
	WHERE("g1", "n1");
	ACTS("stop g1@n2 start g1@n1");
	pf_end();
}

static void
test_node_loss_moves(void)
{
	pf_begin(3);
	pf_grp("g1", "n1,n2,n3", TU_NONE);
	pf_on("g1", "n1");
	pf_down("n1");
	pf_run();
	WHERE("g1", "n2");
	ACTS("start g1@n2");	/* nothing to stop on a dead node */
	pf_end();
}

static void
test_scalable_loss_third_takes_over(void)
{
	pf_begin(3);
	pf_grp("gs", "", SCALABLE(2, 2));
	pf_on("gs", "n1");
	pf_on("gs", "n2");
	pf_down("n1");
	pf_run();
	WHERE("gs", "n2,n3");
	ACTS("start gs@n3");
	pf_end();
}

static void
test_scalable_join_failback(void)
{
	/* n1 came back; Failback FALSE keeps n2,n3; TRUE moves to n1,n2. */
	pf_begin(3);
	pf_grp("gs", "", SCALABLE(2, 2));
	pf_grp("gt", "", TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=2",
	    "Desired_primaries=2", "Failback=TRUE"));
	pf_on("gs", "n2");
	pf_on("gs", "n3");
	pf_on("gt", "n2");
	pf_on("gt", "n3");
	pf_run();
	WHERE("gs", "n2,n3");
	WHERE("gt", "n1,n2");
	ACTS("stop gt@n3 start gt@n1");
	pf_end();
}

static void
test_join_fills_partial(void)
{
	pf_begin(3);
	pf_grp("gs", "", SCALABLE(3, 3));
	pf_on("gs", "n1");
	pf_on("gs", "n2");
	pf_run();
	WHERE("gs", "n1,n2,n3");
	ACTS("start gs@n3");
	pf_end();
}

/* ---- Pingpong and give-over ---- */

static void
test_pingpong_avoids(void)
{
	pf_begin(3);
	pf_grp("g1", "n1,n2,n3", TU_ASSIGN("Pingpong_interval=3600"));
	pf_at("g1", "n1")->failed_at = pf_in.now - 100;
	pf_run();
	WHERE("g1", "n2");
	pf_end();
}

static void
test_pingpong_expired(void)
{
	pf_begin(3);
	pf_grp("g1", "n1,n2,n3", TU_ASSIGN("Pingpong_interval=3600"));
	pf_at("g1", "n1")->failed_at = pf_in.now - 3600;
	pf_run();
	WHERE("g1", "n1");
	pf_end();
}

static void
test_pingpong_everywhere(void)
{
	pf_begin(2);
	pf_grp("g1", "n1,n2", TU_ASSIGN("Pingpong_interval=600"));
	pf_at("g1", "n1")->failed_at = pf_in.now - 10;
	pf_at("g1", "n2")->failed_at = pf_in.now - 20;
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "Pingpong");
	IS_UNBLOCKED("g1");
	TU_ASSERT_HAS(pf_text("g1"), "failed on node n1 10 s ago, within "
	    "Pingpong_interval 600");
	pf_end();
}

static void
test_pingpong_zero(void)
{
	pf_begin(2);
	pf_grp("g1", "n1,n2", TU_ASSIGN("Pingpong_interval=0"));
	pf_at("g1", "n1")->failed_at = pf_in.now;
	pf_run();
	WHERE("g1", "n1");
	pf_end();
}

static void
test_pingpong_keeps_running(void)
{
	/* A recent failure does not evict a group that runs there now. */
	pf_begin(2);
	pf_grp("g1", "n1,n2", TU_NONE);
	pf_on("g1", "n1");
	pf_at("g1", "n1")->failed_at = pf_in.now - 5;
	pf_run();
	WHERE("g1", "n1");
	ACTS("");
	pf_end();
}

static void
test_giveover_moves(void)
{
	pf_begin(3);
	pf_grp("g1", "n1,n2,n3", TU_ASSIGN("Pingpong_interval=0"));
	pf_on("g1", "n1");
	pf_at("g1", "n1")->giveover = true;
	pf_at("g1", "n1")->failed_at = pf_in.now;
	pf_run();
	WHERE("g1", "n2");
	ACTS("stop g1@n1 start g1@n2");
	pf_end();
}

static void
test_giveover_honours_pingpong(void)
{
	pf_begin(3);
	pf_grp("g1", "n1,n2,n3", TU_NONE);
	pf_on("g1", "n1");
	pf_at("g1", "n1")->giveover = true;
	pf_at("g1", "n2")->failed_at = pf_in.now - 60;
	pf_run();
	WHERE("g1", "n3");
	ACTS("stop g1@n1 start g1@n3");
	pf_end();
}

static void
test_giveover_nowhere(void)
{
	pf_begin(1);
	pf_grp("g1", "n1", TU_NONE);
	pf_on("g1", "n1");
	pf_at("g1", "n1")->giveover = true;
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "Giveover");
	ACTS("stop g1@n1");
	TU_ASSERT_HAS(pf_text("g1"), "given over from node n1");
	pf_end();
}

static const struct tu_test tests[] = {
	{ "Failback FALSE stays", test_failback_false_stays },
	{ "Failback TRUE moves back", test_failback_true_moves_back },
	{ "node loss moves the group", test_node_loss_moves },
	{ "scalable: third node takes over",
	    test_scalable_loss_third_takes_over },
	{ "scalable: join and Failback", test_scalable_join_failback },
	{ "join fills a partial group", test_join_fills_partial },
	{ "Pingpong avoids the node", test_pingpong_avoids },
	{ "Pingpong expired", test_pingpong_expired },
	{ "Pingpong everywhere", test_pingpong_everywhere },
	{ "Pingpong_interval 0", test_pingpong_zero },
	{ "Pingpong keeps a running group", test_pingpong_keeps_running },
	{ "give-over moves", test_giveover_moves },
	{ "give-over honours Pingpong", test_giveover_honours_pingpong },
	{ "give-over with nowhere to go", test_giveover_nowhere },
	{ NULL, NULL },
};

int
tu_suite_placement_failover(void)
{
	return tu_add_suite("placement_failover", pf_suite_init,
	    pf_suite_clean, tests);
}
