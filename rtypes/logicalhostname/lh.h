/* SPDX-License-Identifier: MIT */
/*
 * lh.h - private interface of SUNW.LogicalHostname, a failover IP address
 * (IPv4 and IPv6) that moves with its resource group. Everything runs
 * inside the method runner, one callback at a time.
 *
 *   lh.c        the callback table; validate, stop, boot, fini
 *   conf.c      reading the properties, placing the addresses (shared
 *               with SUNW.SharedAddress)
 *   start.c     start: add the addresses, announce them
 *   monitor.c   probe (waits in watch.c), monitor_stop, monitor_check
 *   parse.c     HostnameList and NetIfList: syntax, resolution through an
 *               injectable resolver, refusals with the reason (pure; unit
 *               tested in tests/unit/lh)
 *   resolve.c   the real resolver (getaddrinfo: /etc/hosts, DNS, ...)
 *   nl.c        libnl-3 route side: which interface and prefix an address
 *               takes on this node, adding and removing the addresses
 *   plumbed.c   the record of what Start added (<state_dir>/plumbed), so
 *               Stop, Boot and Fini remove those addresses and only them
 *   announce.c  gratuitous ARP (packet socket) and unsolicited neighbour
 *               advertisements (ICMPv6 socket)
 *   watch.c     the probe: netlink events (a libnl cache manager) until
 *               the link goes down or an address disappears
 */
#ifndef LH_H
#define LH_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>
#include <net/if.h>

#define LH_MAX_HOSTS	32	/* names in HostnameList */
#define LH_MAX_ADDRS	64	/* addresses they resolve to */
#define LH_MAX_NETIFS	64	/* entries of NetIfList */
#define LH_HOST_MAX	254	/* a host name, with its NUL */
#define LH_PLUMBED	"plumbed"	/* in the state directory */
#define LH_DOWN		"down"		/* Stop under way (a marker file) */
#define LH_PROBE_PID	"probe.pid"	/* the running probe */

/* One address of the resource. */
struct lh_addr {
	int		family;		/* AF_INET or AF_INET6 */
	unsigned char	bytes[16];
	char		text[INET6_ADDRSTRLEN];
	char		host[LH_HOST_MAX];	/* the name it came from */
};

struct lh_addrs {
	size_t		n;
	struct lh_addr	a[LH_MAX_ADDRS];
};

/* NetIfList: one interface per node. */
struct lh_netif {
	char		ifname[IF_NAMESIZE];
	char		node[LH_HOST_MAX];
};

struct lh_netifs {
	size_t		n;
	struct lh_netif	e[LH_MAX_NETIFS];
};

/* An address as plumbed (or to be plumbed) on this node. */
struct lh_plumb {
	struct lh_addr	addr;
	char		ifname[IF_NAMESIZE];
	int		prefixlen;
};

/*
 * A resolver: the addresses of name (at most max, stored from out[0]),
 * their count in *n; -1 with a reason in *why when it does not resolve.
 */
typedef int (*lh_resolve_fn)(const char *name, struct lh_addr *out,
    size_t max, size_t *n, const char **why);

/* lh.c, start.c, monitor.c: the callbacks and what they share. */
struct dsdl;
struct lh_nl;
/* A list property (scope: an enum dsdl_scope) split on commas into v (pointers into buf); not set:
 * an empty list. -1 with a message. */
int	lh_get_list(const struct dsdl *h, int scope,
	    const char *name, char *buf, size_t buflen, const char **v,
	    size_t max, size_t *n, char *err, size_t errlen);
int	lh_conf_read(const struct dsdl *h, struct lh_addrs *addrs,
	    struct lh_netifs *netifs, char *err, size_t errlen);
int	lh_place_all(struct lh_nl *nl, const struct dsdl *h,
	    const struct lh_addrs *addrs, const struct lh_netifs *netifs,
	    struct lh_plumb *out, char *err, size_t errlen);
