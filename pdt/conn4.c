// SPDX-License-Identifier: MIT
/*
 * conn4.c - the IPv4 connection table (worker threads): one cache line
 * per bucket holding three whole entries, keys and values inline, so a
 * lookup reads one line and a hit on a known connection writes nothing
 * (its expiry moves at most once a second). IPv6 connections, affinity
 * and fragments keep the general table (table.c), whose 40-byte keys
 * cannot share a line.
 *
 * No LRU stamps: when a bucket is full the way whose expiry comes first
 * is reused (an expired one before any live one), which is the entry
 * least recently active for its timeout; evictions are counted. An empty
 * way has node 0 (node ids start at 1). Capacity: the requested size
 * rounded up to a power of two of 3-way buckets, then doubled, as three
 * ways overflow sooner than eight (at most 43 bytes per requested entry
 * where the general table takes 72). Arrays of 2 MiB or more on
 * transparent huge pages, as in table.c.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "pdt.h"

#define HUGE_SZ (2u << 20)

static void *c4_alloc(size_t bytes)
{
	void *p;

	if (bytes < HUGE_SZ)
		return pdt_mem_alloc(bytes, 64);
	bytes = (bytes + HUGE_SZ - 1) & ~(size_t)(HUGE_SZ - 1);
	p = pdt_mem_alloc(bytes, HUGE_SZ);
	if (p)
		(void)madvise(p, bytes, MADV_HUGEPAGE);
	return p;
}

struct pdt_tab4 *pdt_tab4_new(uint32_t capacity)
{
	struct pdt_tab4 *t = calloc(1, sizeof(*t));
	uint32_t nb = 1;

	if (!t)
		return NULL;
	while ((uint64_t)nb * PDT_C4_WAYS < capacity && nb < (1u << 25))
		nb <<= 1;
	nb <<= 1;
	t->mask = nb - 1;
	t->capacity = nb * PDT_C4_WAYS;
	t->bk = c4_alloc((size_t)nb * sizeof(*t->bk));
	if (!t->bk) {
		free(t);
		return NULL;
	}
	memset(t->bk, 0, (size_t)nb * sizeof(*t->bk));
	return t;
}

void pdt_tab4_free(struct pdt_tab4 *t)
{
	if (!t)
		return;
	pdt_mem_free(t->bk);
	free(t);
}

/* Bytes of the bucket array. */
size_t pdt_tab4_bytes(const struct pdt_tab4 *t)
{
	return t ? ((size_t)t->mask + 1) * sizeof(*t->bk) : 0;
}

_Static_assert(offsetof(struct pdt_c4e, src) == 0 &&
	       offsetof(struct pdt_c4e, dst) == 4,
	       "the two addresses are one 8-byte word");

/* The addresses of an entry or key, as one word. */
static inline uint64_t ld64(const struct pdt_c4e *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* Inlined into the fast path by the link-time optimiser. */
inline __attribute__((always_inline))
struct pdt_c4e *pdt_tab4_find(struct pdt_tab4 *t, const struct pdt_c4e *k,
			      uint64_t h, uint32_t now)
{
	struct pdt_c4b *b = &t->bk[h & t->mask];
	uint64_t a = ld64(k);

	/* Addresses as one word, then ports, protocol and a live way. */
	for (unsigned i = 0; i < PDT_C4_WAYS; i++) {
		struct pdt_c4e *e = &b->e[i];

		if (ld64(e) != a || e->ports != k->ports ||
		    e->proto != k->proto || !e->node)
			continue;
		if (now >= e->expire) {
			e->node = 0;
			t->count--;
			t->expired++;
			return NULL;
		}
		return e;
	}
	return NULL;
}

/* A new entry for key k on node (not 0), its state and expiry cleared. */
struct pdt_c4e *pdt_tab4_insert(struct pdt_tab4 *t, const struct pdt_c4e *k,
				uint64_t h, uint32_t now, uint16_t node)
{
	struct pdt_c4b *b = &t->bk[h & t->mask];
	struct pdt_c4e *v = NULL;

	for (unsigned i = 0; i < PDT_C4_WAYS; i++) {
		struct pdt_c4e *e = &b->e[i];

		if (!e->node) {
			v = e;
			break;
		}
		if (!v || e->expire < v->expire)
			v = e;
	}
	if (!v->node)
		t->count++;
	else if (now >= v->expire)
		t->expired++;
	else
		t->evictions++;
	*v = *k;
	v->node = node;
	v->state = 0;
	v->expire = 0;
	return v;
}

void pdt_tab4_del(struct pdt_tab4 *t, struct pdt_c4e *e)
{
	e->node = 0;
	t->count--;
}
