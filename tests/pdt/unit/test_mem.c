// SPDX-License-Identifier: MIT
/*
 * test_mem.c - CUnit suite for pdt/mem.c and its users: with an
 * allocator installed (as pdt installs DPDK's), every array of a
 * worker's tables (IPv4 and general connection tables, affinity,
 * fragments, holding buffer, counters) is taken from it, tagged with the
 * worker being built, covers at least the bytes pdt_worker_mem() reports,
 * and goes back to it at pdt_worker_fini(); a refusal fails the whole
 * worker cleanly. The default allocator is the C heap.
 */
#include <CUnit/CUnit.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"
#include "tpkt.h"

#define MAXP 64

static struct {
	void *p[MAXP];
	unsigned n, frees, bad_worker, refuse_at;
	size_t bytes;
} A;

static void *count_alloc(size_t bytes, size_t align, unsigned worker)
{
	void *p;

	if (worker != 3)
		A.bad_worker++;
	if (A.refuse_at && A.n + 1 == A.refuse_at)
		return NULL;
	if (A.n == MAXP || align & (align - 1))
		return NULL;
	p = aligned_alloc(align < 8 ? 8 : align,
			  (bytes + align - 1) & ~(align - 1));
	if (p) {
		A.p[A.n++] = p;
		A.bytes += bytes;
	}
	return p;
}

static void count_free(void *p)
{
	for (unsigned i = 0; i < A.n; i++)
		if (A.p[i] == p) {
			A.p[i] = NULL;
			A.frees++;
			free(p);
			return;
		}
	A.bad_worker += 1000;   /* freed something it did not allocate */
}

static const struct pdt_mem_ops ops = { count_alloc, count_free };

static void conf(struct pdt_conf *c)
{
	pdt_conf_defaults(c);
	c->conn_size = 4096;
	c->aff_size = 1024;
	c->frag_size = 64;
	c->frag_hold = 8;
}

static void t_worker_from_allocator(void)
{
	struct pdt_worker w;
	struct pdt_wmem m;
	struct pdt_conf *c = malloc(sizeof(*c));

	CU_ASSERT_FATAL(c != NULL);
	conf(c);
	memset(&A, 0, sizeof(A));
	pdt_mem_set_ops(&ops);
	CU_ASSERT_EQUAL(pdt_worker_init(&w, 3, c), 0);
	pdt_worker_mem(&w, &m);
	/* At least one array per table, the holding buffer, the counters. */
	CU_ASSERT(A.n >= 6);
	CU_ASSERT(A.bytes >= m.total);
	CU_ASSERT_EQUAL(A.bad_worker, 0);
	pdt_worker_fini(&w);
	CU_ASSERT_EQUAL(A.frees, A.n);
	CU_ASSERT_EQUAL(A.bad_worker, 0);
	pdt_mem_set_ops(NULL);
	free(c);
}

static void t_refusal(void)
{
	struct pdt_worker w;
	struct pdt_conf *c = malloc(sizeof(*c));
	unsigned n;

	CU_ASSERT_FATAL(c != NULL);
	conf(c);
	pdt_mem_set_ops(&ops);
	memset(&A, 0, sizeof(A));
	CU_ASSERT_EQUAL(pdt_worker_init(&w, 3, c), 0);
	n = A.n;
	pdt_worker_fini(&w);
	for (unsigned k = 1; k <= n; k++) {
		memset(&A, 0, sizeof(A));
		A.refuse_at = k;
		CU_ASSERT_EQUAL(pdt_worker_init(&w, 3, c), -1);
		CU_ASSERT_EQUAL(A.frees, A.n);     /* nothing kept */
		CU_ASSERT_EQUAL(A.bad_worker, 0);
	}
	pdt_mem_set_ops(NULL);
	memset(&A, 0, sizeof(A));
	CU_ASSERT_EQUAL(pdt_worker_init(&w, 0, c), 0);   /* the C heap again */
	CU_ASSERT_EQUAL(A.n, 0);
	pdt_worker_fini(&w);
	free(c);
}

void tests_mem(void)
{
	CU_pSuite s = CU_add_suite("mem", NULL, NULL);

	CU_add_test(s, "worker tables from the installed allocator",
		    t_worker_from_allocator);
	CU_add_test(s, "a refused allocation fails the worker, nothing kept",
		    t_refusal);
}
