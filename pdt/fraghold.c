// SPDX-License-Identifier: MIT
/*
 * fraghold.c - the per-worker holding buffer of early fragments (worker
 * threads). Under LB_WEIGHTED the node of a datagram is chosen by its
 * first fragment (it carries the ports); a later fragment that arrives
 * before it is held here, with its parsed header and an opaque packet
 * pointer (the worker's mbuf), until the first fragment has recorded
 * its node in the fragment cache, then released to that node.
 *
 * Bounded in space and time: at most frag_hold packets per worker, in a
 * ring ordered by arrival; a packet that would not fit pushes out the
 * oldest (drop_frag_overflow), and a packet still waiting frag_timeout
 * seconds after it came is given back to be dropped (drop_frag_expired).
 * The held packets are looked up again only when a first fragment was
 * recorded since the last look (the worker's frag_gen), so a buffer
 * full of orphans costs nothing per burst. The caller owns the packets
 * it gets back and frees the dropped ones; pdt_fraghold_drain hands back
 * what is left at shutdown.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"

struct held {
	struct pdt_pkt p;
	uint32_t deadline;
	void *pkt;             /* NULL: released (a hole in the ring) */
};

struct pdt_fraghold {
	uint32_t cap, head, used, live;   /* used: slots from head, holes too */
	uint32_t gen;                      /* frag_gen at the last look-up */
	struct held e[];
};

struct pdt_fraghold *pdt_fraghold_new(uint32_t cap)
{
	struct pdt_fraghold *h;

	if (!cap)
		return NULL;
	h = pdt_mem_alloc(sizeof(*h) + cap * sizeof(h->e[0]), 64);
	if (h) {
		memset(h, 0, sizeof(*h) + cap * sizeof(h->e[0]));
		h->cap = cap;
	}
	return h;
}

size_t pdt_fraghold_bytes(const struct pdt_fraghold *h)
{
	return h ? sizeof(*h) + h->cap * sizeof(h->e[0]) : 0;
}

void pdt_fraghold_free(struct pdt_fraghold *h)
{
	pdt_mem_free(h);
}

/* The i-th slot from the head of the ring. */
static struct held *at(struct pdt_fraghold *h, uint32_t i)
{
	return &h->e[(h->head + i) % h->cap];
}

/* Drops the holes at the head of the ring. */
static void trim(struct pdt_fraghold *h)
{
	while (h->used && !at(h, 0)->pkt) {
		h->head = (h->head + 1) % h->cap;
		h->used--;
	}
}

/* Closes the holes (the ring is full of slots, not all live). */
static void compact(struct pdt_fraghold *h)
{
	uint32_t k = 0;

	for (uint32_t i = 0; i < h->used; i++)
		if (at(h, i)->pkt)
			*at(h, k++) = *at(h, i);
	h->used = k;
}

/*
 * Holds pkt (the frame f of len bytes) until its first fragment comes;
 * returns a packet for the caller to drop: pkt itself when it cannot be
 * held, or the oldest held one pushed out of a full buffer, else NULL.
 */
void *pdt_fraghold_add(struct pdt_worker *w, const struct pdt_rt *rt,
		       const uint8_t *f, uint32_t len, void *pkt, uint32_t now)
{
	struct pdt_fraghold *h = w->hold;
	void *out = NULL;
	struct pdt_pkt p;
	struct held *e;

	if (!h || pdt_parse(f, len, &p) != PDT_C_IP) {
		w->ctr->c[PDT_CTR_D_FRAG_NOFIRST]++;
		return pkt;
	}
	if (h->used == h->cap && h->live < h->cap)
		compact(h);
	if (h->used == h->cap) {
		out = at(h, 0)->pkt;
		at(h, 0)->pkt = NULL;
		h->live--;
		trim(h);
		w->ctr->c[PDT_CTR_D_FRAG_OVERFLOW]++;
	}
	e = at(h, h->used++);
	e->p = p;
	e->deadline = now + rt->frag_timeout;
	e->pkt = pkt;
	h->live++;
	w->ctr->c[PDT_CTR_FRAG_HELD]++;
	return out;
}

