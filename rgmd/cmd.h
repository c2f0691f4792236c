/* SPDX-License-Identifier: MIT */
/*
 * cmd.h - the requests of the control protocol (ctlmsg.h), turned into
 * replies (reads) or operations for the engine (changes).
 */
#ifndef RGM_CMD_H
#define RGM_CMD_H

#include <stdbool.h>
#include <stdint.h>

#include "ccr.h"
#include "ctlmsg.h"

/* Reply to the requester: ok, the scha_err_t code of a refusal (0: none
 * known, the reply says a bare "error"; scha_err.h), the text for the user. */
typedef void (*cmd_reply_fn)(void *client, bool ok, int code,
    const char *text);

/* Handle one parsed request; reply is called now or when done. */
void	cmd_dispatch(struct ctl_msg *req, bool privileged, cmd_reply_fn reply,
	    void *client);
/* Operations run by rgmd itself at start-up (boot, auto-start, recovery). */
void	cmd_startup(bool new_boot);
/* The fault monitor's actions (struct monitor_actions): queue a restart of
 * res in place (whole: of its group) / a give-over of the group. */
void	cmd_fm_restart(const char *group, const char *res, bool whole,
	    void *arg);
void	cmd_fm_giveover(const char *group, const char *res,
	    const char *reason, void *arg);

/* Once a loop round (before rgmd sleeps): answer the scswitch requests
 * of a cluster whose groups are now where they were asked (cmd_wait.c). */
void	cmd_wait_before_sleep(void);
/* rgmd stops: answer the requests still waiting. */
void	cmd_wait_shutdown(void);

/* A change made on another node was applied here (old: the configuration
 * before it): run the methods it asks of the groups online here (scswitch
 * -e and -n in a cluster; cmd_follow.c). */
void	cmd_follow_change(const struct ccr *old);
/* An ORDER delivered (any origin): its "clear" lines for this node
 * (scswitch -c -h run on another node; cmd_follow.c). */
void	cmd_follow_order(uint32_t origin, const char *text, size_t len);

#endif
