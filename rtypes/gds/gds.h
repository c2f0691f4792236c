/* SPDX-License-Identifier: MIT */
/*
 * gds.h - private interface of the SUNW.gds resource type (generic data
 * service), shared by its files. Everything runs inside the method runner,
 * in one callback at a time.
 *
 *   gds.c     the callbacks validate, probe, update, monitor_*; the
 *             property helpers
 *   svc.c     start and stop: the daemon under rgmd's process monitor
 *   legacy.c  start and stop without an rgmd channel (runner started by
 *             hand): the daemon detached, recorded in a pid file
 *   proc.c    the detached daemon: launch, pid file, liveness, signals
 *   net.c     Port_list parsing and TCP connect checks on loopback
 */
#ifndef GDS_H
#define GDS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "dsdl.h"

#define GDS_PIDFILE	"gds.pid"
#define GDS_LOGFILE	"gds.log"
#define GDS_MAX_PORTS	32

/* The daemon as recorded in <state_dir>/gds.pid. */
struct gds_pid {
	pid_t			pid;	/* also its session and group id */
	unsigned long long	start;	/* /proc/PID/stat field 22 */
};

#define GDS_DEFAULT_TIMEOUT_S	300
#define GDS_POLL_MS		50
#define GDS_SETTLE_MS		500

/* gds.c */
const char *gds_ext_string(const struct dsdl *h, const char *name);
int	gds_ext_int(const struct dsdl *h, const char *name, int def);
long long gds_budget_ms(const struct dsdl *h);
struct gds_port;
int	gds_checked_ports(const struct dsdl *h, struct gds_port *ports,
	    size_t *n);
int	gds_run_stop_command(const struct dsdl *h, long long total);
int	gds_record_pid(const struct dsdl *h, int pid);

/* svc.c: start and stop under PMF; ENOTCONN when there is no channel. */
int	gds_svc_start(struct dsdl *h, const char *cmd);
int	gds_svc_stop(struct dsdl *h);
int	gds_svc_running(const struct dsdl *h, bool *running);

/* legacy.c */
int	gds_legacy_start(struct dsdl *h, const char *cmd);
int	gds_legacy_stop(struct dsdl *h);
bool	gds_legacy_running(const struct dsdl *h);

/* proc.c */
int	gds_spawn(const char *cmd, const char *logpath, struct gds_pid *out);
int	gds_pidfile_read(const char *dir, struct gds_pid *out);
int	gds_pidfile_write(const char *dir, const struct gds_pid *p);
int	gds_pidfile_remove(const char *dir);
bool	gds_is_alive(const struct gds_pid *p);
void	gds_signal(const struct gds_pid *p, int sig);
long long gds_now_ms(void);
void	gds_sleep_ms(long long ms);

/* net.c */
enum gds_proto { GDS_TCP, GDS_TCP6, GDS_UDP, GDS_UDP6 };
struct gds_port {
	int		port;
	enum gds_proto	proto;
};
int	gds_port_list(const struct dsdl *h, struct gds_port *ports,
	    size_t max, size_t *count);
int	gds_tcp_connect(const struct gds_port *p, int timeout_ms);
int	gds_tcp_check_all(const struct gds_port *ports, size_t n,
	    int timeout_ms, const struct gds_port **failed);

#endif /* GDS_H */
