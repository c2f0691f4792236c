/* SPDX-License-Identifier: MIT */
/*
 * pdt.h - private header of the packet dispatcher (pdt).
 *
 * Everything here except the DPDK glue (main.c, port.c, worker.c, ctl.c)
 * is plain C on byte buffers, so the parser, the Maglev table, the flow
 * tables and the configuration parser are unit-tested and fuzzed without
 * a DPDK runtime. The worker threads call pdt_dispatch() on each packet;
 * the control thread parses configuration (pdt_conf), builds an immutable
 * runtime view (pdt_rt) off the fast path and publishes it under RCU.
 */
#ifndef PDT_H
#define PDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PDT_MAX_NODES     64      /* nodes per configuration (bitmap width) */
#define PDT_MAX_NODE_ID   1023    /* node ids are 1..PDT_MAX_NODE_ID */
#define PDT_MAX_SVC       256
#define PDT_MAX_ADDRS     32   /* shared_addresses */
#define PDT_MAX_PORTS     32      /* entries of a service's port list */
#define PDT_MAX_WORKERS   16
#define PDT_NAME_MAX      32
#define PDT_NO_NODE       0xffff
#define PDT_NEVER         UINT32_MAX
#define PDT_MAGLEV_DEFAULT 65537u

/* ---- packet parser (parse.c) ---------------------------------------- */

enum pdt_class {
	PDT_C_IP,        /* IPv4/IPv6 with TCP or UDP (or a later fragment) */
	PDT_C_ARP_REQ,   /* ARP request for an IPv4 address */
	PDT_C_ND_NS,     /* IPv6 neighbour solicitation */
	PDT_C_OTHER,     /* well formed, not ours: to the exception port */
	PDT_C_BAD,       /* malformed: dropped, reason in pkt->bad */
};

enum pdt_frag {
	PDT_FRAG_NONE,
	PDT_FRAG_FIRST,
	PDT_FRAG_LATER,
};

/* Per-worker counters; PDT_CTR_D_* are drop reasons. */
enum pdt_ctr {
	PDT_CTR_RX, PDT_CTR_FWD, PDT_CTR_EXC, PDT_CTR_ARP_REPLY,
	PDT_CTR_ND_REPLY, PDT_CTR_EXC_RX, PDT_CTR_TX_FULL,
	PDT_CTR_D_TRUNC, PDT_CTR_D_BADLEN, PDT_CTR_D_BADHDR,
	PDT_CTR_D_FRAG_NOFIRST, PDT_CTR_D_FRAG_OVERFLOW, PDT_CTR_D_FRAG_EXPIRED,
	PDT_CTR_D_MULTISEG,
	PDT_CTR_IP_OPTIONS, PDT_CTR_UNKNOWN_ETHER, PDT_CTR_NOT_TCPUDP,
	PDT_CTR_NO_SERVICE, PDT_CTR_NO_NODE, PDT_CTR_LOCAL_NODE,
	PDT_CTR_CONN_HIT, PDT_CTR_CONN_NEW, PDT_CTR_CONN_STALE,
	PDT_CTR_AFF_HIT, PDT_CTR_AFF_NEW, PDT_CTR_FRAG_HIT,
	PDT_CTR_FRAG_CLIENT, PDT_CTR_FRAG_HELD, PDT_CTR_FRAG_RELEASED,
	PDT_CTR__N
};
extern const char *const pdt_ctr_names[PDT_CTR__N];

struct pdt_pkt {
	uint16_t l3_off;       /* after Ethernet and an optional VLAN tag */
	uint16_t l4_off;
	uint16_t l3_len;       /* IP total length from the header */
	uint16_t ethertype;
	uint8_t  family;       /* 4, 6, or 0 */
	uint8_t  proto;        /* L4 protocol */
	uint8_t  tcp_flags;
	uint8_t  frag;         /* enum pdt_frag */
	uint8_t  has_opts;     /* IPv4 options present */
	uint8_t  bad;          /* enum pdt_ctr drop reason when PDT_C_BAD */
	uint8_t  other;        /* enum pdt_ctr pass reason when PDT_C_OTHER */
	uint32_t frag_id;
	uint8_t  src[16];      /* IPv4 as ::ffff:a.b.c.d */
	uint8_t  dst[16];
	uint16_t sport, dport; /* host order */
};

