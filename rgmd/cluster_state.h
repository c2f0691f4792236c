/* SPDX-License-Identifier: MIT */
/*
 * cluster_state.h - state reports between the nodes of a cluster: this
 * node's groups and resources sent when they change, the other nodes'
 * kept for scstat -g.
 */
#ifndef RGM_CLUSTER_STATE_H
#define RGM_CLUSTER_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fsm.h"

/* Before the loop sleeps: send this node's report if it changed. */
void	cluster_state_before_sleep(void);
/* Send it again at the next chance (a membership change). */
void	cluster_state_resend(void);
/* A report delivered from another node; a node whose rgmd left. */
void	cluster_state_on_report(uint32_t node, const char *text, size_t len);
void	cluster_state_forget(uint32_t node);
/* Forget every report (this node left the group). */
void	cluster_state_reset(void);
/* The last reported state of a group on another node; false when that
 * node reported none (down, or not yet heard). */
bool	cluster_state_group(uint32_t node, const char *group,
	    enum rg_state *st, long *giveover_at);
/* Does another node report that it cannot run type (why: its reason)? */
bool	cluster_state_lacks(uint32_t node, const char *type, char *why,
	    size_t len);
/* The boot id node last reported into buf; buf unchanged when none. */
void	cluster_state_boot(uint32_t node, char *buf, size_t len);
/* Has node reported its state since it (or this node) joined? */
bool	cluster_state_has_report(uint32_t node);
/* For pdt_link.c: a number that changes whenever another node's report
 * changes or is forgotten; another node's reported public MAC (false when
 * none); the state and status another node reports for a resource. */
uint64_t cluster_state_seq(void);
bool	cluster_state_pub(uint32_t node, char *mac, size_t len);
/* The last reported state (and status, when status is not NULL) of a
 * resource on another node; false when that node reported none. */
bool	cluster_state_resource(uint32_t node, const char *res,
	    enum r_state *st, char *status, size_t len);
/* scstat -g: the other nodes' rows of a group / a resource. */
void	cluster_state_group_rows(FILE *f, const char *group);
void	cluster_state_resource_rows(FILE *f, const char *res);
/* The other nodes' rows of a group (kind "rg") or resource ("r"), in
 * node id order, for readers that are not text (show_json.c, cmd_get.c):
 * fn gets the node's name and the fields of its row ("rg": name, state,
 * giveover_at; "r": name, state, status, message). */
typedef void (*cluster_state_row_fn)(void *arg, const char *node,
	    char **fields, size_t n);
void	cluster_state_each_row(const char *kind, const char *name,
	    cluster_state_row_fn fn, void *arg);

#endif /* RGM_CLUSTER_STATE_H */
