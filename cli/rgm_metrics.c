// SPDX-License-Identifier: MIT
/*
 * rgm_metrics.c - main of rgm-metrics(8): rgmd's metrics (its metrics
 * request: groups and resources by state, restarts, give-overs,
 * failovers, probe latencies, nodes, quorum; rgmd/metrics.c) and pdt's
 * counters (its control socket's `stats`, metrics_pdt.c) printed in the
 * Prometheus text exposition format, on stdout or, with -o, replacing a
 * file at once (for node_exporter's textfile collector). A separate
 * command rather than a listening HTTP port in rgmd: nothing new listens
 * on the network, rgmd never waits on pdt, and whatever runs it (a
 * collector, a timer, inetd) chooses how the metrics travel.
 * rgm_scrape_up says which sources answered; the exit status is 0 when
 * all did, else the code of rgmd's failure (18 unreachable, 21 timeout)
 * or 18 for pdt's.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "metrics_cli.h"

#define PDT_DEFAULT_SOCKET	RGM_RUNDIR "/pdt.sock"
#define PDT_TIMEOUT_MS		5000

static const char usage[] =
"usage: rgm-metrics [-p pdt_socket | -P] [-o file]\n"
"       rgm-metrics -h | -V\n"
"  -p  read pdt's counters from this control socket (default:\n"
"      " PDT_DEFAULT_SOCKET " when it exists)\n"
"  -P  do not read pdt's counters\n"
"  -o  write the metrics to this file (replaced at once), not stdout\n"
"Reaches rgmd on $RGMD_SOCKET (default " RGM_RUNDIR "/rgmd.sock).\n";

struct opts {
	const char	*pdt;		/* NULL: none */
	bool		 pdt_given;	/* -p: it must answer */
	const char	*out;		/* NULL: stdout */
};

static int
parse(int argc, char **argv, struct opts *o, char *err, size_t errlen)
{
	struct cli_opt p;
	struct cli_seen s;
	int c;

	cli_seen_init(&s);
	cli_opt_init(&p, argc, argv);
	while ((c = cli_opt_next(&p, "p:Po:", err, errlen)) > 0) {
		if (c == '?')
			return CLI_PARSE_HELP;
		if (cli_seen_add(&s, c, p.arg, "", err, errlen) == -1)
			return CLI_PARSE_ERR;
	}
	if (c != 0)
		return CLI_PARSE_ERR;
	if (cli_seen_has(&s, 'p') && cli_seen_has(&s, 'P')) {
		snprintf(err, errlen, "options -p and -P cannot be used "
		    "together");
		return CLI_PARSE_ERR;
	}
	o->pdt_given = cli_seen_has(&s, 'p');
	o->pdt = o->pdt_given ? cli_seen_arg(&s, 'p') : cli_seen_has(&s, 'P') ||
	    access(PDT_DEFAULT_SOCKET, F_OK) != 0 ? NULL : PDT_DEFAULT_SOCKET;
	o->out = cli_seen_has(&s, 'o') ? cli_seen_arg(&s, 'o') : NULL;
	if ((o->pdt_given && o->pdt[0] == '\0') || (o->out != NULL &&
	    o->out[0] == '\0')) {
		snprintf(err, errlen, "option -%c needs a path, not an empty "
		    "string", o->out != NULL && o->out[0] == '\0' ? 'o' : 'p');
		return CLI_PARSE_ERR;
	}
	return CLI_PARSE_OK;
}

/* rgmd's part into f; its exit status. */
static int
from_rgmd(FILE *f)
{
	struct ctl_msg req;
	char err[128];
	int rc;

	ctl_msg_init(&req);
	if (cli_add(&req, "cmd", "metrics", err, sizeof(err)) == -1) {
		fprintf(stderr, "rgm-metrics: %s\n", err);
		return CLI_EXIT_FAIL;
	}
	rc = cli_call(&req, "rgm-metrics", f, stderr);
	ctl_msg_free(&req);
	return rc;
}

/* pdt's part into f: 1 (it answered), 0 (it did not), -1 (none asked). */
static int
from_pdt(FILE *f, const struct opts *o)
{
	char err[512], *stats;

	if (o->pdt == NULL)
		return -1;
	if ((stats = cli_metrics_pdt_stats(o->pdt, PDT_TIMEOUT_MS, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "rgm-metrics: %s\n", err);
		return 0;
	}
	cli_metrics_pdt_write(f, stats);
	free(stats);
	return 1;
}

static void
scrape_up(FILE *f, bool rgmd_up, int pdt)
{
	fputs("# HELP rgm_scrape_up 1 when the source answered this run of "
	    "rgm-metrics.\n# TYPE rgm_scrape_up gauge\n", f);
	fprintf(f, "rgm_scrape_up{source=\"rgmd\"} %d\n", rgmd_up);
	if (pdt >= 0)
		fprintf(f, "rgm_scrape_up{source=\"pdt\"} %d\n", pdt);
}

/* Write text to path through a temporary file in the same directory. */
static int
replace_file(const char *path, const char *text, size_t len)
{
	char tmp[4096];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof(tmp)) {
		fprintf(stderr, "rgm-metrics: %s: path too long\n", path);
		return -1;
	}
	if ((f = fopen(tmp, "w")) == NULL ||
	    fwrite(text, 1, len, f) != len || fflush(f) == EOF ||
	    fsync(fileno(f)) == -1 || fclose(f) == EOF ||
	    rename(tmp, path) == -1) {
		fprintf(stderr, "rgm-metrics: cannot write %s: %s\n", path,
		    strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int
run(const struct opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc, pdt;

	if (f == NULL) {
		fprintf(stderr, "rgm-metrics: out of memory\n");
		return CLI_EXIT_FAIL;
	}
	rc = from_rgmd(f);
	pdt = from_pdt(f, o);
	scrape_up(f, rc == CLI_EXIT_OK, pdt);
	if (fclose(f) == EOF) {
		free(buf);
		fprintf(stderr, "rgm-metrics: out of memory\n");
		return CLI_EXIT_FAIL;
	}
	if (o->out != NULL ? replace_file(o->out, buf, len) == -1 :
	    fwrite(buf, 1, len, stdout) != len || fflush(stdout) == EOF)
		rc = CLI_EXIT_FAIL;
	free(buf);
	return rc != CLI_EXIT_OK ? rc : pdt == 0 ? CLI_EXIT_FAIL : 0;
}

int
main(int argc, char **argv)
{
	struct opts o;
	char err[512];

	signal(SIGPIPE, SIG_IGN);
	if (argc == 2 && strcmp(argv[1], "-h") == 0)
		return fputs(usage, stdout) == EOF;
	if (argc == 2 && strcmp(argv[1], "-V") == 0)
		return printf("rgm-metrics %s\n", RGM_VERSION) < 0;
	switch (parse(argc, argv, &o, err, sizeof(err))) {
	case CLI_PARSE_OK:
		return run(&o);
	case CLI_PARSE_HELP:
		fputs(usage, stdout);
		return CLI_EXIT_OK;
	default:
		fprintf(stderr, "rgm-metrics: %s\nRun 'rgm-metrics -?' for "
		    "usage.\n", err);
		return CLI_EXIT_USAGE;
	}
}