#define PDT_TCP_FIN 0x01
#define PDT_TCP_SYN 0x02
#define PDT_TCP_RST 0x04
#define PDT_IPPROTO_TCP 6
#define PDT_IPPROTO_UDP 17

enum pdt_class pdt_parse(const uint8_t *f, uint32_t len, struct pdt_pkt *p);
/*
 * Untagged IPv4 TCP or UDP without options, not a fragment: the fields
 * the burst's fast lane reads (disp.c). pdt_parse_v4() is false for any
 * other frame; pdt_v4_pkt() gives what the general parser would.
 */
struct pdt_v4 {
	uint64_t addrs;        /* the frame's 8 address bytes: source, dest. */
	uint32_t ports;        /* source | destination << 16, host order */
	uint16_t l3_len, frag_id;
	uint8_t  proto, tcp_flags;
};
bool pdt_parse_v4(const uint8_t *f, uint32_t avail, uint32_t len,
		  struct pdt_v4 *q);
void pdt_v4_pkt(const struct pdt_v4 *q, struct pdt_pkt *p);
/* The source and destination address words of q (as in the frame). */
static inline uint32_t pdt_v4_src(const struct pdt_v4 *q)
{
	uint32_t a;

	__builtin_memcpy(&a, &q->addrs, 4);
	return a;
}

static inline uint32_t pdt_v4_dst(const struct pdt_v4 *q)
{
	uint32_t a;

	__builtin_memcpy(&a, (const uint8_t *)&q->addrs + 4, 4);
	return a;
}
/* A frame of len bytes of which the first avail are at f (chained mbufs). */
enum pdt_class pdt_parse_seg(const uint8_t *f, uint32_t avail, uint32_t len,
			     struct pdt_pkt *p);
/*
 * Bytes of a chained (multi-segment) frame pulled up for its headers when
 * they do not all sit in its first segment; a frame whose headers go
 * beyond them is dropped and counted (drop_multiseg).
 */
#define PDT_HDR_VIEW 512
static inline bool pdt_addr_is_v4(const uint8_t a[16])
{
	uint64_t lo;
	uint32_t mid;

	__builtin_memcpy(&lo, a, 8);
	__builtin_memcpy(&mid, a + 8, 4);
	return lo == 0 && mid == 0xffff0000u;   /* ::ffff:0:0/96, little end. */
}
void pdt_addr_from_v4(uint8_t a[16], const uint8_t v4[4]);

/* ---- hashing (hash.c) ----------------------------------------------- */

enum pdt_policy {
	PDT_LB_WEIGHTED,
	PDT_LB_STICKY,
	PDT_LB_STICKY_WILD,
};

uint64_t pdt_hash(const void *data, size_t len, uint64_t seed);
uint64_t pdt_hash_mix(uint64_t h, uint64_t v);
uint64_t pdt_hash_addr(const uint8_t a[16], uint64_t seed);
uint64_t pdt_policy_hash(enum pdt_policy pol, const struct pdt_pkt *p);
/* The MurmurHash3 64-bit finaliser (inline: fast-path hashes end here). */
static inline uint64_t pdt_fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

/* Two words, as pdt_hash() of their 16 bytes would mix them (inline). */
static inline uint64_t pdt_hash_words(uint64_t w1, uint64_t w2, uint64_t seed)
{
	uint64_t h1 = seed ^ (16 * 0x9e3779b97f4a7c15ULL), h2 = ~seed;

	h1 = (h1 ^ w1) * 0xbf58476d1ce4e5b9ULL;
	h2 = (h2 ^ w2) * 0x94d049bb133111ebULL;
	h1 ^= h1 >> 31;
	h2 ^= h2 >> 29;
	return pdt_fmix(h1 ^ ((h2 << 27) | (h2 >> 37)));
}

static inline uint32_t pdt_reduce(uint64_t h, uint32_t n)
{
	return (uint32_t)(((h >> 32) * (uint64_t)n) >> 32);
}

