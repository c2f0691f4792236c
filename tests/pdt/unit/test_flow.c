// SPDX-License-Identifier: MIT
/*
 * test_flow.c - CUnit suite for pdt/flow.c on a fake clock: connections
 * survive weight changes, sticky clients keep their node across
 * connections and wildcard clients across ports, Affinity_timeout -1/0/n,
 * idle expiry, node removal re-places only that node's clients, UDP
 * affinity, the once-a-second affinity refresh of open connections, and
 * the bounded tables' eviction counters.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>

#include "pdt.h"
#include "tenv.h"
#include "tpkt.h"

static const char conf[] =
	"tcp_timeout = 100; tcp_fin_timeout = 5; udp_timeout = 50;\n"
	"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; },\n"
	"          { id = 2; mac = \"02:00:00:00:01:02\"; } );\n"
	"services = (\n"
	" { name = \"web\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 80;"
	"   policy = \"LB_WEIGHTED\"; weights = \"1@1,1@2\"; },\n"
	" { name = \"shop\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 443;"
	"   policy = \"LB_STICKY\"; weights = \"1@1,1@2\"; affinity_timeout = -1; },\n"
	" { name = \"shop0\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 444;"
	"   policy = \"LB_STICKY\"; weights = \"1@1,1@2\"; affinity_timeout = 0; },\n"
	" { name = \"ftp\"; address = \"10.0.0.101\"; protocol = \"tcp\"; port = \"*\";"
	"   policy = \"LB_STICKY_WILD\"; weights = \"1@1,1@2\"; affinity_timeout = 30; udp_affinity = true; },\n"
	" { name = \"ftpu\"; address = \"10.0.0.101\"; protocol = \"udp\"; port = \"*\";"
	"   policy = \"LB_STICKY_WILD\"; weights = \"1@1,1@2\"; affinity_timeout = 30; udp_affinity = true; }\n"
	");\n";

static int setup(void)
{
	return tenv_setup(conf);
}

static void reset(void)
{
	char err[256];

	pdt_worker_fini(&te.w);
	pdt_rt_free(te.rt);
	pdt_conf_load_string(te.c, conf, err, sizeof(err));
	te.rt = pdt_rt_build(te.c, err, sizeof(err));
	pdt_worker_init(&te.w, 0, te.c);
}

static void apply(const char *cmd)
{
	char msg[256];
	struct pdt_rt *n;

	if (pdt_cmd_apply(te.c, cmd, msg, sizeof(msg)))
		printf("%s: %s\n", cmd, msg);
	n = pdt_rt_build(te.c, msg, sizeof(msg));
	CU_ASSERT_FATAL(n != NULL);
	pdt_rt_free(te.rt);
	te.rt = n;
}

/* The node id a packet goes to (0: none). */
static uint16_t sel(uint32_t src, uint32_t dst, uint8_t proto, uint16_t sport,
		    uint16_t dport, uint8_t flags, uint32_t now)
{
	return tenv_select(src, dst, proto, sport, dport, flags, now);
}

#define VIP  0x0a000064
#define VIP2 0x0a000065
#define CL(i) (0xc0a80000u + (i))

static void t_weighted_survives(void)
{
	uint16_t n[400];
	unsigned same = 0, on2 = 0, new1 = 0;

	reset();
	for (unsigned i = 0; i < 400; i++) {
		n[i] = sel(CL(i), VIP, 6, (uint16_t)(1000 + i), 80, PDT_TCP_SYN, 0);
		on2 += n[i] == 2;
	}
	CU_ASSERT(on2 > 100 && on2 < 300);
	apply("weights web 1@1,0@2");
	for (unsigned i = 0; i < 400; i++)
		same += sel(CL(i), VIP, 6, (uint16_t)(1000 + i), 80, 0x10, 1) == n[i];
	for (unsigned i = 0; i < 400; i++)
		new1 += sel(CL(i), VIP, 6, (uint16_t)(5000 + i), 80, PDT_TCP_SYN, 1) == 1;
	CU_ASSERT_EQUAL(same, 400);
	CU_ASSERT_EQUAL(new1, 400);
}

