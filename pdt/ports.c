// SPDX-License-Identifier: MIT
/*
 * ports.c - a service's port list, as Sun's Port_list writes it
 * ("80/tcp,443/tcp,53/udp"; tcp6 and udp6 name the same protocols, the
 * service's address gives the family; an asterisk as the port stands
 * for every port of the address and protocol). Parsed for pdt.conf and
 * the control socket (control thread), printed back by `show` and
 * `pdt -t`, and the port that keys a
 * client's affinity: one entry per (service, client) for every port of
 * the list (the lowest port; 0 for LB_STICKY_WILD and wildcards, which
 * span every port of the address).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* tcp, udp, tcp6 or udp6, in any case. */
static int proto_of(const char *s, uint8_t *proto)
{
	if (!strcasecmp(s, "tcp") || !strcasecmp(s, "tcp6"))
		*proto = PDT_IPPROTO_TCP;
	else if (!strcasecmp(s, "udp") || !strcasecmp(s, "udp6"))
		*proto = PDT_IPPROTO_UDP;
	else
		return -1;
	return 0;
}

static const char *proto_name(uint8_t proto)
{
	return proto == PDT_IPPROTO_UDP ? "udp" : "tcp";
}

/* One "PORT/PROTOCOL" entry (e is NUL-terminated, at most 31 bytes). */
static int parse_one(const char *e, struct pdt_port *p, char *err,
		     size_t errlen)
{
	const char *slash = strchr(e, '/');
	char *end;
	long v;

	memset(p, 0, sizeof(*p));
	if (!slash || slash == e)
		return bad(err, errlen,
			   "\"%s\": expected PORT/PROTOCOL, as in 80/tcp", e);
	if (proto_of(slash + 1, &p->proto))
		return bad(err, errlen, "\"%s\": expected a protocol tcp, "
			   "udp, tcp6 or udp6", e);
	if (slash - e == 1 && e[0] == '*') {
		p->wild = true;
		return 0;
	}
	errno = 0;
	v = strtol(e, &end, 10);
	if (errno || end != slash || v < 1 || v > 65535 || e[0] < '0' ||
	    e[0] > '9')
		return bad(err, errlen, "\"%s\": expected a port 1..65535 or *",
			   e);
	p->port = (uint16_t)v;
	return 0;
}

/* The same entry: one protocol, and the same port or both wildcards. */
static bool same_port(const struct pdt_port *a, const struct pdt_port *b)
{
	return a->proto == b->proto && a->wild == b->wild &&
	       (a->wild || a->port == b->port);
}

/* A comma-separated list of at most max entries, none twice, into p. */
int pdt_ports_parse(const char *s, struct pdt_port *p, unsigned max,
		    unsigned *n, char *err, size_t errlen)
{
	const char *c = s;
	char e[32];

	*n = 0;
	for (;;) {
		size_t l = strcspn(c, ",");

		if (l >= sizeof(e))
			return bad(err, errlen, "\"%.*s...\": entry too long",
				   16, c);
		memcpy(e, c, l);
		e[l] = 0;
		if (*n == max)
			return bad(err, errlen, "more than %u ports", max);
		if (parse_one(e, &p[*n], err, errlen))
			return -1;
		for (unsigned i = 0; i < *n; i++)
			if (same_port(&p[i], &p[*n]))
				return bad(err, errlen, "%s listed twice", e);
		(*n)++;
		if (!c[l])
			return 0;
		c += l + 1;
	}
}

/* The list back as text ("80/tcp,443/tcp"); -1 (ENOSPC) if it is cut. */
int pdt_ports_format(const struct pdt_port *p, unsigned n, char *buf,
		     size_t len)
{
	size_t o = 0;

	if (len)
		buf[0] = 0;
	for (unsigned i = 0; i < n; i++) {
		int r;

		if (p[i].wild)
			r = snprintf(buf + o, len - o, "%s*/%s", i ? "," : "",
				     proto_name(p[i].proto));
		else
			r = snprintf(buf + o, len - o, "%s%u/%s", i ? "," : "",
				     p[i].port, proto_name(p[i].proto));
		if (r < 0 || (size_t)r >= len - o) {
			errno = ENOSPC;
			return -1;
		}
		o += (size_t)r;
	}
	return 0;
}

/*
 * True when a and b share an entry (the same port, or both wildcards, of
 * one protocol), which is copied into *common.
 */
bool pdt_ports_overlap(const struct pdt_port *a, unsigned na,
		       const struct pdt_port *b, unsigned nb,
		       struct pdt_port *common)
{
	for (unsigned i = 0; i < na; i++)
		for (unsigned j = 0; j < nb; j++)
			if (same_port(&a[i], &b[j])) {
				*common = a[i];
				return true;
			}
	return false;
}

/* The port in a client's affinity key (see the head of the file). */
uint16_t pdt_ports_aff_port(const struct pdt_port *p, unsigned n,
			    enum pdt_policy pol)
{
	uint16_t low = 0;

	if (pol == PDT_LB_STICKY_WILD)
		return 0;
	for (unsigned i = 0; i < n; i++) {
		if (p[i].wild)
			return 0;
		if (!low || p[i].port < low)
			low = p[i].port;
	}
	return low;
}
