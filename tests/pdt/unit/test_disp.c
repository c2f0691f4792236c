// SPDX-License-Identifier: MIT
/*
 * test_disp.c - CUnit suite for pdt/disp.c, reply.c and fwd.c: ARP and
 * neighbour-solicitation answers, exception traffic, drops with their
 * counters, fragments following their first, the GIN's own node, IPIP.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"
#include "tenv.h"
#include "tpkt.h"

static const char conf[] =
	"local_node = 3;\n"
	"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; address = \"192.168.50.11\"; },\n"
	"          { id = 2; mac = \"02:00:00:00:01:02\"; address = \"192.168.50.12\"; },\n"
	"          { id = 3; mac = \"02:00:00:00:01:03\"; address = \"192.168.50.13\"; } );\n"
	"services = (\n"
	" { name = \"web\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 80;"
	"   weights = \"1@1,1@2\"; },\n"
	" { name = \"dns\"; address = \"10.0.0.100\"; protocol = \"udp\"; port = 53;"
	"   weights = \"1@1,1@2\"; },\n"
	" { name = \"me\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 22;"
	"   weights = \"1@3\"; },\n"
	" { name = \"web6\"; address = \"2001:db8::64\"; protocol = \"tcp\"; port = 80;"
	"   weights = \"1@1,1@2\"; } );\n";

static const uint8_t MYMAC[6] = { 2, 0, 0, 0, 0, 0xaa };

static int setup(void)
{
	if (tenv_setup(conf))
		return -1;
	memcpy(te.rt->pub_mac, MYMAC, 6);
	return 0;
}

static enum pdt_verdict run(uint8_t *f, uint32_t *len, struct pdt_out *o)
{
	return pdt_dispatch(&te.w, te.rt, f, len, 256, 0, o);
}

static void t_arp(void)
{
	uint8_t f[256];
	struct pdt_out o;
	uint32_t n = tp_arp(f, 0x0a000064);

	CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_REPLY);
	CU_ASSERT_EQUAL(n, 42);
	CU_ASSERT_EQUAL(f[21], 2);                         /* reply */
	CU_ASSERT(!memcmp(f + 6, MYMAC, 6));
	CU_ASSERT(!memcmp(f + 22, MYMAC, 6));              /* sender MAC */
	CU_ASSERT(f[28] == 10 && f[31] == 100);            /* sender IP */
	CU_ASSERT(f[38] == 192 && f[41] == 5);             /* target IP */
	CU_ASSERT(!memcmp(f, f + 32, 6));                  /* to the asker */
	n = tp_arp(f, 0x0a000065);
	CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_EXCEPTION);
	n = tp_arp(f, 0x0a000064);
	memcpy(f + 28, f + 38, 4);                         /* gratuitous */
	CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_EXCEPTION);
	CU_ASSERT_EQUAL(n, 42);                            /* unchanged */
	CU_ASSERT_EQUAL(f[21], 1);
}

static void t_nd(void)
{
	uint8_t f[256], tgt[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x64 };
	struct pdt_out o;

	for (int opt = 0; opt < 2; opt++) {
		uint32_t n = tp_ns(f, tgt, opt);
		uint8_t tmp[72];

		CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_REPLY);
		CU_ASSERT_EQUAL(n, 14 + 40 + 32);
		CU_ASSERT_EQUAL(f[54], 136);
		CU_ASSERT(!memcmp(f + 22, tgt, 16));           /* from the target */
		CU_ASSERT(!memcmp(f + 54 + 8, tgt, 16));
		CU_ASSERT(!memcmp(f + 54 + 26, MYMAC, 6));
		memcpy(tmp, f + 22, 32);
		memset(tmp + 32, 0, 8);
		tmp[35] = 32;
		tmp[39] = 58;
		memcpy(tmp + 40, f + 54, 32);
		CU_ASSERT_EQUAL(pdt_csum(tmp, 72, 0), 0);      /* checksum right */
	}
	{
		/* Duplicate address detection (from ::): defended, to all nodes. */
		static const uint8_t allnodes[16] = { 0xff, 2, [15] = 1 };
		static const uint8_t mc[6] = { 0x33, 0x33, 0, 0, 0, 1 };
		uint32_t n = tp_ns(f, tgt, 0);

		memset(f + 22, 0, 16);
		CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_REPLY);
		CU_ASSERT_EQUAL(f[54], 136);
		CU_ASSERT(!memcmp(f, mc, 6));
		CU_ASSERT(!memcmp(f + 38, allnodes, 16));
		CU_ASSERT_EQUAL(f[54 + 4], 0x20);             /* override only */
	}
	tgt[15] = 0x65;
	{
		uint32_t n = tp_ns(f, tgt, 1);

		CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_EXCEPTION);
	}
}

