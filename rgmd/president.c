// SPDX-License-Identifier: MIT
/*
 * president.c - placement across the cluster. The president is the member
 * of the rgmd group with the lowest node id; after every membership
 * change, state report and configuration change it computes the placement
 * (placement.h, a pure function) from the replicated configuration, the
 * membership and quorum, and every node's last reported states, and
 * multicasts the resulting actions as one ORDER (repl.h). Every node
 * carries out, in the order given, the actions that name it: an engine
 * operation brings the group online or offline here, and the node's next
 * state report tells everyone. When the president dies the next lowest id
 * is president at once, from the same replicated state: no election.
 *
 * Safety rules kept here rather than in placement: a node whose rgmd left
 * while the node stays in corosync's membership may still run its groups
 * (rgmd restarts and re-adopts them), so it is "unclean" and its groups
 * stay where they were, and so is a node that left and is not fenced yet
 * (fence.h); a node without quorum stops the groups it hosts
 * (no_quorum_policy stop) and orders from a president are only followed
 * in a quorate partition (one delivered just before this node learnt it
 * is quorate again is followed then: follow_held).
 *
 * An order the placement still wants PRESIDENT_RESEND_MS after it was
 * sent (a node dropped it, out of step or without quorum when it came) is
 * sent again: starting a group that runs, or stopping one that does not,
 * does nothing, so the cluster converges whatever became of one message.
 *
 * Runs in rgmd's event loop; the computation is done once per loop round
 * at most, from the before-sleep hook.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cluster.h"
#include "cluster_input.h"
#include "cluster_state.h"
#include "engine.h"
#include "events.h"
#include "fence.h"
#include "log.h"
#include "loop.h"
#include "membership.h"
#include "modules.h"
#include "placement.h"
#include "president.h"
#include "rt_avail.h"
#include "state.h"

#define MAX_PENDING 256

static bool dirty;
static uint64_t seen_version, seen_generation;
static char last_order_text[8192];
static uint64_t last_order_ms;		/* when it was sent */
static struct loop_timer *resend_timer;

/* Groups with an operation of ours queued or running (no duplicates),
 * and what is wanted once it ends when that is the other way (a stop for
 * no quorum while a start runs): carried out then. */
static struct pending_op {
	char		 group[FSM_NAME_MAX];	/* "": a free slot */
	bool		 start;			/* the one under way */
	bool		 then;			/* the other way, after it */
	const char	*then_why;
} pending[MAX_PENDING];

void
president_touch(void)
{
	dirty = true;
}

static void
on_resend(void *arg)
{
	(void)arg;
	resend_timer = NULL;
	dirty = true;
}

/* Compute again once the last order may be sent again. */
static void
resend_later(uint64_t ms)
{
	if (resend_timer == NULL)
		resend_timer = loop_timer_add(ms, on_resend, NULL);
}

void
president_shutdown(void)
{
	if (resend_timer != NULL)
		loop_timer_cancel(resend_timer);
	resend_timer = NULL;
	last_order_text[0] = '\0';
}

void
president_on_membership(void)
{
	dirty = true;
	last_order_text[0] = '\0';
}

/* The president's node id (the lowest rgmd member up), 0: none. */
static uint32_t
president_id(void)
{
	const struct membership_view *v = membership_view();
	uint32_t low = 0;

	for (size_t i = 0; i < v->n; i++)
		if (v->nodes[i].rgmd && v->nodes[i].up &&
		    (low == 0 || v->nodes[i].id < low))
			low = v->nodes[i].id;
	return low;
}

bool
president_is_me(void)
{
	uint32_t low = president_id();

	return low != 0 && low == membership_view()->local_id;
}

/* ---- computing on the president ---------------------------------------- */

/* Where each group was last seen running, to name failovers. */
static struct {
	char	 group[FSM_NAME_MAX];
	char	 node[MEMBERSHIP_NAME_MAX];
} last_host[1024];

static char *
last_host_of(const char *group, bool create)
{
	for (size_t i = 0; i < sizeof(last_host) / sizeof(*last_host); i++) {
		if (strcmp(last_host[i].group, group) == 0)
			return last_host[i].node;
		if (create && last_host[i].group[0] == '\0') {
			snprintf(last_host[i].group, sizeof(last_host[i].group),
			    "%s", group);
			last_host[i].node[0] = '\0';
			return last_host[i].node;
		}
	}
	return NULL;
}

