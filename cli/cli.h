/* SPDX-License-Identifier: MIT */
/*
 * cli.h - private header of scrgadm, scswitch, scstat and the scha_*
 * commands.
 *
 * Each program is a small main (scrgadm.c, ...) over the same pieces:
 *   opt.c       a reentrant getopt (no global state, so the parsers are
 *               pure functions that the unit tests call many times);
 *   args.c      checks of names, lists and Prop=Val values, appending
 *               fields to a request with a message naming the input;
 *   *_args.c    one parser per program, argv -> struct ctl_msg request
 *               (scha_args.c: the six scha commands);
 *   client.c    connect to rgmd's control socket, send, print the reply;
 *   run.c       the shared main: parse, print usage or errors, talk.
 * The request format is rgmd/ctlmsg.h; nothing here changes it.
 */
#ifndef RGM_CLI_H
#define RGM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../rgmd/ctlmsg.h"
#include "../rgmd/scha_err.h"

/* Parser results. */
#define CLI_PARSE_OK	0
#define CLI_PARSE_ERR	(-1)	/* bad usage: message in err */
#define CLI_PARSE_HELP	1	/* -? or --help: print usage, exit 0 */
#define CLI_PARSE_EMPTY	2	/* no arguments: print usage, exit 2 */
#define CLI_PARSE_LIMIT	3	/* good usage over a size limit: exit 3 */

/* Exit status of the programs (the table is in rgmd/scha_err.h): 0, the
 * scha_err_t code of a refusal, or these. */
#define CLI_EXIT_OK	0
/* rgmd refused without a code, or cannot be reached */
#define CLI_EXIT_FAIL	SCHA_ERR_INTERNAL
#define CLI_EXIT_USAGE	2	/* bad usage, rgmd not contacted */
/* a request over a size limit, rgmd not contacted */
#define CLI_EXIT_LIMIT	SCHA_ERR_INVAL

/* Reentrant option scanner (opt.c). */
struct cli_opt {
	int		  argc;
	char		**argv;
	int		  ind;		/* next argv element */
	int		  pos;		/* position inside a flag cluster */
	const char	 *arg;		/* argument of the last option */
};

void	 cli_opt_init(struct cli_opt *o, int argc, char **argv);
/*
 * Next option character of spec ("ab:c", ':' = takes an argument, '?' is
 * always accepted and "--help" returns '?'); 0 at the end; -1 with a
 * message in err for an unknown option, a missing argument or an operand.
 */
int	 cli_opt_next(struct cli_opt *o, const char *spec, char *err,
	    size_t errlen);

/* Field builders (args.c); each returns 0 or -1 with a message in err. */
int	 cli_add(struct ctl_msg *m, const char *key, const char *val,
	    char *err, size_t errlen);
int	 cli_add_name(struct ctl_msg *m, const char *key, char opt,
	    const char *val, char *err, size_t errlen);
int	 cli_add_list(struct ctl_msg *m, const char *key, char opt,
	    const char *list, char *err, size_t errlen);
int	 cli_add_prop(struct ctl_msg *m, const char *key, char opt,
	    const char *val, char *err, size_t errlen);
int	 cli_check_list(char opt, const char *list, char *err, size_t errlen);
int	 cli_check_netifs(char opt, const char *list, char *err,
	    size_t errlen);
/* -1 with errno E2BIG and a message naming the longest value. */
int	 cli_check_size(const struct ctl_msg *m, char *err, size_t errlen);

/*
 * Option bookkeeping shared by the parsers: which options were given
 * (once each, except the repeatable ones) and their arguments.
 */
struct cli_seen {
	char		 given[64];	/* option letters, in order, once */
	const char	*arg[128];	/* last argument per option letter */
};

void	 cli_seen_init(struct cli_seen *s);
/* Record opt; -1 "given more than once" unless opt is in repeatable. */
int	 cli_seen_add(struct cli_seen *s, int opt, const char *arg,
	    const char *repeatable, char *err, size_t errlen);
bool	 cli_seen_has(const struct cli_seen *s, int opt);
const char *cli_seen_arg(const struct cli_seen *s, int opt);
/* Every given option must be in allowed; else "-X cannot be used when..". */
int	 cli_seen_only(const struct cli_seen *s, const char *allowed,
	    const char *what, char *err, size_t errlen);
