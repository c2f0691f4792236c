/* SPDX-License-Identifier: MIT */
/*
 * conf.c - the pure parts of SUNW.SharedAddress, unit tested in
 * tests/unit/sa:
 *
 *   AuxNodeList  nodes outside the group's Nodelist that host instances
 *                of scalable services too. Refused with the entry: not a
 *                node name, given twice, a node of the Nodelist.
 *   public if    every address of HostnameList must take the same
 *                interface on the GIN: pdt has one public port.
 *   pdt.conf     public_port net_af_packet0 (the public interface),
 *                exception_port net_tap0 (the GIN's own kernel),
 *                shared_addresses: the addresses pdt answers ARP/ND for
 *                before any service is pushed. No services: rgmd pushes
 *                them through the control socket.
 *   command      pdt's EAL and own options, for /bin/sh -c: DPDK without
 *                hugepages (REFERENCE.md), net_af_packet on the interface,
 *                net_tap for the exception port, with the public
 *                interface's MAC: pdt hands the GIN's kernel frames as
 *                they came (to that MAC), which the tap must take as its
 *                own.
 *   pdt.env      PDT_SOCKET= and PDT_CONF=, for rgmd and the tests.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sa.h"

static bool
is_node_name(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len >= LH_HOST_MAX || s[0] == '-' || s[0] == '.')
		return false;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.' &&
		    *s != '_')
			return false;
	return true;
}

int
sa_aux_parse(const char *const *items, size_t n, const char *const *nodes,
    size_t nnodes, struct sa_aux *out, char *err, size_t errlen)
{
	out->n = 0;
	if (n > SA_MAX_AUX) {
		snprintf(err, errlen, "AuxNodeList: %zu nodes, at most %d", n,
		    SA_MAX_AUX);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!is_node_name(items[i])) {
			snprintf(err, errlen, "AuxNodeList: \"%.200s\" is not a "
			    "node name", items[i]);
			return -1;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(items[k], items[i]) == 0) {
				snprintf(err, errlen, "AuxNodeList: %s is given "
				    "twice", items[i]);
				return -1;
			}
		for (size_t k = 0; k < nnodes; k++)
			if (strcmp(nodes[k], items[i]) == 0) {
				snprintf(err, errlen, "AuxNodeList: %s is in the "
				    "group's Nodelist (auxiliary nodes are the "
				    "others)", items[i]);
				return -1;
			}
		snprintf(out->node[out->n++], LH_HOST_MAX, "%s", items[i]);
	}
	return 0;
}

int
sa_public_if(const struct lh_plumb *p, size_t n, char *ifname, size_t iflen,
    char *err, size_t errlen)
{
	if (n == 0) {
		snprintf(err, errlen, "HostnameList: no address");
		return -1;
	}
	for (size_t i = 1; i < n; i++)
		if (strcmp(p[i].ifname, p[0].ifname) != 0) {
			snprintf(err, errlen, "HostnameList: %s would take %s "
			    "but %s takes %s: pdt has one public interface",
			    p[i].addr.text, p[i].ifname, p[0].addr.text,
			    p[0].ifname);
			return -1;
		}
	snprintf(ifname, iflen, "%s", p[0].ifname);
	return 0;
}

int
sa_pdt_conf(const struct lh_addrs *addrs, char *buf, size_t len)
{
	size_t off;
	int w;

	w = snprintf(buf, len, "# Written by SUNW.SharedAddress at each "
	    "Start; see pdt.conf(5).\n"
	    "public_port = \"net_af_packet0\";\n"
	    "exception_port = \"net_tap0\";\n"
	    "forwarding = \"mac\";\n"
	    "shared_addresses = [");
	if (w < 0 || (size_t)w >= len)
		return -1;
	off = (size_t)w;
	for (size_t i = 0; i < addrs->n; i++) {
		w = snprintf(buf + off, len - off, "%s \"%s\"", i ? "," : "",
		    addrs->a[i].text);
		if (w < 0 || (size_t)w >= len - off)
			return -1;
		off += (size_t)w;
	}
	w = snprintf(buf + off, len - off, " ];\n");
	return w < 0 || (size_t)w >= len - off ? -1 : 0;
}

void
sa_tap_name(const char *resource, char out[IF_NAMESIZE])
{
	unsigned int h = 2166136261u;	/* FNV-1a */

	for (const char *c = resource; *c != '\0'; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	snprintf(out, IF_NAMESIZE, "pdtx%08x", h);
}

/* Safe in a shell word without quoting. */
static bool
is_safe(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("/._-+@:,=", *s) ==
		    NULL)
			return false;
	return true;
}

int
sa_pdt_cmd(const char *pdt, const char *ifname, const char *tap,
    const char *mac, const char *dir, char *buf, size_t len, char *err,
    size_t errlen)
{
	const char *const words[] = { pdt, ifname, tap, mac, dir };
	const char *const what[] = { "Pdt_path", "the interface",
	    "the tap name", "the MAC address", "the state directory" };
	int w;

	for (size_t i = 0; i < 5; i++)
		if (!is_safe(words[i])) {
			snprintf(err, errlen, "%s \"%.200s\" has characters "
			    "other than letters, digits and /._-+@:,=", what[i],
			    words[i]);
			return -1;
		}
	w = snprintf(buf, len, "exec %s -l 0 --no-huge --no-pci --no-shconf "
	    "--no-telemetry -m 256 --vdev=net_af_packet0,iface=%s "
	    "--vdev=net_tap0,iface=%s,mac=%s -- -f %s/%s -s %s/%s", pdt, ifname,
	    tap, mac, dir, SA_CONF, dir, SA_SOCK);
	if (w < 0 || (size_t)w >= len) {
		snprintf(err, errlen, "pdt's command line is too long");
		return -1;
	}
	return 0;
}

int
sa_env_text(const char *dir, char *buf, size_t len)
{
	int w = snprintf(buf, len, "PDT_SOCKET=%s/%s\nPDT_CONF=%s/%s\n", dir,
	    SA_SOCK, dir, SA_CONF);

	return w < 0 || (size_t)w >= len ? -1 : 0;
}
