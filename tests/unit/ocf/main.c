// SPDX-License-Identifier: MIT
/*
 * main.c - CUnit runner of the pure parts of the RGM.ocf resource type
 * ($(B)/tests/unit/ocf): OCF exit codes and what they mean per action
 * (codes.c), meta-data timeouts and parameters (meta.c), the Parameters
 * property (params.c), the Agent property (spec.c). No root, no network,
 * no agent run.
 * Prints "RESULT passed=P failed=F skipped=0"; exits 1 on any failure.
 */
#include "runner.h"
#include "tu_ocf.h"

static int (*const suites[])(void) = {
	tu_suite_ocf_codes,
	tu_suite_ocf_meta,
	tu_suite_ocf_params,
	tu_suite_ocf_spec,
};

int
main(void)
{
	return UNIT_RUN(suites, NULL);
}
