// SPDX-License-Identifier: MIT
/*
 * fence.c - fencing in rgmd (fence.h; the rules in rgmd.conf(5),
 * FENCING). Runs in rgmd's event loop. Every node follows the membership
 * into the state machine of fence_state.c, for every other node; the
 * president (president.h) runs fence_command NODE for each pending node,
 * one attempt at a time per node, asynchronously: the command runs
 * detached (launcher_spawn), its whole session killed at fence_timeout. A failure is retried after a backoff that
 * doubles from 1 s up to 30 s, for as long as the node is pending. Every
 * attempt is logged, and its end is an event (node_fenced, fence_failed).
 *
 * A success is multicast as an ORDER line "fenced TAB NODE TAB BOOT", so
 * every node (and the next president) knows that NODE is fenced in that
 * boot; a president that dies mid-fence has sent nothing, and the next
 * one fences again (a fence command must be idempotent). The result of an
 * attempt begun for a pending that has ended (the node came back) is
 * dropped. Fencing is only done in a quorate partition.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cluster.h"
#include "cluster_state.h"
#include "events.h"
#include "launcher.h"
#include "fence.h"
#include "log.h"
#include "loop.h"
#include "placement.h"
#include "president.h"
#include "state.h"

/* One attempt under way for a node. */
struct fence_run {
	pid_t		 pid;		/* 0: none */
	uint32_t	 seq;		/* the pending it was begun for */
	bool		 timed_out;
	uint64_t	 started;
	char		 name[MEMBERSHIP_NAME_MAX];
	char		 boot[FENCE_BOOT_MAX];
};

static struct fence_node nodes[MEMBERSHIP_MAX_NODES];
static struct fence_run runs[MEMBERSHIP_MAX_NODES];
/* Its rgmd left with "node down" while corosync's node list still shows
 * it (the two come from different connections, CPG's first): down. */
static bool left_down[MEMBERSHIP_MAX_NODES];
static struct loop_timer *wake;
static uint64_t wake_at;

static struct fence_policy
policy(void)
{
	return (struct fence_policy){
		.have_command = rgmd.conf.fence_command[0] != '\0',
		.rejoin_ms = (uint64_t)rgmd.conf.rgmd_rejoin_timeout * 1000,
	};
}

static size_t
slot_of(uint32_t id, bool create)
{
	size_t free_slot = MEMBERSHIP_MAX_NODES;

	for (size_t i = 0; i < MEMBERSHIP_MAX_NODES; i++) {
		if (nodes[i].id == id)
			return i;
		if (nodes[i].id == 0 && free_slot == MEMBERSHIP_MAX_NODES)
			free_slot = i;
	}
	if (!create || free_slot == MEMBERSHIP_MAX_NODES)
		return MEMBERSHIP_MAX_NODES;
	memset(&nodes[free_slot], 0, sizeof(nodes[free_slot]));
	nodes[free_slot].id = id;
	return free_slot;
}

static struct fence_node *
node_of(uint32_t id)
{
	size_t i = slot_of(id, false);

	return i < MEMBERSHIP_MAX_NODES ? &nodes[i] : NULL;
}

/* Its last rows show a group there (running, starting, stopping...). */
static bool
hosts_groups(uint32_t id)
{
	for (size_t g = 0; g < rgmd.ccr->n_groups; g++) {
		enum rg_state st;
		long at;

		if (cluster_state_group(id, rgmd.ccr->groups[g]->name, &st,
		    &at) && st != RG_OFFLINE && st != RG_UNMANAGED)
			return true;
	}
	return false;
}

static void
say_change(const struct membership_node *n, bool up,
    const struct fence_node *f, enum fence_change ch)
{
	char why[96];

	switch (ch) {
	case FENCE_NOW_PENDING:
		snprintf(why, sizeof(why), "%s", up ? "rgmd gone past "
		    "rgmd_rejoin_timeout" : "left the membership");
		log_warn("fence: node %s (boot %s) %s: its groups stay where "
		    "they are until it is fenced", n->name, f->pending_boot[0] ?
		    f->pending_boot : "unknown", why);
		event_emit("fence_pending", n->name, NULL, why);
		break;
	case FENCE_NOW_GONE:
		log_warn("fence: the rgmd of node %s did not come back within "
		    "rgmd_rejoin_timeout (%u s) and no fence_command is set: "
		    "its groups stay where they are", n->name,
		    rgmd.conf.rgmd_rejoin_timeout);
		event_emit("rgmd_gone", n->name, NULL, "no fence_command");
		break;
	case FENCE_CAME_BACK:
		log_info("fence: node %s is back: not waited for nor fenced "
		    "any more", n->name);
		break;
	case FENCE_NO_CHANGE:
		break;
	}
}

