// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner for the pdt unit suites ($(B)/tests/unit/pdt):
 * parser, Maglev, tables, flows (fake clock), configuration and control
 * commands, per-packet dispatch, port lists, fragments in any order, the
 * control socket's client library (on a private UNIX socket) and the
 * allocator of the worker tables. No DPDK runtime, no root, no network.
 * Prints "RESULT passed=P failed=F skipped=0" and exits 1 on any failure.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "tpkt.h"

int main(void)
{
	unsigned run, failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	tests_parse();
	tests_maglev();
	tests_table();
	tests_flow();
	tests_conf();
	tests_disp();
	tests_ports();
	tests_frag();
	tests_ctlclient();
	tests_mem();
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	run = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	printf("RESULT passed=%u failed=%u skipped=0\n", run - failed, failed);
	return failed ? 1 : 0;
}
