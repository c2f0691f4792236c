// SPDX-License-Identifier: MIT
/*
 * membership.c - the membership core of rgmd: which backend runs, the
 * current view, and the events a new view reports to rgmd; plus the
 * standalone backend, a cluster of exactly this node (id 1, one vote),
 * always quorate, that reports its view once at start like a real backend
 * reports its first configuration. Runs in rgmd's event loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "loop.h"
#include "membership.h"

static const struct membership_backend *backend;
static struct membership_hooks hooks;
static struct membership_view cur;

static void sendq_clear(const char *why);

void
membership_publish(const struct membership_view *v)
{
	static struct membership_view old;
	struct membership_event ev[2 * MEMBERSHIP_MAX_NODES + 2];
	size_t n;

	old = cur;
	cur = *v;
	membership_stamp(&old, &cur, (long)time(NULL));
	if (!cur.connected)
		sendq_clear("the connection to the membership engine is lost");
	n = membership_diff(&old, &cur, ev, sizeof(ev) / sizeof(*ev));
	for (size_t i = 0; i < n && hooks.event != NULL; i++)
		hooks.event(&ev[i], hooks.arg);
}

void
membership_deliver(uint32_t node_id, uint32_t pid, const void *msg,
    size_t len)
{
	if (hooks.deliver != NULL)
		hooks.deliver(node_id, pid, msg, len, hooks.arg);
}

int
membership_start(const char *name, const char *local_node,
    const struct membership_hooks *h)
{
	static const struct membership_backend *const all[] = {
		&membership_standalone, &membership_corosync,
	};

	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++)
		if (strcmp(all[i]->name, name) == 0)
			return membership_start_with(all[i], local_node, h);
	backend = NULL;
	errno = EINVAL;
	return -1;
}

int
membership_start_with(const struct membership_backend *b,
    const char *local_node, const struct membership_hooks *h)
{
	memset(&cur, 0, sizeof(cur));
	snprintf(cur.fault, sizeof(cur.fault), "not started");
	hooks = *h;
	backend = b;
	return backend->start(local_node);
}

void
membership_stop(void)
{
	if (backend != NULL)
		backend->stop();
	backend = NULL;
	sendq_clear("rgmd stops");
}

/*
 * Messages the backend could not take yet (corosync's flow control,
 * EAGAIN): kept in order and sent again from a loop timer, so rgmd never
 * waits for corosync inside the loop, and a message sent later never
 * overtakes one sent before. A lost connection drops them (the
 * membership change that follows starts a new replication round).
 */
#define SENDQ_RETRY_MS	5
#define SENDQ_MAX_BYTES	(16u << 20)

struct queued {
	struct queued	*next;
	size_t		 len;
	char		 msg[];
};

static struct queued *q_head, **q_tail = &q_head;
static size_t q_bytes;
static struct loop_timer *q_timer;

static void
sendq_clear(const char *why)
{
	size_t n = 0;

	while (q_head != NULL) {
		struct queued *m = q_head;

		q_head = m->next;
		free(m);
		n++;
	}
	q_tail = &q_head;
	q_bytes = 0;
	if (q_timer != NULL)
		loop_timer_cancel(q_timer);
	q_timer = NULL;
	if (n > 0)
		log_warn("membership: %zu queued message%s dropped: %s", n,
		    n > 1 ? "s" : "", why);
}

static void sendq_flush(void *arg);

static void
sendq_arm(void)
{
	if (q_timer == NULL)
		q_timer = loop_timer_add(SENDQ_RETRY_MS, sendq_flush, NULL);
}

static void
sendq_flush(void *arg)
{
	(void)arg;
	q_timer = NULL;
	while (q_head != NULL) {
		struct queued *m = q_head;

		if (backend == NULL || !cur.connected) {
			sendq_clear("not connected");
			return;
		}
		if (backend->send(m->msg, m->len) == -1) {
			if (errno == EAGAIN) {
				sendq_arm();
				return;
			}
			sendq_clear(strerror(errno));
			return;
		}
		q_head = m->next;
		if (q_head == NULL)
			q_tail = &q_head;
		q_bytes -= m->len;
		free(m);
	}
}

static int
sendq_add(const void *msg, size_t len)
{
	struct queued *m;

	if (q_bytes + len > SENDQ_MAX_BYTES) {
		errno = ENOBUFS;
		return -1;
	}
	if ((m = malloc(sizeof(*m) + len)) == NULL)
		return -1;
	m->next = NULL;
	m->len = len;
	memcpy(m->msg, msg, len);
	*q_tail = m;
	q_tail = &m->next;
	q_bytes += len;
	sendq_arm();
	return 0;
}

