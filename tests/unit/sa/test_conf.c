// SPDX-License-Identifier: MIT
/*
 * test_conf.c - SUNW.SharedAddress's conf.c: AuxNodeList refusals with
 * the entry, one public interface for all addresses, the pdt.conf it
 * writes read back by pdt's own configuration check (pdt -t -f FILE, the
 * binary next to this runner in $(B)/bin), the tap name, pdt's command
 * line (unsafe words refused) and pdt.env.
 */
#include <CUnit/CUnit.h>
#include <nftables/libnftables.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sa.h"

int	tu_suite_sa_conf(void);

static char err[512];

static int
aux(const char *const *items, size_t n, struct sa_aux *out)
{
	static const char *const nodes[] = { "n1", "n2", "n3" };

	err[0] = '\0';
	return sa_aux_parse(items, n, nodes, 3, out, err, sizeof(err));
}

static void
test_aux_ok(void)
{
	const char *const l[] = { "n4", "node-5.example" };
	struct sa_aux a;

	CU_ASSERT_EQUAL(aux(l, 2, &a), 0);
	CU_ASSERT_EQUAL(a.n, 2);
	CU_ASSERT_STRING_EQUAL(a.node[1], "node-5.example");
	CU_ASSERT_EQUAL(aux(l, 0, &a), 0);
	CU_ASSERT_EQUAL(a.n, 0);
}

static void
test_aux_refused(void)
{
	const char *const in_nl[] = { "n4", "n2" };
	const char *const twice[] = { "n4", "n5", "n4" };
	const char *const bad[] = { "n4/x" };
	const char *const dash[] = { "-n4" };
	const char *const empty[] = { "" };
	const char *many[SA_MAX_AUX + 1];
	struct sa_aux a;

	CU_ASSERT_EQUAL(aux(in_nl, 2, &a), -1);
	CU_ASSERT_STRING_EQUAL(err, "AuxNodeList: n2 is in the group's "
	    "Nodelist (auxiliary nodes are the others)");
	CU_ASSERT_EQUAL(aux(twice, 3, &a), -1);
	CU_ASSERT_STRING_EQUAL(err, "AuxNodeList: n4 is given twice");
	CU_ASSERT_EQUAL(aux(bad, 1, &a), -1);
	CU_ASSERT_STRING_EQUAL(err, "AuxNodeList: \"n4/x\" is not a node "
	    "name");
	CU_ASSERT_EQUAL(aux(dash, 1, &a), -1);
	CU_ASSERT_EQUAL(aux(empty, 1, &a), -1);
	for (size_t i = 0; i <= SA_MAX_AUX; i++)
		many[i] = "n9";
	CU_ASSERT_EQUAL(aux(many, SA_MAX_AUX + 1, &a), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "at most"));
}

static void
plumb(struct lh_plumb *p, const char *addr, const char *ifname)
{
	memset(p, 0, sizeof(*p));
	CU_ASSERT_EQUAL(lh_addr_from_text(addr, &p->addr), 0);
	snprintf(p->ifname, sizeof(p->ifname), "%s", ifname);
}

