/* SPDX-License-Identifier: MIT */
/*
 * gds.c - SUNW.gds, the generic data service: a resource type that runs
 * any daemon from commands given as extension properties. Each callback
 * runs in the method runner (rgmd-runner) under its <Method>_timeout.
 *
 * start    launches Start_command detached (proc.c), records it in
 *          <state_dir>/gds.pid and returns once it is up: alive, and when
 *          Network_aware with a Port_list, accepting TCP connections on
 *          loopback. It fails if the daemon dies first, or is not up
 *          within 90 % of Start_timeout (then it is stopped again). A
 *          daemon already running from an earlier start is adopted.
 * stop     idempotent. Stop_command within 80 % of Stop_timeout; then, if
 *          processes of the daemon's session remain, Stop_signal, SIGKILL
 *          at 80 % of the timeout, failure if anything is left at 95 %.
 * validate Start_command set, Stop_signal/Probe_timeout/Child_mon_level
 *          in range, Port_list well formed, Validate_command exits 0.
 * probe    Probe_command within Probe_timeout (0 -> healthy, anything
 *          else or a time-out -> 100); without one, TCP connects to the
 *          Port_list ports; without ports, whether the daemon is alive.
 * update, monitor_start, monitor_stop: succeed (no fault monitor yet).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "gds.h"

#define DEFAULT_TIMEOUT_S	300
#define DEFAULT_PROBE_S		30
#define START_SETTLE_MS		500
#define POLL_MS			50

/* A non-empty extension string property, or NULL. */
static const char *
ext_string(const struct dsdl *h, const char *name)
{
	const char *s;

	if (dsdl_get_string(h, DSDL_EXTENSION, name, &s) == -1 ||
	    s[0] == '\0')
		return NULL;
	return s;
}

static int
ext_int(const struct dsdl *h, const char *name, int def)
{
	int v;

	return dsdl_get_int(h, DSDL_EXTENSION, name, &v) == 0 ? v : def;
}

static bool
network_aware(const struct dsdl *h)
{
	bool v;

	return dsdl_get_bool(h, DSDL_EXTENSION, "Network_aware", &v) == 0 ?
	    v : true;
}

/* The method's timeout in ms. */
static long long
budget_ms(const struct dsdl *h)
{
	int t = dsdl_method_timeout(h);

	return (long long)(t > 0 ? t : DEFAULT_TIMEOUT_S) * 1000;
}

/* The ports start and probe check: none unless Network_aware. */
static int
checked_ports(const struct dsdl *h, struct gds_port *ports, size_t *n)
{
	*n = 0;
	if (!network_aware(h))
		return 0;
	return gds_port_list(h, ports, GDS_MAX_PORTS, n);
}

static int
wait_gone(const struct gds_pid *p, long long until)
{
	while (gds_is_alive(p)) {
		if (gds_now_ms() >= until)
			return -1;
		gds_sleep_ms(POLL_MS);
	}
	return 0;
}

/* sig now, SIGKILL at 80/95 of budget, -1 if anything is left at the end. */
static int
stop_session(const struct dsdl *h, const struct gds_pid *p, int sig,
    long long budget)
{
	long long t0 = gds_now_ms();

	gds_signal(p, sig);
	if (wait_gone(p, t0 + budget * 80 / 95) == 0)
		return 0;
	dsdl_log(h, LOG_WARNING, "pid %d still running after signal %d: "
	    "sending SIGKILL", (int)p->pid, sig);
	gds_signal(p, SIGKILL);
	return wait_gone(p, t0 + budget);
}

/* Poll until the daemon is up; stop it again if it is not in time. */
static int
wait_up(const struct dsdl *h, const struct gds_pid *p,
    const struct gds_port *ports, size_t n, long long deadline)
{
	long long settle = gds_now_ms() + START_SETTLE_MS;
	const struct gds_port *bad = NULL;

	for (;;) {
		if (!gds_is_alive(p)) {
			dsdl_log(h, LOG_ERR, "pid %d exited during start",
			    (int)p->pid);
			(void)gds_pidfile_remove(dsdl_state_dir(h));
			return 1;
		}
		if (n > 0 ? gds_tcp_check_all(ports, n, 200, &bad) == 0 :
		    gds_now_ms() >= settle)
			return 0;
		if (gds_now_ms() >= deadline)
			break;
		gds_sleep_ms(POLL_MS);
	}
	dsdl_log(h, LOG_ERR, "not up in time (port %d not accepting "
	    "connections): stopping pid %d", bad != NULL ? bad->port : 0,
	    (int)p->pid);
	if (stop_session(h, p, SIGTERM, 2000) == 0)
		(void)gds_pidfile_remove(dsdl_state_dir(h));
	return 1;
}

