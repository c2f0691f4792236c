/* SPDX-License-Identifier: MIT */
/*
 * mem_dpdk.h - DPDK's per-socket allocator for the worker tables
 * (mem_dpdk.c), installed and reported on by main.c at start.
 */
#ifndef PDT_MEM_DPDK_H
#define PDT_MEM_DPDK_H

/* --tables-mem: where the worker tables go. */
enum pdt_tmem { PDT_TMEM_AUTO, PDT_TMEM_DPDK, PDT_TMEM_HEAP };
/* "auto", "dpdk" or "heap"; -1 on anything else. */
int pdt_mem_dpdk_mode(const char *s, enum pdt_tmem *mode);
/*
 * From now on pdt_mem_alloc() takes from the worker's NUMA socket (DPDK,
 * or auto when EAL has hugepages), else from the C heap.
 */
void pdt_mem_dpdk_install(enum pdt_tmem mode);
/* Logs where worker idx's tables went (a warning when not all in DPDK). */
void pdt_mem_dpdk_report(unsigned idx);

#endif
