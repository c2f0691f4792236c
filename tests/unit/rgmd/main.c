// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the rgmd logic suites ($(B)/tests/unit/rgmd):
 * properties, RTR files, the configuration repository, the atomic store
 * (with crashes in the middle of a write), the state machines and plans,
 * the control message codec and rgmd.conf. No root, no network.
 * Prints the CUnit summary, then "RESULT passed=P failed=F skipped=0",
 * and exits 1 on any failure.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "tu.h"

int
main(void)
{
	unsigned int run, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (tu_suite_props() || tu_suite_rtr() || tu_suite_ccr() ||
	    tu_suite_store() || tu_suite_fsm() || tu_suite_ctlmsg() ||
	    tu_suite_conf() || tu_suite_fm() || tu_suite_repl() ||
	    tu_suite_repl_bus() || tu_suite_scha_err()) {
		fprintf(stderr, "cannot register the suites: %s\n",
		    CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	run = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	printf("RESULT passed=%u failed=%u skipped=0\n", run - failed, failed);
	return failed ? 1 : 0;
}
