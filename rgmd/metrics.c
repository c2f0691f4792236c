// SPDX-License-Identifier: MIT
/*
 * metrics.c - rgmd's counters and their exposition in the Prometheus text
 * format (version 0.0.4), for the metrics request of rgm-metrics(8). Runs
 * in rgmd's event loop: the monitor (monitor.c) notes restarts, give-overs
 * and probe runs, events.c notes cluster events; a metrics request prints
 * them with gauges of the state (groups and resources by state, nodes,
 * quorum) read at that moment.
 *
 * Counters live as long as rgmd (a restart of rgmd resets them, which
 * rgm_start_time_seconds tells a scraper) and are kept per name: a
 * resource or group that no longer exists is not printed. Every metric has
 * its HELP and TYPE lines; names have the rgm_ prefix, counters _total,
 * durations are in seconds.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "membership.h"
#include "metrics.h"
#include "state.h"

const double metrics_buckets[METRICS_N_BUCKETS] = {
	0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
};

static const char *const cause_names[METRICS_N_CAUSES] = {
	"probe", "process_death", "scha_control",
};

/* The counters of one resource or group (by name). */
struct counted {
	char		 name[FSM_NAME_MAX];
	uint64_t	 restarts[METRICS_N_CAUSES];
	uint64_t	 giveovers;
	uint64_t	 failovers;
	uint64_t	 probe_failures;
	uint64_t	 buckets[METRICS_N_BUCKETS];	/* not cumulative */
	uint64_t	 probes;
	uint64_t	 probe_ms;
	struct counted	*next;
};

struct event_count {
	char		 kind[32];
	uint64_t	 n;
};

static struct counted *res_list, *group_list;
static struct event_count events[16];
static long start_time;

void
metrics_init(void)
{
	if (start_time == 0)
		start_time = (long)time(NULL);
}

static struct counted *
counted(struct counted **list, const char *name)
{
	struct counted *c;

	for (c = *list; c != NULL; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->next = *list;
	*list = c;
	return c;
}

void
metrics_note_restart(const char *res, enum metrics_cause cause)
{
	struct counted *c = counted(&res_list, res);

	if (c != NULL && cause < METRICS_N_CAUSES)
		c->restarts[cause]++;
}

void
metrics_note_giveover(const char *group)
{
	struct counted *c = counted(&group_list, group);

	if (c != NULL)
		c->giveovers++;
}

void
metrics_note_probe(const char *res, uint64_t duration_ms, int status)
{
	struct counted *c = counted(&res_list, res);
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < METRICS_N_BUCKETS; i++)
		if ((double)duration_ms / 1000.0 <= metrics_buckets[i])
			break;
	if (i < METRICS_N_BUCKETS)
		c->buckets[i]++;
	c->probes++;
	c->probe_ms += duration_ms;
	if (status != 0)
		c->probe_failures++;
}

void
metrics_note_event(const char *kind, const char *group)
{
	struct counted *c;
	size_t i;

	if (strcmp(kind, "group_failover") == 0 && group != NULL &&
	    (c = counted(&group_list, group)) != NULL)
		c->failovers++;
	for (i = 0; i < sizeof(events) / sizeof(*events); i++)
		if (events[i].kind[0] == '\0' ||
		    strcmp(events[i].kind, kind) == 0)
			break;
	if (i == sizeof(events) / sizeof(*events))
		return;
	snprintf(events[i].kind, sizeof(events[i].kind), "%s", kind);
	events[i].n++;
}

void
metrics_free(void)
{
	struct counted **lists[] = { &res_list, &group_list };

	for (size_t i = 0; i < 2; i++)
		while (*lists[i] != NULL) {
			struct counted *c = *lists[i];

			*lists[i] = c->next;
			free(c);
		}
	memset(events, 0, sizeof(events));
	start_time = 0;
}

/* ---- exposition ------------------------------------------------------- */

static void
head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* NAME{KEY="VAL"[,KEY2="VAL2"]} */
static void
series(FILE *f, const char *name, const char *k1, const char *v1,
    const char *k2, const char *v2)
{
	fprintf(f, "%s{%s=\"", name, k1);
	metrics_put_label(f, v1);
	if (k2 != NULL) {
		fprintf(f, "\",%s=\"", k2);
		metrics_put_label(f, v2);
	}
	fputs("\"} ", f);
}

static struct counted *
find(struct counted *list, const char *name)
{
	for (; list != NULL; list = list->next)
		if (strcmp(list->name, name) == 0)
			return list;
	return NULL;
}

