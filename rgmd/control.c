// SPDX-License-Identifier: MIT
/*
 * control.c - the control socket. Each connection carries one request,
 * read without blocking up to end of file or CTL_MAX_REQUEST bytes, then
 * parsed (ctlmsg.c) and handed to cmd.c with the peer's privilege, taken
 * from SO_PEERCRED: root, or a member of the admin group, may change
 * things; everyone may read. The reply is written when the request is
 * done and the connection is closed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "cmd.h"
#include "control.h"
#include "ctlmsg.h"
#include "log.h"
#include "loop.h"
#include "scha_err.h"

struct client {
	int	 fd;
	bool	 privileged;
	char	*buf;
	size_t	 len;
	bool	 too_big;	/* drained to end of file, then refused */
};

static int listen_fd = -1;
static char listen_path[108];
static bool admin_set;
static gid_t admin;

/* Is the peer root or a member of the admin group? */
static bool
is_privileged(int fd)
{
	struct ucred cr;
	socklen_t l = sizeof(cr);
	struct passwd *pw;
	gid_t groups[256];
	int n = 256;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &l) == -1)
		return false;
	if (cr.uid == 0)
		return true;
	if (!admin_set)
		return false;
	if (cr.gid == admin)
		return true;
	if ((pw = getpwuid(cr.uid)) == NULL ||
	    getgrouplist(pw->pw_name, pw->pw_gid, groups, &n) == -1)
		return false;
	for (int i = 0; i < n; i++)
		if (groups[i] == admin)
			return true;
	return false;
}

static void
client_free(struct client *c)
{
	loop_del_fd(c->fd);
	close(c->fd);
	free(c->buf);
	free(c);
}

static void
reply(void *arg, bool ok, int code, const char *text)
{
	struct client *c = arg;
	size_t len = strlen(text), off = 0;
	char head[32] = "ok\n";
	int fl = fcntl(c->fd, F_GETFL);

	if (!ok && code > 0)	/* "error CODE" (ctlmsg.h) */
		snprintf(head, sizeof(head), "error %d\n", code);
	else if (!ok)
		snprintf(head, sizeof(head), "error\n");

	/* The reply is written in full: a client that does not read it
	 * for 2 s loses it. */
	fcntl(c->fd, F_SETFL, fl & ~O_NONBLOCK);
	setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO,
	    &(struct timeval){ .tv_sec = 2 }, sizeof(struct timeval));
	if (send(c->fd, head, strlen(head), MSG_NOSIGNAL) > 0)
		while (off < len) {
			ssize_t n = send(c->fd, text + off, len - off,
			    MSG_NOSIGNAL);

			if (n <= 0)
				break;
			off += (size_t)n;
		}
	client_free(c);
}

static void
handle(struct client *c)
{
	struct ctl_msg req;
	char err[256], msg[300];

	loop_del_fd(c->fd);	/* no more reading; reply() closes */
	if (ctl_msg_parse(&req, c->buf ? c->buf : "", c->len, err,
	    sizeof(err)) == -1) {
		snprintf(msg, sizeof(msg), "malformed request: %s\n", err);
		log_warn("control: %s", msg);
		reply(c, false, SCHA_ERR_INVAL, msg);
		return;
	}
	cmd_dispatch(&req, c->privileged, reply, c);
	ctl_msg_free(&req);
}

static void
on_read(int fd, uint32_t events, void *arg)
{
	struct client *c = arg;
	char tmp[4096];
	ssize_t n;

	(void)events;
	while ((n = read(fd, tmp, sizeof(tmp))) > 0) {
		char *b;

		if (c->too_big || c->len + (size_t)n > CTL_MAX_REQUEST) {
			c->too_big = true;
			continue;
		}
		if ((b = realloc(c->buf, c->len + (size_t)n + 1)) == NULL) {
			client_free(c);
			return;
		}
		c->buf = b;
		memcpy(c->buf + c->len, tmp, (size_t)n);
		c->len += (size_t)n;
	}
	if (n == 0 && c->too_big) {
		loop_del_fd(fd);
		reply(c, false, SCHA_ERR_INVAL,
		    "malformed request: larger than 64 KiB\n");
	} else if (n == 0) {
		handle(c);
	}
	else if (errno != EAGAIN && errno != EWOULDBLOCK)
		client_free(c);
}

static void
on_accept(int fd, uint32_t events, void *arg)
{
	struct client *c;
	int cfd;

	(void)events;
	(void)arg;
	while ((cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) != -1) {
		if ((c = calloc(1, sizeof(*c))) == NULL) {
			close(cfd);
			continue;
		}
		c->fd = cfd;
		c->privileged = is_privileged(cfd);
		if (loop_add_fd(cfd, EPOLLIN, on_read, c) == -1) {
			close(cfd);
			free(c);
		}
	}
}

int
control_listen(const char *path, bool has_admin_gid, gid_t admin_gid)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	admin_set = has_admin_gid;
	admin = admin_gid;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	snprintf(listen_path, sizeof(listen_path), "%s", path);
	listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (listen_fd == -1)
		return -1;
	unlink(path);
	if (bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    chmod(path, 0666) == -1 || listen(listen_fd, 64) == -1 ||
	    loop_add_fd(listen_fd, EPOLLIN, on_accept, NULL) == -1) {
		close(listen_fd);
		listen_fd = -1;
		return -1;
	}
	return 0;
}

void
control_close(void)
{
	if (listen_fd == -1)
		return;
	loop_del_fd(listen_fd);
	close(listen_fd);
	unlink(listen_path);
	listen_fd = -1;
}
