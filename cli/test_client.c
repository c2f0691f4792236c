// SPDX-License-Identifier: MIT
/*
 * test_client.c - CUnit suite for the CLI client (client.c, run.c): the
 * socket path choice, connection failures that name the path and the
 * reason, and whole exchanges against a tiny fake rgmd in a thread (over
 * a socketpair, or a UNIX socket in a private temporary directory for
 * cli_main). Checks what is sent, what is printed where, the exit status,
 * and that bad usage never connects; the timeout ($RGMD_TIMEOUT and the
 * defaults) against an rgmd that does not accept, or accepts and never
 * answers; and what a change is told when rgmd closes without a reply
 * (it may or may not have been applied) against a read (nothing
 * changed). Part of $(B)/tests/unit/cli.
 */
#include <CUnit/CUnit.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "cli.h"
#include "test_cli.h"

struct fake {
	int		 fd;		/* connected, or listening if accept */
	bool		 accept;
	bool		 read_first;	/* read the request before replying */
	size_t		 read_some;	/* or only this many bytes */
	const char	*reply;
	bool		 hold;		/* no reply: wait for the client to go */
	char		 req[1024];
	size_t		 reqlen;
};

static void *
fake_rgmd(void *arg)
{
	struct fake *f = arg;
	int fd = f->accept ? accept(f->fd, NULL, NULL) : f->fd;
	ssize_t n;

	if (fd == -1)
		return NULL;
	f->reqlen = 0;
	if (f->read_some > 0 && read(fd, f->req, f->read_some) < 0)
		perror("fake rgmd: read");
	while (f->read_first && (n = read(fd, f->req + f->reqlen,
	    sizeof(f->req) - 1 - f->reqlen)) > 0)
		f->reqlen += (size_t)n;
	f->req[f->reqlen] = '\0';
	if (f->hold) {
		struct pollfd p = { .fd = fd };

		/* Until the client has closed (both ways shut: POLLHUP). */
		while (poll(&p, 1, 5000) == 1 && !(p.revents & POLLHUP))
			;
	} else if (write(fd, f->reply, strlen(f->reply)) < 0)
		perror("fake rgmd: write");
	close(fd);
	return NULL;
}

struct capture {
	FILE	*out, *err;
	char	*obuf, *ebuf;
	size_t	 olen, elen;
};

/* One exchange of req against a fake rgmd answering reply. */
static int
exchange_ms(const struct ctl_msg *req, struct fake *f, struct capture *c,
    int ms)
{
	pthread_t t;
	int sv[2], rc;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		return -1;
	f->fd = sv[1];
	f->accept = false;
	c->out = open_memstream(&c->obuf, &c->olen);
	c->err = open_memstream(&c->ebuf, &c->elen);
	pthread_create(&t, NULL, fake_rgmd, f);
	rc = cli_exchange(sv[0], req, ms, "scx", c->out, c->err);
	close(sv[0]);		/* before the join: a holding fake waits */
	pthread_join(t, NULL);
	fclose(c->out);
	fclose(c->err);
	return rc;
}

static int
exchange(const struct ctl_msg *req, struct fake *f, struct capture *c)
{
	return exchange_ms(req, f, c, 10000);
}

static void
free_capture(struct capture *c)
{
	free(c->obuf);
	free(c->ebuf);
}

static void
simple_req(struct ctl_msg *req)
{
	ctl_msg_init(req);
	ctl_msg_add(req, "cmd", "switch");
	ctl_msg_add(req, "group", "rg1");
	ctl_msg_add(req, "node", "n1");
}

static void
test_socket_path(void)
{
	setenv("RGMD_SOCKET", "/tmp/x/rgmd.sock", 1);
	CU_ASSERT_STRING_EQUAL(cli_socket_path(), "/tmp/x/rgmd.sock");
	setenv("RGMD_SOCKET", "", 1);
	CU_ASSERT_STRING_EQUAL(cli_socket_path(), RGM_RUNDIR "/rgmd.sock");
	unsetenv("RGMD_SOCKET");
	CU_ASSERT_STRING_EQUAL(cli_socket_path(), RGM_RUNDIR "/rgmd.sock");
}

static void
test_connect_fails(void)
{
	char dir[] = "/tmp/cli-test.XXXXXX", path[128], err[512], lng[200];

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/none.sock", dir);
	CU_ASSERT_EQUAL(cli_connect(path, 1000, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, strerror(ENOENT)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "is rgmd running?"));
	rmdir(dir);
	memset(lng, 'a', sizeof(lng) - 1);
	lng[0] = '/';
	lng[sizeof(lng) - 1] = '\0';
	CU_ASSERT_EQUAL(cli_connect(lng, 1000, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "socket path longer than 107"));
}

