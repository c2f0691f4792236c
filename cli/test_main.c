// SPDX-License-Identifier: MIT
/*
 * test_main.c - the CUnit runner $(B)/tests/unit/cli: registers the CLI
 * suites (parser tables, special parser cases, client), runs them with the
 * basic interface and prints "RESULT passed=P failed=F skipped=0" for
 * tests/run-all.sh; exits non-zero when any test failed.
 */
#include "runner.h"
#include "test_cli.h"

static int (*const suites[])(void) = {
	test_parse_register,
	test_args_register,
	test_client_register,
};

int
main(void)
{
	return UNIT_RUN(suites, NULL);
}
