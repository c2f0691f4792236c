// SPDX-License-Identifier: MIT
/*
 * placement_fixture.c - the situations the placement suites
 * (test_placement_*.c) build and the renderings they check: a real
 * configuration repository (types TEST.a and TEST.b loaded from RTR files,
 * groups and resources added with the ccr edits), the nodes in a given
 * order, the groups' states per node, failure history, missing modules and
 * operator requests; then placement_compute's wanted primaries, actions,
 * waits and reasons as short text. One situation at a time, in the
 * globals of placement_fixture.h.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccr.h"
#include "placement.h"
#include "placement_fixture.h"
#include "tu.h"

struct ccr *pf_c;
char pf_err[512];
struct placement_node pf_nodes[PF_MAXN];
size_t pf_nn;
struct placement_cell pf_cells[PF_MAXG * PF_MAXN];
bool pf_lacks[4 * PF_MAXN];
struct placement_request pf_req[PF_MAXG];
struct placement_input pf_in;
struct placement_result pf_out;

static char *dir;			/* the RTR files, per suite */
static char names[PF_MAXN][8];		/* of pf_nodes */
static bool req_nodes[PF_MAXG][PF_MAXN];	/* of the switch requests */
static char buf[4096];			/* pf_acts and pf_later */

static const char a_rtr[] =
    "RESOURCE_TYPE = \"TEST.a\";\n"
    "FAILOVER = false;\n"
    "MODULE = \"a.so\";\n";
static const char b_rtr[] =
    "RESOURCE_TYPE = \"TEST.b\";\n"
    "FAILOVER = false;\n"
    "MODULE = \"b.so\";\n";

int
pf_suite_init(void)
{
	return (dir = tu_mkdtemp()) ? 0 : -1;
}

int
pf_suite_clean(void)
{
	tu_rmtree(dir);
	dir = NULL;
	return 0;
}

/* Nodes in the order given ("n3,n1,n2"); node nK has id K; all up. */
void
pf_begin_order(const char *order)
{
	char tmp[64], *save = NULL;

	placement_result_free(&pf_out);
	ccr_free(pf_c);
	pf_c = ccr_new();
	CU_ASSERT_PTR_NOT_NULL_FATAL(pf_c);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(pf_c, dir, "a.rtr", a_rtr), 0);
	CU_ASSERT_EQUAL_FATAL(tu_add_type(pf_c, dir, "b.rtr", b_rtr), 0);
	memset(pf_cells, 0, sizeof(pf_cells));
	for (size_t i = 0; i < PF_MAXG * PF_MAXN; i++)
		pf_cells[i].state = RG_OFFLINE;
	memset(pf_lacks, 0, sizeof(pf_lacks));
	memset(pf_req, 0, sizeof(pf_req));
	memset(req_nodes, 0, sizeof(req_nodes));
	memset(pf_nodes, 0, sizeof(pf_nodes));
	snprintf(tmp, sizeof(tmp), "%s", order);
	pf_nn = 0;
	for (char *t = strtok_r(tmp, ",", &save); t && pf_nn < PF_MAXN;
	    t = strtok_r(NULL, ",", &save), pf_nn++) {
		snprintf(names[pf_nn], sizeof(names[pf_nn]), "%s", t);
		pf_nodes[pf_nn] = (struct placement_node){ .name = names[pf_nn],
			.id = (uint32_t)atoi(t + 1), .up = true };
	}
	pf_in = (struct placement_input){ .ccr = pf_c, .nodes = pf_nodes,
		.n_nodes = pf_nn, .quorate = true, .now = 100000,
		.cells = pf_cells, .lacks_module = pf_lacks, .req = pf_req };
}

void
pf_begin(size_t n)
{
	static const char *const orders[] = { "", "n1", "n1,n2",
		"n1,n2,n3", "n1,n2,n3,n4", "n1,n2,n3,n4,n5" };

	pf_begin_order(orders[n]);
}

void
pf_end(void)
{
	placement_result_free(&pf_out);
	ccr_free(pf_c);
	pf_c = NULL;
}

size_t
pf_gi(const char *name)
{
	for (size_t g = 0; g < pf_c->n_groups; g++)
		if (strcmp(pf_c->groups[g]->name, name) == 0)
			return g;
	CU_FAIL_FATAL("no such group");
	return 0;
}

size_t
pf_ni(const char *name)
{
	for (size_t n = 0; n < pf_nn; n++)
		if (strcmp(pf_nodes[n].name, name) == 0)
			return n;
	CU_FAIL_FATAL("no such node");
	return 0;
}

