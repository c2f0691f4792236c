// SPDX-License-Identifier: MIT
/*
 * test_switch.c - suite "switch" (rgmd/switchreq.c and switch_check.c):
 * the operator's switch requests of a cluster (their encoding in the
 * stored configuration, round trips through the replicated text, when
 * they apply, the placement input they give) and the refusals of
 * scswitch -z -h on tables of situations, each with Sun's exit code and
 * its reason: accepted switches, a node not in the Nodelist, a node down,
 * no quorum, too many nodes, ++ and -- affinities, Pingpong, a group left
 * offline by a moving ++ target, Error_stop_failed, several groups at
 * once.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccr.h"
#include "ccr_text.h"
#include "placement.h"
#include "scha_err.h"
#include "switch_check.h"
#include "switchreq.h"
#include "tu.h"

#define MAXG 8
#define MAXN 4

static char *dir;
static struct ccr *c;
static char err[512];
static struct placement_node nodes[MAXN];
static char names[MAXN][8];
static size_t nn;
static struct placement_cell cells[MAXG * MAXN];
static struct placement_request cur_req[MAXG], want_req[MAXG];
static bool cur_nodes[MAXG * MAXN], want_nodes[MAXG * MAXN];
static struct placement_input cur, want;
static struct switch_verdict v;

static const char a_rtr[] =
    "RESOURCE_TYPE = \"TEST.a\";\n"
    "FAILOVER = false;\n"
    "MODULE = \"a.so\";\n";

static int
switch_suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
switch_suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

/* n nodes n1..nN, up; no group yet; quorate. */
static void
begin(size_t n)
{
	ccr_free(c);
	c = ccr_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "a.rtr", a_rtr), 0);
	memset(cells, 0, sizeof(cells));
	for (size_t i = 0; i < MAXG * MAXN; i++)
		cells[i].state = RG_OFFLINE;
	nn = n;
	for (size_t k = 0; k < nn; k++) {
		snprintf(names[k], sizeof(names[k]), "n%u", (unsigned int)(k + 1) % 10);
		nodes[k] = (struct placement_node){ .name = names[k],
			.id = (uint32_t)k + 1, .up = true };
	}
	cur = (struct placement_input){ .ccr = c, .nodes = nodes,
		.n_nodes = nn, .quorate = true, .now = 100000, .cells = cells,
		.req = cur_req };
	want = cur;
	want.req = want_req;
}

static void
end(void)
{
	ccr_free(c);
	c = NULL;
}

static size_t
gi(const char *name)
{
	for (size_t g = 0; g < c->n_groups; g++)
		if (strcmp(c->groups[g]->name, name) == 0)
			return g;
	CU_FAIL_FATAL("no such group");
	return 0;
}

static size_t
ni(const char *name)
{
	for (size_t n = 0; n < nn; n++)
		if (strcmp(nodes[n].name, name) == 0)
			return n;
	CU_FAIL_FATAL("no such node");
	return 0;
}

/* A managed group with one resource; nodelist "n1,n2" or "" (all). */
static void
grp(const char *name, const char *nodelist, const struct ccr_assign *y)
{
	char tmp[64], *nl[MAXN], *save = NULL, res[64];
	size_t n = 0;

	snprintf(tmp, sizeof(tmp), "%s", nodelist);
	for (char *t = strtok_r(tmp, ",", &save); t && n < MAXN;
	    t = strtok_r(NULL, ",", &save))
		nl[n++] = t;
	TU_ASSERT_OK(ccr_group_add(c, name, nl, n, y, err, sizeof(err)), err);
	ccr_group(c, name)->managed = true;
	snprintf(res, sizeof(res), "%s-r", name);
	TU_ASSERT_OK(ccr_resource_add(c, res, "TEST.a", name, TU_NONE, TU_NONE,
	    err, sizeof(err)), err);
	ccr_resource(c, res)->enabled = true;
}

static void
on(const char *g, const char *n)
{
	cells[gi(g) * nn + ni(n)].state = RG_ONLINE;
}

/* The inputs from the groups' requests (as the president fills them),
 * want with group g switched to the nodes of "n1,n2". */
