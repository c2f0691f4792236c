// SPDX-License-Identifier: MIT
/*
 * scswitch_args.c - the scswitch command line (Sun Cluster 3.x syntax)
 * turned into one control request (rgmd/ctlmsg.h). Runs in scswitch; a
 * pure function of argv, unit-tested in cli/test_parse.c.
 *
 *   -Z [-g rg,...]                      online
 *   -z -g rg,... [-h node,...]          switch
 *   -F -g rg,...                        offline
 *   -e|-n [-M] -j r,... [-h node,...]   enable / disable
 *   -c -h node,... -j r,... -f STOP_FAILED   clear
 *   -u|-o -g rg,...                     unmanage / manage
 *   -R -h node,... -g rg,...            restart
 *   -S -h node,...                      evacuate
 * Lists become repeated keys (group=, resource=, node=). --dry-run (with
 * -Z, -z, -F, -S) adds dry_run=1: rgmd prints what would happen. Sun's
 * -s, -r and -K have no request in the control protocol and are refused.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct sw_cmd {
	int		 mode;
	const char	*cmd;
	const char	*allowed;
	const char	*required;
	const char	*what;
};

static const struct sw_cmd sw_cmds[] = {
	{ 'Z', "online", "Zg", "", "bringing groups online (-Z)" },
	{ 'z', "switch", "zgh", "g", "switching groups (-z)" },
	{ 'F', "offline", "Fg", "g", "taking groups offline (-F)" },
	{ 'e', "enable", "eMjh", "j", "enabling resources (-e)" },
	{ 'n', "disable", "nMjh", "j", "disabling resources (-n)" },
	{ 'c', "clear", "chjf", "hjf", "clearing an error flag (-c)" },
	{ 'u', "unmanage", "ug", "g", "unmanaging groups (-u)" },
	{ 'o', "manage", "og", "g", "managing groups (-o)" },
	{ 'R', "restart", "Rhg", "hg", "restarting groups (-R)" },
	{ 'S', "evacuate", "Sh", "h", "evacuating nodes (-S)" },
};

/* The modes that take --dry-run. */
static const char dry_modes[] = "ZzFS";

static const char *
unsupported(int c)
{
	switch (c) {
	case 'K': return "-K (used with -S)";
	case 's': return "suspending automatic recovery (-s)";
	case 'r': return "resuming automatic recovery (-r)";
	default: return NULL;
	}
}

/* Collect the options; CLI_PARSE_HELP on -?. */
static int
scan(struct cli_seen *s, int argc, char **argv, char *err, size_t errlen)
{
	struct cli_opt o;
	int c;

	cli_seen_init(s);
	cli_opt_init(&o, argc, argv);
	while ((c = cli_opt_next(&o, "ZzFenMcuoRSsrK:g:j:h:f:", err,
	    errlen)) > 0) {
		if (c == '?')
			return CLI_PARSE_HELP;
		if (unsupported(c) != NULL) {
			snprintf(err, errlen, "%s is not supported by this "
			    "version", unsupported(c));
			return CLI_PARSE_ERR;
		}
		if (cli_seen_add(s, c, o.arg, "", err, errlen) == -1)
			return CLI_PARSE_ERR;
	}
	return c == 0 ? CLI_PARSE_OK : CLI_PARSE_ERR;
}

static const struct sw_cmd *
find_cmd(const struct cli_seen *s, char *err, size_t errlen)
{
	int mode = cli_seen_mode(s, "ZzFencuoRS", err, errlen);

	for (size_t i = 0; mode > 0 && i < sizeof(sw_cmds) / sizeof(sw_cmds[0]);
	    i++)
		if (sw_cmds[i].mode == mode)
			return &sw_cmds[i];
	return NULL;
}

static int
add_list_opt(struct ctl_msg *m, const struct cli_seen *s, int opt,
    const char *key, char *err, size_t errlen)
{
	if (!cli_seen_has(s, opt))
		return 0;
	return cli_add_list(m, key, (char)opt, cli_seen_arg(s, opt), err,
	    errlen);
}

static int
build(struct ctl_msg *m, const struct cli_seen *s, const struct sw_cmd *sc,
    char *err, size_t errlen)
{
	const char *flag = cli_seen_arg(s, 'f');

	if (flag != NULL && strcmp(flag, "STOP_FAILED") != 0) {
		snprintf(err, errlen, "option -f: '%.64s' is not a flag that "
		    "can be cleared (only STOP_FAILED)", flag);
		return -1;
	}
	if (cli_add(m, "cmd", sc->cmd, err, errlen) == -1 ||
	    add_list_opt(m, s, 'g', "group", err, errlen) == -1 ||
	    add_list_opt(m, s, 'j', "resource", err, errlen) == -1)
		return -1;
	if (cli_seen_has(s, 'M') && cli_add(m, "monitor", "1", err,
	    errlen) == -1)
		return -1;
	if (add_list_opt(m, s, 'h', "node", err, errlen) == -1)
		return -1;
	return flag == NULL ? 0 : cli_add(m, "flag", flag, err, errlen);
}

/* argv without its --dry-run words (before a "--"), in out[]; their
 * count in *dry. The new argc. */
static int
take_dry_run(int argc, char **argv, char **out, int *dry)
{
	int n = 0, end = 0;

	*dry = 0;
	for (int i = 0; i < argc; i++) {
		if (!end && strcmp(argv[i], "--dry-run") == 0) {
			(*dry)++;
			continue;
		}
		end |= strcmp(argv[i], "--") == 0;
		out[n++] = argv[i];
	}
	out[n] = NULL;
	return n;
}

static int
parse(int argc, char **argv, int dry, struct ctl_msg *req, char *err,
    size_t errlen)
{
	const struct sw_cmd *sc;
	struct cli_seen s;
	int r;

	if (argc < 2 && dry == 0)
		return CLI_PARSE_EMPTY;
	if ((r = scan(&s, argc, argv, err, errlen)) != CLI_PARSE_OK)
		return r;
	if ((sc = find_cmd(&s, err, errlen)) == NULL ||
	    cli_seen_only(&s, sc->allowed, sc->what, err, errlen) == -1 ||
	    cli_seen_need(&s, sc->required, sc->what, err, errlen) == -1)
		return CLI_PARSE_ERR;
	if (dry > 1 || (dry && strchr(dry_modes, sc->mode) == NULL)) {
		snprintf(err, errlen, dry > 1 ? "option --dry-run given twice" :
		    "option --dry-run applies to -Z, -z, -F and -S, not to "
		    "%s", sc->what);
		return CLI_PARSE_ERR;
	}
	errno = 0;
	if (build(req, &s, sc, err, errlen) == -1 ||
	    (dry && cli_add(req, "dry_run", "1", err, errlen) == -1) ||
	    cli_check_size(req, err, errlen) == -1) {
		ctl_msg_free(req);
		return errno == E2BIG ? CLI_PARSE_LIMIT : CLI_PARSE_ERR;
	}
	return CLI_PARSE_OK;
}

int
cli_parse_scswitch(int argc, char **argv, struct ctl_msg *req, char *err,
    size_t errlen)
{
	char **av;
	int dry, n, r;

	ctl_msg_init(req);
	if (argc < 2)
		return CLI_PARSE_EMPTY;
	if ((av = calloc((size_t)argc + 1, sizeof(char *))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return CLI_PARSE_ERR;
	}
	n = take_dry_run(argc, argv, av, &dry);
	r = parse(n, av, dry, req, err, errlen);
	free(av);
	return r;
}
