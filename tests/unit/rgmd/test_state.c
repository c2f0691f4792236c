// SPDX-License-Identifier: MIT
/*
 * test_state.c - suite "state" (rgmd/state.c): changes are checked (bad
 * state values, changes about another node, unnamed objects refused and
 * nothing changed); setters create what they name; reads of unknown
 * objects give the defaults without creating them; the state is stored
 * only when it changed and reads back as it was; forgetting; deriving a
 * group's state; Pingpong_interval; the commit of a configuration; the
 * record of the last configuration generation stored.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime.h"
#include "state.h"
#include "tu.h"

static void
setup(void)
{
	static const char *const res[] = { "a", "b" };

	CU_ASSERT_EQUAL_FATAL(tu_rig_setup(), 0);
	CU_ASSERT_EQUAL_FATAL(tu_rig_group("g1", res, 2), 0);
}

static void
test_refused_changes(void)
{
	struct state_change c = { .kind = STATE_R_STATE, .i = R_N_STATES };

	setup();
	snprintf(c.node, sizeof(c.node), "node1");
	snprintf(c.name, sizeof(c.name), "a");
	CU_ASSERT_EQUAL(state_apply(&c), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	c.i = R_ONLINE;
	snprintf(c.node, sizeof(c.node), "node2");
	CU_ASSERT_EQUAL(state_apply(&c), -1);
	CU_ASSERT_EQUAL(errno, EXDEV);
	c.kind = STATE_N_KINDS;
	snprintf(c.node, sizeof(c.node), "node1");
	CU_ASSERT_EQUAL(state_apply(&c), -1);
	CU_ASSERT_EQUAL(state_set_r_state("", R_ONLINE), -1);
	CU_ASSERT_EQUAL(rgmd.rt.nr, 0);
	CU_ASSERT_PTR_NULL(fsm_res(&rgmd.rt, "a", false));
	c.kind = STATE_R_STATE;
	CU_ASSERT_EQUAL(state_apply(&c), 0);
	CU_ASSERT_EQUAL(state_r("a")->state, R_ONLINE);
	CU_ASSERT_STRING_EQUAL(state_kind_name(STATE_R_STATE), "r-state");
	CU_ASSERT_FALSE(state_kind_is_shared(STATE_R_RUNNER));
	CU_ASSERT_TRUE(state_kind_is_shared(STATE_RG_WANT));
	tu_rig_teardown();
}

static void
test_defaults_not_created(void)
{
	setup();
	CU_ASSERT_EQUAL(state_r("nosuch")->state, R_OFFLINE);
	CU_ASSERT_STRING_EQUAL(state_r("nosuch")->status, "OFFLINE");
	CU_ASSERT_EQUAL(state_rg("nosuch")->state, RG_UNMANAGED);
	CU_ASSERT_FALSE(state_rg("nosuch")->want_online);
	CU_ASSERT_EQUAL(rgmd.rt.nr + rgmd.rt.ng, 0);
	tu_rig_teardown();
}

static void
test_saved_when_changed(void)
{
	struct runtime back = { 0 };
	struct stat st;
	char err[512];

	setup();
	CU_ASSERT_EQUAL(state_save(NULL, 0), 0);	/* nothing changed */
	CU_ASSERT_NOT_EQUAL(stat(rgmd.rt_path, &st), 0);
	state_set_boot_id("boot-1");
	state_set_rg_want("g1", true);
	state_set_r_state("a", R_ONLINE);
	state_set_r_status("a", "DEGRADED", "slow");
	state_set_rg_giveover("g1", 1234);
	CU_ASSERT_EQUAL(state_save(NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(runtime_load(&back, rgmd.rt_path, err,
	    sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(back.boot_id, "boot-1");
	CU_ASSERT_TRUE(fsm_group(&back, "g1", false)->want_online);
	CU_ASSERT_EQUAL(fsm_group(&back, "g1", false)->giveover_at, 1234);
	CU_ASSERT_EQUAL(fsm_res(&back, "a", false)->state, R_ONLINE);
	CU_ASSERT_STRING_EQUAL(fsm_res(&back, "a", false)->status_msg, "slow");
	fsm_runtime_free(&back);
	/* Setting what is already there stores nothing. */
	CU_ASSERT_EQUAL(unlink(rgmd.rt_path), 0);
	state_set_r_state("a", R_ONLINE);
	state_set_r_status("a", "DEGRADED", "slow");
	CU_ASSERT_EQUAL(state_save(NULL, 0), 0);
	CU_ASSERT_NOT_EQUAL(stat(rgmd.rt_path, &st), 0);
	tu_rig_teardown();
}

static void
test_type_status_mark(void)
{
	setup();
	state_mark_r_status("a");
	CU_ASSERT_FALSE(state_r_status_by_type("a"));
	state_set_r_status("a", "OK", "");
	CU_ASSERT_FALSE(state_r_status_by_type("a"));
	state_set_r_type_status("a", "DEGRADED", "x");
	CU_ASSERT_TRUE(state_r_status_by_type("a"));
	state_mark_r_status("a");
	CU_ASSERT_FALSE(state_r_status_by_type("a"));
	tu_rig_teardown();
}

static void
test_derive_and_forget(void)
{
	setup();
	state_set_rg_want("g1", true);
	state_set_r_state("a", R_ONLINE);
	state_set_r_state("b", R_START_FAILED);
	CU_ASSERT_EQUAL(state_derive_group("g1"), 0);
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ONLINE_FAULTED);
	state_set_r_state("b", R_STOP_FAILED);
	state_derive_group("g1");
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ERROR_STOP_FAILED);
	state_forget_r("b");
	state_derive_group("g1");
	CU_ASSERT_EQUAL(state_rg("g1")->state, RG_ONLINE);
	CU_ASSERT_PTR_NULL(fsm_res(&rgmd.rt, "b", false));
	state_forget_rg("g1");
	CU_ASSERT_PTR_NULL(fsm_group(&rgmd.rt, "g1", false));
	tu_rig_teardown();
}

static void
test_pingpong(void)
{
	long until = 0;

	setup();
	CU_ASSERT_FALSE(state_rg_in_pingpong("g1", 1000, &until));
	state_set_rg_giveover("g1", 1000);
	CU_ASSERT_TRUE(state_rg_in_pingpong("g1", 1000 + 3599, &until));
	CU_ASSERT_EQUAL(until, 1000 + 3600);
	CU_ASSERT_FALSE(state_rg_in_pingpong("g1", 1000 + 3600, NULL));
	tu_rig_teardown();
}

static void
test_commit(void)
{
	struct ccr *p;
	char err[512] = "";

	setup();
	CU_ASSERT_PTR_NOT_NULL_FATAL(p = ccr_clone(rgmd.ccr));
	CU_ASSERT_EQUAL(state_commit_ccr(p, err, sizeof(err)), 0);
	CU_ASSERT_PTR_EQUAL(rgmd.ccr, p);
	CU_ASSERT_EQUAL(rgmd.ccr->generation, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p = ccr_clone(rgmd.ccr));
	/* A state directory that cannot be written: nothing changes. */
	snprintf(rgmd.ccr_path, sizeof(rgmd.ccr_path), "%s/no/such/dir/ccr",
	    tu_rig_dir());
	CU_ASSERT_EQUAL(state_commit_ccr(p, err, sizeof(err)), -1);
	CU_ASSERT_NOT_EQUAL(err[0], '\0');
	CU_ASSERT_EQUAL(rgmd.ccr->generation, 1);
	CU_ASSERT_PTR_NOT_EQUAL(rgmd.ccr, p);
	ccr_free(p);
	tu_rig_teardown();
}

/* Every configuration stored is recorded in runtime.cfg, the ones taken
 * from the cluster too (even an older generation: it is what ccr.cfg
 * holds now), so that a restart accepts ccr.cfg and an older copy is
 * refused. */
static void
test_generation_record(void)
{
	struct runtime back = { 0 };
	struct ccr *p;
	char err[512] = "";

	setup();
	CU_ASSERT_PTR_NOT_NULL_FATAL(p = ccr_clone(rgmd.ccr));
	CU_ASSERT_EQUAL_FATAL(state_commit_ccr(p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(runtime_load(&back, rgmd.rt_path, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(back.ccr_generation, 1);
	fsm_runtime_free(&back);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p = ccr_clone(rgmd.ccr));
	p->generation = 7;
	CU_ASSERT_EQUAL_FATAL(state_install_ccr(p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(rgmd.rt.ccr_generation, 7);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p = ccr_clone(rgmd.ccr));
	p->generation = 3;
	CU_ASSERT_EQUAL_FATAL(state_install_ccr(p, err, sizeof(err)), 0);
	memset(&back, 0, sizeof(back));
	CU_ASSERT_EQUAL_FATAL(runtime_load(&back, rgmd.rt_path, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(back.ccr_generation, 3);
	fsm_runtime_free(&back);
	/* A restart: what was stored is accepted. */
	state_free();
	CU_ASSERT_EQUAL_FATAL(state_load_ccr(err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(state_load_runtime(err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(rgmd.ccr->generation, 3);
	CU_ASSERT_EQUAL(state_check_generation(err, sizeof(err)), 0);
	/* An older ccr.cfg is refused, naming both files. */
	rgmd.ccr->generation = 2;
	err[0] = '\0';
	CU_ASSERT_EQUAL(state_check_generation(err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, rgmd.ccr_path);
	TU_ASSERT_HAS(err, rgmd.rt_path);
	CU_ASSERT_EQUAL(rgmd.rt.ccr_generation, 3);
	tu_rig_teardown();
}

static const struct tu_test tests[] = {
	{ "refused changes change nothing", test_refused_changes },
	{ "reads of unknown objects", test_defaults_not_created },
	{ "stored when changed, read back", test_saved_when_changed },
	{ "status set by the type", test_type_status_mark },
	{ "derive and forget", test_derive_and_forget },
	{ "Pingpong_interval", test_pingpong },
	{ "commit", test_commit },
	{ "last configuration generation recorded",
	    test_generation_record },
	{ NULL, NULL },
};

int
tu_suite_state(void)
{
	return tu_add_suite("state", NULL, NULL, tests);
}
