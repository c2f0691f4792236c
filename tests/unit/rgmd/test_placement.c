// SPDX-License-Identifier: MIT
/*
 * test_placement.c - suite "placement" (rgmd/placement.c and
 * placement_text.c): tables of situations and the placement they must
 * give. Each test builds a real configuration repository (types loaded
 * from RTR files, groups and resources added with the ccr edits), a
 * membership, the groups' states per node, failure history, missing
 * modules and operator requests, then checks the wanted primaries, the
 * ordered actions and the reasons. Every rule of rg_properties(5)
 * PLACEMENT alone and combined, determinism, and the independence from
 * the order in which nodes are given, and invariants checked over
 * random situations (at most Maximum_primaries, strong affinities and
 * dependencies held, stops before starts, dependees started first, the
 * same decisions with the nodes given in reverse order).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccr.h"
#include "placement.h"
#include "tu.h"

#define MAXG 32
#define MAXN 8

static char *dir;
static struct ccr *c;
static char err[512];
static struct placement_node nodes[MAXN];
static char names[MAXN][8];
static size_t nn;
static struct placement_cell cells[MAXG * MAXN];
static bool lacks[4 * MAXN];
static struct placement_request req[MAXG];
static bool req_nodes[MAXG][MAXN];
static struct placement_input in;
static struct placement_result out;
static char buf[4096];

static const char a_rtr[] =
    "RESOURCE_TYPE = \"TEST.a\";\n"
    "FAILOVER = false;\n"
    "MODULE = \"a.so\";\n";
static const char b_rtr[] =
    "RESOURCE_TYPE = \"TEST.b\";\n"
    "FAILOVER = false;\n"
    "MODULE = \"b.so\";\n";

static int
placement_suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

static int
placement_suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

#define OK(call) tu_assert_ok((call), err, #call, __LINE__, __FILE__)

/* Nodes in the order given ("n3,n1,n2"); node nK has id K; all up. */
static void
begin_order(const char *order)
{
	char tmp[64], *save = NULL;

	placement_result_free(&out);
	ccr_free(c);
	c = ccr_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "a.rtr", a_rtr), 0);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(c, dir, "b.rtr", b_rtr), 0);
	memset(cells, 0, sizeof(cells));
	for (size_t i = 0; i < MAXG * MAXN; i++)
		cells[i].state = RG_OFFLINE;
	memset(lacks, 0, sizeof(lacks));
	memset(req, 0, sizeof(req));
	memset(req_nodes, 0, sizeof(req_nodes));
	memset(nodes, 0, sizeof(nodes));
	snprintf(tmp, sizeof(tmp), "%s", order);
	nn = 0;
	for (char *t = strtok_r(tmp, ",", &save); t && nn < MAXN;
	    t = strtok_r(NULL, ",", &save), nn++) {
		snprintf(names[nn], sizeof(names[nn]), "%s", t);
		nodes[nn] = (struct placement_node){ .name = names[nn],
			.id = (uint32_t)atoi(t + 1), .up = true };
	}
	in = (struct placement_input){ .ccr = c, .nodes = nodes,
		.n_nodes = nn, .quorate = true, .now = 100000,
		.cells = cells, .lacks_module = lacks, .req = req };
}

static void
begin(size_t n)
{
	static const char *const orders[] = { "", "n1", "n1,n2",
		"n1,n2,n3", "n1,n2,n3,n4", "n1,n2,n3,n4,n5" };

	begin_order(orders[n]);
}

static void
end(void)
{
	placement_result_free(&out);
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

/* A managed group; nodelist "n2,n1" or "" (all nodes). */
static void
grp(const char *name, const char *nodelist, const struct ccr_assign *y)
{
	char tmp[64], *v[MAXN], *save = NULL;
	size_t n = 0;

	snprintf(tmp, sizeof(tmp), "%s", nodelist);
	for (char *t = strtok_r(tmp, ",", &save); t && n < MAXN;
	    t = strtok_r(NULL, ",", &save))
		v[n++] = t;
	OK(ccr_group_add(c, name, v, n, y, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ccr_group(c, name));
	ccr_group(c, name)->managed = true;
}

static void
chg(const char *name, const struct ccr_assign *y)
{
	OK(ccr_group_change(c, name, NULL, 0, y, err, sizeof(err)));
}

static void
rsc(const char *name, const char *group, const char *type,
    const struct ccr_assign *y)
{
	OK(ccr_resource_add(c, name, type, group, y, TU_NONE, err,
	    sizeof(err)));
	ccr_resource(c, name)->enabled = true;
}

static struct placement_cell *
at(const char *g, const char *n)
{
	return &cells[gi(g) * nn + ni(n)];
}

static void
on(const char *g, const char *n)
{
	at(g, n)->state = RG_ONLINE;
}

static void
down(const char *n)
{
	nodes[ni(n)].up = false;
}

static void
lack(const char *type, const char *n)
{
	for (size_t t = 0; t < c->n_types; t++)
		if (strcmp(c->types[t]->name, type) == 0)
			lacks[t * nn + ni(n)] = true;
}

static void
switch_to(const char *g, const char *n1, const char *n2)
{
	req[gi(g)].kind = PLACEMENT_REQ_SWITCH;
	req[gi(g)].nodes = req_nodes[gi(g)];
	req_nodes[gi(g)][ni(n1)] = true;
	if (n2)
		req_nodes[gi(g)][ni(n2)] = true;
}

static void
run(void)
{
	in.ccr = c;
	CU_ASSERT_EQUAL_FATAL(placement_compute(&in, &out), 0);
}

/* Node name of id k (nodes may be given in any order). */
static const char *
node_by_id(uint32_t k)
{
	for (size_t n = 0; n < nn; n++)
		if (nodes[n].id == k)
			return nodes[n].name;
	return NULL;
}

/* The wanted primaries of g, by node id: "n1,n3", or "-". */
static const char *
where(const char *g)
{
	static char w[256];
	size_t len = 0, gx = gi(g);

	w[0] = '\0';
	for (uint32_t k = 1; k <= MAXN; k++) {
		const char *name = node_by_id(k);

		if (name && out.wanted[gx * nn + ni(name)])
			len += (size_t)snprintf(w + len, sizeof(w) - len,
			    "%s%s", len ? "," : "", name);
	}
	return len ? w : "-";
}

/* The actions: "stop g2@n1 start g1@n2", a restart marked with '*'. */
static const char *
acts(void)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < out.n_act; i++) {
		const struct placement_action *a = &out.act[i];

		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%s%s%s %s@%s", len ? " " : "", a->restart ? "*" : "",
		    a->verb == PLACEMENT_START ? "start" : "stop",
		    c->groups[a->group]->name, nodes[a->node].name);
	}
	return buf;
}

/* The actions that wait: "start app@n2<db", one per action, by order. */
static const char *
later(void)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < out.n_act; i++) {
		const struct placement_action *a = &out.act[i];

		if (!a->waits)
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%s%s %s@%s<%s", len ? " " : "",
		    a->verb == PLACEMENT_START ? "start" : "stop",
		    c->groups[a->group]->name, nodes[a->node].name,
		    c->groups[a->waits_for]->name);
	}
	return buf;
}

static const char *
why(const char *g)
{
	return placement_reason_name(out.g[gi(g)].reason);
}

static const char *
text(const char *g)
{
	static char t[512];

	CU_ASSERT_EQUAL(placement_explain(&in, &out, gi(g), t, sizeof(t)), 0);
	return t;
}

#define WHERE(g, s) CU_ASSERT_STRING_EQUAL(where(g), s)
#define ACTS(s) CU_ASSERT_STRING_EQUAL(acts(), s)
#define LATER(s) CU_ASSERT_STRING_EQUAL(later(), s)
#define WHY(g, s) CU_ASSERT_STRING_EQUAL(why(g), s)
#define IS_BLOCKED(name) CU_ASSERT_TRUE(out.g[gi(name)].blocked)
#define IS_UNBLOCKED(name) CU_ASSERT_FALSE(out.g[gi(name)].blocked)

