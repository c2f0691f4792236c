/* SPDX-License-Identifier: MIT */
/*
 * loop.h - rgmd's single event loop: file descriptors (epoll) and timers.
 * Child processes are watched through their pidfd like any other fd.
 */
#ifndef RGM_LOOP_H
#define RGM_LOOP_H

#include <stdint.h>

typedef void (*loop_fd_cb)(int fd, uint32_t events, void *arg);
typedef void (*loop_timer_cb)(void *arg);

struct loop_timer;

int	loop_init(void);
int	loop_add_fd(int fd, uint32_t events, loop_fd_cb cb, void *arg);
void	loop_del_fd(int fd);
struct loop_timer *loop_timer_add(uint64_t ms, loop_timer_cb cb, void *arg);
void	loop_timer_cancel(struct loop_timer *t);
uint64_t loop_now_ms(void);
int	loop_run(void);
void	loop_stop(void);
/* Called once per round, before the loop waits (rgmd stores its state
 * there, once for all the changes of the round). */
void	loop_set_before_sleep(void (*fn)(void *arg), void *arg);

#endif
