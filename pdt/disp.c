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
	[PDT_CTR_RX] = "rx",
	[PDT_CTR_FWD] = "forwarded",
	[PDT_CTR_EXC] = "exception",
	[PDT_CTR_ARP_REPLY] = "arp_replies",
	[PDT_CTR_ND_REPLY] = "nd_replies",
	[PDT_CTR_EXC_RX] = "exception_rx",
	[PDT_CTR_TX_FULL] = "drop_tx",
	[PDT_CTR_D_TRUNC] = "drop_truncated",
	[PDT_CTR_D_BADLEN] = "drop_bad_length",
	[PDT_CTR_D_BADHDR] = "drop_bad_header",
	[PDT_CTR_D_FRAG_NOFIRST] = "drop_frag_nofirst",
	[PDT_CTR_D_FRAG_OVERFLOW] = "drop_frag_overflow",
	[PDT_CTR_D_FRAG_EXPIRED] = "drop_frag_expired",
	[PDT_CTR_D_MULTISEG] = "drop_multiseg",
	[PDT_CTR_IP_OPTIONS] = "pass_ip_options",
	[PDT_CTR_UNKNOWN_ETHER] = "pass_unknown_ethertype",
	[PDT_CTR_NOT_TCPUDP] = "pass_not_tcp_udp",
	[PDT_CTR_NO_SERVICE] = "pass_no_service",
	[PDT_CTR_NO_NODE] = "pass_no_node",
	[PDT_CTR_LOCAL_NODE] = "pass_local_node",
	[PDT_CTR_CONN_HIT] = "conn_hits",
	[PDT_CTR_CONN_NEW] = "conn_new",
	[PDT_CTR_CONN_STALE] = "conn_stale",
	[PDT_CTR_AFF_HIT] = "affinity_hits",
	[PDT_CTR_AFF_NEW] = "affinity_new",
	[PDT_CTR_FRAG_HIT] = "frag_hits",
	[PDT_CTR_FRAG_CLIENT] = "frag_by_client",
	[PDT_CTR_FRAG_HELD] = "frag_held",
	[PDT_CTR_FRAG_RELEASED] = "frag_released",
};

static enum pdt_verdict exc(struct pdt_worker *w, enum pdt_ctr why)
{
	w->ctr->c[why]++;
	w->ctr->c[PDT_CTR_EXC]++;
	return PDT_V_EXCEPTION;
}

/* Inlined: once a forwarded packet, the call was a fifth of its cost here. */
static inline __attribute__((always_inline)) enum pdt_verdict
deliver(struct pdt_worker *w, const struct pdt_rt *rt, uint16_t slot,
	struct pdt_out *out)
{
	const struct pdt_rt_node *n = &rt->nodes[slot];

	if (n->local)
		return exc(w, PDT_CTR_LOCAL_NODE);
	w->ctr->node_pkts[n->id]++;
	w->ctr->c[PDT_CTR_FWD]++;
	out->node = n;
	return PDT_V_FORWARD;
}

/* A later fragment: its first's node, its client's, or held (dropped). */
static enum pdt_verdict later_frag(struct pdt_worker *w,
				   const struct pdt_rt *rt,
				   const struct pdt_pkt *p, uint32_t now,
				   struct pdt_out *out)
{
	uint16_t id, slot;

