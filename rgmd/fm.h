/* SPDX-License-Identifier: MIT */
/*
 * fm.h - the fault monitor's decision rules (Sun's scds_fm_action): a
 * failure history over Retry_interval, restarts in place up to
 * Retry_count, then give-over, all as Failover_mode allows. Pure logic on
 * a clock passed in, so it is tested on tables of events.
 */
#ifndef RGM_FM_H
#define RGM_FM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FM_MAX_EVENTS	64

enum fm_mode {
	FM_NONE, FM_SOFT, FM_HARD, FM_RESTART_ONLY, FM_LOG_ONLY,
};

enum fm_decision {
	FM_DO_NOTHING,		/* healthy, or a partial failure that adds up */
	FM_DO_RESTART,		/* restart in place (PMF respawn or R restart) */
	FM_DO_GIVEOVER,		/* give the group over */
	FM_DO_LOG,		/* a failure the mode forbids acting on */
};

struct fm_params {
	int		 retry_count;
	int		 retry_interval_s;
	enum fm_mode	 mode;
};

struct fm_history {
	uint64_t	 fail_t[FM_MAX_EVENTS];	/* partial failures, ms */
	int		 fail_s[FM_MAX_EVENTS];
	size_t		 n_fail;
	uint64_t	 restart_t[FM_MAX_EVENTS];	/* restarts done, ms */
	size_t		 n_restart;
};

int		 fm_mode_parse(const char *s, enum fm_mode *out);
const char	*fm_decision_name(enum fm_decision d);
/* A probe returned status (0..100, or 201) at now. */
enum fm_decision fm_probe_result(struct fm_history *h,
		    const struct fm_params *p, int status, uint64_t now_ms);
/* The process tree under PMF died: a complete failure. */
enum fm_decision fm_process_death(struct fm_history *h,
		    const struct fm_params *p, uint64_t now_ms);
/* Record a restart that was carried out. */
void		 fm_note_restart(struct fm_history *h, uint64_t now_ms);
/* Restarts within the window, after pruning. */
size_t		 fm_restarts(struct fm_history *h, const struct fm_params *p,
		    uint64_t now_ms);
/* May a request (scha_control) restart / give over? reason on refusal. */
bool		 fm_may_restart(const struct fm_params *p, const char **reason);
bool		 fm_may_giveover(const struct fm_params *p, const char **reason);

#endif
