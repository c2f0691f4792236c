// SPDX-License-Identifier: MIT
/*
 * test_ctlclient.c - CUnit suite for pdt/ctlclient.c (libpdtctl.a, the
 * control socket's client shared by pdtctl and rgmd) against a server
 * thread on a UNIX socket in a private directory that speaks pdt's side
 * of the protocol (one line in, the answer out, close): the line sent
 * with its newline, answers "ok" and "error: ..." told apart, a server
 * that closes without a word, an answer larger than the buffer, a
 * server that never answers (timeout), no socket at all, bad lines. The
 * real pdt behind it is covered by tests/pdt/control.sh through pdtctl.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctlclient.h"
#include "tpkt.h"

static char dir[32], path[96];
static int lsock = -1;
static const char *answer;      /* NULL: close at once; "": never answer */
static char heard[256];

static void *serve_one(void *arg)
{
	int fd = accept(lsock, NULL, NULL);
	ssize_t n, have = 0;

	(void)arg;
	if (fd < 0)
		return NULL;
	while (have < (ssize_t)sizeof(heard) - 1 &&
	       (n = read(fd, heard + have, sizeof(heard) - 1 - (size_t)have)) > 0)
		have += n;
	heard[have] = 0;
	if (answer && *answer)
		(void)!write(fd, answer, strlen(answer));
	if (answer && !*answer)
		sleep(1);               /* longer than the client's timeout */
	close(fd);
	return NULL;
}

static int call(const char *ans, const char *line, int timeout_ms, char *reply,
		size_t len, size_t *got, char *err)
{
	pthread_t t;
	int r;

	answer = ans;
	heard[0] = 0;
	pthread_create(&t, NULL, serve_one, NULL);
	r = pdt_ctlc_request(path, line, timeout_ms, reply, len, got, err, 256);
	pthread_join(t, NULL);
	return r;
}

static int setup(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	snprintf(dir, sizeof(dir), "/tmp/pdt-ctlc.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/pdt.sock", dir);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	lsock = socket(AF_UNIX, SOCK_STREAM, 0);
	if (lsock < 0 || bind(lsock, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(lsock, 4))
		return -1;
	return 0;
}

static int teardown(void)
{
	close(lsock);
	unlink(path);
	rmdir(dir);
	return 0;
}

static void t_ok_refused(void)
{
	char reply[4096], err[256];
	size_t got;

	CU_ASSERT_EQUAL(call("service web packets 1\nok\n", "stats", 5000, reply,
			     sizeof(reply), &got, err), PDT_CTLC_OK);
	CU_ASSERT_STRING_EQUAL(heard, "stats\n");
	CU_ASSERT_STRING_EQUAL(reply, "service web packets 1\nok\n");
	CU_ASSERT_EQUAL(got, strlen(reply));
	CU_ASSERT_EQUAL(call("error: weights: no service \"x\"\n", "weights x 1@1", 0,
			     reply, sizeof(reply), &got, err), PDT_CTLC_REFUSED);
	CU_ASSERT_STRING_EQUAL(heard, "weights x 1@1\n");
	CU_ASSERT(strstr(reply, "no service") != NULL);
}

static void t_failures(void)
{
	char reply[16], err[256];
	size_t got;

	CU_ASSERT_EQUAL(call(NULL, "stats", 5000, reply, sizeof(reply), &got, err),
			PDT_CTLC_ERROR);
	CU_ASSERT(strstr(err, "no answer from") != NULL);
	CU_ASSERT_EQUAL(call("0123456789abcdefXYZ\n", "show", 5000, reply, sizeof(reply),
			     &got, err), PDT_CTLC_ERROR);
	CU_ASSERT(strstr(err, "answer longer than 15 bytes") != NULL);
	CU_ASSERT_EQUAL(got, 15);
	CU_ASSERT_EQUAL(reply[15], 0);
	CU_ASSERT_EQUAL(call("", "stats", 200, reply, sizeof(reply), &got, err),
			PDT_CTLC_ERROR);
	CU_ASSERT(strstr(err, "no answer in time") != NULL);
	CU_ASSERT_EQUAL(pdt_ctlc_request("/nonexistent/pdt.sock", "stats", 0, reply,
					 sizeof(reply), &got, err, sizeof(err)), PDT_CTLC_ERROR);
	CU_ASSERT(strstr(err, "/nonexistent/pdt.sock: No such file") != NULL);
	CU_ASSERT_EQUAL(pdt_ctlc_request(path, "stats\nreload", 0, reply, sizeof(reply),
					 &got, err, sizeof(err)), PDT_CTLC_ERROR);
	CU_ASSERT(strstr(err, "one line") != NULL);
	CU_ASSERT_EQUAL(pdt_ctlc_request(path, "", 0, reply, sizeof(reply), &got, err,
					 sizeof(err)), PDT_CTLC_ERROR);
}

static void t_join_refusal(void)
{
	char *const words[] = { "weights", "web", "3@1,1@2" };
	char buf[32], small[8];

	CU_ASSERT_EQUAL(pdt_ctlc_join(3, words, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "weights web 3@1,1@2");
	CU_ASSERT_EQUAL(pdt_ctlc_join(3, words, small, sizeof(small)), -1);
	CU_ASSERT_EQUAL(errno, E2BIG);
	CU_ASSERT(pdt_ctlc_is_refusal("a\nerror: x\n\n", 12));
	CU_ASSERT(!pdt_ctlc_is_refusal("error: x\nok\n", 12));
	CU_ASSERT(!pdt_ctlc_is_refusal("err\n", 4));
}

void tests_ctlclient(void)
{
	CU_pSuite s = CU_add_suite("control client", setup, teardown);

	CU_add_test(s, "answers: ok and refused", t_ok_refused);
	CU_add_test(s, "no answer, too long, timeout, no socket, bad line", t_failures);
	CU_add_test(s, "command lines joined, refusals recognised", t_join_refusal);
}
