/* SPDX-License-Identifier: MIT */
/*
 * test_chan.c - CUnit suite for the rgmd channel calls of libdsdl
 * (chan.c, pmf.c, fm.c) against a fake rgmd end: a SOCK_SEQPACKET
 * socketpair in this process. The test queues rgmd's reply first, makes
 * the call, then checks the exact request text the library sent and how
 * it read the reply: ok=1 values, ok=0 with its reason and errno,
 * malformed replies (EPROTO), no channel or a closed one (ENOTCONN), bad
 * arguments (EINVAL, nothing sent). Also: creating a handle marks fd 4
 * close-on-exec.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "dsdl_impl.h"
#include "tu.h"

static const char *ctx =
    "method = \"probe\"; timeout = 10; node = \"node1\";\n"
    "state_dir = \"/tmp/dsdl-chan-test\"; resource = \"web\";\n"
    "group = \"web-rg\"; type = \"SUNW.gds\";\n";

static struct dsdl *h;
static int rgmd_end = -1;	/* the fake rgmd's end of the pair */

static int
chan_init(void)
{
	char err[256];
	int sv[2];

	h = dsdl_open_text(ctx, NULL, err, sizeof(err));
	if (h == NULL ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	dsdl_set_channel(h, sv[0]);
	rgmd_end = sv[1];
	return 0;
}

static int
chan_clean(void)
{
	if (h != NULL && h->chan_fd >= 0)
		(void)close(h->chan_fd);
	if (rgmd_end >= 0)
		(void)close(rgmd_end);
	dsdl_close(h);
	return 0;
}

/* Queue rgmd's reply (one datagram) before the call. */
static void
reply(const char *text)
{
	CU_ASSERT_EQUAL(send(rgmd_end, text, strlen(text), 0),
	    (ssize_t)strlen(text));
}

/* The request the library sent must be exactly want; none if NULL. */
static void
expect_request(const char *want)
{
	char buf[4096];
	ssize_t n = recv(rgmd_end, buf, sizeof(buf) - 1, MSG_DONTWAIT);

	if (want == NULL) {
		CU_ASSERT_EQUAL(n, -1);
		return;
	}
	CU_ASSERT_FATAL(n > 0);
	buf[n] = '\0';
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "\n  request: [%s]\n  wanted:  [%s]\n", buf,
		    want);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

/* Drain a reply the library did not read (after EINVAL). */
static void
drain(void)
{
	char buf[4096];

	while (recv(h->chan_fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
}

static void
test_pmf_start(void)
{
	reply("ok=1\npid=4242\n");
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_SVC, 0,
	    "exec sleep 100", -1), 0);
	expect_request("cmd=pmf-start\nkind=svc\ninstance=0\n"
	    "command=exec sleep 100\nchild_mon_level=-1\n");
	reply("ok=0\nreason=already running\n");
	errno = 0;
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_MON, 3, "x", 0), -1);
	CU_ASSERT_EQUAL(errno, EALREADY);
	expect_request("cmd=pmf-start\nkind=mon\ninstance=3\ncommand=x\n"
	    "child_mon_level=0\n");
	reply("ok=0\nreason=cannot start: Resource temporarily unavailable\n");
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_SVC, 0, "x", 0), -1);
	CU_ASSERT_EQUAL(errno, EPERM);
	expect_request("cmd=pmf-start\nkind=svc\ninstance=0\ncommand=x\n"
	    "child_mon_level=0\n");
	reply("ok=1\n");	/* no pid: malformed */
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_OTHER, 1, "x", 2), -1);
	CU_ASSERT_EQUAL(errno, EPROTO);
	expect_request("cmd=pmf-start\nkind=other\ninstance=1\ncommand=x\n"
	    "child_mon_level=2\n");
	reply("ok=1\npid=12x\n");
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_SVC, 0, "x", 0), -1);
	CU_ASSERT_EQUAL(errno, EPROTO);
	expect_request("cmd=pmf-start\nkind=svc\ninstance=0\ncommand=x\n"
	    "child_mon_level=0\n");
}

