// SPDX-License-Identifier: MIT
/*
 * rt.c - build the immutable runtime view of a configuration (control
 * thread, off the fast path): node slots, per-service online bitmaps and
 * Maglev tables, and an open-addressing lookup table keyed by (address,
 * protocol, port): one entry for every port of each service's port list,
 * wildcard entries, address-only entries (ARP/ND), and per (address,
 * protocol) the service a later fragment (no ports) belongs to when that
 * is only one. A view is never changed once published; the control
 * thread builds a new one, publishes it, waits for the workers' quiescent
 * state (RCU QSBR) and frees the old. The workers only look up
 * (pdt_rt_lookup, pdt_rt_lookup_frag, pdt_rt_is_shared).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"

/* The address is hashed once per packet; kind, protocol and port mixed in. */
static uint64_t sk_hash_addr(const uint8_t addr[16])
{
	return pdt_hash_addr(addr, 0x73766373ULL);
}

/* The slot hash of a key from its address's hash ha. */
static uint64_t sk_hash2(uint64_t ha, const struct pdt_svc_key *k)
{
	return pdt_hash_mix(ha, (uint64_t)k->kind << 32 |
			    (uint64_t)k->proto << 16 | k->port);
}

/* Keys equal, compared as three words without a branch. */
static bool sk_eq(const struct pdt_svc_key *a, const struct pdt_svc_key *b)
{
	uint64_t a0, a1, b0, b1;
	uint32_t a2, b2;

	memcpy(&a0, a->addr, 8);
	memcpy(&a1, a->addr + 8, 8);
	memcpy(&b0, b->addr, 8);
	memcpy(&b1, b->addr + 8, 8);
	a2 = (uint32_t)a->proto | (uint32_t)a->kind << 8 |
	     (uint32_t)a->port << 16;
	b2 = (uint32_t)b->proto | (uint32_t)b->kind << 8 |
	     (uint32_t)b->port << 16;
	return !((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2));
}

/* A key with its padding cleared (keys are compared as words). */
static void sk_make(struct pdt_svc_key *k, const uint8_t addr[16],
		    uint8_t proto, uint8_t kind, uint16_t port)
{
	memset(k, 0, sizeof(*k));
	memcpy(k->addr, addr, 16);
	k->proto = proto;
	k->kind = kind;
	k->port = port;
}

/* Linear probing from the key's slot to a match or an empty slot. */
static const struct pdt_svc_slot *sk_find(const struct pdt_rt *rt,
					  const struct pdt_svc_key *k,
					  uint64_t ha)
{
	uint32_t i = (uint32_t)sk_hash2(ha, k) & rt->lk_mask;

	for (;; i = (i + 1) & rt->lk_mask) {
		const struct pdt_svc_slot *s = &rt->lk[i];

		if (s->k.kind == PDT_SK_EMPTY)
			return NULL;
		if (sk_eq(&s->k, k))
			return s;
	}
}

/* Adds k for service svc, unless k is there already (the first wins). */
static void sk_add(struct pdt_rt *rt, const struct pdt_svc_key *k,
		   uint16_t svc)
{
	uint64_t ha = sk_hash_addr(k->addr);
	uint32_t i = (uint32_t)sk_hash2(ha, k) & rt->lk_mask;

	if (sk_find(rt, k, ha))
		return;
	while (rt->lk[i].k.kind != PDT_SK_EMPTY)
		i = (i + 1) & rt->lk_mask;
	rt->lk[i].k = *k;
	rt->lk[i].svc = svc;
}

/* The service of (addr, proto, port): an exact port, else a wildcard. */
const struct pdt_rt_svc *pdt_rt_lookup(const struct pdt_rt *rt,
				       const uint8_t addr[16], uint8_t proto,
				       uint16_t port)
{
	struct pdt_svc_key k;
	const struct pdt_svc_slot *s;
	uint64_t ha = sk_hash_addr(addr);

	sk_make(&k, addr, proto, PDT_SK_EXACT, port);
	s = sk_find(rt, &k, ha);
	if (!s) {
		k.kind = PDT_SK_WILD;
		k.port = 0;
		s = sk_find(rt, &k, ha);
	}
	return s ? &rt->svcs[s->svc] : NULL;
}

/* The one service of (addr, proto) a later fragment can belong to. */
const struct pdt_rt_svc *pdt_rt_lookup_frag(const struct pdt_rt *rt,
					    const uint8_t addr[16],
					    uint8_t proto)
{
	struct pdt_svc_key k;
	const struct pdt_svc_slot *s;

	sk_make(&k, addr, proto, PDT_SK_FRAG, 0);
	s = sk_find(rt, &k, sk_hash_addr(addr));
	return s ? &rt->svcs[s->svc] : NULL;
}

