// SPDX-License-Identifier: MIT
/*
 * worker_state.c - allocate and free one worker's private state: its
 * connection (IPv4, and general for IPv6: a quarter of conn_table_size
 * unless conn6_table_size says), affinity and fragment tables and its
 * fragment holding buffer (sized by the configuration, fixed for the life
 * of the process) and its cache-aligned counters, all from pdt_mem_alloc()
 * (mem.c: on the worker's NUMA socket in pdt).
 * Called by the main thread before the workers start.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"

/* Worker idx's tables for configuration c; -1 (ENOMEM), none kept. */
int pdt_worker_init(struct pdt_worker *w, unsigned idx,
		    const struct pdt_conf *c)
{
	memset(w, 0, sizeof(*w));
	w->idx = idx;
	pdt_mem_for_worker(idx);
	w->conn4 = pdt_tab4_new(c->conn_size);
	w->conn = pdt_tab_new(pdt_conf_conn6_size(c));
	w->aff = pdt_tab_new(c->aff_size);
	w->frag = pdt_tab_new(c->frag_size);
	w->ctr = pdt_mem_alloc(sizeof(*w->ctr), 64);
	w->hold = pdt_fraghold_new(c->frag_hold);
	if (!w->conn4 || !w->conn || !w->aff || !w->frag || !w->ctr ||
	    (c->frag_hold && !w->hold)) {
		pdt_worker_fini(w);
		errno = ENOMEM;
		return -1;
	}
	memset(w->ctr, 0, sizeof(*w->ctr));
	return 0;
}

/* Frees what pdt_worker_init() allocated (any part of it). */
void pdt_worker_fini(struct pdt_worker *w)
{
	pdt_tab4_free(w->conn4);
	pdt_tab_free(w->conn);
	pdt_tab_free(w->aff);
	pdt_tab_free(w->frag);
	pdt_fraghold_free(w->hold);
	pdt_mem_free(w->ctr);
	memset(w, 0, sizeof(*w));
}

/* The bytes of each of the worker's tables, and their total. */
void pdt_worker_mem(const struct pdt_worker *w, struct pdt_wmem *m)
{
	m->conn4 = pdt_tab4_bytes(w->conn4);
	m->conn6 = pdt_tab_bytes(w->conn);
	m->aff = pdt_tab_bytes(w->aff);
	m->frag = pdt_tab_bytes(w->frag);
	m->hold = pdt_fraghold_bytes(w->hold);
	m->total = m->conn4 + m->conn6 + m->aff + m->frag + m->hold;
}
