/* SPDX-License-Identifier: MIT */
/*
 * state.h - the one owner of rgmd's state: the settings, the configuration
 * repository and this node's runtime state (groups and resources).
 *
 * Every module reads the state directly (rgmd.ccr, rgmd.rt, state_rg(),
 * state_r()), but changes it only here: a runtime change is a small,
 * named, data-only struct state_change applied by state_apply() (the
 * state_set_* setters build one each), and a configuration change is a
 * commit of a proposed repository. This is the seam replication uses: in
 * a cluster a change becomes a message, delivered in AGREED order and
 * applied by the same state_apply() on every node.
 *
 * Changes mark the runtime state dirty; state_save() stores it (atomic,
 * runtime.c) when it is dirty. rgmd calls it once per loop round, before
 * the loop sleeps (state_save_hook), so the changes of one round cost one
 * store, and when a request ends, before it is answered.
 */
#ifndef RGM_STATE_H
#define RGM_STATE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "ccr.h"
#include "conf.h"
#include "fsm.h"

struct rgmd {
	struct rgmd_conf conf;
	struct ccr	*ccr;
	struct runtime	 rt;
	char		 ccr_path[PATH_MAX];
	char		 rt_path[PATH_MAX];
	bool		 has_admin_gid;
	gid_t		 admin_gid;
};

/* Read it freely; change it only through this module. */
extern struct rgmd rgmd;

/* ---- changes of the runtime state -------------------------------------- */

enum state_kind {
	STATE_RG_STATE,		/* group state (i: enum rg_state) */
	STATE_RG_WANT,		/* group meant online here (i: bool) */
	STATE_RG_GIVEOVER,	/* last give-over from here (at: wall s) */
	STATE_RG_FORGET,	/* the group no longer exists */
	STATE_R_STATE,		/* resource state (i: enum r_state) */
	STATE_R_STATUS,		/* status and message set by rgmd */
	STATE_R_TYPE_STATUS,	/* status and message set by the type: it
				 * wins over what rgmd sets after a method */
	STATE_R_FORGET,		/* the resource no longer exists */
	STATE_BOOT_ID,		/* the node's boot id (msg) */
	/* Local bookkeeping of this node's rgmd, never replicated: */
	STATE_R_RUNNER,		/* pid of the method runner, or 0 (i) */
	STATE_R_MARK,		/* a method or probe begins: what the type
				 * sets from now on wins */
	STATE_N_KINDS
};

#define STATE_STATUS_MAX 16
#define STATE_MSG_MAX	 256

/* One change; node is the node whose state it is (today: this node). */
struct state_change {
	enum state_kind	 kind;
	char		 node[64];
	char		 name[FSM_NAME_MAX];	/* group or resource */
	int		 i;
	long		 at;
	char		 status[STATE_STATUS_MAX];
	char		 msg[STATE_MSG_MAX];
};

/* Apply a change; -1 with errno (EINVAL: bad kind or value, EXDEV: the
 * state of another node, ENOMEM). An unknown name is created. */
int	state_apply(const struct state_change *c);
const char *state_kind_name(enum state_kind k);
/* Is the kind carried to other nodes (false: local bookkeeping)? */
bool	state_kind_is_shared(enum state_kind k);

/* The setters: one change each, of this node's state. */
int	state_set_rg_state(const char *group, enum rg_state st);
int	state_set_rg_want(const char *group, bool want_online);
int	state_set_rg_giveover(const char *group, long at);
int	state_forget_rg(const char *group);
int	state_set_r_state(const char *res, enum r_state st);
int	state_set_r_status(const char *res, const char *status,
	    const char *msg);
int	state_set_r_type_status(const char *res, const char *status,
	    const char *msg);
int	state_forget_r(const char *res);
int	state_set_boot_id(const char *boot_id);
int	state_set_r_runner(const char *res, pid_t pid);
int	state_mark_r_status(const char *res);

/* Derive a group's state from its resources (fsm_rg_derive) and set it. */
int	state_derive_group(const char *group);

/* ---- reads --------------------------------------------------------------- */

/* The entry, or a default one (Unmanaged / Offline) when there is none. */
const struct rg_run *state_rg(const char *group);
const struct r_run *state_r(const char *res);
/* Did the type set the status since the last STATE_R_MARK? */
bool	state_r_status_by_type(const char *res);
/* Is the group within Pingpong_interval of a give-over from this node at
 * now (wall clock s)? until: when it becomes eligible again. */
bool	state_rg_in_pingpong(const char *group, long now, long *until);

/* ---- configuration, load and save ---------------------------------- */

/* Paths of the stored state under dir. */
void	state_init(const char *dir);
/* Load the stored configuration (an empty one when there is none). */
int	state_load_ccr(char *err, size_t errlen);
/* Load the runtime state; ENOENT when there is none. */
int	state_load_runtime(char *err, size_t errlen);
/* After both loads: refuse (-1, err names both files) a configuration
 * older than the last one the runtime state records as stored (an older
 * copy of ccr.cfg, or an emptied or removed one); else record its
 * generation. Every configuration stored later is recorded too. */
int	state_check_generation(char *err, size_t errlen);
/* The proposed configuration becomes the current one: generation + 1,
 * stored, then swapped in; proposed is taken (freed) on success only. */
int	state_commit_ccr(struct ccr *proposed, char *err, size_t errlen);
/* A configuration taken from the cluster becomes the current one as it
 * is (its generation kept): stored, then swapped in; c is taken on
 * success only. */
int	state_install_ccr(struct ccr *c, char *err, size_t errlen);
/* How many times the runtime state was stored (it changed since). */
uint64_t state_version(void);
/* Store the runtime state now if it changed since it was last stored.
 * -1 with the reason in err (may be NULL) when it could not be; that is
 * logged too, and the state stays changed, so the next save tries again. */
int	state_save(char *err, size_t errlen);
/* state_save for loop_set_before_sleep. */
void	state_save_hook(void *arg);
/* Free everything (at exit, and between unit tests). */
void	state_free(void);

#endif
