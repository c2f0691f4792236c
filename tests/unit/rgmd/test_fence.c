// SPDX-License-Identifier: MIT
/*
 * test_fence.c - suite "fence" (rgmd/fence_state.c): what one node knows
 * of another about fencing, driven as the membership would. A node that
 * leaves is pending with a fence_command (its groups frozen: unclean) and
 * taken as dead without one; a success ends the pending of that boot
 * only, and leaving again in the fenced boot needs no second fence; a
 * node seen back is neither pending nor fenced; an rgmd gone while the
 * node stays is waited for rgmd_rejoin_timeout, then fenced when it hosts
 * groups (or "gone" with no command), and its return in time cancels the
 * wait; the retry backoff doubles from 1 s and stops at 30 s; a node
 * never seen with its rgmd is neither waited for nor fenced.
 */
#include <stdint.h>
#include <string.h>

#include "fence.h"
#include "tu.h"

static const struct fence_policy with_cmd = { true, 5000 };
static const struct fence_policy no_cmd = { false, 5000 };

/* A node seen up with its rgmd at t=100, boot b1. */
static struct fence_node
member(void)
{
	struct fence_node f;

	memset(&f, 0, sizeof(f));
	f.id = 2;
	snprintf(f.boot, sizeof(f.boot), "b1");
	CU_ASSERT_EQUAL(fence_observe(&f, true, true, true, &with_cmd, 100),
	    FENCE_NO_CHANGE);
	return f;
}

static void
test_left_pending_until_fenced(void)
{
	struct fence_node f = member();

	CU_ASSERT_FALSE(fence_node_is_unclean(&f, true, true));
	CU_ASSERT_EQUAL(fence_observe(&f, false, false, true, &with_cmd, 200),
	    FENCE_NOW_PENDING);
	CU_ASSERT_TRUE(f.pending);
	CU_ASSERT_STRING_EQUAL(f.pending_boot, "b1");
	CU_ASSERT_TRUE(fence_node_is_unclean(&f, false, false));
	CU_ASSERT_TRUE(fence_is_due(&f, 200));
	/* Observing again changes nothing. */
	CU_ASSERT_EQUAL(fence_observe(&f, false, false, true, &with_cmd, 300),
	    FENCE_NO_CHANGE);
	/* A result for another boot is stale. */
	CU_ASSERT_FALSE(fence_mark_fenced(&f, "b0"));
	CU_ASSERT_TRUE(f.pending);
	CU_ASSERT_TRUE(fence_mark_fenced(&f, "b1"));
	CU_ASSERT_FALSE(f.pending);
	CU_ASSERT_FALSE(fence_node_is_unclean(&f, false, false));
	CU_ASSERT_FALSE(fence_is_due(&f, 10000));
	/* Told again (the president's own ORDER): nothing new. */
	CU_ASSERT_FALSE(fence_mark_fenced(&f, "b1"));
}

static void
test_no_command_is_dead(void)
{
	struct fence_node f = member();

	CU_ASSERT_EQUAL(fence_observe(&f, false, false, true, &no_cmd, 200),
	    FENCE_NO_CHANGE);
	CU_ASSERT_FALSE(f.pending);
	CU_ASSERT_FALSE(fence_node_is_unclean(&f, false, false));
}

static void
test_back_ends_pending(void)
{
	struct fence_node f = member();
	uint32_t seq;

	fence_observe(&f, false, false, true, &with_cmd, 200);
	seq = f.seq;
	/* In the membership again (a new boot, or a partition healed). */
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, false, &with_cmd, 300),
	    FENCE_CAME_BACK);
	CU_ASSERT_FALSE(f.pending);
	/* A result of the attempt begun before is stale now. */
	CU_ASSERT_FALSE(fence_mark_fenced(&f, "b1"));
	/* It leaves again: a new pending, another sequence number. */
	CU_ASSERT_EQUAL(fence_observe(&f, false, false, true, &with_cmd, 400),
	    FENCE_NOW_PENDING);
	CU_ASSERT_NOT_EQUAL(f.seq, seq);
}

static void
test_rgmd_gone_then_fenced(void)
{
	struct fence_node f = member();

	/* rgmd dies, the node stays: waited for, unclean meanwhile. */
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, true, &with_cmd, 1000),
	    FENCE_NO_CHANGE);
	CU_ASSERT_TRUE(fence_node_is_unclean(&f, true, false));
	CU_ASSERT_EQUAL(fence_deadline(&f, &with_cmd), 6000);
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, true, &with_cmd, 5999),
	    FENCE_NO_CHANGE);
	CU_ASSERT_FALSE(f.pending);
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, true, &with_cmd, 6000),
	    FENCE_NOW_PENDING);
	CU_ASSERT_EQUAL(fence_deadline(&f, &with_cmd), UINT64_MAX);
	CU_ASSERT_TRUE(fence_mark_fenced(&f, "b1"));
	/* Fenced: its groups may move though corosync still lists it. */
	CU_ASSERT_FALSE(fence_node_is_unclean(&f, true, false));
	/* The fence took it down: leaving in that boot needs no fence. */
	CU_ASSERT_EQUAL(fence_observe(&f, false, false, true, &with_cmd, 7000),
	    FENCE_NO_CHANGE);
	CU_ASSERT_FALSE(f.pending);
	CU_ASSERT_FALSE(fence_node_is_unclean(&f, false, false));
	/* Back in a new boot, then down again: fenced again. */
	fence_observe(&f, true, true, true, &with_cmd, 8000);
	snprintf(f.boot, sizeof(f.boot), "b2");
	CU_ASSERT_FALSE(f.fenced);
	CU_ASSERT_EQUAL(fence_observe(&f, false, false, true, &with_cmd, 9000),
	    FENCE_NOW_PENDING);
	CU_ASSERT_STRING_EQUAL(f.pending_boot, "b2");
}

