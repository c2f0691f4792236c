/* SPDX-License-Identifier: MIT */
/*
 * probe.c - the probe helpers of libdsdl: dsdl_tcp_connect (can a TCP
 * connection be opened in time?) and dsdl_http_get (a minimal HTTP/1.0
 * GET that reads the reply's status line). Run in the method runner,
 * usually by a type's probe callback; they need no handle.
 *
 * The host is resolved with getaddrinfo (numeric literals never touch a
 * resolver) and each address is tried in turn with a non-blocking
 * connect until one succeeds or the deadline passes. For HTTP, the
 * request is written and the reply read up to the end of its first line,
 * all before the same deadline; only "HTTP/1.x NNN" is accepted.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dsdl_impl.h"

#define STATUS_LINE_MAX	512

static long long
probe_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left before deadline, or 0 with ETIMEDOUT. */
static int
left_ms(long long deadline)
{
	long long left = deadline - probe_now_ms();

	if (left <= 0) {
		errno = ETIMEDOUT;
		return 0;
	}
	return left > 0x7fffffff ? 0x7fffffff : (int)left;
}

/* Wait for events on fd until deadline: 0, or -1 (ETIMEDOUT, ...). */
static int
wait_fd(int fd, short events, long long deadline)
{
	struct pollfd pfd = { .fd = fd, .events = events };
	int left, n;

	for (;;) {
		left = left_ms(deadline);
		if (left == 0)
			return -1;
		n = poll(&pfd, 1, left);
		if (n > 0)
			return 0;
		if (n == -1 && errno != EINTR)
			return -1;
	}
}

static int
resolve(const char *host, int port, struct addrinfo **res)
{
	struct addrinfo hints;
	char serv[8];
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	(void)snprintf(serv, sizeof(serv), "%d", port);
	rc = getaddrinfo(host, serv, &hints, res);
	if (rc == 0)
		return 0;
	errno = rc == EAI_SYSTEM ? errno : rc == EAI_MEMORY ? ENOMEM :
	    rc == EAI_AGAIN ? EAGAIN : EHOSTUNREACH;
	return -1;
}

/* Connect to one address before deadline; the socket, or -1. */
static int
connect_one(const struct addrinfo *ai, long long deadline)
{
	int fd, err = 0;
	socklen_t elen = sizeof(err);

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, ai->ai_protocol);
	if (fd == -1)
		return -1;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS)
		goto out_close;
	if (wait_fd(fd, POLLOUT, deadline) == -1)
		goto out_close;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == -1)
		goto out_close;
	if (err == 0)
		return fd;
	errno = err;
out_close:
	err = errno;
	(void)close(fd);
	errno = err;
	return -1;
}

/* A connected non-blocking socket to host:port, or -1 with errno. */
static int
probe_connect(const char *host, int port, long long deadline)
{
	struct addrinfo *res, *ai;
	int fd = -1, err = ECONNREFUSED;

	if (resolve(host, port, &res) == -1)
		return -1;
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next) {
		fd = connect_one(ai, deadline);
		if (fd == -1)
			err = errno;
		if (fd == -1 && err == ETIMEDOUT)
			break;
	}
	freeaddrinfo(res);
	if (fd == -1)
		errno = err;
	return fd;
}

static int
check_args(const char *host, int port, int timeout_ms)
{
	if (host == NULL || host[0] == '\0' || port < 1 || port > 65535 ||
	    timeout_ms <= 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int
dsdl_tcp_connect(const char *host, int port, int timeout_ms)
{
	int fd;

	if (check_args(host, port, timeout_ms) == -1)
		return -1;
	fd = probe_connect(host, port, probe_now_ms() + timeout_ms);
	if (fd == -1)
		return -1;
	(void)close(fd);
	return 0;
}

/* Write all of buf before deadline. */
static int
send_all(int fd, const char *buf, size_t len, long long deadline)
{
	ssize_t n;

	while (len > 0) {
		if (wait_fd(fd, POLLOUT, deadline) == -1)
			return -1;
		n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n == -1)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read until the first newline (or EOF) before deadline; NUL-terminated. */
static int
read_line(int fd, char *buf, size_t len, long long deadline)
{
	size_t got = 0;
	ssize_t n;

	while (got < len - 1) {
		if (wait_fd(fd, POLLIN, deadline) == -1)
			return -1;
		n = recv(fd, buf + got, len - 1 - got, 0);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		buf[got + (size_t)n] = '\0';
		if (memchr(buf + got, '\n', (size_t)n) != NULL)
			return 0;
		got += (size_t)n;
	}
	buf[got] = '\0';
	return 0;	/* EOF or a long line: the parser decides */
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "HTTP/1.x NNN" followed by a space, CR, LF or the end. */
static int
parse_status(const char *line, int *code)
{
	const char *p = line + 9;

	if (strncmp(line, "HTTP/1.", 7) != 0 || !is_digit(line[7]) ||
	    line[8] != ' ' || !is_digit(p[0]) || !is_digit(p[1]) ||
	    !is_digit(p[2]) || (p[3] != ' ' && p[3] != '\r' &&
	    p[3] != '\n' && p[3] != '\0')) {
		errno = EPROTO;
		return -1;
	}
	*code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	return 0;
}

static bool
is_valid_path(const char *path)
{
	return path != NULL && path[0] == '/' && strpbrk(path, " \r\n\t") ==
	    NULL;
}

static int
build_request(char *buf, size_t len, const char *host, int port,
    const char *path)
{
	bool v6 = strchr(host, ':') != NULL;
	int n;

	n = snprintf(buf, len, "GET %s HTTP/1.0\r\nHost: %s%s%s:%d\r\n"
	    "User-Agent: libdsdl-probe\r\nConnection: close\r\n\r\n", path,
	    v6 ? "[" : "", host, v6 ? "]" : "", port);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return n;
}

int
dsdl_http_get(const char *host, int port, const char *path, int timeout_ms,
    int *status_code)
{
	long long deadline = probe_now_ms() + timeout_ms;
	char req[2048], line[STATUS_LINE_MAX];
	int fd, n, rc = -1, code, err;

	if (check_args(host, port, timeout_ms) == -1)
		return -1;
	if (!is_valid_path(path) || strpbrk(host, "\r\n") != NULL) {
		errno = EINVAL;
		return -1;
	}
	n = build_request(req, sizeof(req), host, port, path);
	if (n == -1)
		return -1;
	fd = probe_connect(host, port, deadline);
	if (fd == -1)
		return -1;
	if (send_all(fd, req, (size_t)n, deadline) == 0 &&
	    read_line(fd, line, sizeof(line), deadline) == 0 &&
	    parse_status(line, &code) == 0)
		rc = 0;
	err = errno;
	(void)close(fd);
	if (rc == 0 && status_code != NULL)
		*status_code = code;
	errno = err;
	return rc;
}
