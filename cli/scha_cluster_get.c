// SPDX-License-Identifier: MIT
/*
 * scha_cluster_get.c - main of scha_cluster_get (scha(1)): the cluster's
 * nodes, groups and types, with Sun's output format and exit codes. The
 * work is in scha_args.c (argv -> request) and client.c (talking to rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scha_cluster_get -O tag [arg...]\n"
"  tag: Nodename_local, All_nodenames, All_resourcegroups,\n"
"  All_resourcetypes, Node_state_local, Node_state_node NODE, Clustername.\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scha_cluster_get", cli_parse_scha_cluster_get, usage
	};

	return cli_main(&prog, argc, argv);
}
