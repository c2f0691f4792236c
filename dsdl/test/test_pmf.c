/* SPDX-License-Identifier: MIT */
/*
 * test_pmf.c - CUnit suite for the types that use rgmd's process monitor,
 * run through the real rgmd-runner with the fake rgmd of fake_rgmd.c on
 * fd 4: SUNW.gds starts its daemon with pmf-start (exact request), waits
 * for its port, adopts a running tag, fails and stops the tag when the
 * daemon dies or never opens its port, stops it with pmf-stop
 * (idempotent, SIGKILL for a daemon ignoring Stop_signal) and probes
 * through PMF when it has no ports; commands it runs do not inherit fd 4.
 * TEST.faulty: PARTIAL and GIVEOVER probes, probe_override, Pmf_command.
 * EXAMPLE.web (the dsdl(3) example): validate, start, probe, stop and
 * the statuses it sets.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "tu.h"

static struct tu_rgmd rg;
static char *tmp;
static char gds[512], faulty[512], web[512];
static int port;

static int
free_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), p = -1;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		p = ntohs(sa.sin_port);
	if (fd >= 0)
		(void)close(fd);
	return p;
}

static bool
port_open(int p)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	bool ok;

	sa.sin_port = htons((unsigned short)p);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	if (fd >= 0)
		(void)close(fd);
	return ok;
}

static int
pmf_init(void)
{
	tu_rgmd_reset(&rg);
	tu_path(gds, sizeof(gds), "rtypes/SUNW.gds.so");
	tu_path(faulty, sizeof(faulty), "tests/types/TEST.faulty.so");
	tu_path(web, sizeof(web), "rtypes/EXAMPLE.web.so");
	port = free_port();
	tmp = tu_mkdtemp();
	return tmp == NULL || port <= 0 ? -1 : 0;
}

static int
pmf_clean(void)
{
	tu_rgmd_reset(&rg);	/* no daemon left behind */
	tu_rmrf(tmp);
	return 0;
}

/* Run METHOD of module (type name type) with the fake rgmd. */
static int
run(const char *module, const char *type, const char *method, int timeout,
    const char *r_props, const char *x_props, struct tu_proc *p)
{
	char ctx[4096];
	struct tu_proc local;

	tu_context(ctx, sizeof(ctx), method, timeout, tmp, type, r_props,
	    x_props);
	return tu_run_rgmd(p != NULL ? p : &local, &rg, method, module, ctx);
}

static int
run_gds(const char *method, int timeout, const char *r, const char *x,
    struct tu_proc *p)
{
	return run(gds, "SUNW.gds", method, timeout, r, x, p);
}

/* The fake PMF's svc.0 tag: its pid while it runs, else 0. */
static pid_t
svc_pid(void)
{
	int i;

	for (i = 0; i < TU_TAGS; i++)
		if (strcmp(rg.tags[i].name, "svc.0") == 0)
			return tu_alive(rg.tags[i].pid) ? rg.tags[i].pid : 0;
	return 0;
}

static bool
logged(const char *text)
{
	bool found = strstr(rg.log, text) != NULL;

	if (!found)
		fprintf(stderr, "\n  not in the channel log: [%s]\n  log: [%s]\n",
		    text, rg.log);
	return found;
}

static void
web_props(char *r, size_t rlen, char *x, size_t xlen)
{
	(void)snprintf(r, rlen, "Port_list = [\"%d/tcp\"];", port);
	(void)snprintf(x, xlen, "Start_command = \"exec python3 -m "
	    "http.server --bind 127.0.0.1 %d\"; Network_aware = true; "
	    "Stop_signal = 15; Probe_timeout = 5; Child_mon_level = -1;",
	    port);
}

