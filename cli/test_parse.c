// SPDX-License-Identifier: MIT
/*
 * test_parse.c - CUnit suites for the CLI parsers (scrgadm_args.c,
 * scswitch_args.c, scstat_args.c, scha_args.c, json_opt.c and the
 * opt/args/seen helpers under them). Part of $(B)/tests/unit/cli. Each row of the
 * tables in test_cases.h is one test, named "NNN argv...": a good
 * command line must encode to exactly the expected request, which must
 * also parse back with rgmd's own ctl_msg_parse; a bad one must fail with
 * a message containing the expected text and leave the request empty.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "test_cases.h"
#include "test_cli.h"

#define NGOOD	(sizeof(tc_good) / sizeof(tc_good[0]))
#define NBAD	(sizeof(tc_bad) / sizeof(tc_bad[0]))

typedef int (*parse_fn)(int, char **, struct ctl_msg *, char *, size_t);

static parse_fn
parser_of(const char *prog)
{
	/* scrgadm and scstat run their parsers through json_opt.c. */
	if (strcmp(prog, "scrgadm") == 0)
		return cli_parse_scrgadm_json;
	static const struct {
		const char *name;
		parse_fn fn;
	} scha[] = {
		{ "scha_resource_get", cli_parse_scha_resource_get },
		{ "scha_resourcegroup_get", cli_parse_scha_resourcegroup_get },
		{ "scha_resourcetype_get", cli_parse_scha_resourcetype_get },
		{ "scha_cluster_get", cli_parse_scha_cluster_get },
		{ "scha_control", cli_parse_scha_control },
		{ "scha_resource_setstatus", cli_parse_scha_setstatus },
	};

	if (strcmp(prog, "scswitch") == 0)
		return cli_parse_scswitch;
	for (size_t i = 0; i < sizeof(scha) / sizeof(*scha); i++)
		if (strcmp(prog, scha[i].name) == 0)
			return scha[i].fn;
	return cli_parse_scstat_json;
}

static int
run_parse(const char *const *argv, struct ctl_msg *req, char *err,
    size_t errlen)
{
	int argc = 0;

	while (argc < TC_MAX_ARGS && argv[argc] != NULL)
		argc++;
	err[0] = '\0';
	return parser_of(argv[0])(argc, (char **)argv, req, err, errlen);
}

/* Row number from the current test's name "NNN ...". */
static size_t
current_row(void)
{
	return (size_t)strtoul(CU_get_current_test()->pName, NULL, 10);
}

static void
test_good(void)
{
	const struct tc_good *tc = &tc_good[current_row()];
	struct ctl_msg req, back;
	char err[512], perr[128];
	size_t len;
	char *enc;
	int rc = run_parse(tc->argv, &req, err, sizeof(err));

	CU_ASSERT_EQUAL_FATAL(rc, CLI_PARSE_OK);
	if (rc != CLI_PARSE_OK) {
		fprintf(stderr, "unexpected error: %s\n", err);
		return;
	}
	enc = ctl_msg_encode(&req, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(enc);
	CU_ASSERT_STRING_EQUAL(enc, tc->want);
	if (strcmp(enc, tc->want) != 0)
		fprintf(stderr, "got:\n%swant:\n%s", enc, tc->want);
	CU_ASSERT_EQUAL(ctl_msg_parse(&back, enc, len, perr, sizeof(perr)), 0);
	CU_ASSERT_EQUAL(back.n, req.n);
	ctl_msg_free(&back);
	free(enc);
	ctl_msg_free(&req);
}

static void
test_bad(void)
{
	const struct tc_bad *tc = &tc_bad[current_row()];
	struct ctl_msg req;
	char err[512];
	int rc = run_parse(tc->argv, &req, err, sizeof(err));

	CU_ASSERT_EQUAL(rc, CLI_PARSE_ERR);
	CU_ASSERT_EQUAL(req.n, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, tc->msg));
	if (rc != CLI_PARSE_ERR || strstr(err, tc->msg) == NULL)
		fprintf(stderr, "rc %d, error '%s', want '%s'\n", rc, err,
		    tc->msg);
	ctl_msg_free(&req);
}

/* Test name: row number, then the command line, shortened. */
static void
name_row(char *buf, size_t len, size_t row, const char *const *argv)
{
	size_t off = (size_t)snprintf(buf, len, "%03zu", row);

	for (int i = 0; i < TC_MAX_ARGS && argv[i] != NULL && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, " %s", argv[i]);
	for (char *p = buf; *p != '\0'; p++)
		if (*p == '\n' || *p < ' ')
			*p = '?';
}

int
test_parse_register(void)
{
	CU_pSuite good = CU_add_suite("parse_good", NULL, NULL);
	CU_pSuite bad = CU_add_suite("parse_bad", NULL, NULL);
	char name[160];

	if (good == NULL || bad == NULL)
		return -1;
	for (size_t i = 0; i < NGOOD; i++) {
		name_row(name, sizeof(name), i, tc_good[i].argv);
		if (CU_add_test(good, name, test_good) == NULL)
			return -1;
	}
	for (size_t i = 0; i < NBAD; i++) {
		name_row(name, sizeof(name), i, tc_bad[i].argv);
		if (CU_add_test(bad, name, test_bad) == NULL)
			return -1;
	}
	return 0;
}
