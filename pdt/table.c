// SPDX-License-Identifier: MIT
/*
 * table.c - fixed-size set-associative table with LRU eviction, used for
 * the connection, affinity and fragment tables (one set per worker, so no
 * locks). Memory is allocated once at start: capacity rounded up to a
 * power of two of 8-way buckets. A bucket keeps 8 signatures and 8 LRU
 * stamps in one cache line (the signatures compared eight at once with
 * SSE2); the 64-byte entries sit in a separate array, so a miss touches
 * one line and a hit two. Arrays of 2 MiB or more are 2 MiB aligned and
 * advised for transparent huge pages (fewer TLB misses at 1 M clients).
 * When a bucket is full an expired entry is reused first, else the least
 * recently used one is evicted and counted. rte_hash has no LRU or
 * expiry and needs an EAL, so this small table is ours (see pdt(8),
 * NOTES).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "pdt.h"

#define HUGE_SZ (2u << 20)

/*
 * Large arrays are 2 MiB aligned and advised for transparent huge pages:
 * at a million clients, a lookup would otherwise also miss the TLB twice.
 */
static void *tab_alloc(size_t bytes)
{
	void *p;

	if (bytes < HUGE_SZ)
		return pdt_mem_alloc((bytes + 63) & ~(size_t)63, 64);
	bytes = (bytes + HUGE_SZ - 1) & ~(size_t)(HUGE_SZ - 1);
	p = pdt_mem_alloc(bytes, HUGE_SZ);
	if (p)
		(void)madvise(p, bytes, MADV_HUGEPAGE);
	return p;
}

struct pdt_tab *pdt_tab_new(uint32_t capacity)
{
	struct pdt_tab *t = calloc(1, sizeof(*t));
	uint32_t nb = 1;

	if (!t)
		return NULL;
	while ((uint64_t)nb * PDT_TAB_WAYS < capacity && nb < (1u << 26))
		nb <<= 1;
	t->mask = nb - 1;
	t->capacity = nb * PDT_TAB_WAYS;
	t->bk = tab_alloc((size_t)nb * sizeof(*t->bk));
	t->ent = tab_alloc((size_t)t->capacity * sizeof(*t->ent));
	if (!t->bk || !t->ent) {
		pdt_tab_free(t);
		return NULL;
	}
	memset(t->bk, 0, (size_t)nb * sizeof(*t->bk));
	memset(t->ent, 0, (size_t)t->capacity * sizeof(*t->ent));
	return t;
}

void pdt_tab_free(struct pdt_tab *t)
{
	if (!t)
		return;
	pdt_mem_free(t->bk);
	pdt_mem_free(t->ent);
	free(t);
}

/* Bytes of the bucket and entry arrays (as requested, before alignment). */
size_t pdt_tab_bytes(const struct pdt_tab *t)
{
	if (!t)
		return 0;
	return ((size_t)t->mask + 1) * sizeof(*t->bk) +
	       (size_t)t->capacity * sizeof(*t->ent);
}

static inline uint32_t sig_of(uint64_t h)
{
	return (uint32_t)(h >> 32) | 1u;
}

/* Bit i set when way i of the bucket has signature s (SSE2: two compares). */
static inline unsigned match(const struct pdt_bucket *bk, uint32_t s)
{
#ifdef __SSE2__
	__m128i v = _mm_set1_epi32((int)s);
	const __m128i *sig = (const __m128i *)(const void *)bk->sig;
	__m128 ea = _mm_castsi128_ps(_mm_cmpeq_epi32(_mm_load_si128(sig), v));
	__m128 eb = _mm_castsi128_ps(_mm_cmpeq_epi32(_mm_load_si128(sig + 1), v));

	return (unsigned)_mm_movemask_ps(ea) |
	       (unsigned)_mm_movemask_ps(eb) << 4;
#else
	unsigned m = 0;

	for (unsigned i = 0; i < PDT_TAB_WAYS; i++)
		m |= (unsigned)(bk->sig[i] == s) << i;
	return m;
#endif
}

