// SPDX-License-Identifier: MIT
/*
 * reply.c - answers, in place, ARP requests and IPv6 neighbour
 * solicitations for the shared addresses (worker threads), so that the
 * GIN's DPDK port owns the shared address on the public segment while the
 * nodes keep it on lo with arp_ignore=1 / arp_announce=2. The VLAN tag,
 * if any, is kept. Also the Internet checksum used here and by fwd.c.
 */
#include <string.h>

#include "pdt.h"

/* The Internet checksum of data, folded from sum (RFC 1071). */
uint16_t pdt_csum(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *b = data;

	while (len > 1) {
		sum += (uint32_t)(b[0] << 8 | b[1]);
		b += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)b[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * Turns the ARP request f into the reply from mac, in place, back to the
 * asker; returns its length (the request's).
 */
uint32_t pdt_arp_reply(uint8_t *f, uint32_t len, const struct pdt_pkt *p,
		       const uint8_t mac[6])
{
	uint8_t *a = f + p->l3_off;
	uint8_t spa[4], tpa[4], sha[6];

	memcpy(sha, a + 8, 6);
	memcpy(spa, a + 14, 4);
	memcpy(tpa, a + 24, 4);
	a[6] = 0;
	a[7] = 2;
	memcpy(a + 8, mac, 6);
	memcpy(a + 14, tpa, 4);
	memcpy(a + 18, sha, 6);
	memcpy(a + 24, spa, 4);
	memcpy(f, f + 6, 6);
	memcpy(f + 6, mac, 6);
	return len;
}

/*
 * Writes over the solicitation f the neighbour advertisement of its
 * target from mac (with the target link-layer address option), to the
 * asker, or to all nodes when it asked from :: (duplicate address
 * detection, solicited flag clear); returns its length, 0 if cap bytes
 * cannot hold it.
 */
uint32_t pdt_nd_reply(uint8_t *f, uint32_t len, uint32_t cap,
		      const struct pdt_pkt *p, const uint8_t mac[6])
{
	static const uint8_t allnodes[16] = { 0xff, 2, [15] = 1 };
	static const uint8_t zero[16];
	uint32_t need = p->l3_off + 40u + 32u;
	uint8_t tgt[16], src[16], tmp[72], *ip, *ic;
	uint16_t cs;
	bool unspec;

	(void)len;
	if (need > cap)
		return 0;
	memcpy(tgt, f + p->l4_off + 8, 16);
	memcpy(src, p->src, 16);
	unspec = memcmp(src, zero, 16) == 0;
	if (unspec) {
		static const uint8_t mc[6] = { 0x33, 0x33, 0, 0, 0, 1 };

		memcpy(f, mc, 6);
		memcpy(src, allnodes, 16);
	} else {
		memcpy(f, f + 6, 6);
	}
	memcpy(f + 6, mac, 6);
	ip = f + p->l3_off;
	ic = ip + 40;
	memset(ip, 0, 72);
	ip[0] = 0x60;
	ip[5] = 32;
	ip[6] = 58;
	ip[7] = 255;
	memcpy(ip + 8, tgt, 16);
	memcpy(ip + 24, src, 16);
	ic[0] = 136;
	ic[4] = unspec ? 0x20 : 0x60;
	memcpy(ic + 8, tgt, 16);
	ic[24] = 2;
	ic[25] = 1;
	memcpy(ic + 26, mac, 6);
	memcpy(tmp, ip + 8, 32);
	memset(tmp + 32, 0, 8);
	tmp[35] = 32;
	tmp[39] = 58;
	memcpy(tmp + 40, ic, 32);
	cs = pdt_csum(tmp, sizeof(tmp), 0);
	ic[2] = (uint8_t)(cs >> 8);
	ic[3] = (uint8_t)cs;
	return need;
}