/* Follow the view into every other node's state. */
static void
observe_all(void)
{
	const struct membership_view *v = membership_view();
	struct fence_policy p = policy();
	uint64_t now = loop_now_ms();

	if (!v->connected)
		return;
	for (size_t k = 0; k < v->n; k++) {
		const struct membership_node *n = &v->nodes[k];
		size_t i;
		enum fence_change ch;
		bool up;

		if (n->id == v->local_id ||
		    (i = slot_of(n->id, true)) == MEMBERSHIP_MAX_NODES)
			continue;
		cluster_state_boot(n->id, nodes[i].boot, FENCE_BOOT_MAX);
		if (!n->up || n->rgmd)
			left_down[i] = false;	/* the view caught up */
		up = n->up && !left_down[i];
		/* Whether it hosts a group matters only at the deadline
		 * (and reading every row each loop round would cost). */
		ch = fence_observe(&nodes[i], up, n->rgmd,
		    fence_deadline(&nodes[i], &p) <= now &&
		    hosts_groups(n->id), &p, now);
		say_change(n, up, &nodes[i], ch);
		if (ch != FENCE_NO_CHANGE)
			president_touch();
	}
}

void
fence_on_event(const struct membership_event *ev)
{
	size_t i;

	if (ev->kind == MEMBERSHIP_EV_LEFT &&
	    ev->reason == MEMBERSHIP_REASON_NODEDOWN &&
	    (i = slot_of(ev->node_id, true)) < MEMBERSHIP_MAX_NODES)
		left_down[i] = true;
	observe_all();
}

bool
fence_keeps_rows(uint32_t node)
{
	const struct fence_node *f = node_of(node);

	return f != NULL && f->pending;
}

bool
fence_is_unclean(const struct membership_node *n)
{
	const struct fence_node *f = node_of(n->id);

	if (f == NULL)
		return n->up && !n->rgmd;
	return fence_node_is_unclean(f, n->up && !left_down[f - nodes],
	    n->rgmd);
}

/* ---- the president's attempts ------------------------------------------ */

/* The node is fenced in boot: its rows go (nothing runs there). */
static void
now_fenced(struct fence_node *f, const char *name, const char *boot)
{
	const struct membership_node *n = membership_view_find_name(
	    membership_view(), name);

	if (!fence_mark_fenced(f, boot))
		return;
	if (n == NULL || !n->rgmd)
		cluster_state_forget(f->id);
	president_touch();
}

static void
send_fenced(const char *name, const char *boot)
{
	char text[MEMBERSHIP_NAME_MAX + FENCE_BOOT_MAX + 16];
	int len = snprintf(text, sizeof(text), "fenced\t%s\t%s\n", name,
	    boot[0] ? boot : "-");

	if (len < 0 || (size_t)len >= sizeof(text) ||
	    cluster_send_order(text, (size_t)len) == -1)
		log_warn("fence: cannot tell the cluster that %s is fenced: "
		    "%m (the next president will fence it again)", name);
}

