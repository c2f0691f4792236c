/* SPDX-License-Identifier: MIT */
/*
 * main.c - the dsdl unit-test runner ($(B)/tests/unit/dsdl): registers the
 * suites of libdsdl (context and getters, dsdl_run), of the method runner
 * (driven as a real process against the test types) and of SUNW.gds
 * (a real daemon on 127.0.0.1), of the rgmd channel (a fake rgmd end)
 * and of the probe helpers (listeners on loopback), runs them with the CUnit basic interface
 * and prints "RESULT passed=P failed=F skipped=0". Exits 1 on failure.
 */
#include <stdio.h>

#include <CUnit/Basic.h>

#include "tu.h"

int
main(void)
{
	unsigned int run, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (test_ctx_register() != 0 || test_run_register() != 0 ||
	    test_runner_register() != 0 || test_gds_register() != 0 ||
	    test_chan_register() != 0 || test_probe_register() != 0 ||
	    test_pmf_types_register() != 0) {
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
	return failed > 0 ? 1 : 0;
}
