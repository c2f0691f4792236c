// SPDX-License-Identifier: MIT
/*
 * test_parse.c - CUnit suite for pdt/parse.c: classification of good
 * frames (VLAN, IPv4/IPv6, TCP/UDP, fragments, ARP, ND) and of malformed
 * ones, including every truncation of valid frames, and the plain IPv4
 * path against the general one.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "pdt.h"
#include "tpkt.h"

static void t_v4_tcp(void)
{
	uint8_t f[256];
	struct tp t = { .proto = 6, .src = 0x0a000001, .dst = 0x0a000064,
			.sport = 1234, .dport = 80, .flags = PDT_TCP_SYN };
	struct pdt_pkt p;
	uint32_t n = tp_build(f, &t);

	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_IP);
	CU_ASSERT_EQUAL(p.family, 4);
	CU_ASSERT_EQUAL(p.proto, 6);
	CU_ASSERT_EQUAL(p.sport, 1234);
	CU_ASSERT_EQUAL(p.dport, 80);
	CU_ASSERT_EQUAL(p.tcp_flags, PDT_TCP_SYN);
	CU_ASSERT_EQUAL(p.l3_off, 14);
	CU_ASSERT(pdt_addr_is_v4(p.src));
	CU_ASSERT_EQUAL(p.src[15], 1);
	CU_ASSERT_EQUAL(p.frag, PDT_FRAG_NONE);
}

static void t_vlan_v6_udp(void)
{
	uint8_t f[256];
	struct tp t = { .v6 = 1, .vlan = 1, .proto = 17, .src = 5, .dst = 100,
			.sport = 53, .dport = 5353, .payload = 10 };
	struct pdt_pkt p;
	uint32_t n = tp_build(f, &t);

	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_IP);
	CU_ASSERT_EQUAL(p.family, 6);
	CU_ASSERT_EQUAL(p.l3_off, 18);
	CU_ASSERT_EQUAL(p.dport, 5353);
	CU_ASSERT_FALSE(pdt_addr_is_v4(p.src));
}

static void t_truncations(void)
{
	struct tp ts[] = {
		{ .proto = 6, .src = 1, .dst = 2, .sport = 1, .dport = 2 },
		{ .v6 = 1, .vlan = 1, .proto = 17, .src = 1, .dst = 2 },
		{ .v6 = 1, .proto = 6, .mf = 1, .id = 9, .src = 1, .dst = 2 },
		{ .opts = 1, .proto = 17, .src = 1, .dst = 2 },
	};
	uint8_t f[256];
	struct pdt_pkt p;

	for (unsigned i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		uint32_t n = tp_build(f, &ts[i]);

		CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_IP);
		for (uint32_t k = 0; k < n; k++) {
			enum pdt_class c = pdt_parse(f, k, &p);

			CU_ASSERT_EQUAL(c, PDT_C_BAD);
			CU_ASSERT(p.bad == PDT_CTR_D_TRUNC || p.bad == PDT_CTR_D_BADLEN);
		}
	}
}

/* Same classification and fields, the tagged frame 4 bytes further on. */
static int same_parse(const uint8_t *a, uint32_t avail, uint32_t len, const uint8_t *b)
{
	struct pdt_pkt p, q;
	enum pdt_class c = pdt_parse_seg(a, avail, len, &p);

	if (c != pdt_parse_seg(b, avail + 4, len + 4, &q))
		return 0;
	if (c == PDT_C_BAD)
		return p.bad == q.bad;
	if (c == PDT_C_OTHER)
		return p.other == q.other;
	if (p.l3_off + 4 != q.l3_off || p.l4_off + 4 != q.l4_off)
		return 0;
	q.l3_off = p.l3_off;
	q.l4_off = p.l4_off;
	return !memcmp(&p, &q, sizeof(p));
}

/*
 * The plain IPv4 path (parse_v4_plain) against the general one: every
 * frame parsed untagged (plain path when it applies) and with a VLAN tag
 * (always the general path) gives the same answer, for TCP and UDP
 * frames with each byte of their IP and L4 headers set to several
 * values, and cut or padded at every length and held bytes.
 */