/* addr is a service's address or one of shared_addresses (ARP/ND). */
bool pdt_rt_is_shared(const struct pdt_rt *rt, const uint8_t addr[16])
{
	struct pdt_svc_key k;

	sk_make(&k, addr, 0, PDT_SK_ADDR, 0);
	return sk_find(rt, &k, sk_hash_addr(addr)) != NULL;
}

/*
 * A service's runtime entry: its online bitmap of node slots and its
 * Maglev table over the weighted nodes that are online, as node slots.
 */
static int build_svc(struct pdt_rt *rt, const struct pdt_conf_svc *cs,
		     struct pdt_rt_svc *s)
{
	struct pdt_mnode mn[PDT_MAX_NODES];
	uint8_t mslot[PDT_MAX_NODES];
	unsigned n = 0;

	memcpy(s->name, cs->name, sizeof(s->name));
	memcpy(s->addr, cs->addr, 16);
	s->aff_port = pdt_ports_aff_port(cs->ports, cs->nports, cs->policy);
	s->policy = cs->policy;
	s->affinity_timeout = cs->affinity_timeout;
	s->udp_affinity = cs->udp_affinity;
	if (cs->online_all)
		for (unsigned i = 0; i < cs->nw; i++)
			s->online |= 1ULL << rt->slot_of[cs->w[i].node];
	for (unsigned i = 0; i < cs->nonline; i++)
		s->online |= 1ULL << rt->slot_of[cs->online[i]];
	for (unsigned i = 0; i < cs->nw; i++) {
		uint8_t sl = rt->slot_of[cs->w[i].node];

		if (!((s->online >> sl) & 1))
			continue;
		mn[n].id = cs->w[i].node;
		mn[n].weight = cs->w[i].weight;
		mslot[n++] = sl;
	}
	s->table = malloc((size_t)rt->maglev_size * sizeof(*s->table));
	if (!s->table || pdt_maglev_build(mn, n, s->table, rt->maglev_size))
		return -1;
	for (uint32_t i = 0; i < rt->maglev_size; i++)
		if (s->table[i] != PDT_NO_NODE)
			s->table[i] = mslot[s->table[i]];
	return 0;
}

/* s has a port of protocol proto (exact: a port that is not a wildcard). */
static bool has_proto(const struct pdt_conf_svc *s, uint8_t proto,
		      bool exact)
{
	for (unsigned i = 0; i < s->nports; i++)
		if (s->ports[i].proto == proto && (!exact || !s->ports[i].wild))
			return true;
	return false;
}

/*
 * Service i is "wild alone" when its list has only wildcards and no
 * other service of its address has an exact port of their protocols: a
 * burst may then reuse it for any port (disp.c). Its entry for later
 * fragments is added when no other service of the address has the
 * protocol.
 */
static void svc_keys(struct pdt_rt *rt, const struct pdt_conf *c, unsigned i)
{
	const struct pdt_conf_svc *cs = &c->svcs[i];
	struct pdt_rt_svc *s = &rt->svcs[i];
	struct pdt_svc_key k;

	s->wild_alone = true;
	for (unsigned p = 0; p < cs->nports; p++) {
		const struct pdt_port *pp = &cs->ports[p];
		bool alone = true;

		s->wild_alone &= pp->wild;
		for (unsigned j = 0; j < c->nsvcs; j++) {
			if (j == i || memcmp(c->svcs[j].addr, cs->addr, 16))
				continue;
			if (has_proto(&c->svcs[j], pp->proto, true))
				s->wild_alone = false;
			if (has_proto(&c->svcs[j], pp->proto, false))
				alone = false;
		}
		sk_make(&k, cs->addr, pp->proto,
			pp->wild ? PDT_SK_WILD : PDT_SK_EXACT,
			pp->wild ? 0 : pp->port);
		sk_add(rt, &k, (uint16_t)i);
		sk_make(&k, cs->addr, pp->proto, PDT_SK_FRAG, 0);
		if (alone)
			sk_add(rt, &k, (uint16_t)i);
	}
	sk_make(&k, cs->addr, 0, PDT_SK_ADDR, 0);
	sk_add(rt, &k, (uint16_t)i);
}

