// SPDX-License-Identifier: MIT
/*
 * scrgadm_args.c - the scrgadm command line (Sun Cluster 3.x syntax) turned
 * into one control request (rgmd/ctlmsg.h). Runs in scrgadm; a pure
 * function of argv, unit-tested by tests in cli/test_parse.c.
 *
 *   -p[v[v]] [-t rt] [-g rg] [-j r]                 print
 *   -a -t rt [-h nodes] [-f rtr]                    type-add
 *   -a -g rg [-h nodes] [-y P=V]...                 group-add
 *   -a -j r -t rt -g rg [-y P=V]... [-x P=V]...     resource-add
 *   -a {-L|-S} -g rg -l hosts [-j r] [-n netif@node,...] [-X nodes]
 *   -c -t rt | -g rg | -j r  with -h / -y / -x      *-change
 *   -r -t rt | -g rg | -j r                         *-remove
 * The object is chosen by -L/-S, else -j, else -g, else -t; the other
 * options must then fit that command (table below).
 */
#define _GNU_SOURCE	/* asprintf */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct rg_cmd {
	int		 mode;		/* a c r p */
	int		 object;	/* t g j L S, 0 for print */
	const char	*cmd;
	const char	*allowed;
	const char	*required;
	const char	*names;		/* single names to emit, in order */
	const char	*what;
};

static const struct rg_cmd rg_cmds[] = {
	{ 'p', 0,   "print", "pvtgj", "", "tgj",
	  "printing the configuration" },
	{ 'a', 't', "type-add", "atfh", "t", "t", "registering a type" },
	{ 'a', 'g', "group-add", "aghy", "g", "g", "creating a group" },
	{ 'a', 'j', "resource-add", "ajtgyx", "jtg", "jtg",
	  "adding a resource" },
	{ 'a', 'L', "resource-add", "aLgljnyx", "gl", "",
	  "adding a LogicalHostname resource" },
	{ 'a', 'S', "resource-add", "aSgljnXyx", "gl", "",
	  "adding a SharedAddress resource" },
	{ 'c', 't', "type-change", "cthy", "t", "t", "changing a type" },
	{ 'c', 'g', "group-change", "cghy", "g", "g", "changing a group" },
	{ 'c', 'j', "resource-change", "cjyx", "j", "j",
	  "changing a resource" },
	{ 'r', 't', "type-remove", "rt", "t", "t", "removing a type" },
	{ 'r', 'g', "group-remove", "rg", "g", "g", "removing a group" },
	{ 'r', 'j', "resource-remove", "rj", "j", "j",
	  "removing a resource" },
};

/* -y and -x values in the order given. */
struct rg_props {
	size_t		 n;
	char		 key[CTL_MAX_FIELDS];
	const char	*val[CTL_MAX_FIELDS];
};

struct rg_line {
	struct cli_seen	 seen;
	struct rg_props	 props;
	int		 verbose;
};

static int
scan_one(struct rg_line *l, int c, const char *arg, char *err,
    size_t errlen)
{
	if (c == 'v' && ++l->verbose > 2) {
		snprintf(err, errlen, "option -v given more than twice");
		return -1;
	}
	if (c == 'y' || c == 'x') {
		if (l->props.n == CTL_MAX_FIELDS) {
			snprintf(err, errlen, "too many -y/-x options (at "
			    "most %d)", CTL_MAX_FIELDS);
			errno = E2BIG;	/* a limit, not a usage error */
			return -1;
		}
		l->props.key[l->props.n] = (char)c;
		l->props.val[l->props.n++] = arg;
	}
	return cli_seen_add(&l->seen, c, arg, "vyx", err, errlen);
}

/* Collect the options; CLI_PARSE_HELP on -?. */
static int
scan(struct rg_line *l, int argc, char **argv, char *err, size_t errlen)
{
	struct cli_opt o;
	int c;

	cli_seen_init(&l->seen);
	l->props.n = 0;
	l->verbose = 0;
	cli_opt_init(&o, argc, argv);
	while ((c = cli_opt_next(&o, "acrpvLSt:g:j:y:x:h:f:l:n:X:", err,
	    errlen)) > 0) {
		if (c == '?')
			return CLI_PARSE_HELP;
		errno = 0;
		if (scan_one(l, c, o.arg, err, errlen) == -1)
			return errno == E2BIG ? CLI_PARSE_LIMIT :
			    CLI_PARSE_ERR;
	}
	return c == 0 ? CLI_PARSE_OK : CLI_PARSE_ERR;
}

