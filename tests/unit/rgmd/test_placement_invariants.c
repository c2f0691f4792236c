// SPDX-License-Identifier: MIT
/*
 * test_placement_invariants.c - suite "placement_invariants"
 * (rgmd/placement.c and placement_text.c): what holds in every situation:
 * the same decisions whatever the order the nodes are given in, the same
 * result twice, bad and empty input, and invariants checked over random
 * situations (at most Maximum_primaries, strong affinities and
 * dependencies held, stops before starts, dependees started first, the
 * same decisions with the nodes given in reverse order).
 * The situations come from placement_fixture.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccr.h"
#include "placement.h"
#include "placement_fixture.h"
#include "tu.h"

/* ---- determinism and node order ---- */

/* A mixed situation, rendered with names only. */
static char *
scenario(const char *order)
{
	char *s;

	pf_begin_order(order);
	pf_grp("db", "n2,n3,n1", TU_NONE);
	pf_grp("web", "", TU_ASSIGN("RG_mode=Scalable", "Maximum_primaries=3",
	    "Desired_primaries=3", "RG_dependencies=db"));
	pf_grp("lb", "", TU_ASSIGN("RG_affinities=--db,+web"));
	pf_grp("cache", "n3,n4", TU_ASSIGN("RG_affinities=++db"));
	pf_rsc("rdb", "db", "TEST.a", TU_NONE);
	pf_rsc("rweb", "web", "TEST.b", TU_ASSIGN("Resource_dependencies=rdb"));
	pf_on("db", "n2");
	pf_on("web", "n1");
	pf_at("web", "n4")->failed_at = pf_in.now - 5;
	pf_lack("TEST.b", "n3");
	pf_down("n2");
	pf_run();
	s = calloc(1, 1024);
	if (s == NULL)
		return NULL;
	for (size_t k = 0; k < 4; k++) {
		static const char *const g[] = { "db", "web", "lb", "cache" };
		size_t len = strlen(s);

		snprintf(s + len, 1024 - len, "%s=%s ", g[k], pf_where(g[k]));
	}
	snprintf(s + strlen(s), 1024 - strlen(s), "%s; %s; %s", pf_why("cache"),
	    pf_acts(), pf_text("web"));
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
	pf_end();
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

	pf_begin(5);
	for (int i = 0; i < 12; i++) {
		char name[8], dep[32];

		snprintf(name, sizeof(name), "g%d", i);
		snprintf(dep, sizeof(dep), "RG_dependencies=g%d", i / 2);
		pf_grp(name, i % 3 ? "n3,n1,n5" : "", i ? TU_ASSIGN(dep) :
		    TU_NONE);
	}
	pf_on("g4", "n3");
	pf_down("n1");
	pf_run();
	first = pf_out;
	memset(&pf_out, 0, sizeof(pf_out));
	pf_run();
	CU_ASSERT_TRUE(first.n_act > 0);
	CU_ASSERT_TRUE(same_result(&first, &pf_out));
	/* a reused result gives the same again */
	pf_run();
	CU_ASSERT_TRUE(same_result(&first, &pf_out));
	placement_result_free(&first);
	pf_end();
}

static void
test_bad_input(void)
{
	struct placement_input bad = { 0 };

	CU_ASSERT_EQUAL(placement_compute(&bad, &pf_out), -1);
	CU_ASSERT_EQUAL(placement_compute(NULL, &pf_out), -1);
}

static void
test_empty(void)
{
	pf_begin(0);
	pf_run();
	CU_ASSERT_EQUAL(pf_out.n_act, 0);
	pf_end();
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
	const struct prop_value *v = ccr_rg_value(pf_c->groups[g],
	    "RG_affinities");
	char want[32];

	snprintf(want, sizeof(want), "%s%s", prefix, pf_c->groups[h]->name);
	for (size_t i = 0; v && i < v->n; i++)
		if (strcmp(v->v[i], want) == 0)
			return true;
	return false;
}

