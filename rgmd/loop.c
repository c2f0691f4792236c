// SPDX-License-Identifier: MIT
/*
 * loop.c - the event loop of rgmd: one epoll set and a sorted list of
 * timers. Callbacks run one at a time in the main thread; there are no
 * other threads. Timers are few (one per running method), so a sorted
 * linked list is enough.
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
	loop_fd_cb	 cb;
	void		*arg;
	struct loop_watch *next;
};

struct loop_timer {
	uint64_t	 deadline;
	loop_timer_cb	 cb;
	void		*arg;
	struct loop_timer *next;
};

static int epfd = -1;
static bool running;
static struct loop_watch *watches;
static struct loop_timer *timers;

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

void
loop_del_fd(int fd)
{
	for (struct loop_watch **p = &watches; *p; p = &(*p)->next) {
		if ((*p)->fd != fd)
			continue;
		struct loop_watch *w = *p;

		epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
		*p = w->next;
		/* An event for w may be pending in this round: disarm it. */
		w->cb = NULL;
		w->fd = -1;
		w->next = NULL;
		free(w);
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

/*
 * Dispatch one event. The watch may have been freed by an earlier
 * callback of the same round, so look it up in the live list first.
 */
static void
dispatch(struct loop_watch *w, uint32_t events)
{
	for (struct loop_watch *l = watches; l; l = l->next)
		if (l == w) {
			w->cb(w->fd, events, w->arg);
			return;
		}
}

int
loop_run(void)
{
	struct epoll_event ev[32];

	running = true;
	while (running) {
		int timeout = -1, n;

		if (before_sleep != NULL)
			before_sleep(before_sleep_arg);
		if (timers) {
			uint64_t now = loop_now_ms();

			timeout = timers->deadline > now ?
			    (int)(timers->deadline - now) : 0;
		}
		n = epoll_wait(epfd, ev, 32, timeout);
		if (n == -1 && errno != EINTR) {
			log_warn("epoll_wait: %m");
			return -1;
		}
		for (int i = 0; i < n; i++)
			dispatch(ev[i].data.ptr, ev[i].events);
		run_timers();
	}
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
