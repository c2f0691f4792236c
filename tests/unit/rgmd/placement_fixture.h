/* SPDX-License-Identifier: MIT */
/*
 * placement_fixture.h - the shared fixture of the placement suites
 * (test_placement_*.c, placement_fixture.c): build a situation (nodes,
 * groups, resources, states, requests), run placement_compute on it, and
 * check the outcome as short text with WHERE, ACTS, LATER and WHY.
 * A test starts with pf_begin (or pf_begin_order) and ends with pf_end.
 */
#ifndef TU_PLACEMENT_FIXTURE_H
#define TU_PLACEMENT_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include <CUnit/CUnit.h>

#include "ccr.h"
#include "placement.h"
#include "tu.h"

#define PF_MAXG 32	/* groups in a situation, at most */
#define PF_MAXN 8	/* nodes in a situation, at most */

/* The situation being built, and the result of the last pf_run. The
 * cells, missing modules and requests are indexed group * pf_nn + node,
 * type * pf_nn + node and group. */
extern struct ccr *pf_c;
extern char pf_err[512];
extern struct placement_node pf_nodes[PF_MAXN];
extern size_t pf_nn;
extern struct placement_cell pf_cells[PF_MAXG * PF_MAXN];
extern bool pf_lacks[4 * PF_MAXN];
extern struct placement_request pf_req[PF_MAXG];
extern struct placement_input pf_in;
extern struct placement_result pf_out;

/* Suite set-up and clean-up: the scratch directory for the RTR files. */
int	pf_suite_init(void);
int	pf_suite_clean(void);

/* A fresh situation with nodes in the order given ("n3,n1,n2"; node nK
 * has id K; all up), or with nodes n1..nN. */
void	pf_begin_order(const char *order);
void	pf_begin(size_t n);
/* Free the situation and the result. */
void	pf_end(void);

/* Index of a group, of a node (a fatal failure when there is none). */
size_t	pf_gi(const char *name);
size_t	pf_ni(const char *name);

/* A managed group; nodelist "n2,n1" or "" (all nodes). */
void	pf_grp(const char *name, const char *nodelist,
	    const struct ccr_assign *y);
/* Change properties of a group. */
void	pf_chg(const char *name, const struct ccr_assign *y);
/* An enabled resource of a type in a group. */
void	pf_rsc(const char *name, const char *group, const char *type,
	    const struct ccr_assign *y);
/* The state cell of group g on node n. */
struct placement_cell *pf_at(const char *g, const char *n);
/* Group g online on node n. */
void	pf_on(const char *g, const char *n);
/* Node n down. */
void	pf_down(const char *n);
/* Node n lacks the module of type. */
void	pf_lack(const char *type, const char *n);
/* A switch request of g to n1 (and n2 unless NULL). */
void	pf_switch_to(const char *g, const char *n1, const char *n2);
/* placement_compute into pf_out (a fatal failure if it fails). */
void	pf_run(void);

/* The wanted primaries of g, by node id: "n1,n3", or "-". */
const char *pf_where(const char *g);
/* The actions: "stop g2@n1 start g1@n2", a restart marked with '*'. */
const char *pf_acts(void);
/* The actions that wait: "start app@n2<db", one per action, by order. */
const char *pf_later(void);
/* The reason's name for g ("Placed", "Pingpong", ...). */
const char *pf_why(const char *g);
/* placement_explain's text for g. */
const char *pf_text(const char *g);

/* A call that must succeed: shows pf_err on failure. */
#define OK(call) tu_assert_ok((call), pf_err, #call, __LINE__, __FILE__)

#define WHERE(g, s) CU_ASSERT_STRING_EQUAL(pf_where(g), s)
#define ACTS(s) CU_ASSERT_STRING_EQUAL(pf_acts(), s)
#define LATER(s) CU_ASSERT_STRING_EQUAL(pf_later(), s)
#define WHY(g, s) CU_ASSERT_STRING_EQUAL(pf_why(g), s)
#define IS_BLOCKED(name) CU_ASSERT_TRUE(pf_out.g[pf_gi(name)].blocked)
#define IS_UNBLOCKED(name) CU_ASSERT_FALSE(pf_out.g[pf_gi(name)].blocked)

/* Properties of a scalable group. */
#define SCALABLE(max, des) TU_ASSIGN("RG_mode=Scalable",		\
	"Maximum_primaries=" #max, "Desired_primaries=" #des)

#endif