/*
 * Launch the daemon and record it. SIGTERM (rgmd's time-out) is held off
 * meanwhile, so a daemon never runs without its pid file.
 */
static int
launch(const struct dsdl *h, const char *cmd, const char *logpath,
    struct gds_pid *p)
{
	const char *dir = dsdl_state_dir(h);
	sigset_t term, old;
	int rc = -1;

	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	(void)sigprocmask(SIG_BLOCK, &term, &old);
	if (gds_spawn(cmd, logpath, p) == -1) {
		dsdl_log(h, LOG_ERR, "cannot launch Start_command: %s",
		    strerror(errno));
	} else if (gds_pidfile_write(dir, p) == -1) {
		dsdl_log(h, LOG_ERR, "cannot write %s/%s: %s: stopping pid %d",
		    dir, GDS_PIDFILE, strerror(errno), (int)p->pid);
		(void)stop_session(h, p, SIGTERM, 2000);
	} else {
		rc = 0;
	}
	(void)sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

static int
gds_start(struct dsdl *h)
{
	const char *cmd = ext_string(h, "Start_command");
	const char *dir = dsdl_state_dir(h);
	long long deadline = gds_now_ms() + budget_ms(h) * 9 / 10;
	struct gds_port ports[GDS_MAX_PORTS];
	char logpath[4096];
	struct gds_pid p;
	size_t n;
	int len;

	if (cmd == NULL) {
		dsdl_log(h, LOG_ERR, "Start_command is not set");
		return 1;
	}
	if (gds_pidfile_read(dir, &p) == 0 && gds_is_alive(&p)) {
		dsdl_log(h, LOG_NOTICE, "already running as pid %d: adopted, "
		    "not started again", (int)p.pid);
		return 0;
	}
	len = snprintf(logpath, sizeof(logpath), "%s/%s", dir, GDS_LOGFILE);
	if (len < 0 || (size_t)len >= sizeof(logpath) ||
	    checked_ports(h, ports, &n) == -1)
		return 1;
	if (launch(h, cmd, logpath, &p) == -1)
		return 1;
	dsdl_log(h, LOG_NOTICE, "started pid %d: %s", (int)p.pid, cmd);
	return wait_up(h, &p, ports, n, deadline);
}

/* Stop_command within 80 % of the budget; a short wait if it succeeded. */
static void
run_stop_command(const struct dsdl *h, const struct gds_pid *p,
    long long total)
{
	const char *cmd = ext_string(h, "Stop_command");
	int st;

	if (cmd == NULL)
		return;
	if (dsdl_run(h, cmd, (int)(total * 80 / 100), &st) == -1) {
		dsdl_log(h, LOG_WARNING, "Stop_command: %s", errno ==
		    ETIMEDOUT ? "timed out" : strerror(errno));
		return;
	}
	if (st != 0) {
		dsdl_log(h, LOG_WARNING, "Stop_command exited with %d", st);
		return;
	}
	(void)wait_gone(p, gds_now_ms() + (total / 10 < 1000 ? total / 10 :
	    1000));
}

static int
remove_pidfile(const struct dsdl *h, const char *dir)
{
	if (gds_pidfile_remove(dir) == 0)
		return 0;
	dsdl_log(h, LOG_ERR, "cannot remove %s/%s: %s", dir, GDS_PIDFILE,
	    strerror(errno));
	return 1;
}

static int
gds_stop(struct dsdl *h)
{
	const char *dir = dsdl_state_dir(h);
	long long t0 = gds_now_ms(), total = budget_ms(h), left;
	struct gds_pid p;

	if (gds_pidfile_read(dir, &p) == -1) {
		if (errno == ENOENT)
			return 0;	/* never started, or stopped */
		dsdl_log(h, LOG_ERR, "cannot read %s/%s: %s", dir, GDS_PIDFILE,
		    strerror(errno));
		return 1;
	}
	if (!gds_is_alive(&p)) {
		dsdl_log(h, LOG_INFO, "pid %d is not running", (int)p.pid);
		return remove_pidfile(h, dir);
	}
	run_stop_command(h, &p, total);
	if (gds_is_alive(&p)) {
		left = t0 + total * 95 / 100 - gds_now_ms();
		if (stop_session(h, &p, ext_int(h, "Stop_signal", SIGTERM),
		    left < 200 ? 200 : left) == -1) {
			dsdl_log(h, LOG_ERR, "processes of pid %d still "
			    "running after SIGKILL: stop failed", (int)p.pid);
			return 1;
		}
	}
	dsdl_log(h, LOG_NOTICE, "stopped pid %d", (int)p.pid);
	return remove_pidfile(h, dir);
}

/* An optional extension int must lie in [min, max]. */
static int
check_range(const struct dsdl *h, const char *name, int min, int max)
{
	int v;

	if (dsdl_get_int(h, DSDL_EXTENSION, name, &v) == -1) {
		if (errno == ENOENT)
			return 0;
		dsdl_log(h, LOG_ERR, "%s: not an integer", name);
		return -1;
	}
	if (v < min || v > max) {
		dsdl_log(h, LOG_ERR, "%s: %d is out of range %d..%d", name, v,
		    min, max);
		return -1;
	}
	return 0;
}

static int
run_validate_command(const struct dsdl *h)
{
	const char *cmd = ext_string(h, "Validate_command");
	int st;

	if (cmd == NULL)
		return 0;
	if (dsdl_run(h, cmd, (int)(budget_ms(h) * 9 / 10), &st) == -1) {
		dsdl_log(h, LOG_ERR, "Validate_command: %s: change rejected",
		    errno == ETIMEDOUT ? "timed out" : strerror(errno));
		return 1;
	}
	if (st != 0) {
		dsdl_log(h, LOG_ERR, "Validate_command exited with %d: change "
		    "rejected", st);
		return 1;
	}
	return 0;
}

static int
gds_validate(struct dsdl *h)
{
	struct gds_port ports[GDS_MAX_PORTS];
	size_t n;

	if (ext_string(h, "Start_command") == NULL) {
		dsdl_log(h, LOG_ERR, "Start_command must be set and not "
		    "empty");
		return 1;
	}
	if (check_range(h, "Stop_signal", 1, 37) == -1 ||
	    check_range(h, "Probe_timeout", 1, INT_MAX) == -1 ||
	    check_range(h, "Child_mon_level", -1, INT_MAX) == -1 ||
	    gds_port_list(h, ports, GDS_MAX_PORTS, &n) == -1)
		return 1;
	return run_validate_command(h);
}

static int
probe_command(const struct dsdl *h, const char *cmd, int timeout_ms)
{
	int st;

	if (dsdl_run(h, cmd, timeout_ms, &st) == -1) {
		dsdl_log(h, LOG_WARNING, "Probe_command: %s", errno ==
		    ETIMEDOUT ? "timed out" : strerror(errno));
		return DSDL_PROBE_COMPLETE;
	}
	if (st != 0) {
		dsdl_log(h, LOG_WARNING, "Probe_command exited with %d", st);
		return DSDL_PROBE_COMPLETE;
	}
	return DSDL_PROBE_OK;
}

static int
gds_probe(struct dsdl *h)
{
	int timeout_ms = ext_int(h, "Probe_timeout", DEFAULT_PROBE_S) * 1000;
	const char *cmd = ext_string(h, "Probe_command");
	struct gds_port ports[GDS_MAX_PORTS];
	const struct gds_port *bad = NULL;
	struct gds_pid p;
	size_t n;

	if (cmd != NULL)
		return probe_command(h, cmd, timeout_ms);
	if (checked_ports(h, ports, &n) == -1)
		return DSDL_PROBE_COMPLETE;
	if (n > 0) {
		if (gds_tcp_check_all(ports, n, timeout_ms, &bad) == 0)
			return DSDL_PROBE_OK;
		dsdl_log(h, LOG_WARNING, "port %d: no connection: %s",
		    bad->port, strerror(errno));
		return DSDL_PROBE_COMPLETE;
	}
	if (gds_pidfile_read(dsdl_state_dir(h), &p) == 0 && gds_is_alive(&p))
		return DSDL_PROBE_OK;
	dsdl_log(h, LOG_WARNING, "the daemon is not running");
	return DSDL_PROBE_COMPLETE;
}

static int
gds_update(struct dsdl *h)
{
	dsdl_log(h, LOG_INFO, "properties updated; command changes apply at "
	    "the next start");
	return 0;
}

static int
gds_monitor(struct dsdl *h)
{
	(void)h;	/* the fault monitor comes with the process monitor */
	return 0;
}

DSDL_TYPE(
	.name = "SUNW.gds",
	.start = gds_start,
	.stop = gds_stop,
	.validate = gds_validate,
	.update = gds_update,
	.monitor_start = gds_monitor,
	.monitor_stop = gds_monitor,
	.probe = gds_probe,
);