static int
check(const char *g1, const char *to1, const char *g2, const char *to2)
{
	const char *gs[2] = { g1, g2 }, *tos[2] = { to1, to2 };
	size_t groups[2], n = g2 ? 2 : 1;
	bool named[2 * MAXN] = { 0 };

	switchreq_fill(c, nodes, nn, cells, cur_req, cur_nodes);
	memcpy(want_req, cur_req, sizeof(want_req));
	memcpy(want_nodes, cur_nodes, sizeof(want_nodes));
	for (size_t g = 0; g < c->n_groups; g++)
		want_req[g].nodes = &want_nodes[g * nn];
	for (size_t i = 0; i < n; i++) {
		char tmp[32], *save = NULL;

		groups[i] = gi(gs[i]);
		want_req[groups[i]].kind = PLACEMENT_REQ_SWITCH;
		memset(&want_nodes[groups[i] * nn], 0, nn * sizeof(bool));
		snprintf(tmp, sizeof(tmp), "%s", tos[i]);
		for (char *t = strtok_r(tmp, ",", &save); t;
		    t = strtok_r(NULL, ",", &save)) {
			want_nodes[groups[i] * nn + ni(t)] = true;
			named[i * nn + ni(t)] = true;
		}
	}
	cur.ccr = want.ccr = c;
	CU_ASSERT_EQUAL_FATAL(switch_check(&cur, &want, groups, n, named, &v),
	    0);
	return v.code;
}

static void
test_accepted(void)
{
	begin(3);
	grp("fo", "", TU_NONE);
	on("fo", "n1");
	CU_ASSERT_EQUAL(check("fo", "n2", NULL, NULL), 0);
	CU_ASSERT_EQUAL(check("fo", "n1", NULL, NULL), 0);	/* stays */
	end();
}

static void
test_not_in_nodelist(void)
{
	begin(3);
	grp("fo", "n1,n2", TU_NONE);
	on("fo", "n1");
	CU_ASSERT_EQUAL(check("fo", "n3", NULL, NULL), SCHA_ERR_NODE);
	TU_ASSERT_HAS(v.msg, "node n3 is not in the Nodelist of resource "
	    "group fo (Nodelist: n1,n2)");
	end();
}

static void
test_node_down(void)
{
	begin(3);
	grp("fo", "", TU_NONE);
	on("fo", "n1");
	nodes[ni("n2")].up = false;
	CU_ASSERT_EQUAL(check("fo", "n2", NULL, NULL), SCHA_ERR_NODE);
	TU_ASSERT_HAS(v.msg, "node n2 is down");
	end();
}

static void
test_no_quorum(void)
{
	begin(3);
	grp("fo", "", TU_NONE);
	on("fo", "n1");
	cur.quorate = false;
	want.quorate = false;
	CU_ASSERT_EQUAL(check("fo", "n2", NULL, NULL), SCHA_ERR_CLUSTER);
	TU_ASSERT_HAS(v.msg, "no quorum");
	end();
}

static void
test_too_many_nodes(void)
{
	begin(3);
	grp("fo", "", TU_NONE);
	grp("sc", "", TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=2",
	    "Desired_primaries=2"));
	CU_ASSERT_EQUAL(check("fo", "n1,n2", NULL, NULL), SCHA_ERR_INVAL);
	TU_ASSERT_HAS(v.msg, "failover group");
	CU_ASSERT_EQUAL(check("sc", "n1,n2,n3", NULL, NULL), SCHA_ERR_INVAL);
	TU_ASSERT_HAS(v.msg, "at most 2 nodes, 3 named");
	CU_ASSERT_EQUAL(check("sc", "n2,n3", NULL, NULL), 0);
	end();
}

static void
test_strong_negative(void)
{
	begin(3);
	grp("b", "", TU_NONE);
	grp("a", "", TU_ASSIGN("RG_affinities=--b"));
	on("b", "n2");
	on("a", "n1");
	CU_ASSERT_EQUAL(check("a", "n2", NULL, NULL), SCHA_ERR_DEPEND);
	TU_ASSERT_HAS(v.msg, "RG_affinities with group b");
	CU_ASSERT_EQUAL(check("a", "n3", NULL, NULL), 0);
	end();
}

static void
test_strong_positive(void)
{
	begin(3);
	grp("b", "", TU_NONE);
	grp("a", "", TU_ASSIGN("RG_affinities=++b"));
	on("b", "n1");
	on("a", "n1");
	CU_ASSERT_EQUAL(check("a", "n2", NULL, NULL), SCHA_ERR_DEPEND);
	TU_ASSERT_HAS(v.msg, "RG_affinities with group b");
	/* both together: accepted */
	CU_ASSERT_EQUAL(check("b", "n2", "a", "n2"), 0);
	/* b alone: a follows it */
	CU_ASSERT_EQUAL(check("b", "n2", NULL, NULL), 0);
	end();
}

