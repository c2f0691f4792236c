// SPDX-License-Identifier: MIT
/*
 * parse.c - classify one Ethernet frame for the dispatcher (worker threads).
 *
 * Untagged IPv4 TCP/UDP without options or fragments first (pdt_parse_v4),
 * else Ethernet with at most one VLAN tag, then ARP, IPv4 or IPv6 (skipping the
 * hop-by-hop, routing and destination-options headers, reading the
 * fragment header), then TCP or UDP ports. Every read is bounded by the
 * bytes at hand (avail: the whole frame, or for a chained jumbo mbuf its
 * first bytes pulled up into one buffer), every length field checked
 * against the frame's length on the wire (len); malformed frames come
 * back as PDT_C_BAD with the drop reason, frames that are fine but not
 * ours as PDT_C_OTHER with the pass reason. No allocation, no side
 * effects: the fuzz target calls it alone.
 */
#include <string.h>

#include "pdt.h"

#define ETH_HLEN 14
#define ET_IPV4 0x0800
#define ET_IPV6 0x86dd
#define ET_ARP  0x0806
#define ET_VLAN 0x8100

static inline uint16_t rd16(const uint8_t *b)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint16_t v;

	memcpy(&v, b, 2);
	return __builtin_bswap16(v);
#else
	return (uint16_t)(b[0] << 8 | b[1]);
#endif
}

static inline uint32_t rd32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

/* ::ffff:a.b.c.d, written as two 8-byte words (later 8-byte loads forward). */
static inline void addr_v4(uint8_t a[16], const uint8_t v4[4])
{
	uint64_t lo = 0, hi;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t x;

	memcpy(&x, v4, 4);
	hi = 0xffff0000u | (uint64_t)x << 32;
#else
	uint8_t b[8] = { 0, 0, 0xff, 0xff, v4[0], v4[1], v4[2], v4[3] };

	memcpy(&hi, b, 8);
#endif
	memcpy(a, &lo, 8);
	memcpy(a + 8, &hi, 8);
}

void pdt_addr_from_v4(uint8_t a[16], const uint8_t v4[4])
{
	addr_v4(a, v4);
}

static enum pdt_class bad(struct pdt_pkt *p, enum pdt_ctr why)
{
	p->bad = (uint8_t)why;
	return PDT_C_BAD;
}

static enum pdt_class other(struct pdt_pkt *p, enum pdt_ctr why)
{
	p->other = (uint8_t)why;
	return PDT_C_OTHER;
}

/* TCP/UDP ports and flags at l4_off, within the IP datagram's end. */
static inline enum pdt_class parse_l4(const uint8_t *f, uint32_t end,
				      struct pdt_pkt *p)
{
	uint32_t o = p->l4_off;

	if (p->frag == PDT_FRAG_LATER)
		return PDT_C_IP;
	if (p->proto == PDT_IPPROTO_TCP) {
		if (o + 20 > end)
			return bad(p, PDT_CTR_D_TRUNC);
		if ((f[o + 12] >> 4) < 5)
			return bad(p, PDT_CTR_D_BADHDR);
		p->tcp_flags = f[o + 13];
	} else if (p->proto == PDT_IPPROTO_UDP) {
		if (o + 8 > end)
			return bad(p, PDT_CTR_D_TRUNC);
	} else {
		return other(p, PDT_CTR_NOT_TCPUDP);
	}
	p->sport = rd16(f + o);
	p->dport = rd16(f + o + 2);
	return PDT_C_IP;
}

static inline uint32_t min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static enum pdt_class parse_v4(const uint8_t *f, uint32_t avail, uint32_t len,
			       struct pdt_pkt *p)
{
	const uint8_t *ip = f + p->l3_off;
	uint32_t ihl, tot, fo;

	if (p->l3_off + 20u > avail)
		return bad(p, PDT_CTR_D_TRUNC);
	ihl = (uint32_t)(ip[0] & 0x0f) * 4;
	if ((ip[0] >> 4) != 4 || ihl < 20)
		return bad(p, PDT_CTR_D_BADHDR);
	tot = rd16(ip + 2);
	if (tot < ihl || p->l3_off + tot > len)
		return bad(p, PDT_CTR_D_BADLEN);
	p->family = 4;
	p->l3_len = (uint16_t)tot;
	p->proto = ip[9];
	addr_v4(p->src, ip + 12);
	addr_v4(p->dst, ip + 16);
	p->has_opts = ihl > 20;
	p->l4_off = (uint16_t)(p->l3_off + ihl);
	fo = rd16(ip + 6);
	p->frag_id = rd16(ip + 4);
	if (fo & 0x1fff)
		p->frag = PDT_FRAG_LATER;
	else if (fo & 0x2000)
		p->frag = PDT_FRAG_FIRST;
	return parse_l4(f, min32(p->l3_off + tot, avail), p);
}

