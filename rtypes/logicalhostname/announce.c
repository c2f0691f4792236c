/* SPDX-License-Identifier: MIT */
/*
 * announce.c - telling the segment that an address of the resource is now
 * at this node's hardware address, so neighbours that cached the old
 * node's address switch at once instead of waiting for their entry to
 * expire:
 *   IPv4  gratuitous ARP, sent from a packet socket (AF_PACKET, SOCK_DGRAM)
 *         to the broadcast address: one request and one reply, both with
 *         sender and target protocol address = the address (RFC 5227);
 *   IPv6  an unsolicited neighbour advertisement (RFC 4861 7.2.6) to all
 *         nodes (ff02::1), Override set, Solicited clear, with the target
 *         link-layer address option; sent from an ICMPv6 raw socket (the
 *         kernel fills the checksum) with hop limit 255, from the address
 *         itself.
 * Runs in Start, in the method runner.
 */
#define _GNU_SOURCE	/* struct in6_pktinfo */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if_arp.h>
#include <netinet/icmp6.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lh.h"

struct arp_pkt {
	struct arphdr	hdr;
	unsigned char	sha[6];
	unsigned char	spa[4];
	unsigned char	tha[6];
	unsigned char	tpa[4];
} __attribute__((packed));

static int
garp(const struct lh_plumb *p, int ifindex, const unsigned char mac[6])
{
	struct sockaddr_ll to = {
		.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ARP),
		.sll_ifindex = ifindex, .sll_halen = 6,
		.sll_addr = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};
	struct arp_pkt a = {
		.hdr = { .ar_hrd = htons(ARPHRD_ETHER),
		    .ar_pro = htons(ETH_P_IP), .ar_hln = 6, .ar_pln = 4 },
	};
	static const unsigned short ops[] = { ARPOP_REQUEST, ARPOP_REPLY };
	int fd, rc = 0;

	memcpy(a.sha, mac, 6);
	memcpy(a.spa, p->addr.bytes, 4);
	memcpy(a.tpa, p->addr.bytes, 4);
	if ((fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC,
	    htons(ETH_P_ARP))) == -1)
		return -1;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]) && rc == 0; i++) {
		a.hdr.ar_op = htons(ops[i]);
		/* A reply names the broadcast address as target hardware. */
		memset(a.tha, ops[i] == ARPOP_REPLY ? 0xff : 0, 6);
		if (sendto(fd, &a, sizeof(a), 0, (struct sockaddr *)&to,
		    sizeof(to)) != (ssize_t)sizeof(a))
			rc = -1;
	}
	close(fd);
	return rc;
}

struct na_pkt {
	struct nd_neighbor_advert na;
	struct nd_opt_hdr	opt;
	unsigned char		lladdr[6];
} __attribute__((packed));

static int
send_na(int fd, const struct na_pkt *pkt, int ifindex,
    const struct in6_addr *src)
{
	struct sockaddr_in6 to = { .sin6_family = AF_INET6,
	    .sin6_scope_id = (uint32_t)ifindex };
	union {
		char		buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		struct cmsghdr	align;
	} c;
	struct iovec iov = { .iov_base = (void *)pkt, .iov_len = sizeof(*pkt) };
	struct msghdr m = { .msg_name = &to, .msg_namelen = sizeof(to),
	    .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf,
	    .msg_controllen = sizeof(c.buf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
	struct in6_pktinfo pi = { .ipi6_ifindex = (unsigned int)ifindex };

	inet_pton(AF_INET6, "ff02::1", &to.sin6_addr);
	if (src != NULL)
		pi.ipi6_addr = *src;
	memset(c.buf, 0, sizeof(c.buf));
	cm->cmsg_level = IPPROTO_IPV6;
	cm->cmsg_type = IPV6_PKTINFO;
	cm->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(cm), &pi, sizeof(pi));
	return sendmsg(fd, &m, 0) == (ssize_t)sizeof(*pkt) ? 0 : -1;
}

static int
una(const struct lh_plumb *p, int ifindex, const unsigned char mac[6])
{
	struct na_pkt pkt;
	int fd, hops = 255, rc;

	memset(&pkt, 0, sizeof(pkt));
	pkt.na.nd_na_type = ND_NEIGHBOR_ADVERT;
	pkt.na.nd_na_flags_reserved = ND_NA_FLAG_OVERRIDE;
	memcpy(&pkt.na.nd_na_target, p->addr.bytes, 16);
	pkt.opt.nd_opt_type = ND_OPT_TARGET_LINKADDR;
	pkt.opt.nd_opt_len = 1;		/* units of 8 bytes */
	memcpy(pkt.lladdr, mac, 6);
	if ((fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC,
	    IPPROTO_ICMPV6)) == -1)
		return -1;
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
	    sizeof(hops)) == -1 || setsockopt(fd, IPPROTO_IPV6,
	    IPV6_MULTICAST_IF, &ifindex, sizeof(ifindex)) == -1) {
		close(fd);
		return -1;
	}
	/* From the address itself; if the kernel will not (yet), from the
	 * interface's link-local address. */
	rc = send_na(fd, &pkt, ifindex, (const struct in6_addr *)(const void *)
	    p->addr.bytes);
	if (rc == -1 && errno == EADDRNOTAVAIL)
		rc = send_na(fd, &pkt, ifindex, NULL);
	close(fd);
	return rc;
}

int
lh_announce(const struct lh_plumb *p, int ifindex, const unsigned char mac[6],
    char *err, size_t errlen)
{
	int rc = p->addr.family == AF_INET ? garp(p, ifindex, mac) :
	    una(p, ifindex, mac);

	if (rc == -1)
		snprintf(err, errlen, "cannot announce %s on %s (%s): %s",
		    p->addr.text, p->ifname, p->addr.family == AF_INET ?
		    "gratuitous ARP" : "neighbour advertisement",
		    strerror(errno));
	return rc;
}