static void
test_leaves_follower_offline(void)
{
	begin(3);
	grp("b", "", TU_NONE);
	grp("a", "n1,n2", TU_ASSIGN("RG_affinities=++b"));
	on("b", "n1");
	on("a", "n1");
	CU_ASSERT_EQUAL(check("b", "n3", NULL, NULL), SCHA_ERR_DEPEND);
	TU_ASSERT_HAS(v.msg, "switching resource group b would take resource "
	    "group a offline");
	end();
}

static void
test_pingpong(void)
{
	begin(3);
	grp("fo", "", TU_ASSIGN("Pingpong_interval=600"));
	on("fo", "n1");
	cells[gi("fo") * nn + ni("n2")].failed_at = 100000 - 60;
	CU_ASSERT_EQUAL(check("fo", "n2", NULL, NULL), SCHA_ERR_CHECKS);
	TU_ASSERT_HAS(v.msg, "failed on node n2 60 s ago, within "
	    "Pingpong_interval 600");
	/* expired */
	cells[gi("fo") * nn + ni("n2")].failed_at = 100000 - 601;
	CU_ASSERT_EQUAL(check("fo", "n2", NULL, NULL), 0);
	end();
}

static void
test_pingpong_one_of_two(void)
{
	begin(3);
	grp("sc", "", TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=2",
	    "Desired_primaries=2", "Pingpong_interval=600"));
	on("sc", "n1");
	on("sc", "n2");
	cells[gi("sc") * nn + ni("n3")].failed_at = 100000 - 5;
	CU_ASSERT_EQUAL(check("sc", "n2,n3", NULL, NULL), SCHA_ERR_CHECKS);
	TU_ASSERT_HAS(v.msg, "cannot be switched to n3");
	end();
}

static void
test_stop_failed(void)
{
	begin(3);
	grp("fo", "", TU_NONE);
	cells[gi("fo") * nn + ni("n1")].state = RG_ERROR_STOP_FAILED;
	CU_ASSERT_EQUAL(check("fo", "n2", NULL, NULL), SCHA_ERR_STATE);
	TU_ASSERT_HAS(v.msg, "Error_stop_failed on node n1");
	end();
}

static void
test_codes(void)
{
	CU_ASSERT_EQUAL(switch_check_code(PLACEMENT_AFFINITY), 8);
	CU_ASSERT_EQUAL(switch_check_code(PLACEMENT_DEPENDENCY), 8);
	CU_ASSERT_EQUAL(switch_check_code(PLACEMENT_PINGPONG), 16);
	CU_ASSERT_EQUAL(switch_check_code(PLACEMENT_NO_QUORUM), 19);
	CU_ASSERT_EQUAL(switch_check_code(PLACEMENT_NO_NODE), 11);
	CU_ASSERT_EQUAL(switch_check_code(PLACEMENT_STOP_FAILED), 9);
}

/* ---- the requests -------------------------------------------------- */

static void
set(const char *g, char *const *to, size_t n, long at)
{
	CU_ASSERT_EQUAL_FATAL(switchreq_set(&ccr_group(c, g)->sw, to, n, nodes,
	    nn, at), 0);
}

