/* SPDX-License-Identifier: MIT */
/*
 * pdt_feed.h - what pdt(8) on the GIN must know, computed from rgmd's
 * configuration and the cluster's state (pure: pdt_feed.c), and the
 * control commands that turn what pdt was last told into that
 * (pdt_feed_diff). The link that sends them is pdt_link.c.
 *
 * For each scalable resource (scalable.h) and each address of each
 * SharedAddress in its Network_resources_used, one pdt service: the
 * resource's Port_list, policy, weights (node names turned into node
 * ids), Affinity_timeout, UDP_affinity, and the online set: the weighted
 * nodes where the resource is Online. pdt's nodes are the cluster nodes
 * that reported their public MAC. See rgmd(8), Scalable services.
 */
#ifndef RGM_PDT_FEED_H
#define RGM_PDT_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ccr.h"

#define PDT_FEED_NAME_MAX	32	/* pdt: up to 31 characters */
#define PDT_FEED_ADDR_MAX	46	/* INET6_ADDRSTRLEN */
#define PDT_FEED_MAC_MAX	18
#define PDT_FEED_MAX_NODES	64	/* pdt's limit */
#define PDT_FEED_MAX_ADDRS	16	/* addresses of one SharedAddress */

/* A cluster node as the feed sees it. */
struct pdt_feed_node {
	uint32_t	 id;
	char		 name[64];
	char		 mac[PDT_FEED_MAC_MAX];	/* "" when not reported */
};

/* What the translation asks of the world (the daemon, or a test table). */
struct pdt_feed_env {
	const struct pdt_feed_node *nodes;	/* the membership, by id */
	size_t		 n_nodes;
	/* Is the instance of res Online on node? */
	bool		(*online)(void *arg, const struct pdt_feed_node *node,
			    const char *res);
	/* The addresses of a HostnameList entry, as text, at most max;
	 * how many, or -1 when it does not resolve. */
	int		(*resolve)(void *arg, const char *host,
			    char (*out)[PDT_FEED_ADDR_MAX], size_t max);
	void		*arg;
	/* Only the addresses of this SharedAddress resource (the one whose
	 * pdt is being told); NULL: every one. */
	const char	*only_sa;
};

struct pdt_feed_svc {
	char		 name[PDT_FEED_NAME_MAX];
	char		*settings;	/* name, address, ports, policy, ... */
	char		*weights;	/* "3@1,1@2" */
	char		*online;	/* "1,2" or "" */
};

struct pdt_feed_cfg {
	struct pdt_feed_node nodes[PDT_FEED_MAX_NODES];	/* with a MAC */
	size_t		 n_nodes;
	struct pdt_feed_svc *svc;
	size_t		 n_svc;
};

/* The configuration pdt must have. A resource that cannot be expressed
 * (an address that does not resolve, no weighted node with a MAC) is left
 * out, and said in warn (one line each, may be NULL). 0, or -1 (memory). */
int	pdt_feed_build(const struct ccr *c, const struct pdt_feed_env *env,
	    struct pdt_feed_cfg *out, char *warn, size_t warnlen);
void	pdt_feed_free(struct pdt_feed_cfg *cfg);

/* The control commands (pdtctl(8) syntax, one line each) that take pdt
 * from a (NULL: nothing known, send everything) to b, in an order pdt
 * accepts, online sets that shrink first: a malloc'd array of n malloc'd
 * lines. 0, or -1 (memory). */
int	pdt_feed_diff(const struct pdt_feed_cfg *a, const struct pdt_feed_cfg *b,
	    char ***cmds, size_t *n);
void	pdt_feed_cmds_free(char **cmds, size_t n);

#endif /* RGM_PDT_FEED_H */
