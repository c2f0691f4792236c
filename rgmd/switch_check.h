/* SPDX-License-Identifier: MIT */
/*
 * switch_check.h - would the cluster refuse a switch (scswitch -z -h) or
 * an evacuation (-S), and why, with Sun's exit code. Decided by the
 * placement function on the cluster's current input (cluster_input.h),
 * so that the answer is what the president would do. Pure.
 */
#ifndef RGM_SWITCH_CHECK_H
#define RGM_SWITCH_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "placement.h"

struct switch_verdict {
	int	 code;		/* 0: accepted; else scha_err_t (scha_err.h) */
	char	 msg[768];	/* why not, naming the group and node */
};

/*
 * Check switching groups[0..n) each to the nodes named: named[i * nn +
 * k] for groups[i] and node k of the input (nn = cur->n_nodes). cur is
 * the cluster as it is (cur->req the requests in force); want is the
 * same input with the new requests: those of the groups checked are
 * PLACEMENT_REQ_SWITCH to the nodes named, whether or not the request
 * would still apply (a failure in the second it is made ends it).
 * Refused when a named node is not in the group's Nodelist (11), is down
 * (11), the partition has no quorum (19), a failover group is given
 * several nodes or a scalable one more than Maximum_primaries (3), or
 * placement would not put the group on exactly those nodes: an affinity
 * or dependency (8), Pingpong_interval or a give-over (16), a node being
 * evacuated or no node (11), Error_stop_failed or an unclean node (9), a
 * missing type (16); or when another group placed now would be left
 * offline by it (8). 0 and v filled; -1 ENOMEM.
 */
int	switch_check(const struct placement_input *cur,
	    const struct placement_input *want, const size_t *groups,
	    size_t n, const bool *named, struct switch_verdict *v);
/* The exit code of a placement reason that keeps a group off a node. */
int	switch_check_code(enum placement_reason r);

#endif
