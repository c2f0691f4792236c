// SPDX-License-Identifier: MIT
/*
 * control.c - the control socket. Each connection carries one request,
 * read without blocking up to end of file or CTL_MAX_REQUEST bytes, then
 * parsed (ctlmsg.c) and handed to cmd.c with the peer's privilege; the
 * reply is written through the event loop and the connection is closed.
 *
 * DESIGN. Any local user may connect, so no client may hold rgmd up:
 * - A client is READING (its request), RUNNING (cmd.c has it: a change
 *   being carried out) or WRITING (its reply). Nothing blocks: reads and
 *   writes are non-blocking, a reply that does not fit the socket waits
 *   in memory for EPOLLOUT, so a client that does not read stalls only
 *   itself.
 * - READING and WRITING are timed: control_timeout seconds each, then the
 *   client is dropped. As every client gets the same timeout, the timed
 *   clients form a list in deadline order (appended at the tail) with one
 *   loop timer for its head. RUNNING is not timed: it lasts as long as
 *   the change does, and only privileged peers get there.
 * - At most control_max_clients connections; the last
 *   control_root_reserve of them only for root (uid from SO_PEERCRED at
 *   accept, no other lookup). Another user beyond its share gets "too
 *   many clients" and is closed; when the whole limit is reached,
 *   accepting pauses until a client leaves. The limit is at most half of
 *   RLIMIT_NOFILE (checked at start), the rest is for rgmd's own work.
 * - accept failing for want of descriptors or memory (EMFILE, ENFILE,
 *   ENOBUFS, ENOMEM) pauses accepting for a moment instead of spinning on
 *   the level-triggered listening socket.
 * - Privilege: root, or the admin group as the peer's primary group or
 *   among its supplementary groups (SO_PEERGROUPS, what the kernel
 *   recorded at connect). The groups are read only for a change; reads
 *   are open to all. The group database (NSS) is asked only on kernels
 *   without SO_PEERGROUPS.
 * Floods are logged once per LOG_EVERY_MS with a count, not per client.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "cmd.h"
#include "control.h"
#include "ctlmsg.h"
#include "log.h"
#include "loop.h"
#include "rgmd.h"
#include "scha_err.h"

#define RETRY_ACCEPT_MS	200	/* after EMFILE and the like */
#define LOG_EVERY_MS	10000

enum phase { READING, RUNNING, WRITING };

struct client {
	int		 fd;
	uid_t		 uid;
	gid_t		 gid;
	pid_t		 pid;
	enum phase	 phase;
	bool		 gone;		/* hung up while RUNNING */
	bool		 too_big;	/* drained to EOF, then refused */
	char		*buf;		/* request, then reply */
	size_t		 len, off;
	uint64_t	 deadline;
	struct client	*prev, *next;	/* timed list, by deadline */
	bool		 timed;
};

/* A count of like events, logged at most once per LOG_EVERY_MS. */
struct tally {
	unsigned int	 n;
	uint64_t	 last;
};

static struct {
	int		 fd;
	char		 path[108];
	bool		 admin_set;
	gid_t		 admin;
	unsigned int	 max, reserve;
	uint64_t	 timeout_ms;
	unsigned int	 n;		/* clients now */
	bool		 paused;	/* not accepting */
	struct loop_timer *retry;	/* resume accepting after EMFILE */
	struct client	*head, *tail;	/* timed clients */
	struct loop_timer *timer;	/* for head's deadline */
	struct tally	 refused, dropped, failed, malformed;
} ctl = { .fd = -1 };

/* Count one event; log it with the count at most once per LOG_EVERY_MS. */
static void
tally(struct tally *t, const char *what)
{
	uint64_t now = loop_now_ms();

	if (t->last != 0 && now - t->last < LOG_EVERY_MS) {
		t->n++;
		return;
	}
	if (t->n > 0)
		log_warn("control: %s (and %u more like it not logged since "
		    "the last one)", what, t->n);
	else
		log_warn("control: %s", what);
	t->n = 0;
	t->last = now;
}

/* Accept again, or not: both the client limit and EMFILE pause it. */
static void
set_accepting(bool on)
{
	if (ctl.fd == -1 || ctl.paused == !on)
		return;
	if (loop_mod_fd(ctl.fd, on ? EPOLLIN : 0) == 0)
		ctl.paused = !on;
}

