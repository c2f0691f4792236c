// SPDX-License-Identifier: MIT
/*
 * test_frag.c - CUnit suite for fragments in any order (pdt/frag.c,
 * pdt/fraghold.c, disp.c): one UDP datagram in three fragments sent as
 * 400, 800, 0 (and every other order), IPv4 and IPv6, reaches one node
 * whole: under the sticky policies by the client address alone, under
 * LB_WEIGHTED through the per-worker holding buffer, released when the
 * first fragment has chosen the node; the buffer's cap and deadline
 * counted (drop_frag_overflow, drop_frag_expired).
 */
#include <CUnit/CUnit.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pdt.h"
#include "tenv.h"
#include "tpkt.h"

static const char conf[] =
	"frag_timeout = 2; frag_hold = 8;\n"
	"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; },\n"
	"          { id = 2; mac = \"02:00:00:00:01:02\"; },\n"
	"          { id = 3; mac = \"02:00:00:00:01:03\"; } );\n"
	"services = (\n"
	" { name = \"dns\"; address = \"10.0.0.100\"; protocol = \"udp\"; port = 53;"
	"   policy = \"LB_WEIGHTED\"; weights = \"1@1,1@2,1@3\"; },\n"
	" { name = \"dns6\"; address = \"2001:db8::64\"; protocol = \"udp\"; port = 53;"
	"   policy = \"LB_WEIGHTED\"; weights = \"1@1,1@2,1@3\"; },\n"
	" { name = \"st\"; address = \"10.0.0.101\"; port_list = \"53/udp,54/udp\";"
	"   policy = \"LB_STICKY\"; weights = \"1@1,1@2,1@3\"; },\n"
	" { name = \"st6\"; address = \"2001:db8::65\"; protocol = \"udp\"; port = 53;"
	"   policy = \"LB_STICKY\"; weights = \"1@1,1@2,1@3\"; },\n"
	" { name = \"wi\"; address = \"10.0.0.102\"; port_list = \"*/udp\";"
	"   policy = \"LB_STICKY_WILD\"; weights = \"1@1,1@2,1@3\"; },\n"
	" { name = \"two1\"; address = \"10.0.0.103\"; port_list = \"53/udp\";"
	"   policy = \"LB_STICKY\"; weights = \"1@1\"; },\n"
	" { name = \"two2\"; address = \"10.0.0.103\"; port_list = \"54/udp\";"
	"   policy = \"LB_STICKY\"; weights = \"1@2\"; },\n"
	" { name = \"sa\"; address = \"10.0.0.104\"; port_list = \"5000/tcp,53/udp\";"
	"   policy = \"LB_STICKY\"; weights = \"1@1,1@2,1@3\"; udp_affinity = true; } );\n";

static int setup(void)
{
	return tenv_setup(conf);
}

/* Fragment k (0, 1, 2: offsets 0, 400, 800 bytes) of client c's datagram. */
static uint32_t frag(uint8_t *f, int v6, uint32_t dst, uint32_t c, uint32_t id, int k)
{
	struct tp t = { .v6 = v6, .proto = 17, .src = c, .dst = dst, .sport = 5353,
			.dport = 53, .id = id, .mf = k < 2, .frag_off = (uint16_t)(k * 50),
			.payload = 8 };

	return tp_build(f, &t);
}

static uint16_t got[3];
static unsigned nfwd;

static void note(enum pdt_verdict v, const struct pdt_out *o, unsigned k)
{
	if (v == PDT_V_FORWARD) {
		got[k] = o->node->id;
		nfwd++;
	}
}

/* Releases and expiries of the holding buffer at time now. */
static void poll(uint32_t now)
{
	void *pkt[16];
	enum pdt_verdict v[16];
	struct pdt_out o[16];
	unsigned n;

	while ((n = pdt_fraghold_poll(&te.w, te.rt, now, pkt, v, o, 16)) > 0)
		for (unsigned i = 0; i < n; i++)
			note(v[i], &o[i], (unsigned)((uintptr_t)pkt[i] - 1));
}

/* One datagram in the fragment order ord[]; true when whole on one node. */
static bool send_order(int v6, uint32_t dst, uint32_t c, uint32_t id, const int *ord,
		       uint32_t now)
{
	uint8_t f[256];
	struct pdt_out o;

	nfwd = 0;
	memset(got, 0, sizeof(got));
	for (int i = 0; i < 3; i++) {
		uint32_t n = frag(f, v6, dst, c, id, ord[i]);
		enum pdt_verdict v = pdt_dispatch(&te.w, te.rt, f, &n, sizeof(f), now, &o);

		if (v == PDT_V_HOLD)
			CU_ASSERT_PTR_NULL(pdt_fraghold_add(&te.w, te.rt, f, n,
				(void *)(uintptr_t)(ord[i] + 1), now));
		note(v, &o, (unsigned)ord[i]);
		poll(now);
	}
	return nfwd == 3 && got[0] && got[0] == got[1] && got[1] == got[2];
}

