// SPDX-License-Identifier: MIT
/*
 * fwd.c - rewrite a packet for the node chosen (worker threads).
 *
 * Direct routing (default): the destination MAC becomes the node's, the
 * source MAC the forwarding port's; the IP packet is untouched and the
 * node, which holds the shared address on lo, replies to the client
 * directly. IPIP (optional, for routed networks): an outer IPv4 header
 * from the GIN's ipip_source to the node's interconnect address is put
 * between the Ethernet header and the packet (protocol 4, or 41 for an
 * IPv6 packet). The caller has already made 20 bytes of headroom.
 */
#include <string.h>

#include "pdt.h"

/* Direct routing: the frame's destination and source MACs. */
void pdt_fwd_mac(uint8_t *f, const uint8_t dst[6], const uint8_t src[6])
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
}

/*
 * f is the new start of the frame: the original frame begins at f + 20.
 * Returns the new frame length.
 */
uint32_t pdt_fwd_ipip(uint8_t *f, uint32_t len, const struct pdt_pkt *p,
		      const uint8_t src[4], const uint8_t dst[4],
		      const uint8_t dmac[6], const uint8_t smac[6])
{
	uint8_t *ip = f + p->l3_off;
	uint32_t tot = 20u + p->l3_len;
	uint16_t cs;

	memmove(f, f + 20, p->l3_off);
	pdt_fwd_mac(f, dmac, smac);
	f[p->l3_off - 2] = 0x08;
	f[p->l3_off - 1] = 0x00;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	ip[2] = (uint8_t)(tot >> 8);
	ip[3] = (uint8_t)tot;
	ip[8] = 64;
	ip[9] = p->family == 4 ? 4 : 41;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	cs = pdt_csum(ip, 20, 0);
	ip[10] = (uint8_t)(cs >> 8);
	ip[11] = (uint8_t)cs;
	return len + 20;
}
