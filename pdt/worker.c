// SPDX-License-Identifier: MIT
/*
 * worker.c - the burst loop of a worker lcore (one per lcore, the main
 * lcore being worker 0). Per burst: read the published configuration,
 * receive up to 32 packets from the worker's public rx queue, dispatch
 * them (pdt_dispatch_burst), rewrite and queue each for the forwarding
 * port, the exception port or back out of the public port, send the
 * three bursts, then report a quiescent state to RCU so the control
 * thread may free a configuration the worker no longer holds. Later
 * fragments that came before their first wait in the worker's holding
 * buffer (fraghold.c): each loop sends the ones whose first has come and
 * frees the expired. No locks, no system calls, no logging: everything
 * is counted in the worker's own counters. A chained mbuf (a jumbo frame
 * in smaller mbufs) is parsed from its first bytes, pulled up into a
 * stack buffer only when its first segment does not hold them, and
 * forwarded whole: the MAC rewrite and the IPIP header touch the first
 * segment only.
 */
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>

#include "dp.h"

#define BURST 32

/* A tx queue's burst being filled: port (PDT_NO_PORT: none), count. */
struct txq {
	uint16_t port, n;
	struct rte_mbuf *m[BURST];
};

static void tx_flush(struct pdt_worker *w, struct txq *q, uint16_t queue)
{
	uint16_t sent = 0;

	if (q->port != PDT_NO_PORT && q->n)
		sent = rte_eth_tx_burst(q->port, queue, q->m, q->n);
	if (sent < q->n) {
		w->ctr->c[PDT_CTR_TX_FULL] += q->n - sent;
		rte_pktmbuf_free_bulk(q->m + sent, q->n - sent);
	}
	q->n = 0;
}

/* IPIP: an outer IPv4 header in the first segment's headroom. */
static bool encap(const struct pdt_rt *rt, struct rte_mbuf *m,
		  const struct pdt_out *o)
{
	struct pdt_pkt p = { .l3_off = o->l3_off, .l3_len = o->l3_len,
			     .family = o->family };
	uint32_t len = rte_pktmbuf_pkt_len(m);
	uint8_t *f = (uint8_t *)rte_pktmbuf_prepend(m, 20);

	if (!f)
		return false;
	pdt_fwd_ipip(f, len, &p, rt->ipip_src, o->node->addr, o->node->mac,
		     rt->fwd_mac);
	return true;
}

/*
 * The rewrite towards o->node. Direct routing, the common case, builds
 * nothing on the stack (no packet record, no stack-protector canary), so
 * it inlines into the burst loop.
 */
static inline bool rewrite(const struct pdt_rt *rt, struct rte_mbuf *m,
			   const struct pdt_out *o)
{
	if (rte_pktmbuf_data_len(m) < o->l3_off)
		return false;   /* Ethernet header split (not with 128 B mbufs) */
	if (rt->fwd == PDT_FWD_MAC) {
		pdt_fwd_mac(rte_pktmbuf_mtod(m, uint8_t *), o->node->mac,
			    rt->fwd_mac);
		return true;
	}
	return encap(rt, m, o);
}

/*
 * A reply of len bytes built in f, the frame's first bytes (its first
 * segment, or the copy they were pulled up into): becomes the whole mbuf.
 * The caller guarantees len fits the first segment's buffer.
 */
static void set_reply(struct rte_mbuf *m, const uint8_t *f, uint32_t len)
{
	uint8_t *d = rte_pktmbuf_mtod(m, uint8_t *);

	if (m->next) {
		if (f != d)
			memcpy(d, f, len);
		rte_pktmbuf_free(m->next);
		m->next = NULL;
		m->nb_segs = 1;
	}
	m->data_len = (uint16_t)len;
	m->pkt_len = len;
}

/* Queues a dispatched packet by its verdict (or frees it). */
static inline void apply(struct pdt_worker *w, const struct pdt_rt *rt,
			 struct rte_mbuf *m, enum pdt_verdict v,
			 const uint8_t *f, uint32_t len,
			 const struct pdt_out *o, struct txq *t)
{
	switch (v) {
	case PDT_V_FORWARD:
		if (rewrite(rt, m, o)) {
			t[0].m[t[0].n++] = m;
			return;
		}
		w->ctr->c[PDT_CTR_TX_FULL]++;
		break;
	case PDT_V_EXCEPTION:
		t[1].m[t[1].n++] = m;
		return;
	case PDT_V_REPLY:
		set_reply(m, f, len);
		t[2].m[t[2].n++] = m;
		return;
	case PDT_V_DROP:
	case PDT_V_HOLD:        /* dispatch() holds these before */
		break;
	}
	rte_pktmbuf_free(m);
}

/*
 * The frame's first bytes for the parser: in place when its first
 * segment holds them (always for a single-segment mbuf), else the first
 * PDT_HDR_VIEW bytes (or the whole frame if shorter) copied into buf.
 */
static uint8_t *frame_view(struct rte_mbuf *m, uint8_t *buf, uint32_t *avail,
			   uint32_t *cap)
{
	uint32_t len = rte_pktmbuf_pkt_len(m), want;

	*avail = rte_pktmbuf_data_len(m);
	if (m->nb_segs == 1) {
		*cap = *avail + rte_pktmbuf_tailroom(m);
		return rte_pktmbuf_mtod(m, uint8_t *);
	}
	want = len < PDT_HDR_VIEW ? len : PDT_HDR_VIEW;
	*cap = *avail;
	if (*avail >= want)
		return rte_pktmbuf_mtod(m, uint8_t *);
	*avail = *cap = want;
	return (uint8_t *)(uintptr_t)rte_pktmbuf_read(m, 0, want, buf);
}

