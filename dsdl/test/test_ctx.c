/* SPDX-License-Identifier: MIT */
/*
 * test_ctx.c - CUnit suite for dsdl/ctx.c, props.c and log.c: building a
 * handle from a method context (good and bad contexts, from text and from
 * a memfd), the names, the typed getters in the three scopes (types,
 * case-insensitive names, ENOENT and EINVAL), the method timeout, the
 * state directory, and the log line format. No processes are started.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "dsdl_impl.h"
#include "tu.h"

static const char *good_ctx =
    "method = \"start\"; timeout = 42; node = \"node1\";\n"
    "state_dir = \"/tmp/dsdl-ctx-test\"; syslog = false;\n"
    "resource = \"web\"; group = \"web-rg\"; type = \"SUNW.gds\";\n"
    "r_props = { Retry_count = 2; Failover_mode = \"NONE\";\n"
    "  Port_list = [\"8080/tcp\", \"8081/tcp\"]; Scalable = false;\n"
    "  Network_resources_used = []; Big = 5000000000L; };\n"
    "x_props = { Start_command = \"/usr/bin/foo -p 8080\";\n"
    "  Stop_signal = 15; Network_aware = true; Mode = \"B\";\n"
    "  Hosts = (\"a\", \"b\", \"c\"); Mixed = (\"a\", 1); };\n"
    "g_props = { Nodelist = [\"node1\", \"node2\"]; RG_mode = \"Failover\";\n"
    "  Pingpong_interval = 3600; };\n";

static struct dsdl *
open_good(void)
{
	char err[256] = "";
	struct dsdl *h = dsdl_open_text(good_ctx, NULL, err, sizeof(err));

	if (h == NULL)
		fprintf(stderr, "open_good: %s\n", err);
	return h;
}

/* The context of good_ctx with one line replaced or added. */
static struct dsdl *
open_variant(const char *from, const char *to, char *err, size_t errlen)
{
	char text[4096];
	const char *at = strstr(good_ctx, from);

	if (at == NULL)
		return NULL;
	(void)snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - good_ctx),
	    good_ctx, to, at + strlen(from));
	return dsdl_open_text(text, NULL, err, errlen);
}

static void
test_names(void)
{
	struct dsdl *h = open_good();

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_STRING_EQUAL(dsdl_resource_name(h), "web");
	CU_ASSERT_STRING_EQUAL(dsdl_group_name(h), "web-rg");
	CU_ASSERT_STRING_EQUAL(dsdl_type_name(h), "SUNW.gds");
	CU_ASSERT_STRING_EQUAL(dsdl_node_name(h), "node1");
	CU_ASSERT_STRING_EQUAL(dsdl_method_name(h), "start");
	CU_ASSERT_EQUAL(dsdl_method_timeout(h), 42);
	dsdl_close(h);
}

static void
test_bad_contexts(void)
{
	static const struct {
		const char *from, *to, *word;
	} cases[] = {
		{ "resource = \"web\";", "", "resource" },
		{ "group = \"web-rg\";", "group = \"\";", "group" },
		{ "type = \"SUNW.gds\";", "type = 3;", "type" },
		{ "node = \"node1\";", "", "node" },
		{ "timeout = 42;", "timeout = \"x\";", "timeout" },
		{ "timeout = 42;", "timeout = -1;", "timeout" },
		{ "syslog = false;", "syslog = 1;", "syslog" },
		{ "state_dir = \"/tmp/dsdl-ctx-test\";",
		    "state_dir = \"rel/dir\";", "absolute" },
		{ "r_props = {", "r_props = 3; rx = {", "r_props" },
		{ "g_props = {", "g_props = [1]; gx = {", "g_props" },
		{ "method = \"start\";", "method = ;", "line" },
	};
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		errno = 0;
		CU_ASSERT_PTR_NULL(open_variant(cases[i].from, cases[i].to,
		    err, sizeof(err)));
		CU_ASSERT_EQUAL(errno, EINVAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].word));
		if (strstr(err, cases[i].word) == NULL)
			fprintf(stderr, "case %zu: \"%s\"\n", i, err);
	}
}

static void
test_method_match(void)
{
	char err[256] = "";
	struct dsdl *h;

	h = dsdl_open_text(good_ctx, "START", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL(h);
	dsdl_close(h);
	h = dsdl_open_text(good_ctx, "stop", err, sizeof(err));
	CU_ASSERT_PTR_NULL(h);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "does not match"));
	/* No method in the context: the one asked for is used. */
	h = open_variant("method = \"start\";", "", err, sizeof(err));
	CU_ASSERT_PTR_NULL(h);	/* and none asked for: refused */
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "method"));
}