#define SCALABLE(max, des) TU_ASSIGN("RG_mode=Scalable",		\
	"Maximum_primaries=" #max, "Desired_primaries=" #des)

/* ---- Nodelist and primaries ---- */

static void
test_nodelist_order(void)
{
	begin(3);
	grp("g1", "n2,n1,n3", TU_NONE);
	run();
	WHERE("g1", "n2");
	WHY("g1", "Placed");
	ACTS("start g1@n2");
	IS_UNBLOCKED("g1");
	end();
}

static void
test_nodelist_default_by_id(void)
{
	begin_order("n3,n2,n1");
	grp("g1", "", TU_NONE);
	run();
	WHERE("g1", "n1");
	ACTS("start g1@n1");
	end();
}

static void
test_nodelist_skips_down(void)
{
	begin(3);
	grp("g1", "n2,n1,n3", TU_NONE);
	down("n2");
	run();
	WHERE("g1", "n1");
	end();
}

static void
test_nodelist_unknown_node_ignored(void)
{
	begin(2);
	grp("g1", "n9,n2", TU_NONE);
	run();
	WHERE("g1", "n2");
	end();
}

static void
test_no_node_up(void)
{
	begin(3);
	grp("g1", "n1,n2", TU_NONE);
	down("n1");
	down("n2");
	run();
	WHERE("g1", "-");
	WHY("g1", "No_node");
	ACTS("");
	TU_ASSERT_HAS(text("g1"), "no node of its Nodelist is up");
	end();
}

static void
test_unmanaged(void)
{
	begin(2);
	grp("g1", "", TU_NONE);
	ccr_group(c, "g1")->managed = false;
	run();
	WHERE("g1", "-");
	WHY("g1", "Unmanaged");
	ACTS("");
	end();
}

static void
test_failover_at_most_one(void)
{
	begin(3);
	grp("g1", "n1,n2,n3", TU_NONE);
	on("g1", "n2");
	on("g1", "n3");
	run();
	/* Failback FALSE keeps it on a node where it runs: the first of
	 * them in Nodelist order; the other is stopped. */
	WHERE("g1", "n2");
	ACTS("stop g1@n3");
	end();
}

static void
test_scalable_max(void)
{
	begin(4);
	grp("gs", "", SCALABLE(3, 3));
	run();
	WHERE("gs", "n1,n2,n3");
	ACTS("start gs@n1 start gs@n2 start gs@n3");
	end();
}

static void
test_scalable_desired_below_max(void)
{
	begin(4);
	grp("gs", "n4,n3,n2,n1", SCALABLE(3, 2));
	run();
	WHERE("gs", "n3,n4");
	ACTS("start gs@n4 start gs@n3");
	end();
}

static void
test_scalable_partial(void)
{
	begin(3);
	grp("gs", "", SCALABLE(3, 3));
	down("n3");
	run();
	WHERE("gs", "n1,n2");
	WHY("gs", "Partial");
	IS_UNBLOCKED("gs");
	TU_ASSERT_HAS(text("gs"), "fewer than Desired_primaries 3");
	end();
}

static void
test_desired_zero(void)
{
	begin(2);
	grp("g1", "", TU_ASSIGN("Desired_primaries=0"));
	on("g1", "n1");
	run();
	WHERE("g1", "-");
	WHY("g1", "None_desired");
	ACTS("stop g1@n1");
	end();
}

/* ---- Failback, node loss and join ---- */

static void
test_failback_false_stays(void)
{
	begin(2);
	grp("g1", "n1,n2", TU_NONE);
	on("g1", "n2");
	run();
	WHERE("g1", "n2");
	ACTS("");
	end();
}

static void
test_failback_true_moves_back(void)
{
	begin(2);
	grp("g1", "n1,n2", TU_ASSIGN("Failback=TRUE"));
	on("g1", "n2");
	run();
	WHERE("g1", "n1");
	ACTS("stop g1@n2 start g1@n1");
	end();
}

static void
test_node_loss_moves(void)
{
	begin(3);
	grp("g1", "n1,n2,n3", TU_NONE);
	on("g1", "n1");
	down("n1");
	run();
	WHERE("g1", "n2");
	ACTS("start g1@n2");	/* nothing to stop on a dead node */
	end();
}

static void
test_scalable_loss_third_takes_over(void)
{
	begin(3);
	grp("gs", "", SCALABLE(2, 2));
	on("gs", "n1");
	on("gs", "n2");
	down("n1");
	run();
	WHERE("gs", "n2,n3");
	ACTS("start gs@n3");
	end();
}

static void
test_scalable_join_failback(void)
{
	/* n1 came back; Failback FALSE keeps n2,n3; TRUE moves to n1,n2. */
	begin(3);
	grp("gs", "", SCALABLE(2, 2));
	grp("gt", "", TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=2",
	    "Desired_primaries=2", "Failback=TRUE"));
	on("gs", "n2");
	on("gs", "n3");
	on("gt", "n2");
	on("gt", "n3");
	run();
	WHERE("gs", "n2,n3");
	WHERE("gt", "n1,n2");
	ACTS("stop gt@n3 start gt@n1");
	end();
}

static void
test_join_fills_partial(void)
{
	begin(3);
	grp("gs", "", SCALABLE(3, 3));
	on("gs", "n1");
	on("gs", "n2");
	run();
	WHERE("gs", "n1,n2,n3");
	ACTS("start gs@n3");
	end();
}

/* ---- Pingpong and give-over ---- */

static void
test_pingpong_avoids(void)
{
	begin(3);
	grp("g1", "n1,n2,n3", TU_ASSIGN("Pingpong_interval=3600"));
	at("g1", "n1")->failed_at = in.now - 100;
	run();
	WHERE("g1", "n2");
	end();
}

static void
test_pingpong_expired(void)
{
	begin(3);
	grp("g1", "n1,n2,n3", TU_ASSIGN("Pingpong_interval=3600"));
	at("g1", "n1")->failed_at = in.now - 3600;
	run();
	WHERE("g1", "n1");
	end();
}

static void
test_pingpong_everywhere(void)
{
	begin(2);
	grp("g1", "n1,n2", TU_ASSIGN("Pingpong_interval=600"));
	at("g1", "n1")->failed_at = in.now - 10;
	at("g1", "n2")->failed_at = in.now - 20;
	run();
	WHERE("g1", "-");
	WHY("g1", "Pingpong");
	IS_UNBLOCKED("g1");
	TU_ASSERT_HAS(text("g1"), "failed on node n1 10 s ago, within "
	    "Pingpong_interval 600");
	end();
}

static void
test_pingpong_zero(void)
{
	begin(2);
	grp("g1", "n1,n2", TU_ASSIGN("Pingpong_interval=0"));
	at("g1", "n1")->failed_at = in.now;
	run();
	WHERE("g1", "n1");
	end();
}

static void
test_pingpong_keeps_running(void)
{
	/* A recent failure does not evict a group that runs there now. */
	begin(2);
	grp("g1", "n1,n2", TU_NONE);
	on("g1", "n1");
	at("g1", "n1")->failed_at = in.now - 5;
	run();
	WHERE("g1", "n1");
	ACTS("");
	end();
}

static void
test_giveover_moves(void)
{
	begin(3);
	grp("g1", "n1,n2,n3", TU_ASSIGN("Pingpong_interval=0"));
	on("g1", "n1");
	at("g1", "n1")->giveover = true;
	at("g1", "n1")->failed_at = in.now;
	run();
	WHERE("g1", "n2");
	ACTS("stop g1@n1 start g1@n2");
	end();
}

static void
test_giveover_honours_pingpong(void)
{
	begin(3);
	grp("g1", "n1,n2,n3", TU_NONE);
	on("g1", "n1");
	at("g1", "n1")->giveover = true;
	at("g1", "n2")->failed_at = in.now - 60;
	run();
	WHERE("g1", "n3");
	ACTS("stop g1@n1 start g1@n3");
	end();
}

