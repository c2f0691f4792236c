/* SPDX-License-Identifier: MIT */
/*
 * tu.h - helpers of the dsdl unit tests ($(B)/tests/unit/dsdl): where the
 * build tree is, scratch directories, and running the real rgmd-runner
 * the way rgmd does (own process group, method context on a memfd as
 * fd 3, stdout and stderr captured in memfds).
 */
#ifndef TU_H
#define TU_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define TU_WAIT_MS	30000	/* a test never waits longer for a process */

struct tu_proc {
	pid_t	pid;
	int	out;		/* memfd: the runner's stdout */
	int	err;		/* memfd: the runner's stderr */
	int	status;		/* wait status once reaped */
	char	outbuf[4096];
	char	errbuf[8192];
};

/* $(B), found from /proc/self/exe ($(B)/tests/unit/dsdl). */
const char *tu_build(void);
/* $(B)/rel into buf; aborts the test program if it does not fit. */
const char *tu_path(char *buf, size_t len, const char *rel);
/* A new scratch directory under /tmp, and its recursive removal. */
char *tu_mkdtemp(void);
void tu_rmrf(char *dir);
/* A memfd holding text, at offset 0. */
int tu_memfd(const char *text);
/* Read fd from offset 0 into buf (NUL-terminated). */
void tu_read_all(int fd, char *buf, size_t len);

/*
 * A method context for METHOD on resource "r1" of group "g1", type TYPE,
 * with the given timeout, state_dir and the bodies of r_props and x_props.
 */
void tu_context(char *buf, size_t len, const char *method, int timeout,
    const char *state_dir, const char *type, const char *r_props,
    const char *x_props);

/* Start `rgmd-runner ARG1 MODULE` with ctx (may be NULL) on fd 3. */
int tu_spawn(struct tu_proc *p, const char *arg1, const char *module,
    const char *ctx);
/* The same with chan (-1: none, fd 4 closed) as the runner's fd 4. */
int tu_spawn_chan(struct tu_proc *p, const char *arg1, const char *module,
    const char *ctx, int chan);
/* Wait (at most ms); on time-out kill its group. Reads the outputs. */
int tu_wait(struct tu_proc *p, int ms);
/* spawn + wait; returns the exit code, 128+signal, or -1. */
int tu_run(struct tu_proc *p, const char *arg1, const char *module,
    const char *ctx);

/*
 * The fake rgmd of fake_rgmd.c: the channel's other end, a minimal PMF
 * whose daemons persist across runner launches, the last status set, and
 * the text of every request of the last launch ("|" after each).
 */
#define TU_TAGS	8
struct tu_tag {
	char	name[64];	/* kind.instance */
	pid_t	pid;		/* > 0 while it may run */
	pid_t	pgid;		/* during a stop */
	int	restarts;
};
struct tu_rgmd {
	int		fd;
	pthread_t	thr;
	struct tu_tag	tags[TU_TAGS];
	char		status[32];
	char		log[16384];
};
/* A new channel served by a thread; returns the runner's end. */
int tu_rgmd_begin(struct tu_rgmd *r);
/* Wait for the serving thread (the runner has closed its end). */
void tu_rgmd_end(struct tu_rgmd *r);
/* SIGKILL every daemon of the fake PMF and forget everything. */
void tu_rgmd_reset(struct tu_rgmd *r);
/* tu_run with the fake rgmd on fd 4. */
int tu_run_rgmd(struct tu_proc *p, struct tu_rgmd *r, const char *arg1,
    const char *module, const char *ctx);

/* True if pid exists and is not a zombie. */
bool tu_alive(pid_t pid);
/* Poll until pred(arg) or ms pass. */
bool tu_wait_until(bool (*pred)(const void *), const void *arg, int ms);
/* Read an int from a file (first number), -1 if none. */
long tu_read_long(const char *path);
/* Whole file into buf; -1 if it cannot be read. */
int tu_read_file(const char *path, char *buf, size_t len);
bool tu_file_exists(const void *path);

/* Suites. */
int test_ctx_register(void);
int test_run_register(void);
int test_runner_register(void);
int test_gds_register(void);
int test_chan_register(void);
int test_probe_register(void);
int test_pmf_types_register(void);

#endif /* TU_H */
