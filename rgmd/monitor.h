/* SPDX-License-Identifier: MIT */
/*
 * monitor.h - the fault monitor: periodic probes, the fm rules (fm.c)
 * applied to their results and to PMF deaths, restarts in place, give-over
 * with Pingpong_interval, resource status, and scha_control requests.
 */
#ifndef RGM_MONITOR_H
#define RGM_MONITOR_H

#include <stdbool.h>

#include "fm.h"
#include "pmf.h"

/*
 * What the monitor asks for when it decides to act, registered at start-up
 * (rgmd.c): restart res in place (whole: its whole group), or give the
 * group over (take it off this node) because of res (may be NULL), with
 * the reason to leave in res's status message ("given over after 2
 * restarts at ..."). Both are queued operations; the monitor does not
 * wait for them.
 */
struct monitor_actions {
	void	(*restart)(const char *group, const char *res, bool whole,
		    void *arg);
	void	(*giveover)(const char *group, const char *res,
		    const char *reason, void *arg);
	void	*arg;
};

void		 monitor_set_actions(const struct monitor_actions *a);
/* After Monitor_start / before Monitor_stop of a resource. */
void		 monitor_arm(const char *res);
void		 monitor_disarm(const char *res);
/* Probe now instead of at the next interval (scds_fm_sleep's wake-up). */
void		 monitor_wake(const char *res);
/* A probe-like result reported through the channel (dsdl_fm_action). */
enum fm_decision monitor_fm_action(const char *res, int status);
/* scha_control: -1 with a reason when refused. */
int		 monitor_control(const char *res, const char *tag,
		    const char **reason);
void		 monitor_set_status(const char *res, const char *status,
		    const char *msg);
/* The type set its status (dsdl_set_status): it wins over the defaults
 * rgmd would set after the method. */
void		 monitor_type_status(const char *res, const char *status,
		    const char *msg);
/* PMF's death handler. */
void		 monitor_on_pmf_death(struct pmf_tag *t, const char *res);
/* Give a group over (Start failure with SOFT/HARD, fm decision) because
 * of res (may be NULL); why is said in the log and in res's status. */
void		 monitor_giveover(const char *group, const char *res,
		    const char *why);
/* Forget the history of resources that no longer exist. */
void		 monitor_forget(const char *res);

#endif