static int
object_of(const struct cli_seen *s, int mode)
{
	static const char order[] = "LSjgt";

	if (mode == 'p')
		return 0;
	for (const char *o = order; *o != '\0'; o++)
		if (cli_seen_has(s, *o))
			return *o;
	return -1;
}

/* The command for the mode and object letters, or NULL with a message. */
static const struct rg_cmd *
find_cmd(const struct cli_seen *s, char *err, size_t errlen)
{
	int mode, obj;

	if ((mode = cli_seen_mode(s, "acrp", err, errlen)) == -1)
		return NULL;
	if (cli_seen_has(s, 'L') && cli_seen_has(s, 'S')) {
		snprintf(err, errlen, "options -L and -S cannot be used "
		    "together");
		return NULL;
	}
	if ((obj = object_of(s, mode)) == -1) {
		snprintf(err, errlen, "option -%c needs one of -t TYPE, "
		    "-g GROUP or -j RESOURCE", mode);
		return NULL;
	}
	for (size_t i = 0; i < sizeof(rg_cmds) / sizeof(rg_cmds[0]); i++)
		if (rg_cmds[i].mode == mode && rg_cmds[i].object == obj)
			return &rg_cmds[i];
	snprintf(err, errlen, "option -%c can only be used with -a", obj);
	return NULL;
}

static int
add_props(struct ctl_msg *m, const struct rg_props *p, char *err,
    size_t errlen)
{
	for (size_t i = 0; i < p->n; i++) {
		char key[2] = { p->key[i], '\0' };

		if (cli_add_prop(m, key, p->key[i], p->val[i], err,
		    errlen) == -1)
			return -1;
	}
	return 0;
}

/* rtr= as an absolute path: rgmd does not share our working directory. */
static int
add_rtr(struct ctl_msg *m, const char *path, char *err, size_t errlen)
{
	char cwd[4096], abs[4096 + 256];
	int n;

	if (path[0] == '\0') {
		snprintf(err, errlen, "option -f: empty file name");
		return -1;
	}
	if (path[0] == '/')
		return cli_add(m, "rtr", path, err, errlen);
	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		snprintf(err, errlen, "option -f '%s': cannot find the current "
		    "directory: %s", path, strerror(errno));
		return -1;
	}
	n = snprintf(abs, sizeof(abs), "%s/%s", cwd, path);
	if (n < 0 || (size_t)n >= sizeof(abs)) {
		snprintf(err, errlen, "option -f: path too long");
		return -1;
	}
	return cli_add(m, "rtr", abs, err, errlen);
}

/* Does a change command change anything? */
static int
check_change(const struct rg_line *l, int obj, char *err, size_t errlen)
{
	if (l->props.n > 0 || (obj != 'j' && cli_seen_has(&l->seen, 'h')))
		return 0;
	snprintf(err, errlen, "option -c: nothing to change: give -y "
	    "Property=Value%s", obj == 'j' ? " or -x Property=Value" :
	    " or -h NODE[,NODE...]");
	return -1;
}

static const char *
key_of(int opt)
{
	return opt == 't' ? "type" : opt == 'g' ? "group" : "resource";
}

static int
add_names(struct ctl_msg *m, const struct cli_seen *s, const char *names,
    char *err, size_t errlen)
{
	for (const char *c = names; *c != '\0'; c++)
		if (cli_seen_has(s, *c) && cli_add_name(m, key_of(*c), *c,
		    cli_seen_arg(s, *c), err, errlen) == -1)
			return -1;
	return 0;
}

/* x=Prop=list for the address types. */
static int
add_x(struct ctl_msg *m, const char *prop, const char *list, char *err,
    size_t errlen)
{
	char *val;
	int rc;

	if (asprintf(&val, "%s=%s", prop, list) == -1) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return -1;
	}
	rc = cli_add(m, "x", val, err, errlen);
	free(val);
	return rc;
}

