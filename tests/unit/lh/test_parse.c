// SPDX-License-Identifier: MIT
/*
 * test_parse.c - HostnameList and NetIfList of SUNW.LogicalHostname
 * (rtypes/logicalhostname/parse.c): names resolved to IPv4 and IPv6
 * addresses through a table resolver, the refusals with the name and the
 * reason, NetIfList entries per node against a Nodelist, the comma split
 * of list values, and the line format of the plumbed record.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "lh.h"
#include "tu_lh.h"

static const struct {
	const char	*name;
	const char	*addrs[3];
} table[] = {
	{ "web", { "192.0.2.10" } },
	{ "web6", { "2001:db8::10" } },
	{ "dual", { "192.0.2.20", "2001:db8::20" } },
	{ "twice", { "192.0.2.30", "192.0.2.30" } },
	{ "twin", { "192.0.2.10" } },
	{ "loop", { "127.0.0.1" } },
	{ "loop6", { "::1" } },
	{ "mcast", { "224.0.0.5" } },
	{ "ll6", { "fe80::1" } },
	{ "mapped", { "::ffff:192.0.2.1" } },
	{ "zero", { "0.0.0.1" } },
	{ "empty", { NULL } },
};

static int
fake_resolve(const char *name, struct lh_addr *out, size_t max, size_t *n,
    const char **why)
{
	*n = 0;
	if (max > 0 && lh_addr_from_text(name, &out[0]) == 0) {
		*n = 1;
		return 0;
	}
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(table[i].name, name) != 0)
			continue;
		for (size_t k = 0; k < 3 && table[i].addrs[k] && *n < max; k++)
			lh_addr_from_text(table[i].addrs[k], &out[(*n)++]);
		if (*n == 0)
			*why = "no address";
		return *n > 0 ? 0 : -1;
	}
	*why = "Name or service not known";
	return -1;
}

static struct lh_addrs addrs;

static int
parse_hosts(const char *const *h, size_t n, char *err, size_t errlen)
{
	err[0] = '\0';
	return lh_hostlist_parse(h, n, fake_resolve, &addrs, err, errlen);
}

static void
expect_hosts_refused(const char *const *h, size_t n, const char *why)
{
	char err[512];

	CU_ASSERT_EQUAL(parse_hosts(h, n, err, sizeof(err)), -1);
	if (strstr(err, why) == NULL)
		fprintf(stderr, "\nwanted \"%s\", got \"%s\"\n", why, err);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, why));
}

#define HOSTS(...) ((const char *const[]){ __VA_ARGS__ })
#define NHOSTS(...) (sizeof(HOSTS(__VA_ARGS__)) / sizeof(char *))
#define REFUSED(why, ...) \
	expect_hosts_refused(HOSTS(__VA_ARGS__), NHOSTS(__VA_ARGS__), why)

static void
test_hosts_resolved(void)
{
	char err[512];

	CU_ASSERT_EQUAL(parse_hosts(HOSTS("web", "web6", "dual",
	    "198.51.100.7", "2001:db8:1::7", "twice"), 6, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(addrs.n, 7);
	CU_ASSERT_STRING_EQUAL(addrs.a[0].text, "192.0.2.10");
	CU_ASSERT_EQUAL(addrs.a[0].family, AF_INET);
	CU_ASSERT_STRING_EQUAL(addrs.a[0].host, "web");
	CU_ASSERT_STRING_EQUAL(addrs.a[1].text, "2001:db8::10");
	CU_ASSERT_EQUAL(addrs.a[1].family, AF_INET6);
	CU_ASSERT_STRING_EQUAL(addrs.a[2].host, "dual");
	CU_ASSERT_STRING_EQUAL(addrs.a[3].text, "2001:db8::20");
	CU_ASSERT_STRING_EQUAL(addrs.a[3].host, "dual");
	CU_ASSERT_STRING_EQUAL(addrs.a[4].text, "198.51.100.7");
	CU_ASSERT_STRING_EQUAL(addrs.a[5].text, "2001:db8:1::7");
	/* An address the resolver lists twice is taken once. */
	CU_ASSERT_STRING_EQUAL(addrs.a[6].text, "192.0.2.30");
}

