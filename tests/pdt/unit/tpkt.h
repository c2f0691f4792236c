/* SPDX-License-Identifier: MIT */
/*
 * tpkt.h - frame builders and shared declarations for the pdt unit tests
 * (CUnit runner $(B)/tests/unit/pdt).
 */
#ifndef TPKT_H
#define TPKT_H

#include <stdint.h>

struct tp {
	int v6, vlan;
	uint8_t proto;
	uint32_t src, dst;      /* IPv4, host order; IPv6: last 32 bits */
	uint16_t sport, dport;
	uint8_t flags;          /* TCP */
	uint16_t frag_off;      /* in 8-byte units */
	int mf;
	uint32_t id;
	int opts;               /* IPv4: 4 bytes of options */
	uint16_t payload;
};

uint32_t tp_build(uint8_t *f, const struct tp *t);
uint32_t tp_arp(uint8_t *f, uint32_t target);
uint32_t tp_ns(uint8_t *f, const uint8_t target[16], int with_opt);
void tp_v6addr(uint8_t a[16], uint32_t low);

struct pdt_conf;
struct pdt_rt;
struct pdt_rt *tenv_rt(const char *text, struct pdt_conf **cp);

void tests_parse(void);
void tests_maglev(void);
void tests_table(void);
void tests_flow(void);
void tests_conf(void);
void tests_disp(void);
void tests_ports(void);
void tests_frag(void);
void tests_ctlclient(void);
void tests_mem(void);

#endif
