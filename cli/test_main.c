// SPDX-License-Identifier: MIT
/*
 * test_main.c - the CUnit runner $(B)/tests/unit/cli: registers the CLI
 * suites (parser tables, special parser cases, client), runs them with the
 * basic interface and prints "RESULT passed=P failed=F skipped=0" for
 * tests/run-all.sh; exits non-zero when any test failed.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "test_cli.h"

int
main(void)
{
	unsigned run, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	if (test_parse_register() == -1 || test_args_register() == -1 ||
	    test_client_register() == -1) {
		fprintf(stderr, "cannot register tests: %s\n",
		    CU_get_error_msg());
		CU_cleanup_registry();
		return 1;
	}
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	run = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	printf("RESULT passed=%u failed=%u skipped=0\n", run - failed, failed);
	return failed > 0 || run == 0;
}
