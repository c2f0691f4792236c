// SPDX-License-Identifier: MIT
/*
 * scha_args.c - the command lines of Sun's scha commands turned into one
 * request each (rgmd/ctlmsg.h): the four *_get commands ask "get", with
 * the object kind, the tag (-O) and the operands after the options as
 * arg= (the node of Resource_state_node, the property of Extension);
 * scha_control asks "scha-control", scha_resource_setstatus "set-status".
 * Pure functions of argv (unit-tested in cli/test_parse.c), run in the
 * scha_* programs:
 *   scha_resource_get        -O tag -R resource [-G group] [arg...]
 *   scha_resourcegroup_get   -O tag -G group [arg...]
 *   scha_resourcetype_get    -O tag -T type
 *   scha_cluster_get         -O tag [arg...]
 *   scha_control             -O tag -G group -R resource
 *   scha_resource_setstatus  -R resource -G group -s status [-m message]
 * Which tags exist, and the values of -s, are rgmd's to check (it answers
 * with Sun's codes, 4 for an unknown tag, 17 for a bad status); here only
 * the shape of the command line is checked (usage errors exit 2).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct scha_spec {
	const char	*cmd;		/* request */
	const char	*of;		/* object of a get, or NULL */
	const char	*opts;		/* option letters */
	const char	*required;
	bool		 operands;
	const char	*what;		/* for the messages */
};

/* Request key of each option letter. */
static const char *
key_of(int opt)
{
	switch (opt) {
	case 'O': return "tag";
	case 'R': return "resource";
	case 'G': return "group";
	case 'T': return "type";
	case 's': return "status";
	default: return "msg";
	}
}

/* Options up to the first operand ("--" ends them too); *first: the
 * index of the first operand. */
static int
scan(const struct scha_spec *sp, struct cli_seen *s, int argc, char **argv,
    int *first, char *err, size_t errlen)
{
	struct cli_opt o;
	int c = 0;

	cli_seen_init(s);
	cli_opt_init(&o, argc, argv);
	for (;;) {
		if (o.pos == 0 && o.ind < argc && strcmp(argv[o.ind], "--")
		    == 0) {
			o.ind++;
			break;
		}
		if (o.pos == 0 && o.ind < argc && (argv[o.ind][0] != '-' ||
		    argv[o.ind][1] == '\0'))
			break;
		if ((c = cli_opt_next(&o, sp->opts, err, errlen)) <= 0)
			break;
		if (c == '?')
			return CLI_PARSE_HELP;
		if (cli_seen_add(s, c, o.arg, "", err, errlen) == -1)
			return CLI_PARSE_ERR;
	}
	if (c == -1)
		return CLI_PARSE_ERR;
	*first = o.ind;
	if (!sp->operands && o.ind < argc) {
		snprintf(err, errlen, "unexpected argument '%.64s'",
		    argv[o.ind]);
		return CLI_PARSE_ERR;
	}
	return cli_seen_need(s, sp->required, sp->what, err, errlen) == -1 ?
	    CLI_PARSE_ERR : CLI_PARSE_OK;
}

static int
build(const struct scha_spec *sp, const struct cli_seen *s, int argc,
    char **argv, int first, struct ctl_msg *m, char *err, size_t errlen)
{
	if (cli_add(m, "cmd", sp->cmd, err, errlen) == -1 ||
	    (sp->of != NULL && cli_add(m, "of", sp->of, err, errlen) == -1))
		return -1;
	for (const char *o = sp->opts; *o != '\0'; o++) {
		const char *v = *o != ':' ? cli_seen_arg(s, *o) : NULL;

		if (v == NULL)
			continue;
		if (*o == 'O' || *o == 's' || *o == 'm') {
			if (cli_add(m, key_of(*o), v, err, errlen) == -1)
				return -1;
		} else if (cli_add_name(m, key_of(*o), (char)*o, v, err,
		    errlen) == -1) {
			return -1;
		}
	}
	for (int i = first; i < argc; i++)
		if (cli_add(m, "arg", argv[i], err, errlen) == -1)
			return -1;
	return cli_check_size(m, err, errlen);
}

static int
parse(const struct scha_spec *sp, int argc, char **argv, struct ctl_msg *req,
    char *err, size_t errlen)
{
	struct cli_seen s;
	int first = argc, r;

	ctl_msg_init(req);
	if (argc <= 1)
		return CLI_PARSE_EMPTY;
	if ((r = scan(sp, &s, argc, argv, &first, err, errlen)) !=
	    CLI_PARSE_OK)
		return r;
	if (build(sp, &s, argc, argv, first, req, err, errlen) == -1) {
		ctl_msg_free(req);
		return CLI_PARSE_ERR;
	}
	return CLI_PARSE_OK;
}

int
cli_parse_scha_resource_get(int argc, char **argv, struct ctl_msg *req,
    char *err, size_t errlen)
{
	static const struct scha_spec sp = { "get", "resource", "O:R:G:",
		"OR", true, "the command" };

	return parse(&sp, argc, argv, req, err, errlen);
}

int
cli_parse_scha_resourcegroup_get(int argc, char **argv, struct ctl_msg *req,
    char *err, size_t errlen)
{
	static const struct scha_spec sp = { "get", "group", "O:G:", "OG",
		true, "the command" };

	return parse(&sp, argc, argv, req, err, errlen);
}

int
cli_parse_scha_resourcetype_get(int argc, char **argv, struct ctl_msg *req,
    char *err, size_t errlen)
{
	static const struct scha_spec sp = { "get", "type", "O:T:", "OT",
		false, "the command" };

	return parse(&sp, argc, argv, req, err, errlen);
}

int
cli_parse_scha_cluster_get(int argc, char **argv, struct ctl_msg *req,
    char *err, size_t errlen)
{
	static const struct scha_spec sp = { "get", "cluster", "O:", "O",
		true, "the command" };

	return parse(&sp, argc, argv, req, err, errlen);
}

int
cli_parse_scha_control(int argc, char **argv, struct ctl_msg *req,
    char *err, size_t errlen)
{
	static const struct scha_spec sp = { "scha-control", NULL, "O:G:R:",
		"OGR", false, "the command" };

	return parse(&sp, argc, argv, req, err, errlen);
}

int
cli_parse_scha_setstatus(int argc, char **argv, struct ctl_msg *req,
    char *err, size_t errlen)
{
	static const struct scha_spec sp = { "set-status", NULL, "R:G:s:m:",
		"RGs", false, "the command" };

	return parse(&sp, argc, argv, req, err, errlen);
}
