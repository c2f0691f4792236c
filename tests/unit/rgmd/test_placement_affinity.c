// SPDX-License-Identifier: MIT
/*
 * test_placement_affinity.c - suite "placement_affinity"
 * (rgmd/placement.c): RG_affinities strong and weak, positive and
 * negative, +++ taken as ++, weak affinities adding up, conflicts, scalable
 * groups; the parser, the check, and the configuration repository refusing
 * what the check refuses.
 * The situations come from placement_fixture.h.
 */
#include "ccr.h"
#include "placement.h"
#include "placement_fixture.h"
#include "props.h"
#include "tu.h"

static void
test_affinity_strong_positive(void)
{
	pf_begin(3);
	pf_grp("g1", "n2,n1,n3", TU_NONE);
	pf_grp("g2", "n1,n2,n3", TU_ASSIGN("RG_affinities=++g1"));
	pf_run();
	WHERE("g1", "n2");
	WHERE("g2", "n2");
	ACTS("start g1@n2 start g2@n2");
	pf_end();
}

static void
test_affinity_strong_positive_follows(void)
{
	pf_begin(3);
	pf_grp("g2", "", TU_NONE);
	pf_grp("g1", "", TU_NONE);
	pf_chg("g2", TU_ASSIGN("RG_affinities=++g1"));
	pf_on("g1", "n1");
	pf_on("g2", "n1");
	pf_down("n1");
	pf_run();
	WHERE("g1", "n2");
	WHERE("g2", "n2");
	ACTS("start g1@n2 start g2@n2");
	pf_end();
}

static void
test_affinity_strong_positive_blocked(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	pf_grp("g2", "", TU_ASSIGN("RG_affinities=++g1"));
	pf_req[pf_gi("g1")].kind = PLACEMENT_REQ_OFFLINE;
	pf_run();
	WHERE("g2", "-");
	WHY("g2", "Affinity");
	IS_BLOCKED("g2");
	TU_ASSERT_HAS(pf_text("g2"), "RG_affinities with group g1");
	pf_end();
}

static void
test_affinity_strong_positive_target_ineligible(void)
{
	/* The only node it may follow g1 to is in Pingpong. */
	pf_begin(2);
	pf_grp("g1", "n1", TU_NONE);
	pf_grp("g2", "n1,n2", TU_ASSIGN("RG_affinities=++g1"));
	pf_at("g2", "n1")->failed_at = pf_in.now - 1;
	pf_run();
	WHERE("g1", "n1");
	WHERE("g2", "-");
	IS_BLOCKED("g2");
	pf_end();
}

static void
test_affinity_delegate_as_strong(void)
{
	pf_begin(2);
	pf_grp("g1", "n2,n1", TU_NONE);
	pf_grp("g2", "", TU_ASSIGN("RG_affinities=+++g1"));
	pf_run();
	WHERE("g2", "n2");
	pf_end();
}

static void
test_affinity_strong_negative(void)
{
	pf_begin(3);
	pf_grp("g1", "", TU_NONE);
	pf_grp("g2", "", TU_ASSIGN("RG_affinities=--g1"));
	pf_run();
	WHERE("g1", "n1");
	WHERE("g2", "n2");
	pf_end();
}

static void
test_affinity_strong_negative_evicts(void)
{
	/* g1 fails over onto g2's node: g2 leaves it first. */
	pf_begin(3);
	pf_grp("g2", "n2,n3", TU_NONE);
	pf_grp("g1", "n1,n2", TU_NONE);
	pf_chg("g2", TU_ASSIGN("RG_affinities=--g1"));
	pf_on("g1", "n1");
	pf_on("g2", "n2");
	pf_down("n1");
	pf_run();
	WHERE("g1", "n2");
	WHERE("g2", "n3");
	ACTS("stop g2@n2 start g1@n2 start g2@n3");
	pf_end();
}

static void
test_affinity_strong_negative_no_room(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	pf_grp("g2", "", TU_ASSIGN("RG_affinities=--g1"));
	pf_down("n2");
	pf_run();
	WHERE("g1", "n1");
	WHERE("g2", "-");
	WHY("g2", "Affinity");
	IS_BLOCKED("g2");
	pf_end();
}

static void
test_affinity_strong_negative_stop_failed(void)
{
	/* A group stuck in Error_stop_failed on a node still repels. */
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	pf_grp("g2", "", TU_ASSIGN("RG_affinities=--g1"));
	pf_at("g1", "n1")->state = RG_ERROR_STOP_FAILED;
	pf_run();
	WHERE("g2", "n2");
	pf_end();
}

