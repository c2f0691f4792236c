// SPDX-License-Identifier: MIT
/*
 * test_conf.c - CUnit suite for the weights parser, pdt.conf parsing and
 * checking (clear errors, nothing changed on error), printing back, and
 * the control commands that edit a configuration.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt.h"
#include "tpkt.h"

static void t_weights(void)
{
	static const char *const badw[] = {
		"", "3", "3@", "@1", "x@1", "3@0", "3@1,", "3@1,3@1", "3@1;1@2",
		"3@1,,1@2", "-1@2", "3@1024", "99999999@1", " 3@1",
	};
	struct pdt_weight w[PDT_MAX_NODES];
	char err[256], buf[256];
	unsigned n;

	CU_ASSERT_EQUAL(pdt_weights_parse("3@1,1@2", w, PDT_MAX_NODES, &n, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT(w[0].weight == 3 && w[0].node == 1 && w[1].weight == 1 && w[1].node == 2);
	CU_ASSERT_EQUAL(pdt_weights_format(w, n, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "3@1,1@2");
	for (unsigned i = 0; i < sizeof(badw) / sizeof(badw[0]); i++) {
		err[0] = 0;
		CU_ASSERT_EQUAL(pdt_weights_parse(badw[i], w, PDT_MAX_NODES, &n, err, sizeof(err)), -1);
		CU_ASSERT(strstr(err, "bad weights") != NULL);
	}
	CU_ASSERT_EQUAL(pdt_weights_parse("1@1,1@2,1@3", w, 2, &n, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "too many") != NULL);
}

static const char good[] =
	"local_node = 1; public_port = \"net_pcap0\"; exception_port = 2;\n"
	"forwarding = \"ipip\"; ipip_source = \"192.168.50.1\";\n"
	"nodes = ( { id = 1; mac = \"02:00:00:00:00:01\"; address = \"192.168.50.11\"; },\n"
	"          { id = 2; mac = \"02:00:00:00:00:02\"; address = \"192.168.50.12\"; } );\n"
	"services = ( { name = \"web\"; address = \"10.0.0.100\"; protocol = \"tcp\"; port = 80;\n"
	"  policy = \"LB_WEIGHTED\"; weights = \"3@1,1@2\"; online = \"1,2\"; },\n"
	" { name = \"ftp\"; address = \"2001:db8::100\"; protocol = \"tcp\"; port = \"*\";\n"
	"  policy = \"lb_sticky_wild\"; weights = \"1@1,1@2\"; affinity_timeout = 60; udp_affinity = true; },\n"
	" { name = \"shop\"; address = \"10.0.0.100\"; port_list = \"80/udp,443/TCP6,4500/udp6\";\n"
	"  policy = \"LB_STICKY\"; weights = \"1@1\"; } );\n";

static void t_load_print(void)
{
	struct pdt_conf *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	char err[512], *p1 = malloc(65536), *p2 = malloc(65536);

	CU_ASSERT_EQUAL_FATAL(pdt_conf_load_string(a, good, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(a->nnodes, 2);
	CU_ASSERT_EQUAL(a->nsvcs, 3);
	CU_ASSERT_EQUAL(a->fwd, PDT_FWD_IPIP);
	CU_ASSERT_STRING_EQUAL(a->port_exception, "2");
	CU_ASSERT(a->svcs[1].nports == 1 && a->svcs[1].ports[0].wild &&
		  a->svcs[1].policy == PDT_LB_STICKY_WILD);
	CU_ASSERT(a->svcs[0].nports == 1 && a->svcs[0].ports[0].port == 80 &&
		  a->svcs[0].ports[0].proto == PDT_IPPROTO_TCP);
	CU_ASSERT(a->svcs[2].nports == 3 && a->svcs[2].ports[1].port == 443 &&
		  a->svcs[2].ports[2].proto == PDT_IPPROTO_UDP);
	CU_ASSERT_EQUAL(a->svcs[1].affinity_timeout, 60);
	CU_ASSERT_EQUAL(a->svcs[0].affinity_timeout, -1);
	CU_ASSERT_EQUAL(pdt_conf_print(a, p1, 65536), 0);
	CU_ASSERT_EQUAL_FATAL(pdt_conf_load_string(b, p1, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(pdt_conf_print(b, p2, 65536), 0);
	CU_ASSERT_STRING_EQUAL(p1, p2);
	free(a);
	free(b);
	free(p1);
	free(p2);
}

/*
 * The general table (IPv6 connections) has conn6_table_size entries, else
 * a quarter of conn_table_size (at least 8); the IPv4 table keeps
 * conn_table_size. A worker's tables are allocated at those sizes.
 */
