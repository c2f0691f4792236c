// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the event loop suite ($(B)/tests/unit/loop):
 * rgmd/loop.c with real eventfds and timers. A runner of its own because
 * the rgmd logic runner links a fake loop (a clock the tests move) in its
 * place. Prints the CUnit summary, then "RESULT passed=P failed=F
 * skipped=0", and exits 1 on any failure.
 */
#include "runner.h"
#include "tu.h"

static int (*const suites[])(void) = {
	tu_suite_loop,
};

int
main(void)
{
	return UNIT_RUN(suites, NULL);
}
