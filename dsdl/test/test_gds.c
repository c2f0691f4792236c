/* SPDX-License-Identifier: MIT */
/*
 * test_gds.c - CUnit suite for SUNW.gds through the real rgmd-runner
 * started without an rgmd channel (fd 4 closed), so gds falls back to a
 * detached daemon and a pid file (legacy.c; under PMF see test_pmf.c):
 * a real daemon (python3's http.server on 127.0.0.1, on a free port) is
 * started, probed and stopped; start is idempotent and adopts a running
 * daemon; start fails when the daemon dies or never opens its port; stop
 * is idempotent, uses Stop_command, escalates to SIGKILL for a daemon
 * that ignores Stop_signal, and never signals an unrelated process that
 * got a recorded pid; validate and probe follow their commands.
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

static char *tmp;
static char gds[512];
static int port;

/* A port that was free a moment ago on 127.0.0.1. */
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
gds_init(void)
{
	tu_path(gds, sizeof(gds), "rtypes/SUNW.gds.so");
	port = free_port();
	tmp = tu_mkdtemp();
	return tmp == NULL || port <= 0 ? -1 : 0;
}

static int
gds_clean(void)
{
	char ctx[2048];
	struct tu_proc p;

	/* Leave no daemon behind even if a test failed half-way. */
	tu_context(ctx, sizeof(ctx), "stop", 10, tmp, "SUNW.gds", "", "");
	(void)tu_run(&p, "stop", gds, ctx);
	tu_rmrf(tmp);
	return 0;
}

/* Run METHOD of SUNW.gds with a timeout (s), r_props and x_props. */
static int
gds_run(const char *method, int timeout, const char *r_props,
    const char *x_props)
{
	char ctx[4096];
	struct tu_proc p;

	tu_context(ctx, sizeof(ctx), method, timeout, tmp, "SUNW.gds",
	    r_props, x_props);
	return tu_run(&p, method, gds, ctx);
}

static pid_t
daemon_pid(void)
{
	char path[512];

	(void)snprintf(path, sizeof(path), "%s/gds.pid", tmp);
	return (pid_t)tu_read_long(path);
}

static bool
pidfile_exists(void)
{
	char path[512];

	(void)snprintf(path, sizeof(path), "%s/gds.pid", tmp);
	return tu_file_exists(path);
}

/* The http.server resource: Start_command and Port_list. */
static void
web_props(char *r, size_t rlen, char *x, size_t xlen, const char *extra)
{
	(void)snprintf(r, rlen, "Port_list = [\"%d/tcp\"];", port);
	(void)snprintf(x, xlen, "Start_command = \"exec python3 -m "
	    "http.server --bind 127.0.0.1 %d\"; Network_aware = true; "
	    "Stop_signal = 15; Probe_timeout = 5; %s", port, extra);
}

static void
test_start_probe_stop(void)
{
	char r[256], x[1024];
	pid_t pid;

	web_props(r, sizeof(r), x, sizeof(x), "");
	CU_ASSERT_EQUAL(gds_run("validate", 10, r, x), 0);
	CU_ASSERT_EQUAL_FATAL(gds_run("start", 30, r, x), 0);
	pid = daemon_pid();
	CU_ASSERT(pid > 1);
	CU_ASSERT_TRUE(tu_alive(pid));
	CU_ASSERT_TRUE(port_open(port));	/* start returned once up */
	/* Detached: its own session, not a child of ours. */
	CU_ASSERT_EQUAL(getsid(pid), pid);
	CU_ASSERT_EQUAL(getpgid(pid), pid);
	CU_ASSERT_EQUAL(gds_run("probe", 10, r, x), 0);
	/* A second start adopts it: same pid, no second daemon. */
	CU_ASSERT_EQUAL(gds_run("start", 30, r, x), 0);
	CU_ASSERT_EQUAL(daemon_pid(), pid);
	CU_ASSERT_EQUAL(gds_run("monitor_start", 10, r, x), 0);
	CU_ASSERT_EQUAL(gds_run("update", 10, r, x), 0);
	CU_ASSERT_EQUAL(gds_run("monitor_stop", 10, r, x), 0);
	CU_ASSERT_EQUAL(gds_run("stop", 10, r, x), 0);
	CU_ASSERT_FALSE(tu_alive(pid));		/* stop returned once gone */
	CU_ASSERT_FALSE(port_open(port));
	CU_ASSERT_FALSE(pidfile_exists());
	/* Idempotent stop; the probe now sees the service down. */
	CU_ASSERT_EQUAL(gds_run("stop", 10, r, x), 0);
	CU_ASSERT_EQUAL(gds_run("probe", 10, r, x), 100);
}

/*
 * The daemon dies before its port opens: start fails, says why, and
 * leaves no pid file. (With a Port_list the outcome does not depend on
 * how fast the machine is.)
 */
static void
test_start_dies(void)
{
	char ctx[2048], r[128];
	struct tu_proc p;

	(void)snprintf(r, sizeof(r), "Port_list = [\"%d/tcp\"];", port);
	tu_context(ctx, sizeof(ctx), "start", 10, tmp, "SUNW.gds", r,
	    "Start_command = \"exit 3\";");
	CU_ASSERT_EQUAL(tu_run(&p, "start", gds, ctx), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.errbuf, "exited during start"));
	CU_ASSERT_FALSE(pidfile_exists());
	CU_ASSERT_EQUAL(gds_run("start", 10, "", ""), 1);  /* no command */
}