static void t_exception(void)
{
	struct tp ts[] = {
		{ .proto = 6, .src = 1, .dst = 0x0a000064, .dport = 81 },   /* no port */
		{ .proto = 6, .src = 1, .dst = 0x0a000099, .dport = 80 },   /* no address */
		{ .proto = 1, .src = 1, .dst = 0x0a000064 },                /* ICMP */
		{ .proto = 6, .src = 1, .dst = 0x0a000064, .dport = 80, .opts = 1 },
		{ .proto = 6, .src = 1, .dst = 0x0a000064, .dport = 22 },   /* GIN itself */
	};
	uint64_t local = te.w.ctr->c[PDT_CTR_LOCAL_NODE], opt = te.w.ctr->c[PDT_CTR_IP_OPTIONS];
	uint8_t f[256];
	struct pdt_out o;

	for (unsigned i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		uint32_t n = tp_build(f, &ts[i]);

		CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_EXCEPTION);
	}
	CU_ASSERT_EQUAL(te.w.ctr->c[PDT_CTR_LOCAL_NODE], local + 1);
	CU_ASSERT_EQUAL(te.w.ctr->c[PDT_CTR_IP_OPTIONS], opt + 1);
}

static void t_forward(void)
{
	struct tp t = { .v6 = 1, .proto = 6, .src = 7, .dst = 0x64, .sport = 5, .dport = 80 };
	uint8_t f[256];
	struct pdt_out o;
	uint32_t n = tp_build(f, &t);

	CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_FORWARD);
	CU_ASSERT(o.node->id == 1 || o.node->id == 2);
	pdt_fwd_mac(f, o.node->mac, MYMAC);
	CU_ASSERT(!memcmp(f, o.node->mac, 6));
}

static void t_drops(void)
{
	uint8_t f[256];
	struct tp t = { .proto = 6, .src = 1, .dst = 0x0a000064, .dport = 80 };
	struct pdt_out o;
	uint64_t tr = te.w.ctr->c[PDT_CTR_D_TRUNC], bl = te.w.ctr->c[PDT_CTR_D_BADLEN];
	uint32_t n = tp_build(f, &t);

	n = 30;
	CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_DROP);
	n = tp_build(f, &t);
	f[17] = 200;
	CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_DROP);
	CU_ASSERT_EQUAL(te.w.ctr->c[PDT_CTR_D_TRUNC], tr + 1);
	CU_ASSERT_EQUAL(te.w.ctr->c[PDT_CTR_D_BADLEN], bl + 1);
}

static void t_fragments(void)
{
	uint8_t f[256];
	struct pdt_out o;
	unsigned bad = 0;
	uint64_t nf = 0;

	for (uint32_t i = 0; i < 50; i++) {
		struct tp t = { .proto = 17, .src = 0xc0a80000 + i, .dst = 0x0a000064,
				.sport = (uint16_t)(100 + i), .dport = 53, .mf = 1, .id = i };
		uint32_t n = tp_build(f, &t);
		uint16_t node;

		CU_ASSERT_EQUAL_FATAL(run(f, &n, &o), PDT_V_FORWARD);
		node = o.node->id;
		t.mf = 0;
		t.frag_off = 100;
		n = tp_build(f, &t);
		bad += run(f, &n, &o) != PDT_V_FORWARD || o.node->id != node;
	}
	CU_ASSERT_EQUAL(bad, 0);
	{
		struct tp t = { .proto = 17, .src = 9, .dst = 0x0a000064, .frag_off = 10, .id = 5 };
		uint32_t n = tp_build(f, &t);

		struct pdt_worker w0;
		struct pdt_conf *c0 = malloc(sizeof(*c0));
		void *pkt;

		/* LB_WEIGHTED: held for its first (fraghold.c), handed back at the end. */
		CU_ASSERT_EQUAL(run(f, &n, &o), PDT_V_HOLD);
		CU_ASSERT_PTR_NULL(pdt_fraghold_add(&te.w, te.rt, f, n, f, 0));
		CU_ASSERT_EQUAL(pdt_fraghold_drain(&te.w, &pkt, 1), 1);
		CU_ASSERT_PTR_EQUAL(pkt, f);
		/* frag_hold = 0: dropped at once, as before the buffer. */
		CU_ASSERT_FATAL(c0 != NULL);
		*c0 = *te.c;
		c0->frag_hold = 0;
		CU_ASSERT_FATAL(pdt_worker_init(&w0, 0, c0) == 0);
		free(c0);
		CU_ASSERT_PTR_NULL(w0.hold);
		CU_ASSERT_EQUAL(pdt_dispatch(&w0, te.rt, f, &n, 256, 0, &o), PDT_V_DROP);
		CU_ASSERT_EQUAL(w0.ctr->c[PDT_CTR_D_FRAG_NOFIRST], nf + 1);
		pdt_worker_fini(&w0);
	}
}

