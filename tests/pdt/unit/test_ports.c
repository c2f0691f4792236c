// SPDX-License-Identifier: MIT
/*
 * test_ports.c - CUnit suite for services with a list of ports (Sun's
 * Port_list): one affinity per (service, client) across every port of
 * the list, so a weight change never splits a client between 80 and
 * 443; UDP_affinity across the list; the lookup of every listed port.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "pdt.h"
#include "tenv.h"
#include "tpkt.h"

static const char conf[] =
	"nodes = ( { id = 1; mac = \"02:00:00:00:01:01\"; },\n"
	"          { id = 2; mac = \"02:00:00:00:01:02\"; },\n"
	"          { id = 3; mac = \"02:00:00:00:01:03\"; } );\n"
	"services = (\n"
	" { name = \"shop\"; address = \"10.0.0.100\"; port_list = \"80/tcp,443/tcp,4500/udp\";"
	"   policy = \"LB_STICKY\"; weights = \"1@1,1@2,1@3\"; affinity_timeout = -1;"
	"   udp_affinity = true; },\n"
	" { name = \"wild\"; address = \"10.0.0.101\"; port_list = \"*/tcp,*/udp\";"
	"   policy = \"LB_STICKY_WILD\"; weights = \"1@1,1@2,1@3\"; affinity_timeout = -1;"
	"   udp_affinity = true; } );\n";

static int setup(void)
{
	return tenv_setup(conf);
}

static void apply(const char *cmd)
{
	char msg[256];
	struct pdt_rt *n;

	CU_ASSERT_FATAL(pdt_cmd_apply(te.c, cmd, msg, sizeof(msg)) == 0);
	n = pdt_rt_build(te.c, msg, sizeof(msg));
	CU_ASSERT_FATAL(n != NULL);
	pdt_rt_free(te.rt);
	te.rt = n;
}

/* The node id a packet goes to (0: none). */
static uint16_t sel(uint32_t src, uint32_t dst, uint8_t proto, uint16_t sport,
		    uint16_t dport, uint32_t now)
{
	return tenv_select(src, dst, proto, sport, dport, PDT_TCP_SYN, now);
}

#define VIP  0x0a000064
#define VIP2 0x0a000065
#define CL(i) (0xc0a80000u + (i))
#define NCL 2000

/*
 * The reproduction: 2 000 clients open port 80, the weights
 * change, then each opens 443 (and sends UDP to 4500): with two services
 * 648 of them landed elsewhere; with one service of two ports, none.
 */
static void t_list_weight_change(void)
{
	static uint16_t n80[NCL];
	unsigned moved = 0, moved_udp = 0, on1 = 0;

	for (unsigned i = 0; i < NCL; i++) {
		n80[i] = sel(CL(i), VIP, 6, (uint16_t)(1000 + i), 80, 0);
		on1 += n80[i] == 1;
	}
	CU_ASSERT(on1 > NCL / 5 && on1 < NCL / 2);
	apply("weights shop 1@1,1@2,6@3");
	for (unsigned i = 0; i < NCL; i++) {
		moved += sel(CL(i), VIP, 6, (uint16_t)(3000 + i), 443, 1) != n80[i];
		moved_udp += sel(CL(i), VIP, 17, (uint16_t)(5000 + i), 4500, 1) != n80[i];
	}
	printf("\n    port list: %u of %d clients moved 80->443, %u to UDP 4500 ",
	       moved, NCL, moved_udp);
	CU_ASSERT_EQUAL(moved, 0);
	CU_ASSERT_EQUAL(moved_udp, 0);
	/* A new client follows the new weights (node 3: 6 of 8). */
	on1 = 0;
	for (unsigned i = 0; i < NCL; i++)
		on1 += sel(CL(10000 + i), VIP, 6, 7, 443, 1) == 3;
	CU_ASSERT(on1 > NCL * 6 / 8 - 100 && on1 < NCL * 6 / 8 + 100);
}

