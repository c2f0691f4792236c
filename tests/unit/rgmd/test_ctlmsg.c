// SPDX-License-Identifier: MIT
/* test_ctlmsg.c - suite "ctlmsg" (placeholder). */
#include "tu.h"

int
tu_suite_ctlmsg(void)
{
	return 0;
}
