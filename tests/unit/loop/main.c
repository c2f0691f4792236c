// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the event loop suite ($(B)/tests/unit/loop):
 * rgmd/loop.c with real eventfds and timers. A runner of its own because
 * the rgmd logic runner links a fake loop (a clock the tests move) in its
 * place. Prints the CUnit summary, then "RESULT passed=P failed=F
 * skipped=0", and exits 1 on any failure.
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
	if (tu_suite_loop() == -1) {
		fprintf(stderr, "cannot register the suite: %s\n",
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
