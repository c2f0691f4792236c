// SPDX-License-Identifier: MIT
/*
 * conf.c - read pdt.conf (libconfig syntax, see pdt.conf(5)) into a
 * struct pdt_conf, and check it (control thread and `pdt -t`). Unknown
 * keys, wrong types and bad values are refused with the file, line and
 * setting named. The same service parser reads the `service` command of
 * the control socket, so file and socket carry the same content.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdt.h"

/* Where a refusal is written. */
struct ctx {
	char *err;
	size_t errlen;
};

/*
 * Writes "FILE:LINE: SETTING: WHAT" (or fmt when what is NULL) for the
 * setting s, if known; returns -1 with errno EINVAL.
 */
static int fail(struct ctx *x, const config_setting_t *s, const char *fmt,
		const char *what)
{
	const char *file = s ? config_setting_source_file(s) : NULL;
	char pre[128];

	if (s && config_setting_source_line(s))
		snprintf(pre, sizeof(pre), "%s:%d: ", file ? file : "(text)",
			 config_setting_source_line(s));
	else
		pre[0] = 0;
	snprintf(x->err, x->errlen, "%s%s: %s", pre,
		 s && config_setting_name(s) ? config_setting_name(s) :
		 "setting", what ? what : fmt);
	errno = EINVAL;
	return -1;
}

static bool allowed(const char *name, const char *const *keys)
{
	for (; *keys; keys++)
		if (!strcmp(name, *keys))
			return true;
	return false;
}

/* Refuses a member of group g not named in keys (NULL-terminated). */
static int check_keys(struct ctx *x, const config_setting_t *g,
		      const char *const *keys)
{
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *m;

		m = config_setting_get_elem(g, (unsigned)i);
		if (!allowed(config_setting_name(m), keys))
			return fail(x, m, NULL, "unknown setting");
	}
	return 0;
}

/* Member k of g, if present, as an integer within [min, max]. */
static int get_uint(struct ctx *x, const config_setting_t *g, const char *k,
		    uint32_t min, uint32_t max, uint32_t *v)
{
	const config_setting_t *m = config_setting_get_member(g, k);
	long long ll;

	if (!m)
		return 0;
	if (config_setting_type(m) != CONFIG_TYPE_INT &&
	    config_setting_type(m) != CONFIG_TYPE_INT64)
		return fail(x, m, NULL, "expected an integer");
	ll = config_setting_get_int64(m);
	if (ll < min || ll > max) {
		char what[64];

		snprintf(what, sizeof(what), "%lld out of range (%u to %u)",
			 ll, min, max);
		return fail(x, m, NULL, what);
	}
	*v = (uint32_t)ll;
	return 0;
}

/*
 * Member k of g, if present, as a string; 1 when it is an integer (the
 * caller may take that form too), -1 on any other type.
 */
static int get_str(struct ctx *x, const config_setting_t *g, const char *k,
		   const char **v)
{
	const config_setting_t *m = config_setting_get_member(g, k);

	if (!m)
		return 0;
	if (config_setting_type(m) == CONFIG_TYPE_INT)
		return 1;
	if (config_setting_type(m) != CONFIG_TYPE_STRING)
		return fail(x, m, NULL, "expected a string");
	*v = config_setting_get_string(m);
	return 0;
}

int pdt_parse_mac(const char *s, uint8_t mac[6])
{
	unsigned b[6];
	char tail;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &tail) != 6) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return 0;
}

int pdt_parse_addr(const char *s, uint8_t a[16], bool *is_v4)
{
	uint8_t v4[4];

	if (inet_pton(AF_INET, s, v4) == 1) {
		pdt_addr_from_v4(a, v4);
		*is_v4 = true;
		return 0;
	}
	*is_v4 = false;
	if (inet_pton(AF_INET6, s, a) == 1)
		return 0;
	errno = EINVAL;
	return -1;
}

/* The text of address a (an IPv4 one as a.b.c.d), in b. */
const char *pdt_addr_text(const uint8_t a[16], char *b, size_t len)
{
	if (pdt_addr_is_v4(a))
		return inet_ntop(AF_INET, a + 12, b, (socklen_t)len);
	return inet_ntop(AF_INET6, a, b, (socklen_t)len);
}

