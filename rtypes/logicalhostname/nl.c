/* SPDX-License-Identifier: MIT */
/*
 * nl.c - the routing side of SUNW.LogicalHostname through libnl-3 (no ip
 * command): which interface and prefix an address takes on this node,
 * adding and removing it, the state of an interface. One route netlink
 * socket with a link and an address cache, refilled before each question.
 * Runs in the method runner.
 *
 * Placement: the interface NetIfList names for this node; without one,
 * the interface that holds the address already (a Start after a crash),
 * else the one holding this node's route to it (RTM_GETROUTE). The prefix
 * is that of the interface's subnet containing the address, so the
 * address joins it as a secondary address and adds no route; when no
 * subnet contains it, a host prefix (/32, /128). IPv6 addresses are added
 * with IFA_F_NODAD: the address moves, its last holder stopped first, and
 * it must answer at once.
 */
#include <errno.h>
#include <linux/if_addr.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lh.h"

/* <linux/if.h> has it, but clashes with <net/if.h>. */
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP	0x10000		/* the carrier */
#endif

struct lh_nl {
	struct nl_sock	*sk;
	struct nl_cache	*links;
	struct nl_cache	*addrs;
};

struct lh_nl *
lh_nl_open(char *err, size_t errlen)
{
	struct lh_nl *nl = calloc(1, sizeof(*nl));
	int rc = -NLE_NOMEM;

	if (nl == NULL || (nl->sk = nl_socket_alloc()) == NULL)
		goto fail;
	if ((rc = nl_connect(nl->sk, NETLINK_ROUTE)) < 0 ||
	    (rc = rtnl_link_alloc_cache(nl->sk, AF_UNSPEC, &nl->links)) < 0 ||
	    (rc = rtnl_addr_alloc_cache(nl->sk, &nl->addrs)) < 0)
		goto fail;
	return nl;
fail:
	snprintf(err, errlen, "netlink: %s", nl_geterror(rc));
	lh_nl_close(nl);
	return NULL;
}

void
lh_nl_close(struct lh_nl *nl)
{
	if (nl == NULL)
		return;
	if (nl->addrs != NULL)
		nl_cache_free(nl->addrs);
	if (nl->links != NULL)
		nl_cache_free(nl->links);
	nl_socket_free(nl->sk);
	free(nl);
}

static void
refill(struct lh_nl *nl)
{
	(void)nl_cache_refill(nl->sk, nl->links);
	(void)nl_cache_refill(nl->sk, nl->addrs);
}

