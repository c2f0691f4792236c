// SPDX-License-Identifier: MIT
/* test_fsm.c - suite "fsm" (placeholder). */
#include "tu.h"

int
tu_suite_fsm(void)
{
	return 0;
}