static void
test_rgmd_back_in_time(void)
{
	struct fence_node f = member();

	fence_observe(&f, true, false, true, &with_cmd, 1000);
	CU_ASSERT_EQUAL(fence_observe(&f, true, true, true, &with_cmd, 3000),
	    FENCE_CAME_BACK);
	CU_ASSERT_EQUAL(fence_deadline(&f, &with_cmd), UINT64_MAX);
	CU_ASSERT_EQUAL(fence_observe(&f, true, true, true, &with_cmd, 90000),
	    FENCE_NO_CHANGE);
	CU_ASSERT_FALSE(fence_node_is_unclean(&f, true, true));
	/* Back while pending (after the timeout): the pending ends. */
	fence_observe(&f, true, false, true, &with_cmd, 100000);
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, true, &with_cmd,
	    105000), FENCE_NOW_PENDING);
	CU_ASSERT_EQUAL(fence_observe(&f, true, true, true, &with_cmd, 106000),
	    FENCE_CAME_BACK);
	CU_ASSERT_FALSE(f.pending);
}

static void
test_rgmd_gone_without_command(void)
{
	struct fence_node f = member();

	fence_observe(&f, true, false, true, &no_cmd, 1000);
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, true, &no_cmd, 6000),
	    FENCE_NOW_GONE);
	CU_ASSERT_TRUE(f.gone);
	CU_ASSERT_FALSE(f.pending);
	/* Its groups stay where they were. */
	CU_ASSERT_TRUE(fence_node_is_unclean(&f, true, false));
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, true, &no_cmd, 9000),
	    FENCE_NO_CHANGE);
	CU_ASSERT_EQUAL(fence_observe(&f, true, true, true, &no_cmd, 9500),
	    FENCE_CAME_BACK);
	CU_ASSERT_FALSE(f.gone);
}

static void
test_rgmd_gone_hosting_nothing(void)
{
	struct fence_node f = member();

	fence_observe(&f, true, false, false, &with_cmd, 1000);
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, false, &with_cmd,
	    6000), FENCE_NO_CHANGE);
	CU_ASSERT_TRUE(f.gone);
	CU_ASSERT_FALSE(f.pending);
}

static void
test_never_seen_rgmd(void)
{
	struct fence_node f;

	memset(&f, 0, sizeof(f));
	f.id = 3;
	/* First seen up without its rgmd: no wait begins. */
	fence_observe(&f, true, false, true, &with_cmd, 100);
	CU_ASSERT_EQUAL(fence_deadline(&f, &with_cmd), UINT64_MAX);
	CU_ASSERT_EQUAL(fence_observe(&f, true, false, true, &with_cmd,
	    100000), FENCE_NO_CHANGE);
	CU_ASSERT_FALSE(f.pending);
	/* First seen down: not pending. */
	memset(&f, 0, sizeof(f));
	fence_observe(&f, false, false, true, &with_cmd, 100);
	CU_ASSERT_EQUAL(fence_observe(&f, false, false, true, &with_cmd, 200),
	    FENCE_NO_CHANGE);
	CU_ASSERT_FALSE(f.pending);
}

static void
test_backoff(void)
{
	struct fence_node f = member();

	CU_ASSERT_EQUAL(fence_backoff_ms(1), 1000);
	CU_ASSERT_EQUAL(fence_backoff_ms(2), 2000);
	CU_ASSERT_EQUAL(fence_backoff_ms(3), 4000);
	CU_ASSERT_EQUAL(fence_backoff_ms(5), 16000);
	CU_ASSERT_EQUAL(fence_backoff_ms(6), FENCE_RETRY_MAX_MS);
	CU_ASSERT_EQUAL(fence_backoff_ms(1000), FENCE_RETRY_MAX_MS);
	fence_observe(&f, false, false, true, &with_cmd, 500);
	fence_failed(&f, 1000);
	CU_ASSERT_EQUAL(f.attempts, 1);
	CU_ASSERT_FALSE(fence_is_due(&f, 1999));
	CU_ASSERT_TRUE(fence_is_due(&f, 2000));
	fence_failed(&f, 2000);
	CU_ASSERT_EQUAL(f.next_ms, 4000);
	CU_ASSERT_TRUE(f.pending);
	/* A success resets the count. */
	CU_ASSERT_TRUE(fence_mark_fenced(&f, "b1"));
	CU_ASSERT_EQUAL(f.attempts, 0);
}

static const struct tu_test fence_tests[] = {
	{ "a node that left is pending until fenced",
	    test_left_pending_until_fenced },
	{ "without fence_command a node that left is dead",
	    test_no_command_is_dead },
	{ "a node back is no longer pending", test_back_ends_pending },
	{ "rgmd gone past the timeout: fenced once",
	    test_rgmd_gone_then_fenced },
	{ "rgmd back in time: no fence", test_rgmd_back_in_time },
	{ "rgmd gone, no fence_command: gone, kept",
	    test_rgmd_gone_without_command },
	{ "rgmd gone hosting nothing: not fenced",
	    test_rgmd_gone_hosting_nothing },
	{ "a node never seen with rgmd: no wait", test_never_seen_rgmd },
	{ "retry backoff doubles up to its bound", test_backoff },
	{ NULL, NULL },
};

int
tu_suite_fence(void)
{
	return tu_add_suite("fence", NULL, NULL, fence_tests);
}