/* A DPDK port named by id (an integer) or by device name (a string). */
static int port_name(struct ctx *x, const config_setting_t *g, const char *k,
		     char *out, size_t len)
{
	const config_setting_t *m = config_setting_get_member(g, k);
	int r;

	if (!m)
		return 0;
	if (config_setting_type(m) == CONFIG_TYPE_INT)
		r = snprintf(out, len, "%d", config_setting_get_int(m));
	else if (config_setting_type(m) == CONFIG_TYPE_STRING)
		r = snprintf(out, len, "%s", config_setting_get_string(m));
	else
		return fail(x, m, NULL, "expected a port id or a device name");
	if (r < 0 || (size_t)r >= len)
		return fail(x, m, NULL, "too long");
	return 0;
}

static const char *const global_keys[] = {
	"local_node", "public_port", "forward_port", "exception_port",
	"forwarding", "ipip_source", "conn_table_size", "conn6_table_size",
	"affinity_table_size", "frag_table_size", "frag_hold", "maglev_size",
	"mbufs", "tcp_timeout",
	"tcp_fin_timeout", "udp_timeout", "frag_timeout", "nodes", "services",
	"shared_addresses", "shared_mac", NULL
};

/* The top-level settings other than nodes, services, shared_addresses. */
static int read_globals(struct ctx *x, const config_setting_t *r,
			struct pdt_conf *c)
{
	const char *s = NULL;
	uint32_t ln = c->local_node;
	bool v4;
	uint8_t a[16];

	if (check_keys(x, r, global_keys) ||
	    get_uint(x, r, "local_node", 0, PDT_MAX_NODE_ID, &ln) ||
	    port_name(x, r, "public_port", c->port_public,
		      sizeof(c->port_public)) ||
	    port_name(x, r, "forward_port", c->port_forward,
		      sizeof(c->port_forward)) ||
	    port_name(x, r, "exception_port", c->port_exception,
		      sizeof(c->port_exception)) ||
	    get_uint(x, r, "conn_table_size", 8, 1u << 28, &c->conn_size) ||
	    get_uint(x, r, "conn6_table_size", 8, 1u << 28, &c->conn6_size) ||
	    get_uint(x, r, "affinity_table_size", 8, 1u << 28, &c->aff_size) ||
	    get_uint(x, r, "frag_table_size", 8, 1u << 24, &c->frag_size) ||
	    get_uint(x, r, "frag_hold", 0, 4096, &c->frag_hold) ||
	    get_uint(x, r, "maglev_size", 3, 16777213, &c->maglev_size) ||
	    get_uint(x, r, "mbufs", 1023, 1u << 24, &c->mbufs) ||
	    get_uint(x, r, "tcp_timeout", 1, 1u << 24, &c->tcp_timeout) ||
	    get_uint(x, r, "tcp_fin_timeout", 1, 1u << 24,
		     &c->tcp_fin_timeout) ||
	    get_uint(x, r, "udp_timeout", 1, 1u << 24, &c->udp_timeout) ||
	    get_uint(x, r, "frag_timeout", 1, 3600, &c->frag_timeout))
		return -1;
	c->local_node = (uint16_t)ln;
	if (get_str(x, r, "forwarding", &s))
		return -1;
	if (s && !strcmp(s, "ipip"))
		c->fwd = PDT_FWD_IPIP;
	else if (s && strcmp(s, "mac"))
		return fail(x, config_setting_get_member(r, "forwarding"), NULL,
			    "expected \"mac\" or \"ipip\"");
	s = NULL;
	if (get_str(x, r, "ipip_source", &s))
		return -1;
	if (s && (pdt_parse_addr(s, a, &v4) || !v4))
		return fail(x, config_setting_get_member(r, "ipip_source"),
			    NULL, "expected an IPv4 address");
	if (s)
		memcpy(c->ipip_src, a + 12, 4);
	s = NULL;
	if (get_str(x, r, "shared_mac", &s))
		return -1;
	if (s && (pdt_parse_mac(s, c->shared_mac) || (c->shared_mac[0] & 1)))
		return fail(x, config_setting_get_member(r, "shared_mac"), NULL,
			    "expected a unicast MAC address");
	c->has_shared_mac = s != NULL;
	return 0;
}

static const char *const node_keys[] = { "id", "mac", "address", NULL };

/* One entry of nodes: { id = N; mac = "..."; address = "a.b.c.d"; } */
static int read_node(struct ctx *x, const config_setting_t *g,
		     struct pdt_conf_node *n)
{
	const char *mac = NULL, *addr = NULL;
	uint32_t id = 0;
	uint8_t a[16];
	bool v4;

