/* SPDX-License-Identifier: MIT */
/*
 * cmd_private.h - helpers shared by the request handlers (cmd*.c).
 */
#ifndef RGM_CMD_PRIVATE_H
#define RGM_CMD_PRIVATE_H

#include "cmd.h"
#include "engine.h"

/* A request holds at most CTL_MAX_FIELDS values, so a list of one key
 * never has more than this and none is dropped. */
#define CMD_MAX_LIST CTL_MAX_FIELDS

/* One request being served: a copy of it and where the reply goes. */
struct cmd_ctx {
	struct ctl_msg	 req;
	const char	*kv[2 * CMD_MAX_LIST];
	cmd_reply_fn	 reply;
	void		*client;
	/* Answer once the groups are where the request put them
	 * (cmd_wait.c), not when the operation ends. */
	bool		 wait;
	/* -S: the wall-clock second its switch requests carry; the groups
	 * with a request made then are the ones it moved. */
	long		 since;
};

struct cmd_entry {
	const char	*name;
	int		(*prepare)(struct op *op, void *arg);
	const char	*what;	/* the request in the command's words */
};

extern const struct cmd_entry cmd_config_table[];
extern const struct cmd_entry cmd_switch_table[];

/* Values of a repeated key (at most CMD_MAX_LIST). */
size_t	cmd_list(const struct ctl_msg *req, const char *key, char **out);
void	cmd_assigns(const struct ctl_msg *req, const char *key,
	    struct ccr_assign *a, const char **store);
/* -1 with a message when v is NULL. */
int	cmd_need(struct op *op, const char *v, const char *key);
/* Say err as the refusal; returns -1. */
int	cmd_refuse(struct op *op, const char *err);
/* The same with its scha_err_t code (scha_err.h) for the exit status. */
int	cmd_refuse_code(struct op *op, int code, const char *err);
/* op->proposed = a copy of the current configuration. */
int	cmd_propose(struct op *op);
bool	cmd_is_member(const char *node);

/* Hold cx's reply until its groups are placed (cmd_wait.c); said: what
 * the operation said, put before the answer. Takes cx. */
void	cmd_wait_add(struct cmd_ctx *cx, const char *said);

/* scswitch -z -h and -S in a cluster, and --dry-run (cmd_place.c):
 * prepares of engine operations. */
int	cmd_place_switch(struct op *op, struct cmd_ctx *cx);
int	cmd_place_evacuate(struct op *op, void *arg);
/* A dry run of -Z or -F: what placement would do with the groups named
 * online (or offline). */
int	cmd_place_dry(struct op *op, struct cmd_ctx *cx, bool online);
bool	cmd_is_dry_run(const struct ctl_msg *req);

/* scswitch -c: clear Stop_failed of res here (cmd_switch.c); ask node
 * to clear it there (an ORDER line "clear TAB res TAB node",
 * cmd_follow.c). 0 or -1 (said). */
int	cmd_clear_here(struct op *op, const char *res);
int	cmd_clear_send(struct op *op, char *const *res, size_t n,
	    const char *node);

/* The scha commands' requests (cmd_scha.c): false when cmd is not one of
 * them, else it has been answered. */
bool	cmd_scha_request(const char *cmd, const struct ctl_msg *req,
	    bool privileged, cmd_reply_fn reply, void *client);
/* Text of a "get" request (cmd_get.c), NULL when out of memory; *code is
 * 0, or the scha_err_t of the refusal that the text explains. */
char	*cmd_get(const struct ctl_msg *req, int *code);

#endif
