// SPDX-License-Identifier: MIT
/*
 * scrgadm.c - main of scrgadm(8): register resource types, create, change
 * and remove resource groups and resources, print the configuration. The
 * work is in scrgadm_args.c (argv -> request) and client.c (rgmd). As
 * Sun's does, scrgadm -a -L and -a -S register SUNW.LogicalHostname and
 * SUNW.SharedAddress first when they are not registered yet.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define LH_TYPE	"SUNW.LogicalHostname"
#define SA_TYPE	"SUNW.SharedAddress"

/* cmd=CMD type=TYPE; its exit status, errors in errf (NULL: none). */
static int
ask(const char *cmd, const char *type, FILE *errf)
{
	struct ctl_msg m;
	FILE *out = fopen("/dev/null", "we");
	int rc = CLI_EXIT_FAIL;

	ctl_msg_init(&m);
	if (out != NULL && ctl_msg_add(&m, "cmd", cmd) == 0 &&
	    ctl_msg_add(&m, "type", type) == 0)
		rc = cli_call(&m, "scrgadm", out, errf != NULL ? errf : out);
	ctl_msg_free(&m);
	if (out != NULL)
		fclose(out);
	return rc;
}

/*
 * Before -a -L or -a -S: register the type unless it is. A failed registration is
 * shown only if the type is still unknown (another scrgadm may have
 * registered it meanwhile); the exit status is then that of the failure.
 */
static int
ensure_addr_type(int argc, char **argv)
{
	struct ctl_msg req;
	char err[512], *msg = NULL;
	size_t len = 0;
	const char *type;
	FILE *errf;
	int rc = 0;

	if (cli_parse_scrgadm(argc, argv, &req, err, sizeof(err)) !=
	    CLI_PARSE_OK)
		return 0;	/* cli_main reports it */
	type = ctl_msg_get(&req, "type");
	if (strcmp(ctl_msg_get(&req, "cmd"), "resource-add") == 0 &&
	    type != NULL && (strcmp(type, LH_TYPE) == 0 ||
	    strcmp(type, SA_TYPE) == 0) &&
	    ask("print", type, NULL) != CLI_EXIT_OK &&
	    (errf = open_memstream(&msg, &len)) != NULL) {
		rc = ask("type-add", type, errf);
		fclose(errf);
		if (rc != CLI_EXIT_OK && ask("print", type, NULL) == CLI_EXIT_OK)
			rc = CLI_EXIT_OK;
		if (rc != CLI_EXIT_OK)
			fputs(msg, stderr);
		free(msg);
	}
	ctl_msg_free(&req);
	return rc;
}

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

	int rc = ensure_addr_type(argc, argv);

	return rc != 0 ? rc : cli_main(&prog, argc, argv);
}
