// SPDX-License-Identifier: MIT
/*
 * flow.c - choose the node for a packet of a service (worker threads).
 *
 * Order: the connection table (an existing TCP connection or live UDP
 * flow stays on its node whatever the weights became), then for the
 * sticky policies the affinity table (Affinity_timeout), then the
 * service's Maglev table on the policy's hash. An entry whose node is no
 * longer online for the service is dropped on sight and the client is
 * placed again, so removing a node needs no sweep of the tables.
 *
 * Affinity entries: -1 never expire; otherwise every packet while the
 * client has open connections (or any UDP packet) pushes the expiry to
 * now + idle timeout + Affinity_timeout, and the close (FIN/RST) of the
 * client's last connection sets it to now + Affinity_timeout (0: gone).
 * An ordinary packet of an open TCP connection does the push at most once
 * a second (aff_fresh), as it would write the same expiry again: the
 * sticky policies then cost one table lookup per packet, not two.
 *
 * Fragments: the first fragment records its node in a small cache keyed
 * by (source, destination, protocol, IP id), as Sun's PDT did; later
 * fragments follow it. Chosen over rte_ip_frag reassembly because the
 * nodes reassemble anyway, it holds no mbufs and keeps the fast path's
 * memory fixed. A later fragment arriving before its first goes by the
 * client address (sticky policies, frag.c) or waits in the worker's
 * holding buffer (fraghold.c), which frag_gen tells of new records.
 */
#include <string.h>

#include "pdt.h"

enum { CONN_OPEN = 1, CONN_CLOSING, CONN_UDP };

/* TCP flags of a segment that opens or closes a connection. */
#define EVENT_FLAGS (PDT_TCP_SYN | PDT_TCP_FIN | PDT_TCP_RST)

/*
 * Key layout: source (16 bytes), destination (16), then one 8-byte word:
 * source port, destination port, protocol, tag. Written as whole words,
 * so the table's 8-byte compares never wait on a store-forwarding stall.
 */
static void key_flow(struct pdt_key *k, uint8_t tag, const struct pdt_pkt *p,
		     uint16_t port)
{
	uint64_t w = (uint64_t)port << 16 | (uint64_t)tag << 40;

	if (tag == 1)
		w |= p->sport | (uint64_t)p->proto << 32;
	memcpy(k->b, p->src, 16);
	memcpy(k->b + 16, p->dst, 16);
	memcpy(k->b + 32, &w, 8);
}

/* A key of two IPv4-mapped addresses (low halves zero) and its last word. */
static inline void key_words(struct pdt_key *k, uint64_t ms, uint64_t md,
			     uint64_t w)
{
	uint64_t z = 0;

	memcpy(k->b, &z, 8);
	memcpy(k->b + 8, &ms, 8);
	memcpy(k->b + 16, &z, 8);
	memcpy(k->b + 24, &md, 8);
	memcpy(k->b + 32, &w, 8);
}

/* Hash of a fragment key (and of IPv6 flow keys): all 40 bytes. */
static uint64_t key_hash(const struct pdt_key *k, uint64_t seed)
{
	return pdt_hash(k, sizeof(*k), seed);
}

static bool is_online(const struct pdt_rt *rt, const struct pdt_rt_svc *s,
		      uint16_t id, uint16_t *slot)
{
	uint8_t sl = id <= PDT_MAX_NODE_ID ? rt->slot_of[id] : 0xff;

	*slot = sl;
	return sl != 0xff && ((s->online >> sl) & 1);
}

static bool aff_applies(const struct pdt_rt_svc *s, uint8_t proto)
{
	return s->policy != PDT_LB_WEIGHTED &&
	       (proto == PDT_IPPROTO_TCP || s->udp_affinity);
}

/* ev: +1 the packet opened a connection, -1 it closed one, 0 neither. */
static void aff_touch(const struct pdt_rt *rt, const struct pdt_rt_svc *s,
		      const struct pdt_pkt *p, struct pdt_ent *a, uint32_t now,
		      int ev)
{
	int32_t t = s->affinity_timeout;
	uint32_t idle, exp;

	if (ev > 0 && a->nconn < UINT16_MAX)
		a->nconn++;
	if (ev < 0 && a->nconn)
		a->nconn--;
	if (t < 0) {
		a->expire = PDT_NEVER;
		return;
	}
	if (ev < 0 && !a->nconn) {
		a->expire = now + (uint32_t)t;
		return;
	}
	if (a->nconn || p->proto != PDT_IPPROTO_TCP) {
		idle = p->proto == PDT_IPPROTO_TCP ? rt->tcp_timeout :
		       rt->udp_timeout;
		exp = now + idle + (uint32_t)t;
		if (a->expire < exp)
			a->expire = exp;
	}
}