static void t_conn6_size(void)
{
	static const struct { const char *text; uint32_t want; } cases[] = {
		{ "", 1u << 18 },
		{ "conn_table_size = 4096;", 1024 },
		{ "conn_table_size = 20;", 8 },
		{ "conn_table_size = 4096; conn6_table_size = 8;", 8 },
		{ "conn_table_size = 4096; conn6_table_size = 100000;", 100000 },
	};
	struct pdt_conf *c = malloc(sizeof(*c));
	struct pdt_worker w;
	struct pdt_wmem m;
	char err[512];

	CU_ASSERT_FATAL(c != NULL);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(pdt_conf_load_string(c, cases[i].text, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(pdt_conf_conn6_size(c), cases[i].want);
	}
	/* A reload without the key goes back to the share. */
	CU_ASSERT_EQUAL_FATAL(pdt_conf_load_string(c, "conn_table_size = 64;", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c->conn6_size, 0);
	CU_ASSERT_EQUAL(pdt_conf_conn6_size(c), 16);

	CU_ASSERT_EQUAL_FATAL(pdt_conf_load_string(c, "conn_table_size = 4096; "
		"affinity_table_size = 64; frag_table_size = 8; frag_hold = 0;", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(pdt_worker_init(&w, 0, c), 0);
	CU_ASSERT_EQUAL(w.conn->capacity, 1024);          /* 128 buckets of 8 */
	CU_ASSERT_EQUAL(w.conn4->capacity, 2 * 2048 * 3);  /* 2048 3-way buckets, doubled */
	pdt_worker_mem(&w, &m);
	CU_ASSERT_EQUAL(m.conn4, 4096 * 64);
	CU_ASSERT_EQUAL(m.conn6, 128 * sizeof(struct pdt_bucket) + 1024 * sizeof(struct pdt_ent));
	CU_ASSERT_EQUAL(m.hold, 0);
	CU_ASSERT_EQUAL(m.total, m.conn4 + m.conn6 + m.aff + m.frag);
	pdt_worker_fini(&w);
	free(c);
}

static void t_errors(void)
{
	static const struct { const char *text, *want; } bad[] = {
		{ "nodes = ( { id = 1; mac = \"zz\"; } );", "mac" },
		{ "bogus = 1;", "bogus: unknown setting" },
		{ "maglev_size = 65535;", "prime" },
		{ "forwarding = \"gre\";", "forwarding" },
		{ "forwarding = \"ipip\";", "ipip_source" },
		{ "nodes = ( { id = 1; mac = \"02:00:00:00:00:01\"; }, { id = 1; mac = \"02:00:00:00:00:02\"; } );", "twice" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port = 80; weights = \"1@5\"; } );", "node 5" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port = 80; weights = \"1@@5\"; } );", "bad weights" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.x\"; port = 80; weights = \"\"; } );", "bad weights" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port = 70000; weights = \"1@1\"; } );", "port" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port = 80; policy = \"RR\"; weights = \"1@1\"; } );", "policy" },
		{ "nodes = ( { id = 1; mac = \"02:00:00:00:00:01\"; } );\n"
		  "services = ( { name = \"a\"; address = \"10.0.0.1\"; port = 80; weights = \"1@1\"; },\n"
		  "             { name = \"b\"; address = \"10.0.0.1\"; port = 80; weights = \"1@1\"; } );",
		  "service b: 80/tcp of 10.0.0.1 is already in service a" },
		{ "nodes = ( { id = 1; mac = \"02:00:00:00:00:01\"; } );\n"
		  "services = ( { name = \"a\"; address = \"::1\"; port_list = \"8/udp,*/tcp\"; weights = \"1@1\"; },\n"
		  "             { name = \"b\"; address = \"::1\"; port_list = \"9/udp,*/tcp6\"; weights = \"1@1\"; } );",
		  "service b: */tcp of ::1 is already in service a" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port_list = \"80\"; weights = \"1@1\"; } );",
		  "port_list: \"80\": expected PORT/PROTOCOL" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port_list = \"80/tcp,\"; weights = \"1@1\"; } );",
		  "port_list: \"\": expected PORT/PROTOCOL" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port_list = \"65536/tcp\"; weights = \"1@1\"; } );",
		  "\"65536/tcp\": expected a port 1..65535" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port_list = \" 80/tcp\"; weights = \"1@1\"; } );",
		  "expected a port" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port_list = \"80/icmp\"; weights = \"1@1\"; } );",
		  "expected a protocol tcp, udp, tcp6 or udp6" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port_list = \"80/tcp,80/tcp6\"; weights = \"1@1\"; } );",
		  "80/tcp6 listed twice" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; port_list = 80; weights = \"1@1\"; } );",
		  "port_list: expected a string" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; protocol = \"udp\"; port_list = \"80/tcp\"; weights = \"1@1\"; } );",
		  "port_list: give either port_list or port and protocol" },
		{ "services = ( { name = \"a\"; address = \"10.0.0.1\"; weights = \"1@1\"; } );",
		  "service needs port_list" },
		{ "nodes = ( { id = 1 ", "syntax error" },
		{ "shared_addresses = [ \"10.0.0.300\" ];", "expected an IPv4 or IPv6 address" },
		{ "shared_addresses = [ \"10.0.0.1\", \"10.0.0.1\" ];", "address given twice" },
		{ "shared_addresses = \"10.0.0.1\";", "expected a list" },
		{ "conn6_table_size = 7;", "conn6_table_size: 7 out of range (8 to 268435456)" },
		{ "conn6_table_size = 268435457;", "conn6_table_size: 268435457 out of range" },
		{ "conn6_table_size = -1;", "conn6_table_size: -1 out of range" },
		{ "conn6_table_size = \"big\";", "conn6_table_size: expected an integer" },
		{ "conn_table_size = 4;", "conn_table_size: 4 out of range (8 to 268435456)" },
	};
	struct pdt_conf *c = malloc(sizeof(*c));
	char err[512];

	pdt_conf_defaults(c);
	c->local_node = 42;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		CU_ASSERT_EQUAL(pdt_conf_load_string(c, bad[i].text, err, sizeof(err)), -1);
		if (!strstr(err, bad[i].want)) {
			printf("\n    got \"%s\", want \"%s\" ", err, bad[i].want);
			CU_FAIL(bad[i].want);
		}
		CU_ASSERT_EQUAL(c->local_node, 42);   /* unchanged */
	}
	CU_ASSERT_EQUAL(pdt_conf_load_file(c, "/nonexistent/pdt.conf", err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "/nonexistent/pdt.conf") != NULL);
	free(c);
}

static void t_commands(void)
{
	struct pdt_conf *c = malloc(sizeof(*c));
	char err[512];

	CU_ASSERT_EQUAL_FATAL(pdt_conf_load_string(c, good, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "weights web 1@1,5@2", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c->svcs[0].w[1].weight, 5);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "weights web 1@1,5@", err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "bad weights") != NULL);
	CU_ASSERT_EQUAL(c->svcs[0].w[1].weight, 5);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "weights web 1@9", err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "node 9") != NULL);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "weights nosuch 1@1", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "online web 2", err, sizeof(err)), 0);
	CU_ASSERT(c->svcs[0].nonline == 1 && !c->svcs[0].online_all);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "online web all", err, sizeof(err)), 0);
	CU_ASSERT(c->svcs[0].online_all);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "node 3 02:00:00:00:00:03 192.168.50.13", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c->nnodes, 3);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "node 4 02:00:00:00:00:04", err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "no address") != NULL);   /* ipip needs one */
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "service name = \"dns\"; address = \"10.0.0.100\"; "
				      "protocol = \"udp\"; port = 53; weights = \"1@3\";", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c->nsvcs, 4);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "node-del 3", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c->svcs[3].nw, 0);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "service name = \"x\"; address = \"10.0.0.100\"; "
				      "port_list = \"53/udp\"; weights = \"1@1\";", err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "service x: 53/udp of 10.0.0.100 is already in service dns") != NULL);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "service name = \"x\"; address = \"10.0.0.100\"; "
				      "port_list = \"53/tcp,x/udp\"; weights = \"1@1\";", err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "port_list: \"x/udp\": expected a port 1..65535 or *") != NULL);
	CU_ASSERT_EQUAL(c->nsvcs, 4);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "service-del dns", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c->nsvcs, 3);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "frobnicate", err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "unknown command") != NULL);
	CU_ASSERT_EQUAL(pdt_cmd_apply(c, "service name = \"x\"; address = 5;", err, sizeof(err)), -1);
	free(c);
}

