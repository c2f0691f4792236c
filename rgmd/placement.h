/* SPDX-License-Identifier: MIT */
/*
 * placement.h - where every resource group should be online across the
 * cluster, and the ordered actions that get it there. One pure function:
 * no I/O, no globals, no clock (the caller gives `now`), deterministic.
 * The president calls it after every membership change, state report,
 * failure or configuration change; rgsim(8) and `scswitch --dry-run`
 * call it on a described situation. The rules are in rg_properties(5),
 * section PLACEMENT.
 *
 * Every per-group, per-node array is indexed [g * n_nodes + n], where g is
 * the index of the group in ccr->groups and n the index of the node in
 * in->nodes; per-type arrays [t * n_nodes + n] with t the index in
 * ccr->types. The order of in->nodes does not change any decision.
 */
#ifndef RGM_PLACEMENT_H
#define RGM_PLACEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ccr.h"
#include "fsm.h"

#define PLACEMENT_NONE ((size_t)-1)

struct placement_node {
	const char	*name;
	uint32_t	 id;
	bool		 up;		/* in the membership, with rgmd */
	/* Wall-clock second since which it is up without a break, as this
	 * rgmd saw it; 0: not known (taken as up all along). */
	long		 up_since;
	/* Out of the membership but not yet fenced: whatever ran there may
	 * still run, so its groups are frozen until the node is fenced. */
	bool		 unclean;
	/* Being evacuated (scswitch -S): hosts nothing. */
	bool		 evacuating;
};

/* What a group reports about one node. */
struct placement_cell {
	enum rg_state	 state;		/* as last reported by the node */
	/* Wall-clock seconds of the last Start failure or give-over of the
	 * group on the node; 0: never. Used for Pingpong_interval. */
	long		 failed_at;
	/* The group has just been given over from this node (fault monitor
	 * or Start failure under Failover_mode SOFT/HARD): it must leave. */
	bool		 giveover;
};

enum placement_request_kind {
	PLACEMENT_REQ_NONE,
	PLACEMENT_REQ_SWITCH,	/* scswitch -z -h: online exactly there */
	PLACEMENT_REQ_OFFLINE,	/* scswitch -F: offline everywhere */
};

struct placement_request {
	enum placement_request_kind kind;
	const bool	*nodes;		/* SWITCH: [n_nodes], the nodes named */
};

struct placement_input {
	const struct ccr *ccr;
	const struct placement_node *nodes;
	size_t		 n_nodes;
	bool		 quorate;
	/* The cluster has just formed from nothing: groups with
	 * Auto_start_on_new_cluster FALSE are not started. */
	bool		 new_cluster;
	long		 now;		/* wall-clock seconds */
	const struct placement_cell *cells;	/* [g][n]; NULL: all Offline */
	const bool	*lacks_module;	/* [t][n]; NULL: every node has all */
	const struct placement_request *req;	/* [g]; NULL: none */
};

/* Why a group is where it is (or nowhere); ref names a group, node or
 * type index as said, or PLACEMENT_NONE. */
enum placement_reason {
	PLACEMENT_PLACED,		/* on the nodes it wants */
	PLACEMENT_PARTIAL,		/* on fewer than Desired_primaries */
	PLACEMENT_UNMANAGED,
	PLACEMENT_NO_QUORUM,
	PLACEMENT_OFFLINE_REQUESTED,
	PLACEMENT_NOT_AUTO_STARTED,	/* Auto_start_on_new_cluster FALSE */
	PLACEMENT_NONE_DESIRED,		/* Desired_primaries 0 */
	PLACEMENT_STOP_FAILED,		/* ref node: Error_stop_failed there */
	PLACEMENT_UNCLEAN,		/* ref node: waiting for its fencing */
	PLACEMENT_DEPENDENCY,		/* ref group: not online (blocked) */
	PLACEMENT_DEPENDENCY_CYCLE,	/* (blocked) */
	PLACEMENT_AFFINITY,		/* ref group: ++ or -- (blocked) */
	PLACEMENT_NO_NODE,		/* no node of the Nodelist is up */
	PLACEMENT_EVACUATING,		/* ref node */
	PLACEMENT_NO_MODULE,		/* ref type: the node lacks it */
	PLACEMENT_NOT_INSTALLED,	/* ref type: not in Installed_nodes */
	PLACEMENT_GIVEOVER,		/* ref node: given over from there */
	PLACEMENT_PINGPONG,		/* ref node: failed within the interval */
};

