// SPDX-License-Identifier: MIT
/*
 * pdt_link.c - the GIN side of the rgmd -> pdt link. Each loop round, if
 * an input changed (configuration generation, this node's state version,
 * another node's report, the membership), the translation (pdt_feed.c) is
 * made again for each SharedAddress Online (or Starting) here, and only the commands
 * that change what that pdt was last told are sent, each with a short
 * time-out (PDT_LINK_TIMEOUT_MS) so a stuck pdt never holds the loop for
 * long. A failure or a refusal makes the next attempt send everything,
 * one second later. The first contact with a pdt sends every service and
 * node rgmd knows (replacing them by name) and removes nothing that pdt
 * had from elsewhere (its configuration file). A pdt started again (by
 * the process monitor) makes its socket anew: every PDT_LINK_CHECK_MS the
 * socket's inode and change time are compared, and a new one is sent
 * everything.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ccr.h"
#include "cluster_state.h"
#include "ctlclient.h"
#include "log.h"
#include "loop.h"
#include "membership.h"
#include "pdt_feed.h"
#include "pdt_link.h"
#include "pdt_pub.h"
#include "rgmd.h"
#include "scalable.h"
#include "state.h"

#define PDT_LINK_TIMEOUT_MS	200
#define PDT_LINK_RETRY_MS	1000
#define PDT_LINK_CHECK_MS	2000
#define PDT_LINK_MAX		8	/* SharedAddresses online on one node */

struct link {
	char		 sa[FSM_NAME_MAX];
	char		 sock[108];
	struct pdt_feed_cfg sent;
	bool		 have;		/* sent holds what pdt was told */
	bool		 seen;		/* still online here this round */
	dev_t		 dev;		/* the socket file pdt was told at */
	ino_t		 ino;		/* (an inode may be reused: its */
	struct timespec	 ctim;		/* change time tells them apart) */
};

static struct link links[PDT_LINK_MAX];
static bool dirty = true;
static struct loop_timer *retry_timer, *check_timer;
static uint64_t seen_gen = UINT64_MAX, seen_state, seen_reports;
static struct membership_view seen_view;

static void
on_retry(void *arg)
{
	(void)arg;
	retry_timer = NULL;
	dirty = true;
}

/* Try again in a second (not at every round: a stuck pdt costs a time-out
 * each time). */
static void
retry_later(void)
{
	if (retry_timer == NULL)
		retry_timer = loop_timer_add(PDT_LINK_RETRY_MS, on_retry, NULL);
}

/* Is the socket another file than the one l's pdt was told at? */
static bool
socket_renewed(struct link *l)
{
	struct stat st;

	if (stat(l->sock, &st) == -1)
		return true;
	if (st.st_dev == l->dev && st.st_ino == l->ino &&
	    st.st_ctim.tv_sec == l->ctim.tv_sec &&
	    st.st_ctim.tv_nsec == l->ctim.tv_nsec)
		return false;
	l->dev = st.st_dev;
	l->ino = st.st_ino;
	l->ctim = st.st_ctim;
	return true;
}

static void
on_check(void *arg)
{
	bool any = false;

	(void)arg;
	check_timer = NULL;
	for (size_t i = 0; i < PDT_LINK_MAX; i++) {
		if (!links[i].sa[0])
			continue;
		any = true;
		if (links[i].have && socket_renewed(&links[i])) {
			log_info("pdt of %s: %s is a new socket: everything "
			    "is sent again", links[i].sa, links[i].sock);
			pdt_feed_free(&links[i].sent);
			links[i].have = false;
			dirty = true;
		}
	}
	if (any)
		check_timer = loop_timer_add(PDT_LINK_CHECK_MS, on_check, NULL);
}

static bool
changed(void)
{
	const struct membership_view *v = membership_view();

	if (!dirty && seen_gen == rgmd.ccr->generation &&
	    seen_state == state_version() &&
	    seen_reports == cluster_state_seq() &&
	    memcmp(&seen_view, v, sizeof(*v)) == 0)
		return false;
	seen_gen = rgmd.ccr->generation;
	seen_state = state_version();
	seen_reports = cluster_state_seq();
	seen_view = *v;
	dirty = false;
	return true;
}

