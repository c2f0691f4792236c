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
#include <stdio.h>
#include <string.h>

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

bool
sa_pdt_has(const char *dir, const char *text)
{
	char path[4096], reply[65536], err[256];
	size_t got;

	if (snprintf(path, sizeof(path), "%s/%s", dir, SA_SOCK) >=
	    (int)sizeof(path))
		return false;
	return pdt_ctlc_request(path, "show", 1000, reply, sizeof(reply),
	    &got, err, sizeof(err)) == PDT_CTLC_OK && strstr(reply, text);
}

int
sa_probe(struct dsdl *h)
{
	int timeout = dsdl_method_timeout(h);
	char why[512];

	if (sa_pdt_ping(dsdl_state_dir(h), (timeout > 1 ? timeout : 2) * 700,
	    why, sizeof(why)) == 0)
		return DSDL_PROBE_OK;
	dsdl_log(h, LOG_WARNING, "pdt does not answer: %s", why);
	(void)dsdl_set_status(h, DSDL_STATUS_FAULTED, "pdt does not answer");
	return DSDL_PROBE_COMPLETE;
}
