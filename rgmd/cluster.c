// SPDX-License-Identifier: MIT
/*
 * cluster.c - the glue between rgmd's state, its engine and the
 * replication engine (repl.c) over the membership backend's group. Runs in
 * rgmd's event loop: membership events and delivered messages come from
 * the backend's dispatch, commits from the engine.
 *
 * A commit (the engine's STEP_COMMIT) renders the proposed configuration
 * as text (ccr_text.h) and submits it as a CHANGE whose base is the
 * current generation; every node, the origin included, applies the text
 * on delivery when its generation is the base (state_commit_ccr: base + 1,
 * stored). The engine's operation waits meanwhile: it goes on when its
 * CHANGE is applied here, is prepared again on the new configuration when
 * another change came first, and fails with the reason otherwise. The
 * whole proposed configuration is sent, not a description of the edit, so
 * no node has to redo checks that depend on its own runtime state, and
 * every node holds the same bytes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ccr_text.h"
#include "cluster.h"
#include "cluster_follow.h"
#include "cluster_state.h"
#include "cmd.h"
#include "dsdl.h"
#include "engine.h"
#include "events.h"
#include "fence.h"
#include "log.h"
#include "loop.h"
#include "membership.h"
#include "president.h"
#include "repl.h"
#include "state.h"

#define MAX_RETRIES	50	/* stale commits before giving up */

static struct repl repl;
static bool active, out_of_step;
static char out_of_step_why[256];
static uint32_t last_members[REPL_MAX_MEMBERS];
static size_t n_last_members;
/* One more at each new set of rgmd members (a HELLO round) and when the
 * engine goes away (cluster_members_epoch). */
static uint64_t members_epoch;

/* The commit in flight: the engine runs one operation at a time. */
static struct op *pending_op, *last_op;
static uint64_t pending_id;
static int retries;

/* Checksum of rgmd.ccr, computed again only when it changed. */
static const struct ccr *sum_of;
static uint64_t sum_gen, sum;

/* ---- what repl asks of the state --------------------------------------- */