	memset(n, 0, sizeof(*n));
	if (check_keys(x, g, node_keys) ||
	    get_uint(x, g, "id", 1, PDT_MAX_NODE_ID, &id) ||
	    get_str(x, g, "mac", &mac) || get_str(x, g, "address", &addr))
		return -1;
	if (!id)
		return fail(x, g, NULL, "node without an id");
	if (!mac || pdt_parse_mac(mac, n->mac))
		return fail(x, g, NULL,
			    "node needs mac = \"xx:xx:xx:xx:xx:xx\"");
	if (addr && (pdt_parse_addr(addr, a, &v4) || !v4))
		return fail(x, config_setting_get_member(g, "address"), NULL,
			    "expected an IPv4 interconnect address");
	if (addr) {
		memcpy(n->addr, a + 12, 4);
		n->has_addr = true;
	}
	n->id = (uint16_t)id;
	return 0;
}

static const char *const svc_keys[] = {
	"name", "address", "protocol", "port", "port_list", "policy", "weights",
	"online", "affinity_timeout", "udp_affinity", NULL
};

/* policy = "LB_WEIGHTED" (the default), "LB_STICKY" or "LB_STICKY_WILD". */
static int read_policy(struct ctx *x, const config_setting_t *g,
		       struct pdt_conf_svc *s)
{
	const char *pol = NULL;

	if (get_str(x, g, "policy", &pol))
		return -1;
	if (!pol || !strcasecmp(pol, "LB_WEIGHTED"))
		s->policy = PDT_LB_WEIGHTED;
	else if (!strcasecmp(pol, "LB_STICKY"))
		s->policy = PDT_LB_STICKY;
	else if (!strcasecmp(pol, "LB_STICKY_WILD"))
		s->policy = PDT_LB_STICKY_WILD;
	else
		return fail(x, config_setting_get_member(g, "policy"), NULL,
			    "expected LB_WEIGHTED, LB_STICKY or "
			    "LB_STICKY_WILD");
	return 0;
}

/*
 * The one-port form of earlier versions: port = N | "*";
 * protocol = "tcp" | "udp".
 */
static int read_port(struct ctx *x, const config_setting_t *g,
		     struct pdt_conf_svc *s)
{
	const config_setting_t *m = config_setting_get_member(g, "port");
	struct pdt_port *p = &s->ports[0];
	const char *proto = NULL;

	if (get_str(x, g, "protocol", &proto))
		return -1;
	if (!proto || !strcasecmp(proto, "tcp"))
		p->proto = PDT_IPPROTO_TCP;
	else if (!strcasecmp(proto, "udp"))
		p->proto = PDT_IPPROTO_UDP;
	else
		return fail(x, config_setting_get_member(g, "protocol"), NULL,
			    "expected \"tcp\" or \"udp\"");
	s->nports = 1;
	p->wild = true;
	if (!m)
		return s->policy == PDT_LB_STICKY_WILD ? 0 :
		       fail(x, g, NULL, "service needs port_list = "
			    "\"PORT/PROTOCOL,...\" (or port = N)");
	if (config_setting_type(m) == CONFIG_TYPE_STRING &&
	    !strcmp(config_setting_get_string(m), "*"))
		return 0;
	if (config_setting_type(m) != CONFIG_TYPE_INT ||
	    config_setting_get_int(m) < 1 || config_setting_get_int(m) > 65535)
		return fail(x, m, NULL, "expected a port 1..65535 or \"*\"");
	p->wild = false;
	p->port = (uint16_t)config_setting_get_int(m);
	return 0;
}

/* port_list = "80/tcp,443/tcp" (Sun's Port_list), or the one-port form. */
static int read_ports(struct ctx *x, const config_setting_t *g,
		      struct pdt_conf_svc *s)
{
	const config_setting_t *m = config_setting_get_member(g, "port_list");
	char why[256];

	if (!m)
		return read_port(x, g, s);
	if (config_setting_get_member(g, "port") ||
	    config_setting_get_member(g, "protocol"))
		return fail(x, m, NULL, "give either port_list or port and "
			    "protocol, not both");
	if (config_setting_type(m) != CONFIG_TYPE_STRING)
		return fail(x, m, NULL,
			    "expected a string \"PORT/PROTOCOL,...\"");
	if (pdt_ports_parse(config_setting_get_string(m), s->ports,
			    PDT_MAX_PORTS, &s->nports, why, sizeof(why)))
		return fail(x, m, NULL, why);
	return 0;
}

