// SPDX-License-Identifier: MIT
/*
 * scha_resource_get.c - main of scha_resource_get (scha(1)): a resource's
 * properties and state, with Sun's output format and exit codes. The work
 * is in scha_args.c (argv -> request) and client.c (talking to rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scha_resource_get -O tag -R resource [-G group] [arg...]\n"
"  tag: a standard property (Retry_count, Port_list, ...), Extension PROP,\n"
"  All_extensions, Status, Resource_state, Status_node NODE,\n"
"  Resource_state_node NODE, Type, Group, On_off_switch, Monitored_switch,\n"
"  or a tag of its type (RT_basedir, ...). Tags ignore case.\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scha_resource_get", cli_parse_scha_resource_get, usage
	};

	return cli_main(&prog, argc, argv);
}
