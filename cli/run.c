// SPDX-License-Identifier: MIT
/*
 * run.c - the main shared by scrgadm, scswitch, scstat and the scha_*
 * commands: parse the command line into a request, refuse bad usage
 * before touching rgmd (exit 2), then connect to the control socket, send
 * the request and print the reply (exit 0 when rgmd said ok, the
 * scha_err_t code of its refusal, 18 when it could not be reached).
 */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

int
cli_main(const struct cli_prog *p, int argc, char **argv)
{
	struct ctl_msg req;
	char err[512];
	const char *path;
	int fd, rc;

	switch (p->parse(argc, argv, &req, err, sizeof(err))) {
	case CLI_PARSE_OK:
		break;
	case CLI_PARSE_HELP:
		fputs(p->usage, stdout);
		return CLI_EXIT_OK;
	case CLI_PARSE_EMPTY:
		fputs(p->usage, stderr);
		return CLI_EXIT_USAGE;
	default:
		fprintf(stderr, "%s: %s\nRun '%s -?' for usage.\n", p->name,
		    err, p->name);
		return CLI_EXIT_USAGE;
	}
	path = cli_socket_path();
	if ((fd = cli_connect(path, err, sizeof(err))) == -1) {
		fprintf(stderr, "%s: %s\n", p->name, err);
		ctl_msg_free(&req);
		return CLI_EXIT_FAIL;
	}
	rc = cli_exchange(fd, &req, p->name, stdout, stderr);
	close(fd);
	ctl_msg_free(&req);
	if (fflush(stdout) == EOF)
		rc = CLI_EXIT_FAIL;
	return rc;
}