static void
put_info(FILE *f)
{
	head(f, "rgm_info", "gauge", "This rgmd: its node and version.");
	series(f, "rgm_info", "node", rgmd.conf.node_name, "version",
	    RGM_VERSION);
	fputs("1\n", f);
	head(f, "rgm_start_time_seconds", "gauge", "When this rgmd started, "
	    "seconds since the epoch (its counters start from zero then).");
	fprintf(f, "rgm_start_time_seconds %ld\n", start_time);
	head(f, "rgm_config_generation", "gauge", "Generation of the "
	    "configuration: one more at every change.");
	fprintf(f, "rgm_config_generation %llu\n",
	    (unsigned long long)rgmd.ccr->generation);
}

static void
put_groups(FILE *f)
{
	const struct ccr *c = rgmd.ccr;
	size_t n[RG_N_STATES] = { 0 };

	for (size_t i = 0; i < c->n_groups; i++)
		n[state_rg(c->groups[i]->name)->state]++;
	head(f, "rgm_groups", "gauge", "Resource groups on this node by "
	    "state.");
	for (int s = 0; s < RG_N_STATES; s++) {
		series(f, "rgm_groups", "state", fsm_rg_state_name(s), NULL,
		    NULL);
		fprintf(f, "%zu\n", n[s]);
	}
	head(f, "rgm_group_state", "gauge", "The state of each resource "
	    "group on this node (1 for its state).");
	for (size_t i = 0; i < c->n_groups; i++) {
		series(f, "rgm_group_state", "group", c->groups[i]->name,
		    "state", fsm_rg_state_name(state_rg(
		    c->groups[i]->name)->state));
		fputs("1\n", f);
	}
}

static void
put_group_counters(FILE *f)
{
	const struct ccr *c = rgmd.ccr;

	head(f, "rgm_group_giveovers_total", "counter", "Give-overs of the "
	    "group from this node (fault monitor or scha_control GIVEOVER).");
	for (size_t i = 0; i < c->n_groups; i++) {
		const struct counted *k = find(group_list, c->groups[i]->name);

		series(f, "rgm_group_giveovers_total", "group",
		    c->groups[i]->name, NULL, NULL);
		fprintf(f, "%llu\n", (unsigned long long)(k ? k->giveovers :
		    0));
	}
	head(f, "rgm_group_failovers_total", "counter", "Failovers of the "
	    "group (started on another node after its node left) ordered "
	    "while this node was president; sum over the nodes for the "
	    "cluster.");
	for (size_t i = 0; i < c->n_groups; i++) {
		const struct counted *k = find(group_list, c->groups[i]->name);

		series(f, "rgm_group_failovers_total", "group",
		    c->groups[i]->name, NULL, NULL);
		fprintf(f, "%llu\n", (unsigned long long)(k ? k->failovers :
		    0));
	}
}

static void
put_resources(FILE *f)
{
	const struct ccr *c = rgmd.ccr;
	size_t n[R_N_STATES] = { 0 };

	for (size_t i = 0; i < c->n_res; i++)
		n[state_r(c->res[i]->name)->state]++;
	head(f, "rgm_resources", "gauge", "Resources on this node by state.");
	for (int s = 0; s < R_N_STATES; s++) {
		series(f, "rgm_resources", "state", fsm_r_state_name(s), NULL,
		    NULL);
		fprintf(f, "%zu\n", n[s]);
	}
	head(f, "rgm_resource_state", "gauge", "The state and status of "
	    "each resource on this node (1 for its state and status).");
	for (size_t i = 0; i < c->n_res; i++) {
		const struct r_run *r = state_r(c->res[i]->name);

		fputs("rgm_resource_state{resource=\"", f);
		metrics_put_label(f, c->res[i]->name);
		fputs("\",group=\"", f);
		metrics_put_label(f, c->res[i]->group);
		fprintf(f, "\",state=\"%s\",status=\"", fsm_r_state_name(
		    r->state));
		metrics_put_label(f, r->status[0] ? r->status : "OFFLINE");
		fputs("\"} 1\n", f);
	}
}