/* How the attempt ended, for the log and the event. */
static void
describe_end(const struct fence_run *r, int st, char *buf, size_t len)
{
	if (r->timed_out)
		snprintf(buf, len, "timed out after %u s",
		    rgmd.conf.fence_timeout);
	else if (WIFEXITED(st))
		snprintf(buf, len, "exit status %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(st));
	else
		snprintf(buf, len, "ended (status %#x)", (unsigned)st);
}

static void
attempt_ended(size_t i, int st)
{
	struct fence_run *r = &runs[i];
	struct fence_node *f = &nodes[i];
	bool ok = !r->timed_out && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	char how[64], why[160];

	describe_end(r, st, how, sizeof(how));
	if (!f->pending || f->seq != r->seq) {
		log_info("fence: attempt on %s %s, after %llu ms: dropped (the "
		    "node came back meanwhile)", r->name, ok ? "succeeded" :
		    how, (unsigned long long)(loop_now_ms() - r->started));
		return;
	}
	if (ok) {
		log_warn("fence: node %s fenced (attempt %u, %llu ms)",
		    r->name, f->attempts + 1,
		    (unsigned long long)(loop_now_ms() - r->started));
		snprintf(why, sizeof(why), "fence_command succeeded "
		    "(attempt %u)", f->attempts + 1);
		event_emit("node_fenced", r->name, NULL, why);
		now_fenced(f, r->name, r->boot);
		send_fenced(r->name, r->boot);
		return;
	}
	fence_failed(f, loop_now_ms());
	snprintf(why, sizeof(why), "%s (attempt %u; next in %llu ms)", how,
	    f->attempts, (unsigned long long)fence_backoff_ms(f->attempts));
	log_warn("fence: fencing node %s failed: %s; its groups stay where "
	    "they are", r->name, why);
	event_emit("fence_failed", r->name, NULL, why);
}

/* The attempt's end, from the loop (launcher_spawn's done). */
static void
on_fence_done(int st, bool timed_out, void *arg)
{
	struct fence_run *r = arg;

	r->timed_out = timed_out;
	if (timed_out)
		log_warn("fence: fence_command for %s still ran after %u s: "
		    "killed", r->name, rgmd.conf.fence_timeout);
	r->pid = 0;
	attempt_ended((size_t)(r - runs), st);
	president_touch();
}

static void
start_attempt(size_t i, const char *name)
{
	struct fence_run *r = &runs[i];
	struct fence_node *f = &nodes[i];
	char cmd[sizeof(rgmd.conf.fence_command) + 16];
	char e_node[MEMBERSHIP_NAME_MAX + 32], e_boot[FENCE_BOOT_MAX + 32];
	char e_local[sizeof(rgmd.conf.node_name) + 32];
	const char *env[] = { e_node, e_boot, e_local, NULL };

	memset(r, 0, sizeof(*r));
	r->seq = f->seq;
	r->started = loop_now_ms();
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->boot, sizeof(r->boot), "%s", f->pending_boot);
	log_warn("fence: fencing node %s (boot %s), attempt %u: %s %s",
	    name, r->boot[0] ? r->boot : "unknown", f->attempts + 1,
	    rgmd.conf.fence_command, name);
	snprintf(cmd, sizeof(cmd), "%s \"$1\"", rgmd.conf.fence_command);
	snprintf(e_node, sizeof(e_node), "RGM_FENCE_NODE=%s", name);
	snprintf(e_boot, sizeof(e_boot), "RGM_FENCE_BOOT=%s", r->boot);
	snprintf(e_local, sizeof(e_local), "RGM_LOCAL_NODE=%s",
	    rgmd.conf.node_name);
	r->pid = launcher_spawn(&(const struct launcher_cmd){
	    .what = "fence_command", .cmd = cmd, .arg1 = name, .env = env,
	    .timeout_ms = rgmd.conf.fence_timeout * 1000,
	    .done = on_fence_done, .arg = r });
	if (r->pid == -1) {
		log_warn("fence: cannot run fence_command for %s: %m", name);
		r->pid = 0;
		attempt_ended(i, 0x7f00);
	}
}

/* The earliest time something is due by the clock alone. */
static uint64_t
next_due(const struct fence_policy *p, bool fencing)
{
	uint64_t t = UINT64_MAX;

	for (size_t i = 0; i < MEMBERSHIP_MAX_NODES; i++) {
		uint64_t d;

		if (nodes[i].id == 0)
			continue;
		if ((d = fence_deadline(&nodes[i], p)) < t)
			t = d;
		if (fencing && nodes[i].pending && runs[i].pid == 0 &&
		    nodes[i].next_ms < t)
			t = nodes[i].next_ms;
	}
	return t;
}

static void
on_wake(void *arg)
{
	(void)arg;
	wake = NULL;
	wake_at = 0;
}

static void
arm_wake(uint64_t at)
{
	uint64_t now = loop_now_ms();

	if (at == wake_at && wake != NULL)
		return;
	if (wake != NULL)
		loop_timer_cancel(wake);
	wake = NULL;
	wake_at = 0;
	if (at == UINT64_MAX)
		return;
	wake = loop_timer_add(at > now ? at - now : 1, on_wake, NULL);
	wake_at = at;
}