	if (pdt_frag_lookup(w, p, now, &id)) {
		if (!pdt_frag_by_client(w, rt, p, now, &slot))   /* frag.c */
			return slot == PDT_NO_NODE ? exc(w, PDT_CTR_NO_NODE) :
			       deliver(w, rt, slot, out);
		if (w->hold)
			return PDT_V_HOLD;      /* fraghold.c, by the caller */
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

/* A packet between the stages of a burst. */
struct job {
	struct pdt_pkt p;               /* general path: parsed (or from q) */
	const struct pdt_rt_svc *s;
	struct pdt_fkeys k;
	struct pdt_v4 q;                /* a plain IPv4 packet (pdt_parse_v4) */
	bool lane;                      /* fast lane: k has only c4, ch, aff */
};

/* The fast lane's service memo: the last plain packet's service. */
struct memo4 {
	const struct pdt_rt_svc *s;
	uint32_t dst;
	uint16_t dport;
	uint8_t proto;
};

#define PENDING ((enum pdt_verdict)-1)

/*
 * True when packet p has the service s of the burst's previous packet q:
 * same destination and protocol, and the same port or a wildcard service
 * that no exact service of that address and protocol can shadow.
 */
static inline bool same_svc(const struct pdt_pkt *q,
			    const struct pdt_rt_svc *s, const struct pdt_pkt *p)
{
	uint64_t a0, a1, b0, b1;

	memcpy(&a0, q->dst, 8);
	memcpy(&a1, q->dst + 8, 8);
	memcpy(&b0, p->dst, 8);
	memcpy(&b1, p->dst + 8, 8);
	return s && !((a0 ^ b0) | (a1 ^ b1)) && q->proto == p->proto &&
	       (q->dport == p->dport || s->wild_alone);
}

/*
 * What the parser makes of the frame at f (avail bytes at hand of *len):
 * PENDING for an IP packet, else the verdict, an ARP or neighbour
 * solicitation for a shared address answered in place (*len becomes the
 * reply's length, within cap).
 */
static enum pdt_verdict classify(struct pdt_worker *w, const struct pdt_rt *rt,
				 uint8_t *f, uint32_t *len, uint32_t cap,
				 uint32_t avail, struct pdt_pkt *p)
{
	uint8_t tgt[16];

	switch (pdt_parse_seg(f, avail, *len, p)) {
	case PDT_C_BAD:
		if (p->bad == PDT_CTR_D_TRUNC && avail < *len)
			p->bad = PDT_CTR_D_MULTISEG;  /* past bytes at hand */
		w->ctr->c[p->bad]++;
		return PDT_V_DROP;
	case PDT_C_OTHER:
		return exc(w, (enum pdt_ctr)p->other);
	case PDT_C_ARP_REQ:
		if (!pdt_rt_is_shared(rt, p->dst))
			return exc(w, PDT_CTR_NO_SERVICE);
		*len = pdt_arp_reply(f, *len, p, rt->pub_mac);
		if (avail < *len)       /* chained: reply in its first bytes */
			*len = p->l3_off + 28u < 60 && cap >= 60 ?
			       60 : p->l3_off + 28u;
		w->ctr->c[PDT_CTR_ARP_REPLY]++;
		return PDT_V_REPLY;
	case PDT_C_ND_NS:
		memcpy(tgt, f + p->l4_off + 8, 16);
		if (!pdt_rt_is_shared(rt, tgt))
			return exc(w, PDT_CTR_NO_SERVICE);
		*len = pdt_nd_reply(f, *len, cap, p, rt->pub_mac);
		if (!*len) {
			w->ctr->c[PDT_CTR_D_TRUNC]++;
			return PDT_V_DROP;
		}
		w->ctr->c[PDT_CTR_ND_REPLY]++;
		return PDT_V_REPLY;
	case PDT_C_IP:
		break;
	}
	return PENDING;
}

/*
 * Everything but the flow tables: parse, answer ARP/ND, find the service.
 * Returns PENDING with j->s and the flow keys set when the flow tables
 * must decide, or with j->s NULL for a later fragment (decided in order
 * after the burst's first fragments have been recorded). prev: the
 * burst's previous packet of a service (the service memo), or NULL.
 */
static enum pdt_verdict early(struct pdt_worker *w, const struct pdt_rt *rt,
			      uint8_t *f, uint32_t *len, uint32_t cap,
			      uint32_t avail, uint32_t now, struct job *j,
			      const struct job *prev, struct pdt_out *out)
{
	struct pdt_pkt *p = &j->p;
	enum pdt_verdict v = classify(w, rt, f, len, cap, avail, p);

	if (v != PENDING)
		return v;
	out->l3_off = p->l3_off;
	out->l3_len = p->l3_len;
	out->family = p->family;
	if (p->frag == PDT_FRAG_LATER)
		return PENDING;         /* after the burst's first fragments */
	if (p->has_opts)
		return exc(w, PDT_CTR_IP_OPTIONS);
	if (prev && same_svc(&prev->p, prev->s, p))
		j->s = prev->s;
	else
		j->s = pdt_rt_lookup(rt, p->dst, p->proto, p->dport);
	if (!j->s) {
		if (p->frag == PDT_FRAG_FIRST)
			pdt_frag_record(w, rt, p, PDT_NO_NODE, now);
		return exc(w, PDT_CTR_NO_SERVICE);
	}
	pdt_flow_keys(j->s, p, &j->k);
	return PENDING;
}

/*
 * The flow tables' decision for a packet of a service (a sticky first
 * fragment by its client, as its later fragments go).
 */
static enum pdt_verdict finish(struct pdt_worker *w, const struct pdt_rt *rt,
			       const struct job *j, uint32_t now,
			       struct pdt_out *out)
{
	uint16_t slot;

	if (!j->s)
		return later_frag(w, rt, &j->p, now, out);
	if (j->p.frag == PDT_FRAG_FIRST && j->s->policy != PDT_LB_WEIGHTED)
		slot = pdt_frag_client_slot(w, rt, j->s, &j->p, now);
	else
		slot = pdt_flow_select_k(w, rt, j->s, &j->p, now, &j->k);
	if (slot == PDT_NO_NODE) {
		if (j->p.frag == PDT_FRAG_FIRST)
			pdt_frag_record(w, rt, &j->p, PDT_NO_NODE, now);
		return exc(w, PDT_CTR_NO_NODE);
	}
	((struct pdt_rt_svc *)j->s)->pkts[w->idx].v++;
	if (j->p.frag == PDT_FRAG_FIRST)
		pdt_frag_record(w, rt, &j->p, rt->nodes[slot].id, now);
	return deliver(w, rt, slot, out);
}

/*
 * A plain IPv4 packet (j->q): its service (from the memo when it has the
 * last one's, see same_svc), then the fast lane's keys, or the general
 * path's when it will likely read the affinity table. Its fields are
 * read back as they were stored (a wider load over narrower stores just
 * made would stall on store forwarding).
 */
static inline enum pdt_verdict early4(struct pdt_worker *w,
				      const struct pdt_rt *rt, struct job *j,
				      struct memo4 *m, struct pdt_out *out)
{
	const struct pdt_v4 *q = &j->q;
	uint16_t dport = (uint16_t)(q->ports >> 16);
	uint8_t a[16];

	out->l3_off = 14;
	out->l3_len = q->l3_len;
	out->family = 4;
	if (m->s && m->dst == pdt_v4_dst(q) && m->proto == q->proto &&
	    (m->dport == dport || m->s->wild_alone)) {
		j->s = m->s;
	} else {
		pdt_addr_from_v4(a, (const uint8_t *)&q->addrs + 4);
		j->s = pdt_rt_lookup(rt, a, q->proto, dport);
		if (!j->s)
			return exc(w, PDT_CTR_NO_SERVICE);
		m->s = j->s;
		m->dst = pdt_v4_dst(q);
		m->dport = dport;
		m->proto = q->proto;
	}
	j->lane = pdt_flow_keys4(j->s, q, &j->k);
	if (!j->lane) {
		pdt_v4_pkt(q, &j->p);
		pdt_flow_keys(j->s, &j->p, &j->k);
	}
	return PENDING;
}

/* Out of the fast lane: a miss, a stale entry or an affinity event. */
static __attribute__((noinline)) enum pdt_verdict
lane_leave(struct pdt_worker *w, const struct pdt_rt *rt, struct job *j,
	   uint32_t now, struct pdt_out *out)
{
	pdt_v4_pkt(&j->q, &j->p);
	pdt_flow_keys(j->s, &j->p, &j->k);
	return finish(w, rt, j, now, out);
}

/* The fast lane's decision: a known connection's node (pdt_flow_hit4). */
static inline enum pdt_verdict finish4(struct pdt_worker *w,
				       const struct pdt_rt *rt, struct job *j,
				       uint32_t now, struct pdt_out *out)
{
	uint16_t slot = pdt_flow_hit4(w, rt, j->s, &j->k, j->q.tcp_flags, now);

	if (slot == PDT_NO_NODE)
		return lane_leave(w, rt, j, now, out);
	((struct pdt_rt_svc *)j->s)->pkts[w->idx].v++;
	return deliver(w, rt, slot, out);
}

enum pdt_verdict pdt_dispatch(struct pdt_worker *w, const struct pdt_rt *rt,
			      uint8_t *f, uint32_t *len, uint32_t cap,
			      uint32_t now, struct pdt_out *out)
{
	struct job j = { .s = NULL };
	enum pdt_verdict v;

	w->ctr->c[PDT_CTR_RX]++;
	v = early(w, rt, f, len, cap, *len, now, &j, NULL, out);

	return v == PENDING ? finish(w, rt, &j, now, out) : v;
}

/*
 * A burst in three passes, so the table lookups of one packet overlap the
 * memory latency of the others: parse, find the service and hash all,
 * prefetching the buckets; prefetch the entries the general table's
 * signatures point to; decide. Plain IPv4 TCP/UDP (pdt_parse_v4) takes
 * the fast lane: no general packet record, its connection looked up in
 * the IPv4 table directly, the general path taken only when the
 * connection is new or stale or its client's affinity must be read.
 */
void pdt_dispatch_burst(struct pdt_worker *w, const struct pdt_rt *rt,
			uint8_t *const *f, uint32_t *len, const uint32_t *cap,
			const uint32_t *seg, unsigned n, uint32_t now,
			enum pdt_verdict *v, struct pdt_out *out)
{
	struct job j[PDT_BURST_MAX];
	const struct job *prev = NULL;
	struct memo4 m = { .s = NULL };

	w->ctr->c[PDT_CTR_RX] += n;
	for (unsigned i = 0; i < n; i++) {
		uint32_t avail = seg ? seg[i] : len[i];

		j[i].s = NULL;
		j[i].lane = false;
		if (pdt_parse_v4(f[i], avail, len[i], &j[i].q)) {
			v[i] = early4(w, rt, &j[i], &m, &out[i]);
		} else {
			v[i] = early(w, rt, f[i], &len[i], cap[i], avail, now,
				     &j[i], prev, &out[i]);
		}
		if (v[i] != PENDING || !j[i].s)
			continue;
		if (j[i].lane) {
			pdt_tab4_prefetch(w->conn4, j[i].k.ch);
		} else {
			pdt_flow_prefetch(w, &j[i].k, 0);
			prev = &j[i];
		}
	}
	for (unsigned i = 0; i < n; i++)
		if (v[i] == PENDING && j[i].s && !j[i].lane)
			pdt_flow_prefetch(w, &j[i].k, 1);
	for (unsigned i = 0; i < n; i++)
		if (v[i] == PENDING)
			v[i] = j[i].lane ? finish4(w, rt, &j[i], now, &out[i]) :
			       finish(w, rt, &j[i], now, &out[i]);
}
