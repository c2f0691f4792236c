// SPDX-License-Identifier: MIT
/*
 * test_pdt_feed.c - suite "pdt_feed" (rgmd/pdt_feed.c, pdt_feed_diff.c):
 * tables of (configuration, nodes with their MACs, where instances are
 * Online, name resolution) -> pdt's services and nodes, exact text; and
 * of (what pdt had, what it must have) -> the commands, in order.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdt_feed.h"
#include "tu.h"

static char *dir;
static char err[1024];

static const char sa_rtr[] =
    "RESOURCE_TYPE = \"SUNW.SharedAddress\";\nMODULE = \"sa.so\";\n"
    "FAILOVER = true;\n"
    "PROPERTIES = (\n"
    "  { PROPERTY = \"HostnameList\"; EXTENSION = true;"
    " TYPE = \"STRINGARRAY\"; DEFAULT = []; },\n"
    "  { PROPERTY = \"AuxNodeList\"; EXTENSION = true;"
    " TYPE = \"STRINGARRAY\"; DEFAULT = []; },\n"
    "  { PROPERTY = \"NetIfList\"; EXTENSION = true;"
    " TYPE = \"STRINGARRAY\"; DEFAULT = []; }\n"
    ");\n";
static const char web_rtr[] =
    "RESOURCE_TYPE = \"TEST.web\";\nMODULE = \"web.so\";\n"
    "PROPERTIES = ( { PROPERTY = \"Start_timeout\"; DEFAULT = 60; } );\n";

static int
suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

#define OK(call) tu_assert_ok((call), err, #call, __LINE__, __FILE__)

/* One row: the resource's properties, the SA's HostnameList, where the
 * instance is online ("n1,n3"), which nodes reported a MAC, and the
 * services (name|settings|weights|online lines) and node ids expected. */
struct row {
	const char	*what;
	const char	*y[6];
	const char	*hosts;		/* HostnameList */
	const char	*online;	/* node names where web is Online */
	const char	*macs;		/* node names with a MAC */
	const char	*want;		/* services, one a line */
	const char	*want_nodes;	/* "1,2,3" */
	const char	*want_warn;	/* in the warnings, or NULL */
};

static const struct row rows[] = {
	{ "weighted, two of three online",
	  { "Port_list=80/tcp", "Load_balancing_weights=3@n1,1@n2,1@n3" },
	  "192.0.2.10", "n1,n3", "n1,n2,n3",
	  "web|name = \"web\"; address = \"192.0.2.10\"; port_list = "
	  "\"80/tcp\"; policy = \"LB_WEIGHTED\";|3@1,1@2,1@3|1,3\n", "1,2,3",
	  NULL },
	{ "none online: an empty online set, not 'all'",
	  { "Port_list=80/tcp" }, "192.0.2.10", "", "n1,n2,n3",
	  "web|name = \"web\"; address = \"192.0.2.10\"; port_list = "
	  "\"80/tcp\"; policy = \"LB_WEIGHTED\";|1@1,1@2,1@3|\n", "1,2,3",
	  NULL },
	{ "sticky with timeout and UDP affinity, two addresses",
	  { "Port_list=80/tcp,53/udp", "Load_balancing_policy=LB_STICKY",
	    "Affinity_timeout=300", "UDP_affinity=TRUE",
	    "Load_balancing_weights=0@n2,5@n1" },
	  "192.0.2.10,2001:db8::10", "n1,n2,n3", "n1,n2,n3",
	  "web|name = \"web\"; address = \"192.0.2.10\"; port_list = "
	  "\"80/tcp,53/udp\"; policy = \"LB_STICKY\"; affinity_timeout = 300;"
	  " udp_affinity = true;|0@2,5@1|1,2\n"
	  "web-2|name = \"web-2\"; address = \"2001:db8::10\"; port_list = "
	  "\"80/tcp,53/udp\"; policy = \"LB_STICKY\"; affinity_timeout = 300;"
	  " udp_affinity = true;|0@2,5@1|1,2\n", "1,2,3", NULL },
	{ "a name resolving to two addresses: two services",
	  { "Port_list=*/tcp", "Load_balancing_policy=LB_STICKY_WILD" },
	  "both.example", "n2", "n1,n2,n3",
	  "web|name = \"web\"; address = \"192.0.2.21\"; port_list = "
	  "\"*/tcp\"; policy = \"LB_STICKY_WILD\"; affinity_timeout = 0; "
	  "udp_affinity = false;|1@1,1@2,1@3|2\n"
	  "web-2|name = \"web-2\"; address = \"192.0.2.22\"; port_list = "
	  "\"*/tcp\"; policy = \"LB_STICKY_WILD\"; affinity_timeout = 0; "
	  "udp_affinity = false;|1@1,1@2,1@3|2\n", "1,2,3", NULL },
	{ "a node without a MAC is left out of nodes, weights and online",
	  { "Port_list=80/tcp", "Load_balancing_weights=3@n1,1@n2,1@n3" },
	  "192.0.2.10", "n1,n2,n3", "n1,n3",
	  "web|name = \"web\"; address = \"192.0.2.10\"; port_list = "
	  "\"80/tcp\"; policy = \"LB_WEIGHTED\";|3@1,1@3|1,3\n", "1,3", NULL },
	{ "no MAC known at all: no service, said",
	  { "Port_list=80/tcp" }, "192.0.2.10", "n1", "",
	  "", "", "no weighted node has reported its public MAC" },
	{ "an address that does not resolve: left out, said",
	  { "Port_list=80/tcp" }, "nosuch.example,192.0.2.10", "n1",
	  "n1,n2,n3",
	  "web|name = \"web\"; address = \"192.0.2.10\"; port_list = "
	  "\"80/tcp\"; policy = \"LB_WEIGHTED\";|1@1,1@2,1@3|1\n", "1,2,3",
	  "address nosuch.example does not resolve" },
};