/* Every option in required must be given; else "missing -X (why)". */
int	 cli_seen_need(const struct cli_seen *s, const char *required,
	    const char *what, char *err, size_t errlen);
/* Exactly one of modes; "-a and -r cannot be used together" otherwise. */
int	 cli_seen_mode(const struct cli_seen *s, const char *modes,
	    char *err, size_t errlen);

/* The parsers (scrgadm_args.c, scswitch_args.c, scstat_args.c). */
int	 cli_parse_scrgadm(int argc, char **argv, struct ctl_msg *req,
	    char *err, size_t errlen);
int	 cli_parse_scswitch(int argc, char **argv, struct ctl_msg *req,
	    char *err, size_t errlen);
int	 cli_parse_scstat(int argc, char **argv, struct ctl_msg *req,
	    char *err, size_t errlen);
/* The same with --json (json_opt.c): format=json in the request. */
int	 cli_parse_scstat_json(int argc, char **argv, struct ctl_msg *req,
	    char *err, size_t errlen);
int	 cli_parse_scrgadm_json(int argc, char **argv, struct ctl_msg *req,
	    char *err, size_t errlen);
/* The scha commands (scha_args.c). */
int	 cli_parse_scha_resource_get(int argc, char **argv,
	    struct ctl_msg *req, char *err, size_t errlen);
int	 cli_parse_scha_resourcegroup_get(int argc, char **argv,
	    struct ctl_msg *req, char *err, size_t errlen);
int	 cli_parse_scha_resourcetype_get(int argc, char **argv,
	    struct ctl_msg *req, char *err, size_t errlen);
int	 cli_parse_scha_cluster_get(int argc, char **argv,
	    struct ctl_msg *req, char *err, size_t errlen);
int	 cli_parse_scha_control(int argc, char **argv, struct ctl_msg *req,
	    char *err, size_t errlen);
int	 cli_parse_scha_setstatus(int argc, char **argv, struct ctl_msg *req,
	    char *err, size_t errlen);

/* Client (client.c). */
#define CLI_MAX_REPLY	(16 * 1024 * 1024)
/* Default timeouts in seconds; $RGMD_TIMEOUT overrides both. */
#define CLI_TIMEOUT_READ	30	/* scstat, scrgadm -p */
#define CLI_TIMEOUT_CHANGE	600	/* answered when the change is done */
#define CLI_TIMEOUT_MAX		86400

/* $RGMD_SOCKET when set and not empty, else RGM_RUNDIR "/rgmd.sock". */
const char *cli_socket_path(void);
/* Is req a read (print, status, get), which changes nothing? */
bool	 cli_is_read(const struct ctl_msg *req);
/* The timeout of req in ms: $RGMD_TIMEOUT (seconds, may have a fraction)
 * or the default; -1 with a message for a bad $RGMD_TIMEOUT. */
int	 cli_timeout_ms(const struct ctl_msg *req, char *err, size_t errlen);
/*
 * Connected stream socket, or -1 with "cannot connect to rgmd at ..", or
 * with "did not take the connection within .." and errno ETIMEDOUT when
 * rgmd's listen queue stayed full for timeout_ms.
 */
int	 cli_connect(const char *path, int timeout_ms, char *err,
	    size_t errlen);
/*
 * Send req on fd, shut down the write side, read the reply to EOF, print
 * its text lines on out (after "ok") or errf (after "error"). Returns the
 * exit status: CLI_EXIT_OK, the code of an "error CODE" reply,
 * SCHA_ERR_TIMEOUT when no whole reply came within timeout_ms, or
 * CLI_EXIT_FAIL (a bare "error", I/O errors or a malformed reply). I/O
 * errors, malformed replies and timeouts are reported on errf with prog
 * as prefix, saying whether a change may have been applied.
 */
int	 cli_exchange(int fd, const struct ctl_msg *req, int timeout_ms,
	    const char *prog, FILE *out, FILE *errf);
/* The whole call: timeout, connect, exchange; the exit status. */
int	 cli_call(const struct ctl_msg *req, const char *prog, FILE *out,
	    FILE *errf);

/* Shared main (run.c). */
struct cli_prog {
	const char	*name;
	int		(*parse)(int, char **, struct ctl_msg *, char *,
			    size_t);
	const char	*usage;
};

int	 cli_main(const struct cli_prog *p, int argc, char **argv);

#endif /* RGM_CLI_H */