static bool
depends_on(size_t g, size_t h)
{
	const struct prop_value *v = ccr_rg_value(pf_c->groups[g],
	    "RG_dependencies");

	for (size_t i = 0; v && i < v->n; i++)
		if (strcmp(v->v[i], pf_c->groups[h]->name) == 0)
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

	pf_begin(5);
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
			pf_grp(name, rnd(2) ? nl : "",
			    TU_ASSIGN("RG_mode=Scalable",
			    "Maximum_primaries=3", rnd(2) ?
			    "Desired_primaries=2" : "Desired_primaries=3",
			    rnd(2) ? "Failback=TRUE" : "Failback=FALSE"));
		else
			pf_grp(name, rnd(2) ? nl : "", rnd(2) ?
			    TU_ASSIGN("Failback=TRUE") : TU_NONE);
		snprintf(other, sizeof(other), "r%zu", i);
		pf_rsc(other, name, rnd(2) ? "TEST.a" : "TEST.b", TU_NONE);
		if (i > 0 && rnd(3) == 0) {
			snprintf(other, sizeof(other), "g%u", rnd((unsigned)i));
			snprintf(dep, sizeof(dep), "RG_dependencies=%s", other);
			pf_chg(name, TU_ASSIGN(dep));
		}
		if (i > 0 && rnd(2) == 0) {
			snprintf(aff, sizeof(aff), "RG_affinities=%s%s",
			    affs[rnd(4)], "g0");
			aff[strlen(aff) - 1] = (char)('0' + rnd((unsigned)i));
			pf_chg(name, TU_ASSIGN(aff));
		}
	}
	for (size_t g = 0; g < 8; g++)
		for (size_t n = 0; n < pf_nn; n++) {
			unsigned int x = rnd(20);

			pf_cells[g * pf_nn + n].state = x < 5 ? RG_ONLINE :
			    x == 5 ? RG_PENDING_OFFLINE : x == 6 &&
			    rnd(4) == 0 ? RG_ERROR_STOP_FAILED : RG_OFFLINE;
			if (rnd(8) == 0)
				pf_cells[g * pf_nn + n].failed_at = pf_in.now -
				    (long)rnd(7200);
			pf_cells[g * pf_nn + n].giveover = rnd(30) == 0;
		}
	for (size_t n = 0; n < pf_nn; n++) {
		pf_nodes[n].up = rnd(4) != 0;
		pf_nodes[n].unclean = !pf_nodes[n].up && rnd(4) == 0;
		pf_nodes[n].evacuating = rnd(10) == 0;
		pf_lacks[rnd(2) * pf_nn + n] = rnd(6) == 0;
	}
	pf_in.quorate = rnd(10) != 0;
}

static bool
frozen_group(size_t g)
{
	return pf_out.g[g].reason == PLACEMENT_STOP_FAILED ||
	    pf_out.g[g].reason == PLACEMENT_UNCLEAN;
}

/* Where g is wanted, it may be: up, not evacuating, and (unless frozen
 * where it runs) honouring its strong affinities and dependencies. */
static void
check_group(size_t g)
{
	bool scal = strcmp(ccr_rg_value(pf_c->groups[g], "RG_mode")->s,
	    "Scalable") == 0;
	unsigned int cnt = 0;

	for (size_t n = 0; n < pf_nn; n++) {
		if (!pf_out.wanted[g * pf_nn + n])
			continue;
		cnt++;
		CU_ASSERT_TRUE(pf_nodes[n].up);
		if (frozen_group(g)) {
			CU_ASSERT_TRUE(placement_is_running(
			    pf_cells[g * pf_nn + n].state));
			continue;
		}
		CU_ASSERT_FALSE(pf_nodes[n].evacuating);
		CU_ASSERT_FALSE(pf_cells[g * pf_nn + n].giveover);
		for (size_t h = 0; h < pf_c->n_groups; h++) {
			if (has_affinity(g, "++", h))
				CU_ASSERT_TRUE(pf_out.wanted[h * pf_nn + n]);
			if (has_affinity(g, "--", h))
				CU_ASSERT_FALSE(pf_out.wanted[h * pf_nn + n]);
			if (depends_on(g, h))
				CU_ASSERT_TRUE(pf_out.g[h].n_wanted > 0);
		}
	}
	CU_ASSERT_EQUAL(cnt, pf_out.g[g].n_wanted);
	CU_ASSERT_TRUE(cnt <= (scal ? 3u : 1u));
	if (!pf_in.quorate)
		CU_ASSERT_EQUAL(cnt, 0);
}