int
membership_send(const void *msg, size_t len)
{
	if (backend == NULL || !cur.connected) {
		errno = ENOTCONN;
		return -1;
	}
	if (len > MEMBERSHIP_MSG_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	if (q_head != NULL)
		return sendq_add(msg, len);	/* after those before it */
	if (backend->send(msg, len) == 0)
		return 0;
	return errno == EAGAIN ? sendq_add(msg, len) : -1;
}

const struct membership_view *
membership_view(void)
{
	return &cur;
}

const char *
membership_name_of(uint32_t id)
{
	for (size_t i = 0; i < cur.n; i++)
		if (cur.nodes[i].id == id)
			return cur.nodes[i].name;
	return "?";
}

bool
membership_is_node(const char *name)
{
	return membership_view_find_name(&cur, name) != NULL;
}

bool
membership_is_up(const char *name)
{
	const struct membership_node *nd = membership_view_find_name(&cur,
	    name);

	return nd != NULL && nd->rgmd;
}

static size_t
count_joined(void)
{
	size_t n = 0;

	for (size_t i = 0; i < cur.n; i++)
		n += cur.nodes[i].rgmd;
	return n;
}

void
membership_names(char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < cur.n && off < len; i++) {
		int w = snprintf(buf + off, len - off, "%s%s", i ? ", " : "",
		    cur.nodes[i].name);

		if (w < 0)
			break;
		off += (size_t)w;
	}
	if (cur.n == 0)
		snprintf(buf, len, "none known");
}

const char *
membership_reason_name(enum membership_reason r)
{
	static const char *const names[] = {
		[MEMBERSHIP_REASON_NONE] = "none",
		[MEMBERSHIP_REASON_JOIN] = "join",
		[MEMBERSHIP_REASON_LEAVE] = "rgmd left",
		[MEMBERSHIP_REASON_NODEDOWN] = "node down",
		[MEMBERSHIP_REASON_NODEUP] = "node up",
		[MEMBERSHIP_REASON_PROCDOWN] = "rgmd died",
		[MEMBERSHIP_REASON_LOCAL_FAULT] = "local corosync lost",
	};

	if ((size_t)r >= sizeof(names) / sizeof(*names) || names[r] == NULL)
		return "unknown";
	return names[r];
}

void
membership_log_event(const struct membership_event *ev)
{
	switch (ev->kind) {
	case MEMBERSHIP_EV_JOINED:
		log_info("membership: node %s (id %u) joined", ev->node_name,
		    ev->node_id);
		break;
	case MEMBERSHIP_EV_LEFT:
		log_info("membership: node %s (id %u) left: %s",
		    ev->node_name, ev->node_id,
		    membership_reason_name(ev->reason));
		break;
	case MEMBERSHIP_EV_QUORUM:
		log_info("membership: %s (%zu of %zu nodes joined)",
		    ev->quorate ? "quorate" : "not quorate", count_joined(),
		    cur.n);
		break;
	case MEMBERSHIP_EV_ENGINE:
		if (ev->connected)
			log_debug("membership: %s connected",
			    membership_backend_name());
		else
			log_warn("membership: local %s lost: %s",
			    membership_backend_name(), ev->fault);
		break;
	}
}

const char *
membership_backend_name(void)
{
	return backend ? backend->name : "none";
}

static int
standalone_start(const char *local_node)
{
	struct membership_view v = { .n = 1, .local_id = 1, .connected = true,
		.quorate = true, .settled = true, .expected_votes = 1,
		.total_votes = 1, .quorum = 1 };

	v.nodes[0] = (struct membership_node){ .id = 1, .up = true,
		.rgmd = true, .votes = 1 };
	snprintf(v.nodes[0].name, sizeof(v.nodes[0].name), "%s", local_node);
	membership_publish(&v);
	return 0;
}

static void
standalone_stop(void)
{
}

struct standalone_msg {
	size_t	len;
	char	data[];
};

static void
standalone_deliver(void *arg)
{
	struct standalone_msg *m = arg;

	membership_deliver(1, (uint32_t)getpid(), m->data, m->len);
	free(m);
}

/* The only member: a message is delivered to this rgmd from the loop,
 * after send returned, in order (equal timers fire in order). */
static int
standalone_send(const void *msg, size_t len)
{
	struct standalone_msg *m = malloc(sizeof(*m) + len);

	if (m == NULL)
		return -1;
	m->len = len;
	memcpy(m->data, msg, len);
	if (loop_timer_add(0, standalone_deliver, m) == NULL) {
		free(m);
		return -1;
	}
	return 0;
}

const struct membership_backend membership_standalone = {
	.name = "standalone",
	.start = standalone_start,
	.stop = standalone_stop,
	.send = standalone_send,
};
