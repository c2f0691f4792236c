// SPDX-License-Identifier: MIT
/*
 * test_table.c - CUnit suite for pdt/table.c: the fixed memory bound,
 * LRU eviction within a bucket (with its counter), expiry on a fake
 * clock, and reuse of expired entries before evicting live ones.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "pdt.h"
#include "tpkt.h"

static struct pdt_key key(uint32_t i)
{
	struct pdt_key k;

	memset(&k, 0, sizeof(k));
	memcpy(k.b, &i, sizeof(i));
	return k;
}

static void t_bound(void)
{
	struct pdt_tab *t = pdt_tab_new(1000);
	uint32_t found = 0;

	CU_ASSERT_FATAL(t != NULL);
	CU_ASSERT_EQUAL(t->capacity, 1024);
	for (uint32_t i = 0; i < 10000; i++) {
		struct pdt_key k = key(i);
		struct pdt_ent *e = pdt_tab_insert(t, &k, pdt_hash(&k, sizeof(k), 0), 0);

		e->expire = PDT_NEVER;
		e->node = (uint16_t)(i & 0xff);
	}
	CU_ASSERT(t->count <= t->capacity);
	CU_ASSERT_EQUAL(t->count + t->evictions, 10000);
	for (uint32_t i = 9990; i < 10000; i++) {
		struct pdt_key k = key(i);
		struct pdt_ent *e = pdt_tab_find(t, &k, pdt_hash(&k, sizeof(k), 0), 0);

		found += e && e->node == (i & 0xff);
	}
	CU_ASSERT_EQUAL(found, 10);   /* the newest survive */
	pdt_tab_free(t);
}

static void t_lru(void)
{
	struct pdt_tab *t = pdt_tab_new(64);
	struct pdt_key k;

	/* Same hash: all in one bucket. */
	for (uint32_t i = 0; i < PDT_TAB_WAYS; i++) {
		k = key(i);
		pdt_tab_insert(t, &k, 42, 0)->expire = PDT_NEVER;
	}
	k = key(0);
	CU_ASSERT_PTR_NOT_NULL(pdt_tab_find(t, &k, 42, 0));
	k = key(100);
	pdt_tab_insert(t, &k, 42, 0)->expire = PDT_NEVER;
	CU_ASSERT_EQUAL(t->evictions, 1);
	k = key(0);
	CU_ASSERT_PTR_NOT_NULL(pdt_tab_find(t, &k, 42, 0));
	k = key(1);
	CU_ASSERT_PTR_NULL(pdt_tab_find(t, &k, 42, 0));   /* the LRU went */
	k = key(2);
	CU_ASSERT_PTR_NOT_NULL(pdt_tab_find(t, &k, 42, 0));
	pdt_tab_free(t);
}

static void t_expiry(void)
{
	struct pdt_tab *t = pdt_tab_new(8);
	struct pdt_key k;

	for (uint32_t i = 0; i < PDT_TAB_WAYS; i++) {
		k = key(i);
		pdt_tab_insert(t, &k, 7, 0)->expire = i == 5 ? 10 : 1000;
	}
	k = key(5);
	CU_ASSERT_PTR_NOT_NULL(pdt_tab_find(t, &k, 7, 9));
	k = key(99);
	pdt_tab_insert(t, &k, 7, 10)->expire = 1000;   /* reuses 5, evicts none */
	CU_ASSERT_EQUAL(t->evictions, 0);
	CU_ASSERT_EQUAL(t->expired, 1);
	k = key(5);
	CU_ASSERT_PTR_NULL(pdt_tab_find(t, &k, 7, 10));
	k = key(0);
	CU_ASSERT_PTR_NULL(pdt_tab_find(t, &k, 7, 1000));
	CU_ASSERT_EQUAL(t->count, 7);
	k = key(1);
	pdt_tab_del(t, pdt_tab_find(t, &k, 7, 5));
	CU_ASSERT_EQUAL(t->count, 6);
	CU_ASSERT_PTR_NULL(pdt_tab_find(t, &k, 7, 5));
	pdt_tab_free(t);
}

static struct pdt_c4e k4(uint32_t src, uint8_t proto)
{
	struct pdt_c4e k = { .src = src, .dst = 0x6400000a, .ports = 80u << 16 | 9,
			     .proto = proto };

	return k;
}

/*
 * The IPv4 connection table: one bucket holds three entries; the key
 * includes the protocol; a full bucket gives up an expired entry first,
 * else the one expiring first; an expired entry is not found.
 */