static void
test_gds_pmf_cycle(void)
{
	char r[256], x[1024], want[512], path[512];
	pid_t pid;

	web_props(r, sizeof(r), x, sizeof(x));
	CU_ASSERT_EQUAL_FATAL(run_gds("start", 30, r, x, NULL), 0);
	(void)snprintf(want, sizeof(want), "cmd=pmf-start\nkind=svc\n"
	    "instance=0\ncommand=exec python3 -m http.server --bind "
	    "127.0.0.1 %d\nchild_mon_level=-1\n|", port);
	CU_ASSERT_TRUE(logged(want));
	pid = svc_pid();
	CU_ASSERT(pid > 1);
	CU_ASSERT_TRUE(port_open(port));	/* start returned once up */
	(void)snprintf(path, sizeof(path), "%s/gds.pid", tmp);
	CU_ASSERT_EQUAL(tu_read_long(path), pid);	/* for people */
	CU_ASSERT_EQUAL(run_gds("probe", 10, r, x, NULL), 0);
	/* A second start adopts the running tag. */
	CU_ASSERT_EQUAL(run_gds("start", 30, r, x, NULL), 0);
	CU_ASSERT_EQUAL(svc_pid(), pid);
	CU_ASSERT_EQUAL(run_gds("stop", 10, r, x, NULL), 0);
	CU_ASSERT_TRUE(logged("cmd=pmf-stop\nkind=svc\ninstance=0\n"
	    "signal=15\ntimeout_ms="));
	CU_ASSERT_EQUAL(svc_pid(), 0);
	CU_ASSERT_FALSE(port_open(port));
	CU_ASSERT_FALSE(tu_file_exists(path));
	CU_ASSERT_EQUAL(run_gds("stop", 10, r, x, NULL), 0);	/* again */
	CU_ASSERT_EQUAL(run_gds("probe", 10, r, x, NULL), 100);
}

static void
test_gds_pmf_start_fails(void)
{
	char r[128];
	struct tu_proc p;

	(void)snprintf(r, sizeof(r), "Port_list = [\"%d/tcp\"];", port);
	CU_ASSERT_EQUAL(run_gds("start", 10, r, "Start_command = \"exit 3\";",
	    &p), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "exited during start"));
	CU_ASSERT_EQUAL(svc_pid(), 0);
	/* The port never opens: failed within Start_timeout, tag stopped. */
	CU_ASSERT_EQUAL(run_gds("start", 2, r, "Start_command = \"exec sleep "
	    "1000\"; Child_mon_level = 0;", &p), 1);
	CU_ASSERT_TRUE(logged("child_mon_level=0\n|"));
	CU_ASSERT_TRUE(logged("cmd=pmf-stop\n"));
	CU_ASSERT_EQUAL(svc_pid(), 0);
}

static void
test_gds_pmf_stop_escalates(void)
{
	pid_t pid;

	CU_ASSERT_EQUAL_FATAL(run_gds("start", 10, "", "Start_command = "
	    "\"trap '' TERM; sleep 1000 & wait\"; Network_aware = false;",
	    NULL), 0);
	pid = svc_pid();
	CU_ASSERT(pid > 1);
	CU_ASSERT_EQUAL(run_gds("probe", 10, "", "Network_aware = false;",
	    NULL), 0);	/* no ports: whether PMF says it runs */
	CU_ASSERT_EQUAL(run_gds("stop", 3, "", "Stop_signal = 15;", NULL), 0);
	CU_ASSERT_FALSE(tu_alive(pid));
	CU_ASSERT_EQUAL(run_gds("probe", 10, "", "Network_aware = false;",
	    NULL), 100);
}

/* Commands the runner starts do not hold rgmd's channel (fd 4). */
static void
test_gds_no_fd4_leak(void)
{
	CU_ASSERT_EQUAL(run_gds("probe", 10, "", "Probe_command = \"test ! "
	    "-e /proc/$$/fd/4\";", NULL), 0);
	CU_ASSERT_EQUAL(run_gds("probe", 10, "", "Probe_command = \"test "
	    "-e /proc/$$/fd/1\";", NULL), 0);	/* the check itself works */
}

static int
run_faulty(const char *method, const char *x)
{
	return run(faulty, "TEST.faulty", method, 10, "", x, NULL);
}

