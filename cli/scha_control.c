// SPDX-License-Identifier: MIT
/*
 * scha_control.c - main of scha_control (scha(1)): request a restart or a
 * give-over, with Sun's output format and exit codes. The work is in
 * scha_args.c (argv -> request) and client.c (talking to rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scha_control -O tag -G group -R resource\n"
"  tag: GIVEOVER, RESTART (the group), RESOURCE_RESTART, CHECK_GIVEOVER,\n"
"  CHECK_RESTART. Needs root or rgmd's admin group.\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scha_control", cli_parse_scha_control, usage
	};

	return cli_main(&prog, argc, argv);
}
