// SPDX-License-Identifier: MIT
/*
 * runner.c - the main() of every CUnit runner in $(B)/tests/unit/: set up
 * the registry, register the runner's suites, run them verbosely, print
 * the RESULT line tests/run-all.sh reads, and give the exit status. Each
 * runner's main.c keeps only its table of suites.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "runner.h"

static int
register_all(int (*const suites[])(void), size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (suites[i]() != 0)
			return -1;
	return 0;
}

int
unit_run(int (*const suites[])(void), size_t n, const unsigned int *skipped)
{
	unsigned int run, failed, skip;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (register_all(suites, n) == -1) {
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
	skip = skipped ? *skipped : 0;
	printf("RESULT passed=%u failed=%u skipped=%u\n", run - failed - skip,
	    failed, skip);
	return failed > 0 || run == 0 ? 1 : 0;
}
