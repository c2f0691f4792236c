// SPDX-License-Identifier: MIT
/*
 * test_rtr.c - suite "rtr" (rgmd/rtr.c): RTR files written into a
 * temporary directory and loaded. A good file gives the header fields,
 * the standard properties with the file's overrides, each extension type
 * and the MODULE path resolved against the file's directory; each kind of
 * bad file is refused with a message naming the file and the problem.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rtr.h"
#include "stdprops.h"
#include "tu.h"

static char *dir;

static int
rtr_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
rtr_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

static const char good_rtr[] =
    "# a good RTR file\n"
    "RESOURCE_TYPE = \"TEST.good\";\n"
    "VENDOR_ID = \"TEST\";\n"
    "RT_DESCRIPTION = \"unit test type\";\n"
    "RT_VERSION = \"2.1\";\n"
    "API_VERSION = 1;\n"
    "FAILOVER = true;\n"
    "SINGLE_INSTANCE = true;\n"
    "INIT_NODES = \"RT_INSTALLED_NODES\";\n"
    "MODULE = \"mods/good.so\";\n"
    "PROPERTIES = (\n"
    "  { PROPERTY = \"Start_timeout\"; MIN = 10; MAX = 600; DEFAULT = 60; },\n"
    "  { PROPERTY = \"retry_count\"; DEFAULT = 5;\n"
    "    TUNABLE = \"WHEN_DISABLED\"; },\n"
    "  { PROPERTY = \"Port\"; EXTENSION = true; TYPE = \"INT\"; MIN = 1;\n"
    "    MAX = 65535; DEFAULT = 8080; TUNABLE = \"AT_CREATION\";\n"
    "    DESCRIPTION = \"TCP port\"; },\n"
    "  { PROPERTY = \"Verbose\"; EXTENSION = true; TYPE = \"BOOLEAN\";\n"
    "    DEFAULT = true; },\n"
    "  { PROPERTY = \"Command\"; EXTENSION = true; TYPE = \"string\";\n"
    "    MAX = 64; TUNABLE = \"NONE\"; },\n"
    "  { PROPERTY = \"Hosts\"; EXTENSION = true; TYPE = \"STRINGARRAY\";\n"
    "    DEFAULT = [\"a\", \"b\"]; TUNABLE = \"FALSE\"; },\n"
    "  { PROPERTY = \"Mode\"; EXTENSION = true; TYPE = \"ENUM\";\n"
    "    VALUES = [\"Fast\", \"Safe\"]; DEFAULT = \"safe\"; }\n"
    ");\n";

static int
load(const char *name, const char *text, struct rt *t, char *err,
    size_t errlen)
{
	char path[PATH_MAX];

	if (tu_write(dir, name, text, path, sizeof(path)) == -1)
		return -2;
	err[0] = '\0';
	return rtr_load(path, TU_API, t, err, errlen);
}

static void
test_good_header(void)
{
	struct rt t;
	char err[512], want[PATH_MAX + 32], real[PATH_MAX];

	CU_ASSERT_EQUAL_FATAL(load("good.rtr", good_rtr, &t, err,
	    sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(t.name, "TEST.good");
	CU_ASSERT_STRING_EQUAL(t.vendor, "TEST");
	CU_ASSERT_STRING_EQUAL(t.description, "unit test type");
	CU_ASSERT_STRING_EQUAL(t.version, "2.1");
	CU_ASSERT_STRING_EQUAL(t.init_nodes, "RT_INSTALLED_NODES");
	CU_ASSERT_EQUAL(t.api_version, 1);
	CU_ASSERT_TRUE(t.failover);
	CU_ASSERT_TRUE(t.single_instance);
	CU_ASSERT_PTR_NOT_NULL_FATAL(realpath(dir, real));
	snprintf(want, sizeof(want), "%s/mods/good.so", real);
	CU_ASSERT_STRING_EQUAL(t.module, want);
	snprintf(want, sizeof(want), "%s/good.rtr", real);
	CU_ASSERT_STRING_EQUAL(t.rtr_path, want);
	CU_ASSERT_EQUAL(t.n_nodes, 0);
	rt_free(&t);
}

static void
test_good_standard(void)
{
	const struct prop_decl *d;
	size_t nstd;
	struct rt t;
	char err[512];

	stdprops_resource(&nstd);
	CU_ASSERT_EQUAL_FATAL(load("good.rtr", good_rtr, &t, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(t.n_decls, nstd + 5);
	/* Every standard property is there, not as an extension. */
	for (size_t i = 0; i < stdprops_n_methods; i++) {
		char name[64];

		snprintf(name, sizeof(name), "%s_timeout", stdprops_methods[i]);
		d = rt_find_decl(&t, name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		CU_ASSERT_FALSE(d->extension);
	}
	d = rt_find_decl(&t, "START_TIMEOUT");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_TRUE(d->has_min && d->min == 10);
	CU_ASSERT_TRUE(d->has_max && d->max == 600);
	CU_ASSERT_EQUAL(d->def.i, 60);
	d = rt_find_decl(&t, "Stop_timeout");
	CU_ASSERT_EQUAL(d->def.i, 3600);
	d = rt_find_decl(&t, "Retry_count");
	CU_ASSERT_STRING_EQUAL(d->name, "Retry_count");
	CU_ASSERT_EQUAL(d->def.i, 5);
	CU_ASSERT_EQUAL(d->tunable, TUNE_WHEN_DISABLED);
	d = rt_find_decl(&t, "Failover_mode");
	CU_ASSERT_EQUAL(d->type, PROP_ENUM);
	CU_ASSERT_STRING_EQUAL(d->def.s, "NONE");
	rt_free(&t);
}

