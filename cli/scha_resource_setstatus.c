// SPDX-License-Identifier: MIT
/*
 * scha_resource_setstatus.c - main of scha_resource_setstatus (scha(1)):
 * set a resource's status, with Sun's output format and exit codes. The
 * work is in scha_args.c (argv -> request) and client.c (talking to rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scha_resource_setstatus -R resource -G group -s status [-m message]\n"
"  status: OK, DEGRADED, FAULTED, UNKNOWN, OFFLINE. Needs root or rgmd's\n"
"  admin group.\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scha_resource_setstatus", cli_parse_scha_setstatus, usage
	};

	return cli_main(&prog, argc, argv);
}
