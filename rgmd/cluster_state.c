// SPDX-License-Identifier: MIT
/*
 * cluster_state.c - state reports between the nodes of a cluster. Each
 * node multicasts the state of its groups and resources (STATE messages
 * of repl.c) whenever it changed, and again when the membership changes;
 * each node keeps the last report of every other node, so scstat -g shows
 * every node's rows, as Sun Cluster's does. Runs in rgmd's event loop:
 * the report goes out from the before-sleep hook, after the state is
 * stored, so what others see is never ahead of this node's disk.
 *
 * A report is text, one line a group or resource, fields separated by
 * tabs (names cannot hold one; a status message's tabs and newlines are
 * sent as spaces):
 *   rg <TAB> NAME <TAB> STATE <TAB> GIVEOVER_AT (wall clock s, 0: never)
 *   r  <TAB> NAME <TAB> STATE <TAB> STATUS <TAB> MESSAGE
 *   rt <TAB> TYPE <TAB> WHY     (a type this node cannot run, rt_avail.h)
 *   node <TAB> boot <TAB> BOOT_ID (which boot of the node this is: fencing
 *        is recorded per boot, fence.h; older nodes skip the line)
 *   node <TAB> pub <TAB> IFACE <TAB> MAC <TAB> IPV4 (the public interface
 *        pdt forwards to, pdt_pub.h; only when a SharedAddress exists)
 * A node reports once it has checked its types, so the president never
 * places a group on a node before it knows whether the node can run it.
 * Lines of a kind this rgmd does not know are skipped.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cluster.h"
#include "cluster_state.h"
#include "log.h"
#include "membership.h"
#include "pdt_pub.h"
#include "repl_msg.h"
#include "rt_avail.h"
#include "state.h"

struct report {
	uint32_t	 node;		/* 0: free slot */
	char		*text;
	size_t		 len;
};

static struct report reports[MEMBERSHIP_MAX_NODES];
static uint64_t reports_seq;	/* bumped when any report changes */
static uint64_t sent_version, sent_generation;
static bool must_send;
static char *last_sent;

static void
put_clean(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' ? ' ' : *s, f);
}