int	lh_start(struct dsdl *h);
int	lh_probe(struct dsdl *h);
int	lh_monitor_stop(struct dsdl *h);
int	lh_monitor_check(struct dsdl *h);

/* parse.c */
int	lh_hostlist_parse(const char *const *hosts, size_t nhosts,
	    lh_resolve_fn resolve, struct lh_addrs *out, char *err,
	    size_t errlen);
/* nodes may be NULL: no Nodelist check. */
int	lh_netif_parse(const char *const *items, size_t n,
	    const char *const *nodes, size_t nnodes, struct lh_netifs *out,
	    char *err, size_t errlen);
const char *lh_netif_of(const struct lh_netifs *l, const char *node);
int	lh_split(const char *const *in, size_t n, char *buf, size_t buflen,
	    const char **out, size_t max, size_t *nout);
/* A literal address into a; -1 if text is none. */
int	lh_addr_from_text(const char *text, struct lh_addr *a);
bool	lh_addr_equal(const struct lh_addr *a, const struct lh_addr *b);

/* resolve.c */
int	lh_resolve(const char *name, struct lh_addr *out, size_t max,
	    size_t *n, const char **why);

/* nl.c: one netlink route socket and link/address caches. */
struct lh_nl *lh_nl_open(char *err, size_t errlen);
void	lh_nl_close(struct lh_nl *nl);
/*
 * Where a on this node: the interface ifname (NULL: the one holding the
 * address already, else the one holding the route to it), the prefix of
 * that interface's subnet containing a (else a host prefix).
 */
int	lh_nl_place(struct lh_nl *nl, const struct lh_addr *a,
	    const char *ifname, const char *node, struct lh_plumb *out,
	    char *err, size_t errlen);
int	lh_nl_add(struct lh_nl *nl, const struct lh_plumb *p, char *err,
	    size_t errlen);
/* Removing an address that is not there succeeds. */
int	lh_nl_del(struct lh_nl *nl, const struct lh_plumb *p, char *err,
	    size_t errlen);
/* The interface's index, hardware address and whether it is up (with a
 * carrier); -1 when there is no such interface. */
int	lh_nl_link(struct lh_nl *nl, const char *ifname, int *ifindex,
	    unsigned char mac[6], bool *up);
/* Is a on some interface of this node? */
bool	lh_nl_has_addr(struct lh_nl *nl, const struct lh_addr *a,
	    char ifname[IF_NAMESIZE]);

/* 0: every address on its interface, every link up; 1: why not. */
struct nl_cache;
int	lh_state_check(struct nl_cache *links, struct nl_cache *addrs,
	    const struct lh_plumb *p, size_t n, char *why, size_t whylen);
int	lh_nl_check(struct lh_nl *nl, const struct lh_plumb *p, size_t n,
	    char *why, size_t whylen);

/* plumbed.c */
int	lh_plumbed_read(const char *dir, struct lh_plumb *out, size_t max,
	    size_t *n);
int	lh_plumbed_write(const char *dir, const struct lh_plumb *p,
	    size_t n);
int	lh_plumbed_parse_line(const char *line, struct lh_plumb *out);
int	lh_marker(const char *dir, const char *name, bool on);
bool	lh_has_marker(const char *dir, const char *name);

/* announce.c: count announcements of p on interface ifindex / mac. */
int	lh_announce(const struct lh_plumb *p, int ifindex,
	    const unsigned char mac[6], char *err, size_t errlen);

/* watch.c: the probe's wait. */
enum lh_watch {
	LH_WATCH_QUIET,		/* nothing went wrong until the deadline */
	LH_WATCH_DOWN,		/* Stop began: nothing to judge */
	LH_WATCH_FAULT,		/* a link down or an address gone: why */
	LH_WATCH_ERROR,		/* netlink failed: why */
};

enum lh_watch lh_watch(const char *dir, const struct lh_plumb *p, size_t n,
    long long deadline_ms, char *why, size_t whylen);
long long lh_now_ms(void);

#endif /* LH_H */
