/* SPDX-License-Identifier: MIT */
/*
 * rt_avail.h - can this node run the registered resource types? The
 * configuration holds every type's definition (the same on every node);
 * whether the type's module is installed here, trusted and of this
 * rgmd's ABI is this node's own fact. It is checked here, reported to the
 * other nodes in the state report (cluster_state.c), and the president
 * keeps groups off nodes that lack a module of theirs (placement.h).
 */
#ifndef RGM_RT_AVAIL_H
#define RGM_RT_AVAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "ccr.h"

/* A lacking type is checked again this often, when its module file
 * changed (installed, replaced, its mode or owner fixed). */
#define RT_AVAIL_RECHECK_MS	(10 * 1000)

/* Called (from the loop) when a type becomes runnable or lacking here,
 * and when the first check of every type has ended. */
void	rt_avail_set_hook(void (*changed)(void *arg), void *arg);
/*
 * Bring the checks in line with configuration c: a type not checked yet,
 * or whose module, API_VERSION, methods or Installed_nodes changed, is
 * checked; a removed type is forgotten. all: check every type again
 * (start-up, SIGHUP). The module checks run rgmd-runner --describe
 * without waiting; the result comes through the loop.
 */
void	rt_avail_sync(const struct ccr *c, bool all);
/* false until every type of the last sync has been checked once. */
bool	rt_avail_ready(void);
/* Why this node cannot run the type, or NULL (it can, it has not been
 * checked yet, or this node is not in its Installed_nodes). */
const char *rt_avail_lacks(const char *type);
/* Before a method of type t runs here: -1 with the reason when the type
 * is known to lack here or its module is not trusted (rtr_check_trust). */
int	rt_avail_runnable(const struct rt *t, char *err, size_t errlen);
/* Forget everything (tests, shutdown). */
void	rt_avail_reset(void);

#endif /* RGM_RT_AVAIL_H */
