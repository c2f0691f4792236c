// SPDX-License-Identifier: MIT
/*
 * hash.c - hashing for the dispatcher (worker and control threads).
 *
 * pdt_hash() is a small 64-bit multiply-xorshift hash over 8-byte words
 * (with the finaliser of MurmurHash3), fast on the short fixed-size
 * keys of the fast path and stable across machines, so two GINs compute
 * the same Maglev slot for a client. pdt_policy_hash() is where each
 * load-balancing policy is defined, by what it feeds to the hash:
 *   LB_WEIGHTED    both addresses, both ports and the protocol (the flow);
 *   LB_STICKY      the client address (the table is per service);
 *   LB_STICKY_WILD the client address (any port of the shared address).
 */
#include <string.h>

#include "pdt.h"

/*
 * Two independent multiply-xorshift lanes over alternate 8-byte words,
 * so the multiplies overlap, then the MurmurHash3 finaliser for
 * avalanche: about 3-4 cycles a word on the fast path's 16-40 byte keys.
 */
uint64_t pdt_hash(const void *data, size_t len, uint64_t seed)
{
	const uint8_t *b = data;
	uint64_t h1 = seed ^ (len * 0x9e3779b97f4a7c15ULL), h2 = ~seed;
	uint64_t w1, w2;

	while (len >= 16) {
		memcpy(&w1, b, 8);
		memcpy(&w2, b + 8, 8);
		h1 = (h1 ^ w1) * 0xbf58476d1ce4e5b9ULL;
		h2 = (h2 ^ w2) * 0x94d049bb133111ebULL;
		h1 ^= h1 >> 31;
		h2 ^= h2 >> 29;
		b += 16;
		len -= 16;
	}
	if (len) {
		w1 = w2 = 0;
		memcpy(&w1, b, len < 8 ? len : 8);
		if (len > 8)
			memcpy(&w2, b + 8, len - 8);
		h1 = (h1 ^ w1) * 0xbf58476d1ce4e5b9ULL;
		h2 = (h2 ^ w2) * 0x94d049bb133111ebULL;
	}
	return pdt_fmix(h1 ^ ((h2 << 27) | (h2 >> 37)));
}

/* An address as kept in packets (IPv4 mapped): IPv4 hashes 4 bytes only. */
uint64_t pdt_hash_addr(const uint8_t a[16], uint64_t seed)
{
	uint32_t v4;

	if (!pdt_addr_is_v4(a))
		return pdt_hash(a, 16, seed);
	memcpy(&v4, a + 12, 4);
	return pdt_fmix(seed ^ ((uint64_t)v4 * 0x9e3779b97f4a7c15ULL));
}

uint64_t pdt_hash_mix(uint64_t h, uint64_t v)
{
	return pdt_fmix(h ^ (v * 0x94d049bb133111ebULL));
}

#define SEED_FLOW   0x5bd1e9955bd1e995ULL
#define SEED_CLIENT 0x27d4eb2f165667c5ULL

uint64_t pdt_policy_hash(enum pdt_policy pol, const struct pdt_pkt *p)
{
	uint8_t k[40];

	if (pol != PDT_LB_WEIGHTED)
		return pdt_hash_addr(p->src, SEED_CLIENT);
	memcpy(k, p->src, 16);
	memcpy(k + 16, p->dst, 16);
	k[32] = (uint8_t)(p->sport >> 8);
	k[33] = (uint8_t)p->sport;
	k[34] = (uint8_t)(p->dport >> 8);
	k[35] = (uint8_t)p->dport;
	k[36] = p->proto;
	return pdt_hash(k, 37, SEED_FLOW);
}
