/* SPDX-License-Identifier: MIT */
/*
 * test_probe.c - CUnit suite for the probe helpers of libdsdl (probe.c)
 * against listeners this test opens on loopback: an open port, a port
 * bound but not listening (ECONNREFUSED), a listener whose accept queue
 * is full (connect times out: ETIMEDOUT), a name ("localhost"), IPv6 ::1
 * when the machine has it, bad arguments (EINVAL); and dsdl_http_get
 * against a one-shot server thread that checks the exact request and
 * answers good, error, bare and malformed status lines (EPROTO), plus a
 * listener that accepts but never answers (ETIMEDOUT). Timeouts are short
 * and generous at once: nothing asserts on time.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "dsdl.h"
#include "tu.h"

#define SHORT_MS	300	/* for the cases that must time out */
#define LONG_MS		5000	/* for the cases that must not */

/* A TCP socket bound to loopback (v6: ::1) on a free port; listening
 * with backlog when backlog >= 0. Returns the fd and sets *port. */
static int
loopback_socket(bool v6, int backlog, int *port)
{
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in s4 = { .sin_family = AF_INET };
	struct sockaddr *sa = v6 ? (struct sockaddr *)&s6 :
	    (struct sockaddr *)&s4;
	socklen_t len = v6 ? sizeof(s6) : sizeof(s4);
	int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC,
	    0);

	s6.sin6_addr = in6addr_loopback;
	s4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd == -1)
		return -1;
	if (bind(fd, sa, len) == -1 || getsockname(fd, sa, &len) == -1 ||
	    (backlog >= 0 && listen(fd, backlog) == -1)) {
		(void)close(fd);
		return -1;
	}
	*port = ntohs(v6 ? s6.sin6_port : s4.sin_port);
	return fd;
}

static void
test_tcp_open_closed(void)
{
	int port, fd = loopback_socket(false, 8, &port);

	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(dsdl_tcp_connect("127.0.0.1", port, LONG_MS), 0);
	CU_ASSERT_EQUAL(dsdl_tcp_connect("localhost", port, LONG_MS), 0);
	(void)close(fd);
	/* Bound but not listening: nobody else can take the port. */
	fd = loopback_socket(false, -1, &port);
	CU_ASSERT_FATAL(fd >= 0);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_tcp_connect("127.0.0.1", port, LONG_MS), -1);
	CU_ASSERT_EQUAL(errno, ECONNREFUSED);
	(void)close(fd);
}

/* Fill a listener's accept queue so that further SYNs are dropped. */
static void
test_tcp_timeout(void)
{
	int port, fd = loopback_socket(false, 0, &port), c[4], i, n = 0;
	struct sockaddr_in sa = { .sin_family = AF_INET };

	CU_ASSERT_FATAL(fd >= 0);
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (i = 0; i < 4; i++) {
		c[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, 0);
		if (c[i] >= 0)
			(void)connect(c[i], (struct sockaddr *)&sa,
			    sizeof(sa));
		n++;
	}
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_tcp_connect("127.0.0.1", port, SHORT_MS), -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	for (i = 0; i < n; i++)
		if (c[i] >= 0)
			(void)close(c[i]);
	(void)close(fd);
}

static void
test_tcp_ipv6(void)
{
	int port, fd = loopback_socket(true, 8, &port);

	if (fd == -1) {
		printf("\n  note: no IPv6 loopback here (%s): the ::1 "
		    "assertions are skipped\n", strerror(errno));
		return;
	}
	CU_ASSERT_EQUAL(dsdl_tcp_connect("::1", port, LONG_MS), 0);
	(void)close(fd);
	fd = loopback_socket(true, -1, &port);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(dsdl_tcp_connect("::1", port, LONG_MS), -1);
	CU_ASSERT_EQUAL(errno, ECONNREFUSED);
	(void)close(fd);
}

