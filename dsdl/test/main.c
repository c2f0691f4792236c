/* SPDX-License-Identifier: MIT */
/*
 * main.c - the dsdl unit-test runner ($(B)/tests/unit/dsdl): registers the
 * suites of libdsdl (context and getters, dsdl_run), of the method runner
 * (driven as a real process against the test types) and of SUNW.gds
 * (a real daemon on 127.0.0.1), of the rgmd channel (a fake rgmd end)
 * and of the probe helpers (listeners on loopback), runs them with the CUnit basic interface
 * and prints "RESULT passed=P failed=F skipped=0". Exits 1 on failure.
 */
#include "runner.h"
#include "tu.h"

static int (*const suites[])(void) = {
	test_ctx_register,
	test_run_register,
	test_runner_register,
	test_gds_register,
	test_chan_register,
	test_probe_register,
	test_pmf_types_register,
};

int
main(void)
{
	return UNIT_RUN(suites, NULL);
}
