// SPDX-License-Identifier: MIT
/*
 * test_ctlmsg.c - suite "ctlmsg" (rgmd/ctlmsg.c): the control protocol
 * codec. Encode/parse round trips (repeated keys, empty values, values
 * containing '='), and every refusal: a line without '=', bad key
 * characters, a newline or NUL in a value, an oversize message, too many
 * fields.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctlmsg.h"
#include "tu.h"

static struct ctl_msg m, back;
static char err[256];

static void
test_roundtrip(void)
{
	char *buf;
	size_t len, pos = 0;

	ctl_msg_init(&m);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "cmd", "resource-add"), 0);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "resource", "web-rs"), 0);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "y", "Resource_dependencies=a,b"), 0);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "x", "Start_command=/bin/sh -c 'a=b'"),
	    0);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "y", "Retry_count=3"), 0);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "node", ""), 0);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "long_key_with_underscores", "\t\x01"
	    "\xc3\xa9"), 0);
	buf = ctl_msg_encode(&m, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_EQUAL(len, strlen(buf));
	CU_ASSERT_STRING_EQUAL(buf, "cmd=resource-add\nresource=web-rs\n"
	    "y=Resource_dependencies=a,b\nx=Start_command=/bin/sh -c 'a=b'\n"
	    "y=Retry_count=3\nnode=\nlong_key_with_underscores=\t\x01\xc3\xa9"
	    "\n");
	CU_ASSERT_EQUAL_FATAL(ctl_msg_parse(&back, buf, len, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(back.n, m.n);
	for (size_t i = 0; i < m.n; i++) {
		CU_ASSERT_STRING_EQUAL(back.f[i].key, m.f[i].key);
		CU_ASSERT_STRING_EQUAL(back.f[i].val, m.f[i].val);
	}
	CU_ASSERT_STRING_EQUAL(ctl_msg_get(&back, "cmd"), "resource-add");
	CU_ASSERT_STRING_EQUAL(ctl_msg_get(&back, "y"),
	    "Resource_dependencies=a,b");
	CU_ASSERT_EQUAL(ctl_msg_count(&back, "y"), 2);
	CU_ASSERT_EQUAL(ctl_msg_count(&back, "z"), 0);
	CU_ASSERT_PTR_NULL(ctl_msg_get(&back, "z"));
	CU_ASSERT_STRING_EQUAL(ctl_msg_get(&back, "node"), "");
	CU_ASSERT_STRING_EQUAL(ctl_msg_next(&back, "y", &pos),
	    "Resource_dependencies=a,b");
	CU_ASSERT_STRING_EQUAL(ctl_msg_next(&back, "y", &pos),
	    "Retry_count=3");
	CU_ASSERT_PTR_NULL(ctl_msg_next(&back, "y", &pos));
	CU_ASSERT_PTR_NULL(ctl_msg_next(&back, "y", &pos));
	free(buf);
	ctl_msg_free(&m);
	ctl_msg_free(&back);
	CU_ASSERT_EQUAL(m.n, 0);
}

static void
test_empty_and_last_line(void)
{
	char *buf;
	size_t len = 99;

	ctl_msg_init(&m);
	buf = ctl_msg_encode(&m, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	free(buf);
	CU_ASSERT_EQUAL(ctl_msg_parse(&back, "", 0, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(back.n, 0);
	/* The last line may lack its newline. */
	CU_ASSERT_EQUAL_FATAL(ctl_msg_parse(&back, "cmd=print\nverbose=2",
	    19, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(back.n, 2);
	CU_ASSERT_STRING_EQUAL(ctl_msg_get(&back, "verbose"), "2");
	ctl_msg_free(&back);
	/* Only len bytes are read. */
	CU_ASSERT_EQUAL_FATAL(ctl_msg_parse(&back, "cmd=print\nXXX", 10, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(back.n, 1);
	ctl_msg_free(&back);
}

static void
parse_refused(const char *buf, size_t len, const char *why)
{
	err[0] = '\0';
	CU_ASSERT_EQUAL(ctl_msg_parse(&back, buf, len, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, why);
	CU_ASSERT_EQUAL(back.n, 0);
}

static void
test_parse_refusals(void)
{
	parse_refused("cmd=print\nnoequals\n", 19, "malformed line 2: no '='");
	parse_refused("\n", 1, "malformed line 1: no '='");
	parse_refused("cmd=print\n\n", 11, "malformed line 2");
	parse_refused("Cmd=print\n", 10, "malformed line 1");
	parse_refused("=print\n", 7, "malformed line 1");
	parse_refused("cmd-x=1\n", 8, "malformed line 1");
	parse_refused("cmd 1=1\n", 8, "malformed line 1");
	parse_refused("c\xc3\xa9=1\n", 6, "malformed line 1");
	parse_refused("abcdefghijklmnopqrstuvwxyzabcdefg=1\n", 36,
	    "malformed line 1");
	parse_refused("cmd=pr\0int\n", 11, "malformed line 1");
}

static void
test_oversize(void)
{
	size_t len = CTL_MAX_REQUEST + 1;
	char *buf = malloc(len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	memset(buf, 'a', len);
	memcpy(buf, "k=", 2);
	parse_refused(buf, len, "exceeds 65536");
	/* Exactly the maximum is accepted. */
	CU_ASSERT_EQUAL(ctl_msg_parse(&back, buf, CTL_MAX_REQUEST, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(back.n, 1);
	ctl_msg_free(&back);
	free(buf);
}

static void
test_too_many_fields(void)
{
	size_t len = (CTL_MAX_FIELDS + 1) * 4;
	char *buf = malloc(len + 1);

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	ctl_msg_init(&m);
	for (size_t i = 0; i < CTL_MAX_FIELDS; i++)
		CU_ASSERT_EQUAL(ctl_msg_add(&m, "k", "v"), 0);
	errno = 0;
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "k", "v"), -1);
	CU_ASSERT_EQUAL(errno, ENOSPC);
	CU_ASSERT_EQUAL(m.n, CTL_MAX_FIELDS);
	ctl_msg_free(&m);
	for (size_t i = 0; i <= CTL_MAX_FIELDS; i++)
		memcpy(buf + i * 4, "k=v\n", 4);
	parse_refused(buf, len, "malformed line 257");
	CU_ASSERT_EQUAL(ctl_msg_parse(&back, buf, len - 4, err, sizeof(err)),
	    0);
	CU_ASSERT_EQUAL(back.n, CTL_MAX_FIELDS);
	ctl_msg_free(&back);
	free(buf);
}

static void
test_add_refusals(void)
{
	static const char *const bad_keys[] = { "", "Cmd", "a-b", "a b",
		"a=b", "k1", "abcdefghijklmnopqrstuvwxyzabcdefg" };

	ctl_msg_init(&m);
	for (size_t i = 0; i < sizeof(bad_keys) / sizeof(*bad_keys); i++) {
		errno = 0;
		CU_ASSERT_EQUAL(ctl_msg_add(&m, bad_keys[i], "v"), -1);
		CU_ASSERT_EQUAL(errno, EINVAL);
	}
	errno = 0;
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "y", "a\nb"), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "y", "\n"), -1);
	CU_ASSERT_EQUAL(m.n, 0);
	CU_ASSERT_EQUAL(ctl_msg_add(&m, "abcdefghijklmnopqrstuvwxyzabcdef",
	    "32-char key"), 0);
	CU_ASSERT_EQUAL(m.n, 1);
	ctl_msg_free(&m);
}

static const struct tu_test ctlmsg_tests[] = {
	{ "encode/parse round trip, repeated keys", test_roundtrip },
	{ "empty message, last line without newline, len respected",
	    test_empty_and_last_line },
	{ "parse refusals: no '=', bad keys, NUL", test_parse_refusals },
	{ "oversize message refused, maximum accepted", test_oversize },
	{ "too many fields refused", test_too_many_fields },
	{ "ctl_msg_add refusals: bad key, newline in value",
	    test_add_refusals },
	{ NULL, NULL },
};

int
tu_suite_ctlmsg(void)
{
	return tu_add_suite("ctlmsg", NULL, NULL, ctlmsg_tests);
}
