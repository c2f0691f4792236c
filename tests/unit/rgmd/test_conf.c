// SPDX-License-Identifier: MIT
/*
 * test_conf.c - suite "conf" (rgmd/conf.c): rgmd.conf(5). An empty file
 * gives the compiled-in defaults; a full file sets every key; unknown
 * keys, a non-string value, an unknown membership backend, an rt_path that
 * is not a list (or too long, or not of strings), an overlong value,
 * control limits of the wrong type, out of range or inconsistent, a
 * state_dir that is a regular file, a missing file and a syntax error are
 * each refused with a reason that starts "FILE:LINE: SETTING: "; what
 * conf_print writes (rgmd -n) loads back to the same settings.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "tu.h"

static char *dir;
static char err[512];

static int
conf_suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
conf_suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

static int
load(const char *text, struct rgmd_conf *c)
{
	char path[PATH_MAX];

	if (tu_write(dir, "rgmd.conf", text, path, sizeof(path)) == -1)
		return -2;
	err[0] = '\0';
	return conf_load(c, path, err, sizeof(err));
}

static void
test_defaults(void)
{
	struct rgmd_conf c;

	TU_ASSERT_OK(load("# nothing set\n", &c), err);
	CU_ASSERT_STRING_EQUAL(c.state_dir, RGM_STATEDIR);
	CU_ASSERT_STRING_EQUAL(c.socket_path, RGM_RUNDIR "/rgmd.sock");
	CU_ASSERT_STRING_EQUAL(c.runner, RGM_LIBEXECDIR "/rgmd-runner");
	CU_ASSERT_STRING_EQUAL(c.admin_group, "rgm");
	CU_ASSERT_STRING_EQUAL(c.membership, "standalone");
	CU_ASSERT_EQUAL_FATAL(c.n_rt_path, 1);
	CU_ASSERT_STRING_EQUAL(c.rt_path[0], RGM_RTDIR);
	CU_ASSERT_EQUAL(c.control_max_clients, CONF_DEF_MAX_CLIENTS);
	CU_ASSERT_EQUAL(c.control_root_reserve, CONF_DEF_ROOT_RESERVE);
	CU_ASSERT_EQUAL(c.control_timeout, CONF_DEF_CONTROL_TIMEOUT);
	CU_ASSERT_STRING_EQUAL(c.no_quorum_policy, "stop");
	CU_ASSERT_STRING_EQUAL(c.event_command, "");
	CU_ASSERT_STRING_EQUAL(c.fence_command, "");
	CU_ASSERT_EQUAL(c.fence_timeout, CONF_DEF_FENCE_TIMEOUT);
	CU_ASSERT_EQUAL(c.rgmd_rejoin_timeout, CONF_DEF_REJOIN_TIMEOUT);
	/* The node name is the short host name. */
	CU_ASSERT(c.node_name[0] != '\0');
	CU_ASSERT_PTR_NULL(strchr(c.node_name, '.'));
	conf_free(&c);
	CU_ASSERT_EQUAL(c.n_rt_path, 0);
}

static void
test_full(void)
{
	struct rgmd_conf c;

	TU_ASSERT_OK(load("node_name = \"alpha\";\n"
	    "state_dir = \"/tmp/st\";\n"
	    "socket = \"/tmp/st/sock\";\n"
	    "runner = \"/opt/rgm/runner\";\n"
	    "admin_group = \"wheel\";\n"
	    "membership = \"standalone\";\n"
	    "control_max_clients = 300;\n"
	    "control_root_reserve = 20;\n"
	    "control_timeout = 3;\n"
	    "no_quorum_policy = \"freeze\";\n"
	    "event_command = \"logger -t rgm $RGM_EVENT\";\n"
	    "fence_command = \"/usr/sbin/fence-node\";\n"
	    "fence_timeout = 20;\nrgmd_rejoin_timeout = 5;\n"
	    "rt_path = [ \"/a\", \"/b/c\", \"/d\" ];\n", &c), err);
	CU_ASSERT_STRING_EQUAL(c.no_quorum_policy, "freeze");
	CU_ASSERT_STRING_EQUAL(c.event_command, "logger -t rgm $RGM_EVENT");
	CU_ASSERT_STRING_EQUAL(c.fence_command, "/usr/sbin/fence-node");
	CU_ASSERT_EQUAL(c.fence_timeout, 20);
	CU_ASSERT_EQUAL(c.rgmd_rejoin_timeout, 5);
	CU_ASSERT_EQUAL(c.control_max_clients, 300);
	CU_ASSERT_EQUAL(c.control_root_reserve, 20);
	CU_ASSERT_EQUAL(c.control_timeout, 3);
	CU_ASSERT_STRING_EQUAL(c.node_name, "alpha");
	CU_ASSERT_STRING_EQUAL(c.state_dir, "/tmp/st");
	CU_ASSERT_STRING_EQUAL(c.socket_path, "/tmp/st/sock");
	CU_ASSERT_STRING_EQUAL(c.runner, "/opt/rgm/runner");
	CU_ASSERT_STRING_EQUAL(c.admin_group, "wheel");
	CU_ASSERT_STRING_EQUAL(c.membership, "standalone");
	CU_ASSERT_EQUAL_FATAL(c.n_rt_path, 3);
	CU_ASSERT_STRING_EQUAL(c.rt_path[0], "/a");
	CU_ASSERT_STRING_EQUAL(c.rt_path[2], "/d");
	conf_free(&c);
	/* A list (parentheses) is also accepted for rt_path. */
	TU_ASSERT_OK(load("rt_path = ( \"/x\" );\n", &c), err);
	CU_ASSERT_EQUAL(c.n_rt_path, 1);
	CU_ASSERT_STRING_EQUAL(c.rt_path[0], "/x");
	conf_free(&c);
	TU_ASSERT_OK(load("rt_path = [ ];\n", &c), err);
	CU_ASSERT_EQUAL(c.n_rt_path, 0);
	conf_free(&c);
}