static void
test_affinity_weak_positive(void)
{
	pf_begin(3);
	pf_grp("g1", "n3,n1,n2", TU_NONE);
	pf_grp("g2", "n1,n2,n3", TU_ASSIGN("RG_affinities=+g1"));
	pf_run();
	WHERE("g2", "n3");
	pf_end();
}

static void
test_affinity_weak_positive_yields(void)
{
	/* Preferred node lacks g2's module: weak affinity gives way. */
	pf_begin(3);
	pf_grp("g1", "n3,n1,n2", TU_NONE);
	pf_grp("g2", "n1,n2,n3", TU_ASSIGN("RG_affinities=+g1"));
	pf_rsc("r2", "g2", "TEST.b", TU_NONE);
	pf_lack("TEST.b", "n3");
	pf_run();
	WHERE("g1", "n3");
	WHERE("g2", "n1");
	pf_end();
}

static void
test_affinity_weak_negative(void)
{
	pf_begin(2);
	pf_grp("g1", "", TU_NONE);
	pf_grp("g2", "", TU_ASSIGN("RG_affinities=-g1"));
	pf_run();
	WHERE("g2", "n2");
	pf_down("n2");
	pf_run();
	WHERE("g2", "n1");	/* weak: better together than nowhere */
	pf_end();
}

static void
test_affinity_weak_vs_failback_false(void)
{
	pf_begin(2);
	pf_grp("g1", "n2,n1", TU_NONE);
	pf_grp("g2", "n1,n2", TU_ASSIGN("RG_affinities=+g1"));
	pf_on("g1", "n2");
	pf_on("g2", "n1");
	pf_run();
	WHERE("g2", "n1");	/* stays where it runs */
	ACTS("");
	pf_end();
}

static void
test_affinity_weak_sum(void)
{
	/* +g1 and +g3 on n3 outweigh -g2 ... on n3 too; n2 has only g1. */
	pf_begin(3);
	pf_grp("g1", "n3", TU_NONE);
	pf_grp("g3", "n3", TU_NONE);
	pf_grp("g2", "n3", TU_NONE);
	pf_grp("g4", "n1,n2,n3", TU_ASSIGN("RG_affinities=+g1,+g3,-g2"));
	pf_run();
	WHERE("g4", "n3");
	pf_end();
}

static void
test_affinity_conflict(void)
{
	pf_begin(2);
	pf_grp("g1", "n1", TU_NONE);
	pf_grp("g2", "n1", TU_NONE);
	pf_grp("g3", "", TU_ASSIGN("RG_affinities=++g1,--g2"));
	pf_run();
	WHERE("g3", "-");
	WHY("g3", "Affinity");
	IS_BLOCKED("g3");
	pf_end();
}

static void
test_affinity_scalable_follow(void)
{
	/* A scalable group ++ a scalable group: only where it runs. */
	pf_begin(4);
	pf_grp("ga", "", SCALABLE(2, 2));
	pf_grp("gb", "", TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=4",
	    "Desired_primaries=4", "RG_affinities=++ga"));
	pf_run();
	WHERE("ga", "n1,n2");
	WHERE("gb", "n1,n2");
	WHY("gb", "Partial");
	pf_end();
}