static void
test_good_extensions(void)
{
	const struct prop_decl *d;
	struct rt t;
	char err[512];

	CU_ASSERT_EQUAL_FATAL(load("good.rtr", good_rtr, &t, err,
	    sizeof(err)), 0);
	d = rt_find_decl(&t, "port");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_TRUE(d->extension);
	CU_ASSERT_EQUAL(d->type, PROP_INT);
	CU_ASSERT_TRUE(d->has_min && d->min == 1 && d->has_max &&
	    d->max == 65535);
	CU_ASSERT_TRUE(d->has_default && d->def.i == 8080);
	CU_ASSERT_EQUAL(d->tunable, TUNE_AT_CREATION);
	CU_ASSERT_STRING_EQUAL(d->description, "TCP port");
	d = rt_find_decl(&t, "Verbose");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->type, PROP_BOOL);
	CU_ASSERT_TRUE(d->has_default && d->def.b);
	CU_ASSERT_EQUAL(d->tunable, TUNE_ANYTIME);
	d = rt_find_decl(&t, "Command");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->type, PROP_STRING);
	CU_ASSERT_FALSE(d->has_default);
	CU_ASSERT_EQUAL(d->tunable, TUNE_NONE);
	d = rt_find_decl(&t, "Hosts");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->type, PROP_STRINGARRAY);
	CU_ASSERT_EQUAL_FATAL(d->def.n, 2);
	CU_ASSERT_STRING_EQUAL(d->def.v[1], "b");
	CU_ASSERT_EQUAL(d->tunable, TUNE_NONE);
	d = rt_find_decl(&t, "Mode");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(d->type, PROP_ENUM);
	CU_ASSERT_EQUAL_FATAL(d->n_enum, 2);
	CU_ASSERT_STRING_EQUAL(d->enumv[0], "Fast");
	/* The default is stored in the declared spelling. */
	CU_ASSERT_STRING_EQUAL(d->def.s, "Safe");
	CU_ASSERT_PTR_NULL(rt_find_decl(&t, "Nonexistent"));
	rt_free(&t);
}

