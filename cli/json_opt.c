// SPDX-License-Identifier: MIT
/*
 * json_opt.c - the --json option of scstat and scrgadm -p: taken out of
 * argv before the Sun-syntax parser (scstat_args.c, scrgadm_args.c) sees
 * the rest, then added to the request as format=json, which rgmd answers
 * with a JSON document (rgmd/show_json.c) instead of Sun's text. Runs in
 * the CLI; pure functions of argv, unit-tested in cli/test_parse.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* argv without its "--json" elements (malloc'd, NULL-terminated) in *out,
 * their count in *n; -1 when out of memory. */
static int
take_json(int argc, char **argv, char ***out, int *outc, int *n)
{
	char **v = calloc((size_t)argc + 1, sizeof(*v));

	if (v == NULL)
		return -1;
	*n = 0;
	*outc = 0;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && strcmp(argv[i], "--json") == 0)
			++*n;
		else
			v[(*outc)++] = argv[i];
	}
	*out = v;
	return 0;
}

static int
parse_json(int (*parse)(int, char **, struct ctl_msg *, char *, size_t),
    const char *only, const char *what, int argc, char **argv,
    struct ctl_msg *req, char *err, size_t errlen)
{
	char **v;
	int n, vc, r;
	const char *cmd;

	ctl_msg_init(req);
	if (take_json(argc, argv, &v, &vc, &n) == -1) {
		snprintf(err, errlen, "out of memory");
		return CLI_PARSE_ERR;
	}
	r = parse(vc, v, req, err, errlen);
	free(v);
	if (r != CLI_PARSE_OK || n == 0)
		return r;
	cmd = ctl_msg_get(req, "cmd");
	if (n > 1 || cmd == NULL || strcmp(cmd, only) != 0) {
		snprintf(err, errlen, n > 1 ? "option --json given more "
		    "than once" : "option --json can only be used %s", what);
		ctl_msg_free(req);
		return CLI_PARSE_ERR;
	}
	if (cli_add(req, "format", "json", err, errlen) == -1) {
		ctl_msg_free(req);
		return CLI_PARSE_ERR;
	}
	return CLI_PARSE_OK;
}

int
cli_parse_scstat_json(int argc, char **argv, struct ctl_msg *req, char *err,
    size_t errlen)
{
	return parse_json(cli_parse_scstat, "status", "with scstat", argc,
	    argv, req, err, errlen);
}

int
cli_parse_scrgadm_json(int argc, char **argv, struct ctl_msg *req,
    char *err, size_t errlen)
{
	return parse_json(cli_parse_scrgadm, "print", "with -p", argc, argv,
	    req, err, errlen);
}