static void
refused(const char *text, const char *why1, const char *why2)
{
	struct rgmd_conf c;

	CU_ASSERT_EQUAL(load(text, &c), -1);
	TU_ASSERT_HAS(err, why1);
	if (why2 != NULL)
		TU_ASSERT_HAS(err, why2);
	conf_free(&c);
}

/* Refused with "DIR/rgmd.conf:LINE: SETTING: " then why. */
static void
refused_at(const char *text, int line, const char *setting, const char *why)
{
	char head[PATH_MAX + 128];

	snprintf(head, sizeof(head), "%s/rgmd.conf:%d: %s: ", dir, line,
	    setting);
	refused(text, head, why);
	CU_ASSERT_EQUAL(strncmp(err, head, strlen(head)), 0);
}

static void
test_refusals(void)
{
	char big[400];

	refused_at("node_name = \"a\";\nnode_nmae = \"b\";\n", 2,
	    "node_nmae", "unknown setting");
	refused("membership = \"heartbeat\";\n", "membership",
	    "unknown backend \"heartbeat\" (this build has: standalone, "
	    "corosync)");
	refused_at("\nrt_path = \"/a\";\n", 2, "rt_path",
	    "must be a list of directories");
	refused_at("rt_path = 5;\n", 1, "rt_path", "not an integer");
	refused_at("rt_path = { a = \"/x\"; };\n", 1, "rt_path",
	    "must be a list");
	refused_at("rt_path = [ 1, 2 ];\n", 1, "rt_path",
	    "element 0 is not a string but an integer");
	refused_at("rt_path = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\","
	    "\"9\",\"10\",\"11\",\"12\",\"13\",\"14\",\"15\",\"16\",\"17\"];\n",
	    1, "rt_path", "element 16: there are more than 16 directories");
	refused_at("node_name = \"\";\n", 1, "node_name", "must not be empty");
	refused_at("node_name = 5;\n", 1, "node_name",
	    "must be a string in double quotes, not an integer");
	refused_at("# state\nstate_dir = true;\n", 2, "state_dir",
	    "must be a string in double quotes, not a boolean");
	snprintf(big, sizeof(big), "socket = \"/%0200d\";\n", 0);
	refused_at(big, 1, "socket", "longer than 107 bytes");
	refused("node_name = \"a\"\n= ;\n", "rgmd.conf:2: syntax error", NULL);
}

/* The control socket's limits: integers, in range, reserve < maximum. */
static void
test_control_limits(void)
{
	refused_at("control_max_clients = \"64\";\n", 1,
	    "control_max_clients", "must be an integer, not a string");
	refused_at("\nno_quorum_policy = \"ignore\";\n", 2, "no_quorum_policy",
	    "must be \"stop\" or \"freeze\", not \"ignore\"");
	refused_at("control_max_clients = 1;\n", 1, "control_max_clients",
	    "1 is out of range (2 to 65536)");
	refused_at("control_timeout = 0;\n", 1, "control_timeout",
	    "0 is out of range (1 to 3600)");
	refused_at("control_timeout = 2.5;\n", 1, "control_timeout",
	    "not a number");
	refused_at("control_max_clients = 10;\ncontrol_root_reserve = 10;\n",
	    2, "control_root_reserve", "must be less than "
	    "control_max_clients (10)");
	/* The default reserve (8) against a small maximum given. */
	refused_at("control_max_clients = 8;\n", 1, "control_max_clients",
	    "control_root_reserve (8) must be less than");
}

/* Fencing: the command a string, the timeouts in range, and a watchdog
 * (not built) refused rather than taken and ignored. */
