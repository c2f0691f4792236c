// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the pure parts of the RGM.ocf resource type
 * ($(B)/tests/unit/ocf): OCF exit codes and what they mean per action
 * (codes.c), meta-data timeouts and parameters (meta.c), the Parameters
 * property (params.c), the Agent property (spec.c). No root, no network,
 * no agent run.
 * Prints "RESULT passed=P failed=F skipped=0"; exits 1 on any failure.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "tu_ocf.h"

int
main(void)
{
	unsigned int run, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (tu_suite_ocf_codes() || tu_suite_ocf_meta() ||
	    tu_suite_ocf_params() || tu_suite_ocf_spec()) {
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
