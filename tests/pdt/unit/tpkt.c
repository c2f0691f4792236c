// SPDX-License-Identifier: MIT
/*
 * tpkt.c - build test frames (Ethernet, optional VLAN, IPv4/IPv6 with
 * optional fragment header, TCP/UDP, ARP, neighbour solicitation) for the
 * pdt unit tests.
 */
#include <string.h>

#include "tpkt.h"

static void w16(uint8_t *b, uint16_t v) { b[0] = (uint8_t)(v >> 8); b[1] = (uint8_t)v; }
static void w32(uint8_t *b, uint32_t v) { w16(b, (uint16_t)(v >> 16)); w16(b + 2, (uint16_t)v); }

void tp_v6addr(uint8_t a[16], uint32_t low)
{
	memset(a, 0, 16);
	a[0] = 0x20;
	a[1] = 0x01;
	a[2] = 0x0d;
	a[3] = 0xb8;
	w32(a + 12, low);
}

static uint32_t eth(uint8_t *f, int vlan, uint16_t et)
{
	static const uint8_t d[6] = { 2, 0, 0, 0, 0, 0xaa }, s[6] = { 2, 0, 0, 0, 0, 0xcc };

	memcpy(f, d, 6);
	memcpy(f + 6, s, 6);
	if (!vlan) {
		w16(f + 12, et);
		return 14;
	}
	w16(f + 12, 0x8100);
	w16(f + 14, 7);
	w16(f + 16, et);
	return 18;
}

static uint32_t l4(uint8_t *b, const struct tp *t)
{
	uint32_t n = t->proto == 6 ? 20 : 8;

	memset(b, 0, n + t->payload);
	w16(b, t->sport);
	w16(b + 2, t->dport);
	if (t->proto == 6) {
		b[12] = 0x50;
		b[13] = t->flags;
	} else {
		w16(b + 4, (uint16_t)(n + t->payload));
	}
	return n + t->payload;
}

uint32_t tp_build(uint8_t *f, const struct tp *t)
{
	uint32_t o = eth(f, t->vlan, t->v6 ? 0x86dd : 0x0800), h, n;
	uint8_t *ip = f + o;

	if (!t->v6) {
		h = t->opts ? 24 : 20;
		memset(ip, 0, h);
		ip[0] = (uint8_t)(0x40 | h / 4);
		w16(ip + 4, (uint16_t)t->id);
		w16(ip + 6, (uint16_t)((t->mf ? 0x2000 : 0) | t->frag_off));
		ip[8] = 64;
		ip[9] = t->proto;
		w32(ip + 12, t->src);
		w32(ip + 16, t->dst);
		n = t->frag_off ? (memset(ip + h, 0, 8 + t->payload), 8u + t->payload) : l4(ip + h, t);
		w16(ip + 2, (uint16_t)(h + n));
		return o + h + n;
	}
	memset(ip, 0, 40);
	ip[0] = 0x60;
	ip[6] = t->proto;
	ip[7] = 64;
	tp_v6addr(ip + 8, t->src);
	tp_v6addr(ip + 24, t->dst);
	h = 40;
	if (t->mf || t->frag_off) {
		ip[6] = 44;
		memset(ip + 40, 0, 8);
		ip[40] = t->proto;
		w16(ip + 42, (uint16_t)(t->frag_off << 3 | (t->mf ? 1 : 0)));
		w32(ip + 44, t->id);
		h = 48;
	}
	n = t->frag_off ? (memset(ip + h, 0, 8 + t->payload), 8u + t->payload) : l4(ip + h, t);
	w16(ip + 4, (uint16_t)(h - 40 + n));
	return o + h + n;
}

uint32_t tp_arp(uint8_t *f, uint32_t target)
{
	uint32_t o = eth(f, 0, 0x0806);
	uint8_t *a = f + o;

	memset(f, 0xff, 6);
	memset(a, 0, 28);
	w16(a, 1);
	w16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	w16(a + 6, 1);
	memcpy(a + 8, f + 6, 6);
	w32(a + 14, 0xc0a80005);
	w32(a + 24, target);
	return o + 28;
}

uint32_t tp_ns(uint8_t *f, const uint8_t target[16], int with_opt)
{
	uint32_t o = eth(f, 0, 0x86dd), n = with_opt ? 32 : 24;
	uint8_t *ip = f + o, *ic = ip + 40;

	memset(ip, 0, 40 + n);
	ip[0] = 0x60;
	w16(ip + 4, (uint16_t)n);
	ip[6] = 58;
	ip[7] = 255;
	tp_v6addr(ip + 8, 0x99);
	ip[24] = 0xff;
	ip[25] = 0x02;
	ic[0] = 135;
	memcpy(ic + 8, target, 16);
	if (with_opt) {
		ic[24] = 1;
		ic[25] = 1;
		memcpy(ic + 26, f + 6, 6);
	}
	return o + 40 + n;
}

#include <stdio.h>
#include <stdlib.h>

#include "pdt.h"

/* A runtime view from configuration text (NULL on error, printed). */
struct pdt_rt *tenv_rt(const char *text, struct pdt_conf **cp)
{
	struct pdt_conf *c = malloc(sizeof(*c));
	struct pdt_rt *rt = NULL;
	char err[512];

	if (!c)
		return NULL;
	if (pdt_conf_load_string(c, text, err, sizeof(err)) ||
	    !(rt = pdt_rt_build(c, err, sizeof(err)))) {
		printf("config: %s\n", err);
		free(c);
		return NULL;
	}
	if (cp)
		*cp = c;
	else
		free(c);
	return rt;
}
