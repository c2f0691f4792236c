// SPDX-License-Identifier: MIT
/*
 * ctlclient.c - the client of pdt's control socket (libpdtctl.a, used by
 * pdtctl and linkable by rgmd, which must not run a program to talk to
 * pdt). The protocol is pdt's (ctl.c): a UNIX stream socket, one command
 * per line, pdt writes the answer and the client reads until pdt closes
 * after its 5 s idle or, here, right after we shut down our side. An
 * answer whose last line starts with "error" is a refusal. Every call
 * is bounded: the path, the line and the answer by the caller's sizes,
 * the time by timeout_ms on each send and receive.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctlclient.h"

/* Writes the reason into err; returns PDT_CTLC_ERROR with errno e. */
__attribute__((format(printf, 4, 5)))
static int fail(char *err, size_t errlen, int e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	errno = e;
	return PDT_CTLC_ERROR;
}

int pdt_ctlc_join(int argc, char *const *argv, char *buf, size_t len)
{
	size_t o = 0;

	if (!len)
		goto too_big;
	buf[0] = 0;
	for (int i = 0; i < argc; i++) {
		int r = snprintf(buf + o, len - o, "%s%s", i ? " " : "",
				 argv[i]);

		if (r < 0 || (size_t)r >= len - o)
			goto too_big;
		o += (size_t)r;
	}
	return 0;
too_big:
	errno = E2BIG;
	return -1;
}

bool pdt_ctlc_is_refusal(const char *b, size_t n)
{
	size_t i;

	while (n && b[n - 1] == '\n')
		n--;
	for (i = n; i && b[i - 1] != '\n'; i--)
		;
	return n - i >= 5 && !strncmp(b + i, "error", 5);
}

/* Bounds each send and receive on s by timeout_ms (0 or less: none). */
static int set_timeout(int s, int timeout_ms)
{
	struct timeval tv = { .tv_sec = timeout_ms / 1000,
			      .tv_usec = (timeout_ms % 1000) * 1000 };

	if (timeout_ms <= 0)
		return 0;
	return setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	       setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* A socket connected to pdt at path, or PDT_CTLC_ERROR. */
static int open_sock(const char *path, int timeout_ms, char *err,
		     size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int s, e;

	if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path) >=
	    sizeof(sa.sun_path))
		return fail(err, errlen, ENAMETOOLONG, "%s: path too long",
			    path);
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return fail(err, errlen, errno, "socket: %s", strerror(errno));
	if (set_timeout(s, timeout_ms) ||
	    connect(s, (struct sockaddr *)&sa, sizeof(sa))) {
		e = errno;
		close(s);
		return fail(err, errlen, e, "%s: %s", path, strerror(e));
	}
	return s;
}

/* Sends line and a newline; pdt may refuse and close first (read anyway). */
static void send_line(int s, const char *line)
{
	size_t n = strlen(line);

	if (send(s, line, n, MSG_NOSIGNAL) == (ssize_t)n &&
	    send(s, "\n", 1, MSG_NOSIGNAL) == 1)
		shutdown(s, SHUT_WR);
}

/* Reads until EOF: 0, or PDT_CTLC_ERROR on a timeout, error or overflow. */
static int read_all(int s, const char *path, char *reply, size_t len,
		    size_t *got, char *err, size_t errlen)
{
	ssize_t r;
	char extra;

	*got = 0;
	while (*got < len - 1) {
		r = recv(s, reply + *got, len - 1 - *got, 0);
		if (r == 0)
			return 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return fail(err, errlen, errno, "%s: %s", path,
				    errno == EAGAIN ? "no answer in time" :
				    strerror(errno));
		*got += (size_t)r;
		reply[*got] = 0;
	}
	if (recv(s, &extra, 1, 0) == 0)
		return 0;
	return fail(err, errlen, EMSGSIZE, "%s: answer longer than %zu bytes",
		    path, len - 1);
}

int pdt_ctlc_request(const char *path, const char *line, int timeout_ms,
		     char *reply, size_t len, size_t *got, char *err,
		     size_t errlen)
{
	int s, r;

	*got = 0;
	if (len < 2)
		return fail(err, errlen, EINVAL, "reply buffer too small");
	reply[0] = 0;
	if (!*line || strchr(line, '\n') || strlen(line) >= PDT_CTLC_LINE_MAX)
		return fail(err, errlen, EINVAL,
			    "command must be one line of 1 to %d bytes",
			    PDT_CTLC_LINE_MAX - 1);
	s = open_sock(path, timeout_ms, err, errlen);
	if (s < 0)
		return PDT_CTLC_ERROR;
	send_line(s, line);
	r = read_all(s, path, reply, len, got, err, errlen);
	close(s);
	if (r)
		return r;
	if (!*got)
		return fail(err, errlen, ENODATA, "no answer from %s", path);
	return pdt_ctlc_is_refusal(reply, *got) ? PDT_CTLC_REFUSED :
						  PDT_CTLC_OK;
}
