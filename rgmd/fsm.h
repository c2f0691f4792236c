/* SPDX-License-Identifier: MIT */
/*
 * fsm.h - the state machines of resource groups and resources on this
 * node, and the plans (ordered method calls) that move a group online or
 * offline. Pure functions over the configuration and the runtime state;
 * engine.c executes the plans.
 */
#ifndef RGM_FSM_H
#define RGM_FSM_H

#include <stdbool.h>
#include <stddef.h>

#include "ccr.h"
#include "rtr.h"

enum rg_state {
	RG_UNMANAGED, RG_OFFLINE, RG_PENDING_ONLINE, RG_ONLINE,
	RG_PENDING_OFFLINE, RG_ERROR_STOP_FAILED, RG_ONLINE_FAULTED,
	RG_PENDING_ONLINE_BLOCKED, RG_N_STATES
};

enum r_state {
	R_OFFLINE, R_STARTING, R_ONLINE, R_STOPPING, R_START_FAILED,
	R_STOP_FAILED, R_MONITOR_FAILED, R_ONLINE_NOT_MONITORED, R_N_STATES
};

#define FSM_NAME_MAX 128

struct r_run {
	char		name[FSM_NAME_MAX];
	enum r_state	state;
	char		status[16];		/* OK, DEGRADED, ... */
	char		status_msg[256];
	int		runner_pid;	/* method running now, or 0 */
	unsigned int	status_seq;	/* bumped when the type sets status */
	unsigned int	status_mark;	/* status_seq when a method began */
};

struct rg_run {
	char		name[FSM_NAME_MAX];
	enum rg_state	state;
	bool		want_online;
	long		giveover_at;	/* wall clock s of the last give-over */
};

/* The runtime state of this node, persisted by runtime.c. */
struct runtime {
	char		boot_id[64];
	uint64_t	ccr_generation;	/* last configuration stored */
	struct rg_run	*g;
	size_t		 ng;
	struct r_run	*r;
	size_t		 nr;
};

const char	*fsm_rg_state_name(enum rg_state s);
const char	*fsm_r_state_name(enum r_state s);
int		 fsm_rg_state_parse(const char *s, enum rg_state *out);
int		 fsm_r_state_parse(const char *s, enum r_state *out);

/* Lookup; create adds an entry (Offline / Unmanaged) when missing. */
struct rg_run	*fsm_group(struct runtime *rt, const char *name, bool create);
struct r_run	*fsm_res(struct runtime *rt, const char *name, bool create);
/* Lookup only, for readers of a const state (NULL when missing). */
const struct rg_run *fsm_group_get(const struct runtime *rt,
		    const char *name);
const struct r_run *fsm_res_get(const struct runtime *rt, const char *name);
void		 fsm_forget_group(struct runtime *rt, const char *name);
void		 fsm_forget_res(struct runtime *rt, const char *name);
void		 fsm_runtime_free(struct runtime *rt);

/* Is the resource running (or possibly running) here? */
bool		 fsm_r_is_up(enum r_state s);
/* Does the state forbid bringing the group online? */
bool		 fsm_rg_is_blocked(enum rg_state s);

/* Resource state when a method begins and when it has ended. */
enum r_state	 fsm_r_before(enum rt_method m, bool offline, enum r_state cur);
enum r_state	 fsm_r_after(enum rt_method m, bool offline, bool ok,
		    enum r_state cur);
/* Group state from its enabled resources' states. */
enum rg_state	 fsm_rg_derive(const enum r_state *st, size_t n, bool managed,
		    bool want_online);

enum step_kind {
	STEP_METHOD,		/* run method on res */
	STEP_GROUP_BEGIN,	/* group enters Pending_online/offline */
	STEP_GROUP_END,		/* group's state is derived again */
	STEP_COMMIT,		/* the proposed configuration replaces the
				 * current one and is stored */
};

struct step {
	enum step_kind	 kind;
	char		 group[FSM_NAME_MAX];
	char		 res[FSM_NAME_MAX];
	enum rt_method	 method;
	bool		 offline;	/* part of a way down */
	bool		 proposed;	/* run on the proposed configuration */
};

struct plan {
	struct step	*s;
	size_t		 n;
};

/*
 * Plans. Every fsm_plan_* function reads the configuration and the runtime
 * state (both const) and only appends steps to p, so planning the same
 * request twice, or planning without executing (a dry run), is the same
 * code as the real run. Each returns 0, or -1 when a step could not be
 * added (out of memory).
 */
void	fsm_plan_free(struct plan *p);
int	fsm_plan_add(struct plan *p, enum step_kind k, const char *group,
	    const char *res, enum rt_method m, bool offline);
/* One method call; proposed: on the proposed configuration (before the
 * commit step). */
int	fsm_plan_method(struct plan *p, const char *group, const char *res,
	    enum rt_method m, bool offline, bool proposed);
/* The proposed configuration replaces the current one here. */
int	fsm_plan_commit(struct plan *p);
/* Method m for every resource of the group, in configuration order
 * (Init, Fini, Boot, Validate). */
int	fsm_plan_group_method(const struct ccr *c, const char *group,
	    enum rt_method m, bool proposed, struct plan *p);
/*
 * Online: Prenet_start, Start in dependency order, Monitor_start; only
 * enabled resources not already up. only: restrict to one resource.
 */
int	fsm_plan_online(const struct ccr *c, const struct runtime *rt,
	    const char *group, const char *only, struct plan *p);
/* Offline: Monitor_stop, Stop, Postnet_stop in reverse order. */
int	fsm_plan_offline(const struct ccr *c, const struct runtime *rt,
	    const char *group, const char *only, struct plan *p);
/* Offline, then online again: the way up is planned from the group as it
 * will be once down (every resource offline). */
int	fsm_plan_restart(const struct ccr *c, const struct runtime *rt,
	    const char *group, struct plan *p);
/* Restart of one resource in place (the fault monitor's restart):
 * Monitor_stop, Stop, Start, Monitor_start, no Prenet_start or
 * Postnet_stop; the group's state is derived again at the end. */
int	fsm_plan_restart_res(const struct ccr *c, const char *res,
	    struct plan *p);

#endif