static void t_plain_v4_same(void)
{
	static const struct tp ts[] = {
		{ .proto = 6, .src = 0x0a000001, .dst = 0x0a000064, .sport = 1234,
		  .dport = 80, .flags = PDT_TCP_SYN | PDT_TCP_FIN, .id = 77 },
		{ .proto = 17, .src = 0xac100001, .dst = 0x0a000064, .sport = 53,
		  .dport = 5353, .payload = 3, .id = 0xffff },
	};
	static const uint8_t vals[] = { 0x00, 0x01, 0x05, 0x06, 0x11, 0x14, 0x1c,
					0x20, 0x40, 0x45, 0x46, 0x50, 0xff };
	uint8_t a[128], b[128];
	unsigned bad = 0, n_ip = 0;

	for (unsigned i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		struct tp tv = ts[i];
		uint32_t n;

		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		n = tp_build(a, &ts[i]);

		tv.vlan = 1;
		CU_ASSERT_EQUAL_FATAL(tp_build(b, &tv), n + 4);
		for (uint32_t pos = 14; pos < n; pos++) {
			for (unsigned v = 0; v <= sizeof(vals); v++) {
				uint8_t oa = a[pos];

				a[pos] = v < sizeof(vals) ? vals[v] : (uint8_t)(oa ^ 0x01);
				b[pos + 4] = a[pos];
				for (uint32_t len = 0; len <= n + 8; len++)
					for (uint32_t av = len > 40 ? len - 6 : 0; av <= len; av++) {
						struct pdt_pkt p;

						bad += !same_parse(a, av, len, b);
						n_ip += pdt_parse_seg(a, av, len, &p) == PDT_C_IP;
					}
				a[pos] = oa;
				b[pos + 4] = oa;
			}
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(n_ip > 1000);         /* the plain path was taken */
}

static void t_bad_headers(void)
{
	uint8_t f[256];
	struct tp t = { .proto = 6, .src = 1, .dst = 2 };
	struct pdt_pkt p;
	uint32_t n = tp_build(f, &t);

	f[14 + 3] += 1;   /* total length one more than the frame */
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_BAD);
	CU_ASSERT_EQUAL(p.bad, PDT_CTR_D_BADLEN);
	n = tp_build(f, &t);
	f[14] = 0x44;     /* IHL 4 */
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_BAD);
	CU_ASSERT_EQUAL(p.bad, PDT_CTR_D_BADHDR);
	n = tp_build(f, &t);
	f[14] = 0x65;     /* version 6 in an IPv4 ethertype */
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_BAD);
	n = tp_build(f, &t);
	f[12] = 0x88;     /* unknown ethertype 0x8800 */
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_OTHER);
	CU_ASSERT_EQUAL(p.other, PDT_CTR_UNKNOWN_ETHER);
	t.proto = 1;      /* ICMP */
	n = tp_build(f, &t);
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_OTHER);
	CU_ASSERT_EQUAL(p.other, PDT_CTR_NOT_TCPUDP);
}

static void t_options_fragments(void)
{
	uint8_t f[256];
	struct tp t = { .proto = 17, .src = 1, .dst = 2, .opts = 1, .dport = 9 };
	struct pdt_pkt p;
	uint32_t n = tp_build(f, &t);

	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_IP);
	CU_ASSERT(p.has_opts);
	CU_ASSERT_EQUAL(p.dport, 9);
	t = (struct tp){ .proto = 17, .src = 1, .dst = 2, .mf = 1, .id = 77, .dport = 9 };
	n = tp_build(f, &t);
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_IP);
	CU_ASSERT_EQUAL(p.frag, PDT_FRAG_FIRST);
	CU_ASSERT_EQUAL(p.frag_id, 77);
	t.frag_off = 3;
	t.mf = 0;
	n = tp_build(f, &t);
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_IP);
	CU_ASSERT_EQUAL(p.frag, PDT_FRAG_LATER);
	CU_ASSERT_EQUAL(p.dport, 0);
	t.v6 = 1;
	t.id = 0x12345678;
	n = tp_build(f, &t);
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_IP);
	CU_ASSERT_EQUAL(p.frag, PDT_FRAG_LATER);
	CU_ASSERT_EQUAL(p.frag_id, 0x12345678);
	CU_ASSERT_EQUAL(p.proto, 17);
}

