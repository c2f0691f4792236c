// SPDX-License-Identifier: MIT
/* test_store.c - suite "store" (placeholder). */
#include "tu.h"

int
tu_suite_store(void)
{
	return 0;
}