static void
test_pmf_start_einval(void)
{
	reply("ok=1\npid=1\n");	/* must stay unread */
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_SVC, 0, "a\nb", 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_SVC, -1, "a", 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, (enum dsdl_pmf_kind)7, 0, "a", 0),
	    -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_SVC, 0, "", 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_pmf_start(h, DSDL_PMF_SVC, 0, "a", -2), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, 0, 100), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, 15, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_pmf_signal(h, DSDL_PMF_SVC, 0, 999), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_pmf_signal(h, DSDL_PMF_SVC, 0, 0), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	expect_request(NULL);	/* nothing was sent */
	drain();
}

static void
test_pmf_stop_signal(void)
{
	reply("ok=1\n");
	CU_ASSERT_EQUAL(dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, SIGTERM, 8000), 0);
	expect_request("cmd=pmf-stop\nkind=svc\ninstance=0\nsignal=15\n"
	    "timeout_ms=8000\n");
	reply("ok=0\nreason=processes remain after SIGKILL\n");
	CU_ASSERT_EQUAL(dsdl_pmf_stop(h, DSDL_PMF_SVC, 0, 9, 100), -1);
	CU_ASSERT_EQUAL(errno, EBUSY);
	expect_request("cmd=pmf-stop\nkind=svc\ninstance=0\nsignal=9\n"
	    "timeout_ms=100\n");
	reply("ok=1\n");
	CU_ASSERT_EQUAL(dsdl_pmf_signal(h, DSDL_PMF_MON, 2, SIGHUP), 0);
	expect_request("cmd=pmf-signal\nkind=mon\ninstance=2\nsignal=1\n");
	reply("ok=0\nreason=web.svc.0 is not running\n");
	CU_ASSERT_EQUAL(dsdl_pmf_signal(h, DSDL_PMF_SVC, 0, SIGKILL), -1);
	CU_ASSERT_EQUAL(errno, ESRCH);
	expect_request("cmd=pmf-signal\nkind=svc\ninstance=0\nsignal=9\n");
}

static void
test_pmf_status(void)
{
	struct dsdl_pmf_info info;
	bool running = false;
	int pid = 0;

	reply("ok=1\nstate=running\npid=77\nrestarts=2\n");
	CU_ASSERT_EQUAL(dsdl_pmf_status(h, DSDL_PMF_SVC, 0, &running, &pid),
	    0);
	CU_ASSERT_TRUE(running);
	CU_ASSERT_EQUAL(pid, 77);
	expect_request("cmd=pmf-status\nkind=svc\ninstance=0\n");
	reply("ok=1\nstate=running\npid=77\nrestarts=2\n");
	CU_ASSERT_EQUAL(dsdl_pmf_info(h, DSDL_PMF_SVC, 1, &info), 0);
	CU_ASSERT_EQUAL(info.restarts, 2);
	expect_request("cmd=pmf-status\nkind=svc\ninstance=1\n");
	reply("ok=1\nstate=stopped\npid=0\nrestarts=0\n");
	CU_ASSERT_EQUAL(dsdl_pmf_status(h, DSDL_PMF_SVC, 0, &running, &pid),
	    0);
	CU_ASSERT_FALSE(running);
	CU_ASSERT_EQUAL(pid, 0);
	expect_request("cmd=pmf-status\nkind=svc\ninstance=0\n");
	reply("ok=1\nstate=zombie\n");
	CU_ASSERT_EQUAL(dsdl_pmf_status(h, DSDL_PMF_SVC, 0, &running, &pid),
	    -1);
	CU_ASSERT_EQUAL(errno, EPROTO);
	expect_request("cmd=pmf-status\nkind=svc\ninstance=0\n");
	reply("ok=1\nstate=running\nrestarts=-1\n");
	CU_ASSERT_EQUAL(dsdl_pmf_info(h, DSDL_PMF_SVC, 0, &info), -1);
	CU_ASSERT_EQUAL(errno, EPROTO);
	expect_request("cmd=pmf-status\nkind=svc\ninstance=0\n");
}