static void t_sticky(void)
{
	unsigned bad = 0, kept = 0, on2 = 0;
	uint16_t first[100];

	reset();
	for (unsigned i = 0; i < 100; i++) {
		first[i] = sel(CL(i), VIP, 6, 2000, 443, PDT_TCP_SYN, 0);
		for (unsigned c = 1; c < 5; c++)
			bad += sel(CL(i), VIP, 6, (uint16_t)(2000 + c), 443, PDT_TCP_SYN, 0) != first[i];
		on2 += first[i] == 2;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(on2 > 20);
	apply("weights shop 1@1,0@2");
	for (unsigned i = 0; i < 100; i++) {
		sel(CL(i), VIP, 6, 2000, 443, PDT_TCP_FIN, 10);
		kept += sel(CL(i), VIP, 6, 3000, 443, PDT_TCP_SYN, 1000) == first[i];
	}
	CU_ASSERT_EQUAL(kept, 100);   /* Affinity_timeout -1 outlives weights */
}

static void t_wild(void)
{
	unsigned bad = 0;

	reset();
	for (unsigned i = 0; i < 100; i++) {
		uint16_t n = sel(CL(i), VIP2, 6, 40000, 21, PDT_TCP_SYN, 0);

		for (unsigned p = 0; p < 10; p++)
			bad += sel(CL(i), VIP2, 6, (uint16_t)(40001 + p), (uint16_t)(30000 + p),
				   PDT_TCP_SYN, 0) != n;
		bad += sel(CL(i), VIP2, 17, 5000, 69, 0, 0) != n;   /* UDP_affinity */
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* A client of node x whose affinity decides once x has weight 0. */
static void t_affinity_timeout(void)
{
	uint32_t c = CL(7);
	uint16_t x, y;
	char cmd[64];

	reset();
	x = sel(c, VIP2, 6, 1, 21, PDT_TCP_SYN, 0);
	y = x == 1 ? 2 : 1;
	snprintf(cmd, sizeof(cmd), "weights ftp 0@%u,1@%u", x, y);
	apply(cmd);
	CU_ASSERT_EQUAL(sel(c, VIP2, 6, 2, 21, PDT_TCP_SYN, 1), x);   /* open */
	sel(c, VIP2, 6, 1, 21, PDT_TCP_FIN, 2);
	sel(c, VIP2, 6, 2, 21, PDT_TCP_RST, 3);                      /* last closed */
	CU_ASSERT_EQUAL(sel(c, VIP2, 6, 3, 21, PDT_TCP_SYN, 20), x); /* within 30 s */
	sel(c, VIP2, 6, 3, 21, PDT_TCP_FIN, 21);
	CU_ASSERT_EQUAL(sel(c, VIP2, 6, 4, 21, PDT_TCP_SYN, 52), y); /* 31 s later */

	/* Affinity_timeout 0: only while connections are open. */
	x = sel(c, VIP, 6, 1, 444, PDT_TCP_SYN, 100);
	y = x == 1 ? 2 : 1;
	snprintf(cmd, sizeof(cmd), "weights shop0 0@%u,1@%u", x, y);
	apply(cmd);
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 2, 444, PDT_TCP_SYN, 101), x);
	sel(c, VIP, 6, 1, 444, PDT_TCP_FIN, 102);
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 3, 444, PDT_TCP_SYN, 103), x);
	sel(c, VIP, 6, 2, 444, PDT_TCP_FIN, 104);
	sel(c, VIP, 6, 3, 444, PDT_TCP_FIN, 104);
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 4, 444, PDT_TCP_SYN, 104), y);
}

static void t_idle_expiry(void)
{
	uint32_t c = CL(9);
	uint16_t x, y;
	char cmd[64];

	reset();
	x = sel(c, VIP, 6, 7, 80, PDT_TCP_SYN, 0);
	y = x == 1 ? 2 : 1;
	snprintf(cmd, sizeof(cmd), "weights web 0@%u,1@%u", x, y);
	apply(cmd);
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 7, 80, 0x10, 99), x);
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 7, 80, 0x10, 198), x);
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 7, 80, 0x10, 298), y);   /* idle 100 s */
	x = sel(c, VIP, 6, 8, 80, PDT_TCP_SYN, 300);
	sel(c, VIP, 6, 8, 80, PDT_TCP_FIN, 301);
	apply("weights web 1@1,1@2");
	snprintf(cmd, sizeof(cmd), "weights web 0@%u,1@%u", x, x == 1 ? 2 : 1);
	apply(cmd);
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 8, 80, 0x10, 305), x);  /* FIN + 4 s */
	CU_ASSERT_NOT_EQUAL(sel(c, VIP, 6, 8, 80, 0x10, 307), x);
}

static void t_node_removal(void)
{
	uint16_t n[300];
	unsigned moved_from1 = 0, to1 = 0;
	uint64_t stale0;

	reset();
	for (unsigned i = 0; i < 300; i++)
		n[i] = sel(CL(i), VIP, 6, 100, 80, PDT_TCP_SYN, 0);
	stale0 = te.w.ctr->c[PDT_CTR_CONN_STALE];
	apply("online web 1");
	for (unsigned i = 0; i < 300; i++) {
		uint16_t m = sel(CL(i), VIP, 6, 100, 80, 0x10, 1);

		moved_from1 += n[i] == 1 && m != 1;
		to1 += m == 1;
	}
	CU_ASSERT_EQUAL(moved_from1, 0);
	CU_ASSERT_EQUAL(to1, 300);
	CU_ASSERT(te.w.ctr->c[PDT_CTR_CONN_STALE] > stale0);
	apply("node-del 2");
	CU_ASSERT_EQUAL(sel(CL(1), VIP, 6, 100, 80, 0x10, 2), 1);
}