static int
add_address_lists(struct ctl_msg *m, const struct cli_seen *s, char *err,
    size_t errlen)
{
	const char *v;

	if ((v = cli_seen_arg(s, 'n')) != NULL &&
	    (cli_check_netifs('n', v, err, errlen) == -1 ||
	    add_x(m, "NetIfList", v, err, errlen) == -1))
		return -1;
	if ((v = cli_seen_arg(s, 'X')) != NULL &&
	    (cli_check_list('X', v, err, errlen) == -1 ||
	    add_x(m, "AuxNodeList", v, err, errlen) == -1))
		return -1;
	return 0;
}

/*
 * -a -L / -a -S: a resource of the built-in address types, named after
 * the first host name unless -j names it (as Sun's scrgadm does).
 */
static int
add_address(struct ctl_msg *m, const struct cli_seen *s, int obj, char *err,
    size_t errlen)
{
	const char *hosts = cli_seen_arg(s, 'l');
	char first[256];
	size_t len;

	if (cli_check_list('l', hosts, err, errlen) == -1)
		return -1;
	len = strcspn(hosts, ",");
	if (cli_seen_has(s, 'j')) {
		if (add_names(m, s, "j", err, errlen) == -1)
			return -1;
	} else if (len >= sizeof(first)) {
		snprintf(err, errlen, "option -l: host name too long to name "
		    "the resource; give -j RESOURCE");
		return -1;
	} else {
		snprintf(first, sizeof(first), "%.*s", (int)len, hosts);
		if (cli_add(m, "resource", first, err, errlen) == -1)
			return -1;
	}
	if (cli_add(m, "type", obj == 'L' ? "SUNW.LogicalHostname" :
	    "SUNW.SharedAddress", err, errlen) == -1 ||
	    add_names(m, s, "g", err, errlen) == -1 ||
	    add_x(m, "HostnameList", hosts, err, errlen) == -1)
		return -1;
	return add_address_lists(m, s, err, errlen);
}

static int
build(struct ctl_msg *m, const struct rg_line *l, const struct rg_cmd *rc,
    char *err, size_t errlen)
{
	const struct cli_seen *s = &l->seen;
	char v[2] = { (char)('0' + l->verbose), '\0' };

	if (cli_add(m, "cmd", rc->cmd, err, errlen) == -1)
		return -1;
	if (l->verbose > 0 && cli_add(m, "verbose", v, err, errlen) == -1)
		return -1;
	if (rc->object == 'L' || rc->object == 'S') {
		if (add_address(m, s, rc->object, err, errlen) == -1)
			return -1;
	} else if (add_names(m, s, rc->names, err, errlen) == -1) {
		return -1;
	}
	if (cli_seen_has(s, 'f') &&
	    add_rtr(m, cli_seen_arg(s, 'f'), err, errlen) == -1)
		return -1;
	if (cli_seen_has(s, 'h') &&
	    cli_add_list(m, "node", 'h', cli_seen_arg(s, 'h'), err,
	    errlen) == -1)
		return -1;
	return add_props(m, &l->props, err, errlen);
}

int
cli_parse_scrgadm(int argc, char **argv, struct ctl_msg *req, char *err,
    size_t errlen)
{
	struct rg_line l;
	const struct rg_cmd *rc;
	int r;

	ctl_msg_init(req);
	if (argc < 2)
		return CLI_PARSE_EMPTY;
	if ((r = scan(&l, argc, argv, err, errlen)) != CLI_PARSE_OK)
		return r;
	if ((rc = find_cmd(&l.seen, err, errlen)) == NULL ||
	    cli_seen_only(&l.seen, rc->allowed, rc->what, err, errlen) == -1 ||
	    cli_seen_need(&l.seen, rc->required, rc->what, err, errlen) == -1)
		return CLI_PARSE_ERR;
	if (rc->mode == 'c' && check_change(&l, rc->object, err, errlen) == -1)
		return CLI_PARSE_ERR;
	errno = 0;
	if (build(req, &l, rc, err, errlen) == -1 ||
	    cli_check_size(req, err, errlen) == -1) {
		ctl_msg_free(req);
		return errno == E2BIG ? CLI_PARSE_LIMIT : CLI_PARSE_ERR;
	}
	return CLI_PARSE_OK;
}