static void
test_ok_reply(void)
{
	struct fake f = { .read_first = true,
	    .reply = "ok\nGroup rg1: Online on n1\nResource r1: Online\n" };
	struct capture c;
	struct ctl_msg req;

	simple_req(&req);
	CU_ASSERT_EQUAL(exchange(&req, &f, &c), CLI_EXIT_OK);
	CU_ASSERT_STRING_EQUAL(f.req, "cmd=switch\ngroup=rg1\nnode=n1\n");
	CU_ASSERT_STRING_EQUAL(c.obuf,
	    "Group rg1: Online on n1\nResource r1: Online\n");
	CU_ASSERT_STRING_EQUAL(c.ebuf, "");
	free_capture(&c);
	ctl_msg_free(&req);
}

static void
test_error_reply(void)
{
	struct fake f = { .read_first = true,
	    .reply = "error\ngroup 'rg1': no such resource group\n" };
	struct capture c;
	struct ctl_msg req;

	simple_req(&req);
	CU_ASSERT_EQUAL(exchange(&req, &f, &c), CLI_EXIT_FAIL);
	CU_ASSERT_STRING_EQUAL(c.obuf, "");
	CU_ASSERT_STRING_EQUAL(c.ebuf,
	    "group 'rg1': no such resource group\n");
	free_capture(&c);
	ctl_msg_free(&req);
}

/* Table: reply -> exit status, stdout, part of stderr. */
static void
test_reply_shapes(void)
{
	static const struct {
		const char *reply; int rc; const char *out, *err;
	} tab[] = {
		{ "ok", CLI_EXIT_OK, "", "" },
		{ "ok\n", CLI_EXIT_OK, "", "" },
		{ "ok\nno newline", CLI_EXIT_OK, "no newline\n", "" },
		{ "error", CLI_EXIT_FAIL, "", "scx: rgmd refused the request "
		  "without a reason" },
		{ "", CLI_EXIT_FAIL, "", "scx: rgmd closed the connection "
		  "without a reply" },
		{ "bogus\nok\n", CLI_EXIT_FAIL, "", "scx: malformed reply from "
		  "rgmd: first line 'bogus' is neither ok nor error" },
		{ "okay\n", CLI_EXIT_FAIL, "", "malformed reply" },
		/* the scha_err_t code of the refusal is the exit status */
		{ "error 13\nresource type T is already registered\n", 13, "",
		  "already registered\n" },
		{ "error 6\ndenied", 6, "", "denied\n" },
		{ "error 255\nx\n", 255, "", "x\n" },
		{ "error 256\nx\n", CLI_EXIT_FAIL, "", "malformed reply" },
		{ "error 0\nx\n", CLI_EXIT_FAIL, "", "malformed reply" },
		{ "error 013\nx\n", CLI_EXIT_FAIL, "", "malformed reply" },
		{ "error 1x\nx\n", CLI_EXIT_FAIL, "", "malformed reply" },
		{ "error \nx\n", CLI_EXIT_FAIL, "", "malformed reply" },
		{ "error  13\nx\n", CLI_EXIT_FAIL, "", "malformed reply" },
		{ "errors\nx\n", CLI_EXIT_FAIL, "", "malformed reply" },
	};
	struct ctl_msg req;

	simple_req(&req);
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		struct fake f = { .read_first = true, .reply = tab[i].reply };
		struct capture c;

		CU_ASSERT_EQUAL(exchange(&req, &f, &c), tab[i].rc);
		CU_ASSERT_STRING_EQUAL(c.obuf, tab[i].out);
		CU_ASSERT_PTR_NOT_NULL(strstr(c.ebuf, tab[i].err));
		free_capture(&c);
	}
	ctl_msg_free(&req);
}

/*
 * rgmd answering and closing after reading only part of the request:
 * Linux then reports ECONNRESET after the reply's last byte instead of
 * end of file. The reply wins.
 */
static void
test_reset_after_reply(void)
{
	struct fake f = { .read_some = 4, .reply = "error\nmalformed\n" };
	struct capture c;
	struct ctl_msg req;

	simple_req(&req);
	CU_ASSERT_EQUAL(exchange(&req, &f, &c), CLI_EXIT_FAIL);
	CU_ASSERT_STRING_EQUAL(c.ebuf, "malformed\n");
	free_capture(&c);
	ctl_msg_free(&req);
}

/* rgmd answering and closing before reading it all: the reply wins. */
static void
test_early_close(void)
{
	struct fake f = { .read_first = false,
	    .reply = "error\nrequest too large\n" };
	struct capture c;
	struct ctl_msg req;
	char *big = malloc(60000);

	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, 'v', 59999);
	big[59999] = '\0';
	ctl_msg_init(&req);
	for (int i = 0; i < 8; i++)
		ctl_msg_add(&req, "y", big);
	CU_ASSERT_EQUAL(exchange(&req, &f, &c), CLI_EXIT_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.ebuf, "request too large"));
	free_capture(&c);
	ctl_msg_free(&req);
	free(big);
}