static void
test_fencing(void)
{
	refused_at("fence_command = \"\";\n", 1, "fence_command",
	    "must not be empty");
	refused_at("\nfence_command = 1;\n", 2, "fence_command",
	    "must be a string in double quotes, not an integer");
	refused_at("fence_timeout = 0;\n", 1, "fence_timeout",
	    "0 is out of range (1 to 3600)");
	refused_at("fence_timeout = \"10\";\n", 1, "fence_timeout",
	    "must be an integer, not a string");
	refused_at("rgmd_rejoin_timeout = 0;\n", 1, "rgmd_rejoin_timeout",
	    "0 is out of range (1 to 86400)");
	refused_at("rgmd_rejoin_timeout = 86401;\n", 1,
	    "rgmd_rejoin_timeout", "86401 is out of range");
	refused_at("# sbd\nwatchdog_device = \"/dev/watchdog\";\n", 2,
	    "watchdog_device", "is not implemented in this version of rgmd");
}

/* A state_dir that is a regular file says so (not "another rgmd"). */
static void
test_state_dir_file(void)
{
	char path[PATH_MAX], text[PATH_MAX + 64];
	struct rgmd_conf c;

	CU_ASSERT_FATAL(tu_write(dir, "plain", "x\n", path,
	    sizeof(path)) == 0);
	snprintf(text, sizeof(text), "# one\n\nstate_dir = \"%s\";\n", path);
	refused_at(text, 3, "state_dir", "is a regular file, not a "
	    "directory");
	TU_ASSERT_HAS(err, path);
	/* A directory, or a path not there yet, is fine. */
	snprintf(text, sizeof(text), "state_dir = \"%s\";\n", dir);
	TU_ASSERT_OK(load(text, &c), err);
	conf_free(&c);
	snprintf(text, sizeof(text), "state_dir = \"%s/new\";\n", dir);
	TU_ASSERT_OK(load(text, &c), err);
	conf_free(&c);
}

static void
test_missing_file(void)
{
	struct rgmd_conf c;
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/absent.conf", dir);
	err[0] = '\0';
	CU_ASSERT_EQUAL(conf_load(&c, path, err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, path);
	TU_ASSERT_HAS(err, strerror(ENOENT));
	CU_ASSERT_PTR_NULL(strstr(err, "file I/O error"));
	conf_free(&c);
}

/* conf_print (rgmd -n) writes a file that loads back to the same values. */
static void
test_print_roundtrip(void)
{
	struct rgmd_conf a, b;
	char path[PATH_MAX];
	int fd, saved;

	TU_ASSERT_OK(load("node_name = \"beta\";\nstate_dir = \"/s\";\n"
	    "socket = \"/s/sock\";\nadmin_group = \"ops\";\n"
	    "control_max_clients = 100;\ncontrol_timeout = 7;\n"
	    "fence_command = \"/bin/fence x\";\nrgmd_rejoin_timeout = 9;\n"
	    "rt_path = [ \"/r1\", \"/r2\" ];\n", &a), err);
	snprintf(path, sizeof(path), "%s/printed.conf", dir);
	fflush(stdout);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd != -1);
	saved = dup(STDOUT_FILENO);
	CU_ASSERT_FATAL(saved != -1);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	conf_print(&a);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	err[0] = '\0';
	TU_ASSERT_OK(conf_load(&b, path, err, sizeof(err)), err);
	CU_ASSERT_STRING_EQUAL(b.node_name, a.node_name);
	CU_ASSERT_STRING_EQUAL(b.state_dir, a.state_dir);
	CU_ASSERT_STRING_EQUAL(b.socket_path, a.socket_path);
	CU_ASSERT_STRING_EQUAL(b.runner, a.runner);
	CU_ASSERT_STRING_EQUAL(b.admin_group, "ops");
	CU_ASSERT_STRING_EQUAL(b.membership, a.membership);
	CU_ASSERT_EQUAL_FATAL(b.n_rt_path, 2);
	CU_ASSERT_STRING_EQUAL(b.rt_path[1], "/r2");
	CU_ASSERT_EQUAL(b.control_max_clients, 100);
	CU_ASSERT_EQUAL(b.control_root_reserve, CONF_DEF_ROOT_RESERVE);
	CU_ASSERT_EQUAL(b.control_timeout, 7);
	CU_ASSERT_STRING_EQUAL(b.fence_command, "/bin/fence x");
	CU_ASSERT_EQUAL(b.fence_timeout, CONF_DEF_FENCE_TIMEOUT);
	CU_ASSERT_EQUAL(b.rgmd_rejoin_timeout, 9);
	conf_free(&a);
	conf_free(&b);
}

static const struct tu_test conf_tests[] = {
	{ "empty file gives the defaults", test_defaults },
	{ "a full file sets every key", test_full },
	{ "bad settings refused with a reason", test_refusals },
	{ "control limits checked", test_control_limits },
	{ "fencing settings checked", test_fencing },
	{ "a state_dir that is a regular file is refused",
	    test_state_dir_file },
	{ "a missing file given explicitly is an error", test_missing_file },
	{ "conf_print output loads back the same", test_print_roundtrip },
	{ NULL, NULL },
};

int
tu_suite_conf(void)
{
	return tu_add_suite("conf", conf_suite_init, conf_suite_clean,
	    conf_tests);
}