/*
 * Updates a connection's state and expiry for this packet (either table's
 * entry); returns the affinity event. Writes only what changes, so an
 * ordinary packet of a known flow writes its entry at most once a second.
 */
static inline __attribute__((always_inline)) int
conn_touch(const struct pdt_rt *rt, uint8_t proto, uint8_t flags,
	   uint8_t *state, uint32_t *expire, uint32_t now, bool fresh)
{
	uint32_t exp;

	if (proto != PDT_IPPROTO_TCP) {
		exp = now + rt->udp_timeout;
		if (*state != CONN_UDP || *expire != exp) {
			*state = CONN_UDP;
			*expire = exp;
		}
		return 0;
	}
	if (flags & (PDT_TCP_FIN | PDT_TCP_RST)) {
		int ev = *state == CONN_OPEN ? -1 : 0;

		*state = CONN_CLOSING;
		*expire = now + rt->tcp_fin_timeout;
		return fresh ? 0 : ev;
	}
	if (*state == CONN_CLOSING && !(flags & PDT_TCP_SYN))
		return 0;
	exp = now + rt->tcp_timeout;
	if (*state == CONN_OPEN) {
		if (*expire != exp)     /* the line written once a second */
			*expire = exp;
		return 0;
	}
	*expire = exp;
	*state = CONN_OPEN;
	return 1;
}

/* conn_touch() for packet p on an entry of the IPv4 or general table. */
static inline __attribute__((always_inline)) int
touch4(const struct pdt_rt *rt, const struct pdt_pkt *p, struct pdt_c4e *e,
       uint32_t now, bool fresh)
{
	return conn_touch(rt, p->proto, p->tcp_flags, &e->state, &e->expire,
			  now, fresh);
}

static inline __attribute__((always_inline)) int
touch(const struct pdt_rt *rt, const struct pdt_pkt *p, struct pdt_ent *e,
      uint32_t now, bool fresh)
{
	return conn_touch(rt, p->proto, p->tcp_flags, &e->state, &e->expire,
			  now, fresh);
}

/*
 * Hash of a connection (tag 1) or affinity (tag 2) key computed from the
 * packet's fields, not from the key's bytes: no store-to-load stall.
 */
static uint64_t flow_hash(const struct pdt_pkt *p, const struct pdt_key *k,
			  uint8_t tag, uint16_t port)
{
	uint32_t s, d;
	uint64_t w2;

	if (!pdt_addr_is_v4(p->src) || !pdt_addr_is_v4(p->dst))
		return pdt_hash(k, sizeof(*k), tag);
	memcpy(&s, p->src + 12, 4);
	memcpy(&d, p->dst + 12, 4);
	w2 = (uint64_t)port << 16 | (uint64_t)tag << 40;
	if (tag == 1)
		w2 |= p->sport | (uint64_t)p->proto << 32;
	return pdt_hash_words(s | (uint64_t)d << 32, w2, tag);
}

/*
 * IPv4 side of pdt_flow_keys(): the addresses read once as two 32-bit
 * words; the connection key is the IPv4 table's (conn4.c, pdt_c4_hash),
 * the affinity key written as five 8-byte words and hashed from the same
 * registers as the general path would hash its bytes.
 */
static void flow_keys_v4(const struct pdt_rt_svc *s, const struct pdt_pkt *p,
			 struct pdt_fkeys *k, uint16_t aport)
{
	uint32_t sa, da;
	uint64_t w1, ms, md, wa;

	memcpy(&sa, p->src + 12, 4);
	memcpy(&da, p->dst + 12, 4);
	w1 = sa | (uint64_t)da << 32;
	ms = 0xffff0000u | (uint64_t)sa << 32; /* ::ffff:a.b.c.d, bytes 8-15 */
	md = 0xffff0000u | (uint64_t)da << 32;
	k->v4 = true;
	k->c4.src = sa;
	k->c4.dst = da;
	k->c4.ports = p->sport | (uint32_t)p->dport << 16;
	k->c4.proto = p->proto;
	k->ch = pdt_c4_hash(w1, k->c4.ports | (uint64_t)p->proto << 32);
	k->aff = aff_applies(s, p->proto);
	if (k->aff) {
		wa = (uint64_t)aport << 16 | 2ULL << 40;
		key_words(&k->ak, ms, md, wa);
		k->ah = pdt_hash_words(w1, wa, 2);
	}
}

