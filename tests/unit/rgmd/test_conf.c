// SPDX-License-Identifier: MIT
/* test_conf.c - suite "conf" (placeholder). */
#include "tu.h"

int
tu_suite_conf(void)
{
	return 0;
}
