// SPDX-License-Identifier: MIT
/*
 * scha_resourcegroup_get.c - main of scha_resourcegroup_get (scha(1)): a
 * resource group's properties and state, with Sun's output format and exit
 * codes. The work is in scha_args.c (argv -> request) and client.c
 * (talking to rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scha_resourcegroup_get -O tag -G group [arg...]\n"
"  tag: a group property (Nodelist, Maximum_primaries, ...), RG_state,\n"
"  RG_state_node NODE, Resource_list. Tags ignore case.\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scha_resourcegroup_get", cli_parse_scha_resourcegroup_get,
		usage
	};

	return cli_main(&prog, argc, argv);
}