/* The port never opens: start fails within its timeout, kills it. */
static void
test_start_port_never_opens(void)
{
	char r[128];
	pid_t pid;

	(void)snprintf(r, sizeof(r), "Port_list = [\"%d/tcp\"];", port);
	CU_ASSERT_EQUAL(gds_run("start", 2, r,
	    "Start_command = \"exec sleep 1000\";"), 1);
	pid = daemon_pid();	/* -1: the pid file is gone */
	CU_ASSERT_FALSE(pidfile_exists());
	CU_ASSERT_FALSE(pid > 1 && tu_alive(pid));
	/* Without Network_aware the port is not waited for. */
	CU_ASSERT_EQUAL(gds_run("start", 2, r,
	    "Start_command = \"exec sleep 1000\"; Network_aware = false;"), 0);
	pid = daemon_pid();
	CU_ASSERT_TRUE(tu_alive(pid));
	CU_ASSERT_EQUAL(gds_run("stop", 5, r, ""), 0);
	CU_ASSERT_FALSE(tu_alive(pid));
}

/* A daemon that ignores Stop_signal is killed at 80 % of Stop_timeout. */
static void
test_stop_escalates(void)
{
	pid_t pid;

	CU_ASSERT_EQUAL_FATAL(gds_run("start", 10, "", "Start_command = "
	    "\"trap '' TERM; sleep 1000 & wait\"; Network_aware = false;"), 0);
	pid = daemon_pid();
	CU_ASSERT_TRUE(tu_alive(pid));
	CU_ASSERT_EQUAL(gds_run("stop", 3, "", "Stop_signal = 15;"), 0);
	CU_ASSERT_FALSE(tu_alive(pid));
	CU_ASSERT_FALSE(pidfile_exists());
}

static void
test_stop_command(void)
{
	char x[1024], mark[512];
	pid_t pid;

	(void)snprintf(mark, sizeof(mark), "%s/stopped-by-command", tmp);
	(void)snprintf(x, sizeof(x), "Start_command = \"exec sleep 1000\"; "
	    "Network_aware = false; Stop_signal = 9; Stop_command = \"touch "
	    "%s; kill $(cut -d' ' -f1 %s/gds.pid)\";", mark, tmp);
	CU_ASSERT_EQUAL_FATAL(gds_run("start", 10, "", x), 0);
	pid = daemon_pid();
	CU_ASSERT_EQUAL(gds_run("stop", 10, "", x), 0);
	CU_ASSERT_TRUE(tu_file_exists(mark));
	CU_ASSERT_FALSE(tu_alive(pid));
}

/* A recorded pid now used by another process (ours) is left alone. */
static void
test_pid_reuse_guard(void)
{
	char path[512], line[64];
	FILE *f;

	(void)snprintf(path, sizeof(path), "%s/gds.pid", tmp);
	(void)snprintf(line, sizeof(line), "%d 1\n", (int)getpid());
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	(void)fputs(line, f);
	(void)fclose(f);
	CU_ASSERT_EQUAL(gds_run("probe", 10, "", "Network_aware = false;"),
	    100);
	CU_ASSERT_EQUAL(gds_run("stop", 5, "", ""), 0);	/* we survive */
	CU_ASSERT_FALSE(pidfile_exists());
}

static void
test_validate(void)
{
	CU_ASSERT_EQUAL(gds_run("validate", 10, "", "Start_command = \"\";"),
	    1);
	CU_ASSERT_EQUAL(gds_run("validate", 10, "", ""), 1);
	CU_ASSERT_EQUAL(gds_run("validate", 10, "", "Start_command = \"x\"; "
	    "Stop_signal = 99;"), 1);
	CU_ASSERT_EQUAL(gds_run("validate", 10, "Port_list = [\"http\"];",
	    "Start_command = \"x\";"), 1);
	CU_ASSERT_EQUAL(gds_run("validate", 10, "Port_list = [\"80/tcp,"
	    "53/udp\", \"443/tcp6\"];", "Start_command = \"x\";"), 0);
	CU_ASSERT_EQUAL(gds_run("validate", 10, "", "Start_command = \"x\"; "
	    "Validate_command = \"exit 4\";"), 1);
	CU_ASSERT_EQUAL(gds_run("validate", 10, "", "Start_command = \"x\"; "
	    "Validate_command = \"true\";"), 0);
}

static void
test_probe_command(void)
{
	CU_ASSERT_EQUAL(gds_run("probe", 10, "", "Probe_command = \"true\";"),
	    0);
	CU_ASSERT_EQUAL(gds_run("probe", 10, "",
	    "Probe_command = \"exit 2\";"), 100);
	CU_ASSERT_EQUAL(gds_run("probe", 10, "", "Probe_command = "
	    "\"sleep 100\"; Probe_timeout = 1;"), 100);
}

int
test_gds_register(void)
{
	CU_pSuite s = CU_add_suite("SUNW.gds", gds_init, gds_clean);

	if (s == NULL ||
	    CU_add_test(s, "start, probe, stop a daemon",
	    test_start_probe_stop) == NULL ||
	    CU_add_test(s, "start fails if it dies", test_start_dies) == NULL ||
	    CU_add_test(s, "start fails if port stays shut",
	    test_start_port_never_opens) == NULL ||
	    CU_add_test(s, "stop escalates to SIGKILL",
	    test_stop_escalates) == NULL ||
	    CU_add_test(s, "Stop_command", test_stop_command) == NULL ||
	    CU_add_test(s, "pid reuse guard", test_pid_reuse_guard) == NULL ||
	    CU_add_test(s, "validate", test_validate) == NULL ||
	    CU_add_test(s, "Probe_command", test_probe_command) == NULL)
		return -1;
	return 0;
}
