/* SPDX-License-Identifier: MIT */
/*
 * sa.h - private interface of SUNW.SharedAddress: the shared address of
 * scalable services. The node where its failover group is online is the
 * global interface node (GIN): there the type runs pdt(8) under rgmd's
 * process monitor, on the node's public interface, and pdt answers ARP/ND
 * for the addresses and dispatches their traffic. HostnameList and
 * NetIfList are those of SUNW.LogicalHostname and are read with its code
 * (lh.h, the static library librtnet.a).
 *
 *   sa.c     the callback table; validate, start, stop, monitor_check
 *   probe.c  probe: pdt's control socket answers "stats"
 *   guard.c  the nftables table that keeps the GIN's kernel from taking
 *            the clients' packets on the public interface
 *   conf.c   AuxNodeList, the public interface, pdt.conf, pdt.env and
 *            pdt's command line (pure; unit tested in tests/unit/sa)
 */
#ifndef SA_H
#define SA_H

#include <stdbool.h>
#include <stddef.h>

#include "lh.h"

#define SA_CONF		"pdt.conf"	/* in the state directory */
#define SA_SOCK		"pdt.sock"
#define SA_ENV		"pdt.env"
#define SA_MAX_AUX	64		/* nodes of AuxNodeList */

struct sa_aux {
	size_t		n;
	char		node[SA_MAX_AUX][LH_HOST_MAX];
};

/* AuxNodeList: node names, none twice, none in the Nodelist (nodes). */
int	sa_aux_parse(const char *const *items, size_t n,
	    const char *const *nodes, size_t nnodes, struct sa_aux *out,
	    char *err, size_t errlen);
/* The one public interface of every placed address, or -1 with why. */
int	sa_public_if(const struct lh_plumb *p, size_t n, char *ifname,
	    size_t iflen, char *err, size_t errlen);
/* The pdt.conf of the GIN: public and exception ports, the addresses. */
int	sa_pdt_conf(const struct lh_addrs *addrs, char *buf, size_t len);
/* The name of the exception port's tap interface for resource. */
void	sa_tap_name(const char *resource, char out[IF_NAMESIZE]);
/* pdt's command line (for /bin/sh -c); -1 when a word is unsafe. mac:
 * the public interface's, given to the tap. */
int	sa_pdt_cmd(const char *pdt, const char *ifname, const char *tap,
	    const char *mac, const char *dir, char *buf, size_t len, char *err,
	    size_t errlen);
/* The text of pdt.env. */
int	sa_env_text(const char *dir, char *buf, size_t len);

/* guard.c: the commands (pure), and running them; 0 or -1 with err. */
int	sa_guard_text(const char *tap, const char *ifname,
	    const struct lh_addrs *addrs, char *buf, size_t len);
int	sa_guard_set(const char *tap, const char *ifname,
	    const struct lh_addrs *addrs, char *err, size_t errlen);
int	sa_guard_clear(const char *tap, char *err, size_t errlen);

/* probe.c */
struct dsdl;
int	sa_probe(struct dsdl *h);
/* 0 when pdt's socket in dir answers within ms; else why. */
int	sa_pdt_ping(const char *dir, int ms, char *why, size_t whylen);
/* pdt's configuration ("show") holds text. */
bool	sa_pdt_has(const char *dir, const char *text);

#endif /* SA_H */
