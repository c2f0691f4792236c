/* SPDX-License-Identifier: MIT */
/*
 * parse.c - the two properties of SUNW.LogicalHostname, checked the same
 * way by Validate, Start and the unit tests (tests/unit/lh):
 *
 *   HostnameList  host names or literal addresses, IPv4 and IPv6; each
 *                 name is resolved (through the resolver given, lh_resolve
 *                 in the type) and every address it has is taken. Refused
 *                 with the name: an empty list, a name that is not one, a
 *                 name given twice, a name that does not resolve, an
 *                 address that cannot move between nodes (loopback,
 *                 multicast, link-local, unspecified), an address two
 *                 names share, too many names or addresses.
 *   NetIfList     IFACE@NODE, one per node: the interface the addresses go
 *                 on there. Refused with the entry: no '@', an empty or
 *                 over-long interface name, a node given twice, a node
 *                 outside the group's Nodelist.
 *
 * Pure functions: no I/O but the resolver's.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "lh.h"

int
lh_addr_from_text(const char *text, struct lh_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, text, a->bytes) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, text, a->bytes) == 1)
		a->family = AF_INET6;
	else
		return -1;
	inet_ntop(a->family, a->bytes, a->text, sizeof(a->text));
	return 0;
}

bool
lh_addr_equal(const struct lh_addr *a, const struct lh_addr *b)
{
	return a->family == b->family && memcmp(a->bytes, b->bytes,
	    a->family == AF_INET ? 4 : 16) == 0;
}

/* Why a cannot be a logical host address, or NULL. */
static const char *
unusable(const struct lh_addr *a)
{
	const unsigned char *b = a->bytes;
	static const unsigned char zero[16];

	if (a->family == AF_INET) {
		if (b[0] == 127)
			return "a loopback address";
		if (b[0] >= 224)
			return b[0] < 240 ? "a multicast address" :
			    "a reserved or broadcast address";
		if (b[0] == 0)
			return "not a host address (0.0.0.0/8)";
		if (b[0] == 169 && b[1] == 254)
			return "a link-local address";
		return NULL;
	}
	if (memcmp(b, zero, 16) == 0)
		return "the unspecified address";
	if (memcmp(b, zero, 15) == 0 && b[15] == 1)
		return "a loopback address";
	if (b[0] == 0xff)
		return "a multicast address";
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return "a link-local address";
	if (memcmp(b, zero, 10) == 0 && b[10] == 0xff && b[11] == 0xff)
		return "an IPv4-mapped address (give the IPv4 address)";
	return NULL;
}

/* A host name or literal address: letters, digits, '-', '.', ':'. */
static bool
is_host_word(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len >= LH_HOST_MAX || s[0] == '-' || s[0] == '.')
		return false;
	for (const char *c = s; *c != '\0'; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '.' &&
		    *c != ':' && *c != '_')
			return false;
	return true;
}

/* The host of out->a[i] that already holds address a, or NULL. */
static const char *
owner_of(const struct lh_addrs *out, const struct lh_addr *a)
{
	for (size_t i = 0; i < out->n; i++)
		if (lh_addr_equal(&out->a[i], a))
			return out->a[i].host;
	return NULL;
}

/* Resolve one name and append its addresses. */
static int
add_host(const char *host, lh_resolve_fn resolve, struct lh_addrs *out,
    char *err, size_t errlen)
{
	struct lh_addr got[LH_MAX_ADDRS];
	const char *why = "no address", *bad, *other;
	size_t n = 0;

	if (resolve(host, got, LH_MAX_ADDRS, &n, &why) == -1 || n == 0) {
		snprintf(err, errlen, "HostnameList: %s does not resolve "
		    "(%s)", host, n == 0 && why == NULL ? "no address" : why);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if ((bad = unusable(&got[i])) != NULL) {
			if (strcmp(host, got[i].text) == 0)
				snprintf(err, errlen, "HostnameList: %s is %s",
				    host, bad);
			else
				snprintf(err, errlen, "HostnameList: %s: %s is "
				    "%s", host, got[i].text, bad);
			return -1;
		}
		if ((other = owner_of(out, &got[i])) != NULL) {
			if (strcmp(other, host) == 0)
				continue;	/* listed twice by the resolver */
			snprintf(err, errlen, "HostnameList: %s: %s is also the "
			    "address of %s", host, got[i].text, other);
			return -1;
		}
		if (out->n == LH_MAX_ADDRS) {
			snprintf(err, errlen, "HostnameList: more than %d "
			    "addresses", LH_MAX_ADDRS);
			return -1;
		}
		out->a[out->n] = got[i];
		snprintf(out->a[out->n].host, sizeof(out->a[0].host), "%s",
		    host);
		out->n++;
	}
	return 0;
}