static void
test_minimal_and_absolute_module(void)
{
	struct rt t;
	char err[512];

	CU_ASSERT_EQUAL_FATAL(load("min.rtr", "RESOURCE_TYPE = \"T.min\";\n"
	    "MODULE = \"/opt/x/t.so\";\n", &t, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(t.module, "/opt/x/t.so");
	CU_ASSERT_EQUAL(t.api_version, 1);
	CU_ASSERT_FALSE(t.failover);
	CU_ASSERT_STRING_EQUAL(t.version, "1");
	CU_ASSERT_STRING_EQUAL(t.init_nodes, "RG_PRIMARIES");
	rt_free(&t);
}

/* The file is refused; the message names the file and each of why[]. */
static void
bad(const char *name, const char *text, const char *why1, const char *why2)
{
	struct rt t;
	char err[512];

	CU_ASSERT_EQUAL(load(name, text, &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, name);
	TU_ASSERT_HAS(err, why1);
	if (why2 != NULL)
		TU_ASSERT_HAS(err, why2);
	/* rt_free was done by rtr_load: the struct is empty. */
	CU_ASSERT_PTR_NULL(t.name);
	CU_ASSERT_PTR_NULL(t.decls);
}

#define HDR "RESOURCE_TYPE = \"T.bad\";\nMODULE = \"t.so\";\n"

static void
test_bad_header(void)
{
	bad("nort.rtr", "MODULE = \"t.so\";\n", "RESOURCE_TYPE is missing",
	    NULL);
	bad("nomod.rtr", "RESOURCE_TYPE = \"T.x\";\n", "MODULE is missing",
	    NULL);
	bad("api.rtr", HDR "API_VERSION = 2;\n", "API_VERSION 2",
	    "speaks 1");
	bad("init.rtr", HDR "INIT_NODES = \"ALL\";\n", "INIT_NODES", "ALL");
}

static void
test_bad_syntax(void)
{
	bad("syntax.rtr", HDR "\nFoo = = 1;\nBar = 2;\n", "syntax.rtr:4",
	    "syntax error");
	bad("syntax2.rtr", "RESOURCE_TYPE = \"T\";\nMODULE = \"x\";\n"
	    "PROPERTIES = ( { PROPERTY = \"X\"; }\n", "syntax2.rtr:4", NULL);
}

/*
 * libconfig follows "@include" to any path: a directory made its scanner
 * call exit() (rgmd fell over on scrgadm -a -t), a FIFO blocked for ever.
 * A NUL byte silently ended the file. All are refused, named.
 */
static void
test_include_and_nul(void)
{
	struct rt t;
	char err[512];
	static const char nul[] = HDR "# comment\0FAILOVER = 5;\n";

	bad("incdir.rtr", HDR "\n  @include \"/\"\n", "incdir.rtr:4",
	    "@include is not allowed");
	bad("incfile.rtr", "@include \"/etc/hostname\"\n" HDR,
	    "incfile.rtr:1", "@include is not allowed");
	{
		char path[PATH_MAX];
		FILE *f;

		snprintf(path, sizeof(path), "%s/nul.rtr", dir);
		f = fopen(path, "w");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		fwrite(nul, 1, sizeof(nul) - 1, f);
		fclose(f);
		CU_ASSERT_EQUAL(rtr_load(path, TU_API, &t, err, sizeof(err)),
		    -1);
		TU_ASSERT_HAS(err, "nul.rtr: a NUL byte at offset");
	}
}

static void
test_missing_file(void)
{
	struct rt t;
	char err[512] = "", path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/absent.rtr", dir);
	CU_ASSERT_EQUAL(rtr_load(path, TU_API, &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "absent.rtr");
	TU_ASSERT_HAS(err, "No such file");
}

static void
test_bad_properties(void)
{
	bad("notype.rtr", HDR "PROPERTIES = (\n { PROPERTY = \"P\"; "
	    "EXTENSION = true; DEFAULT = 1; }\n);\n", "line 4",
	    "extension property P needs a TYPE");
	bad("badtype.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; "
	    "EXTENSION = true; TYPE = \"FLOAT\"; });\n", "P needs a TYPE",
	    NULL);
	bad("novals.rtr", HDR "PROPERTIES = (\n\n { PROPERTY = \"M\"; "
	    "EXTENSION = true; TYPE = \"ENUM\"; }\n);\n", "line 5",
	    "ENUM property M needs VALUES");
	bad("emptyvals.rtr", HDR "PROPERTIES = ({ PROPERTY = \"M\"; "
	    "EXTENSION = true; TYPE = \"ENUM\"; VALUES = []; });\n",
	    "VALUES of M is empty", NULL);
	bad("enumdef.rtr", HDR "PROPERTIES = ({ PROPERTY = \"M\"; "
	    "EXTENSION = true; TYPE = \"ENUM\"; VALUES = [\"A\", \"B\"]; "
	    "DEFAULT = \"C\"; });\n", "property M", "not one of A, B");
	bad("max.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; "
	    "EXTENSION = true; TYPE = \"INT\"; MIN = 1; MAX = 10; "
	    "DEFAULT = 11; });\n", "property P", "above the maximum 10");
	bad("min.rtr", HDR "PROPERTIES = ({ PROPERTY = \"Stop_timeout\"; "
	    "MIN = 30; DEFAULT = 5; });\n", "property Stop_timeout",
	    "below the minimum 30");
	bad("strmax.rtr", HDR "PROPERTIES = ({ PROPERTY = \"S\"; "
	    "EXTENSION = true; TYPE = \"STRING\"; MAX = 2; "
	    "DEFAULT = \"abc\"; });\n", "property S", "length 3");
	bad("deftype.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; "
	    "EXTENSION = true; TYPE = \"INT\"; DEFAULT = \"x\"; });\n",
	    "must be of type INT", NULL);
	bad("tunable.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; "
	    "EXTENSION = true; TYPE = \"INT\"; TUNABLE = \"OFTEN\"; });\n",
	    "property P: unknown TUNABLE OFTEN", NULL);
	bad("stdtunable.rtr", HDR "PROPERTIES = ({ PROPERTY = \"Retry_count\";"
	    " TUNABLE = \"NEVER\"; });\n", "unknown TUNABLE NEVER", NULL);
	bad("unknown.rtr", HDR "PROPERTIES = ({ PROPERTY = \"Foo_bar\"; "
	    "DEFAULT = 1; });\n", "Foo_bar is not a standard resource "
	    "property", NULL);
	bad("noprop.rtr", HDR "PROPERTIES = ({ TYPE = \"INT\"; });\n",
	    "property block without PROPERTY", NULL);
	bad("dup.rtr", HDR "PROPERTIES = (\n { PROPERTY = \"P\"; "
	    "EXTENSION = true; TYPE = \"INT\"; },\n { PROPERTY = \"p\"; "
	    "EXTENSION = true; TYPE = \"STRING\"; }\n);\n", "line 5",
	    "property p is declared twice");
	bad("extstd.rtr", HDR "PROPERTIES = ({ PROPERTY = \"Retry_count\"; "
	    "EXTENSION = true; TYPE = \"INT\"; });\n",
	    "Retry_count is declared twice or is a standard property", NULL);
	bad("stdext.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; "
	    "EXTENSION = true; TYPE = \"INT\"; }, { PROPERTY = \"P\"; "
	    "DEFAULT = 3; });\n", "P is not a standard resource property",
	    NULL);
}

/* Issue 8: a setting of the wrong type or an unknown keyword was read as
 * absent (FAILOVER = "yes" as false, MIN = "ten" ignored). */
static void
test_wrong_types(void)
{
	bad("failover.rtr", HDR "FAILOVER = \"yes\";\n", "line 3",
	    "FAILOVER must be true or false, not a quoted string");
	bad("single.rtr", HDR "\nSINGLE_INSTANCE = 1;\n", "line 4",
	    "SINGLE_INSTANCE must be true or false");
	bad("apiv.rtr", HDR "API_VERSION = \"one\";\n", "line 3",
	    "API_VERSION must be an integer");
	bad("apiv64.rtr", HDR "API_VERSION = 1L;\n", "line 3",
	    "API_VERSION must be an integer, not a 64-bit integer");
	bad("rtname.rtr", "RESOURCE_TYPE = 5;\nMODULE = \"t.so\";\n",
	    "line 1", "RESOURCE_TYPE must be a quoted string");
	bad("module.rtr", "RESOURCE_TYPE = \"T\";\nMODULE = [\"t.so\"];\n",
	    "line 2", "MODULE must be a quoted string, not an array");
	bad("props5.rtr", HDR "PROPERTIES = 5;\n", "line 3",
	    "PROPERTIES must be a list ( ... ), not an integer");
	bad("propsgrp.rtr", HDR "PROPERTIES = { PROPERTY = \"P\"; };\n",
	    "line 3", "PROPERTIES must be a list");
	bad("propelem.rtr", HDR "PROPERTIES = ( \"Port\" );\n", "line 3",
	    "PROPERTIES must hold blocks");
	bad("minten.rtr", HDR "PROPERTIES = (\n { PROPERTY = \"Retry_count\";"
	    "\n   MIN = \"ten\"; }\n);\n", "line 5",
	    "MIN of property Retry_count must be an integer, not a quoted "
	    "string");
	bad("maxf.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; EXTENSION = "
	    "true; TYPE = \"INT\"; MAX = 1.5; });\n", "MAX of property P",
	    "must be an integer, not a number with a fraction");
	bad("ext.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; EXTENSION = "
	    "\"true\"; TYPE = \"INT\"; });\n", "EXTENSION of property P",
	    "must be true or false");
	bad("tun.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; EXTENSION = "
	    "true; TYPE = \"INT\"; TUNABLE = true; });\n",
	    "TUNABLE of property P", "must be a quoted string");
	bad("desc.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; EXTENSION = "
	    "true; TYPE = \"INT\"; DESCRIPTION = 3; });\n",
	    "DESCRIPTION of property P", "must be a quoted string");
	bad("ptype.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; EXTENSION = "
	    "true; TYPE = 1; });\n", "TYPE of property P",
	    "must be a quoted string");
	bad("pname.rtr", HDR "PROPERTIES = ({ PROPERTY = 7; });\n", "line 3",
	    "PROPERTY must be a quoted string");
	bad("vals.rtr", HDR "PROPERTIES = ({ PROPERTY = \"M\"; EXTENSION = "
	    "true; TYPE = \"ENUM\"; VALUES = [1, 2]; });\n", "line 3",
	    "VALUES must be of type STRINGARRAY");
	bad("typo.rtr", HDR "FAILOVR = true;\n", "line 3",
	    "unknown setting FAILOVR");
	bad("ptypo.rtr", HDR "PROPERTIES = ({ PROPERTY = \"Retry_count\"; "
	    "MINIMUM = 1; });\n", "line 3",
	    "unknown setting MINIMUM of property Retry_count");
	bad("minmax.rtr", HDR "PROPERTIES = ({ PROPERTY = \"P\"; EXTENSION = "
	    "true; TYPE = \"INT\"; MIN = 5; MAX = 2; });\n", "property P",
	    "MIN 5 is above MAX 2");
	bad("stdtype.rtr", HDR "PROPERTIES = ({ PROPERTY = \"Retry_count\"; "
	    "TYPE = \"STRING\"; });\n", "standard property Retry_count",
	    "TYPE and VALUES are for extension properties");
}

/* Issue 8: rgmd runs a type's module as root; a file another user can
 * change is refused, naming the file and what is wrong. */
static void
test_untrusted_files(void)
{
	char path[PATH_MAX], sub[PATH_MAX], err[512];
	struct rt t;

	CU_ASSERT_EQUAL_FATAL(tu_write(dir, "trust.rtr", HDR, path,
	    sizeof(path)), 0);
	CU_ASSERT_EQUAL_FATAL(chmod(path, 0666), 0);
	CU_ASSERT_EQUAL(rtr_load(path, TU_API, &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "trust.rtr");
	TU_ASSERT_HAS(err, "RTR file is writable by other users (mode 0666)");
	CU_ASSERT_EQUAL_FATAL(chmod(path, 0644), 0);
	/* A module writable by others. */
	CU_ASSERT_EQUAL_FATAL(tu_write(dir, "t.so", "", sub, sizeof(sub)), 0);
	CU_ASSERT_EQUAL_FATAL(chmod(sub, 0646), 0);
	CU_ASSERT_EQUAL(rtr_load(path, TU_API, &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "t.so: the module is writable by other users");
	CU_ASSERT_EQUAL_FATAL(chmod(sub, 0755), 0);
	if (geteuid() == 0) {
		/* Owned by another, unprivileged user. */
		CU_ASSERT_EQUAL_FATAL(chown(sub, 4242, 4242), 0);
		CU_ASSERT_EQUAL(rtr_load(path, TU_API, &t, err, sizeof(err)),
		    -1);
		TU_ASSERT_HAS(err, "t.so: the module is owned by user 4242");
		CU_ASSERT_EQUAL_FATAL(chown(sub, 0, 0), 0);
	}
	TU_ASSERT_OK(rtr_load(path, TU_API, &t, err, sizeof(err)), err);
	rt_free(&t);
	/* A directory anyone may write (not sticky): the file can be swapped. */
	CU_ASSERT_EQUAL_FATAL(chmod(dir, 0777), 0);
	CU_ASSERT_EQUAL(rtr_load(path, TU_API, &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "in a directory writable by other users");
	CU_ASSERT_EQUAL_FATAL(chmod(dir, 01777), 0);
	TU_ASSERT_OK(rtr_load(path, TU_API, &t, err, sizeof(err)), err);
	rt_free(&t);
	CU_ASSERT_EQUAL(chmod(dir, 0700), 0);
	unlink(sub);
	/* A FIFO would block the read for ever; a directory is no file. */
	snprintf(sub, sizeof(sub), "%s/fifo.rtr", dir);
	CU_ASSERT_EQUAL_FATAL(mkfifo(sub, 0600), 0);
	CU_ASSERT_EQUAL(rtr_load(sub, TU_API, &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "fifo.rtr: the RTR file is not a regular file");
	unlink(sub);
	CU_ASSERT_EQUAL(rtr_load(dir, TU_API, &t, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "is not a regular file");
}

static void
test_methods(void)
{
	enum rt_method m;

	for (int i = 0; i < RT_N_METHODS; i++) {
		CU_ASSERT_EQUAL(rt_method_parse(rt_method_names[i], &m), 0);
		CU_ASSERT_EQUAL(m, i);
	}
	CU_ASSERT_EQUAL(rt_method_parse("PRENET_START", &m), 0);
	CU_ASSERT_EQUAL(m, RT_PRENET_START);
	CU_ASSERT_EQUAL(rt_method_parse("restart", &m), -1);
	CU_ASSERT_STRING_EQUAL(rt_method_timeout_prop(RT_START),
	    "Start_timeout");
	CU_ASSERT_STRING_EQUAL(rt_method_timeout_prop(RT_MONITOR_CHECK),
	    "Monitor_check_timeout");
	CU_ASSERT_PTR_NULL(rt_method_timeout_prop(RT_PROBE));
	/* Every method timeout is a standard property. */
	for (int i = 0; i < RT_N_METHODS; i++) {
		const char *p = rt_method_timeout_prop(i);
		size_t n;
		const struct prop_decl *d = stdprops_resource(&n);

		if (p != NULL)
			CU_ASSERT_PTR_NOT_NULL(stdprops_find(d, n, p));
	}
}

static const struct tu_test rtr_tests[] = {
	{ "good file: header and MODULE resolved", test_good_header },
	{ "good file: standard properties and overrides",
	    test_good_standard },
	{ "good file: each extension type", test_good_extensions },
	{ "minimal file, absolute MODULE, defaults",
	    test_minimal_and_absolute_module },
	{ "bad header: RESOURCE_TYPE, MODULE, API_VERSION, INIT_NODES",
	    test_bad_header },
	{ "syntax error names the line", test_bad_syntax },
	{ "missing file", test_missing_file },
	{ "@include and NUL bytes refused", test_include_and_nul },
	{ "bad property blocks each refused with a reason",
	    test_bad_properties },
	{ "settings of the wrong type or unknown are refused",
	    test_wrong_types },
	{ "files other users could change are refused",
	    test_untrusted_files },
	{ "method names and timeout properties", test_methods },
	{ NULL, NULL },
};

int
tu_suite_rtr(void)
{
	return tu_add_suite("rtr", rtr_init, rtr_clean, rtr_tests);
}