static void
test_bad_args(void)
{
	int code;

	CU_ASSERT_EQUAL(dsdl_tcp_connect(NULL, 80, 100), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_tcp_connect("127.0.0.1", 0, 100), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_tcp_connect("127.0.0.1", 65536, 100), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_tcp_connect("127.0.0.1", 80, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_http_get("127.0.0.1", 80, "nopath", 100, &code),
	    -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_http_get("127.0.0.1", 80, "/a b", 100, &code),
	    -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_http_get("127.0.0.1", 80, "/\r\nX: y", 100,
	    &code), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
}

/* A one-shot HTTP server: accept, read the request, answer, close. */
struct http_srv {
	int		 fd;
	int		 port;
	const char	*answer;
	char		 request[1024];
	pthread_t	 thr;
};

static void *
http_serve(void *arg)
{
	struct http_srv *s = arg;
	size_t got = 0;
	ssize_t n;
	int c = accept(s->fd, NULL, NULL);

	if (c == -1)
		return NULL;
	while (got < sizeof(s->request) - 1) {
		n = read(c, s->request + got, sizeof(s->request) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		s->request[got] = '\0';
		if (strstr(s->request, "\r\n\r\n") != NULL)
			break;
	}
	(void)!write(c, s->answer, strlen(s->answer));
	(void)close(c);
	return NULL;
}

/* GET path from a server answering answer; returns dsdl_http_get's rc. */
static int
http_case(const char *answer, const char *path, int *code, int *err,
    char *request, size_t reqlen)
{
	struct http_srv s = { .answer = answer };
	int rc;

	s.fd = loopback_socket(false, 8, &s.port);
	if (s.fd == -1 || pthread_create(&s.thr, NULL, http_serve, &s) != 0)
		return -2;
	*code = -1;
	rc = dsdl_http_get("127.0.0.1", s.port, path, LONG_MS, code);
	*err = errno;
	(void)pthread_join(s.thr, NULL);
	(void)close(s.fd);
	(void)snprintf(request, reqlen, "%s", s.request);
	return rc;
}

static void
test_http_status(void)
{
	char req[1024];
	int code, err;

	CU_ASSERT_EQUAL(http_case("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"
	    "\r\n", "/health?x=1", &code, &err, req, sizeof(req)), 0);
	CU_ASSERT_EQUAL(code, 200);
	CU_ASSERT_EQUAL(strncmp(req, "GET /health?x=1 HTTP/1.0\r\nHost: "
	    "127.0.0.1:", 35), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(req, "\r\nConnection: close\r\n\r\n"));
	CU_ASSERT_EQUAL(http_case("HTTP/1.0 503 Service Unavailable\r\n\r\n",
	    "/", &code, &err, req, sizeof(req)), 0);
	CU_ASSERT_EQUAL(code, 503);
	CU_ASSERT_EQUAL(http_case("HTTP/1.1 404\r\n\r\n", "/", &code, &err,
	    req, sizeof(req)), 0);
	CU_ASSERT_EQUAL(code, 404);
	CU_ASSERT_EQUAL(http_case("HTTP/1.0 302 Found\n\n", "/", &code, &err,
	    req, sizeof(req)), 0);
	CU_ASSERT_EQUAL(code, 302);
}

static void
test_http_malformed(void)
{
	static const char *const bad[] = {
		"HTTP/2 200 OK\r\n\r\n", "SSH-2.0-OpenSSH_9.2\r\n",
		"HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n",
		"http/1.1 200 OK\r\n\r\n", "HTTP/1.1  200 OK\r\n\r\n",
		"HTTP/1.x 200 OK\r\n\r\n", "",
	};
	char req[1024];
	int code, err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(http_case(bad[i], "/", &code, &err, req,
		    sizeof(req)), -1);
		CU_ASSERT_EQUAL(err, EPROTO);
		CU_ASSERT_EQUAL(code, -1);	/* left alone */
	}
}

/* A listener that accepts (in the kernel) but never answers. */
static void
test_http_silent(void)
{
	int port, fd = loopback_socket(false, 8, &port), code = -1;

	CU_ASSERT_FATAL(fd >= 0);
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_http_get("127.0.0.1", port, "/", SHORT_MS,
	    &code), -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	CU_ASSERT_EQUAL(code, -1);
	(void)close(fd);
	fd = loopback_socket(false, -1, &port);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(dsdl_http_get("127.0.0.1", port, "/", LONG_MS,
	    &code), -1);
	CU_ASSERT_EQUAL(errno, ECONNREFUSED);
	(void)close(fd);
}

int
test_probe_register(void)
{
	CU_pSuite s = CU_add_suite("probe helpers", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "tcp open and refused", test_tcp_open_closed) ==
	    NULL ||
	    CU_add_test(s, "tcp time-out", test_tcp_timeout) == NULL ||
	    CU_add_test(s, "tcp ipv6", test_tcp_ipv6) == NULL ||
	    CU_add_test(s, "bad arguments", test_bad_args) == NULL ||
	    CU_add_test(s, "http status lines", test_http_status) == NULL ||
	    CU_add_test(s, "http malformed", test_http_malformed) == NULL ||
	    CU_add_test(s, "http silent and refused", test_http_silent) ==
	    NULL)
		return -1;
	return 0;
}
