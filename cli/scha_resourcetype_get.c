// SPDX-License-Identifier: MIT
/*
 * scha_resourcetype_get.c - main of scha_resourcetype_get (scha(1)): a
 * resource type's registration, with Sun's output format and exit codes.
 * The work is in scha_args.c (argv -> request) and client.c (talking to
 * rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scha_resourcetype_get -O tag -T type\n"
"  tag: RT_basedir, RT_description, RT_version, API_version, Failover,\n"
"  Single_instance, Init_nodes, Installed_nodes, Resource_list, a method\n"
"  (START, STOP, ...). Tags ignore case.\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scha_resourcetype_get", cli_parse_scha_resourcetype_get, usage
	};

	return cli_main(&prog, argc, argv);
}