/* Remember where groups run; a start on another node while the old one
 * is gone is a failover (an event, on the president). */
static void
note_failovers(const struct membership_view *v,
    const struct placement_result *res)
{
	const struct ccr *c = rgmd.ccr;

	for (size_t i = 0; i < res->n_act; i++) {
		const struct placement_action *a = &res->act[i];
		const char *g = c->groups[a->group]->name;
		char *h = last_host_of(g, false);
		const struct membership_node *old;

		if (a->verb != PLACEMENT_START || h == NULL || h[0] == '\0' ||
		    strcmp(h, v->nodes[a->node].name) == 0)
			continue;
		old = membership_view_find_name(v, h);
		if (old == NULL || !old->up || !old->rgmd)
			event_emit("group_failover", v->nodes[a->node].name, g,
			    h);
	}
}

/* Every node keeps where groups run, so a president that takes office
 * when the old one died still knows where its groups were. */
static void
record_hosts(const struct cluster_input *ci)
{
	const struct ccr *c = ci->in.ccr;
	size_t nn = ci->in.n_nodes;

	for (size_t g = 0; g < c->n_groups; g++)
		for (size_t k = 0; k < nn; k++)
			if (placement_is_running(ci->cells[g * nn + k].state)) {
				char *h = last_host_of(c->groups[g]->name,
				    true);

				if (h != NULL)
					snprintf(h, MEMBERSHIP_NAME_MAX, "%s",
					    ci->nodes[k].name);
			}
}


/*
 * The actions as ORDER text: "start|stop TAB group TAB node" lines. Nodes
 * carry out their actions at the same time, so the actions that must
 * follow something on another node (placement marks them: a start after
 * the stop of its group, dependents after their dependees) are left for a
 * later order, sent once the states they wait for are reported: a switch
 * or a failback never has two instances, and a group depending on another
 * starts only once that one is online.
 */
static size_t
render_actions(const struct placement_result *res,
    const struct placement_node *nodes, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < res->n_act && off < len; i++) {
		const struct placement_action *a = &res->act[i];

		if (a->waits)
			continue;
		int n = snprintf(buf + off, len - off, "%s\t%s\t%s\n",
		    a->verb == PLACEMENT_START ? "start" : "stop",
		    rgmd.ccr->groups[a->group]->name, nodes[a->node].name);

		if (n < 0 || (size_t)n >= len - off)
			return 0;	/* too long for one order: none */
		off += (size_t)n;
	}
	return off;
}

/* An order as one log line: "start g n1; stop h n2". */
static const char *
one_line(const char *text, char *buf, size_t len)
{
	size_t o = 0;

	for (const char *p = text; *p && o + 3 < len; p++) {
		if (*p == '\n') {
			if (p[1] != '\0') {
				buf[o++] = ';';
				buf[o++] = ' ';
			}
		} else {
			buf[o++] = *p == '\t' ? ' ' : *p;
		}
	}
	buf[o] = '\0';
	return buf;
}

static void
compute(const struct cluster_input *ci)
{
	struct placement_result res = { 0 };
	char text[sizeof(last_order_text)], line[512];
	uint64_t now;
	size_t len;
	bool again;

	if (placement_compute(&ci->in, &res) == -1) {
		log_warn("president: placement failed: %m");
		goto out;
	}
	note_failovers(membership_view(), &res);
	len = render_actions(&res, ci->nodes, text, sizeof(text));
	if (len == 0) {
		last_order_text[0] = '\0';
		goto out;
	}
	/* The same order again before anything moved adds nothing, unless
	 * it is still wanted PRESIDENT_RESEND_MS later: a node missed it. */
	again = strcmp(text, last_order_text) == 0;
	now = loop_now_ms();
	if (again && now - last_order_ms < PRESIDENT_RESEND_MS) {
		resend_later(PRESIDENT_RESEND_MS - (now - last_order_ms));
		goto out;
	}
	snprintf(last_order_text, sizeof(last_order_text), "%s", text);
	last_order_ms = now;
	log_info("president: %s%s", again ? "again, not carried out: " : "",
	    one_line(text, line, sizeof(line)));
	if (cluster_send_order(text, len) == -1)
		last_order_text[0] = '\0';
	resend_later(PRESIDENT_RESEND_MS);
out:
	placement_result_free(&res);
}

