/* SPDX-License-Identifier: MIT */
/*
 * lh.c - SUNW.LogicalHostname: one or more IP addresses (HostnameList)
 * that follow their failover resource group from node to node, on the
 * interface NetIfList names for each node, or the one holding the node's
 * route to the address. Each callback runs in the method runner.
 *
 *   validate  HostnameList resolves (IPv4 and IPv6), NetIfList is well
 *             formed and names nodes of the Nodelist, and this node has
 *             the interface each address would take.
 *   start     records what it will add (plumbed.c), adds the addresses
 *             through netlink, announces them (announce.c). Refused when
 *             the link is down.
 *   stop      removes the recorded addresses, and only them; idempotent.
 *   boot      the same cleanup: a node that died holding the addresses
 *   fini      gives them up when it comes back, before anything starts.
 *   probe, monitor_stop, monitor_check: monitor.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dsdl.h"
#include "lh.h"

static int
lh_validate(struct dsdl *h)
{
	static struct lh_addrs addrs;
	static struct lh_netifs netifs;
	struct lh_plumb p[LH_MAX_ADDRS];
	struct lh_nl *nl;
	char err[512];
	int rc = -1;

	if (lh_conf_read(h, &addrs, &netifs, err, sizeof(err)) == 0 &&
	    (nl = lh_nl_open(err, sizeof(err))) != NULL) {
		rc = lh_place_all(nl, h, &addrs, &netifs, p, err, sizeof(err));
		lh_nl_close(nl);
	}
	if (rc == -1) {
		dsdl_log(h, LOG_ERR, "%s", err);
		return 1;
	}
	for (size_t i = 0; i < addrs.n; i++)
		dsdl_log(h, LOG_INFO, "%s: %s would go on %s/%d",
		    addrs.a[i].host, addrs.a[i].text, p[i].ifname,
		    p[i].prefixlen);
	return 0;
}

/*
 * What this node holds of the resource: the record of Start, or (no
 * record, or a damaged one) the addresses of HostnameList found on an
 * interface here.
 */
static size_t
held(const struct dsdl *h, struct lh_nl *nl, struct lh_plumb *p)
{
	static struct lh_addrs addrs;
	static struct lh_netifs netifs;
	char err[512], ifname[IF_NAMESIZE];
	size_t n = 0;

	if (lh_plumbed_read(dsdl_state_dir(h), p, LH_MAX_ADDRS, &n) == 0)
		return n;
	if (errno != ENOENT)
		dsdl_log(h, LOG_WARNING, "%s/%s is damaged: removing the "
		    "addresses of HostnameList instead", dsdl_state_dir(h),
		    LH_PLUMBED);
	n = 0;
	if (lh_conf_read(h, &addrs, &netifs, err, sizeof(err)) == -1) {
		dsdl_log(h, LOG_WARNING, "nothing recorded, and %s", err);
		return 0;
	}
	for (size_t i = 0; i < addrs.n; i++)
		if (lh_nl_has_addr(nl, &addrs.a[i], ifname) &&
		    lh_nl_place(nl, &addrs.a[i], ifname, dsdl_node_name(h),
		    &p[n], err, sizeof(err)) == 0)
			n++;
	return n;
}

/* Remove what this node holds of the resource; 0 or 1 (a failure). */
static int
unplumb(struct dsdl *h)
{
	struct lh_plumb p[LH_MAX_ADDRS];
	struct lh_nl *nl;
	char err[512];
	size_t n;
	int rc = 0;

	if (lh_marker(dsdl_state_dir(h), LH_DOWN, true) == -1)
		dsdl_log(h, LOG_WARNING, "cannot mark the stop: %m");
	if ((nl = lh_nl_open(err, sizeof(err))) == NULL) {
		dsdl_log(h, LOG_ERR, "%s", err);
		return 1;
	}
	n = held(h, nl, p);
	for (size_t i = 0; i < n; i++) {
		if (lh_nl_del(nl, &p[i], err, sizeof(err)) == -1) {
			dsdl_log(h, LOG_ERR, "%s", err);
			rc = 1;
		} else {
			dsdl_log(h, LOG_INFO, "%s/%d removed from %s",
			    p[i].addr.text, p[i].prefixlen, p[i].ifname);
		}
	}
	lh_nl_close(nl);
	if (rc == 0 && lh_plumbed_write(dsdl_state_dir(h), NULL, 0) == -1) {
		dsdl_log(h, LOG_ERR, "cannot remove %s/%s: %m",
		    dsdl_state_dir(h), LH_PLUMBED);
		rc = 1;
	}
	return rc;
}

static int
lh_stop(struct dsdl *h)
{
	int rc = unplumb(h);

	if (rc == 0)
		(void)dsdl_set_status(h, DSDL_STATUS_OFFLINE, "addresses "
		    "removed");
	return rc;
}

static int
lh_cleanup(struct dsdl *h)
{
	return unplumb(h);
}

DSDL_TYPE(
	.name = "SUNW.LogicalHostname",
	.start = lh_start,
	.stop = lh_stop,
	.validate = lh_validate,
	.boot = lh_cleanup,
	.fini = lh_cleanup,
	.probe = lh_probe,
	.monitor_stop = lh_monitor_stop,
	.monitor_check = lh_monitor_check,
);
