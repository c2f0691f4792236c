// SPDX-License-Identifier: MIT
/*
 * run.c - the main shared by scrgadm, scswitch, scstat and the scha_*
 * commands: parse the command line into a request, refuse bad usage
 * before touching rgmd (exit 2; a command over a size limit is not bad
 * usage: exit 3, SCHA_ERR_INVAL, and no usage hint), then connect to the
 * control socket, send the request and print the reply (exit 0 when rgmd
 * said ok, the scha_err_t code of its refusal, 18 when it could not be
 * reached, 21 when it did not answer in time; client.c).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int
cli_main(const struct cli_prog *p, int argc, char **argv)
{
	struct ctl_msg req;
	char err[512];
	int rc;

	/* Sun's -h takes a node name: -h alone asks for the usage. */
	if (argc == 2 && strcmp(argv[1], "-h") == 0)
		return fputs(p->usage, stdout) == EOF;
	if (argc == 2 && strcmp(argv[1], "-V") == 0)
		return printf("%s %s\n", p->name, RGM_VERSION) < 0;
	switch (p->parse(argc, argv, &req, err, sizeof(err))) {
	case CLI_PARSE_OK:
		break;
	case CLI_PARSE_HELP:
		fputs(p->usage, stdout);
		return CLI_EXIT_OK;
	case CLI_PARSE_EMPTY:
		fputs(p->usage, stderr);
		return CLI_EXIT_USAGE;
	case CLI_PARSE_LIMIT:
		fprintf(stderr, "%s: %s\n", p->name, err);
		return CLI_EXIT_LIMIT;
	default:
		fprintf(stderr, "%s: %s\nRun '%s -?' for usage.\n", p->name,
		    err, p->name);
		return CLI_EXIT_USAGE;
	}
	rc = cli_call(&req, p->name, stdout, stderr);
	ctl_msg_free(&req);
	if (fflush(stdout) == EOF)
		rc = CLI_EXIT_FAIL;
	return rc;
}
