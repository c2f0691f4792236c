// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the rgmd logic suites ($(B)/tests/unit/rgmd):
 * properties, RTR files, the configuration repository, the atomic store
 * (with crashes in the middle of a write), the state machines and plans,
 * the control message codec, rgmd.conf, the state owner, and the engine,
 * the monitor and the requests on a fake clock and a fake launcher
 * (fake.h), the refusal classifier (scha_err.c). No root, no network.
 * Prints the CUnit summary, then "RESULT passed=P failed=F skipped=0",
 * and exits 1 on any failure.
 */
#include "runner.h"
#include "tu.h"

/* Every suite, one a line (so branches that add suites merge cleanly). */
static int (*const suites[])(void) = {
	tu_suite_props,
	tu_suite_rtr,
	tu_suite_ccr,
	tu_suite_ccr_types,
	tu_suite_rt_avail,
	tu_suite_store,
	tu_suite_fsm,
	tu_suite_ctlmsg,
	tu_suite_conf,
	tu_suite_fm,
	tu_suite_state,
	tu_suite_engine,
	tu_suite_monitor,
	tu_suite_cmd,
	tu_suite_repl,
	tu_suite_repl_bus,
	tu_suite_membership,
	tu_suite_wiring,
	tu_suite_placement_nodelist,
	tu_suite_placement_failover,
	tu_suite_placement_dependencies,
	tu_suite_placement_affinity,
	tu_suite_placement_eligibility,
	tu_suite_placement_requests,
	tu_suite_placement_invariants,
	tu_suite_follow,
	tu_suite_fence,
	tu_suite_switch,
	tu_suite_scha_err,
	tu_suite_metrics,
	tu_suite_president,
	tu_suite_scalable,
	tu_suite_pdt_feed,
};

int
main(void)
{
	return UNIT_RUN(suites, NULL);
}