static void
test_applies(void)
{
	struct rg_switch *s;

	begin(3);
	grp("fo", "", TU_NONE);
	s = &ccr_group(c, "fo")->sw;
	CU_ASSERT_FALSE(switchreq_applies(s, nodes, nn, NULL));	/* none */
	nodes[ni("n3")].up = false;
	set("fo", (char *[]){ "n2" }, 1, 1000);
	CU_ASSERT_EQUAL(s->n_members, 2);
	CU_ASSERT_TRUE(switchreq_applies(s, nodes, nn, NULL));
	/* an older failure there: still applies; a newer one ends it */
	cells[gi("fo") * nn + ni("n2")].failed_at = 999;
	CU_ASSERT_TRUE(switchreq_applies(s, nodes, nn, &cells[gi("fo") * nn]));
	cells[gi("fo") * nn + ni("n2")].failed_at = 1000;
	CU_ASSERT_FALSE(switchreq_applies(s, nodes, nn, &cells[gi("fo") * nn]));
	/* n3 joins: it ends */
	nodes[ni("n3")].up = true;
	CU_ASSERT_FALSE(switchreq_applies(s, nodes, nn, NULL));
	nodes[ni("n3")].up = false;
	/* n1 (not named) leaves: still applies; n2 (named) leaves: ends */
	nodes[ni("n1")].up = false;
	CU_ASSERT_TRUE(switchreq_applies(s, nodes, nn, NULL));
	nodes[ni("n2")].up = false;
	CU_ASSERT_FALSE(switchreq_applies(s, nodes, nn, NULL));
	/* n2 back (up since after the request): still ended; up since
	 * before it (or the same second): applies */
	nodes[ni("n2")].up = true;
	nodes[ni("n2")].up_since = 1001;
	CU_ASSERT_FALSE(switchreq_applies(s, nodes, nn, NULL));
	nodes[ni("n2")].up_since = 1000;
	CU_ASSERT_TRUE(switchreq_applies(s, nodes, nn, NULL));
	/* n1 (a member, not named) left and came back: a join, it ends */
	nodes[ni("n1")].up = true;
	nodes[ni("n1")].up_since = 1200;
	CU_ASSERT_FALSE(switchreq_applies(s, nodes, nn, NULL));
	nodes[ni("n1")].up_since = 0;
	nodes[ni("n2")].up_since = 0;
	end();
}

static void
test_fill(void)
{
	begin(3);
	grp("a", "", TU_NONE);
	grp("b", "", TU_NONE);
	grp("c", "", TU_NONE);
	ccr_group(c, "b")->offline = true;
	set("c", (char *[]){ "n3", "n1" }, 2, 5);
	switchreq_fill(c, nodes, nn, cells, cur_req, cur_nodes);
	CU_ASSERT_EQUAL(cur_req[gi("a")].kind, PLACEMENT_REQ_NONE);
	CU_ASSERT_EQUAL(cur_req[gi("b")].kind, PLACEMENT_REQ_OFFLINE);
	CU_ASSERT_EQUAL(cur_req[gi("c")].kind, PLACEMENT_REQ_SWITCH);
	CU_ASSERT_TRUE(cur_req[gi("c")].nodes[ni("n1")]);
	CU_ASSERT_FALSE(cur_req[gi("c")].nodes[ni("n2")]);
	CU_ASSERT_TRUE(cur_req[gi("c")].nodes[ni("n3")]);
	end();
}

