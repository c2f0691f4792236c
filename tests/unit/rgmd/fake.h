/* SPDX-License-Identifier: MIT */
/*
 * fake.h - the fakes the rgmd unit runner links instead of rgmd/loop.c and
 * rgmd/launcher.c: a clock that moves only when a test advances it (timers
 * fire then, in order), and a launcher that records each method run and
 * ends it when the test says how it ended. With them engine.c, monitor.c,
 * cmd*.c and pmf.c run in the unit runner, without rgmd's main.
 */
#ifndef TU_FAKE_H
#define TU_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- clock and loop ---- */
/* Move the clock by ms, firing the timers that come due, in order. */
void	fake_loop_advance(uint64_t ms);
/* Timers pending. */
size_t	fake_loop_timers(void);
/* Drop every timer and fd, clock back to 0 (between tests). */
void	fake_loop_reset(void);

/* ---- launcher ---- */
struct fake_run {
	pid_t	 pid;
	char	 method[32];
	char	 res[128];	/* "resource" of the context */
	int	 timeout;
};

/* Runs started and not ended yet, oldest first. */
size_t	fake_launcher_pending(void);
const struct fake_run *fake_launcher_run(size_t i);
/* End the oldest pending run: exit code, or timed out. 0, or -1 when no
 * run is pending. The callback runs before this returns. */
int	fake_launcher_exit(int code);
int	fake_launcher_time_out(void);
/* Describes (launcher_describe) not ended yet. */
size_t	fake_launcher_describes(void);
/* End the oldest pending describe with rc, methods and err (for rc -1);
 * its callback runs before this returns. 0, or -1 when none is pending. */
int	fake_launcher_describe_end(int rc, unsigned int methods,
	    const char *err);
/* End pending describes (every method) and runs with 0 until none is
 * left or max ended; the count. */
size_t	fake_launcher_succeed_all(size_t max);
/* The commands launcher_spawn_command ran: "what:cmd" lines. */
const char *fake_launcher_commands(void);
/* Every run started since the last reset: "res:method res:method ..." */
const char *fake_launcher_calls(void);
/* The next launcher_run fails (returns -1). */
void	fake_launcher_fail_next(void);
/* Forget every run (their callbacks are not called). */
void	fake_launcher_reset(void);

#endif