/* Issue 8: the control reply's length is what was written, never
 * snprintf's would-be length, so write() cannot read past the buffer. */
static void t_reply_length(void)
{
	char buf[24], big[200];
	size_t n;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	n = pdt_ctl_reply(buf, sizeof(buf), 0, "ok\n");
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_STRING_EQUAL(buf, "ok\n");
	/* Appended after a body. */
	memcpy(buf, "a=1\n", 5);
	n = pdt_ctl_reply(buf, sizeof(buf), 4, "ok\n");
	CU_ASSERT_EQUAL(n, 7);
	CU_ASSERT_STRING_EQUAL(buf, "a=1\nok\n");
	/* Too long: the whole reply says so and the length is exact. */
	n = pdt_ctl_reply(buf, sizeof(buf), 0, "error: %s\n", big);
	CU_ASSERT(n < sizeof(buf));
	CU_ASSERT_EQUAL(n, strlen(buf));
	CU_ASSERT_STRING_EQUAL(buf, "error: reply too long\n");
	/* A body that fills the buffer leaves no room for "ok". */
	memset(buf, 'b', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = 0;
	n = pdt_ctl_reply(buf, sizeof(buf), sizeof(buf) - 1, "ok\n");
	CU_ASSERT_EQUAL(n, strlen(buf));
	CU_ASSERT_STRING_EQUAL(buf, "error: reply too long\n");
	/* Smaller than even that message: cut, still exact. */
	n = pdt_ctl_reply(buf, 8, 0, "error: %s\n", big);
	CU_ASSERT_EQUAL(n, 7);
	CU_ASSERT_EQUAL(strlen(buf), 7);
}

/* shared_addresses: loaded, printed back, answered without a service. */
static void t_shared_addresses(void)
{
	static const char text[] =
		"shared_addresses = [ \"10.78.0.100\", \"fd00:78::100\" ];\n";
	struct pdt_conf *c = malloc(sizeof(*c)), *d = malloc(sizeof(*d));
	struct pdt_rt *rt;
	char err[512], out[8192];
	uint8_t a[16];
	bool v4;

	CU_ASSERT_EQUAL_FATAL(pdt_conf_load_string(c, text, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c->naddrs, 2);
	CU_ASSERT_EQUAL(c->nsvcs, 0);
	CU_ASSERT_EQUAL_FATAL(pdt_conf_print(c, out, sizeof(out)), 0);
	CU_ASSERT(strstr(out, "shared_addresses = [ \"10.78.0.100\", "
			 "\"fd00:78::100\" ];\n") != NULL);
	CU_ASSERT_EQUAL_FATAL(pdt_conf_load_string(d, out, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(memcmp(c->addrs, d->addrs, sizeof(c->addrs)), 0);
	rt = pdt_rt_build(c, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(rt);
	pdt_parse_addr("10.78.0.100", a, &v4);
	CU_ASSERT(pdt_rt_is_shared(rt, a));
	pdt_parse_addr("fd00:78::100", a, &v4);
	CU_ASSERT(pdt_rt_is_shared(rt, a));
	pdt_parse_addr("10.78.0.101", a, &v4);
	CU_ASSERT(!pdt_rt_is_shared(rt, a));
	pdt_rt_free(rt);
	free(c);
	free(d);
}

void tests_conf(void)
{
	CU_pSuite s = CU_add_suite("conf", NULL, NULL);

	CU_add_test(s, "weights parser refuses bad strings with a message", t_weights);
	CU_add_test(s, "pdt.conf loads and prints back the same", t_load_print);
	CU_add_test(s, "bad configurations: clear errors, nothing changed", t_errors);
	CU_add_test(s, "conn6_table_size, else a quarter of conn_table_size", t_conn6_size);
	CU_add_test(s, "control commands edit the configuration", t_commands);
	CU_add_test(s, "control reply length is what was written", t_reply_length);
	CU_add_test(s, "shared_addresses answered without a service", t_shared_addresses);
}