static void
test_hosts_refused(void)
{
	char err[512];

	CU_ASSERT_EQUAL(parse_hosts(NULL, 0, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "HostnameList is empty"));
	REFUSED("HostnameList: no-such-host does not resolve (Name or "
	    "service not known)", "web", "no-such-host");
	REFUSED("HostnameList: empty does not resolve (no address)", "empty");
	REFUSED("HostnameList: loop: 127.0.0.1 is a loopback address", "loop");
	REFUSED("HostnameList: loop6: ::1 is a loopback address", "loop6");
	REFUSED("HostnameList: mcast: 224.0.0.5 is a multicast address",
	    "mcast");
	REFUSED("HostnameList: ll6: fe80::1 is a link-local address", "ll6");
	REFUSED("is an IPv4-mapped address", "mapped");
	REFUSED("0.0.0.1 is not a host address", "zero");
	REFUSED("HostnameList: 255.255.255.255 is a reserved or broadcast",
	    "255.255.255.255");
	REFUSED("HostnameList: :: is the unspecified address", "::");
	REFUSED("HostnameList: twin: 192.0.2.10 is also the address of web",
	    "web", "twin");
	REFUSED("HostnameList: WEB is given twice", "web", "WEB");
	REFUSED("HostnameList: \"a b\" is not a host name or address", "a b");
	REFUSED("HostnameList: \"\" is not a host name", "");
	REFUSED("HostnameList: \"-x\" is not a host name", "-x");
	REFUSED("HostnameList: \"x/24\" is not a host name", "x/24");
}

static void
test_hosts_limits(void)
{
	const char *many[LH_MAX_HOSTS + 1];
	char names[LH_MAX_HOSTS + 1][32], err[512];

	for (size_t i = 0; i <= LH_MAX_HOSTS; i++) {
		snprintf(names[i], sizeof(names[i]), "10.0.%zu.1", i);
		many[i] = names[i];
	}
	CU_ASSERT_EQUAL(parse_hosts(many, LH_MAX_HOSTS, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(addrs.n, LH_MAX_HOSTS);
	CU_ASSERT_EQUAL(parse_hosts(many, LH_MAX_HOSTS + 1, err,
	    sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "33 names, at most 32"));
}

static const char *const nodes[] = { "n1", "n2", "n3" };
static struct lh_netifs nifs;

static void
expect_netif_refused(const char *const *items, size_t n, const char *why)
{
	char err[512] = "";

	CU_ASSERT_EQUAL(lh_netif_parse(items, n, nodes, 3, &nifs, err,
	    sizeof(err)), -1);
	if (strstr(err, why) == NULL)
		fprintf(stderr, "\nwanted \"%s\", got \"%s\"\n", why, err);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, why));
}

#define NREFUSED(why, ...) \
	expect_netif_refused(HOSTS(__VA_ARGS__), NHOSTS(__VA_ARGS__), why)