/* Keys and hashes of a packet's connection and (sticky) affinity entries. */
void pdt_flow_keys(const struct pdt_rt_svc *s, const struct pdt_pkt *p,
		   struct pdt_fkeys *k)
{
	uint16_t aport = s->aff_port;   /* one entry across the port list */

	if (pdt_addr_is_v4(p->src) && pdt_addr_is_v4(p->dst)) {
		flow_keys_v4(s, p, k, aport);
	} else {
		k->v4 = false;
		key_flow(&k->ck, 1, p, p->dport);
		k->ch = flow_hash(p, &k->ck, 1, p->dport);
		k->aff = aff_applies(s, p->proto);
		if (k->aff) {
			key_flow(&k->ak, 2, p, aport);
			k->ah = flow_hash(p, &k->ak, 2, aport);
		}
	}
	k->aff_pf = k->aff && (p->proto != PDT_IPPROTO_TCP ||
			       (p->tcp_flags & EVENT_FLAGS));
}

/*
 * The burst's fast lane (disp.c): the connection key and hash of a plain
 * IPv4 packet, or false when the packet likely reads its client's
 * affinity entry (UDP with udp_affinity, a TCP SYN, FIN or RST under a
 * sticky policy), which the general path prefetches and keeps.
 */
bool pdt_flow_keys4(const struct pdt_rt_svc *s, const struct pdt_v4 *q,
		    struct pdt_fkeys *k)
{
	uint64_t pp = q->ports | (uint64_t)q->proto << 32;

	k->aff = aff_applies(s, q->proto);
	if (k->aff &&
	    (q->proto != PDT_IPPROTO_TCP || (q->tcp_flags & EVENT_FLAGS)))
		return false;
	k->v4 = true;
	k->aff_pf = false;
	k->c4.src = pdt_v4_src(q);
	k->c4.dst = pdt_v4_dst(q);
	k->c4.ports = (uint32_t)pp;
	k->c4.proto = q->proto;
	k->ch = pdt_c4_hash(k->c4.src | (uint64_t)k->c4.dst << 32, pp);
	return true;
}

/*
 * The fast lane's decision: the slot of a known IPv4 connection when
 * nothing but its own state and expiry change (its node online; under a
 * sticky policy an ordinary segment of an open connection that already
 * refreshed the client's affinity this second, as select_v4 would leave
 * the affinity alone). PDT_NO_NODE: pdt_flow_select_k() must decide; the
 * entry is then untouched (the lookup may have expired it, as that one's
 * own lookup would).
 */
uint16_t pdt_flow_hit4(struct pdt_worker *w, const struct pdt_rt *rt,
		       const struct pdt_rt_svc *s, const struct pdt_fkeys *k,
		       uint8_t flags, uint32_t now)
{
	struct pdt_c4e *e = pdt_tab4_find(w->conn4, &k->c4, k->ch, now);
	uint16_t slot;

	if (!e || !is_online(rt, s, e->node, &slot))
		return PDT_NO_NODE;
	if (!k->aff)
		conn_touch(rt, k->c4.proto, flags, &e->state, &e->expire, now,
			   false);
	else if (e->state != CONN_OPEN || e->expire != now + rt->tcp_timeout)
		return PDT_NO_NODE;
	w->ctr->c[PDT_CTR_CONN_HIT]++;
	return slot;
}

/*
 * Stage 0 prefetches the buckets (an IPv4 connection's bucket line is its
 * entry too), stage 1 the entries they point to. The
 * affinity entry only for a packet that will likely read it: not for a
 * plain segment of an open TCP connection, which aff_fresh() lets skip
 * the affinity table (at 1 M clients those two lines cost more memory
 * traffic than the rare miss when the refresh is due).
 */
void pdt_flow_prefetch(struct pdt_worker *w, const struct pdt_fkeys *k,
		       int stage)
{
	if (stage == 0) {
		if (k->v4)
			pdt_tab4_prefetch(w->conn4, k->ch);
		else
			pdt_tab_prefetch(w->conn, k->ch);
		if (k->aff_pf)
			pdt_tab_prefetch(w->aff, k->ah);
		return;
	}
	if (!k->v4)
		pdt_tab_prefetch_ent(w->conn, k->ch);
	if (k->aff_pf)
		pdt_tab_prefetch_ent(w->aff, k->ah);
}

