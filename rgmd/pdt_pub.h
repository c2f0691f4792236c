/* SPDX-License-Identifier: MIT */
/*
 * pdt_pub.h - this node's public interface as pdt must know it: the
 * interface that holds the route to the cluster's first shared address,
 * its MAC and its IPv4 address. Sent in this node's state report
 * (cluster_state.c, line "node pub IFACE MAC IPV4") so the GIN can give
 * pdt every node's forwarding MAC.
 */
#ifndef RGM_PDT_PUB_H
#define RGM_PDT_PUB_H

#include <stddef.h>

#include "ccr.h"

struct pdt_pub {
	char	iface[32];
	char	mac[18];
	char	ipv4[16];	/* "" when the interface has none */
};

/* This node's public interface for the shared addresses of c (computed
 * again when c's generation changes): 0, or -1 when c has no shared
 * address or no route leads to it. */
int	pdt_pub_local(const struct ccr *c, struct pdt_pub *out);
/* The first address of the first SUNW.SharedAddress resource of c, as
 * text, into buf: 0, or -1. */
int	pdt_pub_first_address(const struct ccr *c, char *buf, size_t len);
/* HostnameList resolution shared with pdt_link.c: numeric addresses,
 * then the resolver (files first; see rgmd(8)). How many, or -1. */
int	pdt_pub_resolve(const char *host, char (*out)[46], size_t max);

#endif /* RGM_PDT_PUB_H */
