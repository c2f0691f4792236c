/* SPDX-License-Identifier: MIT */
/*
 * pdt_link.h - rgmd's link to pdt(8) on the GIN: on the node where a
 * SUNW.SharedAddress resource is Online, what pdt_feed.c computes is sent
 * to the control socket named by that resource's
 * <state dir>/pdt.env (PDT_SOCKET=path), through libpdtctl, whenever an
 * input changed. See rgmd(8), Scalable services.
 */
#ifndef RGM_PDT_LINK_H
#define RGM_PDT_LINK_H

#include <stdbool.h>
#include <stddef.h>

#include "fsm.h"

/* Once a loop round, after the state report is sent. */
void	pdt_link_before_sleep(void);
/* pdt_show.c, at start: scstat -s (show_pdt_fn of show.h, show_json_pdt_fn
 * of show_json.h) shows pdt's counters. */
void	pdt_link_init(void);
/* Is a resource in this state up for pdt (online, not FAULTED)? */
bool	pdt_link_up(enum r_state st, const char *status);
/* PDT_SOCKET of SharedAddress sa (its pdt.env here), or -1. */
int	pdt_link_socket(const char *sa, char *buf, size_t len);

#endif /* RGM_PDT_LINK_H */