/* LB_STICKY_WILD: every port of the address, TCP and UDP alike. */
static void t_wild_list(void)
{
	static uint16_t n21[NCL];
	unsigned moved = 0;

	for (unsigned i = 0; i < NCL; i++)
		n21[i] = sel(CL(i), VIP2, 6, 1000, 21, 0);
	apply("weights wild 5@1,1@2,1@3");
	for (unsigned i = 0; i < NCL; i++) {
		moved += sel(CL(i), VIP2, 6, 1001, (uint16_t)(20000 + i), 1) != n21[i];
		moved += sel(CL(i), VIP2, 17, 1002, (uint16_t)(30000 + i), 1) != n21[i];
	}
	CU_ASSERT_EQUAL(moved, 0);
}

/* Every listed port finds the service; others do not. */
static void t_lookup(void)
{
	uint8_t a[16];
	const uint8_t v4[4] = { 10, 0, 0, 100 };

	pdt_addr_from_v4(a, v4);
	CU_ASSERT_PTR_EQUAL(pdt_rt_lookup(te.rt, a, 6, 80), &te.rt->svcs[0]);
	CU_ASSERT_PTR_EQUAL(pdt_rt_lookup(te.rt, a, 6, 443), &te.rt->svcs[0]);
	CU_ASSERT_PTR_EQUAL(pdt_rt_lookup(te.rt, a, 17, 4500), &te.rt->svcs[0]);
	CU_ASSERT_PTR_NULL(pdt_rt_lookup(te.rt, a, 17, 443));
	CU_ASSERT_PTR_NULL(pdt_rt_lookup(te.rt, a, 6, 4500));
	CU_ASSERT_PTR_NULL(pdt_rt_lookup(te.rt, a, 6, 81));
}

/* Parse, print back, and the port that keys the affinity. */
static void t_parse_format(void)
{
	struct pdt_port p[PDT_MAX_PORTS];
	char err[128], buf[512], many[400];
	unsigned n, o = 0;

	CU_ASSERT_EQUAL(pdt_ports_parse("443/TCP,80/tcp6,53/udp6", p, PDT_MAX_PORTS, &n,
					err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(pdt_ports_format(p, n, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "443/tcp,80/tcp,53/udp");
	CU_ASSERT_EQUAL(pdt_ports_aff_port(p, n, PDT_LB_STICKY), 53);
	CU_ASSERT_EQUAL(pdt_ports_aff_port(p, n, PDT_LB_STICKY_WILD), 0);
	CU_ASSERT_EQUAL(pdt_ports_format(p, n, buf, 10), -1);
	CU_ASSERT_EQUAL(pdt_ports_parse("*/udp,9/udp", p, PDT_MAX_PORTS, &n, err, sizeof(err)), 0);
	CU_ASSERT(p[0].wild && !p[1].wild);
	CU_ASSERT_EQUAL(pdt_ports_aff_port(p, n, PDT_LB_STICKY), 0);
	for (unsigned i = 1; i <= PDT_MAX_PORTS + 1; i++)
		o += (unsigned)snprintf(many + o, sizeof(many) - o, "%s%u/tcp", i > 1 ? "," : "", i);
	CU_ASSERT_EQUAL(pdt_ports_parse(many, p, PDT_MAX_PORTS, &n, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "more than 32 ports") != NULL);
	CU_ASSERT_EQUAL(pdt_ports_parse("80/tcp/x", p, PDT_MAX_PORTS, &n, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "expected a protocol") != NULL);
	CU_ASSERT_EQUAL(pdt_ports_parse("**/tcp", p, PDT_MAX_PORTS, &n, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(pdt_ports_parse("8o/tcp", p, PDT_MAX_PORTS, &n, err, sizeof(err)), -1);
}

void tests_ports(void)
{
	CU_pSuite s = CU_add_suite("port lists", setup, tenv_teardown);

	CU_add_test(s, "one client, one node across 80 and 443 after a weight change",
		    t_list_weight_change);
	CU_add_test(s, "LB_STICKY_WILD: every port, TCP and UDP", t_wild_list);
	CU_add_test(s, "every listed port finds its service", t_lookup);
	CU_add_test(s, "port lists parsed, printed back, affinity port", t_parse_format);
}
