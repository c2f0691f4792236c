// SPDX-License-Identifier: MIT
/*
 * tenv.c - the fixture of the pdt suites that dispatch packets (flow,
 * ports, frag, disp): a configuration loaded from text, its runtime
 * tables and worker 0, in the one struct tenv te the running suite uses
 * (CUnit runs one suite at a time); and the node te sends a packet to.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>

#include "pdt.h"
#include "tenv.h"
#include "tpkt.h"

struct tenv te;

int tenv_setup(const char *conf)
{
	te.rt = tenv_rt(conf, &te.c);
	if (!te.rt)
		return -1;
	return pdt_worker_init(&te.w, 0, te.c);
}

int tenv_teardown(void)
{
	pdt_worker_fini(&te.w);
	pdt_rt_free(te.rt);
	free(te.c);
	return 0;
}

uint16_t tenv_select(uint32_t src, uint32_t dst, uint8_t proto,
		     uint16_t sport, uint16_t dport, uint8_t flags, uint32_t now)
{
	struct tp t = { .proto = proto, .src = src, .dst = dst, .sport = sport,
			.dport = dport, .flags = flags };
	const struct pdt_rt_svc *s;
	struct pdt_pkt p;
	uint8_t f[256];
	uint16_t slot;

	CU_ASSERT_FATAL(pdt_parse(f, tp_build(f, &t), &p) == PDT_C_IP);
	s = pdt_rt_lookup(te.rt, p.dst, p.proto, p.dport);
	CU_ASSERT_FATAL(s != NULL);
	slot = pdt_flow_select(&te.w, te.rt, s, &p, now);
	return slot == PDT_NO_NODE ? 0 : te.rt->nodes[slot].id;
}