/* This node's report (malloc'd) or NULL. */
static char *
render(size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	struct pdt_pub pub;

	if (f == NULL)
		return NULL;
	if (rgmd.rt.boot_id[0] != '\0') {
		fputs("node\tboot\t", f);
		put_clean(f, rgmd.rt.boot_id);
		fputc('\n', f);
	}
	if (pdt_pub_local(rgmd.ccr, &pub) == 0)
		fprintf(f, "node\tpub\t%s\t%s\t%s\n", pub.iface, pub.mac,
		    pub.ipv4);
	for (size_t i = 0; i < rgmd.ccr->n_groups; i++) {
		const char *g = rgmd.ccr->groups[i]->name;

		fprintf(f, "rg\t%s\t%s\t%ld\n", g, fsm_rg_state_name(
		    state_rg(g)->state), state_rg(g)->giveover_at);
	}
	for (size_t i = 0; i < rgmd.ccr->n_res; i++) {
		const struct r_run *r = state_r(rgmd.ccr->res[i]->name);

		fprintf(f, "r\t%s\t%s\t", rgmd.ccr->res[i]->name,
		    fsm_r_state_name(r->state));
		put_clean(f, r->status[0] ? r->status : "OFFLINE");
		fputc('\t', f);
		put_clean(f, r->status_msg);
		fputc('\n', f);
	}
	for (size_t i = 0; i < rgmd.ccr->n_types; i++) {
		const char *why = rt_avail_lacks(rgmd.ccr->types[i]->name);

		if (why == NULL)
			continue;
		fprintf(f, "rt\t%s\t", rgmd.ccr->types[i]->name);
		put_clean(f, why);
		fputc('\n', f);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

void
cluster_state_before_sleep(void)
{
	size_t len;
	char *text;

	/* Rows follow the runtime state and the configuration (a new
	 * resource has a row before it ever ran). */
	if (!cluster_is_active() || !rt_avail_ready() || (!must_send &&
	    sent_version == state_version() &&
	    sent_generation == rgmd.ccr->generation))
		return;
	sent_generation = rgmd.ccr->generation;
	if ((text = render(&len)) == NULL)
		return;
	if (len > REPL_MAX_PAYLOAD) {
		log_warn("state report of %zu bytes is larger than %d: not "
		    "sent (other nodes show this node's last rows)", len,
		    REPL_MAX_PAYLOAD);
		free(text);
		sent_version = state_version();
		return;
	}
	if (!must_send && last_sent != NULL && strcmp(text, last_sent) == 0) {
		free(text);
		sent_version = state_version();
		return;
	}
	if (cluster_send_state(text, len) == -1) {
		free(text);	/* sent again at the next membership change */
		return;
	}
	free(last_sent);
	last_sent = text;
	sent_version = state_version();
	must_send = false;
}

void
cluster_state_resend(void)
{
	must_send = true;
}

static struct report *
slot_of(uint32_t node, bool create)
{
	struct report *free_slot = NULL;

	for (size_t i = 0; i < MEMBERSHIP_MAX_NODES; i++) {
		if (reports[i].node == node)
			return &reports[i];
		if (reports[i].node == 0 && free_slot == NULL)
			free_slot = &reports[i];
	}
	if (create && free_slot != NULL)
		free_slot->node = node;
	return create ? free_slot : NULL;
}

void
cluster_state_on_report(uint32_t node, const char *text, size_t len)
{
	struct report *r = slot_of(node, true);
	char *t;

	if (r == NULL || (t = strndup(text, len)) == NULL)
		return;
	free(r->text);
	r->text = t;
	r->len = len;
	reports_seq++;
}

void
cluster_state_forget(uint32_t node)
{
	struct report *r = slot_of(node, false);

	if (r == NULL)
		return;
	free(r->text);
	memset(r, 0, sizeof(*r));
	reports_seq++;
}

void
cluster_state_reset(void)
{
	for (size_t i = 0; i < MEMBERSHIP_MAX_NODES; i++)
		if (reports[i].node != 0)
			cluster_state_forget(reports[i].node);
	free(last_sent);
	last_sent = NULL;
	must_send = true;
}

/* The line of a report for kind ("rg"/"r") and name: fields in f[]. */
static size_t
find_line(const char *text, const char *kind, const char *name, char *buf,
    size_t buflen, char **f, size_t maxf)
{
	size_t kl = strlen(kind), nl = strlen(name), n = 0;

	for (const char *p = text; p != NULL && *p; p = strchr(p, '\n'),
	    p = p ? p + 1 : NULL) {
		const char *e = strchrnul(p, '\n');

		if ((size_t)(e - p) < kl + nl + 2 || strncmp(p, kind, kl) ||
		    p[kl] != '\t' || strncmp(p + kl + 1, name, nl) ||
		    p[kl + 1 + nl] != '\t')
			continue;
		snprintf(buf, buflen, "%.*s", (int)(e - p), p);
		for (char *s = buf, *tok; n < maxf &&
		    (tok = strsep(&s, "\t")) != NULL;)
			f[n++] = tok;
		return n;
	}
	return 0;
}

/* Reports in node id order, self excluded: calls fn for each. */
static void
each_report(void (*fn)(void *, const char *, const char *, const char *),
    void *f, const char *name)
{
	uint32_t self = membership_view()->local_id, last = 0;

	for (;;) {
		struct report *next = NULL;

		for (size_t i = 0; i < MEMBERSHIP_MAX_NODES; i++)
			if (reports[i].node > last && reports[i].node != self &&
			    reports[i].text != NULL && (next == NULL ||
			    reports[i].node < next->node))
				next = &reports[i];
		if (next == NULL)
			return;
		last = next->node;
		fn(f, next->text, membership_name_of(next->node), name);
	}
}

/* A node out of the membership (its rows are kept while it waits for
 * its fencing): what ran there is shown Offline, as Sun shows a dead
 * node; scstat -n says whether it is fenced. */
static bool
is_down(const char *node)
{
	const struct membership_node *m = membership_view_find_name(
	    membership_view(), node);

	return m == NULL || !m->up;
}

static void
group_row(void *f, const char *text, const char *node, const char *group)
{
	const struct rg *g = ccr_group(rgmd.ccr, group);
	char buf[512], *fl[4];
	long now = (long)time(NULL), end;
	int n = find_line(text, "rg", group, buf, sizeof(buf), fl, 4);

	if (n < 3)
		return;
	fprintf(f, "     Group: %-20s%-20s%s\n", group, node,
	    is_down(node) ? "Offline" : fl[2]);
	/* The node's last give-over, as state_rg_in_pingpong says it for
	 * this node. */
	end = n == 4 && g != NULL && strtol(fl[3], NULL, 10) > 0 ?
	    strtol(fl[3], NULL, 10) + ccr_rg_int(g, "Pingpong_interval",
	    3600) : 0;
	if (now < end)
		fprintf(f, "  Pingpong: %-20s%-20sineligible for %ld s\n",
		    group, node, end - now);
}

static void
resource_row(void *f, const char *text, const char *node, const char *res)
{
	char buf[768], *fl[5];

	if (find_line(text, "r", res, buf, sizeof(buf), fl, 5) != 5)
		return;
	if (is_down(node))
		fprintf(f, "  Resource: %-20s%-20s%-22s%s\n", res, node,
		    "Offline", "node down");
	else
		fprintf(f, "  Resource: %-20s%-20s%-22s%s%s%s\n", res, node,
		    fl[2], fl[3], fl[4][0] ? " - " : "", fl[4]);
}

void
cluster_state_group_rows(FILE *f, const char *group)
{
	each_report(group_row, f, group);
}

void
cluster_state_resource_rows(FILE *f, const char *res)
{
	each_report(resource_row, f, res);
}

struct row_walk {
	const char	*kind;
	cluster_state_row_fn fn;
	void		*arg;
};

static void
any_row(void *arg, const char *text, const char *node, const char *name)
{
	const struct row_walk *w = arg;
	char buf[768], *fl[5];
	size_t n = find_line(text, w->kind, name, buf, sizeof(buf), fl, 5);

	if (n >= 3)
		w->fn(w->arg, node, fl, n);
}

void
cluster_state_each_row(const char *kind, const char *name,
    cluster_state_row_fn fn, void *arg)
{
	struct row_walk w = { kind, fn, arg };

	each_report(any_row, &w, name);
}

bool
cluster_state_group(uint32_t node, const char *group, enum rg_state *st,
    long *giveover_at)
{
	struct report *r = slot_of(node, false);
	char buf[512], *fl[4];

	if (r == NULL || r->text == NULL ||
	    find_line(r->text, "rg", group, buf, sizeof(buf), fl, 4) != 4 ||
	    fsm_rg_state_parse(fl[2], st) == -1)
		return false;
	*giveover_at = strtol(fl[3], NULL, 10);
	return true;
}

void
cluster_state_boot(uint32_t node, char *buf, size_t len)
{
	const struct report *r = slot_of(node, false);
	char line[256], *fl[3];

	if (r == NULL || r->text == NULL ||
	    find_line(r->text, "node", "boot", line, sizeof(line), fl, 3) != 3
	    || fl[2][0] == '\0')
		return;
	snprintf(buf, len, "%s", fl[2]);
}

bool
cluster_state_lacks(uint32_t node, const char *type, char *why, size_t len)
{
	struct report *r = slot_of(node, false);
	char buf[512], *fl[3];

	if (r == NULL || r->text == NULL ||
	    find_line(r->text, "rt", type, buf, sizeof(buf), fl, 3) != 3)
		return false;
	if (why != NULL)
		snprintf(why, len, "%s", fl[2]);
	return true;
}

bool
cluster_state_has_report(uint32_t node)
{
	const struct report *r = slot_of(node, false);

	return r != NULL && r->text != NULL;
}

uint64_t
cluster_state_seq(void)
{
	return reports_seq;
}

bool
cluster_state_pub(uint32_t node, char *mac, size_t len)
{
	const struct report *r = slot_of(node, false);
	char line[256], *fl[5];

	if (r == NULL || r->text == NULL ||
	    find_line(r->text, "node", "pub", line, sizeof(line), fl, 5) < 4 ||
	    fl[3][0] == '\0')
		return false;
	snprintf(mac, len, "%s", fl[3]);
	return true;
}

bool
cluster_state_resource(uint32_t node, const char *res, enum r_state *st,
    char *status, size_t len)
{
	const struct report *r = slot_of(node, false);
	char buf[768], *fl[5];

	int n;

	if (r == NULL || r->text == NULL ||
	    (n = find_line(r->text, "r", res, buf, sizeof(buf), fl, 5)) < 3 ||
	    fsm_r_state_parse(fl[2], st) == -1)
		return false;
	if (status != NULL)
		snprintf(status, len, "%s", n >= 4 ? fl[3] : "");
	return true;
}
