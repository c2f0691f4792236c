// SPDX-License-Identifier: MIT
/*
 * mem_dpdk.c - the allocator pdt installs for the per-worker tables
 * (main thread, at start and exit): DPDK's rte_malloc_socket() on the
 * NUMA socket of the worker's lcore, so a worker reads its tables from
 * its own node's hugepages. When the socket's heap has no room for an
 * array, that array comes from the C heap instead, and
 * pdt_mem_dpdk_report() says how much, how much room was left and what
 * to raise. dpdk_free() tells the two apart by asking EAL whether the
 * address is in its memory.
 *
 * Without hugepages (--no-huge) EAL's memory is one shared memfd of
 * 4 KiB pages, placed on whichever node first touches it: no NUMA gain,
 * and no transparent huge pages either (shmem), where the C heap gives
 * the large arrays 2 MiB pages (table.c). So --tables-mem auto, the
 * default, takes DPDK memory only when EAL has hugepages.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "dp.h"
#include "mem_dpdk.h"

#define MIB(b) ((double)(b) / (1 << 20))

struct wmem {
	int socket;
	size_t dpdk, heap;      /* bytes placed in each */
	int err;                /* rte_errno of the first refusal */
};
static struct wmem wm[PDT_MAX_WORKERS];

/* The NUMA socket of the lcore that runs worker idx (rte_lcore_index). */
static int worker_socket(unsigned idx)
{
	unsigned lc;

	RTE_LCORE_FOREACH(lc) {
		if (rte_lcore_index((int)lc) == (int)idx)
			return (int)rte_lcore_to_socket_id(lc);
	}
	return SOCKET_ID_ANY;
}

/*
 * A cache line is enough alignment in DPDK memory: its pages are what
 * they are (hugepages, or 4 KiB without), a wider alignment only wastes
 * heap. The C heap keeps the asked alignment (2 MiB for transparent huge
 * pages).
 */
static void *dpdk_alloc(size_t bytes, size_t align, unsigned worker)
{
	struct wmem *m = &wm[worker < PDT_MAX_WORKERS ? worker : 0];
	void *p;

	m->socket = worker_socket(worker);
	p = rte_malloc_socket("pdt_table", bytes,
			      align > RTE_CACHE_LINE_SIZE ?
			      RTE_CACHE_LINE_SIZE : (unsigned)align,
			      m->socket);
	if (p) {
		m->dpdk += bytes;
		return p;
	}
	if (!m->err)
		m->err = rte_errno ? rte_errno : ENOMEM;
	if (align < sizeof(void *))
		align = sizeof(void *);
	p = aligned_alloc(align, (bytes + align - 1) & ~(align - 1));
	if (p)
		m->heap += bytes;
	return p;
}

static void dpdk_free(void *p)
{
	if (rte_mem_virt2memseg_list(p))
		rte_free(p);
	else
		free(p);
}

static const struct pdt_mem_ops dpdk_ops = { dpdk_alloc, dpdk_free };
static const char *heap_why;    /* NULL: DPDK memory installed */

int pdt_mem_dpdk_mode(const char *s, enum pdt_tmem *mode)
{
	if (!strcmp(s, "auto"))
		*mode = PDT_TMEM_AUTO;
	else if (!strcmp(s, "dpdk"))
		*mode = PDT_TMEM_DPDK;
	else if (!strcmp(s, "heap"))
		*mode = PDT_TMEM_HEAP;
	else
		return -1;
	return 0;
}

void pdt_mem_dpdk_install(enum pdt_tmem mode)
{
	if (mode == PDT_TMEM_HEAP) {
		heap_why = "--tables-mem heap";
	} else if (mode == PDT_TMEM_AUTO && !rte_eal_has_hugepages()) {
		heap_why = "EAL has no hugepages: its memory has 4 KiB pages "
			   "on no set node; the heap's have 2 MiB "
			   "(--tables-mem dpdk to override)";
	} else {
		heap_why = NULL;
		pdt_mem_set_ops(&dpdk_ops);
	}
}

/* Once per worker at start: where its tables went, and why. */
void pdt_mem_dpdk_report(unsigned idx)
{
	const struct wmem *m = &wm[idx];
	struct rte_malloc_socket_stats st = { 0 };

	if (heap_why) {
		log_info("worker %u: tables on the C heap (%s)", idx, heap_why);
		return;
	}
	if (!m->heap) {
		log_info("worker %u: tables in DPDK memory on socket %d "
			 "(%.1f MiB)", idx, m->socket, MIB(m->dpdk));
		return;
	}
	if (m->socket >= 0)
		(void)rte_malloc_get_socket_stats(m->socket, &st);
	log_warn("worker %u: DPDK memory on socket %d had no room for "
		 "%.1f MiB of its tables (%s; now %.1f MiB free, largest "
		 "block %.1f MiB): those come from the C heap, not bound to "
		 "the worker's NUMA node; raise -m or the hugepages by that "
		 "much to place them",
		 idx, m->socket, MIB(m->heap), rte_strerror(m->err),
		 MIB(st.heap_freesz_bytes), MIB(st.greatest_free_size));
}
