// SPDX-License-Identifier: MIT
/*
 * pdt_parse_fuzz.c - libFuzzer target for pdt's packet path: each input is
 * one Ethernet frame given to pdt_parse() and then to pdt_dispatch()
 * or, for inputs starting with 0xb0-0xb7, several frames to
 * pdt_dispatch_burst() (services, ARP/ND answers written in place, flow,
 * affinity and fragment tables, the fragment holding buffer with its
 * overflow, release and expiry, IPIP rewrite; every other frame of a
 * burst as a chained mbuf of which only the first bytes are at hand, in
 * an exactly sized buffer), all with ASan and UBSan, so any read or write
 * outside the frame or any undefined behaviour stops the run.
 * Built by pdt/module.mk as $(B)/tests/fuzz/pdt-parse; run by
 * tests/fuzz/pdt-parse.sh for a bounded time.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char conf[] =
	"local_node = 3; frag_table_size = 64; conn_table_size = 1024; affinity_table_size = 256;\n"
	"frag_hold = 4; frag_timeout = 1;\n"
	"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; address = \"192.168.50.11\"; },\n"
	"          { id = 2; mac = \"02:00:00:00:01:02\"; address = \"192.168.50.12\"; },\n"
	"          { id = 3; mac = \"02:00:00:00:01:03\"; address = \"192.168.50.13\"; } );\n"
	"services = (\n"
	" { name = \"w\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 80; weights = \"1@1,1@2\"; },\n"
	" { name = \"u\"; address = \"10.0.0.100\"; protocol = \"udp\"; port = 53; weights = \"1@1,1@3\"; },\n"
	" { name = \"s\"; address = \"2001:db8::100\"; protocol = \"tcp\"; port = 443; policy = \"LB_STICKY\";"
	"   weights = \"1@1,1@2\"; affinity_timeout = 0; },\n"
	" { name = \"x\"; address = \"10.0.0.101\"; protocol = \"tcp\"; port = \"*\"; policy = \"LB_STICKY_WILD\";"
	"   weights = \"1@1,1@2\"; udp_affinity = true; affinity_timeout = 5; },\n"
	" { name = \"l\"; address = \"10.0.0.102\"; port_list = \"80/tcp,443/tcp,53/udp\"; policy = \"LB_STICKY\";"
	"   weights = \"1@1,2@2\"; udp_affinity = true; } );\n";

static struct pdt_rt *rt;
static struct pdt_worker w;
static uint32_t now;

static void init(void)
{
	struct pdt_conf *c = malloc(sizeof(*c));
	char err[256];

	if (!c || pdt_conf_load_string(c, conf, err, sizeof(err)) ||
	    !(rt = pdt_rt_build(c, err, sizeof(err))) || pdt_worker_init(&w, 0, c))
		abort();
	free(c);
}

/*
 * A held packet is a malloc'd copy of its frame, so ASan sees a packet
 * freed twice or never: each input hands its holds over, takes back what
 * is released or expires, and drains the rest (no leak across inputs).
 */
static void hold(const uint8_t *f, uint32_t len)
{
	uint8_t *c = malloc(len ? len : 1);

	if (!c)
		abort();
	memcpy(c, f, len);
	free(pdt_fraghold_add(&w, rt, c, len, c, now));
}

static void settle(void)
{
	void *pkt[8];
	enum pdt_verdict v[8];
	struct pdt_out o[8];
	unsigned n;

	while ((n = pdt_fraghold_poll(&w, rt, now, pkt, v, o, 8)) > 0)
		for (unsigned i = 0; i < n; i++)
			free(pkt[i]);
	if (now & 4)
		while ((n = pdt_fraghold_drain(&w, pkt, 8)) > 0)
			for (unsigned i = 0; i < n; i++)
				free(pkt[i]);
}

/*
 * Inputs starting with 0xb0..0xb7 are cut into 1-8 frames, one burst.
 * Odd frames are chained: the frame's first byte picks how many of its
 * bytes are at hand (seg), as for a jumbo frame's first segment.
 */
static void burst(const uint8_t *data, size_t size)
{
	unsigned n = (data[0] & 7) + 1;
	size_t per = (size - 1) / n;
	uint8_t *f[8];
	uint32_t len[8], cap[8], seg[8];
	enum pdt_verdict v[8];
	struct pdt_out o[8];

	for (unsigned i = 0; i < n; i++) {
		len[i] = (uint32_t)per;
		seg[i] = len[i];
		cap[i] = (uint32_t)per + 64;
		if (i & 1 && per) {
			seg[i] = 14 + data[1 + i * per] % (len[i] < 200 ? len[i] : 200);
			seg[i] = seg[i] < len[i] ? seg[i] : len[i];
			cap[i] = seg[i];
		}
		f[i] = malloc(cap[i] ? cap[i] : 1);
		if (!f[i])
			abort();
		memcpy(f[i], data + 1 + i * per, seg[i]);
	}
	pdt_dispatch_burst(&w, rt, f, len, cap, seg, n, now, v, o);
	for (unsigned i = 0; i < n; i++) {
		if (v[i] == PDT_V_HOLD)
			hold(f[i], seg[i]);	/* the bytes at hand */
		free(f[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdt_pkt p;
	struct pdt_out o;
	uint8_t *buf;
	uint32_t len = (uint32_t)size, cap = (uint32_t)size + 64;

	if (!rt)
		init();
	if (size > 9000)
		return 0;
	pdt_parse(data, len, &p);
	if (size > 1 && (data[0] & 0xf8) == 0xb0) {
		burst(data, size);
		settle();
		return 0;
	}
	/* Exactly sized copies so ASan sees any overrun; 20 bytes of headroom. */
	buf = malloc(cap + 20);
	if (!buf)
		return 0;
	memcpy(buf + 20, data, size);
	now += size & 3;
	switch (pdt_dispatch(&w, rt, buf + 20, &len, cap, now, &o)) {
	case PDT_V_FORWARD:
		pdt_fwd_ipip(buf, len, &(struct pdt_pkt){ .l3_off = o.l3_off,
			     .l3_len = o.l3_len, .family = o.family },
			     rt->ipip_src, o.node->addr, o.node->mac, rt->fwd_mac);
		break;
	case PDT_V_HOLD:
		hold(buf + 20, len);
		break;
	default:
		break;
	}
	free(buf);
	settle();
	return 0;
}
