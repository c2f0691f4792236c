// SPDX-License-Identifier: MIT
/*
 * test_args.c - CUnit suite for the CLI parser cases that do not fit the
 * argv tables: usage requests (-?, --help, no arguments), the relative
 * rtr path made absolute, and the size limits of the control protocol
 * (CTL_MAX_FIELDS, CTL_MAX_REQUEST). Part of $(B)/tests/unit/cli.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "test_cli.h"

static int
parse(int (*fn)(int, char **, struct ctl_msg *, char *, size_t),
    const char **argv, struct ctl_msg *req, char *err, size_t errlen)
{
	int argc = 0;

	while (argv[argc] != NULL)
		argc++;
	return fn(argc, (char **)argv, req, err, errlen);
}

static void
test_help(void)
{
	const char *a1[] = { "scrgadm", "-?", NULL };
	const char *a2[] = { "scswitch", "--help", NULL };
	const char *a3[] = { "scstat", "-?", NULL };
	const char *a4[] = { "scrgadm", "-a", "-g", "rg", "-?", NULL };
	const char *a5[] = { "scswitch", "-Z?", NULL };
	struct ctl_msg req;
	char err[256];

	CU_ASSERT_EQUAL(parse(cli_parse_scrgadm, a1, &req, err, 256),
	    CLI_PARSE_HELP);
	CU_ASSERT_EQUAL(parse(cli_parse_scswitch, a2, &req, err, 256),
	    CLI_PARSE_HELP);
	CU_ASSERT_EQUAL(parse(cli_parse_scstat, a3, &req, err, 256),
	    CLI_PARSE_HELP);
	CU_ASSERT_EQUAL(parse(cli_parse_scrgadm, a4, &req, err, 256),
	    CLI_PARSE_HELP);
	CU_ASSERT_EQUAL(parse(cli_parse_scswitch, a5, &req, err, 256),
	    CLI_PARSE_HELP);
	CU_ASSERT_EQUAL(req.n, 0);
}

static void
test_empty(void)
{
	const char *a1[] = { "scrgadm", NULL };
	const char *a2[] = { "scswitch", NULL };
	struct ctl_msg req;
	char err[256];

	CU_ASSERT_EQUAL(parse(cli_parse_scrgadm, a1, &req, err, 256),
	    CLI_PARSE_EMPTY);
	CU_ASSERT_EQUAL(parse(cli_parse_scswitch, a2, &req, err, 256),
	    CLI_PARSE_EMPTY);
	CU_ASSERT_EQUAL(req.n, 0);
}

static void
test_relative_rtr(void)
{
	const char *argv[] = { "scrgadm", "-a", "-t", "T", "-f", "x/T.rtr",
	    NULL };
	char cwd[4096], want[4200], err[256];
	struct ctl_msg req;

	CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof(cwd)));
	snprintf(want, sizeof(want), "%s/x/T.rtr", cwd);
	CU_ASSERT_EQUAL_FATAL(parse(cli_parse_scrgadm, argv, &req, err, 256),
	    CLI_PARSE_OK);
	CU_ASSERT_STRING_EQUAL(ctl_msg_get(&req, "rtr"), want);
	ctl_msg_free(&req);
}

/* -h with n nodes: n node= fields plus cmd= and group=. */
static int
parse_nodes(size_t n, struct ctl_msg *req, char *err, size_t errlen)
{
	const char *argv[] = { "scrgadm", "-a", "-g", "rg", "-h", NULL, NULL };
	char *list = malloc(n * 8 + 1);
	size_t off = 0;
	int rc;

	if (list == NULL)
		return -2;
	for (size_t i = 0; i < n; i++)
		off += (size_t)snprintf(list + off, 8, "%sn%zu", i ? "," : "",
		    i);
	argv[5] = list;
	rc = parse(cli_parse_scrgadm, argv, req, err, errlen);
	free(list);
	return rc;
}

static void
test_too_many_fields(void)
{
	struct ctl_msg req;
	char err[256];

	CU_ASSERT_EQUAL(parse_nodes(CTL_MAX_FIELDS - 2, &req, err, 256),
	    CLI_PARSE_OK);
	CU_ASSERT_EQUAL(req.n, CTL_MAX_FIELDS);
	ctl_msg_free(&req);
	CU_ASSERT_EQUAL(parse_nodes(CTL_MAX_FIELDS - 1, &req, err, 256),
	    CLI_PARSE_LIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "too many values"));
	CU_ASSERT_EQUAL(req.n, 0);
}

static void
test_too_large(void)
{
	const char *argv[] = { "scrgadm", "-c", "-j", "r", "-x", NULL, NULL };
	size_t n = CTL_MAX_REQUEST;
	char *val = malloc(n + 1), err[256];
	struct ctl_msg req;

	CU_ASSERT_PTR_NOT_NULL_FATAL(val);
	memset(val, 'a', n);
	memcpy(val, "Foo=", 4);
	val[n] = '\0';
	argv[5] = val;
	/* Issue 8: a limit, not bad usage; the property and the limit named. */
	CU_ASSERT_EQUAL(parse(cli_parse_scrgadm, argv, &req, err, 256),
	    CLI_PARSE_LIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "the value of property Foo (-x) "
	    "is too long: 65532 bytes"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "at most 65536 bytes"));
	CU_ASSERT_EQUAL(req.n, 0);
	/* Several values: the longest is named. */
	{
		const char *argv2[] = { "scrgadm", "-c", "-j", "r", "-x",
		    "Foo=1", "-y", val, NULL };

		memcpy(val, "Retry_count=", 12);
		CU_ASSERT_EQUAL(parse(cli_parse_scrgadm, argv2, &req, err,
		    256), CLI_PARSE_LIMIT);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "property Retry_count "
		    "(-y)"));
	}
	val[n - 100] = '\0';
	CU_ASSERT_EQUAL(parse(cli_parse_scrgadm, argv, &req, err, 256),
	    CLI_PARSE_OK);
	ctl_msg_free(&req);
	free(val);
}

/* A long bad value is shortened in the message. */
static void
test_long_value_shown_short(void)
{
	const char *argv[] = { "scrgadm", "-a", "-g", "rg", "-y", NULL, NULL };
	char val[600], err[256];
	struct ctl_msg req;

	memset(val, 'P', sizeof(val) - 1);
	val[sizeof(val) - 1] = '\0';
	argv[5] = val;
	CU_ASSERT_EQUAL(parse(cli_parse_scrgadm, argv, &req, err, 256),
	    CLI_PARSE_ERR);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "...' is not Property=Value"));
	CU_ASSERT(strlen(err) < 120);
}

int
test_args_register(void)
{
	CU_pSuite s = CU_add_suite("parse_special", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "help", test_help) == NULL ||
	    CU_add_test(s, "no arguments", test_empty) == NULL ||
	    CU_add_test(s, "relative rtr path", test_relative_rtr) == NULL ||
	    CU_add_test(s, "too many fields", test_too_many_fields) == NULL ||
	    CU_add_test(s, "request too large", test_too_large) == NULL ||
	    CU_add_test(s, "long value shortened",
	    test_long_value_shown_short) == NULL)
		return -1;
	return 0;
}
