// SPDX-License-Identifier: MIT
/*
 * bench.c - pdt-bench: the dispatcher's cost per packet against a MAC-swap
 * loop over the same pre-built bursts, in the same process and run (used
 * by tests/bench/pdt-bench.sh; not installed).
 *
 * For each policy (weighted, sticky, wildcard sticky) and client count
 * (1 k, 1 M by default), it builds one TCP packet per (client, flow) in a
 * contiguous arena (64-byte frames, like the real mbufs' data), warms the
 * connection and affinity tables with one pass, then times bursts of 32:
 * pdt_dispatch() plus the MAC rewrite, and separately a loop that only
 * swaps the two MACs. Prints ns/packet for both and their ratio.
 * Usage: pdt-bench [CLIENTS...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdt.h"

#define BURST 32
#define FRAME 64

static const char conf_fmt[] =
	"conn_table_size = %u; affinity_table_size = %u;\n"
	"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; }, { id = 2; mac = \"02:00:00:00:01:02\"; },\n"
	"          { id = 3; mac = \"02:00:00:00:01:03\"; }, { id = 4; mac = \"02:00:00:00:01:04\"; } );\n"
	"services = (\n"
	" { name = \"w\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 80; policy = \"LB_WEIGHTED\"; weights = \"3@1,1@2,2@3,2@4\"; },\n"
	" { name = \"s\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 443; policy = \"LB_STICKY\"; weights = \"3@1,1@2,2@3,2@4\"; affinity_timeout = 60; },\n"
	" { name = \"x\"; address = \"10.0.0.101\"; protocol = \"tcp\"; port = \"*\"; policy = \"LB_STICKY_WILD\"; weights = \"3@1,1@2,2@3,2@4\"; affinity_timeout = 60; } );\n";

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* An Ethernet/IPv4/TCP ACK from client c to the service of policy pol. */
static void build(uint8_t *f, uint32_t c, unsigned flow, enum pdt_policy pol)
{
	static const uint8_t hdr[] = {
		2, 0, 0, 0, 0, 0xaa, 2, 0, 0, 0, 0, 0xcc, 0x08, 0x00,
		0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0,
		0, 0, 0, 0, 10, 0, 0, 100 };
	uint16_t sp = (uint16_t)(1024 + (c * 7 + flow * 131) % 60000), dp;

	memset(f, 0, FRAME);
	memcpy(f, hdr, sizeof(hdr));
	f[26] = (uint8_t)(172 + (c >> 24 & 3));
	f[27] = (uint8_t)(c >> 16);
	f[28] = (uint8_t)(c >> 8);
	f[29] = (uint8_t)c;
	dp = pol == PDT_LB_WEIGHTED ? 80 : pol == PDT_LB_STICKY ? 443 : (uint16_t)(2000 + flow);
	if (pol == PDT_LB_STICKY_WILD)
		f[33] = 101;
	f[34] = (uint8_t)(sp >> 8);
	f[35] = (uint8_t)sp;
	f[36] = (uint8_t)(dp >> 8);
	f[37] = (uint8_t)dp;
	f[46] = 0x50;
	f[47] = 0x10;
}

static void macswap(uint8_t *f)
{
	uint8_t t[6];

	memcpy(t, f, 6);
	memcpy(f, f + 6, 6);
	memcpy(f + 6, t, 6);
}

static uint64_t sink;

static double run_pdt(struct pdt_worker *w, const struct pdt_rt *rt, uint8_t *a,
		      size_t n, size_t total)
{
	double t0 = now_ns();

	for (size_t done = 0, i = 0; done < total; done += BURST) {
		uint8_t *f[BURST];
		uint32_t len[BURST], cap[BURST];
		enum pdt_verdict v[BURST];
		struct pdt_out o[BURST];

		for (unsigned k = 0; k < BURST; k++, i = i + 1 == n ? 0 : i + 1) {
			f[k] = a + i * FRAME;
			len[k] = 54;
			cap[k] = FRAME;
		}
		pdt_dispatch_burst(w, rt, f, len, cap, BURST, 1, v, o);
		for (unsigned k = 0; k < BURST; k++) {
			if (v[k] == PDT_V_FORWARD)
				pdt_fwd_mac(f[k], o[k].node->mac, rt->fwd_mac);
			sink += f[k][0];
		}
	}
	return (now_ns() - t0) / (double)total;
}

static double run_swap(uint8_t *a, size_t n, size_t total)
{
	double t0 = now_ns();

	for (size_t done = 0, i = 0; done < total; done += BURST) {
		for (unsigned k = 0; k < BURST; k++, i = i + 1 == n ? 0 : i + 1) {
			uint8_t *f = a + i * FRAME;

			macswap(f);
			sink += f[0];
		}
	}
	return (now_ns() - t0) / (double)total;
}

static int bench(uint32_t clients, enum pdt_policy pol, const char *name)
{
	size_t n = clients < 4096 ? 4096 : clients, total = n < 8000000 ? 8000000 : n * 4;
	uint32_t cap = (uint32_t)(n * 4);
	char text[4096], err[256];
	struct pdt_conf *c = malloc(sizeof(*c));
	uint8_t *a = aligned_alloc(64, n * FRAME);
	struct pdt_worker w;
	struct pdt_rt *rt;
	double tp, ts;

	snprintf(text, sizeof(text), conf_fmt, cap, cap);
	if (!c || !a || pdt_conf_load_string(c, text, err, sizeof(err)) ||
	    !(rt = pdt_rt_build(c, err, sizeof(err))) || pdt_worker_init(&w, 0, c)) {
		fprintf(stderr, "pdt-bench: set-up failed: %s\n", err);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		build(a + i * FRAME, (uint32_t)(i % clients), (unsigned)(i / clients), pol);
	run_pdt(&w, rt, a, n, n);            /* warm the tables */
	ts = run_swap(a, n, total);
	tp = run_pdt(&w, rt, a, n, total);
	ts = (ts + run_swap(a, n, total)) / 2;
	printf("dispatch %-15s clients %8u: pdt %6.1f ns/pkt, macswap %5.1f ns/pkt, ratio %5.2f"
	       " (conn entries %lu, evictions %lu)\n", name, clients, tp, ts, tp / ts,
	       (unsigned long)w.conn->count, (unsigned long)w.conn->evictions);
	pdt_worker_fini(&w);
	pdt_rt_free(rt);
	free(a);
	free(c);
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "LB_WEIGHTED", "LB_STICKY", "LB_STICKY_WILD" };
	uint32_t def[] = { 1000, 1000000 }, cl[8];
	int nc = 0;

	for (int i = 1; i < argc && nc < 8; i++)
		cl[nc++] = (uint32_t)strtoul(argv[i], NULL, 10);
	if (!nc) {
		memcpy(cl, def, sizeof(def));
		nc = 2;
	}
	for (int i = 0; i < nc; i++)
		for (int p = 0; p < 3; p++)
			if (bench(cl[i], (enum pdt_policy)p, names[p]))
				return 1;
	return sink == 42 ? 2 : 0;
}