static void
untime(struct client *c)
{
	if (!c->timed)
		return;
	*(c->prev ? &c->prev->next : &ctl.head) = c->next;
	*(c->next ? &c->next->prev : &ctl.tail) = c->prev;
	c->prev = c->next = NULL;
	c->timed = false;
}

static void on_deadline(void *arg);

/* Start a timed phase: deadline control_timeout from now. */
static void
time_client(struct client *c)
{
	untime(c);
	c->deadline = loop_now_ms() + ctl.timeout_ms;
	c->prev = ctl.tail;
	*(ctl.tail ? &ctl.tail->next : &ctl.head) = c;
	ctl.tail = c;
	c->timed = true;
	if (ctl.timer == NULL)
		ctl.timer = loop_timer_add(ctl.timeout_ms, on_deadline, NULL);
}

static void
client_free(struct client *c)
{
	untime(c);
	if (!c->gone)
		loop_del_fd(c->fd);
	close(c->fd);
	free(c->buf);
	free(c);
	ctl.n--;
	if (ctl.n < ctl.max && ctl.retry == NULL)
		set_accepting(true);
}

static void
on_deadline(void *arg)
{
	uint64_t now = loop_now_ms();
	static const char late[] = "error 21\nrgmd: the request did not "
	    "arrive whole in time (control_timeout)\n";
	char what[160];

	(void)arg;
	ctl.timer = NULL;
	while (ctl.head != NULL && ctl.head->deadline <= now) {
		struct client *c = ctl.head;

		snprintf(what, sizeof(what), "client uid %u pid %d dropped: "
		    "%s within control_timeout (%u s)", (unsigned int)c->uid,
		    (int)c->pid, c->phase == READING ? "no whole request" :
		    "reply not read", (unsigned int)(ctl.timeout_ms / 1000));
		tally(&ctl.dropped, what);
		if (c->phase == READING)
			send(c->fd, late, sizeof(late) - 1,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
		client_free(c);
	}
	if (ctl.head != NULL)
		ctl.timer = loop_timer_add(ctl.head->deadline - now,
		    on_deadline, NULL);
}

/* Write what the socket takes; free the client when all is written. */
static void
flush_reply(struct client *c)
{
	while (c->off < c->len) {
		ssize_t n = send(c->fd, c->buf + c->off, c->len - c->off,
		    MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;		/* EPOLLOUT brings us back */
		if (n <= 0)
			break;
		c->off += (size_t)n;
	}
	client_free(c);
}

static void
reply(void *arg, bool ok, int code, const char *text)
{
	struct client *c = arg;
	char head[32] = "ok\n";
	size_t hl, tl = strlen(text);

	if (!ok && code > 0)	/* "error CODE" (ctlmsg.h) */
		snprintf(head, sizeof(head), "error %d\n", code);
	else if (!ok)
		snprintf(head, sizeof(head), "error\n");
	hl = strlen(head);

	if (c->gone) {		/* nobody to tell */
		client_free(c);
		return;
	}
	free(c->buf);
	c->off = 0;
	c->len = hl + tl;
	if ((c->buf = malloc(c->len)) == NULL) {
		log_warn("control: reply of %zu bytes: %m", c->len);
		client_free(c);
		return;
	}
	memcpy(c->buf, head, hl);
	memcpy(c->buf + hl, text, tl);
	c->phase = WRITING;
	time_client(c);
	if (loop_mod_fd(c->fd, EPOLLOUT) == -1) {
		client_free(c);
		return;
	}
	flush_reply(c);
}

/* Is gid among uid's groups in the group database? (old kernels) */
static bool
nss_in_group(uid_t uid, gid_t gid)
{
	struct passwd *pw = getpwuid(uid);
	gid_t g[256];
	int n = 256;

	if (pw == NULL || getgrouplist(pw->pw_name, pw->pw_gid, g, &n) == -1)
		return false;
	for (int i = 0; i < n; i++)
		if (g[i] == gid)
			return true;
	return false;
}

/* Is gid among the peer's supplementary groups, as the kernel has them? */
static bool
peer_in_group(const struct client *c, gid_t gid)
{
	gid_t small[64], *g = small;
	socklen_t l = sizeof(small);
	bool in = false;

	if (getsockopt(c->fd, SOL_SOCKET, SO_PEERGROUPS, g, &l) == -1) {
		if (errno == ENOPROTOOPT)
			return nss_in_group(c->uid, gid);
		if (errno != ERANGE || (g = malloc(l)) == NULL)
			return false;
		if (getsockopt(c->fd, SOL_SOCKET, SO_PEERGROUPS, g, &l) == -1)
			l = 0;
	}
	for (size_t i = 0; i < l / sizeof(gid_t); i++)
		in = in || g[i] == gid;
	if (g != small)
		free(g);
	return in;
}

/* May this peer make the change it asks for? */
static bool
is_privileged(const struct client *c, const struct ctl_msg *req)
{
	const char *cmd = ctl_msg_get(req, "cmd");

	if (c->uid == 0)
		return true;
	if (!ctl.admin_set)
		return false;
	if (c->gid == ctl.admin)
		return true;
	/* Reads are open to everyone: no need to know the groups. */
	if (cmd == NULL || strcmp(cmd, "print") == 0 ||
	    strcmp(cmd, "status") == 0 || strcmp(cmd, "get") == 0)
		return false;
	return peer_in_group(c, ctl.admin);
}

static void
handle(struct client *c)
{
	struct ctl_msg req;
	char err[256], msg[300];

	untime(c);
	c->phase = RUNNING;
	/* Only a hang-up can come now (EPOLLHUP is always reported). */
	if (loop_mod_fd(c->fd, 0) == -1) {
		client_free(c);
		return;
	}
	if (c->too_big) {
		snprintf(msg, sizeof(msg), "malformed request: larger than "
		    "%d KiB\n", CTL_MAX_REQUEST / 1024);
		reply(c, false, SCHA_ERR_INVAL, msg);
		return;
	}
	if (c->len == 0) {	/* left without a word: nothing to do */
		client_free(c);
		return;
	}
	if (ctl_msg_parse(&req, c->buf, c->len, err, sizeof(err)) == -1) {
		snprintf(msg, sizeof(msg), "malformed request from uid %u: %s",
		    (unsigned int)c->uid, err);
		tally(&ctl.malformed, msg);
		snprintf(msg, sizeof(msg), "malformed request: %s\n", err);
		reply(c, false, SCHA_ERR_INVAL, msg);
		return;
	}
	/* reply() may run, and free c, before cmd_dispatch returns. */
	cmd_dispatch(&req, is_privileged(c, &req), reply, c);
	ctl_msg_free(&req);
}

/* Read what there is; at end of file the request is complete. */
static void
on_readable(struct client *c)
{
	char tmp[4096];
	ssize_t n;

	while ((n = read(c->fd, tmp, sizeof(tmp))) > 0) {
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
	if (n == 0)
		handle(c);
	else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
		client_free(c);
}

static void
on_client(int fd, uint32_t events, void *arg)
{
	struct client *c = arg;

	(void)fd;
	switch (c->phase) {
	case READING:
		on_readable(c);
		break;
	case WRITING:
		if (events & (EPOLLERR | EPOLLHUP))
			client_free(c);
		else
			flush_reply(c);
		break;
	case RUNNING:
		/* The peer left; cmd.c still holds c: free it on reply. */
		loop_del_fd(c->fd);
		c->gone = true;
		break;
	}
}

/* Over its share? Then say so and close; true when refused. */
static bool
refuse(int cfd, uid_t uid)
{
	static const char msg[] = "error\nrgmd: too many clients; try "
	    "again later\n";
	char what[128];

	if (ctl.n < ctl.max - ctl.reserve || (uid == 0 && ctl.n < ctl.max))
		return false;
	send(cfd, msg, sizeof(msg) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
	close(cfd);
	snprintf(what, sizeof(what), "connection of uid %u refused: too many "
	    "clients (control_max_clients %u)", (unsigned int)uid, ctl.max);
	tally(&ctl.refused, what);
	return true;
}

static void
on_retry(void *arg)
{
	(void)arg;
	ctl.retry = NULL;
	if (ctl.n < ctl.max)
		set_accepting(true);
}

/* accept failed: pause on a shortage, so as not to spin on it. */
static void
accept_failed(void)
{
	char what[128];

	if (errno != EMFILE && errno != ENFILE && errno != ENOBUFS &&
	    errno != ENOMEM)
		return;		/* EAGAIN, or a connection gone */
	snprintf(what, sizeof(what), "accept: %s: not accepting for %d ms",
	    strerror(errno), RETRY_ACCEPT_MS);
	tally(&ctl.failed, what);
	set_accepting(false);
	if (ctl.retry == NULL)
		ctl.retry = loop_timer_add(RETRY_ACCEPT_MS, on_retry, NULL);
}

static void
admit(int cfd)
{
	struct ucred cr;
	socklen_t l = sizeof(cr);
	struct client *c;

	if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cr, &l) == -1) {
		close(cfd);
		return;
	}
	if (refuse(cfd, cr.uid))
		return;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		close(cfd);
		return;
	}
	c->fd = cfd;
	c->uid = cr.uid;
	c->gid = cr.gid;
	c->pid = cr.pid;
	if (loop_add_fd(cfd, EPOLLIN, on_client, c) == -1) {
		close(cfd);
		free(c);
		return;
	}
	ctl.n++;
	time_client(c);
}

static void
on_accept(int fd, uint32_t events, void *arg)
{
	int cfd;

	(void)events;
	(void)arg;
	while (!ctl.paused) {
		if (ctl.n >= ctl.max) {
			set_accepting(false);
			break;
		}
		if ((cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK |
		    SOCK_CLOEXEC)) == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			accept_failed();
			break;
		}
		admit(cfd);
	}
}

