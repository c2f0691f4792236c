/* SPDX-License-Identifier: MIT */
/*
 * dsdl_impl.h - private interface of libdsdl, shared by the library's own
 * files, the method runner (rgmd-runner) and the unit tests. Never
 * installed: resource types see only dsdl.h.
 *
 * A handle is built from the method context that rgmd writes to a memfd
 * (libconfig syntax, see dsdl(3) and the runner's comment) and lives for
 * one callback. dsdl_run keeps a small table of the process groups it has
 * started so that the runner's SIGTERM handler can kill them.
 */
#ifndef DSDL_IMPL_H
#define DSDL_IMPL_H

#include <stddef.h>
#include <sys/types.h>

#include <libconfig.h>

#include "dsdl.h"

/* Largest method context accepted, in bytes. */
#define DSDL_CTX_MAX		(1024 * 1024)
/* Most commands of one handle that dsdl_run tracks at once. */
#define DSDL_RUN_SLOTS		16
/* Longest grace between SIGTERM and SIGKILL in dsdl_run, in ms. */
#define DSDL_RUN_GRACE_MAX_MS	2000
/* The rgmd channel: a SOCK_SEQPACKET socket rgmd gives the runner. */
#define DSDL_CHAN_FD		4
/* Largest message on the channel (the ctlmsg limit). */
#define DSDL_CHAN_MAX		(64 * 1024)

/* One string array handed out by dsdl_get_strarray, freed with the handle. */
struct dsdl_vec {
	struct dsdl_vec	*next;
	const char	**v;
};

/* Mutable parts of a handle (the getters take a const handle). */
struct dsdl_cache {
	struct dsdl_vec	*vecs;
	int		 state_dir_made;	/* mkdir done once */
};

struct dsdl {
	config_t		 cfg;
	const char		*method;
	const char		*node;
	const char		*resource;
	const char		*group;
	const char		*type;
	const char		*state_dir;
	int			 timeout;	/* seconds, -1 if unknown */
	int			 use_syslog;
	const config_setting_t	*scope[3];	/* r_props, x_props, g_props */
	struct dsdl_cache	*cache;
	int			 chan_fd;	/* DSDL_CHAN_FD, or a test's */
};

struct ctl_msg;

/*
 * Build a handle from the text of a method context. method, when not NULL,
 * must match the context's "method" (or is used when it has none). On
 * failure returns NULL and writes the reason to err.
 */
struct dsdl *dsdl_open_text(const char *text, const char *method,
    char *err, size_t errlen);
/* The same, reading the whole context from fd (which is left open). */
struct dsdl *dsdl_open_fd(int fd, const char *method, char *err,
    size_t errlen);
void dsdl_close(struct dsdl *h);

/*
 * Point the handle's channel at fd (unit tests; -1: none) and mark it
 * close-on-exec.
 */
void dsdl_set_channel(struct dsdl *h, int fd);
/*
 * A request: cmd=CMD, then the key, value string pairs that follow, up to
 * a NULL key. -1 with EINVAL when a value holds a newline.
 */
int dsdl_chan_build(struct ctl_msg *m, const char *cmd, ...)
    __attribute__((sentinel));
/*
 * One request on the channel: send req, receive and parse the reply into
 * rep (ctl_msg_free it after a 0 return). Returns 1 for ok=1, 0 for ok=0
 * (reason, if any, copied to reason), -1 with errno on a channel error.
 */
int dsdl_chan_call(const struct dsdl *h, const struct ctl_msg *req,
    struct ctl_msg *rep, char *reason, size_t reason_len);

/* Kill (SIGKILL) every process group dsdl_run has running. Signal-safe. */
void dsdl_run_kill_all(void);

#endif /* DSDL_IMPL_H */