static bool
up_state(enum r_state st, const char *status)
{
	return (st == R_ONLINE || st == R_ONLINE_NOT_MONITORED) &&
	    strcmp(status, "FAULTED") != 0;
}

static bool
is_online(void *arg, const struct pdt_feed_node *node, const char *res)
{
	enum r_state st;
	char status[16];

	(void)arg;
	if (node->id == membership_view()->local_id) {
		const struct r_run *r = state_r(res);

		return r != NULL && up_state(r->state, r->status);
	}
	return cluster_state_resource(node->id, res, &st, status,
	    sizeof(status)) && up_state(st, status);
}

static int
resolve(void *arg, const char *host, char (*out)[PDT_FEED_ADDR_MAX],
    size_t max)
{
	(void)arg;
	return pdt_pub_resolve(host, out, max);
}

/* The last MAC each node reported: a node that dies keeps its place in
 * pdt's nodes and weights (only its online set changes), so the Maglev
 * table of the nodes that stay does not move. */
static struct {
	uint32_t	 id;
	char		 mac[PDT_FEED_MAC_MAX];
} known[PDT_FEED_MAX_NODES];

static void
remember(struct pdt_feed_node *o)
{
	size_t i, free_slot = PDT_FEED_MAX_NODES;

	for (i = 0; i < PDT_FEED_MAX_NODES; i++) {
		if (known[i].id == o->id)
			break;
		if (known[i].id == 0 && free_slot == PDT_FEED_MAX_NODES)
			free_slot = i;
	}
	if (i == PDT_FEED_MAX_NODES && (i = free_slot) == PDT_FEED_MAX_NODES)
		return;
	if (o->mac[0] != '\0') {
		known[i].id = o->id;
		snprintf(known[i].mac, sizeof(known[i].mac), "%s", o->mac);
	} else if (known[i].id == o->id)
		snprintf(o->mac, sizeof(o->mac), "%s", known[i].mac);
}

/* The cluster's nodes with their public MACs (this node's from
 * pdt_pub.c, the others' from their reports, else the last known). */
static size_t
nodes_of(struct pdt_feed_node *out)
{
	const struct membership_view *v = membership_view();
	size_t n = 0;

	for (size_t i = 0; i < v->n && n < PDT_FEED_MAX_NODES; i++) {
		const struct membership_node *m = &v->nodes[i];
		struct pdt_feed_node *o = &out[n++];
		struct pdt_pub pub;

		memset(o, 0, sizeof(*o));
		o->id = m->id;
		snprintf(o->name, sizeof(o->name), "%s", m->name);
		if (m->id == v->local_id) {
			if (pdt_pub_local(rgmd.ccr, &pub) == 0)
				snprintf(o->mac, sizeof(o->mac), "%s", pub.mac);
		} else if (m->up && m->rgmd)
			cluster_state_pub(m->id, o->mac, sizeof(o->mac));
		remember(o);
	}
	return n;
}

/* PDT_SOCKET from <state dir>/resources/<sa>/pdt.env, or -1. */
static int
socket_of(const char *sa, char *buf, size_t len)
{
	char path[512], line[256];
	FILE *f;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/resources/%s/pdt.env",
	    rgmd.conf.state_dir, sa);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "PDT_SOCKET=", 11) == 0) {
			line[strcspn(line, "\n")] = '\0';
			if (line[11] != '\0' && strlen(line + 11) < len) {
				snprintf(buf, len, "%s", line + 11);
				rc = 0;
			}
		}
	fclose(f);
	return rc;
}

static struct link *
link_of(const char *sa, const char *sock)
{
	struct link *free_slot = NULL;

	for (size_t i = 0; i < PDT_LINK_MAX; i++) {
		if (links[i].sa[0] && strcmp(links[i].sa, sa) == 0) {
			if (strcmp(links[i].sock, sock) != 0) {
				links[i].have = false;	/* another pdt */
				snprintf(links[i].sock, sizeof(links[i].sock),
				    "%s", sock);
			}
			return &links[i];
		}
		if (!links[i].sa[0] && free_slot == NULL)
			free_slot = &links[i];
	}
	if (free_slot != NULL) {
		snprintf(free_slot->sa, sizeof(free_slot->sa), "%s", sa);
		snprintf(free_slot->sock, sizeof(free_slot->sock), "%s", sock);
	}
	return free_slot;
}

