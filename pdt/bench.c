// SPDX-License-Identifier: MIT
/*
 * bench.c - pdt-bench: the dispatcher's cost per packet against a MAC-swap
 * loop over the same pre-built bursts, in the same process and run (used
 * by tests/bench/pdt-bench.sh; not installed).
 *
 * For each policy (weighted, sticky, wildcard sticky) and client count
 * (1 k, 1 M by default), it builds one TCP ACK per (client, flow), at
 * least 4096 packets, and lays them out like received mbufs: one frame
 * per slot of STRIDE bytes (2304, a DPDK mbuf pool element: 128-byte
 * rte_mbuf, 128-byte headroom, 2048-byte data room), in an arena of at
 * least MIN_MB (256) MiB, eight times this machine's 32 MiB L3, so the
 * headers are in memory, not in cache, when a burst starts (slot s holds
 * packet s mod packets). The arena is backed by transparent huge pages
 * when the kernel allows (as DPDK's mbufs are on hugepages). The slots
 * are visited in a fixed random order, as an mbuf ring hands them out,
 * so no stride prefetcher guesses the next one.
 *
 * Both timed loops then take the same bursts of 32 slots in the same
 * order, and both start a burst by prefetching its 32 headers (what the
 * worker does after rte_eth_rx_burst, and the best case for the swap):
 *   pdt      pdt_dispatch_burst() (connection table on, warmed by one
 *            untimed pass; affinity table for the sticky policies) and
 *            the MAC rewrite towards the chosen node;
 *   macswap  swaps the two MAC addresses of each frame (testpmd's
 *            --forward-mode=macswap without the rx/tx around it).
 * So the baseline includes the memory cost of reading and writing each
 * header, and nothing else; the difference is the dispatcher's own work
 * (parsing, hashing, the service, connection and affinity lookups and
 * their cache misses, counters). Prints both ns/packet and their ratio.
 * Usage: pdt-bench [-s STRIDE] [-m MIN_MB] [-n PACKETS_PER_LOOP] [-p POLICY]
 *        [CLIENTS...]   (-p 0, 1 or 2: that policy alone, for profiling)
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "pdt.h"

#define BURST 32
#define FRAME 64
#define DATA_OFF 256           /* rte_mbuf + headroom before the frame */
#define HUGE (2u << 20)        /* a transparent huge page */

static size_t stride = 2304;
static size_t min_mb = 256;
static size_t want_total;      /* -n: packets per timed loop */

static const char conf_fmt[] =
	"conn_table_size = %u; affinity_table_size = %u;\n"
	"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; },\n"
	"          { id = 2; mac = \"02:00:00:00:01:02\"; },\n"
	"          { id = 3; mac = \"02:00:00:00:01:03\"; },\n"
	"          { id = 4; mac = \"02:00:00:00:01:04\"; } );\n"
	"services = (\n"
	" { name = \"w\"; address = \"10.0.0.100\";\n"
	"   protocol = \"tcp\"; port = 80;\n"
	"   policy = \"LB_WEIGHTED\"; weights = \"3@1,1@2,2@3,2@4\"; },\n"
	" { name = \"s\"; address = \"10.0.0.100\";\n"
	"   protocol = \"tcp\"; port = 443;\n"
	"   policy = \"LB_STICKY\"; weights = \"3@1,1@2,2@3,2@4\";\n"
	"   affinity_timeout = 60; },\n"
	" { name = \"x\"; address = \"10.0.0.101\";\n"
	"   protocol = \"tcp\"; port = \"*\";\n"
	"   policy = \"LB_STICKY_WILD\"; weights = \"3@1,1@2,2@3,2@4\";\n"
	"   affinity_timeout = 60; } );\n";

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
	dp = pol == PDT_LB_WEIGHTED ? 80 :
	     pol == PDT_LB_STICKY ? 443 : (uint16_t)(2000 + flow);
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

/* The arena of frames, as mbufs in a pool, and the order of its slots. */
struct arena {
	uint8_t *mem;
	size_t bytes, slots;
	uint32_t *order;
};

static uint64_t sink;

/* The frames of the burst starting at order[i], prefetched (as after rx). */
static void burst_frames(const struct arena *a, size_t i, uint8_t **f)
{
	for (unsigned k = 0; k < BURST; k++) {
		f[k] = a->mem + (size_t)a->order[i + k] * stride + DATA_OFF;
		__builtin_prefetch(f[k], 1);
	}
}

/* Out of line: pdt-bench.sh counts its instructions (callgrind). */
__attribute__((noinline))
static double run_pdt(struct pdt_worker *w, const struct pdt_rt *rt,
		      const struct arena *a, size_t total)
{
	double t0 = now_ns();

	for (size_t done = 0, i = 0; done < total; done += BURST) {
		uint8_t *f[BURST];
		uint32_t len[BURST], cap[BURST];
		enum pdt_verdict v[BURST];
		struct pdt_out o[BURST];

		burst_frames(a, i, f);
		for (unsigned k = 0; k < BURST; k++) {
			len[k] = 54;
			cap[k] = FRAME;
		}
		pdt_dispatch_burst(w, rt, f, len, cap, NULL, BURST, 1, v, o);
		for (unsigned k = 0; k < BURST; k++) {
			if (v[k] == PDT_V_FORWARD)
				pdt_fwd_mac(f[k], o[k].node->mac, rt->fwd_mac);
			sink += f[k][0];
		}
		i = i + BURST == a->slots ? 0 : i + BURST;
	}
	return (now_ns() - t0) / (double)total;
}

