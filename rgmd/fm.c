// SPDX-License-Identifier: MIT
/*
 * fm.c - decision rules of the fault monitor.
 *
 * DESIGN. Failures are kept with their time; those older than
 * Retry_interval are forgotten. A probe status adds to the history; when
 * the statuses in the window add up to 100 (a complete failure, or
 * several partial ones) the history is cleared and the resource is
 * restarted in place, unless Retry_count restarts were already done in
 * the window, in which case the group is given over. 201 asks for a
 * give-over at once. A death of the process tree under PMF is a complete
 * failure. Failover_mode changes the outcome: NONE, SOFT and HARD allow
 * restarts and give-overs; RESTART_ONLY restarts but never gives over
 * (when restarts are exhausted it only logs); LOG_ONLY never acts.
 */
#include <string.h>
#include <strings.h>

#include "fm.h"

int
fm_mode_parse(const char *s, enum fm_mode *out)
{
	static const char *const names[] = { "NONE", "SOFT", "HARD",
		"RESTART_ONLY", "LOG_ONLY" };

	for (size_t i = 0; i < 5; i++)
		if (strcasecmp(s, names[i]) == 0) {
			*out = (enum fm_mode)i;
			return 0;
		}
	return -1;
}

const char *
fm_decision_name(enum fm_decision d)
{
	static const char *const names[] = { "none", "restart", "giveover",
		"logged" };

	return names[d];
}

static void
prune(struct fm_history *h, const struct fm_params *p, uint64_t now)
{
	uint64_t win = (uint64_t)p->retry_interval_s * 1000;
	size_t k = 0;

	for (size_t i = 0; i < h->n_fail; i++)
		if (now - h->fail_t[i] < win) {
			h->fail_t[k] = h->fail_t[i];
			h->fail_s[k++] = h->fail_s[i];
		}
	h->n_fail = k;
	k = 0;
	for (size_t i = 0; i < h->n_restart; i++)
		if (now - h->restart_t[i] < win)
			h->restart_t[k++] = h->restart_t[i];
	h->n_restart = k;
}

size_t
fm_restarts(struct fm_history *h, const struct fm_params *p, uint64_t now_ms)
{
	prune(h, p, now_ms);
	return h->n_restart;
}

static enum fm_decision
giveover(const struct fm_params *p)
{
	return p->mode == FM_LOG_ONLY || p->mode == FM_RESTART_ONLY ?
	    FM_DO_LOG : FM_DO_GIVEOVER;
}

/* A complete failure: restart while allowed, else give over. */
static enum fm_decision
complete_failure(struct fm_history *h, const struct fm_params *p)
{
	h->n_fail = 0;
	if (p->mode == FM_LOG_ONLY)
		return FM_DO_LOG;
	if (h->n_restart < (size_t)p->retry_count)
		return FM_DO_RESTART;
	return giveover(p);
}

enum fm_decision
fm_probe_result(struct fm_history *h, const struct fm_params *p, int status,
    uint64_t now_ms)
{
	int sum = 0;

	prune(h, p, now_ms);
	if (status <= 0)
		return FM_DO_NOTHING;
	if (status == 201) {
		h->n_fail = 0;
		return giveover(p);
	}
	if (status > 100)
		status = 100;
	if (h->n_fail == FM_MAX_EVENTS) {
		/* Full: fold the oldest into the next, so the sum stays. */
		h->fail_s[1] += h->fail_s[0];
		memmove(h->fail_t, h->fail_t + 1, (FM_MAX_EVENTS - 1) *
		    sizeof(*h->fail_t));
		memmove(h->fail_s, h->fail_s + 1, (FM_MAX_EVENTS - 1) *
		    sizeof(*h->fail_s));
		h->n_fail--;
	}
	h->fail_t[h->n_fail] = now_ms;
	h->fail_s[h->n_fail++] = status;
	for (size_t i = 0; i < h->n_fail; i++)
		sum += h->fail_s[i];
	return sum >= 100 ? complete_failure(h, p) : FM_DO_NOTHING;
}

enum fm_decision
fm_process_death(struct fm_history *h, const struct fm_params *p,
    uint64_t now_ms)
{
	prune(h, p, now_ms);
	return complete_failure(h, p);
}

void
fm_note_restart(struct fm_history *h, uint64_t now_ms)
{
	if (h->n_restart == FM_MAX_EVENTS) {
		memmove(h->restart_t, h->restart_t + 1, (FM_MAX_EVENTS - 1) *
		    sizeof(*h->restart_t));
		h->n_restart--;
	}
	h->restart_t[h->n_restart++] = now_ms;
}

bool
fm_may_restart(const struct fm_params *p, const char **reason)
{
	if (p->mode == FM_LOG_ONLY) {
		*reason = "Failover_mode is LOG_ONLY: no restarts";
		return false;
	}
	return true;
}

bool
fm_may_giveover(const struct fm_params *p, const char **reason)
{
	if (p->mode == FM_LOG_ONLY) {
		*reason = "Failover_mode is LOG_ONLY: no give-over";
		return false;
	}
	if (p->mode == FM_RESTART_ONLY) {
		*reason = "Failover_mode is RESTART_ONLY: no give-over";
		return false;
	}
	return true;
}
