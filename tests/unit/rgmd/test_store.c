// SPDX-License-Identifier: MIT
/*
 * test_store.c - suite "store" (rgmd/store.c, rgmd/ccr_store.c): a ccr
 * rendered, stored, read back and rebuilt is the same (text and
 * generation); a writer killed at each step of store_write leaves exactly
 * the old or the new complete file; a write that cannot complete (no
 * directory, a full file system simulated with RLIMIT_FSIZE, a blocked
 * temporary name) fails with a message and leaves the old file intact; a
 * file damaged afterwards (emptied, cut at any byte, altered) is refused,
 * and a file of an older rgmd without the framing is still read.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ccr.h"
#include "store.h"
#include "tu.h"

static char *dir;
static char err[512];

static const char app_rtr[] =
    "RESOURCE_TYPE = \"TEST.app\";\n"
    "FAILOVER = true;\n"
    "MODULE = \"app.so\";\n"
    "PROPERTIES = (\n"
    "  { PROPERTY = \"Start_timeout\"; MIN = 10; DEFAULT = 60; },\n"
    "  { PROPERTY = \"Port\"; EXTENSION = true; TYPE = \"INT\";\n"
    "    DEFAULT = 8080; },\n"
    "  { PROPERTY = \"Hosts\"; EXTENSION = true; TYPE = \"STRINGARRAY\";\n"
    "    DEFAULT = [\"h1\"]; },\n"
    "  { PROPERTY = \"On\"; EXTENSION = true; TYPE = \"BOOLEAN\";\n"
    "    DEFAULT = false; },\n"
    "  { PROPERTY = \"Cmd\"; EXTENSION = true; TYPE = \"STRING\"; },\n"
    "  { PROPERTY = \"Mode\"; EXTENSION = true; TYPE = \"ENUM\";\n"
    "    VALUES = [\"Fast\", \"Safe\"]; DEFAULT = \"Safe\"; }\n"
    ");\n";

static int
store_suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
store_suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

#define OK(call) \
	tu_assert_ok((call), err, #call, __LINE__, __FILE__)

/* A repository with a type, two groups and two resources. */
static struct ccr *
sample(uint64_t gen)
{
	char *nodes[] = { "n1", "n2" };
	struct ccr *c = ccr_new();

	if (c == NULL || tu_add_type(c, dir, "app.rtr", app_rtr) == -1) {
		ccr_free(c);
		return NULL;
	}
	c->generation = gen;
	c->types[0]->methods = 0x1a5;
	OK(ccr_type_change(c, "TEST.app", nodes, 2, TU_NONE, err,
	    sizeof(err)));
	OK(ccr_group_add(c, "g1", nodes, 2, TU_ASSIGN("Failback=TRUE",
	    "RG_description=the \"web\" group"), err, sizeof(err)));
	OK(ccr_group_add(c, "g2", NULL, 0, TU_ASSIGN("RG_dependencies=g1",
	    "RG_mode=Scalable", "Maximum_primaries=2"), err, sizeof(err)));
	c->groups[0]->managed = true;
	OK(ccr_resource_add(c, "r1", "TEST.app", "g1",
	    TU_ASSIGN("Retry_count=3"), TU_ASSIGN("Cmd=/bin/true -x",
	    "Hosts=a,b,c", "Mode=fast", "On=TRUE"), err, sizeof(err)));
	OK(ccr_resource_add(c, "r2", "TEST.app", "g1",
	    TU_ASSIGN("Resource_dependencies=r1"), TU_ASSIGN("Cmd=",
	    "Hosts="), err, sizeof(err)));
	c->res[1]->enabled = false;
	c->res[1]->monitored = false;
	return c;
}

static int
write_ccr(const struct ccr *c, const char *path)
{
	config_t cf;
	int rc;

	config_init(&cf);
	rc = ccr_to_config(c, &cf);
	if (rc == 0)
		rc = store_write(path, &cf, err, sizeof(err));
	config_destroy(&cf);
	return rc;
}

/* Read path back into a new ccr, or NULL (err says why). */
static struct ccr *
read_ccr(const char *path)
{
	struct ccr *c;
	config_t cf;

	config_init(&cf);
	if (store_read(path, &cf, err, sizeof(err)) == -1) {
		config_destroy(&cf);
		return NULL;
	}
	c = ccr_new();
	if (ccr_from_config(c, &cf, TU_API, err, sizeof(err)) == -1) {
		ccr_free(c);
		c = NULL;
	}
	config_destroy(&cf);
	return c;
}