static void
test_public_if(void)
{
	struct lh_plumb p[2];
	char ifname[IF_NAMESIZE];

	plumb(&p[0], "10.78.0.100", "eth1");
	plumb(&p[1], "fd00:78::100", "eth1");
	CU_ASSERT_EQUAL(sa_public_if(p, 2, ifname, sizeof(ifname), err,
	    sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(ifname, "eth1");
	plumb(&p[1], "10.79.0.100", "eth2");
	CU_ASSERT_EQUAL(sa_public_if(p, 2, ifname, sizeof(ifname), err,
	    sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "HostnameList: 10.79.0.100 would take "
	    "eth2 but 10.78.0.100 takes eth1: pdt has one public interface");
	CU_ASSERT_EQUAL(sa_public_if(p, 0, ifname, sizeof(ifname), err,
	    sizeof(err)), -1);
}

/* $(B)/bin/pdt, from this runner's $(B)/tests/unit/sa. */
static int
pdt_path(char *out, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	snprintf(out, len, "%s/../bin/pdt", dirname(dirname(exe)));
	return access(out, X_OK);
}

/* pdt -t -f on text; its output in out. */
static int
pdt_check(const char *text, char *out, size_t len)
{
	char pdt[PATH_MAX + 32], file[] = "/tmp/tu-sa-XXXXXX", cmd[PATH_MAX * 2];
	FILE *f;
	size_t got;
	int fd, rc;

	if (pdt_path(pdt, sizeof(pdt)) == -1 || (fd = mkstemp(file)) == -1)
		return -1;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		unlink(file);
		return -1;
	}
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s -t -f %s 2>&1", pdt, file);
	if ((f = popen(cmd, "r")) == NULL) {
		unlink(file);
		return -1;
	}
	got = fread(out, 1, len - 1, f);
	out[got] = '\0';
	rc = pclose(f);
	unlink(file);
	return rc == 0 ? 0 : -1;
}

static void
test_pdt_conf_round_trip(void)
{
	struct lh_addrs a = { 0 };
	char text[4096], out[8192];

	CU_ASSERT_EQUAL(lh_addr_from_text("10.78.0.100", &a.a[0]), 0);
	CU_ASSERT_EQUAL(lh_addr_from_text("fd00:78::100", &a.a[1]), 0);
	a.n = 2;
	CU_ASSERT_EQUAL_FATAL(sa_pdt_conf(&a, text, sizeof(text)), 0);
	CU_ASSERT_EQUAL_FATAL(pdt_check(text, out, sizeof(out)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out,
	    "public_port = \"net_af_packet0\";\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "exception_port = \"net_tap0\";\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "forwarding = \"mac\";\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "services = (\n);\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out,
	    "shared_addresses = [ \"10.78.0.100\", \"fd00:78::100\" ];\n"));
	/* pdt's check is real: a damaged file is refused. */
	CU_ASSERT_EQUAL(pdt_check("shared_addresses = [ \"10.78.0.300\" ];\n",
	    out, sizeof(out)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "expected an IPv4 or IPv6 address"));
	CU_ASSERT_EQUAL(sa_pdt_conf(&a, text, 64), -1);	/* does not fit */
}

static void
test_tap_name(void)
{
	char a[IF_NAMESIZE], b[IF_NAMESIZE], c[IF_NAMESIZE];

	sa_tap_name("sa", a);
	sa_tap_name("sa", b);
	sa_tap_name("sa2", c);
	CU_ASSERT_STRING_EQUAL(a, b);
	CU_ASSERT_STRING_NOT_EQUAL(a, c);
	CU_ASSERT_EQUAL(strlen(a), 12);
	CU_ASSERT_EQUAL(strncmp(a, "pdtx", 4), 0);
}

static void
test_guard(void)
{
	struct lh_addrs a = { 0 };
	struct nft_ctx *nft;
	char text[2048];

	CU_ASSERT_EQUAL(lh_addr_from_text("10.78.0.100", &a.a[0]), 0);
	CU_ASSERT_EQUAL(lh_addr_from_text("fd00:78::100", &a.a[1]), 0);
	a.n = 2;
	CU_ASSERT_EQUAL_FATAL(sa_guard_text("pdtx01", "lo", &a, text,
	    sizeof(text)), 0);
	CU_ASSERT_STRING_EQUAL(text, "table netdev rgm_pdtx01\n"
	    "delete table netdev rgm_pdtx01\n"
	    "table netdev rgm_pdtx01 {\n"
	    "  chain in {\n"
	    "    type filter hook ingress device \"lo\" priority 0;\n"
	    "    ip daddr 10.78.0.100 drop\n"
	    "    ip6 daddr fd00:78::100 drop\n"
	    "  }\n}\n");
	/* nftables' own parser takes it (dry run: nothing is changed). */
	nft = nft_ctx_new(NFT_CTX_DEFAULT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(nft);
	nft_ctx_set_dry_run(nft, true);
	(void)nft_ctx_buffer_error(nft);
	CU_ASSERT_EQUAL(nft_run_cmd_from_buffer(nft, text), 0);
	CU_ASSERT_NOT_EQUAL(nft_run_cmd_from_buffer(nft, "table netdev x {"),
	    0);
	nft_ctx_free(nft);
	CU_ASSERT_EQUAL(sa_guard_text("pdtx01", "lo", &a, text, 120), -1);
}

static void
test_cmd_and_env(void)
{
	char buf[2048];

	CU_ASSERT_EQUAL(sa_pdt_cmd("/usr/sbin/pdt", "eth1", "pdtx01", "02:00:00:00:00:01", "/var/st",
	    buf, sizeof(buf), err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "exec /usr/sbin/pdt -l 0 --no-huge "
	    "--no-pci --no-shconf --no-telemetry -m 256 "
	    "--vdev=net_af_packet0,iface=eth1 "
	    "--vdev=net_tap0,iface=pdtx01,mac=02:00:00:00:00:01 -- "
	    "-f /var/st/pdt.conf -s /var/st/pdt.sock");
	CU_ASSERT_EQUAL(sa_pdt_cmd("/usr/sbin/pdt;rm", "eth1", "t", "m", "/d", buf,
	    sizeof(buf), err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "Pdt_path \"/usr/sbin/pdt;rm\""));
	CU_ASSERT_EQUAL(sa_pdt_cmd("/p", "eth1", "t", "m", "/d ir", buf,
	    sizeof(buf), err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "the state directory"));
	CU_ASSERT_EQUAL(sa_pdt_cmd("/p", "eth1", "t", "m", "/d", buf, 20, err,
	    sizeof(err)), -1);
	CU_ASSERT_EQUAL(sa_env_text("/var/st", buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "PDT_SOCKET=/var/st/pdt.sock\n"
	    "PDT_CONF=/var/st/pdt.conf\n");
}

int
tu_suite_sa_conf(void)
{
	CU_pSuite s = CU_add_suite("sa_conf", NULL, NULL);

	if (s == NULL ||
	    !CU_add_test(s, "AuxNodeList accepted", test_aux_ok) ||
	    !CU_add_test(s, "AuxNodeList refusals", test_aux_refused) ||
	    !CU_add_test(s, "one public interface", test_public_if) ||
	    !CU_add_test(s, "pdt.conf through pdt -t",
	    test_pdt_conf_round_trip) ||
	    !CU_add_test(s, "tap name", test_tap_name) ||
	    !CU_add_test(s, "command line and pdt.env", test_cmd_and_env) ||
	    !CU_add_test(s, "the nftables guard", test_guard))
		return -1;
	return 0;
}
