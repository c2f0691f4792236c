/* SPDX-License-Identifier: MIT */
/*
 * pmf.h - the process monitor facility: daemons started for resource
 * types (through libdsdl and the runner channel) run as children of rgmd,
 * each tag in its own session and, where cgroup v2 is writable, its own
 * cgroup (cgroup.h); rgmd sees the death of the tree at once (pidfd,
 * cgroup.events).
 */
#ifndef RGM_PMF_H
#define RGM_PMF_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

struct pmf_tag;

/* Called when a supervised tree died on its own (not while stopping). */
typedef void (*pmf_death_fn)(struct pmf_tag *t, const char *res);
typedef void (*pmf_stop_fn)(bool ok, void *arg);

/* cgroup_root: a cgroup v2 directory, "" for auto-detection, or "none".
 * Reads STATE_DIR/pmf.cfg: -1 (err says why) when it exists but cannot
 * be read, which must stop the start-up. */
int	 pmf_init(const char *cgroup_root, const char *state_dir,
	    pmf_death_fn on_death, char *err, size_t errlen);
/* Re-adopt the trees of a previous rgmd: every tag cgroup, with pmf.cfg
 * for their commands and leaders (without cgroups, pmf.cfg alone). Trees
 * that died meanwhile are reported through on_death. */
void	 pmf_readopt(void);
int	 pmf_start(const char *res, const char *kind, int instance,
	    const char *cmd, int child_mon_level, pid_t *pid, char *err,
	    size_t errlen);
/* Signal the tag, SIGKILL at 80 % of timeout_ms, fail after a further
 * 15 %. cb runs later from the loop, or at once if not running. */
void	 pmf_stop(const char *res, const char *kind, int instance, int sig,
	    int timeout_ms, pmf_stop_fn cb, void *arg);
int	 pmf_status(const char *res, const char *kind, int instance,
	    bool *running, pid_t *pid, int *restarts);
int	 pmf_signal(const char *res, const char *kind, int instance, int sig);
/* Start the tag's command again after a death (the monitor decided). */
int	 pmf_respawn(struct pmf_tag *t);
/* The tag of that name, or NULL. */
struct pmf_tag *pmf_find(const char *res, const char *kind, int instance);
/* Forget a tag (the monitor gave up on it): its timers go, and a stop
 * still waiting is answered (ok when the tree was dead). */
void	 pmf_forget(struct pmf_tag *t);
/* SIGKILL and forget every tag of a resource (after its Stop). */
void	 pmf_kill_resource(const char *res);
const char *pmf_tag_name(const struct pmf_tag *t);
/* The tags, one line each, for scstat -v. */
void	 pmf_print(FILE *f, const char *node);
/* The same table for other readers (scstat -v --json): fn for each tag,
 * with its state ("running", "stopping", "dead") and pid (0 if dead). */
typedef void (*pmf_tag_fn)(void *arg, const char *tag, const char *state,
	    int pid, int restarts);
void	 pmf_each(pmf_tag_fn fn, void *arg);
bool	 pmf_uses_cgroups(void);
/* At rgmd's exit: supervised daemons keep running; the cgroup directory
 * of this rgmd goes only when no tag is left in it. */
void	 pmf_shutdown(void);

#endif
