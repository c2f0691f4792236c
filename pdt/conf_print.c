// SPDX-License-Identifier: MIT
/*
 * conf_print.c - print a configuration back in pdt.conf syntax (control
 * thread: `pdt -t` and the `show` control command). The output reads back
 * into the same configuration, which the unit tests check.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pdt.h"

/* The output buffer; err: something did not fit (the rest is skipped). */
struct out {
	char *buf;
	size_t len, o;
	int err;
};

/* Appends, or marks the output as cut. */
__attribute__((format(printf, 2, 3)))
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (o->err)
		return;
	va_start(ap, fmt);
	r = vsnprintf(o->buf + o->o, o->len - o->o, fmt, ap);
	va_end(ap);
	if (r < 0 || (size_t)r >= o->len - o->o)
		o->err = 1;
	else
		o->o += (size_t)r;
}

static const char *const pol_names[] = {
	"LB_WEIGHTED", "LB_STICKY", "LB_STICKY_WILD"
};

/* One service's settings, on one line, as inside { } in pdt.conf. */
static void put_svc(struct out *o, const struct pdt_conf_svc *s)
{
	char a[64], w[1024], pl[PDT_MAX_PORTS * 12];

	pdt_weights_format(s->w, s->nw, w, sizeof(w));
	pdt_ports_format(s->ports, s->nports, pl, sizeof(pl));
	put(o, "name = \"%s\"; address = \"%s\"; port_list = \"%s\"; ", s->name,
	    pdt_addr_text(s->addr, a, sizeof(a)), pl);
	put(o, "policy = \"%s\"; weights = \"%s\"; ", pol_names[s->policy], w);
	if (!s->online_all) {
		put(o, "online = \"");
		for (unsigned i = 0; i < s->nonline; i++)
			put(o, "%s%u", i ? "," : "", s->online[i]);
		put(o, "\"; ");
	}
	put(o, "affinity_timeout = %d; udp_affinity = %s;",
	    (int)s->affinity_timeout, s->udp_affinity ? "true" : "false");
}

/* One node's settings, as inside { } in pdt.conf. */
static void put_node(struct out *o, const struct pdt_conf_node *n)
{
	const uint8_t *m = n->mac;

	put(o, "id = %u; mac = \"%02x:%02x:%02x:%02x:%02x:%02x\";", n->id, m[0],
	    m[1], m[2], m[3], m[4], m[5]);
	if (n->has_addr)
		put(o, " address = \"%u.%u.%u.%u\";", n->addr[0], n->addr[1],
		    n->addr[2], n->addr[3]);
}

/* 0, or -1 with ENOSPC when the output was cut. */
static int done(struct out *o)
{
	if (o->err) {
		errno = ENOSPC;
		return -1;
	}
	return 0;
}

int pdt_conf_print_svc(const struct pdt_conf_svc *s, char *buf, size_t len)
{
	struct out o = { buf, len, 0, 0 };

	put_svc(&o, s);
	return done(&o);
}

int pdt_conf_print_node(const struct pdt_conf_node *n, char *buf, size_t len)
{
	struct out o = { buf, len, 0, 0 };

	put_node(&o, n);
	return done(&o);
}

/* The top-level settings, one per line (conn6_table_size only if set). */
static void put_globals(struct out *o, const struct pdt_conf *c)
{
	const uint8_t *a = c->ipip_src;

	put(o, "local_node = %u;\npublic_port = \"%s\";\n", c->local_node,
	    c->port_public);
	if (c->port_forward[0])
		put(o, "forward_port = \"%s\";\n", c->port_forward);
	if (c->port_exception[0])
		put(o, "exception_port = \"%s\";\n", c->port_exception);
	put(o, "forwarding = \"%s\";\n",
	    c->fwd == PDT_FWD_IPIP ? "ipip" : "mac");
	if (c->has_shared_mac)
		put(o, "shared_mac = \"%02x:%02x:%02x:%02x:%02x:%02x\";\n",
		    c->shared_mac[0], c->shared_mac[1], c->shared_mac[2],
		    c->shared_mac[3], c->shared_mac[4], c->shared_mac[5]);
	if (c->fwd == PDT_FWD_IPIP)
		put(o, "ipip_source = \"%u.%u.%u.%u\";\n", a[0], a[1], a[2],
		    a[3]);
	put(o, "conn_table_size = %u;\naffinity_table_size = %u;\n"
	    "frag_table_size = %u;\nfrag_hold = %u;\nmaglev_size = %u;\n"
	    "mbufs = %u;\n", c->conn_size, c->aff_size, c->frag_size,
	    c->frag_hold, c->maglev_size, c->mbufs);
	if (c->conn6_size)
		put(o, "conn6_table_size = %u;\n", c->conn6_size);
	put(o, "tcp_timeout = %u;\ntcp_fin_timeout = %u;\nudp_timeout = %u;\n"
	    "frag_timeout = %u;\n", c->tcp_timeout, c->tcp_fin_timeout,
	    c->udp_timeout, c->frag_timeout);
}

int pdt_conf_print(const struct pdt_conf *c, char *buf, size_t len)
{
	struct out o = { buf, len, 0, 0 };

	put_globals(&o, c);
	put(&o, "nodes = (");
	for (unsigned i = 0; i < c->nnodes; i++) {
		put(&o, "%s\n  { ", i ? "," : "");
		put_node(&o, &c->nodes[i]);
		put(&o, " }");
	}
	put(&o, "\n);\nservices = (");
	for (unsigned i = 0; i < c->nsvcs; i++) {
		put(&o, "%s\n  { ", i ? "," : "");
		put_svc(&o, &c->svcs[i]);
		put(&o, " }");
	}
	put(&o, "\n);\n");
	if (c->naddrs) {
		char a[INET6_ADDRSTRLEN];

		put(&o, "shared_addresses = [");
		for (unsigned i = 0; i < c->naddrs; i++)
			put(&o, "%s \"%s\"", i ? "," : "",
			    pdt_addr_text(c->addrs[i], a, sizeof(a)));
		put(&o, " ];\n");
	}
	return done(&o);
}