/* The affinity entry of client c for the sticky service "shop" (port 443). */
static struct pdt_ent *aff_of(uint32_t c, uint32_t now)
{
	struct tp t = { .proto = 6, .src = c, .dst = VIP, .sport = 1, .dport = 443 };
	struct pdt_fkeys k;
	struct pdt_pkt p;
	uint8_t f[256];

	pdt_parse(f, tp_build(f, &t), &p);
	pdt_flow_keys(pdt_rt_lookup(te.rt, p.dst, 6, 443), &p, &k);
	return pdt_tab_find(te.w.aff, &k.ak, k.ah, now);
}

/*
 * IPv4 keys built from the addresses' words: the IPv4 connection table's
 * key (addresses, ports, protocol), the affinity key's 40-byte layout
 * (mapped source, mapped destination, port/tag word) and the two-word
 * hashes, as for any other address family's fields.
 */
static void t_keys_v4(void)
{
	struct tp t = { .proto = 6, .src = CL(7), .dst = VIP, .sport = 4321, .dport = 443 };
	struct pdt_fkeys k;
	struct pdt_key ck, ak;
	struct pdt_pkt p;
	uint8_t f[256];
	uint32_t sa, da;
	uint64_t wc = 443ULL << 16 | 1ULL << 40 | 4321 | 6ULL << 32;
	uint64_t wa = 443ULL << 16 | 2ULL << 40;
	uint64_t pp = 4321 | 443ULL << 16 | 6ULL << 32;

	pdt_parse(f, tp_build(f, &t), &p);
	pdt_flow_keys(pdt_rt_lookup(te.rt, p.dst, 6, 443), &p, &k);
	memcpy(ck.b, p.src, 16);
	memcpy(ck.b + 16, p.dst, 16);
	memcpy(ck.b + 32, &wc, 8);     /* the general key's layout */
	ak = ck;
	memcpy(ak.b + 32, &wa, 8);
	memcpy(&sa, p.src + 12, 4);
	memcpy(&da, p.dst + 12, 4);
	CU_ASSERT(k.aff && !k.aff_pf);          /* sticky; a plain ACK */
	CU_ASSERT(k.v4 && k.c4.src == sa && k.c4.dst == da && k.c4.proto == 6);
	CU_ASSERT_EQUAL(k.c4.ports, 4321u | 443u << 16);
	CU_ASSERT(!memcmp(&k.ak, &ak, sizeof(ak)));
	CU_ASSERT_EQUAL(k.ch, pdt_c4_hash(sa | (uint64_t)da << 32, pp));
	CU_ASSERT_EQUAL(k.ah, pdt_hash_words(sa | (uint64_t)da << 32, wa, 2));
}

/*
 * The burst's fast lane keys a plain packet as pdt_flow_keys() does, and
 * declines (general path) a sticky service's SYN, FIN, RST or UDP packet,
 * which reads the client's affinity entry.
 */
static void t_keys4_lane(void)
{
	struct tp t = { .proto = 6, .src = CL(8), .dst = VIP, .sport = 999,
			.dport = 443, .flags = 0x10 };
	static const uint8_t ev[] = { PDT_TCP_SYN, PDT_TCP_FIN, PDT_TCP_RST };
	const struct pdt_rt_svc *s;
	struct pdt_fkeys k, k4;
	struct pdt_pkt p;
	struct pdt_v4 q;
	uint8_t f[256];
	uint32_t n = tp_build(f, &t);

	CU_ASSERT_FATAL(pdt_parse_v4(f, n, n, &q));
	pdt_parse(f, n, &p);
	s = pdt_rt_lookup(te.rt, p.dst, 6, 443);
	pdt_flow_keys(s, &p, &k);
	CU_ASSERT_FATAL(pdt_flow_keys4(s, &q, &k4));
	CU_ASSERT(k4.v4 && k4.aff && !k4.aff_pf);
	CU_ASSERT(k4.c4.src == k.c4.src && k4.c4.dst == k.c4.dst &&
		  k4.c4.ports == k.c4.ports && k4.c4.proto == k.c4.proto);
	CU_ASSERT_EQUAL(k4.ch, k.ch);
	for (unsigned i = 0; i < 3; i++) {
		t.flags = ev[i] | 0x10;
		n = tp_build(f, &t);
		CU_ASSERT_FATAL(pdt_parse_v4(f, n, n, &q));
		CU_ASSERT(!pdt_flow_keys4(s, &q, &k4));
	}
	t.flags = PDT_TCP_SYN;
	t.dport = 80;                   /* weighted: the lane takes a SYN */
	n = tp_build(f, &t);
	pdt_parse(f, n, &p);
	s = pdt_rt_lookup(te.rt, p.dst, 6, 80);
	CU_ASSERT_FATAL(s != NULL && pdt_parse_v4(f, n, n, &q));
	CU_ASSERT(pdt_flow_keys4(s, &q, &k4) && !k4.aff);
}

