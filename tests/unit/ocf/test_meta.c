// SPDX-License-Identifier: MIT
/*
 * test_meta.c - OCF durations and meta-data reading (rtypes/ocf/meta.c):
 * action timeouts (plain role, shallowest monitor), parameters and
 * whether they are required, malformed documents refused.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "ocf.h"
#include "tu_ocf.h"

static void
test_duration(void)
{
	CU_ASSERT_EQUAL(ocf_duration_ms("20s"), 20000);
	CU_ASSERT_EQUAL(ocf_duration_ms("20"), 20000);
	CU_ASSERT_EQUAL(ocf_duration_ms(" 90sec"), 90000);
	CU_ASSERT_EQUAL(ocf_duration_ms("500ms"), 500);
	CU_ASSERT_EQUAL(ocf_duration_ms("250msec"), 250);
	CU_ASSERT_EQUAL(ocf_duration_ms("2m"), 120000);
	CU_ASSERT_EQUAL(ocf_duration_ms("2min"), 120000);
	CU_ASSERT_EQUAL(ocf_duration_ms("1h"), 3600000);
	CU_ASSERT_EQUAL(ocf_duration_ms("1hr"), 3600000);
	CU_ASSERT_EQUAL(ocf_duration_ms("20 s"), 20000);
	CU_ASSERT_EQUAL(ocf_duration_ms("0"), 0);
	CU_ASSERT_EQUAL(ocf_duration_ms(""), -1);
	CU_ASSERT_EQUAL(ocf_duration_ms("s"), -1);
	CU_ASSERT_EQUAL(ocf_duration_ms("-5s"), -1);
	CU_ASSERT_EQUAL(ocf_duration_ms("20x"), -1);
	CU_ASSERT_EQUAL(ocf_duration_ms("20sx"), -1);
	CU_ASSERT_EQUAL(ocf_duration_ms("99999999999999999999"), -1);
	CU_ASSERT_EQUAL(ocf_duration_ms(NULL), -1);
}

static const char agent_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n"
    "<resource-agent name=\"Test\" version=\"1.0\">\n"
    "<version>1.0</version>\n"
    "<parameters>\n"
    " <parameter name=\"ip\" unique=\"1\" required=\"1\">\n"
    "  <content type=\"string\" default=\"\"/></parameter>\n"
    " <parameter name=\"nic\"><content type=\"string\"/></parameter>\n"
    " <parameter name=\"cidr_netmask\" required=\"0\"/>\n"
    "</parameters>\n"
    "<actions>\n"
    " <action name=\"start\" timeout=\"90s\"/>\n"
    " <action name=\"stop\" timeout=\"2min\"/>\n"
    " <action name=\"monitor\" timeout=\"40s\" depth=\"10\"/>\n"
    " <action name=\"monitor\" timeout=\"30s\" role=\"Promoted\"/>\n"
    " <action name=\"monitor\" timeout=\"25s\" interval=\"10s\" "
    "depth=\"0\"/>\n"
    " <action name=\"meta-data\" timeout=\"5s\"/>\n"
    "</actions>\n"
    "</resource-agent>\n";

static void
test_parse(void)
{
	struct ocf_meta m;
	char err[256] = "";

	CU_ASSERT_EQUAL_FATAL(ocf_meta_parse(agent_xml, strlen(agent_xml), &m,
	    err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(m.timeout_ms[OCF_ACT_START], 90000);
	CU_ASSERT_EQUAL(m.timeout_ms[OCF_ACT_STOP], 120000);
	CU_ASSERT_EQUAL(m.timeout_ms[OCF_ACT_MONITOR], 25000);
	CU_ASSERT_EQUAL(m.timeout_ms[OCF_ACT_VALIDATE], -1);
	CU_ASSERT_EQUAL_FATAL(m.n_params, 3);
	CU_ASSERT_STRING_EQUAL(m.params[0].name, "ip");
	CU_ASSERT_TRUE(m.params[0].required);
	CU_ASSERT_FALSE(m.params[1].required);
	CU_ASSERT_FALSE(m.params[2].required);
	CU_ASSERT_PTR_NOT_NULL(ocf_meta_param(&m, "nic"));
	CU_ASSERT_PTR_NULL(ocf_meta_param(&m, "NIC"));
}

static void
expect_refused(const char *xml, const char *why)
{
	struct ocf_meta m;
	char err[256] = "";

	CU_ASSERT_EQUAL(ocf_meta_parse(xml, strlen(xml), &m, err,
	    sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, why));
}

static void
test_refused(void)
{
	expect_refused("", "not well-formed");
	expect_refused("<resource-agent><actions>", "not well-formed");
	expect_refused("Usage: agent {start|stop}", "not well-formed");
	expect_refused("<html><body/></html>", "not <resource-agent>");
	expect_refused("<resource-agent><parameters><parameter/>"
	    "</parameters></resource-agent>", "has no name");
}

static void
test_bad_timeout_ignored(void)
{
	static const char xml[] = "<resource-agent><actions>"
	    "<action name=\"start\" timeout=\"soon\"/>"
	    "<action name=\"stop\"/></actions></resource-agent>";
	struct ocf_meta m;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(ocf_meta_parse(xml, strlen(xml), &m, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(m.timeout_ms[OCF_ACT_START], -1);
	CU_ASSERT_EQUAL(m.timeout_ms[OCF_ACT_STOP], -1);
	CU_ASSERT_EQUAL(m.n_params, 0);
}

int
tu_suite_ocf_meta(void)
{
	CU_pSuite s = CU_add_suite("ocf_meta", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "durations", test_duration) ||
	    !CU_add_test(s, "timeouts and parameters", test_parse) ||
	    !CU_add_test(s, "malformed meta-data refused", test_refused) ||
	    !CU_add_test(s, "bad or missing timeouts are unset",
	    test_bad_timeout_ignored))
		return -1;
	return 0;
}
