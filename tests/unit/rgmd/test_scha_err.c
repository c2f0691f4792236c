// SPDX-License-Identifier: MIT
/*
 * test_scha_err.c - CUnit suite of rgmd/scha_err.c: the scha_err_t code
 * given to a refusal from its wording. Proves, on the messages rgmd
 * really says (copied from the handlers): each common class gets Sun's
 * code, the more specific wording wins over the general one ("unknown
 * resource type" is 13, not 14), a message of several lines is classified
 * by any of its lines, a broken RTR file is not 13 (which scripts read as
 * "already registered"), and anything else is SCHA_ERR_INTERNAL.
 */
#include <stdio.h>

#include "scha_err.h"
#include "tu.h"

/* A refusal's wording and the code it must get. */
struct class_case {
	const char	*msg;
	int		 want;
};

/* Unknown or existing groups, resources and types; no RTR file. */
static const struct class_case names_cases[] = {
	{ "unknown resource group nogroup\n", SCHA_ERR_RG },
	{ "resource group web-rg already exists", SCHA_ERR_RG },
	{ "unknown resource nores\n", SCHA_ERR_RSRC },
	{ "resource web already exists", SCHA_ERR_RSRC },
	{ "unknown resource type SUNW.none (register it with scrgadm "
	  "-a -t)", SCHA_ERR_RT },
	{ "resource type SUNW.gds is already registered", SCHA_ERR_RT },
	{ "resource type SUNW.x: no SUNW.x.rtr in the resource type "
	  "directories (give one with -f)", SCHA_ERR_INVAL },
};

/* Properties: unknown, not tunable, bad values, extension ones. */
static const struct class_case props_cases[] = {
	{ "resource type SUNW.gds: property Bogus cannot be changed",
	  SCHA_ERR_PROP },
	{ "unknown standard property Bogus", SCHA_ERR_PROP },
	{ "property Retry_count: \"many\" is not a valid INT",
	  SCHA_ERR_PROP },
	{ "property Retry_count: INT 11 is above the maximum 10",
	  SCHA_ERR_PROP },
	{ "Start_command is an extension property: set it with -x",
	  SCHA_ERR_PROP },
};

/* Permission, quorum, membership, conflicts, time-outs. */
static const struct class_case cluster_cases[] = {
	{ "online: permission denied: changes need root or membership "
	  "of group rgm", SCHA_ERR_ACCESS },
	{ "the cluster has no quorum in this partition",
	  SCHA_ERR_CLUSTER },
	{ "this node is catching up with the cluster",
	  SCHA_ERR_CLUSTER },
	{ "this node is not in the cluster (corosync is not "
	  "reachable): changes are refused, reads still work",
	  SCHA_ERR_CLUSTER },
	{ "nodes 1 and 2 hold generation 7 with different contents: "
	  "changes are refused until an operator resolves it",
	  SCHA_ERR_CLUSTER },
	{ "this node is out of step with the cluster's configuration "
	  "(x): changes are refused here", SCHA_ERR_CLUSTER },
	{ "configuration not changed: configuration conflict in the "
	  "cluster", SCHA_ERR_CLUSTER },
	{ "the cluster group went away while the change was on its "
	  "way: it may or may not have been applied",
	  SCHA_ERR_CLUSTER },
	{ "cannot send the change to the cluster: Broken pipe",
	  SCHA_ERR_CLUSTER },
	{ "the configuration kept changing on other nodes (3 tries): "
	  "nothing was changed; try again", SCHA_ERR_SEQID },
	{ "node 2 did not answer", SCHA_ERR_TIMEOUT },
};

/* Nodes, malformed requests, states, failed validation. */
static const struct class_case requests_cases[] = {
	{ "unknown node nosuch: not a cluster node (cluster nodes: "
	  "node1)", SCHA_ERR_NODE },
	{ "malformed request: group= is missing", SCHA_ERR_INVAL },
	{ "unknown request \"explode\"", SCHA_ERR_INVAL },
	{ "node othernode is not a cluster member", SCHA_ERR_NODE },
	{ "resource group web-rg is online: take it offline first",
	  SCHA_ERR_STATE },
	{ "resource web is enabled: disable it first", SCHA_ERR_STATE },
	{ "resource web: validation failed (exit 1): bad port",
	  SCHA_ERR_CHECKS },
};

/* Messages of several lines. */
static const struct class_case lines_cases[] = {
	/* any line: a warning first, the refusal after it */
	{ "warning: resource web: stop took long\nunknown resource "
	  "group g\n", SCHA_ERR_RG },
	/* the order of the table across lines: the more specific
	 * class wins wherever its line is */
	{ "unknown resource x\nunknown resource type T\n",
	  SCHA_ERR_RT },
};

