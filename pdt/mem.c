// SPDX-License-Identifier: MIT
/*
 * mem.c - where the per-worker tables get their memory (main thread, at
 * start and at exit). The tables (table.c, conn4.c), the fragment
 * holding buffer and the counters ask pdt_mem_alloc() for their arrays
 * while pdt_worker_init() builds one worker: by default that is the C
 * heap (aligned_alloc), which the unit tests, the fuzz target and the
 * benchmark use; pdt itself installs DPDK's per-socket allocator
 * (mem_dpdk.c), so a worker's tables sit on its lcore's NUMA node.
 * One worker is built at a time, so the worker being built is a plain
 * static, not an argument threaded through every table constructor.
 */
#include <stdlib.h>

#include "pdt.h"

static void *heap_alloc(size_t bytes, size_t align, unsigned worker)
{
	(void)worker;
	if (align < sizeof(void *))
		align = sizeof(void *);
	return aligned_alloc(align, (bytes + align - 1) & ~(align - 1));
}

static void heap_free(void *p)
{
	free(p);
}

static const struct pdt_mem_ops heap_ops = { heap_alloc, heap_free };
static const struct pdt_mem_ops *ops = &heap_ops;
static unsigned cur_worker;

void pdt_mem_set_ops(const struct pdt_mem_ops *o)
{
	ops = o ? o : &heap_ops;
}

void pdt_mem_for_worker(unsigned idx)
{
	cur_worker = idx;
}

void *pdt_mem_alloc(size_t bytes, size_t align)
{
	return ops->alloc(bytes, align, cur_worker);
}

void pdt_mem_free(void *p)
{
	if (p)
		ops->free(p);
}
