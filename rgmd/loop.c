// SPDX-License-Identifier: MIT
/*
 * loop.c - the event loop of rgmd: one epoll set and a sorted list of
 * timers. Callbacks run one at a time in the main thread; there are no
 * other threads. Timers are few (one per running method, one for the
 * control socket's clients), so a sorted linked list is enough.
 *
 * A round is one epoll_wait and the dispatch of the events it returned,
 * then the timers that are due. A callback may remove any watch, its own
 * or another whose event is still to come in the same round. Such a watch
 * is disarmed at once (no callback) but freed only when the round is
 * over: freeing it at once would let a watch added later in the round
 * get the same address, and the pending event of the old one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "loop.h"

static void (*before_sleep)(void *arg);
static void *before_sleep_arg;

struct loop_watch {
	int		 fd;
	loop_fd_cb	 cb;		/* NULL once removed */
	void		*arg;
	struct loop_watch *next;
};

struct loop_timer {
	uint64_t	 deadline;
	loop_timer_cb	 cb;
	void		*arg;
	struct loop_timer *next;
};

#define LOOP_MAX_EVENTS 64

static int epfd = -1;
static bool running;			/* loop_run goes on */
static bool in_round;			/* dispatching: defer frees */
static struct loop_watch *watches;	/* live */
static struct loop_watch *removed;	/* freed at the end of the round */
static struct loop_timer *timers;	/* by deadline */

uint64_t
loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int
loop_init(void)
{
	epfd = epoll_create1(EPOLL_CLOEXEC);
	return epfd == -1 ? -1 : 0;
}

static void
free_removed(void)
{
	while (removed != NULL) {
		struct loop_watch *w = removed;

		removed = w->next;
		free(w);
	}
}

void
loop_fini(void)
{
	while (watches != NULL) {
		struct loop_watch *w = watches;

		watches = w->next;
		free(w);
	}
	free_removed();
	while (timers != NULL) {
		struct loop_timer *t = timers;

		timers = t->next;
		free(t);
	}
	if (epfd != -1)
		close(epfd);
	epfd = -1;
	running = false;
	in_round = false;
}

static struct loop_watch *
find_watch(int fd)
{
	for (struct loop_watch *w = watches; w; w = w->next)
		if (w->fd == fd)
			return w;
	return NULL;
}

int
loop_add_fd(int fd, uint32_t events, loop_fd_cb cb, void *arg)
{
	struct loop_watch *w = calloc(1, sizeof(*w));
	struct epoll_event ev = { .events = events, .data.ptr = w };

	if (w == NULL)
		return -1;
	w->fd = fd;
	w->cb = cb;
	w->arg = arg;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) == -1) {
		free(w);
		return -1;
	}
	w->next = watches;
	watches = w;
	return 0;
}

int
loop_mod_fd(int fd, uint32_t events)
{
	struct loop_watch *w = find_watch(fd);
	struct epoll_event ev = { .events = events };

	if (w == NULL) {
		errno = ENOENT;
		return -1;
	}
	ev.data.ptr = w;
	return epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
}

void
loop_del_fd(int fd)
{
	for (struct loop_watch **p = &watches; *p; p = &(*p)->next) {
		struct loop_watch *w = *p;

		if (w->fd != fd)
			continue;
		epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
		*p = w->next;
		/* An event for w may be pending in this round: disarm it,
		 * and keep the memory until the round is over. */
		w->cb = NULL;
		w->fd = -1;
		w->next = removed;
		removed = w;
		if (!in_round)
			free_removed();
		return;
	}
}

struct loop_timer *
loop_timer_add(uint64_t ms, loop_timer_cb cb, void *arg)
{
	struct loop_timer *t = calloc(1, sizeof(*t)), **p;

	if (t == NULL)
		return NULL;
	t->deadline = loop_now_ms() + ms;
	t->cb = cb;
	t->arg = arg;
	for (p = &timers; *p && (*p)->deadline <= t->deadline; p = &(*p)->next)
		;
	t->next = *p;
	*p = t;
	return t;
}

void
loop_timer_cancel(struct loop_timer *t)
{
	for (struct loop_timer **p = &timers; *p; p = &(*p)->next)
		if (*p == t) {
			*p = t->next;
			free(t);
			return;
		}
}

static void
run_timers(void)
{
	uint64_t now = loop_now_ms();

	while (timers && timers->deadline <= now) {
		struct loop_timer *t = timers;

		timers = t->next;
		t->cb(t->arg);
		free(t);
	}
}

/* Milliseconds until the first timer, -1 for none. */
static int
next_timeout(void)
{
	uint64_t now;

	if (timers == NULL)
		return -1;
	now = loop_now_ms();
	if (timers->deadline <= now)
		return 0;
	return timers->deadline - now > INT32_MAX ? INT32_MAX :
	    (int)(timers->deadline - now);
}

int
loop_run_once(int max_wait_ms)
{
	struct epoll_event ev[LOOP_MAX_EVENTS];
	int timeout, n;

	if (before_sleep != NULL)
		before_sleep(before_sleep_arg);
	timeout = next_timeout();
	if (max_wait_ms >= 0 && (timeout == -1 || timeout > max_wait_ms))
		timeout = max_wait_ms;
	n = epoll_wait(epfd, ev, LOOP_MAX_EVENTS, timeout);
	if (n == -1 && errno != EINTR) {
		log_warn("epoll_wait: %m");
		return -1;
	}
	in_round = true;
	for (int i = 0; i < n; i++) {
		struct loop_watch *w = ev[i].data.ptr;

		if (w->cb != NULL)
			w->cb(w->fd, ev[i].events, w->arg);
	}
	run_timers();
	in_round = false;
	free_removed();
	return n < 0 ? 0 : n;
}

int
loop_run(void)
{
	running = true;
	while (running)
		if (loop_run_once(-1) == -1)
			return -1;
	return 0;
}

void
loop_stop(void)
{
	running = false;
}

void
loop_set_before_sleep(void (*fn)(void *arg), void *arg)
{
	before_sleep = fn;
	before_sleep_arg = arg;
}
