// SPDX-License-Identifier: MIT
/*
 * ctlcmd.c - the configuration-changing commands of the control socket
 * (control thread). Each command edits a copy of the configuration; the
 * copy must pass pdt_conf_check() before it replaces the original, so a
 * bad command changes nothing and says why. Commands (one line each):
 *   node ID MAC [ADDRESS]      add or replace a node
 *   node-del ID                remove a node from nodes, weights and online
 *   service SETTINGS           add or replace a service (pdt.conf syntax)
 *   service-del NAME
 *   weights NAME W@N,...       set a service's weights
 *   online NAME N,...|all      set the nodes where the instance is online
 *   local ID                   local_node: the node whose packets go to the
 *                              exception port (0: none)
 * Also the composition of the replies (pdt_ctl_reply), which never claims
 * more bytes than it wrote.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"

/* Writes the reason into msg; returns -1 with errno EINVAL. */
__attribute__((format(printf, 3, 4)))
static int err(char *msg, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, len, fmt, ap);
	va_end(ap);
	errno = EINVAL;
	return -1;
}

/* A node id, 1..PDT_MAX_NODE_ID, and nothing after it. */
static int node_id(const char *s, uint16_t *id)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v < 1 || v > PDT_MAX_NODE_ID)
		return -1;
	*id = (uint16_t)v;
	return 0;
}

/* node ID MAC [ADDRESS] */
static int cmd_node(struct pdt_conf *c, char *args, char *msg, size_t len)
{
	char *id = strtok(args, " \t"), *mac = strtok(NULL, " \t");
	char *addr = strtok(NULL, " \t");
	struct pdt_conf_node n = { 0 }, *old;
	uint8_t a[16];
	bool v4;

	if (!id || !mac || strtok(NULL, " \t"))
		return err(msg, len, "usage: node ID MAC [ADDRESS]");
	if (node_id(id, &n.id))
		return err(msg, len, "node: bad id \"%s\" (1..1023)", id);
	if (pdt_parse_mac(mac, n.mac))
		return err(msg, len, "node: bad MAC \"%s\"", mac);
	if (addr && (pdt_parse_addr(addr, a, &v4) || !v4))
		return err(msg, len, "node: bad IPv4 address \"%s\"", addr);
	if (addr) {
		memcpy(n.addr, a + 12, 4);
		n.has_addr = true;
	}
	old = pdt_conf_find_node(c, n.id);
	if (!old && c->nnodes == PDT_MAX_NODES)
		return err(msg, len, "node: too many nodes");
	*(old ? old : &c->nodes[c->nnodes++]) = n;
	return 0;
}

/* Removes id from the list ids of *n entries, keeping the order. */
static void drop_id(uint16_t *ids, unsigned *n, uint16_t id)
{
	unsigned k = 0;

	for (unsigned i = 0; i < *n; i++)
		if (ids[i] != id)
			ids[k++] = ids[i];
	*n = k;
}

/* node-del ID: also out of every service's weights and online set. */
static int cmd_node_del(struct pdt_conf *c, char *args, char *msg,
			size_t len)
{
	struct pdt_conf_node *n;
	uint16_t id;

	if (node_id(args, &id) || !(n = pdt_conf_find_node(c, id)))
		return err(msg, len, "node-del: no node \"%s\"", args);
	*n = c->nodes[--c->nnodes];
	for (unsigned i = 0; i < c->nsvcs; i++) {
		struct pdt_conf_svc *s = &c->svcs[i];
		unsigned k = 0;

		for (unsigned j = 0; j < s->nw; j++)
			if (s->w[j].node != id)
				s->w[k++] = s->w[j];
		s->nw = k;
		drop_id(s->online, &s->nonline, id);
	}
	return 0;
}

/* service SETTINGS: adds, or replaces the service of that name. */
static int cmd_service(struct pdt_conf *c, char *args, char *msg,
		       size_t len)
{
	struct pdt_conf_svc s, *old;

	if (pdt_conf_parse_service(args, &s, msg, len))
		return -1;
	old = pdt_conf_find_svc(c, s.name);
	if (!old && c->nsvcs == PDT_MAX_SVC)
		return err(msg, len, "service: too many services");
	*(old ? old : &c->svcs[c->nsvcs++]) = s;
	return 0;
}

