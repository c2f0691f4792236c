// SPDX-License-Identifier: MIT
/*
 * scstat_args.c - the scstat command line (Sun Cluster 3.x syntax) turned
 * into one "status" request (rgmd/ctlmsg.h). Runs in scstat; a pure
 * function of argv, unit-tested in cli/test_parse.c.
 *
 *   scstat [-g] [-n] [-q] [-s] [-p] [-v[v]] [-h node]
 * -g groups and resources, -n nodes, -q quorum; -p, or none of the three,
 * asks for all of them (so rgmd never has to guess what "nothing" means).
 * -v/-vv raise the verbosity, -h limits the output to one node.
 */
#include <stdio.h>

#include "cli.h"

static int
scan(struct cli_seen *s, int *verbose, int argc, char **argv, char *err,
    size_t errlen)
{
	struct cli_opt o;
	int c;

	cli_seen_init(s);
	*verbose = 0;
	cli_opt_init(&o, argc, argv);
	while ((c = cli_opt_next(&o, "gnqspvh:", err, errlen)) > 0) {
		if (c == '?')
			return CLI_PARSE_HELP;
		if (c == 'v' && ++*verbose > 2) {
			snprintf(err, errlen, "option -v given more than "
			    "twice");
			return CLI_PARSE_ERR;
		}
		if (cli_seen_add(s, c, o.arg, "v", err, errlen) == -1)
			return CLI_PARSE_ERR;
	}
	return c == 0 ? CLI_PARSE_OK : CLI_PARSE_ERR;
}

static int
build(struct ctl_msg *m, const struct cli_seen *s, int verbose, char *err,
    size_t errlen)
{
	bool all = cli_seen_has(s, 'p') || (!cli_seen_has(s, 'g') &&
	    !cli_seen_has(s, 'n') && !cli_seen_has(s, 'q') &&
	    !cli_seen_has(s, 's'));
	char v[2] = { (char)('0' + verbose), '\0' };

	if (cli_add(m, "cmd", "status", err, errlen) == -1)
		return -1;
	if ((all || cli_seen_has(s, 'g')) &&
	    cli_add(m, "groups", "1", err, errlen) == -1)
		return -1;
	if ((all || cli_seen_has(s, 'n')) &&
	    cli_add(m, "nodes", "1", err, errlen) == -1)
		return -1;
	if ((all || cli_seen_has(s, 'q')) &&
	    cli_add(m, "quorum", "1", err, errlen) == -1)
		return -1;
	/* Everything (-g -n -q) includes the scalable services at rgmd. */
	if (cli_seen_has(s, 's') &&
	    cli_add(m, "scalable", "1", err, errlen) == -1)
		return -1;
	if (verbose > 0 && cli_add(m, "verbose", v, err, errlen) == -1)
		return -1;
	if (cli_seen_has(s, 'h'))
		return cli_add_name(m, "node", 'h', cli_seen_arg(s, 'h'), err,
		    errlen);
	return 0;
}

int
cli_parse_scstat(int argc, char **argv, struct ctl_msg *req, char *err,
    size_t errlen)
{
	struct cli_seen s;
	int verbose, r;

	ctl_msg_init(req);
	if ((r = scan(&s, &verbose, argc, argv, err, errlen)) != CLI_PARSE_OK)
		return r;
	if (build(req, &s, verbose, err, errlen) == -1) {
		ctl_msg_free(req);
		return CLI_PARSE_ERR;
	}
	return CLI_PARSE_OK;
}