static void t_arp_nd(void)
{
	uint8_t f[256], tgt[16];
	struct pdt_pkt p;
	uint32_t n = tp_arp(f, 0x0a000064);

	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_ARP_REQ);
	CU_ASSERT_EQUAL(p.dst[15], 0x64);
	memcpy(f + 14 + 14, f + 14 + 24, 4);      /* gratuitous: sender = target */
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_OTHER);
	CU_ASSERT_EQUAL(p.other, PDT_CTR_NOT_TCPUDP);
	memset(f + 14 + 14, 0, 4);                /* probe: sender 0.0.0.0 */
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_ARP_REQ);
	tp_v6addr(tgt, 100);
	n = tp_ns(f, tgt, 1);
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_ND_NS);
	f[14 + 7] = 64;   /* hop limit must be 255 */
	CU_ASSERT_EQUAL(pdt_parse(f, n, &p), PDT_C_OTHER);
}

/*
 * A chained frame: only its first bytes at hand. Parsed from them as the
 * whole frame is; a header past them comes back truncated; the length
 * fields are checked against the frame's real length.
 */
static void t_seg(void)
{
	static uint8_t f[9100];
	struct pdt_pkt p, q;
	struct tp t = { .v6 = 1, .vlan = 7, .proto = 6, .src = 5, .dst = 100,
			.sport = 1234, .dport = 80, .flags = PDT_TCP_SYN, .payload = 8900 };
	uint32_t n = tp_build(f, &t), hl = 18 + 40 + 20;

	CU_ASSERT_EQUAL(pdt_parse(f, n, &q), PDT_C_IP);
	CU_ASSERT_EQUAL(pdt_parse_seg(f, hl, n, &p), PDT_C_IP);
	CU_ASSERT(!memcmp(&p, &q, sizeof(p)));
	CU_ASSERT_EQUAL(p.l3_len, 40 + 20 + 8900);
	CU_ASSERT_EQUAL(pdt_parse_seg(f, hl - 1, n, &p), PDT_C_BAD);
	CU_ASSERT_EQUAL(p.bad, PDT_CTR_D_TRUNC);
	CU_ASSERT_EQUAL(pdt_parse_seg(f, hl, n - 1, &p), PDT_C_BAD);
	CU_ASSERT_EQUAL(p.bad, PDT_CTR_D_BADLEN);
	t.v6 = 0;
	n = tp_build(f, &t);
	CU_ASSERT_EQUAL(pdt_parse_seg(f, 18 + 20 + 20, n, &p), PDT_C_IP);
	CU_ASSERT_EQUAL(p.dport, 80);
	CU_ASSERT_EQUAL(pdt_parse_seg(f, 18 + 20 + 19, n, &p), PDT_C_BAD);
	CU_ASSERT_EQUAL(pdt_parse_seg(f, 18 + 20 + 20, n - 1, &p), PDT_C_BAD);
	CU_ASSERT_EQUAL(p.bad, PDT_CTR_D_BADLEN);
}

void tests_parse(void)
{
	CU_pSuite s = CU_add_suite("parse", NULL, NULL);

	CU_add_test(s, "IPv4 TCP", t_v4_tcp);
	CU_add_test(s, "VLAN IPv6 UDP", t_vlan_v6_udp);
	CU_add_test(s, "every truncation is caught", t_truncations);
	CU_add_test(s, "plain IPv4 path answers as the general one", t_plain_v4_same);
	CU_add_test(s, "bad headers, unknown ethertype, ICMP", t_bad_headers);
	CU_add_test(s, "IP options and fragments", t_options_fragments);
	CU_add_test(s, "ARP request and neighbour solicitation", t_arp_nd);
	CU_add_test(s, "chained frame parsed from its first bytes", t_seg);
}