/* service-del NAME */
static int cmd_service_del(struct pdt_conf *c, char *args, char *msg,
			   size_t len)
{
	struct pdt_conf_svc *s = pdt_conf_find_svc(c, args);

	if (!s)
		return err(msg, len, "service-del: no service \"%s\"", args);
	*s = c->svcs[--c->nsvcs];
	return 0;
}

/* weights NAME W@NODE,... */
static int cmd_weights(struct pdt_conf *c, char *args, char *msg,
		       size_t len)
{
	char *name = strtok(args, " \t"), *w = strtok(NULL, " \t");
	struct pdt_conf_svc *s;

	if (!name || !w || strtok(NULL, " \t"))
		return err(msg, len, "usage: weights SERVICE W@NODE,...");
	s = pdt_conf_find_svc(c, name);
	if (!s)
		return err(msg, len, "weights: no service \"%s\"", name);
	return pdt_weights_parse(w, s->w, PDT_MAX_NODES, &s->nw, msg, len);
}

/* online NAME N,...|all (no list: online nowhere) */
static int cmd_online(struct pdt_conf *c, char *args, char *msg,
		      size_t len)
{
	char *name = strtok(args, " \t"), *l = strtok(NULL, " \t");
	struct pdt_conf_svc *s;

	if (!name || strtok(NULL, " \t"))
		return err(msg, len, "usage: online SERVICE N,...|all");
	s = pdt_conf_find_svc(c, name);
	if (!s)
		return err(msg, len, "online: no service \"%s\"", name);
	s->online_all = l && !strcmp(l, "all");
	s->nonline = 0;
	if (s->online_all || !l)
		return 0;
	return pdt_nodelist_parse(l, s->online, PDT_MAX_NODES, &s->nonline,
				  msg, len);
}

static int cmd_local(struct pdt_conf *c, char *args, char *msg, size_t len)
{
	uint16_t id = 0;

	if (strcmp(args, "0") != 0 && node_id(args, &id))
		return err(msg, len, "local: bad id \"%s\" (0..1023)", args);
	c->local_node = id;
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(struct pdt_conf *, char *, char *, size_t);
} cmds[] = {
	{ "node", cmd_node },
	{ "node-del", cmd_node_del },
	{ "service", cmd_service },
	{ "service-del", cmd_service_del },
	{ "weights", cmd_weights },
	{ "online", cmd_online },
	{ "local", cmd_local },
};

/*
 * Applies one command line to c, whole or not at all: the command edits
 * a copy, which replaces c only once pdt_conf_check() passes it.
 */
int pdt_cmd_apply(struct pdt_conf *c, const char *line, char *msg,
		  size_t msglen)
{
	char buf[4096], *args;
	struct pdt_conf *tmp;
	size_t n;
	int r = -1;

	if ((size_t)snprintf(buf, sizeof(buf), "%s", line) >= sizeof(buf))
		return err(msg, msglen, "command too long");
	n = strcspn(buf, " \t");
	args = buf + n + (buf[n] ? 1 : 0);
	buf[n] = 0;
	args += strspn(args, " \t");
	tmp = malloc(sizeof(*tmp));
	if (!tmp)
		return err(msg, msglen, "out of memory");
	*tmp = *c;
	snprintf(msg, msglen, "unknown command \"%s\"", buf);
	errno = EINVAL;
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(buf, cmds[i].name))
			r = cmds[i].fn(tmp, args, msg, msglen);
	if (!r && !pdt_conf_check(tmp, msg, msglen)) {
		*c = *tmp;
		snprintf(msg, msglen, "ok");
	} else {
		r = -1;
	}
	free(tmp);
	return r;
}

size_t pdt_ctl_reply(char *out, size_t len, size_t used, const char *fmt, ...)
{
	static const char too_long[] = "error: reply too long\n";
	va_list ap;
	int n;

	if (used >= len)
		used = len;
	va_start(ap, fmt);
	n = vsnprintf(out + used, len - used, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < len - used)
		return used + (size_t)n;
	/* Cut (or an encoding error): say so rather than send a part. */
	n = snprintf(out, len, "%s", too_long);
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}