static void t_ipip(void)
{
	uint8_t buf[300], *f = buf + 20, src[4] = { 192, 168, 50, 1 };
	struct tp t = { .vlan = 1, .proto = 6, .src = 1, .dst = 0x0a000064, .dport = 80, .payload = 10 };
	struct pdt_pkt p;
	uint32_t n = tp_build(f, &t), m;

	pdt_parse(f, n, &p);
	m = pdt_fwd_ipip(buf, n, &p, src, te.rt->nodes[0].addr, te.rt->nodes[0].mac, MYMAC);
	CU_ASSERT_EQUAL(m, n + 20);
	CU_ASSERT_EQUAL(buf[12], 0x81);                 /* VLAN kept */
	CU_ASSERT(buf[16] == 0x08 && buf[17] == 0);
	CU_ASSERT_EQUAL(buf[18], 0x45);
	CU_ASSERT_EQUAL(buf[18 + 9], 4);
	CU_ASSERT_EQUAL(pdt_csum(buf + 18, 20, 0), 0);
	CU_ASSERT_EQUAL((buf[20] << 8 | buf[21]), p.l3_len + 20);
	CU_ASSERT_EQUAL(buf[38], 0x45);                 /* inner header intact */
	CU_ASSERT(pdt_parse(buf, m, &p) == PDT_C_OTHER && p.proto == 4);
}