static void
read_req(struct ctl_msg *req)
{
	ctl_msg_init(req);
	ctl_msg_add(req, "cmd", "status");
}

/* $RGMD_TIMEOUT, else 30 s for a read and 600 s for a change. */
static void
test_timeout_setting(void)
{
	static const char *const bad[] = { "abc", "0", "-1", "5s", "1e9",
		"nan", "0.0001" };
	struct ctl_msg rd, ch;
	char err[256];

	read_req(&rd);
	simple_req(&ch);
	unsetenv("RGMD_TIMEOUT");
	CU_ASSERT_EQUAL(cli_timeout_ms(&rd, err, sizeof(err)), 30000);
	CU_ASSERT_EQUAL(cli_timeout_ms(&ch, err, sizeof(err)), 600000);
	setenv("RGMD_TIMEOUT", "2", 1);
	CU_ASSERT_EQUAL(cli_timeout_ms(&rd, err, sizeof(err)), 2000);
	CU_ASSERT_EQUAL(cli_timeout_ms(&ch, err, sizeof(err)), 2000);
	setenv("RGMD_TIMEOUT", "0.25", 1);
	CU_ASSERT_EQUAL(cli_timeout_ms(&rd, err, sizeof(err)), 250);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("RGMD_TIMEOUT", bad[i], 1);
		err[0] = '\0';
		CU_ASSERT_EQUAL(cli_timeout_ms(&rd, err, sizeof(err)), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "RGMD_TIMEOUT="));
		CU_ASSERT_PTR_NOT_NULL(strstr(err, bad[i]));
	}
	unsetenv("RGMD_TIMEOUT");
	ctl_msg_free(&rd);
	ctl_msg_free(&ch);
}

/* rgmd reads the request and never answers: a clear message, exit 21. */
static void
test_no_answer(void)
{
	struct fake f = { .read_first = true, .hold = true };
	struct capture c;
	struct ctl_msg rd, ch;

	read_req(&rd);
	CU_ASSERT_EQUAL(exchange_ms(&rd, &f, &c, 200), SCHA_ERR_TIMEOUT);
	CU_ASSERT_STRING_EQUAL(f.req, "cmd=status\n");
	CU_ASSERT_STRING_EQUAL(c.obuf, "");
	CU_ASSERT_PTR_NOT_NULL(strstr(c.ebuf, "scx: no reply from rgmd "
	    "within 0.2 s (RGMD_TIMEOUT): it is overloaded or hung"));
	free_capture(&c);
	simple_req(&ch);
	CU_ASSERT_EQUAL(exchange_ms(&ch, &f, &c, 200), SCHA_ERR_TIMEOUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.ebuf, "scx: no reply from rgmd "
	    "within 0.2 s"));
	CU_ASSERT_PTR_NOT_NULL(strstr(c.ebuf, "the change may or may not "
	    "have been applied"));
	CU_ASSERT_PTR_NOT_NULL(strstr(c.ebuf, "scstat -g"));
	free_capture(&c);
	ctl_msg_free(&rd);
	ctl_msg_free(&ch);
}

/* rgmd gone after reading the request: a change may have been applied. */
static void
test_closed_without_reply(void)
{
	struct fake f = { .read_first = true, .reply = "" };
	struct capture c;
	struct ctl_msg rd, ch;

	simple_req(&ch);
	CU_ASSERT_EQUAL(exchange(&ch, &f, &c), CLI_EXIT_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.ebuf, "rgmd closed the connection "
	    "without a reply (did it stop or crash?): the change may or may "
	    "not have been applied; check with 'scstat -g' and "
	    "'scrgadm -pv'"));
	free_capture(&c);
	read_req(&rd);
	CU_ASSERT_EQUAL(exchange(&rd, &f, &c), CLI_EXIT_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(c.ebuf, "without a reply (did it stop "
	    "or crash?); nothing was changed"));
	CU_ASSERT_PTR_NULL(strstr(c.ebuf, "may or may not"));
	free_capture(&c);
	ctl_msg_free(&rd);
	ctl_msg_free(&ch);
}

