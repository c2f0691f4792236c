// SPDX-License-Identifier: MIT
/*
 * scrgadm.c - main of scrgadm(8): register resource types, create, change
 * and remove resource groups and resources, print the configuration. The
 * work is in scrgadm_args.c (argv -> request) and client.c (rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scrgadm -p[v[v]] [-t type] [-g group] [-j resource] [--json]\n"
"       scrgadm -a -t type [-h node,...] [-f rtr_file]\n"
"       scrgadm -a -g group [-h node,...] [-y Prop=Val]...\n"
"       scrgadm -a -j resource -t type -g group [-y Prop=Val]...\n"
"               [-x Prop=Val]...\n"
"       scrgadm -a -L -g group -l host[,host...] [-j resource]\n"
"               [-n netif@node,...]\n"
"       scrgadm -a -S -g group -l host[,host...] [-j resource]\n"
"               [-n netif@node,...] [-X auxnode,...]\n"
"       scrgadm -c -t type [-h node,...] [-y Prop=Val]...\n"
"       scrgadm -c -g group [-h node,...] [-y Prop=Val]...\n"
"       scrgadm -c -j resource [-y Prop=Val]... [-x Prop=Val]...\n"
"       scrgadm -r -t type | -r -g group | -r -j resource\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scrgadm", cli_parse_scrgadm_json, usage
	};

	return cli_main(&prog, argc, argv);
}
