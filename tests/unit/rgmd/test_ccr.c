// SPDX-License-Identifier: MIT
/* test_ccr.c - suite "ccr" (placeholder). */
#include "tu.h"

int
tu_suite_ccr(void)
{
	return 0;
}