static void
test_method_default(void)
{
	const char *p = strstr(good_ctx, "timeout");
	char err[256] = "";
	struct dsdl *h;

	/* Drop the method and the timeout: the runner's method applies and
	 * the timeout is unknown. */
	h = dsdl_open_text(p + strlen("timeout = 42;"), "probe", err,
	    sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_STRING_EQUAL(dsdl_method_name(h), "probe");
	CU_ASSERT_EQUAL(dsdl_method_timeout(h), -1);
	dsdl_close(h);
}

static void
test_get_typed(void)
{
	struct dsdl *h = open_good();
	const char *s;
	int i;
	bool b;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(dsdl_get_int(h, DSDL_RESOURCE, "Retry_count", &i), 0);
	CU_ASSERT_EQUAL(i, 2);
	CU_ASSERT_EQUAL(dsdl_get_bool(h, DSDL_RESOURCE, "Scalable", &b), 0);
	CU_ASSERT_FALSE(b);
	CU_ASSERT_EQUAL(dsdl_get_bool(h, DSDL_EXTENSION, "Network_aware", &b),
	    0);
	CU_ASSERT_TRUE(b);
	CU_ASSERT_EQUAL(dsdl_get_string(h, DSDL_EXTENSION, "Start_command",
	    &s), 0);
	CU_ASSERT_STRING_EQUAL(s, "/usr/bin/foo -p 8080");
	CU_ASSERT_EQUAL(dsdl_get_enum(h, DSDL_RESOURCE, "Failover_mode", &s),
	    0);
	CU_ASSERT_STRING_EQUAL(s, "NONE");
	CU_ASSERT_EQUAL(dsdl_get_int(h, DSDL_GROUP, "Pingpong_interval", &i),
	    0);
	CU_ASSERT_EQUAL(i, 3600);
	CU_ASSERT_EQUAL(dsdl_get_string(h, DSDL_GROUP, "RG_mode", &s), 0);
	CU_ASSERT_STRING_EQUAL(s, "Failover");
	dsdl_close(h);
}

static void
test_get_strarray(void)
{
	struct dsdl *h = open_good();
	const char *const *v;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(dsdl_get_strarray(h, DSDL_RESOURCE, "Port_list", &v,
	    &n), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(v[0], "8080/tcp");
	CU_ASSERT_STRING_EQUAL(v[1], "8081/tcp");
	CU_ASSERT_PTR_NULL(v[2]);
	CU_ASSERT_EQUAL(dsdl_get_strarray(h, DSDL_RESOURCE,
	    "Network_resources_used", &v, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_PTR_NULL(v[0]);
	/* A list ( ... ) of strings is accepted as well. */
	CU_ASSERT_EQUAL(dsdl_get_strarray(h, DSDL_EXTENSION, "Hosts", &v, &n),
	    0);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(dsdl_get_strarray(h, DSDL_GROUP, "NODELIST", &v, &n),
	    0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(v[1], "node2");
	dsdl_close(h);
}

static void
test_case_insensitive(void)
{
	struct dsdl *h = open_good();
	const char *s;
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL(dsdl_get_int(h, DSDL_RESOURCE, "retry_COUNT", &i), 0);
	CU_ASSERT_EQUAL(i, 2);
	CU_ASSERT_EQUAL(dsdl_get_string(h, DSDL_EXTENSION, "START_COMMAND",
	    &s), 0);
	CU_ASSERT_EQUAL(dsdl_get_enum(h, DSDL_EXTENSION, "mode", &s), 0);
	CU_ASSERT_STRING_EQUAL(s, "B");
	dsdl_close(h);
}

static void
test_enoent(void)
{
	struct dsdl *h = open_good();
	const char *const *v;
	const char *s;
	size_t n;
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_int(h, DSDL_RESOURCE, "No_such", &i), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	/* Each name lives in its own scope only. */
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_int(h, DSDL_EXTENSION, "Retry_count", &i),
	    -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_string(h, DSDL_RESOURCE, "Start_command",
	    &s), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_strarray(h, DSDL_RESOURCE, "Nodelist", &v,
	    &n), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_int(h, (enum dsdl_scope)7, "Retry_count",
	    &i), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	dsdl_close(h);
}

static void
test_einval(void)
{
	struct dsdl *h = open_good();
	const char *const *v;
	const char *s;
	size_t n;
	int i;
	bool b;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_int(h, DSDL_EXTENSION, "Start_command", &i),
	    -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_string(h, DSDL_EXTENSION, "Stop_signal", &s),
	    -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_bool(h, DSDL_RESOURCE, "Retry_count", &b),
	    -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_strarray(h, DSDL_RESOURCE, "Failover_mode",
	    &v, &n), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_strarray(h, DSDL_EXTENSION, "Mixed", &v, &n),
	    -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_int(h, DSDL_RESOURCE, "Big", &i), -1);
	CU_ASSERT_EQUAL(errno, ERANGE);
	dsdl_close(h);
}

static void
test_no_scopes(void)
{
	static const char *bare = "method = \"stop\"; node = \"n\";"
	    "state_dir = \"/x\"; resource = \"r\"; group = \"g\";"
	    "type = \"t\";";
	char err[256] = "";
	struct dsdl *h = dsdl_open_text(bare, "stop", err, sizeof(err));
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_get_int(h, DSDL_GROUP, "Anything", &i), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	dsdl_close(h);
}

static void
test_open_fd(void)
{
	char err[256] = "", *big;
	struct dsdl *h;
	int fd;

	fd = tu_memfd(good_ctx);
	h = dsdl_open_fd(fd, "start", err, sizeof(err));
	(void)close(fd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_STRING_EQUAL(dsdl_resource_name(h), "web");
	dsdl_close(h);
	/* A context over DSDL_CTX_MAX is refused without being parsed. */
	big = malloc(DSDL_CTX_MAX + 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, ' ', DSDL_CTX_MAX + 1);
	big[DSDL_CTX_MAX + 1] = '\0';
	fd = tu_memfd(big);
	free(big);
	errno = 0;
	CU_ASSERT_PTR_NULL(dsdl_open_fd(fd, "start", err, sizeof(err)));
	CU_ASSERT_EQUAL(errno, EFBIG);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "larger"));
	(void)close(fd);
}

static void
test_state_dir(void)
{
	char *tmp = tu_mkdtemp(), text[2048], sub[512];
	struct dsdl *h;
	struct stat st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(tmp);
	(void)snprintf(sub, sizeof(sub), "%s/a/b", tmp);
	tu_context(text, sizeof(text), "start", 10, sub, "T", "", "");
	h = dsdl_open_text(text, NULL, NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_NOT_EQUAL(stat(sub, &st), 0);	/* made on demand only */
	CU_ASSERT_STRING_EQUAL(dsdl_state_dir(h), sub);
	CU_ASSERT_EQUAL(stat(sub, &st), 0);
	CU_ASSERT_TRUE(S_ISDIR(st.st_mode));
	dsdl_close(h);
	tu_rmrf(tmp);
}

static void
test_log_line(void)
{
	struct dsdl *h = open_good();
	int fd = memfd_create("log", 0), saved = dup(2);
	char buf[4096], *longer, *p;
	const char *expect;
	int lines;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_FATAL(fd >= 0 && saved >= 0);
	(void)dup2(fd, 2);
	dsdl_log(h, LOG_ERR, "port %d is %s", 8080, "closed");
	longer = malloc(5000);
	memset(longer, 'x', 4999);
	longer[4999] = '\0';
	dsdl_log(h, LOG_INFO, "%s", longer);
	free(longer);
	(void)dup2(saved, 2);
	(void)close(saved);
	tu_read_all(fd, buf, sizeof(buf));
	(void)close(fd);
	expect = "SUNW.gds:web-rg:web: port 8080 is closed\n"
	    "SUNW.gds:web-rg:web: xxx";
	CU_ASSERT_EQUAL(strncmp(buf, expect, strlen(expect)), 0);
	/* The over-long message is cut but is still one whole line. */
	for (p = buf, lines = 0; *p != '\0'; p++)
		lines += *p == '\n';
	CU_ASSERT_EQUAL(lines, 2);
	CU_ASSERT_EQUAL(buf[strlen(buf) - 1], '\n');
	dsdl_close(h);
}

int
test_ctx_register(void)
{
	CU_pSuite s = CU_add_suite("ctx", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "names and timeout", test_names) == NULL ||
	    CU_add_test(s, "bad contexts refused", test_bad_contexts) == NULL ||
	    CU_add_test(s, "method must match", test_method_match) == NULL ||
	    CU_add_test(s, "method from runner", test_method_default) == NULL ||
	    CU_add_test(s, "typed getters", test_get_typed) == NULL ||
	    CU_add_test(s, "string arrays", test_get_strarray) == NULL ||
	    CU_add_test(s, "case-insensitive", test_case_insensitive) == NULL ||
	    CU_add_test(s, "ENOENT and scopes", test_enoent) == NULL ||
	    CU_add_test(s, "EINVAL on type", test_einval) == NULL ||
	    CU_add_test(s, "no property groups", test_no_scopes) == NULL ||
	    CU_add_test(s, "context from fd", test_open_fd) == NULL ||
	    CU_add_test(s, "state dir on demand", test_state_dir) == NULL ||
	    CU_add_test(s, "log line", test_log_line) == NULL)
		return -1;
	return 0;
}
