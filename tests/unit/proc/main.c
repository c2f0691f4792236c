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
#include <stdbool.h>

#include "loop.h"
#include "proc.h"
#include "runner.h"
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

static int (*const suites[])(void) = {
	tu_suite_launcher,
	tu_suite_pmf,
};

int
main(void)
{
	return UNIT_RUN(suites, &tu_skipped);
}