static void
test_faulty_probe(void)
{
	char path[512];
	FILE *f;

	CU_ASSERT_EQUAL(run_faulty("probe", "Probe_behavior = \"PARTIAL\";"),
	    50);
	CU_ASSERT_EQUAL(run_faulty("probe", "Probe_behavior = \"GIVEOVER\";"),
	    201);
	(void)snprintf(path, sizeof(path), "%s/probe_override", tmp);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	(void)fputs("7\n", f);
	(void)fclose(f);
	CU_ASSERT_EQUAL(run_faulty("probe", "Probe_behavior = \"OK\";"), 7);
	(void)unlink(path);
	CU_ASSERT_EQUAL(run_faulty("probe", "Probe_behavior = \"OK\";"), 0);
}

static void
test_faulty_pmf_command(void)
{
	const char *x = "Pmf_command = \"exec sleep 100000\";";
	pid_t pid;

	CU_ASSERT_EQUAL_FATAL(run_faulty("start", x), 0);
	CU_ASSERT_TRUE(logged("cmd=pmf-start\nkind=svc\ninstance=0\n"
	    "command=exec sleep 100000\nchild_mon_level=-1\n|"));
	pid = svc_pid();
	CU_ASSERT(pid > 1);
	CU_ASSERT_EQUAL(run_faulty("start", x), 0);	/* already running */
	CU_ASSERT_EQUAL(svc_pid(), pid);
	CU_ASSERT_EQUAL(run_faulty("stop", x), 0);
	CU_ASSERT_TRUE(logged("cmd=pmf-stop\nkind=svc\ninstance=0\n"
	    "signal=15\ntimeout_ms=8000\n|"));
	CU_ASSERT_FALSE(tu_alive(pid));
	/* A failing start does not start the command. */
	CU_ASSERT_EQUAL(run_faulty("start", "Pmf_command = \"exec sleep "
	    "100000\"; Start_behavior = \"FAIL\";"), 1);
	CU_ASSERT_EQUAL(svc_pid(), 0);
}

static int
run_web(const char *method, const char *x, struct tu_proc *p)
{
	return run(web, "EXAMPLE.web", method, 20, "", x, p);
}

static void
test_example_web(void)
{
	char x[512];

	(void)snprintf(x, sizeof(x), "Port = %d; Directory = \"%s\"; "
	    "Probe_timeout = 5;", port, tmp);
	CU_ASSERT_EQUAL(run_web("validate", x, NULL), 0);
	CU_ASSERT_EQUAL(run_web("validate", "Port = 0;", NULL), 1);
	CU_ASSERT_EQUAL(run_web("validate", "Directory = \"/nonexistent\";",
	    NULL), 1);
	CU_ASSERT_EQUAL_FATAL(run_web("start", x, NULL), 0);
	CU_ASSERT_STRING_EQUAL(rg.status, "OK");
	CU_ASSERT_TRUE(port_open(port));
	CU_ASSERT_EQUAL(run_web("probe", x, NULL), 0);
	CU_ASSERT_TRUE(logged("cmd=set-status\nstatus=OK\nmsg=serving\n|"));
	CU_ASSERT_EQUAL(run_web("stop", x, NULL), 0);
	CU_ASSERT_STRING_EQUAL(rg.status, "OFFLINE");
	CU_ASSERT_FALSE(port_open(port));
	CU_ASSERT_EQUAL(run_web("probe", x, NULL), 100);
	CU_ASSERT_STRING_EQUAL(rg.status, "FAULTED");
}

int
test_pmf_types_register(void)
{
	CU_pSuite s = CU_add_suite("types under PMF", pmf_init, pmf_clean);

	if (s == NULL ||
	    CU_add_test(s, "gds start, probe, stop under PMF",
	    test_gds_pmf_cycle) == NULL ||
	    CU_add_test(s, "gds start fails, tag stopped",
	    test_gds_pmf_start_fails) == NULL ||
	    CU_add_test(s, "gds stop escalates, probe via PMF",
	    test_gds_pmf_stop_escalates) == NULL ||
	    CU_add_test(s, "fd 4 not inherited", test_gds_no_fd4_leak) ==
	    NULL ||
	    CU_add_test(s, "TEST.faulty probe results", test_faulty_probe) ==
	    NULL ||
	    CU_add_test(s, "TEST.faulty Pmf_command",
	    test_faulty_pmf_command) == NULL ||
	    CU_add_test(s, "EXAMPLE.web", test_example_web) == NULL)
		return -1;
	return 0;
}