static inline uint64_t ld64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* Five 8-byte compares in registers (no stack copy, no canary). */
static inline bool key_eq(const struct pdt_key *a, const struct pdt_key *b)
{
	return !((ld64(a->b) ^ ld64(b->b)) | (ld64(a->b + 8) ^ ld64(b->b + 8)) |
		 (ld64(a->b + 16) ^ ld64(b->b + 16)) |
		 (ld64(a->b + 24) ^ ld64(b->b + 24)) |
		 (ld64(a->b + 32) ^ ld64(b->b + 32)));
}

static inline bool is_expired(const struct pdt_ent *e, uint32_t now)
{
	return e->expire != PDT_NEVER && now >= e->expire;
}

void pdt_tab_prefetch(const struct pdt_tab *t, uint64_t h)
{
	__builtin_prefetch(&t->bk[h & t->mask]);
}

/* Prefetches the entry whose signature matches (its key is checked later). */
void pdt_tab_prefetch_ent(const struct pdt_tab *t, uint64_t h)
{
	uint32_t b = (uint32_t)h & t->mask;
	unsigned m = match(&t->bk[b], sig_of(h));

	if (m)
		__builtin_prefetch(&t->ent[b * PDT_TAB_WAYS +
					   (unsigned)__builtin_ctz(m)]);
}

/* Inlined into the fast path by the link-time optimiser (one call a packet). */
inline __attribute__((always_inline))
struct pdt_ent *pdt_tab_find(struct pdt_tab *t, const struct pdt_key *k,
			     uint64_t h, uint32_t now)
{
	uint32_t b = (uint32_t)h & t->mask;
	struct pdt_bucket *bk = &t->bk[b];

	for (unsigned m = match(bk, sig_of(h)); m; m &= m - 1) {
		unsigned i = (unsigned)__builtin_ctz(m);
		struct pdt_ent *e = &t->ent[b * PDT_TAB_WAYS + i];

		if (!key_eq(&e->key, k))
			continue;
		if (is_expired(e, now)) {
			bk->sig[i] = 0;
			t->count--;
			t->expired++;
			return NULL;
		}
		bk->lru[i] = ++t->tick;
		return e;
	}
	return NULL;
}

/* The way to overwrite in a full bucket: an expired entry, else the LRU. */
static unsigned victim(struct pdt_tab *t, uint32_t b, uint32_t now, bool *exp)
{
	struct pdt_bucket *bk = &t->bk[b];
	unsigned v = 0;
	uint32_t age = 0;

	for (unsigned i = 0; i < PDT_TAB_WAYS; i++) {
		if (is_expired(&t->ent[b * PDT_TAB_WAYS + i], now)) {
			*exp = true;
			return i;
		}
		if (t->tick - bk->lru[i] >= age) {
			age = t->tick - bk->lru[i];
			v = i;
		}
	}
	*exp = false;
	return v;
}

struct pdt_ent *pdt_tab_insert(struct pdt_tab *t, const struct pdt_key *k,
			       uint64_t h, uint32_t now)
{
	uint32_t b = (uint32_t)h & t->mask;
	struct pdt_bucket *bk = &t->bk[b];
	struct pdt_ent *e;
	unsigned w = PDT_TAB_WAYS;
	bool exp;
	unsigned m = match(bk, 0);

	if (m)
		w = (unsigned)__builtin_ctz(m);
	if (w == PDT_TAB_WAYS) {
		w = victim(t, b, now, &exp);
		if (exp)
			t->expired++;
		else
			t->evictions++;
	} else {
		t->count++;
	}
	bk->sig[w] = sig_of(h);
	bk->lru[w] = ++t->tick;
	e = &t->ent[b * PDT_TAB_WAYS + w];
	memset(e, 0, sizeof(*e));
	e->key = *k;
	return e;
}

void pdt_tab_del(struct pdt_tab *t, struct pdt_ent *e)
{
	size_t i = (size_t)(e - t->ent);

	t->bk[i / PDT_TAB_WAYS].sig[i % PDT_TAB_WAYS] = 0;
	t->count--;
}