/* Skips IPv6 extension headers; returns false when the chain is bad. */
static bool v6_ext(const uint8_t *f, uint32_t end, struct pdt_pkt *p,
		   uint32_t *off, uint8_t *nh)
{
	for (int i = 0; i < 8; i++) {
		uint32_t o = *off;

		if (*nh == 0 || *nh == 43 || *nh == 60) {
			if (o + 8 > end)
				return false;
			*nh = f[o];
			*off = o + ((uint32_t)f[o + 1] + 1) * 8;
		} else if (*nh == 44) {
			uint16_t fo;

			if (o + 8 > end)
				return false;
			*nh = f[o];
			fo = rd16(f + o + 2);
			p->frag_id = rd32(f + o + 4);
			if (fo & 0xfff8)
				p->frag = PDT_FRAG_LATER;
			else if (fo & 1)
				p->frag = PDT_FRAG_FIRST;
			*off = o + 8;
		} else {
			return *off <= end;
		}
	}
	return false;
}

static enum pdt_class parse_v6(const uint8_t *f, uint32_t avail, uint32_t len,
			       struct pdt_pkt *p)
{
	const uint8_t *ip = f + p->l3_off;
	uint32_t end, off;
	uint8_t nh;

	if (p->l3_off + 40u > avail)
		return bad(p, PDT_CTR_D_TRUNC);
	if ((ip[0] >> 4) != 6)
		return bad(p, PDT_CTR_D_BADHDR);
	end = p->l3_off + 40u + rd16(ip + 4);
	if (end > len)
		return bad(p, PDT_CTR_D_BADLEN);
	p->family = 6;
	p->l3_len = (uint16_t)(end - p->l3_off);
	end = min32(end, avail);        /* reads: within the bytes at hand */
	memcpy(p->src, ip + 8, 16);
	memcpy(p->dst, ip + 24, 16);
	nh = ip[6];
	off = p->l3_off + 40u;
	if (!v6_ext(f, end, p, &off, &nh))
		return bad(p, PDT_CTR_D_TRUNC);
	p->proto = nh;
	p->l4_off = (uint16_t)off;
	if (nh == 58 && p->frag == PDT_FRAG_NONE) {
		if (off + 24 <= end && f[off] == 135 && f[off + 1] == 0 &&
		    ip[7] == 255)
			return PDT_C_ND_NS;
		return other(p, PDT_CTR_NOT_TCPUDP);
	}
	return parse_l4(f, end, p);
}

static enum pdt_class parse_arp(const uint8_t *f, uint32_t len,
				struct pdt_pkt *p)
{
	const uint8_t *a = f + p->l3_off;

	if (p->l3_off + 28u > len)
		return bad(p, PDT_CTR_D_TRUNC);
	if (rd16(a) != 1 || rd16(a + 2) != ET_IPV4 || a[4] != 6 || a[5] != 4)
		return other(p, PDT_CTR_UNKNOWN_ETHER);
	/*
	 * Replies, and gratuitous requests (sender address = target address:
	 * a host announcing its address, or another host claiming ours), go
	 * to the kernel unanswered, as Linux leaves them; a probe (sender
	 * 0.0.0.0) is answered, defending the address.
	 */
	if (rd16(a + 6) != 1 || !memcmp(a + 14, a + 24, 4))
		return other(p, PDT_CTR_NOT_TCPUDP);
	addr_v4(p->src, a + 14);
	addr_v4(p->dst, a + 24);
	return PDT_C_ARP_REQ;
}

/* The fields of a plain IPv4 packet (pdt_parse_v4), its checks passed. */
static inline __attribute__((always_inline))
void v4_fill(const uint8_t *ip, uint32_t tot, uint8_t proto, uint8_t flags,
	     struct pdt_v4 *q)
{
	memcpy(&q->addrs, ip + 12, 8);
	q->ports = rd16(ip + 20) | (uint32_t)rd16(ip + 22) << 16;
	q->l3_len = (uint16_t)tot;
	q->frag_id = rd16(ip + 4);
	q->proto = proto;
	q->tcp_flags = flags;
}

