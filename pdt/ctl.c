// SPDX-License-Identifier: MIT
/*
 * ctl.c - the control socket of pdt (control thread, never a worker).
 *
 * A UNIX stream socket, mode 0600, and only peers with uid 0 are served
 * (SO_PEERCRED). A client sends one command per line; pdt answers with
 * zero or more lines and then "ok" or "error: REASON". Configuration
 * commands (ctlcmd.c) edit a copy of the configuration, a new runtime view
 * is built from it here, off the fast path, published with one atomic
 * store, and the old one is freed after rte_rcu_qsbr_synchronize() has
 * seen every worker pass a quiescent state (the end of a burst): no lock
 * and no pause on the workers, no packet lost by a change.
 * Other commands: stats, show, reload, hold, rx N|all (see pdt(8)).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <rte_rcu_qsbr.h>

#include "dp.h"

#define OUTMAX (256 * 1024)
#define DENIED "error: permission denied (root only)\n"
#define TOO_LONG "error: line too long\n"

int pdt_publish(struct pdt_dp *dp, const struct pdt_conf *c, char *err,
		size_t errlen)
{
	struct pdt_rt *nw = pdt_rt_build(c, err, errlen), *old;

	if (!nw)
		return -1;
	memcpy(nw->pub_mac, dp->pub_mac, 6);
	memcpy(nw->fwd_mac, dp->fwd_mac, 6);
	/* Without local_node, the node with the public port's own MAC is
	 * this one: a frame sent there would leave and never come back. */
	for (unsigned i = 0; !c->local_node && i < nw->nnodes; i++)
		if (!memcmp(nw->nodes[i].mac, nw->pub_mac, 6))
			nw->nodes[i].local = 1;
	old = dp->rt;
	nw->gen = old ? old->gen + 1 : 1;
	__atomic_store_n(&dp->rt, nw, __ATOMIC_RELEASE);
	if (old) {
		rte_rcu_qsbr_synchronize(dp->qs, RTE_QSBR_THRID_INVALID);
		pdt_rt_carry(nw, old);
		pdt_rt_free(old);
	}
	return 0;
}

int pdt_ctl_listen(struct pdt_dp *dp)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	mode_t old;
	int s;

	if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", dp->sock_path) >=
	    sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	unlink(dp->sock_path);
	old = umask(0077);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) || listen(s, 8)) {
		umask(old);
		close(s);
		return -1;
	}
	umask(old);
	chmod(dp->sock_path, 0600);
	dp->lsock = s;
	return 0;
}

static size_t cmd_rx(struct pdt_dp *dp, const char *arg, char *out, size_t len)
{
	char *end;
	long long n;

	if (!strcmp(arg, "all")) {
		__atomic_store_n(&dp->hold, 0, __ATOMIC_RELEASE);
		return pdt_ctl_reply(out, len, 0, "ok\n");
	}
	n = strtoll(arg, &end, 10);
	if (*end || end == arg || n < 0)
		return pdt_ctl_reply(out, len, 0, "error: usage: rx COUNT|all\n");
	__atomic_fetch_add(&dp->budget, n, __ATOMIC_RELEASE);
	__atomic_store_n(&dp->hold, 1, __ATOMIC_RELEASE);
	return pdt_ctl_reply(out, len, 0, "ok\n");
}

static size_t change(struct pdt_dp *dp, const char *line, char *out, size_t len)
{
	struct pdt_conf *c = malloc(sizeof(*c));
	char msg[512];
	int r;

	if (!c)
		return pdt_ctl_reply(out, len, 0, "error: out of memory\n");
	*c = *dp->conf;
	if (!strcmp(line, "reload"))
		r = pdt_conf_load_file(c, dp->conf_path, msg, sizeof(msg));
	else
		r = pdt_cmd_apply(c, line, msg, sizeof(msg));
	if (!r)
		r = pdt_publish(dp, c, msg, sizeof(msg));
	if (!r)
		*dp->conf = *c;
	free(c);
	if (r)
		return pdt_ctl_reply(out, len, 0, "error: %s\n", msg);
	return pdt_ctl_reply(out, len, 0, "ok\n");
}

/*
 * Runs one command line; writes the whole answer into out and returns its
 * length, which is what was written (pdt_ctl_reply), never snprintf's
 * would-be length: a cut answer must not make write() read past it.
 */
static size_t exec_line(struct pdt_dp *dp, const char *line, char *out, size_t len)
{
	if (!strcmp(line, "stats")) {
		if (pdt_stats_format(dp, out, len - 8))
			return pdt_ctl_reply(out, len, 0, "error: output too long\n");
		return pdt_ctl_reply(out, len, strnlen(out, len), "ok\n");
	}
	if (!strcmp(line, "show")) {
		if (pdt_conf_print(dp->conf, out, len - 8))
			return pdt_ctl_reply(out, len, 0, "error: output too long\n");
		return pdt_ctl_reply(out, len, strnlen(out, len), "ok\n");
	}
	if (!strcmp(line, "hold"))
		return cmd_rx(dp, "0", out, len);
	if (!strncmp(line, "rx ", 3))
		return cmd_rx(dp, line + 3, out, len);
	return change(dp, line, out, len);
}

static bool peer_is_root(int fd)
{
	struct ucred cr;
	socklen_t l = sizeof(cr);

	return !getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &l) && cr.uid == 0;
}

static void write_all(int fd, const char *b, size_t n)
{
	while (n) {
		ssize_t w = write(fd, b, n);

		if (w <= 0)
			return;
		b += w;
		n -= (size_t)w;
	}
}

/* Serves one client: lines in, answers out, until EOF or 5 s idle. */
static void serve(struct pdt_dp *dp, int fd, char *out)
{
	char buf[8192];
	size_t have = 0;
	struct timeval tv = { .tv_sec = 5 };

	bool root = peer_is_root(fd);

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (;;) {
		ssize_t r = read(fd, buf + have, sizeof(buf) - 1 - have);
		char *nl;

		if (r <= 0)
			return;
		have += (size_t)r;
		buf[have] = 0;
		while ((nl = strchr(buf, '\n'))) {
			*nl = 0;
			if (nl > buf && nl[-1] == '\r')
				nl[-1] = 0;
			if (!root) {
				write_all(fd, DENIED, sizeof(DENIED) - 1);
				return;
			}
			if (*buf)
				write_all(fd, out, exec_line(dp, buf, out, OUTMAX));
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have + 1);
		}
		if (have == sizeof(buf) - 1) {
			write_all(fd, TOO_LONG, sizeof(TOO_LONG) - 1);
			return;
		}
	}
}

void *pdt_ctl_main(void *arg)
{
	struct pdt_dp *dp = arg;
	char *out = malloc(OUTMAX);

	while (out && !dp->stop) {
		struct pollfd p = { .fd = dp->lsock, .events = POLLIN };
		int fd;

		if (poll(&p, 1, 100) <= 0)
			continue;
		fd = accept4(dp->lsock, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		serve(dp, fd, out);
		close(fd);
	}
	free(out);
	return NULL;
}
