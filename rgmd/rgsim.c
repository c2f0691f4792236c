// SPDX-License-Identifier: MIT
/*
 * rgsim.c - rgsim(8), the placement simulator: reads a saved
 * configuration (ccr.cfg, through the loader rgmd uses) and a described
 * situation (rgsim_situation.c, or options alone), runs the placement
 * function rgmd's president runs, and prints where every group goes, why
 * a group is not placed, and the ordered actions; changes nothing. Like
 * Pacemaker's crm_simulate. --time measures the placement against a
 * baseline (copying the same configuration) for make bench; --generate
 * writes synthetic configurations (rgsim_gen.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dsdl.h"
#include "rgsim.h"
#include "store.h"

struct opts {
	const char	*ccr, *situation, *out, *save;
	const char	*down[64];
	size_t		 n_down;
	size_t		 nodes, groups, resources, runs;
	bool		 generate, quiet, no_quorum, new_cluster, has_now;
	long		 now;
};

static void
usage(void)
{
	fprintf(stderr,
	    "usage: rgsim -c ccr.cfg (-s situation.cfg | --nodes N) [--down NODE]...\n"
	    "             [--no-quorum] [--new-cluster] [--now SECONDS] [-q]\n"
	    "             [--time RUNS]\n"
	    "       rgsim --generate -o ccr.cfg --groups G --resources R --nodes N\n"
	    "             [--save-situation situation.cfg]\n");
	exit(2);
}

/* A count argument: digits only, within [lo, hi]. */
static size_t
count_arg(const char *opt, const char *v, size_t lo, size_t hi)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno || end == v || *end || v[0] == '-' || n < lo || n > hi) {
		fprintf(stderr, "rgsim: %s '%s': expected a number from %zu to "
		    "%zu\n", opt, v, lo, hi);
		exit(2);
	}
	return (size_t)n;
}