/* weights = "w@node,..." (required) and online = "node,..." (optional). */
static int read_lists(struct ctx *x, const config_setting_t *g,
		      struct pdt_conf_svc *s)
{
	const char *w = NULL, *on = NULL;
	char why[256];

	if (get_str(x, g, "weights", &w) || get_str(x, g, "online", &on))
		return -1;
	if (!w)
		return fail(x, g, NULL,
			    "service needs weights = \"w@node,...\"");
	if (pdt_weights_parse(w, s->w, PDT_MAX_NODES, &s->nw, why, sizeof(why)))
		return fail(x, config_setting_get_member(g, "weights"), NULL,
			    why);
	s->online_all = on == NULL;
	if (on && pdt_nodelist_parse(on, s->online, PDT_MAX_NODES, &s->nonline,
				     why, sizeof(why)))
		return fail(x, config_setting_get_member(g, "online"), NULL,
			    why);
	return 0;
}

/* One service group, from pdt.conf or the control socket's `service`. */
static int read_svc(struct ctx *x, const config_setting_t *g,
		    struct pdt_conf_svc *s)
{
	const char *name = NULL, *addr = NULL;
	int at = -1, ua = 0;
	bool v4;

	memset(s, 0, sizeof(*s));
	if (check_keys(x, g, svc_keys) || get_str(x, g, "name", &name) ||
	    get_str(x, g, "address", &addr) ||
	    read_policy(x, g, s) || read_ports(x, g, s) || read_lists(x, g, s))
		return -1;
	if (!name || !*name || strlen(name) >= PDT_NAME_MAX ||
	    strpbrk(name, " \t\n\""))
		return fail(x, g, NULL, "service needs a name (1-31 "
			    "characters, no blanks)");
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (!addr || pdt_parse_addr(addr, s->addr, &v4))
		return fail(x, g, NULL, "service needs address = an IPv4 or "
			    "IPv6 address");
	config_setting_lookup_int(g, "affinity_timeout", &at);
	if (at < -1)
		return fail(x, config_setting_get_member(g, "affinity_timeout"),
			    NULL, "expected -1, 0 or a number of seconds");
	s->affinity_timeout = at;
	config_setting_lookup_bool(g, "udp_affinity", &ua);
	s->udp_affinity = ua;
	return 0;
}

/* nodes = ( {...}, ... ) or services = ( {...}, ... ), by k. */
static int read_list(struct ctx *x, const config_setting_t *root,
		     const char *k, struct pdt_conf *c)
{
	const config_setting_t *l = config_setting_get_member(root, k);
	bool nodes = !strcmp(k, "nodes");
	unsigned max = nodes ? PDT_MAX_NODES : PDT_MAX_SVC;

	if (!l)
		return 0;
	if (!config_setting_is_list(l) && !config_setting_is_array(l))
		return fail(x, l, NULL, "expected a list ( {...}, {...} )");
	if ((unsigned)config_setting_length(l) > max)
		return fail(x, l, NULL, "too many entries");
	for (int i = 0; i < config_setting_length(l); i++) {
		const config_setting_t *g;

		g = config_setting_get_elem(l, (unsigned)i);
		if (!config_setting_is_group(g))
			return fail(x, g, NULL, "expected a group { ... }");
		if (nodes ? read_node(x, g, &c->nodes[i]) :
			    read_svc(x, g, &c->svcs[i]))
			return -1;
	}
	if (nodes)
		c->nnodes = (unsigned)config_setting_length(l);
	else
		c->nsvcs = (unsigned)config_setting_length(l);
	return 0;
}

/* shared_addresses = [ "IPv4 or IPv6", ... ]: answered without a service. */
static int read_addrs(struct ctx *x, const config_setting_t *root,
		      struct pdt_conf *c)
{
	const config_setting_t *l;
	bool v4;