static const struct pdt_feed_node all_nodes[] = {
	{ 1, "n1", "02:00:00:00:01:01" }, { 2, "n2", "02:00:00:00:01:02" },
	{ 3, "n3", "02:00:00:00:01:03" },
};

static bool
in_csv(const char *csv, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = csv; (p = strstr(p, name)) != NULL; p += n)
		if ((p == csv || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

static bool
row_online(void *arg, const struct pdt_feed_node *node, const char *res)
{
	return strcmp(res, "web") == 0 &&
	    in_csv(((const struct row *)arg)->online, node->name);
}

static int
row_resolve(void *arg, const char *host, char (*out)[PDT_FEED_ADDR_MAX],
    size_t max)
{
	(void)arg;
	if (strcmp(host, "nosuch.example") == 0 || max < 2)
		return -1;
	if (strcmp(host, "both.example") == 0) {
		snprintf(out[0], PDT_FEED_ADDR_MAX, "192.0.2.21");
		snprintf(out[1], PDT_FEED_ADDR_MAX, "192.0.2.22");
		return 2;
	}
	snprintf(out[0], PDT_FEED_ADDR_MAX, "%s", host);
	return 1;
}

static struct ccr *
row_ccr(const struct row *r)
{
	char *nodes[] = { "n1", "n2", "n3" };
	char hl[256];
	const char *y[8] = { "Scalable=TRUE", "Network_resources_used=sa" };
	size_t n = 2;
	struct ccr *c = ccr_new();

	snprintf(hl, sizeof(hl), "HostnameList=%s", r->hosts);
	for (size_t i = 0; i < 6 && r->y[i]; i++)
		y[n++] = r->y[i];
	OK(tu_add_type(c, dir, "sa.rtr", sa_rtr));
	OK(tu_add_type(c, dir, "web.rtr", web_rtr));
	OK(ccr_group_add(c, "sa-rg", nodes, 3, TU_NONE, err, sizeof(err)));
	OK(ccr_resource_add(c, "sa", "SUNW.SharedAddress", "sa-rg", TU_NONE,
	    TU_ASSIGN(hl), err, sizeof(err)));
	OK(ccr_group_add(c, "web-rg", nodes, 3, TU_ASSIGN("RG_mode=Scalable",
	    "Maximum_primaries=3", "Desired_primaries=3",
	    "RG_dependencies=sa-rg"), err, sizeof(err)));
	OK(ccr_resource_add(c, "web", "TEST.web", "web-rg",
	    &(struct ccr_assign){ .kv = y, .n = n }, TU_NONE, err,
	    sizeof(err)));
	return c;
}

static char *
render(const struct pdt_feed_cfg *cfg, char **ids)
{
	char *buf = NULL, *nb = NULL;
	size_t len = 0, nlen = 0;
	FILE *f = open_memstream(&buf, &len), *g = open_memstream(&nb, &nlen);

	for (size_t i = 0; i < cfg->n_svc; i++)
		fprintf(f, "%s|%s|%s|%s\n", cfg->svc[i].name,
		    cfg->svc[i].settings, cfg->svc[i].weights,
		    cfg->svc[i].online);
	for (size_t i = 0; i < cfg->n_nodes; i++)
		fprintf(g, "%s%u", i ? "," : "", cfg->nodes[i].id);
	fclose(f);
	fclose(g);
	*ids = nb;
	return buf;
}

static void
test_rows(void)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		const struct row *r = &rows[i];
		struct pdt_feed_node nodes[3];
		struct ccr *c = row_ccr(r);
		struct pdt_feed_env env = { nodes, 3, row_online, row_resolve,
			(void *)r, "sa" };
		struct pdt_feed_cfg cfg;
		char warn[512], *got, *ids;

		for (size_t k = 0; k < 3; k++) {
			nodes[k] = all_nodes[k];
			if (!in_csv(r->macs, nodes[k].name))
				nodes[k].mac[0] = '\0';
		}
		CU_ASSERT_EQUAL_FATAL(pdt_feed_build(c, &env, &cfg, warn,
		    sizeof(warn)), 0);
		got = render(&cfg, &ids);
		if (strcmp(got, r->want) != 0 || strcmp(ids, r->want_nodes))
			fprintf(stderr, "\nrow \"%s\":\n got %s nodes %s\nwant "
			    "%s nodes %s\n", r->what, got, ids, r->want,
			    r->want_nodes);
		CU_ASSERT_STRING_EQUAL(got, r->want);
		CU_ASSERT_STRING_EQUAL(ids, r->want_nodes);
		if (r->want_warn)
			TU_ASSERT_HAS(warn, r->want_warn);
		else
			CU_ASSERT_STRING_EQUAL(warn, "");
		free(got);
		free(ids);
		pdt_feed_free(&cfg);
		ccr_free(c);
	}
}

