/* SPDX-License-Identifier: MIT */
/*
 * dsdl.h - the data service development library: the only public header of
 * the project. A resource type is a shared object that exports one
 * versioned table of callbacks, DSDL_TYPE_SYMBOL, of type struct
 * dsdl_type_ops. rgmd runs every callback in a child process (the method
 * runner, rgmd-runner) under the method's timeout; the callback gets an
 * opaque handle that gives it the names and properties of its resource,
 * logging with the resource's prefix, and a command runner with a timeout;
 * through a channel to rgmd (fd 4 of the runner) a process monitor,
 * resource status, the fault monitor rules and restart/give-over requests;
 * and TCP and HTTP probe helpers.
 *
 * Conventions: functions returning int return 0 on success and -1 with
 * errno set on failure; functions returning pointers return NULL with errno
 * set. A callback returns 0 for success and non-zero for failure, except
 * probe, which returns 0 (healthy) .. 100 (complete failure), or
 * DSDL_PROBE_GIVEOVER to ask for an immediate failover.
 *
 * Build a type out of tree with:
 *   cc -shared -fPIC -o mytype.so mytype.c $(pkg-config --cflags --libs libdsdl)
 */
#ifndef DSDL_H
#define DSDL_H

#include <stdbool.h>
#include <stddef.h>
#include <syslog.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any incompatible change of struct dsdl_type_ops or the handle. */
#define DSDL_ABI_VERSION 1
/* The name of the one symbol a type module exports. */
#define DSDL_TYPE_SYMBOL "dsdl_type"

#define DSDL_PROBE_OK		0
#define DSDL_PROBE_COMPLETE	100
#define DSDL_PROBE_GIVEOVER	201

struct dsdl;	/* opaque handle, valid for the duration of one callback */

typedef int (*dsdl_method_fn)(struct dsdl *h);

/*
 * The callback table. Unused methods are NULL; rgmd treats a NULL optional
 * method as a success. A type must provide start or prenet_start, and stop
 * or postnet_stop, or registration is refused.
 */
struct dsdl_type_ops {
	unsigned int	abi_version;	/* must be DSDL_ABI_VERSION */
	const char	*name;		/* resource type name, e.g. "SUNW.gds" */
	dsdl_method_fn	start;
	dsdl_method_fn	stop;
	dsdl_method_fn	validate;
	dsdl_method_fn	update;
	dsdl_method_fn	init;
	dsdl_method_fn	fini;
	dsdl_method_fn	boot;
	dsdl_method_fn	prenet_start;
	dsdl_method_fn	postnet_stop;
	dsdl_method_fn	monitor_start;
	dsdl_method_fn	monitor_stop;
	dsdl_method_fn	monitor_check;
	dsdl_method_fn	probe;
};

/* Define the exported table: DSDL_TYPE(.name = "X", .start = my_start, ...) */
#define DSDL_TYPE(...)							\
	__attribute__((visibility("default")))				\
	const struct dsdl_type_ops dsdl_type = {			\
		.abi_version = DSDL_ABI_VERSION, __VA_ARGS__		\
	}

/* Where a property is looked up. */
enum dsdl_scope {
	DSDL_RESOURCE,		/* standard resource properties */
	DSDL_EXTENSION,		/* extension properties from the RTR file */
	DSDL_GROUP,		/* properties of the resource's group */
};

/* Names. Never NULL inside a callback. */
const char *dsdl_resource_name(const struct dsdl *h);
const char *dsdl_group_name(const struct dsdl *h);
const char *dsdl_type_name(const struct dsdl *h);
const char *dsdl_node_name(const struct dsdl *h);
const char *dsdl_method_name(const struct dsdl *h);
/* A directory private to this resource on this node (created on demand). */
const char *dsdl_state_dir(const struct dsdl *h);

/*
 * Typed getters. ENOENT: no such property; EINVAL: it has another type.
 * Inside validate the values are the proposed ones. Strings and arrays
 * belong to the handle.
 */
int dsdl_get_int(const struct dsdl *h, enum dsdl_scope scope,
    const char *name, int *out);
int dsdl_get_bool(const struct dsdl *h, enum dsdl_scope scope,
    const char *name, bool *out);
int dsdl_get_string(const struct dsdl *h, enum dsdl_scope scope,
    const char *name, const char **out);
int dsdl_get_enum(const struct dsdl *h, enum dsdl_scope scope,
    const char *name, const char **out);
int dsdl_get_strarray(const struct dsdl *h, enum dsdl_scope scope,
    const char *name, const char *const **out, size_t *count);

/* The method's timeout in seconds (<Method>_timeout), or -1. */
int dsdl_method_timeout(const struct dsdl *h);

