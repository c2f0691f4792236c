/* SPDX-License-Identifier: MIT */
/*
 * legacy.c - start and stop of SUNW.gds when the method runner has no
 * rgmd channel (a runner started by hand, or an rgmd without a process
 * monitor): Start_command is launched detached (proc.c) and recorded in
 * <state_dir>/gds.pid; nothing restarts it. Runs in the method runner.
 *
 * start    adopts a daemon still running from an earlier start; else
 *          launches one and returns once it is up: alive, and when
 *          Network_aware with a Port_list, accepting TCP connections on
 *          loopback. It fails if the daemon dies first, or is not up
 *          within 90 % of Start_timeout (then it is stopped again).
 * stop     idempotent. Stop_command within 80 % of Stop_timeout; then, if
 *          processes of the daemon's session remain, Stop_signal, SIGKILL
 *          at 80 % of the time left, failure if anything is left at 95 %.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "gds.h"

static int
wait_gone(const struct gds_pid *p, long long until)
{
	while (gds_is_alive(p)) {
		if (gds_now_ms() >= until)
			return -1;
		gds_sleep_ms(GDS_POLL_MS);
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
	long long settle = gds_now_ms() + GDS_SETTLE_MS;
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
		gds_sleep_ms(GDS_POLL_MS);
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

int
gds_legacy_start(struct dsdl *h, const char *cmd)
{
	const char *dir = dsdl_state_dir(h);
	long long deadline = gds_now_ms() + gds_budget_ms(h) * 9 / 10;
	struct gds_port ports[GDS_MAX_PORTS];
	char logpath[4096];
	struct gds_pid p;
	size_t n;
	int len;

	if (gds_pidfile_read(dir, &p) == 0 && gds_is_alive(&p)) {
		dsdl_log(h, LOG_NOTICE, "already running as pid %d: adopted, "
		    "not started again", (int)p.pid);
		return 0;
	}
	len = snprintf(logpath, sizeof(logpath), "%s/%s", dir, GDS_LOGFILE);
	if (len < 0 || (size_t)len >= sizeof(logpath) ||
	    gds_checked_ports(h, ports, &n) == -1)
		return 1;
	if (launch(h, cmd, logpath, &p) == -1)
		return 1;
	dsdl_log(h, LOG_NOTICE, "started pid %d (detached, no rgmd channel): "
	    "%s", (int)p.pid, cmd);
	return wait_up(h, &p, ports, n, deadline);
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

int
gds_legacy_stop(struct dsdl *h)
{
	const char *dir = dsdl_state_dir(h);
	long long t0 = gds_now_ms(), total = gds_budget_ms(h), left;
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
	if (gds_run_stop_command(h, total) == 0)
		(void)wait_gone(&p, gds_now_ms() + (total / 10 < 1000 ?
		    total / 10 : 1000));
	if (gds_is_alive(&p)) {
		left = t0 + total * 95 / 100 - gds_now_ms();
		if (stop_session(h, &p, gds_ext_int(h, "Stop_signal", SIGTERM),
		    left < 200 ? 200 : left) == -1) {
			dsdl_log(h, LOG_ERR, "processes of pid %d still "
			    "running after SIGKILL: stop failed", (int)p.pid);
			return 1;
		}
	}
	dsdl_log(h, LOG_NOTICE, "stopped pid %d", (int)p.pid);
	return remove_pidfile(h, dir);
}

bool
gds_legacy_running(const struct dsdl *h)
{
	struct gds_pid p;

	return gds_pidfile_read(dsdl_state_dir(h), &p) == 0 &&
	    gds_is_alive(&p);
}
