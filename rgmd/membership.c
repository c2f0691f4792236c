// SPDX-License-Identifier: MIT
/*
 * membership.c - the membership backends and the standalone one: a
 * cluster of exactly this node, always quorate. It reports its view once,
 * at start, like a real backend reports its first configuration.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "membership.h"

static int
standalone_start(const char *local_node, membership_cb cb, void *arg)
{
	struct membership_view v = { .n = 1, .quorate = true };

	snprintf(v.nodes[0], sizeof(v.nodes[0]), "%s", local_node);
	cb(&v, arg);
	return 0;
}

static void
standalone_stop(void)
{
}

static const struct membership_backend backends[] = {
	{ "standalone", standalone_start, standalone_stop },
};

const struct membership_backend *
membership_find(const char *name)
{
	for (size_t i = 0; i < sizeof(backends) / sizeof(*backends); i++)
		if (strcmp(backends[i].name, name) == 0)
			return &backends[i];
	return NULL;
}