/* Log with the prefix "TYPE:GROUP:RESOURCE: ". priority is a syslog level. */
void dsdl_log(const struct dsdl *h, int priority, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Run cmd with /bin/sh -c in its own process group, wait at most
 * timeout_ms. On time-out the group gets SIGTERM, then SIGKILL after a
 * grace period, and the call fails with ETIMEDOUT. On completion returns 0
 * and stores in *status the exit code, or 128 + signal number.
 */
int dsdl_run(const struct dsdl *h, const char *cmd, int timeout_ms,
    int *status);

/*
 * The rgmd channel. Every call below is one synchronous request to rgmd
 * over the method runner's file descriptor 4 (see dsdl(3)); it acts on the
 * handle's own resource only. Common errors: ENOTCONN (no channel: the
 * runner was not started by rgmd, or rgmd closed it), EPROTO (malformed
 * reply), EINVAL (bad argument). The channel is close-on-exec from the
 * moment the handle exists, so no command or daemon inherits it.
 */

/* Process monitor (PMF): tags <resource>.<kind>.<instance>. */
enum dsdl_pmf_kind {
	DSDL_PMF_SVC,		/* the data service's daemon */
	DSDL_PMF_MON,		/* a fault monitor process */
	DSDL_PMF_OTHER,
};

struct dsdl_pmf_info {
	bool	running;
	int	pid;		/* of the tag's main process, 0 if none */
	int	restarts;	/* restarts done by rgmd's PMF so far */
};

/*
 * Run cmd with /bin/sh -c under rgmd's supervision, in its own session.
 * child_mon_level: 0 the daemon itself, -1 (or > 0) its whole process
 * tree. EALREADY: the tag is already running.
 */
int dsdl_pmf_start(const struct dsdl *h, enum dsdl_pmf_kind kind,
    int instance, const char *cmd, int child_mon_level);
/*
 * Send signal to the tag's processes, SIGKILL at 80 % of timeout_ms; -1
 * with EBUSY if processes remain after a further 15 %. Stopping a tag that
 * is not running succeeds.
 */
int dsdl_pmf_stop(const struct dsdl *h, enum dsdl_pmf_kind kind,
    int instance, int signal, int timeout_ms);
/* Whether the tag runs, and its pid (either pointer may be NULL). */
int dsdl_pmf_status(const struct dsdl *h, enum dsdl_pmf_kind kind,
    int instance, bool *running, int *pid);
/* The same, with the count of restarts. */
int dsdl_pmf_info(const struct dsdl *h, enum dsdl_pmf_kind kind,
    int instance, struct dsdl_pmf_info *out);
/* Send signal to the tag's processes. ESRCH: not running. */
int dsdl_pmf_signal(const struct dsdl *h, enum dsdl_pmf_kind kind,
    int instance, int signal);

/* Resource status as shown by scstat. */
enum dsdl_status {
	DSDL_STATUS_OK,
	DSDL_STATUS_DEGRADED,
	DSDL_STATUS_FAULTED,
	DSDL_STATUS_UNKNOWN,
	DSDL_STATUS_OFFLINE,
};

/* Set the status and its message (NULL: none; newlines become spaces). */
int dsdl_set_status(const struct dsdl *h, enum dsdl_status st,
    const char *msg);

/* What rgmd decided for a probe result. */
enum dsdl_fm_decision {
	DSDL_FM_NONE,		/* nothing to do */
	DSDL_FM_RESTART,	/* the resource is restarted in place */
	DSDL_FM_GIVEOVER,	/* the group is given over */
	DSDL_FM_LOGGED,		/* only logged (LOG_ONLY, restarts exhausted) */
};

/*
 * Add a probe result (0..100, or DSDL_PROBE_GIVEOVER) that took elapsed_ms
 * to the failure history, and learn what rgmd decided. The action runs
 * after the current method returns.
 */
int dsdl_fm_action(const struct dsdl *h, int probe_status, long elapsed_ms,
    enum dsdl_fm_decision *out);

/* scha_control equivalents. */
enum dsdl_control {
	DSDL_RESTART,		/* restart the resource's group on this node */
	DSDL_RESOURCE_RESTART,	/* restart this resource */
	DSDL_GIVEOVER,		/* give the group over */
	DSDL_CHECK_RESTART,	/* would DSDL_RESTART be allowed? */
	DSDL_CHECK_GIVEOVER,	/* would DSDL_GIVEOVER be allowed? */
};

/*
 * Ask rgmd. -1 with EPERM when refused; then the reason is copied to
 * reason (when not NULL, truncated to reason_len).
 */
int dsdl_request(const struct dsdl *h, enum dsdl_control tag, char *reason,
    size_t reason_len);

/*
 * Probe helpers; no handle needed. host: an IPv4 or IPv6 literal or a name
 * (getaddrinfo; name resolution itself is not bounded by the timeout).
 * timeout_ms > 0 bounds the whole exchange: ETIMEDOUT when it runs out,
 * ECONNREFUSED etc. from connect, EHOSTUNREACH when the name has no
 * address.
 */
/* 0 when a TCP connection could be opened (and is closed again) in time. */
int dsdl_tcp_connect(const char *host, int port, int timeout_ms);
/*
 * HTTP/1.0 GET path (which must start with '/'); stores the status code of
 * the reply's status line "HTTP/1.x NNN". EPROTO: no such line.
 */
int dsdl_http_get(const char *host, int port, const char *path,
    int timeout_ms, int *status_code);

#ifdef __cplusplus
}
#endif
#endif /* DSDL_H */
