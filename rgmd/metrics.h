/* SPDX-License-Identifier: MIT */
/*
 * metrics.h - rgmd's counters (restarts, give-overs, failovers, probe
 * latencies, events) and the metrics request (cmd=metrics, rgm-metrics(8))
 * that prints them with the state of groups, resources, nodes and quorum
 * in the Prometheus text exposition format (version 0.0.4).
 */
#ifndef RGM_METRICS_H
#define RGM_METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ctlmsg.h"
#include "metrics_label.h"	/* metrics_put_label() */

/* Why a resource was restarted in place. */
enum metrics_cause {
	METRICS_PROBE,		/* the fm rules, after a probe */
	METRICS_PROCESS_DEATH,	/* PMF respawned its process tree */
	METRICS_SCHA_CONTROL,	/* scha_control RESTART / RESOURCE_RESTART */
	METRICS_N_CAUSES
};

/* The upper bounds (seconds) of the probe duration histogram's buckets;
 * +Inf is implied. */
#define METRICS_N_BUCKETS 13
extern const double metrics_buckets[METRICS_N_BUCKETS];

void	metrics_note_restart(const char *res, enum metrics_cause cause);
void	metrics_note_giveover(const char *group);
/* A probe that ran duration_ms and returned status (0: success). */
void	metrics_note_probe(const char *res, uint64_t duration_ms, int status);
/* A cluster event (events.c): counted by kind, and group_failover per
 * group. */
void	metrics_note_event(const char *kind, const char *group);

/* The exposition of everything (malloc'd), or NULL when out of memory;
 * now: wall clock seconds (the start time is taken at the first call of
 * metrics_init). */
char	*metrics_text(void);
void	metrics_init(void);
/* Free the counters (at exit, between unit tests). */
void	metrics_free(void);

#endif /* RGM_METRICS_H */
