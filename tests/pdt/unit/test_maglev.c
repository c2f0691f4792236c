// SPDX-License-Identifier: MIT
/*
 * test_maglev.c - CUnit suite for pdt/maglev.c and pdt/hash.c: weighted
 * balance at 1 M clients, minimal disruption when one node of N is added
 * or removed, the same table from the same inputs in any order, and what
 * each policy feeds to the hash. The measured figures are printed.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"
#include "tpkt.h"

#define M PDT_MAGLEV_DEFAULT
#define CLIENTS 1000000u

static uint16_t *table(const struct pdt_mnode *n, unsigned k)
{
	uint16_t *t = malloc(M * sizeof(*t));

	CU_ASSERT_FATAL(t != NULL);
	CU_ASSERT_FATAL(pdt_maglev_build(n, k, t, M) == 0);
	return t;
}

/* Node id that client c (an IPv4 address) lands on. */
static uint16_t client_node(const uint16_t *t, const struct pdt_mnode *n, uint32_t c)
{
	struct pdt_pkt p;
	uint8_t v4[4] = { (uint8_t)(10 + (c >> 24)), (uint8_t)(c >> 16),
			  (uint8_t)(c >> 8), (uint8_t)c };

	memset(&p, 0, sizeof(p));
	pdt_addr_from_v4(p.src, v4);
	return n[t[pdt_reduce(pdt_policy_hash(PDT_LB_STICKY, &p), M)]].id;
}

static void t_balance(void)
{
	struct pdt_mnode n[] = { { 1, 3 }, { 2, 1 } };
	uint16_t *t = table(n, 2);
	unsigned c1 = 0, s1 = 0;

	for (uint32_t c = 0; c < CLIENTS; c++)
		c1 += client_node(t, n, c) == 1;
	for (uint32_t i = 0; i < M; i++)
		s1 += t[i] == 0;
	printf("\n  maglev balance 3@1,1@2: node 1 has %.3f%% of %u slots, %.3f%% of %u clients\n",
	       100.0 * s1 / M, M, 100.0 * c1 / CLIENTS, CLIENTS);
	CU_ASSERT(c1 > CLIENTS * 0.74 && c1 < CLIENTS * 0.76);
	free(t);
}

static double moved(const struct pdt_mnode *a, unsigned na,
		    const struct pdt_mnode *b, unsigned nb)
{
	uint16_t *ta = table(a, na), *tb = table(b, nb);
	unsigned mv = 0;

	for (uint32_t c = 0; c < CLIENTS; c++)
		mv += client_node(ta, a, c) != client_node(tb, b, c);
	free(ta);
	free(tb);
	return (double)mv / CLIENTS;
}

static void t_disruption(void)
{
	struct pdt_mnode n[9];
	double r, a;

	for (unsigned k = 3; k <= 8; k++) {
		for (unsigned i = 0; i <= k; i++)
			n[i] = (struct pdt_mnode){ (uint16_t)(i + 1), 1 };
		r = moved(n, k, n, k - 1);
		a = moved(n, k, n, k + 1);
		printf("  maglev disruption N=%u: remove 1 moves %.2f%% (1/N %.2f%%), add 1 moves %.2f%% (1/(N+1) %.2f%%)\n",
		       k, 100 * r, 100.0 / k, 100 * a, 100.0 / (k + 1));
		CU_ASSERT(r <= 1.0 / k + 0.01);
		CU_ASSERT(a <= 1.0 / k + 0.01);
	}
}

static void t_same_inputs(void)
{
	struct pdt_mnode a[] = { { 1, 3 }, { 2, 1 }, { 7, 2 } };
	struct pdt_mnode b[] = { { 7, 2 }, { 1, 3 }, { 2, 1 } };
	uint16_t *ta = table(a, 3), *tb = table(b, 3);
	unsigned diff = 0;

	for (uint32_t i = 0; i < M; i++)
		diff += a[ta[i]].id != b[tb[i]].id;
	CU_ASSERT_EQUAL(diff, 0);
	free(ta);
	free(tb);
}

static void t_edges(void)
{
	struct pdt_mnode z[] = { { 1, 0 }, { 2, 0 } };
	uint16_t t[101];

	CU_ASSERT_EQUAL(pdt_maglev_build(z, 2, t, 101), 0);
	for (int i = 0; i < 101; i++)
		CU_ASSERT_EQUAL(t[i], PDT_NO_NODE);
	CU_ASSERT_EQUAL(pdt_maglev_build(z, 2, t, 100), -1);
	CU_ASSERT(pdt_is_prime(65537));
	CU_ASSERT_FALSE(pdt_is_prime(65535));
}

static void t_policy_hash(void)
{
	struct pdt_pkt p, q;

	memset(&p, 0, sizeof(p));
	p.src[15] = 1;
	p.dst[15] = 2;
	p.sport = 1000;
	p.dport = 80;
	p.proto = 6;
	q = p;
	q.sport = 1001;
	CU_ASSERT_NOT_EQUAL(pdt_policy_hash(PDT_LB_WEIGHTED, &p), pdt_policy_hash(PDT_LB_WEIGHTED, &q));
	CU_ASSERT_EQUAL(pdt_policy_hash(PDT_LB_STICKY, &p), pdt_policy_hash(PDT_LB_STICKY, &q));
	q.dport = 21;
	CU_ASSERT_EQUAL(pdt_policy_hash(PDT_LB_STICKY_WILD, &p), pdt_policy_hash(PDT_LB_STICKY_WILD, &q));
	q = p;
	q.proto = 17;
	CU_ASSERT_NOT_EQUAL(pdt_policy_hash(PDT_LB_WEIGHTED, &p), pdt_policy_hash(PDT_LB_WEIGHTED, &q));
	q = p;
	q.src[15] = 3;
	CU_ASSERT_NOT_EQUAL(pdt_policy_hash(PDT_LB_STICKY, &p), pdt_policy_hash(PDT_LB_STICKY, &q));
	CU_ASSERT_NOT_EQUAL(pdt_policy_hash(PDT_LB_STICKY_WILD, &p), pdt_policy_hash(PDT_LB_STICKY_WILD, &q));
}

void tests_maglev(void)
{
	CU_pSuite s = CU_add_suite("maglev", NULL, NULL);

	CU_add_test(s, "3@1,1@2 share within 1% at 1M clients", t_balance);
	CU_add_test(s, "adding/removing 1 of N moves <= 1/N + 1%", t_disruption);
	CU_add_test(s, "same table from the same inputs in any order", t_same_inputs);
	CU_add_test(s, "zero weights, non-prime size", t_edges);
	CU_add_test(s, "hash inputs per policy", t_policy_hash);
}