/* The verdict for a held packet whose first fragment chose node id. */
static enum pdt_verdict verdict(struct pdt_worker *w, const struct pdt_rt *rt,
				uint16_t id, const struct pdt_pkt *p,
				struct pdt_out *o)
{
	const struct pdt_rt_node *n;

	w->ctr->c[PDT_CTR_FRAG_RELEASED]++;
	o->l3_off = p->l3_off;
	o->l3_len = p->l3_len;
	o->family = p->family;
	if (id == PDT_NO_NODE ||
	    (id <= PDT_MAX_NODE_ID && rt->slot_of[id] != 0xff &&
	     rt->nodes[rt->slot_of[id]].local)) {
		w->ctr->c[id == PDT_NO_NODE ? PDT_CTR_NO_SERVICE :
					      PDT_CTR_LOCAL_NODE]++;
		w->ctr->c[PDT_CTR_EXC]++;
		return PDT_V_EXCEPTION;
	}
	if (id > PDT_MAX_NODE_ID || rt->slot_of[id] == 0xff) {
		/* Its node left meanwhile. */
		w->ctr->c[PDT_CTR_D_FRAG_NOFIRST]++;
		return PDT_V_DROP;
	}
	n = &rt->nodes[rt->slot_of[id]];
	w->ctr->node_pkts[n->id]++;
	w->ctr->c[PDT_CTR_FWD]++;
	o->node = n;
	return PDT_V_FORWARD;
}

/* Releases the held packets whose first fragment has been recorded. */
static unsigned release(struct pdt_worker *w, const struct pdt_rt *rt,
			uint32_t now, void **pkt, enum pdt_verdict *v,
			struct pdt_out *out, unsigned max)
{
	struct pdt_fraghold *h = w->hold;
	unsigned n = 0;
	uint16_t id;

	for (uint32_t i = 0; i < h->used; i++) {
		struct held *e = at(h, i);

		if (!e->pkt || pdt_frag_lookup(w, &e->p, now, &id))
			continue;
		if (n == max)
			return n;       /* h->gen left behind: look again */
		v[n] = verdict(w, rt, id, &e->p, &out[n]);
		pkt[n++] = e->pkt;
		e->pkt = NULL;
		h->live--;
	}
	h->gen = w->frag_gen;
	trim(h);
	return n;
}

/*
 * Once per burst: at most max held packets given back with their
 * verdicts, the released ones first, then the expired (to be dropped).
 */
unsigned pdt_fraghold_poll(struct pdt_worker *w, const struct pdt_rt *rt,
			   uint32_t now, void **pkt, enum pdt_verdict *v,
			   struct pdt_out *out, unsigned max)
{
	struct pdt_fraghold *h = w->hold;
	unsigned n = 0;

	if (!h || !h->live)
		return 0;
	if (h->gen != w->frag_gen)
		n = release(w, rt, now, pkt, v, out, max);
	while (n < max && h->used && (int32_t)(now - at(h, 0)->deadline) > 0) {
		struct held *e = at(h, 0);

		v[n] = PDT_V_DROP;
		pkt[n++] = e->pkt;
		e->pkt = NULL;
		h->live--;
		w->ctr->c[PDT_CTR_D_FRAG_EXPIRED]++;
		trim(h);
	}
	return n;
}

/* At shutdown: hands back the held packets, to be freed. */
unsigned pdt_fraghold_drain(struct pdt_worker *w, void **pkt, unsigned max)
{
	struct pdt_fraghold *h = w->hold;
	unsigned n = 0;

	while (h && h->used && n < max) {
		if (at(h, 0)->pkt) {
			pkt[n++] = at(h, 0)->pkt;
			at(h, 0)->pkt = NULL;
			h->live--;
		}
		h->head = (h->head + 1) % h->cap;
		h->used--;
	}
	return n;
}
