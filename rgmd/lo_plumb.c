// SPDX-License-Identifier: MIT
/*
 * lo_plumb.c - the shared addresses on lo where scalable instances run
 * (lo_plumb.h), through libnl-route-3: an address is added as a host
 * address (/32 or /128, IPv6 without duplicate address detection) and
 * kept while an instance of a resource naming its SharedAddress is up on
 * this node. The ARP sysctls are set once and left (they only make the
 * node quieter; a value the administrator set higher stays).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if_addr.h>
#include <net/if.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ccr.h"
#include "log.h"
#include "lo_plumb.h"
#include "pdt_pub.h"
#include "rgmd.h"
#include "scalable.h"
#include "state.h"

/* Raise a sysctl to at least want (a higher value is kept). */
static void
sysctl_at_least(const char *iface, const char *key, int want)
{
	char path[256], buf[16] = "";
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/%s", iface,
	    key);
	if ((fd = open(path, O_RDWR | O_CLOEXEC)) == -1) {
		log_warn("lo_plumb: %s: %m", path);
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0 && atoi(buf) >= want) {
		close(fd);
		return;
	}
	n = snprintf(buf, sizeof(buf), "%d\n", want);
	if (lseek(fd, 0, SEEK_SET) == -1 || write(fd, buf, (size_t)n) != n)
		log_warn("lo_plumb: %s: %m", path);
	close(fd);
}

static void
arp_settings(void)
{
	struct pdt_pub pub;
	const char *ifs[3] = { "all", "lo", NULL };

	if (pdt_pub_local(rgmd.ccr, &pub) == 0)
		ifs[2] = pub.iface;
	for (size_t i = 0; i < 3 && ifs[i] != NULL; i++) {
		sysctl_at_least(ifs[i], "arp_ignore", 1);
		sysctl_at_least(ifs[i], "arp_announce", 2);
	}
}

/* Add or remove one host address on lo; 0 or -1 (logged). */
static int
lo_addr(const char *text, bool add)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct rtnl_addr *a = rtnl_addr_alloc();
	struct nl_addr *local = NULL;
	int rc = -1, err;

	if (sk == NULL || a == NULL || nl_connect(sk, NETLINK_ROUTE) < 0 ||
	    nl_addr_parse(text, AF_UNSPEC, &local) < 0)
		goto out;
	nl_addr_set_prefixlen(local, nl_addr_get_family(local) == AF_INET ?
	    32 : 128);
	rtnl_addr_set_ifindex(a, (int)if_nametoindex("lo"));
	if (rtnl_addr_set_local(a, local) < 0)
		goto out;
	if (nl_addr_get_family(local) == AF_INET6)
		rtnl_addr_set_flags(a, IFA_F_NODAD);
	err = add ? rtnl_addr_add(sk, a, NLM_F_CREATE | NLM_F_EXCL) :
	    rtnl_addr_delete(sk, a, 0);
	if (err == 0 || (add && err == -NLE_EXIST) ||
	    (!add && (err == -NLE_NOADDR || err == -NLE_OBJ_NOTFOUND))) {
		if (err == 0)
			log_info("lo_plumb: %s %s on lo", add ? "added" :
			    "removed", text);
		rc = 0;
	} else
		log_warn("lo_plumb: %s %s on lo: %s", add ? "adding" :
		    "removing", text, nl_geterror(err));
out:
	nl_addr_put(local);
	rtnl_addr_put(a);
	nl_socket_free(sk);
	return rc;
}

/* Is a scalable instance naming sa (other than skip) up on this node? */
static bool
sa_needed(const char *sa, const char *skip)
{
	for (size_t i = 0; i < rgmd.ccr->n_res; i++) {
		const struct res *r = rgmd.ccr->res[i];
		const struct prop_value *nr = ccr_res_value(r,
		    "Network_resources_used");
		const struct r_run *st = state_r(r->name);

		if (!scalable_is(r) || strcmp(r->name, skip) == 0 ||
		    st == NULL || !fsm_r_is_up(st->state))
			continue;
		for (size_t k = 0; nr != NULL && k < nr->n; k++)
			if (strcmp(nr->v[k], sa) == 0)
				return true;
	}
	return false;
}

/* Each address of each SharedAddress res uses, added or (when no other
 * instance needs it) removed. */
static void
each_address(const char *res, bool add)
{
	const struct res *r = ccr_resource(rgmd.ccr, res);
	const struct prop_value *nr;

	if (r == NULL || !scalable_is(r))
		return;
	if (add)
		arp_settings();
	nr = ccr_res_value(r, "Network_resources_used");
	for (size_t i = 0; nr != NULL && i < nr->n; i++) {
		const struct res *sa = ccr_resource(rgmd.ccr, nr->v[i]);
		const struct prop_value *hl = sa ?
		    ccr_res_value(sa, "HostnameList") : NULL;

		if (!add && sa_needed(nr->v[i], res))
			continue;
		for (size_t h = 0; hl != NULL && h < hl->n; h++) {
			char addrs[16][46];
			int n = pdt_pub_resolve(hl->v[h], addrs, 16);

			for (int k = 0; k < n; k++)
				(void)lo_addr(addrs[k], add);
		}
	}
}

void
lo_plumb_before_start(const char *res)
{
	each_address(res, true);
}

void
lo_plumb_after_stop(const char *res)
{
	each_address(res, false);
}
