/* SPDX-License-Identifier: MIT */
/*
 * dsdl.h - the data service development library: the only public header of
 * the project. A resource type is a shared object that exports one
 * versioned table of callbacks, DSDL_TYPE_SYMBOL, of type struct
 * dsdl_type_ops. rgmd runs every callback in a child process (the method
 * runner, rgmd-runner) under the method's timeout; the callback gets an
 * opaque handle that gives it the names and properties of its resource,
 * logging with the resource's prefix, and a command runner with a timeout.
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

#ifdef __cplusplus
}
#endif
#endif /* DSDL_H */
