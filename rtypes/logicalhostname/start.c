/* SPDX-License-Identifier: MIT */
/*
 * start.c - Start of SUNW.LogicalHostname: resolve HostnameList, choose
 * each address's interface and prefix on this node, refuse a link that is
 * down, record the addresses (plumbed.c) before adding the first one, add
 * them through netlink and announce each (gratuitous ARP, unsolicited
 * neighbour advertisement). A failure removes what this Start added.
 * Runs in the method runner.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dsdl.h"
#include "lh.h"

/* Every interface used is up with a carrier. */
static int
links_up(struct lh_nl *nl, const struct lh_plumb *p, size_t n, char *err,
    size_t errlen)
{
	unsigned char mac[6];
	int ifindex;
	bool up;

	for (size_t i = 0; i < n; i++) {
		if (lh_nl_link(nl, p[i].ifname, &ifindex, mac, &up) == -1 ||
		    !up) {
			snprintf(err, errlen, "link %s is down: %s cannot go "
			    "on it", p[i].ifname, p[i].addr.text);
			return -1;
		}
	}
	return 0;
}

/* Addresses recorded by an earlier Start that this one does not use. */
static void
drop_stale(struct dsdl *h, struct lh_nl *nl, const struct lh_plumb *p,
    size_t n)
{
	struct lh_plumb old[LH_MAX_ADDRS];
	size_t nold;
	char err[512];

	if (lh_plumbed_read(dsdl_state_dir(h), old, LH_MAX_ADDRS, &nold) == -1)
		return;
	for (size_t i = 0; i < nold; i++) {
		bool kept = false;

		for (size_t k = 0; k < n && !kept; k++)
			kept = lh_addr_equal(&old[i].addr, &p[k].addr) &&
			    strcmp(old[i].ifname, p[k].ifname) == 0;
		if (!kept && lh_nl_del(nl, &old[i], err, sizeof(err)) == -1)
			dsdl_log(h, LOG_WARNING, "%s", err);
	}
}

static void
announce_all(struct dsdl *h, struct lh_nl *nl, const struct lh_plumb *p,
    size_t n)
{
	unsigned char mac[6];
	char err[512];
	int ifindex;
	bool up;

	for (size_t i = 0; i < n; i++) {
		if (lh_nl_link(nl, p[i].ifname, &ifindex, mac, &up) == -1 ||
		    lh_announce(&p[i], ifindex, mac, err, sizeof(err)) == -1)
			dsdl_log(h, LOG_WARNING, "%s", err);
	}
}

static int
plumb(struct dsdl *h, struct lh_nl *nl, const struct lh_plumb *p, size_t n,
    char *err, size_t errlen)
{
	char e2[512];
	size_t i;

	drop_stale(h, nl, p, n);
	if (lh_plumbed_write(dsdl_state_dir(h), p, n) == -1) {
		snprintf(err, errlen, "cannot record the addresses in %s: %s",
		    dsdl_state_dir(h), strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++)
		if (lh_nl_add(nl, &p[i], err, errlen) == -1)
			break;
	if (i == n)
		return 0;
	while (i-- > 0)
		(void)lh_nl_del(nl, &p[i], e2, sizeof(e2));
	(void)lh_plumbed_write(dsdl_state_dir(h), NULL, 0);
	return -1;
}

int
lh_start(struct dsdl *h)
{
	static struct lh_addrs addrs;
	static struct lh_netifs netifs;
	struct lh_plumb p[LH_MAX_ADDRS];
	struct lh_nl *nl = NULL;
	char err[512], msg[256];
	int rc = -1;

	(void)lh_marker(dsdl_state_dir(h), LH_DOWN, false);
	if (lh_conf_read(h, &addrs, &netifs, err, sizeof(err)) == -1 ||
	    (nl = lh_nl_open(err, sizeof(err))) == NULL ||
	    lh_place_all(nl, h, &addrs, &netifs, p, err, sizeof(err)) == -1 ||
	    links_up(nl, p, addrs.n, err, sizeof(err)) == -1 ||
	    plumb(h, nl, p, addrs.n, err, sizeof(err)) == -1)
		goto out;
	announce_all(h, nl, p, addrs.n);
	for (size_t i = 0; i < addrs.n; i++)
		dsdl_log(h, LOG_INFO, "%s: %s/%d on %s", p[i].addr.host,
		    p[i].addr.text, p[i].prefixlen, p[i].ifname);
	snprintf(msg, sizeof(msg), "%s%s on %s", p[0].addr.text,
	    addrs.n > 1 ? " and others" : "", p[0].ifname);
	(void)dsdl_set_status(h, DSDL_STATUS_OK, msg);
	rc = 0;
out:
	if (rc == -1)
		dsdl_log(h, LOG_ERR, "%s", err);
	lh_nl_close(nl);
	return rc == 0 ? 0 : 1;
}