static void
parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "ccr", required_argument, NULL, 'c' },
		{ "situation", required_argument, NULL, 's' },
		{ "down", required_argument, NULL, 'D' },
		{ "no-quorum", no_argument, NULL, 'Q' },
		{ "new-cluster", no_argument, NULL, 'N' },
		{ "now", required_argument, NULL, 'T' },
		{ "time", required_argument, NULL, 't' },
		{ "generate", no_argument, NULL, 'G' },
		{ "groups", required_argument, NULL, 'g' },
		{ "resources", required_argument, NULL, 'r' },
		{ "nodes", required_argument, NULL, 'n' },
		{ "save-situation", required_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "c:s:o:q", lo, NULL)) != -1) {
		switch (ch) {
		case 'c': o->ccr = optarg; break;
		case 's': o->situation = optarg; break;
		case 'o': o->out = optarg; break;
		case 'S': o->save = optarg; break;
		case 'q': o->quiet = true; break;
		case 'Q': o->no_quorum = true; break;
		case 'N': o->new_cluster = true; break;
		case 'G': o->generate = true; break;
		case 'T':
			o->now = (long)count_arg("--now", optarg, 0, 1UL << 62);
			o->has_now = true;
			break;
		case 't': o->runs = count_arg("--time", optarg, 1, 100000); break;
		case 'g': o->groups = count_arg("--groups", optarg, 1, 9999); break;
		case 'r':
			o->resources = count_arg("--resources", optarg, 0, 99999);
			break;
		case 'n':
			o->nodes = count_arg("--nodes", optarg, 1, 1024);
			break;
		case 'D':
			if (o->n_down == sizeof(o->down) / sizeof(*o->down)) {
				fprintf(stderr, "rgsim: too many --down\n");
				exit(2);
			}
			o->down[o->n_down++] = optarg;
			break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
}

static struct ccr *
load_ccr(const char *path, char *err, size_t errlen)
{
	struct ccr *c = ccr_new();
	config_t cf;
	int rc;

	config_init(&cf);
	rc = c == NULL ? -1 : store_read(path, &cf, err, errlen);
	if (rc == 0 && ccr_from_config(c, &cf, DSDL_ABI_VERSION, err,
	    errlen) == -1)
		rc = -1;
	for (size_t g = 0; rc == 0 && c && g < c->n_groups; g++)
		rc = placement_check_affinities(c, c->groups[g], err, errlen);
	config_destroy(&cf);
	if (rc == -1) {
		ccr_free(c);
		return NULL;
	}
	return c;
}

/* CPU time of this thread: on a loaded machine, wall time measures the
 * other processes as much as this one. */
static double
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median time of the placement and of copying the configuration (the
 * baseline), each run `runs` times, alternating. */
static int
time_runs(const struct sim *s, size_t runs, struct placement_result *r)
{
	double *tp = calloc(runs, sizeof(double));
	double *tb = calloc(runs, sizeof(double));
	const struct ccr *c = s->in.ccr;
	int rc = -1;

	for (size_t i = 0; tp && tb && i < runs; i++) {
		struct timespec t0;
		struct ccr *copy;

		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		if (placement_compute(&s->in, r) == -1)
			goto out;
		tp[i] = ms_since(&t0);
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
		if ((copy = ccr_clone(c)) == NULL)
			goto out;
		ccr_free(copy);
		tb[i] = ms_since(&t0);
	}
	if (tp == NULL || tb == NULL)
		goto out;
	qsort(tp, runs, sizeof(double), cmp_double);
	qsort(tb, runs, sizeof(double), cmp_double);
	printf("time (cpu): %zu groups, %zu resources, %zu nodes, %zu runs: "
	    "placement median %.3f ms (min %.3f, max %.3f); baseline "
	    "(ccr_clone) median %.3f ms; ratio %.2f\n", c->n_groups, c->n_res,
	    s->n_nodes, runs, tp[runs / 2], tp[0], tp[runs - 1], tb[runs / 2],
	    tb[runs / 2] > 0 ? tp[runs / 2] / tb[runs / 2] : 0.0);
	rc = 0;
out:
	free(tp);
	free(tb);
	return rc;
}

static int
simulate(const struct opts *o, struct ccr *c)
{
	struct placement_result r = { 0 };
	struct sim s = { .in.now = o->has_now ? o->now : (long)time(NULL) };
	char err[1024] = "";
	int rc = 1;

	if (o->situation ? rgsim_situation_load(&s, c, o->situation, err,
	    sizeof(err)) : rgsim_situation_nodes(&s, c, o->nodes, err,
	    sizeof(err))) {
		fprintf(stderr, "rgsim: %s\n", err);
		return 1;
	}
	if (o->has_now)
		s.in.now = o->now;
	s.in.quorate &= !o->no_quorum;
	s.in.new_cluster |= o->new_cluster;
	for (size_t i = 0; i < o->n_down; i++)
		if (rgsim_node_down(&s, o->down[i], err, sizeof(err)) == -1) {
			fprintf(stderr, "rgsim: %s\n", err);
			goto out;
		}
	if (placement_compute(&s.in, &r) == -1) {
		fprintf(stderr, "rgsim: placement: %s\n", strerror(errno));
		goto out;
	}
	if (!o->quiet) {
		placement_print_nodes(stdout, &s.in);
		placement_print_groups(stdout, &s.in, &r);
	}
	placement_print_actions(stdout, &s.in, &r);
	if (o->runs && time_runs(&s, o->runs, &r) == -1) {
		fprintf(stderr, "rgsim: placement: out of memory\n");
		goto out;
	}
	rc = 0;
out:
	placement_result_free(&r);
	rgsim_situation_free(&s);
	return rc;
}

/* The steady state of a generated configuration: every node up, each
 * group where the placement puts it. */
static int
save_steady(const char *ccr, const char *path, char *err, size_t errlen)
{
	struct placement_result r = { 0 };
	struct sim s = { 0 };
	struct ccr *c = load_ccr(ccr, err, errlen);
	size_t nn = 0;
	int rc = -1;

	for (size_t t = 0; c && t < c->n_groups; t++) {
		const struct prop_value *v = ccr_rg_value(c->groups[t],
		    "Nodelist");

		for (size_t k = 0; v && k < v->n; k++) {
			size_t n = strtoul(v->v[k] + 1, NULL, 10);

			nn = n > nn ? n : nn;
		}
	}
	if (c && rgsim_situation_nodes(&s, c, nn, err, errlen) == 0 &&
	    placement_compute(&s.in, &r) == 0)
		rc = rgsim_situation_save(&s, &r, path, err, errlen);
	placement_result_free(&r);
	rgsim_situation_free(&s);
	ccr_free(c);
	return rc;
}

static int
generate(const struct opts *o)
{
	struct rgsim_gen g = { .groups = o->groups,
		.resources = o->resources, .nodes = o->nodes };
	char err[1024] = "";

	if (o->out == NULL || o->groups == 0 || o->nodes == 0) {
		fprintf(stderr, "rgsim: --generate needs -o FILE, --groups and "
		    "--nodes\n");
		return 2;
	}
	if (rgsim_generate(&g, o->out, err, sizeof(err)) == -1 ||
	    (o->save && save_steady(o->out, o->save, err, sizeof(err)) == -1)) {
		fprintf(stderr, "rgsim: %s\n", err);
		return 1;
	}
	printf("generated %s: %zu groups, %zu resources, %zu nodes\n", o->out,
	    o->groups, o->resources, o->nodes);
	return 0;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	char err[1024] = "";
	struct ccr *c;
	int rc;

	parse_opts(argc, argv, &o);
	if (o.generate)
		return generate(&o);
	if (o.ccr == NULL || (o.situation == NULL) == (o.nodes == 0)) {
		fprintf(stderr, "rgsim: give -c ccr.cfg and one of -s "
		    "situation.cfg or --nodes N\n");
		usage();
	}
	if ((c = load_ccr(o.ccr, err, sizeof(err))) == NULL) {
		fprintf(stderr, "rgsim: configuration %s: %s\n", o.ccr, err);
		return 1;
	}
	rc = simulate(&o, c);
	ccr_free(c);
	return rc;
}