void
fence_before_sleep(void)
{
	const struct membership_view *v = membership_view();
	struct fence_policy p = policy();
	bool fencing;

	if (!cluster_is_active())
		return;
	observe_all();
	/* Only on a quorum that describes the current membership: a node
	 * cut off learns that other rgmds left (CPG) before corosync tells
	 * it that it lost quorum, and must not fence the majority meanwhile
	 * (found by the fenced fault campaign). */
	fencing = p.have_command && v->quorate && v->settled &&
	    president_is_me();
	for (size_t i = 0; fencing && i < MEMBERSHIP_MAX_NODES; i++) {
		const struct membership_node *n;

		if (nodes[i].id == 0 || runs[i].pid != 0 ||
		    !fence_is_due(&nodes[i], loop_now_ms()))
			continue;
		for (size_t k = 0; k < v->n; k++) {
			n = &v->nodes[k];
			/* Down by CPG's word only: wait for corosync's node
			 * list to say so too. */
			if (n->id == nodes[i].id && !(left_down[i] && n->up)) {
				start_attempt(i, n->name);
				break;
			}
		}
	}
	arm_wake(next_due(&p, fencing));
}

/* ---- what the others say ----------------------------------------------- */

void
fence_on_order(uint32_t origin, const char *text, size_t len)
{
	char line[MEMBERSHIP_NAME_MAX + FENCE_BOOT_MAX + 16];
	const struct membership_view *v = membership_view();

	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const struct membership_node *n;
		struct fence_node *f;
		char *s = line, *verb, *name, *boot;

		snprintf(line, sizeof(line), "%.*s", (int)l, p);
		p += l + (nl != NULL);
		verb = strsep(&s, "\t");
		name = strsep(&s, "\t");
		boot = strsep(&s, "\t");
		if (verb == NULL || strcmp(verb, "fenced") != 0 ||
		    name == NULL || boot == NULL ||
		    (n = membership_view_find_name(v, name)) == NULL ||
		    (f = node_of(n->id)) == NULL)
			continue;
		if (strcmp(boot, "-") == 0)
			boot[0] = '\0';
		if (f->pending && strcmp(f->pending_boot, boot) == 0) {
			log_info("fence: node %s fenced (boot %s), says node "
			    "id %u", name, boot[0] ? boot : "unknown", origin);
			now_fenced(f, name, boot);
		}
	}
}

/* ---- scstat -------------------------------------------------------------- */

const char *
fence_rgmd_word(const struct membership_node *n)
{
	const struct fence_node *f = node_of(n->id);

	if (f == NULL || n->rgmd || !n->up)
		return NULL;
	if (fence_is_fenced_now(f))
		return "Fenced";
	return f->gone ? "Gone" : NULL;
}

static void
show_one(FILE *out, const struct membership_node *n,
    const struct fence_node *f, uint64_t now)
{
	const struct fence_run *r = &runs[f - nodes];

	if (f->pending) {
		fprintf(out, "  Fencing:          %-20s", n->name);
		if (r->pid != 0)
			fprintf(out, "fence_command running (attempt %u, "
			    "%llu s)\n", f->attempts + 1,
			    (unsigned long long)((now - r->started) / 1000));
		else if (f->attempts > 0)
			fprintf(out, "pending: %u attempts failed, next in "
			    "%llu s\n", f->attempts, (unsigned long long)
			    (f->next_ms > now ? (f->next_ms - now + 999) /
			    1000 : 0));
		else
			fprintf(out, "pending: its groups wait until it is "
			    "fenced\n");
	} else if (f->gone) {
		fprintf(out, "  Fencing:          %-20srgmd gone for more "
		    "than rgmd_rejoin_timeout (%u s); no fence_command: its "
		    "groups stay there\n", n->name,
		    rgmd.conf.rgmd_rejoin_timeout);
	} else if (f->gone_since != 0 && n->up && !n->rgmd) {
		fprintf(out, "  Fencing:          %-20srgmd gone %llu s ago, "
		    "waiting for it (rgmd_rejoin_timeout %u s)\n", n->name,
		    (unsigned long long)((now - f->gone_since) / 1000),
		    rgmd.conf.rgmd_rejoin_timeout);
	} else if (f->fenced) {
		fprintf(out, "  Fencing:          %-20sfenced (boot %s)\n",
		    n->name, f->fenced_boot[0] ? f->fenced_boot : "unknown");
	}
}

void
fence_show(FILE *out)
{
	const struct membership_view *v = membership_view();
	uint64_t now = loop_now_ms();

	if (!cluster_is_active())
		return;
	fprintf(out, "\n  Fence command:    %s\n", rgmd.conf.fence_command[0] ?
	    rgmd.conf.fence_command : "none (a node that leaves the "
	    "membership is taken as dead)");
	for (size_t k = 0; k < v->n; k++) {
		const struct fence_node *f = node_of(v->nodes[k].id);

		if (f != NULL && v->nodes[k].id != v->local_id)
			show_one(out, &v->nodes[k], f, now);
	}
}