static void
test_giveover_nowhere(void)
{
	begin(1);
	grp("g1", "n1", TU_NONE);
	on("g1", "n1");
	at("g1", "n1")->giveover = true;
	run();
	WHERE("g1", "-");
	WHY("g1", "Giveover");
	ACTS("stop g1@n1");
	TU_ASSERT_HAS(text("g1"), "given over from node n1");
	end();
}

/* ---- dependencies ---- */

static void
test_dependency_order(void)
{
	begin(2);
	grp("db", "n1,n2", TU_NONE);
	grp("app", "n2,n1", TU_ASSIGN("RG_dependencies=db"));
	run();
	WHERE("db", "n1");
	WHERE("app", "n2");
	ACTS("start db@n1 start app@n2");
	end();
}

static void
test_dependency_order_reversed_config(void)
{
	/* Declared last, depended on first: the starts follow the
	 * dependencies, the stops go the other way. */
	begin(2);
	grp("a", "", TU_NONE);
	grp("b", "", TU_NONE);
	grp("c", "", TU_NONE);
	chg("a", TU_ASSIGN("RG_dependencies=b"));
	chg("b", TU_ASSIGN("RG_dependencies=c"));
	run();
	ACTS("start c@n1 start b@n1 start a@n1");
	begin(2);
	grp("a", "", TU_ASSIGN("Failback=TRUE"));
	grp("b", "", TU_ASSIGN("Failback=TRUE"));
	grp("c", "", TU_ASSIGN("Failback=TRUE"));
	chg("a", TU_ASSIGN("RG_dependencies=b"));
	chg("b", TU_ASSIGN("RG_dependencies=c"));
	on("a", "n2");
	on("b", "n2");
	on("c", "n2");
	run();
	ACTS("stop a@n2 stop b@n2 stop c@n2 start c@n1 start b@n1 "
	    "start a@n1");
	end();
}

static void
test_dependency_blocked(void)
{
	begin(2);
	grp("db", "n1", TU_NONE);
	grp("app", "n2", TU_ASSIGN("RG_dependencies=db"));
	down("n1");
	run();
	WHERE("app", "-");
	WHY("app", "Dependency");
	IS_BLOCKED("app");
	TU_ASSERT_HAS(text("app"), "depends on group db, which is not online");
	end();
}

static void
test_dependency_chain_offline(void)
{
	begin(2);
	grp("g1", "", TU_NONE);
	grp("g2", "", TU_ASSIGN("RG_dependencies=g1"));
	grp("g3", "", TU_ASSIGN("RG_dependencies=g2"));
	on("g1", "n1");
	on("g2", "n1");
	on("g3", "n1");
	req[gi("g1")].kind = PLACEMENT_REQ_OFFLINE;
	run();
	WHY("g1", "Offline_requested");
	WHY("g2", "Dependency");
	WHY("g3", "Dependency");
	TU_ASSERT_HAS(text("g3"), "group g2");
	ACTS("stop g3@n1 stop g2@n1 stop g1@n1");
	end();
}

static void
test_dependency_cycle(void)
{
	begin(2);
	grp("a", "", TU_NONE);
	grp("b", "", TU_ASSIGN("RG_dependencies=a"));
	grp("c", "", TU_ASSIGN("RG_dependencies=b"));
	grp("free", "", TU_NONE);
	chg("a", TU_ASSIGN("RG_dependencies=b"));
	run();
	WHY("a", "Dependency_cycle");
	WHY("b", "Dependency_cycle");
	IS_BLOCKED("a");
	WHY("c", "Dependency");
	WHERE("free", "n1");
	ACTS("start free@n1");
	end();
}

static void
test_resource_dependency_across_groups(void)
{
	begin(2);
	grp("g1", "n1", TU_NONE);
	grp("g2", "n2", TU_NONE);
	rsc("r1", "g1", "TEST.a", TU_NONE);
	rsc("r2", "g2", "TEST.a", TU_ASSIGN("Resource_dependencies=r1"));
	run();
	ACTS("start g1@n1 start g2@n2");
	down("n1");
	run();
	WHY("g2", "Dependency");
	IS_BLOCKED("g2");
	end();
}

static void
test_resource_dependency_weak(void)
{
	/* g2 declared first; weak: order only, g1's absence does not
	 * block g2. */
	begin(2);
	grp("g2", "n2", TU_NONE);
	grp("g1", "n1", TU_NONE);
	rsc("r1", "g1", "TEST.a", TU_NONE);
	rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_weak=r1"));
	run();
	ACTS("start g1@n1 start g2@n2");
	down("n1");
	run();
	WHERE("g2", "n2");
	WHY("g2", "Placed");
	end();
}

static void
test_resource_dependency_disabled(void)
{
	/* A disabled dependent resource brings no dependency. */
	begin(2);
	grp("g1", "n1", TU_NONE);
	grp("g2", "n2", TU_NONE);
	rsc("r1", "g1", "TEST.a", TU_NONE);
	rsc("r2", "g2", "TEST.a", TU_ASSIGN("Resource_dependencies=r1"));
	ccr_resource(c, "r2")->enabled = false;
	down("n1");
	run();
	WHERE("g2", "n2");
	end();
}

static void
test_resource_dependency_restart(void)
{
	/* g1 fails over to n2 where g2 runs: g2 restarts around it. */
	begin(2);
	grp("g1", "n1,n2", TU_NONE);
	grp("g2", "n2", TU_NONE);
	rsc("r1", "g1", "TEST.a", TU_NONE);
	rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_restart=r1"));
	on("g1", "n1");
	on("g2", "n2");
	down("n1");
	run();
	WHERE("g1", "n2");
	WHERE("g2", "n2");
	ACTS("*stop g2@n2 start g1@n2 *start g2@n2");
	/* nothing moves: no restart */
	begin(2);
	grp("g1", "n1,n2", TU_NONE);
	grp("g2", "n2", TU_NONE);
	rsc("r1", "g1", "TEST.a", TU_NONE);
	rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_restart=r1"));
	on("g1", "n1");
	on("g2", "n2");
	run();
	ACTS("");
	end();
}

/* ---- affinities ---- */

static void
test_affinity_strong_positive(void)
{
	begin(3);
	grp("g1", "n2,n1,n3", TU_NONE);
	grp("g2", "n1,n2,n3", TU_ASSIGN("RG_affinities=++g1"));
	run();
	WHERE("g1", "n2");
	WHERE("g2", "n2");
	ACTS("start g1@n2 start g2@n2");
	end();
}

static void
test_affinity_strong_positive_follows(void)
{
	begin(3);
	grp("g2", "", TU_NONE);
	grp("g1", "", TU_NONE);
	chg("g2", TU_ASSIGN("RG_affinities=++g1"));
	on("g1", "n1");
	on("g2", "n1");
	down("n1");
	run();
	WHERE("g1", "n2");
	WHERE("g2", "n2");
	ACTS("start g1@n2 start g2@n2");
	end();
}

static void
test_affinity_strong_positive_blocked(void)
{
	begin(2);
	grp("g1", "", TU_NONE);
	grp("g2", "", TU_ASSIGN("RG_affinities=++g1"));
	req[gi("g1")].kind = PLACEMENT_REQ_OFFLINE;
	run();
	WHERE("g2", "-");
	WHY("g2", "Affinity");
	IS_BLOCKED("g2");
	TU_ASSERT_HAS(text("g2"), "RG_affinities with group g1");
	end();
}

static void
test_affinity_strong_positive_target_ineligible(void)
{
	/* The only node it may follow g1 to is in Pingpong. */
	begin(2);
	grp("g1", "n1", TU_NONE);
	grp("g2", "n1,n2", TU_ASSIGN("RG_affinities=++g1"));
	at("g2", "n1")->failed_at = in.now - 1;
	run();
	WHERE("g1", "n1");
	WHERE("g2", "-");
	IS_BLOCKED("g2");
	end();
}