/* A managed group; nodelist "n2,n1" or "" (all nodes). */
void
pf_grp(const char *name, const char *nodelist, const struct ccr_assign *y)
{
	char tmp[64], *v[PF_MAXN], *save = NULL;
	size_t n = 0;

	snprintf(tmp, sizeof(tmp), "%s", nodelist);
	for (char *t = strtok_r(tmp, ",", &save); t && n < PF_MAXN;
	    t = strtok_r(NULL, ",", &save))
		v[n++] = t;
	OK(ccr_group_add(pf_c, name, v, n, y, pf_err, sizeof(pf_err)));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ccr_group(pf_c, name));
	ccr_group(pf_c, name)->managed = true;
}

void
pf_chg(const char *name, const struct ccr_assign *y)
{
	OK(ccr_group_change(pf_c, name, NULL, 0, y, pf_err, sizeof(pf_err)));
}

void
pf_rsc(const char *name, const char *group, const char *type,
    const struct ccr_assign *y)
{
	OK(ccr_resource_add(pf_c, name, type, group, y, TU_NONE, pf_err,
	    sizeof(pf_err)));
	ccr_resource(pf_c, name)->enabled = true;
}

struct placement_cell *
pf_at(const char *g, const char *n)
{
	return &pf_cells[pf_gi(g) * pf_nn + pf_ni(n)];
}

void
pf_on(const char *g, const char *n)
{
	pf_at(g, n)->state = RG_ONLINE;
}

void
pf_down(const char *n)
{
	pf_nodes[pf_ni(n)].up = false;
}

void
pf_lack(const char *type, const char *n)
{
	for (size_t t = 0; t < pf_c->n_types; t++)
		if (strcmp(pf_c->types[t]->name, type) == 0)
			pf_lacks[t * pf_nn + pf_ni(n)] = true;
}

void
pf_switch_to(const char *g, const char *n1, const char *n2)
{
	pf_req[pf_gi(g)].kind = PLACEMENT_REQ_SWITCH;
	pf_req[pf_gi(g)].nodes = req_nodes[pf_gi(g)];
	req_nodes[pf_gi(g)][pf_ni(n1)] = true;
	if (n2)
		req_nodes[pf_gi(g)][pf_ni(n2)] = true;
}

void
pf_run(void)
{
	pf_in.ccr = pf_c;
	CU_ASSERT_EQUAL_FATAL(placement_compute(&pf_in, &pf_out), 0);
}

/* Node name of id k (nodes may be given in any order). */
static const char *
node_by_id(uint32_t k)
{
	for (size_t n = 0; n < pf_nn; n++)
		if (pf_nodes[n].id == k)
			return pf_nodes[n].name;
	return NULL;
}

/* The wanted primaries of g, by node id: "n1,n3", or "-". */
const char *
pf_where(const char *g)
{
	static char w[256];
	size_t len = 0, gx = pf_gi(g);

	w[0] = '\0';
	for (uint32_t k = 1; k <= PF_MAXN; k++) {
		const char *name = node_by_id(k);

		if (name && pf_out.wanted[gx * pf_nn + pf_ni(name)])
			len += (size_t)snprintf(w + len, sizeof(w) - len,
			    "%s%s", len ? "," : "", name);
	}
	return len ? w : "-";
}

/* The actions: "stop g2@n1 start g1@n2", a restart marked with '*'. */
const char *
pf_acts(void)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < pf_out.n_act; i++) {
		const struct placement_action *a = &pf_out.act[i];

		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%s%s%s %s@%s", len ? " " : "", a->restart ? "*" : "",
		    a->verb == PLACEMENT_START ? "start" : "stop",
		    pf_c->groups[a->group]->name, pf_nodes[a->node].name);
	}
	return buf;
}

/* The actions that wait: "start app@n2<db", one per action, by order. */
const char *
pf_later(void)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < pf_out.n_act; i++) {
		const struct placement_action *a = &pf_out.act[i];

		if (!a->waits)
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%s%s %s@%s<%s", len ? " " : "",
		    a->verb == PLACEMENT_START ? "start" : "stop",
		    pf_c->groups[a->group]->name, pf_nodes[a->node].name,
		    pf_c->groups[a->waits_for]->name);
	}
	return buf;
}

const char *
pf_why(const char *g)
{
	return placement_reason_name(pf_out.g[pf_gi(g)].reason);
}

const char *
pf_text(const char *g)
{
	static char t[512];

	CU_ASSERT_EQUAL(placement_explain(&pf_in, &pf_out, pf_gi(g), t,
	    sizeof(t)), 0);
	return t;
}