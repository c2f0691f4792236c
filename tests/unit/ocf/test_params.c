// SPDX-License-Identifier: MIT
/*
 * test_params.c - the Parameters property of RGM.ocf
 * (rtypes/ocf/params.c): words, quoting, refusals with their reasons, and
 * the check against the agent's declared parameters.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "ocf.h"
#include "tu_ocf.h"

static void
test_words(void)
{
	struct ocf_params p;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(ocf_params_parse("  ip=192.0.2.10\t"
	    "cidr_netmask=24 opts='-m http.server 80' "
	    "msg=\"say \\\"hi\\\" \\$x\" esc=a\\ b empty= mix=a'b c'\"d\"",
	    &p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(p.n, 7);
	CU_ASSERT_STRING_EQUAL(p.name[0], "ip");
	CU_ASSERT_STRING_EQUAL(p.value[0], "192.0.2.10");
	CU_ASSERT_STRING_EQUAL(p.value[1], "24");
	CU_ASSERT_STRING_EQUAL(p.name[2], "opts");
	CU_ASSERT_STRING_EQUAL(p.value[2], "-m http.server 80");
	CU_ASSERT_STRING_EQUAL(p.value[3], "say \"hi\" $x");
	CU_ASSERT_STRING_EQUAL(p.value[4], "a b");
	CU_ASSERT_STRING_EQUAL(p.name[5], "empty");
	CU_ASSERT_STRING_EQUAL(p.value[5], "");
	CU_ASSERT_STRING_EQUAL(p.value[6], "ab cd");
	ocf_params_free(&p);
	CU_ASSERT_EQUAL(ocf_params_parse("", &p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(p.n, 0);
	ocf_params_free(&p);
	CU_ASSERT_EQUAL(ocf_params_parse(NULL, &p, err, sizeof(err)), 0);
	ocf_params_free(&p);
	CU_ASSERT_EQUAL(ocf_params_parse("v='a=b'", &p, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(p.value[0], "a=b");
	ocf_params_free(&p);
}

static void
expect_refused(const char *text, const char *why)
{
	struct ocf_params p;
	char err[256] = "";

	CU_ASSERT_EQUAL(ocf_params_parse(text, &p, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, why));
	CU_ASSERT_PTR_NULL(p.buf);
}

static void
test_refused(void)
{
	expect_refused("ip", "word 1 \"ip\" is not name=value");
	expect_refused("a=1 =2", "word 2 \"=2\" is not name=value");
	expect_refused("a=1 b='open", "word 2: unterminated quote");
	expect_refused("a=\"x", "unterminated quote");
	expect_refused("a=x\\", "trailing backslash");
	expect_refused("9a=1", "\"9a\" is not a parameter name");
	expect_refused("a-b=1", "\"a-b\" is not a parameter name");
	expect_refused("ip=1 ip=2", "ip is given twice");
	expect_refused("CRM_meta_timeout=5", "CRM_meta_ names are set by rgm");
	expect_refused("a23456789012345678901234567890123456789012345678901234"
	    "5678901234=1", "is not a parameter name");
}

static void
test_check(void)
{
	struct ocf_meta m = { .n_params = 2 };
	struct ocf_params p;
	char err[256] = "";

	strcpy(m.params[0].name, "ip");	/* test data, fits */
	m.params[0].required = true;
	strcpy(m.params[1].name, "nic");
	CU_ASSERT_EQUAL_FATAL(ocf_params_parse("ip=1 nic=d0", &p, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(ocf_params_check(&p, &m, err, sizeof(err)), 0);
	ocf_params_free(&p);
	CU_ASSERT_EQUAL_FATAL(ocf_params_parse("nic=d0", &p, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(ocf_params_check(&p, &m, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "the agent requires ip"));
	ocf_params_free(&p);
	CU_ASSERT_EQUAL_FATAL(ocf_params_parse("ip=1 nicc=d0", &p, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(ocf_params_check(&p, &m, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "no parameter nicc"));
	ocf_params_free(&p);
}

int
tu_suite_ocf_params(void)
{
	CU_pSuite s = CU_add_suite("ocf_params", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "words and quoting", test_words) ||
	    !CU_add_test(s, "malformed input refused", test_refused) ||
	    !CU_add_test(s, "checked against the meta-data", test_check))
		return -1;
	return 0;
}
