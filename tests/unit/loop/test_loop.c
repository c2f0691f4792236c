// SPDX-License-Identifier: MIT
/*
 * test_loop.c - suite "loop" (rgmd/loop.c): the event loop with real
 * eventfds. A watch removed by a callback gets no event of the same round,
 * even when a watch added in that round could take its place in memory;
 * a callback may remove its own watch; loop_mod_fd pauses and resumes a
 * watch; timers run in deadline order, a cancelled one never runs, and a
 * timer may cancel another due in the same round; loop_stop ends
 * loop_run.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "loop.h"
#include "tu.h"

static int
loop_suite_init(void)
{
	return loop_init();
}

static int
loop_suite_clean(void)
{
	loop_fini();
	return 0;
}

/* A readable eventfd (count 1), or a quiet one (count 0). */
static int
efd(bool readable)
{
	return eventfd(readable ? 1 : 0, EFD_NONBLOCK | EFD_CLOEXEC);
}

struct pair {
	int	 a, b;		/* both readable */
	int	 calls_a, calls_b, calls_c;
	int	 c;		/* added in the round, never readable */
	uint32_t c_events;
};

static struct pair P;

static void
on_c(int fd, uint32_t events, void *arg)
{
	(void)fd;
	(void)arg;
	P.calls_c++;
	P.c_events = events;
}

/*
 * Whichever of a and b comes first removes the other, closes it and
 * watches a new quiet fd c: with malloc's last-in-first-out reuse, c's
 * watch gets the address of the removed one, whose event is still in the
 * round's list.
 */
static void
on_ab(int fd, uint32_t events, void *arg)
{
	int other = fd == P.a ? P.b : P.a;

	(void)events;
	(void)arg;
	if (fd == P.a)
		P.calls_a++;
	else
		P.calls_b++;
	if (P.c != -1)
		return;
	loop_del_fd(other);
	close(other);
	P.c = efd(false);
	CU_ASSERT_FATAL(P.c != -1);
	CU_ASSERT_EQUAL(loop_add_fd(P.c, EPOLLIN, on_c, NULL), 0);
	if (other == P.a)
		P.a = -1;
	else
		P.b = -1;
}

static void
test_removed_gets_nothing(void)
{
	P = (struct pair){ .a = efd(true), .b = efd(true), .c = -1 };
	CU_ASSERT_FATAL(P.a != -1 && P.b != -1);
	CU_ASSERT_EQUAL(loop_add_fd(P.a, EPOLLIN, on_ab, NULL), 0);
	CU_ASSERT_EQUAL(loop_add_fd(P.b, EPOLLIN, on_ab, NULL), 0);
	/* Both are ready: one round returns both events. */
	CU_ASSERT_EQUAL(loop_run_once(1000), 2);
	CU_ASSERT_EQUAL(P.calls_a + P.calls_b, 1);
	CU_ASSERT_EQUAL(P.calls_c, 0);
	/* Next round: c is quiet, the survivor is still readable. */
	CU_ASSERT_EQUAL(loop_run_once(0), 1);
	CU_ASSERT_EQUAL(P.calls_a + P.calls_b, 2);
	CU_ASSERT_EQUAL(P.calls_c, 0);
	for (int *fd = &P.a; fd <= &P.b; fd++)
		if (*fd != -1) {
			loop_del_fd(*fd);
			close(*fd);
		}
	loop_del_fd(P.c);
	close(P.c);
}

static int self_calls;

static void
on_self(int fd, uint32_t events, void *arg)
{
	(void)events;
	(void)arg;
	self_calls++;
	loop_del_fd(fd);
}

/* A callback removes its own watch; the fd stays readable but is quiet. */
static void
test_remove_self(void)
{
	int fd = efd(true);

	self_calls = 0;
	CU_ASSERT_EQUAL_FATAL(loop_add_fd(fd, EPOLLIN, on_self, NULL), 0);
	CU_ASSERT_EQUAL(loop_run_once(1000), 1);
	CU_ASSERT_EQUAL(loop_run_once(0), 0);
	CU_ASSERT_EQUAL(self_calls, 1);
	close(fd);
}

static int mod_calls;

static void
on_mod(int fd, uint32_t events, void *arg)
{
	(void)fd;
	(void)events;
	(void)arg;
	mod_calls++;
}

static void
test_mod(void)
{
	int fd = efd(true);

	mod_calls = 0;
	CU_ASSERT_EQUAL_FATAL(loop_add_fd(fd, EPOLLIN, on_mod, NULL), 0);
	CU_ASSERT_EQUAL(loop_mod_fd(fd, 0), 0);
	CU_ASSERT_EQUAL(loop_run_once(0), 0);
	CU_ASSERT_EQUAL(mod_calls, 0);
	CU_ASSERT_EQUAL(loop_mod_fd(fd, EPOLLIN), 0);
	CU_ASSERT_EQUAL(loop_run_once(1000), 1);
	CU_ASSERT_EQUAL(mod_calls, 1);
	loop_del_fd(fd);
	CU_ASSERT_EQUAL(loop_mod_fd(fd, EPOLLIN), -1);
	close(fd);
}

static char order[8];
static size_t norder;
static struct loop_timer *victim;

static void
on_timer(void *arg)
{
	if (norder < sizeof(order) - 1)
		order[norder++] = *(const char *)arg;
}

static void
on_cancel_victim(void *arg)
{
	on_timer(arg);
	loop_timer_cancel(victim);
	victim = NULL;
}

static void
on_stop(void *arg)
{
	on_timer(arg);
	loop_stop();
}

/* Timers run by deadline; a cancelled one never; loop_stop ends the run. */
static void
test_timers(void)
{
	struct loop_timer *x;

	norder = 0;
	CU_ASSERT_PTR_NOT_NULL(loop_timer_add(30, on_timer, "c"));
	CU_ASSERT_PTR_NOT_NULL(loop_timer_add(0, on_timer, "a"));
	CU_ASSERT_PTR_NOT_NULL(loop_timer_add(10, on_cancel_victim, "b"));
	/* Due in the same round as b, after it: b cancels it. */
	victim = loop_timer_add(10, on_timer, "X");
	x = loop_timer_add(20, on_timer, "Y");
	loop_timer_cancel(x);
	CU_ASSERT_PTR_NOT_NULL(loop_timer_add(40, on_stop, "d"));
	CU_ASSERT_EQUAL(loop_run(), 0);
	order[norder] = '\0';
	CU_ASSERT_STRING_EQUAL(order, "abcd");
	CU_ASSERT_PTR_NULL(victim);
}

static const struct tu_test loop_tests[] = {
	{ "a watch removed in a round gets no event of it",
	    test_removed_gets_nothing },
	{ "a callback may remove its own watch", test_remove_self },
	{ "loop_mod_fd pauses and resumes a watch", test_mod },
	{ "timers: order, cancel, cancel from a timer, stop", test_timers },
	{ NULL, NULL },
};

int
tu_suite_loop(void)
{
	return tu_add_suite("loop", loop_suite_init, loop_suite_clean,
	    loop_tests);
}
