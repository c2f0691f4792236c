// SPDX-License-Identifier: MIT
/*
 * scswitch.c - main of scswitch(8): bring resource groups online, switch
 * and take them offline, enable and disable resources, clear STOP_FAILED,
 * manage, unmanage and restart groups, evacuate nodes; --dry-run prints
 * what would happen. The work is in scswitch_args.c
 * (argv -> request) and client.c (rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scswitch -Z [-g group,...] [--dry-run]\n"
"       scswitch -z -g group,... [-h node,...] [--dry-run]\n"
"       scswitch -F -g group,... [--dry-run]\n"
"       scswitch -S -h node,... [--dry-run]\n"
"       scswitch -e|-n [-M] -j resource,... [-h node,...]\n"
"       scswitch -c -h node,... -j resource,... -f STOP_FAILED\n"
"       scswitch -u|-o -g group,...\n"
"       scswitch -R -h node,... -g group,...\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scswitch", cli_parse_scswitch, usage
	};

	return cli_main(&prog, argc, argv);
}
