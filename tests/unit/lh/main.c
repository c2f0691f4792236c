// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the pure part of SUNW.LogicalHostname
 * ($(B)/tests/unit/lh): HostnameList and NetIfList (parse.c) and the
 * record of plumbed addresses (one line of plumbed.c). No root, no
 * network: names resolve through a table.
 * Prints "RESULT passed=P failed=F skipped=0"; exits 1 on any failure.
 */
#include "runner.h"
#include "tu_lh.h"

static int (*const suites[])(void) = {
	tu_suite_lh_parse,
};

int
main(void)
{
	return UNIT_RUN(suites, NULL);
}
