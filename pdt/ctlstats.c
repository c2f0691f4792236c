// SPDX-License-Identifier: MIT
/*
 * ctlstats.c - format pdt's counters for the `stats` control command
 * (control thread): totals of the per-worker counters, packets and new
 * connections per service and per node, the occupancy and evictions of
 * each worker's tables, and the bytes each worker's tables take. Workers write their
 * counters without locks; the values read here may be a burst old, which
 * is fine for statistics.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "dp.h"

/* The output buffer; err: something did not fit (the rest is skipped). */
struct sb {
	char *b;
	size_t len, o;
	int err;
};

/* Appends, or marks the output as cut. */
__attribute__((format(printf, 2, 3)))
static void put(struct sb *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (s->err)
		return;
	va_start(ap, fmt);
	r = vsnprintf(s->b + s->o, s->len - s->o, fmt, ap);
	va_end(ap);
	if (r < 0 || (size_t)r >= s->len - s->o)
		s->err = 1;
	else
		s->o += (size_t)r;
}

/* Counter c summed over the workers. */
static uint64_t sum(struct pdt_dp *dp, unsigned c)
{
	uint64_t t = 0;

	for (unsigned i = 0; i < dp->nworkers; i++)
		t += __atomic_load_n(&dp->w[i].ctr->c[c], __ATOMIC_RELAXED);
	return t;
}

/* The "conn" line sums the IPv4 table (conn4.c) and the general one. */
static void tables(struct sb *s, struct pdt_dp *dp)
{
	static const char *const names[] = { "conn", "affinity", "frag" };

	for (unsigned i = 0; i < dp->nworkers; i++) {
		const struct pdt_tab4 *c4 = dp->w[i].conn4;
		struct pdt_tab *t[] = {
			dp->w[i].conn, dp->w[i].aff, dp->w[i].frag
		};

		for (unsigned k = 0; k < 3; k++)
			put(s, "table %s worker %u entries %lu capacity %u "
			    "evictions %lu expired %lu\n", names[k], i,
			    (unsigned long)(t[k]->count +
					    (k ? 0 : c4->count)),
			    t[k]->capacity + (k ? 0 : c4->capacity),
			    (unsigned long)(t[k]->evictions +
					    (k ? 0 : c4->evictions)),
			    (unsigned long)(t[k]->expired +
					    (k ? 0 : c4->expired)));
	}
}

/* Bytes of each worker's tables: conn4 (IPv4), conn6 (the general table). */
static void memory(struct sb *s, struct pdt_dp *dp)
{
	for (unsigned i = 0; i < dp->nworkers; i++) {
		struct pdt_wmem m;

		pdt_worker_mem(&dp->w[i], &m);
		put(s, "memory worker %u conn4 %zu conn6 %zu affinity %zu "
		    "frag %zu frag_hold %zu total %zu\n", i, m.conn4, m.conn6,
		    m.aff, m.frag, m.hold, m.total);
	}
}

/* The whole answer to `stats`; -1 (ENOSPC) if it does not fit. */
int pdt_stats_format(struct pdt_dp *dp, char *buf, size_t len)
{
	struct sb s = { buf, len, 0, 0 };
	const struct pdt_rt *rt = dp->rt;   /* control thread owns swaps */

	for (unsigned c = 0; c < PDT_CTR__N; c++)
		put(&s, "%s %lu\n", pdt_ctr_names[c],
		    (unsigned long)sum(dp, c));
	for (unsigned i = 0; i < rt->nsvcs; i++)
		put(&s, "service %s packets %lu\n"
		    "service %s connections %lu\n", rt->svcs[i].name,
		    (unsigned long)pdt_rt_svc_pkts(&rt->svcs[i]),
		    rt->svcs[i].name,
		    (unsigned long)pdt_rt_svc_conns(&rt->svcs[i]));
	for (unsigned i = 0; i < rt->nnodes; i++) {
		uint64_t t = 0, c = 0;
		uint16_t id = rt->nodes[i].id;

		for (unsigned k = 0; k < dp->nworkers; k++) {
			t += __atomic_load_n(&dp->w[k].ctr->node_pkts[id],
					     __ATOMIC_RELAXED);
			c += __atomic_load_n(&dp->w[k].ctr->node_conns[id],
					     __ATOMIC_RELAXED);
		}
		put(&s, "node %u packets %lu\nnode %u connections %lu\n", id,
		    (unsigned long)t, id, (unsigned long)c);
	}
	tables(&s, dp);
	memory(&s, dp);
	if (s.err) {
		errno = ENOSPC;
		return -1;
	}
	return 0;
}