static const int orders[6][3] = {
	{ 1, 2, 0 }, { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 2, 0, 1 }, { 2, 1, 0 },
};

/* The reproduction first, then every order, for 200 clients. */
static void run_policy(int v6, uint32_t dst, const char *what)
{
	unsigned bad = 0, nodes = 0;
	uint16_t seen[4] = { 0 };

	CU_ASSERT(send_order(v6, dst, 0xc0a80001, 77, orders[0], 0));
	printf("\n    %s: 400, 800, 0 -> %u of 3 forwarded ", what, nfwd);
	for (uint32_t c = 0; c < 200; c++)
		for (int o = 0; o < 6; o++) {
			bad += !send_order(v6, dst, 0xc0a90000 + c, 1000 + c * 8 + (uint32_t)o,
					   orders[o], 0);
			seen[got[0] & 3] = 1;
		}
	for (int i = 1; i < 4; i++)
		nodes += seen[i];
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(nodes, 3);
}

static void t_sticky_v4(void) { run_policy(0, 0x0a000065, "LB_STICKY IPv4"); }
static void t_sticky_v6(void) { run_policy(1, 0x65, "LB_STICKY IPv6"); }
static void t_wild_v4(void) { run_policy(0, 0x0a000066, "LB_STICKY_WILD IPv4"); }
static void t_weighted_v4(void) { run_policy(0, 0x0a000064, "LB_WEIGHTED IPv4"); }
static void t_weighted_v6(void) { run_policy(1, 0x64, "LB_WEIGHTED IPv6"); }

/*
 * Two sticky services on one address and protocol: a later fragment
 * cannot tell which, so it waits for its first like an LB_WEIGHTED one
 * (and follows it: port 54 is two2's, on node 2 only).
 */
static void t_ambiguous(void)
{
	uint8_t f[256];
	struct pdt_out o;
	uint64_t held = te.w.ctr->c[PDT_CTR_FRAG_HELD];
	uint32_t n = frag(f, 0, 0x0a000067, 0xc0a80002, 99, 2);
	struct tp t = { .proto = 17, .src = 0xc0a80002, .dst = 0x0a000067, .sport = 1,
			.dport = 54, .id = 99, .mf = 1 };

	CU_ASSERT_EQUAL(pdt_dispatch(&te.w, te.rt, f, &n, sizeof(f), 0, &o), PDT_V_HOLD);
	CU_ASSERT_PTR_NULL(pdt_fraghold_add(&te.w, te.rt, f, n, (void *)(uintptr_t)3, 0));
	CU_ASSERT_EQUAL(te.w.ctr->c[PDT_CTR_FRAG_HELD], held + 1);
	nfwd = 0;
	poll(0);
	CU_ASSERT_EQUAL(nfwd, 0);                /* no first yet */
	n = tp_build(f, &t);
	CU_ASSERT_EQUAL(pdt_dispatch(&te.w, te.rt, f, &n, sizeof(f), 0, &o), PDT_V_FORWARD);
	CU_ASSERT_EQUAL(o.node->id, 2);
	poll(0);
	CU_ASSERT_EQUAL(nfwd, 1);
	CU_ASSERT_EQUAL(got[2], 2);
}

/*
 * The buffer's bounds (frag_hold = 8, frag_timeout = 2): twelve orphans
 * push the four oldest out (handed back, drop_frag_overflow); the other
 * eight wait until the clock passes their deadline (drop_frag_expired).
 * Orphans are not looked at again while no first fragment comes.
 */
static void t_bounds(void)
{
	uint64_t ov = te.w.ctr->c[PDT_CTR_D_FRAG_OVERFLOW];
	uint64_t ex = te.w.ctr->c[PDT_CTR_D_FRAG_EXPIRED];
	unsigned pushed = 0, order_ok = 1, n;
	void *pkt[16];
	enum pdt_verdict v[16];
	struct pdt_out o[16];
	uint8_t f[256];

	for (uint32_t i = 0; i < 12; i++) {
		uint32_t len = frag(f, i & 1, i & 1 ? 0x64 : 0x0a000064, 0xc0aa0000 + i, 500 + i, 1);
		void *out = pdt_fraghold_add(&te.w, te.rt, f, len, (void *)(uintptr_t)(i + 1), 10);

		if (out) {
			order_ok &= (uintptr_t)out == ++pushed;
		}
	}
	CU_ASSERT_EQUAL(pushed, 4);
	CU_ASSERT(order_ok);
	CU_ASSERT_EQUAL(te.w.ctr->c[PDT_CTR_D_FRAG_OVERFLOW], ov + 4);
	CU_ASSERT_EQUAL(pdt_fraghold_poll(&te.w, te.rt, 12, pkt, v, o, 16), 0);
	n = pdt_fraghold_poll(&te.w, te.rt, 13, pkt, v, o, 5);
	CU_ASSERT_EQUAL(n, 5);
	n += pdt_fraghold_poll(&te.w, te.rt, 13, pkt + 5, v + 5, o + 5, 11);
	CU_ASSERT_EQUAL(n, 8);
	for (unsigned i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(v[i], PDT_V_DROP);
		CU_ASSERT_EQUAL((uintptr_t)pkt[i], 5 + i);
	}
	CU_ASSERT_EQUAL(te.w.ctr->c[PDT_CTR_D_FRAG_EXPIRED], ex + 8);
	CU_ASSERT_EQUAL(pdt_fraghold_drain(&te.w, pkt, 16), 0);
}