/* ---- Maglev table (maglev.c) ---------------------------------------- */

struct pdt_mnode {
	uint16_t id;
	uint32_t weight;
};
/* Fills tab[m] with indexes into nodes[] (or PDT_NO_NODE when no weight). */
int pdt_maglev_build(const struct pdt_mnode *nodes, unsigned n, uint16_t *tab,
		     uint32_t m);
bool pdt_is_prime(uint32_t m);

/* ---- weights and node lists (weights.c) ----------------------------- */

struct pdt_weight { uint16_t node; uint32_t weight; };
int pdt_weights_parse(const char *s, struct pdt_weight *w, unsigned max,
		      unsigned *n, char *err, size_t errlen);
int pdt_nodelist_parse(const char *s, uint16_t *ids, unsigned max,
		       unsigned *n, char *err, size_t errlen);
int pdt_weights_format(const struct pdt_weight *w, unsigned n, char *buf,
		       size_t len);

/* ---- port lists (ports.c) ------------------------------------------ */

/* One entry of a service's port list: PORT/PROTOCOL or * /PROTOCOL. */
struct pdt_port { uint16_t port; uint8_t proto; bool wild; };
int pdt_ports_parse(const char *s, struct pdt_port *p, unsigned max,
		    unsigned *n, char *err, size_t errlen);
int pdt_ports_format(const struct pdt_port *p, unsigned n, char *buf,
		     size_t len);
bool pdt_ports_overlap(const struct pdt_port *a, unsigned na,
		       const struct pdt_port *b, unsigned nb,
		       struct pdt_port *common);
uint16_t pdt_ports_aff_port(const struct pdt_port *p, unsigned n,
			    enum pdt_policy pol);

/* ---- memory of the per-worker tables (mem.c, mem_dpdk.c) ------------ */

/*
 * The allocator of the worker tables: the C heap unless pdt_mem_set_ops()
 * installs another (pdt: DPDK's, on the worker's NUMA socket). align is a
 * power of two; free must take anything alloc returned.
 */
struct pdt_mem_ops {
	void *(*alloc)(size_t bytes, size_t align, unsigned worker);
	void (*free)(void *p);
};
void pdt_mem_set_ops(const struct pdt_mem_ops *ops);
/* The worker whose tables the next pdt_mem_alloc() calls are for. */
void pdt_mem_for_worker(unsigned idx);
void *pdt_mem_alloc(size_t bytes, size_t align);
void pdt_mem_free(void *p);

/* ---- bounded LRU tables (table.c) ----------------------------------- */

#define PDT_TAB_WAYS 8
struct pdt_key {
	uint8_t b[40];
};
struct pdt_ent {
	struct pdt_key key;
	uint32_t expire;       /* seconds, PDT_NEVER */
	uint16_t node;         /* node id */
	uint16_t nconn;        /* affinity: open TCP connections */
	uint8_t  state;        /* connection state */
	uint8_t  pad[3];
	uint32_t aff_at;       /* connection: 1 + second of last affinity refresh */
	uint8_t  pad2[8];
};
_Static_assert(sizeof(struct pdt_ent) == 64, "one cache line per entry");
struct pdt_bucket {
	uint32_t sig[PDT_TAB_WAYS];
	uint32_t lru[PDT_TAB_WAYS];
};
struct pdt_tab {
	struct pdt_bucket *bk;
	struct pdt_ent *ent;
	uint32_t mask;         /* buckets - 1 */
	uint32_t tick;
	uint32_t capacity;
	uint64_t count, evictions, expired;
};
struct pdt_tab *pdt_tab_new(uint32_t capacity);
void pdt_tab_free(struct pdt_tab *t);
size_t pdt_tab_bytes(const struct pdt_tab *t);
struct pdt_ent *pdt_tab_find(struct pdt_tab *t, const struct pdt_key *k,
			     uint64_t h, uint32_t now);
struct pdt_ent *pdt_tab_insert(struct pdt_tab *t, const struct pdt_key *k,
			       uint64_t h, uint32_t now);