static size_t
alen(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* Does the first plen bits of x equal those of y? */
static bool
same_prefix(const unsigned char *x, const unsigned char *y, int plen)
{
	int full = plen / 8, rest = plen % 8;

	if (memcmp(x, y, (size_t)full) != 0)
		return false;
	return rest == 0 || ((x[full] ^ y[full]) & (0xff00 >> rest)) == 0;
}

static bool
is_addr(struct nl_addr *na, const struct lh_addr *a)
{
	return na != NULL && nl_addr_get_family(na) == a->family &&
	    nl_addr_get_len(na) == alen(a->family) &&
	    memcmp(nl_addr_get_binary_addr(na), a->bytes,
	    alen(a->family)) == 0;
}

/* The address entry of a (on ifindex, or any interface if 0), or NULL. */
static struct rtnl_addr *
find_addr(struct lh_nl *nl, const struct lh_addr *a, int ifindex)
{
	struct nl_object *o;

	for (o = nl_cache_get_first(nl->addrs); o; o = nl_cache_get_next(o)) {
		struct rtnl_addr *ra = (struct rtnl_addr *)o;

		if ((ifindex == 0 || rtnl_addr_get_ifindex(ra) == ifindex) &&
		    is_addr(rtnl_addr_get_local(ra), a))
			return ra;
	}
	return NULL;
}

bool
lh_nl_has_addr(struct lh_nl *nl, const struct lh_addr *a,
    char ifname[IF_NAMESIZE])
{
	struct rtnl_addr *ra;

	refill(nl);
	if ((ra = find_addr(nl, a, 0)) == NULL)
		return false;
	if (ifname != NULL && rtnl_link_i2name(nl->links,
	    rtnl_addr_get_ifindex(ra), ifname, IF_NAMESIZE) == NULL)
		ifname[0] = '\0';
	return true;
}

/* The prefix a takes on ifindex. */
static int
prefix_on(struct lh_nl *nl, const struct lh_addr *a, int ifindex)
{
	struct rtnl_addr *self = find_addr(nl, a, ifindex);
	struct nl_object *o;

	if (self != NULL)
		return rtnl_addr_get_prefixlen(self);
	for (o = nl_cache_get_first(nl->addrs); o; o = nl_cache_get_next(o)) {
		struct rtnl_addr *ra = (struct rtnl_addr *)o;
		struct nl_addr *l = rtnl_addr_get_local(ra);
		int plen = rtnl_addr_get_prefixlen(ra);

		if (rtnl_addr_get_ifindex(ra) != ifindex || l == NULL ||
		    nl_addr_get_family(l) != a->family ||
		    nl_addr_get_len(l) != alen(a->family) || plen < 1 ||
		    plen >= (int)alen(a->family) * 8)
			continue;
		if (same_prefix(nl_addr_get_binary_addr(l), a->bytes, plen))
			return plen;
	}
	return (int)alen(a->family) * 8;
}

/* The interface of this node's route to a; 0 if none. */
static int
route_ifindex(struct lh_nl *nl, const struct lh_addr *a)
{
	struct nl_addr *dst = nl_addr_build(a->family, a->bytes,
	    alen(a->family));
	struct rtnl_route *r = NULL;
	struct rtnl_nexthop *nh;
	int ifindex = 0;

	if (dst == NULL)
		return 0;
	if (rtnl_route_lookup(nl->sk, dst, &r) == 0 && r != NULL &&
	    (nh = rtnl_route_nexthop_n(r, 0)) != NULL)
		ifindex = rtnl_route_nh_get_ifindex(nh);
	if (r != NULL)
		rtnl_route_put(r);
	nl_addr_put(dst);
	return ifindex;
}

static bool
is_loopback(struct lh_nl *nl, int ifindex)
{
	struct rtnl_link *l = rtnl_link_get(nl->links, ifindex);
	bool lo = l != NULL && (rtnl_link_get_flags(l) & IFF_LOOPBACK);

	if (l != NULL)
		rtnl_link_put(l);
	return lo;
}

/* The first interface but lo with a subnet holding a; 0 if none. */
static int
subnet_ifindex(struct lh_nl *nl, const struct lh_addr *a)
{
	struct nl_object *o;

	for (o = nl_cache_get_first(nl->addrs); o; o = nl_cache_get_next(o)) {
		struct rtnl_addr *ra = (struct rtnl_addr *)o;
		int ifindex = rtnl_addr_get_ifindex(ra);

		if (!is_loopback(nl, ifindex) &&
		    prefix_on(nl, a, ifindex) < (int)alen(a->family) * 8)
			return ifindex;
	}
	return 0;
}

static int
choose_ifindex(struct lh_nl *nl, const struct lh_addr *a, char *err,
    size_t errlen)
{
	struct rtnl_addr *held = find_addr(nl, a, 0);
	struct rtnl_link *l;
	int ifindex;

	if (held != NULL && !is_loopback(nl, rtnl_addr_get_ifindex(held)))
		return rtnl_addr_get_ifindex(held);
	/* Held on lo (a shared address where a scalable instance runs): its
	 * route is lo's; the interface of its subnet is the public one. */
	ifindex = held != NULL ? subnet_ifindex(nl, a) : route_ifindex(nl, a);
	l = ifindex > 0 ? rtnl_link_get(nl->links, ifindex) : NULL;
	if (l == NULL || (rtnl_link_get_flags(l) & IFF_LOOPBACK)) {
		snprintf(err, errlen, "%s: no interface holds a route to it "
		    "on this node: give the interface in NetIfList", a->text);
		ifindex = -1;
	}
	if (l != NULL)
		rtnl_link_put(l);
	return ifindex;
}

int
lh_nl_place(struct lh_nl *nl, const struct lh_addr *a, const char *ifname,
    const char *node, struct lh_plumb *out, char *err, size_t errlen)
{
	int ifindex;

	refill(nl);
	if (ifname != NULL) {
		if ((ifindex = rtnl_link_name2i(nl->links, ifname)) <= 0) {
			snprintf(err, errlen, "NetIfList: %s has no "
			    "interface %s", node, ifname);
			return -1;
		}
	} else if ((ifindex = choose_ifindex(nl, a, err, errlen)) == -1) {
		return -1;
	}
	memset(out, 0, sizeof(*out));
	out->addr = *a;
	if (rtnl_link_i2name(nl->links, ifindex, out->ifname,
	    sizeof(out->ifname)) == NULL) {
		snprintf(err, errlen, "interface %d vanished", ifindex);
		return -1;
	}
	out->prefixlen = prefix_on(nl, a, ifindex);
	return 0;
}

/* An address object for p; NULL with a message. */
static struct rtnl_addr *
addr_obj(struct lh_nl *nl, const struct lh_plumb *p, int *ifindex)
{
	struct rtnl_addr *ra;
	struct nl_addr *local;

	*ifindex = rtnl_link_name2i(nl->links, p->ifname);
	if (*ifindex <= 0 || (ra = rtnl_addr_alloc()) == NULL)
		return NULL;
	local = nl_addr_build(p->addr.family, p->addr.bytes,
	    alen(p->addr.family));
	if (local == NULL) {
		rtnl_addr_put(ra);
		return NULL;
	}
	nl_addr_set_prefixlen(local, p->prefixlen);
	rtnl_addr_set_ifindex(ra, *ifindex);
	rtnl_addr_set_family(ra, p->addr.family);
	(void)rtnl_addr_set_local(ra, local);
	nl_addr_put(local);
	if (p->addr.family == AF_INET6)
		rtnl_addr_set_flags(ra, IFA_F_NODAD);
	return ra;
}

int
lh_nl_add(struct lh_nl *nl, const struct lh_plumb *p, char *err,
    size_t errlen)
{
	struct rtnl_addr *ra;
	int ifindex, rc;

	refill(nl);
	if ((ra = addr_obj(nl, p, &ifindex)) == NULL) {
		snprintf(err, errlen, "%s/%d on %s: %s", p->addr.text,
		    p->prefixlen, p->ifname, ifindex <= 0 ?
		    "no such interface" : "out of memory");
		return -1;
	}
	rc = rtnl_addr_add(nl->sk, ra, NLM_F_EXCL);
	rtnl_addr_put(ra);
	if (rc < 0 && rc != -NLE_EXIST) {
		snprintf(err, errlen, "cannot add %s/%d to %s: %s",
		    p->addr.text, p->prefixlen, p->ifname, nl_geterror(rc));
		return -1;
	}
	return 0;
}

int
lh_nl_del(struct lh_nl *nl, const struct lh_plumb *p, char *err,
    size_t errlen)
{
	struct rtnl_addr *ra;
	int ifindex, rc;

	refill(nl);
	if ((ra = addr_obj(nl, p, &ifindex)) == NULL) {
		if (ifindex <= 0)	/* the interface is gone, and with it
					 * the address */
			return 0;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = find_addr(nl, &p->addr, ifindex) == NULL ? 0 :
	    rtnl_addr_delete(nl->sk, ra, 0);
	rtnl_addr_put(ra);
	if (rc < 0 && rc != -NLE_NOADDR && rc != -NLE_OBJ_NOTFOUND &&
	    rc != -NLE_NODEV) {
		snprintf(err, errlen, "cannot remove %s/%d from %s: %s",
		    p->addr.text, p->prefixlen, p->ifname, nl_geterror(rc));
		return -1;
	}
	return 0;
}

int
lh_nl_link(struct lh_nl *nl, const char *ifname, int *ifindex,
    unsigned char mac[6], bool *up)
{
	struct rtnl_link *l;
	struct nl_addr *hw;
	unsigned int flags;

	refill(nl);
	if ((l = rtnl_link_get_by_name(nl->links, ifname)) == NULL) {
		errno = ENODEV;
		return -1;
	}
	flags = rtnl_link_get_flags(l);
	*ifindex = rtnl_link_get_ifindex(l);
	*up = (flags & IFF_UP) && (flags & IFF_LOWER_UP);
	memset(mac, 0, 6);
	hw = rtnl_link_get_addr(l);
	if (hw != NULL && nl_addr_get_len(hw) == 6)
		memcpy(mac, nl_addr_get_binary_addr(hw), 6);
	rtnl_link_put(l);
	return 0;
}

/* Is every address of p on its interface, and is that link up? */
int
lh_state_check(struct nl_cache *links, struct nl_cache *addrs,
    const struct lh_plumb *p, size_t n, char *why, size_t whylen)
{
	struct lh_nl view = { .links = links, .addrs = addrs };

	for (size_t i = 0; i < n; i++) {
		struct rtnl_link *l = rtnl_link_get_by_name(links,
		    p[i].ifname);
		unsigned int flags;
		int ifindex;

		if (l == NULL) {
			snprintf(why, whylen, "interface %s is gone",
			    p[i].ifname);
			return 1;
		}
		flags = rtnl_link_get_flags(l);
		ifindex = rtnl_link_get_ifindex(l);
		rtnl_link_put(l);
		if (!(flags & IFF_UP) || !(flags & IFF_LOWER_UP)) {
			snprintf(why, whylen, "link %s is down%s", p[i].ifname,
			    flags & IFF_UP ? " (no carrier)" : "");
			return 1;
		}
		if (find_addr(&view, &p[i].addr, ifindex) == NULL) {
			snprintf(why, whylen, "address %s is gone from %s",
			    p[i].addr.text, p[i].ifname);
			return 1;
		}
	}
	return 0;
}

int
lh_nl_check(struct lh_nl *nl, const struct lh_plumb *p, size_t n,
    char *why, size_t whylen)
{
	refill(nl);
	return lh_state_check(nl->links, nl->addrs, p, n, why, whylen);
}
