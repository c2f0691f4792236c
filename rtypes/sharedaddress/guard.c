/* SPDX-License-Identifier: MIT */
/*
 * guard.c - keeps the GIN's kernel from taking the clients' packets.
 * pdt's public port is net_af_packet, which leaves every frame to the
 * kernel as well; when an instance of a scalable service runs on the GIN
 * too, the shared address is on its lo, and the kernel would answer every
 * client straight from the public interface (duplicate SYN-ACKs, every
 * client on the GIN). So on the GIN an nftables table of the netdev
 * family, through libnftables, drops IPv4/IPv6 packets to the shared
 * addresses at the public interface's ingress hook. Packet sockets (pdt)
 * see a frame before that hook, so pdt still gets them all; what pdt
 * hands the GIN's own kernel comes back through the exception port (the
 * tap), which the table does not filter. The table is named after the
 * tap (rgm_pdtxHASH, per resource), made at Start before pdt runs and
 * removed at Stop after it stopped.
 *
 *   sa_guard_text  the nftables commands (pure; tests/unit/sa)
 *   sa_guard_set / sa_guard_clear  run them
 */
#include <nftables/libnftables.h>
#include <stdio.h>
#include <string.h>

#include "sa.h"

int
sa_guard_text(const char *tap, const char *ifname,
    const struct lh_addrs *addrs, char *buf, size_t len)
{
	size_t off;
	int w;

	/* "table; delete table; table {}": the same whether it existed. */
	w = snprintf(buf, len, "table netdev rgm_%s\n"
	    "delete table netdev rgm_%s\n"
	    "table netdev rgm_%s {\n"
	    "  chain in {\n"
	    "    type filter hook ingress device \"%s\" priority 0;\n",
	    tap, tap, tap, ifname);
	if (w < 0 || (size_t)w >= len)
		return -1;
	off = (size_t)w;
	for (size_t i = 0; i < addrs->n; i++) {
		w = snprintf(buf + off, len - off, "    %s daddr %s drop\n",
		    addrs->a[i].family == AF_INET6 ? "ip6" : "ip",
		    addrs->a[i].text);
		if (w < 0 || (size_t)w >= len - off)
			return -1;
		off += (size_t)w;
	}
	w = snprintf(buf + off, len - off, "  }\n}\n");
	return w < 0 || (size_t)w >= len - off ? -1 : 0;
}

static int
run(const char *cmds, char *err, size_t errlen)
{
	struct nft_ctx *nft = nft_ctx_new(NFT_CTX_DEFAULT);
	int rc = -1;

	if (nft == NULL) {
		snprintf(err, errlen, "nftables: no context");
		return -1;
	}
	if (nft_ctx_buffer_error(nft) == 0 && nft_ctx_buffer_output(nft) == 0 &&
	    nft_run_cmd_from_buffer(nft, cmds) == 0)
		rc = 0;
	else {
		const char *e = nft_ctx_get_error_buffer(nft);

		snprintf(err, errlen, "nftables: %.400s", e ? e : "failed");
		err[strcspn(err, "\n")] = '\0';
	}
	nft_ctx_free(nft);
	return rc;
}

int
sa_guard_set(const char *tap, const char *ifname,
    const struct lh_addrs *addrs, char *err, size_t errlen)
{
	char cmds[8192];

	if (sa_guard_text(tap, ifname, addrs, cmds, sizeof(cmds)) == -1) {
		snprintf(err, errlen, "nftables: too many addresses");
		return -1;
	}
	return run(cmds, err, errlen);
}

int
sa_guard_clear(const char *tap, char *err, size_t errlen)
{
	char cmds[128];

	snprintf(cmds, sizeof(cmds), "table netdev rgm_%s\n"
	    "delete table netdev rgm_%s\n", tap, tap);
	return run(cmds, err, errlen);
}