void pdt_tab_del(struct pdt_tab *t, struct pdt_ent *e);
void pdt_tab_prefetch(const struct pdt_tab *t, uint64_t h);
void pdt_tab_prefetch_ent(const struct pdt_tab *t, uint64_t h);

/* ---- IPv4 connection table (conn4.c) -------------------------------- */

#define PDT_C4_WAYS 3
/* Key (addresses and ports as read from the packet, protocol) and value. */
struct pdt_c4e {
	uint32_t src, dst, ports;
	uint32_t expire;       /* seconds */
	uint16_t node;         /* node id; 0: empty way */
	uint8_t  state;        /* connection state */
	uint8_t  proto;
};
struct pdt_c4b {
	struct pdt_c4e e[PDT_C4_WAYS];
	uint32_t pad;
} __attribute__((aligned(64)));
_Static_assert(sizeof(struct pdt_c4b) == 64, "one cache line per bucket");
struct pdt_tab4 {
	struct pdt_c4b *bk;
	uint32_t mask;         /* buckets - 1 */
	uint32_t capacity;
	uint64_t count, evictions, expired;
};
struct pdt_tab4 *pdt_tab4_new(uint32_t capacity);
void pdt_tab4_free(struct pdt_tab4 *t);
size_t pdt_tab4_bytes(const struct pdt_tab4 *t);
struct pdt_c4e *pdt_tab4_find(struct pdt_tab4 *t, const struct pdt_c4e *k,
			      uint64_t h, uint32_t now);
struct pdt_c4e *pdt_tab4_insert(struct pdt_tab4 *t, const struct pdt_c4e *k,
				uint64_t h, uint32_t now, uint16_t node);
void pdt_tab4_del(struct pdt_tab4 *t, struct pdt_c4e *e);
static inline void pdt_tab4_prefetch(const struct pdt_tab4 *t, uint64_t h)
{
	__builtin_prefetch(&t->bk[h & t->mask]);
}
/*
 * Hash of an IPv4 connection key: the addresses as one word (source in
 * the low half) and the ports and protocol as another (ports | proto <<
 * 32), multiplied into 128 bits whose halves are folded (wyhash's mum):
 * five instructions where pdt_hash_words() takes thirty, and sequential
 * clients, ports or destinations spread over the buckets at least as
 * evenly as random keys would. Neither factor is ever zero: the first
 * constant's destination byte is 0 (no destination starts with 0.), the
 * second has bits above the 40 of ports and protocol. Internal to a
 * worker's table, unlike the hashes all GINs must agree on.
 */
static inline uint64_t pdt_c4_hash(uint64_t addrs, uint64_t pp)
{
	unsigned __int128 m = (unsigned __int128)(addrs ^ 0xa0761d0078bd642fULL);

	m *= pp ^ 0xe7037ed1a0b428dbULL;
	return (uint64_t)m ^ (uint64_t)(m >> 64);
}

/* ---- configuration (conf.c, conf_print.c) --------------------------- */

enum pdt_fwd_mode { PDT_FWD_MAC, PDT_FWD_IPIP };

struct pdt_conf_node {
	uint16_t id;
	uint8_t mac[6];
	uint8_t addr[4];       /* interconnect address (IPIP outer destination) */
	bool has_addr;
};

struct pdt_conf_svc {
	char name[PDT_NAME_MAX];
	uint8_t addr[16];
	struct pdt_port ports[PDT_MAX_PORTS];  /* Sun's Port_list */
	unsigned nports;
	enum pdt_policy policy;
	struct pdt_weight w[PDT_MAX_NODES];
	unsigned nw;
	uint16_t online[PDT_MAX_NODES];
	unsigned nonline;
	bool online_all;       /* online not given: every weighted node */
	int32_t affinity_timeout;
	bool udp_affinity;
};

