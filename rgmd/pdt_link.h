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

/* Once a loop round, after the state report is sent. */
void	pdt_link_before_sleep(void);
/* At start: scstat -s (show_pdt_fn of show.h) prints pdt's counters. */
void	pdt_link_init(void);

#endif /* RGM_PDT_LINK_H */
