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
 *   cluster-probe -n node_name -N nodes -c count [-b backend] [-t ms]
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
static long nodes = 1, count = 1, sent, delivered;
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

static void
send_more(void *arg)
{
	char msg[128];

	(void)arg;
	while (sent < count) {
		int len = snprintf(msg, sizeof(msg), "%s:%ld", node, sent);

		if (membership_send(msg, (size_t)len) == -1) {
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
	printf("%u %.*s\n", from, (int)len, (const char *)msg);
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

	while ((ch = getopt(argc, argv, "b:c:n:N:t:")) != -1) {
		switch (ch) {
		case 'b': backend = optarg; break;
		case 'c': count = atol(optarg); break;
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
	    "[-b backend] [-t ms]\n");
	return 2;
}