struct pdt_conf {
	uint16_t local_node;   /* 0: none */
	bool has_shared_mac;   /* ARP/ND answered with shared_mac, not the port's */
	uint8_t shared_mac[6];
	char port_public[64], port_forward[64], port_exception[64];
	enum pdt_fwd_mode fwd;
	uint8_t ipip_src[4];
	uint32_t conn_size, aff_size, frag_size, maglev_size, mbufs;
	uint32_t conn6_size;    /* 0: a quarter of conn_size (pdt_conf_conn6_size) */
	uint32_t tcp_timeout, tcp_fin_timeout, udp_timeout, frag_timeout;
	uint32_t frag_hold;     /* per worker: later fragments held for their first */
	struct pdt_conf_node nodes[PDT_MAX_NODES];
	unsigned nnodes;
	struct pdt_conf_svc svcs[PDT_MAX_SVC];
	unsigned nsvcs;
	/* Shared addresses answered (ARP/ND) even without a service. */
	uint8_t addrs[PDT_MAX_ADDRS][16];
	unsigned naddrs;
};

void pdt_conf_defaults(struct pdt_conf *c);
uint32_t pdt_conf_conn6_size(const struct pdt_conf *c);
int pdt_conf_load_file(struct pdt_conf *c, const char *path, char *err,
		       size_t errlen);
int pdt_conf_load_string(struct pdt_conf *c, const char *text, char *err,
			 size_t errlen);
int pdt_conf_parse_service(const char *text, struct pdt_conf_svc *s,
			   char *err, size_t errlen);
int pdt_conf_check(const struct pdt_conf *c, char *err, size_t errlen);
struct pdt_conf_svc *pdt_conf_find_svc(struct pdt_conf *c, const char *name);
struct pdt_conf_node *pdt_conf_find_node(struct pdt_conf *c, uint16_t id);
int pdt_parse_mac(const char *s, uint8_t mac[6]);
int pdt_parse_addr(const char *s, uint8_t a[16], bool *is_v4);
const char *pdt_addr_text(const uint8_t a[16], char *b, size_t len);
int pdt_conf_print(const struct pdt_conf *c, char *buf, size_t len);
int pdt_conf_print_svc(const struct pdt_conf_svc *s, char *buf, size_t len);
int pdt_conf_print_node(const struct pdt_conf_node *n, char *buf, size_t len);

/* ---- control commands on a configuration (ctlcmd.c) ----------------- */

enum pdt_cmd_kind { PDT_CMD_ERROR = -1, PDT_CMD_CHANGED, PDT_CMD_QUERY };
int pdt_cmd_apply(struct pdt_conf *c, const char *line, char *msg,
		  size_t msglen);
/* Appends a formatted reply at out + used; returns the new length, always
 * below len (len > 0). A reply that does not fit becomes, as a whole,
 * "error: reply too long" (cut to len - 1 bytes when even that does not). */
__attribute__((format(printf, 4, 5)))
size_t pdt_ctl_reply(char *out, size_t len, size_t used, const char *fmt, ...);

/* ---- runtime view built from a configuration (rt.c) ----------------- */

struct pdt_rt_node {
	uint16_t id;
	uint8_t mac[6];
	uint8_t addr[4];
	bool local;
};

struct pdt_pad_ctr { uint64_t v; uint8_t pad[56]; };

struct pdt_rt_svc {
	char name[PDT_NAME_MAX];
	uint8_t addr[16];
	bool wild_alone;       /* only wildcards, no exact service on their address/protocols */
	uint16_t aff_port;     /* port in the affinity key: 0 (wild) or the list's lowest */
	enum pdt_policy policy;
	int32_t affinity_timeout;
	bool udp_affinity;
	uint64_t online;       /* bitmap of node slots */
	uint16_t *table;       /* Maglev slots -> node slot */
	uint64_t base_pkts;    /* carried from the previous runtime view */
	struct pdt_pad_ctr pkts[PDT_MAX_WORKERS];
	uint64_t base_conns;   /* new connections, likewise */
	struct pdt_pad_ctr conns[PDT_MAX_WORKERS];
} __attribute__((aligned(64)));

struct pdt_svc_key { uint8_t addr[16]; uint8_t proto; uint8_t kind; uint16_t port; };
enum { PDT_SK_EMPTY, PDT_SK_EXACT, PDT_SK_WILD, PDT_SK_ADDR, PDT_SK_FRAG };
struct pdt_svc_slot { struct pdt_svc_key k; uint16_t svc; };

