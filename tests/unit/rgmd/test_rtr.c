// SPDX-License-Identifier: MIT
/* test_rtr.c - suite "rtr" (placeholder). */
#include "tu.h"

int
tu_suite_rtr(void)
{
	return 0;
}
