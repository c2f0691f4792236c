/* SPDX-License-Identifier: MIT */
/*
 * tap.c - the shared MAC given to the exception port's tap once rgmd has
 * configured pdt. pdt starts its tap with DPDK's fixed MAC: what pdt
 * hands the GIN's kernel then (every packet for the shared addresses, as
 * no service is known yet) is addressed to the shared MAC, another host's
 * for the tap, and the kernel ignores it. Were it taken, the kernel, which
 * holds the address on lo when an instance runs here, would answer the
 * packets of connections to other nodes with resets. rgmd tells pdt its
 * local node last, after the services (pdt_link.c); from then on the tap
 * carries the shared MAC and the kernel takes its own clients' packets.
 * Start waits for that; the probe does it after the process monitor
 * started a new pdt.
 */
#include <errno.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ctlclient.h"
#include "sa.h"

int
sa_pdt_local(const char *dir, int ms)
{
	char path[4096], err[256];
	static char reply[65536];
	const char *p;
	size_t got;

	if (snprintf(path, sizeof(path), "%s/%s", dir, SA_SOCK) >=
	    (int)sizeof(path) ||
	    pdt_ctlc_request(path, "show", ms, reply, sizeof(reply), &got, err,
	    sizeof(err)) != PDT_CTLC_OK ||
	    (p = strstr(reply, "local_node = ")) == NULL)
		return -1;
	return atoi(p + strlen("local_node = "));
}

int
sa_tap_mac(const char *tap, const unsigned char mac[6], bool *changed,
    char *err, size_t errlen)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_link *l = NULL, *c = rtnl_link_alloc();
	struct nl_addr *a = nl_addr_build(AF_LLC, mac, 6), *cur;
	int rc = -1, e;

	*changed = false;
	if (sk == NULL || c == NULL || a == NULL) {
		snprintf(err, errlen, "tap %s: out of memory", tap);
		goto out;
	}
	if ((e = nl_connect(sk, NETLINK_ROUTE)) < 0 ||
	    (e = rtnl_link_get_kernel(sk, 0, tap, &l)) < 0) {
		snprintf(err, errlen, "tap %s: %s", tap, nl_geterror(e));
		goto out;
	}
	cur = rtnl_link_get_addr(l);
	if (cur != NULL && nl_addr_get_len(cur) == 6 &&
	    memcmp(nl_addr_get_binary_addr(cur), mac, 6) == 0) {
		rc = 0;
		goto out;
	}
	rtnl_link_set_addr(c, a);
	if ((e = rtnl_link_change(sk, l, c, 0)) < 0) {
		snprintf(err, errlen, "tap %s: setting its MAC: %s", tap,
		    nl_geterror(e));
		goto out;
	}
	*changed = true;
	rc = 0;
out:
	nl_addr_put(a);
	rtnl_link_put(c);
	if (l != NULL)
		rtnl_link_put(l);
	nl_socket_free(sk);
	return rc;
}
