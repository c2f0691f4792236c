// SPDX-License-Identifier: MIT
/*
 * frag.c - fragments of the sticky policies by the client address alone
 * (worker threads). Under LB_STICKY and LB_STICKY_WILD the node of a
 * client depends on its address only: its affinity entry for the service
 * if it has one, else the service's Maglev table on the client's hash.
 * Every fragment of such a service, first or later, in any order, is
 * sent there, reading the tables but never writing them, so fragments
 * need no state to meet on one node. A later fragment carries no ports:
 * its service is the only one of its address with ports of its protocol
 * (pdt_rt_lookup_frag); when several share the address and protocol, it
 * waits for its first in the holding buffer like an LB_WEIGHTED one.
 */
#include "pdt.h"

/* Node id is known and online for s. */
static bool online(const struct pdt_rt *rt, const struct pdt_rt_svc *s,
		   uint16_t id)
{
	uint8_t sl = id <= PDT_MAX_NODE_ID ? rt->slot_of[id] : 0xff;

	return sl != 0xff && ((s->online >> sl) & 1);
}

/* The slot of a sticky service's client (PDT_NO_NODE: none online). */
uint16_t pdt_frag_client_slot(struct pdt_worker *w, const struct pdt_rt *rt,
			      const struct pdt_rt_svc *s,
			      const struct pdt_pkt *p, uint32_t now)
{
	struct pdt_key k;
	struct pdt_ent *a;
	uint64_t h;

	if (pdt_flow_aff_key(s, p, &k, &h)) {
		a = pdt_tab_find(w->aff, &k, h, now);
		if (a && online(rt, s, a->node))
			return rt->slot_of[a->node];
	}
	return s->table[pdt_reduce(pdt_policy_hash(s->policy, p),
				   rt->maglev_size)];
}

/*
 * A later fragment whose first has not been seen: 0 and *slot when its
 * service is known and sticky, -1 when it must wait for its first.
 */
int pdt_frag_by_client(struct pdt_worker *w, const struct pdt_rt *rt,
		       const struct pdt_pkt *p, uint32_t now, uint16_t *slot)
{
	const struct pdt_rt_svc *s = pdt_rt_lookup_frag(rt, p->dst, p->proto);

	if (!s || s->policy == PDT_LB_WEIGHTED)
		return -1;
	*slot = pdt_frag_client_slot(w, rt, s, p, now);
	w->ctr->c[PDT_CTR_FRAG_CLIENT]++;
	/* The worker's own counter, as disp.c counts. */
	if (*slot != PDT_NO_NODE)
		((struct pdt_rt_svc *)s)->pkts[w->idx].v++;
	return 0;
}