/* Out of memory, and the checks of a configuration: names, values,
 * dependencies, states, Pingpong, limits. */
static const struct class_case checks_cases[] = {
	{ "property Retry_count: out of memory", SCHA_ERR_NOMEM },
	{ "resource name \".x\" is not valid: use 1 to 127 letters",
	  SCHA_ERR_INVAL },
	{ "resource b: Resource_dependencies names a, which is not a "
	  "resource", SCHA_ERR_PROP },
	{ "group g: Maximum_primaries 2 > 1 needs RG_mode=Scalable",
	  SCHA_ERR_PROP },
	{ "resource a: its dependencies form a cycle",
	  SCHA_ERR_DEPEND },
	{ "resource a cannot be disabled: enabled resource b depends "
	  "on it", SCHA_ERR_DEPEND },
	{ "resource group g is Error_stop_failed on n1: clear it first "
	  "(scswitch -c -h n1 -j RESOURCE -f STOP_FAILED)",
	  SCHA_ERR_STATE },
	{ "resource group g was given over from n1: the node is "
	  "ineligible for 3000 more s (Pingpong_interval)",
	  SCHA_ERR_CHECKS },
	{ "resource type SUNW.gds is still used by resource web",
	  SCHA_ERR_DEPEND },
	{ "resource group web-rg still contains resource web",
	  SCHA_ERR_DEPEND },
	{ "resource group a is named in RG_affinities of b",
	  SCHA_ERR_DEPEND },
	{ "group g: node n1 is given twice in Nodelist",
	  SCHA_ERR_PROP },
	{ "resource type T is a failover type and group g is not a "
	  "failover group", SCHA_ERR_INVAL },
	{ "there are more than 64 resource groups: name them (-g)",
	  SCHA_ERR_INVAL },
	{ "the configuration would be 70000 bytes: a change can carry "
	  "at most 65000 (see rgmd(8), LIMITS)", SCHA_ERR_INVAL },
};

/* Anything else is SCHA_ERR_INTERNAL. */
static const struct class_case other_cases[] = {
	{ "resource web: start failed (exit 1)", SCHA_ERR_INTERNAL },
	{ "", SCHA_ERR_INTERNAL },
	{ NULL, SCHA_ERR_INTERNAL },
};

static void
check_classes(const struct class_case *tab, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int got = scha_err_of_text(tab[i].msg);

		CU_ASSERT_EQUAL(got, tab[i].want);
		if (got != tab[i].want)
			fprintf(stderr, "'%s': %d, want %d\n", tab[i].msg ?
			    tab[i].msg : "(null)", got, tab[i].want);
	}
}

#define CHECK_CLASSES(tab) check_classes((tab), sizeof(tab) / sizeof(*(tab)))

static void
test_classes(void)
{
	CHECK_CLASSES(names_cases);
	CHECK_CLASSES(props_cases);
	CHECK_CLASSES(cluster_cases);
	CHECK_CLASSES(requests_cases);
	CHECK_CLASSES(lines_cases);
	CHECK_CLASSES(checks_cases);
	CHECK_CLASSES(other_cases);
}

/* Sun's numbering (scha_calls(3HA)); scripts compare against numbers. */
static void
test_numbering(void)
{
	CU_ASSERT_EQUAL(SCHA_ERR_INVAL, 3);
	CU_ASSERT_EQUAL(SCHA_ERR_TAG, 4);
	CU_ASSERT_EQUAL(SCHA_ERR_ACCESS, 6);
	CU_ASSERT_EQUAL(SCHA_ERR_STATE, 9);
	CU_ASSERT_EQUAL(SCHA_ERR_NODE, 11);
	CU_ASSERT_EQUAL(SCHA_ERR_RG, 12);
	CU_ASSERT_EQUAL(SCHA_ERR_RT, 13);
	CU_ASSERT_EQUAL(SCHA_ERR_RSRC, 14);
	CU_ASSERT_EQUAL(SCHA_ERR_PROP, 15);
	CU_ASSERT_EQUAL(SCHA_ERR_CHECKS, 16);
	CU_ASSERT_EQUAL(SCHA_ERR_RSTATUS, 17);
	CU_ASSERT_EQUAL(SCHA_ERR_INTERNAL, 18);
	CU_ASSERT_EQUAL(SCHA_ERR_CLUSTER, 19);
	CU_ASSERT_EQUAL(SCHA_ERR_TIMEOUT, 21);
}

int
tu_suite_scha_err(void)
{
	static const struct tu_test tests[] = {
		{ "classes of refusals", test_classes },
		{ "Sun's numbering", test_numbering },
		{ NULL, NULL },
	};

	return tu_add_suite("scha_err", NULL, NULL, tests);
}
