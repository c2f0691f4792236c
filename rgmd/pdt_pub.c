// SPDX-License-Identifier: MIT
/*
 * pdt_pub.c - which interface carries this node's public traffic: the
 * interface (not loopback) whose subnet holds the shared address; else
 * the kernel's own route choice, asked by connecting a UDP socket to the
 * address (nothing is sent) and reading the source address it picked.
 * getifaddrs(3) gives the interfaces, their subnets and MACs (AF_PACKET
 * entries): one call, no netlink cache to keep. The subnet comes first
 * because an instance node holds the shared address itself on lo, where
 * the kernel's route to it leads.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pdt_pub.h"
#include "scalable.h"

int
pdt_pub_resolve(const char *host, char (*out)[46], size_t max)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *res, *ai;
	int n = 0;

	if (getaddrinfo(host, NULL, &hints, &res) != 0)
		return -1;
	for (ai = res; ai != NULL && (size_t)n < max; ai = ai->ai_next) {
		const void *a = ai->ai_family == AF_INET ?
		    (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr :
		    (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
		bool seen = false;

		if ((ai->ai_family != AF_INET && ai->ai_family != AF_INET6) ||
		    inet_ntop(ai->ai_family, a, out[n], 46) == NULL)
			continue;
		for (int i = 0; i < n; i++)
			seen |= strcmp(out[i], out[n]) == 0;
		if (!seen)
			n++;
	}
	freeaddrinfo(res);
	return n > 0 ? n : -1;
}

int
pdt_pub_first_address(const struct ccr *c, char *buf, size_t len)
{
	for (size_t i = 0; i < c->n_res; i++) {
		const struct prop_value *hl;
		char addr[1][46];

		if (!scalable_is_sa(c->res[i]))
			continue;
		hl = ccr_res_value(c->res[i], "HostnameList");
		for (size_t h = 0; hl != NULL && h < hl->n; h++)
			if (pdt_pub_resolve(hl->v[h], addr, 1) == 1) {
				snprintf(buf, len, "%s", addr[0]);
				return 0;
			}
	}
	return -1;
}

/* addr as a socket address (port 9, discard). */
static int
parse(const char *addr, struct sockaddr_storage *dst, socklen_t *dl)
{
	struct sockaddr_in *d4 = (struct sockaddr_in *)dst;
	struct sockaddr_in6 *d6 = (struct sockaddr_in6 *)dst;

	memset(dst, 0, sizeof(*dst));
	if (inet_pton(AF_INET, addr, &d4->sin_addr) == 1) {
		d4->sin_family = AF_INET;
		d4->sin_port = htons(9);
		*dl = sizeof(*d4);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &d6->sin6_addr) == 1) {
		d6->sin6_family = AF_INET6;
		d6->sin6_port = htons(9);
		*dl = sizeof(*d6);
		return 0;
	}
	return -1;
}

/* The local address the kernel would send from to reach dst. */
static int
source_for_sa(const struct sockaddr_storage *dst, struct sockaddr_storage *src)
{
	socklen_t sl = sizeof(*src), dl = dst->ss_family == AF_INET ?
	    sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	int fd, rc = -1;

	if ((fd = socket(dst->ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	if (connect(fd, (const struct sockaddr *)dst, dl) == 0 &&
	    getsockname(fd, (struct sockaddr *)src, &sl) == 0)
		rc = 0;
	close(fd);
	return rc;
}

/* Do a and b (same family) agree on the bits set in mask (NULL: all)? */
static bool
match(const struct sockaddr *a, const struct sockaddr *b,
    const struct sockaddr *mask)
{
	const unsigned char *x, *y, *m;
	size_t n;

	if (a == NULL || b == NULL || a->sa_family != b->sa_family)
		return false;
	if (a->sa_family == AF_INET) {
		x = (const void *)&((const struct sockaddr_in *)a)->sin_addr;
		y = (const void *)&((const struct sockaddr_in *)b)->sin_addr;
		m = mask ? (const void *)&((const struct sockaddr_in *)
		    mask)->sin_addr : NULL;
		n = 4;
	} else if (a->sa_family == AF_INET6) {
		x = (const void *)&((const struct sockaddr_in6 *)a)->sin6_addr;
		y = (const void *)&((const struct sockaddr_in6 *)b)->sin6_addr;
		m = mask ? (const void *)&((const struct sockaddr_in6 *)
		    mask)->sin6_addr : NULL;
		n = 16;
	} else
		return false;
	for (size_t i = 0; i < n; i++)
		if ((x[i] ^ y[i]) & (m ? m[i] : 0xff))
			return false;
	return true;
}

/* The public interface's name: subnet of dst first, then the route. */
static int
pick(const struct ifaddrs *all, const struct sockaddr_storage *dst,
    char *name, size_t len)
{
	struct sockaddr_storage src;
	const struct ifaddrs *i;

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && source_for_sa(dst, &src) == -1)
			return -1;
		for (i = all; i != NULL; i = i->ifa_next) {
			if (i->ifa_addr == NULL || (i->ifa_flags & IFF_LOOPBACK))
				continue;
			if (pass == 0 ? (i->ifa_netmask != NULL &&
			    match(i->ifa_addr, (const struct sockaddr *)dst,
			    i->ifa_netmask)) : match(i->ifa_addr,
			    (const struct sockaddr *)&src, NULL)) {
				snprintf(name, len, "%s", i->ifa_name);
				return 0;
			}
		}
	}
	return -1;
}

static int
describe(const struct sockaddr_storage *dst, struct pdt_pub *out)
{
	struct ifaddrs *all, *i;

	if (getifaddrs(&all) == -1)
		return -1;
	memset(out, 0, sizeof(*out));
	if (pick(all, dst, out->iface, sizeof(out->iface)) == -1) {
		freeifaddrs(all);
		return -1;
	}
	for (i = all; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || strcmp(i->ifa_name, out->iface))
			continue;
		if (i->ifa_addr->sa_family == AF_PACKET) {
			const struct sockaddr_ll *ll =
			    (const struct sockaddr_ll *)i->ifa_addr;

			if (ll->sll_halen == 6)
				snprintf(out->mac, sizeof(out->mac),
				    "%02x:%02x:%02x:%02x:%02x:%02x",
				    ll->sll_addr[0], ll->sll_addr[1],
				    ll->sll_addr[2], ll->sll_addr[3],
				    ll->sll_addr[4], ll->sll_addr[5]);
		} else if (i->ifa_addr->sa_family == AF_INET && !out->ipv4[0])
			inet_ntop(AF_INET, &((struct sockaddr_in *)
			    i->ifa_addr)->sin_addr, out->ipv4,
			    sizeof(out->ipv4));
	}
	freeifaddrs(all);
	return out->mac[0] ? 0 : -1;
}

int
pdt_pub_local(const struct ccr *c, struct pdt_pub *out)
{
	static uint64_t gen = UINT64_MAX;
	static struct pdt_pub cached;
	static int cached_rc = -1;
	struct sockaddr_storage dst;
	socklen_t dl;
	char addr[46];

	if (c->generation != gen) {
		gen = c->generation;
		cached_rc = pdt_pub_first_address(c, addr, sizeof(addr)) ==
		    0 && parse(addr, &dst, &dl) == 0 ? describe(&dst,
		    &cached) : -1;
	}
	*out = cached;
	return cached_rc;
}
