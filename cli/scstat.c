// SPDX-License-Identifier: MIT
/*
 * scstat.c - main of scstat(8): show the state of resource groups and
 * resources, nodes and quorum. The work is in scstat_args.c (argv ->
 * request) and client.c (rgmd).
 */
#include "cli.h"

static const char usage[] =
"usage: scstat [-g] [-n] [-q] [-s] [-p] [-v[v]] [-h node] [--json]\n"
"  -g  resource groups and resources   -n  nodes   -q  quorum\n"
"  -s  scalable services: pdt's counters on the GIN\n"
"  -p  all of them (also the default)  -v  verbose -h  only this node\n"
"  --json  one JSON document (schema in scstat(8))\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

int
main(int argc, char **argv)
{
	static const struct cli_prog prog = {
		"scstat", cli_parse_scstat_json, usage
	};

	return cli_main(&prog, argc, argv);
}
