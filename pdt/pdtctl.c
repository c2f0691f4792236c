// SPDX-License-Identifier: MIT
/*
 * pdtctl.c - the control client of pdt (a separate small program, run by
 * root, the SharedAddress type or a person). It joins its arguments into
 * one command line, sends it to pdt's control socket through the shared
 * client library (ctlclient.c, also linked by rgmd) and prints the
 * answer; exit status 1 when pdt answers "error: ...", 2 on usage or
 * connection errors. Usage: pdtctl [-s socket] COMMAND [ARGS...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ctlclient.h"

#ifndef RGM_RUNDIR
#define RGM_RUNDIR "/run"
#endif

#define REPLY_MAX (1 << 20)

/* Sends line, prints the answer; returns pdtctl's exit status. */
static int talk(const char *path, const char *line)
{
	char *buf = malloc(REPLY_MAX), err[512];
	size_t got = 0;
	int r;

	if (!buf) {
		fprintf(stderr, "pdtctl: out of memory\n");
		return 2;
	}
	r = pdt_ctlc_request(path, line, 0, buf, REPLY_MAX, &got, err,
			     sizeof(err));
	fwrite(buf, 1, got, stdout);
	free(buf);
	if (r == PDT_CTLC_ERROR) {
		fprintf(stderr, "pdtctl: %s\n", err);
		return 2;
	}
	return r == PDT_CTLC_REFUSED;
}

int main(int argc, char **argv)
{
	const char *path = RGM_RUNDIR "/pdt.sock";
	char line[PDT_CTLC_LINE_MAX];
	int c;

	while ((c = getopt(argc, argv, "+s:hV")) != -1) {
		if (c == 's')
			path = optarg;
		else if (c == 'V')
			return puts("pdtctl " RGM_VERSION) == EOF;
		else if (c == 'h')
			return printf("usage: pdtctl [-s socket] COMMAND "
			    "[ARGS...]\n       pdtctl -h | -V\n") < 0;
		else
			goto usage;
	}
	if (optind >= argc ||
	    pdt_ctlc_join(argc - optind, argv + optind, line, sizeof(line)))
		goto usage;
	return talk(path, line);
usage:
	fprintf(stderr, "usage: pdtctl [-s socket] COMMAND [ARGS...]\n");
	return 2;
}