/*
 * Placement needs every member's states: a president that has just come
 * back (or come to office) waits for the reports that every member sends
 * at a membership change, so it does not start a group that runs.
 */
static bool
has_every_report(void)
{
	const struct membership_view *v = membership_view();

	if (!rt_avail_ready())		/* this node's own types first */
		return false;
	for (size_t k = 0; k < v->n; k++)
		if (v->nodes[k].rgmd && v->nodes[k].up &&
		    v->nodes[k].id != v->local_id &&
		    !cluster_state_has_report(v->nodes[k].id))
			return false;
	return true;
}

void
president_before_sleep(void)
{
	struct cluster_input ci;

	if (!cluster_is_active())
		return;
	if (seen_version != state_version() ||
	    seen_generation != rgmd.ccr->generation) {
		seen_version = state_version();
		seen_generation = rgmd.ccr->generation;
		dirty = true;
	}
	if (!dirty || !cluster_is_in_step())
		return;
	dirty = false;
	/* One input per round, for both: the operator's requests (offline,
	 * switch) are part of it, so a new president finds them in the
	 * configuration. */
	if (cluster_input_build(&ci, rgmd.ccr) == -1) {
		log_warn("president: placement input: out of memory");
		dirty = true;
		return;
	}
	if (president_is_me() && has_every_report())
		compute(&ci);
	record_hosts(&ci);
	cluster_input_free(&ci);
}

/* ---- carrying out orders on every node ---------------------------------- */

static struct pending_op *
pending_of(const char *group)
{
	for (size_t i = 0; i < MAX_PENDING; i++)
		if (strcmp(pending[i].group, group) == 0)
			return &pending[i];
	return NULL;
}

static struct pending_op *
pending_add(const char *group, bool start)
{
	struct pending_op *po = pending_of("");	/* a free slot */

	if (po == NULL)
		return NULL;
	*po = (struct pending_op){ .start = start };
	snprintf(po->group, sizeof(po->group), "%s", group);
	return po;
}

struct place {
	char	 group[FSM_NAME_MAX];
	bool	 start;
	const char *why;	/* "placement" or "no quorum" */
};

static int
prep_place(struct op *op, void *arg)
{
	struct place *p = arg;

	if (ccr_group(rgmd.ccr, p->group) == NULL)
		return -1;
	if (p->start)
		return fsm_plan_online(rgmd.ccr, &rgmd.rt, p->group, NULL,
		    &op->plan);
	return fsm_plan_offline(rgmd.ccr, &rgmd.rt, p->group, NULL,
	    &op->plan);
}

static void place_here(const char *group, bool start, const char *why);

static void
on_place_done(struct op *op, void *arg)
{
	struct place *p = arg;
	struct pending_op *po = pending_of(p->group);
	bool other_way = po != NULL && po->then;
	const char *why = other_way ? po->then_why : NULL;

	log_info("placement: %s of %s here %s%s%s", p->start ? "start" :
	    "stop", p->group, op->failed ? "failed" : "done",
	    op->msg ? ": " : "", op->msg ? op->msg : "");
	event_emit(op->failed ? (p->start ? "group_start_failed" :
	    "group_stop_failed") : (p->start ? "group_online" :
	    "group_offline"), rgmd.conf.node_name, p->group, p->why);
	if (po != NULL)
		po->group[0] = '\0';
	if (other_way)
		place_here(p->group, !p->start, why);
	free(p);
	president_touch();
}

/* Bring a group online (start) or offline here, unless it is already so.
 * While an operation of ours on it is under way, the other way is done
 * once it ends (the last wish counts), the same way is nothing more. */
