/* SPDX-License-Identifier: MIT */
/*
 * sastub.c - a stand-in for SUNW.SharedAddress in the tests of the
 * rgmd -> pdt link (tests/integ/pdt_feed.sh) while the real type
 * (rtypes/sharedaddress) is not there: it keeps the type's contract with
 * rgmd and nothing else. Start writes <state dir>/pdt.env with
 * PDT_SOCKET=<Pdt_socket> (the control socket of the pdt the test runs);
 * Stop removes it. It plumbs no address and runs no pdt.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dsdl.h"

static int
env_path(struct dsdl *h, char *buf, size_t len)
{
	const char *dir = dsdl_state_dir(h);

	if (dir == NULL || snprintf(buf, len, "%s/pdt.env", dir) >= (int)len)
		return -1;
	return 0;
}

static int
start(struct dsdl *h)
{
	const char *sock;
	char path[4096];
	FILE *f;

	if (dsdl_get_string(h, DSDL_EXTENSION, "Pdt_socket", &sock) == -1 ||
	    env_path(h, path, sizeof(path)) == -1 ||
	    (f = fopen(path, "w")) == NULL) {
		dsdl_log(h, 3, "cannot write pdt.env: %s", strerror(errno));
		return 1;
	}
	fprintf(f, "PDT_SOCKET=%s\n", sock);
	return fclose(f) == 0 ? 0 : 1;
}

static int
stop(struct dsdl *h)
{
	char path[4096];

	if (env_path(h, path, sizeof(path)) == 0)
		unlink(path);
	return 0;
}

DSDL_TYPE(
	.name = "SUNW.SharedAddress",
	.start = start,
	.stop = stop,
);