static void
put_restarts(FILE *f)
{
	const struct ccr *c = rgmd.ccr;

	head(f, "rgm_resource_restarts_total", "counter", "Restarts of the "
	    "resource in place on this node, by cause.");
	for (size_t i = 0; i < c->n_res; i++) {
		const struct counted *k = find(res_list, c->res[i]->name);

		for (int m = 0; m < METRICS_N_CAUSES; m++) {
			series(f, "rgm_resource_restarts_total", "resource",
			    c->res[i]->name, "cause", cause_names[m]);
			fprintf(f, "%llu\n", (unsigned long long)(k ?
			    k->restarts[m] : 0));
		}
	}
}

static void
put_histogram(FILE *f, const char *res, const struct counted *k)
{
	static const struct counted zero;
	uint64_t cum = 0;
	char le[32];

	if (k == NULL)
		k = &zero;
	for (size_t b = 0; b <= METRICS_N_BUCKETS; b++) {
		if (b < METRICS_N_BUCKETS) {
			cum += k->buckets[b];
			snprintf(le, sizeof(le), "%g", metrics_buckets[b]);
		} else {
			cum = k->probes;
			snprintf(le, sizeof(le), "+Inf");
		}
		series(f, "rgm_probe_duration_seconds_bucket", "resource", res,
		    "le", le);
		fprintf(f, "%llu\n", (unsigned long long)cum);
	}
	series(f, "rgm_probe_duration_seconds_sum", "resource", res, NULL,
	    NULL);
	fprintf(f, "%.3f\n", (double)k->probe_ms / 1000.0);
	series(f, "rgm_probe_duration_seconds_count", "resource", res, NULL,
	    NULL);
	fprintf(f, "%llu\n", (unsigned long long)k->probes);
}

static void
put_probes(FILE *f)
{
	const struct ccr *c = rgmd.ccr;

	head(f, "rgm_probe_duration_seconds", "histogram", "How long the "
	    "fault monitor's probes of the resource ran on this node.");
	for (size_t i = 0; i < c->n_res; i++)
		put_histogram(f, c->res[i]->name, find(res_list,
		    c->res[i]->name));
	head(f, "rgm_probe_failures_total", "counter", "Probes of the "
	    "resource that did not return 0 (a partial or complete failure, "
	    "a timeout or a crash).");
	for (size_t i = 0; i < c->n_res; i++) {
		const struct counted *k = find(res_list, c->res[i]->name);

		series(f, "rgm_probe_failures_total", "resource",
		    c->res[i]->name, NULL, NULL);
		fprintf(f, "%llu\n", (unsigned long long)(k ?
		    k->probe_failures : 0));
	}
}

static void
put_cluster(FILE *f)
{
	const struct membership_view *v = membership_view();

	head(f, "rgm_events_total", "counter", "Cluster events seen by this "
	    "rgmd (rgmd(8) EVENTS), by kind.");
	for (size_t i = 0; i < sizeof(events) / sizeof(*events) &&
	    events[i].kind[0] != '\0'; i++) {
		series(f, "rgm_events_total", "kind", events[i].kind, NULL,
		    NULL);
		fprintf(f, "%llu\n", (unsigned long long)events[i].n);
	}
	head(f, "rgm_node_up", "gauge", "Cluster nodes: 1 when in the "
	    "membership, as this node sees it.");
	for (size_t i = 0; i < v->n; i++) {
		series(f, "rgm_node_up", "node", v->nodes[i].name, NULL, NULL);
		fprintf(f, "%d\n", v->connected && v->nodes[i].up);
	}
	head(f, "rgm_node_rgmd_joined", "gauge", "Cluster nodes: 1 when "
	    "their rgmd is a member of rgmd's group.");
	for (size_t i = 0; i < v->n; i++) {
		series(f, "rgm_node_rgmd_joined", "node", v->nodes[i].name,
		    NULL, NULL);
		fprintf(f, "%d\n", v->connected && v->nodes[i].rgmd);
	}
	head(f, "rgm_quorate", "gauge", "1 when this node's partition has "
	    "quorum.");
	fprintf(f, "rgm_quorate %d\n", v->quorate);
	head(f, "rgm_quorum_votes_present", "gauge", "Quorum votes present.");
	fprintf(f, "rgm_quorum_votes_present %u\n", v->connected ?
	    v->total_votes : 0);
	head(f, "rgm_quorum_votes_needed", "gauge", "Quorum votes needed.");
	fprintf(f, "rgm_quorum_votes_needed %u\n", v->quorum);
}

char *
metrics_text(void)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return NULL;
	metrics_init();
	put_info(f);
	put_groups(f);
	put_group_counters(f);
	put_resources(f);
	put_restarts(f);
	put_probes(f);
	put_cluster(f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}
