/* SPDX-License-Identifier: MIT */
/*
 * probe.c - the fault monitor of SUNW.SharedAddress. rgmd runs the probe
 * every Thorough_probe_interval under Probe_timeout: pdt's control socket
 * (<state dir>/pdt.sock) must answer "stats" through pdt's control client
 * (pdt/ctlclient.h). When it does not, the probe reports a complete
 * failure (DSDL_PROBE_COMPLETE): rgmd restarts the resource on this node
 * up to Retry_count times within Retry_interval, then gives the group
 * over to another node, which becomes the GIN.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctlclient.h"
#include "dsdl.h"
#include "sa.h"

int
sa_pdt_ping(const char *dir, int ms, char *why, size_t whylen)
{
	char path[4096], reply[8192], err[256];
	size_t got;
	int rc;

	if (snprintf(path, sizeof(path), "%s/%s", dir, SA_SOCK) >=
	    (int)sizeof(path)) {
		snprintf(why, whylen, "state directory path too long");
		return -1;
	}
	rc = pdt_ctlc_request(path, "stats", ms, reply, sizeof(reply), &got,
	    err, sizeof(err));
	if (rc == PDT_CTLC_OK)
		return 0;
	snprintf(why, whylen, "%s", rc == PDT_CTLC_ERROR ? err : reply);
	return -1;
}

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A pdt the process monitor has just started again has no socket yet
 * (refused, or absent): while its tree runs, it is given the probe's time
 * to open it. A hung pdt's socket accepts but does not answer: that is
 * not waited for twice. */
int
sa_probe(struct dsdl *h)
{
	int timeout = dsdl_method_timeout(h);
	long long ms = (long long)(timeout > 1 ? timeout : 2) * 700;
	long long end = mono_ms() + ms;
	char why[512];
	bool running;
	int rc;

	while ((rc = sa_pdt_ping(dsdl_state_dir(h), (int)ms, why,
	    sizeof(why))) == -1 && (strstr(why, "refused") != NULL ||
	    strstr(why, "No such file") != NULL) && mono_ms() < end &&
	    dsdl_pmf_status(h, DSDL_PMF_SVC, 0, &running, NULL) == 0 &&
	    running) {
		usleep(100 * 1000);
		ms = end - mono_ms() > 100 ? end - mono_ms() : 100;
	}
	if (rc == 0)
		return DSDL_PROBE_OK;
	dsdl_log(h, LOG_WARNING, "pdt does not answer: %s", why);
	(void)dsdl_set_status(h, DSDL_STATUS_FAULTED, "pdt does not answer");
	return DSDL_PROBE_COMPLETE;
}
