/* SPDX-License-Identifier: MIT */
/*
 * test_cli.h - registration of the CUnit suites of $(B)/tests/unit/cli
 * (test_parse.c, test_args.c, test_client.c; runner in test_main.c).
 */
#ifndef RGM_TEST_CLI_H
#define RGM_TEST_CLI_H

int	test_parse_register(void);
int	test_args_register(void);
int	test_client_register(void);

#endif /* RGM_TEST_CLI_H */