static void
test_affinity_delegate_as_strong(void)
{
	begin(2);
	grp("g1", "n2,n1", TU_NONE);
	grp("g2", "", TU_ASSIGN("RG_affinities=+++g1"));
	run();
	WHERE("g2", "n2");
	end();
}

static void
test_affinity_strong_negative(void)
{
	begin(3);
	grp("g1", "", TU_NONE);
	grp("g2", "", TU_ASSIGN("RG_affinities=--g1"));
	run();
	WHERE("g1", "n1");
	WHERE("g2", "n2");
	end();
}

static void
test_affinity_strong_negative_evicts(void)
{
	/* g1 fails over onto g2's node: g2 leaves it first. */
	begin(3);
	grp("g2", "n2,n3", TU_NONE);
	grp("g1", "n1,n2", TU_NONE);
	chg("g2", TU_ASSIGN("RG_affinities=--g1"));
	on("g1", "n1");
	on("g2", "n2");
	down("n1");
	run();
	WHERE("g1", "n2");
	WHERE("g2", "n3");
	ACTS("stop g2@n2 start g1@n2 start g2@n3");
	end();
}

static void
test_affinity_strong_negative_no_room(void)
{
	begin(2);
	grp("g1", "", TU_NONE);
	grp("g2", "", TU_ASSIGN("RG_affinities=--g1"));
	down("n2");
	run();
	WHERE("g1", "n1");
	WHERE("g2", "-");
	WHY("g2", "Affinity");
	IS_BLOCKED("g2");
	end();
}

static void
test_affinity_strong_negative_stop_failed(void)
{
	/* A group stuck in Error_stop_failed on a node still repels. */
	begin(2);
	grp("g1", "", TU_NONE);
	grp("g2", "", TU_ASSIGN("RG_affinities=--g1"));
	at("g1", "n1")->state = RG_ERROR_STOP_FAILED;
	run();
	WHERE("g2", "n2");
	end();
}

static void
test_affinity_weak_positive(void)
{
	begin(3);
	grp("g1", "n3,n1,n2", TU_NONE);
	grp("g2", "n1,n2,n3", TU_ASSIGN("RG_affinities=+g1"));
	run();
	WHERE("g2", "n3");
	end();
}

static void
test_affinity_weak_positive_yields(void)
{
	/* Preferred node lacks g2's module: weak affinity gives way. */
	begin(3);
	grp("g1", "n3,n1,n2", TU_NONE);
	grp("g2", "n1,n2,n3", TU_ASSIGN("RG_affinities=+g1"));
	rsc("r2", "g2", "TEST.b", TU_NONE);
	lack("TEST.b", "n3");
	run();
	WHERE("g1", "n3");
	WHERE("g2", "n1");
	end();
}

static void
test_affinity_weak_negative(void)
{
	begin(2);
	grp("g1", "", TU_NONE);
	grp("g2", "", TU_ASSIGN("RG_affinities=-g1"));
	run();
	WHERE("g2", "n2");
	down("n2");
	run();
	WHERE("g2", "n1");	/* weak: better together than nowhere */
	end();
}

static void
test_affinity_weak_vs_failback_false(void)
{
	begin(2);
	grp("g1", "n2,n1", TU_NONE);
	grp("g2", "n1,n2", TU_ASSIGN("RG_affinities=+g1"));
	on("g1", "n2");
	on("g2", "n1");
	run();
	WHERE("g2", "n1");	/* stays where it runs */
	ACTS("");
	end();
}

static void
test_affinity_weak_sum(void)
{
	/* +g1 and +g3 on n3 outweigh -g2 ... on n3 too; n2 has only g1. */
	begin(3);
	grp("g1", "n3", TU_NONE);
	grp("g3", "n3", TU_NONE);
	grp("g2", "n3", TU_NONE);
	grp("g4", "n1,n2,n3", TU_ASSIGN("RG_affinities=+g1,+g3,-g2"));
	run();
	WHERE("g4", "n3");
	end();
}

static void
test_affinity_conflict(void)
{
	begin(2);
	grp("g1", "n1", TU_NONE);
	grp("g2", "n1", TU_NONE);
	grp("g3", "", TU_ASSIGN("RG_affinities=++g1,--g2"));
	run();
	WHERE("g3", "-");
	WHY("g3", "Affinity");
	IS_BLOCKED("g3");
	end();
}

static void
test_affinity_scalable_follow(void)
{
	/* A scalable group ++ a scalable group: only where it runs. */
	begin(4);
	grp("ga", "", SCALABLE(2, 2));
	grp("gb", "", TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=4",
	    "Desired_primaries=4", "RG_affinities=++ga"));
	run();
	WHERE("ga", "n1,n2");
	WHERE("gb", "n1,n2");
	WHY("gb", "Partial");
	end();
}