/* Send cmds in order; false at the first that fails (said in the log). */
static bool
send_all(const struct link *l, char **cmds, size_t n)
{
	char reply[2048], err[256];
	size_t got;

	for (size_t i = 0; i < n; i++) {
		int rc = pdt_ctlc_request(l->sock, cmds[i], PDT_LINK_TIMEOUT_MS,
		    reply, sizeof(reply), &got, err, sizeof(err));

		if (rc == PDT_CTLC_OK) {
			log_info("pdt of %s: %s", l->sa, cmds[i]);
			continue;
		}
		reply[strcspn(reply, "\n")] = '\0';
		log_warn("pdt of %s (%s): \"%s\" %s: %s", l->sa, l->sock,
		    cmds[i], rc == PDT_CTLC_REFUSED ? "refused" : "not sent",
		    rc == PDT_CTLC_REFUSED ? reply : err);
		return false;
	}
	return true;
}

static void
feed(struct link *l, const struct pdt_feed_node *nodes, size_t n_nodes)
{
	struct pdt_feed_env env = { nodes, n_nodes, is_online, resolve, NULL,
		l->sa };
	struct pdt_feed_cfg cfg;
	char warn[1024], **cmds;
	size_t n;

	if (pdt_feed_build(rgmd.ccr, &env, &cfg, warn, sizeof(warn)) == -1) {
		retry_later();
		return;
	}
	if (warn[0] != '\0')
		log_warn("pdt of %s: %s", l->sa, warn);
	if (l->have && socket_renewed(l)) {
		pdt_feed_free(&l->sent);	/* a pdt started again */
		l->have = false;
	} else if (!l->have)
		(void)socket_renewed(l);	/* the file told from now on */
	if (pdt_feed_diff(l->have ? &l->sent : NULL, &cfg, &cmds, &n) == -1) {
		pdt_feed_free(&cfg);
		retry_later();
		return;
	}
	if (l->have)
		pdt_feed_free(&l->sent);
	l->have = send_all(l, cmds, n);
	if (l->have)
		l->sent = cfg;
	else {
		pdt_feed_free(&cfg);
		retry_later();
	}
	pdt_feed_cmds_free(cmds, n);
}

void
pdt_link_before_sleep(void)
{
	struct pdt_feed_node nodes[PDT_FEED_MAX_NODES];
	size_t n_nodes;

	if (!changed())
		return;
	n_nodes = nodes_of(nodes);
	for (size_t i = 0; i < PDT_LINK_MAX; i++)
		links[i].seen = false;
	for (size_t i = 0; i < rgmd.ccr->n_res; i++) {
		const struct res *sa = rgmd.ccr->res[i];
		const struct r_run *r = state_r(sa->name);
		char sock[108];
		struct link *l;

		/* Starting too: the type announces the addresses once its
		 * pdt has the services, so clients never reach a pdt that
		 * would hand their packets to the kernel. */
		if (!scalable_is_sa(sa) || r == NULL ||
		    !(up_state(r->state, "") || r->state == R_STARTING))
			continue;
		if (socket_of(sa->name, sock, sizeof(sock)) == -1) {
			retry_later();	/* the type has not written it yet */
			continue;
		}
		if ((l = link_of(sa->name, sock)) == NULL)
			continue;
		l->seen = true;
		feed(l, nodes, n_nodes);
		if (check_timer == NULL)
			check_timer = loop_timer_add(PDT_LINK_CHECK_MS,
			    on_check, NULL);
	}
	for (size_t i = 0; i < PDT_LINK_MAX; i++)
		if (links[i].sa[0] && !links[i].seen) {
			if (links[i].have)
				pdt_feed_free(&links[i].sent);
			memset(&links[i], 0, sizeof(links[i]));
		}
}