/* The clients may use at most half of RLIMIT_NOFILE: raise the soft
 * limit when the hard one allows, else refuse to start. */
static int
check_fd_limit(void)
{
	struct rlimit rl;
	rlim_t need = 2 * (rlim_t)ctl.max;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return -1;
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
		return 0;
	if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need) {
		log_info("control: open file limit raised from %llu to %llu "
		    "for control_max_clients %u", (unsigned long long)
		    rl.rlim_cur, (unsigned long long)need, ctl.max);
		rl.rlim_cur = need;
		if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
			return 0;
	}
	log_warn("control: control_max_clients %u needs an open file limit "
	    "(RLIMIT_NOFILE) of at least %llu, twice as many, but the limit "
	    "is %llu (hard %llu): lower control_max_clients in rgmd.conf or "
	    "raise the limit (ulimit -n, LimitNOFILE=)", ctl.max,
	    (unsigned long long)need, (unsigned long long)rl.rlim_cur,
	    (unsigned long long)rl.rlim_max);
	errno = EMFILE;
	return -1;
}

int
control_listen(const char *path, bool has_admin_gid, gid_t admin_gid)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	ctl.admin_set = has_admin_gid;
	ctl.admin = admin_gid;
	ctl.max = rgmd.conf.control_max_clients;
	ctl.reserve = rgmd.conf.control_root_reserve;
	ctl.timeout_ms = (uint64_t)rgmd.conf.control_timeout * 1000;
	if (check_fd_limit() == -1)
		return -1;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	snprintf(ctl.path, sizeof(ctl.path), "%s", path);
	ctl.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (ctl.fd == -1)
		return -1;
	unlink(path);
	if (bind(ctl.fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    chmod(path, 0666) == -1 || listen(ctl.fd, 128) == -1 ||
	    loop_add_fd(ctl.fd, EPOLLIN, on_accept, NULL) == -1) {
		close(ctl.fd);
		ctl.fd = -1;
		return -1;
	}
	ctl.paused = false;
	return 0;
}

void
control_close(void)
{
	if (ctl.fd == -1)
		return;
	loop_del_fd(ctl.fd);
	close(ctl.fd);
	unlink(ctl.path);
	ctl.fd = -1;
	if (ctl.retry != NULL)
		loop_timer_cancel(ctl.retry);
	ctl.retry = NULL;
	if (ctl.timer != NULL)
		loop_timer_cancel(ctl.timer);
	ctl.timer = NULL;
}
