// SPDX-License-Identifier: MIT
/*
 * hash.c - hashing for the dispatcher (worker and control threads).
 *
 * pdt_hash() is a small 64-bit multiply-xorshift hash over 8-byte words
 * (the finaliser of MurmurHash3, chained), fast on the short fixed-size
 * keys of the fast path and stable across machines, so two GINs compute
 * the same Maglev slot for a client. pdt_policy_hash() is where each
 * load-balancing policy is defined, by what it feeds to the hash:
 *   LB_WEIGHTED    both addresses, both ports and the protocol (the flow);
 *   LB_STICKY      the client address (the table is per service);
 *   LB_STICKY_WILD the client address (any port of the shared address).
 */
#include <string.h>

#include "pdt.h"

static inline uint64_t fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

uint64_t pdt_hash(const void *data, size_t len, uint64_t seed)
{
	const uint8_t *b = data;
	uint64_t h = seed ^ (len * 0x9e3779b97f4a7c15ULL);
	uint64_t w;

	while (len >= 8) {
		memcpy(&w, b, 8);
		h = fmix(h ^ w) + 0x9e3779b97f4a7c15ULL;
		b += 8;
		len -= 8;
	}
	if (len) {
		w = 0;
		memcpy(&w, b, len);
		h = fmix(h ^ w) + 0x9e3779b97f4a7c15ULL;
	}
	return fmix(h);
}

#define SEED_FLOW   0x5bd1e9955bd1e995ULL
#define SEED_CLIENT 0x27d4eb2f165667c5ULL

uint64_t pdt_policy_hash(enum pdt_policy pol, const struct pdt_pkt *p)
{
	uint8_t k[40];

	if (pol != PDT_LB_WEIGHTED)
		return pdt_hash(p->src, 16, SEED_CLIENT);
	memcpy(k, p->src, 16);
	memcpy(k + 16, p->dst, 16);
	k[32] = (uint8_t)(p->sport >> 8);
	k[33] = (uint8_t)p->sport;
	k[34] = (uint8_t)(p->dport >> 8);
	k[35] = (uint8_t)p->dport;
	k[36] = p->proto;
	return pdt_hash(k, 37, SEED_FLOW);
}