struct pdt_rt {
	uint64_t gen;
	uint16_t local_node;
	enum pdt_fwd_mode fwd;
	uint8_t ipip_src[4];
	uint8_t pub_mac[6], fwd_mac[6];
	uint32_t maglev_size;
	uint32_t tcp_timeout, tcp_fin_timeout, udp_timeout, frag_timeout;
	struct pdt_rt_node nodes[PDT_MAX_NODES];
	unsigned nnodes;
	uint8_t slot_of[PDT_MAX_NODE_ID + 1]; /* node id -> slot, 0xff none */
	struct pdt_rt_svc *svcs;
	unsigned nsvcs;
	struct pdt_svc_slot *lk;  /* open addressing, power of two */
	uint32_t lk_mask;
};

struct pdt_rt *pdt_rt_build(const struct pdt_conf *c, char *err, size_t errlen);
void pdt_rt_free(struct pdt_rt *rt);
void pdt_rt_carry(struct pdt_rt *nw, const struct pdt_rt *old);
const struct pdt_rt_svc *pdt_rt_lookup(const struct pdt_rt *rt,
				       const uint8_t addr[16], uint8_t proto,
				       uint16_t port);
bool pdt_rt_is_shared(const struct pdt_rt *rt, const uint8_t addr[16]);
/* The one service with ports of this protocol on addr (NULL: none or several). */
const struct pdt_rt_svc *pdt_rt_lookup_frag(const struct pdt_rt *rt,
					    const uint8_t addr[16], uint8_t proto);
uint64_t pdt_rt_svc_pkts(const struct pdt_rt_svc *s);
uint64_t pdt_rt_svc_conns(const struct pdt_rt_svc *s);

/* ---- per-packet dispatch (disp.c, flow.c, reply.c, fwd.c) ------------ */

struct pdt_wctr {
	uint64_t c[PDT_CTR__N];
	uint64_t node_pkts[PDT_MAX_NODE_ID + 1];
	uint64_t node_conns[PDT_MAX_NODE_ID + 1];  /* new connections */
} __attribute__((aligned(64)));

struct pdt_fraghold;

struct pdt_worker {
	unsigned idx;
	struct pdt_tab4 *conn4;    /* IPv4 connections */
	struct pdt_tab *conn, *aff, *frag;
	struct pdt_wctr *ctr;
	struct pdt_fraghold *hold;  /* NULL: frag_hold = 0 */
	uint32_t frag_gen;          /* first fragments recorded so far */
};

/*
 * PDT_V_HOLD: a later fragment before its first; the caller hands it to
 * pdt_fraghold_add() (or drops it).
 */
enum pdt_verdict {
	PDT_V_DROP,
	PDT_V_FORWARD,
	PDT_V_EXCEPTION,
	PDT_V_REPLY,
	PDT_V_HOLD,
};
struct pdt_out {
	const struct pdt_rt_node *node;
	uint16_t l3_off, l3_len;   /* for IPIP */
	uint8_t family;
};

int pdt_worker_init(struct pdt_worker *w, unsigned idx, const struct pdt_conf *c);
/* Bytes allocated for one worker's tables (pdt_worker_mem). */
struct pdt_wmem { size_t conn4, conn6, aff, frag, hold, total; };
void pdt_worker_mem(const struct pdt_worker *w, struct pdt_wmem *m);
void pdt_worker_fini(struct pdt_worker *w);
enum pdt_verdict pdt_dispatch(struct pdt_worker *w, const struct pdt_rt *rt,
			      uint8_t *f, uint32_t *len, uint32_t cap,
			      uint32_t now, struct pdt_out *out);
/*
 * v4: the connection is in the IPv4 table under c4, else in the general
 * one under ck; aff: the service keeps affinity; aff_pf: this packet
 * likely reads it.
 */
struct pdt_fkeys {
	struct pdt_c4e c4;
	struct pdt_key ck, ak;
	uint64_t ch, ah;
	bool v4, aff, aff_pf;
};
void pdt_flow_keys(const struct pdt_rt_svc *s, const struct pdt_pkt *p,
		   struct pdt_fkeys *k);
