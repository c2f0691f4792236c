// SPDX-License-Identifier: MIT
/*
 * main.c - start-up and shutdown of pdt, the packet dispatcher (main
 * thread). Usage: pdt [EAL options] -- [-f pdt.conf] [-s socket] [-H],
 * or pdt -t [-f pdt.conf] to check a configuration and print it back.
 *
 * Start-up: EAL, the configuration, the mbuf pool, the ports, the first
 * runtime view, RCU QSBR for the workers, the control socket and thread;
 * then every lcore (the main one included) runs a worker's burst loop.
 * SIGTERM or SIGINT sets the stop flag: the workers finish their burst
 * and flush, the control thread leaves, the ports are stopped and closed
 * (net_pcap writes out its file) and pdt exits 0.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_rcu_qsbr.h>

#include "dp.h"
#include "mem_dpdk.h"

#ifndef RGM_SYSCONFDIR
#define RGM_SYSCONFDIR "/etc"
#endif
#ifndef RGM_RUNDIR
#define RGM_RUNDIR "/run"
#endif

struct pdt_dp pdt_g;

_Static_assert(PDT_MBUF_MIN >= RTE_PKTMBUF_HEADROOM + 128,
	       "a reply and the Ethernet header fit a first segment");

/* SIGTERM, SIGINT: the workers and the control thread stop. */
static void on_signal(int sig)
{
	(void)sig;
	pdt_g.stop = 1;
}

#define USAGE "usage: pdt [EAL options] -- [-H] [-f pdt.conf] [-s socket]" \
	" [--mbuf-size bytes] [--mtu bytes]\n" \
	"           [--tables-mem auto|dpdk|heap]\n" \
	"       pdt -t [-f pdt.conf]\n"

static enum pdt_tmem tables_mem = PDT_TMEM_AUTO;

static void usage(void)
{
	fputs(USAGE, stderr);
	exit(2);
}

/* A numeric option within [lo, hi]; anything else is a usage error. */
static uint16_t opt_num(const char *name, const char *s, unsigned long lo,
			unsigned long hi)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi) {
		fprintf(stderr, "pdt: --%s \"%s\": want a number of bytes "
			"from %lu to %lu\n", name, s, lo, hi);
		exit(2);
	}
	return (uint16_t)v;
}