static void t_conn4(void)
{
	struct pdt_tab4 *t = pdt_tab4_new(6);
	struct pdt_c4e k, *e;

	CU_ASSERT_FATAL(t != NULL);
	CU_ASSERT_EQUAL(t->capacity, 12);         /* 2 buckets of 3, doubled */
	CU_ASSERT_EQUAL(sizeof(*t->bk), 64);
	for (uint32_t i = 1; i <= 3; i++) {       /* same hash: one bucket */
		k = k4(i, 6);
		e = pdt_tab4_insert(t, &k, 7, 0, (uint16_t)i);
		e->expire = 100 - i;             /* 1 expires last */
	}
	k = k4(1, 17);
	CU_ASSERT_PTR_NULL(pdt_tab4_find(t, &k, 7, 0));   /* UDP is not TCP */
	k = k4(1, 6);
	e = pdt_tab4_find(t, &k, 7, 0);
	CU_ASSERT(e && e->node == 1);
	k = k4(4, 6);
	pdt_tab4_insert(t, &k, 7, 0, 4)->expire = 200;     /* evicts 3 (97) */
	CU_ASSERT_EQUAL(t->evictions, 1);
	CU_ASSERT_EQUAL(t->count, 3);
	k = k4(3, 6);
	CU_ASSERT_PTR_NULL(pdt_tab4_find(t, &k, 7, 0));
	k = k4(2, 6);
	CU_ASSERT_PTR_NOT_NULL(pdt_tab4_find(t, &k, 7, 0));
	CU_ASSERT_PTR_NULL(pdt_tab4_find(t, &k, 7, 98));   /* expired at 98 */
	CU_ASSERT_EQUAL(t->expired, 1);
	CU_ASSERT_EQUAL(t->count, 2);
	k = k4(1, 6);
	e = pdt_tab4_find(t, &k, 7, 98);
	CU_ASSERT_FATAL(e != NULL);
	pdt_tab4_del(t, e);
	CU_ASSERT_EQUAL(t->count, 1);
	CU_ASSERT_PTR_NULL(pdt_tab4_find(t, &k, 7, 98));
	pdt_tab4_free(t);
}

/* a.b.c.d as the connection key holds it (the frame's bytes, loaded). */
static uint32_t v4_word(uint32_t host)
{
	uint8_t b[4] = { (uint8_t)(host >> 24), (uint8_t)(host >> 16),
			 (uint8_t)(host >> 8), (uint8_t)host };
	uint32_t v;

	memcpy(&v, b, 4);
	return v;
}

/* Key i of pattern p (t_conn4_hash) into t, by pdt_c4_hash. */
static void hash_key(struct pdt_tab4 *t, unsigned p, uint32_t i)
{
	uint32_t src = 0x0a000000u + i, dst = 0xc0a80064u;
	uint16_t sp = 40000;
	struct pdt_c4e k = { .proto = 6 };
	uint64_t h;

	if (p == 1) {
		src = 0x0a000001u;
		sp = (uint16_t)(1024 + i);
	} else if (p == 2) {
		src = 0x0a000000u + (i << 8);
	} else if (p == 3) {
		src = 0x0a000000u + i / 64;
		sp = (uint16_t)(1024 * (i % 64));
	} else if (p == 4) {
		src = 0x0a000001u;
		dst = 0xc0a80000u + i;
	}
	k.src = v4_word(src);
	k.dst = v4_word(dst);
	k.ports = sp | 80u << 16;
	h = pdt_c4_hash(k.src | (uint64_t)k.dst << 32, k.ports | 6ULL << 32);
	pdt_tab4_insert(t, &k, h, 0, 1)->expire = 9;
}

/*
 * pdt_c4_hash spreads structured traffic over the buckets as a random
 * function would: one key a bucket on average (16 384 of them) loses
 * about 2.3 % of its keys to full buckets (Poisson, three ways); each
 * pattern must stay under 4 % (a weak hash leaves whole sets of buckets
 * empty and evicts far more).
 */
static void t_conn4_hash(void)
{
	enum { N = 16384 };
	static const char *const pat[] = {
		"sequential clients", "one client's ports", "clients 256 apart",
		"ports 1024 apart", "sequential destinations"
	};

	for (unsigned p = 0; p < sizeof(pat) / sizeof(pat[0]); p++) {
		struct pdt_tab4 *t = pdt_tab4_new(3 * N / 2);

		CU_ASSERT_FATAL(t != NULL && t->mask + 1 == N);
		for (uint32_t i = 0; i < N; i++)
			hash_key(t, p, i);
		if (t->evictions >= N / 25)
			CU_FAIL(pat[p]);
		pdt_tab4_free(t);
	}
}

void tests_table(void)
{
	CU_pSuite s = CU_add_suite("table", NULL, NULL);

	CU_add_test(s, "fixed memory bound, evictions counted", t_bound);
	CU_add_test(s, "LRU eviction within a bucket", t_lru);
	CU_add_test(s, "expiry on a fake clock, expired reused first", t_expiry);
	CU_add_test(s, "IPv4 connection table: one line a bucket, soonest expiry evicted",
		    t_conn4);
	CU_add_test(s, "IPv4 connection hash spreads structured keys",
		    t_conn4_hash);
}