/* A listen queue that stays full: connect gives up at the timeout. */
static void
test_connect_timeout(void)
{
	char dir[] = "/tmp/cli-test.XXXXXX", path[128], err[512];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int lfd, first, fd;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/full.sock", dir);
	memcpy(sa.sun_path, path, strlen(path) + 1);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	CU_ASSERT_FATAL(lfd != -1);
	CU_ASSERT_FATAL(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	CU_ASSERT_FATAL(listen(lfd, 0) == 0);
	/* Never accepted: it fills the queue of one. */
	first = cli_connect(path, 1000, err, sizeof(err));
	CU_ASSERT(first != -1);
	fd = cli_connect(path, 200, err, sizeof(err));
	CU_ASSERT_EQUAL(fd, -1);
	CU_ASSERT_EQUAL(errno, ETIMEDOUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "did not take the connection "
	    "within 0.2 s (RGMD_TIMEOUT)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
	if (fd != -1)
		close(fd);
	if (first != -1)
		close(first);
	close(lfd);
	unlink(path);
	rmdir(dir);
}

static int
listen_at(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (strlen(path) >= sizeof(sa.sun_path)) {
		if (fd != -1)
			close(fd);
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	if (fd == -1 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(fd, 4) == -1) {
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

/* cli_main: usage errors exit 2 and never connect; ok 0; refused 18. */
static void
test_main(void)
{
	static const struct cli_prog prog = {
		"scswitch", cli_parse_scswitch, "usage: test\n"
	};
	const char *bad[] = { "scswitch", "-z", NULL };
	const char *good[] = { "scswitch", "-z", "-g", "rg1", NULL };
	char dir[] = "/tmp/cli-test.XXXXXX", path[128];
	struct fake f = { .accept = true, .read_first = true,
	    .reply = "error\nnot allowed\n" };
	pthread_t t;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/rgmd.sock", dir);
	setenv("RGMD_SOCKET", path, 1);
	CU_ASSERT_EQUAL(cli_main(&prog, 4, (char **)good), CLI_EXIT_FAIL);
	f.fd = listen_at(path);
	CU_ASSERT_FATAL(f.fd != -1);
	CU_ASSERT_EQUAL(cli_main(&prog, 2, (char **)bad), CLI_EXIT_USAGE);
	CU_ASSERT_EQUAL(poll(&(struct pollfd){ .fd = f.fd, .events = POLLIN },
	    1, 0), 0);
	pthread_create(&t, NULL, fake_rgmd, &f);
	CU_ASSERT_EQUAL(cli_main(&prog, 4, (char **)good), CLI_EXIT_FAIL);
	pthread_join(t, NULL);
	CU_ASSERT_STRING_EQUAL(f.req, "cmd=switch\ngroup=rg1\n");
	f.reply = "ok\n";
	pthread_create(&t, NULL, fake_rgmd, &f);
	CU_ASSERT_EQUAL(cli_main(&prog, 4, (char **)good), CLI_EXIT_OK);
	pthread_join(t, NULL);
	/* Accepts, never answers: RGMD_TIMEOUT ends the wait, exit 21. */
	f.hold = true;
	setenv("RGMD_TIMEOUT", "0.2", 1);
	pthread_create(&t, NULL, fake_rgmd, &f);
	CU_ASSERT_EQUAL(cli_main(&prog, 4, (char **)good), SCHA_ERR_TIMEOUT);
	pthread_join(t, NULL);
	/* A bad RGMD_TIMEOUT is a usage error: rgmd is not contacted. */
	setenv("RGMD_TIMEOUT", "soon", 1);
	CU_ASSERT_EQUAL(cli_main(&prog, 4, (char **)good), CLI_EXIT_USAGE);
	CU_ASSERT_EQUAL(poll(&(struct pollfd){ .fd = f.fd, .events = POLLIN },
	    1, 0), 0);
	unsetenv("RGMD_TIMEOUT");
	close(f.fd);
	unlink(path);
	rmdir(dir);
	unsetenv("RGMD_SOCKET");
}

int
test_client_register(void)
{
	CU_pSuite s = CU_add_suite("client", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "socket path", test_socket_path) == NULL ||
	    CU_add_test(s, "connect fails", test_connect_fails) == NULL ||
	    CU_add_test(s, "ok reply", test_ok_reply) == NULL ||
	    CU_add_test(s, "error reply", test_error_reply) == NULL ||
	    CU_add_test(s, "reply shapes", test_reply_shapes) == NULL ||
	    CU_add_test(s, "early close", test_early_close) == NULL ||
	    CU_add_test(s, "reset after reply", test_reset_after_reply) ==
	    NULL ||
	    CU_add_test(s, "timeout setting", test_timeout_setting) == NULL ||
	    CU_add_test(s, "no answer: timeout", test_no_answer) == NULL ||
	    CU_add_test(s, "closed without a reply",
	    test_closed_without_reply) == NULL ||
	    CU_add_test(s, "connect timeout", test_connect_timeout) == NULL ||
	    CU_add_test(s, "cli_main", test_main) == NULL)
		return -1;
	return 0;
}