static double run_swap(const struct arena *a, size_t total)
{
	double t0 = now_ns();

	for (size_t done = 0, i = 0; done < total; done += BURST) {
		uint8_t *f[BURST];

		burst_frames(a, i, f);
		for (unsigned k = 0; k < BURST; k++) {
			macswap(f[k]);
			sink += f[k][0];
		}
		i = i + BURST == a->slots ? 0 : i + BURST;
	}
	return (now_ns() - t0) / (double)total;
}

/* Slots: at least npk and min_mb MiB, a multiple of BURST; shuffled order. */
static int arena_new(struct arena *a, size_t npk, enum pdt_policy pol,
		     uint32_t clients)
{
	size_t slots = min_mb * 1048576 / stride;
	uint64_t r = 0x9e3779b97f4a7c15ULL;

	if (slots < npk)
		slots = npk;
	slots = (slots + BURST - 1) / BURST * BURST;
	a->slots = slots;
	a->bytes = (slots * stride + HUGE - 1) & ~(size_t)(HUGE - 1);
	a->mem = aligned_alloc(HUGE, a->bytes);
	a->order = malloc(slots * sizeof(*a->order));
	if (!a->mem || !a->order)
		return -1;
	madvise(a->mem, a->bytes, MADV_HUGEPAGE);
	for (size_t s = 0; s < slots; s++) {
		size_t i = s % npk;

		build(a->mem + s * stride + DATA_OFF, (uint32_t)(i % clients),
		      (unsigned)(i / clients), pol);
		a->order[s] = (uint32_t)s;
	}
	for (size_t s = slots - 1; s > 0; s--) {   /* Fisher-Yates, xorshift */
		size_t j;
		uint32_t t;

		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		j = (size_t)(r % (s + 1));
		t = a->order[s];
		a->order[s] = a->order[j];
		a->order[j] = t;
	}
	return 0;
}

static void arena_free(struct arena *a)
{
	free(a->mem);
	free(a->order);
}

static int bench(uint32_t clients, enum pdt_policy pol, const char *name)
{
	size_t npk = clients < 4096 ? 4096 : clients, total;
	uint32_t cap = (uint32_t)(npk * 4);
	char text[4096], err[256];
	struct pdt_conf *c = malloc(sizeof(*c));
	struct arena a = { 0 };
	struct pdt_worker w;
	struct pdt_rt *rt;
	double tp, ts;

	snprintf(text, sizeof(text), conf_fmt, cap, cap);
	if (!c || arena_new(&a, npk, pol, clients) ||
	    pdt_conf_load_string(c, text, err, sizeof(err)) ||
	    !(rt = pdt_rt_build(c, err, sizeof(err))) ||
	    pdt_worker_init(&w, 0, c)) {
		fprintf(stderr, "pdt-bench: set-up failed: %s\n",
			c ? err : "out of memory");
		return -1;
	}
	total = a.slots < 4000000 ? 8000000 / a.slots * a.slots : 2 * a.slots;
	if (want_total)
		total = (want_total + BURST - 1) / BURST * BURST;
	run_pdt(&w, rt, &a, a.slots);        /* warm the tables */
	ts = run_swap(&a, total);
	tp = run_pdt(&w, rt, &a, total);
	ts = (ts + run_swap(&a, total)) / 2;
	printf("dispatch %-15s clients %8u: pdt %6.1f ns/pkt,"
	       " macswap %5.1f ns/pkt, pdt - macswap %6.1f ns/pkt, ratio %5.2f"
	       " (conn entries %lu, evictions %lu)\n",
	       name, clients, tp, ts, tp - ts, tp / ts,
	       (unsigned long)(w.conn4->count + w.conn->count),
	       (unsigned long)(w.conn4->evictions + w.conn->evictions));
	pdt_worker_fini(&w);
	pdt_rt_free(rt);
	arena_free(&a);
	free(c);
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "LB_WEIGHTED", "LB_STICKY",
					     "LB_STICKY_WILD" };
	uint32_t def[] = { 1000, 1000000 }, cl[8];
	int nc = 0, o, only = -1;

	while ((o = getopt(argc, argv, "s:m:n:p:")) != -1) {
		if (o == 's')
			stride = strtoul(optarg, NULL, 10);
		else if (o == 'm')
			min_mb = strtoul(optarg, NULL, 10);
		else if (o == 'n')
			want_total = strtoul(optarg, NULL, 10);
		else if (o == 'p')
			only = (int)strtol(optarg, NULL, 10);
		else
			return 2;
	}
	if (stride < FRAME + DATA_OFF)
		stride = FRAME + DATA_OFF;
	for (int i = optind; i < argc && nc < 8; i++)
		cl[nc++] = (uint32_t)strtoul(argv[i], NULL, 10);
	if (!nc) {
		memcpy(cl, def, sizeof(def));
		nc = 2;
	}
	printf("   frames: one per %zu-byte slot (mbuf-like), arena >= %zu MiB,"
	       " random slot order,"
	       " bursts of %d prefetched before either loop\n",
	       stride, min_mb, BURST);
	for (int i = 0; i < nc; i++)
		for (int p = 0; p < 3; p++)
			if ((only < 0 || only == p) &&
			    bench(cl[i], (enum pdt_policy)p, names[p]))
				return 1;
	return sink == 42 ? 2 : 0;
}
