// SPDX-License-Identifier: MIT
/*
 * conf_check.c - consistency checks of a whole configuration (control
 * thread): unique node ids and service names, one service per (address,
 * protocol, port) across the services' port lists, weights and online
 * sets naming known nodes, a prime Maglev size, IPIP settings complete.
 * Also lookups by name and id.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pdt.h"

/* Writes the reason into err; returns -1 with errno EINVAL. */
__attribute__((format(printf, 3, 4)))
static int bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	errno = EINVAL;
	return -1;
}

struct pdt_conf_svc *pdt_conf_find_svc(struct pdt_conf *c, const char *name)
{
	for (unsigned i = 0; i < c->nsvcs; i++)
		if (!strcmp(c->svcs[i].name, name))
			return &c->svcs[i];
	return NULL;
}

struct pdt_conf_node *pdt_conf_find_node(struct pdt_conf *c, uint16_t id)
{
	for (unsigned i = 0; i < c->nnodes; i++)
		if (c->nodes[i].id == id)
			return &c->nodes[i];
	return NULL;
}

static bool has_node(const struct pdt_conf *c, uint16_t id)
{
	return pdt_conf_find_node((struct pdt_conf *)c, id) != NULL;
}

/* One port list entry as text ("80/tcp"), in b. */
static const char *port_str(const struct pdt_port *p, char *b, size_t len)
{
	pdt_ports_format(p, 1, b, len);
	return b;
}

/*
 * Service i against the services before it (name, overlapping ports on
 * the same address) and the nodes (weights, online set).
 */
static int check_svc(const struct pdt_conf *c, unsigned i, char *err,
		     size_t errlen)
{
	const struct pdt_conf_svc *s = &c->svcs[i];
	char ps[16], as[64];
	struct pdt_port pp;

	for (unsigned j = 0; j < i; j++) {
		const struct pdt_conf_svc *o = &c->svcs[j];

		if (!strcmp(o->name, s->name))
			return bad(err, errlen, "service %s: name used twice",
				   s->name);
		if (!memcmp(o->addr, s->addr, 16) &&
		    pdt_ports_overlap(s->ports, s->nports, o->ports,
				      o->nports, &pp))
			return bad(err, errlen, "service %s: %s of %s is "
				   "already in service %s", s->name,
				   port_str(&pp, ps, sizeof(ps)),
				   pdt_addr_text(s->addr, as, sizeof(as)),
				   o->name);
	}
	for (unsigned j = 0; j < s->nw; j++)
		if (!has_node(c, s->w[j].node))
			return bad(err, errlen, "service %s: weights name node "
				   "%u, which is not in nodes", s->name,
				   s->w[j].node);
	for (unsigned j = 0; j < s->nonline; j++)
		if (!has_node(c, s->online[j]))
			return bad(err, errlen, "service %s: online names node "
				   "%u, which is not in nodes", s->name,
				   s->online[j]);
	return 0;
}

int pdt_conf_check(const struct pdt_conf *c, char *err, size_t errlen)
{
	for (unsigned i = 0; i < c->nnodes; i++)
		for (unsigned j = 0; j < i; j++)
			if (c->nodes[i].id == c->nodes[j].id)
				return bad(err, errlen,
					   "node %u is defined twice",
					   c->nodes[i].id);
	if (!pdt_is_prime(c->maglev_size) || c->maglev_size < 101)
		return bad(err, errlen, "maglev_size %u must be a prime >= 101",
			   c->maglev_size);
	if (c->fwd == PDT_FWD_IPIP) {
		static const uint8_t zero[4];

		if (!memcmp(c->ipip_src, zero, 4))
			return bad(err, errlen,
				   "forwarding = \"ipip\" needs ipip_source");
		for (unsigned i = 0; i < c->nnodes; i++)
			if (!c->nodes[i].has_addr)
				return bad(err, errlen,
					   "forwarding = \"ipip\": node %u "
					   "has no address", c->nodes[i].id);
	}
	for (unsigned i = 0; i < c->nsvcs; i++)
		if (check_svc(c, i, err, errlen))
			return -1;
	return 0;
}
