/* SPDX-License-Identifier: MIT */
/*
 * monitor.c - the fault monitor of SUNW.LogicalHostname.
 *
 * probe          rgmd runs it every Thorough_probe_interval under
 *                Probe_timeout. It checks the recorded addresses, then
 *                waits for netlink events (watch.c) for most of
 *                Probe_timeout: a link going down (or losing its carrier)
 *                or an address removed makes it return
 *                DSDL_PROBE_GIVEOVER at once, so rgmd gives the group
 *                over (its fault monitor rules, Failover_mode); otherwise
 *                0 at the end of its time. Its pid and start time are in
 *                <state_dir>/probe.pid while it runs.
 * monitor_stop   ends a running probe (SIGTERM through a pidfd, checked
 *                against the recorded start time), so no probe outlives
 *                the monitoring and none judges the Stop that follows.
 * monitor_check  on a node the group would fail over to: every interface
 *                the addresses would take there exists and is up.
 * Each runs in the method runner.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "dsdl.h"
#include "lh.h"

/* Field 22 of /proc/PID/stat, or 0. */
static unsigned long long
start_time(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long st = 0;
	ssize_t len;
	int fd, field;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return 0;
	buf[len] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return 0;
	for (field = 2; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p != NULL)
		st = strtoull(p + 1, NULL, 10);
	return st;
}

static void
pidfile(const struct dsdl *h, bool on)
{
	char path[4096];
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", dsdl_state_dir(h),
	    LH_PROBE_PID) >= (int)sizeof(path))
		return;
	if (!on) {
		(void)unlink(path);
		return;
	}
	if ((f = fopen(path, "we")) != NULL) {
		fprintf(f, "%d %llu\n", (int)getpid(), start_time(getpid()));
		fclose(f);
	}
}

static int
watch_result(struct dsdl *h, const struct lh_plumb *p, size_t n,
    enum lh_watch w, const char *why)
{
	struct lh_nl *nl;
	char err[512], why2[256];
	int fault = 0;

	switch (w) {
	case LH_WATCH_QUIET:
	case LH_WATCH_DOWN:
		return DSDL_PROBE_OK;
	case LH_WATCH_ERROR:	/* judge once from a fresh dump */
		dsdl_log(h, LOG_WARNING, "%s", why);
		if ((nl = lh_nl_open(err, sizeof(err))) == NULL)
			return DSDL_PROBE_OK;
		fault = lh_nl_check(nl, p, n, why2, sizeof(why2));
		lh_nl_close(nl);
		if (!fault)
			return DSDL_PROBE_OK;
		why = why2;
		break;
	case LH_WATCH_FAULT:
		break;
	}
	dsdl_log(h, LOG_WARNING, "%s: asking for a give-over", why);
	(void)dsdl_set_status(h, DSDL_STATUS_FAULTED, why);
	return DSDL_PROBE_GIVEOVER;
}

int
lh_probe(struct dsdl *h)
{
	struct lh_plumb p[LH_MAX_ADDRS];
	long long t0 = lh_now_ms(), budget;
	int timeout = dsdl_method_timeout(h), rc;
	char why[256] = "";
	size_t n;

	if (lh_plumbed_read(dsdl_state_dir(h), p, LH_MAX_ADDRS, &n) == -1 ||
	    n == 0) {
		dsdl_log(h, LOG_WARNING, "no address is recorded as plumbed "
		    "on this node");
		(void)dsdl_set_status(h, DSDL_STATUS_FAULTED, "no address");
		return DSDL_PROBE_COMPLETE;
	}
	/* Most of Probe_timeout: rgmd counts a probe that overruns it as a
	 * failure. */
	budget = (long long)(timeout > 0 ? timeout : 60) * 900 - 500;
	pidfile(h, true);
	rc = watch_result(h, p, n, lh_watch(dsdl_state_dir(h), p, n,
	    t0 + (budget > 0 ? budget : 0), why, sizeof(why)), why);
	pidfile(h, false);
	return rc;
}

/* SIGTERM to the running probe, and wait (at most ms) for its end. */
static void
end_probe(const struct dsdl *h, int ms)
{
	char path[4096];
	unsigned long long st = 0;
	int pid = 0, pfd;
	struct pollfd pf;
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", dsdl_state_dir(h),
	    LH_PROBE_PID) >= (int)sizeof(path) ||
	    (f = fopen(path, "re")) == NULL)
		return;		/* no probe runs */
	if (fscanf(f, "%d %llu", &pid, &st) != 2)
		pid = 0;
	fclose(f);
	if (pid <= 1 || pid == getpid() || st == 0) {
		dsdl_log(h, LOG_WARNING, "%s: malformed", path);
		return;
	}
	if ((pfd = (int)syscall(SYS_pidfd_open, pid, 0)) == -1)
		return;		/* it ended meanwhile */
	/* The pid is pinned by the pidfd: is it still our probe? */
	if (start_time(pid) != st) {
		close(pfd);
		return;
	}
	if (syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0) == -1) {
		dsdl_log(h, LOG_WARNING, "cannot end the probe (pid %d): %m",
		    pid);
	} else {
		pf.fd = pfd;
		pf.events = POLLIN;
		if (poll(&pf, 1, ms) != 1)
			dsdl_log(h, LOG_WARNING, "the probe (pid %d) did not "
			    "end", pid);
		else
			dsdl_log(h, LOG_INFO, "probe (pid %d) ended", pid);
	}
	close(pfd);
}

int
lh_monitor_stop(struct dsdl *h)
{
	end_probe(h, 5000);
	return 0;
}

int
lh_monitor_check(struct dsdl *h)
{
	static struct lh_addrs addrs;
	static struct lh_netifs netifs;
	struct lh_plumb p[LH_MAX_ADDRS];
	struct lh_nl *nl = NULL;
	unsigned char mac[6];
	char err[512];
	int ifindex, rc = -1;
	bool up = false;

	if (lh_conf_read(h, &addrs, &netifs, err, sizeof(err)) == 0 &&
	    (nl = lh_nl_open(err, sizeof(err))) != NULL &&
	    lh_place_all(nl, h, &addrs, &netifs, p, err, sizeof(err)) == 0) {
		rc = 0;
		for (size_t i = 0; i < addrs.n && rc == 0; i++)
			if (lh_nl_link(nl, p[i].ifname, &ifindex, mac, &up) ==
			    -1 || !up) {
				snprintf(err, sizeof(err), "link %s is down",
				    p[i].ifname);
				rc = -1;
			}
	}
	lh_nl_close(nl);
	if (rc == -1)
		dsdl_log(h, LOG_ERR, "this node cannot take the addresses: %s",
		    err);
	return rc == 0 ? 0 : 1;
}
