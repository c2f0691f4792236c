// SPDX-License-Identifier: MIT
/*
 * fake_loop.c - rgmd/loop.h for the unit runner: no epoll and no real
 * time. File descriptors are accepted and ignored; timers fire only when
 * a test moves the clock with fake_loop_advance(), in due order.
 */
#include <stdlib.h>

#include "fake.h"
#include "loop.h"

struct loop_timer {
	uint64_t	 due;
	loop_timer_cb	 cb;
	void		*arg;
	struct loop_timer *next;
};

static struct loop_timer *timers;
static uint64_t now;

int
loop_init(void)
{
	return 0;
}

int
loop_add_fd(int fd, uint32_t events, loop_fd_cb cb, void *arg)
{
	(void)fd;
	(void)events;
	(void)cb;
	(void)arg;
	return 0;
}

void
loop_del_fd(int fd)
{
	(void)fd;
}

struct loop_timer *
loop_timer_add(uint64_t ms, loop_timer_cb cb, void *arg)
{
	struct loop_timer *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->due = now + ms;
	t->cb = cb;
	t->arg = arg;
	t->next = timers;
	timers = t;
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

uint64_t
loop_now_ms(void)
{
	return now;
}

int
loop_run(void)
{
	return 0;
}

void
loop_stop(void)
{
}

void
loop_set_before_sleep(void (*fn)(void *arg), void *arg)
{
	(void)fn;
	(void)arg;
}

/* The earliest timer due at or before until, or NULL. */
static struct loop_timer *
next_due(uint64_t until)
{
	struct loop_timer *best = NULL;

	for (struct loop_timer *t = timers; t; t = t->next)
		if (t->due <= until && (best == NULL || t->due < best->due))
			best = t;
	return best;
}

void
fake_loop_advance(uint64_t ms)
{
	uint64_t until = now + ms;
	struct loop_timer *t;

	while ((t = next_due(until)) != NULL) {
		loop_timer_cb cb = t->cb;
		void *arg = t->arg;

		if (t->due > now)
			now = t->due;
		loop_timer_cancel(t);
		cb(arg);
	}
	now = until;
}

size_t
fake_loop_timers(void)
{
	size_t n = 0;

	for (struct loop_timer *t = timers; t; t = t->next)
		n++;
	return n;
}

void
fake_loop_reset(void)
{
	while (timers != NULL)
		loop_timer_cancel(timers);
	now = 0;
}