/* pdt's own options, after EAL's (or alone with -t). */
static void parse_args(struct pdt_dp *dp, int argc, char **argv, int *check)
{
	static const struct option lo[] = {
		{ "mbuf-size", required_argument, NULL, 'M' },
		{ "mtu", required_argument, NULL, 'U' },
		{ "tables-mem", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:s:Hth", lo, NULL)) != -1) {
		switch (c) {
		case 'f':
			dp->conf_path = optarg;
			break;
		case 's':
			dp->sock_path = optarg;
			break;
		case 'H':
			dp->hold = 1;
			break;
		case 't':
			*check = 1;
			break;
		case 'M':
			dp->mbuf_size = opt_num("mbuf-size", optarg,
						PDT_MBUF_MIN, UINT16_MAX);
			break;
		case 'U':
			dp->mtu = opt_num("mtu", optarg, 68, 16000);
			break;
		case 'T':
			if (pdt_mem_dpdk_mode(optarg, &tables_mem)) {
				fprintf(stderr, "pdt: --tables-mem \"%s\": "
					"want auto, dpdk or heap\n", optarg);
				exit(2);
			}
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
}

/* The configuration file, or exit with its error. */
static void load_conf(struct pdt_dp *dp)
{
	char err[512];

	dp->conf = malloc(sizeof(*dp->conf));
	if (!dp->conf)
		fatal("out of memory");
	if (pdt_conf_load_file(dp->conf, dp->conf_path, err, sizeof(err)))
		fatal("%s", err);
}

/* pdt -t: the configuration printed back, exit 0 (or 1 on an error). */
static void check_only(struct pdt_dp *dp)
{
	char *buf = malloc(1 << 20);

	load_conf(dp);
	if (!buf || pdt_conf_print(dp->conf, buf, 1 << 20))
		fatal("cannot print the configuration");
	fputs(buf, stdout);
	free(buf);
	exit(0);
}

/* The ports named in the configuration, which must exist and differ. */
static void resolve_ports(struct pdt_dp *dp)
{
	const struct pdt_conf *c = dp->conf;

	if (pdt_port_resolve(c->port_public, &dp->pub) ||
	    dp->pub == PDT_NO_PORT)
		fatal("public_port \"%s\": no such DPDK port", c->port_public);
	if (!c->port_forward[0])
		dp->fwd = dp->pub;
	else if (pdt_port_resolve(c->port_forward, &dp->fwd))
		fatal("forward_port \"%s\": no such DPDK port",
		      c->port_forward);
	if (pdt_port_resolve(c->port_exception, &dp->exc))
		fatal("exception_port \"%s\": no such DPDK port",
		      c->port_exception);
	if (dp->exc == dp->pub ||
	    (dp->exc != PDT_NO_PORT && dp->exc == dp->fwd))
		fatal("exception_port must differ from the public and "
		      "forwarding ports");
}

#define MIB(b) ((double)(b) / (1 << 20))

/* Once at start: what each worker's tables take (all workers alike). */
static void log_tables(const struct pdt_dp *dp)
{
	const struct pdt_worker *w = &dp->w[0];
	struct pdt_wmem m;

	pdt_worker_mem(w, &m);
	log_info("tables per worker: conn4 %.1f MiB (%u entries), "
		 "conn6 %.1f MiB (%u), affinity %.1f MiB (%u), "
		 "frag %.1f MiB (%u), frag_hold %.1f MiB; "
		 "total %.1f MiB per worker, %.1f MiB for %u worker(s)",
		 MIB(m.conn4), w->conn4->capacity, MIB(m.conn6),
		 w->conn->capacity, MIB(m.aff), w->aff->capacity,
		 MIB(m.frag), w->frag->capacity, MIB(m.hold), MIB(m.total),
		 MIB(m.total) * dp->nworkers, dp->nworkers);
}

/*
 * Everything before the workers run: mbuf pool, ports, RCU, each
 * worker's tables, the first runtime view, the control socket and thread.
 */
static void start(struct pdt_dp *dp)
{
	char err[512];
	size_t sz;

	dp->nworkers = rte_lcore_count();
	if (dp->nworkers > PDT_MAX_WORKERS)
		fatal("at most %d lcores", PDT_MAX_WORKERS);
	if ((uint64_t)dp->conf->frag_hold * dp->nworkers > dp->conf->mbufs / 2)
		fatal("frag_hold %u for each of %u workers may hold more than "
		      "half of the %u mbufs: lower frag_hold or raise mbufs",
		      dp->conf->frag_hold, dp->nworkers, dp->conf->mbufs);
	dp->pool = rte_pktmbuf_pool_create("pdt_pool", dp->conf->mbufs, 256, 0,
					   dp->mbuf_size, (int)rte_socket_id());
	if (!dp->pool)
		fatal("cannot create a pool of %u mbufs: %s (raise -m or lower "
		      "mbufs)", dp->conf->mbufs, rte_strerror(rte_errno));
	if (pdt_ports_setup(dp))
		fatal("cannot set up the ports");
	sz = rte_rcu_qsbr_get_memsize(dp->nworkers);
	dp->qs = rte_zmalloc("pdt_qsbr", sz, RTE_CACHE_LINE_SIZE);
	if (!dp->qs || rte_rcu_qsbr_init(dp->qs, dp->nworkers))
		fatal("cannot set up RCU");
	pdt_mem_dpdk_install(tables_mem);
	for (unsigned i = 0; i < dp->nworkers; i++) {
		if (pdt_worker_init(&dp->w[i], i, dp->conf))
			fatal("cannot allocate the tables of worker %u", i);
		pdt_mem_dpdk_report(i);
	}
	log_tables(dp);
	if (pdt_publish(dp, dp->conf, err, sizeof(err)))
		fatal("%s", err);
	if (pdt_ctl_listen(dp))
		fatal("control socket %s: %s", dp->sock_path, strerror(errno));
	if (rte_ctrl_thread_create(&dp->ctl, "pdt-ctl", NULL, pdt_ctl_main, dp))
		fatal("cannot start the control thread");
}

/* After the workers returned: everything start() made, undone. */
static void shutdown_all(struct pdt_dp *dp)
{
	pthread_join(dp->ctl, NULL);
	close(dp->lsock);
	unlink(dp->sock_path);
	pdt_ports_close(dp);
	for (unsigned i = 0; i < dp->nworkers; i++)
		pdt_worker_fini(&dp->w[i]);
	pdt_rt_free(dp->rt);
	rte_free(dp->qs);
	rte_mempool_free(dp->pool);
	free(dp->conf);
	rte_eal_cleanup();
}

int main(int argc, char **argv)
{
	struct pdt_dp *dp = &pdt_g;
	int n, check = 0;

	dp->conf_path = RGM_SYSCONFDIR "/pdt.conf";
	dp->sock_path = RGM_RUNDIR "/pdt.sock";
	dp->mbuf_size = RTE_MBUF_DEFAULT_BUF_SIZE;
	dp->mtu = PDT_MTU_DEFAULT;
	if (argc == 2 && !strcmp(argv[1], "-V"))
		return puts("pdt " RGM_VERSION) == EOF;
	if (argc == 2 && !strcmp(argv[1], "-h"))
		return fputs(USAGE, stdout) == EOF;
	if (argc > 1 && !strcmp(argv[1], "-t")) {
		parse_args(dp, argc, argv, &check);
		check_only(dp);
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);       /* a control client may go away */
	n = rte_eal_init(argc, argv);
	if (n < 0)
		fatal("cannot initialise DPDK's EAL: %s",
		      rte_strerror(rte_errno));
	argv[n] = argv[0];
	parse_args(dp, argc - n, argv + n, &check);
	if (check)
		check_only(dp);
	load_conf(dp);
	resolve_ports(dp);
	start(dp);
	log_info("running: %u worker(s), %u service(s), %u node(s)",
		 dp->nworkers, dp->conf->nsvcs, dp->conf->nnodes);
	rte_eal_mp_remote_launch(pdt_worker_main, dp, CALL_MAIN);
	rte_eal_mp_wait_lcore();
	shutdown_all(dp);
	log_info("stopped");
	return 0;
}