/* The three-pass burst gives what packet-by-packet dispatch gives. */
static void t_burst(void)
{
	struct pdt_worker w2;
	uint8_t buf[40][128], ref[40][128];
	uint8_t *f[40];
	uint32_t len[40], cap[40], rlen;
	enum pdt_verdict v[40];
	struct pdt_out o[40], ro;
	unsigned bad = 0;

	CU_ASSERT_FATAL(pdt_worker_init(&w2, 1, te.c) == 0);
	for (unsigned i = 0; i < 40; i++) {
		struct tp t = { .proto = i % 3 ? 6 : 17, .v6 = i % 5 == 0, .src = 500 + i / 2,
				.dst = i % 5 ? 0x0a000064 : 0x64, .sport = (uint16_t)(7 + i),
				.dport = i % 3 ? 80 : 53, .flags = PDT_TCP_SYN };

		if (i % 5 == 0)
			t.proto = 6, t.dport = 80;
		len[i] = i == 13 ? tp_arp(buf[i], 0x0a000064) : tp_build(buf[i], &t);
		cap[i] = sizeof(buf[i]);
		f[i] = buf[i];
		memcpy(ref[i], buf[i], sizeof(buf[i]));
	}
	pdt_dispatch_burst(&w2, te.rt, f, len, cap, NULL, 40, 0, v, o);
	pdt_worker_fini(&w2);
	CU_ASSERT_FATAL(pdt_worker_init(&w2, 1, te.c) == 0);
	for (unsigned i = 0; i < 40; i++) {
		enum pdt_verdict rv;

		rlen = len[i];
		rlen = i == 13 ? 42 : rlen;
		rv = pdt_dispatch(&w2, te.rt, ref[i], &rlen, sizeof(ref[i]), 0, &ro);
		bad += rv != v[i] || (rv == PDT_V_FORWARD && ro.node != o[i].node) ||
		       memcmp(ref[i], buf[i], len[i]);
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(v[13] == PDT_V_REPLY);
	pdt_worker_fini(&w2);
}

/* A first fragment and its later ones in the same burst. */
static void t_burst_frag(void)
{
	uint8_t buf[6][128], *f[6];
	uint32_t len[6], cap[6];
	enum pdt_verdict v[6];
	struct pdt_out o[6];

	for (unsigned i = 0; i < 6; i++) {
		struct tp t = { .proto = 17, .src = 0xc0a90000 + i / 3, .dst = 0x0a000064,
				.sport = 9, .dport = 53, .mf = i % 3 < 2, .id = 4242,
				.frag_off = (uint16_t)(i % 3 * 8) };

		len[i] = tp_build(buf[i], &t);
		cap[i] = sizeof(buf[i]);
		f[i] = buf[i];
	}
	pdt_dispatch_burst(&te.w, te.rt, f, len, cap, NULL, 6, 0, v, o);
	for (unsigned i = 0; i < 6; i++) {
		CU_ASSERT_EQUAL(v[i], PDT_V_FORWARD);
		if (v[i] == PDT_V_FORWARD && v[i / 3 * 3] == PDT_V_FORWARD)
			CU_ASSERT_PTR_EQUAL(o[i].node, o[i / 3 * 3].node);
	}
}

/*
 * The burst's service memo: a wildcard service is reused across ports
 * only when no exact service of its address and protocol can shadow it.
 */
static void t_burst_wild_memo(void)
{
	static const char wc[] =
		"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; },\n"
		"          { id = 2; mac = \"02:00:00:00:01:02\"; } );\n"
		"services = (\n"
		" { name = \"web\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 80;"
		"   weights = \"1@1\"; },\n"
		" { name = \"rest\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = \"*\";"
		"   weights = \"1@2\"; },\n"
		" { name = \"all\"; address = \"10.0.0.101\"; protocol = \"tcp\"; port = \"*\";"
		"   weights = \"1@1\"; } );\n";
	static const uint16_t port[8] = { 81, 80, 82, 80, 80, 5, 6, 80 };
	static const uint16_t want[8] = { 2, 1, 2, 1, 1, 1, 1, 1 };
	struct pdt_conf *c;
	struct pdt_rt *rt = tenv_rt(wc, &c);
	struct pdt_worker w;
	uint8_t buf[8][128], *f[8];
	uint32_t len[8], cap[8];
	enum pdt_verdict v[8];
	struct pdt_out o[8];

	CU_ASSERT_FATAL(rt != NULL);
	CU_ASSERT_FATAL(pdt_worker_init(&w, 0, c) == 0);
	CU_ASSERT(!rt->svcs[0].wild_alone && !rt->svcs[1].wild_alone &&
		  rt->svcs[2].wild_alone);
	for (unsigned i = 0; i < 8; i++) {
		struct tp t = { .proto = 6, .src = 0xc0a80001, .sport = 1000,
				.dst = i < 5 ? 0x0a000064 : 0x0a000065,
				.dport = port[i], .flags = PDT_TCP_SYN };

		len[i] = tp_build(buf[i], &t);
		cap[i] = sizeof(buf[i]);
		f[i] = buf[i];
	}
	pdt_dispatch_burst(&w, rt, f, len, cap, NULL, 8, 0, v, o);
	for (unsigned i = 0; i < 8; i++) {
		CU_ASSERT_EQUAL(v[i], PDT_V_FORWARD);
		if (v[i] == PDT_V_FORWARD)
			CU_ASSERT_EQUAL(o[i].node->id, want[i]);
	}
	pdt_worker_fini(&w);
	pdt_rt_free(rt);
	free(c);
}

static const char lane_conf[] =
	"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; },\n"
	"          { id = 2; mac = \"02:00:00:00:01:02\"; },\n"
	"          { id = 3; mac = \"02:00:00:00:01:03\"; } );\n"
	"services = (\n"
	" { name = \"w\"; address = \"10.0.0.100\";\n"
	"   port_list = \"80/tcp,53/udp\"; weights = \"%s\"; },\n"
	" { name = \"s\"; address = \"10.0.0.100\";\n"
	"   protocol = \"tcp\"; port = 443;\n"
	"   policy = \"LB_STICKY\"; weights = \"%s\"; affinity_timeout = 2; },\n"
	" { name = \"x\"; address = \"10.0.0.101\";\n"
	"   port_list = \"*/tcp,*/udp\"; policy = \"LB_STICKY_WILD\";\n"
	"   weights = \"%s\"; udp_affinity = true; affinity_timeout = 0; } );\n";

/* Same entries, stamps and counts in two general tables of one size. */
static bool same_tab(const struct pdt_tab *a, const struct pdt_tab *b)
{
	return a->count == b->count && a->tick == b->tick &&
	       !memcmp(a->bk, b->bk, (a->mask + 1) * sizeof(*a->bk)) &&
	       !memcmp(a->ent, b->ent, a->capacity * sizeof(*a->ent));
}

/* One random frame of the lane test's stream (xorshift state *r). */
static uint32_t lane_frame(uint8_t *f, uint64_t *r)
{
	static const uint8_t flags[] = {
		0x10, 0x10, 0x10, 0x18, PDT_TCP_SYN, PDT_TCP_SYN | 0x10,
		PDT_TCP_FIN | 0x10, PDT_TCP_RST
	};
	static const uint16_t port[] = { 80, 53, 443, 22, 8080 };
	struct tp t = { 0 };
	uint64_t x;

	*r ^= *r << 13;
	*r ^= *r >> 7;
	*r ^= *r << 17;
	x = *r;
	t.src = 0xc0a80000u + (uint32_t)(x & 15);
	t.sport = (uint16_t)(1000 + (x >> 4 & 3));
	t.dst = x >> 6 & 1 ? 0x0a000065 : 0x0a000064;
	t.dport = port[(x >> 7) % 5];
	t.proto = x >> 10 & 3 ? 6 : 17;
	t.flags = flags[x >> 12 & 7];
	t.vlan = (x >> 15 & 15) == 0;
	t.v6 = (x >> 19 & 31) == 0;
	t.opts = (x >> 24 & 31) == 0;
	return tp_build(f, &t);
}

/*
 * The burst's fast lane changes nothing but the cost: a random stream
 * (TCP with every flag mix, UDP, weighted, sticky and wildcard services,
 * clients coming back over several seconds, tagged, IPv6 and optioned
 * frames mixed in, then a node leaving) dispatched in bursts and packet
 * by packet gives the same verdicts, nodes, frames, counters, service
 * counts and table contents, byte for byte.
 */
static void t_burst_lane_same(void)
{
	char text[2][2048];
	struct pdt_conf *c[2];
	struct pdt_rt *rt[2];
	struct pdt_worker wb, ws;
	uint64_t r = 0x2545f4914f6cdd1dULL;
	unsigned bad = 0;

	snprintf(text[0], sizeof(text[0]), lane_conf, "1@1,1@2,1@3",
		 "1@1,1@2,1@3", "1@1,1@2,1@3");
	snprintf(text[1], sizeof(text[1]), lane_conf, "1@1,2@2", "2@1,1@2",
		 "1@1,1@2");
	for (int i = 0; i < 2; i++) {
		rt[i] = tenv_rt(text[i], &c[i]);
		CU_ASSERT_FATAL(rt[i] != NULL);
	}
	CU_ASSERT_FATAL(pdt_worker_init(&wb, 0, c[0]) == 0);
	CU_ASSERT_FATAL(pdt_worker_init(&ws, 1, c[0]) == 0);
	for (unsigned round = 0; round < 40; round++) {
		const struct pdt_rt *x = rt[round >= 24];
		uint32_t now = round / 4;
		uint8_t buf[32][128], ref[32][128], *f[32];
		uint32_t len[32], cap[32];
		enum pdt_verdict v[32];
		struct pdt_out o[32], ro;

		for (unsigned i = 0; i < 32; i++) {
			len[i] = lane_frame(buf[i], &r);
			memcpy(ref[i], buf[i], sizeof(buf[i]));
			cap[i] = sizeof(buf[i]);
			f[i] = buf[i];
		}
		pdt_dispatch_burst(&wb, x, f, len, cap, NULL, 32, now, v, o);
		for (unsigned i = 0; i < 32; i++) {
			uint32_t n = len[i];
			enum pdt_verdict rv;

			rv = pdt_dispatch(&ws, x, ref[i], &n, sizeof(ref[i]),
					  now, &ro);
			bad += rv != v[i] || n != len[i] ||
			       memcmp(ref[i], buf[i], n) ||
			       (rv == PDT_V_FORWARD && ro.node != o[i].node);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(!memcmp(wb.ctr, ws.ctr, sizeof(*wb.ctr)));
	CU_ASSERT(wb.ctr->c[PDT_CTR_CONN_HIT] > 200);
	CU_ASSERT(wb.ctr->c[PDT_CTR_CONN_STALE] > 0);
	CU_ASSERT(wb.ctr->c[PDT_CTR_AFF_HIT] > 0);
	CU_ASSERT(wb.ctr->c[PDT_CTR_IP_OPTIONS] > 0);
	CU_ASSERT(!memcmp(wb.conn4->bk, ws.conn4->bk, pdt_tab4_bytes(wb.conn4)));
	CU_ASSERT(same_tab(wb.aff, ws.aff) && same_tab(wb.conn, ws.conn));
	for (unsigned k = 0; k < rt[1]->nsvcs; k++) {
		const struct pdt_rt_svc *sv = &rt[1]->svcs[k];

		CU_ASSERT_EQUAL(sv->pkts[0].v, sv->pkts[1].v);
	}
	pdt_worker_fini(&wb);
	pdt_worker_fini(&ws);
	for (int i = 0; i < 2; i++) {
		pdt_rt_free(rt[i]);
		free(c[i]);
	}
}

/*
 * Chained frames in a burst (seg < len): a 9000-byte service frame is
 * forwarded, its headers read from the first bytes; one whose headers go
 * past them is dropped as drop_multiseg; a padded ARP request gets a
 * 60-byte reply built in its first bytes.
 */
static void t_burst_chained(void)
{
	static uint8_t big[3][9100];
	uint8_t *f[3] = { big[0], big[1], big[2] };
	uint32_t len[3], cap[3], seg[3] = { 128, 40, 64 };
	enum pdt_verdict v[3];
	struct pdt_out o[3];
	struct tp t = { .proto = 6, .src = 0xc0a80009, .dst = 0x0a000064, .sport = 5,
			.dport = 80, .flags = PDT_TCP_SYN, .payload = 8946 };
	uint64_t ms = te.w.ctr->c[PDT_CTR_D_MULTISEG];

	len[0] = tp_build(big[0], &t);
	len[1] = tp_build(big[1], &t);
	tp_arp(big[2], 0x0a000064);
	len[2] = 9000;
	for (unsigned i = 0; i < 3; i++)
		cap[i] = seg[i];
	pdt_dispatch_burst(&te.w, te.rt, f, len, cap, seg, 3, 0, v, o);
	CU_ASSERT_EQUAL(len[0], 9000);
	CU_ASSERT_EQUAL(v[0], PDT_V_FORWARD);
	CU_ASSERT_EQUAL(o[0].l3_len, 8986);
	CU_ASSERT_EQUAL(v[1], PDT_V_DROP);
	CU_ASSERT_EQUAL(te.w.ctr->c[PDT_CTR_D_MULTISEG], ms + 1);
	CU_ASSERT_EQUAL(v[2], PDT_V_REPLY);
	CU_ASSERT_EQUAL(len[2], 60);
	CU_ASSERT(big[2][20] == 0 && big[2][21] == 2);      /* ARP reply */
}

void tests_disp(void)
{
	CU_pSuite s = CU_add_suite("dispatch", setup, tenv_teardown);

	CU_add_test(s, "ARP for a shared address answered, gratuitous ARP "
		    "passed", t_arp);
	CU_add_test(s, "neighbour solicitation (and DAD) answered, checksum right",
		    t_nd);
	CU_add_test(s, "non-service traffic and the GIN's own node: exception", t_exception);
	CU_add_test(s, "IPv6 service forwarded with MAC rewrite", t_forward);
	CU_add_test(s, "malformed frames dropped and counted", t_drops);
	CU_add_test(s, "later fragments follow their first", t_fragments);
	CU_add_test(s, "IPIP encapsulation", t_ipip);
	CU_add_test(s, "burst dispatch equals packet-by-packet", t_burst);
	CU_add_test(s, "fast lane: verdicts, counters, tables as one by one",
		    t_burst_lane_same);
	CU_add_test(s, "fragments follow their first within a burst", t_burst_frag);
	CU_add_test(s, "chained frames: forwarded, dropped, answered", t_burst_chained);
	CU_add_test(s, "burst service memo: wildcard only when unshadowed",
		    t_burst_wild_memo);
}
