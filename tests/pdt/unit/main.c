// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner for the pdt unit suites ($(B)/tests/unit/pdt):
 * parser, Maglev, tables, flows (fake clock), configuration and control
 * commands, per-packet dispatch, port lists, fragments in any order, the
 * control socket's client library (on a private UNIX socket) and the
 * allocator of the worker tables. No DPDK runtime, no root, no network.
 * Prints "RESULT passed=P failed=F skipped=0" and exits 1 on any failure.
 */
#include <CUnit/CUnit.h>

#include "runner.h"
#include "tpkt.h"

/*
 * The pdt suites register without a return value: one entry for them all,
 * refused when CUnit's last call (the last suite's last test) failed.
 */
static int
register_pdt(void)
{
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
	return CU_get_error() == CUE_SUCCESS ? 0 : -1;
}

static int (*const suites[])(void) = {
	register_pdt,
};

int
main(void)
{
	return UNIT_RUN(suites, NULL);
}