static void
test_encoding(void)
{
	struct rg_switch s = { 0 }, back = { 0 }, copy;
	config_setting_t *g;
	config_t cf;
	char *text = NULL;
	size_t len;
	FILE *f;

	begin(3);
	CU_ASSERT_EQUAL(switchreq_set(&s, (char *[]){ "n2", "n3" }, 2, nodes,
	    nn, 1764700000), 0);
	config_init(&cf);
	g = config_setting_add(config_root_setting(&cf), "g",
	    CONFIG_TYPE_GROUP);
	CU_ASSERT_EQUAL(switchreq_to_config(g, &s), 0);
	f = open_memstream(&text, &len);
	config_write(&cf, f);
	fclose(f);
	TU_ASSERT_HAS(text, "switch :");
	TU_ASSERT_HAS(text, "nodes = [ \"n2\", \"n3\" ]");
	TU_ASSERT_HAS(text, "members = [ \"n1\", \"n2\", \"n3\" ]");
	TU_ASSERT_HAS(text, "at = 1764700000L");
	CU_ASSERT_EQUAL(switchreq_from_config(g, &back, "g", err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(back.n_nodes, 2);
	CU_ASSERT_STRING_EQUAL(back.nodes[1], "n3");
	CU_ASSERT_EQUAL(back.n_members, 3);
	CU_ASSERT_EQUAL(back.at, 1764700000);
	CU_ASSERT_EQUAL(switchreq_copy(&copy, &back), 0);
	CU_ASSERT_STRING_EQUAL(copy.members[2], "n3");
	switchreq_free(&copy);
	switchreq_free(&back);
	switchreq_free(&s);
	config_destroy(&cf);
	free(text);
	/* none: nothing written, nothing read */
	config_init(&cf);
	g = config_setting_add(config_root_setting(&cf), "g",
	    CONFIG_TYPE_GROUP);
	CU_ASSERT_EQUAL(switchreq_to_config(g, &s), 0);
	CU_ASSERT_PTR_NULL(config_setting_get_member(g, "switch"));
	CU_ASSERT_EQUAL(switchreq_from_config(g, &back, "g", err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(back.n_nodes, 0);
	config_destroy(&cf);
	end();
}

/* A group entry with a switch setting in text; from_config's answer. */
static int
decode(const char *entry)
{
	struct rg_switch s = { 0 };
	config_t cf;
	int rc;

	config_init(&cf);
	CU_ASSERT_EQUAL_FATAL(config_read_string(&cf, entry), CONFIG_TRUE);
	rc = switchreq_from_config(config_lookup(&cf, "g"), &s, "g", err,
	    sizeof(err));
	switchreq_free(&s);
	config_destroy(&cf);
	return rc;
}

static void
test_decoding_refused(void)
{
	CU_ASSERT_EQUAL(decode("g = { switch = 1; };"), -1);
	TU_ASSERT_HAS(err, "group g: switch must be a group");
	CU_ASSERT_EQUAL(decode("g = { switch = { nodes = []; members = []; "
	    "at = 1; }; };"), -1);
	TU_ASSERT_HAS(err, "switch.nodes must be an array of node names, not "
	    "empty");
	CU_ASSERT_EQUAL(decode("g = { switch = { nodes = [ \"n1\" ]; "
	    "members = []; }; };"), -1);
	TU_ASSERT_HAS(err, "switch.at");
	CU_ASSERT_EQUAL(decode("g = { switch = { nodes = [ \"n1\" ]; "
	    "members = [ 1 ]; at = 1; }; };"), -1);
	TU_ASSERT_HAS(err, "switch.members[0] is not a node name");
	CU_ASSERT_EQUAL(decode("g = { switch = { nodes = [ \"n1\" ]; "
	    "at = 1; }; };"), -1);
	TU_ASSERT_HAS(err, "switch.members must be an array");
	CU_ASSERT_EQUAL(decode("g = { switch = { nodes = [ \"n1\" ]; "
	    "members = [ \"n1\" ]; at = 7; }; };"), 0);
}

/* The request travels in the replicated text, changes the checksum and
 * survives a clone (a new president reads the same). */
static void
test_replicated(void)
{
	struct ccr *back, *copy;
	uint64_t sum;
	char *text;
	size_t len;

	begin(3);
	grp("fo", "", TU_NONE);
	sum = ccr_checksum(c);
	set("fo", (char *[]){ "n2" }, 1, 42);
	CU_ASSERT_NOT_EQUAL(ccr_checksum(c), sum);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text = ccr_text(c, &len));
	back = ccr_parse_text(text, TU_API, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(ccr_group(back, "fo")->sw.n_nodes, 1);
	CU_ASSERT_STRING_EQUAL(ccr_group(back, "fo")->sw.nodes[0], "n2");
	CU_ASSERT_EQUAL(ccr_group(back, "fo")->sw.at, 42);
	CU_ASSERT_EQUAL(ccr_checksum(back), ccr_checksum(c));
	copy = ccr_clone(back);
	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	CU_ASSERT_EQUAL(ccr_group(copy, "fo")->sw.n_members, 3);
	ccr_free(copy);
	ccr_free(back);
	free(text);
	end();
}

static const struct tu_test tests[] = {
	{ "accepted", test_accepted },
	{ "node not in Nodelist", test_not_in_nodelist },
	{ "node down", test_node_down },
	{ "no quorum", test_no_quorum },
	{ "too many nodes", test_too_many_nodes },
	{ "-- affinity", test_strong_negative },
	{ "++ affinity", test_strong_positive },
	{ "++ follower left offline", test_leaves_follower_offline },
	{ "Pingpong", test_pingpong },
	{ "Pingpong on one of two nodes", test_pingpong_one_of_two },
	{ "Error_stop_failed", test_stop_failed },
	{ "codes", test_codes },
	{ "when a request applies", test_applies },
	{ "placement input", test_fill },
	{ "encoding", test_encoding },
	{ "decoding refused", test_decoding_refused },
	{ "replicated", test_replicated },
	{ NULL, NULL },
};

int
tu_suite_switch(void)
{
	return tu_add_suite("switch", switch_suite_init, switch_suite_clean,
	    tests);
}
