// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the pure part of SUNW.SharedAddress
 * ($(B)/tests/unit/sa): AuxNodeList, the public interface, pdt.conf
 * (checked by the real pdt -t), pdt's command line and pdt.env.
 * Prints "RESULT passed=P failed=F skipped=0"; exits 1 on any failure.
 */
#include "runner.h"

int	tu_suite_sa_conf(void);

static int (*const suites[])(void) = {
	tu_suite_sa_conf,
};

int
main(void)
{
	return UNIT_RUN(suites, NULL);
}
