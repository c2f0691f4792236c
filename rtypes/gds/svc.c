/* SPDX-License-Identifier: MIT */
/*
 * svc.c - start and stop of SUNW.gds under rgmd's process monitor (PMF),
 * through libdsdl's channel to rgmd. Runs in the method runner.
 *
 * start    dsdl_pmf_start(SVC, 0, Start_command, Child_mon_level); rgmd
 *          runs the daemon in its own session and restarts it when it
 *          dies. start then polls, within 90 % of Start_timeout, until the
 *          daemon is up: for a Network_aware resource with a Port_list,
 *          every TCP port accepts a connection on loopback; otherwise it
 *          stayed alive for half a second. A daemon that dies meanwhile
 *          (PMF shows it stopped, or already restarted) fails the start,
 *          and the tag is stopped. The pid rgmd reports is written to
 *          <state_dir>/gds.pid for people and scripts (it is not used by
 *          the type itself). A tag already running is adopted.
 * stop     idempotent. Stop_command within 80 % of Stop_timeout, then
 *          dsdl_pmf_stop(SVC, 0, Stop_signal, the time left): SIGKILL at
 *          80 % of it, failure if processes remain at 95 %.
 * Each returns -1 with ENOTCONN, having done nothing, when the runner has
 * no rgmd channel; gds.c then falls back to legacy.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gds.h"

#define FAILED_STOP_MS	2000

/* Stop the tag after a failed start (SIGKILL soon: it is broken). */
static int
abandon(const struct dsdl *h)
{
	if (dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, SIGTERM, FAILED_STOP_MS) == -1)
		dsdl_log(h, LOG_ERR, "cannot stop the failed daemon: %s",
		    strerror(errno));
	(void)gds_pidfile_remove(dsdl_state_dir(h));
	return 1;
}

/* 1 while the daemon runs and was never restarted, 0 if not, -1 error. */
static int
still_first(const struct dsdl *h)
{
	struct dsdl_pmf_info info;

	if (dsdl_pmf_info(h, DSDL_PMF_SVC, 0, &info) == -1) {
		dsdl_log(h, LOG_ERR, "pmf status: %s", strerror(errno));
		return -1;
	}
	if (info.running && info.restarts == 0)
		return 1;
	dsdl_log(h, LOG_ERR, "the daemon %s during start", info.running ?
	    "died and was restarted" : "exited");
	return 0;
}

static int
wait_up(const struct dsdl *h, const struct gds_port *ports, size_t n,
    long long deadline)
{
	long long settle = gds_now_ms() + GDS_SETTLE_MS;
	const struct gds_port *bad = NULL;

	for (;;) {
		if (still_first(h) != 1)
			return abandon(h);
		if (n > 0 ? gds_tcp_check_all(ports, n, 200, &bad) == 0 :
		    gds_now_ms() >= settle)
			return 0;
		if (gds_now_ms() >= deadline)
			break;
		gds_sleep_ms(GDS_POLL_MS);
	}
	dsdl_log(h, LOG_ERR, "not up in time (port %d not accepting "
	    "connections): stopping it", bad != NULL ? bad->port : 0);
	return abandon(h);
}

int
gds_svc_start(struct dsdl *h, const char *cmd)
{
	long long deadline = gds_now_ms() + gds_budget_ms(h) * 9 / 10;
	int level = gds_ext_int(h, "Child_mon_level", -1);
	struct gds_port ports[GDS_MAX_PORTS];
	size_t n;
	int pid;

	if (gds_checked_ports(h, ports, &n) == -1)
		return 1;
	if (dsdl_pmf_start(h, DSDL_PMF_SVC, 0, cmd, level) == -1) {
		if (errno == ENOTCONN)
			return -1;
		if (errno == EALREADY &&
		    dsdl_pmf_status(h, DSDL_PMF_SVC, 0, NULL, &pid) == 0) {
			dsdl_log(h, LOG_NOTICE, "already running under PMF as "
			    "pid %d: adopted", pid);
			return 0;
		}
		dsdl_log(h, LOG_ERR, "pmf start: %s", strerror(errno));
		return 1;
	}
	if (dsdl_pmf_status(h, DSDL_PMF_SVC, 0, NULL, &pid) == -1)
		pid = 0;
	dsdl_log(h, LOG_NOTICE, "started pid %d under PMF: %s", pid, cmd);
	if (pid > 0)
		(void)gds_record_pid(h, pid);
	return wait_up(h, ports, n, deadline);
}

int
gds_svc_stop(struct dsdl *h)
{
	long long t0 = gds_now_ms(), total = gds_budget_ms(h), left;
	bool running;

	if (dsdl_pmf_status(h, DSDL_PMF_SVC, 0, &running, NULL) == -1) {
		if (errno == ENOTCONN)
			return -1;
		dsdl_log(h, LOG_ERR, "pmf status: %s", strerror(errno));
		return 1;
	}
	if (running)
		(void)gds_run_stop_command(h, total);
	left = total - (gds_now_ms() - t0);
	if (dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, gds_ext_int(h, "Stop_signal",
	    SIGTERM), (int)(left < 200 ? 200 : left)) == -1) {
		dsdl_log(h, LOG_ERR, "pmf stop: %s", errno == EBUSY ?
		    "processes remain after SIGKILL" : strerror(errno));
		return 1;
	}
	(void)gds_pidfile_remove(dsdl_state_dir(h));
	if (running)
		dsdl_log(h, LOG_NOTICE, "stopped");
	return 0;
}

int
gds_svc_running(const struct dsdl *h, bool *running)
{
	return dsdl_pmf_status(h, DSDL_PMF_SVC, 0, running, NULL);
}