/* The lookup table, at most a quarter full, with every service's keys. */
static int build_lookup(struct pdt_rt *rt, const struct pdt_conf *c)
{
	uint32_t size = 16, n = 1;

	for (unsigned i = 0; i < c->nsvcs; i++)
		n += 2 * c->svcs[i].nports + 1;
	n += c->naddrs;
	while (size < 4 * n)
		size <<= 1;
	rt->lk = calloc(size, sizeof(*rt->lk));
	if (!rt->lk)
		return -1;
	rt->lk_mask = size - 1;
	for (unsigned i = 0; i < c->nsvcs; i++)
		svc_keys(rt, c, i);
	for (unsigned i = 0; i < c->naddrs; i++) {
		struct pdt_svc_key k;

		sk_make(&k, c->addrs[i], 0, PDT_SK_ADDR, 0);
		sk_add(rt, &k, 0);	/* only its presence is looked up */
	}
	return 0;
}

/* A new runtime view of c (checked first), or NULL with err set. */
struct pdt_rt *pdt_rt_build(const struct pdt_conf *c, char *err,
			    size_t errlen)
{
	struct pdt_rt *rt;

	if (pdt_conf_check(c, err, errlen))
		return NULL;
	rt = calloc(1, sizeof(*rt));
	if (!rt)
		goto out_nomem;
	rt->local_node = c->local_node;
	rt->fwd = c->fwd;
	memcpy(rt->ipip_src, c->ipip_src, 4);
	rt->maglev_size = c->maglev_size;
	rt->tcp_timeout = c->tcp_timeout;
	rt->tcp_fin_timeout = c->tcp_fin_timeout;
	rt->udp_timeout = c->udp_timeout;
	rt->frag_timeout = c->frag_timeout;
	memset(rt->slot_of, 0xff, sizeof(rt->slot_of));
	for (unsigned i = 0; i < c->nnodes; i++) {
		struct pdt_rt_node *n = &rt->nodes[i];

		n->id = c->nodes[i].id;
		memcpy(n->mac, c->nodes[i].mac, 6);
		memcpy(n->addr, c->nodes[i].addr, 4);
		n->local = n->id == c->local_node;
		rt->slot_of[n->id] = (uint8_t)i;
	}
	rt->nnodes = c->nnodes;
	rt->nsvcs = c->nsvcs;
	rt->svcs = aligned_alloc(64, sizeof(*rt->svcs) * (c->nsvcs + 1));
	if (!rt->svcs)
		goto out_free;
	memset(rt->svcs, 0, sizeof(*rt->svcs) * (c->nsvcs + 1));
	for (unsigned i = 0; i < c->nsvcs; i++)
		if (build_svc(rt, &c->svcs[i], &rt->svcs[i]))
			goto out_free;
	if (build_lookup(rt, c))
		goto out_free;
	return rt;
out_free:
	pdt_rt_free(rt);
out_nomem:
	snprintf(err, errlen,
		 "cannot build the dispatch tables: out of memory");
	errno = ENOMEM;
	return NULL;
}

void pdt_rt_free(struct pdt_rt *rt)
{
	if (!rt)
		return;
	for (unsigned i = 0; rt->svcs && i < rt->nsvcs; i++)
		free(rt->svcs[i].table);
	free(rt->svcs);
	free(rt->lk);
	free(rt);
}

/* A service's packets: carried from older views, plus every worker's. */
uint64_t pdt_rt_svc_pkts(const struct pdt_rt_svc *s)
{
	uint64_t t = s->base_pkts;

	for (unsigned i = 0; i < PDT_MAX_WORKERS; i++)
		t += __atomic_load_n(&s->pkts[i].v, __ATOMIC_RELAXED);
	return t;
}

/* A service's new connections, likewise. */
uint64_t pdt_rt_svc_conns(const struct pdt_rt_svc *s)
{
	uint64_t t = s->base_conns;

	for (unsigned i = 0; i < PDT_MAX_WORKERS; i++)
		t += __atomic_load_n(&s->conns[i].v, __ATOMIC_RELAXED);
	return t;
}

/* Carries the packet and connection counts of services kept by name
 * (after synchronize). */
void pdt_rt_carry(struct pdt_rt *nw, const struct pdt_rt *old)
{
	for (unsigned i = 0; i < nw->nsvcs; i++)
		for (unsigned j = 0; j < old->nsvcs; j++)
			if (!strcmp(nw->svcs[i].name, old->svcs[j].name)) {
				nw->svcs[i].base_pkts =
					pdt_rt_svc_pkts(&old->svcs[j]);
				nw->svcs[i].base_conns =
					pdt_rt_svc_conns(&old->svcs[j]);
			}
}