static void
test_affinity_parse(void)
{
	enum placement_affinity k;
	const char *t;

	CU_ASSERT_EQUAL(placement_affinity_parse("++db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_STRONG_POS);
	CU_ASSERT_STRING_EQUAL(t, "db");
	CU_ASSERT_EQUAL(placement_affinity_parse("+db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_WEAK_POS);
	CU_ASSERT_EQUAL(placement_affinity_parse("--db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_STRONG_NEG);
	CU_ASSERT_EQUAL(placement_affinity_parse("-db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_WEAK_NEG);
	CU_ASSERT_EQUAL(placement_affinity_parse("+++db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_DELEGATE);
	CU_ASSERT_EQUAL(placement_affinity_parse("db", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("++", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("++++db", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("---db", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("+-db", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("", &k, &t), -1);
}

/* Set RG_affinities without the ccr's checks (as a hand-edited file). */
static void
set_affinities(const char *g, char *v)
{
	struct prop_value pv = { .type = PROP_STRINGARRAY, .v = &v, .n = 1 };

	CU_ASSERT_EQUAL_FATAL(prop_list_set(&ccr_group(pf_c, g)->props,
	    "RG_affinities", &pv), 0);
}

static void
test_affinity_check(void)
{
	struct prop_value two = { .type = PROP_STRINGARRAY,
		.v = (char *[]){ "++g1", "-g1" }, .n = 2 };

	pf_begin(1);
	pf_grp("g1", "", TU_NONE);
	pf_grp("g2", "", TU_NONE);
	CU_ASSERT_EQUAL_FATAL(prop_list_set(&ccr_group(pf_c, "g2")->props,
	    "RG_affinities", &two), 0);
	CU_ASSERT_EQUAL(placement_check_affinities(pf_c, ccr_group(pf_c, "g2"),
	    pf_err, sizeof(pf_err)), -1);
	TU_ASSERT_HAS(pf_err, "names g1 twice");
	set_affinities("g2", "g1");
	CU_ASSERT_EQUAL(placement_check_affinities(pf_c, ccr_group(pf_c, "g2"),
	    pf_err, sizeof(pf_err)), -1);
	TU_ASSERT_HAS(pf_err, "'g1' is not ++, +, --, - or +++");
	set_affinities("g2", "--nope");
	CU_ASSERT_EQUAL(placement_check_affinities(pf_c, ccr_group(pf_c, "g2"),
	    pf_err, sizeof(pf_err)), -1);
	TU_ASSERT_HAS(pf_err, "names nope, which is not a group");
	set_affinities("g2", "--g2");
	CU_ASSERT_EQUAL(placement_check_affinities(pf_c, ccr_group(pf_c, "g2"),
	    pf_err, sizeof(pf_err)), -1);
	TU_ASSERT_HAS(pf_err, "the group itself");
	set_affinities("g2", "--g1");
	OK(placement_check_affinities(pf_c, ccr_group(pf_c, "g2"), pf_err,
	    sizeof(pf_err)));
	pf_end();
}

/* The repository refuses what placement_check_affinities refuses, and
 * keeps a group named in another's RG_affinities. */
static void
test_affinity_ccr(void)
{
	pf_begin(1);
	pf_grp("g1", "", TU_NONE);
	CU_ASSERT_EQUAL(ccr_group_add(pf_c, "g2", NULL, 0,
	    TU_ASSIGN("RG_affinities=++nope"), pf_err, sizeof(pf_err)), -1);
	TU_ASSERT_HAS(pf_err, "names nope, which is not a group");
	CU_ASSERT_PTR_NULL(ccr_group(pf_c, "g2"));
	pf_grp("g2", "", TU_ASSIGN("RG_affinities=-g1"));
	CU_ASSERT_EQUAL(ccr_group_change(pf_c, "g2", NULL, 0,
	    TU_ASSIGN("RG_affinities=*g1"), pf_err, sizeof(pf_err)), -1);
	TU_ASSERT_HAS(pf_err, "'*g1' is not ++");
	CU_ASSERT_STRING_EQUAL(ccr_rg_value(ccr_group(pf_c, "g2"),
	    "RG_affinities")->v[0], "-g1");
	CU_ASSERT_EQUAL(ccr_group_remove(pf_c, "g1", pf_err, sizeof(pf_err)),
	    -1);
	TU_ASSERT_HAS(pf_err,
	    "resource group g1 is named in RG_affinities of g2");
	OK(ccr_group_remove(pf_c, "g2", pf_err, sizeof(pf_err)));
	OK(ccr_group_remove(pf_c, "g1", pf_err, sizeof(pf_err)));
	pf_end();
}

static const struct tu_test tests[] = {
	{ "affinity ++", test_affinity_strong_positive },
	{ "affinity ++ follows", test_affinity_strong_positive_follows },
	{ "affinity ++ blocked", test_affinity_strong_positive_blocked },
	{ "affinity ++ target node ineligible",
	    test_affinity_strong_positive_target_ineligible },
	{ "affinity +++ as ++", test_affinity_delegate_as_strong },
	{ "affinity --", test_affinity_strong_negative },
	{ "affinity -- evicts", test_affinity_strong_negative_evicts },
	{ "affinity -- no room", test_affinity_strong_negative_no_room },
	{ "affinity -- and Error_stop_failed",
	    test_affinity_strong_negative_stop_failed },
	{ "affinity +", test_affinity_weak_positive },
	{ "affinity + yields to eligibility",
	    test_affinity_weak_positive_yields },
	{ "affinity -", test_affinity_weak_negative },
	{ "affinity + vs Failback FALSE",
	    test_affinity_weak_vs_failback_false },
	{ "weak affinities add up", test_affinity_weak_sum },
	{ "affinity conflict", test_affinity_conflict },
	{ "scalable ++ scalable", test_affinity_scalable_follow },
	{ "affinity parse", test_affinity_parse },
	{ "affinity check", test_affinity_check },
	{ "affinities in the repository", test_affinity_ccr },
	{ NULL, NULL },
};

int
tu_suite_placement_affinity(void)
{
	return tu_add_suite("placement_affinity", pf_suite_init,
	    pf_suite_clean, tests);
}
