/* SPDX-License-Identifier: MIT */
/*
 * modules.h - which node lacks which resource type's module, across the
 * cluster: this node's own checks (rt_avail.h) and the other nodes' state
 * reports (cluster_state.h), as placement's input and as the rows scstat
 * and scrgadm show.
 */
#ifndef RGM_MODULES_H
#define RGM_MODULES_H

#include <stdbool.h>
#include <stdio.h>

#include "ccr.h"
#include "membership.h"

/* lacks[t * v->n + k]: node v->nodes[k] cannot run type c->types[t]
 * (placement_input.lacks_module); malloc'd, NULL when out of memory. */
bool	*modules_lacks(const struct ccr *c, const struct membership_view *v);
/* scstat -g: an "Ineligible:" row for each node that lacks the type of
 * an enabled resource of group. */
void	modules_group_rows(FILE *f, const char *group);
/* scstat -g: the "-- Resource Types Missing --" table, when a type is
 * missing anywhere. */
void	modules_missing_rows(FILE *f);
/* scrgadm -pv: the nodes where type t is missing, when there are any. */
void	modules_type_line(FILE *f, const struct rt *t);

#endif /* RGM_MODULES_H */
