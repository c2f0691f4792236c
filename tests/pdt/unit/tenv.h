/* SPDX-License-Identifier: MIT */
/*
 * tenv.h - the fixture of the pdt suites that dispatch packets (tenv.c):
 * a suite's setup loads its configuration into te (tenv_setup), its
 * teardown is tenv_teardown.
 */
#ifndef TENV_H
#define TENV_H

#include "pdt.h"

struct tenv {
	struct pdt_conf *c;
	struct pdt_rt *rt;
	struct pdt_worker w;
};

extern struct tenv te;

/* Configuration text, its runtime tables and worker 0 in te; 0 or -1. */
int tenv_setup(const char *conf);
int tenv_teardown(void);

/* The node id te sends a TCP or UDP packet to (0: none), through the flow
 * tables at time now; fails the test when the packet matches no service. */
uint16_t tenv_select(uint32_t src, uint32_t dst, uint8_t proto,
		     uint16_t sport, uint16_t dport, uint8_t flags, uint32_t now);

#endif