static void
path_of(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static void
test_roundtrip(void)
{
	struct ccr *c = sample(42), *back;
	char path[PATH_MAX], *t1, *t2;
	struct res *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	path_of(path, sizeof(path), "ccr.conf");
	OK(write_ccr(c, path));
	back = read_ccr(path);
	TU_ASSERT_OK(back ? 0 : -1, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(back->generation, 42);
	t1 = tu_ccr_text(c);
	t2 = tu_ccr_text(back);
	tu_assert_same(t1, t2, "ccr -> store -> ccr", __LINE__, __FILE__);
	/* And the objects themselves came back. */
	CU_ASSERT_EQUAL(back->types[0]->methods, 0x1a5);
	CU_ASSERT_EQUAL(back->types[0]->n_nodes, 2);
	CU_ASSERT_PTR_NOT_NULL(rt_find_decl(back->types[0], "Mode"));
	CU_ASSERT_TRUE(ccr_group(back, "g1")->managed);
	CU_ASSERT_FALSE(ccr_group(back, "g2")->managed);
	r = ccr_resource(back, "r2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_FALSE(r->enabled);
	CU_ASSERT_FALSE(r->monitored);
	CU_ASSERT_EQUAL(ccr_res_value(r, "Hosts")->n, 0);
	r = ccr_resource(back, "r1");
	CU_ASSERT_STRING_EQUAL(ccr_res_value(r, "Mode")->s, "Fast");
	CU_ASSERT_STRING_EQUAL(ccr_res_value(r, "Cmd")->s, "/bin/true -x");
	CU_ASSERT_EQUAL(ccr_res_value(r, "Hosts")->n, 3);
	CU_ASSERT_TRUE(ccr_res_value(r, "On")->b);
	/* No temporary file is left behind. */
	{
		char tmp[PATH_MAX + 8];

		snprintf(tmp, sizeof(tmp), "%s.tmp", path);
		CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
	}
	free(t1);
	free(t2);
	ccr_free(c);
	ccr_free(back);
}

static void
test_empty_roundtrip(void)
{
	struct ccr *c = ccr_new(), *back;
	char path[PATH_MAX], *t1, *t2;

	c->generation = 1ULL << 40;
	path_of(path, sizeof(path), "empty.conf");
	OK(write_ccr(c, path));
	back = read_ccr(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(back->generation, 1ULL << 40);
	t1 = tu_ccr_text(c);
	t2 = tu_ccr_text(back);
	tu_assert_same(t1, t2, "empty ccr round trip", __LINE__, __FILE__);
	free(t1);
	free(t2);
	ccr_free(c);
	ccr_free(back);
}

static void
test_read_errors(void)
{
	char path[PATH_MAX];
	config_t cf;

	config_init(&cf);
	path_of(path, sizeof(path), "absent.conf");
	errno = 0;
	CU_ASSERT_EQUAL(store_read(path, &cf, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	TU_ASSERT_HAS(err, "absent.conf");
	config_destroy(&cf);
	config_init(&cf);
	CU_ASSERT_EQUAL_FATAL(tu_write(dir, "garbage.conf",
	    "generation = 1;\ngroups = ( {\n", path, sizeof(path)), 0);
	CU_ASSERT_EQUAL(store_read(path, &cf, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	TU_ASSERT_HAS(err, "garbage.conf:3");
	config_destroy(&cf);
}

static void
test_from_config_errors(void)
{
	static const struct { const char *text, *why; } cases[] = {
		{ "types = ( { name = \"T\"; "
		    "rtr = \"/nonexistent/x.rtr\"; } );",
		    "/nonexistent/x.rtr" },
		{ "resources = ( { name = \"r\"; group = \"g\"; "
		    "type = \"T\"; } );", "resource r: unknown resource type" },
		{ "groups = ( { name = \"g\"; managed = false; "
		    "props = { Colour = 1; }; } );",
		    "property Colour is no longer declared" },
		{ "groups = ( { name = \"g\"; managed = false; "
		    "props = { Failback = 1; }; } );",
		    "Failback must be of type BOOLEAN" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct ccr *c = ccr_new();
		config_t cf;

		config_init(&cf);
		CU_ASSERT_EQUAL_FATAL(config_read_string(&cf, cases[i].text),
		    CONFIG_TRUE);
		err[0] = '\0';
		CU_ASSERT_EQUAL(ccr_from_config(c, &cf, TU_API, err,
		    sizeof(err)), -1);
		TU_ASSERT_HAS(err, cases[i].why);
		config_destroy(&cf);
		ccr_free(c);
	}
}

/* c stored as a configuration written before types kept their
 * definition (types by their RTR file only). */
static int
write_legacy_ccr(const struct ccr *c, const char *path)
{
	config_setting_t *l;
	config_t cf;
	int rc;

	config_init(&cf);
	rc = ccr_to_config(c, &cf);
	l = config_lookup(&cf, "types");
	for (int i = 0; rc == 0 && l && i < config_setting_length(l); i++) {
		config_setting_t *e = config_setting_get_elem(l, (unsigned)i);

		config_setting_remove(e, "definition");
		config_setting_remove(e, "definition_sum");
	}
	if (rc == 0)
		rc = store_write(path, &cf, err, sizeof(err));
	config_destroy(&cf);
	return rc;
}

/*
 * A configuration written before definitions were kept: the type's RTR
 * file gains an extension property (with a default) between a write and
 * a read, and the reloaded resource has the default stored, as ccr.h
 * promises ("defaults are always stored"). (A configuration with the
 * definition does not read the file: suite ccr_types.)
 */
static void
test_reload_new_default(void)
{
	static const char v1[] = "RESOURCE_TYPE = \"TEST.up\";\n"
	    "MODULE = \"up.so\";\n";
	static const char v2[] = "RESOURCE_TYPE = \"TEST.up\";\n"
	    "MODULE = \"up.so\";\nPROPERTIES = ({ PROPERTY = \"Added\"; "
	    "EXTENSION = true; TYPE = \"INT\"; DEFAULT = 7; });\n";
	struct ccr *c = ccr_new(), *back;
	char path[PATH_MAX], rtr[PATH_MAX];

	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "up.rtr", v1), 0);
	OK(ccr_group_add(c, "g", NULL, 0, TU_NONE, err, sizeof(err)));
	OK(ccr_resource_add(c, "r", "TEST.up", "g", TU_NONE, TU_NONE, err,
	    sizeof(err)));
	path_of(path, sizeof(path), "up.conf");
	OK(write_legacy_ccr(c, path));
	CU_ASSERT_EQUAL_FATAL(tu_write(dir, "up.rtr", v2, rtr, sizeof(rtr)),
	    0);
	back = read_ccr(path);
	TU_ASSERT_OK(back ? 0 : -1, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_PTR_NOT_NULL(ccr_res_value(ccr_resource(back, "r"),
	    "Added"));
	CU_ASSERT_EQUAL(ccr_res_int(ccr_resource(back, "r"), "Added", -1), 7);
	/* It now holds the definition it was loaded from. */
	CU_ASSERT_STRING_EQUAL(back->types[0]->definition, v2);
	ccr_free(back);
	ccr_free(c);
}

/*
 * Write generation 10 normally, then in a child write generation 11 (one
 * more group) and die at step s. The file must then read back as exactly
 * generation 11 (expect_new) or exactly generation 10, and a later write
 * must succeed over whatever the crash left.
 */
static void
crash_case(enum tu_crash_at s, bool expect_new)
{
	struct ccr *old = sample(10), *neu, *back;
	char path[PATH_MAX], *told, *tnew, *tback;
	int status;
	pid_t pid;

	CU_ASSERT_PTR_NOT_NULL_FATAL(old);
	neu = ccr_clone(old);
	neu->generation = 11;
	OK(ccr_group_add(neu, "g3", NULL, 0, TU_NONE, err, sizeof(err)));
	path_of(path, sizeof(path), "crash.conf");
	OK(write_ccr(old, path));
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid != -1);
	if (pid == 0) {
		tu_crash_at = s;
		write_ccr(neu, path);
		_exit(3);	/* the hook was never called at step s */
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	/* The child died at the step, not after the write. */
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	back = read_ccr(path);
	TU_ASSERT_OK(back ? 0 : -1, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	told = tu_ccr_text(old);
	tnew = tu_ccr_text(neu);
	tback = tu_ccr_text(back);
	CU_ASSERT_EQUAL(back->generation, expect_new ? 11 : 10);
	tu_assert_same(expect_new ? tnew : told, tback, expect_new ?
	    "file is the new generation" : "file is the old generation",
	    __LINE__, __FILE__);
	free(told);
	free(tnew);
	free(tback);
	ccr_free(back);
	/* A later write succeeds over whatever the crash left. */
	neu->generation = 12;
	OK(write_ccr(neu, path));
	back = read_ccr(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(back->generation, 12);
	ccr_free(back);
	ccr_free(old);
	ccr_free(neu);
}

static void
test_crash_half_written(void)
{
	crash_case(TU_CRASH_HALF_WRITTEN, false);
}

static void
test_crash_written(void)
{
	crash_case(TU_CRASH_WRITTEN, false);
}

static void
test_crash_synced(void)
{
	crash_case(TU_CRASH_SYNCED, false);
}

static void
test_crash_renamed(void)
{
	crash_case(TU_CRASH_RENAMED, true);
}

/* The file still holds generation 10 of sample(). */
static void
assert_old_intact(const char *path)
{
	struct ccr *old = sample(10), *back = read_ccr(path);
	char *t1 = tu_ccr_text(old), *t2 = back ? tu_ccr_text(back) : NULL;

	tu_assert_same(t1, t2, "old file intact", __LINE__, __FILE__);
	free(t1);
	free(t2);
	ccr_free(old);
	ccr_free(back);
}

static void
test_no_directory(void)
{
	struct ccr *c = sample(10);
	char path[PATH_MAX];

	path_of(path, sizeof(path), "nosuchdir/ccr.conf");
	err[0] = '\0';
	CU_ASSERT_EQUAL(write_ccr(c, path), -1);
	TU_ASSERT_HAS(err, "nosuchdir/ccr.conf");
	TU_ASSERT_HAS(err, "No such file or directory");
	ccr_free(c);
}

/* PATH.tmp is a directory: the temporary file cannot be created. */
static void
test_tmp_blocked(void)
{
	struct ccr *c = sample(10);
	char path[PATH_MAX], tmp[PATH_MAX + 8];

	path_of(path, sizeof(path), "blocked.conf");
	OK(write_ccr(c, path));
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	CU_ASSERT_EQUAL_FATAL(mkdir(tmp, 0700), 0);
	c->generation = 11;
	err[0] = '\0';
	CU_ASSERT_EQUAL(write_ccr(c, path), -1);
	TU_ASSERT_HAS(err, "blocked.conf");
	assert_old_intact(path);
	rmdir(tmp);
	ccr_free(c);
}

/*
 * A full disk, simulated in a child with RLIMIT_FSIZE below the size of
 * the new file: the write fails, the temporary file is removed, and the
 * old file is intact. The child exits 0 only if store_write behaved.
 */
static void
test_disk_full(void)
{
	struct ccr *c = sample(10);
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	int status;
	pid_t pid;

	path_of(path, sizeof(path), "full.conf");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	OK(write_ccr(c, path));
	OK(ccr_group_add(c, "g3", NULL, 0, TU_NONE, err, sizeof(err)));
	c->generation = 11;
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid != -1);
	if (pid == 0) {
		struct rlimit rl = { .rlim_cur = 200, .rlim_max = 200 };

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) == -1)
			_exit(2);
		if (write_ccr(c, path) != -1)
			_exit(3);
		if (strstr(err, "cannot write") == NULL ||
		    strstr(err, "full.conf.tmp") == NULL)
			_exit(4);
		if (access(tmp, F_OK) == 0)
			_exit(5);
		_exit(0);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
	CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
	assert_old_intact(path);
	ccr_free(c);
}

/* Write the first n bytes of text to dir/name (its path to path). */
static void
write_prefix(const char *text, size_t n, const char *name, char *path,
    size_t len)
{
	FILE *f;

	path_of(path, len, name);
	f = fopen(path, "we");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(text, 1, n, f), n);
	fclose(f);
}

/* store_read must refuse path as damaged, with why in the message. */
static void
assert_damaged(const char *path, const char *why, size_t cut)
{
	config_t cf;
	int rc;

	config_init(&cf);
	err[0] = '\0';
	errno = 0;
	rc = store_read(path, &cf, err, sizeof(err));
	if (rc != -1)
		fprintf(stderr, "\n  read at cut %zu: accepted\n", cut);
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	TU_ASSERT_HAS(err, path);
	TU_ASSERT_HAS(err, "damaged");
	if (why != NULL)
		TU_ASSERT_HAS(err, why);
	config_destroy(&cf);
}

/* The file starts with the header and ends with the end marker. */
static void
test_framing(void)
{
	struct ccr *c = sample(5);
	char path[PATH_MAX], *text;
	size_t len;

	path_of(path, sizeof(path), "framed.conf");
	OK(write_ccr(c, path));
	text = tu_slurp(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	len = strlen(text);
	CU_ASSERT_EQUAL(strncmp(text, STORE_HEADER, strlen(STORE_HEADER)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n# end of file: "));
	CU_ASSERT_EQUAL(text[len - 1], '\n');
	free(text);
	ccr_free(c);
}

/* A zero-length file is damage, not an empty configuration. */
static void
test_damage_empty(void)
{
	char path[PATH_MAX];

	write_prefix("", 0, "zero.conf", path, sizeof(path));
	assert_damaged(path, "empty", 0);
}

/*
 * The file cut at every line boundary, then at every byte: each prefix is
 * refused (before the framing, a cut between two resources loaded as a
 * smaller configuration).
 */
static void
test_damage_cut(void)
{
	struct ccr *c = sample(5);
	char path[PATH_MAX], cut[PATH_MAX], *text;
	size_t len, lines = 0;

	path_of(path, sizeof(path), "whole.conf");
	OK(write_ccr(c, path));
	text = tu_slurp(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	len = strlen(text);
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n' || i + 1 == len)
			continue;
		write_prefix(text, i + 1, "cut.conf", cut, sizeof(cut));
		assert_damaged(cut, "cut short", i + 1);
		lines++;
	}
	CU_ASSERT_TRUE(lines > 10);
	for (size_t n = 1; n < len; n++) {
		write_prefix(text, n, "cut.conf", cut, sizeof(cut));
		assert_damaged(cut, NULL, n);
	}
	free(text);
	ccr_free(c);
}

/* One changed byte, or a whole line removed, is found. */
static void
test_damage_altered(void)
{
	struct ccr *c = sample(5);
	char path[PATH_MAX], *text, *p, *nl;

	path_of(path, sizeof(path), "alter.conf");
	OK(write_ccr(c, path));
	text = tu_slurp(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	p = strstr(text, "\"g2\"");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	p[2] = '7';
	write_prefix(text, strlen(text), "alter.conf", path, sizeof(path));
	assert_damaged(path, "checksum", 0);
	p[2] = '2';
	/* Remove the line naming r2: the length no longer matches. */
	p = strstr(text, "\"r2\"");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	while (p > text && p[-1] != '\n')
		p--;
	nl = strchr(p, '\n');
	memmove(p, nl + 1, strlen(nl + 1) + 1);
	write_prefix(text, strlen(text), "alter.conf", path, sizeof(path));
	assert_damaged(path, "records", 0);
	free(text);
	ccr_free(c);
}

/* A file of an older rgmd (no framing) is still read, whole. */
static void
test_legacy_file(void)
{
	struct ccr *c = sample(9), *back;
	char path[PATH_MAX], *t1, *t2;
	config_t cf;

	path_of(path, sizeof(path), "legacy.conf");
	config_init(&cf);
	OK(ccr_to_config(c, &cf));
	CU_ASSERT_EQUAL_FATAL(config_write_file(&cf, path), CONFIG_TRUE);
	config_destroy(&cf);
	back = read_ccr(path);
	TU_ASSERT_OK(back ? 0 : -1, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(back->generation, 9);
	t1 = tu_ccr_text(c);
	t2 = tu_ccr_text(back);
	tu_assert_same(t1, t2, "legacy file read", __LINE__, __FILE__);
	free(t1);
	free(t2);
	ccr_free(back);
	ccr_free(c);
}

static const struct tu_test store_tests[] = {
	{ "ccr -> store -> ccr round trip", test_roundtrip },
	{ "empty ccr round trip, 64-bit generation", test_empty_roundtrip },
	{ "read: missing file, syntax error", test_read_errors },
	{ "ccr_from_config refusals", test_from_config_errors },
	{ "older file: reload stores the default of a newly declared property",
	    test_reload_new_default },
	{ "crash with the temporary file half written",
	    test_crash_half_written },
	{ "crash with the temporary file written", test_crash_written },
	{ "crash with the temporary file synced", test_crash_synced },
	{ "crash after the rename", test_crash_renamed },
	{ "write into a missing directory", test_no_directory },
	{ "temporary file cannot be created: old file intact",
	    test_tmp_blocked },
	{ "full disk: write fails, old file intact", test_disk_full },
	{ "file framed by header and end marker", test_framing },
	{ "zero-length file refused", test_damage_empty },
	{ "file cut at any line or byte refused", test_damage_cut },
	{ "altered byte or removed line refused", test_damage_altered },
	{ "file of an older rgmd (no marker) read", test_legacy_file },
	{ NULL, NULL },
};

int
tu_suite_store(void)
{
	return tu_add_suite("store", store_suite_init, store_suite_clean,
	    store_tests);
}
