// SPDX-License-Identifier: MIT
/*
 * test_spec.c - the Agent property of RGM.ocf (rtypes/ocf/spec.c):
 * PROVIDER:TYPE mapped under OCF_ROOT, absolute paths, and the refusals
 * (malformed specs, names that would leave resource.d, missing or not
 * executable files) with their reasons.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocf.h"
#include "tu_ocf.h"

static void
expect_refused(const char *spec, const char *why)
{
	struct ocf_agent a;
	char err[512] = "";

	CU_ASSERT_EQUAL(ocf_agent_resolve(spec, &a, err, sizeof(err)), -1);
	if (strstr(err, why) == NULL)
		fprintf(stderr, "\n%s: got \"%s\"\n", spec ? spec : "NULL", err);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, why));
}

static void
test_malformed(void)
{
	expect_refused(NULL, "Agent is not set");
	expect_refused("", "Agent is not set");
	expect_refused("IPaddr2", "neither PROVIDER:TYPE");
	expect_refused("heartbeat:", "neither PROVIDER:TYPE");
	expect_refused(":IPaddr2", "neither PROVIDER:TYPE");
	expect_refused("../..:sh", "neither PROVIDER:TYPE");
	expect_refused("heartbeat:../../../bin/sh", "neither PROVIDER:TYPE");
	expect_refused("heartbeat:.hidden", "neither PROVIDER:TYPE");
	expect_refused("a:b:c", "neither PROVIDER:TYPE");
	expect_refused("ocf:heart beat:x", "neither PROVIDER:TYPE");
	expect_refused("/", "neither PROVIDER:TYPE");
}

static void
test_files(void)
{
	char dir[] = "/tmp/tu-ocf.XXXXXX", path[512], err[512];
	struct ocf_agent a;
	FILE *f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/agent", dir);
	expect_refused(path, "no such agent");
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("#!/bin/sh\nexit 0\n", f);
	fclose(f);
	CU_ASSERT_EQUAL(chmod(path, 0644), 0);
	expect_refused(path, "is not an executable file");	/* root too */
	CU_ASSERT_EQUAL(chmod(path, 0755), 0);
	CU_ASSERT_EQUAL(ocf_agent_resolve(path, &a, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(a.path, path);
	CU_ASSERT_STRING_EQUAL(a.type, "agent");
	CU_ASSERT_STRING_EQUAL(a.provider, "");
	expect_refused(dir, "is not an executable file");
	unlink(path);
	rmdir(dir);
}

static void
test_provider_type(void)
{
	struct ocf_agent a;
	char err[512];

	/* The mapping holds whether or not the agent is installed here. */
	if (ocf_agent_resolve("ocf:heartbeat:Dummy", &a, err,
	    sizeof(err)) == -1)
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "no such agent"));
	CU_ASSERT_STRING_EQUAL(a.path, OCF_ROOT_DIR "/resource.d/heartbeat/Dummy");
	CU_ASSERT_STRING_EQUAL(a.provider, "heartbeat");
	CU_ASSERT_STRING_EQUAL(a.type, "Dummy");
	(void)ocf_agent_resolve("my-vendor:my_agent.sh", &a, err, sizeof(err));
	CU_ASSERT_STRING_EQUAL(a.path,
	    OCF_ROOT_DIR "/resource.d/my-vendor/my_agent.sh");
}

int
tu_suite_ocf_spec(void)
{
	CU_pSuite s = CU_add_suite("ocf_spec", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "malformed specs", test_malformed) ||
	    !CU_add_test(s, "absolute paths", test_files) ||
	    !CU_add_test(s, "provider:type", test_provider_type))
		return -1;
	return 0;
}
