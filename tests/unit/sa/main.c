// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the pure part of SUNW.SharedAddress
 * ($(B)/tests/unit/sa): AuxNodeList, the public interface, pdt.conf
 * (checked by the real pdt -t), pdt's command line and pdt.env.
 * Prints "RESULT passed=P failed=F skipped=0"; exits 1 on any failure.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

int	tu_suite_sa_conf(void);

int
main(void)
{
	unsigned int run, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (tu_suite_sa_conf()) {
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
