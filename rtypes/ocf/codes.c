/* SPDX-License-Identifier: MIT */
/*
 * codes.c - OCF exit codes for RGM.ocf: their names (for messages) and
 * what each one means for the action that returned it. Pure functions,
 * run in the method runner and in the unit tests.
 *
 * start and validate-all succeed on 0 only (validate-all also on 3, an
 * agent that has no such action); stop succeeds on 0 and on 7, a resource
 * that is already stopped; monitor distinguishes running (0), running but
 * degraded (190), cleanly stopped (7) and failed (anything else). The
 * promoted roles (8, 9, 191) belong to promotable clones, which rgm does
 * not have: they are refused, whatever the action.
 */
#include "ocf.h"

const char *
ocf_action_name(enum ocf_action a)
{
	static const char *const names[OCF_ACT_N] = {
		[OCF_ACT_START] = "start", [OCF_ACT_STOP] = "stop",
		[OCF_ACT_MONITOR] = "monitor",
		[OCF_ACT_VALIDATE] = "validate-all",
	};

	return (unsigned)a < OCF_ACT_N ? names[a] : "?";
}

const char *
ocf_rc_name(int rc)
{
	static const char *const names[] = {
		"OCF_SUCCESS", "OCF_ERR_GENERIC", "OCF_ERR_ARGS",
		"OCF_ERR_UNIMPLEMENTED", "OCF_ERR_PERM", "OCF_ERR_INSTALLED",
		"OCF_ERR_CONFIGURED", "OCF_NOT_RUNNING",
		"OCF_RUNNING_PROMOTED", "OCF_FAILED_PROMOTED",
	};

	if (rc >= 0 && rc < (int)(sizeof(names) / sizeof(names[0])))
		return names[rc];
	if (rc == OCF_DEGRADED)
		return "OCF_DEGRADED";
	if (rc == OCF_DEGRADED_PROMOTED)
		return "OCF_DEGRADED_PROMOTED";
	if (rc > 128 && rc < 128 + 65)
		return "killed by a signal";
	return "not an OCF exit code";
}

static bool
is_promoted(int rc)
{
	return rc == OCF_RUNNING_PROMOTED || rc == OCF_FAILED_PROMOTED ||
	    rc == OCF_DEGRADED_PROMOTED;
}

enum ocf_verdict
ocf_judge(enum ocf_action a, int rc)
{
	if (is_promoted(rc))
		return OCF_V_PROMOTED;
	if (rc == OCF_SUCCESS)
		return OCF_V_OK;
	switch (a) {
	case OCF_ACT_STOP:
		return rc == OCF_NOT_RUNNING ? OCF_V_OK : OCF_V_FAILED;
	case OCF_ACT_MONITOR:
		if (rc == OCF_NOT_RUNNING)
			return OCF_V_NOT_RUNNING;
		return rc == OCF_DEGRADED ? OCF_V_DEGRADED : OCF_V_FAILED;
	case OCF_ACT_VALIDATE:
		return rc == OCF_ERR_UNIMPLEMENTED ? OCF_V_OK : OCF_V_FAILED;
	case OCF_ACT_START:
	case OCF_ACT_N:
		break;
	}
	return OCF_V_FAILED;
}
