/* SPDX-License-Identifier: MIT */
/*
 * loop.h - rgmd's single event loop: file descriptors (epoll) and timers.
 * Child processes are watched through their pidfd like any other fd.
 * A watch removed by a callback gets no further event, not even one that
 * the same epoll_wait returned (see loop.c).
 */
#ifndef RGM_LOOP_H
#define RGM_LOOP_H

#include <stdint.h>

typedef void (*loop_fd_cb)(int fd, uint32_t events, void *arg);
typedef void (*loop_timer_cb)(void *arg);

struct loop_timer;

int	loop_init(void);
/* Forget every watch and timer and close the epoll set (tests, exit). */
void	loop_fini(void);
int	loop_add_fd(int fd, uint32_t events, loop_fd_cb cb, void *arg);
/* New event mask for a watched fd; -1 with errno (ENOENT: not watched). */
int	loop_mod_fd(int fd, uint32_t events);
void	loop_del_fd(int fd);
struct loop_timer *loop_timer_add(uint64_t ms, loop_timer_cb cb, void *arg);
/* Cancel a pending timer (from its own callback: nothing to do). */
void	loop_timer_cancel(struct loop_timer *t);
uint64_t loop_now_ms(void);
/* One round: wait for events (at most max_wait_ms, -1 for no limit but
 * the timers), dispatch them, run the due timers. Events or -1. */
int	loop_run_once(int max_wait_ms);
/* Rounds until loop_stop; 0, or -1 when epoll fails. */
int	loop_run(void);
void	loop_stop(void);
/* Called once per round, before the loop waits (rgmd stores its state
 * there, once for all the changes of the round). */
void	loop_set_before_sleep(void (*fn)(void *arg), void *arg);

#endif