/* A long resource name gives a service name of 31 characters at most,
 * different for two names that share their head. */
static void
test_long_names(void)
{
	static const struct row r = { "long", { "Port_list=80/tcp" },
		"192.0.2.10,192.0.2.11", "n1", "n1", "", "", NULL };
	struct ccr *c = row_ccr(&r);
	struct pdt_feed_env env = { all_nodes, 3, row_online, row_resolve,
		(void *)&r, NULL };
	struct pdt_feed_cfg cfg;
	const char *y[] = { "Scalable=TRUE", "Network_resources_used=sa",
		"Port_list=81/tcp" };

	OK(ccr_resource_add(c, "a-very-long-resource-name-of-forty-one",
	    "TEST.web", "web-rg", &(struct ccr_assign){ .kv = y, .n = 3 },
	    TU_NONE, err, sizeof(err)));
	OK(ccr_resource_add(c, "a-very-long-resource-name-of-forty-two",
	    "TEST.web", "web-rg", &(struct ccr_assign){ .kv = y, .n = 3 },
	    TU_NONE, err, sizeof(err)));
	CU_ASSERT_EQUAL_FATAL(pdt_feed_build(c, &env, &cfg, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(cfg.n_svc, 6);
	pdt_feed_free(&cfg);
	/* another SharedAddress's pdt gets none of them */
	env.only_sa = "other";
	CU_ASSERT_EQUAL_FATAL(pdt_feed_build(c, &env, &cfg, NULL, 0), 0);
	CU_ASSERT_EQUAL(cfg.n_svc, 0);
	CU_ASSERT_EQUAL(cfg.n_nodes, 3);
	pdt_feed_free(&cfg);
	env.only_sa = "sa";
	CU_ASSERT_EQUAL_FATAL(pdt_feed_build(c, &env, &cfg, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(cfg.n_svc, 6);
	for (size_t i = 0; i < cfg.n_svc; i++) {
		CU_ASSERT(strlen(cfg.svc[i].name) <= 31);
		CU_ASSERT(strchr(cfg.svc[i].name, ' ') == NULL);
		for (size_t j = 0; j < i; j++)
			CU_ASSERT_STRING_NOT_EQUAL(cfg.svc[i].name,
			    cfg.svc[j].name);
	}
	pdt_feed_free(&cfg);
	ccr_free(c);
}

/* ---- the commands from what pdt had to what it must have ---- */

static struct pdt_feed_svc
svc(const char *name, const char *settings, const char *w, const char *on)
{
	struct pdt_feed_svc s;

	snprintf(s.name, sizeof(s.name), "%s", name);
	s.settings = (char *)settings;
	s.weights = (char *)w;
	s.online = (char *)on;
	return s;
}

static struct pdt_feed_cfg
cfg_of(struct pdt_feed_svc *s, size_t n, const char *ids)
{
	struct pdt_feed_cfg c = { .svc = s, .n_svc = n };

	for (const char *p = ids; *p; p++)
		if (*p >= '1' && *p <= '9') {
			c.nodes[c.n_nodes].id = (uint32_t)(*p - '0');
			snprintf(c.nodes[c.n_nodes].mac, PDT_FEED_MAC_MAX,
			    "02:00:00:00:01:0%c", *p);
			c.n_nodes++;
		}
	return c;
}

static void
assert_cmds(const struct pdt_feed_cfg *a, const struct pdt_feed_cfg *b,
    const char *want, const char *what)
{
	char **cmds, *buf = NULL;
	size_t n, len = 0;
	FILE *f = open_memstream(&buf, &len);

	CU_ASSERT_EQUAL_FATAL(pdt_feed_diff(a, b, &cmds, &n), 0);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", cmds[i]);
	fclose(f);
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "\n%s:\n got:\n%s want:\n%s", what, buf, want);
	CU_ASSERT_STRING_EQUAL(buf, want);
	free(buf);
	pdt_feed_cmds_free(cmds, n);
}

#define S1 "name = \"web\"; address = \"192.0.2.10\"; port_list = \"80/tcp\"; policy = \"LB_WEIGHTED\";"
#define S2 "name = \"web\"; address = \"192.0.2.10\"; port_list = \"80/tcp,443/tcp\"; policy = \"LB_WEIGHTED\";"

static void
test_diff(void)
{
	struct pdt_feed_svc a1[] = { svc("web", S1, "3@1,1@2,1@3", "1,2,3") };
	struct pdt_feed_svc b1[] = { svc("web", S1, "3@1,1@2,1@3", "1,3") };
	struct pdt_feed_svc b2[] = { svc("web", S1, "1@1,1@2,1@3", "1,2,3") };
	struct pdt_feed_svc b3[] = { svc("web", S1, "1@1,1@2,1@3", "1,2") };
	struct pdt_feed_svc b4[] = { svc("web", S2, "3@1,1@2,1@3", "1,2,3") };
	struct pdt_feed_svc b5[] = { svc("web", S1, "3@1,1@2,1@3,1@4",
		"1,2,3,4") };
	struct pdt_feed_svc b6[] = { svc("web", S1, "3@1,1@2,1@3", "") };
	struct pdt_feed_cfg a = cfg_of(a1, 1, "123");
	struct pdt_feed_cfg c;

	assert_cmds(NULL, &a, "node 1 02:00:00:00:01:01\n"
	    "node 2 02:00:00:00:01:02\nnode 3 02:00:00:00:01:03\n"
	    "service " S1 " weights = \"3@1,1@2,1@3\"; online = \"1,2,3\";\n",
	    "first contact: everything");
	assert_cmds(&a, &a, "", "nothing changed: nothing sent");
	c = cfg_of(b1, 1, "123");
	assert_cmds(&a, &c, "online web 1,3\n", "an instance offline");
	assert_cmds(&c, &a, "online web 1,2,3\n", "an instance online again");
	c = cfg_of(b6, 1, "123");
	assert_cmds(&a, &c, "online web\n", "no instance online: empty set");
	c = cfg_of(b2, 1, "123");
	assert_cmds(&a, &c, "weights web 1@1,1@2,1@3\n", "weights changed");
	c = cfg_of(b3, 1, "123");
	assert_cmds(&a, &c, "online web 1,2\nweights web 1@1,1@2,1@3\n",
	    "the shrinking online set goes first");
	c = cfg_of(b4, 1, "123");
	assert_cmds(&a, &c, "service " S2 " weights = \"3@1,1@2,1@3\"; "
	    "online = \"1,2,3\";\n", "ports changed: the service whole");
	c = cfg_of(b5, 1, "1234");
	assert_cmds(&a, &c, "node 4 02:00:00:00:01:04\n"
	    "weights web 3@1,1@2,1@3,1@4\nonline web 1,2,3,4\n",
	    "a node joins: node before its weight");
	c = cfg_of(NULL, 0, "12");
	assert_cmds(&a, &c, "service-del web\nnode-del 3\n",
	    "service and node gone");
}

static const struct tu_test tests[] = {
	{ "translation tables", test_rows },
	{ "long resource names: short, distinct service names; only_sa",
	    test_long_names },
	{ "commands: only what changed, shrinking online first", test_diff },
	{ NULL, NULL },
};

int
tu_suite_pdt_feed(void)
{
	return tu_add_suite("pdt_feed", suite_init, suite_clean, tests);
}
