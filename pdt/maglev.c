// SPDX-License-Identifier: MIT
/*
 * maglev.c - weighted Maglev lookup table (control thread, off the fast path).
 *
 * Eisenbud et al., "Maglev", NSDI 2016, with weights as in Katran: node i
 * prefers the slots (offset_i + j * skip_i) mod M, offset and skip coming
 * from a hash of the node id only; the nodes take turns claiming their
 * next free preferred slot, and a node earns turns in proportion to its
 * weight (a credit of weight/max_weight per round). The nodes are sorted
 * by id first, so any two GINs given the same (id, weight) set build the
 * same table whatever order the set was written in. M must be prime so
 * every skip walks all the slots.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"

/* A node's walk through the slots: its preference order and its turns. */
struct perm {
	uint16_t id;
	uint16_t idx;           /* index in the caller's nodes[] */
	uint32_t w;             /* weight */
	uint64_t off, skip;     /* slot j of its walk: (off + j * skip) % m */
	uint64_t next;          /* j of its next preferred slot */
	uint64_t credit;        /* weight earned towards a turn */
};

#define SEED_OFF  0x6d61676c65763031ULL     /* "maglev01" */
#define SEED_SKIP 0x6d61676c65763032ULL

bool pdt_is_prime(uint32_t m)
{
	if (m < 2)
		return false;
	for (uint32_t d = 2; (uint64_t)d * d <= m; d++)
		if (m % d == 0)
			return false;
	return true;
}

static int by_id(const void *a, const void *b)
{
	const struct perm *x = a, *y = b;

	return (int)x->id - (int)y->id;
}

/* Claims node p's next free preferred slot; returns false if none is left. */
static bool claim(struct perm *p, uint16_t *tab, uint32_t m)
{
	for (;;) {
		uint32_t c = (uint32_t)((p->off + p->next * p->skip) % m);

		p->next++;
		if (tab[c] == PDT_NO_NODE) {
			tab[c] = p->idx;
			return true;
		}
	}
}

/* Fills tab[0..m-1]; 0, or -1 with errno (m not prime: EINVAL). */
int pdt_maglev_build(const struct pdt_mnode *nodes, unsigned n, uint16_t *tab,
		     uint32_t m)
{
	struct perm *p;
	uint32_t wmax = 0, filled = 0;
	unsigned k = 0;

	if (!pdt_is_prime(m)) {
		errno = EINVAL;
		return -1;
	}
	for (uint32_t i = 0; i < m; i++)
		tab[i] = PDT_NO_NODE;
	p = calloc(n ? n : 1, sizeof(*p));
	if (!p)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		uint64_t id = nodes[i].id;

		if (!nodes[i].weight)
			continue;
		p[k].id = nodes[i].id;
		p[k].idx = (uint16_t)i;
		p[k].w = nodes[i].weight;
		p[k].off = pdt_hash(&id, sizeof(id), SEED_OFF) % m;
		p[k].skip = pdt_hash(&id, sizeof(id), SEED_SKIP) % (m - 1) + 1;
		if (p[k].w > wmax)
			wmax = p[k].w;
		k++;
	}
	qsort(p, k, sizeof(*p), by_id);
	while (k && filled < m) {
		for (unsigned i = 0; i < k && filled < m; i++) {
			p[i].credit += p[i].w;
			if (p[i].credit < wmax)
				continue;
			p[i].credit -= wmax;
			filled += claim(&p[i], tab, m);
		}
	}
	free(p);
	return 0;
}