static int
send_msg(void *arg, const struct iovec *iov, int n)
{
	size_t len = 0, off = 0;
	char *buf;
	int rc = -1;

	(void)arg;
	for (int i = 0; i < n; i++)
		len += iov[i].iov_len;
	if ((buf = malloc(len)) == NULL)
		return -1;
	for (int i = 0; i < n; i++) {
		memcpy(buf + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	/* Corosync's flow control queues it in membership.c. */
	rc = membership_send(buf, len);
	free(buf);
	return rc;
}

static uint64_t
cur_generation(void *arg)
{
	(void)arg;
	return rgmd.ccr->generation;
}

static uint64_t
cur_checksum(void *arg)
{
	(void)arg;
	if (sum_of != rgmd.ccr || sum_gen != rgmd.ccr->generation) {
		sum = ccr_checksum(rgmd.ccr);
		sum_of = rgmd.ccr;
		sum_gen = rgmd.ccr->generation;
	}
	return sum;
}

static char *
dump(void *arg, size_t *len)
{
	(void)arg;
	return ccr_text(rgmd.ccr, len);
}

/* A configuration text from a peer, parsed; NULL with a reason. */
static struct ccr *
parse(const char *text, size_t len, char *err, size_t errlen)
{
	char *t = strndup(text, len);
	struct ccr *c;

	if (t == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c = ccr_parse_text(t, DSDL_ABI_VERSION, err, errlen);
	free(t);
	return c;
}

static int
install(void *arg, const char *text, size_t len, uint64_t gen,
    uint64_t want_sum, char *err, size_t errlen)
{
	struct ccr *c = parse(text, len, err, errlen);

	(void)arg;
	if (c == NULL)
		return -1;
	if (c->generation != gen || ccr_checksum(c) != want_sum) {
		snprintf(err, errlen, "transferred configuration does not "
		    "match its generation %llu and checksum",
		    (unsigned long long)gen);
		ccr_free(c);
		return -1;
	}
	if (state_install_ccr(c, err, errlen) == -1) {
		ccr_free(c);
		return -1;
	}
	out_of_step = false;
	president_touch();
	return 0;
}

/*
 * A group managed or unmanaged by a change made on another node: its
 * state here follows (Unmanaged <-> Offline), so that every node's row
 * in scstat -g says the same (the origin derives its own at the end of
 * its operation).
 */
static void
derive_managed(const struct ccr *old)
{
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++) {
		const struct rg *g = rgmd.ccr->groups[i];
		const struct rg *o = ccr_group(old, g->name);

		if (o == NULL || o->managed != g->managed)
			state_derive_group(g->name);
	}
}

static int
apply(void *arg, uint32_t origin, const char *req, size_t len, char *err,
    size_t errlen)
{
	struct ccr *c = parse(req, len, err, errlen), *old;

	(void)arg;
	if (c == NULL || (old = ccr_clone(rgmd.ccr)) == NULL) {
		if (c != NULL)
			snprintf(err, errlen, "out of memory");
		ccr_free(c);
		return -1;
	}
	if (state_commit_ccr(c, err, errlen) == -1) {
		ccr_free(old);
		ccr_free(c);
		return -1;
	}
	derive_managed(old);
	/* The origin runs its own methods (its operation goes on); every
	 * other node runs here what follows the change: Init and Update
	 * (cluster_follow.c), then enable and disable (cmd_follow.c). */
	if (origin != repl.self) {
		follow_submit(follow_prepare(old, rgmd.ccr,
		    rgmd.conf.node_name));
		cmd_follow_change(old);
	}
	ccr_free(old);
	log_info("configuration generation %llu from node %u applied",
	    (unsigned long long)rgmd.ccr->generation, origin);
	president_touch();
	return 0;
}

/* ---- the end of our own commits --------------------------------------- */

static void
done(void *arg, uint64_t id, enum repl_outcome o, const char *reason)
{
	struct op *op = pending_op;

	(void)arg;
	if (op == NULL || id != pending_id)
		return;
	pending_op = NULL;
	switch (o) {
	case REPL_APPLIED:
		engine_commit_done(op, ENGINE_COMMITTED);
		return;
	case REPL_STALE:
		if (++retries <= MAX_RETRIES) {
			log_debug("commit: the configuration changed meanwhile; "
			    "checking the request again (%d)", retries);
			engine_commit_done(op, ENGINE_COMMIT_RETRY);
			return;
		}
		engine_op_say(op, true, "the configuration kept changing on "
		    "other nodes (%d tries): nothing was changed; try again",
		    MAX_RETRIES);
		break;
	case REPL_FAILED:
		engine_op_say(op, true, "configuration not changed: %s",
		    reason ? reason : "unknown reason");
		break;
	case REPL_LOST:
		engine_op_say(op, true, "the cluster group went away while the "
		    "change was on its way: it may or may not have been "
		    "applied; check with scrgadm -pvv once this node is back "
		    "in the cluster");
		break;
	}
	engine_commit_done(op, ENGINE_COMMIT_FAILED);
}

static void
state_report(void *arg, uint32_t origin, uint64_t gen, const char *text,
    size_t len)
{
	(void)arg;
	(void)gen;
	cluster_state_on_report(origin, text, len);
	president_touch();
}

static void
on_order(void *arg, uint32_t origin, uint64_t gen, const char *text,
    size_t len)
{
	(void)arg;
	if (gen != rgmd.ccr->generation)
		log_debug("order of node %u made on generation %llu (here "
		    "%llu)", origin, (unsigned long long)gen,
		    (unsigned long long)rgmd.ccr->generation);
	president_on_order(origin, text, len);
	if (membership_view()->quorate)
		cmd_follow_order(origin, text, len);
}

static void
on_out_of_step(void *arg, const char *reason)
{
	(void)arg;
	out_of_step = true;
	snprintf(out_of_step_why, sizeof(out_of_step_why), "%s", reason);
	log_warn("this node is out of step with the cluster's configuration "
	    "(%s): changes are refused here until it takes the "
	    "configuration again (at the next membership change, or restart "
	    "rgmd on this node)", reason);
}

static void
repl_log(void *arg, bool warn, const char *msg)
{
	(void)arg;
	if (warn)
		log_warn("%s", msg);
	else
		log_info("%s", msg);
}

static const struct repl_ops ops = {
	.send = send_msg, .generation = cur_generation,
	.checksum = cur_checksum, .dump = dump, .install = install,
	.apply = apply, .done = done, .state = state_report,
	.order = on_order,
	.out_of_step = on_out_of_step, .log = repl_log,
};

/* ---- the engine's commits ----------------------------------------------- */

/*
 * A change asked while this node takes part in a join round (a node's
 * rgmd came or went a moment ago) waits for the round to end, up to
 * ROUND_WAIT_MS, then is prepared again on the configuration of that
 * moment: the operator does not see a refusal for a round that lasts a
 * few hundred milliseconds.
 */
#define ROUND_WAIT_MS	10000

static struct op *round_op;
static struct loop_timer *round_timer;

static bool
in_round(void)
{
	return !out_of_step && (repl.st == REPL_ST_GATHER ||
	    repl.st == REPL_ST_TAKING);
}

static void
round_release(enum engine_commit_outcome o)
{
	struct op *op = round_op;

	round_op = NULL;
	if (round_timer != NULL)
		loop_timer_cancel(round_timer);
	round_timer = NULL;
	if (op != NULL)
		engine_commit_done(op, o);
}

static void
on_round_timeout(void *arg)
{
	char err[512];

	(void)arg;
	round_timer = NULL;
	if (round_op == NULL)
		return;
	if (cluster_can_change(err, sizeof(err)))
		snprintf(err, sizeof(err), "the cluster's join round did not "
		    "end");
	engine_op_say(round_op, true, "%s (waited %d s): nothing was "
	    "changed", err, ROUND_WAIT_MS / 1000);
	round_release(ENGINE_COMMIT_FAILED);
}

/* After every delivery and membership event: the round may have ended. */
static void
round_check(void)
{
	char err[512];

	if (round_op == NULL || in_round())
		return;
	if (cluster_can_change(err, sizeof(err))) {
		round_release(ENGINE_COMMIT_RETRY);
		return;
	}
	engine_op_say(round_op, true, "%s", err);
	round_release(ENGINE_COMMIT_FAILED);
}

static int
commit(struct op *op, void *arg)
{
	char err[512];
	size_t len;
	char *text;

	(void)arg;
	if (op != last_op)
		retries = 0;	/* a new operation, not one prepared again */
	last_op = op;
	if (in_round() && round_op == NULL && repl.quorate) {
		round_op = op;
		round_timer = loop_timer_add(ROUND_WAIT_MS, on_round_timeout,
		    NULL);
		log_debug("commit: waiting for the join round to end");
		return ENGINE_COMMIT_PENDING;
	}
	if (!cluster_can_change(err, sizeof(err))) {
		engine_op_say(op, true, "%s", err);
		return -1;
	}
	op->proposed->generation = rgmd.ccr->generation;
	if ((text = ccr_text(op->proposed, &len)) == NULL) {
		engine_op_say(op, true, "cannot render the configuration");
		return -1;
	}
	if (repl_submit(&repl, text, len, &pending_id, err, sizeof(err))
	    == -1) {
		free(text);
		engine_op_say(op, true, "%s", err);
		return -1;
	}
	free(text);
	pending_op = op;
	return ENGINE_COMMIT_PENDING;
}

/* ---- membership ---------------------------------------------------------- */

/* The rgmd members of the view; a new HELLO round when they changed. */
static void
follow_members(void)
{
	const struct membership_view *v = membership_view();
	uint32_t m[REPL_MAX_MEMBERS];
	size_t n = 0;

	for (size_t i = 0; i < v->n && n < REPL_MAX_MEMBERS; i++)
		if (v->nodes[i].rgmd)
			m[n++] = v->nodes[i].id;
	/* Not before this node knows its own id (the engine's "connected"
	 * may come after the joins): the round is started then. */
	if (n == 0 || repl.self == 0)
		return;
	if (n == n_last_members &&
	    memcmp(m, last_members, n * sizeof(*m)) == 0)
		return;
	memcpy(last_members, m, n * sizeof(*m));
	n_last_members = n;
	members_epoch++;
	cluster_state_resend();	/* a new member learns this node's rows */
	repl_confchg(&repl, m, n);
}

void
cluster_on_event(const struct membership_event *ev)
{
	const struct membership_view *v = membership_view();

	if (!active)
		return;
	president_on_membership();
	fence_on_event(ev);
	switch (ev->kind) {
	case MEMBERSHIP_EV_ENGINE:
		if (!ev->connected) {
			repl_down(&repl);
			cluster_state_reset();
			n_last_members = 0;
			members_epoch++;
			president_on_quorum(false);
			break;
		}
		repl.self = v->local_id;
		follow_members();
		break;
	case MEMBERSHIP_EV_QUORUM:
		event_emit(ev->quorate ? "quorum_gained" : "quorum_lost",
		    NULL, NULL, NULL);
		repl_set_quorate(&repl, ev->quorate);
		president_on_quorum(ev->quorate);
		break;
	case MEMBERSHIP_EV_JOINED:
	case MEMBERSHIP_EV_LEFT:
		event_emit(ev->kind == MEMBERSHIP_EV_JOINED ? "node_joined" :
		    "node_left", ev->node_name, NULL, ev->kind ==
		    MEMBERSHIP_EV_LEFT ? membership_reason_name(ev->reason) :
		    NULL);
		/* A node whose rgmd alone left keeps its rows: its groups
		 * may still run there (president.c); so does a node that
		 * left and waits for its fencing (fence.h). */
		if (ev->kind == MEMBERSHIP_EV_LEFT &&
		    ev->reason != MEMBERSHIP_REASON_LEAVE &&
		    ev->reason != MEMBERSHIP_REASON_PROCDOWN &&
		    !fence_keeps_rows(ev->node_id))
			cluster_state_forget(ev->node_id);
		if (repl.self == 0)
			repl.self = v->local_id;
		repl_set_quorate(&repl, v->quorate);
		follow_members();
		break;
	}
	round_check();
}

void
cluster_on_deliver(uint32_t node_id, uint32_t pid, const void *msg,
    size_t len)
{
	(void)pid;
	if (!active)
		return;
	repl_deliver(&repl, node_id, msg, len);
	round_check();
}

bool
cluster_can_change(char *err, size_t errlen)
{
	if (!active)
		return true;
	if (out_of_step) {
		snprintf(err, errlen, "this node is out of step with the "
		    "cluster's configuration (%s): changes are refused here; "
		    "make them on another node, or restart rgmd here",
		    out_of_step_why);
		return false;
	}
	return repl_can_change(&repl, err, errlen);
}

int
cluster_send_state(const char *text, size_t len)
{
	return active ? repl_report_state(&repl, text, len) : -1;
}

int
cluster_send_order(const char *text, size_t len)
{
	return active ? repl_send_order(&repl, text, len) : -1;
}

bool
cluster_is_in_step(void)
{
	return active && !out_of_step && repl.st == REPL_ST_SYNCED;
}

uint64_t
cluster_members_epoch(void)
{
	return members_epoch;
}

bool
cluster_is_active(void)
{
	return active;
}

void
cluster_init(const char *backend)
{
	if (strcmp(backend, "corosync") != 0)
		return;
	active = true;
	repl_init(&repl, 0, &ops, NULL);
	engine_set_commit(commit, NULL);
}

void
cluster_shutdown(void)
{
	if (!active)
		return;
	if (round_timer != NULL)
		loop_timer_cancel(round_timer);
	round_timer = NULL;
	round_op = NULL;
	president_shutdown();
	repl_free(&repl);
	active = false;
}

void
cluster_show(FILE *f)
{
	char err[512];

	if (!active)
		return;
	fprintf(f, "  Configuration:          generation %llu, checksum "
	    "%016llx, %s\n", (unsigned long long)rgmd.ccr->generation,
	    (unsigned long long)cur_checksum(NULL),
	    out_of_step ? "out of step" : repl_state_name(repl.st));
	if (!cluster_can_change(err, sizeof(err)))
		fprintf(f, "  Changes refused:        %s\n", err);
}

bool
cluster_info(struct cluster_info *out)
{
	if (!active)
		return false;
	out->generation = (unsigned long long)rgmd.ccr->generation;
	out->checksum = (unsigned long long)cur_checksum(NULL);
	snprintf(out->state, sizeof(out->state), "%s", out_of_step ?
	    "out of step" : repl_state_name(repl.st));
	if (cluster_can_change(out->refused, sizeof(out->refused)))
		out->refused[0] = '\0';
	return true;
}
