/* SPDX-License-Identifier: MIT */
/*
 * announce.c - the new GIN tells the public segment that the shared MAC
 * is here now. pdt answers ARP/ND for the shared addresses with a MAC of
 * their own (sa_shared_mac), the same on every GIN, so the clients' neighbour
 * entries stay right when the GIN moves; but the switches (the bridge)
 * learned the MAC on the old GIN's port. A frame whose Ethernet source is
 * the shared MAC moves it: for each IPv4 address a gratuitous ARP request
 * and reply, for each IPv6 address an unsolicited neighbour advertisement
 * (override flag), both written whole on a raw packet socket (the kernel
 * would put the interface's own MAC as the source).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sa.h"

static size_t
eth_head(unsigned char *f, const unsigned char *dst,
    const unsigned char mac[6], uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, mac, 6);
	f[12] = (unsigned char)(type >> 8);
	f[13] = (unsigned char)type;
	return 14;
}

/* ARP request (op 1) or reply (op 2) for addr from mac, to everyone. */
static size_t
garp(unsigned char *f, const unsigned char *addr, const unsigned char mac[6],
    int op)
{
	static const unsigned char bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff };
	static const unsigned char head[8] = { 0, 1, 8, 0, 6, 4, 0, 0 };
	size_t o = eth_head(f, bcast, mac, ETH_P_ARP);

	memcpy(f + o, head, 8);
	f[o + 7] = (unsigned char)op;
	memcpy(f + o + 8, mac, 6);
	memcpy(f + o + 14, addr, 4);
	memset(f + o + 18, op == 2 ? 0xff : 0, 6);
	memcpy(f + o + 24, addr, 4);
	memset(f + o + 28, 0, 60 - (o + 28));	/* minimum frame */
	return 60;
}

static uint16_t
csum(const unsigned char *b, size_t len, uint32_t sum)
{
	for (; len > 1; b += 2, len -= 2)
		sum += (uint32_t)(b[0] << 8 | b[1]);
	if (len)
		sum += (uint32_t)b[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Unsolicited NA for addr from mac to all nodes (ff02::1). */
static size_t
una(unsigned char *f, const unsigned char *addr, const unsigned char mac[6])
{
	static const unsigned char dst[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	static const unsigned char all[16] = { 0xff, 0x02, [15] = 1 };
	unsigned char *ip, *ic, pseudo[40];
	size_t o = eth_head(f, dst, mac, ETH_P_IPV6);
	uint16_t c;

	ip = f + o;
	ic = ip + 40;
	memset(ip, 0, 40 + 32);
	ip[0] = 0x60;
	ip[5] = 32;		/* payload length */
	ip[6] = 58;		/* ICMPv6 */
	ip[7] = 255;		/* hop limit */
	memcpy(ip + 8, addr, 16);
	memcpy(ip + 24, all, 16);
	ic[0] = 136;		/* neighbour advertisement */
	ic[4] = 0x20;		/* override */
	memcpy(ic + 8, addr, 16);
	ic[24] = 2;		/* target link-layer address */
	ic[25] = 1;
	memcpy(ic + 26, mac, 6);
	memcpy(pseudo, ip + 8, 32);
	memset(pseudo + 32, 0, 8);
	pseudo[35] = 32;
	pseudo[39] = 58;
	c = csum(ic, 32, (uint32_t)(uint16_t)~csum(pseudo, 40, 0));
	ic[2] = (unsigned char)(c >> 8);
	ic[3] = (unsigned char)c;
	return o + 40 + 32;
}

int
sa_announce(const struct lh_addrs *addrs, int ifindex,
    const unsigned char mac[6], char *err, size_t errlen)
{
	struct sockaddr_ll to = { .sll_family = AF_PACKET,
	    .sll_ifindex = ifindex, .sll_halen = 6 };
	unsigned char f[128];
	int fd, rc = 0;

	if ((fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(err, errlen, "announce: packet socket: %s",
		    strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < addrs->n && rc == 0; i++) {
		const struct lh_addr *a = &addrs->a[i];

		for (int op = 1; op <= 2 && rc == 0; op++) {
			size_t len = a->family == AF_INET ?
			    garp(f, a->bytes, mac, op) :
			    una(f, a->bytes, mac);

			if (sendto(fd, f, len, 0, (struct sockaddr *)&to,
			    sizeof(to)) != (ssize_t)len) {
				snprintf(err, errlen, "announce %s: %s",
				    a->text, strerror(errno));
				rc = -1;
			}
		}
	}
	close(fd);
	return rc;
}
