// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the suites with real processes
 * ($(B)/tests/unit/proc): rgmd/launcher.c, rgmd/cgroup.c and rgmd/pmf.c
 * under the real event loop (rgmd/loop.c), with children, process groups
 * and cgroups. A runner of its own because the rgmd logic runner needs no
 * loop, no children and no root. The cgroup cases need a writable cgroup
 * v2 (root) and are counted as skipped elsewhere. Prints the CUnit
 * summary, then "RESULT passed=P failed=F skipped=S", and exits 1 on any
 * failure.
 */
#include <CUnit/Basic.h>
#include <stdbool.h>
#include <stdio.h>

#include "loop.h"
#include "proc.h"
#include "tu.h"

int
tu_loop(void)
{
	static bool ready;

	if (!ready && loop_init() == -1)
		return -1;
	ready = true;
	return 0;
}

int
main(void)
{
	unsigned int run, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (tu_suite_launcher() == -1 || tu_suite_pmf() == -1) {
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
	printf("RESULT passed=%u failed=%u skipped=%u\n", run - failed -
	    tu_skipped, failed, tu_skipped);
	return failed ? 1 : 0;
}