/* Stops before starts; a start only where wanted and not stuck; a
 * dependee's start before its dependent's. */
static void
check_actions(void)
{
	bool started = false;

	for (size_t i = 0; i < pf_out.n_act; i++) {
		const struct placement_action *a = &pf_out.act[i];
		size_t cell_i = a->group * pf_nn + a->node;

		if (a->verb == PLACEMENT_STOP) {
			CU_ASSERT_FALSE(started);
			CU_ASSERT_TRUE(pf_nodes[a->node].up);
			CU_ASSERT_TRUE(!pf_out.wanted[cell_i] || a->restart);
			continue;
		}
		started = true;
		CU_ASSERT_TRUE(pf_out.wanted[cell_i]);
		CU_ASSERT_NOT_EQUAL(pf_cells[cell_i].state,
		    RG_ERROR_STOP_FAILED);
		for (size_t j = i + 1; j < pf_out.n_act; j++)
			CU_ASSERT_FALSE(depends_on(a->group,
			    pf_out.act[j].group) &&
			    pf_out.act[j].verb == PLACEMENT_START);
	}
	if (!pf_in.quorate)
		CU_ASSERT_EQUAL(pf_out.n_act, 0);
}

/* The same situation with the nodes given in reverse order gives the
 * same decisions, node for node. */
static void
check_reversed(void)
{
	static struct placement_node rn[PF_MAXN];
	static struct placement_cell rc[PF_MAXG * PF_MAXN];
	static bool rl[4 * PF_MAXN];
	struct placement_input rin = pf_in;
	struct placement_result r2 = { 0 };
	size_t ng = pf_c->n_groups;

	for (size_t i = 0; i < pf_nn; i++) {
		size_t o = pf_nn - 1 - i;

		rn[i] = pf_nodes[o];
		for (size_t g = 0; g < ng; g++)
			rc[g * pf_nn + i] = pf_cells[g * pf_nn + o];
		for (size_t t = 0; t < pf_c->n_types; t++)
			rl[t * pf_nn + i] = pf_lacks[t * pf_nn + o];
	}
	rin.nodes = rn;
	rin.cells = rc;
	rin.lacks_module = rl;
	CU_ASSERT_EQUAL_FATAL(placement_compute(&rin, &r2), 0);
	CU_ASSERT_EQUAL(r2.n_act, pf_out.n_act);
	for (size_t g = 0; g < ng; g++) {
		CU_ASSERT_EQUAL(r2.g[g].reason, pf_out.g[g].reason);
		for (size_t i = 0; i < pf_nn; i++)
			CU_ASSERT_EQUAL(r2.wanted[g * pf_nn + i],
			    pf_out.wanted[g * pf_nn + pf_nn - 1 - i]);
	}
	for (size_t i = 0; i < r2.n_act && i < pf_out.n_act; i++) {
		CU_ASSERT_EQUAL(r2.act[i].verb, pf_out.act[i].verb);
		CU_ASSERT_EQUAL(r2.act[i].group, pf_out.act[i].group);
		CU_ASSERT_EQUAL(r2.act[i].node, pf_nn - 1 - pf_out.act[i].node);
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
		pf_run();
		for (size_t g = 0; g < pf_c->n_groups; g++) {
			check_group(g);
			blocked += pf_out.g[g].blocked;
			frozen += frozen_group(g);
		}
		check_actions();
		check_reversed();
		for (size_t i = 0; i < pf_out.n_act; i++)
			*(pf_out.act[i].verb == PLACEMENT_START ? &starts :
			    &stops) += 1;
	}
	CU_ASSERT_TRUE(starts > 0 && stops > 0 && blocked > 0 && frozen > 0);
	pf_end();
}

static const struct tu_test tests[] = {
	{ "node order irrelevant", test_node_order_irrelevant },
	{ "deterministic", test_deterministic },
	{ "bad input", test_bad_input },
	{ "no groups, no nodes", test_empty },
	{ "invariants over 300 random situations", test_random_invariants },
	{ NULL, NULL },
};

int
tu_suite_placement_invariants(void)
{
	return tu_add_suite("placement_invariants", pf_suite_init,
	    pf_suite_clean, tests);
}