void pdt_flow_prefetch(struct pdt_worker *w, const struct pdt_fkeys *k,
		       int stage);
bool pdt_flow_keys4(const struct pdt_rt_svc *s, const struct pdt_v4 *q,
		    struct pdt_fkeys *k);
uint16_t pdt_flow_hit4(struct pdt_worker *w, const struct pdt_rt *rt,
		       const struct pdt_rt_svc *s, const struct pdt_fkeys *k,
		       uint8_t flags, uint32_t now);
uint16_t pdt_flow_select_k(struct pdt_worker *w, const struct pdt_rt *rt,
			   const struct pdt_rt_svc *s, const struct pdt_pkt *p,
			   uint32_t now, const struct pdt_fkeys *k);
bool pdt_flow_aff_key(const struct pdt_rt_svc *s, const struct pdt_pkt *p,
		      struct pdt_key *k, uint64_t *h);
uint16_t pdt_flow_select(struct pdt_worker *w, const struct pdt_rt *rt,
			 const struct pdt_rt_svc *s, const struct pdt_pkt *p,
			 uint32_t now);
#define PDT_BURST_MAX 64
/*
 * f[i]: the frame's first seg[i] bytes (seg NULL: all len[i]), cap[i]
 * bytes writable there. A reply to a chained frame (seg[i] < len[i]) is
 * built in those first bytes, len[i] becoming the reply's length.
 */
void pdt_dispatch_burst(struct pdt_worker *w, const struct pdt_rt *rt,
			uint8_t *const *f, uint32_t *len, const uint32_t *cap,
			const uint32_t *seg, unsigned n, uint32_t now,
			enum pdt_verdict *v, struct pdt_out *out);
int pdt_frag_lookup(struct pdt_worker *w, const struct pdt_pkt *p,
		    uint32_t now, uint16_t *node);
void pdt_frag_record(struct pdt_worker *w, const struct pdt_rt *rt,
		     const struct pdt_pkt *p, uint16_t node, uint32_t now);

/* ---- fragments before their first (frag.c, fraghold.c) --------------- */

uint16_t pdt_frag_client_slot(struct pdt_worker *w, const struct pdt_rt *rt,
			      const struct pdt_rt_svc *s, const struct pdt_pkt *p,
			      uint32_t now);
int pdt_frag_by_client(struct pdt_worker *w, const struct pdt_rt *rt,
		       const struct pdt_pkt *p, uint32_t now, uint16_t *slot);
struct pdt_fraghold *pdt_fraghold_new(uint32_t cap);
void pdt_fraghold_free(struct pdt_fraghold *h);
size_t pdt_fraghold_bytes(const struct pdt_fraghold *h);
void *pdt_fraghold_add(struct pdt_worker *w, const struct pdt_rt *rt,
		       const uint8_t *f, uint32_t len, void *pkt, uint32_t now);
unsigned pdt_fraghold_poll(struct pdt_worker *w, const struct pdt_rt *rt,
			   uint32_t now, void **pkt, enum pdt_verdict *v,
			   struct pdt_out *out, unsigned max);
unsigned pdt_fraghold_drain(struct pdt_worker *w, void **pkt, unsigned max);

uint32_t pdt_arp_reply(uint8_t *f, uint32_t len, const struct pdt_pkt *p,
		       const uint8_t mac[6]);
uint32_t pdt_nd_reply(uint8_t *f, uint32_t len, uint32_t cap,
		      const struct pdt_pkt *p, const uint8_t mac[6]);
void pdt_fwd_mac(uint8_t *f, const uint8_t dst[6], const uint8_t src[6]);
uint32_t pdt_fwd_ipip(uint8_t *f, uint32_t len, const struct pdt_pkt *p,
		      const uint8_t src[4], const uint8_t dst[4],
		      const uint8_t dmac[6], const uint8_t smac[6]);
uint16_t pdt_csum(const void *data, size_t len, uint32_t sum);

#endif /* PDT_H */
