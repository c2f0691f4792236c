// SPDX-License-Identifier: MIT
/*
 * disp.c - the per-packet decision of the dispatcher (worker threads).
 *
 * pdt_dispatch() parses a frame, answers ARP and neighbour solicitations
 * for the shared addresses in place, sends what is not a scalable service
 * to the exception port, and for a service asks flow.c for the node.
 * It only counts (per worker, no locks, no system calls) and never logs.
 * The caller applies the verdict: MAC rewrite or IPIP (fwd.c) towards
 * out->node, the exception port, back out of the public port, or drop.
 */
#include <string.h>

#include "pdt.h"

const char *const pdt_ctr_names[PDT_CTR__N] = {
	[PDT_CTR_RX] = "rx", [PDT_CTR_FWD] = "forwarded",
	[PDT_CTR_EXC] = "exception", [PDT_CTR_ARP_REPLY] = "arp_replies",
	[PDT_CTR_ND_REPLY] = "nd_replies", [PDT_CTR_EXC_RX] = "exception_rx",
	[PDT_CTR_TX_FULL] = "drop_tx", [PDT_CTR_D_TRUNC] = "drop_truncated",
	[PDT_CTR_D_BADLEN] = "drop_bad_length", [PDT_CTR_D_BADHDR] = "drop_bad_header",
	[PDT_CTR_D_FRAG_NOFIRST] = "drop_frag_nofirst",
	[PDT_CTR_D_MULTISEG] = "drop_multiseg",
	[PDT_CTR_IP_OPTIONS] = "pass_ip_options",
	[PDT_CTR_UNKNOWN_ETHER] = "pass_unknown_ethertype",
	[PDT_CTR_NOT_TCPUDP] = "pass_not_tcp_udp",
	[PDT_CTR_NO_SERVICE] = "pass_no_service", [PDT_CTR_NO_NODE] = "pass_no_node",
	[PDT_CTR_LOCAL_NODE] = "pass_local_node", [PDT_CTR_CONN_HIT] = "conn_hits",
	[PDT_CTR_CONN_NEW] = "conn_new", [PDT_CTR_CONN_STALE] = "conn_stale",
	[PDT_CTR_AFF_HIT] = "affinity_hits", [PDT_CTR_AFF_NEW] = "affinity_new",
	[PDT_CTR_FRAG_HIT] = "frag_hits",
};

static enum pdt_verdict exc(struct pdt_worker *w, enum pdt_ctr why)
{
	w->ctr->c[why]++;
	w->ctr->c[PDT_CTR_EXC]++;
	return PDT_V_EXCEPTION;
}

static enum pdt_verdict deliver(struct pdt_worker *w, const struct pdt_rt *rt,
				uint16_t slot, struct pdt_out *out)
{
	const struct pdt_rt_node *n = &rt->nodes[slot];

	if (n->local)
		return exc(w, PDT_CTR_LOCAL_NODE);
	w->ctr->node_pkts[n->id]++;
	w->ctr->c[PDT_CTR_FWD]++;
	out->node = n;
	return PDT_V_FORWARD;
}

static enum pdt_verdict later_frag(struct pdt_worker *w, const struct pdt_rt *rt,
				   const struct pdt_pkt *p, uint32_t now,
				   struct pdt_out *out)
{
	uint16_t id;

	if (pdt_frag_lookup(w, p, now, &id)) {
		w->ctr->c[PDT_CTR_D_FRAG_NOFIRST]++;
		return PDT_V_DROP;
	}
	w->ctr->c[PDT_CTR_FRAG_HIT]++;
	if (id == PDT_NO_NODE)
		return exc(w, PDT_CTR_NO_SERVICE);
	if (id > PDT_MAX_NODE_ID || rt->slot_of[id] == 0xff) {
		w->ctr->c[PDT_CTR_D_FRAG_NOFIRST]++;
		return PDT_V_DROP;
	}
	return deliver(w, rt, rt->slot_of[id], out);
}

static enum pdt_verdict service(struct pdt_worker *w, const struct pdt_rt *rt,
				const struct pdt_pkt *p, uint32_t now,
				struct pdt_out *out)
{
	const struct pdt_rt_svc *s;
	uint16_t slot;

	if (p->frag == PDT_FRAG_LATER)
		return later_frag(w, rt, p, now, out);
	if (p->has_opts)
		return exc(w, PDT_CTR_IP_OPTIONS);
	s = pdt_rt_lookup(rt, p->dst, p->proto, p->dport);
	if (!s) {
		if (p->frag == PDT_FRAG_FIRST)
			pdt_frag_record(w, rt, p, PDT_NO_NODE, now);
		return exc(w, PDT_CTR_NO_SERVICE);
	}
	slot = pdt_flow_select(w, rt, s, p, now);
	if (slot == PDT_NO_NODE) {
		if (p->frag == PDT_FRAG_FIRST)
			pdt_frag_record(w, rt, p, PDT_NO_NODE, now);
		return exc(w, PDT_CTR_NO_NODE);
	}
	((struct pdt_rt_svc *)s)->pkts[w->idx].v++;
	if (p->frag == PDT_FRAG_FIRST)
		pdt_frag_record(w, rt, p, rt->nodes[slot].id, now);
	return deliver(w, rt, slot, out);
}

enum pdt_verdict pdt_dispatch(struct pdt_worker *w, const struct pdt_rt *rt,
			      uint8_t *f, uint32_t *len, uint32_t cap,
			      uint32_t now, struct pdt_out *out)
{
	struct pdt_pkt p;
	uint8_t tgt[16];

	w->ctr->c[PDT_CTR_RX]++;
	switch (pdt_parse(f, *len, &p)) {
	case PDT_C_BAD:
		w->ctr->c[p.bad]++;
		return PDT_V_DROP;
	case PDT_C_OTHER:
		return exc(w, (enum pdt_ctr)p.other);
	case PDT_C_ARP_REQ:
		if (!pdt_rt_is_shared(rt, p.dst))
			return exc(w, PDT_CTR_NO_SERVICE);
		*len = pdt_arp_reply(f, *len, &p, rt->pub_mac);
		w->ctr->c[PDT_CTR_ARP_REPLY]++;
		return PDT_V_REPLY;
	case PDT_C_ND_NS:
		memcpy(tgt, f + p.l4_off + 8, 16);
		if (!pdt_rt_is_shared(rt, tgt))
			return exc(w, PDT_CTR_NO_SERVICE);
		*len = pdt_nd_reply(f, *len, cap, &p, rt->pub_mac);
		if (!*len) {
			w->ctr->c[PDT_CTR_D_TRUNC]++;
			return PDT_V_DROP;
		}
		w->ctr->c[PDT_CTR_ND_REPLY]++;
		return PDT_V_REPLY;
	case PDT_C_IP:
		break;
	}
	out->l3_off = p.l3_off;
	out->l3_len = p.l3_len;
	out->family = p.family;
	return service(w, rt, &p, now, out);
}