/*
 * Ordinary packets of an open connection refresh the client's affinity
 * once a second (not per packet): the expiry still follows the clock,
 * and an affinity entry lost meanwhile is rebuilt by the next second.
 */
static void t_affinity_refresh(void)
{
	uint32_t c = CL(11);
	struct pdt_ent *a;
	uint16_t x;

	reset();
	x = sel(c, VIP, 6, 5, 443, PDT_TCP_SYN, 10);
	for (unsigned i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(sel(c, VIP, 6, 5, 443, 0x10, 10), x);
	a = aff_of(c, 10);
	CU_ASSERT_FATAL(a != NULL);
	CU_ASSERT_EQUAL(a->nconn, 1);
	a->expire = 0;                 /* as if refreshed long ago */
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 5, 443, 0x10, 10), x);
	CU_ASSERT_EQUAL(a->expire, 0); /* same second: no second lookup */
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 5, 443, 0x10, 11), x);
	a = aff_of(c, 11);
	CU_ASSERT_FATAL(a != NULL);
	CU_ASSERT_EQUAL(a->expire, PDT_NEVER);   /* shop: Affinity_timeout -1 */
	pdt_tab_del(te.w.aff, a);         /* evicted */
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 5, 443, 0x10, 11), x);
	CU_ASSERT_PTR_NULL(aff_of(c, 11));
	CU_ASSERT_EQUAL(sel(c, VIP, 6, 5, 443, 0x10, 12), x);
	a = aff_of(c, 12);
	CU_ASSERT_FATAL(a != NULL);   /* rebuilt by the next second */
	CU_ASSERT_EQUAL(a->node, x);
	CU_ASSERT_EQUAL(a->nconn, 1);
	sel(c, VIP, 6, 5, 443, PDT_TCP_FIN, 12);   /* events are never skipped */
	CU_ASSERT_EQUAL(aff_of(c, 12)->nconn, 0);
}

static void t_eviction(void)
{
	struct pdt_conf *c = malloc(sizeof(*c));
	char err[256], small[2048];
	struct pdt_worker w;

	snprintf(small, sizeof(small), "conn_table_size = 8; affinity_table_size = 8;\n%s", conf);
	CU_ASSERT_FATAL(pdt_conf_load_string(c, small, err, sizeof(err)) == 0);
	CU_ASSERT_FATAL(pdt_worker_init(&w, 0, c) == 0);
	reset();
	for (unsigned i = 0; i < 100; i++) {
		struct tp t = { .proto = 6, .src = CL(i), .dst = VIP, .sport = 9,
				.dport = 443, .flags = PDT_TCP_SYN };
		struct pdt_pkt p;
		uint8_t f[128];

		pdt_parse(f, tp_build(f, &t), &p);
		pdt_flow_select(&w, te.rt, pdt_rt_lookup(te.rt, p.dst, 6, 443), &p, 0);
	}
	CU_ASSERT_EQUAL(w.conn4->capacity, 24);     /* 4 buckets of 3, doubled */
	CU_ASSERT(w.conn4->count <= 24);
	CU_ASSERT_EQUAL(w.conn4->count + w.conn4->evictions, 100);
	CU_ASSERT_EQUAL(w.conn->count, 0);
	CU_ASSERT_EQUAL(w.aff->evictions, 92);
	pdt_worker_fini(&w);
	free(c);
}

void tests_flow(void)
{
	CU_pSuite s = CU_add_suite("flow", setup, tenv_teardown);

	CU_add_test(s, "weighted: flows survive a weight change", t_weighted_survives);
	CU_add_test(s, "sticky: one node across connections and weight changes", t_sticky);
	CU_add_test(s, "wildcard: one node across ports, UDP affinity", t_wild);
	CU_add_test(s, "Affinity_timeout n and 0", t_affinity_timeout);
	CU_add_test(s, "idle and FIN expiry of connections", t_idle_expiry);
	CU_add_test(s, "node removal re-places only its clients", t_node_removal);
	CU_add_test(s, "affinity refreshed once a second, rebuilt", t_affinity_refresh);
	CU_add_test(s, "bounded tables count evictions", t_eviction);
	CU_add_test(s, "IPv4 flow keys and hashes from the address words", t_keys_v4);
	CU_add_test(s, "fast lane keys as the general path, not affinity events",
		    t_keys4_lane);
}
