// SPDX-License-Identifier: MIT
/* test_codes.c - OCF exit codes per action (rtypes/ocf/codes.c). */
#include <CUnit/CUnit.h>
#include <string.h>

#include "ocf.h"
#include "tu_ocf.h"

static void
test_start(void)
{
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_START, 0), OCF_V_OK);
	for (int rc = 1; rc <= 7; rc++)
		CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_START, rc), OCF_V_FAILED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_START, 8), OCF_V_PROMOTED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_START, 9), OCF_V_PROMOTED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_START, 137), OCF_V_FAILED);
}

static void
test_stop(void)
{
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_STOP, 0), OCF_V_OK);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_STOP, 7), OCF_V_OK);
	for (int rc = 1; rc <= 6; rc++)
		CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_STOP, rc), OCF_V_FAILED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_STOP, 9), OCF_V_PROMOTED);
}

static void
test_monitor(void)
{
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_MONITOR, 0), OCF_V_OK);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_MONITOR, 7), OCF_V_NOT_RUNNING);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_MONITOR, 190), OCF_V_DEGRADED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_MONITOR, 8), OCF_V_PROMOTED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_MONITOR, 9), OCF_V_PROMOTED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_MONITOR, 191), OCF_V_PROMOTED);
	for (int rc = 1; rc <= 6; rc++)
		CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_MONITOR, rc), OCF_V_FAILED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_MONITOR, 127), OCF_V_FAILED);
}

static void
test_validate(void)
{
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_VALIDATE, 0), OCF_V_OK);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_VALIDATE, 3), OCF_V_OK);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_VALIDATE, 6), OCF_V_FAILED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_VALIDATE, 5), OCF_V_FAILED);
	CU_ASSERT_EQUAL(ocf_judge(OCF_ACT_VALIDATE, 7), OCF_V_FAILED);
}

static void
test_names(void)
{
	CU_ASSERT_STRING_EQUAL(ocf_rc_name(0), "OCF_SUCCESS");
	CU_ASSERT_STRING_EQUAL(ocf_rc_name(6), "OCF_ERR_CONFIGURED");
	CU_ASSERT_STRING_EQUAL(ocf_rc_name(7), "OCF_NOT_RUNNING");
	CU_ASSERT_STRING_EQUAL(ocf_rc_name(8), "OCF_RUNNING_PROMOTED");
	CU_ASSERT_STRING_EQUAL(ocf_rc_name(190), "OCF_DEGRADED");
	CU_ASSERT_STRING_EQUAL(ocf_rc_name(137), "killed by a signal");
	CU_ASSERT_STRING_EQUAL(ocf_rc_name(42), "not an OCF exit code");
	CU_ASSERT_STRING_EQUAL(ocf_rc_name(-1), "not an OCF exit code");
	CU_ASSERT_STRING_EQUAL(ocf_action_name(OCF_ACT_VALIDATE),
	    "validate-all");
	CU_ASSERT_STRING_EQUAL(ocf_action_name(OCF_ACT_MONITOR), "monitor");
}

int
tu_suite_ocf_codes(void)
{
	CU_pSuite s = CU_add_suite("ocf_codes", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "start", test_start) ||
	    !CU_add_test(s, "stop: 7 is success", test_stop) ||
	    !CU_add_test(s, "monitor", test_monitor) ||
	    !CU_add_test(s, "validate-all", test_validate) ||
	    !CU_add_test(s, "names", test_names))
		return -1;
	return 0;
}
