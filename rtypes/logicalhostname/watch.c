/* SPDX-License-Identifier: MIT */
/*
 * watch.c - the fault monitor of SUNW.LogicalHostname, run by its probe:
 * a libnl cache manager keeps a link and an address cache up to date from
 * the kernel's netlink events (RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR,
 * RTNLGRP_IPV6_IFADDR); the probe sleeps in poll(2) on that socket, and
 * after every batch of events checks the plumbed addresses: each link up
 * with a carrier, each address still on its interface. No polling of the
 * state: the probe wakes only for an event or its deadline. A Stop under
 * way (its marker file is made before it removes anything) ends the watch
 * without a verdict, so a restart or a switch-over is never taken for a
 * fault. Runs in the method runner.
 */
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <time.h>

#include "lh.h"

long long
lh_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum lh_watch
open_mngr(struct nl_cache_mngr **m, struct nl_cache **links,
    struct nl_cache **addrs, char *why, size_t whylen)
{
	int rc;

	if ((rc = nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, NL_AUTO_PROVIDE,
	    m)) < 0 ||
	    (rc = nl_cache_mngr_add(*m, "route/link", NULL, NULL, links)) < 0 ||
	    (rc = nl_cache_mngr_add(*m, "route/addr", NULL, NULL, addrs)) < 0) {
		snprintf(why, whylen, "netlink cache manager: %s",
		    nl_geterror(rc));
		return LH_WATCH_ERROR;
	}
	return LH_WATCH_QUIET;
}

enum lh_watch
lh_watch(const char *dir, const struct lh_plumb *p, size_t n,
    long long deadline_ms, char *why, size_t whylen)
{
	struct nl_cache_mngr *m = NULL;
	struct nl_cache *links = NULL, *addrs = NULL;
	enum lh_watch w = open_mngr(&m, &links, &addrs, why, whylen);
	long long left;
	int rc;

	while (w == LH_WATCH_QUIET) {
		if (lh_has_marker(dir, LH_DOWN)) {
			w = LH_WATCH_DOWN;
			break;
		}
		if (lh_state_check(links, addrs, p, n, why, whylen) != 0) {
			/* The fault may be Stop's own removal. */
			w = lh_has_marker(dir, LH_DOWN) ? LH_WATCH_DOWN :
			    LH_WATCH_FAULT;
			break;
		}
		if ((left = deadline_ms - lh_now_ms()) <= 0)
			break;
		rc = nl_cache_mngr_poll(m, left > 60000 ? 60000 : (int)left);
		if (rc < 0 && rc != -NLE_INTR) {
			snprintf(why, whylen, "netlink events: %s",
			    nl_geterror(rc));
			w = LH_WATCH_ERROR;
		}
	}
	if (m != NULL)
		nl_cache_mngr_free(m);
	return w;
}
