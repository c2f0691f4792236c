/* SPDX-License-Identifier: MIT */
/*
 * president.h - placement across the cluster: the president (lowest node
 * id among the rgmd members) computes it and multicasts ORDERs; every node
 * carries out the actions that name it; a node without quorum stops its
 * groups.
 */
#ifndef RGM_PRESIDENT_H
#define RGM_PRESIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An order still wanted this long after it was sent is sent again. */
#define PRESIDENT_RESEND_MS	3000

/* Something placement reads changed: compute again before sleeping. */
void	president_touch(void);
/* The membership changed: compute again, and send the next order even
 * when it is the same as the last one (a node that got it may have lost
 * its rgmd before acting on it). */
void	president_on_membership(void);
/* The cluster stops (cluster_shutdown): no order is sent again. */
void	president_shutdown(void);
/* Before the loop sleeps: compute and send, if president and needed. */
void	president_before_sleep(void);
bool	president_is_me(void);
/* An ORDER delivered (from the president): do what names this node. */
void	president_on_order(uint32_t origin, const char *text, size_t len);
/* Quorum changed: without it, stop every group hosted here; with it,
 * follow the president's order delivered just before, if any. */
void	president_on_quorum(bool quorate);

#endif /* RGM_PRESIDENT_H */