static void
test_set_status(void)
{
	reply("ok=1\n");
	CU_ASSERT_EQUAL(dsdl_set_status(h, DSDL_STATUS_DEGRADED,
	    "slow\nanswers"), 0);
	expect_request("cmd=set-status\nstatus=DEGRADED\nmsg=slow answers\n");
	reply("ok=1\n");
	CU_ASSERT_EQUAL(dsdl_set_status(h, DSDL_STATUS_OFFLINE, NULL), 0);
	expect_request("cmd=set-status\nstatus=OFFLINE\nmsg=\n");
	CU_ASSERT_EQUAL(dsdl_set_status(h, (enum dsdl_status)9, "x"), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	expect_request(NULL);
}

static void
test_fm_action(void)
{
	static const struct {
		const char		*action;
		enum dsdl_fm_decision	 d;
	} cases[] = {
		{ "none", DSDL_FM_NONE }, { "restart", DSDL_FM_RESTART },
		{ "giveover", DSDL_FM_GIVEOVER }, { "logged", DSDL_FM_LOGGED },
	};
	enum dsdl_fm_decision d;
	char text[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		(void)snprintf(text, sizeof(text), "ok=1\naction=%s\n",
		    cases[i].action);
		reply(text);
		d = (enum dsdl_fm_decision)-1;
		CU_ASSERT_EQUAL(dsdl_fm_action(h, 100, 1234, &d), 0);
		CU_ASSERT_EQUAL(d, cases[i].d);
		expect_request("cmd=fm-action\nstatus=100\nelapsed_ms=1234\n");
	}
	reply("ok=1\naction=panic\n");
	CU_ASSERT_EQUAL(dsdl_fm_action(h, 201, 0, &d), -1);
	CU_ASSERT_EQUAL(errno, EPROTO);
	expect_request("cmd=fm-action\nstatus=201\nelapsed_ms=0\n");
	CU_ASSERT_EQUAL(dsdl_fm_action(h, 101, 0, &d), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(dsdl_fm_action(h, -1, 0, &d), -1);
	CU_ASSERT_EQUAL(dsdl_fm_action(h, 50, -5, &d), -1);
	expect_request(NULL);
}

static void
test_request(void)
{
	static const char *const tags[] = {
		"RESTART", "RESOURCE_RESTART", "GIVEOVER", "CHECK_RESTART",
		"CHECK_GIVEOVER",
	};
	char reason[64], want[64], small[8];
	int i;

	for (i = 0; i < 5; i++) {
		reply("ok=1\n");
		CU_ASSERT_EQUAL(dsdl_request(h, (enum dsdl_control)i, reason,
		    sizeof(reason)), 0);
		(void)snprintf(want, sizeof(want), "cmd=control\ntag=%s\n",
		    tags[i]);
		expect_request(want);
	}
	reply("ok=0\nreason=Failover_mode is RESTART_ONLY\n");
	CU_ASSERT_EQUAL(dsdl_request(h, DSDL_GIVEOVER, reason,
	    sizeof(reason)), -1);
	CU_ASSERT_EQUAL(errno, EPERM);
	CU_ASSERT_STRING_EQUAL(reason, "Failover_mode is RESTART_ONLY");
	expect_request("cmd=control\ntag=GIVEOVER\n");
	reply("ok=0\nreason=Pingpong_interval\n");	/* truncated reason */
	CU_ASSERT_EQUAL(dsdl_request(h, DSDL_RESTART, small, sizeof(small)),
	    -1);
	CU_ASSERT_STRING_EQUAL(small, "Pingpon");
	expect_request("cmd=control\ntag=RESTART\n");
	reply("ok=0\n");
	CU_ASSERT_EQUAL(dsdl_request(h, DSDL_RESTART, NULL, 0), -1);
	CU_ASSERT_EQUAL(errno, EPERM);
	expect_request("cmd=control\ntag=RESTART\n");
}

/* Replies that are not ok=0/1 key=value text give EPROTO. */
static void
test_malformed(void)
{
	static const char *const bad[] = {
		"garbage", "ok=2\n", "status=1\nok=1\n", "OK=1\n",
		"ok=1\nno equals sign\n",
	};
	char big[DSDL_CHAN_MAX + 16];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		reply(bad[i]);
		errno = 0;
		CU_ASSERT_EQUAL(dsdl_set_status(h, DSDL_STATUS_OK, "x"), -1);
		CU_ASSERT_EQUAL(errno, EPROTO);
		expect_request("cmd=set-status\nstatus=OK\nmsg=x\n");
	}
	/* an empty datagram */
	CU_ASSERT_EQUAL(send(rgmd_end, "", 0, 0), 0);
	CU_ASSERT_EQUAL(dsdl_set_status(h, DSDL_STATUS_OK, "x"), -1);
	CU_ASSERT_TRUE(errno == EPROTO || errno == ENOTCONN);
	expect_request("cmd=set-status\nstatus=OK\nmsg=x\n");
	/* a reply over the size limit */
	memset(big, 'a', sizeof(big));
	memcpy(big, "ok=1\nx=", 7);
	CU_ASSERT_EQUAL(send(rgmd_end, big, sizeof(big), 0),
	    (ssize_t)sizeof(big));
	CU_ASSERT_EQUAL(dsdl_set_status(h, DSDL_STATUS_OK, "x"), -1);
	CU_ASSERT_EQUAL(errno, EPROTO);
	expect_request("cmd=set-status\nstatus=OK\nmsg=x\n");
}

static void
test_no_channel(void)
{
	char err[256];
	struct dsdl *h2 = dsdl_open_text(ctx, NULL, err, sizeof(err));
	int sv[2], fd;
	bool running;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h2);
	dsdl_set_channel(h2, -1);
	CU_ASSERT_EQUAL(dsdl_pmf_status(h2, DSDL_PMF_SVC, 0, &running, NULL),
	    -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	/* A fd that is not a socket (a runner started by hand). */
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	dsdl_set_channel(h2, fd);
	CU_ASSERT_EQUAL(dsdl_request(h2, DSDL_RESTART, NULL, 0), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	CU_ASSERT_EQUAL(dsdl_set_status(h2, DSDL_STATUS_OK, ""), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	(void)close(fd);
	/* rgmd closed its end. */
	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_SEQPACKET |
	    SOCK_CLOEXEC, 0, sv), 0);
	(void)close(sv[1]);
	dsdl_set_channel(h2, sv[0]);
	CU_ASSERT_EQUAL(dsdl_fm_action(h2, 0, 1, NULL), -1);
	CU_ASSERT_EQUAL(errno, ENOTCONN);
	(void)close(sv[0]);
	dsdl_close(h2);
}

/* A handle marks fd 4 close-on-exec as soon as it is created. */
static void
test_cloexec(void)
{
	int sv[2], saved, fl;
	char err[256];
	struct dsdl *h2;

	CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	saved = fcntl(DSDL_CHAN_FD, F_DUPFD_CLOEXEC, 10);	/* may be -1 */
	CU_ASSERT_EQUAL_FATAL(dup2(sv[0], DSDL_CHAN_FD), DSDL_CHAN_FD);
	fl = fcntl(DSDL_CHAN_FD, F_GETFD);
	CU_ASSERT_FALSE(fl & FD_CLOEXEC);	/* as rgmd hands it over */
	h2 = dsdl_open_text(ctx, NULL, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL(h2);
	fl = fcntl(DSDL_CHAN_FD, F_GETFD);
	CU_ASSERT_TRUE(fl != -1 && (fl & FD_CLOEXEC));
	/* ...and it is the channel: a request goes through it. */
	CU_ASSERT_EQUAL(send(sv[1], "ok=1\n", 5, 0), 5);
	CU_ASSERT_EQUAL(dsdl_set_status(h2, DSDL_STATUS_OK, "up"), 0);
	dsdl_close(h2);
	if (saved >= 0) {
		(void)dup2(saved, DSDL_CHAN_FD);
		(void)close(saved);
	} else {
		(void)close(DSDL_CHAN_FD);
	}
	(void)close(sv[0]);
	(void)close(sv[1]);
}

int
test_chan_register(void)
{
	CU_pSuite s = CU_add_suite("rgmd channel", chan_init, chan_clean);

	if (s == NULL ||
	    CU_add_test(s, "pmf start", test_pmf_start) == NULL ||
	    CU_add_test(s, "bad arguments send nothing",
	    test_pmf_start_einval) == NULL ||
	    CU_add_test(s, "pmf stop and signal", test_pmf_stop_signal) == NULL ||
	    CU_add_test(s, "pmf status", test_pmf_status) == NULL ||
	    CU_add_test(s, "set status", test_set_status) == NULL ||
	    CU_add_test(s, "fm action", test_fm_action) == NULL ||
	    CU_add_test(s, "control requests", test_request) == NULL ||
	    CU_add_test(s, "malformed replies", test_malformed) == NULL ||
	    CU_add_test(s, "no channel", test_no_channel) == NULL ||
	    CU_add_test(s, "fd 4 close-on-exec", test_cloexec) == NULL)
		return -1;
	return 0;
}