static void
place_here(const char *group, bool start, const char *why)
{
	enum rg_state st = state_rg(group)->state;
	struct pending_op *po;
	struct place *p;
	struct op *op;

	if (ccr_group(rgmd.ccr, group) == NULL)
		return;
	if ((po = pending_of(group)) != NULL) {
		po->then = po->start != start;
		po->then_why = why;
		if (po->then)
			log_info("placement: %s of %s here once its %s under "
			    "way ends", start ? "start" : "stop", group,
			    po->start ? "start" : "stop");
		return;
	}
	if (start && (st == RG_ONLINE || st == RG_PENDING_ONLINE))
		return;
	if (!start && (st == RG_OFFLINE || st == RG_UNMANAGED ||
	    st == RG_PENDING_OFFLINE) && !state_rg(group)->want_online)
		return;
	if ((po = pending_add(group, start)) == NULL)
		return;		/* full: refuse more */
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (op = engine_op_new(on_place_done, p)) == NULL) {
		free(p);
		po->group[0] = '\0';
		log_warn("placement: out of memory: %s of %s lost",
		    start ? "start" : "stop", group);
		return;
	}
	snprintf(p->group, sizeof(p->group), "%s", group);
	p->start = start;
	p->why = why;
	op->prepare = prep_place;
	log_info("placement: %s of %s here", start ? "start" : "stop", group);
	engine_submit(op);
}

/* The start and stop lines of an order that name this node. */
static void
follow_order(const char *text, size_t len)
{
	const char *self = rgmd.conf.node_name;
	char line[512];

	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *verb, *group, *node, *s = line;

		snprintf(line, sizeof(line), "%.*s", (int)l, p);
		p += l + (nl != NULL);
		verb = strsep(&s, "\t");
		group = strsep(&s, "\t");
		node = strsep(&s, "\t");
		if (verb == NULL || group == NULL || node == NULL ||
		    strcmp(node, self) != 0)
			continue;
		if (strcmp(verb, "start") == 0)
			place_here(group, true, "placement");
		else if (strcmp(verb, "stop") == 0)
			place_here(group, false, "placement");
	}
}

/*
 * An order delivered while this node is not quorate is not followed: a
 * partition without quorum obeys nobody. But corosync tells quorum on a
 * connection of its own: a node back from a partition can get the
 * president's first order for the new membership (CPG's) before it
 * learns that it is quorate again, and the president does not send the
 * same order twice, so the groups it names would stay offline (seen in
 * cluster_fencing.sh under load). The last order of another node so
 * delivered is kept, and followed when quorum comes, if the rgmd members
 * are still those it was delivered to and it came from their president
 * (a president without quorum orders nothing: placement.h).
 */
static struct {
	char		 text[sizeof(last_order_text)];
	size_t		 len;		/* 0: none */
	uint32_t	 origin;
	uint64_t	 epoch;		/* cluster_members_epoch() */
} held;

static void
hold_order(uint32_t origin, const char *text, size_t len)
{
	held.len = 0;
	if (origin == membership_view()->local_id || len == 0 ||
	    len >= sizeof(held.text))
		return;
	memcpy(held.text, text, len);
	held.len = len;
	held.origin = origin;
	held.epoch = cluster_members_epoch();
	log_debug("placement: order of node %u not followed: no quorum here "
	    "(kept until quorum comes with these members)", origin);
}

static void
follow_held(void)
{
	size_t len = held.len;

	held.len = 0;
	if (len == 0)
		return;
	if (held.epoch != cluster_members_epoch() ||
	    held.origin != president_id()) {
		log_debug("placement: order of node %u delivered before quorum "
		    "dropped: the members changed since", held.origin);
		return;
	}
	log_info("placement: following the order of node %u delivered before "
	    "quorum came", held.origin);
	follow_order(held.text, len);
}

void
president_on_order(uint32_t origin, const char *text, size_t len)
{
	fence_on_order(origin, text, len);
	if (!membership_view()->quorate) {
		hold_order(origin, text, len);
		return;
	}
	held.len = 0;		/* a later order replaces it */
	follow_order(text, len);
}

void
president_on_quorum(bool quorate)
{
	if (!cluster_is_active())
		return;
	if (quorate) {
		follow_held();
		return;
	}
	if (strcmp(rgmd.conf.no_quorum_policy, "freeze") == 0) {
		log_warn("no quorum: no_quorum_policy freeze: the groups here "
		    "keep running, nothing is started or stopped");
		return;
	}
	/* no_quorum_policy stop: the majority may start them elsewhere. */
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++) {
		const char *g = rgmd.ccr->groups[i]->name;

		if (state_rg(g)->want_online ||
		    placement_is_running(state_rg(g)->state)) {
			log_warn("no quorum: stopping group %s here", g);
			place_here(g, false, "no quorum");
		}
	}
}
