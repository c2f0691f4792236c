/* SPDX-License-Identifier: MIT */
/*
 * conf.c - reading HostnameList, NetIfList and the Nodelist through
 * libdsdl, and placing the addresses on this node's interfaces. Shared by
 * SUNW.LogicalHostname and SUNW.SharedAddress (librtnet.a, with parse.c,
 * resolve.c and nl.c). Runs in the method runner.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dsdl.h"
#include "lh.h"

/* A list property, split on commas; -1 with a message. */
int
lh_get_list(const struct dsdl *h, int scope, const char *name,
    char *buf, size_t buflen, const char **v, size_t max, size_t *n,
    char *err, size_t errlen)
{
	const char *const *raw;
	size_t nraw;

	*n = 0;
	if (dsdl_get_strarray(h, (enum dsdl_scope)scope, name, &raw, &nraw) == -1) {
		if (errno == ENOENT)	/* not set: an empty list */
			return 0;
		snprintf(err, errlen, "%s: not a list", name);
		return -1;
	}
	if (lh_split(raw, nraw, buf, buflen, v, max, n) == 0)
		return 0;
	snprintf(err, errlen, errno == EINVAL ? "%s: an empty entry" :
	    "%s: too many entries (at most %zu)", name, max - 1);
	return -1;
}

int
lh_conf_read(const struct dsdl *h, struct lh_addrs *addrs,
    struct lh_netifs *netifs, char *err, size_t errlen)
{
	static char hbuf[16384], nbuf[16384], gbuf[16384];
	const char *hosts[LH_MAX_HOSTS + 1], *ifs[LH_MAX_NETIFS + 1];
	const char *nodes[LH_MAX_NETIFS + 1];
	size_t nh, ni, nn;

	if (lh_get_list(h, DSDL_EXTENSION, "HostnameList", hbuf, sizeof(hbuf),
	    hosts, LH_MAX_HOSTS + 1, &nh, err, errlen) == -1 ||
	    lh_get_list(h, DSDL_EXTENSION, "NetIfList", nbuf, sizeof(nbuf), ifs,
	    LH_MAX_NETIFS + 1, &ni, err, errlen) == -1 ||
	    lh_get_list(h, DSDL_GROUP, "Nodelist", gbuf, sizeof(gbuf), nodes,
	    LH_MAX_NETIFS + 1, &nn, err, errlen) == -1)
		return -1;
	if (lh_netif_parse(ifs, ni, nn > 0 ? nodes : NULL, nn, netifs, err,
	    errlen) == -1)
		return -1;
	return lh_hostlist_parse(hosts, nh, lh_resolve, addrs, err, errlen);
}

/* Where each address goes on this node. */
int
lh_place_all(struct lh_nl *nl, const struct dsdl *h,
    const struct lh_addrs *addrs, const struct lh_netifs *netifs,
    struct lh_plumb *out, char *err, size_t errlen)
{
	const char *ifname = lh_netif_of(netifs, dsdl_node_name(h));

	for (size_t i = 0; i < addrs->n; i++)
		if (lh_nl_place(nl, &addrs->a[i], ifname, dsdl_node_name(h),
		    &out[i], err, errlen) == -1)
			return -1;
	return 0;
}
