/* SPDX-License-Identifier: MIT */
/*
 * chan.c - the transport of the rgmd channel. Runs in the method runner,
 * called by the requests of pmf.c and fm.c.
 *
 * rgmd gives every method runner one end of a SOCK_SEQPACKET socketpair
 * as fd 4. A request is one datagram of "key=value\n" lines (the ctlmsg
 * codec, first line cmd=...), the reply is one datagram whose first line
 * is ok=1 or ok=0 (then a reason= line). Calls are synchronous and block
 * until rgmd answers: the method's own time limit bounds them.
 *
 * The fd is made close-on-exec as soon as a handle exists, so commands
 * run by dsdl_run and daemons started under PMF never hold the channel.
 * A fd 4 that is not a socket (runner started by hand, unit tests) makes
 * every call fail with ENOTCONN; so does a peer that has gone away. A
 * reply that is too long, does not parse or lacks ok=0/1 gives EPROTO.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dsdl_impl.h"
#include "../rgmd/ctlmsg.h"

void
dsdl_set_channel(struct dsdl *h, int fd)
{
	int fl;

	h->chan_fd = fd;
	if (fd < 0)
		return;
	fl = fcntl(fd, F_GETFD);
	if (fl != -1 && !(fl & FD_CLOEXEC))
		(void)fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

int
dsdl_chan_build(struct ctl_msg *m, const char *cmd, ...)
{
	const char *k, *v;
	va_list ap;
	int rc;

	ctl_msg_init(m);
	rc = ctl_msg_add(m, "cmd", cmd);
	va_start(ap, cmd);
	while (rc == 0 && (k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		rc = ctl_msg_add(m, k, v);
	}
	va_end(ap);
	if (rc == -1)
		ctl_msg_free(m);	/* errno: EINVAL (newline), ENOMEM */
	return rc;
}

/* A connected socket, or ENOTCONN. */
static int
chan_check(int fd)
{
	int type;
	socklen_t len = sizeof(type);

	if (fd < 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == -1) {
		errno = ENOTCONN;
		return -1;
	}
	return 0;
}

static int
chan_send(int fd, const struct ctl_msg *req)
{
	size_t len;
	char *buf = ctl_msg_encode(req, &len);
	ssize_t n;

	if (buf == NULL)
		return -1;
	if (len > DSDL_CHAN_MAX) {
		free(buf);
		errno = EMSGSIZE;
		return -1;
	}
	do
		n = send(fd, buf, len, MSG_NOSIGNAL);
	while (n == -1 && errno == EINTR);
	free(buf);
	if (n == -1 && (errno == EPIPE || errno == ECONNRESET))
		errno = ENOTCONN;
	return n == -1 ? -1 : 0;
}

/* Receive one datagram into a malloc'd buffer. */
static char *
chan_recv(int fd, size_t *len)
{
	char *buf = malloc(DSDL_CHAN_MAX + 1);
	ssize_t n;

	if (buf == NULL)
		return NULL;
	do
		n = recv(fd, buf, DSDL_CHAN_MAX + 1, MSG_TRUNC);
	while (n == -1 && errno == EINTR);
	if (n <= 0) {
		/* 0: rgmd closed its end */
		errno = n == 0 || errno == ECONNRESET ? ENOTCONN : errno;
		goto out_free;
	}
	if (n > DSDL_CHAN_MAX) {
		errno = EPROTO;
		goto out_free;
	}
	*len = (size_t)n;
	return buf;
out_free:
	free(buf);
	return NULL;
}

/* Parse a reply; 1 for ok=1, 0 for ok=0, -1 (EPROTO) otherwise. */
static int
chan_parse(const char *buf, size_t len, struct ctl_msg *rep, char *reason,
    size_t reason_len)
{
	char err[128];
	const char *why;

	if (ctl_msg_parse(rep, buf, len, err, sizeof(err)) == -1)
		goto out_proto;
	if (rep->n == 0 || strcmp(rep->f[0].key, "ok") != 0 ||
	    (strcmp(rep->f[0].val, "1") != 0 &&
	    strcmp(rep->f[0].val, "0") != 0)) {
		ctl_msg_free(rep);
		goto out_proto;
	}
	if (rep->f[0].val[0] == '1')
		return 1;
	why = ctl_msg_get(rep, "reason");
	if (reason != NULL && reason_len > 0)
		(void)snprintf(reason, reason_len, "%s", why != NULL ? why :
		    "refused without a reason");	/* may truncate */
	return 0;
out_proto:
	errno = EPROTO;
	return -1;
}

int
dsdl_chan_call(const struct dsdl *h, const struct ctl_msg *req,
    struct ctl_msg *rep, char *reason, size_t reason_len)
{
	size_t len = 0;
	char *buf;
	int rc;

	ctl_msg_init(rep);
	if (chan_check(h->chan_fd) == -1 || chan_send(h->chan_fd, req) == -1)
		return -1;
	buf = chan_recv(h->chan_fd, &len);
	if (buf == NULL)
		return -1;
	rc = chan_parse(buf, len, rep, reason, reason_len);
	free(buf);
	return rc;
}