/*
 * The common case, tried first: untagged IPv4 without options, not a
 * fragment, TCP or UDP, its headers within the bytes at hand. Fills the
 * few fields the burst's fast lane needs (disp.c) without the general
 * path's memset and branches; false for any other frame (valid or not),
 * which the general path then classifies and counts. Each protocol
 * fills the record on its own branch: a flags variable merged from both
 * was spilled as a byte and reloaded as a word, a store-forwarding stall
 * on every packet.
 */
inline __attribute__((always_inline))
bool pdt_parse_v4(const uint8_t *f, uint32_t avail, uint32_t len,
		  struct pdt_v4 *q)
{
	const uint8_t *ip = f + ETH_HLEN;
	uint32_t tot, end;

	if (avail > len)
		avail = len;
	if (avail < ETH_HLEN + 28 || rd16(f + 12) != ET_IPV4 || ip[0] != 0x45 ||
	    (rd16(ip + 6) & 0x3fff))
		return false;
	tot = rd16(ip + 2);
	if (ETH_HLEN + tot > len)
		return false;
	end = min32(ETH_HLEN + tot, avail);
	if (ip[9] == PDT_IPPROTO_TCP) {
		if (ETH_HLEN + 40 > end || (ip[32] >> 4) < 5)
			return false;
		v4_fill(ip, tot, PDT_IPPROTO_TCP, ip[33], q);
		return true;
	}
	if (ip[9] != PDT_IPPROTO_UDP || ETH_HLEN + 28 > end)
		return false;
	v4_fill(ip, tot, PDT_IPPROTO_UDP, 0, q);
	return true;
}

/* The general parser's answer for a frame pdt_parse_v4() took. */
void pdt_v4_pkt(const struct pdt_v4 *q, struct pdt_pkt *p)
{
	uint8_t a[4];

	p->l3_off = ETH_HLEN;
	p->l4_off = ETH_HLEN + 20;
	p->l3_len = q->l3_len;
	p->ethertype = ET_IPV4;
	p->family = 4;
	p->proto = q->proto;
	p->tcp_flags = q->tcp_flags;
	p->frag = PDT_FRAG_NONE;
	p->has_opts = 0;
	p->bad = 0;
	p->other = 0;
	p->frag_id = q->frag_id;
	memcpy(a, &q->addrs, 4);
	addr_v4(p->src, a);
	memcpy(a, (const uint8_t *)&q->addrs + 4, 4);
	addr_v4(p->dst, a);
	p->sport = (uint16_t)q->ports;
	p->dport = (uint16_t)(q->ports >> 16);
}

/*
 * avail <= len bytes of the frame at f. A header that the frame holds but
 * that goes beyond avail comes back as PDT_C_BAD, PDT_CTR_D_TRUNC, like a
 * truncated one: the caller, knowing avail < len, tells the two apart.
 */
enum pdt_class pdt_parse_seg(const uint8_t *f, uint32_t avail, uint32_t len,
			     struct pdt_pkt *p)
{
	struct pdt_v4 q;

	if (pdt_parse_v4(f, avail, len, &q)) {
		pdt_v4_pkt(&q, p);
		return PDT_C_IP;
	}
	memset(p, 0, sizeof(*p));
	if (avail > len)
		avail = len;
	if (avail < ETH_HLEN)
		return bad(p, PDT_CTR_D_TRUNC);
	p->l3_off = ETH_HLEN;
	p->ethertype = rd16(f + 12);
	if (p->ethertype == ET_VLAN) {
		if (avail < ETH_HLEN + 4)
			return bad(p, PDT_CTR_D_TRUNC);
		p->l3_off += 4;
		p->ethertype = rd16(f + 16);
	}
	switch (p->ethertype) {
	case ET_IPV4:
		return parse_v4(f, avail, len, p);
	case ET_IPV6:
		return parse_v6(f, avail, len, p);
	case ET_ARP:
		return parse_arp(f, avail, p);
	default:
		return other(p, PDT_CTR_UNKNOWN_ETHER);
	}
}

enum pdt_class pdt_parse(const uint8_t *f, uint32_t len, struct pdt_pkt *p)
{
	return pdt_parse_seg(f, len, len, p);
}
