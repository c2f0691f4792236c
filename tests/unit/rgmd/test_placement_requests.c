// SPDX-License-Identifier: MIT
/*
 * test_placement_requests.c - suite "placement_requests"
 * (rgmd/placement.c and placement_text.c): the operator's requests:
 * evacuate a node, switch (refused by Pingpong, of a scalable group, to a
 * down node), take offline, and a group still stopping on the node it is
 * switched away from.
 * The situations come from placement_fixture.h.
 */
#include "placement.h"
#include "placement_fixture.h"
#include "tu.h"

static void
test_evacuate(void)
{
	pf_begin(3);
	pf_grp("g1", "", TU_NONE);
	pf_grp("gs", "", SCALABLE(3, 3));
	pf_on("g1", "n1");
	pf_on("gs", "n1");
	pf_on("gs", "n2");
	pf_on("gs", "n3");
	pf_nodes[pf_ni("n1")].evacuating = true;
	pf_run();
	WHERE("g1", "n2");
	WHERE("gs", "n2,n3");
	ACTS("stop gs@n1 stop g1@n1 start g1@n2");
	pf_end();
}

static void
test_switch_request(void)
{
	pf_begin(3);
	pf_grp("g1", "", TU_ASSIGN("Failback=TRUE"));
	pf_on("g1", "n1");
	pf_switch_to("g1", "n3", NULL);
	pf_run();
	WHERE("g1", "n3");
	ACTS("stop g1@n1 start g1@n3");
	pf_end();
}

static void
test_switch_refused_pingpong(void)
{
	pf_begin(3);
	pf_grp("g1", "", TU_NONE);
	pf_on("g1", "n1");
	pf_at("g1", "n3")->failed_at = pf_in.now - 30;
	pf_switch_to("g1", "n3", NULL);
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "Pingpong");
	pf_end();
}

static void
test_switch_scalable(void)
{
	pf_begin(4);
	pf_grp("gs", "", SCALABLE(3, 2));
	pf_on("gs", "n1");
	pf_on("gs", "n2");
	pf_switch_to("gs", "n3", "n4");
	pf_run();
	WHERE("gs", "n3,n4");
	ACTS("stop gs@n1 stop gs@n2 start gs@n3 start gs@n4");
	pf_end();
}

static void
test_switch_node_down(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	pf_down("n2");
	pf_switch_to("g1", "n2", NULL);
	pf_run();
	WHY("g1", "No_node");
	TU_ASSERT_HAS(pf_text("g1"), "that the switch names");
	pf_end();
}

static void
test_offline_request(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	pf_on("g1", "n2");
	pf_req[pf_gi("g1")].kind = PLACEMENT_REQ_OFFLINE;
	pf_run();
	WHERE("g1", "-");
	WHY("g1", "Offline_requested");
	ACTS("stop g1@n2");
	pf_end();
}

static void
test_pending_offline_is_stopped_first(void)
{
	/* Still stopping on n1: the stop is listed before the start, so
	 * a failover group is never on two nodes at once. */
	pf_begin(2);
	pf_grp("g1", "n2,n1", TU_ASSIGN("Failback=TRUE"));
	pf_at("g1", "n1")->state = RG_PENDING_OFFLINE;
	pf_run();
	WHERE("g1", "n2");
	ACTS("stop g1@n1 start g1@n2");
	pf_end();
}

static const struct tu_test tests[] = {
	{ "evacuate", test_evacuate },
	{ "switch", test_switch_request },
	{ "switch refused by Pingpong", test_switch_refused_pingpong },
	{ "switch scalable", test_switch_scalable },
	{ "switch to a down node", test_switch_node_down },
	{ "offline request", test_offline_request },
	{ "Pending_offline stopped first",
	    test_pending_offline_is_stopped_first },
	{ NULL, NULL },
};

int
tu_suite_placement_requests(void)
{
	return tu_add_suite("placement_requests", pf_suite_init,
	    pf_suite_clean, tests);
}
