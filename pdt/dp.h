/* SPDX-License-Identifier: MIT */
/*
 * dp.h - state shared by the DPDK side of pdt: the main thread (start-up
 * and shutdown), the worker lcores (burst loops) and the control thread
 * (socket, configuration swaps under RCU QSBR).
 */
#ifndef PDT_DP_H
#define PDT_DP_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "pdt.h"

struct rte_mempool;
struct rte_rcu_qsbr;

#define PDT_NO_PORT 0xffff
/* mbuf data room (headroom included): a reply and the headers' first
 * 128 bytes always fit a first segment. Default MTU: jumbo frames. */
#define PDT_MBUF_MIN (128 + 128)
#define PDT_MTU_DEFAULT 9000

struct pdt_dp {
	struct pdt_conf *conf;          /* control thread only */
	struct pdt_rt *rt;              /* published view, atomic pointer */
	struct rte_rcu_qsbr *qs;
	unsigned nworkers;
	struct pdt_worker w[PDT_MAX_WORKERS];
	uint16_t pub, fwd, exc;         /* port ids; exc may be PDT_NO_PORT */
	uint8_t pub_mac[6], fwd_mac[6];
	struct rte_mempool *pool;
	volatile int stop;
	uint16_t mbuf_size;             /* --mbuf-size: data room of an mbuf */
	uint16_t mtu;                   /* --mtu: wanted, capped by the port */
	int hold;                       /* rx budget in force (tests) */
	int64_t budget;
	const char *conf_path, *sock_path;
	int lsock;
	pthread_t ctl;
};

extern struct pdt_dp pdt_g;

/* log.c */
__attribute__((format(printf, 1, 2))) void log_info(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void log_warn(const char *fmt, ...);
__attribute__((format(printf, 1, 2), noreturn)) void fatal(const char *fmt, ...);

/* port.c */
int pdt_port_resolve(const char *name, uint16_t *port);
int pdt_ports_setup(struct pdt_dp *dp);
void pdt_ports_close(struct pdt_dp *dp);

/* worker.c */
int pdt_worker_main(void *arg);

/* ctl.c, ctlstats.c */
int pdt_ctl_listen(struct pdt_dp *dp);
void *pdt_ctl_main(void *arg);
int pdt_publish(struct pdt_dp *dp, const struct pdt_conf *c, char *err,
		size_t errlen);
int pdt_stats_format(struct pdt_dp *dp, char *buf, size_t len);

#endif
