/* SPDX-License-Identifier: MIT */
/*
 * gds.c - SUNW.gds, the generic data service: a resource type that runs
 * any daemon from commands given as extension properties. Each callback
 * runs in the method runner (rgmd-runner) under its <Method>_timeout.
 *
 * start    Start_command under rgmd's process monitor (svc.c); without an
 *          rgmd channel, detached with a pid file (legacy.c).
 * stop     idempotent: Stop_command, then Stop_signal and SIGKILL (svc.c,
 *          or legacy.c without a channel).
 * validate Start_command set, Stop_signal/Probe_timeout/Child_mon_level
 *          in range, Port_list well formed, Validate_command exits 0.
 * probe    Probe_command within Probe_timeout (exit 0 -> 0, anything
 *          else or a time-out -> 100); without one, dsdl_tcp_connect to
 *          each TCP port of Port_list (a failure -> 100); without ports,
 *          whether the daemon runs. rgmd calls it every
 *          Thorough_probe_interval and feeds the result to its fault
 *          monitor rules.
 * update, monitor_start, monitor_stop: succeed (rgmd itself probes).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "gds.h"

#define DEFAULT_PROBE_S		30

/* A non-empty extension string property, or NULL. */
const char *
gds_ext_string(const struct dsdl *h, const char *name)
{
	const char *s;

	if (dsdl_get_string(h, DSDL_EXTENSION, name, &s) == -1 ||
	    s[0] == '\0')
		return NULL;
	return s;
}

int
gds_ext_int(const struct dsdl *h, const char *name, int def)
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
long long
gds_budget_ms(const struct dsdl *h)
{
	int t = dsdl_method_timeout(h);

	return (long long)(t > 0 ? t : GDS_DEFAULT_TIMEOUT_S) * 1000;
}

/* The ports start and probe check: none unless Network_aware. */
int
gds_checked_ports(const struct dsdl *h, struct gds_port *ports, size_t *n)
{
	*n = 0;
	if (!network_aware(h))
		return 0;
	return gds_port_list(h, ports, GDS_MAX_PORTS, n);
}

/* Stop_command within 80 % of total ms; 0 if it ran and exited 0. */
int
gds_run_stop_command(const struct dsdl *h, long long total)
{
	const char *cmd = gds_ext_string(h, "Stop_command");
	int st;

	if (cmd == NULL)
		return -1;
	if (dsdl_run(h, cmd, (int)(total * 80 / 100), &st) == -1) {
		dsdl_log(h, LOG_WARNING, "Stop_command: %s", errno ==
		    ETIMEDOUT ? "timed out" : strerror(errno));
		return -1;
	}
	if (st != 0) {
		dsdl_log(h, LOG_WARNING, "Stop_command exited with %d", st);
		return -1;
	}
	return 0;
}

/* <state_dir>/gds.pid: "PID STARTTIME", for people and scripts. */
int
gds_record_pid(const struct dsdl *h, int pid)
{
	struct gds_pid p = { .pid = pid, .start = 0 };

	if (gds_pidfile_write(dsdl_state_dir(h), &p) == 0)
		return 0;
	dsdl_log(h, LOG_WARNING, "cannot write %s/%s: %s", dsdl_state_dir(h),
	    GDS_PIDFILE, strerror(errno));
	return -1;
}

static int
gds_start(struct dsdl *h)
{
	const char *cmd = gds_ext_string(h, "Start_command");
	int rc;

	if (cmd == NULL) {
		dsdl_log(h, LOG_ERR, "Start_command is not set");
		return 1;
	}
	rc = gds_svc_start(h, cmd);
	if (rc == -1)	/* no rgmd channel */
		rc = gds_legacy_start(h, cmd);
	return rc;
}

static int
gds_stop(struct dsdl *h)
{
	int rc = gds_svc_stop(h);

	if (rc == -1)	/* no rgmd channel */
		rc = gds_legacy_stop(h);
	return rc;
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
	const char *cmd = gds_ext_string(h, "Validate_command");
	int st;

	if (cmd == NULL)
		return 0;
	if (dsdl_run(h, cmd, (int)(gds_budget_ms(h) * 9 / 10), &st) == -1) {
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

	if (gds_ext_string(h, "Start_command") == NULL) {
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
	int timeout_ms = gds_ext_int(h, "Probe_timeout", DEFAULT_PROBE_S) * 1000;
	const char *cmd = gds_ext_string(h, "Probe_command");
	struct gds_port ports[GDS_MAX_PORTS];
	const struct gds_port *bad = NULL;
	bool running;
	size_t n;

	if (cmd != NULL)
		return probe_command(h, cmd, timeout_ms);
	if (gds_checked_ports(h, ports, &n) == -1)
		return DSDL_PROBE_COMPLETE;
	if (n > 0) {
		if (gds_tcp_check_all(ports, n, timeout_ms, &bad) == 0)
			return DSDL_PROBE_OK;
		dsdl_log(h, LOG_WARNING, "port %d: no connection: %s",
		    bad->port, strerror(errno));
		return DSDL_PROBE_COMPLETE;
	}
	if (gds_svc_running(h, &running) == 0 ? running :
	    errno == ENOTCONN && gds_legacy_running(h))
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
	(void)h;	/* rgmd calls probe itself */
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