/* The affinity entry of the client for this service, if still valid. */
static struct pdt_ent *aff_find(struct pdt_worker *w, const struct pdt_rt *rt,
				const struct pdt_rt_svc *s,
				const struct pdt_fkeys *k, uint32_t now)
{
	struct pdt_ent *a = pdt_tab_find(w->aff, &k->ak, k->ah, now);
	uint16_t slot;

	if (a && !is_online(rt, s, a->node, &slot)) {
		pdt_tab_del(w->aff, a);
		a = NULL;
	}
	return a;
}

/* The service's Maglev slot for the packet (its policy's hash). */
static uint16_t maglev_pick(const struct pdt_rt *rt,
			    const struct pdt_rt_svc *s, const struct pdt_pkt *p)
{
	uint64_t h = pdt_policy_hash(s->policy, p);

	return s->table[pdt_reduce(h, rt->maglev_size)];
}

/* Affinity, else Maglev; creates the affinity entry. *ap gets it. */
static uint16_t place(struct pdt_worker *w, const struct pdt_rt *rt,
		      const struct pdt_rt_svc *s, const struct pdt_pkt *p,
		      uint32_t now, const struct pdt_fkeys *k,
		      struct pdt_ent **ap)
{
	struct pdt_ent *a;
	uint16_t slot;

	*ap = NULL;
	if (!k->aff)
		return maglev_pick(rt, s, p);
	a = aff_find(w, rt, s, k, now);
	if (a) {
		w->ctr->c[PDT_CTR_AFF_HIT]++;
		*ap = a;
		return rt->slot_of[a->node];
	}
	slot = maglev_pick(rt, s, p);
	if (slot == PDT_NO_NODE)
		return slot;
	a = pdt_tab_insert(w->aff, &k->ak, k->ah, now);
	a->node = rt->nodes[slot].id;
	w->ctr->c[PDT_CTR_AFF_NEW]++;
	*ap = a;
	return slot;
}

/* On a connection hit for a sticky service: refresh or rebuild affinity. */
static void aff_keep(struct pdt_worker *w, const struct pdt_rt *rt,
		     const struct pdt_rt_svc *s, const struct pdt_pkt *p,
		     const struct pdt_fkeys *k, uint16_t id, uint32_t now,
		     int ev)
{
	struct pdt_ent *a = aff_find(w, rt, s, k, now);

	if (!a) {
		if (ev < 0)
			return;
		a = pdt_tab_insert(w->aff, &k->ak, k->ah, now);
		a->node = id;
		a->nconn = ev > 0 ? 0 : 1;
	}
	aff_touch(rt, s, p, a, now, ev);
}

/*
 * True when this packet of an open TCP connection would not change the
 * client's affinity entry: the connection already refreshed it this
 * second, and an ordinary packet (no SYN/FIN/RST event) only pushes the
 * expiry to now + tcp_timeout + Affinity_timeout, which it already is
 * (or the entry has no open connection and is left alone anyway). This
 * saves the second lookup per packet of the sticky policies; an
 * affinity entry evicted meanwhile is rebuilt within the second.
 */
static bool aff_fresh(const struct pdt_pkt *p, const struct pdt_ent *e, int ev,
		      uint32_t now)
{
	return ev == 0 && p->proto == PDT_IPPROTO_TCP && e->aff_at == now + 1;
}

/*
 * The IPv4 connection table's side of pdt_flow_select_k(). Its entries
 * have no affinity stamp: an open connection whose expiry is already
 * now + tcp_timeout has had a packet this second, which refreshed the
 * client's affinity (aff_fresh's rule, read from the expiry).
 */
/* A new connection placed on node slot: counted for pdtctl stats (in
 * total, per service, per node). */
static inline void count_new(struct pdt_worker *w, const struct pdt_rt *rt,
			     const struct pdt_rt_svc *s, uint16_t slot)
{
	w->ctr->c[PDT_CTR_CONN_NEW]++;
	w->ctr->node_conns[rt->nodes[slot].id]++;
	((struct pdt_rt_svc *)s)->conns[w->idx].v++;
}

