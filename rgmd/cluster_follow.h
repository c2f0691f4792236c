/* SPDX-License-Identifier: MIT */
/*
 * cluster_follow.h - Init and Update on the other nodes after a change of
 * the replicated configuration (cluster_follow.c).
 */
#ifndef RGM_CLUSTER_FOLLOW_H
#define RGM_CLUSTER_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "ccr.h"
#include "fsm.h"

struct follow_op;

struct follow_step {
	enum rt_method	 method;	/* RT_INIT or RT_UPDATE */
	const char	*group, *res;	/* in cur */
};

/* The methods this node (self) runs after old became cur by a change
 * made elsewhere; is_up says whether a resource is online here. Fills at
 * most max steps and returns how many there are. Pure. */
size_t	follow_plan(const struct ccr *old, const struct ccr *cur,
	    const char *self, bool (*is_up)(const char *res),
	    struct follow_step *out, size_t max);
/* The steps this node runs after a change made elsewhere, copied (NULL
 * when there are none, or out of memory: logged), then submitted as one
 * engine operation, or discarded. */
struct follow_op *follow_prepare(const struct ccr *old, const struct ccr *cur,
	    const char *self);
void	follow_submit(struct follow_op *f);
void	follow_discard(struct follow_op *f);

#endif /* RGM_CLUSTER_FOLLOW_H */