struct placement_group {
	enum placement_reason reason;
	size_t		 ref;
	/* Why not (the reason) applies to this node (PLACEMENT_NONE when it
	 * concerns the group as a whole). */
	size_t		 node;
	bool		 blocked;	/* shown as Pending_online_blocked */
	unsigned int	 n_wanted;
};

enum placement_verb {
	PLACEMENT_STOP,
	PLACEMENT_START,
};

struct placement_action {
	enum placement_verb verb;
	size_t		 group;
	size_t		 node;
	bool		 restart;	/* part of a restart (dependency) */
	/* Not now: it follows an action or a start or stop under way on
	 * another node (see PLACEMENT in rg_properties(5)); the president
	 * sends it in a later round. waits_for is the group it follows. */
	bool		 waits;
	size_t		 waits_for;
};

struct placement_result {
	size_t		 n_groups, n_nodes;
	bool		*wanted;	/* [g][n]: wanted primaries */
	struct placement_group *g;	/* [g] */
	size_t		*order;		/* [g]: dependees before dependents */
	/* Every stop (dependents first), then every start (dependees
	 * first); those that wait are marked. */
	struct placement_action *act;
	size_t		 n_act;
	size_t		 cap_act;
};

/* Affinity kinds of RG_affinities entries. */
enum placement_affinity {
	PLACEMENT_AFF_STRONG_POS,	/* ++rg */
	PLACEMENT_AFF_WEAK_POS,		/* +rg */
	PLACEMENT_AFF_STRONG_NEG,	/* --rg */
	PLACEMENT_AFF_WEAK_NEG,		/* -rg */
	PLACEMENT_AFF_DELEGATE,		/* +++rg: ++, failover delegated */
};

/* Parse one RG_affinities entry; -1 when it is not +++, ++, +, -- or -
 * followed by a name. *target points into s. */
int	placement_affinity_parse(const char *s, enum placement_affinity *kind,
	    const char **target);
/* Check a group's RG_affinities against the configuration: syntax, an
 * existing other group, no group named twice. -1 and a reason in err. */
int	placement_check_affinities(const struct ccr *c, const struct rg *g,
	    char *err, size_t errlen);

/* Compute the placement. out may be zeroed or reused from an earlier
 * call. 0, or -1 with errno (ENOMEM, EINVAL). */
int	placement_compute(const struct placement_input *in,
	    struct placement_result *out);
void	placement_result_free(struct placement_result *out);

/* "running" states: the group is (or is becoming) online on the node. */
bool	placement_is_running(enum rg_state s);
/* Short name of a reason ("Pingpong", "Dependency") and a sentence
 * naming what it refers to, for scstat and rgsim. */
const char *placement_reason_name(enum placement_reason r);
int	placement_explain(const struct placement_input *in,
	    const struct placement_result *out, size_t g, char *buf,
	    size_t len);
/* The rendering of rgsim(8) and scswitch --dry-run: the membership, each
 * group's wanted nodes with why it is not placed, the ordered actions. */
void	placement_print_nodes(FILE *f, const struct placement_input *in);
void	placement_print_groups(FILE *f, const struct placement_input *in,
	    const struct placement_result *r);
void	placement_print_actions(FILE *f, const struct placement_input *in,
	    const struct placement_result *r);

#endif