static uint16_t select_v4(struct pdt_worker *w, const struct pdt_rt *rt,
			  const struct pdt_rt_svc *s, const struct pdt_pkt *p,
			  uint32_t now, const struct pdt_fkeys *k)
{
	struct pdt_c4e *e = pdt_tab4_find(w->conn4, &k->c4, k->ch, now);
	struct pdt_ent *a;
	uint16_t slot;
	bool fresh;
	int ev;

	if (e) {
		if (is_online(rt, s, e->node, &slot)) {
			w->ctr->c[PDT_CTR_CONN_HIT]++;
			if (!k->aff) {
				touch4(rt, p, e, now, false);
				return slot;
			}
			fresh = e->state == CONN_OPEN &&
				e->expire == now + rt->tcp_timeout;
			ev = touch4(rt, p, e, now, false);
			if (!(fresh && ev == 0 && p->proto == PDT_IPPROTO_TCP))
				aff_keep(w, rt, s, p, k, e->node, now, ev);
			return slot;
		}
		pdt_tab4_del(w->conn4, e);
		w->ctr->c[PDT_CTR_CONN_STALE]++;
	}
	slot = place(w, rt, s, p, now, k, &a);
	if (slot == PDT_NO_NODE)
		return slot;
	e = pdt_tab4_insert(w->conn4, &k->c4, k->ch, now, rt->nodes[slot].id);
	count_new(w, rt, s, slot);
	ev = touch4(rt, p, e, now, true);
	if (a)
		aff_touch(rt, s, p, a, now, ev);
	return slot;
}

uint16_t pdt_flow_select_k(struct pdt_worker *w, const struct pdt_rt *rt,
			   const struct pdt_rt_svc *s, const struct pdt_pkt *p,
			   uint32_t now, const struct pdt_fkeys *k)
{
	struct pdt_ent *e, *a;
	uint16_t slot;
	int ev;

	if (k->v4)
		return select_v4(w, rt, s, p, now, k);
	e = pdt_tab_find(w->conn, &k->ck, k->ch, now);
	if (e) {
		if (is_online(rt, s, e->node, &slot)) {
			w->ctr->c[PDT_CTR_CONN_HIT]++;
			ev = touch(rt, p, e, now, false);
			if (k->aff && !aff_fresh(p, e, ev, now)) {
				aff_keep(w, rt, s, p, k, e->node, now, ev);
				e->aff_at = now + 1;
			}
			return slot;
		}
		pdt_tab_del(w->conn, e);
		w->ctr->c[PDT_CTR_CONN_STALE]++;
	}
	slot = place(w, rt, s, p, now, k, &a);
	if (slot == PDT_NO_NODE)
		return slot;
	e = pdt_tab_insert(w->conn, &k->ck, k->ch, now);
	e->node = rt->nodes[slot].id;
	count_new(w, rt, s, slot);
	ev = touch(rt, p, e, now, true);
	if (a) {
		aff_touch(rt, s, p, a, now, ev);
		e->aff_at = now + 1;
	}
	return slot;
}

uint16_t pdt_flow_select(struct pdt_worker *w, const struct pdt_rt *rt,
			 const struct pdt_rt_svc *s, const struct pdt_pkt *p,
			 uint32_t now)
{
	struct pdt_fkeys k;

	pdt_flow_keys(s, p, &k);
	return pdt_flow_select_k(w, rt, s, p, now, &k);
}

/*
 * The affinity key and hash of the packet's client for service s, as
 * pdt_flow_keys() makes them (frag.c; a second caller of pdt_flow_keys
 * would keep the compiler from inlining it into the burst loop).
 */
bool pdt_flow_aff_key(const struct pdt_rt_svc *s, const struct pdt_pkt *p,
		      struct pdt_key *k, uint64_t *h)
{
	if (!aff_applies(s, p->proto))
		return false;
	key_flow(k, 2, p, s->aff_port);
	*h = flow_hash(p, k, 2, s->aff_port);
	return true;
}

static void key_frag(struct pdt_key *k, const struct pdt_pkt *p)
{
	uint64_t w = (uint64_t)p->frag_id | (uint64_t)p->proto << 32 |
		     3ULL << 40;

	memcpy(k->b, p->src, 16);
	memcpy(k->b + 16, p->dst, 16);
	memcpy(k->b + 32, &w, 8);
}

int pdt_frag_lookup(struct pdt_worker *w, const struct pdt_pkt *p,
		    uint32_t now, uint16_t *node)
{
	struct pdt_key k;
	struct pdt_ent *e;

	key_frag(&k, p);
	e = pdt_tab_find(w->frag, &k, key_hash(&k, 3), now);
	if (!e)
		return -1;
	*node = e->node;
	return 0;
}

void pdt_frag_record(struct pdt_worker *w, const struct pdt_rt *rt,
		     const struct pdt_pkt *p, uint16_t node, uint32_t now)
{
	struct pdt_key k;
	struct pdt_ent *e;
	uint64_t h;

	key_frag(&k, p);
	h = key_hash(&k, 3);
	e = pdt_tab_find(w->frag, &k, h, now);
	if (!e)
		e = pdt_tab_insert(w->frag, &k, h, now);
	e->node = node;
	e->expire = now + rt->frag_timeout;
	w->frag_gen++;
}