/* Dispatches a received burst (pdt_dispatch_burst) and queues it. */
static void dispatch(struct pdt_worker *w, const struct pdt_rt *rt,
		     struct rte_mbuf **m, uint16_t n, uint32_t now,
		     struct txq *t)
{
	uint8_t *f[BURST], hv[BURST][PDT_HDR_VIEW];
	uint32_t len[BURST], cap[BURST], seg[BURST];
	enum pdt_verdict v[BURST];
	struct pdt_out o[BURST];

	for (uint16_t i = 0; i < n; i++) {
		f[i] = frame_view(m[i], hv[i], &seg[i], &cap[i]);
		len[i] = rte_pktmbuf_pkt_len(m[i]);
	}
	pdt_dispatch_burst(w, rt, f, len, cap, seg, n, now, v, o);
	for (uint16_t i = 0; i < n; i++) {
		if (v[i] == PDT_V_HOLD) {
			struct rte_mbuf *out;

			out = pdt_fraghold_add(w, rt, f[i], len[i], m[i], now);
			if (out)
				rte_pktmbuf_free(out);
			continue;
		}
		apply(w, rt, m[i], v[i], f[i], len[i], &o[i], t);
	}
}

/* Sends the held fragments whose first has come, frees the expired. */
static void held(struct pdt_worker *w, const struct pdt_rt *rt, uint16_t q,
		 uint32_t now, struct txq *t)
{
	void *pkt[BURST];
	enum pdt_verdict v[BURST];
	struct pdt_out o[BURST];
	unsigned n;

	while ((n = pdt_fraghold_poll(w, rt, now, pkt, v, o, BURST)) > 0) {
		for (unsigned i = 0; i < n; i++)
			apply(w, rt, pkt[i], v[i], NULL, 0, &o[i], t);
		for (int i = 0; i < 3; i++)
			tx_flush(w, &t[i], q);
	}
}

static uint16_t rx_want(struct pdt_dp *dp)
{
	int64_t b;

	if (!__atomic_load_n(&dp->hold, __ATOMIC_RELAXED))
		return BURST;
	b = __atomic_load_n(&dp->budget, __ATOMIC_ACQUIRE);
	return b <= 0 ? 0 : b < BURST ? (uint16_t)b : BURST;
}

/* Worker 0 also carries the local kernel's packets to the public port. */
static void from_kernel(struct pdt_dp *dp, struct pdt_worker *w)
{
	struct rte_mbuf *m[BURST];
	uint16_t n, sent;

	n = rte_eth_rx_burst(dp->exc, 0, m, BURST);
	if (!n)
		return;
	w->ctr->c[PDT_CTR_EXC_RX] += n;
	sent = rte_eth_tx_burst(dp->pub, 0, m, n);
	if (sent < n) {
		w->ctr->c[PDT_CTR_TX_FULL] += n - sent;
		rte_pktmbuf_free_bulk(m + sent, n - sent);
	}
}

static void burst(struct pdt_dp *dp, struct pdt_worker *w, uint16_t q,
		  uint32_t now, struct txq *t)
{
	const struct pdt_rt *rt = __atomic_load_n(&dp->rt, __ATOMIC_ACQUIRE);
	struct rte_mbuf *m[BURST];
	uint16_t want = rx_want(dp), n = 0;

	if (want)
		n = rte_eth_rx_burst(dp->pub, q, m, want);
	if (n && __atomic_load_n(&dp->hold, __ATOMIC_RELAXED))
		__atomic_fetch_sub(&dp->budget, n, __ATOMIC_RELEASE);
	for (uint16_t i = 0; i < n; i++)
		rte_prefetch0(rte_pktmbuf_mtod(m[i], void *));
	if (n)
		dispatch(w, rt, m, n, now, t);
	for (int i = 0; i < 3; i++)
		tx_flush(w, &t[i], q);
	held(w, rt, q, now, t);
}

int pdt_worker_main(void *arg)
{
	struct pdt_dp *dp = arg;
	unsigned idx = rte_lcore_index((int)rte_lcore_id());
	struct pdt_worker *w = &dp->w[idx];
	struct txq t[3] = {
		{ .port = dp->fwd }, { .port = dp->exc }, { .port = dp->pub }
	};
	uint64_t hz = rte_get_tsc_hz(), t0 = rte_rdtsc();
	void *pkt[BURST];
	unsigned n;

	if (idx >= dp->nworkers)
		return 0;
	rte_rcu_qsbr_thread_register(dp->qs, idx);
	rte_rcu_qsbr_thread_online(dp->qs, idx);
	while (!dp->stop) {
		uint32_t now = (uint32_t)((rte_rdtsc() - t0) / hz);

		burst(dp, w, (uint16_t)idx, now, t);
		if (idx == 0 && dp->exc != PDT_NO_PORT)
			from_kernel(dp, w);
		rte_rcu_qsbr_quiescent(dp->qs, idx);
	}
	while ((n = pdt_fraghold_drain(w, pkt, BURST)) > 0)
		rte_pktmbuf_free_bulk((struct rte_mbuf **)pkt, n);
	rte_rcu_qsbr_thread_offline(dp->qs, idx);
	rte_rcu_qsbr_thread_unregister(dp->qs, idx);
	return 0;
}