static void
test_affinity_parse(void)
{
	enum placement_affinity k;
	const char *t;

	CU_ASSERT_EQUAL(placement_affinity_parse("++db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_STRONG_POS);
	CU_ASSERT_STRING_EQUAL(t, "db");
	CU_ASSERT_EQUAL(placement_affinity_parse("+db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_WEAK_POS);
	CU_ASSERT_EQUAL(placement_affinity_parse("--db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_STRONG_NEG);
	CU_ASSERT_EQUAL(placement_affinity_parse("-db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_WEAK_NEG);
	CU_ASSERT_EQUAL(placement_affinity_parse("+++db", &k, &t), 0);
	CU_ASSERT_EQUAL(k, PLACEMENT_AFF_DELEGATE);
	CU_ASSERT_EQUAL(placement_affinity_parse("db", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("++", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("++++db", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("---db", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("+-db", &k, &t), -1);
	CU_ASSERT_EQUAL(placement_affinity_parse("", &k, &t), -1);
}

/* Set RG_affinities without the ccr's checks (as a hand-edited file). */
static void
set_affinities(const char *g, char *v)
{
	struct prop_value pv = { .type = PROP_STRINGARRAY, .v = &v, .n = 1 };

	CU_ASSERT_EQUAL_FATAL(prop_list_set(&ccr_group(c, g)->props,
	    "RG_affinities", &pv), 0);
}

static void
test_affinity_check(void)
{
	struct prop_value two = { .type = PROP_STRINGARRAY,
		.v = (char *[]){ "++g1", "-g1" }, .n = 2 };

	begin(1);
	grp("g1", "", TU_NONE);
	grp("g2", "", TU_NONE);
	CU_ASSERT_EQUAL_FATAL(prop_list_set(&ccr_group(c, "g2")->props,
	    "RG_affinities", &two), 0);
	CU_ASSERT_EQUAL(placement_check_affinities(c, ccr_group(c, "g2"),
	    err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "names g1 twice");
	set_affinities("g2", "g1");
	CU_ASSERT_EQUAL(placement_check_affinities(c, ccr_group(c, "g2"),
	    err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "'g1' is not ++, +, --, - or +++");
	set_affinities("g2", "--nope");
	CU_ASSERT_EQUAL(placement_check_affinities(c, ccr_group(c, "g2"),
	    err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "names nope, which is not a group");
	set_affinities("g2", "--g2");
	CU_ASSERT_EQUAL(placement_check_affinities(c, ccr_group(c, "g2"),
	    err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "the group itself");
	set_affinities("g2", "--g1");
	OK(placement_check_affinities(c, ccr_group(c, "g2"), err,
	    sizeof(err)));
	end();
}

/* The repository refuses what placement_check_affinities refuses, and
 * keeps a group named in another's RG_affinities. */
static void
test_affinity_ccr(void)
{
	begin(1);
	grp("g1", "", TU_NONE);
	CU_ASSERT_EQUAL(ccr_group_add(c, "g2", NULL, 0,
	    TU_ASSIGN("RG_affinities=++nope"), err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "names nope, which is not a group");
	CU_ASSERT_PTR_NULL(ccr_group(c, "g2"));
	grp("g2", "", TU_ASSIGN("RG_affinities=-g1"));
	CU_ASSERT_EQUAL(ccr_group_change(c, "g2", NULL, 0,
	    TU_ASSIGN("RG_affinities=*g1"), err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "'*g1' is not ++");
	CU_ASSERT_STRING_EQUAL(ccr_rg_value(ccr_group(c, "g2"),
	    "RG_affinities")->v[0], "-g1");
	CU_ASSERT_EQUAL(ccr_group_remove(c, "g1", err, sizeof(err)), -1);
	TU_ASSERT_HAS(err, "resource group g1 is named in RG_affinities of g2");
	OK(ccr_group_remove(c, "g2", err, sizeof(err)));
	OK(ccr_group_remove(c, "g1", err, sizeof(err)));
	end();
}

/* ---- modules, quorum, auto start, errors, requests ---- */

static void
test_missing_module(void)
{
	begin(3);
	grp("g1", "", TU_NONE);
	rsc("r1", "g1", "TEST.a", TU_NONE);
	rsc("r2", "g1", "TEST.b", TU_NONE);
	lack("TEST.b", "n1");
	run();
	WHERE("g1", "n2");
	lack("TEST.b", "n2");
	lack("TEST.a", "n3");
	run();
	WHERE("g1", "-");
	WHY("g1", "No_module");
	TU_ASSERT_HAS(text("g1"), "node n1 lacks the module of type TEST.b");
	end();
}

static void
test_missing_module_disabled_resource(void)
{
	begin(2);
	grp("g1", "", TU_NONE);
	rsc("r1", "g1", "TEST.b", TU_NONE);
	ccr_resource(c, "r1")->enabled = false;
	lack("TEST.b", "n1");
	run();
	WHERE("g1", "n1");
	end();
}

static void
test_installed_nodes(void)
{
	char *only[] = { "n3" };

	begin(3);
	OK(ccr_type_change(c, "TEST.b", only, 1, TU_NONE, err, sizeof(err)));
	grp("g1", "", TU_NONE);
	rsc("r1", "g1", "TEST.b", TU_NONE);
	run();
	WHERE("g1", "n3");
	down("n3");
	run();
	WHY("g1", "Not_installed");
	TU_ASSERT_HAS(text("g1"), "type TEST.b is not installed on node n1");
	end();
}

static void
test_no_quorum(void)
{
	begin(3);
	grp("g1", "", TU_NONE);
	grp("gs", "", SCALABLE(3, 3));
	on("g1", "n1");
	on("gs", "n2");
	in.quorate = false;
	run();
	WHERE("g1", "-");
	WHERE("gs", "-");
	WHY("g1", "No_quorum");
	WHY("gs", "No_quorum");
	ACTS("");	/* the caller stops or freezes (no_quorum_policy) */
	TU_ASSERT_HAS(text("g1"), "no quorum");
	end();
}

static void
test_auto_start_new_cluster(void)
{
	begin(2);
	grp("manual", "", TU_ASSIGN("Auto_start_on_new_cluster=FALSE"));
	grp("auto", "", TU_NONE);
	in.new_cluster = true;
	run();
	WHERE("manual", "-");
	WHY("manual", "Not_auto_started");
	WHERE("auto", "n1");
	/* not a new cluster: started like any other */
	in.new_cluster = false;
	run();
	WHERE("manual", "n1");
	/* new cluster, but already running: stays */
	in.new_cluster = true;
	on("manual", "n2");
	run();
	WHERE("manual", "n2");
	/* new cluster, switched on by hand */
	at("manual", "n2")->state = RG_OFFLINE;
	switch_to("manual", "n2", NULL);
	run();
	WHERE("manual", "n2");
	end();
}

static void
test_stop_failed_blocks(void)
{
	begin(3);
	grp("g1", "", TU_NONE);
	at("g1", "n1")->state = RG_ERROR_STOP_FAILED;
	run();
	WHERE("g1", "-");
	WHY("g1", "Stop_failed");
	ACTS("");
	TU_ASSERT_HAS(text("g1"), "Error_stop_failed on node n1");
	/* even after n1 left, while n1 is not fenced */
	nodes[ni("n1")].up = false;
	nodes[ni("n1")].unclean = true;
	run();
	WHY("g1", "Stop_failed");
	ACTS("");
	/* fenced (down and clean): the error went with the node */
	nodes[ni("n1")].unclean = false;
	run();
	WHERE("g1", "n2");
	end();
}

static void
test_stop_failed_scalable_keeps_others(void)
{
	begin(3);
	grp("gs", "", SCALABLE(3, 3));
	at("gs", "n1")->state = RG_ERROR_STOP_FAILED;
	on("gs", "n2");
	run();
	WHERE("gs", "n2");
	ACTS("");
	/* still stopping on n3: nothing is started there again */
	at("gs", "n3")->state = RG_PENDING_OFFLINE;
	run();
	WHERE("gs", "n2");
	ACTS("stop gs@n3");
	end();
}

static void
test_frozen_double_primary(void)
{
	/* Reported online on two nodes while frozen: one is kept. */
	begin(3);
	grp("g1", "n2,n1,n3", TU_NONE);
	on("g1", "n1");
	on("g1", "n2");
	at("g1", "n3")->state = RG_ERROR_STOP_FAILED;
	run();
	WHY("g1", "Stop_failed");
	WHERE("g1", "n2");
	ACTS("stop g1@n1");
	end();
}

static void
test_unclean_node_freezes(void)
{
	begin(3);
	grp("g1", "", TU_NONE);
	on("g1", "n1");
	nodes[ni("n1")].up = false;
	nodes[ni("n1")].unclean = true;
	run();
	WHERE("g1", "-");
	WHY("g1", "Unclean_node");
	ACTS("");
	TU_ASSERT_HAS(text("g1"), "node n1 left while hosting it");
	nodes[ni("n1")].unclean = false;
	run();
	WHERE("g1", "n2");
	ACTS("start g1@n2");
	end();
}

static void
test_evacuate(void)
{
	begin(3);
	grp("g1", "", TU_NONE);
	grp("gs", "", SCALABLE(3, 3));
	on("g1", "n1");
	on("gs", "n1");
	on("gs", "n2");
	on("gs", "n3");
	nodes[ni("n1")].evacuating = true;
	run();
	WHERE("g1", "n2");
	WHERE("gs", "n2,n3");
	ACTS("stop gs@n1 stop g1@n1 start g1@n2");
	end();
}

static void
test_switch_request(void)
{
	begin(3);
	grp("g1", "", TU_ASSIGN("Failback=TRUE"));
	on("g1", "n1");
	switch_to("g1", "n3", NULL);
	run();
	WHERE("g1", "n3");
	ACTS("stop g1@n1 start g1@n3");
	end();
}

static void
test_switch_refused_pingpong(void)
{
	begin(3);
	grp("g1", "", TU_NONE);
	on("g1", "n1");
	at("g1", "n3")->failed_at = in.now - 30;
	switch_to("g1", "n3", NULL);
	run();
	WHERE("g1", "-");
	WHY("g1", "Pingpong");
	end();
}

static void
test_switch_scalable(void)
{
	begin(4);
	grp("gs", "", SCALABLE(3, 2));
	on("gs", "n1");
	on("gs", "n2");
	switch_to("gs", "n3", "n4");
	run();
	WHERE("gs", "n3,n4");
	ACTS("stop gs@n1 stop gs@n2 start gs@n3 start gs@n4");
	end();
}

static void
test_switch_node_down(void)
{
	begin(2);
	grp("g1", "", TU_NONE);
	down("n2");
	switch_to("g1", "n2", NULL);
	run();
	WHY("g1", "No_node");
	TU_ASSERT_HAS(text("g1"), "that the switch names");
	end();
}

static void
test_offline_request(void)
{
	begin(2);
	grp("g1", "", TU_NONE);
	on("g1", "n2");
	req[gi("g1")].kind = PLACEMENT_REQ_OFFLINE;
	run();
	WHERE("g1", "-");
	WHY("g1", "Offline_requested");
	ACTS("stop g1@n2");
	end();
}

static void
test_pending_offline_is_stopped_first(void)
{
	/* Still stopping on n1: the stop is listed before the start, so
	 * a failover group is never on two nodes at once. */
	begin(2);
	grp("g1", "n2,n1", TU_ASSIGN("Failback=TRUE"));
	at("g1", "n1")->state = RG_PENDING_OFFLINE;
	run();
	WHERE("g1", "n2");
	ACTS("stop g1@n1 start g1@n2");
	end();
}

/* ---- determinism and node order ---- */

/* A mixed situation, rendered with names only. */
static char *
scenario(const char *order)
{
	char *s;

	begin_order(order);
	grp("db", "n2,n3,n1", TU_NONE);
	grp("web", "", TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=3",
	    "Desired_primaries=3", "RG_dependencies=db"));
	grp("lb", "", TU_ASSIGN("RG_affinities=--db,+web"));
	grp("cache", "n3,n4", TU_ASSIGN("RG_affinities=++db"));
	rsc("rdb", "db", "TEST.a", TU_NONE);
	rsc("rweb", "web", "TEST.b", TU_ASSIGN("Resource_dependencies=rdb"));
	on("db", "n2");
	on("web", "n1");
	at("web", "n4")->failed_at = in.now - 5;
	lack("TEST.b", "n3");
	down("n2");
	run();
	s = calloc(1, 1024);
	if (s == NULL)
		return NULL;
	for (size_t k = 0; k < 4; k++) {
		static const char *const g[] = { "db", "web", "lb", "cache" };
		size_t len = strlen(s);

		snprintf(s + len, 1024 - len, "%s=%s ", g[k], where(g[k]));
	}
	snprintf(s + strlen(s), 1024 - strlen(s), "%s; %s; %s", why("cache"),
	    acts(), text("web"));
	return s;
}

static void
test_node_order_irrelevant(void)
{
	char *a = scenario("n1,n2,n3,n4");
	char *b = scenario("n4,n2,n1,n3");
	char *d = scenario("n3,n1,n4,n2");

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_STRING_EQUAL(a, "db=n3 web=n1 lb=n1 cache=n3 Placed; "
	    "start db@n3 start lb@n1 start cache@n3; online on 1 node, fewer "
	    "than Desired_primaries 3: no other eligible node");
	CU_ASSERT_STRING_EQUAL(a, b ? b : "");
	CU_ASSERT_STRING_EQUAL(a, d ? d : "");
	free(a);
	free(b);
	free(d);
	end();
}

/* Two results are the same, field by field. */
static bool
same_result(const struct placement_result *x,
    const struct placement_result *y)
{
	if (x->n_act != y->n_act || x->n_groups != y->n_groups ||
	    memcmp(x->wanted, y->wanted, x->n_groups * x->n_nodes) ||
	    memcmp(x->order, y->order, x->n_groups * sizeof(size_t)))
		return false;
	for (size_t i = 0; i < x->n_act; i++)
		if (x->act[i].verb != y->act[i].verb ||
		    x->act[i].group != y->act[i].group ||
		    x->act[i].node != y->act[i].node ||
		    x->act[i].restart != y->act[i].restart)
			return false;
	for (size_t g = 0; g < x->n_groups; g++)
		if (x->g[g].reason != y->g[g].reason ||
		    x->g[g].ref != y->g[g].ref ||
		    x->g[g].node != y->g[g].node ||
		    x->g[g].blocked != y->g[g].blocked ||
		    x->g[g].n_wanted != y->g[g].n_wanted)
			return false;
	return true;
}

static void
test_deterministic(void)
{
	struct placement_result first = { 0 };

	begin(5);
	for (int i = 0; i < 12; i++) {
		char name[8], dep[32];

		snprintf(name, sizeof(name), "g%d", i);
		snprintf(dep, sizeof(dep), "RG_dependencies=g%d", i / 2);
		grp(name, i % 3 ? "n3,n1,n5" : "", i ? TU_ASSIGN(dep) :
		    TU_NONE);
	}
	on("g4", "n3");
	down("n1");
	run();
	first = out;
	memset(&out, 0, sizeof(out));
	run();
	CU_ASSERT_TRUE(first.n_act > 0);
	CU_ASSERT_TRUE(same_result(&first, &out));
	/* a reused result gives the same again */
	run();
	CU_ASSERT_TRUE(same_result(&first, &out));
	placement_result_free(&first);
	end();
}

static void
test_bad_input(void)
{
	struct placement_input bad = { 0 };

	CU_ASSERT_EQUAL(placement_compute(&bad, &out), -1);
	CU_ASSERT_EQUAL(placement_compute(NULL, &out), -1);
}

static void
test_empty(void)
{
	begin(0);
	run();
	CU_ASSERT_EQUAL(out.n_act, 0);
	end();
}

/* ---- invariants over random situations ---- */

static unsigned long long rng_state;

static unsigned int
rnd(unsigned int n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned int)(rng_state % n);
}

static bool
has_affinity(size_t g, const char *prefix, size_t h)
{
	const struct prop_value *v = ccr_rg_value(c->groups[g],
	    "RG_affinities");
	char want[32];

	snprintf(want, sizeof(want), "%s%s", prefix, c->groups[h]->name);
	for (size_t i = 0; v && i < v->n; i++)
		if (strcmp(v->v[i], want) == 0)
			return true;
	return false;
}

static bool
depends_on(size_t g, size_t h)
{
	const struct prop_value *v = ccr_rg_value(c->groups[g],
	    "RG_dependencies");

	for (size_t i = 0; v && i < v->n; i++)
		if (strcmp(v->v[i], c->groups[h]->name) == 0)
			return true;
	return false;
}

/* A random configuration of 8 groups on 5 nodes: dependencies and
 * affinities only on earlier groups (no cycle), random modes, states,
 * failures, missing modules, nodes down. */
static void
random_situation(void)
{
	static const char *const affs[] = { "++", "+", "--", "-" };
	char nl[32], name[8], other[8], dep[40], aff[40];

	begin(5);
	for (size_t i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "g%zu", i);
		/* Three distinct nodes in a random order (a Nodelist may not
		 * name a node twice). */
		unsigned int a = rnd(5), b = (a + 1 + rnd(4)) % 5, d;

		do
			d = rnd(5);
		while (d == a || d == b);
		snprintf(nl, sizeof(nl), "n%u,n%u,n%u", a + 1, b + 1, d + 1);
		if (rnd(3) == 0)
			grp(name, rnd(2) ? nl : "", TU_ASSIGN("RG_mode=Scalable",
			    "Maximum_primaries=3", rnd(2) ?
			    "Desired_primaries=2" : "Desired_primaries=3",
			    rnd(2) ? "Failback=TRUE" : "Failback=FALSE"));
		else
			grp(name, rnd(2) ? nl : "", rnd(2) ?
			    TU_ASSIGN("Failback=TRUE") : TU_NONE);
		snprintf(other, sizeof(other), "r%zu", i);
		rsc(other, name, rnd(2) ? "TEST.a" : "TEST.b", TU_NONE);
		if (i > 0 && rnd(3) == 0) {
			snprintf(other, sizeof(other), "g%u", rnd((unsigned)i));
			snprintf(dep, sizeof(dep), "RG_dependencies=%s", other);
			chg(name, TU_ASSIGN(dep));
		}
		if (i > 0 && rnd(2) == 0) {
			snprintf(aff, sizeof(aff), "RG_affinities=%s%s",
			    affs[rnd(4)], "g0");
			aff[strlen(aff) - 1] = (char)('0' + rnd((unsigned)i));
			chg(name, TU_ASSIGN(aff));
		}
	}
	for (size_t g = 0; g < 8; g++)
		for (size_t n = 0; n < nn; n++) {
			unsigned int x = rnd(20);

			cells[g * nn + n].state = x < 5 ? RG_ONLINE : x == 5 ?
			    RG_PENDING_OFFLINE : x == 6 && rnd(4) == 0 ?
			    RG_ERROR_STOP_FAILED : RG_OFFLINE;
			if (rnd(8) == 0)
				cells[g * nn + n].failed_at = in.now -
				    (long)rnd(7200);
			cells[g * nn + n].giveover = rnd(30) == 0;
		}
	for (size_t n = 0; n < nn; n++) {
		nodes[n].up = rnd(4) != 0;
		nodes[n].unclean = !nodes[n].up && rnd(4) == 0;
		nodes[n].evacuating = rnd(10) == 0;
		lacks[rnd(2) * nn + n] = rnd(6) == 0;
	}
	in.quorate = rnd(10) != 0;
}

static bool
frozen_group(size_t g)
{
	return out.g[g].reason == PLACEMENT_STOP_FAILED ||
	    out.g[g].reason == PLACEMENT_UNCLEAN;
}

/* Where g is wanted, it may be: up, not evacuating, and (unless frozen
 * where it runs) honouring its strong affinities and dependencies. */
static void
check_group(size_t g)
{
	bool scal = strcmp(ccr_rg_value(c->groups[g], "RG_mode")->s,
	    "Scalable") == 0;
	unsigned int cnt = 0;

	for (size_t n = 0; n < nn; n++) {
		if (!out.wanted[g * nn + n])
			continue;
		cnt++;
		CU_ASSERT_TRUE(nodes[n].up);
		if (frozen_group(g)) {
			CU_ASSERT_TRUE(placement_is_running(
			    cells[g * nn + n].state));
			continue;
		}
		CU_ASSERT_FALSE(nodes[n].evacuating);
		CU_ASSERT_FALSE(cells[g * nn + n].giveover);
		for (size_t h = 0; h < c->n_groups; h++) {
			if (has_affinity(g, "++", h))
				CU_ASSERT_TRUE(out.wanted[h * nn + n]);
			if (has_affinity(g, "--", h))
				CU_ASSERT_FALSE(out.wanted[h * nn + n]);
			if (depends_on(g, h))
				CU_ASSERT_TRUE(out.g[h].n_wanted > 0);
		}
	}
	CU_ASSERT_EQUAL(cnt, out.g[g].n_wanted);
	CU_ASSERT_TRUE(cnt <= (scal ? 3u : 1u));
	if (!in.quorate)
		CU_ASSERT_EQUAL(cnt, 0);
}

/* Stops before starts; a start only where wanted and not stuck; a
 * dependee's start before its dependent's. */
static void
check_actions(void)
{
	bool started = false;

	for (size_t i = 0; i < out.n_act; i++) {
		const struct placement_action *a = &out.act[i];
		size_t cell_i = a->group * nn + a->node;

		if (a->verb == PLACEMENT_STOP) {
			CU_ASSERT_FALSE(started);
			CU_ASSERT_TRUE(nodes[a->node].up);
			CU_ASSERT_TRUE(!out.wanted[cell_i] || a->restart);
			continue;
		}
		started = true;
		CU_ASSERT_TRUE(out.wanted[cell_i]);
		CU_ASSERT_NOT_EQUAL(cells[cell_i].state, RG_ERROR_STOP_FAILED);
		for (size_t j = i + 1; j < out.n_act; j++)
			CU_ASSERT_FALSE(depends_on(a->group, out.act[j].group) &&
			    out.act[j].verb == PLACEMENT_START);
	}
	if (!in.quorate)
		CU_ASSERT_EQUAL(out.n_act, 0);
}

/* The same situation with the nodes given in reverse order gives the
 * same decisions, node for node. */
static void
check_reversed(void)
{
	static struct placement_node rn[MAXN];
	static struct placement_cell rc[MAXG * MAXN];
	static bool rl[4 * MAXN];
	struct placement_input rin = in;
	struct placement_result r2 = { 0 };
	size_t ng = c->n_groups;

	for (size_t i = 0; i < nn; i++) {
		size_t o = nn - 1 - i;

		rn[i] = nodes[o];
		for (size_t g = 0; g < ng; g++)
			rc[g * nn + i] = cells[g * nn + o];
		for (size_t t = 0; t < c->n_types; t++)
			rl[t * nn + i] = lacks[t * nn + o];
	}
	rin.nodes = rn;
	rin.cells = rc;
	rin.lacks_module = rl;
	CU_ASSERT_EQUAL_FATAL(placement_compute(&rin, &r2), 0);
	CU_ASSERT_EQUAL(r2.n_act, out.n_act);
	for (size_t g = 0; g < ng; g++) {
		CU_ASSERT_EQUAL(r2.g[g].reason, out.g[g].reason);
		for (size_t i = 0; i < nn; i++)
			CU_ASSERT_EQUAL(r2.wanted[g * nn + i],
			    out.wanted[g * nn + nn - 1 - i]);
	}
	for (size_t i = 0; i < r2.n_act && i < out.n_act; i++) {
		CU_ASSERT_EQUAL(r2.act[i].verb, out.act[i].verb);
		CU_ASSERT_EQUAL(r2.act[i].group, out.act[i].group);
		CU_ASSERT_EQUAL(r2.act[i].node, nn - 1 - out.act[i].node);
	}
	placement_result_free(&r2);
}

static void
test_random_invariants(void)
{
	/* what the rounds went through: none may stay 0 */
	unsigned int starts = 0, stops = 0, blocked = 0, frozen = 0;

	rng_state = 0x9e3779b97f4a7c15ULL;
	for (int round = 0; round < 300; round++) {
		random_situation();
		run();
		for (size_t g = 0; g < c->n_groups; g++) {
			check_group(g);
			blocked += out.g[g].blocked;
			frozen += frozen_group(g);
		}
		check_actions();
		check_reversed();
		for (size_t i = 0; i < out.n_act; i++)
			*(out.act[i].verb == PLACEMENT_START ? &starts :
			    &stops) += 1;
	}
	CU_ASSERT_TRUE(starts > 0 && stops > 0 && blocked > 0 && frozen > 0);
	end();
}

/* ---- waits: what follows something on another node ---- */

static void
test_waits_dependee_on_other_node(void)
{
	begin(2);
	grp("db", "n1,n2", TU_NONE);
	grp("app", "n2,n1", TU_ASSIGN("RG_dependencies=db"));
	run();
	ACTS("start db@n1 start app@n2");
	LATER("start app@n2<db");
	/* the next round: db is online, app goes */
	on("db", "n1");
	run();
	ACTS("start app@n2");
	LATER("");
	/* db still starting on n1: app waits for it */
	at("db", "n1")->state = RG_PENDING_ONLINE;
	run();
	LATER("start app@n2<db");
	end();
}

static void
test_waits_not_on_same_node(void)
{
	/* One node runs its actions in order: nothing waits. */
	begin(2);
	grp("db", "n1", TU_NONE);
	grp("app", "n1", TU_ASSIGN("RG_dependencies=db"));
	run();
	ACTS("start db@n1 start app@n1");
	LATER("");
	at("db", "n1")->state = RG_PENDING_ONLINE;
	run();
	ACTS("start app@n1");
	LATER("");
	end();
}

static void
test_waits_stop_after_dependents(void)
{
	begin(2);
	grp("g1", "n1", TU_NONE);
	grp("g2", "n2", TU_ASSIGN("RG_dependencies=g1"));
	on("g1", "n1");
	on("g2", "n2");
	req[gi("g1")].kind = PLACEMENT_REQ_OFFLINE;
	run();
	ACTS("stop g2@n2 stop g1@n1");
	LATER("stop g1@n1<g2");
	/* g2 still stopping on n2 */
	at("g2", "n2")->state = RG_PENDING_OFFLINE;
	run();
	LATER("stop g1@n1<g2");
	at("g2", "n2")->state = RG_OFFLINE;
	run();
	ACTS("stop g1@n1");
	LATER("");
	end();
}

static void
test_waits_switch_own_stop(void)
{
	begin(2);
	grp("g", "n1,n2", TU_NONE);
	on("g", "n1");
	switch_to("g", "n2", NULL);
	run();
	ACTS("stop g@n1 start g@n2");
	LATER("start g@n2<g");
	end();
}

static void
test_waits_restart_same_node(void)
{
	/* The restart's start follows its own stop, in a later round even
	 * on the same node (a node runs one operation of a group at a
	 * time); the dependee's start on that node does not wait. */
	begin(2);
	grp("g1", "n1,n2", TU_NONE);
	grp("g2", "n2", TU_NONE);
	rsc("r1", "g1", "TEST.a", TU_NONE);
	rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_restart=r1"));
	on("g1", "n1");
	on("g2", "n2");
	down("n1");
	run();
	ACTS("*stop g2@n2 start g1@n2 *start g2@n2");
	LATER("start g2@n2<g2");
	end();
}

static void
test_waits_chain_across_nodes(void)
{
	/* c -> b -> a on three nodes: each waits for the one before; and
	 * a start that follows a waiting one on its own node waits too. */
	begin(3);
	grp("a", "n1", TU_NONE);
	grp("b", "n2", TU_ASSIGN("RG_dependencies=a"));
	grp("c", "n3", TU_ASSIGN("RG_dependencies=b"));
	run();
	ACTS("start a@n1 start b@n2 start c@n3");
	LATER("start b@n2<a start c@n3<b");
	begin(2);
	grp("a", "n1,n2", TU_NONE);
	grp("b", "n2", TU_ASSIGN("RG_dependencies=a"));
	on("a", "n1");
	switch_to("a", "n2", NULL);
	run();
	ACTS("stop a@n1 start a@n2 start b@n2");
	LATER("start a@n2<a start b@n2<a");
	end();
}

static void
test_waits_resource_dependencies(void)
{
	/* Resource dependencies across groups order the groups too, the
	 * weak ones included; affinities do not. */
	begin(2);
	grp("g2", "n2", TU_NONE);
	grp("g1", "n1", TU_NONE);
	rsc("r1", "g1", "TEST.a", TU_NONE);
	rsc("r2", "g2", "TEST.a",
	    TU_ASSIGN("Resource_dependencies_weak=r1"));
	run();
	ACTS("start g1@n1 start g2@n2");
	LATER("start g2@n2<g1");
	begin(2);
	grp("g1", "n1", TU_NONE);
	grp("g2", "n2,n1", TU_ASSIGN("RG_affinities=-g1"));
	run();
	LATER("");
	end();
}

static const struct tu_test tests[] = {
	{ "nodelist order", test_nodelist_order },
	{ "default Nodelist by node id", test_nodelist_default_by_id },
	{ "Nodelist skips down nodes", test_nodelist_skips_down },
	{ "unknown Nodelist node", test_nodelist_unknown_node_ignored },
	{ "no node up", test_no_node_up },
	{ "unmanaged", test_unmanaged },
	{ "failover: at most one primary", test_failover_at_most_one },
	{ "scalable: Maximum_primaries", test_scalable_max },
	{ "scalable: Desired below Maximum", test_scalable_desired_below_max },
	{ "scalable: partial", test_scalable_partial },
	{ "Desired_primaries 0", test_desired_zero },
	{ "Failback FALSE stays", test_failback_false_stays },
	{ "Failback TRUE moves back", test_failback_true_moves_back },
	{ "node loss moves the group", test_node_loss_moves },
	{ "scalable: third node takes over",
	    test_scalable_loss_third_takes_over },
	{ "scalable: join and Failback", test_scalable_join_failback },
	{ "join fills a partial group", test_join_fills_partial },
	{ "Pingpong avoids the node", test_pingpong_avoids },
	{ "Pingpong expired", test_pingpong_expired },
	{ "Pingpong everywhere", test_pingpong_everywhere },
	{ "Pingpong_interval 0", test_pingpong_zero },
	{ "Pingpong keeps a running group", test_pingpong_keeps_running },
	{ "give-over moves", test_giveover_moves },
	{ "give-over honours Pingpong", test_giveover_honours_pingpong },
	{ "give-over with nowhere to go", test_giveover_nowhere },
	{ "dependency order", test_dependency_order },
	{ "dependency order, reversed config",
	    test_dependency_order_reversed_config },
	{ "dependency blocked", test_dependency_blocked },
	{ "dependency chain taken offline", test_dependency_chain_offline },
	{ "dependency cycle", test_dependency_cycle },
	{ "resource dependency across groups",
	    test_resource_dependency_across_groups },
	{ "weak resource dependency", test_resource_dependency_weak },
	{ "disabled dependent resource", test_resource_dependency_disabled },
	{ "restart resource dependency", test_resource_dependency_restart },
	{ "affinity ++", test_affinity_strong_positive },
	{ "affinity ++ follows", test_affinity_strong_positive_follows },
	{ "affinity ++ blocked", test_affinity_strong_positive_blocked },
	{ "affinity ++ target node ineligible",
	    test_affinity_strong_positive_target_ineligible },
	{ "affinity +++ as ++", test_affinity_delegate_as_strong },
	{ "affinity --", test_affinity_strong_negative },
	{ "affinity -- evicts", test_affinity_strong_negative_evicts },
	{ "affinity -- no room", test_affinity_strong_negative_no_room },
	{ "affinity -- and Error_stop_failed",
	    test_affinity_strong_negative_stop_failed },
	{ "affinity +", test_affinity_weak_positive },
	{ "affinity + yields to eligibility",
	    test_affinity_weak_positive_yields },
	{ "affinity -", test_affinity_weak_negative },
	{ "affinity + vs Failback FALSE",
	    test_affinity_weak_vs_failback_false },
	{ "weak affinities add up", test_affinity_weak_sum },
	{ "affinity conflict", test_affinity_conflict },
	{ "scalable ++ scalable", test_affinity_scalable_follow },
	{ "affinity parse", test_affinity_parse },
	{ "affinity check", test_affinity_check },
	{ "affinities in the repository", test_affinity_ccr },
	{ "missing module", test_missing_module },
	{ "disabled resource needs no module",
	    test_missing_module_disabled_resource },
	{ "Installed_nodes", test_installed_nodes },
	{ "no quorum", test_no_quorum },
	{ "Auto_start_on_new_cluster", test_auto_start_new_cluster },
	{ "Error_stop_failed blocks", test_stop_failed_blocks },
	{ "Error_stop_failed, scalable",
	    test_stop_failed_scalable_keeps_others },
	{ "frozen double primary trimmed", test_frozen_double_primary },
	{ "unclean node freezes", test_unclean_node_freezes },
	{ "evacuate", test_evacuate },
	{ "switch", test_switch_request },
	{ "switch refused by Pingpong", test_switch_refused_pingpong },
	{ "switch scalable", test_switch_scalable },
	{ "switch to a down node", test_switch_node_down },
	{ "offline request", test_offline_request },
	{ "waits: dependee on another node",
	    test_waits_dependee_on_other_node },
	{ "waits: not on the same node", test_waits_not_on_same_node },
	{ "waits: stop after dependents", test_waits_stop_after_dependents },
	{ "waits: switch", test_waits_switch_own_stop },
	{ "waits: restart on one node", test_waits_restart_same_node },
	{ "waits: chain across nodes", test_waits_chain_across_nodes },
	{ "waits: resource dependencies",
	    test_waits_resource_dependencies },
	{ "Pending_offline stopped first",
	    test_pending_offline_is_stopped_first },
	{ "node order irrelevant", test_node_order_irrelevant },
	{ "deterministic", test_deterministic },
	{ "bad input", test_bad_input },
	{ "no groups, no nodes", test_empty },
	{ "invariants over 300 random situations", test_random_invariants },
	{ NULL, NULL },
};

int
tu_suite_placement(void)
{
	return tu_add_suite("placement", placement_suite_init,
	    placement_suite_clean, tests);
}