int
lh_hostlist_parse(const char *const *hosts, size_t nhosts,
    lh_resolve_fn resolve, struct lh_addrs *out, char *err, size_t errlen)
{
	out->n = 0;
	if (nhosts == 0) {
		snprintf(err, errlen, "HostnameList is empty: give at least one "
		    "host name or address");
		return -1;
	}
	if (nhosts > LH_MAX_HOSTS) {
		snprintf(err, errlen, "HostnameList: %zu names, at most %d",
		    nhosts, LH_MAX_HOSTS);
		return -1;
	}
	for (size_t i = 0; i < nhosts; i++) {
		if (!is_host_word(hosts[i])) {
			snprintf(err, errlen, "HostnameList: \"%.*s\" is not a "
			    "host name or address", LH_HOST_MAX, hosts[i]);
			return -1;
		}
		for (size_t k = 0; k < i; k++)
			if (strcasecmp(hosts[k], hosts[i]) == 0) {
				snprintf(err, errlen, "HostnameList: %s is "
				    "given twice", hosts[i]);
				return -1;
			}
		if (add_host(hosts[i], resolve, out, err, errlen) == -1)
			return -1;
	}
	return 0;
}

static bool
in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* An interface name as the kernel takes it. */
static bool
is_ifname(const char *s, size_t len)
{
	if (len == 0 || len >= IF_NAMESIZE || (len == 1 && s[0] == '.') ||
	    (len == 2 && s[0] == '.' && s[1] == '.'))
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '/' || s[i] == ':' || s[i] == '@' ||
		    isspace((unsigned char)s[i]) || !isprint((unsigned char)s[i]))
			return false;
	return true;
}

static int
parse_entry(const char *item, const char *const *nodes, size_t nnodes,
    struct lh_netifs *out, char *err, size_t errlen)
{
	const char *at = strchr(item, '@'), *node;
	size_t iflen;

	if (at == NULL || strchr(at + 1, '@') != NULL) {
		snprintf(err, errlen, "NetIfList: \"%.200s\" is not "
		    "INTERFACE@NODE", item);
		return -1;
	}
	iflen = (size_t)(at - item);
	node = at + 1;
	if (iflen == 0 || *node == '\0') {
		snprintf(err, errlen, "NetIfList: \"%.200s\": %s", item,
		    iflen == 0 ? "no interface name before '@'" :
		    "no node name after '@'");
		return -1;
	}
	if (!is_ifname(item, iflen)) {
		snprintf(err, errlen, "NetIfList: %.200s: \"%.*s\" is not an "
		    "interface name (1 to %d characters, no '/', ':' or "
		    "blanks)", item, (int)(iflen < 64 ? iflen : 64), item,
		    IF_NAMESIZE - 1);
		return -1;
	}
	if (strlen(node) >= LH_HOST_MAX) {
		snprintf(err, errlen, "NetIfList: %.64s...: node name too "
		    "long", item);
		return -1;
	}
	if (nodes != NULL && !in_list(node, nodes, nnodes)) {
		snprintf(err, errlen, "NetIfList: %.200s: %s is not in the "
		    "group's Nodelist", item, node);
		return -1;
	}
	if (lh_netif_of(out, node) != NULL) {
		snprintf(err, errlen, "NetIfList: %.200s: a second interface "
		    "for node %s (one per node)", item, node);
		return -1;
	}
	if (out->n == LH_MAX_NETIFS) {
		snprintf(err, errlen, "NetIfList: more than %d entries",
		    LH_MAX_NETIFS);
		return -1;
	}
	snprintf(out->e[out->n].ifname, IF_NAMESIZE, "%.*s", (int)iflen, item);
	snprintf(out->e[out->n].node, LH_HOST_MAX, "%s", node);
	out->n++;
	return 0;
}

int
lh_netif_parse(const char *const *items, size_t n, const char *const *nodes,
    size_t nnodes, struct lh_netifs *out, char *err, size_t errlen)
{
	out->n = 0;
	for (size_t i = 0; i < n; i++)
		if (parse_entry(items[i], nodes, nnodes, out, err, errlen) == -1)
			return -1;
	return 0;
}

const char *
lh_netif_of(const struct lh_netifs *l, const char *node)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->e[i].node, node) == 0)
			return l->e[i].ifname;
	return NULL;
}

/*
 * The elements of a list property, each split again on commas (a value
 * may come as one element "a,b"), as pointers into buf. -1 with EINVAL
 * for an empty entry, E2BIG over max entries or buflen bytes.
 */
int
lh_split(const char *const *in, size_t n, char *buf, size_t buflen,
    const char **out, size_t max, size_t *nout)
{
	size_t off = 0;

	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(in[i]);
		char *s, *save = NULL, *tok;

		if (off + len + 1 > buflen) {
			errno = E2BIG;
			return -1;
		}
		s = memcpy(buf + off, in[i], len + 1);
		off += len + 1;
		if (len == 0 || s[0] == ',' || s[len - 1] == ',' ||
		    strstr(s, ",,") != NULL) {
			errno = EINVAL;
			return -1;
		}
		for (tok = strtok_r(s, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			if (*nout == max) {
				errno = E2BIG;
				return -1;
			}
			out[(*nout)++] = tok;
		}
	}
	return 0;
}