	l = config_setting_get_member(root, "shared_addresses");
	if (!l)
		return 0;
	if (!config_setting_is_list(l) && !config_setting_is_array(l))
		return fail(x, l, NULL, "expected a list [ \"address\", ... ]");
	if ((unsigned)config_setting_length(l) > PDT_MAX_ADDRS)
		return fail(x, l, NULL, "too many entries");
	for (int i = 0; i < config_setting_length(l); i++) {
		const config_setting_t *e;
		const char *s;

		e = config_setting_get_elem(l, (unsigned)i);
		s = config_setting_get_string(e);
		if (!s || pdt_parse_addr(s, c->addrs[i], &v4))
			return fail(x, e, NULL,
				    "expected an IPv4 or IPv6 address");
		for (int k = 0; k < i; k++)
			if (!memcmp(c->addrs[k], c->addrs[i], 16))
				return fail(x, e, NULL, "address given twice");
	}
	c->naddrs = (unsigned)config_setting_length(l);
	return 0;
}

/*
 * Entries of the general table, which holds the IPv6 connections (the
 * IPv4 ones have conn4.c's table of conn_size): conn6_table_size if set,
 * else a quarter of conn_table_size, at least 8.
 */
uint32_t pdt_conf_conn6_size(const struct pdt_conf *c)
{
	if (c->conn6_size)
		return c->conn6_size;
	return c->conn_size / 4 < 8 ? 8 : c->conn_size / 4;
}

void pdt_conf_defaults(struct pdt_conf *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->port_public, sizeof(c->port_public), "0");
	c->conn_size = 1u << 20;
	c->aff_size = 1u << 18;
	c->frag_size = 4096;
	c->frag_hold = 64;
	c->maglev_size = PDT_MAGLEV_DEFAULT;
	c->mbufs = 16383;
	c->tcp_timeout = 900;
	c->tcp_fin_timeout = 10;
	c->udp_timeout = 120;
	c->frag_timeout = 2;
}

/*
 * Reads a parsed libconfig tree (ok: libconfig's verdict) into c, whole
 * or not at all: on any error c is left as it was.
 */
static int load(struct pdt_conf *c, config_t *cf, int ok, char *err,
		size_t errlen)
{
	struct ctx x = { err, errlen };
	struct pdt_conf *tmp;
	int r = -1;

	if (!ok) {
		snprintf(err, errlen, "%s:%d: %s",
			 config_error_file(cf) ? config_error_file(cf) :
			 "(text)", config_error_line(cf),
			 config_error_text(cf));
		errno = EINVAL;
		return -1;
	}
	tmp = malloc(sizeof(*tmp));
	if (!tmp)
		return -1;
	pdt_conf_defaults(tmp);
	if (!read_globals(&x, config_root_setting(cf), tmp) &&
	    !read_list(&x, config_root_setting(cf), "nodes", tmp) &&
	    !read_list(&x, config_root_setting(cf), "services", tmp) &&
	    !read_addrs(&x, config_root_setting(cf), tmp) &&
	    !pdt_conf_check(tmp, err, errlen)) {
		*c = *tmp;
		r = 0;
	}
	free(tmp);
	return r;
}

int pdt_conf_load_file(struct pdt_conf *c, const char *path, char *err,
		       size_t errlen)
{
	config_t cf;
	int r;
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	fclose(f);
	config_init(&cf);
	r = load(c, &cf, config_read_file(&cf, path) == CONFIG_TRUE, err,
		 errlen);
	config_destroy(&cf);
	return r;
}

int pdt_conf_load_string(struct pdt_conf *c, const char *text, char *err,
			 size_t errlen)
{
	config_t cf;
	int r;

	config_init(&cf);
	r = load(c, &cf, config_read_string(&cf, text) == CONFIG_TRUE, err,
		 errlen);
	config_destroy(&cf);
	return r;
}

int pdt_conf_parse_service(const char *text, struct pdt_conf_svc *s,
			   char *err, size_t errlen)
{
	struct ctx x = { err, errlen };
	char buf[4096];
	config_t cf;
	int r = -1;

	if ((size_t)snprintf(buf, sizeof(buf), "service = { %s };", text) >=
	    sizeof(buf)) {
		snprintf(err, errlen, "service: text too long");
		errno = EINVAL;
		return -1;
	}
	config_init(&cf);
	if (config_read_string(&cf, buf) != CONFIG_TRUE)
		snprintf(err, errlen, "service: %s", config_error_text(&cf));
	else
		r = read_svc(&x, config_lookup(&cf, "service"), s);
	config_destroy(&cf);
	if (r)
		errno = EINVAL;
	return r;
}
