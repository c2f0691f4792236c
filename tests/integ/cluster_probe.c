// SPDX-License-Identifier: MIT
/*
 * cluster_probe.c - a test client of rgmd's membership interface
 * ($(B)/tests/bin/cluster-probe), run by tests/integ/cluster_messages.sh
 * on each node of a namespace cluster. It starts a membership backend
 * exactly as rgmd does (same code, same event loop), waits until NODES
 * nodes are joined, multicasts COUNT numbered messages with
 * membership_send, and prints every message delivered to it, one line
 * "<sender node id> <text>", until it has COUNT x NODES of them. The
 * outputs of all nodes must be identical: agreed order.
 *
 *   cluster-probe -n node_name -N nodes -c count [-s size] [-b backend]
 *                 [-t ms]
 * -s pads every message to size bytes (its head and length are printed).
 * Exit: 0 done, 1 timeout or error, 2 usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "loop.h"
#include "membership.h"

static const char *node = "";
static long nodes = 1, count = 1, sent, delivered, size;
static int result = 1;

static size_t
joined(void)
{
	const struct membership_view *v = membership_view();
	size_t n = 0;

	for (size_t i = 0; i < v->n; i++)
		n += v->nodes[i].rgmd;
	return n;
}

/* "node:i", padded with '.' to size bytes when size is given. */
static void
send_more(void *arg)
{
	static char *msg;
	size_t cap = size > 128 ? (size_t)size : 128;

	(void)arg;
	if (msg == NULL && (msg = malloc(cap + 1)) == NULL) {
		loop_stop();
		return;
	}
	while (sent < count) {
		size_t len = (size_t)snprintf(msg, cap, "%s:%ld", node, sent);

		if (size > 0 && len < (size_t)size) {
			memset(msg + len, '.', (size_t)size - len);
			len = (size_t)size;
		}
		if (membership_send(msg, len) == -1) {
			if (errno != EAGAIN) {
				log_warn("send: %m");
				loop_stop();
				return;
			}
			loop_timer_add(10, send_more, NULL);
			return;
		}
		sent++;
	}
}

static void
on_event(const struct membership_event *ev, void *arg)
{
	(void)arg;
	membership_log_event(ev);
	if (sent == 0 && (long)joined() == nodes)
		send_more(NULL);
}

static void
on_deliver(uint32_t from, uint32_t pid, const void *msg, size_t len,
    void *arg)
{
	(void)pid;
	(void)arg;
	const char *dot = memchr(msg, '.', len);
	int head = (int)(dot ? (size_t)(dot - (const char *)msg) : len);

	/* A padded message is shown as its head and its length. */
	printf("%u %.*s %zu\n", from, head, (const char *)msg, len);
	if (++delivered == count * nodes) {
		result = 0;
		loop_stop();
	}
}

static void
on_timeout(void *arg)
{
	(void)arg;
	log_warn("timeout: %ld sent, %ld delivered, %zu joined", sent,
	    delivered, joined());
	loop_stop();
}

int
main(int argc, char **argv)
{
	struct membership_hooks h = { .event = on_event,
		.deliver = on_deliver };
	const char *backend = "corosync";
	long timeout = 30000;
	int ch;

	while ((ch = getopt(argc, argv, "b:c:n:N:s:t:")) != -1) {
		switch (ch) {
		case 'b': backend = optarg; break;
		case 'c': count = atol(optarg); break;
		case 's': size = atol(optarg); break;
		case 'n': node = optarg; break;
		case 'N': nodes = atol(optarg); break;
		case 't': timeout = atol(optarg); break;
		default: goto usage;
		}
	}
	if (optind != argc || node[0] == '\0' || count < 1 || nodes < 1 ||
	    timeout < 1)
		goto usage;
	setvbuf(stdout, NULL, _IOLBF, 0);
	log_init("cluster-probe", true, 0);
	if (loop_init() == -1 || loop_timer_add((uint64_t)timeout, on_timeout,
	    NULL) == NULL || membership_start(backend, node, &h) == -1) {
		log_warn("start: %m");
		return 1;
	}
	loop_run();
	membership_stop();
	return result;
usage:
	fprintf(stderr, "usage: cluster-probe -n node_name -N nodes -c count "
	    "[-s size] [-b backend] [-t ms]\n");
	return 2;
}