/* Early fragments and their first in one burst: released after it. */
static void t_burst(void)
{
	uint8_t buf[6][256], *f[6];
	uint32_t len[6], cap[6];
	enum pdt_verdict v[6];
	struct pdt_out o[6];
	unsigned held = 0;

	for (unsigned i = 0; i < 6; i++) {
		len[i] = frag(buf[i], 0, 0x0a000064, 0xc0ab0000 + i / 3, 700 + i / 3,
			      (int)orders[0][i % 3]);
		cap[i] = sizeof(buf[i]);
		f[i] = buf[i];
	}
	pdt_dispatch_burst(&te.w, te.rt, f, len, cap, NULL, 6, 0, v, o);
	for (unsigned i = 0; i < 6; i++)
		if (v[i] == PDT_V_HOLD) {
			CU_ASSERT_PTR_NULL(pdt_fraghold_add(&te.w, te.rt, f[i], len[i],
						(void *)(uintptr_t)(i + 1), 0));
			held++;
		}
	CU_ASSERT_EQUAL(held, 4);
	CU_ASSERT(v[2] == PDT_V_FORWARD && v[5] == PDT_V_FORWARD);
	{
		void *pkt[8];
		enum pdt_verdict rv[8];
		struct pdt_out ro[8];
		unsigned n = pdt_fraghold_poll(&te.w, te.rt, 0, pkt, rv, ro, 8);

		CU_ASSERT_EQUAL(n, 4);
		for (unsigned i = 0; i < n; i++) {
			unsigned k = (unsigned)(uintptr_t)pkt[i] - 1;

			CU_ASSERT_EQUAL(rv[i], PDT_V_FORWARD);
			CU_ASSERT_PTR_EQUAL(ro[i].node, o[k / 3 * 3 + 2].node);
			CU_ASSERT_EQUAL(ro[i].l3_len, len[k] - 14);
		}
	}
}

/*
 * UDP_affinity across the list, fragments included: clients open TCP
 * 5000, the weights change, then their UDP datagrams to 53 come in
 * fragments in every order: each whole on the client's TCP node.
 */
static void t_sticky_after_change(void)
{
	static uint16_t tcp[200];
	unsigned bad = 0, moved = 0;
	char msg[256];
	struct pdt_rt *n;
	uint8_t f[256];
	struct pdt_out o;

	for (uint32_t c = 0; c < 200; c++) {
		struct tp t = { .proto = 6, .src = 0xc0ac0000 + c, .dst = 0x0a000068,
				.sport = 999, .dport = 5000, .flags = PDT_TCP_SYN };
		uint32_t len = tp_build(f, &t);

		CU_ASSERT_FATAL(pdt_dispatch(&te.w, te.rt, f, &len, sizeof(f), 0, &o) == PDT_V_FORWARD);
		tcp[c] = o.node->id;
	}
	CU_ASSERT_FATAL(pdt_cmd_apply(te.c, "weights sa 1@1,1@2,8@3", msg, sizeof(msg)) == 0);
	n = pdt_rt_build(te.c, msg, sizeof(msg));
	CU_ASSERT_FATAL(n != NULL);
	pdt_rt_free(te.rt);
	te.rt = n;
	for (uint32_t c = 0; c < 200; c++)
		for (int k = 0; k < 6; k++) {
			bad += !send_order(0, 0x0a000068, 0xc0ac0000 + c, 3000 + c * 8 + (uint32_t)k,
					   orders[k], 1);
			moved += got[0] != tcp[c];
		}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(moved, 0);
}

void tests_frag(void)
{
	CU_pSuite s = CU_add_suite("fragments in any order", setup, tenv_teardown);

	CU_add_test(s, "LB_STICKY IPv4: every order, one node", t_sticky_v4);
	CU_add_test(s, "LB_STICKY IPv6: every order, one node", t_sticky_v6);
	CU_add_test(s, "LB_STICKY_WILD IPv4: every order, one node", t_wild_v4);
	CU_add_test(s, "LB_WEIGHTED IPv4: every order, held then released", t_weighted_v4);
	CU_add_test(s, "LB_WEIGHTED IPv6: every order, held then released", t_weighted_v6);
	CU_add_test(s, "two services on one address: later fragments wait", t_ambiguous);
	CU_add_test(s, "holding buffer: overflow and expiry counted", t_bounds);
	CU_add_test(s, "burst: early fragments released after their first", t_burst);
	CU_add_test(s, "sticky fragments follow the TCP node after a weight change",
		    t_sticky_after_change);
}