static void
test_netif(void)
{
	char err[512];

	CU_ASSERT_EQUAL(lh_netif_parse(HOSTS("eth1@n1", "bond0.12@n3"), 2,
	    nodes, 3, &nifs, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(nifs.n, 2);
	CU_ASSERT_STRING_EQUAL(lh_netif_of(&nifs, "n1"), "eth1");
	CU_ASSERT_STRING_EQUAL(lh_netif_of(&nifs, "n3"), "bond0.12");
	CU_ASSERT_PTR_NULL(lh_netif_of(&nifs, "n2"));	/* the route's */
	CU_ASSERT_EQUAL(lh_netif_parse(NULL, 0, nodes, 3, &nifs, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(nifs.n, 0);
	/* No Nodelist given: any node name. */
	CU_ASSERT_EQUAL(lh_netif_parse(HOSTS("eth0@far"), 1, NULL, 0, &nifs,
	    err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(lh_netif_of(&nifs, "far"), "eth0");
}

static void
test_netif_refused(void)
{
	NREFUSED("NetIfList: \"eth1\" is not INTERFACE@NODE", "eth1");
	NREFUSED("NetIfList: \"eth1@n1@n2\" is not INTERFACE@NODE",
	    "eth1@n1@n2");
	NREFUSED("NetIfList: \"@n1\": no interface name before '@'", "@n1");
	NREFUSED("NetIfList: \"eth1@\": no node name after '@'", "eth1@");
	NREFUSED("\"averyveryverylongname\" is not an interface name",
	    "averyveryverylongname@n1");
	NREFUSED("\"a/b\" is not an interface name", "a/b@n1");
	NREFUSED("\"eth1:1\" is not an interface name", "eth1:1@n1");
	NREFUSED("\"..\" is not an interface name", "..@n1");
	NREFUSED("NetIfList: eth1@n9: n9 is not in the group's Nodelist",
	    "eth1@n1", "eth1@n9");
	NREFUSED("NetIfList: eth2@n1: a second interface for node n1",
	    "eth1@n1", "eth2@n1");
}

static void
test_split(void)
{
	const char *in[] = { "a,b", "c" }, *out[4];
	char buf[64];
	size_t n;

	CU_ASSERT_EQUAL(lh_split(in, 2, buf, sizeof(buf), out, 4, &n), 0);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_STRING_EQUAL(out[0], "a");
	CU_ASSERT_STRING_EQUAL(out[1], "b");
	CU_ASSERT_STRING_EQUAL(out[2], "c");
	CU_ASSERT_EQUAL(lh_split(in, 2, buf, sizeof(buf), out, 2, &n), -1);
	in[0] = "a,,b";
	CU_ASSERT_EQUAL(lh_split(in, 1, buf, sizeof(buf), out, 4, &n), -1);
	in[0] = "a,";
	CU_ASSERT_EQUAL(lh_split(in, 1, buf, sizeof(buf), out, 4, &n), -1);
	in[0] = "";
	CU_ASSERT_EQUAL(lh_split(in, 1, buf, sizeof(buf), out, 4, &n), -1);
	in[0] = "abcdefgh";
	CU_ASSERT_EQUAL(lh_split(in, 1, buf, 4, out, 4, &n), -1);
}

static void
test_plumbed_line(void)
{
	struct lh_plumb p;

	CU_ASSERT_EQUAL(lh_plumbed_parse_line("eth1 10.78.0.100/24\n", &p), 0);
	CU_ASSERT_STRING_EQUAL(p.ifname, "eth1");
	CU_ASSERT_STRING_EQUAL(p.addr.text, "10.78.0.100");
	CU_ASSERT_EQUAL(p.prefixlen, 24);
	CU_ASSERT_EQUAL(lh_plumbed_parse_line("eth1 fd00::1/128", &p), 0);
	CU_ASSERT_EQUAL(p.addr.family, AF_INET6);
	CU_ASSERT_EQUAL(lh_plumbed_parse_line("eth1 10.0.0.1/33", &p), -1);
	CU_ASSERT_EQUAL(lh_plumbed_parse_line("eth1 10.0.0.1/0", &p), -1);
	CU_ASSERT_EQUAL(lh_plumbed_parse_line("eth1 10.0.0.1", &p), -1);
	CU_ASSERT_EQUAL(lh_plumbed_parse_line("eth1 web/24", &p), -1);
	CU_ASSERT_EQUAL(lh_plumbed_parse_line("averyveryverylongname "
	    "10.0.0.1/24", &p), -1);
	CU_ASSERT_EQUAL(lh_plumbed_parse_line("", &p), -1);
}

int
tu_suite_lh_parse(void)
{
	CU_pSuite s = CU_add_suite("logicalhostname/parse", NULL, NULL);

	if (s == NULL ||
	    !CU_add_test(s, "HostnameList resolved, IPv4 and IPv6",
	    test_hosts_resolved) ||
	    !CU_add_test(s, "HostnameList refusals name the host",
	    test_hosts_refused) ||
	    !CU_add_test(s, "HostnameList limits", test_hosts_limits) ||
	    !CU_add_test(s, "NetIfList per node", test_netif) ||
	    !CU_add_test(s, "NetIfList refusals name the entry",
	    test_netif_refused) ||
	    !CU_add_test(s, "list values split on commas", test_split) ||
	    !CU_add_test(s, "plumbed record lines", test_plumbed_line))
		return -1;
	return 0;
}
